"""Qt table models over the plain HQ view rows (:mod:`inspector.services.hq`).

Each model is a :class:`~inspector.ui.models.table.RowsTableModel` with one column spec per
column; ``SORT_ROLE`` gives the raw value (numbers as numbers) so a
``QSortFilterProxyModel`` sorts 9 before 10.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from inspector.domain import numbers, timefmt
from inspector.domain.checklist import ELEMENTS, RIGHT_NAMES
from inspector.domain.states import FindingState, Severity
from inspector.services.hq import assess, rectify
from inspector.services.hq import mystery as hq_mystery
from inspector.services.hq import rights as hq_rights
from inspector.services.hq import tables as hq_tables
from inspector.services.hq.rights_mystery import mystery_titles
from inspector.services.hq.rows import (
    FindingRow,
    IntegrityFlag,
    LeagueRow,
    RectificationRow,
    VetoRow,
)
from inspector.services.views import hq as hq_view
from inspector.text import hq_assess as TA
from inspector.ui.hq.charts import HISTORY_ROLE, score_colour
from inspector.ui.models.table import RIGHT, Column, RowsTableModel
from inspector.ui.review_queue import count_title, state_name

log = logging.getLogger(__name__)

#: The role a view's sort proxy sorts by: the raw value, numbers as numbers.
SORT_ROLE = RowsTableModel.SORT_ROLE
T = TypeVar("T")


def _score(v: float | None) -> str:
    return numbers.score(v)


def _percent(v: float | None) -> str:
    return numbers.percent(v)


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

    def relabel(self, lang: str) -> None:
        """Show data labels (right names, section titles) in ``lang``: columns anew."""
        self.lang = lang
        self.set_columns(self._columns())


class LeagueModel(_HqModel[LeagueRow]):
    """The league table; untrusted-device branches are marked and explained in a tooltip."""

    COL_SCORE = 4
    COL_TREND = 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Set by the dashboard from HqData.grade_label: grades read as 优秀 / Excellent.
        self.grade_text: Callable[[str | None], str] = lambda code: code or ""

    def _columns(
        self,
    ) -> list[Column[LeagueRow]]:
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
                    + (" · " + self._scenario(r.scenario) if r.scenario is not None else "")
                    + (" ⚠" if r.untrusted else "")
                    + ("  [" + self.tr("draft") + "]" if r.latest_draft else "")
                    + ("  (" + self.tr("incomplete, not ranked") + ")" if r.incomplete else "")
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
                lambda r: numbers.signed_score(r.trend, missing=""),
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
                lambda r: (
                    self.tr("not checked")
                    if r.incomplete
                    else (str(r.veto_failed) if r.veto_failed else "")
                ),
                lambda r: r.veto_failed,
                align=RIGHT,
            ),
        ]

    def _scenario(self, scenario: str) -> str:
        """A mystery scenario's title (visits rank within their scenario)."""
        zh, en = mystery_titles()[0].get(scenario, (scenario, scenario))
        return (zh if self.lang == "zh" else en) or self.tr("no scenario")

    def row_role(self, row: LeagueRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and row.untrusted:
            return self.tr("%n inspection(s) from devices HQ does not trust", "", row.untrusted)
        return None


class VetoModel(_HqModel[VetoRow]):
    def _columns(
        self,
    ) -> list[Column[VetoRow]]:
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
                lambda r: (
                    hq_tables.short_id(r.uuid) + ("  [" + self.tr("draft") + "]" if r.draft else "")
                ),
                lambda r: r.uuid,
            ),
        ]


