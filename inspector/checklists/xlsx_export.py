"""Checklists written as Excel workbooks (``inspector checklists xlsx``): one sheet per
table, with drop-down lists, a read-me sheet and the columns of :mod:`.xlsx`, which reads
them back."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Mapping
from typing import Any

import pydantic
import yaml
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from inspector.checklists.xlsx import (
    EVIDENCE_OUT,
    EXCEL_CELL_MAX,
    EXTRA_ROWS,
    HEADER,
    ITEMS,
    MIN_NTH,
    TABLES,
    VOCABULARIES,
    Col,
)
from inspector.domain.checklist import (
    ELEMENTS,
    RIGHT_NAMES,
    Checklist,
    Condition,
    Item,
    Section,
)
from inspector.errors import UserError
from inspector.text import Lang
from inspector.text import xlsx as T

log = logging.getLogger(__name__)

XLSX_MAX_BYTES = 32 * 1024 * 1024


# ---------------------------------------------------------------- export
_FIELD_OF = {"text_rules": "text_spec"}


def _is_set(model: Any, path: list[str]) -> bool:
    """Whether the file said ``path`` (a value left to its default is left blank, so the
    workbook reads back to exactly the same checklist, defaults and all)."""
    for part in path:
        if not isinstance(model, pydantic.BaseModel):
            return True
        name = _FIELD_OF.get(part, part)
        if name not in type(model).model_fields:
            return True
        if name not in model.model_fields_set:
            return False
        model = getattr(model, name)
    return True


def _said(model: Any, row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if _is_set(model, k.split("."))}


def _text_pair(obj: Any, key: str) -> dict[str, Any]:
    if obj is None:
        return {}
    return {f"{key}.zh": obj.zh, f"{key}.en": obj.en}


def _cond_text(c: Condition | None) -> str | None:
    if c is None:
        return None
    data = c.model_dump(mode="json", exclude_none=True)
    return str(yaml.safe_dump(data, default_flow_style=True, allow_unicode=True, sort_keys=False))


def _item_row(item: Item, section: Section) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": item.id,
        "section": section.id,
        **_text_pair(item.text, "text"),
        **_text_pair(item.guidance, "guidance"),
        "type": item.type.value,
        "points": item.points,
        "veto": item.veto,
        **_text_pair(item.veto_reason, "veto_reason"),
        "critical": item.critical,
        "gate": item.gate,
        "penalty": item.penalty,
        "penalty_cap": item.penalty_cap,
        "na_allowed": item.na_allowed,
        "required": item.required,
        "modes": ", ".join(m.value for m in item.modes) if item.modes is not None else None,
        "evidence.onsite": EVIDENCE_OUT[item.evidence.onsite],
        "evidence.mystery": EVIDENCE_OUT[item.evidence.mystery],
        "rights": [r.value for r in item.rights],
        "elements": list(item.elements),
        "severity": item.severity.value if item.severity else None,
        "rectify_days": item.rectify_days,
        "redact": item.redact,
        "review": item.review,
        "show_if": _cond_text(item.show_if),
        "na_if": _cond_text(item.na_if),
    }
    if item.source is not None:
        row.update(
            {
                "source.ref": item.source.ref,
                "source.inferred": item.source.inferred,
                "source.note": item.source.note,
            }
        )
    if item.scale is not None:
        row.update({"scale.min": item.scale.min, "scale.max": item.scale.max})
    if item.count is not None:
        row.update(
            {
                "count.pass_min": item.count.pass_min,
                "count.pass_max": item.count.pass_max,
                "count.partial": item.count.partial,
            }
        )
    if item.measure is not None:
        m = item.measure
        row.update(
            {
                **_text_pair(m.unit, "measure.unit"),
                "measure.min": m.min,
                "measure.max": m.max,
                "measure.decimals": m.decimals,
                **_text_pair(m.hint, "measure.hint"),
            }
        )
    if item.text_spec is not None:
        row.update(
            {
                "text_rules.min_length": item.text_spec.min_length,
                "text_rules.multiline": item.text_spec.multiline,
            }
        )
    return _said(item, row)


def _header_values(c: Checklist) -> dict[str, Any]:
    values: dict[str, Any] = {
        "format": c.format,
        "id": c.id,
        "version": c.version,
        **_text_pair(c.title, "title"),
        **_text_pair(c.description, "description"),
        "modes": ", ".join(m.value for m in c.modes),
        "veto_grade": c.veto_grade,
        "hide_scores_in": ", ".join(m.value for m in c.hide_scores_in) or None,
        "visit_facts": c.visit_facts,
        "min_photos.onsite": c.min_photos.onsite,
        "min_photos.mystery": c.min_photos.mystery,
    }
    if c.narrative is not None:
        values.update(
            {
                "narrative.min_length": c.narrative.min_length,
                "narrative.modes": ", ".join(m.value for m in c.narrative.modes),
                **_text_pair(c.narrative.prompt, "narrative.prompt"),
            }
        )
    return _said(c, values)


_HEAD_FONT = Font(bold=True)
_KEY_FONT = Font(color="808080", size=9)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


class _Writer:
    def __init__(self, where: str) -> None:
        self.where = where

    def put(self, ws: Worksheet, row: int, col: int, value: Any, *, wrap: bool = False) -> None:
        if value is None:
            return
        if isinstance(value, bool):
            value = T.YES if value else T.NO
        elif isinstance(value, float) and float("%.16g" % value) != value:  # noqa: UP031
            # openpyxl writes 16 significant digits; a weight scaled by an include
            # (1.9565217391304348) needs 17. Written as its exact text, read back as the
            # same number, so the round trip keeps the checklist's hash.
            value = repr(value)
        cell = ws.cell(row=row, column=col)
        if isinstance(value, str):
            if len(value) > EXCEL_CELL_MAX:
                raise UserError(
                    T.TOO_LONG_FOR_EXCEL,
                    where=f"{self.where}!{ws.title}!{cell.coordinate}",
                    length=len(value),
                )
            # Characters a workbook cannot hold (control characters): the checklist format
            # allows none of them in a shipped file, but say where rather than fail.
            value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
            cell.value = value
            # A text such as "=SUM(...)" stays text: never a formula Excel would run.
            cell.data_type = "s"
        else:
            cell.value = value
        if wrap:
            cell.alignment = _WRAP


def _expanded(cols: list[Col], rows: Iterable[Mapping[str, Any]]) -> list[tuple[Col, int]]:
    """The sheet's columns, positional ones (rights 1..n) repeated as needed."""
    out: list[tuple[Col, int]] = []
    rows = list(rows)
    for col in cols:
        if col.kind == "nth":
            n = max([MIN_NTH.get(col.key, 2), *(len(r.get(col.key) or []) for r in rows)])
            out.extend((col, i) for i in range(1, n + 1))
        else:
            out.append((col, 0))
    return out


