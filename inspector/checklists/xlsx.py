"""Checklists as Excel workbooks: the compliance staff's way of writing them.

:func:`export_workbook` writes a checklist (resolved: includes expanded) as a workbook with
a read-me sheet, a header sheet (one setting a row) and one table sheet each for grades,
scenarios, sections, items, choice options and scale labels. Table sheets have the Chinese
column name in row 1 and the column's key in row 2 (import finds columns by key), data from
row 3. Closed vocabularies (answer type, evidence rule, severity, rights, evaluation
elements, modes, yes/no) get drop-down lists (data validation) fed by a hidden sheet.

:func:`read_workbook` turns a workbook back into a :class:`Checklist`, checked by the same
models and rules as a YAML file. Every problem is reported as ``FILE.xlsx!SHEET!CELL:
message``, all of them at once. Export then import gives the same canonical checklist (the
same SHA-256) for every checklist: ``tests/unit/test_checklist_xlsx.py`` holds that for
every shipped one.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic
import yaml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from inspector.checklists.loader import (
    ChecklistError,
    LoadedChecklist,
    _check_rules,
    _parse_with_lines,
    _strip_union_loc,
)
from inspector.domain.checklist import (
    ELEMENTS,
    RIGHT_NAMES,
    AnswerType,
    Checklist,
    Evidence,
    Mode,
    Right,
)
from inspector.domain.states import Severity
from inspector.errors import UserError
from inspector.files import FileAccessError, read_bounded
from inspector.text import Lang, Message, Surface
from inspector.text import checklists as TC
from inspector.text import xlsx as T

log = logging.getLogger(__name__)

XLSX_MAX_BYTES = 32 * 1024 * 1024
# A checklist workbook unpacks to a few MB; more is a zip bomb, not a checklist.
UNPACKED_MAX_BYTES = 256 * 1024 * 1024
EXCEL_CELL_MAX = 32767
EXTRA_ROWS = 300  # drop-downs reach this far below the last row, for rows an author adds

Loc = tuple[str | int, ...]

EVIDENCE_OUT = {
    Evidence.REQUIRED: "always",
    Evidence.ON_FAIL: "on_fail",
    Evidence.OPTIONAL: "optional",
    Evidence.NONE: "never",
}
VOCABULARIES: dict[str, list[str]] = {
    "yes_no": [T.YES, T.NO],
    "type": [t.value for t in AnswerType],
    "evidence": list(EVIDENCE_OUT.values()),
    "severity": [s.value for s in Severity],
    "rights": [r.value for r in Right],
    "elements": list(ELEMENTS),
    "mode": [m.value for m in Mode],
    "modes": [Mode.ONSITE.value, Mode.MYSTERY.value, f"{Mode.ONSITE.value}, {Mode.MYSTERY.value}"],
}
_YES = {T.YES, "yes", "y", "true", "1", "是的", "对"}
_NO = {T.NO, "no", "n", "false", "0", "不"}


# ---------------------------------------------------------------- problems
@dataclass(frozen=True, slots=True)
class CellProblem:
    """One problem of a workbook: where (file, sheet, cell) and a catalogue message."""

    file: str
    sheet: str
    cell: str
    message: Message
    fields: Mapping[str, object] = field(default_factory=dict, hash=False)

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        return T.AT_CELL.render(
            lang,
            surface,
            file=self.file,
            sheet=self.sheet,
            cell=self.cell,
            problem=self.message.render(lang, surface, self.fields),
        )

    def __str__(self) -> str:
        return self.render(Lang.EN, Surface.CLI)


@dataclass(frozen=True, slots=True)
class _Lines:
    problems: tuple[CellProblem, ...]

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        return "\n".join(p.render(lang, surface) for p in self.problems)


class WorkbookError(UserError):
    """A workbook that does not make a checklist; ``problems`` lists every reason."""

    def __init__(self, problems: list[CellProblem]) -> None:
        self.problems = problems
        super().__init__(T.PROBLEMS, count=len(problems), problems=_Lines(tuple(problems)))


# ---------------------------------------------------------------- columns
@dataclass(frozen=True, slots=True)
class Col:
    """A column (or a header row): its key, how its cells read, its drop-down."""

    key: str
    kind: str = "str"  # str | text | num | int | bool | vocab | modes | nth | cond
    vocab: str | None = None
    width: int = 14

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))


def _c(key: str, kind: str = "str", vocab: str | None = None, width: int = 14) -> Col:
    return Col(key, kind, vocab, width)


HEADER = [
    _c("format", "int"),
    _c("id"),
    _c("version"),
    _c("title.zh", "text"),
    _c("title.en", "text"),
    _c("description.zh", "text"),
    _c("description.en", "text"),
    _c("modes", "modes", "modes"),
    _c("veto_grade"),
    _c("hide_scores_in", "modes", "modes"),
    _c("visit_facts", "bool", "yes_no"),
    _c("narrative.min_length", "int"),
    _c("narrative.modes", "modes", "modes"),
    _c("narrative.prompt.zh", "text"),
    _c("narrative.prompt.en", "text"),
    _c("min_photos.onsite", "int"),
    _c("min_photos.mystery", "int"),
]
GRADES = [
    _c("code"),
    _c("min", "num"),
    _c("label.zh", "text", width=20),
    _c("label.en", "text", width=20),
    _c("passing", "bool", "yes_no"),
]
SCENARIOS = [
    _c("id", width=18),
    _c("title.zh", "text", width=24),
    _c("title.en", "text", width=24),
    _c("description.zh", "text", width=40),
    _c("description.en", "text", width=40),
]
SECTIONS = [
    _c("id", width=18),
    _c("title.zh", "text", width=24),
    _c("title.en", "text", width=24),
    _c("weight", "num"),
    _c("area"),
    _c("description.zh", "text", width=40),
    _c("description.en", "text", width=40),
]
ITEMS = [
    _c("id", width=24),
    _c("section", width=16),
    _c("text.zh", "text", width=40),
    _c("text.en", "text", width=40),
    _c("guidance.zh", "text", width=50),
    _c("guidance.en", "text", width=50),
    _c("type", "vocab", "type", width=12),
    _c("points", "num", width=8),
    _c("veto", "bool", "yes_no", width=8),
    _c("veto_reason.zh", "text", width=30),
    _c("veto_reason.en", "text", width=30),
    _c("critical", "bool", "yes_no", width=8),
    _c("gate", "bool", "yes_no", width=8),
    _c("penalty", "num", width=8),
    _c("penalty_cap", "num", width=8),
    _c("na_allowed", "bool", "yes_no", width=10),
    _c("required", "bool", "yes_no", width=8),
    _c("modes", "modes", "modes", width=14),
    _c("evidence.onsite", "vocab", "evidence", width=12),
    _c("evidence.mystery", "vocab", "evidence", width=12),
    _c("rights", "nth", "rights", width=18),
    _c("elements", "nth", "elements", width=14),
    _c("severity", "vocab", "severity", width=10),
    _c("rectify_days", "int", width=10),
    _c("redact", "bool", "yes_no", width=8),
    _c("source.ref", "text", width=40),
    _c("source.inferred", "bool", "yes_no", width=10),
    _c("source.note", "text", width=30),
    _c("review", "text", width=30),
    _c("scale.min", "int", width=8),
    _c("scale.max", "int", width=8),
    _c("count.pass_min", "int", width=10),
    _c("count.pass_max", "int", width=10),
    _c("count.partial", "bool", "yes_no", width=10),
    _c("measure.unit.zh", "text", width=10),
    _c("measure.unit.en", "text", width=10),
    _c("measure.min", "num", width=10),
    _c("measure.max", "num", width=10),
    _c("measure.decimals", "int", width=10),
    _c("measure.hint.zh", "text", width=30),
    _c("measure.hint.en", "text", width=30),
    _c("text_rules.min_length", "int", width=10),
    _c("text_rules.multiline", "bool", "yes_no", width=10),
    _c("show_if", "cond", width=36),
    _c("na_if", "cond", width=36),
]
OPTIONS = [
    _c("item", width=24),
    _c("id", width=16),
    _c("label.zh", "text", width=30),
    _c("label.en", "text", width=30),
    _c("credit", "num", width=10),
]
SCALE_LABELS = [
    _c("item", width=24),
    _c("value", "int", width=8),
    _c("label.zh", "text", width=30),
    _c("label.en", "text", width=30),
]
TABLES: dict[str, list[Col]] = {
    T.SHEET_GRADES: GRADES,
    T.SHEET_SCENARIOS: SCENARIOS,
    T.SHEET_SECTIONS: SECTIONS,
    T.SHEET_ITEMS: ITEMS,
    T.SHEET_OPTIONS: OPTIONS,
    T.SHEET_SCALE_LABELS: SCALE_LABELS,
}
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    T.SHEET_GRADES: ("code", "min", "label.zh", "label.en"),
    T.SHEET_SCENARIOS: ("id", "title.zh", "title.en"),
    T.SHEET_SECTIONS: ("id", "title.zh", "title.en", "weight"),
    T.SHEET_ITEMS: ("id", "section", "text.zh", "text.en", "type"),
    T.SHEET_OPTIONS: ("item", "id", "label.zh", "label.en", "credit"),
    T.SHEET_SCALE_LABELS: ("item", "value", "label.zh", "label.en"),
}
# Positional columns (rights 1, rights 2, ...): at least this many, more when needed.
MIN_NTH = {"rights": 3, "elements": 2}


# ---------------------------------------------------------------- import
@dataclass
class _Reader:
    file: str
    problems: list[CellProblem] = field(default_factory=list)
    # Where each part of the checklist came from: loc -> (sheet, cell, column key).
    cells: dict[Loc, tuple[str, str, str]] = field(default_factory=dict)

    def add(self, sheet: str, cell: str, message: Message, **fields: object) -> None:
        self.problems.append(CellProblem(self.file, sheet, cell, message, fields))

    def value(self, col: Col, raw: Any, sheet: str, cell: str, key: str) -> Any:
        """A cell's value as the checklist format wants it, or None (empty or a problem)."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        kind = col.kind
        if kind in ("str", "text"):
            if isinstance(raw, bool):
                return T.YES if raw else T.NO
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            if isinstance(raw, int | float):
                return str(raw)
            if not isinstance(raw, str):
                self.add(sheet, cell, T.NOT_TEXT, key=key)
                return None
            return raw if kind == "text" else raw.strip()
        if kind == "num":
            if isinstance(raw, str):
                try:
                    raw = float(raw.strip())
                except ValueError:
                    raw = None
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                self.add(sheet, cell, T.NOT_NUMBER, key=key)
                return None
            return raw
        if kind == "int":
            if isinstance(raw, str):
                try:
                    raw = int(raw.strip())
                except ValueError:
                    raw = None
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            if isinstance(raw, bool) or not isinstance(raw, int):
                self.add(sheet, cell, T.NOT_WHOLE, key=key)
                return None
            return raw
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in _YES:
                return True
            if text in _NO:
                return False
            self.add(sheet, cell, T.NOT_YES_NO, key=key, value=repr(raw))
            return None
        if kind in ("vocab", "nth"):
            text = str(raw).strip()
            known = VOCABULARIES[col.vocab or ""]
            if text not in known:
                found = _by_name(col.vocab or "", text)
                if found is None:
                    self.add(
                        sheet,
                        cell,
                        T.NOT_IN_LIST,
                        key=key,
                        value=repr(text),
                        known=", ".join(known),
                    )
                    return None
                text = found
            return text
        if kind == "modes":
            parts = [p.strip() for p in str(raw).replace("，", ",").replace("、", ",").split(",")]
            out = []
            for p in parts:
                if p not in VOCABULARIES["mode"]:
                    self.add(
                        sheet,
                        cell,
                        T.NOT_IN_LIST,
                        key=key,
                        value=repr(p),
                        known=", ".join(VOCABULARIES["mode"]),
                    )
                    return None
                out.append(p)
            return out
        if kind == "cond":
            if not isinstance(raw, str):
                self.add(sheet, cell, T.CONDITION_BAD, key=key, detail=repr(raw))
                return None
            try:
                data, _lines = _parse_with_lines(raw, key)
            except ChecklistError as e:
                self.add(sheet, cell, T.CONDITION_BAD, key=key, detail=e.problems[0].text(Lang.EN))
                return None
            if not isinstance(data, dict):
                self.add(sheet, cell, T.CONDITION_BAD, key=key, detail=repr(raw[:60]))
                return None
            return data
        raise AssertionError(kind)


