"""What every part of the inspection report shares: the set-up (fonts, styles), the text
helpers that escape and translate, table styles, and the flowables that record pages.

The parts (:mod:`.cover`, :mod:`.scores`, :mod:`.register`, :mod:`.items`, :mod:`.appendix`,
:mod:`.signoff`, :mod:`.pages`) each add their methods to :class:`ReportBase`;
:class:`inspector.reports.inspection_report.InspectionReport` puts them together.
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
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Image,
    Paragraph,
    TableStyle,
)

from inspector.domain import numbers, timefmt
from inspector.domain.checklist import Mode
from inspector.domain.states import FindingState, Severity
from inspector.reports import cjkwrap
from inspector.reports.fonts import fallback_markup, has_glyph, register_fonts
from inspector.reports.labels import pick, source_text
from inspector.reports.model import (
    LANGS,
    PHOTO_SIZES,
    Bi,
    FindingRow,
    ReportData,
)
from inspector.text import Text
from inspector.text.findings import CLOSED_VIA
from inspector.text.report import (
    COLON,
    LABELS,
    NO,
    RESULTS,
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


class PageRef(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """ "详见第 N 页" for an anchor that may lie on a later page: drawn when pages are saved."""

    def __init__(self, report: ReportBase, key: str, template: str, size: float) -> None:
        super().__init__()
        self.report, self.key, self.template, self.size = report, key, template, size

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self.width = avail_w
        return avail_w, self.size * 1.35

    def draw(self) -> None:
        # The canvas knows where this flowable sits on the page only now (inside tables).
        e, f = self.canv._currentMatrix[4:6]
        self.report._refs.append((self.canv.getPageNumber(), e, f, self.key, self.template))


class ReportDoc(BaseDocTemplate):  # type: ignore[misc]  # ReportLab is untyped
    """A doc template that records where headings and anchors land, and reports progress."""

    def __init__(self, buf: BytesIO, report: ReportBase, **kw: Any) -> None:
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


class ReportBase:
    """The state and helpers every part of the report uses.

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

    def _image_fit(self, data: bytes, max_w: float, max_h: float, what: str) -> Image | None:
        try:
            with PILImage.open(BytesIO(data), formats=["PNG", "JPEG"]) as im:
                w_px, h_px = im.size
        except (OSError, ValueError):
            log.warning("%s is not a readable PNG or JPEG; left out", what)
            return None
        scale = min(max_w / w_px, max_h / h_px)
        return Image(BytesIO(data), width=w_px * scale, height=h_px * scale, hAlign="LEFT")

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

    def _photo_placed(self, n: int) -> None:
        self._photos_done += n
        if self.progress is not None:
            self.progress(min(self._photos_done, self._photos_total), self._photos_total)


def _bar_label(value: float | None) -> str:
    return numbers.percent(value, missing="")


def clip_text(canv: Canvas, text: str, font: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis so a header line never runs into its neighbour."""
    if canv.stringWidth(text, font, size) <= width:
        return text
    while text and canv.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def downscale(jpeg: bytes, max_side: int) -> bytes:
    with PILImage.open(BytesIO(jpeg), formats=["JPEG", "PNG"]) as im:
        im.draft("RGB", (max_side, max_side))
        rgb = im.convert("RGB")
        rgb.thumbnail((max_side, max_side), PILImage.Resampling.LANCZOS)
        out = BytesIO()
        rgb.save(out, "JPEG", quality=85, optimize=True)
        return out.getvalue()
