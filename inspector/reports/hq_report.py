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
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from inspector import paths
from inspector.files import write_atomic
from inspector.reports import cjkwrap
from inspector.reports.fonts import fallback_markup
from inspector.reports.hq_chart import TrendChart
from inspector.reports.hq_content import (
    DATE,
    DATETIME,
    DELTA,
    ID,
    ID_CHARS,
    INT,
    PERCENT,
    POINTS,
    SCORE,
    HqHeatmap,
    HqReportContent,
    HqTable,
    format_value,
)
from inspector.text import hq as T
from inspector.text import hq_assess as TA

log = logging.getLogger(__name__)


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


_GREY = colors.Color(0.45, 0.45, 0.45)
_CELL_PAD = 6.0  # a table cell's left and right padding (ReportLab's default)
_WIDTH_CACHE = 50_000  # distinct cell texts whose width is remembered
# The frame the story flows in: landscape A4 less the top and bottom margins (12 and
# 14 mm, see render) and the frame's padding (6 points each side).
_FRAME_HEIGHT = landscape(A4)[1] - 26 * mm - 12
_SLACK = 4.0  # points of room left under a table's first row before a page break
# Cells never broken inside a value (figures, dates), and Latin words up to this length.
_WHOLE_KINDS = frozenset({INT, SCORE, DELTA, DATE, DATETIME, PERCENT, POINTS})
_WORD_CHARS = 20
_SHORT_CELL = 12
_CJK_WORD_CHARS = 8


def _is_cjk(word: str) -> bool:
    return any(ord(ch) > 0x2E80 for ch in word)


class _Doc(SimpleDocTemplate):  # type: ignore[misc]
    """Adds an outline entry for every flowable that carries a ``_bookmark``, on the page
    where that flowable was actually drawn (so each bookmark opens its own page)."""

    def afterFlowable(self, flowable: Any) -> None:
        mark = getattr(flowable, "_bookmark", None)
        if mark is None:
            return
        key, title, level = mark
        self.canv.bookmarkPage(key, fit="XYZ", top=self.frame._y + flowable.height + 6)
        self.canv.addOutlineEntry(title, key, level=level, closed=False)


class _ListTable(Table):  # type: ignore[misc]
    """A long table that splits between rows, and inside a row only where at least half
    a frame is free (a cell longer than a page): a short row is never cut in two at a
    page's foot, it moves to the next page with the header row repeated. (ReportLab makes
    the parts of a split table with this class and Table's own arguments.)"""

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        if avail_height >= _FRAME_HEIGHT / 2:
            parts: list[Any] = super().split(avail_width, avail_height)
            return parts
        self._calc(avail_width, avail_height)
        rows: list[Any] = self._splitRows(avail_height, doInRowSplit=False)
        return rows


