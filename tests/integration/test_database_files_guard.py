"""Nothing in the process reads or replaces a file of its own open database (issue 20, 1).

POSIX advisory locks belong to the process: closing any descriptor of the database file
drops the locks SQLite holds through its own, and another process closing the database
then deletes the WAL under us. So every reader (photos, packages, CSVs, logos, checklists,
narratives) refuses the database's files by inode before opening them, and every writer
(reports, packages, backups) refuses to replace them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from inspector import files
from inspector.db import Database, open_database
from inspector.errors import UserError
from inspector.files import FileAccessError, read_bounded, write_atomic
from inspector.services import photos, settings
from inspector.services.backup import backup_database
from inspector.services.commands import branches as branch_commands
from inspector.text import Lang, Surface
from tests.conftest import Cli


def _own_locks() -> list[str]:
    """This process's POSIX lock lines in /proc/locks."""
    pid = str(os.getpid())
    with open("/proc/locks") as f:
        return [line for line in f if line.split()[4] == pid]


@pytest.fixture
def live(db: Database, db_path: Path) -> Database:
    with db.engine.connect() as conn:  # a WAL and a shared-memory file exist, locks held
        conn.exec_driver_sql("SELECT count(*) FROM inspections").scalar()
    assert db_path.with_name(db_path.name + "-wal").exists()
    return db


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads /proc/locks")
def test_reading_a_database_file_keeps_the_locks(live: Database, db_path: Path) -> None:
    # While a connection is pooled, SQLite holds its locks; a read of the file must not drop them.
    with live.engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
        assert _own_locks()
        for suffix in ("", "-wal", "-shm"):
            with pytest.raises(FileAccessError, match="is a file of the database in use"):
                read_bounded(db_path.with_name(db_path.name + suffix), 1 << 30, "photo")
        assert _own_locks(), "a refused read must not have opened (and closed) the file"


def test_every_spelling_of_the_database_is_refused(live: Database, db_path: Path) -> None:
    hard = db_path.with_name("hard-link.jpg")
    os.link(db_path, hard)
    soft = db_path.with_name("soft-link.jpg")
    soft.symlink_to(db_path.with_name(db_path.name + "-shm"))
    dotted = db_path.parent / "." / db_path.name
    for path in (hard, soft, dotted):
        with pytest.raises(FileAccessError) as caught:
            read_bounded(path, 1 << 30, "photo")
        zh = caught.value.render(Lang.ZH, Surface.GUI)
        assert "正在使用的数据库" in zh and "备份数据库" in zh, zh
        assert "inspector backup" in str(caught.value)
    other = db_path.with_name("other.txt")
    other.write_bytes(b"fine")
    assert read_bounded(other, 10) == b"fine"


def test_the_guard_ends_with_the_database(tmp_path: Path) -> None:
    path = tmp_path / "closed.sqlite3"
    database = open_database(path)
    assert path.resolve() in {p.resolve() for p in files.database_files()}
    database.dispose()
    assert path.resolve() not in {p.resolve() for p in files.database_files()}
    assert read_bounded(path, 1 << 30)[:15] == b"SQLite format 3"


def test_writers_never_replace_a_database_file(live: Database, db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):  # -journal does not exist: by name
        target = db_path.with_name(db_path.name + suffix)
        with pytest.raises(FileAccessError, match="cannot be overwritten"):
            write_atomic(target, b"%PDF-")
        with pytest.raises(UserError, match=r"database itself|cannot be overwritten"):
            backup_database(live, target)
    assert not db_path.with_name(db_path.name + "-journal").exists()
    hard = db_path.with_name("report.pdf")
    os.link(db_path, hard)
    with pytest.raises(FileAccessError, match="cannot be overwritten"):
        write_atomic(hard, b"%PDF-")
    assert db_path.read_bytes()[:15] == b"SQLite format 3"


def test_every_ingest_path_refuses_the_database(
    live: Database, db_path: Path, run_cli: Cli
) -> None:
    wal = str(db_path.with_name(db_path.name + "-wal"))
    refused = "is a file of the database in use"
    # The logo (a setting) and the branch CSV, through the services the app calls.
    with live.session() as s, pytest.raises(UserError, match=refused):
        settings.set_value(s, "org.logo", str(db_path), actor="t")
    with pytest.raises(UserError, match=refused):
        branch_commands.import_csv(live, Path(wal), actor="t")
    # A photo, a package, a narrative, an answers file, a checklist, through the commands.
    uuid = run_cli.last_line(
        "new", "--branch", "B001", "--branch-name", "测试支行", "--checklist", "example"
    )
    mystery = run_cli.last_line(
        "new", "--branch", "B1", "--branch-name", "一", "--checklist", "mystery-shopper",
        "--mode", "mystery",
    )  # fmt: skip
    for args in (
        ("photo", "add", uuid, "ex.ramp", str(db_path)),
        ("import", "--json", wal),
        ("visit", mystery, "--narrative-file", str(db_path)),
        ("new", "--branch", "B002", "--checklist", "example", "--answers", wal),
        ("checklists", "validate", str(db_path)),
    ):
        result = run_cli(*args)
        assert refused in result.output, (args, result.output)
    with pytest.raises(UserError, match=refused):
        photos._read_and_prepare(db_path)
