"""Settings dialog: what reports print (organisation, logo, time zone) is stored in the
database and shared with ``inspector settings``; a bad value is refused with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.domain import timefmt
from inspector.services import settings as settings_svc
from inspector.ui.settings import AppSettings, SettingsDialog
from tests.conftest import PHOTOS


def test_report_settings_are_saved_and_a_bad_zone_is_refused(
    qtbot: QtBot, db: Database, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    dlg = SettingsDialog(settings, None, db)
    qtbot.addWidget(dlg)
    dlg.org_edit.setText("某某银行消费者权益保护部")
    dlg.tz_edit.setText("Mars/Base")
    dlg.accept()
    assert warnings and "unknown time zone 'Mars/Base'" in warnings[0]
    assert dlg.result() != SettingsDialog.DialogCode.Accepted  # still open to correct it
    dlg.tz_edit.setText("Europe/London")
    dlg._logo_path = str(PHOTOS / "Landscape_1.jpg")
    dlg.accept()
    assert dlg.result() == SettingsDialog.DialogCode.Accepted
    with db.read_session() as s:
        assert settings_svc.get_text(s, "org.name") == "某某银行消费者权益保护部"
        assert settings_svc.get_text(s, "display.tz") == "Europe/London"
        logo = settings_svc.get_image(s, "org.logo")
    assert logo is not None and logo[:4] == b"\x89PNG"  # stored validated, as PNG
    assert timefmt.zone_name() == "Europe/London"  # printed times follow at once


def test_dialog_reopens_with_the_stored_values(
    qtbot: QtBot, db: Database, settings: AppSettings, tmp_path: Path
) -> None:
    with db.session() as s:
        settings_svc.set_value(s, "org.name", "总行消保部", actor="t")
    dlg = SettingsDialog(settings, None, db)
    qtbot.addWidget(dlg)
    assert dlg.org_edit.text() == "总行消保部"
    assert dlg.tz_edit.text() == ""  # unset: the default zone


def test_a_database_failure_while_running_is_explained(tmp_path: Path) -> None:
    """Issue 11 §8 in the app: a database that turned read-only reads as such, not as SQL."""
    from sqlalchemy.exc import OperationalError

    from inspector.ui.errors import error_text

    exc = OperationalError("INSERT ...", {}, Exception("attempt to write a readonly database"))
    title, message = error_text(exc, tmp_path / "app.log")
    assert title == "Database problem"
    assert "read-only" in message and "INSERT" not in message
