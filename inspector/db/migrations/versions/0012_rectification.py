"""Rectification loop (整改闭环): finding states submitted / returned, how a finding was
closed, notices, responses and the keys that may sign them

* ``findings.status`` may also be ``submitted`` (the branch's response awaits HQ) and
  ``returned`` (HQ sent it back); ``findings.closed_via`` says how a closed finding was
  closed (recheck | response | hand), filled for the closed findings already stored: a
  re-check UUID means ``recheck``, otherwise ``hand``.
* ``trusted_keys.branch_code``: the branch whose responses a key may sign.
* New tables ``rect_notices``, ``rect_items``, ``rect_responses``, ``rect_answers``,
  ``rect_photos``, ``rect_notice_keys``, ``hq_keys``.

SQLite: only ``ADD COLUMN``, ``CREATE TABLE``/``INDEX`` and, for the CHECK constraints of
``findings``, the in-place definition change of migration ``status_checks`` (stored rows
unchanged, verified with ``PRAGMA quick_check``), never a table rebuild whose drop would
delete rows through ``ON DELETE CASCADE``. PostgreSQL: ``ALTER TABLE`` drops and adds the
constraint, checking the stored rows itself.

Revision ID: rectification
Revises: typed_texts
Create Date: 2026-12-06 20:00:00
"""

from __future__ import annotations

import sqlite3

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Connection, text

revision: str = "rectification"
down_revision: str | None = "typed_texts"
branch_labels: str | None = None
depends_on: str | None = None

# Spelled out, not imported: this migration keeps meaning what it meant.
OLD_STATUS = "CONSTRAINT ck_findings_status CHECK (status IN ('open', 'closed'))"
NEW_STATUS = (
    "CONSTRAINT ck_findings_status CHECK (status IN ('open', 'submitted', 'returned', 'closed'))"
)
VIA = "CONSTRAINT ck_findings_closed_via CHECK (closed_via IN ('recheck', 'response', 'hand'))"


def _sqlite_sql(conn: Connection, table: str) -> str:
    return str(
        conn.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"), {"t": table}
        ).scalar_one()
    )


def _sqlite_rewrite(conn: Connection, table: str, new_sql: str) -> None:
    """Store a new definition of ``table`` whose rows are unchanged (see status_checks)."""
    version = int(conn.exec_driver_sql("PRAGMA schema_version").scalar_one())
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


def _sqlite_checks(conn: Connection, old: str, new: str, via: bool) -> None:
    sql = _sqlite_sql(conn, "findings")
    out = sql.replace(old, new) if old in sql else sql
    if via and VIA not in out:
        out = out.rstrip()
        if not out.endswith(")"):
            raise RuntimeError(f"findings: unexpected stored definition: {out[-80:]!r}")
        out = out[:-1].rstrip() + f", \n\t{VIA}\n)"
    if not via:
        out = out.replace(f", \n\t{VIA}", "")
    if out != sql:
        _sqlite_rewrite(conn, "findings", out)


