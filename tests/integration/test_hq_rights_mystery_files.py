"""HQ PDF, Excel and CSV carry the consumer-rights and mystery tables, the --json numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector.db import Database
from inspector.domain import numbers
from inspector.domain.checklist import RIGHT_NAMES
from inspector.services import demo

from ..conftest import Cli


@pytest.fixture
def demo_db(db: Database) -> Database:
    demo.generate(db, inspections=80, seed=7)
    return db


def test_excel_sheets_hold_the_cli_numbers(demo_db: Database, run_cli: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    xlsx = tmp_path / "hq.xlsx"
    run_cli.ok("hq", "export", "-o", str(xlsx), "--lang", "en")
    wb = load_workbook(xlsx)
    assert {"Consumer rights", "Evaluation elements", "Mystery scenarios", "Mystery visits"} <= set(
        wb.sheetnames
    )
    rights = json.loads(run_cli.ok("hq", "rights", "--json"))
    ws = wb["Consumer rights"]
    header = [c.value for c in ws[1]]
    assert header[3:11] == [RIGHT_NAMES[k].en for k in RIGHT_NAMES]
    sheet = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert list(sheet) == [r["branch"]["code"] for r in rights]
    for r in rights:
        for i, key in enumerate(RIGHT_NAMES, start=3):
            # A percentage cell holds the --json number as every output shows it: one
            # decimal, half up, so the sheet's "0.0" format cannot round it differently.
            pct = r["rights"][key]["percent"]
            want = None if pct is None else float(numbers.percent(pct))
            assert sheet[r["branch"]["code"]][i] == want
    mystery = json.loads(run_cli.ok("hq", "mystery", "--json"))
    visits = list(wb["Mystery visits"].iter_rows(min_row=2, values_only=True))
    assert [v[-1] for v in visits] == [v["inspection"] for v in mystery["visits"]]
    assert [v[5] for v in visits] == [v["total"] for v in mystery["visits"]]
    scen = list(wb["Mystery scenarios"].iter_rows(min_row=2, values_only=True))
    assert [(s[1], s[2]) for s in scen] == [
        (g["visits"], g["average_total"]) for g in mystery["scenarios"]
    ]
    # A region narrows them as 'hq rights --region' does.
    region = rights[0]["branch"]["region"]
    run_cli.ok("hq", "export", "-o", str(xlsx), "--region", region, "--lang", "zh")
    wb = load_workbook(xlsx)
    codes = [r[0] for r in wb["八项权利"].iter_rows(min_row=2, values_only=True)]
    assert codes == [
        r["branch"]["code"]
        for r in json.loads(run_cli.ok("hq", "rights", "--region", region, "--json"))
    ]


def test_csv_and_pdf_have_the_tables(demo_db: Database, run_cli: Cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "csv"
    written = run_cli.ok("hq", "export", "-o", str(out), "--format", "csv")
    for name in ("rights", "elements", "mystery_scenarios", "mystery_visits"):
        assert str(out / f"{name}.csv") in written
    pdf = tmp_path / "hq.pdf"
    run_cli.ok("hq", "report", "-o", str(pdf), "--lang", "zh")
    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    for title in ("八项权利得分率", "监管评价要素得分率", "暗访：按场景比较", "暗访：各次暗访"):
        assert title in text
    assert "财产安全权" in text and "大堂服务" in text
