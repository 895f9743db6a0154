"""Databases that are damaged, read-only, locked or not databases (issue 11, group 8).

Each gives one ``error:`` line that says what happened and what to do, never exit 70 with
SQL in it; ``hq integrity`` names inspections whose stored evidence no longer verifies;
read-only commands work on a read-only file and while another process holds the lock.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from inspector.db import Database
from inspector.services import photos
from inspector.services.inspections import lifecycle, lookup, snapshots
from tests.conftest import PHOTOS, Cli


def _make(db: Database) -> str:
    with db.session() as s:
        insp = lifecycle.create(
            s,
            branch_code="310001",
            branch_name="上海分行",
            checklist_id="example",
            answers={"ex.ramp": {"result": "pass"}},
            inspector="t",
        )
        photos.add_files(s, insp, "ex.ramp", [PHOTOS / "Landscape_1.jpg"], actor="t")
        return insp.uuid


def _clean_error(r: object, *needles: str) -> None:
    code, err = r.exit_code, r.stderr  # type: ignore[attr-defined]
    assert code == 1, r
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "internal error" not in err and "SELECT" not in err and "sqlalche" not in err
    for n in needles:
        assert n in err, err


def test_empty_device_fifo_and_foreign_files(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    text = tmp_path / "notes.db"
    text.write_text("hello, not a database\n" * 100)
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as c:
        c.execute("CREATE TABLE contacts (name TEXT)")
    cases = [
        ("", "the value is empty"),
        ("/dev/null", "not a regular file"),
        (str(fifo), "not a regular file"),
        (str(text), "restore it from a backup"),
        (str(foreign), "tables of another program"),
    ]
    for arg, needle in cases:
        _clean_error(Cli(arg)("list"), needle)  # type: ignore[arg-type]
    with sqlite3.connect(foreign) as c:
        assert [r[0] for r in c.execute("SELECT name FROM sqlite_master")] == ["contacts"]
    assert text.read_text().startswith("hello")


def test_damaged_pages(db: Database, db_path: Path, run_cli: Cli) -> None:
    uuid = _make(db)
    db.dispose()
    with sqlite3.connect(db_path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = db_path.stat().st_size
    with db_path.open("r+b") as f:
        for off in range(4096, size, 4096):
            f.seek(off + 100)
            f.write(b"\xde\xad\xbe\xef" * 200)
    for args in (["list"], ["show", uuid], ["hq", "summary"]):
        _clean_error(run_cli(*args), "is damaged", "restore it from a backup", "inspector backup")


def test_damaged_schema_with_unreadable_error_text(
    db: Database, db_path: Path, run_cli: Cli
) -> None:
    """SQLite quotes the damaged schema entry in its message; Python cannot decode it."""
    _make(db)
    db.dispose()
    with sqlite3.connect(db_path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    entry = data.find(b"tablebranchesbranches")  # sqlite_master: type, name, tbl_name
    assert entry > 0
    at = entry + len(b"table")
    data[at : at + 3] = b"\xad\xad\xad"
    sql = data.find(b"CREATE TABLE branches", at)
    data[sql : sql + 6] = b"CREATX"
    db_path.write_bytes(bytes(data))
    _clean_error(run_cli("list"), "is damaged", "restore it from a backup")


def test_read_only_database(db: Database, db_path: Path) -> None:
    uuid = _make(db)
    db.dispose()
    ro = Cli(f"sqlite:///file:{db_path}?mode=ro&uri=true")  # type: ignore[arg-type]
    assert uuid in ro.ok("list")
    assert "上海分行" in ro.ok("show", uuid)
    assert "310001" in ro.ok("hq", "summary")
    ro.ok("hq", "integrity")
    r = ro("new", "--branch", "B2", "--branch-name", "二", "--checklist", "example")
    _clean_error(r, "is read-only", "permissions")
    r = ro("answer", uuid, "ex.manager", "--value", "yes")
    _clean_error(r, "is read-only")


def test_read_only_file_in_read_only_folder(
    db: Database, db_path: Path, run_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neither the file nor its folder is writable for this user (a share, a CD).

    Root may write anything, so the permission check is what the test controls; the
    database is then opened read-only and immutable (no -shm file is created).
    """
    uuid = _make(db)
    db.dispose()
    with sqlite3.connect(db_path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    real_access = os.access
    blocked = {str(db_path), str(db_path.parent)}

    def access(path: object, mode: int, **kw: object) -> bool:
        if mode & os.W_OK and str(path) in blocked:
            return False
        return real_access(path, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr("inspector.db.engine.os.access", access)
    assert uuid in run_cli.ok("list")
    assert "上海分行" in run_cli.ok("show", uuid)
    run_cli.ok("hq", "summary")
    _clean_error(run_cli("answer", uuid, "ex.manager", "--value", "yes"), "is read-only")
    assert not db_path.with_name(db_path.name + "-shm").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file(db: Database, db_path: Path, run_cli: Cli) -> None:
    uuid = _make(db)
    db.dispose()
    db_path.chmod(0o444)
    try:
        assert uuid in run_cli.ok("list")
        _clean_error(run_cli("answer", uuid, "ex.manager", "--value", "yes"), "read-only")
    finally:
        db_path.chmod(0o644)


def test_read_commands_do_not_wait_for_the_write_lock(
    db: Database, db_path: Path, run_cli: Cli
) -> None:
    uuid = _make(db)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process is writing
    try:
        t = time.monotonic()
        assert uuid in run_cli.ok("list")
        run_cli.ok("show", uuid)
        run_cli.ok("hq", "summary")
        run_cli.ok("hq", "integrity")
        run_cli.ok("photo", "list", uuid)
        assert time.monotonic() - t < 10  # the busy timeout is 30 s
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_damaged_evidence_is_reported(db: Database, db_path: Path, run_cli: Cli) -> None:
    uuid = _make(db)
    with db.session() as s:
        insp = lookup.get(s, uuid)
        display = insp.photos[0].display_sha256
        snap_id = insp.snapshot_id
    with sqlite3.connect(db_path) as c:
        content = c.execute(
            "SELECT content FROM checklist_snapshots WHERE id = ?", (snap_id,)
        ).fetchone()[0]
        # One flipped character inside a text: still valid JSON, different evidence.
        i = content.index("坡道")
        flipped = content[:i] + "坂" + content[i + 1 :]
        c.execute("UPDATE checklist_snapshots SET content = ? WHERE id = ?", (flipped, snap_id))
        data = bytearray(
            c.execute("SELECT data FROM blobs WHERE sha256 = ?", (display,)).fetchone()[0]
        )
        data[len(data) // 2] ^= 0xFF
        c.execute("UPDATE blobs SET data = ? WHERE sha256 = ?", (bytes(data), display))
    snapshots._checklists_by_sha.clear()  # a fresh process would not have it cached
    flags = json.loads(run_cli.ok("hq", "integrity", "--json"))
    kinds = {(f["kind"], f["inspection"]) for f in flags}
    assert ("snapshot_damaged", uuid) in kinds
    assert ("blob_damaged", uuid) in kinds
    blob = next(f for f in flags if f["kind"] == "blob_damaged")
    assert blob["sha256"] == display and blob["item"] == "ex.ramp"
    # The English detail is what it was; a Chinese reader gets the same in Chinese.
    assert blob["detail"].startswith("photo image stored bytes hash to ")
    assert blob["detail"].endswith("; restore the database from a backup")
    assert blob["detail_zh"].startswith("图片存储内容的哈希为 ")
    assert blob["detail_zh"].endswith("；请从备份恢复数据库")
    snap = next(f for f in flags if f["kind"] == "snapshot_damaged")
    assert snap["detail_zh"].startswith("检查表快照校验不符（")
    text = run_cli.ok("hq", "integrity")
    assert "no longer verify" in text and "restore" in text
    _clean_error(run_cli("show", uuid), "no longer matches its SHA-256", "backup")
