"""The branch assessment (消保考核): one score out of 100 per branch, explained.

``inspector hq assess``, the dashboard's assessment tab, the HQ PDF section and the Excel
sheets all call :func:`assess` and show its rows. The rule is data
(:mod:`.assess_rule`, shipped default ``resources/assessment/default.yaml``): for each
branch, its on-site inspections, its mystery visits and its rectification on time earn
points (weight x the branch's figure), its repeat findings, red-line failures and overdue
findings cost points (capped), and every component carries the figures it was made from.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from inspector.db.models import Branch, ChecklistSnapshot, Inspection
from inspector.domain import numbers
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus
from inspector.errors import ValidationError
from inspector.services.hq import rectify as rect
from inspector.services.hq.assess_rule import LoadedRule
from inspector.services.hq.fetch import driver_rows
from inspector.services.hq.plans import PeriodOnEntries, period_key
from inspector.services.hq.rows import HqFilter
from inspector.services.hq.scope import conditions
from inspector.text import hq_assess as TA

log = logging.getLogger(__name__)

_PERIOD = re.compile(r"^(\d{4})(?:(?:-?Q([1-4]))|(?:-(\d{2})))?$", re.IGNORECASE)


def parse_period(text: str, option: str = "--period") -> tuple[date, date]:
    """'2026Q4' / '2026-Q4', '2026-11' or '2026' as (first day, last day)."""
    m = _PERIOD.match(text.strip())
    month = int(m.group(3)) if m and m.group(3) else None
    if m is None or (month is not None and not 1 <= month <= 12):
        raise ValidationError(TA.BAD_PERIOD, option=option, value=repr(text))
    year = int(m.group(1))
    if m.group(2):
        q = int(m.group(2))
        start, months = date(year, 3 * q - 2, 1), 3
    elif month is not None:
        start, months = date(year, month, 1), 1
    else:
        start, months = date(year, 1, 1), 12
    end_month = start.month + months
    end = date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1) - timedelta(days=1)
    return start, end


def _r2(v: float) -> float:
    return numbers.record(v) + 0.0  # the value of record (half up), never -0.0


def _fmt(v: float | None) -> str:
    return numbers.points(v)


@dataclass(frozen=True, slots=True)
class Component:
    """Where some of a branch's points came from (or went): its inputs, weight, points."""

    id: str  # onsite | mystery | rectification | repeat | redline | overdue
    inputs: dict[str, Any]
    weight: float | None  # the weight applied (after reweighting); None for penalties
    rule_weight: float | None
    points: float | None  # None: left out (no data, reweighted)
    explain_zh: str
    explain_en: str

    def title(self, lang: str) -> str:
        return TA.COMPONENTS[self.id](lang)

    def explain(self, lang: str) -> str:
        return self.explain_zh if lang == "zh" else self.explain_en

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": {"zh": self.title("zh"), "en": self.title("en")},
            "inputs": self.inputs,
            "weight": self.weight,
            "rule_weight": self.rule_weight,
            "points": self.points,
            "explain": {"zh": self.explain_zh, "en": self.explain_en},
        }


@dataclass(frozen=True, slots=True)
class AssessRow:
    code: str
    name: str
    region: str
    score: float | None  # None: not assessed (no inspection and no visit in the period)
    rank: int | None
    region_rank: int | None
    components: tuple[Component, ...] = ()

    def points(self, cid: str) -> float | None:
        return next((c.points for c in self.components if c.id == cid), None)

    def as_dict(self) -> dict[str, Any]:
        """A row of ``hq assess --json``."""
        return {
            "branch": {"code": self.code, "name": self.name, "region": self.region},
            "score": self.score,
            "rank": self.rank,
            "region_rank": self.region_rank,
            "components": [c.as_dict() for c in self.components],
        }


