"""The home screen's table: inspections as plain rows, a table model and a filter proxy."""

from __future__ import annotations

import logging
from dataclasses import dataclass
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
from sqlalchemy.orm import Session

from inspector.domain.checklist import Mode, Result
from inspector.services import inspections as svc
from inspector.ui import theme
from inspector.ui.models.table import RIGHT, Column, RowsTableModel

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class InspectionRow:
    uuid: str
    revision: int
    branch_code: str
    branch_name: str
    checklist_title_zh: str
    checklist_title_en: str
    mode: str
    started: date
    status: str
    total: float | None
    grade: str | None
    passed: bool | None
    veto_failed: int
    inspector: str
    grade_zh: str = ""
    grade_en: str = ""
    scores_hidden: bool = False
    signer: str | None = None  # imported: the device that signed this revision
    owner: str | None = None  # imported: the device that owns the inspection

    def checklist_title(self, lang: str) -> str:
        return self.checklist_title_en if lang == "en" else self.checklist_title_zh


HOME_LIMIT = 2000
"""Rows the inspections list holds: an inspector's own work fits many times over; at HQ,
with 100,000 inspections, the HQ view and ``inspector list`` cover the rest."""


def row_of(session: Session, x: svc.Summary) -> InspectionRow:
    checklist = svc.checklist_by_sha(session, x.snapshot_sha256)
    grade_zh = grade_en = x.grade or ""
    if x.grade:
        try:
            label = checklist.grade(x.grade).label
            grade_zh, grade_en = label.zh, label.en
        except KeyError:
            pass  # a grade code the checklist no longer has: show the code
    hidden = x.mode in {m.value for m in checklist.hide_scores_in}
    return InspectionRow(
        uuid=x.uuid,
        revision=x.revision,
        branch_code=x.branch_code,
        branch_name=x.branch_name,
        checklist_title_zh=x.title_zh,
        checklist_title_en=x.title_en,
        mode=x.mode,
        started=x.started_at.astimezone().date(),
        status=x.status,
        total=x.total,
        grade=x.grade,
        passed=x.passed,
        veto_failed=x.veto_failed,
        inspector=x.inspector,
        grade_zh=grade_zh,
        grade_en=grade_en,
        scores_hidden=hidden,
        signer=x.signer,
        owner=x.owner or x.signer,
    )


def load_rows(
    session: Session, branch_code: str | None = None, limit: int = HOME_LIMIT
) -> tuple[list[InspectionRow], int]:
    """The newest ``limit`` current inspections (of one branch), and how many there are."""
    summaries, total = svc.list_summaries(
        session, svc.ListFilter(branch_code=branch_code or None), limit=limit
    )
    return [row_of(session, x) for x in summaries], total


def mode_label(mode: str) -> str:
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


def status_label(status: str) -> str:
    return (
        QCoreApplication.translate("InspectionTableModel", "Finalized")
        if status == svc.FINALIZED
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
                    QCoreApplication.translate("InspectionTableModel", "Date"),
                    lambda r: r.started.isoformat(),
                ),
                Column(
                    QCoreApplication.translate("InspectionTableModel", "Status"),
                    self._status_text,
                    roles={
                        fg: lambda r: (
                            QBrush(QColor(theme.PASS)) if r.status == svc.FINALIZED else None
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
        return f"{r.total:.1f}" if r.total is not None else "—"

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
