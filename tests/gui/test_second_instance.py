"""A second app on the same database is told so and never writes blind (issue 20, point 1).

The running app holds ``<database>.lock`` and answers on a local socket; a second app
finds the lock held and offers to switch to the running window, to open read-only (a
real read-only mode: SQLite opens the file ``mode=ro`` and every unit of work is refused
with a message) or to quit. The CLI keeps working beside the app: its commands are short
writers that SQLite serialises with the app's.
"""

from __future__ import annotations

import signal
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inspector import app as app_module
from inspector.app import AUTOPILOT_ENV
from inspector.db import Database, open_database
from inspector.db.errors import DatabaseUnusableError
from inspector.db.instance import InstanceLock, lock_path
from inspector.domain.answers import Answer
from inspector.domain.checklist import Result
from inspector.errors import UserError
from inspector.services.commands import inspections as commands
from inspector.services.views import runner as runner_view
from inspector.text import Lang, Surface
from inspector.ui import instance
from inspector.ui.main_window import MainWindow
from inspector.ui.settings import AppSettings
from inspector.ui.translations import install_translations
from tests.conftest import Cli
from tests.gui.child import Child

from .conftest import make_inspection

SHOTS = Path("/tmp/inspector-shots")


class RunningApp(Child):
    """The real app on ``db_path`` in a subprocess, idle once it printed its first lines."""

    def __init__(self, db_path: Path) -> None:
        super().__init__(
            [sys.executable, "-m", "inspector", "--db", str(db_path)], {AUTOPILOT_ENV: "0"}, 60
        )


@pytest.fixture
def running(db: Database, db_path: Path) -> Iterator[RunningApp]:
    uuid = make_inspection(db)
    AppSettings().set_last_position(uuid, "ex.ramp")
    app = RunningApp(db_path)
    assert app.next_line() == f"restored {uuid} ex.ramp"
    assert app.next_line() == "autopilot idle 0"  # the lock is taken, the socket listens
    yield app
    if app.proc.poll() is None:
        app.kill()


def _clicking(monkeypatch: pytest.MonkeyPatch, button: str) -> list[str]:
    """Make the prompt answer itself with ``button``; returns the texts it showed."""
    shown: list[str] = []

    def exec_(self: instance.SecondInstanceDialog) -> int:
        shown.append(self.text() + "\n" + self.informativeText())
        getattr(self, button).click()
        return 0

    monkeypatch.setattr(instance.SecondInstanceDialog, "exec", exec_)
    return shown


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kills the app with SIGKILL")
def test_a_second_app_finds_the_first_and_can_switch_to_it(
    running: RunningApp,
    db_path: Path,
    run_cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
    styled_app: QApplication,
) -> None:
    lock = InstanceLock(db_path)
    assert lock.path == lock_path(db_path) == db_path.with_name(db_path.name + ".lock")
    assert not lock.acquire(), "the running app holds the database"
    assert lock.holder() == str(running.proc.pid)
    # "Switch to the open window": the running app answers and comes to the front.
    assert instance.ask_running_window(db_path)
    shown = _clicking(monkeypatch, "switch_button")
    assert app_module.claim_database(db_path) is None  # nothing more to do here
    assert str(db_path) in shown[0] and str(running.proc.pid) in shown[0]
    # "Open read-only" and "Quit".
    _clicking(monkeypatch, "read_only_button")
    assert app_module.claim_database(db_path) == (None, True)
    _clicking(monkeypatch, "quit_button")
    assert app_module.claim_database(db_path) is None

    # The CLI is not a second app: it writes beside the running one.
    uuid = run_cli.last_line(
        "new", "--branch", "B009", "--branch-name", "九号", "--checklist", "example"
    )
    run_cli.ok("answer", uuid, "ex.ramp", "--result", "pass")
    assert uuid in run_cli.ok("list")

    # kill -9 leaves no stale lock: the operating system released it.
    running.kill()
    assert lock.acquire()
    lock.release()


def test_nobody_answering_says_so(db_path: Path, qtbot: QtBot) -> None:
    held = InstanceLock(db_path)
    assert held.acquire()
    try:
        assert not InstanceLock(db_path).acquire()  # another open file description
        assert not instance.ask_running_window(db_path, timeout_ms=200)
    finally:
        held.release()
    again = InstanceLock(db_path)
    assert again.acquire()
    again.release()


