"""Qt table models over the plain HQ view rows (:mod:`inspector.services.hq`).

Each model is a :class:`~inspector.ui.models.table.RowsTableModel` with one column spec per
column; ``SORT_ROLE`` gives the raw value (numbers as numbers) so a
``QSortFilterProxyModel`` sorts 9 before 10.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from inspector.domain import timefmt
from inspector.domain.states import Severity
from inspector.services import hq
from inspector.ui.hq.charts import HISTORY_ROLE, score_colour
from inspector.ui.models.table import RIGHT, Column, RowsTableModel

log = logging.getLogger(__name__)

#: The role a view's sort proxy sorts by: the raw value, numbers as numbers.
SORT_ROLE = RowsTableModel.SORT_ROLE
T = TypeVar("T")


def _score(v: float | None) -> str:
    return f"{v:.1f}" if v is not None else "—"


class _HqModel(RowsTableModel[T]):
    """An HQ view: rows of one dataclass, with the reader's language and time zone."""

    # A missing number sorts below every real one (the views hold scores from 0 to 100).
    MISSING_SORT = -1e9

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Set by the dashboard: the language rows are shown in and the reader's time zone.
        self.lang = "en"
        self.tz = timefmt.zone()
        self.set_columns(self._columns())

    def _columns(self) -> list[Column[T]]:
        raise NotImplementedError


