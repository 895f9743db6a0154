"""Qt table models over the plain HQ view rows (:mod:`inspector.services.hq`).

Each model keeps a list of frozen rows and answers ``data()`` from it; ``SORT_ROLE`` gives
the raw value (numbers as numbers) so a ``QSortFilterProxyModel`` sorts 9 before 10.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from inspector.domain import timefmt
from inspector.services import hq
from inspector.ui.hq.charts import HISTORY_ROLE, score_colour

log = logging.getLogger(__name__)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


def _score(v: float | None) -> str:
    return f"{v:.1f}" if v is not None else "—"


class _RowsModel(QAbstractTableModel, Generic[T]):
    """Rows of one dataclass; subclasses list their columns in ``_columns()``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        # Set by the dashboard: the language rows are shown in and the reader's time zone.
        self.lang = "en"
        self.tz = timefmt.zone()
        self._cols = self._columns()

    def _columns(self) -> list[tuple[str, Callable[[T], Any], Callable[[T], Any]]]:
        """(header, display text, sort value) per column."""
        raise NotImplementedError

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cols)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._cols[section][0]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        _, text, sort = self._cols[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(row)
        if role == SORT_ROLE:
            v = sort(row)
            return v if v is not None else -1e9
        return self._extra(row, index.column(), role)

    def _extra(self, row: T, column: int, role: int) -> Any:
        return None


class LeagueModel(_RowsModel[hq.LeagueRow]):
    """The league table; untrusted-device branches are marked and explained in a tooltip."""

    COL_SCORE = 4
    COL_TREND = 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Set by the dashboard from HqData.grade_label: grades read as 优秀 / Excellent.
        self.grade_text: Callable[[str | None], str] = lambda code: code or ""

    def _columns(
        self,
    ) -> list[tuple[str, Callable[[hq.LeagueRow], Any], Callable[[hq.LeagueRow], Any]]]:
        return [
            (
                self.tr("Rank"),
                lambda r: str(r.rank) if r.rank else "—",
                lambda r: -(r.rank or 10**9),
            ),
            (self.tr("Code"), lambda r: r.code, lambda r: r.code),
            (
                self.tr("Branch"),
                lambda r: (
                    r.name
                    + (" ⚠" if r.untrusted else "")
                    + ("  [" + self.tr("draft") + "]" if r.latest_draft else "")
                ),
                lambda r: r.name,
            ),
            (self.tr("Region"), lambda r: r.region, lambda r: r.region),
            (self.tr("Latest"), lambda r: _score(r.latest_score), lambda r: r.latest_score),
            (
                self.tr("Grade"),
                lambda r: self.grade_text(r.latest_grade) or "—",
                lambda r: r.latest_score,
            ),
            (
                self.tr("Change"),
                lambda r: f"{r.trend:+.1f}" if r.trend is not None else "",
                lambda r: r.trend,
            ),
            (self.tr("Trend"), lambda r: "", lambda r: r.trend),
            (
                self.tr("Date"),
                lambda r: (
                    timefmt.local_date(r.latest_at, self.tz).isoformat() if r.latest_at else ""
                ),
                lambda r: r.latest_at.isoformat() if r.latest_at else "",
            ),
            (self.tr("Inspections"), lambda r: str(r.inspections), lambda r: r.inspections),
            (self.tr("Average"), lambda r: _score(r.average), lambda r: r.average),
            (
                self.tr("Vetoes"),
                lambda r: str(r.veto_failed) if r.veto_failed else "",
                lambda r: r.veto_failed,
            ),
        ]

    def _extra(self, row: hq.LeagueRow, column: int, role: int) -> Any:
        if role == HISTORY_ROLE and column == self.COL_TREND:
            return list(row.history)
        if role == Qt.ItemDataRole.BackgroundRole and column == self.COL_SCORE:
            return QBrush(score_colour(row.latest_score))
        if role == Qt.ItemDataRole.ForegroundRole and column == 6 and row.trend:
            return QBrush(QColor("#2e7d32" if row.trend > 0 else "#c62828"))
        if role == Qt.ItemDataRole.ToolTipRole and row.untrusted:
            return self.tr("%n inspection(s) from devices HQ does not trust", "", row.untrusted)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 4, 6, 9, 10, 11):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class VetoModel(_RowsModel[hq.VetoRow]):
    def _columns(
        self,
    ) -> list[tuple[str, Callable[[hq.VetoRow], Any], Callable[[hq.VetoRow], Any]]]:
        return [
            (
                self.tr("Date"),
                lambda r: timefmt.local_date(r.started_at, self.tz).isoformat(),
                lambda r: r.started_at.isoformat(),
            ),
            (self.tr("Branch"), lambda r: f"{r.code} {r.name}", lambda r: r.code),
            (self.tr("Region"), lambda r: r.region, lambda r: r.region),
            (self.tr("Score"), lambda r: _score(r.score), lambda r: r.score),
            (
                self.tr("Veto items"),
                lambda r: "; ".join(r.titles(self.lang)),
                lambda r: ", ".join(r.items),
            ),
            (
                self.tr("Inspection"),
                lambda r: hq.short_id(r.uuid) + ("  [" + self.tr("draft") + "]" if r.draft else ""),
                lambda r: r.uuid,
            ),
        ]


