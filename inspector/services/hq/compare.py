"""``--compare-to PERIOD``: each figure beside the earlier period's, with the change.

The earlier period is the same selection (region, checklist, mode, drafts) over the other
dates. League rows are matched by branch (and scenario, for mystery visits), assessment
rows by branch. ``change`` is now minus then (None when either is missing);
``rank_change`` is then minus now (positive: the branch moved up).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session

from inspector.domain.checklist import Mode
from inspector.services.hq import assess as assess_svc
from inspector.services.hq.assess_rule import LoadedRule
from inspector.services.hq.league import counts, league
from inspector.services.hq.rows import HqFilter, LeagueRow, _r

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Earlier:
    """One figure of the earlier period, for a row now."""

    period: str
    score: float | None
    rank: int | None
    now_score: float | None
    now_rank: int | None

    @property
    def change(self) -> float | None:
        if self.score is None or self.now_score is None:
            return None
        return self.now_score - self.score

    @property
    def rank_change(self) -> int | None:
        if self.rank is None or self.now_rank is None:
            return None
        return self.rank - self.now_rank

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "score": _r(self.score),
            "rank": self.rank,
            "change": _r(self.change),
            "rank_change": self.rank_change,
        }


def earlier_filter(flt: HqFilter, period: str) -> HqFilter:
    """``flt`` over ``period`` (2026Q3, 2026-09, 2026) instead of its own dates."""
    a, b = assess_svc.parse_period(period, "--compare-to")
    return replace(flt, date_from=a, date_to=b)


def _key(r: LeagueRow) -> tuple[str, str | None]:
    return (r.code, r.scenario)


def league_rows(
    session: Session,
    flt: HqFilter,
    period: str,
    now: list[LeagueRow],
    checklist_id: str,
    mode: Mode,
) -> dict[tuple[str, str | None], Earlier]:
    """For each league row now, the same branch's (and scenario's) row in ``period``,
    on the same checklist and mode."""
    then_flt = replace(earlier_filter(flt, period), checklist_id=checklist_id, mode=mode)
    then = {_key(r): r for r in league(session, then_flt)}
    out: dict[tuple[str, str | None], Earlier] = {}
    for r in now:
        t = then.get(_key(r))
        out[_key(r)] = Earlier(
            period,
            t.latest_score if t is not None else None,
            t.rank if t is not None else None,
            r.latest_score,
            r.rank,
        )
    return out


def summary(session: Session, flt: HqFilter, period: str, average: float | None) -> dict[str, Any]:
    """The earlier period's inspections and average, and the change of the average."""
    then_flt = earlier_filter(flt, period)
    n, avg = counts(session, then_flt)
    return {
        "period": period,
        "from": then_flt.date_from.isoformat() if then_flt.date_from else None,
        "to": then_flt.date_to.isoformat() if then_flt.date_to else None,
        "inspections": n,
        "average": _r(avg),
        "change": _r(average - avg) if average is not None and avg is not None else None,
    }


def assessment(
    session: Session,
    rule: LoadedRule,
    period: str,
    now: assess_svc.Assessment,
    tz: str | None = None,
) -> dict[str, Earlier]:
    """For each branch assessed now, its score and rank in ``period`` (same rule, region)."""
    a, b = assess_svc.parse_period(period, "--compare-to")
    then = {
        r.code: r
        for r in assess_svc.assess(
            session, rule, date_from=a, date_to=b, region=now.region, tz=tz
        ).rows
    }
    return {
        r.code: Earlier(
            period,
            then[r.code].score if r.code in then else None,
            then[r.code].rank if r.code in then else None,
            r.score,
            r.rank,
        )
        for r in now.rows
    }
