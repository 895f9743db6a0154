"""Backups: a consistent copy, taken safely while the database is in use."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from inspector.db import Database
from inspector.errors import UserError
from inspector.services.backup import backup_database
from inspector.services.inspections import answering, lifecycle, lookup
from tests.conftest import Cli


def test_backup_is_a_complete_openable_database(run_cli: Cli, tmp_path: Path) -> None:
    iid = run_cli.last_line(
        "new", "--branch", "B1", "--branch-name", "一号", "--checklist", "example"
    )
    run_cli.ok("answer", iid, "ex.polite", "--value", "4", "--note", "热情")
    target = tmp_path / "backups" / "copy.sqlite3"
    target.parent.mkdir()
    assert run_cli.last_line("backup", "-o", str(target)) == str(target)
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    restored = Cli(target)
    data = json.loads(restored.ok("show", iid, "--json"))
    assert data["answers"]["ex.polite"]["note"] == "热情"
    assert not list(target.parent.glob(".*partial"))


def test_backup_while_a_write_transaction_is_open(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        insp = lifecycle.create(s, branch_code="B1", branch_name="一号", checklist_id="example")
        uuid = insp.uuid
    # A writer holds an uncommitted change: the backup has the committed state only.
    with db.session() as s:
        insp = lookup.get(s, uuid)
        answering.set_answer(s, insp, "ex.polite", value=2)
        s.flush()
        backup_database(db, tmp_path / "b.sqlite3")
    with sqlite3.connect(tmp_path / "b.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM answers").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM inspections").fetchone() == (1,)


def test_bad_targets_are_refused(db: Database, db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="that is the database itself"):
        backup_database(db, db_path)
    with pytest.raises(UserError, match="is a folder"):
        backup_database(db, tmp_path)
    with pytest.raises(UserError, match="does not exist"):
        backup_database(db, tmp_path / "nope" / "b.sqlite3")


@pytest.mark.postgres
def test_server_databases_point_to_their_own_tools(pg_db: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="pg_dump"):
        backup_database(pg_db, tmp_path / "b.sqlite3")
