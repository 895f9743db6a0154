"""Small QPainter charts for the HQ dashboard (QtCharts is not part of PySide6-Essentials).

* :class:`SparklineDelegate` draws a branch's last scores inside a table cell.
* :class:`HeatmapWidget` draws area x branch cells coloured by score, number inside.
* :class:`BarChart` draws horizontal bars (items failed most often).
* :class:`TrendChart` draws one line per series over months (score trend by region).

Colours follow the same bands as the PDF report, so a screen and a printout read alike.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from inspector.domain import numbers

log = logging.getLogger(__name__)

HISTORY_ROLE = Qt.ItemDataRole.UserRole + 10

_MUTED = QColor("#5f6b7a")
_GRID = QColor("#d5dce5")
_EMPTY = QColor("#eceff3")
SERIES_COLOURS = [
    "#1f4e79",
    "#c62828",
    "#2e7d32",
    "#e08a00",
    "#6a1b9a",
    "#00838f",
    "#5d4037",
    "#ad1457",
    "#455a64",
]


def score_colour(value: float | None) -> QColor:
    """Red below 60, orange below 70, yellow below 80, light green below 90, green."""
    if value is None:
        return _EMPTY
    if value < 60:
        return QColor("#f4a09a")
    if value < 70:
        return QColor("#f9c78c")
    if value < 80:
        return QColor("#fce69a")
    if value < 90:
        return QColor("#bfe5b3")
    return QColor("#8dd18d")


class SparklineDelegate(QStyledItemDelegate):
    """Draws the list of floats in ``HISTORY_ROLE`` as a small line, last point marked."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        values = index.data(HISTORY_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if not values:
            return
        rect = QRectF(option.rect).adjusted(6, 5, -6, -5)
        draw_sparkline(painter, rect, list(values))

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(90, 24)


def draw_sparkline(painter: QPainter, rect: QRectF, values: Sequence[float]) -> None:
    if not values or rect.width() <= 2 or rect.height() <= 2:
        return
    lo, hi = min(values), max(values)
    if hi - lo < 10:  # a flat line for small changes would exaggerate noise
        mid = (hi + lo) / 2
        lo, hi = mid - 5, mid + 5
    n = len(values)

    def pt(i: int, v: float) -> QPointF:
        x = rect.left() + (rect.width() * i / (n - 1) if n > 1 else rect.width() / 2)
        y = rect.bottom() - (v - lo) / (hi - lo) * rect.height()
        return QPointF(x, y)

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath(pt(0, values[0]))
    for i, v in enumerate(values[1:], start=1):
        path.lineTo(pt(i, v))
    painter.setPen(QPen(QColor("#1f4e79"), 1.4))
    painter.drawPath(path)
    last = pt(n - 1, values[-1])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(score_colour(values[-1]).darker(140))
    painter.drawEllipse(last, 2.6, 2.6)
    painter.restore()


@dataclass(frozen=True, slots=True)
class HeatmapData:
    rows: list[str]  # row labels (branches)
    columns: list[str]  # column labels (areas)
    values: list[list[float | None]]


