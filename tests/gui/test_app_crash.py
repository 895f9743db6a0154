"""Kill -9 the real app mid-inspection: nothing answered is lost, it reopens where it was.

The app runs in a subprocess (offscreen) with the INSPECTOR_TEST_AUTOPILOT hook, which
answers items through the runner, one committed change at a time, printing after each.
"""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from inspector.app import AUTOPILOT_ENV
from inspector.db import Database
from inspector.ui.settings import AppSettings

from .conftest import make_inspection

TIMEOUT = 60


class App:
    """The app in a subprocess; its stdout lines arrive on a queue (no polling, no sleeps)."""

    def __init__(self, db_path: Path, autopilot: int) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", AUTOPILOT_ENV: str(autopilot)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "inspector", "--db", str(db_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put("<eof>")

    def next_line(self) -> str:
        line = self.lines.get(timeout=TIMEOUT)
        assert line != "<eof>", f"app exited with {self.proc.wait()}"
        return line

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=TIMEOUT)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_mid_inspection_loses_nothing(db: Database, db_path: Path) -> None:
    uuid = make_inspection(db)
    AppSettings().set_last_position(uuid, "ex.ramp")
    db.dispose()  # the app process is the only writer from now on

    app = App(db_path, autopilot=100)
    assert app.next_line() == f"restored {uuid} ex.ramp"
    reported: list[str] = []
    while len(reported) < 4:
        line = app.next_line()
        assert line.startswith("answered "), line
        reported.append(line.split()[2])
    app.kill()  # mid-run: the autopilot was still answering

    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {
            r[0]: r[1]
            for r in con.execute(
                "SELECT a.item_id, a.result FROM answers a JOIN inspections i "
                "ON a.inspection_id = i.id WHERE i.uuid = ?",
                (uuid,),
            )
        }
    finally:
        con.close()
    # Every answer the app reported (after its commit) survived the kill.
    for item_id in reported:
        assert stored.get(item_id) == "pass", (item_id, stored)

    # Restarting reopens the same inspection on the item the user had moved on to.
    last_uuid, last_item = AppSettings().last_position()
    assert last_uuid == uuid
    again = App(db_path, autopilot=0)
    assert again.next_line() == f"restored {uuid} {last_item}"
    assert again.next_line() == "autopilot idle 0"
    again.kill()
