"""Checklist files: every problem is reported as FILE:LINE: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.checklists import ChecklistError, checklist_from_json, json_schema, load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_TEXT = (ROOT / "tests" / "fixtures" / "checklists" / "example.yaml").read_text(
    encoding="utf-8"
)


def _problems(tmp_path: Path, text: str, name: str = "c.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError) as err:
        load(path)
    return [str(p) for p in err.value.problems]


def _line_of(text: str, needle: str, nth: int = 1) -> int:
    count = 0
    for n, line in enumerate(text.splitlines(), start=1):
        if line.rstrip().endswith(needle):
            count += 1
            if count == nth:
                return n
    raise AssertionError(needle)


def test_example_loads_and_round_trips(tmp_path: Path) -> None:
    loaded = load(ROOT / "tests" / "fixtures" / "checklists" / "example.yaml")
    again = checklist_from_json(loaded.canonical_json)
    assert again == loaded.resolved
    assert len(loaded.sha256) == 64


def test_unknown_key_is_reported_with_its_line(tmp_path: Path) -> None:
    text = EXAMPLE_TEXT.replace("        points: 2\n", "        pionts: 2\n", 1)
    problems = _problems(tmp_path, text)
    line = _line_of(text, "pionts: 2")
    assert any(p.startswith(f"{tmp_path / 'c.yaml'}:{line}:") and "pionts" in p for p in problems)


def test_several_problems_are_all_reported(tmp_path: Path) -> None:
    text = (
        EXAMPLE_TEXT.replace("min: 700, max: 850", "min: 900, max: 850")
        .replace("id: ex.polite", "id: ex.ramp")
        .replace("show_if: {item: ex.ramp,", "show_if: {item: ex.later,")
    )
    problems = _problems(tmp_path, text)
    joined = "\n".join(problems)
    assert f":{_line_of(text, 'decimals: 0}')}: item ex.counter_height: threshold min" in joined
    assert f":{_line_of(text, 'id: ex.ramp', 2)}: duplicate item id 'ex.ramp'" in joined
    assert "'ex.later', which is not an earlier item" in joined


@pytest.mark.parametrize(
    ("old", "new", "message", "at"),
    [
        ("weight: 40", "weight: 0", "greater than 0", None),
        ("{code: fail, min: 0,", "{code: fail, min: 60,", "must start at min: 0", "grades:"),
        ("veto_grade: fail", "veto_grade: bad", "veto_grade 'bad' is not one of the grades", None),
        (
            "count: {pass_min: 3, partial: true}",
            "count: {partial: true}",
            "pass_min or pass_max",
            None,
        ),
        ("scale: {min: 0, max: 5}", "scale: {min: 5, max: 5}", "scale min must be below max", None),
        ("type: choice", "type: scale", "needs 'scale'", None),
        ("format: 1", "format: 99", "newer than this program reads", None),
        # Issue 24: a red line states the rule that makes it one.
        ("        veto: true\n", "", "veto_reason is only for red lines", "veto_reason:"),
    ],
)
def test_rule_violations(tmp_path: Path, old: str, new: str, message: str, at: str | None) -> None:
    assert old in EXAMPLE_TEXT
    text = EXAMPLE_TEXT.replace(old, new, 1)
    problems = _problems(tmp_path, text)
    assert any(message in p for p in problems), problems
    line = _line_of(text, at) if at else EXAMPLE_TEXT[: EXAMPLE_TEXT.index(old)].count("\n") + 1
    assert any(f":{line}:" in p for p in problems if message in p), problems


def test_yaml_syntax_error_and_duplicate_key(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "format: 1\nid: [unclosed\n")
    assert problems[0].startswith(f"{tmp_path / 'c.yaml'}:") and "not valid YAML" in problems[0]
    problems = _problems(tmp_path, "format: 1\nid: a\nid: b\n")
    assert problems == [f"{tmp_path / 'c.yaml'}:3: duplicate key 'id'"]


def test_empty_and_missing_files(tmp_path: Path) -> None:
    assert _problems(tmp_path, "")[0].endswith(":1: the file is empty")
    with pytest.raises(ChecklistError, match="no such file"):
        load(tmp_path / "absent.yaml")


def test_include_scales_weights_and_sets_area(tmp_path: Path) -> None:
    (tmp_path / "example.yaml").write_text(EXAMPLE_TEXT, encoding="utf-8")
    combined = EXAMPLE_TEXT.split("sections:")[0].replace("id: example", "id: combo")
    combined += "sections:\n  - include: example\n    weight: 50\n"
    (tmp_path / "combo.yaml").write_text(combined, encoding="utf-8")
    loaded = load(tmp_path / "combo.yaml")
    weights = {s.id: s.weight for s in loaded.resolved.real_sections()}
    assert weights == pytest.approx({"ex.entrance": 20.0, "ex.service": 30.0})
    assert {s.area for s in loaded.resolved.real_sections()} == {"example"}


def test_include_of_unknown_checklist(tmp_path: Path) -> None:
    combined = EXAMPLE_TEXT.split("sections:")[0].replace("id: example", "id: combo")
    combined += "sections:\n  - include: nowhere\n    weight: 50\n"
    problems = _problems(tmp_path, combined, "combo.yaml")
    assert any("no checklist with id 'nowhere'" in p for p in problems)


def test_json_schema_describes_the_format() -> None:
    schema = json_schema()
    assert schema["title"].startswith("Branch Inspector checklist")
    assert "sections" in schema["properties"]
    assert "Item" in schema["$defs"]


def test_condition_problems(tmp_path: Path) -> None:
    text = EXAMPLE_TEXT.replace(
        "show_if: {item: ex.ramp, result: [pass]}", "show_if: {scenario: [nope]}"
    )
    problems = "\n".join(_problems(tmp_path, text))
    assert "show_if names unknown scenario 'nope'" in problems
    text = EXAMPLE_TEXT.replace(
        "show_if: {item: ex.ramp, result: [pass]}", "show_if: {item: ex.ramp}"
    )
    problems = "\n".join(_problems(tmp_path, text))
    assert "show_if needs 'result', 'value', 'min' or 'max'" in problems


def test_red_line_without_a_reason_is_an_error(tmp_path: Path) -> None:
    start = EXAMPLE_TEXT.index("        veto_reason:\n")
    end = EXAMPLE_TEXT.index("      - id: ex.polite")
    text = EXAMPLE_TEXT[:start] + EXAMPLE_TEXT[end:]
    problems = _problems(tmp_path, text)
    assert any(
        f":{_line_of(text, 'veto: true')}: item ex.cash_kept: a red line (veto: true) needs a "
        "veto_reason" in p
        for p in problems
    ), problems


def test_penalty_cap_rules(tmp_path: Path) -> None:
    at = EXAMPLE_TEXT.index("        penalty: 2\n")
    # On a yes/no penalty item a cap means nothing: refused.
    text = EXAMPLE_TEXT[:at] + "        penalty_cap: 4\n" + EXAMPLE_TEXT[at:]
    assert any(
        "penalty_cap is for a per-occurrence penalty" in p for p in _problems(tmp_path, text)
    )


def test_scenario_decided_item_may_not_also_allow_na(tmp_path: Path) -> None:
    at = EXAMPLE_TEXT.index("      - id: ex.polite")
    extra = (
        "      - id: ex.scenario_na\n"
        "        text: {zh: 情景项, en: Scenario item}\n"
        "        type: yes_no_na\n"
        "        points: 1\n"
        "        na_if: {scenario: [" + _first_scenario() + "]}\n"
    )
    problems = _problems(tmp_path, EXAMPLE_TEXT[:at] + extra + EXAMPLE_TEXT[at:])
    assert any("ex.scenario_na" in p and "cannot also allow N/A" in p for p in problems), problems
    ok = (EXAMPLE_TEXT[:at] + extra + EXAMPLE_TEXT[at:]).replace(
        "type: yes_no_na\n        points: 1\n        na_if",
        "type: yes_no\n        points: 1\n        na_if",
    )
    path = tmp_path / "ok.yaml"
    path.write_text(ok, encoding="utf-8")
    assert load(path).resolved.item("ex.scenario_na").scenario_decides_na


def _first_scenario() -> str:
    tail = EXAMPLE_TEXT[EXAMPLE_TEXT.index("scenarios:") :]
    return tail.split("id:", 1)[1].split(",", 1)[0].split("\n", 1)[0].strip()
