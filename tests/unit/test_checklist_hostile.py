"""Checklist files that try to hang or crash the loader (issue 11, group 7).

Each is refused quickly with ``FILE:LINE: message`` at the line of the problem.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from inspector.checklists import ChecklistError, load

ROOT = Path(__file__).resolve().parents[2]
# The example checklist is shipped in checklists/ or, later, kept as a test fixture.
EXAMPLE_PATH = next(
    p
    for p in (ROOT / "tests/fixtures/checklists/example.yaml", ROOT / "checklists/example.yaml")
    if p.is_file()
)
EXAMPLE = EXAMPLE_PATH.read_text(encoding="utf-8")

LAUGHS = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    + ["id: bomb"]
)


def _problems(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "c.yaml"
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    t = time.monotonic()
    with pytest.raises(ChecklistError) as err:
        load(path)
    assert time.monotonic() - t < 5, "the loader must refuse, not expand"
    return [str(p) for p in err.value.problems]


def _replace_line(n: int, new: str) -> str:
    lines = EXAMPLE.splitlines()
    lines[n - 1] = new
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_the_alias(tmp_path: Path) -> None:
    problems = _problems(tmp_path, LAUGHS)
    assert len(problems) == 1
    assert problems[0].endswith(":2: aliases (*name) are not allowed in checklists")


def test_merge_key_is_refused(tmp_path: Path) -> None:
    text = "base: &b {weight: 1}\nother:\n  <<: *b\n"
    assert _problems(tmp_path, text)[0].endswith(
        ":3: merge keys (<<) are not allowed in checklists; write the keys out"
    )


def test_huge_integer_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    n = EXAMPLE.splitlines().index("    weight: 40") + 1
    problems = _problems(tmp_path, _replace_line(n, "    weight: " + "9" * 5000))
    assert problems[0].startswith(f"{tmp_path / 'c.yaml'}:{n}: value cannot be read")


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1e999"])
def test_weights_and_points_must_be_finite(tmp_path: Path, value: str) -> None:
    n = EXAMPLE.splitlines().index("    weight: 40") + 1
    problems = _problems(tmp_path, _replace_line(n, f"    weight: {value}"))
    assert any(p.startswith(f"{tmp_path / 'c.yaml'}:{n}: sections.0.weight:") for p in problems), (
        problems
    )


def test_huge_scale_is_refused(tmp_path: Path) -> None:
    n = EXAMPLE.splitlines().index("        scale: {min: 0, max: 5}") + 1
    problems = _problems(tmp_path, _replace_line(n, "        scale: {min: 0, max: 1000000000}"))
    assert any(f":{n}: " in p and "scale.max" in p for p in problems), problems


def test_bad_byte_is_reported_at_its_line(tmp_path: Path) -> None:
    raw = EXAMPLE.encode("utf-8").splitlines(keepends=True)
    raw[21] = raw[21].rstrip(b"\n") + b" \xff\xfe\n"
    problems = _problems(tmp_path, b"".join(raw))
    assert problems == [f"{tmp_path / 'c.yaml'}:22: not UTF-8 text (byte 0xff); save it as UTF-8"]


def test_control_character_is_reported_at_its_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _replace_line(22, EXAMPLE.splitlines()[21] + " \x07"))
    assert len(problems) == 1 and problems[0].startswith(f"{tmp_path / 'c.yaml'}:22: ")


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system [echo hi]\n",
        "id: !custom x\n",
        "id: !!binary aGk=\nformat: 1\n",
        "[" * 5000 + "]" * 5000,
        "? [a, b]\n: 1\n",
        "x: " + "9" * 5000 + "\n",
    ],
)
def test_odd_yaml_never_crashes(tmp_path: Path, text: str) -> None:
    problems = _problems(tmp_path, text)
    assert problems and all(p.startswith(str(tmp_path / "c.yaml") + ":") for p in problems)


def test_validate_command_reports_the_bomb(tmp_path: Path) -> None:
    from tests.conftest import Cli

    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(LAUGHS, encoding="utf-8")
    r = Cli(tmp_path / "db.sqlite3")("checklists", "validate", str(bomb))
    assert r.exit_code == 1
    assert f"{bomb}:2: aliases" in r.stderr and "internal error" not in r.stderr
