"""Rectification figures per branch and region (``inspector hq rectification``).

For the findings of the selected inspections (the HQ filter: period, region, checklist,
mode): how many were opened, closed, closed on time (on or before the deadline), the
closure rate, the median days from the inspection to the close, how many are overdue now
(not closed, deadline passed) and how many are repeats (屡查屡犯 as HQ evaluates them,
:mod:`.repeats`). Read from the finding lifecycle's fields only (``status``,
``deadline``, ``closed_at``): any state other than ``closed`` (open, and the branch-response
states ``submitted``/``returned`` when they exist) counts as not closed.

The same rows feed the dashboard tab, the PDF section, the Excel sheets, the CSV files and
the branch assessment (:mod:`.assess`).
"""

from __future__ import annotations

import logging
import statistics
from dataclasses import dataclass, field
from datetime import date, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector import clock
from inspector.db.models import Branch, Finding, HqRepeat, Inspection
from inspector.domain import timefmt
from inspector.domain.states import FindingStatus
from inspector.services.hq.queries import conditions
from inspector.services.hq.rows import HqFilter, _r

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


def _closed_day(closed_at: Any, tz: tzinfo) -> date | None:
    return timefmt.local_date(closed_at, tz) if closed_at is not None else None


def figures(session: Session, flt: HqFilter, today: date | None = None) -> Rectification:
    """Rectification per branch and region for the findings of the selected inspections."""
    tz = flt.zone
    today = today or clock.local_today()
    q = (
        select(
            Inspection.branch_id,
            Inspection.started_at,
            Finding.status,
            Finding.deadline,
            Finding.closed_at,
            HqRepeat.finding_id.label("repeat"),
        )
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .outerjoin(HqRepeat, HqRepeat.finding_id == Finding.id)
        .where(Finding.active.is_(True), *conditions(flt))
    )
    bq = select(Branch.id, Branch.code, Branch.name, Branch.region).order_by(Branch.code)
    if flt.region:
        bq = bq.where(Branch.region == flt.region)
    per: dict[int, RectificationFigures] = {
        bid: RectificationFigures(code, name, region or "")
        for bid, code, name, region in session.execute(bq)
    }
    for bid, started, status, deadline, closed_at, repeat in session.execute(q):
        f = per.get(bid)
        if f is None:
            continue
        f.opened += 1
        if repeat is not None:
            f.repeats += 1
        closed_on = _closed_day(closed_at, tz) if status == FindingStatus.CLOSED else None
        if status == FindingStatus.CLOSED:
            f.closed += 1
            f.due += 1
            end = closed_on or today
            f.days.append(max(0, (end - timefmt.local_date(started, tz)).days))
            if deadline is None or (closed_on is not None and closed_on <= deadline):
                f.closed_on_time += 1
        elif deadline is not None and deadline < today:
            f.due += 1
            f.overdue += 1
    rows = sorted(per.values(), key=lambda r: (r.region, r.code))
    regions: dict[str, RectificationFigures] = {}
    for r in rows:
        reg = regions.get(r.region)
        if reg is None:
            reg = regions[r.region] = RectificationFigures("", "", r.region, branches=0)
        reg.branches += 1
        reg.add(r)
    return Rectification(today, rows, [regions[k] for k in sorted(regions)])
