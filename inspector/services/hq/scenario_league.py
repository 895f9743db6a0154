"""The mystery-shopping league: visits ranked within one scenario, never across scenarios.

The scenario a mystery shopper plays decides which sections apply, so totals compare only
within a scenario (scenario averages differ by tens of points). For each scenario, each
branch's latest visit of that scenario is ranked with the league's one rule (a red-line
failure never above a pass, then the score); ranks restart at 1 for every scenario. A wave
plays one scenario, so a wave's ranking is its scenario's. Branches with no visit in the
selection are listed apart, unranked.

Called by :func:`inspector.services.hq.queries.league` for the mystery mode, with the
selection's WHERE terms, the branches and the ranking rule (so this module needs nothing
from the queries module).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, Integer, case, select, type_coerce
from sqlalchemy.orm import Session

from inspector.db.models import Inspection
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus
from inspector.services.hq.plans import by_id, unindexed
from inspector.services.hq.rows import HISTORY_POINTS, BranchInfo, LeagueRow

log = logging.getLogger(__name__)


def _scenario(value: Any) -> str:
    """The scenario as the visit facts hold it, "" when none."""
    return str(value or "")


def _visits(session: Session, conds: Sequence[ColumnElement[bool]]) -> list[Any]:
    """The selected visits, newest first: (id, branch_id, score_total, untrusted, draft,
    scenario), only what a group's figures need (the newest visit's details: :func:`_latest`).

    The scenario comes from its indexed column (migration ``scenario_column``), so no
    visit's JSON is read. SQLite picks the visits
    by id on a covering index first (:func:`by_id`), and ``unindexed`` keeps it from walking
    the started_at index for the order: otherwise it reads every inspection of the period
    from the table to find the visits among them (3 to 4 times slower at 100,000).
    """
    q = (
        select(
            Inspection.id,
            Inspection.branch_id,
            Inspection.score_total,
            type_coerce(case((Inspection.trusted.is_(False), 1), else_=0), Integer).label(
                "untrusted"
            ),
            type_coerce(
                case((Inspection.status != InspectionStatus.FINALIZED, 1), else_=0), Integer
            ).label("draft"),
            Inspection.scenario.label("scenario"),
        )
        .where(*by_id(session, conds))
        .order_by(unindexed(Inspection.started_at).desc(), Inspection.id.desc())
    )
    return list(session.connection().execute(q).all())


class _Group:
    """A (scenario, branch)'s visits as they arrive, newest first."""

    __slots__ = ("drafts", "newest_id", "scores", "untrusted")

    def __init__(self, newest_id: int) -> None:
        self.newest_id = newest_id
        self.scores: list[float | None] = []
        self.untrusted = 0
        self.drafts = 0


def _latest(session: Session, ids: list[int]) -> dict[int, Any]:
    """id -> what a league row shows of a group's newest visit."""
    if not ids:
        return {}
    q = select(
        Inspection.id,
        Inspection.uuid,
        Inspection.grade,
        Inspection.started_at,
        Inspection.veto_failed,
        Inspection.passed,
        Inspection.status,
    ).where(Inspection.id.in_(ids))
    return {r.id: r for r in session.execute(q)}


def league(
    session: Session,
    conds: Sequence[ColumnElement[bool]],
    branches: dict[int, BranchInfo],
    checklist_id: str,
    mode: Mode,
    rank_key: Callable[[LeagueRow], Any],
    *,
    incomplete: Callable[[list[str]], set[str]] | None = None,
) -> list[LeagueRow]:
    """One ranked block per scenario (sorted by scenario id), then the unvisited branches."""
    groups: dict[tuple[str, int], _Group] = {}
    for vid, bid, score, untrusted, draft, scen in _visits(session, conds):
        if bid not in branches:
            continue
        key = (_scenario(scen), int(bid))
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(vid)
        g.scores.append(score)
        g.untrusted += untrusted
        g.drafts += draft
    latest = _latest(session, [g.newest_id for g in groups.values()])
    by_scenario: dict[str, list[LeagueRow]] = defaultdict(list)
    for (scen, bid), g in groups.items():
        b = branches[bid]
        first = latest[g.newest_id]
        scores = g.scores  # newest first
        scored = [float(x) for x in scores if x is not None]
        prev = scores[1] if len(scores) > 1 else None
        by_scenario[scen].append(
            LeagueRow(
                rank=None,
                code=b.code,
                name=b.name,
                region=b.region,
                latest_score=float(scores[0]) if scores[0] is not None else None,
                latest_grade=first.grade,
                latest_at=first.started_at,
                latest_uuid=first.uuid,
                previous_score=float(prev) if prev is not None else None,
                inspections=len(scores),
                average=sum(scored) / len(scored) if scored else None,
                veto_failed=int(first.veto_failed or 0),
                untrusted=g.untrusted,
                history=tuple(float(x) for x in reversed(scores[:HISTORY_POINTS]) if x is not None),
                latest_passed=bool(first.passed) if first.passed is not None else None,
                latest_draft=first.status != InspectionStatus.FINALIZED,
                drafts=g.drafts,
                checklist_id=checklist_id,
                mode=mode,
                scenario=scen,
            )
        )
    if incomplete is not None:  # drafts included: an incomplete draft is listed apart
        gaps = incomplete(
            [
                r.latest_uuid
                for rs in by_scenario.values()
                for r in rs
                if r.latest_draft and r.latest_uuid
            ]
        )
        for scen, rs in by_scenario.items():
            by_scenario[scen] = [replace(r, incomplete=r.latest_uuid in gaps) for r in rs]
    out: list[LeagueRow] = []
    for scen in sorted(by_scenario):
        out += LeagueRow.numbered(sorted(by_scenario[scen], key=rank_key))
    visited = {bid for _scen, bid in groups}
    for bid, b in sorted(branches.items(), key=lambda kv: kv[1].code):
        if bid not in visited:
            out.append(LeagueRow.absent(b.code, b.name, b.region, checklist_id, mode))
    return out
