"""The consolidated HQ report (ReportLab): summary, tables and an area x branch heatmap.

This module renders plain data only. :mod:`inspector.services.hq` runs the queries and
builds an :class:`HqReportContent` (labels already in the reader's language); nothing here
touches the database, so the same content can be rendered by a batch job or a test.

Every string that came from users (branch names, owners, notes) is escaped before it goes
into a ``Paragraph``: ReportLab parses markup, and ``<img src=...>`` in a branch name would
otherwise embed a local file.
"""

from __future__ import annotations

import importlib
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from inspector import paths
from inspector.files import write_atomic
from inspector.reports.fonts import fallback_markup

log = logging.getLogger(__name__)

# Column kinds: how a value is written (PDF, Excel number format, CSV).
TEXT = "text"
INT = "int"
SCORE = "score"  # 0..100, one decimal, coloured by band in the PDF
DELTA = "delta"  # signed change in points
DATE = "date"
DATETIME = "datetime"
PERCENT = "percent"  # 0..100 share


@dataclass(frozen=True, slots=True)
class HqColumn:
    key: str
    header: str
    kind: str = TEXT
    width: float = 1.0  # relative width in the PDF


@dataclass(frozen=True, slots=True)
class HqTable:
    """One view as a table: a sheet in Excel, a CSV file, a section in the PDF."""

    name: str  # file/sheet name (ASCII)
    title: str
    columns: tuple[HqColumn, ...]
    rows: list[tuple[Any, ...]]
    note: str = ""


@dataclass(frozen=True, slots=True)
class HqHeatmap:
    """Area x branch scores (percent, None where the branch has no such area)."""

    title: str
    row_labels: list[str]  # branches
    col_labels: list[str]  # areas
    values: list[list[float | None]]
    note: str = ""


@dataclass(frozen=True, slots=True)
class HqReportContent:
    title: str
    subtitle: str
    lang: str
    summary: list[tuple[str, str]]
    sections: list[HqTable | HqHeatmap] = field(default_factory=list)
    footer: str = ""


def score_colour(value: float | None) -> colors.Color:
    """Red below 60, amber below 80, green from 80: the same bands as the dashboard."""
    if value is None:
        return colors.Color(0.93, 0.93, 0.93)
    if value < 60:
        return colors.Color(0.96, 0.62, 0.60)
    if value < 70:
        return colors.Color(0.98, 0.78, 0.55)
    if value < 80:
        return colors.Color(0.99, 0.90, 0.60)
    if value < 90:
        return colors.Color(0.75, 0.90, 0.70)
    return colors.Color(0.55, 0.82, 0.55)


def format_value(value: Any, kind: str) -> str:
    """The text of a cell (PDF and CSV share it, so both read the same)."""
    if value is None:
        return ""
    if kind in (SCORE, PERCENT) and isinstance(value, int | float):
        return f"{value:.1f}"
    if kind == DELTA and isinstance(value, int | float):
        return f"{value:+.1f}"
    if kind == DATETIME and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if kind == DATE and isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool):
        return "✓" if value else ""
    return str(value)


def _fonts() -> tuple[str, str]:
    """(regular, bold) font names that cover Chinese.

    Prefers the report engineer's shared registration (``inspector.reports.fonts``) so all
    PDFs embed the same font; registers the bundled TrueType font directly otherwise.
    """
    try:
        mod = importlib.import_module("inspector.reports.fonts")
        fonts: tuple[str, str] = mod.register_fonts()
        return fonts
    except (ImportError, AttributeError) as e:
        log.debug("shared font registration not available (%s); registering our own", e)
    name = "HqCJK"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(paths.cjk_font_path()), subfontIndex=0))
    return name, name


