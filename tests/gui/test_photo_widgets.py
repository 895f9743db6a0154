"""The evidence strip and the photo editor, driven like a user would (offscreen Qt)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QLayout, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.services import photo_variants
from inspector.services import photos as svc
from inspector.services.inspections import lookup, signoff
from inspector.ui.photos.editor import PhotoEditorDialog
from inspector.ui.photos.strip import EvidenceStrip, IngestOutcome
from tests.conftest import PHOTOS
from tests.gui.conftest import make_inspection

ITEM = "ex.ramp"


@pytest.fixture
def strip(qtbot: QtBot, db: Database, qapp: QApplication) -> Iterator[EvidenceStrip]:
    # Embedded as in the app: a top-level window whose size limits follow its children
    # makes the offscreen platform warn ("does not support propagateSizeHints").
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    w = EvidenceStrip(db, host)
    layout.addWidget(w)
    qtbot.addWidget(host)
    host.resize(700, 240)
    host.show()
    qtbot.waitExposed(host)
    yield w  # (the host stays referenced until teardown)


def _drop(widget: EvidenceStrip, files: list[Path]) -> bool:
    """Drag files over the strip and drop them, as the platform would; True if accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    # Qt delivers a drop only to the widget that accepted the drag entering it.
    enter = QDragEnterEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_dropped_files_are_added_off_the_gui_thread(
    qtbot: QtBot, db: Database, strip: EvidenceStrip, tmp_path: Path
) -> None:
    uuid = make_inspection(db)
    strip.set_target(uuid, ITEM, read_only=False)
    assert strip.model.rowCount() == 0
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.5\n")
    with (
        qtbot.waitSignal(strip.ingest_finished, timeout=20_000) as finished,
        qtbot.waitSignal(strip.photos_changed, timeout=20_000),
    ):
        accepted = _drop(strip, [PHOTOS / "Landscape_6.jpg", bad, PHOTOS / "Portrait_3.jpg"])
        assert accepted
        assert strip.is_busy() and strip.progress.isVisible()
        assert not strip.add_button.isEnabled()
    outcome = finished.args[0]
    assert isinstance(outcome, IngestOutcome)
    assert len(outcome.added) == 2
    assert strip.model.rowCount() == 2
    assert not strip.progress.isVisible()
    assert strip.message.isVisible() and "scan.pdf was refused" in strip.message.text()
    assert "PDF document" in strip.message.text()
    with db.session() as s:
        stored = {p.id for p in svc.photos_of(lookup.get(s, uuid), ITEM)}
    assert stored == set(outcome.added)
    # Dropping the same photo again is reported, not stored twice.
    with qtbot.waitSignal(strip.ingest_finished, timeout=20_000):
        _drop(strip, [PHOTOS / "Landscape_6.jpg"])
    assert strip.model.rowCount() == 2
    assert "already in this inspection" in strip.message.text()


def test_read_only_strip_refuses_drops(qtbot: QtBot, db: Database, strip: EvidenceStrip) -> None:
    uuid = make_inspection(db)
    strip.set_target(uuid, ITEM, read_only=True)
    assert not _drop(strip, [PHOTOS / "Landscape_1.jpg"])
    assert not strip.is_busy()
    assert not strip.add_button.isEnabled()


def test_pasted_image_is_added(qtbot: QtBot, db: Database, strip: EvidenceStrip) -> None:
    uuid = make_inspection(db)
    strip.set_target(uuid, ITEM, read_only=False)
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    QGuiApplication.clipboard().setImage(image)
    with qtbot.waitSignal(strip.photos_changed, timeout=20_000):
        strip.paste()
    assert strip.model.rowCount() == 1
    with db.session() as s:
        (p,) = svc.photos_of(lookup.get(s, uuid), ITEM)
        assert (p.format, p.width, p.height) == ("PNG", 320, 200)


def test_delete_selected_photo(
    qtbot: QtBot, db: Database, strip: EvidenceStrip, monkeypatch: pytest.MonkeyPatch
) -> None:
    uuid = make_inspection(db)
    with db.session() as s:
        svc.add_files(s, lookup.get(s, uuid), ITEM, [PHOTOS / "Landscape_1.jpg"], actor="t")
    strip.set_target(uuid, ITEM, read_only=False)
    strip.view.setCurrentIndex(strip.model.index(0))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(strip.photos_changed, timeout=5_000):
        assert strip.delete_selected() == 1
    assert strip.model.rowCount() == 0


def _photo(db: Database, name: str = "Landscape_1.jpg") -> tuple[str, str]:
    uuid = make_inspection(db)
    with db.session() as s:
        res = svc.add_files(s, lookup.get(s, uuid), ITEM, [PHOTOS / name], actor="t")
        return uuid, res.added[0].id


@pytest.fixture
def editor_for(qtbot: QtBot, db: Database, styled_app: QApplication):  # type: ignore[no-untyped-def]
    def make(pid: str, read_only: bool = False) -> PhotoEditorDialog:
        dialog = PhotoEditorDialog(db, pid, read_only=read_only)
        qtbot.addWidget(dialog)
        dialog.resize(1100, 780)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def _drag(
    qtbot: QtBot, dialog: PhotoEditorDialog, a: tuple[float, float], b: tuple[float, float]
) -> None:
    """Drag between two points given in display-image (scene) pixels."""
    vp = dialog.view.viewport()
    p1 = dialog.view.mapFromScene(QPointF(*a))
    p2 = dialog.view.mapFromScene(QPointF(*b))
    mid = QPoint((p1.x() + p2.x()) // 2, (p1.y() + p2.y()) // 2)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=p1)
    qtbot.mouseMove(vp, mid)
    qtbot.mouseMove(vp, p2)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=p2)


