"""HQ finding facts: each finding carries its inspection's filter columns, kept by triggers

HQ's findings views (failing items, rectification per branch, open and repeat findings,
the rectification figures the assessment uses) select findings by their inspection's
attributes: current revision, finalized, started in the period, mode, checklist, region.
At 100,000 inspections and 600,000 findings a join from every finding to its inspection
costs 0.3–2 s; read from one covering index of ``findings`` it is a single scan.

* ``findings.insp_current``, ``insp_status``, ``insp_mode``, ``insp_started_at``,
  ``insp_branch_id``, ``insp_snapshot_id``: copies of the inspection's ``is_current``,
  ``status``, ``mode``, ``started_at``, ``branch_id`` and ``snapshot_id``.
* ``findings.hq_repeat``: whether HQ's repeat evaluation holds a row in ``hq_repeats``.
* ``findings.closed_day``: the branch's calendar day of ``closed_at``, and
  ``findings.close_days``: days from the branch's day of the inspection to that day. A
  deadline is a day at the branch, so whether it was met is judged on the branch's clock:
  China Standard Time (UTC+8, no daylight saving; ``Asia/Shanghai``), whoever reads it.

No application code writes them: database triggers do, so every writer (the ORM, bulk
inserts, raw SQL, a future code path) keeps them exact. A finding gets its inspection's
values when it is inserted or moved; an inspection's change of one of those columns is
copied to its findings; a row added to or removed from ``hq_repeats`` sets or clears the
flag. The upgrade fills them for the findings already held.

Additive: new columns (with defaults), indexes and triggers; SQLite only ``ADD COLUMN``.

Revision ID: finding_facts
Revises: hq_repeats
Create Date: 2026-12-06 23:00:00
"""

# ruff: noqa: S608  (every statement here is built from this file's own constants)
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from inspector.db.statistics import refresh_statistics

revision: str = "finding_facts"
down_revision: str | None = "hq_repeats"
branch_labels: str | None = None
depends_on: str | None = None

# Spelled out, not imported: this migration keeps meaning what it meant.
COPIED = (
    ("insp_current", "is_current"),
    ("insp_status", "status"),
    ("insp_mode", "mode"),
    ("insp_started_at", "started_at"),
    ("insp_branch_id", "branch_id"),
    ("insp_snapshot_id", "snapshot_id"),
)
_MINE = ", ".join(m for m, _ in COPIED)
_THEIRS = ", ".join(t for _, t in COPIED)
_CHANGED = " OR ".join(f"OLD.{t} IS NOT NEW.{t}" for _, t in COPIED)
_CHANGED_PG = " OR ".join(f"OLD.{t} IS DISTINCT FROM NEW.{t}" for _, t in COPIED)
_FROM_NEW = ", ".join(f"{m} = NEW.{t}" for m, t in COPIED)

# The branch's day of a stored UTC time (China Standard Time, UTC+8, no daylight saving).
_DAY = "date({}, '+480 minutes')"
_DAYS_SET = (
    f"closed_day = {_DAY.format('closed_at')}, "
    f"close_days = CAST(julianday({_DAY.format('closed_at')}) "
    f"- julianday({_DAY.format('insp_started_at')}) AS INTEGER)"
)
_PG_DAY = "(({}) AT TIME ZONE 'Asia/Shanghai')::date"

INDEXES = {
    # Failing items: per item, in index order (no sort), the filter read from the index.
    "ix_findings_facts_item": (
        "insp_current",
        "active",
        "insp_status",
        "item_id",
        "insp_branch_id",
        "insp_started_at",
        "insp_mode",
        "insp_snapshot_id",
    ),
    # Per branch and state: rectification, figures, repeats, the open findings list.
    "ix_findings_facts_branch": (
        "insp_current",
        "active",
        "insp_status",
        "insp_branch_id",
        "status",
        "close_days",
        "deadline",
        "closed_day",
        "hq_repeat",
        "insp_started_at",
        "insp_mode",
        "insp_snapshot_id",
    ),
    # The findings list: per stored status, in deadline order, stopped at its limit.
    "ix_findings_facts_state": (
        "insp_current",
        "active",
        "insp_status",
        "status",
        "deadline",
        "insp_branch_id",
        "item_id",
        "hq_repeat",
        "insp_started_at",
        "insp_mode",
        "insp_snapshot_id",
    ),
}

# A finding inserted, or moved to another inspection, takes that inspection's values.
_FILL = f"""
    BEGIN
        UPDATE findings SET ({_MINE}) =
            (SELECT {_THEIRS} FROM inspections WHERE id = NEW.inspection_id)
        WHERE id = NEW.id;
        UPDATE findings SET {_DAYS_SET} WHERE id = NEW.id;
    END"""
