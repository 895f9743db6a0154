"""The PDF report of one inspection (ReportLab only; no database, no Qt).

Built like pretix's invoice renderer: a class with overridable ``_register_fonts``,
``_get_stylesheet`` (named ParagraphStyles), ``_get_story``, a first-page and a later-page
template, and a numbered canvas that holds pages back until the end. Holding pages back
is what lets the canvas write "第 x 页 / 共 y 页", point each bookmark at the page its
heading landed on, and fill in "详见第 N 页" references to pages not yet laid out when
the reference was placed. The PDF is built in memory and returned as bytes.

Safety: every string that comes from users or checklist files goes through :func:`esc`
before it reaches Paragraph markup (a Paragraph would otherwise embed ``<img src=...>``
files, follow ``<a href>`` links or fail on an unclosed ``<b>``). Long text lives in
Paragraphs outside tables, or in tables with ``splitInRow`` so a long cell breaks across
pages instead of raising LayoutError.

Typesetting for Chinese readers: :mod:`inspector.reports.cjkwrap` keeps closing
punctuation off the start of a line (避头尾); short cells (numbers, names, dates, status)
get a column as wide as their longest text so "序号" or "王五" never breaks mid-word;
headings keep with what follows. A Chinese report prints no English and no raw item ids:
items are cited by their number ("2.3"), sources as a Chinese reader expects them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from inspector import paths
from inspector.domain import numbers, timefmt
from inspector.domain.checklist import Mode
from inspector.domain.states import FindingState, Severity
from inspector.reports import cjkwrap
from inspector.reports.fonts import fallback_markup, has_glyph, register_fonts
from inspector.reports.labels import pick, source_text
from inspector.reports.model import (
    LANGS,
    PHOTO_BOX_MM,
    PHOTO_PRINT_DPI,
    PHOTO_SIZES,
    Bi,
    FindingRow,
    ItemRow,
    PhotoData,
    ReportData,
)
from inspector.text import Text
from inspector.text.findings import CLOSED_VIA
from inspector.text.report import (
    CHECKLIST_VERSION,
    COLON,
    LABELS,
    MODES,
    NO,
    OUTCOMES,
    REMARK,
    RESULTS,
    SEVERITIES_SHORT,
    STATUSES,
)

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

# Characters a Paragraph cannot take even escaped (XML 1.0 forbids most C0 controls).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

RED = colors.HexColor("#B00020")
GREEN = colors.HexColor("#2E7D32")
AMBER = colors.HexColor("#C77700")
_SEVERITY_COLOUR: dict[str, str] = {Severity.HIGH: "#B00020", Severity.MEDIUM: "#C77700"}
_STATE_COLOUR: dict[str, str] = {
    FindingState.OVERDUE: "#B00020",
    FindingState.CLOSED: "#2E7D32",
    FindingState.SUBMITTED: "#1565C0",
    FindingState.RETURNED: "#E65100",
}
# Shown in the figures only when a finding is in them (the rectification loop's states).
_OPTIONAL_STATES = (FindingState.SUBMITTED, FindingState.RETURNED)
GREY = colors.HexColor("#666666")
LIGHT = colors.HexColor("#EEF1F5")
RULE = colors.HexColor("#9AA5B1")
HEAD_BG = colors.HexColor("#DDE3EA")

# The rectification register keeps a note to this many characters; the rest is on the
# item's page (the register must stay a table a manager can scan).
NOTE_CUT = 80
# The cover quotes this much of the summary text; the rest follows the scores.
SUMMARY_CUT = 300
TOP_FINDINGS = 5
# Answers that only restate "failed": not worth repeating beside a finding's title.
_PLAIN_FAIL = frozenset({RESULTS["fail"].zh, NO.zh})


def esc(text: object) -> str:
    """User text as safe Paragraph markup: escaped, control characters dropped, newlines kept.

    The one place user text becomes markup (a glyph-fallback hook can wrap it here).
    """
    s = _CONTROL.sub("", str(text))
    # fallback_markup escapes, and routes glyphs the CJK font lacks to fallback fonts.
    return fallback_markup(s).replace("\r\n", "\n").replace("\n", "<br/>")


def fmt_dt(value: datetime | None, tz: str = timefmt.DEFAULT_TZ) -> str:
    """A stored UTC time as local time in ``tz`` with its offset (no ambiguity)."""
    return timefmt.format_local(value, tz)


def fmt_date(value: date | datetime | None, tz: str = timefmt.DEFAULT_TZ) -> str:
    day = timefmt.local_day(value, tz)
    return day.isoformat() if day is not None else "—"


def fmt_num(value: float) -> str:
    """Points without noise: 3, 2.5, 1.33."""
    return numbers.points(value)


def cut(text: str, n: int) -> tuple[str, bool]:
    """``text`` to at most ``n`` characters (with "…"), and whether it was cut."""
    text = text.strip()
    if len(text) <= n:
        return text, False
    return text[: n - 1].rstrip() + "…", True


@dataclass(frozen=True, slots=True)
class Col:
    """One column of a table: a label key and how its width is found.

    ``fit`` columns are as wide as their widest text (never broken mid-word, up to
    ``max_mm``); the other columns share the rest by ``flex``.
    """

    key: str
    fit: bool = False
    flex: float = 1.0
    max_mm: float = 40.0


class _PageRef(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """ "详见第 N 页" for an anchor that may lie on a later page: drawn when pages are saved."""

    def __init__(self, report: InspectionReport, key: str, template: str, size: float) -> None:
        super().__init__()
        self.report, self.key, self.template, self.size = report, key, template, size

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self.width = avail_w
        return avail_w, self.size * 1.35

    def draw(self) -> None:
        # The canvas knows where this flowable sits on the page only now (inside tables).
        e, f = self.canv._currentMatrix[4:6]
        self.report._refs.append((self.canv.getPageNumber(), e, f, self.key, self.template))


class _ReportDoc(BaseDocTemplate):  # type: ignore[misc]  # ReportLab is untyped
    """A doc template that records where headings and anchors land, and reports progress."""

    def __init__(self, buf: BytesIO, report: InspectionReport, **kw: Any) -> None:
        super().__init__(buf, **kw)
        self.report = report

    def afterFlowable(self, flowable: Flowable) -> None:
        page = self.canv.getPageNumber()
        frame_y = self.frame._y if self.frame is not None else 0
        top = frame_y + getattr(flowable, "height", 0) + 4
        outline = getattr(flowable, "_outline", None)
        if outline is not None:
            title, level, key = outline
            self.report._bookmarks.append((page, top, title, level, key))
        anchor = getattr(flowable, "_anchor", None)
        if anchor is not None:
            self.report._anchors[anchor] = (page, top)
        if getattr(flowable, "_photo_row", 0):
            self.report._photo_placed(flowable._photo_row)


class InspectionReport:
    """Renders :class:`ReportData` to PDF bytes.

    Attributes:
        data: what to show.
        lang: ``zh``, ``en`` or ``both`` (Chinese with English beneath / beside).
        progress: called with (photos placed, photos total) while the PDF is built.
    """

    pagesize = A4
    margin_x = 18 * mm
    margin_top = 22 * mm  # room for the running header
    margin_bottom = 18 * mm  # room for the footer

    def __init__(self, data: ReportData, progress: Progress | None = None) -> None:
        if data.lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {data.lang!r}")
        if data.photo_size not in PHOTO_SIZES:
            raise ValueError(f"photo_size must be one of {', '.join(PHOTO_SIZES)}")
        timefmt.zone(data.tz)  # an unknown zone fails before any work
        self.data = data
        self.lang = data.lang
        # Raw item ids are for people who also read English (and the CLI); a Chinese
        # report cites items by number.
        self.show_ids = self.lang != "zh"
        self.progress = progress
        self._photos_total = len(data.photos)
        self._photos_done = 0
        self._bookmark_n = 0
        self._bookmarks: list[tuple[int, float, str, int, str]] = []
        self._anchors: dict[str, tuple[int, float]] = {}
        self._refs: list[tuple[int, float, float, str, str]] = []
        self._register_fonts()
        cjkwrap.install()
        self.styles = self._get_stylesheet()
        self.width = self.pagesize[0] - 2 * self.margin_x
        self._numbers = {i.id: i.number for i in data.items if i.number}

    # ------------------------------------------------------------------ set-up
    def _register_fonts(self) -> None:
        self.font, self.font_bold = register_fonts()

    def _get_stylesheet(self) -> dict[str, ParagraphStyle]:
        f, fb = self.font, self.font_bold
        # wordWrap='CJK' breaks Chinese between any two characters, keeps Latin words
        # whole, and still breaks an overlong token (a hash, a 20,000-character note).
        base = ParagraphStyle("Body", fontName=f, fontSize=9.5, leading=13.5, wordWrap="CJK")
        s: dict[str, ParagraphStyle] = {"Body": base}

        def add(name: str, **kw: Any) -> None:
            s[name] = ParagraphStyle(name, parent=base, **kw)

        navy = colors.HexColor("#1F3A5F")
        add("Title", fontName=fb, fontSize=20, leading=26, alignment=TA_CENTER, spaceAfter=2)
        add("Subtitle", fontSize=11, leading=15, alignment=TA_CENTER, textColor=GREY)
        # H1 opens a part and always follows a (conditional) page break: keeping it with a
        # long table would push the whole table on, leaving a near-empty page behind.
        add("H1", fontName=fb, fontSize=15, leading=20, spaceBefore=4, spaceAfter=6,
            textColor=navy)  # fmt: skip
        # keepWithNext: a smaller heading is never left alone at the foot of a page.
        add("H2", fontName=fb, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4,
            textColor=navy, keepWithNext=1)  # fmt: skip
        add("H3", fontName=fb, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3,
            textColor=navy, keepWithNext=1)  # fmt: skip
        add("ItemHead", fontName=fb, fontSize=10, leading=14, spaceBefore=6, spaceAfter=1)
        add("Small", fontSize=8, leading=10.5, textColor=GREY)
        add("VetoReason", fontSize=8, leading=10.5, textColor=GREY, leftIndent=10)
        add("Cell", fontSize=8.5, leading=11)
        add("CellHead", fontName=fb, fontSize=8.5, leading=11)
        add("CellRight", fontSize=8.5, leading=11, alignment=TA_RIGHT)
        add("CellCenter", fontSize=8.5, leading=11, alignment=TA_CENTER)
        add("Caption", fontSize=7.5, leading=9.5, textColor=GREY)
        add("Mono", fontSize=8, leading=10.5)
        add("Hash", fontSize=6.5, leading=9)
        add("Big", fontName=fb, fontSize=30, leading=34, alignment=TA_CENTER)
        add("BigLabel", fontSize=10, leading=13, alignment=TA_CENTER, textColor=GREY)
        add("Figure", fontName=fb, fontSize=11.5, leading=15, alignment=TA_CENTER)
        add("Verdict", fontName=fb, fontSize=14, leading=18, alignment=TA_CENTER)
        add("Veto", fontName=fb, fontSize=12, leading=16, textColor=RED)
        add("VetoItem", fontSize=10, leading=14, textColor=RED, leftIndent=8)
        add("Draft", fontName=fb, fontSize=11, leading=15, textColor=RED, alignment=TA_CENTER)
        add("Org", fontName=fb, fontSize=12, leading=16)
        add("Seal", fontSize=9, leading=12, alignment=TA_CENTER, textColor=GREY)
        return s

    # ------------------------------------------------------------------ text helpers
    def t(self, key: str, sep: str = " / ") -> str:
        """A fixed label as markup; ``sep`` (markup, e.g. ``<br/>``) joins zh and en."""
        text = LABELS[key]
        return pick(Text(zh=esc(text.zh), en=esc(text.en)), self.lang, sep)

    def tf(self, key: str, sep: str = " / ", **fmt: object) -> str:
        """A fixed label with ``{placeholders}`` filled in (values escaped)."""
        text = LABELS[key]
        vals = {k: esc(v) for k, v in fmt.items()}
        return pick(Text(zh=esc(text.zh), en=esc(text.en)), self.lang, sep, **vals)

    def _colon(self) -> str:
        # A Chinese label takes the full-width colon; an English one ": ".
        return COLON.template(self.lang)

    def lab(self, key: str) -> str:
        """A label followed by the colon its language uses ("备注：", "Note: ")."""
        return self.t(key) + self._colon()

    def plain(self, key: str) -> str:
        """A fixed label as plain text (outline titles, canvas strings)."""
        return pick(LABELS[key], self.lang)

    def bi(self, text: Bi, small_en: bool = True) -> str:
        """Bilingual user text as markup: one language, or Chinese with English beneath."""
        if self.lang != "both":
            return esc(text.get(self.lang))
        zh, en = text.zh or text.en, text.en or text.zh
        if en == zh:
            return esc(zh)
        if small_en:
            return f'{esc(zh)}<br/><font color="#555555" size="-1">{esc(en)}</font>'
        return f"{esc(zh)} / {esc(en)}"

    def pair(self, table: dict[str, Text], key: str) -> str:
        return esc(pick(table.get(key, Text(zh=key, en=key)), self.lang))

    def p(self, markup: str, style: str = "Body") -> Paragraph:
        return Paragraph(markup, self.styles[style])

    def dt(self, value: datetime | None) -> str:
        return fmt_dt(value, self.data.tz)

    def day(self, value: date | datetime | None) -> str:
        return fmt_date(value, self.data.tz)

    def source(self, ref: str, inferred: bool) -> str:
        return esc(source_text(ref, inferred, "zh" if self.lang == "both" else self.lang))

    def item_ref(self, item_id: str, *, bold: bool = True) -> str:
        """How an item is cited: its number ("2.3"), with the raw id only outside zh."""
        number = self._numbers.get(item_id, "")
        parts = []
        if number:
            parts.append(f"<b>{esc(number)}</b>" if bold else esc(number))
        if self.show_ids or not number:
            parts.append(f'<font color="#666666" size="-1">{esc(item_id)}</font>')
        return " ".join(parts)

    def person(self, name: str) -> str:
        """The inspector as printed: a mystery shopper is a code unless HQ asked for the name."""
        m = self.data.inspection
        if m.mode == Mode.MYSTERY and not self.data.show_shopper_name and m.shopper_code:
            return f"{pick(LABELS['shopper'], self.lang)} {m.shopper_code}"
        return name

    def _shopper_name(self, name: str) -> str:
        m = self.data.inspection
        return m.shopper_code if (m.shopper_code and not self.data.show_shopper_name) else name

    def _check_glyphs(self, text: str) -> None:
        if not has_glyph(text, self.font):
            log.warning("report text has characters the bundled font lacks: %r", text[:80])

    def _heading(self, markup: str, plain: str, level: int, style: str) -> Paragraph:
        """A heading that also becomes a PDF outline (bookmark) entry."""
        para = self.p(markup, style)
        self._bookmark_n += 1
        para._outline = (plain, level, f"s{self._bookmark_n}")
        return para

    def _fit(self, cols: Sequence[Col], texts: Sequence[Sequence[str]]) -> list[float]:
        """Column widths: ``fit`` columns as wide as their widest line of ``texts``.

        ``texts[i]`` lists the plain strings (header lines included) of column ``i``.
        """
        pad = 7.0
        widths: list[float | None] = []
        for col, col_texts in zip(cols, texts, strict=True):
            if not col.fit:
                widths.append(None)
                continue
            widest = max((stringWidth(x, self.font, 8.5) for x in col_texts if x), default=0)
            widths.append(min(widest + pad, col.max_mm * mm))
        fixed = sum(w for w in widths if w is not None)
        flex_total = sum(c.flex for c, w in zip(cols, widths, strict=True) if w is None) or 1
        rest = max(self.width - fixed, 20 * mm)
        return [
            w if w is not None else rest * c.flex / flex_total
            for c, w in zip(cols, widths, strict=True)
        ]

    def _label_lines(self, key: str) -> list[str]:
        text = LABELS[key]
        return {"zh": [text.zh], "en": [text.en]}.get(self.lang, [text.zh, text.en])

    # ------------------------------------------------------------------ story
    def _get_story(self) -> list[Flowable]:
        story: list[Flowable] = [NextPageTemplate("later")]
        story += self._cover()
        story += self._scores()
        story += self._findings()
        story += self._item_details()
        story += self._appendix()
        story += self._signoff()
        return story

    def _ts(self, cmds: list[tuple[Any, ...]]) -> TableStyle:
        # Every table names our font: an empty or plain-string cell would otherwise be
        # drawn in Helvetica, a font the PDF does not embed.
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.font), *cmds])

    def _table_style(self, header: bool = True) -> list[tuple[Any, ...]]:
        cmds: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if header:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_BG))
        return cmds

    # ---- cover: the executive summary
    def _cover(self) -> list[Flowable]:
        d = self.data
        out: list[Flowable] = [self._letterhead(), Spacer(1, 3 * mm)]
        out.append(self._heading(self.t("title", "<br/>"), self.plain("exec_summary"), 0, "Title"))
        out.append(self.p(self.bi(d.checklist.title, small_en=False), "Subtitle"))
        out.append(Spacer(1, 4 * mm))
        if d.draft:
            out.append(self._boxed(self.p(self.t("draft_note", "<br/>"), "Draft"), RED))
            out.append(Spacer(1, 3 * mm))
        out.append(self._score_box())
        out.append(Spacer(1, 3 * mm))
        out.append(self._figures())
        out.append(Spacer(1, 3 * mm))
        if d.score.veto_failures:
            out.append(self._veto_box())
            out.append(Spacer(1, 3 * mm))
        out += self._top_findings()
        summary = d.inspection.narrative.strip()
        if summary:
            text, was_cut = cut(summary, SUMMARY_CUT)
            out.append(self.p(self.t("summary_text"), "H3"))
            para = esc(text)
            out.append(self.p(para, "Body"))
            if was_cut:
                out.append(_PageRef(self, "narrative", "full_text_below", 8))
            out.append(Spacer(1, 3 * mm))
        out.append(self.p(self.t("branch") + " · " + self.t("report_id"), "H3"))
        out.append(self._info_table())
        out.append(PageBreak())
        return out

    def _letterhead(self) -> Table:
        """Logo and organisation name on the left; 文号 and 密级 on the right."""
        d = self.data
        left: list[Flowable] = []
        if d.org.logo:
            logo = self._image_fit(d.org.logo, 45 * mm, 14 * mm, "organisation logo")
            if logo is not None:
                left.append(logo)
        if d.org.name.strip():
            left.append(self.p(esc(d.org.name.strip()), "Org"))
        if not left:
            left.append(Spacer(1, 1))
        fields = []
        for key, value in (
            ("doc_number", d.filing.number),
            ("classification", d.filing.classification),
        ):
            fields.append(
                [self.p(self.lab(key), "Cell"), self.p(esc(value.strip()) or " ", "Cell")]
            )
        label_w = 16 * mm if self.lang == "zh" else 26 * mm
        right = Table(fields, colWidths=[label_w, 40 * mm])
        right.setStyle(
            self._ts(
                [
                    ("LINEBELOW", (1, 0), (1, -1), 0.5, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        rw = label_w + 40 * mm
        tbl = Table([[left, right]], colWidths=[self.width - rw, rw])
        tbl.setStyle(
            self._ts(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return tbl

    def _image_fit(self, data: bytes, max_w: float, max_h: float, what: str) -> Image | None:
        try:
            with PILImage.open(BytesIO(data), formats=["PNG", "JPEG"]) as im:
                w_px, h_px = im.size
        except (OSError, ValueError):
            log.warning("%s is not a readable PNG or JPEG; left out", what)
            return None
        scale = min(max_w / w_px, max_h / h_px)
        return Image(BytesIO(data), width=w_px * scale, height=h_px * scale, hAlign="LEFT")

    def _boxed(self, content: Flowable, colour: colors.Color) -> Table:
        tbl = Table([[content]], colWidths=[self.width])
        tbl.setStyle(
            self._ts(
                [
                    ("BOX", (0, 0), (-1, -1), 1.5, colour),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FFF4F4")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        return tbl

    def _veto_box(self) -> Table:
        sc = self.data.score
        rows: list[Flowable] = [
            self.p("■ " + self.t("veto_title"), "Veto"),
            self.p(self.t("veto_text", "<br/>"), "Body"),
        ]
        for v in sc.veto_failures:
            rows.append(
                self.p(
                    f"• {self.item_ref(v.item_id)} {self.bi(v.text, small_en=False)}", "VetoItem"
                )
            )
            if v.reason is not None:
                rows.append(self.p(f"{self.lab('veto_reason')}{self.bi(v.reason)}", "VetoReason"))
        inner = Table([[r] for r in rows], colWidths=[self.width - 16])
        inner.setStyle(
            self._ts(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        return self._boxed(inner, RED)

    def _score_box(self) -> Table:
        sc = self.data.score
        verdict_colour = "#2E7D32" if sc.passed else "#B00020"
        verdict = self.t("passed" if sc.passed else "not_passed")
        grade = self.bi(sc.grade_label, small_en=False)
        if self.lang != "zh":
            grade += f'<br/><font size="9" color="#666666">{esc(sc.grade)}</font>'
        cells = [
            [
                self.p(self.t("total"), "BigLabel"),
                self.p(self.t("grade"), "BigLabel"),
                self.p(self.t("result"), "BigLabel"),
            ],
            [
                self.p(numbers.score(sc.total), "Big"),
                self.p(grade, "Verdict"),
                self.p(f'<font color="{verdict_colour}">{verdict}</font>', "Verdict"),
            ],
        ]
        w = self.width / 3
        tbl = Table(cells, colWidths=[w, w, w])
        tbl.setStyle(
            self._ts(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                    ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBEFORE", (1, 0), (2, 1), 0.4, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return tbl

    def _figures(self) -> Table:
        """Four key figures: red lines, findings by severity, rectification, answers."""
        d = self.data
        sc = d.score
        sev: dict[str, int] = {k: 0 for k in Severity}
        status: dict[str, int] = {k: 0 for k in FindingState}
        for f in d.findings:
            sev[f.severity] = sev.get(f.severity, 0) + 1
            status[f.status] = status.get(f.status, 0) + 1
        n_veto = len(sc.veto_failures)
        veto_colour = "#B00020" if n_veto else "#2E7D32"

        def counts(table: dict[str, Text], values: dict[str, int]) -> str:
            return " · ".join(f"{self.pair(table, k)} {n}" for k, n in values.items())

        overdue = status.get(FindingState.OVERDUE, 0)
        for k in _OPTIONAL_STATES:
            if not status.get(k):
                status.pop(k, None)
        rect = counts(STATUSES, status)
        if overdue:
            rect = f'<font color="#B00020">{rect}</font>'
        cells = [
            [
                self.p(self.t(k), "BigLabel")
                for k in ("red_lines", "findings_by_sev", "rect_status")
            ],
            [
                self.p(f'<font color="{veto_colour}">{n_veto}</font>', "Figure"),
                self.p(counts(SEVERITIES_SHORT, sev), "Figure"),
                self.p(rect, "Figure"),
            ],
            [
                self.p(
                    f"{self.t('answered')} {sc.answered} / {sc.visible} · "
                    + self.tf(
                        "score_breakdown",
                        base=fmt_num(sc.base),
                        penalties=fmt_num(sc.penalties),
                        total=fmt_num(sc.total),
                    ),
                    "Small",
                ),
                "",
                "",
            ],
        ]
        w = self.width
        tbl = Table(cells, colWidths=[w * 0.26, w * 0.37, w * 0.37])
        tbl.setStyle(
            self._ts(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                    ("LINEBEFORE", (1, 0), (2, 1), 0.4, RULE),
                    ("SPAN", (0, 2), (-1, 2)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return tbl

    def _top_findings(self) -> list[Flowable]:
        findings = self.data.findings
        if not findings:
            return [self.p(self.t("no_findings")), Spacer(1, 3 * mm)]
        out: list[Flowable] = [self.p(self.t("top_findings"), "H3")]
        rows = []
        for n, f in enumerate(findings[:TOP_FINDINGS], start=1):
            sev_colour = _SEVERITY_COLOUR.get(f.severity, "#333333")
            tag = f'<font color="#B00020">[{self.t("veto_tag")}]</font> ' if f.veto else ""
            seen = self.bi(f.answer, small_en=False) if f.answer.get(self.lang) else ""
            line = f"{tag}{self.item_ref(f.item_id)} {self.bi(f.text, small_en=False)}"
            if seen and f.answer.zh not in _PLAIN_FAIL:
                line += f' <font color="#666666">({self.lab("seen")}{seen})</font>'
            rows.append(
                [
                    self.p(str(n), "Cell"),
                    self.p(line, "Cell"),
                    self.p(
                        f'<font color="{sev_colour}">{self.pair(SEVERITIES_SHORT, f.severity)}'
                        "</font>",
                        "CellCenter",
                    ),
                    self.p(self._status_markup(f), "Cell"),
                ]
            )
        cols = [Col("no", fit=True), Col("item", flex=1), Col("severity", fit=True),
                Col("status", fit=True)]  # fmt: skip
        texts = [
            [str(len(rows))],
            [""],
            [pick(v, self.lang) for v in SEVERITIES_SHORT.values()],
            self._status_texts(),
        ]
        tbl = Table(rows, colWidths=self._fit(cols, texts), splitInRow=1)
        tbl.setStyle(self._ts(self._table_style(header=False)))
        out.append(tbl)
        more = len(findings) - TOP_FINDINGS
        if more > 0:
            out.append(self.p(self.tf("more_findings", n=more), "Small"))
            out.append(_PageRef(self, "register", "see_page", 7.5))
        out.append(Spacer(1, 3 * mm))
        return out

    def _status_markup(self, f: FindingRow) -> str:
        colour = _STATE_COLOUR.get(f.status, "#333333")
        text = f'<font color="{colour}">{self.pair(STATUSES, f.status)}</font>'
        if f.status == FindingState.CLOSED and f.closed_at is not None:
            text += f"<br/>{esc(self.day(f.closed_at))}"
            if f.closed_via in CLOSED_VIA:
                text += f'<br/><font size="7">{self.pair(CLOSED_VIA, f.closed_via)}</font>'
        return text

    def _status_texts(self) -> list[str]:
        return [pick(v, self.lang, " ") for v in STATUSES.values()] + ["2026-12-31"]

    def _info_table(self) -> Table:
        d, m, b = self.data, self.data.inspection, self.data.branch
        branch = esc(f"{b.code} {b.name}".strip())
        if b.region:
            branch += f' <font color="#666666">({esc(b.region)})</font>'
        rows: list[tuple[str, str]] = [
            ("branch", branch),
            ("address", esc(b.address) if b.address else "—"),
            ("started", esc(self.dt(m.started_at))),
            (
                "finalized",
                esc(self.dt(m.finalized_at)) if m.finalized_at else self.t("not_finalized"),
            ),
            ("inspector", esc(self.person(m.inspector)) or "—"),
            ("mode", self.pair(MODES, m.mode)),
            (
                "checklist",
                f"{esc(d.checklist.id)} v{esc(d.checklist.version)} — "
                f"{self.bi(d.checklist.title, small_en=False)}",
            ),
            ("report_id", f"{esc(m.uuid)} · {self.t('revision')} {m.revision}"),
        ]
        if self.lang == "zh":
            # The checklist id is a file name, not Chinese: say the title and version.
            rows[6] = (
                "checklist",
                CHECKLIST_VERSION(
                    "zh", title=self.bi(d.checklist.title), version=esc(d.checklist.version)
                ),
            )
        if m.supersedes_revision is not None:
            rows.append(
                (
                    "amended",
                    f"r{m.supersedes_revision} → r{m.revision}: {esc(m.amendment_reason or '')}",
                )
            )
        label_w = 34 * mm if self.lang != "zh" else 24 * mm
        data = [[self.p(self.t(k), "CellHead"), self.p(v, "Cell")] for k, v in rows]
        tbl = Table(data, colWidths=[label_w, self.width - label_w], splitInRow=1)
        style = self._table_style(header=False)
        style.append(("BACKGROUND", (0, 0), (0, -1), LIGHT))
        tbl.setStyle(self._ts(style))
        return tbl

    # ---- scores by section (and the visit)
    def _scores(self) -> list[Flowable]:
        d = self.data
        out: list[Flowable] = [
            self._heading(self.t("scores"), self.plain("scores"), 0, "H1"),
            self._section_table(),
            Spacer(1, 3 * mm),
            KeepTogether([self.p(self.t("chart"), "Small"), self._section_chart()]),
        ]
        if d.inspection.visit or d.inspection.narrative.strip():
            out += self._visit()
        out.append(Spacer(1, 4 * mm))
        return out

    def _section_table(self) -> Table:
        head = [self.p(self.t(k), "CellHead") for k in ("section", "weight", "points", "percent")]
        rows: list[list[Flowable]] = [head]
        style = self._table_style()
        for n, s in enumerate(self.data.sections, start=1):
            if s.percent is None:
                pct = self.t("na")
                pts = self.t("na")
                style.append(("TEXTCOLOR", (0, n), (-1, n), GREY))
            else:
                pct = numbers.percent_sign(s.percent)
                pts = f"{fmt_num(s.earned)} / {fmt_num(s.possible)}"
                if s.gated:
                    pct += f'<br/><font color="#B00020" size="7">{self.t("gated")}</font>'
            rows.append(
                [
                    self.p(f"{n}. {self.bi(s.title)}", "Cell"),
                    self.p(fmt_num(s.weight), "CellRight"),
                    self.p(pts, "CellRight"),
                    self.p(pct, "CellRight"),
                ]
            )
            if s.gated or (s.percent is not None and s.percent < 60):
                style.append(("TEXTCOLOR", (3, n), (3, n), RED))
        w = self.width
        tbl = Table(
            rows, colWidths=[w - 84 * mm, 22 * mm, 30 * mm, 32 * mm], repeatRows=1, splitInRow=1
        )
        tbl.setStyle(self._ts(style))
        return tbl

    def _section_chart(self) -> Drawing:
        secs = self.data.sections
        bar_h = 13
        height = max(60, len(secs) * bar_h + 30)
        drawing = Drawing(self.width, height)
        # The drawing's initial graphics state would otherwise select Helvetica (not embedded).
        drawing.initialFontName = self.font
        chart = HorizontalBarChart()
        label_w = 62 * mm
        chart.x = label_w
        chart.y = 18
        chart.width = self.width - label_w - 12 * mm
        chart.height = height - 24
        # Top-to-bottom in table order: the category axis runs bottom-up, so reverse.
        ordered = list(reversed(secs))
        # A section where nothing applies has no bar at all (None), never a 0.0 bar.
        chart.data = [[s.percent for s in ordered]]
        lang = "en" if self.lang == "en" else "zh"
        names = []
        for s in ordered:
            title = s.title.get(lang)
            title = title if len(title) <= 22 else title[:21] + "…"
            if s.percent is None:
                title = REMARK(lang, name=title, remark=LABELS["na"])
            names.append(title)
        chart.categoryAxis.categoryNames = names
        chart.categoryAxis.labels.fontName = self.font
        chart.categoryAxis.labels.fontSize = 7.5
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -4
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = 100
        chart.valueAxis.valueStep = 20
        chart.valueAxis.labels.fontName = self.font
        chart.valueAxis.labels.fontSize = 7.5
        chart.valueAxis.visibleGrid = True
        chart.valueAxis.gridStrokeColor = colors.HexColor("#D0D5DB")
        chart.barLabels.fontName = self.font
        chart.barLabels.fontSize = 7
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
        chart.barLabelFormat = _bar_label
        chart.barWidth = 8
        chart.bars.strokeColor = None
        for i, s in enumerate(ordered):
            pct = s.percent
            colour = GREY if pct is None else RED if pct < 60 else AMBER if pct < 80 else GREEN
            chart.bars[(0, i)].fillColor = colour
        drawing.add(chart)
        return drawing

    def _visit(self) -> list[Flowable]:
        m = self.data.inspection
        out: list[Flowable] = []
        if m.visit:
            out.append(self._heading(self.t("visit"), self.plain("visit"), 1, "H2"))
            rows = [
                [self.p(self.bi(k, small_en=False), "CellHead"), self.p(esc(v), "Cell")]
                for k, v in m.visit
            ]
            tbl = Table(rows, colWidths=[40 * mm, self.width - 40 * mm], splitInRow=1)
            tbl.setStyle(self._ts(self._table_style(header=False)))
            out.append(tbl)
        if m.narrative.strip():
            head = self._heading(self.t("narrative"), self.plain("narrative"), 1, "H2")
            head._anchor = "narrative"
            out.append(head)
            out.append(self.p(esc(m.narrative.strip()), "Body"))
        return out

    # ---- the rectification register (整改清单)
    REGISTER = (
        Col("no", fit=True),
        Col("item", flex=3.0),
        Col("seen", flex=3.0),
        Col("severity", fit=True),
        Col("lost", fit=True),
        Col("action", flex=2.2),
        Col("owner", fit=True, max_mm=26),
        Col("deadline", fit=True),
        Col("status", fit=True),
    )

    def _findings(self) -> list[Flowable]:
        head = self._heading(self.t("findings"), self.plain("findings"), 0, "H1")
        head._anchor = "register"
        out: list[Flowable] = [CondPageBreak(45 * mm), head]
        findings = self.data.findings
        if not findings:
            out.append(self.p(self.t("no_findings")))
            out.append(Spacer(1, 6 * mm))
            return out
        cols = self.REGISTER
        rows: list[list[Any]] = [[self.p(self.t(c.key, "<br/>"), "CellHead") for c in cols]]
        style = self._table_style()
        for n, f in enumerate(findings, start=1):
            rows.append(self._finding_row(n, f))
            if f.veto:
                style += [
                    ("BACKGROUND", (0, n), (-1, n), colors.HexColor("#FDECEC")),
                    ("LINEBEFORE", (0, n), (0, n), 2.5, RED),
                ]
        texts: dict[str, list[str]] = {
            "no": [str(len(findings))],
            "severity": [pick(v, self.lang) for v in SEVERITIES_SHORT.values()],
            "lost": [numbers.score(f.points_lost) for f in findings],
            "owner": [f.owner for f in findings],
            "deadline": [self.day(f.deadline) for f in findings],
            "status": self._status_texts(),
        }
        col_texts = [texts.get(c.key, []) + self._label_lines(c.key) for c in cols]
        tbl = Table(rows, colWidths=self._fit(cols, col_texts), repeatRows=1, splitInRow=1)
        tbl.setStyle(self._ts(style))
        out.append(tbl)
        out.append(Spacer(1, 6 * mm))
        return out

    def _finding_row(self, n: int, f: FindingRow) -> list[Any]:
        tags = []
        if f.veto:
            tags.append(f'<font color="#B00020">[{self.t("veto_tag")}]</font>')
        elif f.critical:
            tags.append(f'<font color="#C77700">[{self.t("critical_tag")}]</font>')
        if f.repeat:
            tags.append(f'<font color="#B00020">[{self.t("repeat_tag")}]</font>')
        item = f"{' '.join(tags)} {self.item_ref(f.item_id)}<br/>{self.bi(f.text)}".strip()
        src = self.source(f.source, f.source_inferred)
        if src:
            item += f'<br/><font color="#666666" size="7">{self.lab("source")}{src}</font>'
        seen_parts = []
        if f.answer.get(self.lang):
            seen_parts.append(f"<b>{self.bi(f.answer, small_en=False)}</b>")
        note, was_cut = cut(f.note, NOTE_CUT)
        if note:
            seen_parts.append(esc(note))
        seen: list[Flowable] = [self.p("<br/>".join(seen_parts) or "—", "Cell")]
        if was_cut:
            seen.append(_PageRef(self, f"item:{f.item_id}", "see_page", 7.5))
        sev_colour = _SEVERITY_COLOUR.get(f.severity, "#333333")
        cells: dict[str, Any] = {
            "no": self.p(str(n), "Cell"),
            "item": self.p(item, "Cell"),
            "seen": seen,
            "severity": self.p(
                f'<font color="{sev_colour}">{self.pair(SEVERITIES_SHORT, f.severity)}</font>',
                "CellCenter",
            ),
            "lost": self.p(numbers.score(f.points_lost) if f.points_lost else "—", "CellCenter"),
            "action": self.p(esc(f.action) if f.action else "—", "Cell"),
            "owner": self.p(esc(f.owner) if f.owner else "—", "Cell"),
            "deadline": self.p(esc(self.day(f.deadline)), "Cell"),
            "status": self.p(self._status_markup(f), "Cell"),
        }
        return [cells[c.key] for c in self.REGISTER]

    # ---- item details
    def _item_details(self) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(60 * mm)]
        # Headings waiting for the first item block: the part heading and each section
        # heading go onto the page of the item that follows them, never alone at a foot.
        heads: list[Flowable] = [self._heading(self.t("details"), self.plain("details"), 0, "H1")]
        by_section: dict[str, list[ItemRow]] = {}
        for item in self.data.items:
            by_section.setdefault(item.section_id, []).append(item)
        for n, sec in enumerate(self.data.sections, start=1):
            items = [i for i in by_section.get(sec.id, []) if i.outcome != "hidden" or i.photos]
            if not items:
                continue
            plain = f"{n}. {sec.title.get('en' if self.lang == 'en' else 'zh')}"
            heads.append(
                self._heading(f"{n}. {self.bi(sec.title, small_en=False)}", plain, 1, "H2")
            )
            for item in items:
                top, rest = self._item_block(item)
                out.append(KeepTogether([*heads, *top]))
                heads = []
                out += rest
        out += heads  # no item at all: the heading stands alone (nothing to keep it with)
        return out

    def _item_block(self, item: ItemRow) -> tuple[list[Flowable], list[Flowable]]:
        """The item's heading lines (kept together) and what follows (free to split)."""
        tags = ""
        if item.veto:
            tags += f' <font color="#B00020">[{self.t("veto_tag")}]</font>'
        if item.critical:
            tags += f' <font color="#C77700">[{self.t("critical_tag")}]</font>'
        colour = {"fail": "#B00020", "partial": "#C77700", "pass": "#2E7D32"}.get(
            item.outcome, "#444444"
        )
        head = self.p(f"{self.item_ref(item.id)}{tags} · {self.bi(item.text)}", "ItemHead")
        head._anchor = f"item:{item.id}"
        pts = (
            f"{fmt_num(item.points)} / {fmt_num(item.max_points)}"
            if item.max_points > 0 or item.outcome in ("pass", "partial", "fail")
            else "—"
        )
        if item.penalty > 0:
            pts += f" (−{fmt_num(item.penalty)})"
        line = (
            f"{self.lab('answer')}{self.bi(item.answer, small_en=False)} · "
            f'{self.lab("result")}<font color="{colour}">{self.pair(OUTCOMES, item.outcome)}'
            f"</font> · {self.lab('points')}{pts}"
        )
        head_block: list[Flowable] = [head, self.p(line, "Body")]
        src = self.source(item.source, item.source_inferred)
        if src:
            head_block.append(self.p(f"{self.lab('source')}{src}", "Small"))
        out: list[Flowable] = []
        note = item.note.strip()
        short_note = len(note) <= 400
        if note:
            para = self.p(f"{self.lab('note')}{esc(note)}", "Body")
            # A short note stays with the heading; a long one flows across pages on its own
            # (outside any table and any KeepTogether, so it can split).
            (head_block if short_note else out).append(para)
        if item.photos:
            rows = self._photo_grid(item.photos)
            if short_note:
                # The first row of photos stays on the page of the item it belongs to (a
                # heading at the foot of a page with its photo overleaf reads as two items).
                head_block += [Spacer(1, 1.5 * mm), rows.pop(0)]
            else:
                out.append(Spacer(1, 1.5 * mm))
            out += rows
        out.append(Spacer(1, 2 * mm))
        return head_block, out

    def _photo_grid(self, photos: Sequence[PhotoData]) -> list[Flowable]:
        """Photos two per row; one photo alone, or a "large" one, across the text width.

        One small table per row so rows break between pages. A large photo is meant to be
        read (a fee schedule): it gets the full width and up to most of a page's height.
        """
        everything_large = self.data.photo_size == "large"
        single = len(photos) == 1
        out: list[Flowable] = []
        pending: list[PhotoData] = []

        def flush_pairs() -> None:
            for start in range(0, len(pending), 2):
                out.append(self._photo_row(pending[start : start + 2]))
            pending.clear()

        for photo in photos:
            if everything_large or photo.large or single:
                flush_pairs()
                out.append(self._photo_wide(photo, large=everything_large or photo.large))
            else:
                pending.append(photo)
        flush_pairs()
        return out

    def _photo_wide(self, photo: PhotoData, *, large: bool) -> Table:
        box_h = (185 if large else 120) * mm
        cell = [
            self._photo_image(photo, self.width - 6, box_h),
            self.p(self._caption(photo), "Caption"),
        ]
        tbl = Table([[cell]], colWidths=[self.width])
        tbl.setStyle(self._ts(self._photo_style()))
        tbl._photo_row = 1
        return tbl

    def _photo_row(self, pair: Sequence[PhotoData]) -> Table:
        col_w = self.width / 2
        box_w = min(PHOTO_BOX_MM * mm, col_w - 6)
        box_h = 70 * mm
        cells: list[list[Flowable]] = []
        for photo in pair:
            cells.append(
                [self._photo_image(photo, box_w, box_h), self.p(self._caption(photo), "Caption")]
            )
        while len(cells) < 2:
            cells.append([Spacer(1, 1)])
        tbl = Table([cells], colWidths=[col_w, col_w])
        tbl.setStyle(self._ts(self._photo_style()))
        tbl._photo_row = len(pair)
        return tbl

    def _photo_style(self) -> list[tuple[Any, ...]]:
        return [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]

    def _photo_image(self, photo: PhotoData, box_w: float, box_h: float) -> Image:
        scale = min(box_w / photo.width, box_h / photo.height)
        w, h = photo.width * scale, photo.height * scale
        data = photo.jpeg
        # More pixels than print needs at the placed size only make the file bigger.
        need = max(w, h) / 72 * PHOTO_PRINT_DPI
        if max(photo.width, photo.height) > need * 1.25:
            data = _downscale(data, round(need))
        return Image(BytesIO(data), width=w, height=h)

    def _caption(self, photo: PhotoData) -> str:
        parts = [self.item_ref(photo.item_id)]
        parts.append(
            f"{self.t('taken')} {esc(self.dt(photo.taken_at))} ({self.t('device_time')})"
            if photo.taken_at
            else ""
        )
        if photo.gps is not None:
            lat, lon = photo.gps
            parts.append(f"{self.t('gps')} {lat:.5f}, {lon:.5f}")
        parts.append(f"SHA-256 {esc(photo.short_hash)}")
        if photo.redacted:
            parts.append(self.t("redacted"))
        text = " · ".join(p for p in parts if p)
        if photo.caption.strip():
            text += f"<br/>{esc(photo.caption.strip())}"
        return text

    # ---- evidence appendix
    def _appendix(self) -> list[Flowable]:
        d, m = self.data, self.data.inspection
        out: list[Flowable] = [
            PageBreak(),
            self._heading(self.t("appendix"), self.plain("appendix"), 0, "H1"),
            self.p(self.t("package"), "H2"),
        ]
        ident = [
            ("uuid", esc(m.uuid)),
            ("revision", str(m.revision)),
            ("content_sha", esc(m.content_sha256) if m.content_sha256 else self.t("none")),
            ("checklist_sha", esc(d.checklist.sha256)),
        ]
        label_w = 38 * mm
        tbl = Table(
            [[self.p(self.t(k), "CellHead"), self.p(v, "Mono")] for k, v in ident],
            colWidths=[label_w, self.width - label_w],
        )
        st = self._table_style(header=False)
        st.append(("BACKGROUND", (0, 0), (0, -1), LIGHT))
        tbl.setStyle(self._ts(st))
        # The photo list's heading and note never end a page without the table's first rows.
        out += [tbl, Spacer(1, 4 * mm), CondPageBreak(40 * mm)]
        out.append(self.p(self.t("photos"), "H2"))
        photos = d.photos
        if not photos:
            out.append(self.p(self.t("no_photos")))
            return out
        out.append(self.p(self.t("device_claim", "<br/>"), "Small"))
        out.append(Spacer(1, 2 * mm))
        cols = (
            Col("no", fit=True),
            Col("item", fit=True, max_mm=30),
            Col("photo_sha", fit=True, max_mm=90),
            Col("taken_col", flex=1),
            Col("imported", flex=1),
        )
        rows: list[list[Flowable]] = [[self.p(self.t(c.key, "<br/>"), "CellHead") for c in cols]]
        for n, ph in enumerate(photos, start=1):
            taken = esc(self.dt(ph.taken_at)) if ph.taken_at else "—"
            if ph.gps is not None:
                taken += f"<br/>{ph.gps[0]:.5f}, {ph.gps[1]:.5f}"
            rows.append(
                [
                    self.p(str(n), "Cell"),
                    self.p(self.item_ref(ph.item_id, bold=False), "Cell"),
                    self.p(esc(ph.sha256), "Hash"),
                    self.p(taken, "Cell"),
                    self.p(esc(self.dt(ph.imported_at)), "Cell"),
                ]
            )
        item_texts = [self._numbers.get(ph.item_id, ph.item_id) for ph in photos]
        if self.show_ids:
            item_texts += [ph.item_id for ph in photos]
        # A SHA-256 is an identifier: its column is as wide as one hash in the hash font.
        sha_w = stringWidth("0" * 64, self.font, 6.5)
        texts: list[list[str]] = [[str(len(photos))], item_texts, [], [], []]
        texts = [t + self._label_lines(c.key) for t, c in zip(texts, cols, strict=True)]
        widths = self._fit(cols, texts)
        widths[2] = sha_w + 7
        rest = self.width - sum(widths[:3])
        widths[3] = widths[4] = rest / 2
        tbl = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        tbl.setStyle(self._ts(self._table_style()))
        out.append(tbl)
        return out

    # ---- sign-off
    def _signoff(self) -> list[Flowable]:
        d, s = self.data, self.data.signoff
        mystery = d.inspection.mode == Mode.MYSTERY
        head = self._heading(self.t("signoff"), self.plain("signoff"), 0, "H1")
        blank = Spacer(1, 14 * mm)
        date_txt = esc(self.day(s.signed_at)) if s.signed_at else ""
        rows: list[list[Any]] = [
            [self.p(self.t(k), "CellHead") for k in ("role", "name", "signature", "date")]
        ]
        if mystery:
            rows.append(
                [
                    self.p(self.t("shopper"), "CellHead"),
                    self.p(esc(self._shopper_name(s.inspector)) or " ", "Body"),
                    blank,
                    self.p(date_txt, "Cell"),
                ]
            )
        else:
            rows.append(
                [
                    self.p(self.t("inspector"), "CellHead"),
                    self.p(esc(s.inspector) or " ", "Body"),
                    blank,
                    self.p(date_txt, "Cell"),
                ]
            )
            sig: Flowable = blank
            if s.manager_signature:
                sig = self._image_fit(s.manager_signature, 50 * mm, 14 * mm, "signature") or blank
            rows.append(
                [
                    self.p(self.t("manager"), "CellHead"),
                    self.p(esc(s.manager_name) or " ", "Body"),
                    sig,
                    self.p(date_txt if s.manager_name else "", "Cell"),
                ]
            )
        rows.append([self.p(self.t("hq_reviewer"), "CellHead"), self.p(" "), blank, self.p(" ")])
        seal_w = 46 * mm
        sign_w = self.width - seal_w - 4 * mm
        label_w = 24 * mm if self.lang == "zh" else 30 * mm
        date_w = 24 * mm
        name_w = 32 * mm
        sig_w = sign_w - label_w - date_w - name_w
        table = Table(rows, colWidths=[label_w, name_w, sig_w, date_w])
        style = self._table_style()
        style.append(("VALIGN", (0, 1), (-1, -1), "MIDDLE"))
        table.setStyle(self._ts(style))
        seal = Table(
            [[self.p(self.t("seal"), "Seal")]], colWidths=[seal_w - 4 * mm], rowHeights=[40 * mm]
        )
        seal.setStyle(
            self._ts(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE, None, (3, 2)),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ]
            )
        )
        org = d.org.name.strip()
        left: list[Flowable] = []
        if org:
            left.append(self.p(f"{self.lab('org')}{esc(org)}", "Body"))
            left.append(Spacer(1, 2 * mm))
        left.append(table)
        if mystery and not d.show_shopper_name:
            left.append(Spacer(1, 1.5 * mm))
            left.append(self.p(self.t("shopper_code_note"), "Small"))
        outer = Table([[left, seal]], colWidths=[sign_w + 4 * mm, seal_w])
        outer.setStyle(
            self._ts(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                    ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm),
                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ]
            )
        )
        return [Spacer(1, 6 * mm), KeepTogether([head, outer])]

    # ------------------------------------------------------------------ pages
    def _header_text(self) -> tuple[str, str]:
        b, m = self.data.branch, self.data.inspection
        left = f"{b.code} {b.name}".strip()
        right = f"{self.plain('report_id')} {m.report_id}"
        secrecy = self.data.filing.classification.strip()
        if secrecy:
            right = f"{self.plain('classification')}{self._colon()}{secrecy} · {right}"
        if self.data.draft:
            right = f"{self.plain('draft')} · {right}"
        return left, right

    def _watermark(self) -> ImageReader:
        """The draft mark as one translucent image: a picture, not text, so copying or
        extracting the page's text never picks "草稿 DRAFT" up between its lines."""
        if self._watermark_img is None:
            scale = 4  # px per point: sharp in print, still small (one image for all pages)
            w, h = 300 * scale, 120 * scale
            im = PILImage.new("RGBA", (w, h), (0, 0, 0, 0))
            draw = ImageDraw.Draw(im)
            red = (176, 0, 32, 40)
            for text, size, y in ((LABELS["draft"].zh, 64, 0), (LABELS["draft"].en, 54, 64)):
                font = ImageFont.truetype(str(paths.cjk_font_path()), size * scale, index=0)
                tw = draw.textlength(text, font=font)
                draw.text(((w - tw) / 2, y * scale), text, font=font, fill=red)
            buf = BytesIO()
            im.save(buf, "PNG", optimize=True)
            buf.seek(0)
            self._watermark_img = ImageReader(buf)
        return self._watermark_img

    _watermark_img: ImageReader | None = None

    def _draw_watermark(self, canv: Canvas) -> None:
        if not self.data.draft:
            return
        w, h = self.pagesize
        canv.saveState()
        canv.translate(w / 2, h / 2)
        canv.rotate(40)
        canv.drawImage(self._watermark(), -150, -60, 300, 120, mask="auto")
        canv.restoreState()

    def _on_first_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._draw_footer(canv)

    def _on_later_pages(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        w, h = self.pagesize
        left, right = self._header_text()
        canv.saveState()
        canv.setFont(self.font, 8)
        canv.setFillColor(GREY)
        y = h - 13 * mm
        canv.drawString(self.margin_x, y, _clip(canv, left, self.font, 8, self.width * 0.45))
        canv.drawRightString(w - self.margin_x, y, right)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(self.margin_x, y - 2.5 * mm, w - self.margin_x, y - 2.5 * mm)
        canv.restoreState()
        self._draw_footer(canv)

    def _draw_footer(self, canv: Canvas) -> None:
        y = 10 * mm
        canv.saveState()
        canv.setFont(self.font, 7.5)
        canv.setFillColor(GREY)
        gen = self.data.generated_at
        if gen is not None:
            canv.drawString(self.margin_x, y, f"{self.plain('generated')} {self.dt(gen)}")
        canv.restoreState()

    def _page_number_text(self, page: int, pages: int) -> str:
        return pick(LABELS["page"], self.lang, " · ", page=page, pages=pages)

    def _finish_page(self, canv: Canvas, page: int, total: int) -> None:
        """What can only be drawn once every page is laid out: page x of y, bookmarks
        pointing at this page, "see page N" references, the draft mark."""
        canv.saveState()
        canv.setFont(self.font, 8)
        canv.setFillColor(GREY)
        canv.drawRightString(
            self.pagesize[0] - self.margin_x, 10 * mm, self._page_number_text(page, total)
        )
        canv.restoreState()
        for b_page, top, title, level, key in self._bookmarks:
            if b_page == page:
                canv.bookmarkPage(key, fit="XYZ", top=top, left=0)
                canv.addOutlineEntry(title, key, level=level, closed=level > 0)
        for n, (r_page, x, y, key, template) in enumerate(self._refs):
            target = self._anchors.get(key)
            if r_page != page or target is None:
                continue
            lang = "zh" if self.lang == "both" else self.lang
            text = pick(LABELS[template], lang, page=target[0])
            canv.saveState()
            canv.setFont(self.font, 7.5)
            canv.setFillColor(colors.HexColor("#1F3A5F"))
            canv.drawString(x, y + 2, text)
            tw = canv.stringWidth(text, self.font, 7.5)
            canv.restoreState()
            # Named explicitly: the canvas' own annotation counter is part of the page state
            # restored for each held-back page, so its automatic names would repeat.
            rect = (x, y, x + tw, y + 10)
            canv.linkAbsolute("", f"anchor-{key}", rect, thickness=0, name=f"pageref{n}")
        for key, (a_page, top) in self._anchors.items():
            if a_page == page:
                canv.bookmarkPage(f"anchor-{key}", fit="XYZ", top=top, left=0)
        # Over the content (translucent), so a full-page photo cannot hide it.
        self._draw_watermark(canv)

    def _canvas_maker(self) -> type[Canvas]:
        report = self

        class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
            """Holds pages back until the end so each can be finished knowing all pages."""

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self._pages: list[dict[str, Any]] = []

            def showPage(self) -> None:
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._pages)
                for state in self._pages:
                    self.__dict__.update(state)
                    report._finish_page(self, self._pageNumber, total)
                    super().showPage()
                super().save()

        return NumberedCanvas

    def _photo_placed(self, n: int) -> None:
        self._photos_done += n
        if self.progress is not None:
            self.progress(min(self._photos_done, self._photos_total), self._photos_total)

    # ------------------------------------------------------------------ build
    def render(self) -> bytes:
        d = self.data
        buf = BytesIO()
        h = self.pagesize[1]
        frame_first = Frame(
            self.margin_x,
            self.margin_bottom,
            self.width,
            h - self.margin_bottom - 14 * mm,
            id="first",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        frame_later = Frame(
            self.margin_x,
            self.margin_bottom,
            self.width,
            h - self.margin_bottom - self.margin_top,
            id="later",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        title = (
            f"{pick(LABELS['title'], self.lang)} — {d.branch.code} {d.branch.name} — "
            f"{self.day(d.inspection.started_at)}"
        )
        if d.draft:
            title = f"[{self.plain('draft')}] {title}"
        doc = _ReportDoc(
            buf,
            self,
            pagesize=self.pagesize,
            title=title,
            author=self.person(d.inspection.inspector or d.signoff.inspector),
            subject=f"{d.checklist.title.get(self.lang)} {d.checklist.id} v{d.checklist.version}"
            f" · {d.inspection.uuid} r{d.inspection.revision}",
            creator="Branch Inspector",
            keywords=[d.branch.code, d.checklist.id, d.inspection.uuid],
            lang="en-GB" if self.lang == "en" else "zh-CN",
            initialFontName=self.font,
            # No Helvetica anywhere: it would be a non-embedded font in the file.
            showBoundary=0,
        )
        doc.addPageTemplates(
            [
                PageTemplate(id="first", frames=[frame_first], onPage=self._on_first_page),
                PageTemplate(id="later", frames=[frame_later], onPage=self._on_later_pages),
            ]
        )
        for text in (d.branch.name, d.branch.address, d.inspection.inspector, d.org.name):
            self._check_glyphs(text)
        story = self._get_story()
        if self.progress is not None:
            self.progress(0, self._photos_total)
        doc.build(story, canvasmaker=self._canvas_maker())
        if self.progress is not None:
            self.progress(self._photos_total, self._photos_total)
        return buf.getvalue()


def _bar_label(value: float | None) -> str:
    return numbers.percent(value, missing="")


def _clip(canv: Canvas, text: str, font: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis so a header line never runs into its neighbour."""
    if canv.stringWidth(text, font, size) <= width:
        return text
    while text and canv.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _downscale(jpeg: bytes, max_side: int) -> bytes:
    with PILImage.open(BytesIO(jpeg), formats=["JPEG", "PNG"]) as im:
        im.draft("RGB", (max_side, max_side))
        rgb = im.convert("RGB")
        rgb.thumbnail((max_side, max_side), PILImage.Resampling.LANCZOS)
        out = BytesIO()
        rgb.save(out, "JPEG", quality=85, optimize=True)
        return out.getvalue()


def render_report(data: ReportData, progress: Progress | None = None) -> bytes:
    """The PDF report of ``data``; ``progress(done, total)`` counts photos placed.

    ``progress`` may raise to cancel; the exception propagates and nothing is returned.
    """
    return InspectionReport(data, progress).render()
