"""The photo editor: draw annotations and redaction boxes over the upright display image.

Shapes live in a plain list of layer dicts in *original* upright pixel coordinates (the
format of ``Photo.layers``); the scene shows the display image, which is smaller, so every
point is converted with ``scale = display width / photo width`` on the way in and out.
Every change is a QUndoCommand, so undo/redo covers drawing and deleting alike.
"""

from __future__ import annotations

import copy
import logging
import math
import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QBrush,
    QColor,
    QFont,
    QIcon,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
    QUndoCommand,
    QUndoStack,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractGraphicsShapeItem,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from inspector.db import Database
from inspector.errors import UserError
from inspector.services import photos as svc
from inspector.services.commands import photos as commands
from inspector.services.views.photos import EditorPhoto, editor_photo
from inspector.ui.errors import user_text

log = logging.getLogger(__name__)


def os_user() -> str:
    return os.environ.get("INSPECTOR_USER") or os.environ.get("USER") or ""


TOOLS = ("select", "arrow", "rect", "ellipse", "text", "redact_fill", "redact_blur")
_MIN_DRAG = 3.0  # display pixels: a click is not a shape


def _pixmap(data: bytes) -> QPixmap:
    image = QImage.fromData(data)
    return QPixmap.fromImage(image)


class _AddShape(QUndoCommand):
    def __init__(self, editor: PhotoEditorDialog, group: str, shape: dict[str, Any]) -> None:
        super().__init__(QCoreApplication.translate("PhotoEditorDialog", "Add shape"))
        self._editor, self._group, self._shape = editor, group, shape

    def redo(self) -> None:
        self._editor._layers[self._group].append(self._shape)
        self._editor._rebuild()

    def undo(self) -> None:
        self._editor._layers[self._group].remove(self._shape)
        self._editor._rebuild()


class _RemoveShape(QUndoCommand):
    def __init__(self, editor: PhotoEditorDialog, group: str, index: int) -> None:
        super().__init__(QCoreApplication.translate("PhotoEditorDialog", "Delete shape"))
        self._editor, self._group, self._index = editor, group, index
        self._shape = editor._layers[group][index]

    def redo(self) -> None:
        self._editor._layers[self._group].pop(self._index)
        self._editor._rebuild()

    def undo(self) -> None:
        self._editor._layers[self._group].insert(self._index, self._shape)
        self._editor._rebuild()