def _by_name(vocab: str, text: str) -> str | None:
    """A right or an element written by its Chinese or English name."""
    names: Mapping[str, Any] = (
        RIGHT_NAMES if vocab == "rights" else ELEMENTS if vocab == "elements" else {}
    )
    for key, name in names.items():
        if text in (name.zh, name.en) or text.startswith(f"{key} "):
            return str(key)
    return None


def _set(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def _rows(ws: Any) -> list[tuple[int, tuple[Any, ...]]]:
    return [
        (n, row)
        for n, row in enumerate(ws.iter_rows(values_only=True), start=1)
        if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in row)
    ]


def _read_table(
    r: _Reader, wb: Any, sheet: str, cols: list[Col]
) -> list[tuple[int, dict[str, Any], dict[tuple[str, ...], tuple[str, str]]]]:
    """Rows of a table sheet: (row number, nested values, path -> (cell, key))."""
    if sheet not in wb.sheetnames:
        r.add(sheet, "A1", T.SHEET_MISSING, name=sheet)
        return []
    rows = _rows(wb[sheet])
    keys_row = next((row for n, row in rows if n == 2), ())
    by_key = {c.key: c for c in cols}
    columns: list[tuple[int, Col, int, str] | None] = []
    seen: set[str] = set()
    for j, raw in enumerate(keys_row, start=1):
        cell = f"{get_column_letter(j)}2"
        if raw is None or not str(raw).strip():
            columns.append(None)
            continue
        key = str(raw).strip()
        base, _, suffix = key.rpartition(".")
        col = by_key.get(key)
        n = 0
        if col is None and suffix.isdigit() and base in by_key and by_key[base].kind == "nth":
            col, n = by_key[base], int(suffix)
        if col is None or (col.kind == "nth" and not n):
            r.add(sheet, cell, T.KEY_UNKNOWN, key=repr(key))
            columns.append(None)
            continue
        if key in seen:
            r.add(sheet, cell, T.KEY_TWICE, key=repr(key))
            columns.append(None)
            continue
        seen.add(key)
        columns.append((j, col, n, key))
    for key in REQUIRED_COLUMNS.get(sheet, ()):
        # Only the columns a row cannot do without: a workbook from an older program,
        # without a column for a field added since, still reads (the field stays unset).
        if key not in seen:
            r.add(sheet, "A2", T.KEY_MISSING, key=repr(key))
    out = []
    for n, row in rows:
        if n <= 2:
            continue
        values: dict[str, Any] = {}
        where: dict[tuple[str, ...], tuple[str, str]] = {}
        nth: dict[str, list[tuple[int, Any]]] = {}
        for spec in columns:
            if spec is None:
                continue
            j, col, k, key = spec
            cell = f"{get_column_letter(j)}{n}"
            raw = row[j - 1] if j - 1 < len(row) else None
            value = r.value(col, raw, sheet, cell, key)
            if col.kind == "nth":
                where.setdefault(col.path, (cell, col.key))
                if value is not None:
                    nth.setdefault(col.key, []).append((k, value))
                    where[(*col.path, str(len(nth[col.key]) - 1))] = (cell, key)
                continue
            where[col.path] = (cell, key)
            if value is not None:
                _set(values, col.path, value)
        for key, found in nth.items():
            values[key] = [v for _k, v in sorted(found, key=lambda kv: kv[0])]
        out.append((n, values, where))
    return out


