"""``inspections.scenario`` (migration scenario_column): the indexed copy of
``visit["scenario"]`` that HQ's mystery views group by.

Written wherever the visit facts are (set_visit, amend, duplicate, import, demo data); an
old database gets it filled from the stored visit JSON on upgrade, losing no row.
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

BEFORE = "findings_state_ids"  # the revision before the scenario column


def _scenarios(db: Database) -> dict[str, str | None]:
    with db.session() as s:
        return {i.uuid: i.scenario for i in s.scalars(select(Inspection).order_by(Inspection.id))}


def test_upgrade_fills_the_scenario_of_an_old_database_from_the_visit_json(
    any_db: Database,
) -> None:
    counted = make_finalized(any_db, n_photos=1)
    a, b, c = (new_mystery(any_db, code) for code in ("310001", "310002", "310003"))
    with any_db.session() as s:
        insp_visits.set_visit(s, lookup.get(s, a), actor="t", wave="W", scenario="cash_purpose")
        insp_visits.set_visit(s, lookup.get(s, b), actor="t", wave="W2")  # plays none
    counts = CHILD_COUNTS
    before = raw_rows(any_db, counts)
    assert before[0][0] and before[0][1] and before[0][2]

    url = downgrade_to(any_db, BEFORE)
    old = open_database(url, migrate=False)
    try:
        with old.engine.begin() as conn:
            assert "scenario" not in {c["name"] for c in inspect(conn).get_columns("inspections")}
            # What an old database may hold besides the app's own: a scenario that is not a
            # string, and one longer than any package carries.
            conn.execute(
                text("UPDATE inspections SET visit = :v WHERE uuid = :u"),
                {"v": json.dumps({"scenario": 7}), "u": counted},
            )
            conn.execute(
                text("UPDATE inspections SET visit = :v WHERE uuid = :u"),
                {"v": json.dumps({"scenario": "x" * 101}), "u": c},
            )
    finally:
        old.dispose()

    upgraded = open_database(url)
    try:
        assert current_revision(upgraded.engine) == head_revision()
        assert _scenarios(upgraded) == {counted: None, a: "cash_purpose", b: None, c: None}
        # Adding a column rebuilt nothing: every child row is still there.
        assert raw_rows(upgraded, counts) == before
        if upgraded.engine.dialect.name == "sqlite":
            assert raw_rows(upgraded, "PRAGMA integrity_check") == [("ok",)]
    finally:
        upgraded.dispose()


def test_every_write_of_the_visit_keeps_the_scenario_column_in_step(
    db: Database, run_cli: Cli, tmp_path: Path
) -> None:
    a = new_mystery(db, "310001")
    with db.session() as s:
        insp = lookup.get(s, a)
        insp_visits.set_visit(s, insp, actor="t", wave="W1", scenario="cash_purpose")
        assert insp.scenario == "cash_purpose"  # before any flush
    assert _scenarios(db)[a] == "cash_purpose"
    with db.session() as s:
        insp_visits.set_visit(s, lookup.get(s, a), actor="t", scenario="wealth_enquiry")
    assert _scenarios(db)[a] == "wealth_enquiry"

    # An amendment keeps the visit facts (and so the scenario), a duplicate starts anew.
    uuid_ = make_finalized(db)
    with db.session() as s:
        insp = lookup.get(s, uuid_)
        insp.visit = {**insp.visit, "scenario": "cash_purpose"}
    run_cli.ok("amend", uuid_, "--reason", "typo in a note")
    with db.session() as s:
        rows = s.scalars(select(Inspection).where(Inspection.uuid == uuid_)).all()
        assert [(r.revision, r.scenario) for r in rows] == [
            (1, "cash_purpose"),
            (2, "cash_purpose"),
        ]
        dup = lifecycle.duplicate(s, lookup.get(s, uuid_), actor="t")
        assert dup.scenario is None and dup.visit == {}

    # An imported package's visit facts: HQ indexes the scenario it received.
    m = new_mystery(db, "310009")
    with db.session() as s:
        insp_visits.set_visit(s, lookup.get(s, m), actor="t", scenario="cash_purpose")
    with imported_at_hq(db, m, tmp_path) as hq:
        assert _scenarios(hq) == {m: "cash_purpose"}


def test_demo_data_carries_each_visit_scenario_in_the_column(db: Database) -> None:
    demo.generate(db, inspections=300, seed=3, photos_per_inspection=0)
    with db.session() as s:
        rows = s.execute(select(Inspection.visit, Inspection.scenario, Inspection.mode)).all()
        assert any(mode == "mystery" for _v, _s, mode in rows)
        for visit, scenario, _mode in rows:
            assert scenario == ((visit or {}).get("scenario") or None)
        # The views group by the column: every visit's scenario is its JSON's.
        for v in hq_mystery.visits(s):
            assert v.scenario
