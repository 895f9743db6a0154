"""The mystery summary counted in SQL equals, to the last bit, by_scenario over every visit;
a page of visits is the newest ones in hq mystery's order (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from inspector.db import Database
from inspector.db.models import Inspection, SectionScoreRow
from inspector.domain.checklist import Mode
from inspector.services import demo
from inspector.services.hq import mystery as hq_mystery


@pytest.fixture
def visits_db(any_db: Database) -> Database:
    demo.generate(any_db, inspections=240, seed=11)
    with any_db.session() as s:
        ids = list(
            s.scalars(
                select(Inspection.id).where(Inspection.mode == Mode.MYSTERY).order_by(Inspection.id)
            )
        )
        assert len(ids) >= 12, "the demo makes mystery visits"
        # Values whose sum depends on the order it is added in (0.1 + 0.2 + 0.3 ...) and
        # thirds: a database's avg() may differ from statistics.fmean in the last bits.
        for i, iid in enumerate(ids):
            sid = s.scalars(
                select(SectionScoreRow.id)
                .where(SectionScoreRow.inspection_id == iid)
                .order_by(SectionScoreRow.section_id)
            ).first()
            if sid is None:
                continue
            pct = (0.1, 0.2, 0.3, 100 / 3, 200 / 3, None)[i % 6]  # None: N/A
            s.execute(update(SectionScoreRow).where(SectionScoreRow.id == sid).values(percent=pct))
        # A visit without a total, and one without a scenario.
        s.execute(update(Inspection).where(Inspection.id == ids[0]).values(score_total=None))
        s.execute(update(Inspection).where(Inspection.id == ids[1]).values(score_total=1 / 3))
        # Through the ORM, as the app writes visit facts: the scenario column follows.
        insp = s.get_one(Inspection, ids[2])
        visit = dict(insp.visit or {})
        visit.pop("scenario", None)
        insp.visit = visit
    return any_db


def _options(db: Database) -> list[dict[str, str]]:
    with db.read_session() as s:
        every = hq_mystery.visits(s)
    regions = sorted({v.region for v in every})
    waves = sorted({v.wave for v in every if v.wave})
    scenarios = sorted({v.scenario for v in every})
    assert len(scenarios) >= 3 and "" in scenarios and waves and len(regions) >= 2
    return [
        {},
        {"region": regions[0]},
        {"wave": waves[0]},
        {"region": regions[1], "wave": waves[-1]},
        {"scenario": scenarios[1]},
        {"scenario": ""},  # the visits that played none
        {"region": "nowhere"},
    ]


def test_summary_equals_by_scenario_of_every_visit(visits_db: Database) -> None:
    with visits_db.read_session() as s:
        for args in _options(visits_db):
            every = hq_mystery.visits(s, **args)
            expected = hq_mystery.by_scenario(every)
            got = hq_mystery.summary(s, **args)
            # Dataclass equality: the same floats, bit for bit, the same key order.
            assert got == expected, args
            assert [list(g.sections) for g in got] == [list(g.sections) for g in expected]
            assert sum(g.visits for g in got) == len(every)
            if args.get("scenario") is not None:
                assert {v.scenario for v in every} <= {args["scenario"]}
    with visits_db.read_session() as s:
        groups = {g.scenario: g for g in hq_mystery.summary(s)}
    assert "" in groups  # the visit without a scenario is its own group
    assert any(None in g.sections.values() or g.average_total is not None for g in groups.values())


def test_a_page_is_the_newest_visits_in_the_same_order(visits_db: Database) -> None:
    with visits_db.read_session() as s:
        every = hq_mystery.visits(s)
        region = every[0].region
        wave = next(v.wave for v in every if v.wave)
        scenario = every[-1].scenario
        # Unfiltered (the newest by an index walk) and by region or wave (chosen first).
        for args in ({}, {"region": region}, {"wave": wave}, {"scenario": scenario}):
            selected = hq_mystery.visits(s, **args)
            assert selected, args
            for limit in (1, 3, len(selected), len(selected) + 5):
                page = hq_mystery.visits(s, limit=limit, **args)
                newest = sorted(selected, key=lambda v: v.started_at, reverse=True)[:limit]
                assert {v.inspection for v in page} == {v.inspection for v in newest}, args
                keep = {v.inspection for v in page}
                assert page == [v for v in selected if v.inspection in keep]  # by branch code
        assert hq_mystery.visits(s, limit=0) == []
