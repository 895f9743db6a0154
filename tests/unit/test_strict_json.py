"""Issue 20 §5: a huge but finite number can never become NaN, and no JSON holds NaN.

* checklist files bound points, weights, penalties and thresholds (FILE:LINE refusals);
* every JSON the app writes goes through :mod:`inspector.strictjson` (``allow_nan=False``):
  the source is scanned, so a new ``json.dumps`` anywhere else fails here.
"""

from __future__ import annotations

import ast
import json
import math
from pathlib import Path

import pytest

from inspector import strictjson
from inspector.checklists import ChecklistError, load

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "inspector"
POINTS = "        points: 3\n        critical: true"
EXAMPLE = (ROOT / "tests/fixtures/checklists/example.yaml").read_text(encoding="utf-8")


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)]


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return f"{func.value.id}.{func.attr}"
    return func.id if isinstance(func, ast.Name) else ""


def test_every_json_written_goes_through_the_strict_helper() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "strictjson.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "json"
                and any(a.name in ("dumps", "dump", "JSONEncoder") for a in node.names)
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} from json import")
        for call in _calls(tree):
            name = _name(call.func)
            if name in ("json.dumps", "json.dump", "json.JSONEncoder"):
                offenders.append(f"{path.relative_to(ROOT)}:{call.lineno} {name}")
            if name.endswith("create_engine") and not any(
                k.arg == "json_serializer" for k in call.keywords
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{call.lineno} JSON columns")
    assert not offenders, "write JSON with inspector.strictjson.dumps:\n" + "\n".join(offenders)


def test_strict_dumps_names_the_place_of_a_non_finite_number() -> None:
    assert strictjson.dumps({"a": [1.5, "é"]}) == '{"a": [1.5, "é"]}'
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(strictjson.NonFiniteNumberError) as e:
            strictjson.dumps({"score": {"sections": [1.0, bad]}})
        assert e.value.path == "$.score.sections[1]"
    with pytest.raises(TypeError):  # other problems are not hidden
        strictjson.dumps({"a": object()})


@pytest.mark.parametrize("text", ['{"a": NaN}', '{"a": -Infinity}', '{"a": 1e999}'])
def test_strict_loads_refuses_what_is_not_json(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as e:
        strictjson.loads(text)
    assert "is not a number JSON allows" in str(e.value)
    assert strictjson.loads('{"a": 1e300}') == {"a": 1e300}


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError) as err:
        load(path)
    return [str(p) for p in err.value.problems]


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "        points: 3\n        critical: true",
            "        points: 1e308\n        critical: true",
        ),
        ("    weight: 40", "    weight: 1.0e+300"),
        (
            "        points: 3\n        critical: true",
            "        points: 1001\n        critical: true",
        ),
        (
            "measure: {unit: {zh: 毫米, en: mm}, min: 700",
            "measure: {unit: {zh: 毫米, en: mm}, min: -1e200",
        ),
        ("max: 850, decimals: 0}", "max: 1e300, decimals: 0}"),
    ],
)
def test_huge_scoring_numbers_are_refused_at_their_line(tmp_path: Path, old: str, new: str) -> None:
    assert old in EXAMPLE
    text = EXAMPLE.replace(old, new, 1)
    problems = _problems(tmp_path, text)
    want = f"c.yaml:{_line(text, new.splitlines()[0].strip())}: "
    assert any(want in p for p in problems), (want, problems)
    assert any("less than or equal" in p or "greater than or equal" in p for p in problems)


def test_a_penalty_above_the_total_is_refused(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "        points: 3\n        critical: true",
        "        points: 0\n        penalty: 1e9\n        critical: true",
        1,
    )
    problems = _problems(tmp_path, text)
    assert any(f"c.yaml:{_line(text, 'penalty: 1e9')}: " in p for p in problems), problems


def test_the_largest_allowed_numbers_still_score_finitely() -> None:
    from inspector.domain.checklist import MAX_POINTS, MAX_WEIGHT, Checklist
    from inspector.domain.scoring import score

    def item(n: int) -> dict[str, object]:
        return {
            "id": f"i{n}",
            "text": {"zh": "项", "en": "item"},
            "type": "yes_no",
            "points": MAX_POINTS,
        }

    data = {
        "format": 1, "id": "big", "version": "1", "title": {"zh": "大", "en": "Big"},
        "modes": ["onsite"], "veto_grade": "fail",
        "grades": [{"code": "fail", "min": 0, "label": {"zh": "差", "en": "Fail"}}],
        "sections": [
            {"id": f"s{s}", "title": {"zh": "节", "en": "S"}, "weight": MAX_WEIGHT,
             "items": [item(s * 100 + n) for n in range(100)]}
            for s in range(50)
        ],
    }  # fmt: skip
    checklist = Checklist.model_validate(data)
    from inspector.domain.answers import Answer
    from inspector.domain.checklist import Mode, Result

    answers = {f"i{n}": Answer(result=Result.PASS if n % 3 else Result.FAIL) for n in range(5000)}
    result = score(checklist, Mode.ONSITE, answers)
    assert math.isfinite(result.total) and 0 <= result.total <= 100
    assert all(math.isfinite(s.percent or 0) for s in result.sections.values())
