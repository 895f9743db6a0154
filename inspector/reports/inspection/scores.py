"""Scores by section (table and chart) and the visit facts."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
)

from inspector.domain import numbers
from inspector.reports.inspection.base import (
    AMBER,
    GREEN,
    GREY,
    RED,
    ReportBase,
    _bar_label,
    esc,
    fmt_num,
)
from inspector.text.report import (
    LABELS,
    REMARK,
)


class ScoresPart(ReportBase):
    """Scores by section (table and chart) and the visit facts."""

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
