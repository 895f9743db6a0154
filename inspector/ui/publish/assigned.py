"""The home screen's "Assigned to me": HQ's plan lines for this inspector, overdue first."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.domain.states import PlanState
from inspector.services.publish.plan_status import PlanItem
from inspector.services.publish.screens import assigned
from inspector.ui import theme

log = logging.getLogger(__name__)

_COLORS = {
    PlanState.OVERDUE: theme.FAIL,
    PlanState.DUE: theme.PRIMARY,
    PlanState.IN_PROGRESS: theme.PARTIAL,
    PlanState.DONE: theme.PASS,
}
# At most this many rows tall; more lines scroll inside the panel.
VISIBLE_ROWS = 5


class AssignedPanel(QWidget):
    """Signals:
    start_requested(object): start the inspection of this :class:`PlanItem`.
    open_requested(str): open the inspection (uuid) that is doing or did a line.
    """

    start_requested = Signal(object)
    open_requested = Signal(str)

    def __init__(self, db: Database, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.lang = db, lang
        self.items: list[PlanItem] = []
        self.title = QLabel(self.tr("Assigned to me"))
        self.title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.start_button = QPushButton(self.tr("Start inspection"))
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self._activate_selected)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.start_button)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Status"),
                self.tr("Due"),
                self.tr("Branch"),
                self.tr("Checklist"),
                self.tr("Mode"),
                self.tr("Scenario / wave"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self._activate_selected())
        self.table.itemSelectionChanged.connect(self._update_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addLayout(top)
        lay.addWidget(self.table)

    def _state_text(self, state: PlanState) -> str:
        return {
            PlanState.OVERDUE: self.tr("Overdue"),
            PlanState.DUE: self.tr("To do"),
            PlanState.IN_PROGRESS: self.tr("In progress"),
            PlanState.DONE: self.tr("Done"),
        }[state]

    def _mode_text(self, mode: Mode) -> str:
        return self.tr("Mystery shopper") if mode == Mode.MYSTERY.value else self.tr("On-site")

    def reload(self, me: str) -> None:
        """The lines for ``me``; the panel hides itself when HQ assigned nothing."""
        try:
            self.items = assigned(self.db, me)
        except Exception:  # the list is a convenience: a failure must not block the home
            log.exception("assigned inspections not readable")
            self.items = []
        self.table.setRowCount(len(self.items))
        for r, x in enumerate(self.items):
            branch = f"{x.branch}  {x.branch_name}".strip()
            extra = " · ".join(v for v in (x.scenario_title(self.lang), x.wave) if v)
            values = [
                self._state_text(x.state),
                x.due.isoformat(),
                branch,
                x.title(self.lang),
                self._mode_text(x.mode),
                extra,
            ]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 0:
                    item.setForeground(QBrush(QColor(_COLORS[x.state])))
                self.table.setItem(r, c, item)
        open_count = sum(1 for x in self.items if x.state in (PlanState.OVERDUE, PlanState.DUE))
        overdue = sum(1 for x in self.items if x.state == PlanState.OVERDUE)
        self.summary.setText(
            self.tr("{0} to do, {1} overdue").format(open_count, overdue) if self.items else ""
        )
        rows = min(max(len(self.items), 1), VISIBLE_ROWS)
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 4
        )
        if self.items:
            self.table.selectRow(0)
        self.setVisible(bool(self.items))
        self._update_button()

    def selected(self) -> PlanItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        i = rows[0].row()
        return self.items[i] if 0 <= i < len(self.items) else None

    def _update_button(self) -> None:
        x = self.selected()
        self.start_button.setEnabled(x is not None)
        self.start_button.setText(
            self.tr("Open inspection")
            if x is not None and x.inspection is not None
            else self.tr("Start inspection")
        )

    def _activate_selected(self) -> None:
        x = self.selected()
        if x is None:
            return
        if x.inspection is not None:
            self.open_requested.emit(x.inspection)
        else:
            self.start_requested.emit(x)


class PlanNote(QLabel):
    """What HQ's plan line says, shown in the new-inspection dialog it pre-filled."""

    def __init__(
        self, item: PlanItem, scenario_title: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hint")
        self.setWordWrap(True)
        parts = [self.tr("Assigned by HQ's plan, due {0}").format(item.due.isoformat())]
        if item.scenario:
            parts.append(self.tr("scenario {0}").format(scenario_title or item.scenario))
        if item.wave:
            parts.append(self.tr("wave {0}").format(item.wave))
        self.setText(self.tr("{0}.").format(self.tr(", ").join(parts)))
