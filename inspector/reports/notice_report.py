"""The rectification notice PDF (整改通知书): to print, sign, seal and hand to the branch.

Plain data in (:class:`NoticeReport`), PDF bytes out; nothing here touches the database.
Every user string (item titles, actions, owners, notes) is escaped before it goes into a
``Paragraph`` (ReportLab parses markup), and characters the embedded font lacks fall back
to the other bundled fonts (:func:`inspector.reports.fonts.fallback_markup`).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from inspector.domain.states import Severity
from inspector.reports import cjkwrap
from inspector.reports.fonts import fallback_markup, register_fonts
from inspector.text import Text
from inspector.text import rectification as T
from inspector.text.report import SEVERITIES_SHORT

log = logging.getLogger(__name__)

PHOTO_W = 42 * mm
PHOTO_H = 32 * mm
PHOTOS_PER_ROW = 4
RED = colors.Color(0.69, 0, 0.13)
GREY = colors.Color(0.4, 0.4, 0.4)
RULE = colors.Color(0.7, 0.7, 0.7)


@dataclass(frozen=True)
class Bi:
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return (self.zh if lang == "zh" else self.en) or self.zh or self.en


@dataclass(frozen=True)
class NoticeFinding:
    title: Bi
    seen: Bi
    note: str
    action: str
    owner: str
    deadline: date
    severity: Severity
    repeat: bool
    overdue: bool
    returned_note: str
    inspected_on: date
    photos: list[bytes] = field(default_factory=list)


@dataclass(frozen=True)
class NoticeReport:
    uuid: str
    revision: int
    number: str
    org: str
    branch_code: str
    branch_name: str
    issued_on: date
    deadline: date
    period_from: date | None
    period_to: date | None
    fingerprint: str
    findings: list[NoticeFinding]


class _Notice:
    def __init__(self, data: NoticeReport, lang: str) -> None:
        cjkwrap.install()
        self.d = data
        self.lang = lang
        self.font, self.bold = register_fonts()
        wrap = "CJK" if lang == "zh" else None
        base = ParagraphStyle("base", fontName=self.font, fontSize=10, leading=14, wordWrap=wrap)
        self.s = {
            "base": base,
            "org": ParagraphStyle("org", parent=base, fontSize=12, alignment=TA_CENTER),
            "title": ParagraphStyle(
                "title",
                parent=base,
                fontName=self.bold,
                fontSize=22,
                leading=30,
                alignment=TA_CENTER,
                textColor=RED,
                spaceAfter=2,
            ),
            "number": ParagraphStyle("number", parent=base, alignment=TA_CENTER, spaceAfter=6),
            "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
            "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11.5),
            "head": ParagraphStyle(
                "head", parent=base, fontName=self.bold, fontSize=8.5, leading=11.5
            ),
            "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=10, textColor=GREY),
            "h": ParagraphStyle(
                "h", parent=base, fontName=self.bold, fontSize=11, leading=16, spaceBefore=8
            ),
        }

    def t(self, key: str, **fields: Any) -> str:
        return T.PDF[key].render(self.lang, **fields)

    def p(self, markup: str, style: str = "cell") -> Paragraph:
        """A paragraph of markup whose user strings went through :meth:`esc`."""
        return Paragraph(markup, self.s[style])

    def esc(self, text: str) -> str:
        """A user string as markup: escaped, never losing a character (font fallback)."""
        return fallback_markup(text, self.font).replace("\n", "<br/>")

    def sev(self, key: str) -> str:
        return SEVERITIES_SHORT.get(key, Text(zh=key, en=key)).render(self.lang)

    def story(self, width: float) -> list[Any]:
        d = self.d
        out: list[Any] = []
        if d.org:
            out.append(self.p(self.esc(d.org), "org"))
        out.append(self.p(self.t("title"), "title"))
        number = self.t("number", number=self.esc(d.number))
        if d.revision > 1:
            number += " " + self.t("revision", revision=d.revision)
        out.append(self.p(number, "number"))
        out.append(
            self.p(self.t("to", name=self.esc(d.branch_name), code=self.esc(d.branch_code)), "base")
        )
        out.append(Spacer(1, 2 * mm))
        out.append(self.p(self.t("intro", deadline=f"<b>{d.deadline.isoformat()}</b>"), "base"))
        if d.period_from or d.period_to:
            out.append(
                self.p(
                    self.t(
                        "period",
                        start=d.period_from.isoformat() if d.period_from else "…",
                        end=d.period_to.isoformat() if d.period_to else "…",
                    ),
                    "small",
                )
            )
        out.append(Spacer(1, 3 * mm))
        out.append(self.p(self.t("count", n=len(d.findings)), "small"))
        out.append(self._table(width))
        photos = self._photos(width)
        if photos:
            out.append(self.p(self.t("photos"), "h"))
            out.extend(photos)
        out.append(Spacer(1, 10 * mm))
        out.append(KeepTogether(self._signatures(width)))
        return out

    def _finding_cell(self, f: NoticeFinding) -> Paragraph:
        tags = ""
        if f.repeat:
            tags += f'<font color="#B00020">[{self.t("repeat")}]</font> '
        if f.overdue:
            tags += f'<font color="#B00020">[{self.t("overdue")}]</font> '
        text = f"{tags}<b>{self.esc(f.title.get(self.lang))}</b>"
        seen = f.seen.get(self.lang)
        if seen:
            text += f'<br/><font color="#555555">{self.t("seen")}{self.esc(seen)}</font>'
        if f.note:
            text += f'<br/><font color="#555555">{self.esc(f.note)}</font>'
        text += (
            f'<br/><font size="7" color="#777777">{self.t("inspected")}'
            f"{f.inspected_on.isoformat()}</font>"
        )
        if f.returned_note:
            text += (
                f'<br/><font color="#E65100">{self.t("returned")}{self.esc(f.returned_note)}</font>'
            )
        return self.p(text)

    def _table(self, width: float) -> Table:
        head = [self.p(self.t(k), "head") for k in ("no", "finding", "action", "owner",
                                                        "deadline", "severity")]  # fmt: skip
        rows: list[list[Any]] = [head]
        for n, f in enumerate(self.d.findings, start=1):
            rows.append(
                [
                    self.p(str(n)),
                    self._finding_cell(f),
                    self.p(self.esc(f.action)),
                    self.p(self.esc(f.owner)),
                    self.p(f.deadline.isoformat()),
                    self.p(self.sev(f.severity)),
                ]
            )
        fixed = [9 * mm, 0.0, 0.0, 20 * mm, 21 * mm, 13 * mm]
        rest = width - sum(fixed)
        widths = [fixed[0], rest * 0.58, rest * 0.42, fixed[3], fixed[4], fixed[5]]
        tbl = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        tbl.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.94, 0.96)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ]
            )
        )
        return tbl

    def _photos(self, width: float) -> list[Any]:
        cells: list[Any] = []
        for n, f in enumerate(self.d.findings, start=1):
            for data in f.photos:
                img = _image(data)
                if img is None:
                    continue
                cells.append([img, self.p(self.t("photo_of", no=n), "small")])
        if not cells:
            return []
        rows = [cells[i : i + PHOTOS_PER_ROW] for i in range(0, len(cells), PHOTOS_PER_ROW)]
        rows[-1] = rows[-1] + [""] * (PHOTOS_PER_ROW - len(rows[-1]))
        col = width / PHOTOS_PER_ROW
        tbl = Table(rows, colWidths=[col] * PHOTOS_PER_ROW)
        tbl.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return [tbl]

    def _signatures(self, width: float) -> list[Any]:
        line = "_" * 22
        rows = [
            [self.p(self.t("issuer") + line, "base"), self.p(self.t("receiver") + line, "base")],
            [self.p(self.t("signer") + line, "base"), self.p(self.t("received_on") + line, "base")],
            [self.p(self.t("issued_on") + self.d.issued_on.isoformat(), "base"), ""],
        ]
        tbl = Table(rows, colWidths=[width / 2, width / 2], rowHeights=[12 * mm] * 3)
        tbl.setStyle(
            TableStyle(
                [("FONTNAME", (0, 0), (-1, -1), self.font), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
            )
        )
        return [tbl]

    def footer(self, canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(self.font, 7)
        canvas.setFillColor(GREY)
        text = self.t(
            "footer",
            id=self.d.uuid,
            revision=self.d.revision,
            fingerprint=self.d.fingerprint,
            page=doc.page,
        )
        canvas.drawCentredString(A4[0] / 2, 10 * mm, text)
        canvas.restoreState()


def _image(data: bytes) -> Image | None:
    """A photo scaled into the photo box, keeping its proportions; None if unreadable."""
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(data)) as im:
            w, h = im.size
    except Exception as e:  # an image HQ could not read is left out, never a failed PDF
        log.warning("notice photo left out of the PDF: %s", e)
        return None
    scale = min(PHOTO_W / w, PHOTO_H / h)
    return Image(io.BytesIO(data), width=w * scale, height=h * scale)


def render_notice(data: NoticeReport, *, lang: str = "zh") -> bytes:
    """The notice as PDF bytes (A4 portrait), in ``lang`` (zh or en)."""
    lang = "zh" if lang.startswith("zh") else "en"
    n = _Notice(data, lang)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{T.PDF['title'].render(lang)} {data.number}",
        author=data.org or "Branch Inspector",
        subject=f"{data.branch_code} {data.branch_name}",
        creator="Branch Inspector",
        lang="en-GB" if lang == "en" else "zh-CN",
        # No Helvetica anywhere: it would be a non-embedded font in the file.
        initialFontName=n.font,
    )
    doc.build(n.story(doc.width), onFirstPage=n.footer, onLaterPages=n.footer)
    return buf.getvalue()
