"""The HQ PDF is laid out once: "Page x of y" is filled in at save, bookmarks still open
their pages, and table cells are plain strings only where that draws the same text."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from inspector.reports import hq_report
from inspector.reports.hq_content import ID, SCORE, TEXT, HqColumn, HqReportContent, HqTable
from inspector.reports.hq_report import HqReportRenderer, render_hq_report
from tests.pdfs import outline


def _content(lang: str = "en", rows: int = 150) -> HqReportContent:
    cols = (
        HqColumn("code", "Code", TEXT, 0.8),
        HqColumn("name", "Branch", TEXT, 2.0),
        HqColumn("region", "Region", TEXT),
        HqColumn("score", "Score", SCORE, 0.6),
        HqColumn("note", "Note", TEXT, 3.0),
        HqColumn("inspection", "Inspection", ID, 1.3),
    )
    regions = ("North", "South", "East")
    table = HqTable(
        "long",
        "A long list",
        cols,
        [
            (
                f"SH{i:03d}",
                f"Branch {i}",
                regions[i % 3],
                50.0 + i % 50,
                "short" if i % 2 else "a note long enough to wrap inside its cell " * 4,
                f"{i:08x}-0000-0000",
            )
            for i in range(rows)
        ],
        group=2,
    )
    return HqReportContent(
        title="Report", subtitle="All time", lang=lang, summary=[], sections=[table]
    )


def test_laid_out_once_with_page_x_of_y_on_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    stories = 0
    story = HqReportRenderer._story

    def counted(self: HqReportRenderer, width: float) -> list[object]:
        nonlocal stories
        stories += 1
        return story(self, width)

    monkeypatch.setattr(HqReportRenderer, "_story", counted)
    reader = PdfReader(io.BytesIO(render_hq_report(_content())))
    assert stories == 1
    pages = [p.extract_text() for p in reader.pages]
    n = len(pages)
    assert n >= 4
    for i, text in enumerate(pages, start=1):
        assert f"Page {i} of {n}" in text
        assert f"Page {i + 1} of" not in text
    # Bookmarks (the table and each region) open the page their heading is on.
    marks = outline(reader)
    titles = [t for t, _ in marks]
    assert {"A long list", "East (50)", "North (50)", "South (50)"} <= set(titles)
    assert len({p for _, p in marks}) > 2
    for title, page in marks:
        assert title in pages[page].replace("\n", ""), (title, page)


def test_chinese_page_numbers() -> None:
    reader = PdfReader(io.BytesIO(render_hq_report(_content("zh", rows=60))))
    n = len(reader.pages)
    assert n >= 2
    for i, page in enumerate(reader.pages, start=1):
        assert f"第 {i} 页 / 共 {n} 页" in page.extract_text()


def test_plain_cells_only_where_the_text_is_drawn_the_same() -> None:
    r = HqReportRenderer(_content())
    assert r._cell("上海分行浦东支行", 200) == "上海分行浦东支行"  # fits: drawn as it is
    assert r._cell("a <b>bold</b> name", 200) == "a <b>bold</b> name"  # no markup in a string
    long = "整改措施：" + "在营业厅醒目位置公示收费价目表" * 4
    assert isinstance(r._cell(long, 200), Paragraph)  # wraps
    assert isinstance(r._cell("Branch\nnote", 200), Paragraph)
    # A character the main font lacks goes through the fallback fonts (a Paragraph).
    assert isinstance(r._cell("فرع دبي", 200), Paragraph)
    assert r._plain_width("فرع دبي") is None


def test_wrapped_and_plain_cells_print_their_whole_text() -> None:
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(render_hq_report(_content()))).pages
    ).replace("\n", " ")
    assert "SH149" in text and "Branch 149" in text and "0000008f-0000" in text
    assert text.count("short") == 75
    assert "a note long enough to wrap inside its cell" in " ".join(text.split())


def test_width_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hq_report, "_WIDTH_CACHE", 5)
    r = HqReportRenderer(_content())
    for i in range(20):
        assert r._plain_width(f"cell {i}") is not None
    assert len(r._widths) == 5


def _tall_rows(lang: str = "en") -> HqReportContent:
    """Groups that start near a page's foot, with rows several lines tall."""
    cols = (
        HqColumn("code", "Code", TEXT, 0.8),
        HqColumn("region", "Region", TEXT),
        HqColumn("note", "Note", TEXT, 1.0),
        HqColumn("inspection", "Inspection", ID, 1.3),
    )
    tables = [
        HqTable(
            f"t{t}",
            f"Table {t}",
            cols,
            [
                (
                    f"R{t}-{i:03d}",
                    f"Region {i % 2}",
                    f"begin{t}x{i} " + "word " * 90 + f"end{t}x{i}",
                    f"{t:04x}{i:04x}-0000",
                )
                for i in range(3 + 2 * t)
            ],
            group=1,
        )
        for t in range(12)
    ]
    return HqReportContent(title="Report", subtitle="", lang=lang, summary=[], sections=tables)


def test_a_row_is_never_cut_in_two_at_a_page_foot() -> None:
    reader = PdfReader(io.BytesIO(render_hq_report(_tall_rows())))
    pages = [p.extract_text().replace("\n", " ") for p in reader.pages]
    assert len(pages) >= 3
    for t in range(12):
        for i in range(3 + 2 * t):
            on = [n for n, text in enumerate(pages) if f"R{t}-{i:03d}" in text]
            assert len(on) == 1, (t, i, on)
            text = pages[on[0]]
            assert f"begin{t}x{i}" in text and f"end{t}x{i}" in text, (t, i, on)
            assert f"{t:04x}{i:04x}-0000" in text
