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