def _col_key(col: Col, n: int) -> str:
    return f"{col.key}.{n}" if n else col.key


def _col_label(col: Col, n: int) -> str:
    label = T.COLUMNS[col.key].render(Lang.ZH)
    return T.NTH.render(Lang.ZH, label=label, n=n) if n else label


def _write_table(
    w: _Writer,
    ws: Worksheet,
    cols: list[Col],
    rows: list[dict[str, Any]],
    lists: dict[str, str],
) -> None:
    expanded = _expanded(cols, rows)
    for j, (col, n) in enumerate(expanded, start=1):
        head = ws.cell(row=1, column=j, value=_col_label(col, n))
        head.font, head.fill, head.alignment = _HEAD_FONT, _HEAD_FILL, _WRAP
        key = ws.cell(row=2, column=j, value=_col_key(col, n))
        key.font = _KEY_FONT
        ws.column_dimensions[get_column_letter(j)].width = col.width
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "B3" if cols is ITEMS else "A3"
    for i, row in enumerate(rows, start=3):
        for j, (col, n) in enumerate(expanded, start=1):
            value = row.get(col.key)
            if n:
                value = value[n - 1] if value and len(value) >= n else None
            w.put(ws, i, j, value, wrap=col.kind == "text")
    last = len(rows) + 2 + EXTRA_ROWS
    for j, (col, _n) in enumerate(expanded, start=1):
        source = lists.get(col.vocab or "") if col.vocab else None
        if col.key == "section" and cols is ITEMS:
            source = f"{quote_sheetname(T.SHEET_SECTIONS)}!$A$3:$A${last}"
        if source is None:
            continue
        letter = get_column_letter(j)
        dv = DataValidation(type="list", formula1=source, allow_blank=True)
        # "onsite, mystery" may be typed in either order; every other list is closed.
        dv.showErrorMessage = col.kind != "modes"
        dv.add(f"{letter}3:{letter}{last}")
        ws.add_data_validation(dv)


