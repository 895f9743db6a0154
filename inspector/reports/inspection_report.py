"""The PDF report of one inspection (ReportLab only; no database, no Qt).

Built like pretix's invoice renderer: a class with overridable ``_register_fonts``,
``_get_stylesheet`` (named ParagraphStyles), ``_get_story``, a first-page and a later-page
template, and a numbered canvas that writes "第 x 页 / 共 y 页" once the page count is
known. The PDF is built in memory and returned as bytes.

Safety: every string that comes from users or checklist files goes through :func:`esc`
before it reaches Paragraph markup (a Paragraph would otherwise embed ``<img src=...>``
files, follow ``<a href>`` links or fail on an unclosed ``<b>``). Long text lives in
Paragraphs outside tables, or in tables with ``splitInRow`` so a long cell breaks across
pages instead of raising LayoutError.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from io import BytesIO
from typing import Any

from PIL import Image as PILImage
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
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

from inspector.reports.fonts import fallback_markup, has_glyph, register_fonts
from inspector.reports.labels import LABELS, MODES, OUTCOMES, SEVERITIES, pick
from inspector.reports.model import (
    LANGS,
    PHOTO_BOX_MM,
    PHOTO_PRINT_DPI,
    Bi,
    FindingRow,
    ItemRow,
    PhotoData,
    ReportData,
)

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

# Characters a Paragraph cannot take even escaped (XML 1.0 forbids most C0 controls).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

RED = colors.HexColor("#B00020")
GREEN = colors.HexColor("#2E7D32")
AMBER = colors.HexColor("#C77700")
GREY = colors.HexColor("#666666")
LIGHT = colors.HexColor("#EEF1F5")
RULE = colors.HexColor("#9AA5B1")
HEAD_BG = colors.HexColor("#DDE3EA")


def esc(text: object) -> str:
    """User text as safe Paragraph markup: escaped, control characters dropped, newlines kept."""
    s = _CONTROL.sub("", str(text))
    # fallback_markup escapes, and routes glyphs the CJK font lacks to fallback fonts.
    return fallback_markup(s).replace("\r\n", "\n").replace("\n", "<br/>")


def fmt_dt(value: datetime | None) -> str:
    """A stored UTC time in the machine's local zone, with its offset (no ambiguity)."""
    if value is None:
        return "—"
    local = value.astimezone()
    off = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} (UTC{off[:3]}:{off[3:]})"


