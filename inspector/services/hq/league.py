"""The league table (like with like: one checklist, one mode), the region summary, counts.

Every query works on current revisions only (``is_current``) and aggregates in the
database (GROUP BY and window functions that SQLite >= 3.25 and PostgreSQL both run), so
the views stay fast at 100,000 inspections without loading them into memory. Results are
plain frozen dataclasses: the Qt dashboard, the CLI, the PDF report and the Excel export
all read the same :class:`HqData`.

Only finalized inspections count unless ``HqFilter.include_drafts`` is set; drafts are
then marked as drafts on every row and page. The league compares like with like (one
checklist, one mode) and never ranks a branch whose latest inspection failed a red line
above one that passed. Times are shown in the reader's zone (:mod:`inspector.domain.timefmt`).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import replace
from typing import Any

from sqlalchemy import (
    case,
    func,
    select,
)
from sqlalchemy.orm import Session

from inspector.db.models import (
    Branch,
    Inspection,
)
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus
from inspector.services.hq import drafts, scenario_league
from inspector.services.hq.plans import period_key, unindexed
from inspector.services.hq.rows import (
    HqFilter,
    LeagueRow,
    RegionRow,
)
from inspector.services.hq.scope import (
    branch_history,
    branch_infos,
    conditions,
    snapshot_checklists,
)

log = logging.getLogger(__name__)


def counts(session: Session, flt: HqFilter) -> tuple[int, float | None]:
    """(inspections, average score) of the selection."""
    row = session.execute(
        select(func.count(), func.avg(Inspection.score_total)).where(*conditions(flt))
    ).one()
    return int(row[0] or 0), (float(row[1]) if row[1] is not None else None)


DEFAULT_LEAGUE = ("comprehensive", Mode.ONSITE)


def league_scope(session: Session, flt: HqFilter) -> tuple[str, Mode]:
    """(checklist, mode) the league compares: like with like, never a mix.

    The filter's own checklist and mode when given; otherwise the comprehensive on-site
    checklist when the selection has any, else the pair with the most inspections.
    """
    if flt.checklist_id and flt.mode:
        return flt.checklist_id, flt.mode
    cid, mode = DEFAULT_LEAGUE
    if flt.checklist_id in (None, cid) and flt.mode in (None, mode):
        # The usual case, answered by an index seek: the default pair is in the selection.
        has_default = session.scalar(
            select(Inspection.id)
            .where(
                *conditions(replace(flt, checklist_id=cid, mode=mode)),
            )
            .limit(1)
        )
        if has_default is not None:
            return DEFAULT_LEAGUE
    # Counted per snapshot on the inspections' covering index (no join per inspection),
    # then per checklist: a checklist's versions are separate snapshots. unindexed():
    # SQLite would otherwise walk the snapshot index, reading every inspection's row.
    sid = unindexed(Inspection.snapshot_id).label("snapshot_id")
    per_snapshot = session.execute(
        select(sid, Inspection.mode, func.count())
        .where(*conditions(flt))
        .group_by(sid, Inspection.mode)
    ).all()
    checklist_of = snapshot_checklists(session, (sid for sid, _m, _n in per_snapshot))
    totals: dict[tuple[str, Mode], int] = defaultdict(int)
    for sid, m, count in per_snapshot:
        if sid in checklist_of:  # as the join did: an inspection's snapshot exists
            totals[(checklist_of[sid], Mode(m))] += int(count)
    found = sorted(totals, key=lambda pair: (-totals[pair], pair[0], pair[1].value))
    if found:
        return found[0]
    return flt.checklist_id or DEFAULT_LEAGUE[0], flt.mode or DEFAULT_LEAGUE[1]


def scoped(session: Session, flt: HqFilter) -> HqFilter:
    """``flt`` narrowed to the league's one checklist and mode."""
    cid, mode = league_scope(session, flt)
    return replace(flt, checklist_id=cid, mode=mode)


def rank_key(r: LeagueRow) -> tuple[bool, bool, float, str]:
    """The one ranking rule (dashboard, CLI, PDF and Excel all sort by it).

    A branch whose latest inspection failed a red line (veto item) never ranks above one
    that did not, whatever the totals; then the higher latest score; then the code.
    """
    unranked = r.latest_score is None or r.incomplete  # incomplete drafts: listed apart
    return (unranked, r.veto_failed > 0, -(r.latest_score or 0.0), r.code)


