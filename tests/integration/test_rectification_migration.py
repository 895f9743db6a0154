"""Migration ``rectification``: an older database upgrades with every row kept, its closed
findings saying how they were closed, and the new states allowed; downgrade goes back."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from inspector.db import Database, open_database
from inspector.db.migrate import alembic_config, current_revision, head_revision
from inspector.services.findings import closing as svc
from tests.integration.conftest import make_finalized

BEFORE = "typed_texts"


def _raw(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def _downgrade(db: Database, revision: str = BEFORE) -> None:
    cfg = alembic_config(db.engine)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    db.dispose()


def test_upgrade_keeps_rows_and_says_how_closed_findings_were_closed(any_db: Database) -> None:
    db = any_db
    a = make_finalized(db, label="a", fail=("ex.polite", "ex.ramp"))
    with db.session() as s:
        svc.close_finding(s, a, "ex.polite", note="verified on the phone", actor="HQ")
    counts = (
        "SELECT (SELECT COUNT(*) FROM answers), (SELECT COUNT(*) FROM findings), "
        "(SELECT COUNT(*) FROM photos)"
    )
    before = _raw(db, counts)
    _downgrade(db)
    with db.engine.begin() as c:
        # A re-check closing, as the older program stored it.
        c.execute(
            text(
                "UPDATE findings SET status = 'closed', closed_by_uuid = :u "
                "WHERE item_id = 'ex.ramp'"
            ),
            {"u": "11111111-1111-4111-8111-111111111111"},
        )
    url = db.engine.url.render_as_string(hide_password=False)
    upgraded = open_database(url)
    try:
        assert current_revision(upgraded.engine) == head_revision()
        assert _raw(upgraded, counts) == before  # no cascade through a table rebuild
        assert sorted(_raw(upgraded, "SELECT item_id, status, closed_via FROM findings")) == [
            ("ex.polite", "closed", "hand"),
            ("ex.ramp", "closed", "recheck"),
        ]
        if upgraded.engine.dialect.name == "sqlite":
            assert _raw(upgraded, "PRAGMA integrity_check") == [("ok",)]
        with upgraded.engine.begin() as c:
            c.execute(text("UPDATE findings SET status = 'submitted' WHERE item_id = 'ex.ramp'"))
        for sql, check in (
            ("UPDATE findings SET status = 'overdue'", "ck_findings_status"),
            ("UPDATE findings SET closed_via = 'magic'", "ck_findings_closed_via"),
        ):
            with pytest.raises(IntegrityError, match=check), upgraded.engine.begin() as c:
                c.execute(text(sql))
        # Downgrading sends a submitted finding back to open (the older program's states).
        _downgrade(upgraded)
        assert ("ex.ramp", "open") in _raw(upgraded, "SELECT item_id, status FROM findings")
        assert _raw(upgraded, counts) == before
    finally:
        upgraded.dispose()
