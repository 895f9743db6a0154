"""Every file dialog of the app, opened over the database's folder, leaves SQLite's locks
alone (issue 20, point 1).

POSIX advisory locks belong to the process: Qt's stock dialog read the files it listed
(MIME sniffing for icons and the "Type" column, the path completer), closing a descriptor
of the database dropped the app's locks, and the next ``inspector`` command to close the
database deleted the WAL under the running app: answers the app had shown as saved were
gone. Here every dialog of the app is opened (and, for one, a path typed through the
completer) over a folder holding the live database, a hard link to it and its WAL; then a
real ``inspector`` command opens and closes the database in another process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QLineEdit
from pytestqt.qtbot import QtBot

from inspector.db import Database, open_database
from inspector.domain.answers import Answer
from inspector.domain.checklist import Result
from inspector.services.commands import inspections as commands
from inspector.ui.exchange import ImportDialog
from inspector.ui.main_window import MainWindow
from inspector.ui.new_inspection import NewInspectionDialog
from inspector.ui.settings import AppSettings, SettingsDialog

from .conftest import make_inspection

pytestmark = pytest.mark.skipif(
    not Path("/proc/locks").exists(), reason="reads the process's locks in /proc/locks"
)

GIVE_UP_MS = 20_000


def _same(a: str | Path, b: str | Path) -> bool:
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


class DialogWatcher(QObject):
    """Closes each file dialog once it has listed ``folder`` (and, for the first one, once
    a path typed into its name field has made the completer list ``typed`` too)."""

    def __init__(self, folder: Path, typed: Path) -> None:
        super().__init__()
        self.folder, self.typed = folder, typed
        self.listed: list[str] = []
        self.timed_out: list[str] = []
        self._seen: list[QFileDialog] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        shown = event.type() == QEvent.Type.Show
        if shown and isinstance(obj, QFileDialog) and obj not in self._seen:
            self._watch(obj)
        return False

    def _watch(self, dialog: QFileDialog) -> None:
        self._seen.append(dialog)
        first = len(self._seen) == 1
        model = dialog.findChild(QFileSystemModel)
        assert model is not None
        # The model's signals come from its gatherer thread, queued: none is missed here.
        model.directoryLoaded.connect(lambda path: self._loaded(dialog, path, first))
        QTimer.singleShot(GIVE_UP_MS, lambda: self._give_up(dialog))

    def _loaded(self, dialog: QFileDialog, path: str, first: bool) -> None:
        if not dialog.isVisible():
            return
        if _same(path, self.folder):
            if first:
                # Type a path through another folder: the completer lists it as it is typed.
                edit = dialog.findChild(QLineEdit, "fileNameEdit")
                assert edit is not None
                edit.setFocus()
                edit.clear()
                QTest.keyClicks(edit, str(self.typed) + os.sep)
                return
            self._close(dialog)
        elif first and _same(path, self.typed):
            self._close(dialog)

    def _close(self, dialog: QFileDialog) -> None:
        self.listed.append(dialog.windowTitle())
        QTimer.singleShot(0, dialog.reject)

    def _give_up(self, dialog: QFileDialog) -> None:
        try:
            visible = dialog.isVisible()
        except RuntimeError:  # deleted: it was closed long ago
            return
        if visible:
            self.timed_out.append(dialog.windowTitle())
            dialog.reject()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The database's folder, the app's current folder (as when started from there)."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def db(site: Path) -> Iterator[Database]:
    database = open_database(site / "site.db")
    yield database
    database.dispose()


def _db_locks(db_file: Path) -> list[str]:
    """This process's POSIX locks on the database file (SQLite's SHARED lock, at least)."""
    inode = os.stat(db_file).st_ino
    pid = str(os.getpid())
    with open("/proc/locks") as f:
        return [
            line
            for line in f
            if line.split()[4] == pid and line.split()[5].rsplit(":", 1)[-1] == str(inode)
        ]


def _inspector(db_file: Path, *args: str) -> str:
    """A real ``inspector`` command in another process: it opens and closes the database."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "inspector", "--db", str(db_file), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# The offscreen platform cannot raise the completer's popup nor grab the keyboard for it.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_every_file_dialog_keeps_the_database_locks_and_the_wal(
    qtbot: QtBot, db: Database, site: Path, settings: AppSettings
) -> None:
    db_file = site / "site.db"
    wal = site / "site.db-wal"
    uuid = make_inspection(db)
    commands.store_answer(db, uuid, "ex.ramp", Answer(result=Result.PASS), actor="t")
    # Another name for the same database file in a folder typed through the completer, and
    # an ordinary file beside it: a dialog that reads what it lists opens the database.
    typed = site / "evidence"
    typed.mkdir()
    os.link(db_file, typed / "scan0001")
    (site / "notes").write_bytes(b"not a photo")
    settings.set_last_folder(str(site))
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_inspection(uuid, "ex.ramp")
    assert wal.exists() and _db_locks(db_file), "the app holds SQLite's locks to begin with"

    watcher = DialogWatcher(site, typed)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watcher)
    import_dialog = ImportDialog(db, settings, window)
    new_dialog = NewInspectionDialog(db, settings, "en", window)
    settings_dialog = SettingsDialog(settings, window, db)
    for w in (import_dialog, new_dialog, settings_dialog):
        qtbot.addWidget(w)
    openers: list[tuple[str, Callable[[], object]]] = [
        ("Back up database", window.back_up_database),
        ("Save report", lambda: window.exporter.report(uuid)),
        ("Export package", lambda: window.exporter.export_package(uuid)),
        ("Packages", import_dialog._add_files),
        ("Folder of packages", import_dialog._add_folder),
        ("Import branch list", new_dialog._import_csv),
        ("Organisation logo", settings_dialog._choose_logo),
        ("Add photos", window.runner.evidence.choose_files),
        ("Install HQ update", window.hq_updates.choose_and_install),
    ]
    try:
        for _title, open_it in openers:
            open_it()  # modal: returns once the watcher has closed it
    finally:
        app.removeEventFilter(watcher)
    assert watcher.timed_out == []
    assert watcher.listed == [title for title, _ in openers], "every dialog listed the folder"

    # Another process opens and closes the database, as any command does.
    listed = json.loads(_inspector(db_file, "list", "--json"))
    assert uuid in json.dumps(listed)
    assert wal.exists(), "the other process deleted the WAL: the app had lost its locks"
    assert _db_locks(db_file), "the app no longer holds its lock on the database file"

    # What the app saves now is what everyone reads: nothing goes to a deleted WAL.
    commands.store_answer(db, uuid, "ex.manager", Answer(result=Result.FAIL), actor="t")
    shown = json.loads(_inspector(db_file, "show", uuid, "--json"))
    assert "ex.manager" in json.dumps(shown), "an answer the app saved is not in the database"
