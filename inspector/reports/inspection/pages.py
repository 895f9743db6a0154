"""Page furniture: running header, watermark, footer, page numbers, the numbered canvas."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
)

from inspector import paths
from inspector.reports.inspection.base import GREY, RULE, ReportBase, clip_text
from inspector.reports.labels import pick
from inspector.text.report import (
    LABELS,
)


class PagesPart(ReportBase):
    """Page furniture: running header, watermark, footer, page numbers, the numbered canvas."""

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
        canv.drawString(self.margin_x, y, clip_text(canv, left, self.font, 8, self.width * 0.45))
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