class RectificationModel(_HqModel[RectificationRow]):
    def _columns(
        self,
    ) -> list[Column[RectificationRow]]:
        return [
            Column(self.tr("Branch"), lambda r: f"{r.code} {r.name}", lambda r: r.code),
            Column(self.tr("Region"), lambda r: r.region, lambda r: r.region),
            Column(self.tr("Open"), lambda r: str(r.open), lambda r: r.open),
            Column(self.tr("Overdue"), lambda r: str(r.overdue), lambda r: r.overdue),
            Column(self.tr("Closed"), lambda r: str(r.closed), lambda r: r.closed),
            # The rectification loop (ui/review_queue.py): answered, and sent back.
            Column(
                count_title(FindingState.SUBMITTED),
                lambda r: str(r.submitted),
                lambda r: r.submitted,
            ),
            Column(
                count_title(FindingState.RETURNED), lambda r: str(r.returned), lambda r: r.returned
            ),
        ]

    def row_role(self, row: RectificationRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and row.overdue:
            return QBrush(QColor("#c62828"))
        return None


class FindingsModel(_HqModel[FindingRow]):
    def _columns(
        self,
    ) -> list[Column[FindingRow]]:
        status: dict[str, str] = {
            FindingState.OPEN: self.tr("open"),
            FindingState.OVERDUE: self.tr("overdue"),
            FindingState.CLOSED: self.tr("closed"),
            **{k: state_name(k) for k in (FindingState.SUBMITTED, FindingState.RETURNED)},
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
                lambda r: severity.get(r.effective_severity, r.effective_severity),
                lambda r: rank.get(r.effective_severity, 3),
            ),
            Column(
                self.tr("Repeat"),
                lambda r: (
                    self.tr("Repeat (%1 earlier)").replace("%1", str(r.hq_earlier))
                    if r.repeat
                    else ""
                ),
                lambda r: r.hq_earlier,
            ),
            Column(self.tr("Owner"), lambda r: r.owner, lambda r: r.owner),
            Column(
                self.tr("Inspection"),
                lambda r: hq_tables.short_id(r.inspection_uuid),
                lambda r: r.inspection_uuid,
            ),
        ]

    COL_REPEAT = 5

    def row_role(self, row: FindingRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and (
            row.status == FindingState.OVERDUE or (column == self.COL_REPEAT and row.repeat)
        ):
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_REPEAT and row.repeat:
            tip = self.tr(
                "An earlier finalized inspection (%1) failed this item; severity raised one level."
            ).replace("%1", hq_tables.short_id(row.hq_repeat_of or ""))
            if row.severity != row.effective_severity:
                names: dict[str, str] = {
                    Severity.HIGH: self.tr("high"),
                    Severity.MEDIUM: self.tr("medium"),
                    Severity.LOW: self.tr("low"),
                }
                tip += " " + self.tr("The inspector's laptop recorded: %1.").replace(
                    "%1", names.get(row.severity, row.severity)
                )
            return tip
        return None


class IntegrityModel(_HqModel[IntegrityFlag]):
    def _columns(
        self,
    ) -> list[Column[IntegrityFlag]]:
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
                lambda r: hq_tables.short_id(r.inspection_uuid),
                lambda r: r.inspection_uuid,
            ),
        ]


def _percent_cell(value: float | None) -> QBrush:
    return QBrush(score_colour(value))


class RightsModel(_HqModel[hq_rights.BranchRights]):
    """``hq rights``: one row per branch, a column per right (or per evaluation element).

    Cells show earned / possible points as a percent, coloured like the heatmap; the
    tooltip gives the points. ``shown`` says: the rights or the elements.
    """

    RIGHTS = "rights"
    ELEMENTS = "elements"
    FIXED = 3  # code, branch, region: the columns before the percents

    def __init__(self, parent: QObject | None = None) -> None:
        self.shown = self.RIGHTS
        self.element_ids: list[str] = list(ELEMENTS)
        super().__init__(parent)

    def set_view(self, view: hq_view.RightsView, show: str) -> None:
        """Rows of ``view``; ``show`` is RIGHTS or ELEMENTS (the columns after the branch)."""
        extra = sorted({e for r in view.rows for e in r.elements} - set(ELEMENTS))
        self.element_ids = [*ELEMENTS, *extra]
        self.shown = show
        self.set_columns(self._columns())
        self.set_rows(view.rows)

    def keys(self) -> list[str]:
        """The rights' or elements' ids, in column order."""
        return list(RIGHT_NAMES) if self.shown == self.RIGHTS else list(self.element_ids)

    def _name(self, key: str) -> str:
        names = RIGHT_NAMES if self.shown == self.RIGHTS else ELEMENTS
        text = names.get(key)
        return text(self.lang) if text is not None else key

    def _tally(self, r: hq_rights.BranchRights, key: str) -> hq_rights.Tally | None:
        return (r.rights if self.shown == self.RIGHTS else r.elements).get(key)

    def _percent(self, r: hq_rights.BranchRights, key: str) -> float | None:
        t = self._tally(r, key)
        return t.percent if t is not None else None

    def _points(self, r: hq_rights.BranchRights, key: str) -> str:
        t = self._tally(r, key)
        if t is None or t.max <= 0:
            return self.tr("%1: no scored item applies").replace("%1", self._name(key))
        return (
            self.tr("%1: %2 of %3 points")
            .replace("%1", self._name(key))
            .replace("%2", numbers.points(t.score))
            .replace("%3", numbers.points(t.max))
        )

    def _key_column(self, key: str) -> Column[hq_rights.BranchRights]:
        def pct(r: hq_rights.BranchRights) -> float | None:
            return self._percent(r, key)

        return Column(
            self._name(key),
            lambda r: _percent(pct(r)),
            pct,
            align=RIGHT,
            tooltip=lambda r: self._points(r, key),
            roles={Qt.ItemDataRole.BackgroundRole: lambda r: _percent_cell(pct(r))},
        )

    def _columns(self) -> list[Column[hq_rights.BranchRights]]:
        cols: list[Column[hq_rights.BranchRights]] = [
            Column(self.tr("Code"), lambda r: r.code, lambda r: r.code),
            Column(self.tr("Branch"), lambda r: r.name, lambda r: r.name),
            Column(self.tr("Region"), lambda r: r.region, lambda r: r.region),
        ]
        cols += [self._key_column(key) for key in self.keys()]
        cols += [
            Column(
                self.tr("Finalized"),
                lambda r: _local_date(r.finalized_at, self.tz),
                lambda r: r.finalized_at or "",
            ),
            Column(
                self.tr("Inspection"),
                lambda r: hq_tables.short_id(r.inspection),
                lambda r: r.inspection,
                tooltip=lambda r: r.inspection,
            ),
        ]
        return cols


