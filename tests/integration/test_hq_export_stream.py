"""'hq export' streams its rows (issue 21 §8) and still writes what it wrote before.

The reference is the export as it was built before it streamed: every table held in
memory (``load(..., for_export=True)``, the answer sheets built by the original loop
below) and written by openpyxl in its normal mode; the CLI's streamed workbook and CSV
files must hold the same sheets, headers, cell values, cell types and number formats.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db import Database
from inspector.db.models import Answer as AnswerRow
from inspector.db.models import Branch, ChecklistSnapshot, Inspection
from inspector.domain import timefmt
from inspector.reports.hq_content import TEXT
from inspector.services.hq import assess_tables
from inspector.services.hq import load as hq_load
from inspector.services.hq.answer_sheets import _answer_cells, _answer_columns
from inspector.services.hq.assess_rule import load_rule
from inspector.services.hq.files import (
    _EXCEL_FORMATS,
    _sheet_name,
    export_cell,
    export_tables,
)
from inspector.services.hq.rows import (
    AnswerSheet,
    HqData,
    HqFilter,
    _r,
    mode_label,
    status_label_insp,
)
from inspector.services.hq.scope import checklist_titles, conditions, grade_labels, parsed_checklist
from inspector.textsafe import is_formula_like, spreadsheet_text
from tests.conftest import Cli

INSPECTIONS = 300


def _old_answer_sheets(session: Session, flt: HqFilter, lang: str) -> list[AnswerSheet]:
    """The answer sheets as they were built before streaming: all rows in one list."""
    meta = session.execute(
        select(
            Inspection.id,
            Inspection.uuid,
            Inspection.mode,
            Inspection.status,
            Inspection.started_at,
            Inspection.score_total,
            Inspection.grade,
            Inspection.snapshot_id,
            ChecklistSnapshot.checklist_id,
            Branch.code,
            Branch.name,
            Branch.region,
        )
        .join(Branch, Branch.id == Inspection.branch_id)
        .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
        .where(*conditions(flt))
        .order_by(ChecklistSnapshot.checklist_id, Branch.region, Branch.code, Inspection.started_at)
    ).all()
    parsed = {
        sid: parsed_checklist(sha, content)
        for sid, sha, content in session.execute(
            select(ChecklistSnapshot.id, ChecklistSnapshot.sha256, ChecklistSnapshot.content)
        )
    }
    titles = checklist_titles(session)
    labels = grade_labels(session)
    by_cl: dict[str, list[Any]] = defaultdict(list)
    for r in meta:
        by_cl[r.checklist_id].append(r)
    answers: dict[int, dict[str, tuple[Any, Any]]] = defaultdict(dict)
    for iid, item_id, result, value in session.execute(
        select(AnswerRow.inspection_id, AnswerRow.item_id, AnswerRow.result, AnswerRow.value)
    ):
        answers[iid][item_id] = (result, value)
    sheets = []
    for cid, rs in by_cl.items():
        items: dict[str, Any] = {}
        for sid in sorted({r.snapshot_id for r in rs}, reverse=True):
            for it in parsed[sid].items():
                items.setdefault(it.id, it)
        rows = []
        for r in rs:
            a = answers.get(r.id, {})
            grade = labels.get(r.grade or "", (r.grade or "", r.grade or ""))
            rows.append(
                (
                    r.uuid,
                    r.code,
                    r.name,
                    r.region,
                    timefmt.local_date(r.started_at, flt.zone),
                    mode_label(r.mode, lang),
                    status_label_insp(r.status, lang),
                    _r(r.score_total),
                    grade[0] if lang == "zh" else grade[1],
                    *(c for i in items for c in _answer_cells(items[i], a.get(i), lang)),
                )
            )
        zh, en = titles.get(cid, (cid, cid))
        sheets.append(
            AnswerSheet(
                cid, zh, en, [c for it in items.values() for c in _answer_columns(it)], rows
            )
        )
    return sheets


def _reference_data(db: Database, lang: str) -> HqData:
    with db.read_session() as s:
        data = hq_load.load(s, HqFilter(), for_export=True, lang=lang)
        data = assess_tables.attach(s, data, load_rule(None))
        return replace(data, answer_sheets=_old_answer_sheets(s, data.filter, lang))


def _reference_workbook(data: HqData, lang: str, path: Path) -> None:
    """The workbook as openpyxl's normal mode wrote it before the export streamed."""
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for t in export_tables(data, lang):
        ws = wb.create_sheet(_sheet_name(t.sheet, used))
        ws.append([export_cell(col.header, TEXT, "xlsx") for col in t.columns])
        for row in t.rows:
            ws.append(
                [export_cell(v, col.kind, "xlsx") for v, col in zip(row, t.columns, strict=True)]
            )
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
        for ci, col in enumerate(t.columns, start=1):
            fmt = _EXCEL_FORMATS.get(col.kind)
            if fmt:
                for (cell,) in ws.iter_rows(min_row=2, min_col=ci, max_col=ci):
                    cell.number_format = fmt
    wb.save(path)


