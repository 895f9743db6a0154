"""The desktop app: QApplication, fonts, translations, error dialog, database, main window.

The only module that ties the layers together for the GUI (``python main.py --db PATH``).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from inspector import paths
from inspector.db import Database, open_database, resolve_url
from inspector.db.instance import InstanceLock
from inspector.errors import UserError
from inspector.logs import setup_logging
from inspector.services import settings as settings_svc
from inspector.ui.translations import install_translations

log = logging.getLogger(__name__)

__all__ = ["AUTOPILOT_ENV", "AUTOTYPE_ENV", "create_application", "install_translations", "main"]

AUTOPILOT_ENV = "INSPECTOR_TEST_AUTOPILOT"
"""Test hook: answer that many items of the restored inspection, print progress, then idle
(the kill -9 test runs the real app with it)."""

AUTOTYPE_ENV = "INSPECTOR_TEST_AUTOTYPE"
"""Test hook: ``ITEM=TEXT`` types TEXT with real key events into that item's value field
(or ``ITEM#note=TEXT`` into its note) and prints ``typed``; the moment the app keeps what was
typed (a short pause after the last keystroke), it prints ``kept`` and kills itself with
SIGKILL: a crash at the first moment the typed text is promised to be on disk."""


def create_application(argv: list[str] | None = None) -> QApplication:
    from inspector.ui import gc_guard, theme
    from inspector.ui.settings import AppSettings

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    gc_guard.install(app)  # Qt objects must never be collected in a worker thread
    theme.install_fonts(app)
    theme.apply_style(app)
    install_translations(app, AppSettings().language())
    return app


def _autopilot(window: object, count: int) -> None:
    """Answer ``count`` items one per event-loop turn, printing after each commit."""
    from inspector.domain.checklist import Result
    from inspector.ui.main_window import MainWindow
    from inspector.ui.runner.page import RunnerPage

    assert isinstance(window, MainWindow)
    state = {"done": 0}
    print(f"restored {window.runner.uuid} {window.runner.current_item}", flush=True)

    def step() -> None:
        runner = window.runner
        on_item = runner.tabs.currentIndex() == RunnerPage.TAB_ITEM
        if state["done"] >= count or runner.current_item is None or not on_item:
            print(f"autopilot idle {state['done']}", flush=True)
            return
        item = runner.current_item
        # The Pass button (a key "1" would be typed into a measurement's value field).
        runner.item_view.answer_panel.judge(Result.PASS)
        runner.next_item()
        state["done"] += 1
        print(f"answered {state['done']} {item}", flush=True)
        QTimer.singleShot(0, step)

    QTimer.singleShot(0, step)


def _sqlite_file(db: str | None) -> Path | None:
    """The SQLite file ``db`` names (None for a server database or a bad value)."""
    try:
        url = resolve_url(db)
    except UserError:
        return None  # open_database says what is wrong with it
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


def claim_database(file: Path) -> tuple[InstanceLock | None, bool] | None:
    """Take ``file``'s instance lock, or ask what to do when another app holds it.

    Returns (the lock, False) to open it for writing, (None, True) to open it read-only,
    or None when the user switched to the running window or quit.
    """
    from inspector.ui import instance

    lock = InstanceLock(file)
    while not lock.acquire():
        log.info("database %s is open in another app (process %s)", file, lock.holder())
        dialog = instance.SecondInstanceDialog(file, lock.holder())
        dialog.exec()
        choice = dialog.choice()
        if choice is instance.Choice.READ_ONLY:
            return None, True
        if choice is instance.Choice.QUIT:
            return None
        if instance.ask_running_window(file):
            log.info("switched to the running window on %s", file)
            return None
        instance.not_answering().exec()
    return lock, False


def _autotype(window: object, spec: str) -> None:
    """Type ``spec``'s text into its item's field with key events, as a person would."""
    from PySide6.QtTest import QTest

    from inspector.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    target, _, text = spec.partition("=")
    item_id, _, field = target.partition("#")

    def go() -> None:
        runner = window.runner
        runner.go_to_item(item_id)
        runner.focus_item()
        view = runner.item_view
        widget = view.note_edit if field == "note" else view.answer_panel.value_field()
        assert widget is not None, f"{item_id} has no {field or 'value'} field"
        widget.setFocus()
        kept = view.note_typed if field == "note" else view.answer_panel.value_typed

        def crash(kept_item: str, kept_text: str) -> None:
            # Connected after the runner's own slot, so this runs once the text is stored.
            print(f"kept {kept_item} {kept_text}", flush=True)
            os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

        kept.connect(crash)
        QTest.keyClicks(widget, text)
        print(f"typed {item_id} {text}", flush=True)

    QTimer.singleShot(0, go)


def main(db: str | None = None, argv: list[str] | None = None) -> int:
    """Run the desktop app on database ``db`` (a path or URL; default: per-user)."""
    log_path = setup_logging()
    app = create_application(argv)
    from inspector.ui import instance
    from inspector.ui.errors import make_excepthook, user_text
    from inspector.ui.main_window import MainWindow

    sys.excepthook = make_excepthook(log_path)
    file = _sqlite_file(db)
    lock: InstanceLock | None = None
    read_only = False
    if file is not None:
        claim = claim_database(file)
        if claim is None:
            return 0
        lock, read_only = claim
    try:
        database: Database = open_database(db, read_only=read_only)
        settings_svc.apply_display_tz(database)
    except UserError as e:
        if lock is not None:
            lock.release()
        log.error("cannot open database: %s", e)
        # In the app's language and words: no '--db' or 'inspector backup' to a desktop user.
        QMessageBox.critical(None, app.translate("App", "Cannot open the database"), user_text(e))
        return 1
    log.info("app started on %s%s", database.display_name, " (read-only)" if read_only else "")
    window = MainWindow(database)
    if read_only:
        instance.mark_read_only(window, database.display_name)
    window.show()
    holder = [window]
    server = instance.RaiseServer(file) if lock is not None and file is not None else None
    if server is not None:
        server.raise_requested.connect(lambda: instance.bring_to_front(holder[0]))
        server.start()

    def switch_language(_lang: str) -> None:
        # The window is rebuilt in the new language; everything is already committed.
        holder[0] = holder[0].rebuilt()
        holder[0].language_changed.connect(switch_language)
        if read_only:
            instance.mark_read_only(holder[0], database.display_name)

    window.language_changed.connect(switch_language)
    window.restore_last_position()
    autopilot = os.environ.get(AUTOPILOT_ENV)
    if autopilot:
        _autopilot(window, int(autopilot))
    autotype = os.environ.get(AUTOTYPE_ENV)
    if autotype:
        _autotype(window, autotype)
    try:
        return app.exec()
    finally:
        from inspector.ui import workers

        workers.wait_all()
        if server is not None:
            server.close()
        database.dispose()
        if lock is not None:
            lock.release()