def _register(
    r: _Reader, sheet: str, loc: Loc, where: dict[tuple[str, ...], tuple[str, str]]
) -> None:
    for path, (cell, key) in where.items():
        r.cells[(*loc, *(int(p) if p.isdigit() else p for p in path))] = (sheet, cell, key)


def _read_header(r: _Reader, wb: Any) -> dict[str, Any]:
    sheet = T.SHEET_HEADER
    if sheet not in wb.sheetnames:
        r.add(sheet, "A1", T.SHEET_MISSING, name=sheet)
        return {}
    by_key = {c.key: c for c in HEADER}
    data: dict[str, Any] = {}
    seen: set[str] = set()
    for n, row in _rows(wb[sheet]):
        if n == 1:
            continue
        key = str(row[1]).strip() if len(row) > 1 and row[1] is not None else ""
        if not key:
            continue
        col = by_key.get(key)
        if col is None:
            r.add(sheet, f"B{n}", T.HEADER_KEY_UNKNOWN, key=repr(key))
            continue
        if key in seen:
            r.add(sheet, f"B{n}", T.HEADER_KEY_TWICE, key=repr(key))
            continue
        seen.add(key)
        cell = f"C{n}"
        r.cells[tuple(col.path)] = (sheet, cell, key)
        value = r.value(col, row[2] if len(row) > 2 else None, sheet, cell, key)
        if value is not None:
            _set(data, col.path, value)
    for col in HEADER:
        if col.key not in seen and col.key in ("format", "id", "version", "title.zh", "title.en"):
            r.add(sheet, "B1", T.KEY_MISSING, key=repr(col.key))
    return data