class HqReportRenderer:
    """Builds the PDF: override ``_styles`` or ``_story`` to change the layout.

    One layout pass: every footer's "第 x 页 / 共 y 页" is a form drawn when the document
    is saved and its number of pages is known.
    """

    def __init__(self, content: HqReportContent) -> None:
        self.content = content
        # 避头尾 for every CJK paragraph, as in the inspection report (no line opens with "，").
        cjkwrap.install()
        self.font, self.bold = _fonts()
        self.styles = self._styles()
        self.total_pages: int | None = None
        self._marks = 0
        self._pages = 0  # pages laid out so far (the last one's number at save)
        self._widths: dict[str, float | None] = {}  # see _plain_width
        self._pagesize: tuple[float, float] = landscape(A4)
        self._right = 12 * mm

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
            "banner": ParagraphStyle(
                "banner", parent=base, fontSize=10, leading=14, textColor=colors.Color(0.75, 0, 0)
            ),
            "h2": ParagraphStyle(
                "h2",
                parent=base,
                fontName=self.bold,
                fontSize=13,
                leading=18,
                spaceBefore=10,
                spaceAfter=4,
                keepWithNext=1,
            ),
            "h3": ParagraphStyle(
                "h3",
                parent=base,
                fontName=self.bold,
                fontSize=10.5,
                leading=14,
                spaceBefore=6,
                spaceAfter=2,
                keepWithNext=1,
            ),
            "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
            "group": ParagraphStyle(
                "group",
                parent=base,
                fontName=self.bold,
                fontSize=10.5,
                leading=14,
                spaceBefore=6,
                spaceAfter=2,
            ),
            "head": ParagraphStyle("head", parent=base, fontName=self.bold, fontSize=8, leading=10),
            "heat": ParagraphStyle("heat", parent=base, fontSize=7, leading=9, alignment=TA_CENTER),
            "note": ParagraphStyle(
                "note", parent=base, fontSize=8, leading=10, textColor=colors.Color(0.4, 0.4, 0.4)
            ),
            "org": ParagraphStyle("org", parent=base, fontName=self.bold, fontSize=12, leading=16),
        }

    def _p(self, text: str, style: str = "cell") -> Paragraph:
        # Branch names come from packages: any script, never dropped (see fonts.py).
        return Paragraph(fallback_markup(text, self.font), self.styles[style])

    def _cell(self, text: str, room: float) -> Any:
        """A table cell of ``text`` in ``room`` points: the plain string when it fits on one
        line in the main font (ReportLab draws a string as it is, at a fraction of a
        paragraph's cost: most cells of a long table are codes, dates, names and figures),
        else a paragraph that wraps and falls back to other fonts."""
        width = self._plain_width(text)
        if width is not None and width <= room:
            return text
        return self._p(text)

    def _plain_width(self, text: str) -> float | None:
        """``text``'s width at the cell size when the main font draws it as it is (no
        markup, no fallback font, no shaping, one line); None otherwise. Cached: a long
        table repeats the same regions, statuses, dates and names on every page."""
        try:
            return self._widths[text]
        except KeyError:
            pass
        width: float | None = None
        if "\n" not in text and fallback_markup(text, self.font) == escape(text):
            width = float(pdfmetrics.stringWidth(text, self.font, 8))
        if len(self._widths) < _WIDTH_CACHE:
            self._widths[text] = width
        return width

    def _heading(self, text: str, style: str = "h2", level: int = 0) -> Paragraph:
        """A heading that is also a bookmark pointing at the page it is printed on."""
        p = self._p(text, style)
        self._marks += 1
        p._bookmark = (f"s{self._marks}", text, level)
        return p

    # ------------------------------------------------------------ first page
    def _summary(self) -> list[Any]:
        rows = [[self._p(k, "head"), self._p(v)] for k, v in self.content.summary]
        if not rows:
            return []
        t = Table(rows, colWidths=[45 * mm, 70 * mm], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.Color(0.75, 0.75, 0.75)),
                    ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.94, 0.95, 0.97)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return [t]

    def _trend_chart(self, width: float, height: float) -> TrendChart:
        c = self.content
        return TrendChart(
            width,
            height,
            title=c.trend_title,
            overall=c.trend,
            regions=c.trend_regions,
            all_label=T.TREND_ALL(c.lang),
            font=self.font,
            bold=self.bold,
        )

    def _logo(self, height: float) -> Any:
        """The organisation's logo at ``height`` (None when unset or unreadable)."""
        data = self.content.org_logo
        if not data:
            return None
        try:
            with PILImage.open(io.BytesIO(data)) as im:
                w, h = im.size
        except (OSError, ValueError):
            log.warning("the organisation logo could not be read; left out")
            return None
        if not w or not h:
            return None
        return Image(io.BytesIO(data), width=height * w / h, height=height)

    def _org_line(self, width: float) -> list[Any]:
        """Logo and organisation name above the title; 文号 and 密级 under them."""
        c = self.content
        out: list[Any] = []
        logo = self._logo(12 * mm)
        name = self._p(c.org_name.strip(), "org") if c.org_name.strip() else None
        if logo is not None or name is not None:
            lw = float(logo.drawWidth) + 3 * mm if logo is not None else 0.0
            row = Table([[logo or "", name or ""]], colWidths=[lw, width - lw], hAlign="LEFT")
            row.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), self.font),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ]
                )
            )
            out.append(row)
        filing = [
            TA.FILING_NUMBER(c.lang, number=c.number.strip()) if c.number.strip() else "",
            TA.FILING_CLASS(c.lang, classification=c.classification.strip())
            if c.classification.strip()
            else "",
        ]
        if any(filing):
            out.append(self._p("　".join(f for f in filing if f), "subtitle"))
        return out

    def _signoff(self, width: float) -> list[Any]:
        """编制 / 审核 / 签发 with name, signature and date to fill in, and a seal box."""
        c = self.content
        lang = c.lang
        head = self._heading(TA.SIGNOFF_TITLE(lang), "h2")
        cols = [TA.SIGNOFF_COLUMNS[k](lang) for k in ("role", "name", "signature", "date")]
        rows: list[list[Any]] = [[self._p(x, "head") for x in cols]]
        for role in ("prepared", "reviewed", "approved"):
            rows.append([self._p(TA.SIGNOFF_ROLES[role](lang), "head"), "", "", ""])
        seal_w = 55 * mm
        sign_w = min(width - seal_w - 6 * mm, 180 * mm)
        table = Table(
            rows,
            colWidths=[28 * mm, 45 * mm, sign_w - 28 * mm - 45 * mm - 32 * mm, 32 * mm],
            rowHeights=[7 * mm] + [13 * mm] * 3,
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.6, 0.6, 0.6)),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.86, 0.89, 0.94)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        seal = Table(
            [[self._p(TA.SEAL(lang), "note")]], colWidths=[seal_w - 6 * mm], rowHeights=[40 * mm]
        )
        seal.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("BOX", (0, 0), (-1, -1), 0.8, colors.Color(0.6, 0.6, 0.6), None, (3, 2)),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ]
            )
        )
        left: list[Any] = []
        if c.org_name.strip():
            left.append(self._p(TA.SIGNOFF_ORG(lang, org=c.org_name.strip()), "base"))
            left.append(Spacer(1, 2 * mm))
        left.append(table)
        outer = Table([[left, seal]], colWidths=[sign_w + 6 * mm, seal_w], hAlign="LEFT")
        outer.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                ]
            )
        )
        return [CondPageBreak(70 * mm), KeepTogether([head, outer])]

    def _first_page(self, width: float) -> list[Any]:
        c = self.content
        out: list[Any] = [
            *self._org_line(width),
            self._heading(c.title, "title"),
            self._p(c.subtitle, "subtitle"),
        ]
        if c.banner:
            out.append(self._p(c.banner, "banner"))
        out.append(Spacer(1, 3 * mm))
        summary = self._summary()
        chart = self._trend_chart(width - 125 * mm, 82 * mm)
        if summary:
            row = Table(
                [[summary[0], chart]], colWidths=[120 * mm, width - 120 * mm], hAlign="LEFT"
            )
            row.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), self.font),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ]
                )
            )
            out.append(row)
        else:
            out.append(chart)
        if c.regions is not None:
            out += self._table(c.regions, width, style="h3", level=1)
        out.append(PageBreak())
        return out

    # ------------------------------------------------------------ tables
    def _id_width(self) -> float:
        return float(pdfmetrics.stringWidth("0" * ID_CHARS, self.font, 7.5)) + 8

    def _header_min(self, header: str) -> float:
        """The narrowest a column can be without breaking a word of its header: the
        widest word (Latin words whole; a Chinese run of up to 4 characters, such as
        大堂服务, kept together) plus the cell's padding."""
        widest = 0.0
        for token in re.split(r"[\s/（）()、·:：]+", header):
            if not token:
                continue
            if any(ord(ch) > 0x2E80 for ch in token):
                token = token[:4]
            widest = max(widest, float(pdfmetrics.stringWidth(token, self.bold, 8)))
        return widest + 14  # the cell's left and right padding (6 each) and a margin

    def _value_min(self, texts: list[str], kind: str) -> float:
        """The narrowest a column can be without breaking a value: a figure or date whole
        ("100.00", not "100.0" over "0"), a short text of up to :data:`_SHORT_CELL`
        characters whole ("不符合（1 项）"), and in longer text the widest word of up to
        :data:`_WORD_CHARS` characters ("Excellent", "wealth-management", a branch name
        such as 上海分行静安支行); longer words may still break."""
        widest = 0.0
        for text in set(texts):
            whole = kind in _WHOLE_KINDS or len(text) <= _SHORT_CELL  # "不符合（1 项）"
            words = [text] if whole else text.split()
            for word in words:
                if len(word) > (_CJK_WORD_CHARS if _is_cjk(word) else _WORD_CHARS):
                    continue
                w = self._plain_width(word)
                if w is not None:
                    widest = max(widest, w)
        return widest + 2 * _CELL_PAD + 1 if widest else 0.0

    def _no_broken_words(
        self,
        widths: list[float],
        headers: list[str],
        width: float,
        values: list[float] | None = None,
    ) -> list[float]:
        """``widths`` with every column at least its header's widest word (and at least
        ``values``, its widest value's), the room taken from the columns that have more than
        they need (the total stays ``width``)."""
        mins = [self._header_min(h) for h in headers]
        if values is not None:
            with_values = [max(m, v) for m, v in zip(mins, values, strict=True)]
            if sum(with_values) <= width:  # else the headers alone, as before
                mins = with_values
        if sum(mins) > width:
            return widths  # too many columns to help: keep the proportions
        out = list(widths)
        for _ in range(len(out)):
            short = [i for i, w in enumerate(out) if w < mins[i] - 0.01]
            if not short:
                break
            need = sum(mins[i] - out[i] for i in short)
            for i in short:
                out[i] = mins[i]
            spare = {i: out[i] - mins[i] for i in range(len(out)) if out[i] > mins[i] + 0.01}
            total_spare = sum(spare.values())
            if total_spare <= 0:
                break
            for i, sp in spare.items():
                out[i] -= need * sp / total_spare
        return out

    def _grid(
        self, tbl: HqTable, cols: list[int], rows: list[tuple[Any, ...]], width: float
    ) -> tuple[Table, float]:
        """The table of ``rows`` and the height of its header row and first row: the least
        room that may start it on a page."""
        columns = [tbl.columns[i] for i in cols]
        id_w = self._id_width()
        fixed = sum(id_w for col in columns if col.kind == ID)
        flex = [col for col in columns if col.kind != ID]
        total = sum(col.width for col in flex) or 1.0
        widths = [
            id_w if col.kind == ID else (width - fixed) * col.width / total for col in columns
        ]
        texts = [[format_value(row[i], tbl.columns[i].kind) for row in rows] for i in cols]
        values = [
            0.0 if col.kind == ID else self._value_min(t, col.kind)
            for col, t in zip(columns, texts, strict=True)
        ]
        widths = self._no_broken_words(widths, [col.header for col in columns], width, values)
        data: list[list[Any]] = [[self._p(col.header, "head") for col in columns]]
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),  # Table's default is Helvetica
            # Plain cells as the "cell" paragraph style sets its text (8 on 10 points).
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("LEADING", (0, 0), (-1, -1), 10),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.Color(0.75, 0.75, 0.75)),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.86, 0.89, 0.94)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PAD),
        ]
        # Ids as before: 7.5 points (their column is measured so) on ReportLab's 12.
        style += [
            cmd
            for ci, col in enumerate(columns)
            if col.kind == ID
            for cmd in (("FONTSIZE", (ci, 1), (ci, -1), 7.5), ("LEADING", (ci, 1), (ci, -1), 12))
        ]
        base = list(style)
        room = [w - 2 * _CELL_PAD for w in widths]
        for r, row in enumerate(rows, start=1):
            cells: list[Any] = []
            for ci, i in enumerate(cols):
                v, col = row[i], tbl.columns[i]
                text = texts[ci][r - 1]
                # An id is a plain string cell: ReportLab never wraps those.
                cells.append(text if col.kind == ID else self._cell(text, room[ci]))
                if col.kind == SCORE and isinstance(v, int | float):
                    style.append(("BACKGROUND", (ci, r), (ci, r), score_colour(float(v))))
            data.append(cells)
        # A cell longer than a page breaks across pages instead of raising LayoutError.
        t = _ListTable(
            data,
            colWidths=widths,
            repeatRows=1,
            hAlign="LEFT",
            splitInRow=1,
        )
        t.setStyle(TableStyle(style))
        # Measured on a copy of the first two rows, not by laying out the whole table.
        _, head = Table(data[:2], colWidths=widths, style=TableStyle(base)).wrap(
            width, _FRAME_HEIGHT
        )
        return t, float(head)

    def _flow_height(self, flowable: Any, width: float) -> float:
        """A heading's or note's height with its space before and after."""
        _, height = flowable.wrap(width, _FRAME_HEIGHT)
        style = getattr(flowable, "style", None)
        extra = (style.spaceBefore + style.spaceAfter) if style is not None else 0.0
        return float(height) + float(extra)

    def _table(self, tbl: HqTable, width: float, *, style: str = "h2", level: int = 0) -> list[Any]:
        heading = self._heading(tbl.title, style, level)
        lead = [heading]
        if tbl.note:
            lead.append(self._p(tbl.note, "note"))
        if not tbl.rows:
            return [*lead, self._p(T.NONE(self.content.lang), "base")]
        # A heading never stands alone at a page's foot: each part of the table starts
        # on a page with room for its heading(s), its header row and its first row (else
        # on the next page); a long part then splits between rows, repeating its header.
        above = sum(self._flow_height(f, width) for f in lead)
        cols = [i for i, col in enumerate(tbl.columns) if col.pdf]
        if tbl.group is None:
            grid, head = self._grid(tbl, cols, tbl.rows, width)
            return [CondPageBreak(above + head + _SLACK), *lead, grid]
        # Long lists are read region by region: a sub-heading (and bookmark) per group.
        g = tbl.group
        groups: dict[str, list[tuple[Any, ...]]] = {}
        for row in tbl.rows:
            groups.setdefault(str(row[g] or "—"), []).append(row)
        cols = [i for i in cols if i != g]
        out: list[Any] = []
        for n, name in enumerate(sorted(groups)):
            rows = groups[name]
            sub = self._heading(
                T.GROUP_HEADING(self.content.lang, name=name, n=len(rows)), "group", level + 1
            )
            grid, head = self._grid(tbl, cols, rows, width)
            need = self._flow_height(sub, width) + head + _SLACK
            if n == 0:
                out += [CondPageBreak(above + need), *lead]
            else:
                out.append(CondPageBreak(need))
            out += [sub, grid]
        return out

    def _heatmap(self, hm: HqHeatmap, width: float) -> list[Any]:
        out: list[Any] = [self._heading(hm.title)]
        if hm.note:
            out.append(self._p(hm.note, "note"))
        if not hm.row_labels or not hm.col_labels:
            out.append(self._p(T.NONE(self.content.lang), "base"))
            return out
        label_w = 45 * mm
        cell_w = min(32 * mm, (width - label_w) / len(hm.col_labels))
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
        self._marks = 0
        story: list[Any] = self._first_page(width)
        for n, sec in enumerate(self.content.sections):
            parts = (
                self._heatmap(sec, width) if isinstance(sec, HqHeatmap) else self._table(sec, width)
            )
            # A new page only when less than a few rows' room is left: a heading never
            # stands alone at a page's foot, and a long table does not push a near-empty
            # page ahead of it (it splits, repeating its header row).
            if n:
                story.append(CondPageBreak(45 * mm))
            story += parts
        if self.content.signoff:
            story += self._signoff(width)
        return story

    def _filing_header(self) -> str:
        c = self.content
        parts = []
        if c.classification.strip():
            parts.append(TA.FILING_CLASS(c.lang, classification=c.classification.strip()))
        if c.number.strip():
            parts.append(TA.FILING_NUMBER(c.lang, number=c.number.strip()))
        return " · ".join(parts)

    def _page_text(self, page: int) -> str:
        total = self.total_pages
        if total:
            return T.PAGE_OF(self.content.lang, page=page, pages=total)
        return T.PAGE(self.content.lang, page=page)

    @staticmethod
    def _page_form(page: int) -> str:
        return f"hqPageOf{page}"

    def _finish_pages(self, canvas: Any) -> None:
        """Draws every page's "第 x 页 / 共 y 页" once the number of pages is known: each
        page showed a form named after its number (:meth:`_on_page`); the forms are
        defined here, just before the file is written (a PDF may use a form before it is
        defined). One layout pass, and no page held back in memory."""
        self.total_pages = self._pages
        x = self._pagesize[0] - self._right
        for page in range(1, self._pages + 1):
            canvas.beginForm(self._page_form(page))
            canvas.setFont(self.font, 7.5)
            canvas.setFillColor(_GREY)
            canvas.drawRightString(x, 8 * mm, self._page_text(page))
            canvas.endForm()

    def _canvas_maker(self) -> type[Canvas]:
        renderer = self

        class PageOfCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
            """Finishes the page numbers when the document is saved."""

            def save(self) -> None:
                renderer._finish_pages(self)
                super().save()

        return PageOfCanvas

    def _on_page(self, canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(self.font, 7.5)
        canvas.setFillColor(_GREY)
        self._pages = max(self._pages, doc.page)
        canvas.doForm(self._page_form(doc.page))  # "第 x 页 / 共 y 页", drawn at save
        canvas.drawString(doc.leftMargin, 8 * mm, f"{self.content.footer} · {self.content.title}")
        if self.content.banner:
            canvas.setFillColor(colors.Color(0.75, 0, 0))
            canvas.setFont(self.font, 8)
            canvas.drawString(doc.leftMargin, doc.pagesize[1] - 8 * mm, self.content.banner)
        filing = self._filing_header()
        if filing:  # 密级 and 文号 on every page, top right
            canvas.setFillColor(_GREY)
            canvas.setFont(self.font, 8)
            canvas.drawRightString(
                doc.pagesize[0] - doc.rightMargin, doc.pagesize[1] - 8 * mm, filing
            )
        canvas.restoreState()

    def render(self) -> bytes:
        """The PDF in one layout pass (the page count is filled in at save)."""
        buf = io.BytesIO()
        size = landscape(A4)
        self.total_pages = None
        self._pages = 0
        self._pagesize, self._right = size, 12 * mm
        doc = _Doc(
            buf,
            pagesize=size,
            leftMargin=12 * mm,
            rightMargin=self._right,
            topMargin=12 * mm,
            bottomMargin=14 * mm,
            title=self.content.title,
            author="Branch Inspector",
            lang="zh-CN" if self.content.lang == "zh" else "en",
            # The canvas starts in the bundled font: no unembedded Helvetica in the file.
            initialFontName=self.font,
        )
        doc.build(
            self._story(doc.width),
            onFirstPage=self._on_page,
            onLaterPages=self._on_page,
            canvasmaker=self._canvas_maker(),
        )
        return buf.getvalue()


def render_hq_report(content: HqReportContent) -> bytes:
    """The consolidated report as PDF bytes."""
    return HqReportRenderer(content).render()


def write_hq_report(content: HqReportContent, path: Path) -> None:
    """The PDF written all or nothing (never a half-written file at ``path``)."""
    data = render_hq_report(content)
    write_atomic(path, data)
    log.info("HQ report written to %s (%d bytes)", path, len(data))