def fmt_date(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.astimezone().date()
    return value.isoformat()


def fmt_num(value: float) -> str:
    """Points without noise: 3, 2.5, 1.33."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value == value else "—"


class _ReportDoc(BaseDocTemplate):  # type: ignore[misc]  # ReportLab is untyped
    """A doc template that adds outline entries and reports progress as flowables land."""

    def __init__(self, buf: BytesIO, report: InspectionReport, **kw: Any) -> None:
        super().__init__(buf, **kw)
        self.report = report

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "_outline", None)
        if outline is not None:
            title, level, key = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)
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
        self.data = data
        self.lang = data.lang
        self.progress = progress
        self._photos_total = len(data.photos)
        self._photos_done = 0
        self._bookmark_n = 0
        self._register_fonts()
        self.styles = self._get_stylesheet()
        self.width = self.pagesize[0] - 2 * self.margin_x

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

        add("Title", fontName=fb, fontSize=20, leading=26, alignment=TA_CENTER, spaceAfter=2)
        add("Subtitle", fontSize=11, leading=15, alignment=TA_CENTER, textColor=GREY)
        add(
            "H1",
            fontName=fb,
            fontSize=15,
            leading=20,
            spaceBefore=4,
            spaceAfter=6,
            textColor=colors.HexColor("#1F3A5F"),
        )
        add(
            "H2",
            fontName=fb,
            fontSize=12,
            leading=16,
            spaceBefore=8,
            spaceAfter=4,
            textColor=colors.HexColor("#1F3A5F"),
        )
        add("ItemHead", fontName=fb, fontSize=10, leading=14, spaceBefore=6, spaceAfter=1)
        add("Small", fontSize=8, leading=10.5, textColor=GREY)
        add("Cell", fontSize=8.5, leading=11)
        add("CellHead", fontName=fb, fontSize=8.5, leading=11)
        add("CellRight", fontSize=8.5, leading=11, alignment=TA_RIGHT)
        add("Caption", fontSize=7.5, leading=9.5, textColor=GREY)
        add("Mono", fontSize=8, leading=10.5)
        add("Big", fontName=fb, fontSize=30, leading=34, alignment=TA_CENTER)
        add("BigLabel", fontSize=10, leading=13, alignment=TA_CENTER, textColor=GREY)
        add("Verdict", fontName=fb, fontSize=14, leading=18, alignment=TA_CENTER)
        add("Veto", fontName=fb, fontSize=12, leading=16, textColor=RED)
        add("VetoItem", fontSize=10, leading=14, textColor=RED, leftIndent=8)
        add("Draft", fontName=fb, fontSize=11, leading=15, textColor=RED, alignment=TA_CENTER)
        return s

    # ------------------------------------------------------------------ text helpers
    def t(self, key: str, sep: str = " / ") -> str:
        """A fixed label as markup; ``sep`` (markup, e.g. ``<br/>``) joins zh and en."""
        zh, en = LABELS[key]
        return pick((esc(zh), esc(en)), self.lang, sep)

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

    def pair(self, table: dict[str, tuple[str, str]], key: str) -> str:
        return esc(pick(table.get(key, (key, key)), self.lang))

    def p(self, markup: str, style: str = "Body") -> Paragraph:
        return Paragraph(markup, self.styles[style])

    def _check_glyphs(self, text: str) -> None:
        if not has_glyph(text, self.font):
            log.warning("report text has characters the bundled font lacks: %r", text[:80])

    def _heading(self, markup: str, plain: str, level: int, style: str) -> Paragraph:
        """A heading that also becomes a PDF outline (bookmark) entry."""
        para = self.p(markup, style)
        self._bookmark_n += 1
        para._outline = (plain, level, f"s{self._bookmark_n}")
        return para

    # ------------------------------------------------------------------ story
    def _get_story(self) -> list[Flowable]:
        story: list[Flowable] = [NextPageTemplate("later")]
        story += self._cover()
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

    # ---- cover and summary
    def _cover(self) -> list[Flowable]:
        d = self.data
        out: list[Flowable] = []
        out.append(
            self._heading(self.t("title", "<br/>"), pick(LABELS["summary"], self.lang), 0, "Title")
        )
        out.append(self.p(self.bi(d.checklist.title, small_en=False), "Subtitle"))
        out.append(Spacer(1, 4 * mm))
        if d.draft:
            out.append(self._boxed(self.p(self.t("draft_note", "<br/>"), "Draft"), RED))
            out.append(Spacer(1, 3 * mm))
        if d.score.veto_failures:
            out.append(self._veto_box())
            out.append(Spacer(1, 3 * mm))
        out.append(self._score_box())
        out.append(Spacer(1, 4 * mm))
        out.append(self._info_table())
        out.append(Spacer(1, 4 * mm))
        out.append(self._heading(self.t("sections"), pick(LABELS["sections"], self.lang), 1, "H2"))
        out.append(self._section_table())
        out.append(Spacer(1, 3 * mm))
        out.append(KeepTogether([self.p(self.t("chart"), "Small"), self._section_chart()]))
        if d.inspection.visit or d.inspection.narrative.strip():
            out += self._visit()
        out.append(PageBreak())
        return out

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
                self.p(f"• [{esc(v.item_id)}] {self.bi(v.text, small_en=False)}", "VetoItem")
            )
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
        cells = [
            [
                self.p(self.t("total"), "BigLabel"),
                self.p(self.t("grade"), "BigLabel"),
                self.p(self.t("result"), "BigLabel"),
            ],
            [
                self.p(f"{sc.total:.2f}", "Big"),
                self.p(
                    f'{grade}<br/><font size="9" color="#666666">{esc(sc.grade)}</font>', "Verdict"
                ),
                self.p(f'<font color="{verdict_colour}">{verdict}</font>', "Verdict"),
            ],
        ]
        extra = (
            f"{self.t('answered')} {sc.answered} / {sc.visible} · "
            f"{self.t('penalties')} {fmt_num(sc.penalties)}"
        )
        cells.append([self.p(extra, "Small"), "", ""])
        w = self.width / 3
        tbl = Table(cells, colWidths=[w, w, w])
        tbl.setStyle(
            self._ts(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                    ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("SPAN", (0, 2), (-1, 2)),
                    ("LINEBEFORE", (1, 0), (2, 1), 0.4, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return tbl

    def _info_table(self) -> Table:
        d, m, b = self.data, self.data.inspection, self.data.branch
        branch = esc(f"{b.code} {b.name}".strip())
        if b.region:
            branch += f' <font color="#666666">({esc(b.region)})</font>'
        rows: list[tuple[str, str]] = [
            ("branch", branch),
            ("address", esc(b.address) if b.address else "—"),
            ("started", esc(fmt_dt(m.started_at))),
            (
                "finalized",
                esc(fmt_dt(m.finalized_at)) if m.finalized_at else self.t("not_finalized"),
            ),
            ("inspector", esc(m.inspector) or "—"),
            ("mode", self.pair(MODES, m.mode)),
            (
                "checklist",
                f"{esc(d.checklist.id)} v{esc(d.checklist.version)} — "
                f"{self.bi(d.checklist.title, small_en=False)}",
            ),
            ("checklist_sha", esc(d.checklist.sha256)),
            ("report_id", f"{esc(m.uuid)} · {self.t('revision')} {m.revision}"),
        ]
        if m.supersedes_revision is not None:
            rows.append(
                (
                    "amended",
                    f"r{m.supersedes_revision} → r{m.revision}: {esc(m.amendment_reason or '')}",
                )
            )
        label_w = 34 * mm if self.lang != "zh" else 26 * mm
        data = [[self.p(self.t(k), "CellHead"), self.p(v, "Cell")] for k, v in rows]
        tbl = Table(data, colWidths=[label_w, self.width - label_w], splitInRow=1)
        style = self._table_style(header=False)
        style.append(("BACKGROUND", (0, 0), (0, -1), LIGHT))
        tbl.setStyle(self._ts(style))
        return tbl

    def _section_table(self) -> Table:
        head = [self.p(self.t(k), "CellHead") for k in ("section", "weight", "points", "percent")]
        rows: list[list[Flowable]] = [head]
        style = self._table_style()
        for n, s in enumerate(self.data.sections, start=1):
            if s.percent is None:
                pct = self.t("na")
            else:
                pct = f"{s.percent:.1f}%"
                if s.gated:
                    pct += f'<br/><font color="#B00020" size="7">{self.t("gated")}</font>'
            rows.append(
                [
                    self.p(self.bi(s.title), "Cell"),
                    self.p(fmt_num(s.weight), "CellRight"),
                    self.p(f"{fmt_num(s.earned)} / {fmt_num(s.possible)}", "CellRight"),
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
        values = [s.percent if s.percent is not None else 0.0 for s in ordered]
        chart.data = [values]
        names = []
        for s in ordered:
            title = s.title.get("en" if self.lang == "en" else "zh")
            title = title if len(title) <= 22 else title[:21] + "…"
            names.append(
                title
                + (
                    " (" + pick(LABELS["na"], "en" if self.lang == "en" else "zh") + ")"
                    if s.percent is None
                    else ""
                )
            )
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
        chart.barLabelFormat = "%.1f"
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
            out.append(self._heading(self.t("visit"), pick(LABELS["visit"], self.lang), 1, "H2"))
            rows = [
                [self.p(self.bi(k, small_en=False), "CellHead"), self.p(esc(v), "Cell")]
                for k, v in m.visit
            ]
            tbl = Table(rows, colWidths=[40 * mm, self.width - 40 * mm], splitInRow=1)
            tbl.setStyle(self._ts(self._table_style(header=False)))
            out.append(tbl)
        if m.narrative.strip():
            out.append(
                self._heading(self.t("narrative"), pick(LABELS["narrative"], self.lang), 1, "H2")
            )
            out.append(self.p(esc(m.narrative.strip()), "Body"))
        return out

    # ---- findings (整改清单)
    def _findings(self) -> list[Flowable]:
        out: list[Flowable] = [
            self._heading(self.t("findings"), pick(LABELS["findings"], self.lang), 0, "H1")
        ]
        findings = self.data.findings
        if not findings:
            out.append(self.p(self.t("no_findings")))
            out.append(Spacer(1, 6 * mm))
            return out
        keys = ("no", "item", "seen", "lost", "severity", "action", "owner", "deadline")
        widths_mm = (8, 40, 38, 11, 17, 27, 14, 20)
        scale = self.width / (sum(widths_mm) * mm)
        widths = [w * mm * scale for w in widths_mm]
        rows: list[list[Flowable]] = [[self.p(self.t(k, "<br/>"), "CellHead") for k in keys]]
        style = self._table_style()
        for n, f in enumerate(findings, start=1):
            rows.append(self._finding_row(n, f))
            if f.veto:
                style += [
                    ("BACKGROUND", (0, n), (-1, n), colors.HexColor("#FDECEC")),
                    ("LINEBEFORE", (0, n), (0, n), 2.5, RED),
                ]
        tbl = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        tbl.setStyle(self._ts(style))
        out.append(tbl)
        out.append(Spacer(1, 6 * mm))
        return out

    def _finding_row(self, n: int, f: FindingRow) -> list[Flowable]:
        tags = []
        if f.veto:
            tags.append(f'<font color="#B00020">[{self.t("veto_tag")}]</font>')
        elif f.critical:
            tags.append(f'<font color="#C77700">[{self.t("critical_tag")}]</font>')
        item = f"{' '.join(tags)} <b>{esc(f.item_id)}</b><br/>{self.bi(f.text)}"
        if f.source:
            item += f'<br/><font color="#666666" size="7">{self.t("source")}: {esc(f.source)}'
            item += "</font>"
        sev_colour = {"high": "#B00020", "medium": "#C77700"}.get(f.severity, "#333333")
        return [
            self.p(str(n), "Cell"),
            self.p(item, "Cell"),
            self.p(esc(f.note) if f.note else "—", "Cell"),
            self.p(fmt_num(f.points_lost), "CellRight"),
            self.p(
                f'<font color="{sev_colour}">{self.pair(SEVERITIES, f.severity)}</font>', "Cell"
            ),
            self.p(esc(f.action) if f.action else "—", "Cell"),
            self.p(esc(f.owner) if f.owner else "—", "Cell"),
            self.p(esc(fmt_date(f.deadline)), "Cell"),
        ]

    # ---- item details
    def _item_details(self) -> list[Flowable]:
        out: list[Flowable] = [
            CondPageBreak(60 * mm),
            self._heading(self.t("details"), pick(LABELS["details"], self.lang), 0, "H1"),
        ]
        by_section: dict[str, list[ItemRow]] = {}
        for item in self.data.items:
            by_section.setdefault(item.section_id, []).append(item)
        for sec in self.data.sections:
            items = [i for i in by_section.get(sec.id, []) if i.outcome != "hidden" or i.photos]
            if not items:
                continue
            plain = sec.title.get("en" if self.lang == "en" else "zh")
            head: Flowable | None = self._heading(
                self.bi(sec.title, small_en=False), plain, 1, "H2"
            )
            for item in items:
                top, rest = self._item_block(item)
                if head is not None:
                    # Keep the section heading with its first item (no orphan heading).
                    top.insert(0, head)
                    head = None
                out.append(KeepTogether(top))
                out += rest
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
        head = self.p(f"{esc(item.id)}{tags} · {self.bi(item.text)}", "ItemHead")
        pts = (
            f"{fmt_num(item.points)} / {fmt_num(item.max_points)}"
            if item.max_points > 0 or item.outcome in ("pass", "partial", "fail")
            else "—"
        )
        if item.penalty > 0:
            pts += f" (−{fmt_num(item.penalty)})"
        line = (
            f"{self.t('answer')}: {self.bi(item.answer, small_en=False)} · "
            f'{self.t("result")}: <font color="{colour}">{self.pair(OUTCOMES, item.outcome)}'
            f"</font> · {self.t('points')}: {pts}"
        )
        head_block: list[Flowable] = [head, self.p(line, "Body")]
        if item.source:
            head_block.append(self.p(f"{self.t('source')}: {esc(item.source)}", "Small"))
        out: list[Flowable] = []
        note = item.note.strip()
        short_note = len(note) <= 400
        if note:
            para = self.p(f"{self.t('note')}: {esc(note)}", "Body")
            # A short note stays with the heading; a long one flows across pages on its own
            # (outside any table and any KeepTogether, so it can split).
            (head_block if short_note else out).append(para)
        if item.photos:
            rows = self._photo_grid(item.photos)
            if short_note:
                # The first row of photos stays on the page of the item it belongs to.
                head_block += [Spacer(1, 1.5 * mm), rows.pop(0)]
            else:
                out.append(Spacer(1, 1.5 * mm))
            out += rows
        out.append(Spacer(1, 2 * mm))
        return head_block, out

    def _photo_grid(self, photos: Sequence[PhotoData]) -> list[Flowable]:
        """Two photos per row; one small table per row so rows break between pages."""
        col_w = self.width / 2
        box_w = min(PHOTO_BOX_MM * mm, col_w - 6)
        box_h = 70 * mm
        out: list[Flowable] = []
        for start in range(0, len(photos), 2):
            pair = photos[start : start + 2]
            cells: list[list[Flowable]] = []
            for photo in pair:
                cells.append(
                    [
                        self._photo_image(photo, box_w, box_h),
                        self.p(self._caption(photo), "Caption"),
                    ]
                )
            while len(cells) < 2:
                cells.append([Spacer(1, 1)])
            tbl = Table([cells], colWidths=[col_w, col_w])
            tbl.setStyle(
                self._ts(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 3),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                        ("TOPPADDING", (0, 0), (-1, -1), 2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ]
                )
            )
            tbl._photo_row = len(pair)
            out.append(tbl)
        return out

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
        parts = [f"<b>{esc(photo.item_id)}</b>"]
        parts.append(
            f"{self.t('taken')} {esc(fmt_dt(photo.taken_at))} ({self.t('device_time')})"
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
            self._heading(self.t("appendix"), pick(LABELS["appendix"], self.lang), 0, "H1"),
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
        out += [tbl, Spacer(1, 4 * mm)]
        out.append(self.p(self.t("photos"), "H2"))
        photos = d.photos
        if not photos:
            out.append(self.p(self.t("no_photos")))
            return out
        out.append(self.p(self.t("device_claim", "<br/>"), "Small"))
        out.append(Spacer(1, 2 * mm))
        keys = ("no", "item", "photo_sha", "taken_col", "imported")
        widths_mm = (9, 28, 66, 36, 36)
        scale = self.width / (sum(widths_mm) * mm)
        rows: list[list[Flowable]] = [[self.p(self.t(k, "<br/>"), "CellHead") for k in keys]]
        for n, ph in enumerate(photos, start=1):
            taken = esc(fmt_dt(ph.taken_at)) if ph.taken_at else "—"
            if ph.gps is not None:
                taken += f"<br/>{ph.gps[0]:.5f}, {ph.gps[1]:.5f}"
            rows.append(
                [
                    self.p(str(n), "Cell"),
                    self.p(esc(ph.item_id), "Cell"),
                    self.p(esc(ph.sha256), "Mono"),
                    self.p(taken, "Cell"),
                    self.p(esc(fmt_dt(ph.imported_at)), "Cell"),
                ]
            )
        tbl = Table(rows, colWidths=[w * mm * scale for w in widths_mm], repeatRows=1, splitInRow=1)
        tbl.setStyle(self._ts(self._table_style()))
        out.append(tbl)
        return out

    # ---- sign-off
    def _signoff(self) -> list[Flowable]:
        s = self.data.signoff
        out: list[Flowable] = [
            Spacer(1, 6 * mm),
            self._heading(self.t("signoff"), pick(LABELS["signoff"], self.lang), 0, "H1"),
        ]
        if s.manager_signature:
            sig: Flowable = self._signature_image(s.manager_signature)
        else:
            sig = Spacer(1, 16 * mm)
        half = self.width / 2
        date_txt = esc(fmt_date(s.signed_at)) if s.signed_at else ""
        rows = [
            [self.p(self.t("inspector"), "CellHead"), self.p(self.t("manager"), "CellHead")],
            [self.p(esc(s.inspector) or " ", "Body"), self.p(esc(s.manager_name) or " ", "Body")],
            [
                self.p(f"{self.t('date')}: {date_txt}", "Small"),
                self.p(f"{self.t('signature')}:", "Small"),
            ],
            [Spacer(1, 16 * mm), sig],
        ]
        tbl = Table(rows, colWidths=[half, half])
        tbl.setStyle(
            self._ts(
                [
                    ("BOX", (0, 0), (0, -1), 0.6, RULE),
                    ("BOX", (1, 0), (1, -1), 0.6, RULE),
                    ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        out.append(KeepTogether([tbl]))
        return out

    def _signature_image(self, png: bytes) -> Flowable:
        try:
            with PILImage.open(BytesIO(png), formats=["PNG"]) as im:
                w_px, h_px = im.size
        except (OSError, ValueError):
            log.warning("manager signature is not a readable PNG; left blank")
            return Spacer(1, 16 * mm)
        scale = min(60 * mm / w_px, 22 * mm / h_px)
        return Image(BytesIO(png), width=w_px * scale, height=h_px * scale, hAlign="LEFT")

    # ------------------------------------------------------------------ pages
    def _header_text(self) -> tuple[str, str]:
        b, m = self.data.branch, self.data.inspection
        left = f"{b.code} {b.name}".strip()
        right = f"{pick(LABELS['report_id'], self.lang)} {m.report_id}"
        if self.data.draft:
            right = f"{pick(LABELS['draft'], self.lang)} · {right}"
        return left, right

    def _draw_watermark(self, canv: Canvas) -> None:
        if not self.data.draft:
            return
        w, h = self.pagesize
        canv.saveState()
        canv.setFillColor(RED)
        canv.setFillAlpha(0.13)
        canv.translate(w / 2, h / 2)
        canv.rotate(40)
        canv.setFont(self.font_bold, 64)
        canv.drawCentredString(0, 20, pick(LABELS["draft"], "zh"))
        canv.setFont(self.font_bold, 54)
        canv.drawCentredString(0, -50, pick(LABELS["draft"], "en"))
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
        canv.drawString(self.margin_x, y, _clip(canv, left, self.font, 8, self.width * 0.55))
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
            canv.drawString(
                self.margin_x, y, f"{pick(LABELS['generated'], self.lang)} {fmt_dt(gen)}"
            )
        canv.restoreState()

    def _page_number_text(self, page: int, pages: int) -> str:
        zh, en = LABELS["page"]
        if self.lang == "zh":
            return zh.format(page=page, pages=pages)
        if self.lang == "en":
            return en.format(page=page, pages=pages)
        return f"{zh.format(page=page, pages=pages)} · {en.format(page=page, pages=pages)}"

    def _canvas_maker(self) -> type[Canvas]:
        report = self

        class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
            """Holds pages back until the end so each can say how many pages there are."""

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
                    self.saveState()
                    self.setFont(report.font, 8)
                    self.setFillColor(GREY)
                    self.drawRightString(
                        report.pagesize[0] - report.margin_x,
                        10 * mm,
                        report._page_number_text(self._pageNumber, total),
                    )
                    self.restoreState()
                    # Over the content (translucent), so a full-page photo cannot hide it.
                    report._draw_watermark(self)
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
            f"{fmt_date(d.inspection.started_at)}"
        )
        if d.draft:
            title = f"[{pick(LABELS['draft'], self.lang)}] {title}"
        doc = _ReportDoc(
            buf,
            self,
            pagesize=self.pagesize,
            title=title,
            author=d.inspection.inspector or d.signoff.inspector,
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
        for text in (d.branch.name, d.branch.address, d.inspection.inspector):
            self._check_glyphs(text)
        story = self._get_story()
        if self.progress is not None:
            self.progress(0, self._photos_total)
        doc.build(story, canvasmaker=self._canvas_maker())
        if self.progress is not None:
            self.progress(self._photos_total, self._photos_total)
        return buf.getvalue()


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