class RectificationModel(_RowsModel[hq.RectificationRow]):
    def _columns(
        self,
    ) -> list[
        tuple[str, Callable[[hq.RectificationRow], Any], Callable[[hq.RectificationRow], Any]]
    ]:
        return [
            (self.tr("Branch"), lambda r: f"{r.code} {r.name}", lambda r: r.code),
            (self.tr("Region"), lambda r: r.region, lambda r: r.region),
            (self.tr("Open"), lambda r: str(r.open), lambda r: r.open),
            (self.tr("Overdue"), lambda r: str(r.overdue), lambda r: r.overdue),
            (self.tr("Closed"), lambda r: str(r.closed), lambda r: r.closed),
        ]

    def _extra(self, row: hq.RectificationRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and row.overdue:
            return QBrush(QColor("#c62828"))
        return None


class FindingsModel(_RowsModel[hq.FindingRow]):
    def _columns(
        self,
    ) -> list[tuple[str, Callable[[hq.FindingRow], Any], Callable[[hq.FindingRow], Any]]]:
        status = {
            hq.OPEN: self.tr("open"),
            hq.OVERDUE: self.tr("overdue"),
            hq.CLOSED: self.tr("closed"),
        }
        severity = {"high": self.tr("high"), "medium": self.tr("medium"), "low": self.tr("low")}
        rank = {"high": 0, "medium": 1, "low": 2}
        return [
            (
                self.tr("Status"),
                lambda r: (
                    status.get(r.status, r.status)
                    + ("  [" + self.tr("draft") + "]" if r.draft else "")
                ),
                lambda r: r.status,
            ),
            (
                self.tr("Deadline"),
                lambda r: r.deadline.isoformat() if r.deadline else "",
                lambda r: r.deadline.isoformat() if r.deadline else "",
            ),
            (self.tr("Branch"), lambda r: f"{r.code} {r.name}", lambda r: r.code),
            (self.tr("Item"), lambda r: r.item_title(self.lang), lambda r: r.item_id),
            (
                self.tr("Severity"),
                lambda r: severity.get(r.severity, r.severity),
                lambda r: rank.get(r.severity, 3),
            ),
            (self.tr("Owner"), lambda r: r.owner, lambda r: r.owner),
            (
                self.tr("Inspection"),
                lambda r: hq.short_id(r.inspection_uuid),
                lambda r: r.inspection_uuid,
            ),
        ]

    def _extra(self, row: hq.FindingRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.status == hq.OVERDUE:
            return QBrush(QColor("#c62828"))
        return None


class IntegrityModel(_RowsModel[hq.IntegrityFlag]):
    def _columns(
        self,
    ) -> list[tuple[str, Callable[[hq.IntegrityFlag], Any], Callable[[hq.IntegrityFlag], Any]]]:
        kinds = {
            "duplicate_photo": self.tr("same photo elsewhere"),
            "outside_visit": self.tr("taken outside the visit"),
        }
        return [
            (self.tr("Kind"), lambda r: kinds.get(r.kind, r.kind), lambda r: r.kind),
            (self.tr("Branch"), lambda r: f"{r.code} {r.name}", lambda r: r.code),
            (self.tr("Item"), lambda r: r.item_title(self.lang), lambda r: r.item_id),
            (
                self.tr("Taken"),
                lambda r: timefmt.fmt_datetime(r.taken_at, self.tz) if r.taken_at else "",
                lambda r: r.taken_at.isoformat() if r.taken_at else "",
            ),
            (self.tr("Detail"), lambda r: r.text(self.lang), lambda r: r.detail),
            (
                self.tr("Inspection"),
                lambda r: hq.short_id(r.inspection_uuid),
                lambda r: r.inspection_uuid,
            ),
        ]
