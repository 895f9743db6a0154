"""Home: the inspections list, searchable and filterable; open, duplicate, delete a draft."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.db import Database
from inspector.errors import UserError
from inspector.services import inspections as svc
from inspector.services.commands import inspections as commands
from inspector.services.views.home import home_view
from inspector.ui.errors import user_text
from inspector.ui.models.inspections import (
    HOME_LIMIT,
    InspectionFilterProxy,
    InspectionRow,
    InspectionTableModel,
)
from inspector.ui.publish.assigned import AssignedPanel
from inspector.ui.settings import AppSettings

log = logging.getLogger(__name__)

_NO_DATE = QDate(2000, 1, 1)


def _date_or_none(edit: QDateEdit) -> date | None:
    q = edit.date()
    if q <= _NO_DATE:
        return None
    return date(q.year(), q.month(), q.day())


class HomePage(QWidget):
    """Signals:
    open_requested(str): open inspection (uuid) in the runner.
    new_requested(): start a new inspection.
    hq_requested(): show the HQ view.
    inspections_changed(): a duplicate or delete was committed.
    """

    open_requested = Signal(str)
    new_requested = Signal()
    plan_start_requested = Signal(object)  # a PlanItem HQ assigned (issue 22)
    hq_requested = Signal()
    inspections_changed = Signal()

    def __init__(
        self, db: Database, settings: AppSettings, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.settings, self.lang = db, settings, lang
        self._total = 0  # current inspections matching the query (the list may hold fewer)
        self.limit = HOME_LIMIT
        self.model = InspectionTableModel(lang, self)
        self.proxy = InspectionFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        title = QLabel(self.tr("Inspections"))
        title.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        self.new_button = QPushButton(self.tr("+ New inspection"))
        self.new_button.setObjectName("primary")
        self.new_button.setMinimumHeight(40)
        self.new_button.clicked.connect(self.new_requested)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        self.hq_button = QPushButton(self.tr("HQ view"))
        self.hq_button.setMinimumHeight(40)
        self.hq_button.clicked.connect(self.hq_requested)
        top.addWidget(self.hq_button)
        top.addWidget(self.new_button)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search branch, checklist, inspector, grade…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._filters_changed)
        self.branch_combo = QComboBox()
        self.branch_combo.setMinimumWidth(200)
        # The branch is filtered in the query (the list holds the newest rows only).
        self.branch_combo.currentIndexChanged.connect(self.reload)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("All statuses"), "")
        self.status_combo.addItem(self.tr("Draft"), svc.DRAFT)
        self.status_combo.addItem(self.tr("Finalized"), svc.FINALIZED)
        self.status_combo.currentIndexChanged.connect(self._filters_changed)
        self.from_edit = self._date_edit()
        self.to_edit = self._date_edit()
        filters = QHBoxLayout()
        filters.setSpacing(10)
        filters.addWidget(self.search_edit, 2)
        filters.addWidget(self.branch_combo, 1)
        filters.addWidget(self.status_combo)
        filters.addWidget(QLabel(self.tr("From")))
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.to_edit)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(InspectionTableModel.COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(38)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(InspectionTableModel.COL_BRANCH, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            InspectionTableModel.COL_CHECKLIST, QHeaderView.ResizeMode.Stretch
        )
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.activated.connect(self._double_clicked)  # Enter on a row opens it too
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty_label = QLabel(self.tr("No inspections yet. Start one with “+ New inspection”."))
        self.empty_label.setObjectName("hint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("primary")
        self.duplicate_button = QPushButton(self.tr("Duplicate as new"))
        self.delete_button = QPushButton(self.tr("Delete draft…"))
        self.delete_button.setObjectName("danger")
        self.open_button.clicked.connect(self._open_selected)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.duplicate_button)
        actions.addStretch(1)
        actions.addWidget(self.delete_button)

        # HQ's plan for this inspector, overdue first (hidden when HQ assigned nothing).
        self.assigned = AssignedPanel(db, lang)
        self.assigned.start_requested.connect(self.plan_start_requested)
        self.assigned.open_requested.connect(self.open_requested)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(14)
        lay.addWidget(self.assigned)
        lay.addLayout(top)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty_label)
        lay.addLayout(actions)
        self._update_buttons()

    def _date_edit(self) -> QDateEdit:
        e = QDateEdit()
        e.setCalendarPopup(True)
        e.setDisplayFormat("yyyy-MM-dd")
        e.setMinimumDate(_NO_DATE)
        e.setSpecialValueText(self.tr("any date"))
        e.setDate(_NO_DATE)
        e.setMinimumWidth(130)
        e.dateChanged.connect(self._filters_changed)
        return e

    # ---------------------------------------------------------------- data
    def set_branch_filter(self, code: str) -> None:
        """Show only ``code``'s inspections (all branches if it has none here)."""
        self.branch_combo.setCurrentIndex(max(0, self.branch_combo.findData(code)))

    def reload(self) -> None:
        self.assigned.reload(self.settings.inspector_name())
        current = str(self.branch_combo.currentData() or "")
        view = home_view(self.db, current or None, limit=self.limit)
        rows, self._total = view.rows, view.total
        selected = self.selected_row()
        self.model.set_rows(rows)
        branches = sorted((b.code, b.name) for b in view.branches)
        self.branch_combo.blockSignals(True)
        self.branch_combo.clear()
        self.branch_combo.addItem(self.tr("All branches"), "")
        for code, name in branches:
            self.branch_combo.addItem(f"{code} {name}", code)
        self.branch_combo.setCurrentIndex(max(0, self.branch_combo.findData(current)))
        self.branch_combo.blockSignals(False)
        self._filters_changed()
        if selected is not None:
            self.select_uuid(selected.uuid)
        self.empty_label.setVisible(not rows)

    def _filters_changed(self) -> None:
        self.proxy.set_text(self.search_edit.text())
        self.proxy.set_branch(str(self.branch_combo.currentData() or ""))
        self.proxy.set_status(str(self.status_combo.currentData() or ""))
        self.proxy.set_dates(_date_or_none(self.from_edit), _date_or_none(self.to_edit))
        text = self.tr("{0} of {1} shown").format(self.proxy.rowCount(), self.model.rowCount())
        if self._total > self.model.rowCount():
            text += " · " + self.tr(
                "the newest {0} of {1}; choose a branch, or use the HQ view for all"
            ).format(self.model.rowCount(), self._total)
        self.count_label.setText(text)
        self._update_buttons()

    def selected_row(self) -> InspectionRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        src = self.proxy.mapToSource(rows[0])
        return self.model.row(src.row())

    def select_uuid(self, uuid: str) -> None:
        for r in range(self.proxy.rowCount()):
            idx = self.proxy.index(r, 0)
            row = self.model.row(self.proxy.mapToSource(idx).row())
            if row.uuid == uuid:
                self.table.selectRow(r)
                return

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.open_button.setEnabled(row is not None)
        self.duplicate_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None and row.status == svc.DRAFT)
        self.delete_button.setToolTip(
            self.tr("Finalized inspections cannot be deleted; amend them instead.")
            if row is not None and row.status != svc.DRAFT
            else ""
        )

    # ---------------------------------------------------------------- actions
    def _double_clicked(self, index: QModelIndex) -> None:
        row = self.model.row(self.proxy.mapToSource(index).row())
        self.open_requested.emit(row.uuid)

    def _open_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_requested.emit(row.uuid)

    def duplicate_selected(self) -> str | None:
        row = self.selected_row()
        if row is None:
            return None
        try:
            uuid = commands.duplicate(self.db, row.uuid, actor=self.settings.inspector_name())
        except UserError as e:
            QMessageBox.warning(self, self.tr("Duplicate"), user_text(e))
            return None
        self.reload()
        self.select_uuid(uuid)
        self.inspections_changed.emit()
        return uuid

    def delete_selected(self, *, confirm: bool = True) -> bool:
        row = self.selected_row()
        if row is None or row.status != svc.DRAFT:
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Delete draft"),
                self.tr(
                    "Delete the draft inspection of {0} {1} ({2})? "
                    "Its answers and photos are removed."
                ).format(row.branch_code, row.branch_name, row.started.isoformat()),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            commands.delete_draft(self.db, row.uuid, actor=self.settings.inspector_name())
        except UserError as e:
            QMessageBox.warning(self, self.tr("Delete draft"), user_text(e))
            return False
        last_uuid, _ = self.settings.last_position()
        if last_uuid == row.uuid:
            self.settings.clear_last_position()
        self.reload()
        self.inspections_changed.emit()
        return True
