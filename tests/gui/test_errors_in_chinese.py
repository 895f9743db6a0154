"""Errors the runner shows speak the app's language and never name a command (issue 15).

A photo refused on the evidence strip (dropped or pasted) and a typed value that does not
fit its item are read by an inspector in the app: in Chinese, in the app's own terms
(its menus and buttons), never ``inspector photo attach ...``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.services import inspections as insp_svc
from inspector.services import photos as photo_svc
from inspector.ui.main_window import MainWindow
from inspector.ui.photos.strip import EvidenceStrip
from inspector.ui.settings import AppSettings
from inspector.ui.translations import install_translations
from tests.conftest import PHOTOS
from tests.gui.conftest import make_inspection

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def zh_window(
    qtbot: QtBot, styled_app: QApplication, db: Database, settings: AppSettings
) -> Iterator[MainWindow]:
    install_translations(styled_app, "zh")
    settings.set_language("zh")
    try:
        w = MainWindow(db, settings)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        yield w
        w.runner.flush()
    finally:
        install_translations(styled_app, "en")
        settings.set_language("en")


def _drop(strip: EvidenceStrip, files: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    args = (
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(strip, QDragEnterEvent(*args))
    drop = QDropEvent(*args)
    QApplication.sendEvent(strip, drop)
    assert drop.isAccepted()


def _paste_jpeg(window: MainWindow, data: bytes) -> None:
    mime = QMimeData()
    mime.setData("image/jpeg", data)
    QGuiApplication.clipboard().setMimeData(mime)
    window.runner.paste_photo()


def _truncated_jpeg() -> bytes:
    data = (PHOTOS / "Landscape_2.jpg").read_bytes()
    return data[: len(data) // 2]


def _assert_app_words(text: str) -> None:
    assert CJK.search(text), text
    assert "inspector" not in text and "--" not in text, text


def test_a_corrupt_photo_dropped_in_chinese_is_refused_in_chinese(
    qtbot: QtBot, db: Database, zh_window: MainWindow, tmp_path: Path
) -> None:
    uuid = make_inspection(db)
    assert zh_window.open_inspection(uuid, "ex.ramp")
    strip = zh_window.runner.evidence
    bad = tmp_path / "cut.jpg"
    bad.write_bytes(_truncated_jpeg())
    with qtbot.waitSignal(strip.ingest_finished, timeout=20_000):
        _drop(strip, [bad])
    text = strip.message.text()
    assert "cut.jpg 未被接受：图片文件已损坏或不完整" in text, text
    assert "请从相机或手机重新复制" in text
    _assert_app_words(text)
    assert "damaged" not in text


def test_a_corrupt_photo_pasted_in_chinese_is_refused_in_chinese(
    qtbot: QtBot, db: Database, zh_window: MainWindow
) -> None:
    uuid = make_inspection(db)
    assert zh_window.open_inspection(uuid, "ex.ramp")
    strip = zh_window.runner.evidence
    with qtbot.waitSignal(strip.ingest_finished, timeout=20_000):
        _paste_jpeg(zh_window, _truncated_jpeg())
    text = strip.message.text()
    assert "图片文件已损坏或不完整" in text, text
    _assert_app_words(text)
    with db.session() as s:
        assert photo_svc.photos_of(insp_svc.get(s, uuid)) == []


def test_a_photo_pasted_again_names_the_strips_menu_not_a_command(
    qtbot: QtBot, db: Database, zh_window: MainWindow
) -> None:
    uuid = make_inspection(db)
    data = (PHOTOS / "Landscape_3.jpg").read_bytes()
    with db.session() as s:
        photo_svc.add_bytes(s, insp_svc.get(s, uuid), "ex.ramp", data, file_name="a.jpg", actor="t")
    assert zh_window.open_inspection(uuid, "ex.manager")
    strip = zh_window.runner.evidence
    with qtbot.waitSignal(strip.ingest_finished, timeout=20_000):
        _paste_jpeg(zh_window, data)
    text = strip.message.text()
    # The item is named as the runner lists it: by its title, not its id.
    assert "本次检查中已有这张照片" in text and "检查项“出入口有高差时设置轮椅坡道”" in text, text
    # The remedy is the strip's context-menu entry, as the Chinese UI calls it.
    assert "右键单击" in text and "“同时用于其他检查项…”" in text, text
    _assert_app_words(text)


def test_an_answer_out_of_range_is_refused_in_chinese(
    qtbot: QtBot, db: Database, zh_window: MainWindow
) -> None:
    uuid = make_inspection(db)
    assert zh_window.open_inspection(uuid, "ex.counter_height")
    panel = zh_window.runner.item_view.answer_panel
    assert panel.measure_edit is not None
    panel.measure_edit.setFocus()
    # Committed when typing pauses, as the inspector types it.
    with qtbot.waitSignal(zh_window.runner.status_message, timeout=10_000) as shown:
        qtbot.keyClicks(panel.measure_edit, "2e12")
    text = str(shown.args[0])
    assert "检查项 “低位柜台高度700–850毫米”（测量值）" in text, text  # by title, never id
    assert "必须在 -1,000,000,000,000 到 1,000,000,000,000 之间" in text, text
    _assert_app_words(text)
    assert zh_window.statusBar().currentMessage() == text
    with db.session() as s:
        assert not insp_svc.get(s, uuid).answers
