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

from io import BytesIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Frame,
    NextPageTemplate,
    PageTemplate,
)

from inspector.reports.inspection.appendix import AppendixPart
from inspector.reports.inspection.base import Progress, ReportDoc
from inspector.reports.inspection.cover import CoverPart
from inspector.reports.inspection.items import ItemsPart
from inspector.reports.inspection.pages import PagesPart
from inspector.reports.inspection.register import RegisterPart
from inspector.reports.inspection.scores import ScoresPart
from inspector.reports.inspection.signoff import SignOffPart
from inspector.reports.labels import pick
from inspector.reports.model import (
    ReportData,
)
from inspector.text.report import (
    LABELS,
)


class InspectionReport(
    CoverPart, ScoresPart, RegisterPart, ItemsPart, AppendixPart, SignOffPart, PagesPart
):
    """Renders :class:`ReportData` to PDF bytes, part by part (:mod:`inspector.reports.inspection`).

    Attributes:
        data: what to show.
        lang: ``zh``, ``en`` or ``both`` (Chinese with English beneath / beside).
        progress: called with (photos placed, photos total) while the PDF is built.
    """

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
        doc = ReportDoc(
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


def render_report(data: ReportData, progress: Progress | None = None) -> bytes:
    """The PDF report of ``data``; ``progress(done, total)`` counts photos placed.

    ``progress`` may raise to cancel; the exception propagates and nothing is returned.
    """
    return InspectionReport(data, progress).render()