class _Canvas(QGraphicsView):
    """A view that reports drags in scene coordinates and zooms with the wheel.

    Signals:
        dragged(start, end): a drag (or, for the text tool, a click) ended.
    """

    dragged = Signal(QPointF, QPointF)

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setBackgroundBrush(QBrush(QColor("#2b2f36")))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.tool = "select"
        self._start: QPointF | None = None
        self._rubber: QGraphicsItem | None = None
        self._fitted = True

    def fit(self) -> None:
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        # Fitted, the whole photo is visible: scroll bars would only eat room (and their
        # appearing would make the fit a few pixels too big); zooming brings them back.
        self._scrollbars(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self._fitted = True

    def _scrollbars(self, policy: Qt.ScrollBarPolicy) -> None:
        self.setHorizontalScrollBarPolicy(policy)
        self.setVerticalScrollBarPolicy(policy)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            factor = 1.15**steps
            current = self.transform().m11()
            if 0.05 < current * factor < 16:
                self._scrollbars(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
                self.scale(factor, factor)
                self._fitted = False
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def _clamp(self, p: QPointF) -> QPointF:
        r = self.sceneRect()
        return QPointF(min(max(p.x(), r.left()), r.right()), min(max(p.y(), r.top()), r.bottom()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.tool == "select" or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._start = self._clamp(self.mapToScene(event.position().toPoint()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._start is None:
            super().mouseMoveEvent(event)
            return
        end = self._clamp(self.mapToScene(event.position().toPoint()))
        if self._rubber is None:
            pen = QPen(QColor("#ffcc00"), 0, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            if self.tool == "arrow":
                self._rubber = self.scene().addLine(0, 0, 0, 0, pen)
            else:
                self._rubber = self.scene().addRect(QRectF(), pen)
            self._rubber.setZValue(100)
        if isinstance(self._rubber, QGraphicsRectItem):
            self._rubber.setRect(QRectF(self._start, end).normalized())
        elif isinstance(self._rubber, QGraphicsLineItem):
            self._rubber.setLine(self._start.x(), self._start.y(), end.x(), end.y())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._start is None:
            super().mouseReleaseEvent(event)
            return
        start, self._start = self._start, None
        if self._rubber is not None:
            self.scene().removeItem(self._rubber)
            self._rubber = None
        end = self._clamp(self.mapToScene(event.position().toPoint()))
        self.dragged.emit(start, end)
        event.accept()


class PhotoEditorDialog(QDialog):
    """Annotate and redact one photo; Save writes ``Photo.layers`` through the services.

    Attributes:
        photo_id: the photo being edited.
        read_only: True for photos of finalized inspections (view and preview only).

    Signals:
        layers_saved(photo_id): the layers were saved (committed).
    """

    layers_saved = Signal(str)

    def __init__(
        self,
        db: Database,
        photo_id: str,
        parent: QWidget | None = None,
        read_only: bool = False,
        *,
        photo: EditorPhoto | None = None,
        save_layers: Callable[[str, dict[str, Any]], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        # Another owner of photos (the Rectification screen) passes its own photo and
        # save function; by default the photo is an inspection's.
        self._save_layers = save_layers
        photo = photo if photo is not None else editor_photo(db, photo_id)
        self.photo_id = photo.id
        self._uuid = photo.inspection  # the photo is saved as one of this inspection's
        self._width, self._height = photo.width, photo.height
        self._display = photo.display
        self._layers: dict[str, list[dict[str, Any]]] = {
            "annotations": copy.deepcopy(photo.layers.get("annotations", [])),
            "redactions": copy.deepcopy(photo.layers.get("redactions", [])),
        }
        withheld, finalized, title = photo.withheld, photo.finalized, photo.title
        #: Who is recorded in the audit log; the embedding window may set it.
        self.actor = photo.inspector or os_user()
        self.read_only = read_only or withheld or finalized
        self._withheld = withheld
        self._saved = copy.deepcopy(self._layers)
        self._color = QColor(svc.DEFAULT_COLOR)
        self._line_width = svc.default_line_width(self._width, self._height)
        self._text_size = svc.default_text_size(self._width, self._height)
        self._previewing = False

        self.setWindowTitle(self.tr("Photo editor – %1").replace("%1", title))
        self.setMinimumSize(900, 640)
        self.undo_stack = QUndoStack(self)
        self.scene = QGraphicsScene(self)
        self._base = _pixmap(self._display)
        self._scale = self._base.width() / self._width
        self._pixmap_item = QGraphicsPixmapItem(self._base)
        self._pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self._pixmap_item)
        self.scene.setSceneRect(QRectF(self._base.rect()))
        self.view = _Canvas(self.scene, self)
        self.view.dragged.connect(self._on_drag)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.tool_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        labels = {
            "select": (self.tr("Select"), "S"),
            "arrow": (self.tr("Arrow"), "A"),
            "rect": (self.tr("Rectangle"), "R"),
            "ellipse": (self.tr("Ellipse"), "E"),
            "text": (self.tr("Text"), "T"),
            "redact_fill": (self.tr("Redact (fill)"), "F"),
            "redact_blur": (self.tr("Redact (blur)"), "B"),
        }
        for tool in TOOLS:
            label, key = labels[tool]
            act = QAction(label, self)
            act.setCheckable(True)
            act.setShortcut(QKeySequence(key))
            act.setToolTip(f"{label} ({key})")
            act.triggered.connect(lambda _c=False, t=tool: self.set_tool(t))
            group.addAction(act)
            self.toolbar.addAction(act)
            self.tool_actions[tool] = act
        self.toolbar.addSeparator()
        self.delete_action = QAction(self.tr("Delete shape"), self)
        self.delete_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")]
        )
        self.delete_action.triggered.connect(self.delete_selected)
        self.toolbar.addAction(self.delete_action)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.toolbar.addAction(self.undo_action)
        self.toolbar.addAction(self.redo_action)
        self.toolbar.addSeparator()
        self.color_button = QToolButton(self)
        self.color_button.setText(self.tr("Colour"))
        self.color_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.color_button.clicked.connect(self._choose_color)
        self.toolbar.addWidget(self.color_button)
        self.toolbar.addSeparator()
        self.preview_action = QAction(self.tr("Preview"), self)
        self.preview_action.setCheckable(True)
        self.preview_action.setToolTip(self.tr("Show the result as it will appear in reports"))
        self.preview_action.toggled.connect(self.set_preview)
        self.toolbar.addAction(self.preview_action)
        fit = QAction(self.tr("Fit"), self)
        fit.triggered.connect(self.view.fit)
        self.toolbar.addAction(fit)

        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        if self.read_only:
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
            self.buttons.rejected.connect(self.reject)
        else:
            self.buttons.setStandardButtons(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
            self.buttons.accepted.connect(self.save)
            self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

        self._update_color_icon()
        self.undo_stack.cleanChanged.connect(self._update_hint)
        self.scene.selectionChanged.connect(self._update_actions)
        if self.read_only:
            for tool, act in self.tool_actions.items():
                act.setEnabled(tool == "select")
            self.color_button.setEnabled(False)
        self.set_tool("select")
        self._rebuild()
        if self._layers["redactions"] and not withheld:
            # What a redaction hides is shown only on request: a redacted photo opens as it
            # is exported; switching Preview off (or picking a drawing tool) shows the rest.
            self.set_preview(True)

    # ------------------------------------------------------------ public API
    @property
    def layers(self) -> dict[str, Any]:
        """The current (unsaved) layers in original upright pixel coordinates."""
        return {k: copy.deepcopy(v) for k, v in self._layers.items() if v}

    @property
    def scale(self) -> float:
        """Display pixels per original pixel."""
        return self._scale

    def set_tool(self, tool: str) -> None:
        if tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r}")
        if self.read_only and tool != "select":
            return
        self.tool_actions[tool].setChecked(True)
        self.view.tool = tool
        if tool != "select" and self._previewing:
            self.set_preview(False)
        drag = (
            QGraphicsView.DragMode.RubberBandDrag
            if tool == "select"
            else QGraphicsView.DragMode.NoDrag
        )
        self.view.setDragMode(drag)
        cursor = Qt.CursorShape.ArrowCursor if tool == "select" else Qt.CursorShape.CrossCursor
        self.view.viewport().setCursor(cursor)
        self._update_hint()

    def set_color(self, color: QColor) -> None:
        if color.isValid():
            self._color = color
            self._update_color_icon()

    def delete_selected(self) -> None:
        if self.read_only:
            return
        chosen = [it for it in self.scene.selectedItems() if it.data(0) is not None]
        # Highest index first, so earlier removals do not shift later ones.
        keys = sorted({(it.data(0), int(it.data(1))) for it in chosen}, key=lambda k: -k[1])
        if not keys:
            return
        self.undo_stack.beginMacro(self.tr("Delete shapes"))
        for group, index in keys:
            self.undo_stack.push(_RemoveShape(self, group, index))
        self.undo_stack.endMacro()

    def set_preview(self, on: bool) -> None:
        """Show the rendered result (redactions applied) instead of the editable shapes."""
        self._previewing = on
        if self.preview_action.isChecked() != on:
            self.preview_action.setChecked(on)
        self._rebuild()
        self._update_hint()

    def save(self) -> None:
        if self.read_only:
            return
        try:
            if self._save_layers is not None:
                self._save_layers(self.photo_id, self.layers)
            else:
                commands.set_layers(
                    self._db, self._uuid, self.photo_id, self.layers, actor=self.actor
                )
        except UserError as e:
            QMessageBox.warning(self, self.tr("Cannot save"), user_text(e))
            return
        self._saved = copy.deepcopy(self._layers)
        self.undo_stack.setClean()
        self.layers_saved.emit(self.photo_id)
        self.accept()

    # ------------------------------------------------------------ drawing
    def _to_original(self, p: QPointF) -> tuple[int, int]:
        x = min(max(round(p.x() / self._scale), 0), self._width)
        y = min(max(round(p.y() / self._scale), 0), self._height)
        return x, y

    def _on_drag(self, start: QPointF, end: QPointF) -> None:
        tool = self.view.tool
        color = self._color.name().upper()
        if tool == "text":
            text, ok = QInputDialog.getText(self, self.tr("Text label"), self.tr("Label:"))
            if not ok or not text.strip():
                return
            x, y = self._to_original(start)
            shape: dict[str, Any] = {
                "kind": "text",
                "x": x,
                "y": y,
                "text": text.strip(),
                "color": color,
                "width": self._line_width,
                "size": self._text_size,
            }
            self.undo_stack.push(_AddShape(self, "annotations", shape))
            return
        if math.hypot(end.x() - start.x(), end.y() - start.y()) < _MIN_DRAG:
            return
        x1, y1 = self._to_original(start)
        x2, y2 = self._to_original(end)
        if tool == "arrow":
            if (x1, y1) == (x2, y2):
                return
            shape = {"kind": "arrow", "x1": x1, "y1": y1, "x2": x2, "y2": y2}
            shape |= {"color": color, "width": self._line_width}
            self.undo_stack.push(_AddShape(self, "annotations", shape))
            return
        x, y, w, h = min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1)
        if w < 1 or h < 1:
            return
        if tool in ("rect", "ellipse"):
            shape = {"kind": tool, "x": x, "y": y, "w": w, "h": h}
            shape |= {"color": color, "width": self._line_width}
            self.undo_stack.push(_AddShape(self, "annotations", shape))
        elif tool in ("redact_fill", "redact_blur"):
            style = "fill" if tool == "redact_fill" else "blur"
            shape = {"x": x, "y": y, "w": w, "h": h, "style": style}
            self.undo_stack.push(_AddShape(self, "redactions", shape))

    def _rebuild(self) -> None:
        """Recreate the shape items from the layer lists (few shapes: cheap and simple)."""
        for old in self.scene.items():
            if old is not self._pixmap_item:
                self.scene.removeItem(old)
        if self._previewing:
            data = svc.preview(self._display, self.layers, self._width)
            self._pixmap_item.setPixmap(_pixmap(data))
            self._update_actions()
            return
        self._pixmap_item.setPixmap(self._base)
        k = self._scale
        for i, r in enumerate(self._layers["redactions"]):
            rect = QRectF(r["x"] * k, r["y"] * k, r["w"] * k, r["h"] * k)
            box = QGraphicsRectItem(rect)
            fill = QColor(0, 0, 0, 255) if r.get("style") == "fill" else QColor(120, 120, 120, 200)
            box.setBrush(
                QBrush(
                    fill,
                    Qt.BrushStyle.SolidPattern
                    if r.get("style") == "fill"
                    else Qt.BrushStyle.Dense3Pattern,
                )
            )
            pen = QPen(QColor("#ffcc00"), 0, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            box.setPen(pen)
            self._register(box, "redactions", i)
        for i, a in enumerate(self._layers["annotations"]):
            color = QColor(a.get("color", svc.DEFAULT_COLOR))
            pen = QPen(color, max(1.0, a.get("width", self._line_width) * k))
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            kind = a["kind"]
            item: QAbstractGraphicsShapeItem
            if kind in ("rect", "ellipse"):
                rect = QRectF(a["x"] * k, a["y"] * k, a["w"] * k, a["h"] * k)
                item = QGraphicsRectItem(rect) if kind == "rect" else QGraphicsEllipseItem(rect)
                item.setPen(pen)
            elif kind == "arrow":
                item = QGraphicsPathItem(_arrow_path(a, k, pen.widthF()))
                item.setPen(pen)
                item.setBrush(QBrush(color))
            else:
                text_item = QGraphicsSimpleTextItem(a["text"])
                font = QFont()
                font.setPixelSize(max(4, round(a.get("size", self._text_size) * k)))
                text_item.setFont(font)
                text_item.setBrush(QBrush(color))
                text_item.setPos(a["x"] * k, a["y"] * k)
                item = text_item
            self._register(item, "annotations", i)
        self._update_actions()

    def _register(self, item: QAbstractGraphicsShapeItem, group: str, index: int) -> None:
        item.setData(0, group)
        item.setData(1, index)
        if not self.read_only:
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.scene.addItem(item)

    # ------------------------------------------------------------ chrome
    def _choose_color(self) -> None:
        self.set_color(QColorDialog.getColor(self._color, self, self.tr("Annotation colour")))

    def _update_color_icon(self) -> None:
        pm = QPixmap(QSize(16, 16))
        pm.fill(self._color)
        self.color_button.setIcon(QIcon(pm))

    def _update_actions(self) -> None:
        has_selection = any(it.data(0) is not None for it in self.scene.selectedItems())
        self.delete_action.setEnabled(has_selection and not self.read_only)

    def _update_hint(self, *_: object) -> None:
        if self.read_only:
            text = self.tr(
                "Read-only: this photo's inspection is finalized or its original was withheld."
            )
            if self._previewing and not self._withheld:
                text += "  " + self.tr("Preview off shows the original under the redactions.")
        else:
            hints = {
                "select": self.tr("Click a shape to select it; Delete removes it. Wheel zooms."),
                "arrow": self.tr("Drag from the tail to the point of the arrow."),
                "rect": self.tr("Drag to draw a rectangle."),
                "ellipse": self.tr("Drag to draw an ellipse."),
                "text": self.tr("Click where the label should start."),
                "redact_fill": self.tr(
                    "Drag over what must be hidden: it is blacked out in reports and exports."
                ),
                "redact_blur": self.tr(
                    "Drag over what must be hidden: it is blurred beyond recognition."
                ),
            }
            text = hints[self.view.tool]
            if self._previewing:
                text = self.tr(
                    "Shown as exported, redactions applied. Switch Preview off to see the "
                    "original and edit the shapes."
                )
            if not self.undo_stack.isClean():
                text += "  " + self.tr("(unsaved changes)")
        self.hint.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.view.fit()

    def reject(self) -> None:
        if not self.read_only and not self.undo_stack.isClean() and self.isVisible():
            answer = QMessageBox.question(
                self,
                self.tr("Discard changes?"),
                self.tr("The photo has unsaved annotations or redactions. Discard them?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()


def _arrow_path(a: dict[str, Any], k: float, width: float) -> QPainterPath:
    x1, y1, x2, y2 = (a[key] * k for key in ("x1", "y1", "x2", "y2"))
    length = math.hypot(x2 - x1, y2 - y1)
    head = min(max(4.0 * width, 10.0), length * 0.5)
    ang = math.atan2(y2 - y1, x2 - x1)
    spread = math.radians(25)
    path = QPainterPath(QPointF(x1, y1))
    path.lineTo(x2 - head * 0.8 * math.cos(ang), y2 - head * 0.8 * math.sin(ang))
    tip = QPolygonF(
        [
            QPointF(x2, y2),
            QPointF(x2 - head * math.cos(ang - spread), y2 - head * math.sin(ang - spread)),
            QPointF(x2 - head * math.cos(ang + spread), y2 - head * math.sin(ang + spread)),
        ]
    )
    path.addPolygon(tip)
    path.closeSubpath()
    return path
