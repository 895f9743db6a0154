"""HQ Excel and CSV files: the writers and the cell values they export."""

from __future__ import annotations

import contextlib
import csv
import gc
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol, cast

from inspector.domain import timefmt
from inspector.errors import ValidationError
from inspector.files import atomic_path
from inspector.reports.hq_content import (
    DATE,
    DATETIME,
    DELTA,
    INT,
    PERCENT,
    POINTS,
    SCORE,
    TEXT,
    HqColumn,
    HqTable,
    cell_number,
)
from inspector.services.hq.answer_sheets import AnswerSheetStream
from inspector.services.hq.rows import HqData
from inspector.services.hq.tables import (
    answer_table_head,
    answer_tables,
    regions_table,
    report_content,
    summary_table,
    tables,
)
from inspector.services.hq.xlsx import SheetPart, XlsxStream, write_sheet_part
from inspector.text import hq_errors as T
from inspector.text.parts import Term
from inspector.textsafe import FORMULA_START, spreadsheet_text

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


class SheetElsewhere(Protocol):
    """A sheet written by another process (:mod:`.export_process`): given its columns and
    the cell formats the workbook knows before it, it is written as :func:`write_excel`
    would write it; :meth:`result` waits for it."""

    def write(
        self, columns: tuple[HqColumn, ...], styles: tuple[tuple[str, bool], ...]
    ) -> None: ...

    def result(self) -> SheetPart: ...


@dataclass(frozen=True, slots=True)
class ExportSource:
    """Where the two big tables come from while a file is written, instead of
    :class:`HqData`'s lists: every finding (closed ones too) and every answer sheet.

    ``findings`` is called when the findings sheet is reached and gives that table's
    rows as :func:`tables.finding_row` makes them, read as they are written
    (:func:`export_rows.finding_rows`). ``answer_sheets`` yields sheets whose rows are
    read from the database as they are written (:func:`answer_sheets.iter_answer_sheets`).
    """

    findings: Callable[[], Iterable[Sequence[Any]]]
    answer_sheets: Callable[[], Iterable[AnswerSheetStream]]
    findings_elsewhere: SheetElsewhere | None = None
    """The Excel findings sheet written by a second process (``findings`` is then not
    called for it)."""


@dataclass(frozen=True, slots=True)
class ExportTable:
    """A table as a file gets it: its rows may be a stream, read once."""

    name: str
    sheet: str  # Excel sheet name before it is made valid and unique
    columns: tuple[HqColumn, ...]
    rows: Iterable[Sequence[Any]]

    @classmethod
    def of(cls, t: HqTable) -> ExportTable:
        return cls(t.name, t.sheet or t.title, t.columns, t.rows)


def export_tables(
    data: HqData, lang: str = "en", source: ExportSource | None = None
) -> Iterator[ExportTable]:
    """What 'hq export' writes: summary, regions, every view, then one answer sheet per
    checklist. Without ``source`` the findings and answers are ``data.all_findings`` and
    ``data.answer_sheets`` (see ``load(..., for_export=True)``)."""
    yield ExportTable.of(summary_table(data, lang))
    yield ExportTable.of(regions_table(data, lang))
    for t in tables(data, lang):
        if t.name == "findings" and source is not None:
            yield ExportTable(t.name, t.sheet or t.title, t.columns, _later(source.findings))
        else:
            yield ExportTable.of(t)
    if source is None:
        for t in answer_tables(data, lang):
            yield ExportTable.of(t)
        return
    for sh in source.answer_sheets():
        head = answer_table_head(sh.checklist_id, sh.title_zh, sh.title_en, sh.items, lang)
        yield ExportTable(head.name, head.sheet or head.title, head.columns, sh.rows)


def _later(rows: Callable[[], Iterable[Sequence[Any]]]) -> Iterator[Sequence[Any]]:
    """The rows of ``rows()``, called when the first row is wanted (the sheets before
    it are written first, so only one big stream is open at a time)."""
    yield from rows()


WIDTH_ROWS = 500  # column widths follow the header and the first rows


def _head_and_rows(t: ExportTable) -> tuple[list[Sequence[Any]], Iterator[Sequence[Any]]]:
    it = iter(t.rows)
    return list(islice(it, WIDTH_ROWS)), it


def _widths(t: ExportTable, first: list[Sequence[Any]]) -> list[float]:
    out: list[float] = []
    for ci, col in enumerate(t.columns):
        longest = max(
            [_text_width(col.header)]
            + [_text_width(str(r[ci])) for r in first if r[ci] is not None]
        )
        out.append(min(60, max(8, longest + 2)))
    return out


_ROUNDED = (SCORE, DELTA, PERCENT)  # the kinds whose numbers cell_number changes
_MEMO = 10_000  # converted days and times a CSV column remembers
_MEMO_CLASSES = (date, datetime)


def _xlsx_rows(
    rows: Iterable[Sequence[Any]], columns: tuple[HqColumn, ...]
) -> Iterable[Sequence[Any]]:
    """Each row's cells as :func:`export_cell` gives them for Excel.

    Only numbers in columns of rounded kinds change (:func:`cell_number`); a time with a
    zone is made local by the writer (``localize``), so other cells pass as they are and
    a table without rounded columns is handed on untouched.
    """
    rounded = [(i, col.kind) for i, col in enumerate(columns) if col.kind in _ROUNDED]
    if not rounded:
        return rows
    return _rounded_rows(rows, rounded, len(columns))


