"""The state columns: enums in the code, their exact strings in the database, nothing else.

Statuses, severities and import outcomes come back as the enums of
:mod:`inspector.domain.states`, are stored as the strings they always were, and the
database refuses any other value however it is written (migration ``status_checks``).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError

from inspector.db import Database, open_database
from inspector.db.migrate import alembic_config, current_revision, head_revision
from inspector.db.models import Base, Finding, ImportRecord
from inspector.domain.checklist import Severity as ChecklistSeverity
from inspector.domain.states import (
    FindingState,
    FindingStatus,
    ImportOutcome,
    InspectionStatus,
    Severity,
)
from inspector.errors import UserError
from inspector.services import exchange
from inspector.services import inspections as svc
from tests.conftest import Cli
from tests.integration.conftest import make_finalized

BEFORE = "reuse_photo_items"  # the revision before the CHECK constraints


def _raw(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def _downgrade(db: Database, revision: str = BEFORE) -> None:
    cfg = alembic_config(db.engine)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    db.dispose()


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def test_states_read_as_enums_and_are_stored_as_their_strings(
    any_db: Database, tmp_path: Path
) -> None:
    uuid_ = make_finalized(any_db)
    with any_db.session() as s:
        insp = svc.get(s, uuid_)
        f = insp.findings[0]
        assert insp.status is InspectionStatus.FINALIZED
        assert f.status is FindingStatus.OPEN
        assert isinstance(f.severity, Severity)
        f.status = FindingStatus.CLOSED
        f.severity = Severity.LOW
    with any_db.session() as s:
        f = svc.get(s, uuid_).findings[0]
        assert (f.status, f.severity) == (FindingStatus.CLOSED, Severity.LOW)
        # Queries compare with members or their strings alike.
        assert s.scalar(select(Finding.id).where(Finding.status == "closed")) == f.id
    assert _raw(any_db, "SELECT status FROM inspections") == [("finalized",)]
    assert _raw(any_db, "SELECT status, severity FROM findings") == [("closed", "low")]
    assert all(type(v) is str for row in _raw(any_db, "SELECT status FROM findings") for v in row)

    # An imported package records its outcome the same way.
    package = tmp_path / "a.inspection"
    with any_db.session() as s:
        package.write_bytes(exchange.export_inspection(s, svc.get(s, uuid_)))
    hq = open_database(str(tmp_path / "hq.sqlite3"))
    try:
        receipt = exchange.import_paths(hq, [package])
        assert len(receipt.imported) == 1
        with hq.session() as s:
            assert s.scalar(select(ImportRecord.outcome)) is ImportOutcome.IMPORTED
        assert _raw(hq, "SELECT outcome FROM imports") == [("imported",)]
    finally:
        hq.dispose()


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("inspections", "status", "Draft"),
        ("inspections", "status", "signed"),
        ("findings", "status", "overdue"),  # shown, never stored
        ("findings", "severity", "critical"),
        ("findings", "severity", ""),
        ("inspections", "mode", "online"),
        ("inspections", "origin", "remote"),
        ("answers", "result", "partial"),
    ],
)
def test_the_database_refuses_other_values_from_raw_sql(
    any_db: Database, table: str, column: str, value: str
) -> None:
    make_finalized(any_db)
    with pytest.raises(IntegrityError, match=f"ck_{table}_{column}"), any_db.engine.begin() as c:
        c.execute(text(f"UPDATE {table} SET {column} = :v"), {"v": value})
    assert value not in {r[0] for r in _raw(any_db, f"SELECT {column} FROM {table}")}


@pytest.mark.parametrize("outcome", ["duplicates", "rejected", "Imported", "bogus"])
def test_imports_record_only_what_changed_the_database(any_db: Database, outcome: str) -> None:
    insert = text(
        "INSERT INTO imports (package_sha256, file_name, inspection_uuid, revision, outcome, "
        "device_fingerprint, trusted, at) VALUES ('x', 'f', 'u', 1, :o, 'fp', true, :at)"
    )
    at = svc.utcnow().replace(tzinfo=None)
    with any_db.engine.begin() as c:
        c.execute(insert, {"o": "updated", "at": at})
    with pytest.raises(IntegrityError, match="ck_imports_outcome"), any_db.engine.begin() as c:
        c.execute(insert, {"o": outcome, "at": at})


def test_the_orm_refuses_an_unknown_state_before_any_sql(db: Database) -> None:
    uuid_ = make_finalized(db)
    with (
        pytest.raises(StatementError, match="not among the defined enum values"),
        db.session() as s,
    ):
        svc.get(s, uuid_).findings[0].status = "reopened"  # type: ignore[assignment]
        s.flush()
    # ``overdue`` is a state shown from the deadline, never stored: refused on assignment.
    with pytest.raises(ValueError, match="never stored 'overdue'"), db.session() as s:
        svc.get(s, uuid_).findings[0].status = FindingStatus.OVERDUE
    with db.session() as s:
        assert svc.get(s, uuid_).findings[0].status is FindingStatus.OPEN


def test_upgrade_keeps_the_data_and_tidies_case_and_spaces(any_db: Database) -> None:
    uuid_ = make_finalized(any_db, n_photos=1)
    counts = "SELECT (SELECT COUNT(*) FROM answers), (SELECT COUNT(*) FROM findings), " + (
        "(SELECT COUNT(*) FROM photos), (SELECT COUNT(*) FROM section_scores)"
    )
    before = _raw(any_db, counts)
    assert before[0][0] and before[0][1] and before[0][2]
    _downgrade(any_db)
    with any_db.engine.begin() as c:
        c.execute(text("UPDATE findings SET severity = ' High', status = 'OPEN'"))
    upgraded = open_database(_url(any_db))
    try:
        assert current_revision(upgraded.engine) == head_revision()  # later ones ran too
        # Rebuilding a table on SQLite would have cascade-deleted the children: all kept.
        assert _raw(upgraded, counts) == before
        assert _raw(upgraded, "SELECT status, severity FROM findings") == [("open", "high")]
        if upgraded.engine.dialect.name == "sqlite":
            assert _raw(upgraded, "PRAGMA integrity_check") == [("ok",)]
        with upgraded.session() as s:
            assert svc.get(s, uuid_).status is InspectionStatus.FINALIZED
        with pytest.raises(IntegrityError), upgraded.engine.begin() as c:
            c.execute(text("UPDATE findings SET severity = 'urgent'"))
    finally:
        upgraded.dispose()


def test_upgrade_stops_on_an_unknown_value_and_changes_nothing(any_db: Database) -> None:
    make_finalized(any_db)
    _downgrade(any_db)
    with any_db.engine.begin() as c:
        c.execute(text("UPDATE findings SET status = 'in progress'"))
    with pytest.raises(UserError, match=r"findings\.status holds 'in progress' \(1 rows\)"):
        open_database(_url(any_db))
    again = open_database(_url(any_db), migrate=False)
    try:
        assert current_revision(again.engine) == BEFORE
        assert _raw(again, "SELECT status FROM findings") == [("in progress",)]
    finally:
        again.dispose()


def test_downgrade_and_upgrade_again(any_db: Database) -> None:
    make_finalized(any_db)
    _downgrade(any_db)
    with any_db.engine.begin() as c:  # no constraint any more
        c.execute(text("UPDATE findings SET severity = 'critical'"))
        c.execute(text("UPDATE findings SET severity = 'medium'"))
    upgraded = open_database(_url(any_db))
    upgraded.dispose()
    with pytest.raises(IntegrityError), any_db.engine.begin() as c:
        c.execute(text("UPDATE findings SET severity = 'critical'"))


def test_models_match_the_migrations(any_db: Database) -> None:
    """The ORM models and the schema the migrations build do not drift apart."""
    with any_db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_severity_escalates_one_level_and_orders_most_urgent_first() -> None:
    assert ChecklistSeverity is Severity  # checklists keep importing it from there
    assert [s.escalated() for s in Severity] == [Severity.HIGH, Severity.HIGH, Severity.MEDIUM]
    assert sorted(["low", "high", "medium"], key=lambda v: Severity(v).rank) == [
        "high",
        "medium",
        "low",
    ]


def test_finding_state_is_overdue_only_when_open_past_its_deadline() -> None:
    today = date(2026, 11, 24)
    past, future = today - timedelta(days=1), today + timedelta(days=1)
    assert FindingState.of(FindingStatus.OPEN, past, today) is FindingState.OVERDUE
    assert FindingState.of(FindingStatus.OPEN, today, today) is FindingState.OPEN
    assert FindingState.of(FindingStatus.OPEN, None, today) is FindingState.OPEN
    assert FindingState.of(FindingStatus.CLOSED, past, today) is FindingState.CLOSED
    assert FindingState.of(FindingStatus.OPEN, future, today) is FindingState.OPEN
    # Submitted waits for HQ (never overdue); returned is overdue once its deadline passed.
    assert FindingState.of(FindingStatus.SUBMITTED, past, today) is FindingState.SUBMITTED
    assert FindingState.of(FindingStatus.RETURNED, future, today) is FindingState.RETURNED
    assert FindingState.of(FindingStatus.RETURNED, past, today) is FindingState.OVERDUE


def test_json_output_keeps_its_strings_and_key_order(run_cli: Cli, db: Database) -> None:
    uuid_ = make_finalized(db)
    out = run_cli.ok("show", uuid_, "--json")
    assert '"status": "finalized"' in out
    assert '"severity": "' in out and "Severity." not in out and "Status." not in out
    finding = json.loads(out)["findings"][0]
    assert (finding["status"], finding["severity"]) in {("open", s.value) for s in Severity}
    receipt = exchange.import_paths(db, []).to_dict()
    assert list(receipt) == ["imported", "updated", "duplicates", "conflicts", "rejected", "counts"]
    assert list(receipt["counts"]) == [
        "read",
        "imported",
        "updated",
        "duplicates",
        "conflicts",
        "rejected",
    ]
    assert all(type(k) is str for k in receipt) and all(type(k) is str for k in receipt["counts"])
