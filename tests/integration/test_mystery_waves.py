"""Mystery visits compared like with like: waves fix the scenario; HQ compares per scenario."""

from __future__ import annotations

import json

from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.services.hq import mystery as hq_mystery
from inspector.services.hq.rows import HqFilter
from inspector.services.inspections import answering, lookup, rescoring, signoff, snapshots
from inspector.services.inspections import visits as insp_visits
from inspector.services.views import hq as hq_view

from ..conftest import Cli


def _visit(run_cli: Cli, code: str, *extra: str) -> str:
    return run_cli.last_line(
        "new", "--branch", code, "--branch-name", f"支行{code}",
        "--checklist", "mystery-shopper", "--mode", "mystery", *extra,
    )  # fmt: skip


def _finish(db: Database, uuid: str, fail: tuple[str, ...] = ()) -> None:
    with db.session() as s:
        insp = lookup.get(s, uuid)
        for item in snapshots.checklist_of(insp).items():
            if item.applies_to(Mode.MYSTERY) and item.type.value != "text":
                result = "fail" if item.id in fail else "pass"
                answering.set_answer(s, insp, item.id, result=result, actor="t", rescore_now=False)
        insp_visits.set_visit(s, insp, actor="t", arrival="09:00", departure="09:30")
        insp_visits.set_narrative(
            s, insp, "进门后大堂经理主动问候并询问需求，引导取号等候。" * 5, actor="t"
        )
        rescoring.rescore(s, insp)
        signoff.finalize(s, insp, by="t", force=True)


def test_a_wave_fixes_the_scenario_for_every_branch(run_cli: Cli) -> None:
    a = _visit(run_cli, "310001", "--wave", "2026Q4")
    run_cli.ok("visit", a, "--scenario", "cash_purpose")
    b = _visit(run_cli, "310002", "--wave", "2026Q4")
    # The second visit of the wave plays the wave's scenario without being told.
    assert json.loads(run_cli.ok("visit", b, "--json"))["visit"]["scenario"] == "cash_purpose"
    r = run_cli("visit", b, "--scenario", "wealth_enquiry")
    assert r.exit_code == 1
    assert "wave '2026Q4' plays scenario 'cash_purpose'" in r.stderr
    # Another wave may play another scenario.
    c = _visit(run_cli, "310003", "--wave", "2027Q1")
    run_cli.ok("visit", c, "--scenario", "wealth_enquiry")
    assert json.loads(run_cli.ok("show", c, "--json"))["visit"]["wave"] == "2027Q1"


def test_hq_compares_mystery_visits_per_scenario(db: Database, run_cli: Cli) -> None:
    a = _visit(run_cli, "310001", "--wave", "W1")
    run_cli.ok("visit", a, "--scenario", "cash_purpose")
    b = _visit(run_cli, "310002", "--wave", "W1")
    c = _visit(run_cli, "310003")
    run_cli.ok("visit", c, "--scenario", "limit_complaint")
    _finish(db, a)
    _finish(db, b, fail=("ms.cash_purpose_explained",))
    _finish(db, c)
    data = json.loads(run_cli.ok("hq", "mystery", "--json"))
    scen = {g["scenario"]: g for g in data["scenarios"]}
    assert set(scen) == {"cash_purpose", "limit_complaint"}
    assert scen["cash_purpose"]["visits"] == 2
    # The complaint section does not apply when no complaint was played: N/A, never 0.
    assert scen["cash_purpose"]["sections"].get("ms.complaint") in (None, 100.0)
    wave = json.loads(run_cli.ok("hq", "mystery", "--wave", "W1", "--json"))
    assert {v["branch"]["code"] for v in wave["visits"]} == {"310001", "310002"}
    assert all(v["scenario"] == "cash_purpose" for v in wave["visits"])
    totals = {v["branch"]["code"]: v["total"] for v in wave["visits"]}
    assert totals["310001"] > totals["310002"]
    assert "scenario cash_purpose: 2 visit(s)" in run_cli.ok("hq", "mystery")
    # The dashboard's wave box offers every wave of the region, whichever wave it shows
    # (read from the database, not from the shown wave's visits).
    d = _visit(run_cli, "310004", "--wave", "W2")
    run_cli.ok("visit", d, "--scenario", "limit_complaint")
    _finish(db, d)
    with db.read_session() as s:
        for shown in (None, "W1", "W2", "nowhere"):
            view = hq_view.load_mystery(s, HqFilter(), shown)
            assert view.waves == ["W1", "W2"], shown
        assert [v.inspection for v in hq_view.load_mystery(s, HqFilter(), "W2").visits] == [d]
        assert hq_mystery.waves(s, region="nowhere") == []


def test_a_bad_wave_name_is_refused_and_changes_nothing(run_cli: Cli) -> None:
    a = _visit(run_cli, "310001")
    r = run_cli("visit", a, "--wave", "x" * 101)
    assert r.exit_code == 1 and "a wave name is 1 to 100 characters" in r.stderr
    assert "wave" not in json.loads(run_cli.ok("visit", a, "--json"))["visit"]
