"""Issue 25 §3: a state-like value is its enum at every boundary, never a bare ``str``.

Scans the source (AST) of the services, reports and domain for dataclass fields and
function parameters named like a state (status, severity, mode, outcome, state,
closed_via, hq_severity) annotated ``str`` or ``str | None``. Raw strings become the enum
once, where they enter (click option values, JSON from packages); past that boundary the
enum travels. An exception must be listed in ``ALLOWED`` with the reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "inspector"
SCANNED = ("services", "reports", "domain")
NAMES = {"status", "severity", "mode", "outcome", "state", "closed_via", "hq_severity"}

# "path relative to inspector/:qualified name.param" -> reason it stays a str
ALLOWED: dict[str, str] = {}


def _is_plain_str(node: ast.expr | None) -> bool:
    """``str``, ``str | None``, ``Optional[str]``, ``str | Enum`` (also as a string annotation)."""
    if node is None:
        return False
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return False
    if isinstance(node, ast.Name):
        return node.id == "str"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # str | X: still a str
        return _is_plain_str(node.left) or _is_plain_str(node.right)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return node.value.id == "Optional" and _is_plain_str(node.slice)
    return False


def _offences(source: str, rel: str) -> list[str]:
    """``rel:Qualified.name`` of each state-like field or parameter typed plain str."""
    tree = ast.parse(source)
    found: list[str] = []

    def visit(node: ast.AST, scope: tuple[str, ...]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                for stmt in child.body:
                    if (
                        isinstance(stmt, ast.AnnAssign)
                        and isinstance(stmt.target, ast.Name)
                        and stmt.target.id in NAMES
                        and _is_plain_str(stmt.annotation)
                    ):
                        found.append(f"{rel}:{'.'.join((*scope, child.name, stmt.target.id))}")
                visit(child, (*scope, child.name))
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                args = child.args
                for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
                    if arg.arg in NAMES and _is_plain_str(arg.annotation):
                        found.append(f"{rel}:{'.'.join((*scope, child.name, arg.arg))}")
                visit(child, (*scope, child.name))
            else:
                visit(child, scope)

    visit(tree, ())
    return found


def _all_offences() -> list[str]:
    return [
        offence
        for part in SCANNED
        for path in sorted((ROOT / part).rglob("*.py"))
        for offence in _offences(
            path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix()
        )
    ]


def test_state_values_are_enums_not_str() -> None:
    offences = [o for o in _all_offences() if o not in ALLOWED]
    assert offences == [], (
        "state-like fields/parameters typed plain str (use the enum of domain/states.py or "
        "domain/checklist.Mode, or add to ALLOWED with a reason):\n" + "\n".join(offences)
    )


def test_allow_list_is_not_stale() -> None:
    found = set(_all_offences())
    assert [a for a in ALLOWED if a not in found] == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f(status: str): ...", ["m.py:f.status"]),
        ("def f(*, mode: str | None = None): ...", ["m.py:f.mode"]),
        ("def f(mode: 'str | None'): ...", ["m.py:f.mode"]),
        ("def f(state: Optional[str]): ...", ["m.py:f.state"]),
        ("class A:\n    severity: str\n", ["m.py:A.severity"]),
        ("class A:\n    def g(self, outcome: str): ...\n", ["m.py:A.g.outcome"]),
        ("def f(status: Severity): ...", []),
        ("def f(status: Severity | None): ...", []),
        ("def f(status: str | Severity): ...", ["m.py:f.status"]),
        ("def f(label: str): ...", []),
    ],
)
def test_scanner_sees_str(source: str, expected: list[str]) -> None:
    assert _offences(source, "m.py") == expected