@dataclass(frozen=True, slots=True)
class Assessment:
    rule: LoadedRule
    date_from: date | None
    date_to: date | None
    region: str | None
    rows: list[AssessRow] = field(default_factory=list)

    def ranked(self) -> list[AssessRow]:
        return [r for r in self.rows if r.rank is not None]

    def unranked(self) -> list[AssessRow]:
        return [r for r in self.rows if r.rank is None]

    def as_dict(self) -> dict[str, Any]:
        """``hq assess --json``."""
        return {
            "rule": self.rule.as_dict(),
            "period": {
                "from": self.date_from.isoformat() if self.date_from else None,
                "to": self.date_to.isoformat() if self.date_to else None,
            },
            "region": self.region,
            "rows": [r.as_dict() for r in self.rows],
        }


def _explain(key: str, **fields: Any) -> tuple[str, str]:
    t = TA.EXPLAIN[key]
    return t("zh", **fields), t("en", **fields)


def _selected(
    flt: HqFilter, mode: Mode, checklists: tuple[str, ...], insp: Any = Inspection
) -> list[ColumnElement[bool]]:
    """The scored, finalized inspections of ``mode`` (of ``checklists``; empty: all);
    ``insp``: the columns to read (:func:`.scope.conditions`)."""
    conds = [
        *conditions(flt, insp),
        Inspection.mode == mode,
        Inspection.status == InspectionStatus.FINALIZED,
        Inspection.score_total.is_not(None),
    ]
    if checklists:
        conds.append(
            Inspection.snapshot_id.in_(
                select(ChecklistSnapshot.id).where(ChecklistSnapshot.checklist_id.in_(checklists))
            )
        )
    return conds


_RED = func.sum(case((Inspection.veto_failed > 0, 1), else_=0))


@dataclass(frozen=True, slots=True)
class _OnSite:
    """A branch's scored on-site inspections of the period, summed in the database."""

    n: int
    total: float  # the sum of their scores
    redlines: int  # how many failed a red line


def _onsite(session: Session, flt: HqFilter, checklists: tuple[str, ...]) -> dict[int, _OnSite]:
    """branch id -> its on-site figures: one row per branch, not one per inspection."""
    bid = period_key(Inspection.branch_id, flt)
    q = (
        select(bid, func.count(), func.sum(Inspection.score_total), _RED)
        .where(*_selected(flt, Mode.ONSITE, checklists))
        .group_by(bid)
    )
    return {
        int(b): _OnSite(int(n), float(total), int(red or 0))
        for b, n, total, red in session.execute(q)
    }


class _Mystery(NamedTuple):
    """A branch's scored mystery visits of the period."""

    n: int
    total: float  # the sum of their totals
    figure: float  # the average of their figures (relative to the scenario, or totals)
    redlines: int  # how many failed a red line


# branch id, scenario ("" when none), total, whether it failed a red line
_VisitRow = tuple[int, str, float, bool]


def _visits(session: Session, flt: HqFilter, checklists: tuple[str, ...]) -> list[_VisitRow]:
    """The scored mystery visits of the selection, as plain tuples.

    Read from the covering ``ix_inspections_scenario`` (migration ``scenario_column``; the
    period checked on its entries, :class:`.plans.PeriodOnEntries`), so no visit's JSON or
    table row is read. The driver's own rows
    (integers, text, floats; :func:`.fetch.driver_rows`): no ORM or result step for 20,000
    rows.
    """
    q = select(
        Inspection.branch_id,
        Inspection.scenario,
        Inspection.score_total,
        Inspection.veto_failed,
    ).where(*_selected(flt, Mode.MYSTERY, checklists, PeriodOnEntries))
    return [
        (int(b), str(scen or ""), float(score), int(veto or 0) > 0)
        for b, scen, score, veto in driver_rows(session.connection(), q)
    ]