SQLITE_TRIGGERS = (
    "CREATE TRIGGER trg_findings_facts_insert AFTER INSERT ON findings" + _FILL,
    "CREATE TRIGGER trg_findings_facts_move AFTER UPDATE OF inspection_id ON findings" + _FILL,
    f"""CREATE TRIGGER trg_findings_facts_closed AFTER UPDATE OF closed_at ON findings
    BEGIN
        UPDATE findings SET {_DAYS_SET} WHERE id = NEW.id;
    END""",
    f"""CREATE TRIGGER trg_inspections_facts AFTER UPDATE OF {_THEIRS} ON inspections
    WHEN {_CHANGED}
    BEGIN
        UPDATE findings SET {_FROM_NEW} WHERE inspection_id = NEW.id;
        UPDATE findings SET {_DAYS_SET} WHERE inspection_id = NEW.id;
    END""",
    """CREATE TRIGGER trg_hq_repeats_mark AFTER INSERT ON hq_repeats
    BEGIN
        UPDATE findings SET hq_repeat = TRUE WHERE id = NEW.finding_id;
    END""",
    """CREATE TRIGGER trg_hq_repeats_move AFTER UPDATE OF finding_id ON hq_repeats
    BEGIN
        UPDATE findings SET hq_repeat = FALSE WHERE id = OLD.finding_id;
        UPDATE findings SET hq_repeat = TRUE WHERE id = NEW.finding_id;
    END""",
    """CREATE TRIGGER trg_hq_repeats_unmark AFTER DELETE ON hq_repeats
    BEGIN
        UPDATE findings SET hq_repeat = FALSE WHERE id = OLD.finding_id;
    END""",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS trg_findings_facts_insert",
    "DROP TRIGGER IF EXISTS trg_findings_facts_move",
    "DROP TRIGGER IF EXISTS trg_findings_facts_closed",
    "DROP TRIGGER IF EXISTS trg_inspections_facts",
    "DROP TRIGGER IF EXISTS trg_hq_repeats_mark",
    "DROP TRIGGER IF EXISTS trg_hq_repeats_move",
    "DROP TRIGGER IF EXISTS trg_hq_repeats_unmark",
)

_PG_INTO = ", ".join(f"NEW.{m}" for m, _ in COPIED)
PG_TRIGGERS = (
    f"""CREATE FUNCTION fn_findings_facts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        SELECT {_THEIRS} INTO {_PG_INTO} FROM inspections WHERE id = NEW.inspection_id;
        NEW.insp_current := COALESCE(NEW.insp_current, FALSE);
        NEW.closed_day := {_PG_DAY.format("NEW.closed_at")};
        NEW.close_days := NEW.closed_day - {_PG_DAY.format("NEW.insp_started_at")};
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER trg_findings_facts
    BEFORE INSERT OR UPDATE OF inspection_id, closed_at ON findings
    FOR EACH ROW EXECUTE FUNCTION fn_findings_facts()""",
    f"""CREATE FUNCTION fn_inspections_facts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE findings SET {_FROM_NEW},
            close_days = {_PG_DAY.format("closed_at")} - {_PG_DAY.format("NEW.started_at")}
        WHERE inspection_id = NEW.id;
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER trg_inspections_facts AFTER UPDATE OF {_THEIRS} ON inspections
    FOR EACH ROW WHEN ({_CHANGED_PG}) EXECUTE FUNCTION fn_inspections_facts()""",
    """CREATE FUNCTION fn_hq_repeats_facts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE findings SET hq_repeat = FALSE WHERE id = OLD.finding_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            UPDATE findings SET hq_repeat = TRUE WHERE id = NEW.finding_id;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER trg_hq_repeats_facts AFTER INSERT OR DELETE OR UPDATE OF finding_id
    ON hq_repeats FOR EACH ROW EXECUTE FUNCTION fn_hq_repeats_facts()""",
)
PG_DROP = (
    "DROP TRIGGER IF EXISTS trg_hq_repeats_facts ON hq_repeats",
    "DROP FUNCTION IF EXISTS fn_hq_repeats_facts()",
    "DROP TRIGGER IF EXISTS trg_inspections_facts ON inspections",
    "DROP FUNCTION IF EXISTS fn_inspections_facts()",
    "DROP TRIGGER IF EXISTS trg_findings_facts ON findings",
    "DROP FUNCTION IF EXISTS fn_findings_facts()",
)


def upgrade() -> None:
    with op.batch_alter_table("findings", recreate="never") as batch:
        batch.add_column(
            sa.Column("insp_current", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("insp_status", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("insp_mode", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("insp_started_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("insp_branch_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("insp_snapshot_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("hq_repeat", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("closed_day", sa.Date(), nullable=True))
        batch.add_column(sa.Column("close_days", sa.Integer(), nullable=True))
    bind = op.get_bind()
    bind.execute(
        sa.text(
            f"UPDATE findings SET ({_MINE}) = "
            f"(SELECT {_THEIRS} FROM inspections WHERE inspections.id = findings.inspection_id)"
        )
    )
    bind.execute(
        sa.text(
            "UPDATE findings SET hq_repeat = TRUE WHERE id IN (SELECT finding_id FROM hq_repeats)"
        )
    )
    if bind.dialect.name == "sqlite":
        bind.execute(sa.text(f"UPDATE findings SET {_DAYS_SET}"))
    else:
        bind.execute(
            sa.text(
                f"UPDATE findings SET closed_day = {_PG_DAY.format('closed_at')}, "
                f"close_days = {_PG_DAY.format('closed_at')} "
                f"- {_PG_DAY.format('insp_started_at')}"
            )
        )
    for name, cols in INDEXES.items():
        op.create_index(name, "findings", list(cols))
    for sql in SQLITE_TRIGGERS if bind.dialect.name == "sqlite" else PG_TRIGGERS:
        bind.execute(sa.text(sql))
    # The planner must know the new indexes from the first query (inspector.db.statistics).
    refresh_statistics(bind, ("findings",))


def downgrade() -> None:
    bind = op.get_bind()
    for sql in SQLITE_DROP if bind.dialect.name == "sqlite" else PG_DROP:
        bind.execute(sa.text(sql))
    for name in INDEXES:
        op.drop_index(name, table_name="findings")
    with op.batch_alter_table("findings", recreate="never") as batch:
        for col in (*(m for m, _ in COPIED), "hq_repeat", "closed_day", "close_days"):
            batch.drop_column(col)
