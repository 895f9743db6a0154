"""Like with like: region figures per checklist and mode, mystery visits ranked within
their scenario."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.services import demo
from inspector.services.inspections.answering import set_answer
from inspector.services.inspections.lifecycle import create
from inspector.services.inspections.snapshots import checklist_of
from tests.conftest import Cli


@pytest.fixture
def demo_db(db: Database) -> Database:
    demo.generate(db, inspections=150, seed=7)
    return db


def test_summary_regions_never_mix_checklists_or_modes(demo_db: Database, run_cli: Cli) -> None:
    data = json.loads(run_cli.ok("hq", "summary", "--json"))
    rows = data["regions"]
    keys = [(r["region"], r["checklist"], r["mode"]) for r in rows]
    assert len(keys) == len(set(keys)) and rows
    assert {r["mode"] for r in rows} == {"onsite", "mystery"}
    # Each row is exactly that checklist and mode in that region: the league of the pair
    # for the region agrees on the count and the average.
    r = max(rows, key=lambda x: x["inspections"])
    league = json.loads(
        run_cli.ok(
            "hq",
            "league",
            "--region",
            r["region"],
            "--checklist",
            r["checklist"],
            "--mode",
            r["mode"],
            "--json",
        )
    )
    assert sum(x["inspections"] for x in league) == r["inspections"]
    assert r["inspected"] == len({x["branch"]["code"] for x in league if x["rank"]})
    # Every inspection is in exactly one row.
    total = json.loads(run_cli.ok("hq", "summary", "--json"))["inspections"]
    assert sum(x["inspections"] for x in rows) == total


def test_mystery_league_ranks_within_each_scenario(demo_db: Database, run_cli: Cli) -> None:
    rows = json.loads(run_cli.ok("hq", "league", "--mode", "mystery", "--json"))
    assert all("scenario" in r for r in rows)
    ranks: dict[str, list[int]] = defaultdict(list)
    for r in rows:
        if r["rank"] is not None:
            ranks[r["scenario"]].append(r["rank"])
    assert len(ranks) >= 2
    for scenario, got in ranks.items():
        assert got == list(range(1, len(got) + 1)), scenario  # restarts at 1
    # Each ranked row is the branch's latest visit of that scenario ('hq mystery').
    visits = json.loads(run_cli.ok("hq", "mystery", "--json"))["visits"]
    # JSON times: the reader's zone (Asia/Shanghai here), as every HQ command.
    assert visits and all(v["started_at"].endswith("+08:00") for v in visits)
    rights = json.loads(run_cli.ok("hq", "rights", "--json"))
    assert rights and all(r["finalized_at"].endswith("+08:00") for r in rights)
    latest: dict[tuple[str, str], str] = {}
    for v in sorted(visits, key=lambda v: v["started_at"]):
        latest[(v["scenario"], v["branch"]["code"])] = v["inspection"]
    for r in rows:
        if r["rank"] is not None:
            assert latest[(r["scenario"], r["branch"]["code"])] == r["inspection"]
    # Within a scenario a red-line failure never ranks above a pass; then by score.
    for scenario in ranks:
        block = [r for r in rows if r["scenario"] == scenario and r["rank"] is not None]
        keys = [(r["veto_failed"] > 0, -r["score"]) for r in block]
        assert keys == sorted(keys)
    # On-site rows carry the key too, empty.
    onsite = json.loads(run_cli.ok("hq", "league", "--json"))
    assert onsite and all(r["scenario"] is None for r in onsite)


def test_incomplete_drafts_are_listed_apart(demo_db: Database, run_cli: Cli) -> None:

    league = json.loads(run_cli.ok("hq", "league", "--json"))
    top = next(r for r in league if r["rank"] == 1)
    with demo_db.session() as s:  # the best branch starts a visit and answers one item
        insp = create(s, branch_code=top["branch"]["code"], checklist_id="comprehensive")
        first = next(i for i in checklist_of(insp).items() if i.applies_to(Mode.ONSITE))
        set_answer(s, insp, first.id, result="pass", actor="t")
        draft = insp.uuid
    rows = json.loads(run_cli.ok("hq", "league", "--include-drafts", "--json"))
    row = next(r for r in rows if r["branch"]["code"] == top["branch"]["code"])
    assert row["inspection"] == draft and row["draft"] is True
    assert row["incomplete"] is True and row["rank"] is None and row["passed"] is None
    ranked = [r["rank"] for r in rows if r["rank"] is not None]
    assert ranked == list(range(1, len(ranked) + 1))
    text = run_cli.ok("hq", "league", "--include-drafts")
    assert "incomplete drafts, not ranked" in text and top["branch"]["code"] in text
    # Without drafts nothing changes.
    assert json.loads(run_cli.ok("hq", "league", "--json"))[0]["incomplete"] is False


def test_compare_to_an_earlier_period(demo_db: Database, run_cli: Cli, tmp_path: Path) -> None:
    # The demo data spans the 18 months before 2026-11-20: both years have inspections.
    y2026 = ("--from", "2026-01-01", "--to", "2026-12-31")
    now = json.loads(run_cli.ok("hq", "league", *y2026, "--json"))
    then = json.loads(
        run_cli.ok("hq", "league", "--from", "2025-01-01", "--to", "2025-12-31", "--json")
    )
    both = json.loads(run_cli.ok("hq", "league", *y2026, "--compare-to", "2025", "--json"))
    before = {r["branch"]["code"]: r for r in then}
    assert [dict(r, compare=None) for r in both] == [dict(r, compare=None) for r in now]
    matched = 0
    for r in both:
        c = r["compare"]
        assert c["period"] == "2025"
        b = before[r["branch"]["code"]]
        assert (c["score"], c["rank"]) == (b["score"], b["rank"])
        if r["score"] is not None and b["score"] is not None:
            matched += 1
            assert c["change"] == pytest.approx(r["score"] - b["score"], abs=0.011)
            assert c["rank_change"] == b["rank"] - r["rank"]
    assert matched
    summary = json.loads(run_cli.ok("hq", "summary", *y2026, "--compare-to", "2025", "--json"))
    q3 = json.loads(
        run_cli.ok("hq", "summary", "--from", "2025-01-01", "--to", "2025-12-31", "--json")
    )
    assert summary["compare"]["inspections"] == q3["inspections"]
    assert all("compare" in r for r in summary["per_branch"])
    assessed = json.loads(
        run_cli.ok("hq", "assess", "--period", "2026", "--compare-to", "2025", "--json")
    )
    q3a = {
        r["branch"]["code"]: r
        for r in json.loads(run_cli.ok("hq", "assess", "--period", "2025", "--json"))["rows"]
    }
    for r in assessed["rows"]:
        assert r["compare"]["score"] == q3a[r["branch"]["code"]]["score"]
    bad = run_cli("hq", "league", "--compare-to", "last quarter")
    assert bad.exit_code != 0 and "--compare-to" in bad.output
    # The PDF shows the earlier period's columns in the league.
    from pypdf import PdfReader

    pdf = tmp_path / "c.pdf"
    run_cli.ok("hq", "report", "-o", str(pdf), *y2026, "--compare-to", "2025", "--lang", "en")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages[:4]).split())
    assert "2025 score" in text and "Change vs 2025" in text