def _assemble(r: _Reader, wb: Any) -> dict[str, Any]:
    data = _read_header(r, wb)
    grades = []
    for gi, (_n, values, where) in enumerate(_read_table(r, wb, T.SHEET_GRADES, GRADES)):
        _register(r, T.SHEET_GRADES, ("grades", gi), where)
        grades.append(values)
    data["grades"] = grades
    scenarios = []
    for si, (_n, values, where) in enumerate(_read_table(r, wb, T.SHEET_SCENARIOS, SCENARIOS)):
        _register(r, T.SHEET_SCENARIOS, ("scenarios", si), where)
        scenarios.append(values)
    if scenarios:
        data["scenarios"] = scenarios
    sections: list[dict[str, Any]] = []
    section_index: dict[str, int] = {}
    section_cell: dict[int, tuple[str, str, str]] = {}
    for si, (n, values, where) in enumerate(_read_table(r, wb, T.SHEET_SECTIONS, SECTIONS)):
        _register(r, T.SHEET_SECTIONS, ("sections", si), where)
        place = (T.SHEET_SECTIONS, f"A{n}", "id")
        r.cells[("sections", si)] = r.cells[("sections", si, "items")] = place
        section_cell[si] = place
        values["items"] = []
        if isinstance(values.get("id"), str):
            section_index.setdefault(values["id"], si)
        sections.append(values)
    items: dict[str, tuple[dict[str, Any], Loc]] = {}
    twice: set[str] = set()
    for n, values, where in _read_table(r, wb, T.SHEET_ITEMS, ITEMS):
        section_id = values.pop("section", None)
        cell_section = where.get(("section",), (f"B{n}", "section"))[0]
        if section_id is None:
            r.add(T.SHEET_ITEMS, cell_section, T.FIELD, key="section", detail="required")
            continue
        at = section_index.get(section_id)
        if at is None:
            r.add(T.SHEET_ITEMS, cell_section, T.SECTION_UNKNOWN, section=repr(section_id))
            continue
        loc: Loc = ("sections", at, "items", len(sections[at]["items"]))
        _register(r, T.SHEET_ITEMS, loc, where)
        r.cells[loc] = (T.SHEET_ITEMS, f"A{n}", "id")
        sections[at]["items"].append(values)
        item_id = values.get("id")
        if isinstance(item_id, str):
            if item_id in items or item_id in twice:
                # Options and scale labels name items by id: which one would be a guess.
                r.add(T.SHEET_ITEMS, f"A{n}", TC.DUPLICATE_ITEM, item=repr(item_id))
                twice.add(item_id)
                items.pop(item_id, None)
            else:
                items[item_id] = (values, loc)
    for si, s in enumerate(sections):
        if not s["items"]:
            sheet, id_cell, _key = section_cell[si]
            r.add(sheet, id_cell, T.SECTION_EMPTY, section=repr(s.get("id")))
    for _n, values, where, (item, loc) in _item_rows(r, wb, T.SHEET_OPTIONS, OPTIONS, items, twice):
        options = item.setdefault("options", [])
        _register(r, T.SHEET_OPTIONS, (*loc, "options", len(options)), where)
        options.append(values)
    scale_rows = _item_rows(r, wb, T.SHEET_SCALE_LABELS, SCALE_LABELS, items, twice)
    for n, values, where, (item, loc) in scale_rows:
        value = values.get("value")
        if value is None:
            r.add(
                T.SHEET_SCALE_LABELS,
                where.get(("value",), (f"B{n}", "value"))[0],
                T.NOT_WHOLE,
                key="value",
            )
            continue
        labels = item.setdefault("scale", {}).setdefault("labels", {})
        _register(r, T.SHEET_SCALE_LABELS, (*loc, "scale", "labels", value), where)
        labels[value] = values.get("label", {})
    data["sections"] = sections
    return data