class _HasSections(Protocol):
    @property
    def sections(self) -> dict[str, float | None]: ...


S = TypeVar("S", bound=_HasSections)


def _section_column(header: str, sid: str) -> Column[S]:
    """A section's percent (``—`` where the section did not apply)."""

    def pct(row: S) -> float | None:
        return row.sections.get(sid)

    return Column(
        header,
        lambda row: _percent(pct(row)),
        pct,
        align=RIGHT,
        roles={Qt.ItemDataRole.BackgroundRole: lambda row: _percent_cell(pct(row))},
    )


def _local_date(iso: str | None, tz: Any) -> str:
    """The local calendar day of a stored ISO time (as ``--json`` prints it)."""
    if not iso:
        return ""
    return timefmt.local_date(datetime.fromisoformat(iso), tz).isoformat()


class MysteryScenarioModel(_HqModel[hq_mystery.ScenarioSummary]):
    """``hq mystery`` per scenario: visits, average total and each section's average."""

    def __init__(self, parent: QObject | None = None) -> None:
        self.view: hq_view.MysteryView | None = None
        super().__init__(parent)

    def set_view(self, view: hq_view.MysteryView) -> None:
        self.view = view
        self.set_columns(self._columns())
        self.set_rows(view.scenarios)

    def _scenario(self, scenario: str) -> str:
        if not scenario:
            return self.tr("(no scenario)")
        return self.view.scenario_title(scenario, self.lang) if self.view else scenario

    def _columns(self) -> list[Column[hq_mystery.ScenarioSummary]]:
        cols: list[Column[hq_mystery.ScenarioSummary]] = [
            Column(
                self.tr("Scenario"),
                lambda g: self._scenario(g.scenario),
                lambda g: g.scenario,
                tooltip=lambda g: g.scenario or None,
            ),
            Column(self.tr("Visits"), lambda g: str(g.visits), lambda g: g.visits, align=RIGHT),
            Column(
                self.tr("Average total"),
                lambda g: _score(g.average_total),
                lambda g: g.average_total,
                align=RIGHT,
                roles={Qt.ItemDataRole.BackgroundRole: lambda g: _percent_cell(g.average_total)},
            ),
        ]
        view = self.view
        if view is not None:
            cols += [
                _section_column(view.section_title(s, self.lang), s) for s in view.section_ids()
            ]
        return cols


