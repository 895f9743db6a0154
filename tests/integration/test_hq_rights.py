"""``inspector hq rights``: scores by consumer right and evaluation element, per branch."""

from __future__ import annotations

import json

import pytest

from inspector.db import Database
from inspector.domain.checklist import RIGHT_NAMES

from ..conftest import Cli
from .conftest import make_finalized


def test_rights_add_up_the_items_that_name_them(db: Database, run_cli: Cli) -> None:
    # Accessibility items all protect the right to respect; one failed item costs it.
    make_finalized(
        db,
        branch_code="SH001",
        checklist="accessibility",
        n_photos=4,
        fail=("acc.priority_window",),
    )
    make_finalized(
        db,
        branch_code="SH002",
        branch_name="上海分行静安支行",
        checklist="accessibility",
        n_photos=4,
        fail=(),
    )
    rows = json.loads(run_cli.ok("hq", "rights", "--checklist", "accessibility", "--json"))
    by_code = {r["branch"]["code"]: r for r in rows}
    assert set(by_code) == {"SH001", "SH002"}
    assert set(by_code["SH001"]["rights"]) == set(RIGHT_NAMES)
    respect = by_code["SH001"]["rights"]["respect"]
    assert respect["max"] > 0
    assert respect["max"] - respect["score"] == pytest.approx(2.0)  # the window sign's points
    assert by_code["SH002"]["rights"]["respect"]["percent"] == pytest.approx(100.0)
    # Rights no accessibility item protects have nothing at stake, not a zero.
    assert by_code["SH001"]["rights"]["information_security"]["percent"] is None
    assert by_code["SH001"]["elements"]["controls"]["max"] > 0
    assert by_code["SH001"]["branch"]["region"] == "上海"


def test_rights_only_count_finalized_inspections(db: Database, run_cli: Cli) -> None:
    rows = json.loads(run_cli.ok("hq", "rights", "--json"))
    assert rows == []
    assert "no finalized comprehensive inspections" in run_cli.ok("hq", "rights")


def test_rights_use_each_branchs_latest_inspection_on_either_backend(any_db: Database) -> None:
    from inspector.services.hq import rights

    # SH001: an older inspection with a failed item, then a newer one with none failed;
    # SH002: one inspection with the failure. Only each branch's newest one counts.
    make_finalized(any_db, branch_code="SH001", checklist="accessibility", n_photos=0)
    newer = make_finalized(
        any_db, branch_code="SH001", checklist="accessibility", n_photos=0, fail=()
    )
    only = make_finalized(
        any_db,
        branch_code="SH002",
        branch_name="上海分行静安支行",
        checklist="accessibility",
        n_photos=0,
        fail=("acc.priority_window",),
    )
    with any_db.read_session() as s:
        rows = rights.by_branch(s, checklist_id="accessibility")
    assert [(r.code, r.inspection) for r in rows] == [("SH001", newer), ("SH002", only)]
    assert rows[0].rights["respect"].percent == pytest.approx(100.0)
    assert rows[1].rights["respect"].percent < 100.0
