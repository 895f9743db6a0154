"""The import graph of ``inspector`` has no cycles, lazy and type-only imports included.

A cycle hides a layering mistake behind a function-level import ("imported here: X builds
on this module") and makes the import order decide whether the program starts. grimp
(import-linter's own graph builder) reads every import statement in a module, inside
functions and ``if TYPE_CHECKING:`` blocks too; the second test proves that it still does.
Then: the front ends (the desktop UI and the phone page) keep the database layer out (they
call services by id); no module grows past 800 lines; and no module re-exports another's
names (import a name from the module that defines it).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import grimp
import pytest


def _cycles(package: str) -> list[list[str]]:
    """Each group of modules that import one another (strongly connected), sorted."""
    graph = grimp.build_graph(package, cache_dir=None)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan; the graph is a few hundred modules deep at most
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in edges[v]:
                groups.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return sorted(groups)


def _describe(package: str, groups: list[list[str]]) -> str:
    graph = grimp.build_graph(package, cache_dir=None)
    lines = []
    for group in groups:
        lines.append("cycle: " + " <-> ".join(group))
        for a in group:
            for b in sorted(graph.find_modules_directly_imported_by(a)):
                if b in group:
                    for d in graph.get_import_details(importer=a, imported=b):
                        lines.append(f"  {a}:{d['line_number']}: {d['line_contents']}")
    return "\n".join(lines)


def test_inspector_has_no_import_cycle() -> None:
    groups = _cycles("inspector")
    assert not groups, "import cycles in inspector:\n" + _describe("inspector", groups)


def test_the_check_sees_lazy_and_type_only_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = tmp_path / "cyclepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "low.py").write_text(
        textwrap.dedent(
            """
            def late() -> None:
                from cyclepkg.high import top  # lazy: still a cycle
                top()
            """
        )
    )
    (pkg / "high.py").write_text("from cyclepkg import low\n\n\ndef top() -> None:\n    pass\n")
    (pkg / "typed.py").write_text(
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from cyclepkg import leaf\n"
    )
    (pkg / "leaf.py").write_text("from cyclepkg import typed\n")
    (pkg / "clean.py").write_text("from cyclepkg import leaf\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _cycles("cyclepkg") == [
        ["cyclepkg.high", "cyclepkg.low"],
        ["cyclepkg.leaf", "cyclepkg.typed"],
    ]
    assert "cyclepkg.low:3: from cyclepkg.high import top" in _describe(
        "cyclepkg", _cycles("cyclepkg")
    )


FRONT_ENDS = ("inspector.ui", "inspector.phone", "inspector.cli")


def _front_end(module: str) -> bool:
    return module == "inspector.app" or any(
        module == f or module.startswith(f + ".") for f in FRONT_ENDS
    )


def test_the_front_ends_read_and_write_through_services() -> None:
    """No front end (the screens, the CLI, the phone page) imports SQLAlchemy or the ORM
    models (lazy and type-only imports too), nor opens a session itself: each passes the
    ``Database`` handle and ids to ``services/views`` and ``services/commands`` (see
    docs/architecture.md)."""
    graph = grimp.build_graph("inspector", include_external_packages=True, cache_dir=None)
    ui = [m for m in graph.modules if _front_end(m)]
    bad = [
        f"{m}:{d['line_number']}: {d['line_contents']}"
        for m in sorted(ui)
        for imported in sorted(graph.find_modules_directly_imported_by(m))
        if imported == "sqlalchemy"
        or imported.startswith("sqlalchemy.")
        or imported == "inspector.db.models"
        for d in graph.get_import_details(importer=m, imported=imported)
    ]
    root = Path(__file__).resolve().parents[2] / "inspector"
    opened = [
        f"{path.relative_to(root.parent)}:{n}: {line.strip()}"
        for path in sorted(
            [p for f in ("ui", "phone", "cli") for p in (root / f).rglob("*.py")]
            + [root / "app.py"]
        )
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".session()" in line or ".read_session()" in line
    ]
    assert not bad, "a front end imports the database layer:\n" + "\n".join(bad)
    assert not opened, "a front end opens sessions:\n" + "\n".join(opened)


ROOT = Path(__file__).resolve().parents[2] / "inspector"
MAX_LINES = 800


def test_no_module_is_over_800_lines() -> None:
    """A module past 800 lines holds more than one job: split it by use case or by part."""
    long = [
        f"{rel}: {n} lines"
        for path in sorted(ROOT.rglob("*.py"))
        if "migrations" not in path.parts
        and (rel := path.relative_to(ROOT.parent).as_posix())
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not long, f"modules over {MAX_LINES} lines:\n" + "\n".join(long)


# A package's __init__ may name its own public API only where a package is the unit people
# import (the text catalogue, the database handle, checklist loading, the CLI's command
# registry, the Qt patches the UI needs first); a service package documents its modules.
INIT_IMPORTS_ALLOWED = {
    "inspector/text/__init__.py",
    "inspector/db/__init__.py",
    "inspector/checklists/__init__.py",
    "inspector/cli/__init__.py",
    "inspector/ui/__init__.py",
    "inspector/ui/hq/__init__.py",
}


def test_no_module_re_exports_another_modules_names() -> None:
    """``from m import x as x`` (a re-export) and a service package's ``__init__`` that
    imports its modules' names hide where a name lives: import it from its module."""
    redundant = re.compile(r"^\s*from\s+[\w.]+\s+import\s+(\w+)\s+as\s+\1\b", re.M)
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).as_posix()
        text = path.read_text(encoding="utf-8")
        found += [f"{rel}: {m.group(0).strip()}" for m in redundant.finditer(text)]
        if path.name == "__init__.py" and rel not in INIT_IMPORTS_ALLOWED:
            found += [
                f"{rel}: {line.strip()}"
                for line in text.splitlines()
                if re.match(r"\s*from\s+inspector\.", line)
            ]
    assert not found, "re-exports (import from the defining module):\n" + "\n".join(found)
