"""``inspections.wave`` (migration wave_column): the indexed copy of ``visit["wave"]``.

The column is written wherever the visit facts are (set_visit, amend, duplicate, import,
demo data) and an old database gets it filled from the stored visit JSON on upgrade,
without losing a row of anything.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import inspect, select, text

from inspector.db import Database, open_database
from inspector.db.migrate import current_revision, head_revision
from inspector.db.models import Inspection
from inspector.services import demo
from inspector.services.hq import mystery as hq_mystery
from inspector.services.inspections import lifecycle, lookup
from inspector.services.inspections import visits as insp_visits
from tests.conftest import Cli
from tests.integration.conftest import (
    CHILD_COUNTS,
    downgrade_to,
    imported_at_hq,
    make_finalized,
    new_mystery,
    raw_rows,
)

BEFORE = "status_checks"  # the revision before the wave column


def _waves(db: Database) -> dict[str, str | None]:
    with db.session() as s:
        return {i.uuid: i.wave for i in s.scalars(select(Inspection).order_by(Inspection.id))}


def test_upgrade_fills_the_wave_of_an_old_database_from_the_visit_json(
    any_db: Database,
) -> None:
    counted = make_finalized(any_db, n_photos=1)
    a, b, c = (new_mystery(any_db, code) for code in ("310001", "310002", "310003"))
    with any_db.session() as s:
        insp_visits.set_visit(
            s, lookup.get(s, a), actor="t", wave="2026Q4 取现", scenario="cash_purpose"
        )
        insp_visits.set_visit(s, lookup.get(s, b), actor="t", wave="2026Q4 取现")
    counts = CHILD_COUNTS
    before = raw_rows(any_db, counts)
    assert before[0][0] and before[0][1] and before[0][2]

    url = downgrade_to(any_db, BEFORE)
    old = open_database(url, migrate=False)
    try:
        with old.engine.begin() as conn:
            assert "wave" not in {c["name"] for c in inspect(conn).get_columns("inspections")}
            # What an old database may hold besides the app's own waves: a wave that is not
            # a string, and one longer than any the app writes.
            conn.execute(
                text("UPDATE inspections SET visit = :v WHERE uuid = :u"),
                {"v": json.dumps({"wave": 7}), "u": counted},
            )
            conn.execute(
                text("UPDATE inspections SET visit = :v WHERE uuid = :u"),
                {"v": json.dumps({"wave": "x" * 101, "scenario": "cash_purpose"}), "u": c},
            )
    finally:
        old.dispose()

    upgraded = open_database(url)
    try:
        assert current_revision(upgraded.engine) == head_revision()
        assert _waves(upgraded) == {counted: None, a: "2026Q4 取现", b: "2026Q4 取现", c: None}
        # Adding a column rebuilt nothing: every child row is still there.
        assert raw_rows(upgraded, counts) == before
        if upgraded.engine.dialect.name == "sqlite":
            assert raw_rows(upgraded, "PRAGMA integrity_check") == [("ok",)]
        with upgraded.session() as s:
            # The upgraded column answers the look-up the JSON scan used to.
            b_id = lookup.get(s, b).id
            assert insp_visits.wave_scenario(s, "2026Q4 取现", "mystery-shopper", exclude=b_id) == (
                "cash_purpose"
            )
    finally:
        upgraded.dispose()


def test_every_write_of_the_visit_keeps_the_wave_column_in_step(
    db: Database, run_cli: Cli, tmp_path: Path
) -> None:
    a = new_mystery(db, "310001")
    with db.session() as s:
        insp = lookup.get(s, a)
        insp_visits.set_visit(s, insp, actor="t", wave="  W1 ", scenario="cash_purpose")
        assert (insp.visit["wave"], insp.wave) == ("W1", "W1")  # before any flush
    assert _waves(db)[a] == "W1"
    with db.session() as s:
        insp_visits.set_visit(s, lookup.get(s, a), actor="t", wave="W2")
    assert _waves(db)[a] == "W2"
    with db.session() as s:
        insp_visits.set_visit(s, lookup.get(s, a), actor="t", wave="")  # cleared
    assert _waves(db)[a] is None

    # A copy: an amendment keeps the visit facts (and so the wave), a duplicate starts anew.
    uuid_ = make_finalized(db)
    with db.session() as s:
        insp = lookup.get(s, uuid_)
        insp.visit = {**insp.visit, "wave": "W3"}
    run_cli.ok("amend", uuid_, "--reason", "typo in a note")
    with db.session() as s:
        rows = s.scalars(select(Inspection).where(Inspection.uuid == uuid_)).all()
        assert [(r.revision, r.wave) for r in rows] == [(1, "W3"), (2, "W3")]
        dup = lifecycle.duplicate(s, lookup.get(s, uuid_), actor="t")
        assert dup.wave is None and dup.visit == {}

    # An imported package's visit facts: HQ indexes the wave it received.
    with imported_at_hq(db, uuid_, tmp_path) as hq:
        assert _waves(hq) == {uuid_: "W3"}


def test_demo_visits_come_in_waves_that_each_play_one_scenario(db: Database) -> None:
    demo.generate(db, inspections=300, seed=3, photos_per_inspection=0)
    with db.session() as s:
        rows = s.execute(select(Inspection.visit, Inspection.wave, Inspection.mode)).all()
        scenarios: dict[str, set[str]] = {}
        for visit, wave, mode in rows:
            assert wave == (visit or {}).get("wave")
            if mode == "mystery":
                assert wave
                scenarios.setdefault(wave, set()).add(visit["scenario"])
        assert scenarios and all(len(v) == 1 for v in scenarios.values())
        wave = sorted(scenarios)[0]
        visits = hq_mystery.visits(s, wave=wave)
        assert visits and {v.wave for v in visits} == {wave}
        assert len(visits) == sum(1 for _v, w, _m in rows if w == wave)
