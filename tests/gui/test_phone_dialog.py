"""The runner's phone capture dialog: QR code, live evidence strip, session ends on close."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.phone import interfaces as phone_interfaces
from inspector.phone import server as phone_server
from inspector.phone.interfaces import Interface
from inspector.services.inspections import lookup, signoff
from inspector.ui.main_window import MainWindow
from inspector.ui.phone import PhoneDialog
from tests.gui.conftest import make_inspection
from tests.integration.conftest import photo_bytes
from tests.integration.test_phone_server import Client


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests listen on 127.0.0.1 only, whatever networks this machine is on.
    monkeypatch.setattr(phone_interfaces, "list_interfaces", lambda: [Interface("lo", "127.0.0.1")])


def _open_dialog(window: MainWindow, uuid: str, item: str) -> PhoneDialog:
    assert window.open_inspection(uuid, item)
    button: Any = window.runner.phone_button
    assert isinstance(button, QPushButton) and button.isEnabled()
    button.click()
    dialog = button.dialog
    assert isinstance(dialog, PhoneDialog)
    return dialog


def test_phone_photos_reach_the_evidence_strip_live(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    uuid = make_inspection(db)
    dialog = _open_dialog(window, uuid, "ex.ramp")
    server = dialog.server
    assert server is not None and server.running
    assert server.url.startswith("http://127.0.0.1:") and f"t={server.token}" in server.url
    assert not dialog.qr.pixmap().isNull() and dialog.qr.pixmap().width() > 200
    assert dialog.url.text() == server.url
    assert dialog.no_lan.isVisibleTo(dialog)  # only loopback: the dialog says so
    runner = window.runner
    assert runner.evidence.model.rowCount() == 0
    with qtbot.waitSignal(dialog.photos_arrived, timeout=10_000) as blocker:
        status, body = Client(server).upload("ex.ramp", [("ramp.jpg", photo_bytes("ramp"))])
    assert status == 200 and blocker.args == ["ex.ramp", body["stored"]]
    # The strip and the runner's state were refreshed in the GUI thread.
    assert runner.evidence.model.rowCount() == 1
    assert runner.state is not None and runner.state.photos == {"ex.ramp": 1}
    assert "1 photo" in dialog.status.text()
    token = server.token
    dialog.close()
    assert not server.running and server.check_token(token) == 403
    assert phone_server.active_server() is None


def test_new_code_ends_the_old_session(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    dialog = _open_dialog(window, make_inspection(db), "ex.ramp")
    old = dialog.server
    assert old is not None
    dialog.restart_button.click()
    assert not old.running and dialog.server is not None and dialog.server is not old
    assert dialog.server.token != old.token
    dialog.close()


def test_idle_end_is_shown_and_finalize_closes_the_dialog(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    uuid = make_inspection(db)
    dialog = _open_dialog(window, uuid, "ex.ramp")
    assert dialog.server is not None
    dialog.server.idle_seconds = 0
    with qtbot.waitSignal(dialog._bridge.news, timeout=10_000):
        assert dialog.server.check_idle()
    qtbot.waitUntil(lambda: dialog.server is None, timeout=5_000)
    assert "ended" in dialog.status.text() and not dialog.copy_button.isEnabled()
    assert "(no request for 0 minutes)" in dialog.status.text()
    dialog.restart()
    assert dialog.server is not None and dialog.server.running
    server = dialog.server
    with db.session() as s:
        signoff.finalize(s, lookup.get(s, uuid), by="Zhang San", force=True)
    window.runner.refresh()
    assert not server.running
    assert not window.runner.phone_button.isEnabled()


def test_dialog_strings_are_translated(styled_app: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from inspector.ui.translations import install_translations

    try:
        loaded = install_translations(styled_app, "zh")
        assert "phone_zh_CN.qm" in loaded
        assert QCoreApplication.translate("PhoneDialog", "Phone capture") == "手机拍照"
        assert QCoreApplication.translate("PhoneCaptureButton", "📱 Phone capture") == "📱 手机拍照"
    finally:
        install_translations(styled_app, "en")


def test_deleting_the_dialog_without_closing_ends_the_session(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    """The window rebuilds itself on a language change: no live token may survive that."""
    dialog = _open_dialog(window, make_inspection(db), "ex.ramp")
    server = dialog.server
    assert server is not None and server.running
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not server.running, timeout=5_000)
    assert server.token is None and phone_server.active_server() is None
