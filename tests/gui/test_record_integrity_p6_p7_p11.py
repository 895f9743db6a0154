"""Issue 12, points 6, 7 and 11: pasted photos keep their bytes, thumbnails never show what a
redaction hides, and the screens fit a 1366x768 laptop in both languages with no English left
on the Chinese ones."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.services import inspections as insp_svc
from inspector.services import photos as photo_svc
from inspector.services import reports as report_svc
from inspector.ui.main_window import MainWindow
from inspector.ui.photos.editor import PhotoEditorDialog
from tests.conftest import PHOTOS
from tests.gui.conftest import make_inspection

ITEM = "ex.ramp"


def _img(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean per-pixel difference (0-255) of two images scaled to the same small size."""
    size = (64, 48)
    diff = ImageChops.difference(a.resize(size), b.resize(size))
    return sum(ImageStat.Stat(diff).mean) / 3


# ---------------------------------------------------------------- point 6
def test_p6_pasted_jpeg_keeps_original_bytes(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    """A clipboard with the encoded JPEG (as file managers, browsers and phones' companion
    apps offer it) stores those bytes, EXIF orientation honoured; a bare bitmap is a PNG."""
    uuid = make_inspection(db)
    window.open_inspection(uuid, ITEM)
    original = (PHOTOS / "Landscape_3.jpg").read_bytes()  # EXIF orientation 3 (upside down)
    mime = QMimeData()
    # The decoded bitmap comes without the orientation: stored as it is, it is upside down.
    mime.setImageData(QImage.fromData(original))
    mime.setData("image/jpeg", original)
    QGuiApplication.clipboard().setMimeData(mime)
    strip = window.runner.evidence
    with qtbot.waitSignal(strip.ingest_finished, timeout=20_000) as done:
        window.paste_action.trigger()
    assert done.args[0].added, done.args[0]
    with db.session() as s:
        (p,) = photo_svc.photos_of(insp_svc.get(s, uuid), ITEM)
        assert p.format == "JPEG"
        assert photo_svc.variant_bytes(s, p, "original") == original
        shown = _img(photo_svc.variant_bytes(s, p, "display"))
        report = report_svc.build_report_data(s, insp_svc.get(s, uuid), "en")
    upright = _img((PHOTOS / "Landscape_1.jpg").read_bytes())
    assert _difference(shown, upright) < 12, "the pasted photo is not upright in the app"
    (photo,) = next(i for i in report.items if i.id == ITEM).photos
    assert _difference(_img(photo.jpeg), upright) < 12, (
        "the pasted photo is not upright in the report"
    )

    # A bare bitmap (a screenshot tool, an image editor) has nothing better: a PNG.
    bitmap = QImage(320, 200, QImage.Format.Format_RGB32)
    bitmap.fill(Qt.GlobalColor.darkCyan)
    QGuiApplication.clipboard().setImage(bitmap)
    with qtbot.waitSignal(strip.ingest_finished, timeout=20_000) as done:
        window.paste_action.trigger()
    assert done.args[0].added
    with db.session() as s:
        formats = sorted(p.format for p in photo_svc.photos_of(insp_svc.get(s, uuid), ITEM))
    assert formats == ["JPEG", "PNG"]


# ---------------------------------------------------------------- point 7
@pytest.fixture
def redacted(db: Database) -> Iterator[tuple[str, str, tuple[float, float]]]:
    """An inspection with one photo whose middle is blacked out; (uuid, photo id, centre)."""
    uuid = make_inspection(db)
    with db.session() as s:
        insp = insp_svc.get(s, uuid)
        p = photo_svc.add_bytes(
            s, insp, ITEM, (PHOTOS / "Landscape_1.jpg").read_bytes(), file_name="a.jpg", actor="t"
        )
        w, h = p.width, p.height
        photo_svc.redact(s, p, [(w // 4, h // 4, w // 2, h // 2)], actor="t")
        pid = p.id
    yield uuid, pid, (0.5, 0.5)


def _dark(image: Image.Image, where: tuple[float, float]) -> bool:
    x, y = round(image.width * where[0]), round(image.height * where[1])
    box = image.crop((x - 3, y - 3, x + 3, y + 3))
    return max(ImageStat.Stat(box).mean) < 20


def _qimage_to_pil(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    ptr = image.constBits()
    return Image.frombuffer(
        "RGB", (image.width(), image.height()), bytes(ptr), "raw", "RGB", image.bytesPerLine()
    )


def test_p7_redacted_photo_thumbnails_show_the_redaction(
    qtbot: QtBot, db: Database, window: MainWindow, redacted: tuple[str, str, tuple[float, float]]
) -> None:
    uuid, pid, centre = redacted
    with db.session() as s:
        p = photo_svc.get(s, pid)
        # The original really has light pixels there (else the test proves nothing).
        assert not _dark(_img(photo_svc.variant_bytes(s, p, "original")), centre)
        # Service side: every shown variant carries the redaction.
        for variant in ("thumb", "display", "rendered"):
            assert _dark(_img(photo_svc.variant_bytes(s, p, variant)), centre), variant
        report = report_svc.build_report_data(s, insp_svc.get(s, uuid), "zh")
    (photo,) = next(i for i in report.items if i.id == ITEM).photos
    assert _dark(_img(photo.jpeg), centre)

    # The evidence strip in the runner.
    window.open_inspection(uuid, ITEM)
    model = window.runner.evidence.model
    assert model.rowCount() == 1
    icon = model.data(model.index(0, 0, QModelIndex()), Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon)
    thumb = icon.pixmap(icon.availableSizes()[0]).toImage()
    assert _dark(_qimage_to_pil(thumb), centre), "the strip shows the unredacted original"

    # The editor opens on the redacted rendering; the original only when asked for.
    editor = window.runner.evidence.open_editor(pid)
    qtbot.addWidget(editor)
    assert isinstance(editor, PhotoEditorDialog)
    shown = _qimage_to_pil(editor._pixmap_item.pixmap().toImage())
    assert _dark(shown, centre)
    editor.set_preview(False)
    # Edit mode draws the box over the original (opaque for a fill redaction).
    assert editor.preview_action.isChecked() is False
    editor.reject()
