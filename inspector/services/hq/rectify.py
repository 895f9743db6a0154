"""Rectification figures per branch and region (``inspector hq rectification``).

For the findings of the selected inspections (the HQ filter: period, region, checklist,
mode): how many were opened, closed, closed on time (on or before the deadline), the
closure rate, the median days from the inspection to the close, how many are overdue now
(not closed, deadline passed) and how many are repeats (屡查屡犯 as HQ evaluates them,
:mod:`.repeats`). Counted from each inspection's tallies of its findings' lifecycle
(``status``, ``deadline``, the branch's day of ``closed_at``; migration ``finding_tallies``,
:func:`tallies`): any state other than ``closed`` counts as not closed; overdue is open or
returned past the deadline (a submitted response awaits HQ, so is not overdue).

The same rows feed the dashboard tab, the PDF section, the Excel sheets, the CSV files and
the branch assessment (:mod:`.assess`).
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    func,
    select,
)
from sqlalchemy.orm import Session

from inspector import clock
from inspector.db.models import Branch, Finding, Inspection
from inspector.domain.states import FindingStatus
from inspector.services.hq.plans import PeriodOnEntries, unindexed
from inspector.services.hq.rows import LOCAL_TZ, HqFilter, _r
from inspector.services.hq.scope import conditions, finding_conditions

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
    # Days to close -> how many closed findings took that many: a bank's 500,000 closed
    # findings are a few hundred distinct day counts, so the median is taken from these.
    days: Counter[int] = field(default_factory=Counter)

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
        """The median of the days to close (as :func:`statistics.median` of every closed
        finding's days), counted from :attr:`days`."""
        n = sum(self.days.values())
        if not n:
            return None
        # The 0-based positions of the middle value(s) in the sorted days.
        lo, hi = (n - 1) // 2, n // 2
        low = high = None
        seen = 0
        for d in sorted(self.days):
            seen += self.days[d]
            if low is None and seen > lo:
                low = d
            if seen > hi:
                high = d
                break
        assert low is not None and high is not None
        return float(low) if lo == hi else (low + high) / 2

    def add(self, other: RectificationFigures) -> None:
        self.opened += other.opened
        self.closed += other.closed
        self.closed_on_time += other.closed_on_time
        self.due += other.due
        self.overdue += other.overdue
        self.repeats += other.repeats
        self.days.update(other.days)

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


def figures(session: Session, flt: HqFilter, today: date | None = None) -> Rectification:
    """Rectification per branch and region for the findings of the selected inspections.

    The counts are :func:`branch_counts` (each inspection's counts of its findings, kept by
    triggers). The days to close are counted in the database per branch and number of days
    from the closed findings' branch-day columns (migration ``finding_facts``): one scan
    of the findings' branch index, grouped in its order, no join and no date arithmetic
    per finding. A deadline is a day at the branch, so on time and days to close are
    counted in the branch's days (China Standard Time), whichever zone the reader's times
    are shown in.
    """
    today = today or clock.local_today()
    where = finding_conditions(flt)
    # Every stored status, grouped in the branch index's own order (branch, status, days):
    # SQLite streams the groups from the index. Asked for the closed ones alone it sorts
    # 400,000 rows instead (the status between branch and days breaks the order for it).
    q = (
        select(Finding.insp_branch_id, Finding.status, Finding.close_days, func.count())
        .where(*where)
        .group_by(Finding.insp_branch_id, Finding.status, Finding.close_days)
    )
    # A closed finding with no time of closing counts its days to today.
    untimed = select(Finding.insp_branch_id, Finding.insp_started_at).where(
        *where, Finding.status == FindingStatus.CLOSED, Finding.closed_day.is_(None)
    )
    bq = select(Branch.id, Branch.code, Branch.name, Branch.region).order_by(Branch.code)
    if flt.region:
        bq = bq.where(Branch.region == flt.region)
    counts = branch_counts(session, flt, today)
    per: dict[int, RectificationFigures] = {}
    for bid, code, name, region in session.execute(bq):
        branch = per[bid] = RectificationFigures(code, name, region or "")
        if (c := counts.get(bid)) is not None:
            branch.add(c)
    untimed_closed = False
    for bid, status, days, n in session.execute(q):
        f = per.get(bid)
        if f is None or status != FindingStatus.CLOSED:
            continue
        if days is None:  # no day of closing (or of the inspection): counted below
            untimed_closed = True
        else:
            f.days[max(0, int(days))] += int(n)
    if untimed_closed:
        for bid, started in session.execute(untimed):
            f = per.get(bid)
            if f is not None and started is not None:
                f.days[max(0, (today - started.astimezone(LOCAL_TZ).date()).days)] += 1
    rows = sorted(per.values(), key=lambda r: (r.region, r.code))
    regions: dict[str, RectificationFigures] = {}
    for r in rows:
        reg = regions.get(r.region)
        if reg is None:
            reg = regions[r.region] = RectificationFigures("", "", r.region, branches=0)
        reg.branches += 1
        reg.add(r)
    return Rectification(today, rows, [regions[k] for k in sorted(regions)])


@dataclass(frozen=True, slots=True)
class BranchTally:
    """One branch's findings in a selection, counted from its inspections' tallies."""

    opened: int
    closed: int
    on_time: int
    repeats: int
    unresolved: int  # open or returned
    not_due: dict[FindingStatus, int]  # of those, not yet due (deadline today or later, none)

    @property
    def overdue(self) -> int:
        return self.unresolved - sum(self.not_due.values())


def tallies(session: Session, flt: HqFilter, today: date) -> dict[int, BranchTally]:
    """branch id -> its findings in the selection, counted (branches with none left out).

    Summed from each inspection's counts of its findings (``inspections.tally_*``, kept by
    triggers; migration ``finding_tallies``): one scan of ``ix_inspections_hq``, the
    period checked on its entries (:class:`.plans.PeriodOnEntries`), not of every finding.
    Overdue depends on today: it is the open and returned findings less those not yet due,
    which the findings' state index gives by status without reading the overdue ones. The
    rectification table (:func:`.rectification.rectification`), the figures and the
    assessment all count from here.
    """
    q = (
        select(
            Inspection.branch_id,
            func.sum(Inspection.tally_findings),
            func.sum(Inspection.tally_closed),
            func.sum(Inspection.tally_on_time),
            func.sum(Inspection.tally_repeats),
            func.sum(Inspection.tally_open),
        )
        .where(*conditions(flt, PeriodOnEntries), Inspection.tally_findings > 0)
        .group_by(Inspection.branch_id)
    )
    sums = {int(bid): tuple(int(v) for v in rest) for bid, *rest in session.execute(q)}
    not_due: dict[int, dict[FindingStatus, int]] = {bid: {} for bid in sums}
    where = [
        *finding_conditions(flt),
        Finding.status.in_((FindingStatus.OPEN, FindingStatus.RETURNED)),
    ]
    # Grouped by a key SQLite does not chase an index for (plans.unindexed): the state
    # index's ranges, not the branch index's order over every finding.
    bid_key = unindexed(Finding.insp_branch_id)
    for due_later in (Finding.deadline >= today, Finding.deadline.is_(None)):
        q_due = (
            select(bid_key, Finding.status, func.count())
            .where(*where, due_later)
            .group_by(bid_key, Finding.status)
        )
        for bid, status, n in session.execute(q_due):
            mine = not_due.get(int(bid))
            if mine is not None:  # an open finding is counted in its inspection's tally
                key = FindingStatus(status)
                mine[key] = mine.get(key, 0) + int(n)
    return {
        bid: BranchTally(opened, closed, on_time, repeats, unresolved, not_due[bid])
        for bid, (opened, closed, on_time, repeats, unresolved) in sums.items()
    }


def branch_counts(
    session: Session, flt: HqFilter, today: date | None = None
) -> dict[int, RectificationFigures]:
    """branch id -> the counts of the findings of the selected inspections (opened, closed,
    closed on time, due, overdue, repeats), without the days to close: what the branch
    assessment needs, and what :func:`figures` shows beside the days (:func:`tallies`).
    Branches with no finding in the selection are left out."""
    out: dict[int, RectificationFigures] = {}
    for bid, t in tallies(session, flt, today or clock.local_today()).items():
        out[bid] = RectificationFigures(
            "",
            "",
            "",
            opened=t.opened,
            closed=t.closed,
            closed_on_time=t.on_time,
            due=t.closed + t.overdue,
            overdue=t.overdue,
            repeats=t.repeats,
        )
    return out
