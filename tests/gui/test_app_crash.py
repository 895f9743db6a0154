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

from inspector.app import AUTOPILOT_ENV, AUTOTYPE_ENV
from inspector.db import Database
from inspector.ui.settings import AppSettings
from tests.gui.child import Child

from .conftest import make_inspection

TIMEOUT = 60


class App(Child):
    """The app in a subprocess (with its autopilot answering items)."""

    def __init__(self, db_path: Path, autopilot: int, autotype: str = "") -> None:
        super().__init__(
            [sys.executable, "-m", "inspector", "--db", str(db_path)],
            {AUTOPILOT_ENV: str(autopilot), AUTOTYPE_ENV: autotype},
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


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize(
    ("spec", "column", "expected"),
    [
        ("ex.counter_height=781", "value", "781"),
        ("ex.reading=4", "value", "4"),
        ("ex.manager#note=door locked", "note", "door locked"),
    ],
)
def test_kill_9_right_after_typing_keeps_what_was_typed(
    db: Database, db_path: Path, spec: str, column: str, expected: str
) -> None:
    """Killed the moment the app keeps what was typed (50 ms after the last keystroke, well
    before the pause after which a value is recorded): the typed text is on disk, and the
    next start records it."""
    uuid = make_inspection(db)
    item_id = spec.partition("=")[0].partition("#")[0]
    AppSettings().set_last_position(uuid, item_id)
    db.dispose()

    app = App(db_path, autopilot=0, autotype=spec)
    assert app.next_line() == f"restored {uuid} {item_id}"
    assert app.next_line() == "autopilot idle 0"
    assert app.next_line() == f"typed {item_id} {expected}"
    assert app.next_line() == f"kept {item_id} {expected}"
    # The app killed itself right there (AUTOTYPE_ENV): a crash with nothing flushed.
    assert app.proc.wait(timeout=app.timeout) == -signal.SIGKILL

    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = dict(
            con.execute(
                "SELECT t.field, t.text FROM typed_texts t JOIN inspections i "
                "ON t.inspection_id = i.id WHERE i.uuid = ?",
                (uuid,),
            ).fetchall()
        )
    finally:
        con.close()
    assert kept.get(f"{column}:{item_id}") == expected, kept

    # The next start records it as the answer (audited), and nothing stays pending.
    again = App(db_path, autopilot=0)
    assert again.next_line() == f"restored {uuid} {item_id}"
    assert again.next_line() == "autopilot idle 0"
    again.kill()
    con = sqlite3.connect(db_path)
    try:
        row = con.execute(
            f"SELECT a.{column} FROM answers a JOIN inspections i ON a.inspection_id = i.id "
            "WHERE i.uuid = ? AND a.item_id = ?",
            (uuid, item_id),
        ).fetchone()
        left = con.execute("SELECT count(*) FROM typed_texts").fetchone()[0]
    finally:
        con.close()
    assert row is not None and str(row[0]).strip('"') in (expected, f"{expected}.0"), row
    assert left == 0