def test_read_only_mode_writes_nothing(
    qtbot: QtBot,
    db: Database,
    db_path: Path,
    settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    uuid = make_inspection(db)
    reader = open_database(db_path, read_only=True)
    try:
        assert reader.read_only
        # Reading works, and sees what the other window commits.
        commands.store_answer(db, uuid, "ex.ramp", Answer(result=Result.PASS), actor="t")
        state = runner_view.inspection_state(reader, uuid)
        assert state.answers["ex.ramp"].result == Result.PASS
        # Every unit of work is refused, with words for the app.
        with pytest.raises(DatabaseUnusableError) as caught:
            commands.store_answer(reader, uuid, "ex.manager", Answer(result=Result.FAIL), actor="t")
        zh = caught.value.render(Lang.ZH, Surface.GUI)
        assert "只读" in zh and "切换到正在编辑该数据库的窗口" in zh, zh
        # Even past the session guard, SQLite itself refuses to write.
        raw = reader.engine.raw_connection()
        try:
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                raw.cursor().execute("DELETE FROM answers")
        finally:
            raw.close()

        window = MainWindow(reader, settings)
        qtbot.addWidget(window)
        instance.mark_read_only(window, reader.display_name)
        window.show()
        assert window.windowTitle().endswith("(read-only)")
        window.open_inspection(uuid, "ex.manager")
        messages: list[str] = []
        monkeypatch.setattr(
            "inspector.ui.runner.page.QMessageBox.warning",
            lambda _parent, title, text: messages.append(f"{title}: {text}"),
        )
        window.runner.item_view.answer_panel.judge(Result.FAIL)
        assert len(messages) == 1 and messages[0].startswith("Not saved: "), messages
        assert "opened database" in messages[0] and "read-only" in messages[0]
        assert "ex.manager" not in runner_view.inspection_state(db, uuid).answers
    finally:
        reader.dispose()


def test_read_only_needs_an_existing_current_database(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        open_database(tmp_path / "none.sqlite3", read_only=True)
    assert not (tmp_path / "none.sqlite3").exists()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_prompt_and_the_read_only_window_in_chinese(
    qtbot: QtBot, db: Database, db_path: Path, settings: AppSettings
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settings.set_language("zh")
    install_translations(app, "zh")
    try:
        dialog = instance.SecondInstanceDialog(db_path, "4242")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.windowTitle() == "网点消保检查已经打开"
        assert "另一个“网点消保检查”窗口" in dialog.text()
        assert "4242" in dialog.informativeText() and "互相覆盖答案" in dialog.informativeText()
        buttons = {b.text() for b in dialog.buttons()}
        assert buttons == {"切换到已打开的窗口", "以只读方式打开", "退出"}
        SHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SHOTS / "second_instance_zh.png"))

        window = MainWindow(db, settings)
        qtbot.addWidget(window)
        instance.mark_read_only(window, db.display_name)
        window.show()
        qtbot.waitExposed(window)
        assert window.windowTitle().endswith("（只读）")
        window.grab().save(str(SHOTS / "read_only_window_zh.png"))
    finally:
        install_translations(app, "en")


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_main_holds_the_lock_while_it_runs_and_opens_read_only_when_asked(
    qtbot: QtBot,
    db: Database,
    db_path: Path,
    settings: AppSettings,
    styled_app: QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    uuid = make_inspection(db)
    seen: dict[str, object] = {}
    earlier = list(QApplication.topLevelWidgets())  # windows of earlier tests

    def run_once(_app: object = None) -> int:
        (window,) = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and not any(w is e for e in earlier)
        ]
        seen["title"] = window.windowTitle()
        seen["read_only"] = window.db.read_only
        probe = InstanceLock(db_path)
        seen["others_may_lock"] = probe.acquire()
        probe.release()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_once)
    try:
        assert app_module.main(str(db_path)) == 0
        assert seen == {"title": "Branch Inspector", "read_only": False, "others_may_lock": False}
        after = InstanceLock(db_path)
        assert after.acquire(), "released when the app ends"
        after.release()

        monkeypatch.setattr(app_module, "claim_database", lambda _file: (None, True))
        assert app_module.main(str(db_path)) == 0
        assert seen == {
            "title": "Branch Inspector (read-only)",
            "read_only": True,
            "others_may_lock": True,  # a read-only window holds nothing
        }
        assert uuid  # the database was not touched by either run
    finally:
        install_translations(styled_app, "en")
