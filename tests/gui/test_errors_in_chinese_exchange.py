"""Issue 15: the app says exchange and database errors in its language and in its words.

A tampered package imported in the Chinese app reads as Chinese in the receipt, with no
command to run; the same import's JSON receipt keeps its English ``reason``; a database that
cannot be opened is told in Chinese at start-up.
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from inspector.db import Database, open_database
from inspector.services.exchange import export as exchange_export
from inspector.services.exchange import importer
from inspector.services.exchange.importer import REASON_ERROR
from inspector.services.inspections import lookup
from inspector.ui.exchange import ImportDialog, ReceiptModel
from inspector.ui.settings import AppSettings
from inspector.ui.translations import install_translations
from tests.integration.conftest import make_finalized

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def zh(styled_app: QApplication) -> Iterator[None]:
    install_translations(styled_app, "zh")
    try:
        yield
    finally:
        install_translations(styled_app, "en")


def _tampered_package(tmp_path: Path) -> Path:
    """A real package whose manifest was changed after signing (one byte appended)."""
    src = open_database(tmp_path / "src.sqlite3")
    try:
        uuid_ = make_finalized(src)
        with src.session() as s:
            data = exchange_export.export_inspection(s, lookup.get(s, uuid_))
    finally:
        src.dispose()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == "manifest.json":
                body += b" "
            zout.writestr(info, body)
    path = tmp_path / "tampered.inspection"
    path.write_bytes(out.getvalue())
    return path


def test_a_tampered_package_reads_as_chinese_in_the_import_dialog(
    qtbot: QtBot, db: Database, settings: AppSettings, tmp_path: Path, zh: None
) -> None:
    path = _tampered_package(tmp_path)
    dlg = ImportDialog(db, settings)
    qtbot.addWidget(dlg)
    dlg.add_paths([path])
    with qtbot.waitSignal(dlg.imported, timeout=20_000):
        dlg.start_import()
    model = dlg.model
    assert model.rowCount() == 1
    reason = str(model.index(0, ReceiptModel.COL_REASON).data())
    assert reason.startswith("tampered.inspection：签名验证失败"), reason
    assert "inspector" not in reason and "signature" not in reason
    # The receipt kept the English reason of the --json contract next to the error.
    assert dlg.receipt is not None
    assert dlg.receipt["rejected"][0]["reason"] == (
        "tampered.inspection: the signature does not verify: the manifest was changed after "
        "signing, or was signed with another key"
    )


def test_the_json_receipt_is_english_and_plain_json(db: Database, tmp_path: Path) -> None:
    receipt = importer.import_paths(db, [_tampered_package(tmp_path)])
    data = receipt.to_dict()
    entry = data["rejected"][0]
    assert REASON_ERROR not in entry
    assert not CJK.search(entry["reason"]) and "signature does not verify" in entry["reason"]
    assert json.loads(json.dumps(data)) == data
    # The error behind the reason stays with the receipt for the app.
    error = receipt.rejected[0][REASON_ERROR]
    assert str(error) == entry["reason"]


def test_an_unusable_database_is_told_in_chinese_at_start_up(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, styled_app: QApplication
) -> None:
    from inspector import app as app_module

    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database, just some bytes " * 200)
    shown: list[str] = []
    monkeypatch.setattr(AppSettings, "language", lambda self: "zh")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _p, _t, text: shown.append(text))
    )
    try:
        assert app_module.main(str(broken)) == 1
    finally:
        install_translations(styled_app, "en")
    assert len(shown) == 1
    text = shown[0]
    assert "无法打开数据库" in text and "损坏" in text, text
    assert "备份数据库" in text  # the app's own backup action, by its menu name
    assert "inspector" not in text.replace("Branch Inspector", "")


def test_a_database_failure_while_running_is_told_in_chinese(tmp_path: Path, zh: None) -> None:
    from sqlalchemy.exc import OperationalError

    from inspector.ui.errors import error_text

    exc = OperationalError("INSERT ...", {}, Exception("attempt to write a readonly database"))
    title, message = error_text(exc, tmp_path / "app.log")
    assert title == "数据库问题" or CJK.search(title)
    assert "只读" in message and "权限" in message, message
    assert "INSERT" not in message and "hq summary" not in message
    exc = OperationalError("SELECT ...", {}, Exception("database disk image is malformed"))
    _title, message = error_text(exc, tmp_path / "app.log")
    assert "损坏" in message and "文件 › 备份数据库…" in message, message
    assert "inspector backup" not in message