class MysteryVisitModel(_HqModel[hq_mystery.Visit]):
    """``hq mystery`` per visit: branch, wave, scenario, total, grade and section percents."""

    def __init__(self, parent: QObject | None = None) -> None:
        self.view: hq_view.MysteryView | None = None
        # Set by the dashboard from HqData.grade_label: grades read as 优秀 / Excellent.
        self.grade_text: Callable[[str | None], str] = lambda code: code or ""
        super().__init__(parent)

    def set_view(self, view: hq_view.MysteryView) -> None:
        self.view = view
        self.set_columns(self._columns())
        self.set_rows(view.visits)

    def _scenario(self, scenario: str) -> str:
        if not scenario:
            return self.tr("(no scenario)")
        return self.view.scenario_title(scenario, self.lang) if self.view else scenario

    def _passed(self, passed: bool | None) -> str:
        if passed is None:
            return ""
        return self.tr("passed") if passed else self.tr("failed")

    def _columns(self) -> list[Column[hq_mystery.Visit]]:
        cols: list[Column[hq_mystery.Visit]] = [
            Column(self.tr("Code"), lambda v: v.code, lambda v: v.code),
            Column(self.tr("Branch"), lambda v: v.name, lambda v: v.name),
            Column(self.tr("Region"), lambda v: v.region, lambda v: v.region),
            Column(self.tr("Wave"), lambda v: v.wave or "", lambda v: v.wave or ""),
            Column(
                self.tr("Scenario"),
                lambda v: self._scenario(v.scenario),
                lambda v: v.scenario,
                tooltip=lambda v: v.scenario or None,
            ),
            Column(
                self.tr("Total"),
                lambda v: _score(v.total),
                lambda v: v.total,
                align=RIGHT,
                roles={Qt.ItemDataRole.BackgroundRole: lambda v: _percent_cell(v.total)},
            ),
            Column(self.tr("Grade"), lambda v: self.grade_text(v.grade) or "—", lambda v: v.total),
            Column(
                self.tr("Result"),
                lambda v: self._passed(v.passed),
                lambda v: -1 if v.passed is None else int(v.passed),
                roles={
                    Qt.ItemDataRole.ForegroundRole: lambda v: (
                        QBrush(QColor("#c62828")) if v.passed is False else None
                    )
                },
            ),
        ]
        view = self.view
        if view is not None:
            cols += [
                _section_column(view.section_title(s, self.lang), s) for s in view.section_ids()
            ]
        cols.append(
            Column(
                self.tr("Date"),
                lambda v: _local_date(v.started_at, self.tz),
                lambda v: v.started_at,
            )
        )
        cols.append(
            Column(
                self.tr("Inspection"),
                lambda v: hq_tables.short_id(v.inspection),
                lambda v: v.inspection,
                tooltip=lambda v: v.inspection,
            )
        )
        return cols


class AssessModel(_HqModel[assess.AssessRow]):
    """The branch assessment (``hq assess --json`` rows): score and each component's points."""

    def _columns(self) -> list[Column[assess.AssessRow]]:
        def pts(v: float | None) -> str:
            return numbers.score(v)

        def comp(cid: str) -> Column[assess.AssessRow]:
            return Column(
                TA.COMPONENTS[cid](self.lang),
                lambda r: pts(r.points(cid)),
                lambda r: r.points(cid) if r.points(cid) is not None else self.MISSING_SORT,
                align=RIGHT,
            )

        return [
            Column(
                self.tr("Rank"),
                lambda r: str(r.rank) if r.rank else "—",
                lambda r: r.rank or 10**9,
                align=RIGHT,
            ),
            Column(
                self.tr("In region"),
                lambda r: str(r.region_rank) if r.region_rank else "—",
                lambda r: r.region_rank or 10**9,
                align=RIGHT,
            ),
            Column(self.tr("Code"), lambda r: r.code, lambda r: r.code),
            Column(self.tr("Branch"), lambda r: r.name, lambda r: r.name),
            Column(self.tr("Region"), lambda r: r.region, lambda r: r.region),
            Column(
                self.tr("Score"),
                lambda r: pts(r.score),
                lambda r: r.score if r.score is not None else self.MISSING_SORT,
                align=RIGHT,
                roles={Qt.ItemDataRole.BackgroundRole: lambda r: QBrush(score_colour(r.score))},
            ),
            *(
                comp(c)
                for c in ("onsite", "mystery", "rectification", "repeat", "redline", "overdue")
            ),
        ]


class RectifyModel(_HqModel[rectify.RectificationFigures]):
    """Rectification figures (``hq rectification --json``), per branch or per region."""

    def _columns(self) -> list[Column[rectify.RectificationFigures]]:
        def rate(v: float | None) -> str:
            return numbers.percent_sign(v)

        def n(get: Callable[[rectify.RectificationFigures], int], title: str) -> Column[Any]:
            return Column(title, lambda r: str(get(r)), get, align=RIGHT)

        return [
            Column(
                self.tr("Branch"),
                lambda r: f"{r.code} {r.name}" if r.code else r.region,
                lambda r: r.code or r.region,
            ),
            Column(self.tr("Region"), lambda r: r.region, lambda r: r.region),
            n(lambda r: r.opened, self.tr("Opened")),
            n(lambda r: r.closed, self.tr("Closed")),
            n(lambda r: r.closed_on_time, self.tr("On time")),
            Column(
                self.tr("Closure rate"),
                lambda r: rate(r.closure_rate),
                lambda r: r.closure_rate if r.closure_rate is not None else self.MISSING_SORT,
                align=RIGHT,
            ),
            Column(
                self.tr("Median days"),
                lambda r: numbers.score(r.median_days_to_close),
                lambda r: (
                    r.median_days_to_close
                    if r.median_days_to_close is not None
                    else self.MISSING_SORT
                ),
                align=RIGHT,
            ),
            n(lambda r: r.overdue, self.tr("Overdue now")),
            n(lambda r: r.repeats, self.tr("Repeats")),
        ]