def _reference_csv(data: HqData, lang: str) -> dict[str, bytes]:
    out = {}
    for t in export_tables(data, lang):
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow([export_cell(col.header, TEXT, "csv") for col in t.columns])
        for row in t.rows:
            w.writerow(
                [export_cell(v, col.kind, "csv") for v, col in zip(row, t.columns, strict=True)]
            )
        out[f"{t.name}.csv"] = buf.getvalue().encode("utf-8-sig")
    return out


def _cells(path: Path) -> dict[str, list[list[tuple[Any, str, str]]]]:
    """Every sheet's cells as (value, type, number format) row by row; an empty cell is
    (None, "", "") however it was stored (openpyxl kept an empty text as an empty
    inline string, and formatted whole columns, empty cells too)."""
    wb = load_workbook(path)
    return {
        ws.title: [
            [
                (c.value, c.data_type, c.number_format) if c.value is not None else (None, "", "")
                for c in row
            ]
            for row in ws.iter_rows()
        ]
        for ws in wb.worksheets
    }


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "demo.sqlite3"
    Cli(path).ok("demo", "--inspections", str(INSPECTIONS), "--seed", "11")
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_streamed_workbook_equals_the_in_memory_one(
    demo_db: Path, tmp_path: Path, lang: str
) -> None:
    from inspector.db import open_database

    new = tmp_path / "new.xlsx"
    assert Cli(demo_db).ok("hq", "export", "-o", str(new), "--lang", lang).strip() == str(new)
    # After the CLI ran (findings that tie in the sort come in the query plan's order, and
    # opening the database may refresh the planner's statistics).
    db = open_database(str(demo_db))
    try:
        data = _reference_data(db, lang)
    finally:
        db.dispose()
    answers = sum(len(sh.rows) for sh in data.answer_sheets)
    assert answers == INSPECTIONS and len(data.all_findings) > 100
    old = tmp_path / "old.xlsx"
    _reference_workbook(data, lang, old)

    want, got = _cells(old), _cells(new)
    assert list(got) == list(want)  # the same sheets, in the same order
    for name in want:
        assert got[name] == want[name], name
    # Typed cells and their number formats really are in there (not all text).
    kinds = {t for rows in got.values() for row in rows for _, t, _ in row}
    formats = {f for rows in got.values() for row in rows for _, _, f in row}
    assert {"s", "n", "d"} <= kinds and {"0.00", "yyyy-mm-dd"} <= formats

    wb = load_workbook(new)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        assert all(c.font.b for c in ws[1] if c.value)
        assert 8 <= ws.column_dimensions["A"].width <= 60


def test_streamed_csv_files_equal_the_in_memory_ones(demo_db: Path, tmp_path: Path) -> None:
    from inspector.db import open_database

    folder = tmp_path / "csv"
    printed = Cli(demo_db).ok("hq", "export", "--format", "csv", "-o", str(folder), "--lang", "zh")
    db = open_database(str(demo_db))
    try:
        data = _reference_data(db, "zh")
    finally:
        db.dispose()
    want = _reference_csv(data, "zh")
    assert sorted(Path(p).name for p in printed.split()) == sorted(want)
    for name, body in want.items():
        assert (folder / name).read_bytes() == body, name
    # Every finding (closed ones too) is in the file, not only the dashboard's open ones.
    rows = list(csv.reader(io.StringIO((folder / "findings.csv").read_text("utf-8-sig"))))
    assert len(rows) - 1 == len(data.all_findings)


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    from inspector.services.hq.xlsx import XlsxStream

    path = tmp_path / "x.xlsx"
    hostile = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", " lead", "a\x0bb", "_x0041_"]
    with XlsxStream(path) as book:
        book.sheet("S", ["h"], [None], [10], [[v] for v in hostile])
    ws = load_workbook(path)["S"]
    cells = [ws.cell(r, 1) for r in range(2, 2 + len(hostile))]
    assert all(c.data_type == "s" for c in cells)
    assert [c.value for c in cells[:5]] == hostile[:5]
    assert all(c.quotePrefix for c in cells[:4]) and not cells[4].quotePrefix
    # Excel's own escapes keep what XML cannot hold and a literal escape-like text.
    assert cells[5].value in ("a\x0bb", "a_x000B_b") and cells[6].value in (
        "_x0041_",
        "_x005F_x0041_",
    )
    assert spreadsheet_text(hostile[0]).startswith("'")