def _mystery(
    visits: list[_VisitRow], relative: bool, branch_ids: set[int] | None
) -> dict[int, _Mystery]:
    """branch id -> its mystery figures, for the branches of ``branch_ids`` (None: all).

    ``relative``: each visit's figure is its total as a percent of the average total of
    its scenario over all of ``visits`` (the bank's; at most 100, 100 when the scenario
    has no average), else the total itself. Sums are exactly rounded (:func:`math.fsum`),
    so the figures do not depend on the order the database hands the visits over in.
    """
    scen_avg: dict[str, float] = {}
    if relative:
        acc: dict[str, list[float]] = defaultdict(list)
        for _b, scen, score, _red in visits:
            acc[scen].append(score)
        scen_avg = {k: math.fsum(v) / len(v) for k, v in acc.items() if v}
    totals: dict[int, list[float]] = defaultdict(list)
    figures: dict[int, list[float]] = defaultdict(list)
    red: dict[int, int] = defaultdict(int)
    for bid, scen, score, failed in visits:
        if branch_ids is not None and bid not in branch_ids:
            continue
        totals[bid].append(score)
        if relative:
            avg = scen_avg.get(scen)
            figures[bid].append(min(100.0, 100.0 * score / avg) if avg else 100.0)
        red[bid] += failed
    return {
        bid: _Mystery(
            len(mine),
            math.fsum(mine),
            math.fsum(figures[bid] if relative else mine) / len(mine),
            red[bid],
        )
        for bid, mine in totals.items()
    }


def _rank(rows: list[AssessRow]) -> dict[str, int]:
    """Competition ranking by score (1, 2, 2, 4), ties by code for the order only."""
    order = sorted(
        (r for r in rows if r.score is not None), key=lambda r: (-(r.score or 0), r.code)
    )
    out: dict[str, int] = {}
    prev: float | None = None
    rank = 0
    for n, r in enumerate(order, start=1):
        if r.score != prev:
            rank, prev = n, r.score
        out[r.code] = rank
    return out