class HqReportRenderer:
    """Builds the PDF: override ``_styles`` or ``_story`` to change the layout."""

    def __init__(self, content: HqReportContent) -> None:
        self.content = content
        self.font, self.bold = _fonts()
        self.styles = self._styles()

    def _styles(self) -> dict[str, ParagraphStyle]:
        wrap = "CJK" if self.content.lang == "zh" else None
        base = ParagraphStyle("base", fontName=self.font, fontSize=9, leading=12, wordWrap=wrap)
        return {
            "base": base,
            "title": ParagraphStyle(
                "title", parent=base, fontName=self.bold, fontSize=18, leading=24, spaceAfter=4
            ),
            "subtitle": ParagraphStyle(
                "subtitle",
                parent=base,
                fontSize=10,
                leading=14,
                textColor=colors.Color(0.35, 0.35, 0.35),
            ),
            "h2": ParagraphStyle(
                "h2",
                parent=base,
                fontName=self.bold,
                fontSize=13,
                leading=18,
                spaceBefore=10,
                spaceAfter=4,
            ),
            "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
            "head": ParagraphStyle("head", parent=base, fontName=self.bold, fontSize=8, leading=10),
            "heat": ParagraphStyle("heat", parent=base, fontSize=7, leading=9, alignment=TA_CENTER),
            "note": ParagraphStyle(
                "note", parent=base, fontSize=8, leading=10, textColor=colors.Color(0.4, 0.4, 0.4)
            ),
        }

    def _p(self, text: str, style: str = "cell") -> Paragraph:
        # Branch names come from packages: any script, never dropped (see fonts.py).
        return Paragraph(fallback_markup(text, self.font), self.styles[style])

    def _summary(self) -> list[Any]:
        rows = [[self._p(k, "head"), self._p(v)] for k, v in self.content.summary]
        if not rows:
            return []
        t = Table(rows, colWidths=[60 * mm, 80 * mm], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.Color(0.75, 0.75, 0.75)),
                    ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.94, 0.95, 0.97)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        return [t]

    def _table(self, tbl: HqTable, width: float) -> list[Any]:
        out: list[Any] = [self._p(tbl.title, "h2")]
        if tbl.note:
            out.append(self._p(tbl.note, "note"))
        if not tbl.rows:
            out.append(self._p("—", "base"))
            return out
        total = sum(c.width for c in tbl.columns)
        widths = [width * c.width / total for c in tbl.columns]
        data: list[list[Any]] = [[self._p(c.header, "head") for c in tbl.columns]]
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),  # Table's default is Helvetica
            ("GRID", (0, 0), (-1, -1), 0.3, colors.Color(0.75, 0.75, 0.75)),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.86, 0.89, 0.94)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        for r, row in enumerate(tbl.rows, start=1):
            data.append(
                [self._p(format_value(v, c.kind)) for v, c in zip(row, tbl.columns, strict=True)]
            )
            for ci, (v, c) in enumerate(zip(row, tbl.columns, strict=True)):
                if c.kind == SCORE and isinstance(v, int | float):
                    style.append(("BACKGROUND", (ci, r), (ci, r), score_colour(float(v))))
        # splitInRow lets a long cell break across pages instead of raising LayoutError.
        t = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
        t.setStyle(TableStyle(style))
        out.append(t)
        return out

    def _heatmap(self, hm: HqHeatmap, width: float) -> list[Any]:
        out: list[Any] = [self._p(hm.title, "h2")]
        if hm.note:
            out.append(self._p(hm.note, "note"))
        if not hm.row_labels or not hm.col_labels:
            out.append(self._p("—", "base"))
            return out
        label_w = 45 * mm
        cell_w = min(22 * mm, (width - label_w) / len(hm.col_labels))
        data: list[list[Any]] = [
            [self._p("", "head")] + [self._p(a, "heat") for a in hm.col_labels]
        ]
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.white),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ]
        for r, (label, vals) in enumerate(zip(hm.row_labels, hm.values, strict=True), start=1):
            data.append([self._p(label)] + [self._p(format_value(v, SCORE), "heat") for v in vals])
            for ci, v in enumerate(vals, start=1):
                style.append(("BACKGROUND", (ci, r), (ci, r), score_colour(v)))
        t = Table(
            data, colWidths=[label_w] + [cell_w] * len(hm.col_labels), repeatRows=1, hAlign="LEFT"
        )
        t.setStyle(TableStyle(style))
        out.append(t)
        return out

    def _story(self, width: float) -> list[Any]:
        c = self.content
        story: list[Any] = [
            self._p(c.title, "title"),
            self._p(c.subtitle, "subtitle"),
            Spacer(1, 4 * mm),
        ]
        story += self._summary()
        for sec in c.sections:
            parts = (
                self._heatmap(sec, width) if isinstance(sec, HqHeatmap) else self._table(sec, width)
            )
            # A new page only when less than a few rows' room is left: a heading never
            # stands alone at a page's foot, and a long table does not push a near-empty
            # page ahead of it (it splits, repeating its header row).
            story.append(CondPageBreak(45 * mm))
            story += parts
        return story

    def _on_page(self, canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(self.font, 7)
        canvas.setFillColor(colors.Color(0.45, 0.45, 0.45))
        text = f"{self.content.footer}    {doc.page}"
        canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, 8 * mm, text)
        canvas.restoreState()

    def render(self) -> bytes:
        buf = io.BytesIO()
        size = landscape(A4)
        doc = SimpleDocTemplate(
            buf,
            pagesize=size,
            leftMargin=12 * mm,
            rightMargin=12 * mm,
            topMargin=12 * mm,
            bottomMargin=14 * mm,
            title=self.content.title,
            author="Branch Inspector",
            # The canvas starts in the bundled font: no unembedded Helvetica in the file.
            initialFontName=self.font,
        )
        doc.build(self._story(doc.width), onFirstPage=self._on_page, onLaterPages=self._on_page)
        return buf.getvalue()


def render_hq_report(content: HqReportContent) -> bytes:
    """The consolidated report as PDF bytes."""
    return HqReportRenderer(content).render()


def write_hq_report(content: HqReportContent, path: Path) -> None:
    data = render_hq_report(content)
    write_atomic(path, data)
    log.info("HQ report written to %s (%d bytes)", path, len(data))


def table_values(tbl: HqTable) -> Sequence[Sequence[str]]:
    """Rows as display text (for CSV-like consumers that want what the PDF shows)."""
    return [
        [format_value(v, c.kind) for v, c in zip(r, tbl.columns, strict=True)] for r in tbl.rows
    ]