class HeatmapWidget(QWidget):
    """Cells coloured by score with the number inside; rows are branches, columns areas.

    Signals:
        row_activated(int): a row (its label or a cell) was double-clicked.
    """

    CELL_W = 86
    CELL_H = 24
    row_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = HeatmapData([], [], [])
        self._empty_text = ""
        self.setMinimumHeight(60)

    def set_data(self, data: HeatmapData, empty_text: str = "") -> None:
        self._data = data
        self._empty_text = empty_text
        self.updateGeometry()
        self.resize(self.sizeHint())
        self.update()

    def data(self) -> HeatmapData:
        return self._data

    def _label_width(self) -> int:
        fm = QFontMetrics(self.font())
        widest = max((fm.horizontalAdvance(r) for r in self._data.rows), default=0)
        return min(260, widest + 16)

    def _header_height(self) -> int:
        # Tall enough for the longest wrapped area title, so nothing is cut off.
        fm = QFontMetrics(self.font())
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
        tallest = max(
            (
                fm.boundingRect(QRect(0, 0, self.CELL_W - 4, 1000), flags, c).height()
                for c in self._data.columns
            ),
            default=fm.height(),
        )
        return tallest + 10

    def sizeHint(self) -> QSize:
        d = self._data
        if not d.rows:
            return QSize(300, 60)
        return QSize(
            self._label_width() + self.CELL_W * len(d.columns) + 4,
            self._header_height() + self.CELL_H * len(d.rows) + 4,
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def row_at(self, y: int) -> int | None:
        """The row under vertical position ``y`` (None: the header or below the rows)."""
        hh = self._header_height()
        if y < hh or not self._data.rows:
            return None
        row = (y - hh) // self.CELL_H
        return row if row < len(self._data.rows) else None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(int(event.position().y()))
        if row is not None:
            self.row_activated.emit(row)
        super().mouseDoubleClickEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        d = self._data
        if not d.rows or not d.columns:
            p.setPen(_MUTED)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)
            p.end()
            return
        fm = QFontMetrics(self.font())
        lw, hh = self._label_width(), self._header_height()
        p.setPen(_MUTED)
        for ci, col in enumerate(d.columns):
            r = QRect(lw + ci * self.CELL_W, 0, self.CELL_W, hh - 4)
            flags = (
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignBottom
                | Qt.TextFlag.TextWordWrap
            )
            p.drawText(r.adjusted(2, 0, -2, 0), int(flags), col)
        clip = event.rect()
        first = max(0, (clip.top() - hh) // self.CELL_H)
        last = min(len(d.rows), (clip.bottom() - hh) // self.CELL_H + 1)
        for ri in range(first, last):
            y = hh + ri * self.CELL_H
            p.setPen(QColor("#1f2933"))
            label = fm.elidedText(d.rows[ri], Qt.TextElideMode.ElideRight, lw - 10)
            p.drawText(
                QRect(4, y, lw - 8, self.CELL_H),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                label,
            )
            for ci, v in enumerate(d.values[ri]):
                cell = QRect(lw + ci * self.CELL_W + 1, y + 1, self.CELL_W - 2, self.CELL_H - 2)
                p.fillRect(cell, score_colour(v))
                if v is not None:
                    p.setPen(QColor("#1f2933"))
                    p.drawText(cell, Qt.AlignmentFlag.AlignCenter, numbers.percent(v))
        p.end()


class BarChart(QWidget):
    """Horizontal bars with a label on the left and the value at the bar's end."""

    BAR_H = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[str, float, str]] = []  # label, value, tooltip
        self._empty_text = ""
        self.setMinimumHeight(80)

    def set_items(self, items: Sequence[tuple[str, float, str]], empty_text: str = "") -> None:
        self._items = list(items)
        self._empty_text = empty_text
        self.updateGeometry()
        self.update()

    def items(self) -> list[tuple[str, float, str]]:
        return list(self._items)

    def sizeHint(self) -> QSize:
        return QSize(520, max(80, self.BAR_H * len(self._items) + 12))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._items:
            p.setPen(_MUTED)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)
            p.end()
            return
        fm = QFontMetrics(self.font())
        w = self.width()
        label_w = min(int(w * 0.5), 420)
        value_w = fm.horizontalAdvance("00000") + 8
        bar_max = max(10, w - label_w - value_w - 16)
        top = max(v for _, v, _ in self._items) or 1.0
        for i, (label, value, _tip) in enumerate(self._items):
            y = 6 + i * self.BAR_H
            p.setPen(QColor("#1f2933"))
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 8)
            p.drawText(
                QRect(4, y, label_w - 8, self.BAR_H),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                text,
            )
            bw = int(bar_max * value / top)
            bar = QRect(label_w, y + 4, max(2, bw), self.BAR_H - 8)
            p.fillRect(bar, QColor("#c62828") if i < 3 else QColor("#e57373"))
            p.setPen(QColor("#1f2933"))
            p.drawText(
                QRect(label_w + bw + 6, y, value_w, self.BAR_H),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                f"{value:g}",
            )
        p.end()

    def tooltip_at(self, y: int) -> str:
        i = (y - 6) // self.BAR_H
        return self._items[i][2] if 0 <= i < len(self._items) else ""

    def event(self, e: object) -> bool:  # show the full item text on hover
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QHelpEvent
        from PySide6.QtWidgets import QToolTip

        if isinstance(e, QHelpEvent) and e.type() == QEvent.Type.ToolTip:
            tip = self.tooltip_at(e.pos().y())
            if tip:
                QToolTip.showText(e.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)  # type: ignore[arg-type]


