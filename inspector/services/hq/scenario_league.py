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
from inspector.services.hq.grouping import unindexed
from inspector.services.hq.rows import HISTORY_POINTS, BranchInfo, LeagueRow

log = logging.getLogger(__name__)


def _scenario(value: Any) -> str:
    """The scenario as the visit facts hold it, "" when none."""
    return str(value or "")


def _visits(session: Session, conds: Sequence[ColumnElement[bool]]) -> list[Any]:
    """The selected visits, newest first: (id, branch_id, score_total, untrusted, draft,
    scenario), only what a group's figures need (the newest visit's details: :func:`_latest`).

    The database reads the scenario from the visit facts (``->>`` on PostgreSQL,
    ``json_extract`` on SQLite), so no visit's JSON reaches Python. The visits are picked by
    id on a covering index first, and ``unindexed`` keeps SQLite from walking the started_at
    index for the order: otherwise it reads every inspection of the period from the table
    to find the visits among them (3 to 4 times slower at 100,000 inspections).
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
            Inspection.visit["scenario"].as_string().label("scenario"),
        )
        .where(Inspection.id.in_(select(Inspection.id).where(*conds)))
        .order_by(unindexed(Inspection.started_at).desc(), Inspection.id.desc())
    )
    return list(session.connection().execute(q))


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
    groups: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for r in _visits(session, conds):
        if r.branch_id in branches:
            groups[(_scenario(r.scenario), int(r.branch_id))].append(r)
    latest = _latest(session, [rs[0].id for rs in groups.values()])
    by_scenario: dict[str, list[LeagueRow]] = defaultdict(list)
    for (scen, bid), rs in groups.items():
        b = branches[bid]
        first = latest[rs[0].id]
        scored = [float(x.score_total) for x in rs if x.score_total is not None]
        prev = rs[1].score_total if len(rs) > 1 else None
        by_scenario[scen].append(
            LeagueRow(
                rank=None,
                code=b.code,
                name=b.name,
                region=b.region,
                latest_score=float(rs[0].score_total) if rs[0].score_total is not None else None,
                latest_grade=first.grade,
                latest_at=first.started_at,
                latest_uuid=first.uuid,
                previous_score=float(prev) if prev is not None else None,
                inspections=len(rs),
                average=sum(scored) / len(scored) if scored else None,
                veto_failed=int(first.veto_failed or 0),
                untrusted=sum(x.untrusted for x in rs),
                history=tuple(
                    float(x.score_total)
                    for x in reversed(rs[:HISTORY_POINTS])
                    if x.score_total is not None
                ),
                latest_passed=bool(first.passed) if first.passed is not None else None,
                latest_draft=first.status != InspectionStatus.FINALIZED,
                drafts=sum(x.draft for x in rs),
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
