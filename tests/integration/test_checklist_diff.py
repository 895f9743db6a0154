"""``checklists diff`` (issue 22 §2): what a new version changes, and what it would do."""

from __future__ import annotations

import json
from pathlib import Path

from inspector.checklists import load_all
from inspector.checklists.diff import diff, version_key
from inspector.db import Database
from tests.conftest import EXAMPLE_CHECKLIST, Cli
from tests.integration.conftest import make_finalized


def _edited(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    text = EXAMPLE_CHECKLIST.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    out = tmp_path / name
    out.write_text(text, encoding="utf-8")
    return out


def test_version_order_is_numeric() -> None:
    assert version_key("1.10.0") > version_key("1.9.2")
    assert version_key("2") > version_key("1.99")
    assert version_key("1.0.0") == version_key("v1.0.0")


def test_added_removed_and_changed_items_are_listed(run_cli: Cli, tmp_path: Path) -> None:
    new = _edited(
        tmp_path,
        "new.yaml",
        ('version: "1.0.0"', 'version: "1.1.0"'),
        (
            "        scale: {min: 0, max: 5}\n        points: 2",
            "        scale: {min: 0, max: 5}\n        points: 4\n        veto: true\n"
            "        veto_reason: {zh: 行内要求, en: bank rule}",
        ),
        ("      - id: ex.reading", "      - id: ex.reading_kinds"),
    )
    data = json.loads(run_cli.ok("checklists", "diff", "example", str(new), "--json"))
    assert data["old"]["version"] == "1.0.0" and data["new"]["version"] == "1.1.0"
    assert data["content_changed"] is True and data["problem"] is None
    assert [i["id"] for i in data["items"]["added"]] == ["ex.reading_kinds"]
    assert [i["id"] for i in data["items"]["removed"]] == ["ex.reading"]
    (changed,) = data["items"]["changed"]
    assert changed["id"] == "ex.polite"
    assert changed["groups"] == ["points", "red line"]
    assert {c["field"]: (c["old"], c["new"]) for c in changed["changes"]} == {
        "points": (2.0, 4.0),
        "veto": (False, True),
        "veto_reason": (None, {"zh": "行内要求", "en": "bank rule"}),
    }
    text = run_cli.ok("checklists", "diff", "example", str(new))
    assert "+ ex.reading_kinds" in text and "- ex.reading" in text
    assert "~ ex.polite" in text and "points 2.0 -> 4.0" in text


def test_changed_content_under_the_same_version_is_an_error(run_cli: Cli, tmp_path: Path) -> None:
    new = _edited(tmp_path, "same.yaml", ("points: 2", "points: 3"))
    r = run_cli("checklists", "diff", "example", str(new))
    assert r.exit_code == 1
    assert "~ ex.counter_height" in r.stdout
    assert "error: the content changed but the version is still 1.0.0" in r.stderr
    lower = _edited(
        tmp_path, "lower.yaml", ('version: "1.0.0"', 'version: "0.9"'), ("points: 2", "points: 3")
    )
    r = run_cli("checklists", "diff", "example", str(lower), "--json")
    assert r.exit_code == 1
    assert json.loads(r.stdout)["version_raised"] is False
    assert "from 1.0.0 to 0.9, not up" in r.stderr


def test_a_new_version_without_changes_is_no_error(run_cli: Cli, tmp_path: Path) -> None:
    same = _edited(tmp_path, "same.yaml")
    r = run_cli("checklists", "diff", "example", str(same))
    assert r.exit_code == 0 and "no change in content" in r.stdout


def test_different_checklists_are_refused(run_cli: Cli) -> None:
    r = run_cli("checklists", "diff", "example", "disclosure")
    assert r.exit_code == 1 and "are different checklists" in r.stderr


def test_impact_rescores_finalized_inspections(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    # Two finalized inspections fail ex.polite (a 0-5 scale answered "fail"), one passes.
    make_finalized(db, label="a", n_photos=0)
    make_finalized(db, label="b", n_photos=0, branch_code="SH002")
    make_finalized(db, label="c", n_photos=0, branch_code="SH003", fail=())
    new = _edited(
        tmp_path,
        "veto.yaml",
        ('version: "1.0.0"', 'version: "1.1.0"'),
        (
            "        scale: {min: 0, max: 5}\n        points: 2",
            "        scale: {min: 0, max: 5}\n        points: 2\n        veto: true\n"
            "        veto_reason: {zh: 行内要求, en: bank rule}",
        ),
    )
    data = json.loads(run_cli.ok("checklists", "diff", "example", str(new), "--json", "--impact"))
    impact = data["impact"]
    assert impact["inspections"] == 3
    assert impact["pass_changes"] == 2 and impact["now_failing"] == 2
    assert impact["grade_changes"] == 2
    assert sorted(c["branch"] for c in impact["changed"]) == ["SH001", "SH002"]
    assert impact["average_change"] == 0.0  # a veto caps the grade, not the points
    text = run_cli.ok("checklists", "diff", "example", str(new), "--impact")
    assert "3 finalized inspection(s) re-scored; 2 change grade, 2 change pass/fail" in text


def test_diff_of_a_checklist_with_itself_is_empty() -> None:
    for c in load_all()[0]:
        d = diff(c.resolved, c.resolved)
        assert not (d.added or d.removed or d.changed or d.settings_changed)
        assert d.problem is None
