"""States are enums: no code compares or sets a status, severity, outcome, mode or origin as text.

The values live in :mod:`inspector.domain.states`; a literal ``"open"`` next to a status
would drift from them unnoticed (a typo compares false forever). This scans every module
of ``inspector/`` (``states.py`` and the migrations, which must keep their own spelling,
excepted) for a string literal equal to a state value that is

* compared with a status-like name (``x.status == "draft"``, ``r["severity"] != "high"``,
  ``outcome in ("open", "closed")``),
* assigned to one (``f.status = "closed"``, ``status: str = "open"``),
* passed as one (``Finding(status="open")``, ``{"status": "closed"}``), or
* returned by a function named after one (``def finding_status(...): return "overdue"``).

Words that merely look like a state (the "imported" column of a report, label tables keyed
by value, a translator's "draft") are not in these positions and are not flagged.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from inspector.domain.checklist import Mode
from inspector.domain.states import (
    FindingState,
    FindingStatus,
    ImportOutcome,
    InspectionStatus,
    Origin,
    Severity,
)

ROOT = Path(__file__).resolve().parents[2] / "inspector"
STATE_VALUES = frozenset(
    m.value
    for e in (InspectionStatus, FindingStatus, FindingState, Severity, ImportOutcome, Mode, Origin)
    for m in e
)
# status, severity, outcome, mode, origin, insp_status, statuses ... not "status_label".
STATE_NAME = re.compile(r"(?:^|_)(?:status|severity|outcome|mode|origin)(?:es|s)?$", re.I)
EXEMPT = ("domain/states.py", "db/migrations/")


def _name_of(node: ast.AST) -> str | None:
    """The name an expression reads: ``x``, ``a.b.x``, ``r["x"]`` all name ``x``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value
    if (  # r.get("status") names "status"
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
    ):
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None


def _is_state_name(node: ast.AST) -> bool:
    name = _name_of(node)
    return name is not None and bool(STATE_NAME.search(name))


def _state_literals(node: ast.AST | None) -> list[str]:
    """State values written literally in ``node``: itself, a tuple/list/set of them, or
    either branch of a conditional expression."""
    if node is None:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if node.value in STATE_VALUES else []
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [v for e in node.elts for v in _state_literals(e)]
    if isinstance(node, ast.IfExp):
        return _state_literals(node.body) + _state_literals(node.orelse)
    return []


def find_state_literals(source: str, filename: str = "<src>") -> list[str]:
    """``file:line: what`` for each bare state string in the positions described above."""
    tree = ast.parse(source, filename)
    hits: list[str] = []

    def hit(node: ast.AST, values: list[str], how: str) -> None:
        for v in values:
            hits.append(f"{filename}:{getattr(node, 'lineno', 0)}: {how} {v!r}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_state_name(s) for s in sides):
                for s in sides:
                    if not _is_state_name(s):
                        hit(node, _state_literals(s), "compared with")
        elif isinstance(node, ast.Assign):
            if any(_is_state_name(t) for t in node.targets):
                hit(node, _state_literals(node.value), "assigned")
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            if _is_state_name(node.target):
                hit(node, _state_literals(node.value), "assigned")
        elif isinstance(node, ast.keyword):
            if node.arg and STATE_NAME.search(node.arg):
                hit(node.value, _state_literals(node.value), f"passed as {node.arg}=")
        elif isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values, strict=True):
                if (
                    isinstance(k, ast.Constant)
                    and isinstance(k.value, str)
                    and STATE_NAME.search(k.value)
                ):
                    hit(v, _state_literals(v), f"stored under {k.value!r}")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and STATE_NAME.search(
            node.name
        ):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Return):
                    hit(sub, _state_literals(sub.value), f"returned by {node.name}()")
    return hits


def test_no_state_is_a_bare_string_in_the_code() -> None:
    hits: list[str] = []
    files = sorted(ROOT.rglob("*.py"))
    assert len(files) > 50  # the scan really sees the package
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        if any(rel.startswith(x) or rel == x for x in EXEMPT):
            continue
        hits += find_state_literals(path.read_text(encoding="utf-8"), rel)
    assert not hits, "use the enums of inspector.domain.states:\n" + "\n".join(hits)


@pytest.mark.parametrize(
    "source",
    [
        'if x.status == "draft": pass',
        'if "closed" != f.status: pass',
        'ok = Finding.severity == "high"',
        'ok = r["status"] in ("open", "closed")',
        'ok = row.get("outcome") == "rejected"',
        'f.status = "closed"',
        'status: str = "open"',
        'insp_status = "finalized"',
        'Finding(item_id="a", status="open")',
        'x = {"status": "closed" if done else "open"}',
        'def finding_status(f):\n    return "overdue"',
        'q.where(Inspection.mode == "mystery")',
        'if r.origin != "imported": pass',
    ],
)
def test_the_scan_finds_each_kind_of_bare_state(source: str) -> None:
    assert find_state_literals(source), source


@pytest.mark.parametrize(
    "source",
    [
        'Col("imported", flex=1)',  # a report column named like an outcome
        'LABELS = {"open": ("未整改", "Open"), "high": ("高", "High")}',
        'text = self.tr("draft")',
        "if x.status == InspectionStatus.DRAFT: pass",
        'def status_label(s):\n    return "草稿"',
        'name = "closed"',
    ],
)
def test_the_scan_leaves_other_strings_alone(source: str) -> None:
    assert not find_state_literals(source), source
