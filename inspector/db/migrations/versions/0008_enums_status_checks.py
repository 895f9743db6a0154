"""States are enums: the database refuses any status, severity or outcome it does not know

CHECK constraints on ``inspections.status`` (draft | finalized), ``findings.status``
(open | closed), ``findings.severity`` (high | medium | low), ``imports.outcome``
(imported | updated), and the other closed sets stored as text: ``inspections.mode``
(onsite | mystery), ``inspections.origin`` (local | imported) and ``answers.result``
(pass | fail | na, or none yet): the values of :mod:`inspector.domain.states` and
:mod:`inspector.domain.checklist`. Stored values that differ only in case or surrounding
spaces are normalised first; any other unknown value stops the upgrade with a message
naming it (the database is left as it was).

SQLite cannot add a CHECK constraint to a table, and the usual batch rebuild (copy, drop,
rename) must not touch ``inspections``: with ``foreign_keys=ON``, which this program sets
on every connection and which cannot be switched off inside the migration's transaction,
dropping the old table deletes every answer, finding, photo and section score through
their ``ON DELETE CASCADE``. So on SQLite the constraint is written into the table's
stored definition (SQLite's documented procedure for constraint changes that leave the
stored rows as they are: ``writable_schema`` and a new ``schema_version``), after the rows
have been checked, and ``PRAGMA quick_check`` (which tests every row against the CHECK
constraints) verifies it before the transaction commits. PostgreSQL adds the constraints
with ``ALTER TABLE``, which checks the existing rows itself.

Revision ID: status_checks
Revises: reuse_photo_items
Create Date: 2026-11-24 22:00:00
"""

from __future__ import annotations

import sqlite3

from alembic import op
from sqlalchemy import Connection, text

from inspector.errors import UserError
from inspector.text import db as T

revision: str = "status_checks"
down_revision: str | None = "reuse_photo_items"
branch_labels: str | None = None
depends_on: str | None = None

# (table, column, allowed values): spelled out, not imported, so that this migration
# keeps meaning what it meant when the enums change.
CHECKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("inspections", "status", ("draft", "finalized")),
    ("inspections", "mode", ("onsite", "mystery")),
    ("inspections", "origin", ("local", "imported")),
    ("answers", "result", ("pass", "fail", "na")),  # NULL (no judgement yet) passes a CHECK
    ("findings", "status", ("open", "closed")),
    ("findings", "severity", ("high", "medium", "low")),
    ("imports", "outcome", ("imported", "updated")),
)


def _name(table: str, column: str) -> str:
    return f"ck_{table}_{column}"


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _clause(table: str, column: str, values: tuple[str, ...]) -> str:
    # Exactly how SQLAlchemy writes the models' constraint in a CREATE TABLE.
    return f"CONSTRAINT {_name(table, column)} CHECK ({_condition(column, values)})"


def _normalise(conn: Connection, table: str, column: str, values: tuple[str, ...]) -> None:
    """Fix case and spaces of known values; refuse to go on over any other value."""
    allowed = ", ".join(repr(v) for v in values)
    conn.execute(
        text(
            # Names and values are this file's constants, never input.
            f"UPDATE {table} SET {column} = LOWER(TRIM({column})) "  # noqa: S608
            f"WHERE {column} NOT IN ({allowed}) AND LOWER(TRIM({column})) IN ({allowed})"
        )
    )
    bad = conn.execute(
        text(
            f"SELECT {column}, COUNT(*) FROM {table} WHERE {column} NOT IN ({allowed}) "  # noqa: S608
            f"GROUP BY {column} ORDER BY {column}"
        )
    ).all()
    if bad:
        found = ", ".join(f"{v!r} ({n} rows)" for v, n in bad)
        raise UserError(
            T.UPGRADE_BAD_VALUES, table=table, column=column, found=found, allowed=", ".join(values)
        )


def _sqlite_schema_sql(conn: Connection, table: str) -> str:
    sql = conn.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"), {"t": table}
    ).scalar_one()
    return str(sql)


def _sqlite_rewrite(conn: Connection, table: str, new_sql: str) -> None:
    """Store a new definition of ``table`` whose rows are unchanged (see the docstring)."""
    version = int(conn.exec_driver_sql("PRAGMA schema_version").scalar_one())
    # A build that turns SQLite's defensive mode on (Python 3.12+ can) refuses writable_schema:
    # off for this statement, then as it was.
    raw = conn.connection.dbapi_connection
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    getconfig, setconfig = getattr(raw, "getconfig", None), getattr(raw, "setconfig", None)
    was = bool(getconfig(defensive)) if defensive is not None and getconfig else False
    if was and setconfig is not None:
        setconfig(defensive, False)
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        conn.execute(
            text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = :t"),
            {"sql": new_sql, "t": table},
        )
        conn.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")
        if was and setconfig is not None:
            setconfig(defensive, True)
    problems = [str(r[0]) for r in conn.exec_driver_sql(f"PRAGMA quick_check({table})").all()]
    if problems != ["ok"]:
        raise RuntimeError(f"{table}: the new definition fails the quick check: {problems}")


def _sqlite_add(conn: Connection, table: str, clauses: list[str]) -> None:
    sql = _sqlite_schema_sql(conn, table).rstrip()
    missing = [c for c in clauses if c not in sql]
    if not missing:
        return
    if not sql.endswith(")"):
        raise RuntimeError(f"{table}: unexpected stored definition: {sql[-80:]!r}")
    body = sql[:-1].rstrip()
    _sqlite_rewrite(conn, table, body + "".join(f", \n\t{c}" for c in missing) + "\n)")


def _sqlite_drop(conn: Connection, table: str, clauses: list[str]) -> None:
    sql = _sqlite_schema_sql(conn, table)
    new = sql
    for c in clauses:
        new = new.replace(f", \n\t{c}", "")
    if new != sql:
        _sqlite_rewrite(conn, table, new)


def _by_table() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for table, column, values in CHECKS:
        out.setdefault(table, []).append((column, values))
    return out


def upgrade() -> None:
    conn = op.get_bind()
    for table, column, values in CHECKS:
        _normalise(conn, table, column, values)
    if conn.dialect.name == "sqlite":
        for table, cols in _by_table().items():
            _sqlite_add(conn, table, [_clause(table, c, v) for c, v in cols])
    else:
        for table, column, values in CHECKS:
            op.create_check_constraint(
                op.f(_name(table, column)), table, _condition(column, values)
            )


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for table, cols in _by_table().items():
            _sqlite_drop(conn, table, [_clause(table, c, v) for c, v in cols])
    else:
        for table, column, _values in CHECKS:
            op.drop_constraint(op.f(_name(table, column)), table, type_="check")