def assess(
    session: Session,
    rule: LoadedRule,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    region: str | None = None,
    tz: str | None = None,
    rect_figures: rect.Rectification | None = None,
) -> Assessment:
    """Every branch of the region (all when None) assessed for the period.

    ``rect_figures``: the rectification figures of this selection (region and period, no
    checklist or mode), when the caller has computed them already (the dashboard and the
    HQ report show them in their own tab): read once, not twice.
    """
    r = rule.rule
    flt = HqFilter(region=region, date_from=date_from, date_to=date_to, tz=tz)
    bank = HqFilter(date_from=date_from, date_to=date_to, tz=tz)  # scenario averages
    onsite = _onsite(session, flt, r.components.onsite.checklists)
    checklists = r.components.mystery.checklists
    relative = r.components.mystery.measure == "relative"
    bq = select(Branch.id, Branch.code, Branch.name, Branch.region).order_by(Branch.code)
    if region:
        bq = bq.where(Branch.region == region)
    branches = list(session.execute(bq))
    # Relative: against the bank's average for the scenario, so the bank's visits are read
    # (the region's are among them); the region's alone otherwise.
    visits = _visits(session, bank if relative else flt, checklists)
    mine = {int(b[0]) for b in branches} if relative and region else None
    mystery = _mystery(visits, relative, mine)
    # Rectification counts: the figures the caller has, else each branch's counts of its
    # inspections' findings (no days to close: the assessment does not use them).
    if rect_figures is not None:
        rec = {f.code: f for f in rect_figures.branches}
    else:
        tallied = rect.branch_counts(session, flt)
        rec = {code: tallied[bid] for bid, code, _n, _r in branches if bid in tallied}
    rows: list[AssessRow] = []
    for bid, code, name, breg in branches:
        ons, mys = onsite.get(bid), mystery.get(bid)
        if ons is None and mys is None:
            rows.append(AssessRow(code, name, breg or "", None, None, None))
            continue
        figures: dict[str, float | None] = {}
        inputs: dict[str, dict[str, Any]] = {}
        # On-site: the average score of the period's inspections.
        avg_on = ons.total / ons.n if ons else None
        figures["onsite"] = avg_on
        inputs["onsite"] = {
            "inspections": ons.n if ons else 0,
            "average": _r2(avg_on) if avg_on is not None else None,
        }
        # Mystery: relative to the bank's average for the scenario, or the totals as they are.
        if mys is not None:
            my_figure = mys.figure
            figures["mystery"] = my_figure
            inputs["mystery"] = {
                "visits": mys.n,
                "average_total": _r2(mys.total / mys.n),
                "measure": r.components.mystery.measure,
                "figure": _r2(my_figure),
            }
        else:
            figures["mystery"] = None
            inputs["mystery"] = {"visits": 0, "measure": r.components.mystery.measure}
        # Rectification: closed on time among the findings due.
        f = rec.get(code)
        due = f.due if f else 0
        on_time = f.closed_on_time if f else 0
        rect_figure = 100.0 * on_time / due if due else 100.0
        figures["rectification"] = rect_figure
        inputs["rectification"] = {
            "opened": f.opened if f else 0,
            "due": due,
            "closed_on_time": on_time,
            "on_time_rate": _r2(rect_figure) if due else None,
        }
        weights = {
            "onsite": r.components.onsite.weight,
            "mystery": r.components.mystery.weight,
            "rectification": r.components.rectification.weight,
        }
        present = {k: w for k, w in weights.items() if figures[k] is not None}
        scale = 1.0
        if r.missing == "reweight" and present and sum(present.values()) > 0:
            scale = 100.0 / sum(present.values())
        comps: list[Component] = []
        for cid, rule_w in weights.items():
            value = figures[cid]
            if value is None:
                missing = "missing_reweight" if r.missing == "reweight" else "missing_zero"
                zh, en = _explain(missing)
                comps.append(
                    Component(
                        cid,
                        inputs[cid],
                        None if r.missing == "reweight" else rule_w,
                        rule_w,
                        None if r.missing == "reweight" else 0.0,
                        zh,
                        en,
                    )
                )
                continue
            w = rule_w * scale
            pts = _r2(w * value / 100.0)
            if cid == "onsite":
                key, fields = "onsite", {"n": ons.n if ons else 0, "average": _fmt(value)}
            elif cid == "mystery":
                key = f"mystery_{r.components.mystery.measure}"
                fields = {"n": mys.n if mys else 0, "average": _fmt(value)}
            elif due:
                key, fields = "rectification", {"due": due, "on_time": on_time, "rate": _fmt(value)}
            else:
                key, fields = "rectification_none", {}
            zh, en = _explain(key, weight=_fmt(w), points=_fmt(pts), **fields)
            comps.append(Component(cid, inputs[cid], _r2(w), rule_w, pts, zh, en))
        # Penalties, each capped.
        redlines = (ons.redlines if ons else 0) + (mys.redlines if mys else 0)
        counts = {
            "repeat": f.repeats if f else 0,
            "redline": redlines,
            "overdue": f.overdue if f else 0,
        }
        for pid, n in counts.items():
            pen = getattr(r.penalties, pid)
            pts = -_r2(min(pen.cap, n * pen.points))
            pts = pts + 0.0  # never -0.0
            zh, en = _explain(
                "penalty", n=n, per=_fmt(pen.points), cap=_fmt(pen.cap), deduct=_fmt(abs(pts))
            )
            comps.append(
                Component(
                    pid, {"count": n, "per": pen.points, "cap": pen.cap}, None, None, pts, zh, en
                )
            )
        total = sum(c.points or 0.0 for c in comps)
        rows.append(
            AssessRow(code, name, breg or "", _r2(max(0.0, total)), None, None, tuple(comps))
        )
    bank_rank = _rank(rows)
    region_rank: dict[str, int] = {}
    by_region: dict[str, list[AssessRow]] = defaultdict(list)
    for row in rows:
        by_region[row.region].append(row)
    for rs in by_region.values():
        region_rank.update(_rank(rs))
    ranked = [
        AssessRow(
            x.code,
            x.name,
            x.region,
            x.score,
            bank_rank.get(x.code),
            region_rank.get(x.code),
            x.components,
        )
        for x in rows
    ]
    ranked.sort(key=lambda x: (x.rank is None, x.rank or 0, x.code))
    return Assessment(rule, date_from, date_to, region, ranked)
