"""Inspection plans: which branch, with which checklist and mode, by when, by whom.

HQ writes a plan as CSV or XLSX with the columns ``branch, checklist, mode, scenario, wave,
due, assignee`` (Chinese headers accepted: 网点, 检查表, 方式, 情景, 批次, 截止日期, 检查人).
:func:`read_plan` checks every line against the checklists and branches it will travel
with and reports every problem at once as ``FILE:LINE: column: problem``.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from inspector.db.models import WAVE_MAX
from inspector.domain.checklist import Checklist, Mode
from inspector.errors import ValidationError
from inspector.files import CSV_MAX_BYTES, FileAccessError, read_bounded
from inspector.text import Lang, Surface, Text
from inspector.text import publish as T
from inspector.textsafe import has_control_chars, is_formula_like

log = logging.getLogger(__name__)

COLUMNS = ("branch", "checklist", "mode", "scenario", "wave", "due", "assignee")
HEADERS: dict[str, tuple[str, ...]] = {
    "branch": ("branch", "branch_code", "网点", "网点代码", "机构", "支行"),
    "checklist": ("checklist", "checklist_id", "检查表"),
    "mode": ("mode", "方式", "检查方式"),
    "scenario": ("scenario", "情景", "场景"),
    "wave": ("wave", "批次", "波次"),
    "due": ("due", "due_date", "截止日期", "截止", "到期日"),
    "assignee": ("assignee", "检查人", "负责人", "执行人"),
}
MAX_LINES = 100_000
MAX_LEN = {"branch": 64, "checklist": 100, "scenario": 100, "wave": WAVE_MAX, "assignee": 200}


@dataclass(frozen=True, slots=True)
class PlanEntry:
    line: int
    branch: str
    checklist: str
    mode: Mode
    scenario: str | None
    wave: str | None
    due: date
    assignee: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "branch": self.branch,
            "checklist": self.checklist,
            "mode": self.mode,
            "scenario": self.scenario,
            "wave": self.wave,
            "due": self.due.isoformat(),
            "assignee": self.assignee,
        }


@dataclass(frozen=True, slots=True)
class _Problem:
    file: str
    line: int
    column: str
    text: Text
    fields: Mapping[str, object]

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        return T.PLAN_AT.render(
            lang,
            surface,
            file=self.file,
            line=self.line,
            column=self.column,
            problem=self.text.render(lang, surface, **self.fields),
        )

    def __str__(self) -> str:
        return self.render(Lang.EN)


@dataclass(frozen=True, slots=True)
class _Problems:
    problems: tuple[_Problem, ...]

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        return "\n".join(p.render(lang, surface) for p in self.problems)


class PlanError(ValidationError):
    """A plan with problems; ``problems`` lists every one."""

    def __init__(self, problems: list[_Problem]) -> None:
        self.problems = problems
        super().__init__(T.PLAN_PROBLEMS, count=len(problems), problems=_Problems(tuple(problems)))


def _rows(path: Path) -> list[list[Any]]:
    try:
        raw = read_bounded(path, CSV_MAX_BYTES, "plan")
    except FileAccessError as e:
        raise ValidationError(T.PLAN_UNREADABLE, cause=e) from None
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                ws = wb.worksheets[0]
                return [list(r) for r in ws.iter_rows(values_only=True)]
            finally:
                wb.close()
        except Exception as e:  # openpyxl raises anything on a damaged file
            log.info("plan workbook not readable: %r", e)
            raise ValidationError(
                T.PLAN_NOT_XLSX, detail=f"{type(e).__name__}: {e}"[:200]
            ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError as e:
            raise ValidationError(T.PLAN_UNREADABLE, cause=str(e)) from None
    return [list(r) for r in csv.reader(io.StringIO(text))]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_plan(
    path: Path,
    checklists: Mapping[str, Checklist],
    branches: Iterable[str] | None = None,
) -> list[PlanEntry]:
    """The checked lines of a plan file; :class:`PlanError` lists every problem."""
    rows = _rows(path)
    name = path.name
    header_row = next((i for i, r in enumerate(rows) if any(_cell(v) for v in r)), None)
    if header_row is None:
        raise ValidationError(T.PLAN_EMPTY, file=name)
    header = [_cell(v).lower() for v in rows[header_row]]
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        if not h:
            continue
        field = next((f for f, names in HEADERS.items() if h in names), None)
        if field is None:
            raise ValidationError(T.PLAN_UNKNOWN_COLUMN, file=name, column=repr(h))
        cols.setdefault(field, i)
    missing = [c for c in ("branch", "checklist", "mode", "due") if c not in cols]
    if missing:
        raise ValidationError(T.PLAN_NO_COLUMN, file=name, columns=", ".join(missing))
    known_branches = set(branches) if branches is not None else None
    problems: list[_Problem] = []
    entries: list[PlanEntry] = []
    wave_scenario: dict[tuple[str, str], tuple[str | None, int]] = {}

    def bad(line: int, column: str, text: Text, **fields: object) -> None:
        problems.append(_Problem(name, line, column, text, fields))

    for index, row in enumerate(rows[header_row + 1 :], start=header_row + 2):
        values = {f: _cell(row[i]) if i < len(row) else "" for f, i in cols.items()}
        if not any(values.values()):
            continue
        if len(entries) + len(problems) >= MAX_LINES:
            break
        ok = True
        for f, value in values.items():
            if f in MAX_LEN and len(value) > MAX_LEN[f]:
                bad(index, f, T.PLAN_TOO_LONG, max=MAX_LEN[f])
                ok = False
            elif has_control_chars(value):
                bad(index, f, T.PLAN_CONTROL)
                ok = False
            elif is_formula_like(value):
                bad(index, f, T.PLAN_FORMULA)
                ok = False
        for f in ("branch", "checklist", "mode", "due"):
            if not values.get(f):
                bad(index, f, T.PLAN_REQUIRED)
                ok = False
        if not ok:
            continue
        branch, checklist_id, mode = values["branch"], values["checklist"], values["mode"].lower()
        scenario = values.get("scenario") or None
        wave = values.get("wave") or None
        try:
            due = date.fromisoformat(values["due"])
        except ValueError:
            bad(index, "due", T.PLAN_BAD_DATE, value=repr(values["due"]))
            ok = False
        if mode not in (Mode.ONSITE.value, Mode.MYSTERY.value):
            bad(index, "mode", T.PLAN_BAD_MODE, value=repr(mode))
            ok = False
        if known_branches is not None and branch not in known_branches:
            bad(index, "branch", T.PLAN_UNKNOWN_BRANCH, value=repr(branch))
            ok = False
        checklist = checklists.get(checklist_id)
        if checklist is None:
            bad(index, "checklist", T.PLAN_UNKNOWN_CHECKLIST, value=repr(checklist_id))
            ok = False
        elif mode in (Mode.ONSITE.value, Mode.MYSTERY.value):
            if Mode(mode) not in checklist.modes:
                bad(index, "mode", T.PLAN_MODE_NOT_IN_CHECKLIST, checklist=checklist_id, value=mode)
                ok = False
            if mode != Mode.MYSTERY.value and (scenario or wave):
                bad(index, "scenario" if scenario else "wave", T.PLAN_SCENARIO_NOT_MYSTERY)
                ok = False
            known = [s.id for s in checklist.scenarios]
            if scenario is not None and scenario not in known:
                bad(
                    index,
                    "scenario",
                    T.PLAN_UNKNOWN_SCENARIO,
                    checklist=checklist_id,
                    value=repr(scenario),
                    known=", ".join(known) or "-",
                )
                ok = False
        if wave is not None and ok:
            first = wave_scenario.setdefault((checklist_id, wave), (scenario, index))
            if first[0] != scenario:
                bad(
                    index,
                    "scenario",
                    T.PLAN_WAVE_SCENARIOS,
                    wave=repr(wave),
                    other=repr(first[0]),
                    first=first[1],
                )
                ok = False
        if ok:
            entries.append(
                PlanEntry(
                    line=index,
                    branch=branch,
                    checklist=checklist_id,
                    mode=Mode(mode),  # checked above: ok only for a known mode
                    scenario=scenario,
                    wave=wave,
                    due=due,
                    assignee=values.get("assignee", ""),
                )
            )
    if problems:
        raise PlanError(problems)
    if not entries:
        raise ValidationError(T.PLAN_EMPTY, file=name)
    return entries
