"""A writer killed with SIGKILL at any moment loses no acknowledged (committed) answer."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

WRITER = textwrap.dedent(
    """
    import sys
    from inspector.db import open_database
    from inspector.services.inspections import answering
    from inspector.services.inspections import lifecycle
    from inspector.services.inspections import lookup

    db = open_database(sys.argv[1])
    with db.session() as s:
        insp = lifecycle.create(s, branch_code="B1", branch_name="一号", checklist_id="example")
        uuid = insp.uuid
    print("ready", uuid, flush=True)
    for i in range(100000):
        with db.session() as s:
            insp = lookup.get(s, uuid)
            answering.set_answer(s, insp, "ex.remarks", value=f"v{i}", actor="crash")
        # Acknowledged only after commit() returned, as the GUI shows "saved".
        print(i, flush=True)
    """
)


def test_kill_9_mid_write_keeps_every_acknowledged_answer(tmp_path: Path) -> None:
    db_path = tmp_path / "crash.sqlite3"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    header = proc.stdout.readline().split()
    assert header[0] == "ready", header
    last_ack = -1
    # Kill while the writer is busy, at a point decided by its own progress.
    for line in proc.stdout:
        last_ack = int(line)
        if last_ack >= 60:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (value,) = conn.execute("SELECT value FROM answers WHERE item_id = 'ex.remarks'").fetchone()
        stored = int(value.strip('"')[1:])
        assert stored >= last_ack
        audits = conn.execute(
            "SELECT count(*) FROM audit_log WHERE entity = 'answer' AND actor = 'crash'"
        ).fetchone()[0]
        assert audits >= last_ack + 1
