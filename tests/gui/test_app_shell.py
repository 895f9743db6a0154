"""The application shell: translations, fonts, the error dialog text, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.errors import ValidationError
from inspector.ui import theme
from inspector.ui.errors import error_text, make_excepthook
from inspector.ui.main_window import MainWindow
from inspector.ui.settings import AppSettings, SettingsDialog
from inspector.ui.translations import install_translations
from tests.messages import plain_message


def test_chinese_translation_loads_for_every_module(
    qtbot: QtBot, styled_app: QApplication, db: Database, settings: AppSettings
) -> None:
    loaded = install_translations(styled_app, "zh")
    try:
        assert "app_zh_CN.qm" in loaded
        settings.set_language("zh")
        w = MainWindow(db, settings)
        qtbot.addWidget(w)
        assert w.home.new_button.text() == "+ 新建检查"
        assert w.home.model.headerData(0, w.home.table.horizontalHeader().orientation()) == "网点"
    finally:
        install_translations(styled_app, "en")
        settings.set_language("en")
    w2 = MainWindow(db, settings)
    qtbot.addWidget(w2)
    assert w2.home.new_button.text() == "+ New inspection"


def test_bundled_cjk_font_is_registered(styled_app: QApplication) -> None:
    family = theme.install_fonts(styled_app)
    assert family is not None
    assert family in QFontDatabase.families()
    assert family in styled_app.font().families()


def test_error_dialog_text_user_error_as_is_bug_with_log_location(tmp_path: Path) -> None:
    log = tmp_path / "inspector.log"
    title, msg = error_text(
        ValidationError(plain_message("item x: value 'abc' must be a number")), log
    )
    assert msg == "item x: value 'abc' must be a number"
    assert title == "Cannot do that"
    title, msg = error_text(RuntimeError("boom"), log)
    assert title == "Unexpected error"
    assert "RuntimeError: boom" in msg and str(log) in msg


def test_excepthook_shows_a_dialog_instead_of_dying(
    styled_app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[BaseException, Path]] = []
    monkeypatch.setattr(
        "inspector.ui.errors.show_error", lambda exc, path, parent=None: shown.append((exc, path))
    )
    hook = make_excepthook(tmp_path / "x.log")
    try:
        raise KeyError("missing")
    except KeyError as e:
        hook(KeyError, e, e.__traceback__)
    assert isinstance(shown[0][0], KeyError)


def test_settings_dialog_stores_language_and_name(qtbot: QtBot, settings: AppSettings) -> None:
    dlg = SettingsDialog(settings)
    qtbot.addWidget(dlg)
    dlg.language_combo.setCurrentIndex(dlg.language_combo.findData("zh"))
    dlg.name_edit.setText("Wang Wu")
    dlg.accept()
    fresh = AppSettings()
    assert (fresh.language(), fresh.inspector_name()) == ("zh", "Wang Wu")


def test_switching_language_rebuilds_the_window_on_the_same_item(
    qtbot: QtBot,
    styled_app: QApplication,
    db: Database,
    settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from inspector.ui import main_window as mw

    from .conftest import make_inspection

    uuid = make_inspection(db)
    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    w.open_inspection(uuid, "ex.polite")

    def choose_chinese(dialog: SettingsDialog) -> int:
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh"))
        dialog.accept()
        return 1

    monkeypatch.setattr(mw.SettingsDialog, "exec", choose_chinese)
    with qtbot.waitSignal(w.language_changed) as sig:
        w.show_settings()
    assert sig.args == ["zh"]
    try:
        new = w.rebuilt()
        qtbot.addWidget(new)
        assert new.home.new_button.text() == "+ 新建检查"
        assert (new.runner.uuid, new.runner.current_item) == (uuid, "ex.polite")
        assert new.runner.item_view.text_label.text() == "文明用语（请、您好、谢谢、对不起、再见）"
    finally:
        settings.set_language("en")
        install_translations(styled_app, "en")


def test_file_menu_backs_up_the_database(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    import sqlite3

    target = tmp_path / "backup.sqlite3"
    job = window.back_up_database(target)
    assert job is not None
    with qtbot.waitSignal(job.signals.succeeded, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: "backup.sqlite3" in window.statusBar().currentMessage())
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert window.backup_action in window.menuBar().actions()[0].menu().actions()