def _write_lists(ws: Worksheet) -> dict[str, str]:
    refs: dict[str, str] = {}
    for j, (name, values) in enumerate(VOCABULARIES.items(), start=1):
        ws.cell(row=1, column=j, value=name)
        for i, v in enumerate(values, start=2):
            cell = ws.cell(row=i, column=j, value=v)
            cell.data_type = "s"
        letter = get_column_letter(j)
        refs[name] = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${len(values) + 1}"
    ws.sheet_state = "hidden"
    return refs


def _write_readme(ws: Worksheet, c: Checklist, expanded_includes: bool) -> None:
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 60
    ws.column_dimensions["D"].width = 60
    title = ws.cell(row=1, column=1, value=T.README_TITLE.render(Lang.ZH))
    title.font = Font(bold=True, size=14)
    row = 2
    for lang in (Lang.ZH, Lang.EN):
        cell = ws.cell(
            row=row,
            column=1,
            value=T.README_INTRO.render(lang, id=c.id, version=c.version, title=c.title.get(lang)),
        )
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        cell.alignment = _WRAP
        ws.row_dimensions[row].height = 60
        row += 1
    if expanded_includes:
        for lang in (Lang.ZH, Lang.EN):
            ws.cell(row=row, column=1, value=T.README_INCLUDES.render(lang))
            row += 1
    row += 1
    for j, head in enumerate(
        (T.README_SHEET, T.README_KEY, T.README_MEANING, T.README_VOCAB), start=1
    ):
        cell = ws.cell(row=row, column=j, value=f"{head.zh} / {head.en}")
        cell.font, cell.fill = _HEAD_FONT, _HEAD_FILL
    row += 1
    for sheet, cols in ((T.SHEET_HEADER, HEADER), *TABLES.items()):
        about = T.README_SHEETS[sheet]
        ws.cell(row=row, column=1, value=sheet).font = _HEAD_FONT
        ws.cell(row=row, column=3, value=f"{about.zh}\n{about.en}").alignment = _WRAP
        row += 1
        for col in cols:
            meaning = T.COLUMNS[col.key]
            key = f"{col.key}.1, {col.key}.2, …" if col.kind == "nth" else col.key
            ws.cell(row=row, column=2, value=key)
            ws.cell(
                row=row, column=3, value=f"{meaning.render(Lang.ZH)}\n{meaning.render(Lang.EN)}"
            ).alignment = _WRAP
            vocab = _vocab_text(col)
            if vocab:
                ws.cell(row=row, column=4, value=vocab).alignment = _WRAP
            row += 1


