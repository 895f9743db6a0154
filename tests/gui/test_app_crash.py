"""Kill -9 the real app mid-inspection: nothing answered is lost, it reopens where it was.

The app runs in a subprocess (offscreen) with the INSPECTOR_TEST_AUTOPILOT hook, which
answers items through the runner, one committed change at a time, printing after each.
"""

from __future__ import annotations

import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from inspector.app import AUTOPILOT_ENV
from inspector.db import Database
from inspector.ui.settings import AppSettings
from tests.gui.child import Child

from .conftest import make_inspection

TIMEOUT = 60


class App(Child):
    """The app in a subprocess (with its autopilot answering items)."""

    def __init__(self, db_path: Path, autopilot: int) -> None:
        super().__init__(
            [sys.executable, "-m", "inspector", "--db", str(db_path)],
            {AUTOPILOT_ENV: str(autopilot)},
            TIMEOUT,
        )


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
