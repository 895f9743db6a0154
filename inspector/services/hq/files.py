"""HQ Excel and CSV files: the writers and the cell values they export."""

from __future__ import annotations

import csv
import io
import logging
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from inspector.domain import timefmt
from inspector.errors import ValidationError
from inspector.files import write_atomic
from inspector.reports.hq_report import (
    DATE,
    DATETIME,
    DELTA,
    INT,
    PERCENT,
    POINTS,
    SCORE,
    TEXT,
    HqTable,
    cell_number,
    write_hq_report,
)
from inspector.services.hq.rows import HqData
from inspector.services.hq.tables import (
    answer_tables,
    regions_table,
    report_content,
    summary_table,
    tables,
)
from inspector.text import hq_errors as T
from inspector.text.parts import Term
from inspector.textsafe import is_formula_like, spreadsheet_text

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- Excel / CSV
_EXCEL_FORMATS = {
    SCORE: "0.00",
    PERCENT: "0.0",
    POINTS: "0.00",
    DELTA: "+0.00;-0.00;0.00",
    INT: "0",
    DATE: "yyyy-mm-dd",
    DATETIME: "yyyy-mm-dd hh:mm",
}
_SHEET_BAD = str.maketrans({ch: "_" for ch in "[]:*?/\\"})


def export_cell(value: Any, kind: str, target: str) -> Any:
    """The one place a cell value for a file is produced (``target`` xlsx | csv).

    Every Excel cell and CSV field goes through here, so a rule for all of them (e.g.
    neutralising text that a spreadsheet would run as a formula) has one place to live.
    Times in rows are already local (naive); aware ones are turned into the default zone.
    """
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = timefmt.excel_datetime(value, timefmt.zone())
    value = cell_number(value, kind)  # the digits every other output shows
    if target == "csv":
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.isoformat(sep=" ", timespec="minutes")
        if isinstance(value, date):
            return value.isoformat()
        # Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) stays text.
        return spreadsheet_text(value)
    return value  # xlsx: formula-like strings are stored as text cells by the writer


_SHEET_MAX = 31
# Words a shortened name never ends with ("Accessibility and" reads as cut off).
_DANGLING = {"and", "or", "of", "the", "for", "to", "in", "on", "with", "&", "a", "an"}


def shorten_sheet_name(name: str, limit: int = _SHEET_MAX) -> str:
    """``name`` within ``limit`` characters, shortened by whole words.

    Latin text loses whole words (split at spaces and hyphens) from the end, never a part
    of one, and never ends on a connecting word ("and", "of", ...); a name with no room
    for even its first word, or in a script without spaces (Chinese), is cut by characters.
    """
    name = name.strip()
    if len(name) <= limit:
        return name
    words = re.findall(r"[^\s-]+[\s-]*", name)
    out = ""
    for w in words:
        if len((out + w).rstrip(" -")) > limit:
            break
        out += w
    kept = re.findall(r"[^\s-]+[\s-]*", out)
    while kept and kept[-1].strip(" -").lower() in _DANGLING:
        kept.pop()
    short = "".join(kept).rstrip(" -")
    return short if short else name[:limit]


def _sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique Excel sheet name (31 characters, none of []:*?/\\), shortened by
    whole words (:func:`shorten_sheet_name`)."""
    base = shorten_sheet_name(name.translate(_SHEET_BAD).strip("'")) or "Sheet"
    out, n = base, 2
    while out.lower() in used:
        suffix = f" ({n})"
        out = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(out.lower())
    return out


def export_tables(data: HqData, lang: str = "en") -> list[HqTable]:
    """What 'hq export' writes: summary, regions, every view, then one answer sheet per
    checklist."""
    return [
        summary_table(data, lang),
        regions_table(data, lang),
        *tables(data, lang),
        *answer_tables(data, lang),
    ]


def excel_bytes(data: HqData, lang: str = "en") -> bytes:
    """The workbook: one sheet per table, typed cells, number formats, frozen header,
    auto-filter; sheet names in the report language."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    head_fill = PatternFill("solid", fgColor="DCE3EF")
    used: set[str] = set()
    for t in export_tables(data, lang):
        ws = wb.create_sheet(_sheet_name(t.sheet or t.title, used))
        ws.append([export_cell(col.header, TEXT, "xlsx") for col in t.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = head_fill
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for row in t.rows:
            ws.append(
                [export_cell(v, col.kind, "xlsx") for v, col in zip(row, t.columns, strict=True)]
            )
            for cell in ws[ws.max_row]:
                # openpyxl makes any string starting with "=" a live formula; a branch
                # name from a package is data, so it is stored as a text cell.
                if isinstance(cell.value, str) and is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
        for ci, col in enumerate(t.columns, start=1):
            letter = get_column_letter(ci)
            fmt = _EXCEL_FORMATS.get(col.kind)
            if fmt:
                for (cell,) in ws.iter_rows(min_row=2, min_col=ci, max_col=ci):
                    cell.number_format = fmt
            longest = max(
                [_text_width(col.header)]
                + [_text_width(str(r[ci - 1])) for r in t.rows[:500] if r[ci - 1] is not None]
            )
            ws.column_dimensions[letter].width = min(60, max(8, longest + 2))
        ws.freeze_panes = "A2"
        last = get_column_letter(len(t.columns))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(t.rows) + 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_excel(data: HqData, path: Path, lang: str = "en") -> None:
    """The workbook written all or nothing (a half-written .xlsx never sits at ``path``)."""
    write_atomic(path, excel_bytes(data, lang))
    log.info("HQ Excel export written to %s", path)


def _text_width(s: str) -> int:
    # CJK characters take about two columns in Excel.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def write_csv(data: HqData, folder: Path, lang: str = "en") -> list[Path]:
    """One CSV per table, UTF-8 with BOM so Excel opens Chinese text correctly."""
    if folder.exists() and not folder.is_dir():
        raise ValidationError(
            T.CSV_TARGET_IS_FILE, option=Term("-o", T.OUTPUT_OPTION), folder=folder
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ValidationError(
            T.CANNOT_CREATE_FOLDER,
            option=Term("-o", T.OUTPUT_OPTION),
            folder=folder,
            error=str(e.strerror),
        ) from None
    out: list[Path] = []
    for t in export_tables(data, lang):
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow([export_cell(col.header, TEXT, "csv") for col in t.columns])
        for row in t.rows:
            w.writerow(
                [export_cell(v, col.kind, "csv") for v, col in zip(row, t.columns, strict=True)]
            )
        path = folder / f"{t.name}.csv"
        write_atomic(path, buf.getvalue().encode("utf-8-sig"))
        out.append(path)
    return out


def write_pdf(data: HqData, path: Path, lang: str = "en") -> None:
    """The HQ report (PDF) of ``data``, written all or nothing."""
    write_hq_report(report_content(data, lang), path)