def upgrade() -> None:
    conn = op.get_bind()
    op.add_column("findings", sa.Column("closed_via", sa.String(length=16), nullable=True))
    conn.execute(
        text(
            "UPDATE findings SET closed_via = CASE WHEN closed_by_uuid IS NOT NULL "
            "THEN 'recheck' ELSE 'hand' END WHERE status = 'closed'"
        )
    )
    if conn.dialect.name == "sqlite":
        _sqlite_checks(conn, OLD_STATUS, NEW_STATUS, via=True)
    else:
        op.drop_constraint(op.f("ck_findings_status"), "findings", type_="check")
        op.create_check_constraint(
            op.f("ck_findings_status"),
            "findings",
            "status IN ('open', 'submitted', 'returned', 'closed')",
        )
        op.create_check_constraint(
            op.f("ck_findings_closed_via"),
            "findings",
            "closed_via IN ('recheck', 'response', 'hand')",
        )
    op.add_column("trusted_keys", sa.Column("branch_code", sa.String(length=64), nullable=True))
    op.create_index("ix_trusted_keys_branch_code", "trusted_keys", ["branch_code"])

    op.create_table(
        "rect_notices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("branch_code", sa.String(length=64), nullable=False),
        sa.Column("branch_name", sa.String(length=200), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=200), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("signer", sa.String(length=100), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=True),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rect_notices")),
        sa.UniqueConstraint("uuid", "revision", name=op.f("uq_rect_notices_uuid_revision")),
    )
    op.create_index("ix_rect_notices_branch_code", "rect_notices", ["branch_code"])
    op.create_table(
        "rect_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("inspection_uuid", sa.String(length=36), nullable=False),
        sa.Column("item_id", sa.String(length=100), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("superseded", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["rect_notices.id"],
            name=op.f("fk_rect_items_notice_id_rect_notices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rect_items")),
        sa.UniqueConstraint(
            "notice_id",
            "inspection_uuid",
            "item_id",
            name=op.f("uq_rect_items_notice_id_inspection_uuid_item_id"),
        ),
    )
    op.create_index("ix_rect_items_finding", "rect_items", ["inspection_uuid", "item_id"])
    op.create_table(
        "rect_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_uuid", sa.String(length=36), nullable=False),
        sa.Column("notice_revision", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("signer", sa.String(length=100), nullable=False),
        sa.Column("trusted", sa.Boolean(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("exported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("package_sha256", sa.String(length=64), nullable=True),
        sa.Column("file_name", sa.String(length=400), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rect_responses")),
        sa.UniqueConstraint(
            "origin",
            "notice_uuid",
            "revision",
            name=op.f("uq_rect_responses_origin_notice_uuid_revision"),
        ),
    )
    op.create_index("ix_rect_responses_notice_uuid", "rect_responses", ["notice_uuid"])
    op.create_index("ix_rect_responses_package_sha256", "rect_responses", ["package_sha256"])
    op.create_table(
        "rect_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=True),
        sa.Column("notice_uuid", sa.String(length=36), nullable=False),
        sa.Column("inspection_uuid", sa.String(length=36), nullable=False),
        sa.Column("item_id", sa.String(length=100), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("prevention", sa.Text(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by", sa.String(length=200), nullable=False),
        sa.Column("not_yet", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["rect_responses.id"],
            name=op.f("fk_rect_answers_response_id_rect_responses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rect_answers")),
    )
    op.create_index("ix_rect_answers_response_id", "rect_answers", ["response_id"])
    op.create_index(
        "ix_rect_answers_finding", "rect_answers", ["notice_uuid", "inspection_uuid", "item_id"]
    )
    blob_fk = "rect_photos_{}_blobs"
    op.create_table(
        "rect_photos",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("original_sha256", sa.String(length=64), nullable=True),
        sa.Column("rendered_sha256", sa.String(length=64), nullable=True),
        sa.Column("display_sha256", sa.String(length=64), nullable=False),
        sa.Column("thumb_sha256", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=400), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("layers", sa.JSON(), nullable=False),
        sa.Column("withheld", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["rect_answers.id"],
            name=op.f("fk_rect_photos_answer_id_rect_answers"),
            ondelete="CASCADE",
        ),
        *(
            sa.ForeignKeyConstraint(
                [f"{c}_sha256"], ["blobs.sha256"], name=op.f("fk_" + blob_fk.format(f"{c}_sha256"))
            )
            for c in ("original", "rendered", "display", "thumb")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rect_photos")),
    )
    op.create_table(
        "rect_notice_keys",
        sa.Column("notice_uuid", sa.String(length=36), nullable=False),
        sa.Column("fingerprint", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("notice_uuid", name=op.f("pk_rect_notice_keys")),
    )
    op.create_table(
        "hq_keys",
        sa.Column("fingerprint", sa.String(length=100), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("pinned_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name=op.f("pk_hq_keys")),
    )


def downgrade() -> None:
    conn = op.get_bind()
    for table in (
        "hq_keys",
        "rect_notice_keys",
        "rect_photos",
        "rect_answers",
        "rect_responses",
        "rect_items",
        "rect_notices",
    ):
        op.drop_table(table)
    op.drop_index("ix_trusted_keys_branch_code", table_name="trusted_keys")
    op.drop_column("trusted_keys", "branch_code")
    # A finding submitted or returned goes back to open: the older program knows no other.
    conn.execute(
        text("UPDATE findings SET status = 'open' WHERE status IN ('submitted', 'returned')")
    )
    if conn.dialect.name == "sqlite":
        _sqlite_checks(conn, NEW_STATUS, OLD_STATUS, via=False)
    else:
        op.drop_constraint(op.f("ck_findings_closed_via"), "findings", type_="check")
        op.drop_constraint(op.f("ck_findings_status"), "findings", type_="check")
        op.create_check_constraint(
            op.f("ck_findings_status"), "findings", "status IN ('open', 'closed')"
        )
    op.drop_column("findings", "closed_via")
