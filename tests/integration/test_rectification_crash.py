"""kill -9 during ``rectify export`` and during the import of responses: nothing
half-written, every acknowledged step kept, and the work can simply go on."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from inspector.services.exchange.importer import package_files
from inspector.services.rectification.formats import read_response
from tests.integration.test_rectification import ITEM, Sites, _issue, _json, sites

__all__ = ["sites"]

ROOT = Path(__file__).resolve().parents[2]

EXPORTER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from inspector.db import open_database
    from inspector.services.rectification import response

    db = open_database(sys.argv[1])
    nid, item, out = sys.argv[2], sys.argv[3], Path(sys.argv[4])
    print("ready", flush=True)
    for i in range(100000):
        response.respond(db, nid, item, response.Answer(note=f"step {i}"), actor="crash")
        done = response.export(db, nid, out, actor="crash", encrypt=False)
        print(done.revision, flush=True)  # acknowledged: recorded and written
    """
)

IMPORTER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from inspector.db import open_database
    from inspector.services.exchange.importer import import_file

    db = open_database(sys.argv[1])
    print("ready", flush=True)
    for name in sys.argv[2:]:
        outcome, entry = import_file(db, Path(name), actor="crash")
        print(outcome, entry["revision"], flush=True)
    """
)


def _run_until(script: str, args: list[str], acks: int) -> list[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    lines: list[str] = []
    for line in proc.stdout:
        lines.append(line.strip())
        if len(lines) >= acks:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return lines


def _sqlite(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_kill_9_during_export_leaves_only_whole_responses(sites: Sites) -> None:
    issued = _issue(sites)
    branch = sites.at("branch")
    branch.ok("rectify", "open", str(issued["notice"]))
    out = sites.tmp / "responses"
    out.mkdir()
    db = sites.dbs["branch"]
    acks = _run_until(EXPORTER, [str(db), str(issued["id"]), ITEM, str(out)], acks=6)
    last = int(acks[-1])

    assert _sqlite(db, "PRAGMA integrity_check") == [("ok",)]
    recorded = {r for (r,) in _sqlite(db, "SELECT revision FROM rect_responses")}
    files = package_files([out])
    revisions = set()
    for f in files:
        m, _ = read_response(f.read_bytes())  # whole and signed, or it would raise
        revisions.add(m.response.revision)
    assert set(range(1, last + 1)) <= revisions  # every acknowledged one is there
    assert revisions <= recorded  # a file always names a recorded revision
    # No half-written file is where a user looks (a temporary file may remain, hidden).
    assert all(p.name.startswith(".") for p in out.iterdir() if p not in files)
    # The work goes on: the next export is the next revision.
    again = _json(branch, "rectify", "export", str(issued["id"]), "-o", str(out))
    assert isinstance(again, dict) and again["revision"] == max(recorded) + 1


def test_kill_9_during_import_keeps_each_response_whole(sites: Sites) -> None:
    issued = _issue(sites)
    branch = sites.at("branch")
    branch.ok("rectify", "open", str(issued["notice"]))
    photo = sites.tmp / "p.jpg"
    from tests.integration.conftest import photo_bytes

    files = []
    for i in range(8):
        photo.write_bytes(photo_bytes(f"p{i}", (400, 300)))
        branch.ok(
            "rectify", "respond", str(issued["id"]), ITEM, "--note", f"n{i}",
            "--photo", str(photo),
        )  # fmt: skip
        out = _json(branch, "rectify", "export", str(issued["id"]), "-o", str(sites.out))
        assert isinstance(out, dict)
        files.append(str(out["file"]))
    sites.at("hq")
    db = sites.dbs["hq"]
    acks = _run_until(IMPORTER, [str(db), *files], acks=3)
    assert all(a.startswith("imported") for a in acks), acks

    assert _sqlite(db, "PRAGMA integrity_check") == [("ok",)]
    stored = [r for (r,) in _sqlite(db, "SELECT revision FROM rect_responses ORDER BY revision")]
    assert stored == list(range(1, len(stored) + 1)) and len(stored) >= len(acks)
    # Each stored response is whole: its answer and the answer's photos (i+1 each).
    for rev in stored:
        (n_photos,) = _sqlite(
            db,
            "SELECT COUNT(*) FROM rect_photos p JOIN rect_answers a ON a.id = p.answer_id "
            f"JOIN rect_responses r ON r.id = a.response_id WHERE r.revision = {rev}",
        )[0]
        assert n_photos == rev
    # Importing the whole batch again finishes the job: the rest imported, none twice.
    hq = sites.at("hq")
    receipt = _json(hq, "import", *files)
    assert isinstance(receipt, dict)
    counts = receipt["counts"]
    assert counts["rejected"] == 0, receipt
    assert counts["duplicates"] == len(stored)
    assert counts["imported"] == len(files) - len(stored)
