"""Outside the Qt widgets (``tr()``) user text has one home: ``inspector.text`` (issue 15).

A wording chosen inline by language -- ``"通过" if zh else "passed"``, a ``("通过", "Pass")``
pair, ``Bi("是", "Yes")`` -- is the kind of text that drifted apart in five places before; this
scan of the source finds any new one, so the class stays closed. Data read from checklists
(an item's ``title.zh``/``title.en``) is not literal text and is not what this looks for.
"""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import pytest

import inspector

ROOT = Path(inspector.__file__).resolve().parent
# Han characters and the full-width punctuation that only Chinese text uses (，。：；（）).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Where bilingual words belong: Qt's tr() in the UI, the catalogue everywhere else.
EXEMPT_DIRS = ("ui", "text")
# Pairs of literals that mix Chinese and Latin letters but are not words shown to anyone,
# by file and the literals themselves: a reason each.
NOT_USER_TEXT = {
    # Column headers a branch list may use, matched when a CSV is read (never written).
    ("services/branches.py", ("address", "地址")),
}


def _strings(node: ast.AST) -> list[str]:
    """The literal text in an expression (string constants and the text parts of f-strings)."""
    return [
        n.value
        for n in ast.walk(node)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value
    ]


def _cjk(strings: list[str]) -> bool:
    return any(CJK.search(s) for s in strings)


def _mixed(a: list[str], b: list[str]) -> bool:
    """One side Chinese, the other side text with no Chinese at all: a zh/en pair."""
    return bool(a and b) and _cjk(a) != _cjk(b)


def _pair(a: list[str], b: list[str]) -> bool:
    """Two literals side by side that say one thing in Chinese and in English: one has Chinese
    and no English words, the other English and no Chinese (not a note that mixes both)."""

    def zh(x: list[str]) -> bool:
        return _cjk(x) and not any(LATIN_WORD.search(s) for s in x)

    def en(x: list[str]) -> bool:
        return not _cjk(x) and any(LATIN.search(s) for s in x)

    return (zh(a) and en(b)) or (en(a) and zh(b))


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _callee(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def inline_bilingual(source: str, rel: str = "<test>") -> list[str]:
    """Each place in ``source`` that picks or pairs a Chinese and an English literal."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        what = ""
        if isinstance(node, ast.IfExp):
            if _mixed(_strings(node.body), _strings(node.orelse)):
                what = "a Chinese/English choice"
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
            a, b = node.elts
            if _literal(a) and _literal(b) and _pair(_strings(a), _strings(b)):
                texts = tuple(_strings(a)[:1] + _strings(b)[:1])
                if (rel, texts) not in NOT_USER_TEXT:
                    what = "a (zh, en) pair"
        elif isinstance(node, ast.Call) and _callee(node) != "Text":
            args = node.args
            for a, b in itertools.pairwise(args):
                if _literal(a) and _literal(b) and _pair(_strings(a), _strings(b)):
                    what = f"a Chinese and an English argument of {_callee(node)}()"
        if what:
            code = ast.unparse(node).replace("\n", " ")[:90]
            found.append(f"{rel}:{getattr(node, 'lineno', 0)}: {what}: {code}")
    return found


def _sources() -> list[Path]:
    return sorted(
        p
        for p in ROOT.rglob("*.py")
        if p.relative_to(ROOT).parts[0] not in EXEMPT_DIRS or len(p.relative_to(ROOT).parts) == 1
    )


def test_no_user_text_is_chosen_inline_outside_the_ui_and_the_catalogue() -> None:
    found = []
    for path in _sources():
        rel = path.relative_to(ROOT).as_posix()
        found += inline_bilingual(path.read_text(encoding="utf-8"), rel)
    assert not found, (
        "user text written inline in two languages; put it in inspector/text/<area>.py as a "
        "Text(zh=..., en=...) and render it with text(lang) (see docs/architecture.md, "
        "'Where user text lives'):\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    "source",
    [
        'x = "通过" if lang == "zh" else "passed"',
        'x = f"未通过（{n} 项）" if zh else f"failed ({n})"',
        'x = "；".join(parts) if zh else "; ".join(parts)',
        'LABELS = {"title": ("检查报告", "Inspection report")}',
        'x = Bi("是", "Yes")',
        'zh, en = "行业通行做法", "Established practice"',
    ],
)
def test_the_scan_finds_each_kind_of_inline_choice(source: str) -> None:
    assert inline_bilingual(source), source


@pytest.mark.parametrize(
    "source",
    [
        'X = Text(zh="通过", en="passed")',
        'x = item.title.zh if lang == "zh" else item.title.en',
        'x = "zh-CN" if lang == "zh" else "en"',
        'x = ("code", "name")',
        'x = ("网点", "区域")',
    ],
)
def test_the_scan_leaves_catalogue_entries_and_data_alone(source: str) -> None:
    assert not inline_bilingual(source), source


def test_the_scan_covers_the_services_and_skips_the_ui() -> None:
    rels = {p.relative_to(ROOT).as_posix() for p in _sources()}
    assert "services/hq/tables.py" in rels and "reports/inspection_report.py" in rels
    assert "errors.py" in rels
    assert not any(r.startswith(("ui/", "text/")) for r in rels)
