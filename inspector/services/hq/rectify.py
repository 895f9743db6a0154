"""Rectification figures per branch and region (``inspector hq rectification``).

For the findings of the selected inspections (the HQ filter: period, region, checklist,
mode): how many were opened, closed, closed on time (on or before the deadline), the
closure rate, the median days from the inspection to the close, how many are overdue now
(not closed, deadline passed) and how many are repeats (屡查屡犯 as HQ evaluates them,
:mod:`.repeats`). Read from the finding lifecycle's fields only (``status``,
``deadline``, ``closed_at``): any state other than ``closed`` counts as not closed; overdue
is open or returned past the deadline (a submitted response awaits HQ, so is not overdue).

The same rows feed the dashboard tab, the PDF section, the Excel sheets, the CSV files and
the branch assessment (:mod:`.assess`).
"""

from __future__ import annotations

import logging
import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from inspector import clock
from inspector.db.models import Branch, Finding, HqRepeat, Inspection
from inspector.domain.states import FindingStatus
from inspector.services.hq.rows import HqFilter, _r
from inspector.services.hq.scope import conditions

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RectificationFigures:
    """One branch's (or region's) rectification in the period."""

    code: str  # branch code ("" for a region row)
    name: str
    region: str
    opened: int = 0
    closed: int = 0
    closed_on_time: int = 0
    due: int = 0  # deadline passed or closed: the findings on-time can be judged on
    overdue: int = 0
    repeats: int = 0
    branches: int = 1
    days: list[int] = field(default_factory=list)  # days to close, per closed finding

    @property
    def closure_rate(self) -> float | None:
        """Closed as a percent of opened (None when nothing was opened)."""
        return 100.0 * self.closed / self.opened if self.opened else None

    @property
    def on_time_rate(self) -> float | None:
        """Closed on time as a percent of the findings that were due (None: none due)."""
        return 100.0 * self.closed_on_time / self.due if self.due else None

    @property
    def median_days_to_close(self) -> float | None:
        return float(statistics.median(self.days)) if self.days else None

    def add(self, other: RectificationFigures) -> None:
        self.opened += other.opened
        self.closed += other.closed
        self.closed_on_time += other.closed_on_time
        self.due += other.due
        self.overdue += other.overdue
        self.repeats += other.repeats
        self.days.extend(other.days)

    def as_dict(self) -> dict[str, Any]:
        """A row of ``hq rectification --json``."""
        head: dict[str, Any]
        if self.code:
            head = {"branch": {"code": self.code, "name": self.name, "region": self.region}}
        else:
            head = {"region": self.region, "branches": self.branches}
        return {
            **head,
            "opened": self.opened,
            "closed": self.closed,
            "closed_on_time": self.closed_on_time,
            "closure_rate": _r(self.closure_rate),
            "on_time_rate": _r(self.on_time_rate),
            "median_days_to_close": self.median_days_to_close,
            "overdue": self.overdue,
            "repeats": self.repeats,
        }


@dataclass(frozen=True, slots=True)
class Rectification:
    """Per branch (every branch of the selection's region, inspected or not) and region."""

    today: date
    branches: list[RectificationFigures]
    regions: list[RectificationFigures]

    def as_dict(self) -> dict[str, Any]:
        """``hq rectification --json``."""
        return {
            "today": self.today.isoformat(),
            "branches": [b.as_dict() for b in self.branches],
            "regions": [r.as_dict() for r in self.regions],
        }


def _local_day(session: Session, col: Any, tz: tzinfo) -> ColumnElement[Any]:
    """The local calendar day of a stored UTC timestamp, in the dialect's own words (the
    zone's offset now, as the monthly trend does: China has no daylight saving)."""
    offset = clock.now().astimezone(tz).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.timezone("UTC", col) + literal(timedelta(minutes=minutes)), Date)
    return func.date(col, f"{minutes:+d} minutes")


def _days_between(session: Session, a: Any, b: Any) -> ColumnElement[Any]:
    """Whole days from local day ``a`` to local day ``b`` (both from :func:`_local_day`)."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(b - a, Integer)  # date - date is a whole number of days
    return cast(func.julianday(b) - func.julianday(a), Integer)


def figures(session: Session, flt: HqFilter, today: date | None = None) -> Rectification:
    """Rectification per branch and region for the findings of the selected inspections.

    Counted in the database (one GROUP BY per branch, and one per branch and number of
    days for the medians), so it reads the findings' index, not every row into Python.
    """
    tz = flt.zone
    today = today or clock.local_today()
    closed = Finding.status == FindingStatus.CLOSED
    closed_day = _local_day(session, Finding.closed_at, tz)
    on_time = and_(
        closed,
        or_(
            Finding.deadline.is_(None),
            and_(Finding.closed_at.is_not(None), closed_day <= Finding.deadline),
        ),
    )
    # Overdue as the finding lifecycle says: open or returned past the deadline (a response
    # submitted and awaiting HQ's review is not overdue; see domain.states.FindingState).
    overdue = and_(
        Finding.status.in_((FindingStatus.OPEN, FindingStatus.RETURNED)),
        Finding.deadline.is_not(None),
        Finding.deadline < today,
    )

    def count(cond: Any) -> Any:
        return func.sum(case((cond, 1), else_=0))

    base = (
        select(
            Inspection.branch_id,
            func.count(),
            count(closed),
            count(on_time),
            count(overdue),
            func.count(HqRepeat.finding_id),
        )
        .select_from(Finding)
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .outerjoin(HqRepeat, HqRepeat.finding_id == Finding.id)
        .where(Finding.active.is_(True), *conditions(flt))
        .group_by(Inspection.branch_id)
    )
    # Days to close: the local day closed (today when a closed finding has no time) minus
    # the local day of the inspection, never negative.
    days = _days_between(
        session,
        _local_day(session, Inspection.started_at, tz),
        func.coalesce(closed_day, literal(today)),
    ).label("days")
    spread = (
        select(Inspection.branch_id, days, func.count())
        .select_from(Finding)
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .where(Finding.active.is_(True), closed, *conditions(flt))
        .group_by(Inspection.branch_id, days)
    )
    bq = select(Branch.id, Branch.code, Branch.name, Branch.region).order_by(Branch.code)
    if flt.region:
        bq = bq.where(Branch.region == flt.region)
    per: dict[int, RectificationFigures] = {
        bid: RectificationFigures(code, name, region or "")
        for bid, code, name, region in session.execute(bq)
    }
    for bid, n, n_closed, n_on_time, n_overdue, n_repeats in session.execute(base):
        f = per.get(bid)
        if f is None:
            continue
        f.opened = int(n or 0)
        f.closed = int(n_closed or 0)
        f.closed_on_time = int(n_on_time or 0)
        f.overdue = int(n_overdue or 0)
        f.due = f.closed + f.overdue
        f.repeats = int(n_repeats or 0)
    for bid, d, n in session.execute(spread):
        f = per.get(bid)
        if f is not None and d is not None:
            f.days.extend([max(0, int(d))] * int(n))
    rows = sorted(per.values(), key=lambda r: (r.region, r.code))
    regions: dict[str, RectificationFigures] = {}
    for r in rows:
        reg = regions.get(r.region)
        if reg is None:
            reg = regions[r.region] = RectificationFigures("", "", r.region, branches=0)
        reg.branches += 1
        reg.add(r)
    return Rectification(today, rows, [regions[k] for k in sorted(regions)])
