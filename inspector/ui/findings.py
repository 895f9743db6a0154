"""Findings and rectification: every failed item, with action, owner, deadline, severity."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.domain import timefmt
from inspector.domain.checklist import Checklist
from inspector.domain.states import FindingStatus, Severity
from inspector.services.views.runner import FindingRow, InspectionState
from inspector.ui import theme
from inspector.ui.models.table import Column, RowsTableModel
from inspector.ui.summary import KEEP_DELAY_MS

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
SEVERITIES = tuple(Severity)
SEVERITY_COLOURS: dict[str, str] = {Severity.HIGH: theme.FAIL, Severity.MEDIUM: theme.PARTIAL}


class FindingsModel(RowsTableModel[FindingRow]):
    COL_ITEM, COL_SEVERITY, COL_ACTION, COL_OWNER, COL_DEADLINE = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checklist: Checklist | None = None
        self._lang = "zh"
        fg = Qt.ItemDataRole.ForegroundRole
        self.set_columns(
            [
                Column(
                    self.tr("Item"),
                    self._item_text,
                    tooltip=lambda f: (
                        f.item_id + (f"\n{self.repeat_text(f)}" if f.repeat_of else "")
                    ),
                    roles={fg: lambda f: QBrush(QColor(theme.FAIL)) if f.repeat_of else None},
                ),
                Column(
                    self.tr("Severity"),
                    lambda f: self.severity_label(f.severity),
                    roles={
                        fg: lambda f: QBrush(QColor(SEVERITY_COLOURS.get(f.severity, theme.MUTED)))
                    },
                ),
                Column(self.tr("Rectification action"), lambda f: f.action or "—"),
                Column(self.tr("Owner"), lambda f: f.owner or "—"),
                Column(
                    self.tr("Deadline"), lambda f: f.deadline.isoformat() if f.deadline else "—"
                ),
            ]
        )

    def severity_label(self, sev: str) -> str:
        labels: dict[str, str] = {
            Severity.HIGH: self.tr("High (fix now)"),
            Severity.MEDIUM: self.tr("Medium (fix by deadline)"),
            Severity.LOW: self.tr("Low (improve)"),
        }
        return labels.get(sev, sev)

    def set_findings(self, rows: list[FindingRow], checklist: Checklist | None, lang: str) -> None:
        """Rows with the checklist and language their item texts come from."""
        self._checklist, self._lang = checklist, lang
        self.set_rows(rows)

    def _item_text(self, f: FindingRow) -> str:
        text = f.item_id
        items = self._checklist.item_index() if self._checklist else {}
        if f.item_id in items:
            text = items[f.item_id].text.get(self._lang)
        if f.repeat_of:
            text = self.tr("[Repeat] %1").replace("%1", text)
        return text

    def repeat_text(self, f: FindingRow) -> str:
        """屡查屡犯: which earlier inspection had the same finding, and what that changed."""
        when = f.repeat_started.isoformat() if f.repeat_started else "?"
        return (
            self.tr(
                "Repeat finding: the previous inspection on %1 (%2) found the same; "
                "severity raised one level."
            )
            .replace("%1", when)
            .replace("%2", (f.repeat_of or "")[:8])
        )


class FindingsPanel(QWidget):
    """The findings table with an editor for the selected finding; every edit is saved.

    Signals:
        finding_edited(str, dict): (item id, changed fields) to commit.
        item_requested(str): open the item in the runner (double-click).
        recheck_requested(str): (item id) re-check this finding of a finalized inspection.
        action_typed(str, str): (item id, action) a moment after each keystroke: kept
            durable until the action is saved.
    """

    finding_edited = Signal(str, dict)
    item_requested = Signal(str)
    recheck_requested = Signal(str)
    action_typed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = "zh"
        self._read_only = False
        self._loading = False
        self._pending: dict[str, object] = {}  # typed fields waiting for their pause
        self._pending_item: str | None = None  # ... and the finding they were typed for
        self.model = FindingsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FindingsModel.COL_ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FindingsModel.COL_ACTION, QHeaderView.ResizeMode.Stretch)
        for c in (FindingsModel.COL_SEVERITY, FindingsModel.COL_OWNER, FindingsModel.COL_DEADLINE):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.doubleClicked.connect(self._double_clicked)

        self.empty_label = QLabel(self.tr("No findings: every answered item passes."))
        self.empty_label.setObjectName("hint")

        self.title_label = QLabel()
        self.title_label.setObjectName("itemText")
        self.title_label.setWordWrap(True)
        self.severity_combo = QComboBox()
        for sev in SEVERITIES:
            self.severity_combo.addItem(self.model.severity_label(sev), sev)
        self.action_edit = QPlainTextEdit()
        self.action_edit.setMaximumHeight(80)
        self.action_edit.setPlaceholderText(self.tr("What the branch must do"))
        self.owner_edit = QLineEdit()
        self.owner_edit.setPlaceholderText(self.tr("Who is responsible"))
        self.deadline_edit = QDateEdit()
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd")
        self.severity_combo.activated.connect(
            lambda _: self._emit({"severity": self.severity_combo.currentData()})
        )
        # Typing is saved after a short pause (and on leaving the field), like notes.
        self.owner_edit.textChanged.connect(self._owner_changed)
        self.owner_edit.editingFinished.connect(self._flush_action)
        self.answer_label = QLabel()
        self.answer_label.setObjectName("hint")
        self.answer_label.setWordWrap(True)
        self.deadline_edit.dateChanged.connect(
            lambda d: self._emit({"deadline": date(d.year(), d.month(), d.day())})
        )
        self.action_edit.textChanged.connect(self._action_changed)
        # Typing is saved after a short pause, like notes: no save button anywhere.
        self._action_timer = QTimer(self)
        self._action_timer.setSingleShot(True)
        self._action_timer.setInterval(800)
        self._action_timer.timeout.connect(self._flush_action)
        # ... and kept durable (unaudited) a moment after each keystroke.
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_DELAY_MS)
        self._keep_timer.timeout.connect(self._keep_action)

        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Severity"), self.severity_combo)
        form.addRow(self.tr("Action"), self.action_edit)
        form.addRow(self.tr("Owner"), self.owner_edit)
        form.addRow(self.tr("Deadline"), self.deadline_edit)
        # A finalized inspection's finding is followed up by a re-check, from here.
        self.recheck_button = QPushButton(self.tr("Re-check this finding…"))
        self.recheck_button.clicked.connect(self._recheck_clicked)
        self.recheck_button.hide()
        self.editor = QWidget()
        ed = QVBoxLayout(self.editor)
        ed.setContentsMargins(0, 8, 0, 0)
        ed.addWidget(self.title_label)
        ed.addWidget(self.answer_label)
        ed.addLayout(form)
        ed.addWidget(self.recheck_button, 0, Qt.AlignmentFlag.AlignLeft)

        intro = QLabel(
            self.tr(
                "Every failed item is a finding. Deadlines default by severity; "
                "double-click a row to open its item."
            )
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(10)
        lay.addWidget(intro)
        lay.addWidget(self.empty_label)
        lay.addWidget(self.table, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.editor, 1)
        lay.addLayout(bottom, 2)

    def reset(self) -> None:
        """Forget the inspection shown before (its rows, checklist and pending typing)."""
        self._action_timer.stop()
        self._keep_timer.stop()
        self._pending = {}
        self._pending_item = None
        self._shown = None
        self._state = None
        self._checklist = None
        self._loading = True
        try:
            self.model.set_findings([], None, self._lang)
        finally:
            self._loading = False

    def update_state(self, state: InspectionState, lang: str) -> None:
        self._lang = lang
        self._read_only = state.read_only
        # The checklist first: selecting a row below shows it, and its item ids belong to
        # this inspection's checklist, not to the one shown before.
        self._checklist = state.checklist
        self._state = state
        current = self.current_item_id()
        self._loading = True
        try:
            self.model.set_findings(state.findings, state.checklist, lang)
        finally:
            self._loading = False
        self.table.resizeRowsToContents()
        self.empty_label.setVisible(not state.findings)
        self.table.setVisible(bool(state.findings))
        self.editor.setVisible(bool(state.findings))
        rows = [f.item_id for f in state.findings]
        if rows:
            r = rows.index(current) if current in rows else 0
            self._loading = True
            try:
                self.table.selectRow(r)
            finally:
                self._loading = False
            self._show(self.model.row(r), state.checklist)
        else:
            self._shown = None
        for w in (self.severity_combo, self.owner_edit, self.deadline_edit):
            w.setEnabled(not state.read_only)
        self.action_edit.setReadOnly(state.read_only)

    def current_item_id(self) -> str | None:
        idx = self.table.currentIndex()
        if not idx.isValid() or idx.row() >= self.model.rowCount():
            return None
        return self.model.row(idx.row()).item_id

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._loading:
            self._flush_action()
            self._show(self.model.row(current.row()), self._checklist)

    def _recheck_clicked(self) -> None:
        if self._shown is not None:
            self.recheck_requested.emit(self._shown.item_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.item_requested.emit(self.model.row(index.row()).item_id)

    def _show(self, f: FindingRow, checklist: Checklist | None) -> None:
        self._loading = True
        try:
            index = checklist.item_index() if checklist else {}
            item = index.get(f.item_id)
            title = item.text.get(self._lang) if item is not None else f.item_id
            self.title_label.setText(title)
            self.answer_label.setText(self._answer_text(f.item_id))
            self.severity_combo.setCurrentIndex(max(0, self.severity_combo.findData(f.severity)))
            same = self._shown is not None and self._shown.item_id == f.item_id
            typing = same and "action" in self._pending
            if not typing and self.action_edit.toPlainText() != f.action:
                self.action_edit.setPlainText(f.action)
            if not (same and "owner" in self._pending) and self.owner_edit.text() != f.owner:
                self.owner_edit.setText(f.owner)
            d = f.deadline or timefmt.today()
            self.deadline_edit.setDate(QDate(d.year, d.month, d.day))
            self._shown = f
            self.recheck_button.setVisible(self._read_only)
            is_open = f.status == FindingStatus.OPEN
            self.recheck_button.setEnabled(self._read_only and is_open)
            self.recheck_button.setToolTip(
                self.tr(
                    "Start a new inspection of this branch that re-checks this item; "
                    "finalizing it closes the finding when the item passes."
                )
                if is_open
                else self.tr("This finding is closed.")
            )
        finally:
            self._loading = False

    _shown: FindingRow | None = None
    _checklist: Checklist | None = None
    _state: InspectionState | None = None

    def _answer_text(self, item_id: str) -> str:
        """The judgement and the value behind the finding: both are recorded, and which
        one counted is said (the judgement overrides the value)."""
        st = self._state
        if st is None or self._checklist is None:
            return ""
        ans = st.answers.get(item_id)
        if ans is None:
            return ""
        parts = []
        if ans.result is not None:
            word = {
                "pass": self.tr("pass"),
                "fail": self.tr("fail"),
                "na": self.tr("not applicable"),
            }[ans.result.value]
            parts.append(self.tr("Inspector's judgement: {0}").format(word))
        if ans.value is not None and not isinstance(ans.value, bool):
            item = self._checklist.item(item_id)
            unit = item.measure.unit.get(self._lang) if item.measure else ""
            shown = f"{ans.value:g}" if isinstance(ans.value, float) else str(ans.value)
            parts.append(self.tr("value: {0}").format(f"{shown} {unit}".strip()))
            if ans.result is not None:
                parts.append(self.tr("the judgement counts"))
        return " · ".join(parts)

    def _action_changed(self) -> None:
        if not self._loading and self._shown is not None:
            self._typed("action", self.action_edit.toPlainText())
            self._keep_timer.start()

    def _keep_action(self) -> None:
        self._keep_timer.stop()
        action = self._pending.get("action")
        if self._pending_item is not None and isinstance(action, str) and not self._read_only:
            self.action_typed.emit(self._pending_item, action)

    def _owner_changed(self, text: str) -> None:
        if not self._loading and self._shown is not None and not self._read_only:
            self._typed("owner", text)

    def _typed(self, key: str, value: str) -> None:
        assert self._shown is not None
        if self._pending_item not in (None, self._shown.item_id):
            self._flush_action()  # typing for another finding is still waiting: save it first
        self._pending_item = self._shown.item_id
        self._pending[key] = value
        self._action_timer.start()

    def _flush_action(self) -> None:
        """Save the typed action and owner (after the pause, or now) for the finding they
        were typed for, even if a refresh has shown another one since."""
        self._action_timer.stop()
        self._keep_timer.stop()  # saved now: nothing left to keep
        pending, self._pending = self._pending, {}
        item_id, self._pending_item = self._pending_item, None
        if not pending or item_id is None or self._read_only:
            return
        rows = self._state.findings if self._state is not None else []
        finding = next((f for f in rows if f.item_id == item_id), None)
        if finding is None:
            log.info("finding %s is gone (an undo?); its typed %s is not saved", item_id, pending)
            return
        changed = {k: v for k, v in pending.items() if getattr(finding, k) != v}
        if changed:
            if self._shown is not None and self._shown.item_id == item_id:
                self._shown = replace(self._shown, **changed)  # type: ignore[arg-type]
            self.finding_edited.emit(item_id, changed)

    def flush(self) -> None:
        self._flush_action()

    def _emit(self, fields: dict[str, object]) -> None:
        if self._loading or self._read_only or self._shown is None:
            return
        self._flush_action()
        self.finding_edited.emit(self._shown.item_id, fields)