class TrendChart(QWidget):
    """Lines over ordered periods; one series per region, a legend, a 0-100 style axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._periods: list[str] = []
        self._series: list[tuple[str, list[float | None]]] = []
        self._empty_text = ""
        self.setMinimumSize(400, 240)

    def set_series(
        self,
        periods: Sequence[str],
        series: Sequence[tuple[str, list[float | None]]],
        empty_text: str = "",
    ) -> None:
        self._periods = list(periods)
        self._series = list(series)
        self._empty_text = empty_text
        self.update()

    def series(self) -> list[tuple[str, list[float | None]]]:
        return list(self._series)

    def sizeHint(self) -> QSize:
        return QSize(640, 320)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._periods or not self._series:
            p.setPen(_MUTED)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)
            p.end()
            return
        fm = QFontMetrics(self.font())
        legend_w = min(200, max(fm.horizontalAdvance(n) for n, _ in self._series) + 34)
        left, top = fm.horizontalAdvance("100") + 12, 10
        right = self.width() - legend_w - 10
        bottom = self.height() - fm.height() - 12
        plot = QRectF(left, top, max(10, right - left), max(10, bottom - top))
        vals = [v for _, vs in self._series for v in vs if v is not None]
        lo = math.floor(min(vals) / 10) * 10 if vals else 0
        hi = math.ceil(max(vals) / 10) * 10 if vals else 100
        if hi - lo < 20:
            lo, hi = max(0, lo - 10), min(100, hi + 10)
        if hi <= lo:
            hi = lo + 10

        def y_of(v: float) -> float:
            return plot.bottom() - (v - lo) / (hi - lo) * plot.height()

        n = len(self._periods)

        def x_of(i: int) -> float:
            return plot.left() + (plot.width() * i / (n - 1) if n > 1 else plot.width() / 2)

        p.setPen(QPen(_GRID, 1))
        step = 10 if hi - lo <= 50 else 20
        v = lo
        while v <= hi:
            y = y_of(v)
            p.setPen(QPen(_GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(_MUTED)
            p.drawText(
                QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"{v}",
            )
            v += step
        label_every = max(
            1, math.ceil(n / max(1, int(plot.width() // (fm.horizontalAdvance("2024-01") + 12))))
        )
        for i, period in enumerate(self._periods):
            if i % label_every and i != n - 1:
                continue
            x = x_of(i)
            p.drawText(
                QRectF(x - 40, plot.bottom() + 4, 80, fm.height()),
                int(Qt.AlignmentFlag.AlignHCenter),
                period,
            )
        for si, (name, values) in enumerate(self._series):
            colour = QColor(SERIES_COLOURS[si % len(SERIES_COLOURS)])
            pen = QPen(colour, 2.4 if si == 0 else 1.6)
            p.setPen(pen)
            path: QPainterPath | None = None
            for i, val in enumerate(values):
                if val is None:
                    continue
                pt = QPointF(x_of(i), y_of(val))
                if path is None:
                    path = QPainterPath(pt)
                else:
                    path.lineTo(pt)
            if path is not None:
                p.drawPath(path)
            ly = top + si * (fm.height() + 4)
            p.fillRect(QRectF(right + 14, ly + fm.height() / 2 - 2, 14, 4), colour)
            p.setPen(QColor("#1f2933"))
            p.drawText(
                QRectF(right + 32, ly, legend_w - 24, fm.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                fm.elidedText(name, Qt.TextElideMode.ElideRight, legend_w - 26),
            )
        p.end()
