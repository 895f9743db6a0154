"""The home screen's table: a table model and a filter proxy over the plain rows of
:mod:`inspector.services.views.inspection_list`."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from inspector.domain import numbers
from inspector.domain.checklist import Mode, Result
from inspector.domain.states import InspectionStatus
from inspector.services.views.inspection_list import HOME_LIMIT, InspectionRow
from inspector.ui import theme
from inspector.ui.models.table import RIGHT, Column, RowsTableModel
from inspector.ui.zones import zone_suffix

log = logging.getLogger(__name__)

__all__ = ["HOME_LIMIT", "InspectionFilterProxy", "InspectionRow", "InspectionTableModel"]

Index = QModelIndex | QPersistentModelIndex


def mode_label(mode: Mode) -> str:
    return (
        QCoreApplication.translate("InspectionTableModel", "Mystery shopper")
        if mode == Mode.MYSTERY
        else QCoreApplication.translate("InspectionTableModel", "On-site")
    )


def result_label(result: Result) -> str:
    """An answer's result in words (undo texts, messages), never the enum's English id."""
    labels = {
        Result.PASS: QCoreApplication.translate("InspectionTableModel", "Pass"),
        Result.FAIL: QCoreApplication.translate("InspectionTableModel", "Fail"),
        Result.NA: QCoreApplication.translate("InspectionTableModel", "Not applicable"),
    }
    return labels.get(result, str(result.value))


def status_label(status: InspectionStatus) -> str:
    return (
        QCoreApplication.translate("InspectionTableModel", "Finalized")
        if status == InspectionStatus.FINALIZED
        else QCoreApplication.translate("InspectionTableModel", "Draft")
    )


class InspectionTableModel(RowsTableModel[InspectionRow]):
    """Current inspections, one per row. ``ROW_ROLE`` returns the :class:`InspectionRow`."""

    COL_BRANCH, COL_CHECKLIST, COL_MODE, COL_DATE, COL_STATUS, COL_SCORE, COL_GRADE = range(7)
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1
    SORT_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        fg = Qt.ItemDataRole.ForegroundRole
        self.set_columns(
            [
                Column(
                    QCoreApplication.translate("InspectionTableModel", "Branch"),
                    lambda r: f"{r.branch_code}  {r.branch_name}",
                    tooltip=self._branch_tooltip,
                ),
                Column(
                    QCoreApplication.translate("InspectionTableModel", "Checklist"),
                    lambda r: r.checklist_title(self._lang),
                ),
                Column(
                    QCoreApplication.translate("InspectionTableModel", "Mode"),
                    lambda r: mode_label(r.mode),
                ),
                Column(
                    # The display zone's day, the one the report and HQ print.
                    QCoreApplication.translate("InspectionTableModel", "Date") + zone_suffix(),
                    lambda r: r.started.isoformat(),
                ),
                Column(
                    QCoreApplication.translate("InspectionTableModel", "Status"),
                    self._status_text,
                    roles={
                        fg: lambda r: (
                            QBrush(QColor(theme.PASS))
                            if r.status == InspectionStatus.FINALIZED
                            else None
                        )
                    },
                ),
                Column(
                    QCoreApplication.translate("InspectionTableModel", "Score"),
                    self._score_text,
                    sort=lambda r: r.total if r.total is not None else -1.0,
                    align=RIGHT,
                ),
                Column(
                    QCoreApplication.translate("InspectionTableModel", "Grade"),
                    self._grade_text,
                    roles={
                        fg: lambda r: (
                            QBrush(QColor(theme.FAIL))
                            if (r.veto_failed or r.passed is False) and not r.scores_hidden
                            else None
                        )
                    },
                ),
            ]
        )

    def _branch_tooltip(self, r: InspectionRow) -> str:
        revision = self.tr("revision {0}").format(r.revision)
        tip = f"{r.branch_code} {r.branch_name}\n{r.uuid} ({revision})"
        if r.signer:
            tip += "\n" + QCoreApplication.translate(
                "InspectionTableModel", "Signed by {0}; owner {1}"
            ).format(r.signer, r.owner or r.signer)
        return tip

    @staticmethod
    def _status_text(r: InspectionRow) -> str:
        status = status_label(r.status)
        return f"{status} · r{r.revision}" if r.revision > 1 else status

    @staticmethod
    def _score_text(r: InspectionRow) -> str:
        if r.scores_hidden:
            return QCoreApplication.translate("InspectionTableModel", "hidden")
        return numbers.score(r.total)

    def _grade_text(self, r: InspectionRow) -> str:
        if r.scores_hidden:
            return "—"
        grade = (r.grade_en if self._lang == "en" else r.grade_zh) or "—"
        return f"{grade} ⚠" if r.veto_failed else grade


class InspectionFilterProxy(QSortFilterProxyModel):
    """Free-text search plus branch, status and date-range filters."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._branch: str | None = None
        self._status: str | None = None
        self._date_from: date | None = None
        self._date_to: date | None = None
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.setDynamicSortFilter(True)

    def _begin(self) -> None:
        # beginFilterChange() exists from Qt 6.9; older versions only have invalidateFilter().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()

    def _end(self) -> None:
        if hasattr(self, "endFilterChange"):
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def set_text(self, text: str) -> None:
        self._begin()
        self._text = text.strip().lower()
        self._end()

    def set_branch(self, code: str | None) -> None:
        self._begin()
        self._branch = code or None
        self._end()

    def set_status(self, status: str | None) -> None:
        self._begin()
        self._status = status or None
        self._end()

    def set_dates(self, date_from: date | None, date_to: date | None) -> None:
        self._begin()
        self._date_from, self._date_to = date_from, date_to
        self._end()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, InspectionTableModel):
            return True
        r = model.row(source_row)
        if self._branch and r.branch_code != self._branch:
            return False
        if self._status and r.status != self._status:
            return False
        if self._date_from and r.started < self._date_from:
            return False
        if self._date_to and r.started > self._date_to:
            return False
        if self._text:
            hay = " ".join(
                [
                    r.branch_code,
                    r.branch_name,
                    r.checklist_title_zh,
                    r.checklist_title_en,
                    r.inspector,
                    r.uuid,
                    r.grade or "",
                ]
            ).lower()
            return self._text in hay
        return True