def test_draw_redaction_save_and_render(qtbot: QtBot, db: Database, editor_for) -> None:  # type: ignore[no-untyped-def]
    _uuid, pid = _photo(db)
    dialog = editor_for(pid)
    k = dialog.scale
    assert k == pytest.approx(1600 / 1800, rel=0.01)
    dialog.tool_actions["redact_fill"].trigger()
    # Original box 450,300 - 900,750 in upright pixels, drawn on the smaller display.
    _drag(qtbot, dialog, (450 * k, 300 * k), (900 * k, 750 * k))
    dialog.tool_actions["arrow"].trigger()
    _drag(qtbot, dialog, (1500 * k, 1000 * k), (1100 * k, 800 * k))
    layers = dialog.layers
    (box,) = layers["redactions"]
    assert box["style"] == "fill"
    # The view rounds to whole device pixels: a few original pixels of slack.
    assert box["x"] == pytest.approx(450, abs=4) and box["y"] == pytest.approx(300, abs=4)
    assert box["w"] == pytest.approx(450, abs=5) and box["h"] == pytest.approx(450, abs=5)
    assert layers["annotations"][0]["kind"] == "arrow"
    # Undo takes the arrow away, redo brings it back.
    dialog.undo_action.trigger()
    assert "annotations" not in dialog.layers
    dialog.redo_action.trigger()
    assert len(dialog.layers["annotations"]) == 1
    with qtbot.waitSignal(dialog.layers_saved, timeout=5_000) as saved:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert saved.args == [pid]
    with db.session() as s:
        photo = svc.get(s, pid)
        assert photo.layers["redactions"] == [box]
        rendered = Image.open(
            io.BytesIO(photo_variants.variant_bytes(s, photo, "rendered"))
        ).convert("RGB")
    inner = rendered.crop(
        (box["x"] + 3, box["y"] + 3, box["x"] + box["w"] - 3, box["y"] + box["h"] - 3)
    )
    assert max(ImageStat.Stat(inner).var) < 2 and max(ImageStat.Stat(inner).mean) < 3


def test_select_and_delete_shape_and_preview(qtbot: QtBot, db: Database, editor_for) -> None:  # type: ignore[no-untyped-def]
    _uuid, pid = _photo(db, "Portrait_6.jpg")
    dialog = editor_for(pid)
    k = dialog.scale
    dialog.tool_actions["redact_blur"].trigger()
    _drag(qtbot, dialog, (100 * k, 100 * k), (600 * k, 500 * k))
    assert dialog.layers["redactions"][0]["style"] == "blur"
    dialog.set_preview(True)
    assert dialog.preview_action.isChecked()
    dialog.set_preview(False)
    dialog.tool_actions["select"].trigger()
    vp = dialog.view.viewport()
    qtbot.mouseClick(
        vp, Qt.MouseButton.LeftButton, pos=dialog.view.mapFromScene(QPointF(300 * k, 300 * k))
    )
    assert dialog.delete_action.isEnabled()
    dialog.delete_action.trigger()
    assert dialog.layers == {}
    dialog.undo_action.trigger()
    assert len(dialog.layers["redactions"]) == 1
    # Closing with unsaved changes asks first; mark clean so teardown closes quietly.
    dialog.undo_stack.setClean()


def test_finalized_photo_opens_read_only(qtbot: QtBot, db: Database, editor_for) -> None:  # type: ignore[no-untyped-def]
    uuid, pid = _photo(db)
    with db.session() as s:
        signoff.finalize(s, lookup.get(s, uuid), by="t", force=True)
    dialog = editor_for(pid)
    assert dialog.read_only
    assert not dialog.tool_actions["redact_fill"].isEnabled()
    assert dialog.buttons.button(dialog.buttons.StandardButton.Save) is None


def test_editor_screenshot(qtbot: QtBot, db: Database, editor_for) -> None:  # type: ignore[no-untyped-def]
    _uuid, pid = _photo(db, "Landscape_8.jpg")
    with db.session() as s:
        photo = svc.get(s, pid)
        svc.set_layers(
            s,
            photo,
            {
                "annotations": [
                    {"kind": "arrow", "x1": 300, "y1": 900, "x2": 700, "y2": 650},
                    {"kind": "ellipse", "x": 700, "y": 450, "w": 400, "h": 300},
                    {"kind": "text", "x": 80, "y": 980, "text": "坡道扶手缺失"},
                ],
                "redactions": [{"x": 1300, "y": 80, "w": 350, "h": 220, "style": "blur"}],
            },
            actor="t",
        )
    dialog = editor_for(pid)
    assert dialog.toolbar.sizeHint().width() <= dialog.width()
    shots = Path(os.environ.get("INSPECTOR_SHOTS", "/tmp/shots"))
    shots.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(shots / "photo_editor.png"))
    dialog.set_preview(True)
    assert dialog.grab().save(str(shots / "photo_editor_preview.png"))


def test_chinese_translation_is_complete_and_used(
    qtbot: QtBot,
    db: Database,
    editor_for,
    qapp: QApplication,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import QTranslator

    from inspector import paths

    ts = paths.resource_path("i18n", "photos_zh_CN.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts
    translator = QTranslator()
    assert translator.load(str(paths.resource_path("i18n", "photos_zh_CN.qm")))
    qapp.installTranslator(translator)
    try:
        _uuid, pid = _photo(db)
        dialog = editor_for(pid)
        assert dialog.tool_actions["redact_fill"].text() == "遮挡（涂黑）"
    finally:
        qapp.removeTranslator(translator)