def _vocab_text(col: Col) -> str:
    if col.vocab == "rights":
        return "\n".join(f"{k}  {v.zh} / {v.en}" for k, v in RIGHT_NAMES.items())
    if col.vocab == "elements":
        return "\n".join(f"{k}  {v.zh} / {v.en}" for k, v in ELEMENTS.items())
    if col.vocab == "evidence":
        return "always / on_fail / optional / never"
    if col.vocab:
        return " / ".join(VOCABULARIES[col.vocab])
    return ""


def export_workbook(checklist: Checklist, *, expanded_includes: bool = False) -> bytes:
    """The workbook of ``checklist`` (resolved), as .xlsx bytes."""
    c = checklist
    w = _Writer(c.id)
    wb = Workbook()
    readme = wb.active
    assert readme is not None
    readme.title = T.SHEET_README
    _write_readme(readme, c, expanded_includes)
    header = wb.create_sheet(T.SHEET_HEADER)
    lists = _write_lists(wb.create_sheet(T.SHEET_LISTS))
    header.column_dimensions["A"].width = 28
    header.column_dimensions["B"].width = 22
    header.column_dimensions["C"].width = 60
    for j, head in enumerate((T.README_MEANING, T.README_KEY, T.VALUE), start=1):
        cell = header.cell(row=1, column=j, value=head.render(Lang.ZH))
        cell.font, cell.fill = _HEAD_FONT, _HEAD_FILL
    values = _header_values(c)
    for i, col in enumerate(HEADER, start=2):
        header.cell(row=i, column=1, value=T.COLUMNS[col.key].render(Lang.ZH))
        header.cell(row=i, column=2, value=col.key).font = _KEY_FONT
        w.put(header, i, 3, values.get(col.key), wrap=True)
        if col.vocab:
            dv = DataValidation(type="list", formula1=lists[col.vocab], allow_blank=True)
            dv.showErrorMessage = col.kind != "modes"
            dv.add(f"C{i}")
            header.add_data_validation(dv)
    veto_row = 2 + [col.key for col in HEADER].index("veto_grade")
    dv = DataValidation(
        type="list",
        formula1=f"{quote_sheetname(T.SHEET_GRADES)}!$A$3:$A${len(c.grades) + 2 + EXTRA_ROWS}",
    )
    dv.add(f"C{veto_row}")
    header.add_data_validation(dv)
    grades = [
        _said(
            g,
            {"code": g.code, "min": g.min, **_text_pair(g.label, "label"), "passing": g.passing},
        )
        for g in c.grades
    ]
    scenarios = [
        _said(
            s,
            {
                "id": s.id,
                **_text_pair(s.title, "title"),
                **_text_pair(s.description, "description"),
            },
        )
        for s in c.scenarios
    ]
    sections = [
        _said(
            s,
            {
                "id": s.id,
                **_text_pair(s.title, "title"),
                "weight": s.weight,
                "area": s.area,
                **_text_pair(s.description, "description"),
            },
        )
        for s in c.real_sections()
    ]
    items = [_item_row(i, s) for s in c.real_sections() for i in s.items]
    options = [
        _said(o, {"item": i.id, "id": o.id, **_text_pair(o.label, "label"), "credit": o.credit})
        for i in c.items()
        for o in i.options or []
    ]
    labels = [
        {"item": i.id, "value": v, **_text_pair(t, "label")}
        for i in c.items()
        if i.scale is not None and i.scale.labels
        for v, t in i.scale.labels.items()
    ]
    data = {
        T.SHEET_GRADES: grades,
        T.SHEET_SCENARIOS: scenarios,
        T.SHEET_SECTIONS: sections,
        T.SHEET_ITEMS: items,
        T.SHEET_OPTIONS: options,
        T.SHEET_SCALE_LABELS: labels,
    }
    for sheet, cols in TABLES.items():
        _write_table(w, wb.create_sheet(sheet), cols, data[sheet], lists)
    # The hidden list sheet last, so the author's sheets keep their order.
    wb.move_sheet(T.SHEET_LISTS, offset=len(wb.sheetnames))
    wb.active = 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