def league(session: Session, flt: HqFilter, history: list[Any] | None = None) -> list[LeagueRow]:
    """Branches ranked by their latest score on one checklist and mode.

    ``flt`` is narrowed with :func:`scoped` first (pass a scoped filter with its history to
    skip that). Branches without an inspection in the selection come last, unranked.
    """
    if not (flt.checklist_id and flt.mode):
        flt = scoped(session, flt)
        history = None
    branches = branch_infos(session, flt)
    if flt.mode == Mode.MYSTERY:  # within one scenario only, ranks restart per scenario
        check = (lambda uuids: drafts.incomplete(session, uuids)) if flt.drafts else None
        return scenario_league.league(
            session,
            conditions(flt),
            branches,
            flt.checklist_id or "",
            flt.mode,
            rank_key,
            incomplete=check,
        )
    bid_key = period_key(Inspection.branch_id, flt)
    stats = {
        r.branch_id: r
        for r in session.execute(
            select(
                bid_key,
                func.count().label("n"),
                func.avg(Inspection.score_total).label("avg"),
                func.sum(case((Inspection.trusted.is_(False), 1), else_=0)).label("untrusted"),
                func.sum(case((Inspection.status != InspectionStatus.FINALIZED, 1), else_=0)).label(
                    "drafts"
                ),
            )
            .where(*conditions(flt))
            .group_by(bid_key)
        )
    }
    by_branch: dict[int, list[Any]] = defaultdict(list)
    for r in history if history is not None else branch_history(session, flt):
        by_branch[r.branch_id].append(r)
    cid, mode = flt.checklist_id or "", flt.mode
    out: list[LeagueRow] = []
    for bid, b in branches.items():
        rs = by_branch.get(bid, [])
        st = stats.get(bid)
        if not rs or st is None:
            out.append(LeagueRow.absent(b.code, b.name, b.region, cid, mode))
            continue
        first = rs[0]
        prev = rs[1].score_total if len(rs) > 1 else None
        out.append(
            LeagueRow(
                rank=None,
                code=b.code,
                name=b.name,
                region=b.region,
                latest_score=float(first.score_total) if first.score_total is not None else None,
                latest_grade=first.grade,
                latest_at=first.started_at,
                latest_uuid=first.uuid,
                previous_score=float(prev) if prev is not None else None,
                inspections=int(st.n),
                average=float(st.avg) if st.avg is not None else None,
                veto_failed=int(first.veto_failed or 0),
                untrusted=int(st.untrusted or 0),
                history=tuple(
                    float(r.score_total) for r in reversed(rs) if r.score_total is not None
                ),
                latest_passed=bool(first.passed) if first.passed is not None else None,
                latest_draft=first.status != InspectionStatus.FINALIZED,
                drafts=int(st.drafts or 0),
                checklist_id=cid,
                mode=mode,
            )
        )
    if flt.drafts:
        gaps = drafts.incomplete(
            session, [r.latest_uuid for r in out if r.latest_draft and r.latest_uuid]
        )
        out = [replace(r, incomplete=True) if r.latest_uuid in gaps else r for r in out]
    out.sort(key=rank_key)
    return LeagueRow.numbered(out)


def regions_summary(
    session: Session, flt: HqFilter, league_rows: list[LeagueRow]
) -> list[RegionRow]:
    """Per region: branches, branches inspected, inspections, average and red-line failures."""
    q = (
        select(
            Branch.region,
            func.count(),
            func.avg(Inspection.score_total),
            func.sum(case((Inspection.veto_failed > 0, 1), else_=0)),
            func.count(func.distinct(Inspection.branch_id)),
        )
        .join(Branch, Branch.id == Inspection.branch_id)
        .where(*conditions(flt))
        .group_by(Branch.region)
    )
    stats = {r[0]: r for r in session.execute(q)}
    n_branches: dict[str, int] = defaultdict(int)
    for b in branch_infos(session, flt).values():
        n_branches[b.region] += 1
    del league_rows  # the branch count comes from the branch table (every branch, inspected or not)
    out = []
    for region in sorted(set(n_branches) | set(stats)):
        st = stats.get(region)
        out.append(
            RegionRow(
                region=region or "—",
                branches=n_branches.get(region, 0),
                inspected=int(st[4]) if st else 0,
                inspections=int(st[1]) if st else 0,
                average=float(st[2]) if st and st[2] is not None else None,
                vetoes=int(st[3] or 0) if st else 0,
            )
        )
    return out
