"""Opening databases: URL handling, SQLite settings on every connection, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from inspector import paths
from inspector.db import open_database, resolve_url
from inspector.db.migrate import current_revision, head_revision
from inspector.errors import UserError


def test_sqlite_settings_on_every_connection(db_path: Path) -> None:
    database = open_database(str(db_path))
    try:
        # Several pooled connections: each must carry the settings.
        reader = database.engine.execution_options(sqlite_begin="DEFERRED")
        conns = [reader.connect() for _ in range(3)]
        for conn in conns:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        for conn in conns:
            conn.close()
    finally:
        database.dispose()


def test_new_database_is_migrated_to_head_and_reopening_is_a_no_op(db_path: Path) -> None:
    first = open_database(str(db_path))
    assert current_revision(first.engine) == head_revision()
    first.dispose()
    second = open_database(str(db_path))
    assert current_revision(second.engine) == head_revision()
    with second.session() as s:
        assert s.execute(text("SELECT count(*) FROM inspections")).scalar() == 0
    second.dispose()


def test_default_database_lives_in_the_per_user_folder(_isolated_home: Path) -> None:
    url = resolve_url(None)
    assert url.database == str(paths.default_database_path())
    assert str(_isolated_home) in str(url.database)


def test_environment_variable_chooses_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INSPECTOR_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_url(None).database == str(tmp_path / "env.sqlite3")
    assert resolve_url("postgresql://u@h/d").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("/nonexistent-folder/x.sqlite3", "does not exist"),
        ("::not a url::", None),
    ],
)
def test_bad_database_arguments(value: str, message: str | None, tmp_path: Path) -> None:
    if message is None:
        with pytest.raises(UserError, match="unsupported database type"):
            open_database("nosuchdriver://x/y")
        return
    with pytest.raises(UserError, match=message):
        open_database(value)


def test_folder_or_non_database_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is a folder"):
        open_database(str(tmp_path))
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(UserError, match="cannot open database"):
        open_database(str(junk))


def test_backup_before_upgrade_is_a_complete_copy(db_path: Path) -> None:
    from inspector.db.migrate import _backup_sqlite

    database = open_database(str(db_path))
    with database.session() as s:
        s.execute(
            text(
                "INSERT INTO branches (code, name, region, address, created_at, "
                "updated_at) VALUES ('B1', '一号', '', '', '2026-01-01', '2026-01-01')"
            )
        )
    _backup_sqlite(database.engine, "0000_old")
    database.dispose()
    backups = list(db_path.parent.glob(f"{db_path.name}.before-0000_old-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT name FROM branches").fetchall() == [("一号",)]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_reads_do_not_wait_for_an_open_write_transaction(db_path: Path) -> None:
    import threading

    from inspector.services.inspections import answering, lifecycle, lookup

    database = open_database(str(db_path))
    try:
        with database.session() as s:
            uuid = lifecycle.create(
                s, branch_code="B1", branch_name="一号", checklist_id="example"
            ).uuid
        seen: list[int] = []

        def read() -> None:
            with database.read_session() as r:
                seen.append(len(lookup.get(r, uuid).answers))

        with database.session() as s:  # holds SQLite's write lock until the block ends
            answering.set_answer(s, lookup.get(s, uuid), "ex.polite", value=3)
            reader = threading.Thread(target=read)
            reader.start()
            reader.join(timeout=5)  # a blocked reader would wait for the busy timeout (30 s)
            assert not reader.is_alive(), "a read waited for the writer"
        assert seen == [0]  # the reader saw the last committed state
    finally:
        database.dispose()
