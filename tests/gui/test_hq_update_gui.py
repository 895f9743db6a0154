"""The app's side of HQ packs (issue 22 §4-5): install from the menu or by dropping the file,
the home screen's "Assigned to me", and starting an assigned inspection pre-filled."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inspector.db import Database, open_database
from inspector.services import keys
from inspector.services.inspections import lookup
from inspector.services.publish.build import publish
from inspector.services.publish.install import status
from inspector.services.publish.screens import assigned
from inspector.ui.main_window import MainWindow
from inspector.ui.new_inspection import NewInspectionDialog
from inspector.ui.publish.assigned import AssignedPanel, PlanNote
from inspector.ui.settings import AppSettings
from inspector.ui.translations import install_translations

SHOTS = os.environ.get("INSPECTOR_SCREENSHOTS")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    key = keys.DeviceKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
    (tmp_path / "b.csv").write_text(
        "code,name,region\nSH001,上海分行浦东支行,上海\nSH002,上海分行静安支行,上海\n"
        "BJ001,北京分行朝阳支行,北京\n",
        encoding="utf-8",
    )
    (tmp_path / "plan.csv").write_text(
        "网点,检查表,方式,情景,批次,截止日期,检查人\n"
        "SH001,example,onsite,,,2026-11-10,\n"
        "SH002,mystery-shopper,mystery,cash_purpose,2026Q4,2026-12-31,Zhang San\n"
        "BJ001,example,onsite,,,2026-12-15,Zhang San\n"
        "BJ001,example,onsite,,,2026-12-15,Li Si\n",
        encoding="utf-8",
    )
    hq = open_database(str(tmp_path / "hq.sqlite3"))
    out = tmp_path / "update.hqpack"
    publish(
        hq,
        out,
        branches_csv=tmp_path / "b.csv",
        plan_file=tmp_path / "plan.csv",
        device=key,
    )
    hq.dispose()
    return out


def _drop(window: MainWindow, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def _install(qtbot: QtBot, window: MainWindow, path: Path) -> bool:
    """Install as the menu does, and wait for the outcome (the work runs in a worker)."""
    with qtbot.waitSignal(window.hq_updates.finished, timeout=20_000) as blocker:
        window.hq_updates.install(path)
    assert not window.hq_updates.busy
    return bool(blocker.args[0])


def test_dropping_a_pack_installs_it_and_home_shows_what_is_assigned(
    qtbot: QtBot, window: MainWindow, db: Database, pack: Path
) -> None:
    assert not window.home.assigned.isVisible()
    assert window.install_action.text() == "Install HQ update…"
    window.hq_updates.auto_answer = True
    with qtbot.waitSignal(window.hq_updates.finished, timeout=20_000) as blocker:
        _drop(window, pack)
    assert blocker.args == [True]
    assert "first HQ update" not in window.hq_updates.last_message  # the result is told last
    assert "HQ update 1 is installed" in window.hq_updates.last_message
    assert status(db) is not None
    panel = window.home.assigned
    assert panel.isVisible()
    # Zhang San's lines and the unassigned one; Li Si's is not shown. Overdue first.
    states = [(x.branch, x.state) for x in panel.items]
    assert states == [("SH001", "overdue"), ("BJ001", "due"), ("SH002", "due")]
    assert panel.table.item(0, 0).text() == "Overdue"
    assert panel.summary.text() == "3 to do, 1 overdue"
    # A mystery line names its scenario by title, in the app's language, then the wave.
    assert panel.table.item(2, 5).text() == (
        "Cash withdrawal, questioning why staff ask its purpose · 2026Q4"
    )
    if SHOTS:
        window.grab().save(str(Path(SHOTS) / "home-assigned-en.png"))


def test_a_refused_pack_changes_nothing_and_says_why(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.hqpack"
    bad.write_bytes(b"PK\x03\x04 not really")
    window.hq_updates.auto_answer = True
    assert not _install(qtbot, window, bad)
    assert "Nothing was changed" in window.hq_updates.last_message
    assert status(db) is None


def test_declining_the_first_key_installs_nothing(
    qtbot: QtBot, window: MainWindow, db: Database, pack: Path
) -> None:
    window.hq_updates.auto_answer = False
    assert not _install(qtbot, window, pack)
    assert "Compare it with the fingerprint HQ gave you" in window.hq_updates.last_message
    assert status(db) is None


def test_starting_an_assigned_visit_prefills_it(
    qtbot: QtBot, window: MainWindow, db: Database, settings: AppSettings, pack: Path
) -> None:
    window.hq_updates.auto_answer = True
    assert _install(qtbot, window, pack)
    item = next(x for x in assigned(db, "Zhang San") if x.mode == "mystery")
    dlg = NewInspectionDialog(db, settings, "en", window)
    qtbot.addWidget(dlg)
    dlg.prefill(item)
    assert dlg.branch_combo.currentData() == "SH002"
    assert dlg.selected_checklist() is not None
    assert dlg.selected_checklist().id == "mystery-shopper"  # type: ignore[union-attr]
    assert dlg.mystery_radio.isChecked()
    note = dlg.findChild(PlanNote)
    assert note is not None and "due 2026-12-31" in note.text() and "2026Q4" in note.text()
    dlg.accept()
    assert dlg.created_uuid
    with db.read_session() as s:
        insp = lookup.get(s, dlg.created_uuid)
        assert insp.visit.get("wave") == "2026Q4"
        assert insp.visit.get("scenario") == "cash_purpose"
    window.home.reload()
    line = next(x for x in window.home.assigned.items if x.branch == "SH002")
    assert line.state == "in_progress" and line.inspection == dlg.created_uuid


def test_the_assigned_list_in_chinese(
    qtbot: QtBot,
    styled_app: QApplication,
    db: Database,
    settings: AppSettings,
    pack: Path,
) -> None:
    loaded = install_translations(styled_app, "zh")
    try:
        assert "publish_zh_CN.qm" in loaded
        settings.set_language("zh")
        w = MainWindow(db, settings)
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.hq_updates.auto_answer = True
        assert _install(qtbot, w, pack)
        assert w.install_action.text() == "安装总行更新包…"
        assert w.home.assigned.title.text() == "分配给我的检查"
        assert w.home.assigned.table.item(0, 0).text() == "已逾期"
        w.show()
        qtbot.waitExposed(w)
        if SHOTS:
            w.grab().save(str(Path(SHOTS) / "home-assigned-zh.png"))
    finally:
        install_translations(styled_app, "en")
        settings.set_language("en")


def test_the_chinese_home_names_the_scenario_in_chinese(
    qtbot: QtBot, window: MainWindow, db: Database, pack: Path
) -> None:
    window.hq_updates.auto_answer = True
    assert _install(qtbot, window, pack)
    panel = AssignedPanel(db, "zh", window)
    panel.reload("Zhang San")
    row = next(i for i, x in enumerate(panel.items) if x.mode == "mystery")
    assert panel.table.item(row, 5).text() == "中等金额取现并质疑询问用途 · 2026Q4"


def test_packs_dropped_together_are_checked_off_the_gui_thread_and_installed_in_turn(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from inspector.services.publish import screens

    key = keys.DeviceKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
    (tmp_path / "b.csv").write_text("code,name,region\nSH001,浦东支行,上海\n", encoding="utf-8")
    hq = open_database(str(tmp_path / "hq2.sqlite3"))
    first, second = tmp_path / "1.hqpack", tmp_path / "2.hqpack"
    publish(hq, first, branches_csv=tmp_path / "b.csv", device=key)
    publish(hq, second, branches_csv=tmp_path / "b.csv", device=key)
    hq.dispose()
    threads: list[str] = []
    real_preview, real_install = screens.preview_pack, screens.install_file

    def preview(db_: Database, path: Path) -> object:
        threads.append(threading.current_thread().name)
        return real_preview(db_, path)

    def install(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread().name)
        return real_install(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("inspector.ui.publish.install.preview_pack", preview)
    monkeypatch.setattr("inspector.ui.publish.install.install_file", install)
    installed: list[int] = []
    window.hq_updates.installed.connect(installed.append)
    window.hq_updates.auto_answer = True
    with qtbot.waitSignals([window.hq_updates.finished] * 2, timeout=20_000):
        _drop(window, first, second)
        # The drop returns at once: the window is not blocked while the pack is checked.
        assert window.hq_updates.busy
    assert installed == [1, 2]
    assert len(threads) == 4
    assert threading.main_thread().name not in threads
    assert status(db) is not None and status(db).sequence == 2  # type: ignore[union-attr]