def _item_rows(
    r: _Reader,
    wb: Any,
    sheet: str,
    columns: Any,
    items: dict[str, Any],
    twice: set[str],
) -> Iterator[tuple[int, dict[str, Any], Any, Any]]:
    """The rows of a sheet that add to an item named in its ``item`` column (options, scale
    labels), each with its item; a row naming no known item is reported where it stands."""
    for n, values, where in _read_table(r, wb, sheet, columns):
        item_id = values.pop("item", None)
        if item_id in twice:
            continue  # already reported: two items with this id
        target = items.get(item_id) if isinstance(item_id, str) else None
        if target is None:
            r.add(
                sheet,
                where.get(("item",), (f"A{n}", "item"))[0],
                T.ITEM_UNKNOWN,
                item=repr(item_id),
            )
            continue
        yield n, values, where, target


def _where(r: _Reader, loc: Loc) -> tuple[str, str, str]:
    """The cell of ``loc`` or of its nearest ancestor; the header's A1 at worst."""
    probe = loc
    while probe:
        if probe in r.cells:
            return r.cells[probe]
        probe = probe[:-1]
    return (T.SHEET_HEADER, "A1", "")


def _open(data: bytes, r: _Reader) -> Any:
    """The workbook, after checking what it unpacks to (declared sizes bound the reads)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        r.add(T.SHEET_README, "A1", T.NOT_WORKBOOK, detail=str(e))
        return None
    if unpacked > UNPACKED_MAX_BYTES:
        r.add(T.SHEET_README, "A1", T.TOO_BIG_INSIDE, limit=UNPACKED_MAX_BYTES // (1024 * 1024))
        return None
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:
        log.info("workbook not readable: %r", e)
        r.add(T.SHEET_README, "A1", T.NOT_WORKBOOK, detail=f"{type(e).__name__}: {e}"[:200])
        return None


def read_workbook_bytes(data: bytes, file: str) -> Checklist:
    """The checklist a workbook describes; :class:`WorkbookError` lists every problem."""
    r = _Reader(file)
    wb = _open(data, r)
    if wb is None:
        raise WorkbookError(r.problems)
    try:
        raw = _assemble(r, wb)
    except Exception as e:
        # openpyxl reads a read-only sheet as it goes: damaged XML surfaces here.
        log.info("workbook not readable: %r", e)
        r.add(T.SHEET_README, "A1", T.NOT_WORKBOOK, detail=f"{type(e).__name__}: {e}"[:200])
        raise WorkbookError(r.problems) from None
    finally:
        wb.close()
    # Cells that could not be read were left out; problems the checklist format then finds
    # at those same cells would only repeat them, so they are not added again. Every other
    # problem is reported in the same pass.
    unreadable = {(p.sheet, p.cell) for p in r.problems}

    def add(sheet: str, cell: str, message: Message, **fields: object) -> None:
        if (sheet, cell) not in unreadable:
            r.add(sheet, cell, message, **fields)

    try:
        checklist = Checklist.model_validate(raw)
    except pydantic.ValidationError as e:
        for err in e.errors():
            loc = _strip_union_loc(tuple(err["loc"]))
            sheet, cell, key = _where(r, loc)
            detail = str(err["msg"]).removeprefix("Value error, ")
            add(sheet, cell, T.FIELD, key=key or ".".join(map(str, loc)), detail=detail)
        raise WorkbookError(_dedupe(r.problems)) from None
    # The rules across fields, by the loader's own checks: each location is given a
    # number standing for its cell, so the loader's "line" names the cell.
    index: dict[Loc, int] = {}
    places: list[tuple[str, str, str]] = [(T.SHEET_HEADER, "A1", "")]
    for loc, place in r.cells.items():
        index[loc] = len(places)
        places.append(place)
    index[()] = 0
    for p in _check_rules(checklist, file, index):
        sheet, cell, _key = places[p.line] if 0 <= p.line < len(places) else places[0]
        add(sheet, cell, p.message, **p.fields)
    if r.problems:
        raise WorkbookError(_dedupe(r.problems))
    return checklist


def _dedupe(problems: list[CellProblem]) -> list[CellProblem]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            out.append(p)
    return out


def read_workbook(path: Path) -> Checklist:
    """Read ``path`` (bounded in size) as a checklist workbook."""
    try:
        data = read_bounded(path, XLSX_MAX_BYTES, "workbook")
    except FileAccessError as e:
        raise WorkbookError(
            [CellProblem(path.name, T.SHEET_README, "A1", T.UNREADABLE, {"reason": e.reason})]
        ) from None
    return read_workbook_bytes(data, path.name)


def load_workbook_checklist(path: Path) -> LoadedChecklist:
    """A workbook as a loaded checklist (a workbook never includes others)."""
    c = read_workbook(path)
    return LoadedChecklist(path=path, raw=c, resolved=c)


def to_yaml(checklist: Checklist) -> str:
    """A checklist file's text for ``checklist``: what the workbook said, in format order."""
    data = checklist.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_unset=True)
    data = {"format": checklist.format, **data}
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def load_any(path: Path) -> LoadedChecklist:
    """A checklist file of either kind: a workbook (``.xlsx``) or YAML/JSON."""
    from inspector.checklists.loader import load

    if path.suffix.lower() == ".xlsx":
        return load_workbook_checklist(path)
    return load(path)


def load_ref(
    ref: str, installed: Callable[[], Mapping[str, LoadedChecklist]] | None = None
) -> LoadedChecklist:
    """A checklist named by a file path (YAML, JSON or a workbook) or by its id: the one
    ``installed()`` offers for that id (an HQ pack's version), else the shipped file."""
    from inspector.checklists.loader import SUFFIXES, load_shipped

    path = Path(ref)
    if path.suffix.lower() in (*SUFFIXES, ".xlsx") and (path.exists() or "/" in ref):
        return load_any(path)
    if installed is not None:
        found = installed().get(ref)
        if found is not None:
            return found
    return load_shipped(ref)