def _rounded_rows(
    rows: Iterable[Sequence[Any]], rounded: list[tuple[int, str]], width: int
) -> Iterator[Sequence[Any]]:
    for row in rows:
        if len(row) != width:
            raise ValueError(f"row of {len(row)} cells in a table of {width} columns")
        cells = list(row)
        for i, k in rounded:
            v = cells[i]
            if v is not None and v.__class__ is not str:
                cells[i] = export_cell(v, k, "xlsx")
        yield cells


def _csv_rows(rows: Iterable[Sequence[Any]], columns: tuple[HqColumn, ...]) -> Iterator[list[Any]]:
    """Each row's fields as :func:`export_cell` gives them for CSV: text is checked for
    formula-like starts here, other values are converted once per column and value."""
    kinds = [col.kind for col in columns]
    memos: list[dict[Any, Any]] = [{} for _ in kinds]

    def convert(i: int, v: Any) -> Any:
        if v.__class__ not in _MEMO_CLASSES:  # 1, 1.0 and True are one key: not kept
            return export_cell(v, kinds[i], "csv")
        memo = memos[i]
        out = memo.get(v)
        if out is None:
            out = export_cell(v, kinds[i], "csv")
            if len(memo) < _MEMO:
                memo[v] = out
        return out

    formula = FORMULA_START
    cols = range(len(kinds))
    for row in rows:
        yield [
            ""
            if v is None
            else ("'" + v if v.startswith(formula) else v)
            if v.__class__ is str
            else convert(i, v)
            for i, v in zip(cols, row, strict=True)
        ]


def write_excel(
    data: HqData, path: Path, lang: str = "en", source: ExportSource | None = None
) -> None:
    """The workbook: one sheet per table, typed cells, number formats, frozen header,
    auto-filter; sheet names in the report language. Rows are written as they are read
    (:mod:`.xlsx`) to a temporary file next to ``path``, renamed over it at the end: a
    half-written .xlsx never sits at ``path``."""
    used: set[str] = set()
    elsewhere = source.findings_elsewhere if source is not None else None
    placed: int | None = None
    with (
        _rare_collections(),
        atomic_path(path) as tmp,
        XlsxStream(tmp, localize=_local_time) as book,
    ):
        for t in export_tables(data, lang, source):
            name = _sheet_name(t.sheet, used)
            formats = [_EXCEL_FORMATS.get(col.kind) for col in t.columns]
            if t.name == "findings" and elsewhere is not None:
                styles = book.style_keys()
                placed = book.reserve(name, formats)
                elsewhere.write(t.columns, styles)
                continue
            first, rest = _head_and_rows(t)
            book.sheet(
                name,
                [export_cell(col.header, TEXT, "xlsx") for col in t.columns],
                formats,
                _widths(t, first),
                _xlsx_rows(chain(first, rest), t.columns),
            )
        if elsewhere is not None and placed is not None:
            book.put(placed, elsewhere.result())
    log.info("HQ Excel export written to %s", path)


def write_sheet_elsewhere(
    path: Path,
    columns: tuple[HqColumn, ...],
    styles: tuple[tuple[str, bool], ...],
    rows: Iterable[Sequence[Any]],
) -> SheetPart:
    """A sheet of ``columns`` and ``rows`` deflated into ``path``, its cells as
    :func:`write_excel` writes them after the cell formats ``styles`` (in another process,
    :mod:`.export_process`)."""
    t = ExportTable("", "", columns, rows)
    first, rest = _head_and_rows(t)
    with _rare_collections():
        return write_sheet_part(
            path,
            styles,
            [export_cell(col.header, TEXT, "xlsx") for col in columns],
            [_EXCEL_FORMATS.get(col.kind) for col in columns],
            _widths(t, first),
            _xlsx_rows(chain(first, rest), columns),
            localize=_local_time,
        )


# Objects allocated between young-generation collections while an export streams: the
# default (2,000) has the collector walk every fetched chunk of rows again and again, a
# fifth of the export's time at 100,000 inspections. Cycles are still collected.
_GC_YOUNG = 100_000


@contextlib.contextmanager
def _rare_collections() -> Iterator[None]:
    """Young-generation garbage collections made rare while rows stream through; the
    thresholds are put back afterwards (whether collection is enabled is not touched:
    the desktop app collects on its GUI thread only, see ``ui/gc_guard.py``)."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], _GC_YOUNG), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _local_time(value: datetime) -> datetime:
    """A time with a zone as an Excel cell shows it (as :func:`export_cell` does)."""
    return cast(datetime, export_cell(value, TEXT, "xlsx"))


def _text_width(s: str) -> int:
    # CJK characters take about two columns in Excel.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def write_csv(
    data: HqData, folder: Path, lang: str = "en", source: ExportSource | None = None
) -> list[Path]:
    """One CSV per table, UTF-8 with BOM so Excel opens Chinese text correctly; each file
    is streamed to a temporary file and renamed into place when complete."""
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
    with _rare_collections():
        for t in export_tables(data, lang, source):
            path = folder / f"{t.name}.csv"
            with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow([export_cell(col.header, TEXT, "csv") for col in t.columns])
                w.writerows(_csv_rows(t.rows, t.columns))
            out.append(path)
    return out


def write_pdf(data: HqData, path: Path, lang: str = "en") -> None:
    """The HQ report (PDF) of ``data``, written all or nothing."""
    # Imported here: the export's second process (.export_process) loads this module and
    # needs no ReportLab (some 20 MB and a fifth of a second).
    from inspector.reports.hq_report import write_hq_report

    write_hq_report(report_content(data, lang), path)
