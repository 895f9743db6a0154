"""Like with like: region figures per checklist and mode (never a mix of checklists or of
on-site inspections and mystery visits).

``hq summary --json`` (``regions``), the HQ PDF's first page and the Excel 区域汇总 sheet
show the same rows: per region, checklist and mode, the branches inspected, the
inspections, their average score and the red-line failures.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from inspector.db.models import Branch, Inspection
from inspector.domain.checklist import Mode
from inspector.services.hq.league import league
from inspector.services.hq.plans import period_key
from inspector.services.hq.rows import HqFilter, LeagueRow, _r
from inspector.services.hq.scope import by_month, conditions, snapshot_checklists

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RegionScopeRow:
    region: str
    checklist_id: str
    mode: Mode
    branches: int  # branches of the region (inspected or not)
    inspected: int  # branches with such an inspection in the selection
    inspections: int
    average: float | None
    vetoes: int  # inspections with a failed red line

    def as_dict(self) -> dict[str, Any]:
        """A row of ``hq summary --json``'s ``regions``."""
        return {
            "region": self.region,
            "checklist": self.checklist_id,
            "mode": self.mode,
            "branches": self.branches,
            "inspected": self.inspected,
            "inspections": self.inspections,
            "average": _r(self.average),
            "vetoes": self.vetoes,
        }


class _Fold:
    """A region's figures for one checklist and mode, gathered from per-branch groups."""

    __slots__ = ("branches", "n", "scored", "total", "vetoes")

    def __init__(self) -> None:
        self.branches: set[int] = set()
        self.n = 0
        self.total = 0.0
        self.scored = 0
        self.vetoes = 0

    def add(self, branch: int, n: int, total: float | None, scored: int, vetoes: int) -> None:
        self.branches.add(branch)
        self.n += n
        self.total += float(total or 0.0)
        self.scored += scored
        self.vetoes += vetoes


def _regions(session: Session) -> dict[int, str]:
    """branch id -> region ("" when none)."""
    return {int(i): r or "" for i, r in session.execute(select(Branch.id, Branch.region))}


def region_rows(session: Session, flt: HqFilter) -> list[RegionScopeRow]:
    """Per region, checklist and mode: what the selection holds, sorted by region, then
    checklist and mode."""
    # Grouped on the inspections alone (branch, snapshot, mode: a few thousand rows), then
    # folded into regions and checklists here: joining every inspection to its branch and
    # snapshot and sorting by their names cost PostgreSQL an on-disk sort at 100,000.
    bid = period_key(Inspection.branch_id, flt)
    q = (
        select(
            bid,
            Inspection.snapshot_id,
            Inspection.mode,
            func.count(),
            func.sum(Inspection.score_total),
            func.count(Inspection.score_total),
            func.sum(case((Inspection.veto_failed > 0, 1), else_=0)),
        )
        .where(*conditions(flt))
        .group_by(bid, Inspection.snapshot_id, Inspection.mode)
    )
    parts = session.execute(q).all()
    region_of = _regions(session)
    checklist_of = snapshot_checklists(session, (p[1] for p in parts))
    groups: dict[tuple[str, str, Mode], _Fold] = {}
    for b_id, sid, mode, n, total, scored, vetoes in parts:
        if b_id not in region_of or sid not in checklist_of:
            continue  # as the joins did: only inspections of a known branch and checklist
        key = (region_of[b_id], checklist_of[sid], Mode(mode))
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Fold()
        g.add(int(b_id), int(n), total, int(scored), int(vetoes or 0))
    bq = select(Branch.region, func.count()).group_by(Branch.region)
    if flt.region:
        bq = bq.where(Branch.region == flt.region)
    n_branches: dict[str, int] = defaultdict(int)
    for region, n in session.execute(bq):
        n_branches[region or ""] += int(n)
    rows = [
        RegionScopeRow(
            region=region or "—",
            checklist_id=cid,
            mode=mode,
            branches=n_branches.get(region or "", 0),
            inspected=len(g.branches),
            inspections=g.n,
            average=g.total / g.scored if g.scored else None,
            vetoes=g.vetoes,
        )
        for (region, cid, mode), g in groups.items()
    ]
    rows.sort(key=lambda r: (r.region, r.checklist_id, r.mode))
    return rows


def leagues(session: Session, flt: HqFilter, rows: list[RegionScopeRow]) -> list[Any]:
    """A league for every checklist and mode the selection holds (``rows`` say which),
    each like with like: ``[(checklist, mode, league rows), ...]``."""
    pairs = sorted({(r.checklist_id, r.mode) for r in rows})
    out: list[tuple[str, Mode, list[LeagueRow]]] = []
    for cid, mode in pairs:
        out.append((cid, mode, league(session, replace(flt, checklist_id=cid, mode=mode))))
    return out


@dataclass(frozen=True, slots=True)
class QuarterRow:
    """One quarter of one checklist and mode, in one region ("" = every region)."""

    quarter: str  # 2026Q3
    checklist_id: str
    mode: Mode
    region: str
    inspections: int
    average: float | None
    previous: float | None  # the quarter before's average (None: no such quarter)

    @property
    def change(self) -> float | None:
        if self.average is None or self.previous is None:
            return None
        return self.average - self.previous

    def as_dict(self) -> dict[str, Any]:
        return {
            "quarter": self.quarter,
            "checklist": self.checklist_id,
            "mode": self.mode,
            "region": self.region or None,
            "inspections": self.inspections,
            "average": _r(self.average),
            "change": _r(self.change),
        }


def _quarter(month: str) -> str:
    year, m = month.split("-")
    return f"{year}Q{(int(m) - 1) // 3 + 1}"


def _previous(quarter: str) -> str:
    year, q = int(quarter[:4]), int(quarter[-1])
    return f"{year - 1}Q4" if q == 1 else f"{year}Q{q - 1}"


def quarters(session: Session, flt: HqFilter) -> list[QuarterRow]:
    """Quarter on quarter, like with like: the average score per quarter for each checklist
    and mode, in each region and over all regions, with the change from the quarter before
    (quarters in the reader's zone)."""
    # Grouped on the inspections alone, then folded into regions and checklists here (see
    # region_rows): a few thousand groups, no join per inspection, no on-disk sort.
    parts = by_month(
        session,
        flt,
        [Inspection.branch_id, Inspection.snapshot_id, Inspection.mode],
        [func.sum(Inspection.score_total), func.count()],
        [Inspection.score_total.is_not(None), *conditions(flt)],
    )
    region_of = _regions(session)
    checklist_of = snapshot_checklists(session, (p[2] for p in parts))
    acc: dict[tuple[str, str, Mode, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for m, b_id, sid, mode, total, n in parts:
        if b_id not in region_of or sid not in checklist_of:
            continue  # as the joins did: only inspections of a known branch and checklist
        qk = _quarter(str(m))
        for reg in (region_of[b_id] or "—", ""):
            a = acc[(qk, checklist_of[sid], Mode(mode), reg)]
            a[0] += float(total or 0.0)
            a[1] += int(n)
    avg = {k: s / n for k, (s, n) in acc.items() if n}
    rows = [
        QuarterRow(
            quarter=qk,
            checklist_id=cid,
            mode=mode,
            region=reg,
            inspections=int(acc[(qk, cid, mode, reg)][1]),
            average=a,
            previous=avg.get((_previous(qk), cid, mode, reg)),
        )
        for (qk, cid, mode, reg), a in avg.items()
    ]
    rows.sort(key=lambda r: (r.checklist_id, r.mode, r.region != "", r.region, r.quarter))
    return rows
