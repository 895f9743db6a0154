"""A small pad the branch manager signs on with the mouse (or a finger); saved as PNG."""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


class SignaturePad(QWidget):
    """Draw with the mouse; :meth:`png_bytes` returns the drawing (None when empty).

    Signals:
        changed(): a stroke was drawn or the pad was cleared.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(360, 120)
        self.setMaximumHeight(160)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[list[QPoint]] = []
        self._read_only = False

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def is_empty(self) -> bool:
        return not any(len(s) > 1 for s in self._strokes)

    def clear(self) -> None:
        self._strokes = []
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._read_only or event.button() != Qt.MouseButton.LeftButton:
            return
        self._strokes.append([event.position().toPoint()])
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if (
            self._read_only
            or not self._strokes
            or not (event.buttons() & Qt.MouseButton.LeftButton)
        ):
            return
        self._strokes[-1].append(event.position().toPoint())
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self._read_only and self._strokes:
            self.changed.emit()

    def _draw(self, painter: QPainter) -> None:
        pen = QPen(QColor("#10243a"), 2.4)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self._strokes:
            for a, b in itertools.pairwise(stroke):
                painter.drawLine(a, b)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        p.setPen(QPen(QColor("#d5dce5"), 1))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        base = self.height() - 28
        p.setPen(QPen(QColor("#c0c8d2"), 1, Qt.PenStyle.DashLine))
        p.drawLine(16, base, self.width() - 16, base)
        if self.is_empty():
            p.setPen(QColor("#9aa5b1"))
            p.drawText(20, base - 10, self.tr("Sign here"))
        self._draw(p)
        p.end()

    def png_bytes(self) -> bytes | None:
        """The signature as a PNG with a transparent background, or None when empty."""
        if self.is_empty():
            return None
        img = QImage(self.size(), QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        self._draw(p)
        p.end()
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        # The stubs say bytes, but PySide6 only accepts the format as str at runtime.
        img.save(buf, "PNG")  # type: ignore[call-overload]
        buf.close()
        return bytes(data.data())
