"""Finalize: what is still missing (click to go there), what will be signed (score, grade,
red-line failures, open findings), then sign-off; afterwards the report, the export and
amending.

Everything here belongs to ONE inspection: when another inspection (or another revision)
is shown, every field is reset from that inspection's own record, and the signature pad is
always cleared. A mystery-shopper visit has no branch-manager sign-off (the shopper is
covert), so its manager rows are not shown at all.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
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
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inspector.domain import numbers
from inspector.domain.checklist import Mode
from inspector.domain.states import FindingStatus
from inspector.services.views.runner import InspectionState
from inspector.ui import theme
from inspector.ui.signature import SignaturePad

log = logging.getLogger(__name__)

MANAGER_SAVE_DELAY_MS = 800
KEEP_DELAY_MS = 50  # the name typed is kept durable this soon (services/typed.py)
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2


class FinalizePanel(QWidget):
    """Signals:
    missing_activated(str, str): (kind, item id or "") the user wants to fix.
    finalize_requested(str, str, object): (inspector, manager name, signature PNG or None).
    amend_requested(str): the reason for a new revision.
    manager_edited(str): the manager's name after a pause in typing (saved on the draft).
    manager_typed(str): the name a moment after each keystroke (kept durable until saved).
    report_requested(), export_requested(): the buttons of a finalized inspection.
    recheck_requested(): start a re-check of this (finalized) inspection's findings.
    """

    missing_activated = Signal(str, str)
    finalize_requested = Signal(str, str, object)
    amend_requested = Signal(str)
    manager_edited = Signal(str)
    manager_typed = Signal(str)
    report_requested = Signal()
    export_requested = Signal()
    recheck_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: InspectionState | None = None
        self._lang = "zh"
        self._shown: tuple[str, int] | None = None  # (uuid, revision) the fields belong to
        self._saved_manager = ""
        self._manager_timer = QTimer(self)
        self._manager_timer.setSingleShot(True)
        self._manager_timer.setInterval(MANAGER_SAVE_DELAY_MS)
        self._manager_timer.timeout.connect(self._commit_manager)
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_DELAY_MS)
        self._keep_timer.timeout.connect(self._keep_manager)
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
        self.manager_edit.textEdited.connect(lambda _: self._manager_timer.start())
        self.manager_edit.textEdited.connect(lambda _: self._keep_timer.start())
        # A name typed here settles the "manager" gap at once (it is signed with it).
        self.manager_edit.textChanged.connect(lambda _: self._update_finalize_enabled())
        self.summary_label = QLabel()
        self.summary_label.setObjectName("panel")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setContentsMargins(14, 10, 14, 10)
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.covert_label = QLabel(
            self.tr(
                "Mystery-shopper visit: nobody at the branch signs it (the visit is covert). "
                "Only the inspector signs off."
            )
        )
        self.covert_label.setObjectName("hint")
        self.covert_label.setWordWrap(True)
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
        self.form = form
        self.sign_box = QFrame()
        self.sign_box.setObjectName("panel")
        sign_lay = QVBoxLayout(self.sign_box)
        sign_lay.setContentsMargins(18, 14, 18, 16)
        caption = QLabel(self.tr("Sign-off"))
        caption.setObjectName("sectionTitle")
        sign_lay.addWidget(caption)
        sign_lay.addWidget(self.covert_label)
        sign_lay.addLayout(form)
        sign_lay.addWidget(self.finalize_button, 0, Qt.AlignmentFlag.AlignRight)

        self.done_label = QLabel()
        self.done_label.setObjectName("banner")
        self.done_label.setWordWrap(True)
        # Its text height, not the page's: the summary and buttons stay near the top.
        self.done_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.amend_button = QPushButton(self.tr("Amend (new revision)…"))
        self.amend_button.clicked.connect(self._amend_clicked)
        # A finalized inspection is what goes to HQ: its report and package are one click away.
        self.report_button = QPushButton(self.tr("Report (PDF)…  [Ctrl+P]"))
        self.report_button.setObjectName("primary")
        self.report_button.clicked.connect(self.report_requested)
        self.export_button = QPushButton(self.tr("Export package…  [Ctrl+E]"))
        self.export_button.clicked.connect(self.export_requested)
        self.recheck_button = QPushButton(self.tr("Start a re-check…"))
        self.recheck_button.clicked.connect(self.recheck_requested)
        done_buttons = QVBoxLayout()
        done_buttons.addWidget(self.report_button)
        done_buttons.addWidget(self.export_button)
        done_buttons.addWidget(self.recheck_button)
        done_buttons.addWidget(self.amend_button)
        done_buttons.addStretch(1)
        self.done_buttons = (
            self.report_button,
            self.export_button,
            self.recheck_button,
            self.amend_button,
        )
        done_row = QHBoxLayout()
        done_row.addWidget(self.done_label, 1)
        done_row.addLayout(done_buttons)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(12)
        lay.addLayout(done_row)
        lay.addWidget(self.summary_label)
        lay.addWidget(self.missing_title)
        lay.addWidget(self.missing_hint)
        lay.addWidget(self.missing_view, 1)
        lay.addWidget(self.sign_box)
        self.done_spacer = QWidget()  # takes the room of the hidden lists once signed
        self.done_spacer.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        lay.addWidget(self.done_spacer, 1)

    def reset(self) -> None:
        """Forget everything of the inspection shown before (called when another opens)."""
        self._manager_timer.stop()
        self._keep_timer.stop()
        self._state = None
        self._shown = None
        self._saved_manager = ""
        self.inspector_edit.clear()
        self.manager_edit.clear()
        self.signature.clear()
        self.missing_model.clear()
        self.summary_label.clear()

    def update_state(self, state: InspectionState, lang: str, inspector_name: str) -> None:
        key = (state.uuid, state.revision)
        if key != self._shown:
            # Another inspection or revision: nothing typed, drawn or stored for the one
            # before may stay on screen (a signature is never carried over or prefilled).
            self.reset()
            self._shown = key
            self.inspector_edit.setText(state.inspector or inspector_name)
            self.manager_edit.setText(state.manager_name or "")
            self._saved_manager = state.manager_name or ""
        elif not self._manager_timer.isActive() and not self.manager_edit.hasFocus():
            self.manager_edit.setText(state.manager_name or "")
            self._saved_manager = state.manager_name or ""
        self._state, self._lang = state, lang
        self.missing_model.clear()
        for m in state.missing:
            # The app's words name the item by its text, as the checklist tab lists it.
            text = f"→  {m.message(lang)}" if m.item_id else f"•  {m.message(lang)}"
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
        self._update_finalize_enabled()
        mystery = state.mode == Mode.MYSTERY
        self.covert_label.setVisible(mystery)
        self.form.setRowVisible(self.manager_edit, not mystery)
        self._set_signature_row_visible(not mystery)
        self.summary_label.setText(self.summary_html())
        self.done_label.setVisible(finalized)
        self.done_spacer.setVisible(finalized or not n)
        for b in self.done_buttons:
            b.setVisible(finalized)
        open_findings = [f for f in state.findings if f.status == FindingStatus.OPEN]
        self.recheck_button.setEnabled(bool(open_findings))
        self.recheck_button.setToolTip(
            self.tr(
                "A new inspection of this branch with the same checklist; finalizing it "
                "closes every open finding it finds passed."
            )
            if open_findings
            else self.tr("No open finding to re-check.")
        )
        if finalized:
            text = self.tr("Finalized by {0}; read-only. Amending creates revision {1}.").format(
                state.finalized_by or "", state.revision + 1
            )
            if state.manager_name and not mystery:
                text += " " + self.tr("Acknowledged by {0}.").format(state.manager_name)
            self.done_label.setText(text)

    def _update_finalize_enabled(self) -> None:
        """Sign-off is possible when nothing is missing; the manager's name counts as
        given as soon as it is typed (it is saved and signed with the sign-off)."""
        st = self._state
        if st is None or st.read_only:
            self.finalize_button.setEnabled(False)
            return
        named = bool(self.manager_edit.text().strip())
        left = [m for m in st.missing if not (m.kind == "manager" and named)]
        self.finalize_button.setEnabled(not left)

    def _set_signature_row_visible(self, visible: bool) -> None:
        # The signature row is a layout (pad + clear button): hide it by its label and items.
        for row in range(self.form.rowCount()):
            field = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            lay = field.layout() if field is not None else None
            if lay is not None and lay.indexOf(self.signature) >= 0:
                self.form.setRowVisible(row, visible)

    def summary_lines(self) -> list[str]:
        """What will be signed (or was): score and grade, red-line failures, open findings."""
        st = self._state
        if st is None:
            return []
        lang = self._lang
        s = st.score
        lines: list[str] = []
        if st.scores_hidden and not st.read_only:
            lines.append(self.tr("Score and grade: hidden in this mode until sign-off"))
        else:
            grade = st.checklist.grade(s.grade)
            verdict = self.tr("passed") if s.passed else self.tr("NOT passed")
            lines.append(
                self.tr("Score {0} · grade {1} · {2}").format(
                    numbers.score(s.total), grade.label.get(lang), verdict
                )
            )
        index = st.checklist.item_index()
        sep = self.tr("; ", "between the names of a list")
        if s.veto_failed:
            names = sep.join(index[i].text.get(lang) for i in s.veto_failed)
            lines.append(self.tr("Red-line failures ({0}): {1}").format(len(s.veto_failed), names))
        else:
            lines.append(self.tr("Red-line failures: none"))
        open_findings = [f for f in st.findings if f.status == FindingStatus.OPEN]
        if open_findings:
            names = sep.join(index[f.item_id].text.get(lang) for f in open_findings[:8])
            more = "…" if len(open_findings) > 8 else ""
            lines.append(
                self.tr("Open findings ({0}): {1}").format(len(open_findings), names + more)
            )
        else:
            lines.append(self.tr("Open findings: none"))
        return lines

    def summary_html(self) -> str:
        lines = self.summary_lines()
        if not lines:
            return ""
        st = self._state
        title = self.tr("What is signed") if st and st.read_only else self.tr("What you sign")
        body = "<br>".join(_esc(x) for x in lines)
        colour = theme.FAIL if st and st.score.veto_failed else theme.TEXT
        return f"<b>{_esc(title)}</b><br><span style='color:{colour}'>{body}</span>"

    def _commit_manager(self) -> None:
        self._manager_timer.stop()
        name = self.manager_edit.text().strip()
        if self._state is None or self._state.read_only or name == self._saved_manager:
            return
        self._saved_manager = name
        self.manager_edited.emit(name)

    def _keep_manager(self) -> None:
        if self._state is not None and not self._state.read_only:
            self.manager_typed.emit(self.manager_edit.text())

    def flush(self) -> None:
        """Save the manager's name being typed now (navigation, closing, sign-off)."""
        self._keep_timer.stop()
        if self._manager_timer.isActive():
            self._commit_manager()

    def _clicked(self, index: QModelIndex) -> None:
        self.missing_activated.emit(str(index.data(KIND_ROLE)), str(index.data(ITEM_ROLE)))

    def _finalize_clicked(self) -> None:
        by = self.inspector_edit.text().strip()
        if not by:
            QMessageBox.warning(self, self.tr("Finalize"), self.tr("Enter the inspector's name."))
            self.inspector_edit.setFocus()
            return
        mystery = self._state is not None and self._state.mode == Mode.MYSTERY
        question = self.tr(
            "Finalize this inspection? It becomes read-only; later changes need an "
            "amendment with a reason."
        )
        answer = QMessageBox.question(
            self,
            self.tr("Finalize"),
            question + "\n\n" + "\n".join(self.summary_lines()),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if mystery:
            self.finalize_requested.emit(by, "", None)
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


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
