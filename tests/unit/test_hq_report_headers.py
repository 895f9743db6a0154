"""HQ PDF table headers never break inside a word (大堂服务 stays on one line)."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from inspector.reports.hq_content import DATE, SCORE, TEXT, HqColumn, HqReportContent, HqTable
from inspector.reports.hq_report import render_hq_report


def test_narrow_columns_keep_their_header_words_whole() -> None:
    cols = (
        HqColumn("name", "网点", TEXT, 6.0),  # a wide column that narrow ones borrow from
        *(
            HqColumn(f"s{i}", title, SCORE, 0.2)
            for i, title in enumerate(["大堂服务", "柜面服务", "Counter", "Lobby"])
        ),
    )
    table = HqTable("t", "表", cols, [("上海分行浦东支行", 50.0, 60.0, 70.0, 80.0)])
    pdf = render_hq_report(
        HqReportContent(title="报告", subtitle="", lang="zh", summary=[], sections=[table])
    )
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    lines = text.splitlines()
    for word in ("大堂服务", "柜面服务", "Counter", "Lobby"):
        assert word in lines, (word, lines)


def test_narrow_columns_keep_their_values_whole() -> None:
    """A figure, a date and a short word are never broken across lines ("100.0" over
    "0", "Excelle" over "nt"); the room comes from the wide column."""
    cols = (
        HqColumn("scenario", "Scenario", TEXT, 6.0),
        HqColumn("total", "Total", SCORE, 0.15),
        HqColumn("grade", "Grade", TEXT, 0.15),
        HqColumn("day", "Day", DATE, 0.15),
    )
    rows = [("Enquiry about a wealth-management product", 100.0, "Excellent", date(2026, 12, 4))]
    table = HqTable("t", "Table", cols, rows)
    pdf = render_hq_report(
        HqReportContent(title="Report", subtitle="", lang="en", summary=[], sections=[table])
    )
    lines = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).splitlines()
    for value in ("100.00", "Excellent", "2026-12-04"):
        assert any(value in line for line in lines), (value, lines)