class LeagueModel(_HqModel[hq.LeagueRow]):
    """The league table; untrusted-device branches are marked and explained in a tooltip."""

    COL_SCORE = 4
    COL_TREND = 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Set by the dashboard from HqData.grade_label: grades read as 优秀 / Excellent.
        self.grade_text: Callable[[str | None], str] = lambda code: code or ""

    def _columns(
        self,
    ) -> list[Column[hq.LeagueRow]]:
        return [
            Column(
                self.tr("Rank"),
                lambda r: str(r.rank) if r.rank else "—",
                lambda r: -(r.rank or 10**9),
                align=RIGHT,
            ),
            Column(self.tr("Code"), lambda r: r.code, lambda r: r.code),
            Column(
                self.tr("Branch"),
                lambda r: (
                    r.name
                    + (" ⚠" if r.untrusted else "")
                    + ("  [" + self.tr("draft") + "]" if r.latest_draft else "")
                ),
                lambda r: r.name,
            ),
            Column(self.tr("Region"), lambda r: r.region, lambda r: r.region),
            Column(
                self.tr("Latest"),
                lambda r: _score(r.latest_score),
                lambda r: r.latest_score,
                align=RIGHT,
                roles={
                    Qt.ItemDataRole.BackgroundRole: lambda r: QBrush(score_colour(r.latest_score))
                },
            ),
            Column(
                self.tr("Grade"),
                lambda r: self.grade_text(r.latest_grade) or "—",
                lambda r: r.latest_score,
            ),
            Column(
                self.tr("Change"),
                lambda r: f"{r.trend:+.1f}" if r.trend is not None else "",
                lambda r: r.trend,
                align=RIGHT,
                roles={
                    Qt.ItemDataRole.ForegroundRole: lambda r: (
                        QBrush(QColor("#2e7d32" if r.trend > 0 else "#c62828")) if r.trend else None
                    )
                },
            ),
            Column(
                self.tr("Trend"),
                lambda r: "",
                lambda r: r.trend,
                roles={HISTORY_ROLE: lambda r: list(r.history)},
            ),
            Column(
                self.tr("Date"),
                lambda r: (
                    timefmt.local_date(r.latest_at, self.tz).isoformat() if r.latest_at else ""
                ),
                lambda r: r.latest_at.isoformat() if r.latest_at else "",
            ),
            Column(
                self.tr("Inspections"),
                lambda r: str(r.inspections),
                lambda r: r.inspections,
                align=RIGHT,
            ),
            Column(
                self.tr("Average"), lambda r: _score(r.average), lambda r: r.average, align=RIGHT
            ),
            Column(
                self.tr("Vetoes"),
                lambda r: str(r.veto_failed) if r.veto_failed else "",
                lambda r: r.veto_failed,
                align=RIGHT,
            ),
        ]

    def row_role(self, row: hq.LeagueRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and row.untrusted:
            return self.tr("%n inspection(s) from devices HQ does not trust", "", row.untrusted)
        return None


class VetoModel(_HqModel[hq.VetoRow]):
    def _columns(
        self,
    ) -> list[Column[hq.VetoRow]]:
        return [
            Column(
                self.tr("Date"),
                lambda r: timefmt.local_date(r.started_at, self.tz).isoformat(),
                lambda r: r.started_at.isoformat(),
            ),
            Column(self.tr("Branch"), lambda r: f"{r.code} {r.name}", lambda r: r.code),
            Column(self.tr("Region"), lambda r: r.region, lambda r: r.region),
            Column(self.tr("Score"), lambda r: _score(r.score), lambda r: r.score),
            Column(
                self.tr("Veto items"),
                lambda r: "; ".join(r.titles(self.lang)),
                lambda r: ", ".join(r.items),
            ),
            Column(
                self.tr("Inspection"),
                lambda r: hq.short_id(r.uuid) + ("  [" + self.tr("draft") + "]" if r.draft else ""),
                lambda r: r.uuid,
            ),
        ]


class RectificationModel(_HqModel[hq.RectificationRow]):
    def _columns(
        self,
    ) -> list[Column[hq.RectificationRow]]:
        return [
            Column(self.tr("Branch"), lambda r: f"{r.code} {r.name}", lambda r: r.code),
            Column(self.tr("Region"), lambda r: r.region, lambda r: r.region),
            Column(self.tr("Open"), lambda r: str(r.open), lambda r: r.open),
            Column(self.tr("Overdue"), lambda r: str(r.overdue), lambda r: r.overdue),
            Column(self.tr("Closed"), lambda r: str(r.closed), lambda r: r.closed),
        ]

    def row_role(self, row: hq.RectificationRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and row.overdue:
            return QBrush(QColor("#c62828"))
        return None


class FindingsModel(_HqModel[hq.FindingRow]):
    def _columns(
        self,
    ) -> list[Column[hq.FindingRow]]:
        status: dict[str, str] = {
            hq.OPEN: self.tr("open"),
            hq.OVERDUE: self.tr("overdue"),
            hq.CLOSED: self.tr("closed"),
        }
        severity: dict[str, str] = {
            Severity.HIGH: self.tr("high"),
            Severity.MEDIUM: self.tr("medium"),
            Severity.LOW: self.tr("low"),
        }
        rank: dict[str, int] = {s: s.rank for s in Severity}
        return [
            Column(
                self.tr("Status"),
                lambda r: (
                    status.get(r.status, r.status)
                    + ("  [" + self.tr("draft") + "]" if r.draft else "")
                ),
                lambda r: r.status,
            ),
            Column(
                self.tr("Deadline"),
                lambda r: r.deadline.isoformat() if r.deadline else "",
                lambda r: r.deadline.isoformat() if r.deadline else "",
            ),
            Column(self.tr("Branch"), lambda r: f"{r.code} {r.name}", lambda r: r.code),
            Column(self.tr("Item"), lambda r: r.item_title(self.lang), lambda r: r.item_id),
            Column(
                self.tr("Severity"),
                lambda r: severity.get(r.severity, r.severity),
                lambda r: rank.get(r.severity, 3),
            ),
            Column(self.tr("Owner"), lambda r: r.owner, lambda r: r.owner),
            Column(
                self.tr("Inspection"),
                lambda r: hq.short_id(r.inspection_uuid),
                lambda r: r.inspection_uuid,
            ),
        ]

    def row_role(self, row: hq.FindingRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.status == hq.OVERDUE:
            return QBrush(QColor("#c62828"))
        return None


class IntegrityModel(_HqModel[hq.IntegrityFlag]):
    def _columns(
        self,
    ) -> list[Column[hq.IntegrityFlag]]:
        kinds = {
            "duplicate_photo": self.tr("same photo elsewhere"),
            "outside_visit": self.tr("taken outside the visit"),
        }
        return [
            Column(self.tr("Kind"), lambda r: kinds.get(r.kind, r.kind), lambda r: r.kind),
            Column(self.tr("Branch"), lambda r: f"{r.code} {r.name}", lambda r: r.code),
            Column(self.tr("Item"), lambda r: r.item_title(self.lang), lambda r: r.item_id),
            Column(
                self.tr("Taken"),
                lambda r: timefmt.fmt_datetime(r.taken_at, self.tz) if r.taken_at else "",
                lambda r: r.taken_at.isoformat() if r.taken_at else "",
            ),
            Column(self.tr("Detail"), lambda r: r.text(self.lang), lambda r: r.detail),
            Column(
                self.tr("Inspection"),
                lambda r: hq.short_id(r.inspection_uuid),
                lambda r: r.inspection_uuid,
            ),
        ]
