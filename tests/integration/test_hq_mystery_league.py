"""The mystery league's figures per (scenario, branch), checked against the visits
themselves read one by one, on either backend: the newest visit and the one before, the
count, the average of the scored visits, untrusted and draft visits, the last scores, and
visits without a scenario (no key and an empty one are one group)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select

from inspector.db import Database
from inspector.db.models import Inspection
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus
from inspector.services import demo
from inspector.services.hq import league as hq_league
from inspector.services.hq.rows import HISTORY_POINTS, HqFilter


def _groups(db: Database, drafts: bool) -> dict[tuple[str, str], list[Any]]:
    """(scenario, branch code) -> its current mystery visits, newest first."""
    out: dict[tuple[str, str], list[Any]] = defaultdict(list)
    with db.read_session() as s:
        visits = s.scalars(
            select(Inspection)
            .where(Inspection.is_current.is_(True), Inspection.mode == Mode.MYSTERY)
            .order_by(Inspection.started_at.desc(), Inspection.id.desc())
        ).all()
        for v in visits:
            if v.snapshot.checklist_id != "mystery-shopper":
                continue
            if not drafts and v.status != InspectionStatus.FINALIZED:
                continue
            scenario = str((v.visit or {}).get("scenario") or "")
            out[(scenario, v.branch.code)].append(
                (v.uuid, v.score_total, v.trusted, v.status != InspectionStatus.FINALIZED)
            )
    return out


def test_mystery_league_figures_match_the_visits(any_db: Database) -> None:
    demo.generate(any_db, inspections=150, seed=3)
    with any_db.session() as s:
        visits = list(
            s.scalars(
                select(Inspection).where(Inspection.mode == Mode.MYSTERY).order_by(Inspection.id)
            )
        )
        assert len(visits) >= 14
        home = visits[0].branch_id
        scenario = visits[0].visit["scenario"]
        # Eleven visits of one branch and scenario: more than the history keeps.
        for v in visits[1:11]:
            v.branch_id = home
            v.visit = {**v.visit, "scenario": scenario}
        visits[3].trusted = False  # imported from a device HQ does not trust
        visits[4].status = InspectionStatus.DRAFT  # counts only with drafts
        # No scenario key, and an empty one: one group.
        visits[11].visit = {k: x for k, x in visits[11].visit.items() if k != "scenario"}
        visits[12].visit = {**visits[12].visit, "scenario": ""}
        visits[12].branch_id = visits[11].branch_id
    for drafts in (False, True):
        expected = _groups(any_db, drafts)
        assert len(expected[(scenario, visits[0].branch.code)]) >= HISTORY_POINTS + 2
        assert len(expected[("", visits[11].branch.code)]) == 2
        with any_db.read_session() as s:
            rows = hq_league.league(s, HqFilter(mode=Mode.MYSTERY, include_drafts=drafts))
        ranked = [r for r in rows if r.scenario is not None and r.latest_uuid]
        assert {(r.scenario, r.code) for r in ranked} == set(expected)
        for r in ranked:
            vs = expected[(r.scenario or "", r.code)]
            scored = [float(x[1]) for x in vs if x[1] is not None]
            assert r.latest_uuid == vs[0][0]
            assert r.latest_score == vs[0][1]
            assert r.previous_score == (vs[1][1] if len(vs) > 1 else None)
            assert r.inspections == len(vs)
            assert r.average == sum(scored) / len(scored)
            assert r.untrusted == sum(1 for x in vs if x[2] is False)
            assert r.drafts == sum(1 for x in vs if x[3])
            newest = [float(x[1]) for x in vs[:HISTORY_POINTS] if x[1] is not None]
            assert r.history == tuple(reversed(newest))
        # Ranks restart at 1 in every scenario, in scenario order.
        scenarios = [r.scenario for r in ranked]
        assert scenarios == sorted(scenarios)
        assert next(r.rank for r in ranked if r.scenario == scenario) == 1
