"""The HQ report's trend chart: monthly average score, all regions and each region."""

from __future__ import annotations

from itertools import pairwise

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

_GREY = colors.Color(0.45, 0.45, 0.45)

_LINE_COLOURS = [
    colors.Color(0.84, 0.37, 0.0),
    colors.Color(0.0, 0.45, 0.70),
    colors.Color(0.0, 0.62, 0.45),
    colors.Color(0.80, 0.47, 0.65),
    colors.Color(0.90, 0.62, 0.0),
    colors.Color(0.34, 0.71, 0.91),
    colors.Color(0.5, 0.5, 0.5),
    colors.Color(0.6, 0.3, 0.1),
]


class TrendChart(Flowable):  # type: ignore[misc]
    """Monthly average score: all regions (thick) and each region (thin), with a legend.

    Drawn straight on the canvas in the bundled font (a ReportLab ``Drawing`` would set
    Helvetica, an unembedded font, first)."""

    def __init__(
        self,
        width: float,
        height: float,
        *,
        title: str,
        overall: list[tuple[str, float]],
        regions: dict[str, list[tuple[str, float]]],
        all_label: str,
        font: str,
        bold: str,
    ) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.title, self.overall, self.regions = title, overall, regions
        self.all_label, self.font, self.bold = all_label, font, bold

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        cv = self.canv
        width, height = self.width, self.height
        months = sorted(
            {m for m, _ in self.overall} | {m for s in self.regions.values() for m, _ in s}
        )
        left, bottom, right, top = 26.0, 34.0, width - 6.0, height - 18.0
        cv.saveState()
        cv.setFont(self.bold, 10)
        cv.drawString(0, height - 11, self.title)
        if not months:
            cv.setFont(self.font, 9)
            cv.drawString(left, (bottom + top) / 2, "—")
            cv.restoreState()
            return
        values = [v for _, v in self.overall] + [v for s in self.regions.values() for _, v in s]
        lo = max(0.0, (min(values) // 10) * 10)
        hi = 100.0
        if hi - lo < 10:
            lo = hi - 10

        def x(m: str) -> float:
            i = months.index(m)
            return left + (right - left) * (i / (len(months) - 1) if len(months) > 1 else 0.5)

        def y(v: float) -> float:
            return bottom + (top - bottom) * (v - lo) / (hi - lo)

        step = 10.0 if hi - lo > 30 else 5.0
        tick = lo
        cv.setFont(self.font, 7)
        cv.setLineWidth(0.4)
        while tick <= hi + 1e-9:
            cv.setStrokeColor(colors.Color(0.88, 0.88, 0.88))
            cv.line(left, y(tick), right, y(tick))
            cv.setFillColor(_GREY)
            cv.drawRightString(left - 3, y(tick) - 2.5, f"{tick:.0f}")
            tick += step
        every = max(1, -(-len(months) // 9))
        cv.setFont(self.font, 6.5)
        for i, m in enumerate(months):
            if i % every == 0 or i == len(months) - 1:
                cv.drawCentredString(x(m), bottom - 10, m)

        def line(series: list[tuple[str, float]], col: colors.Color, w: float) -> None:
            pts = [(x(m), y(v)) for m, v in series]
            cv.setStrokeColor(col)
            cv.setLineWidth(w)
            for (x1, y1), (x2, y2) in pairwise(pts):
                cv.line(x1, y1, x2, y2)

        legend: list[tuple[str, colors.Color, float]] = [(self.all_label, colors.black, 2.0)]
        for n, (region, series) in enumerate(sorted(self.regions.items())):
            col = _LINE_COLOURS[n % len(_LINE_COLOURS)]
            line(series, col, 0.8)
            legend.append((region, col, 0.8))
        line(self.overall, colors.black, 2.0)
        cv.setFillColor(colors.black)
        for m, v in self.overall:
            cv.circle(x(m), y(v), 1.6, stroke=0, fill=1)
        lx, ly = left, 14.0
        cv.setFont(self.font, 7)
        for name, col, w in legend:
            label_w = pdfmetrics.stringWidth(name, self.font, 7)
            if lx + 16 + label_w > right:
                lx, ly = left, ly - 9
            cv.setStrokeColor(col)
            cv.setLineWidth(w)
            cv.line(lx, ly + 2.5, lx + 10, ly + 2.5)
            cv.setFillColor(colors.black)
            cv.drawString(lx + 12, ly, name)
            lx += 22 + label_w
        cv.restoreState()
