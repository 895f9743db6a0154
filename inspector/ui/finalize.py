"""Finalize: what is still missing (click to go there), then sign-off; amend afterwards."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.ui import theme
from inspector.ui.runner.state import InspectionState
from inspector.ui.signature import SignaturePad

log = logging.getLogger(__name__)

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2


class FinalizePanel(QWidget):
    """Signals:
    missing_activated(str, str): (kind, item id or "") the user wants to fix.
    finalize_requested(str, str, object): (inspector, manager name, signature PNG or None).
    amend_requested(str): the reason for a new revision.
    """

    missing_activated = Signal(str, str)
    finalize_requested = Signal(str, str, object)
    amend_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: InspectionState | None = None
        self.missing_model = QStandardItemModel(self)
        self.missing_view = QListView()
        self.missing_view.setModel(self.missing_model)
        self.missing_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.missing_view.setWordWrap(True)
        self.missing_view.clicked.connect(self._clicked)
        self.missing_title = QLabel()
        self.missing_title.setObjectName("itemText")
        self.missing_hint = QLabel(self.tr("Click a line to go straight to it."))
        self.missing_hint.setObjectName("hint")

        self.inspector_edit = QLineEdit()
        self.manager_edit = QLineEdit()
        self.manager_edit.setPlaceholderText(self.tr("Branch manager's name"))
        self.signature = SignaturePad()
        self.clear_signature = QPushButton(self.tr("Clear signature"))
        self.clear_signature.clicked.connect(self.signature.clear)
        self.finalize_button = QPushButton(self.tr("Finalize and sign off"))
        self.finalize_button.setObjectName("primary")
        self.finalize_button.setMinimumHeight(46)
        self.finalize_button.clicked.connect(self._finalize_clicked)
        sig_row = QHBoxLayout()
        sig_row.addWidget(self.signature, 1)
        sig_row.addWidget(self.clear_signature, 0, Qt.AlignmentFlag.AlignBottom)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Inspector"), self.inspector_edit)
        form.addRow(self.tr("Branch manager (acknowledges)"), self.manager_edit)
        form.addRow(self.tr("Manager's signature (optional)"), sig_row)
        self.sign_box = QFrame()
        self.sign_box.setObjectName("panel")
        sign_lay = QVBoxLayout(self.sign_box)
        sign_lay.setContentsMargins(18, 14, 18, 16)
        caption = QLabel(self.tr("Sign-off"))
        caption.setObjectName("sectionTitle")
        sign_lay.addWidget(caption)
        sign_lay.addLayout(form)
        sign_lay.addWidget(self.finalize_button, 0, Qt.AlignmentFlag.AlignRight)

        self.done_label = QLabel()
        self.done_label.setObjectName("banner")
        self.done_label.setWordWrap(True)
        self.amend_button = QPushButton(self.tr("Amend (new revision)…"))
        self.amend_button.clicked.connect(self._amend_clicked)
        done_row = QHBoxLayout()
        done_row.addWidget(self.done_label, 1)
        done_row.addWidget(self.amend_button, 0, Qt.AlignmentFlag.AlignTop)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(12)
        lay.addLayout(done_row)
        lay.addWidget(self.missing_title)
        lay.addWidget(self.missing_hint)
        lay.addWidget(self.missing_view, 1)
        lay.addWidget(self.sign_box)

    def update_state(self, state: InspectionState, lang: str, inspector_name: str) -> None:
        self._state = state
        self.missing_model.clear()
        for m in state.missing:
            text = m.message(lang)
            if m.item_id:
                # The service's message names the item id; the inspector knows its text.
                item_text = state.checklist.item(m.item_id).text.get(lang)
                text = f"→  {item_text}    ·  {text}"
            else:
                text = f"•  {text}"
            row = QStandardItem(text)
            row.setData(m.kind, KIND_ROLE)
            row.setData(m.item_id or "", ITEM_ROLE)
            row.setForeground(QBrush(QColor(theme.FAIL)))
            self.missing_model.appendRow(row)
        n = len(state.missing)
        finalized = state.read_only
        self.missing_title.setText(
            self.tr("{0} thing(s) to do before sign-off").format(n)
            if n
            else self.tr("Everything required is done. Ready to sign off.")
        )
        for w in (self.missing_title, self.missing_hint, self.missing_view, self.sign_box):
            w.setVisible(not finalized)
        self.missing_hint.setVisible(bool(n) and not finalized)
        self.missing_view.setVisible(bool(n) and not finalized)
        self.finalize_button.setEnabled(n == 0 and not finalized)
        if not self.inspector_edit.text():
            self.inspector_edit.setText(state.inspector or inspector_name)
        if state.manager_name and not self.manager_edit.text():
            self.manager_edit.setText(state.manager_name)
        self.done_label.setVisible(finalized)
        self.amend_button.setVisible(finalized)
        if finalized:
            text = self.tr("Finalized by {0}; read-only. Amending creates revision {1}.").format(
                state.finalized_by or "", state.revision + 1
            )
            if state.manager_name:
                text += " " + self.tr("Acknowledged by {0}.").format(state.manager_name)
            self.done_label.setText(text)

    def _clicked(self, index: QModelIndex) -> None:
        self.missing_activated.emit(str(index.data(KIND_ROLE)), str(index.data(ITEM_ROLE)))

    def _finalize_clicked(self) -> None:
        by = self.inspector_edit.text().strip()
        if not by:
            QMessageBox.warning(self, self.tr("Finalize"), self.tr("Enter the inspector's name."))
            self.inspector_edit.setFocus()
            return
        answer = QMessageBox.question(
            self,
            self.tr("Finalize"),
            self.tr(
                "Finalize this inspection? It becomes read-only; later changes need an "
                "amendment with a reason."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.finalize_requested.emit(
            by, self.manager_edit.text().strip(), self.signature.png_bytes()
        )

    def _amend_clicked(self) -> None:
        reason, ok = QInputDialog.getText(
            self, self.tr("Amend"), self.tr("Why does this inspection need a new revision?")
        )
        if ok and reason.strip():
            self.amend_requested.emit(reason.strip())
