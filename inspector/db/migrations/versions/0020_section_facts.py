"""HQ section facts: each section score carries its inspection's filter columns, kept by triggers

The dashboard's mystery tab averages every section percent per scenario over the visits
its filter selects (``mystery.summary``). At 100,000 inspections that joined the bank's
20,000 mystery visits to 120,000 of 626,000 section rows (one index seek per visit) and
then sorted them by (scenario, section, percent): 115-170 ms of the tab's 200. Read from
one covering index of ``section_scores`` that holds the visit's filter columns, in the
order the counting groups by, it is one range scan with no sort.

* ``section_scores.insp_current``, ``insp_status``, ``insp_mode``, ``insp_snapshot_id``,
  ``insp_scenario``: copies of the inspection's ``is_current``, ``status``, ``mode``,
  ``snapshot_id`` and ``scenario``: what the counting of every visit filters and groups
  by. A region's or a wave's visits (a sixth of the bank's or fewer) are counted from
  their own section rows, found from the visits: fewer rows than the index entries of
  every visit, so no branch or wave is copied.

As for the finding facts (migration ``finding_facts``), no application code writes them:
database triggers do, so every writer (the ORM, bulk inserts, raw SQL) keeps them exact. A
section row gets its inspection's values when it is inserted or moved to another
inspection; an inspection's change of one of those columns is copied to its section rows.
The upgrade fills them for the rows already held.

Additive: new columns (with defaults), one index and triggers; SQLite only ``ADD COLUMN``.

Revision ID: section_facts
Revises: drafts_in_order
Create Date: 2026-12-07 04:30:00
"""

# ruff: noqa: S608  (every statement here is built from this file's own constants)
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from inspector.db.statistics import refresh_statistics

revision: str = "section_facts"
down_revision: str | None = "drafts_in_order"
branch_labels: str | None = None
depends_on: str | None = None

# Spelled out, not imported: this migration keeps meaning what it meant.
COPIED = (
    ("insp_current", "is_current"),
    ("insp_status", "status"),
    ("insp_mode", "mode"),
    ("insp_snapshot_id", "snapshot_id"),
    ("insp_scenario", "scenario"),
)
_MINE = ", ".join(m for m, _ in COPIED)
_THEIRS = ", ".join(t for _, t in COPIED)
_CHANGED = " OR ".join(f"OLD.{t} IS NOT NEW.{t}" for _, t in COPIED)
_CHANGED_PG = " OR ".join(f"OLD.{t} IS DISTINCT FROM NEW.{t}" for _, t in COPIED)
_FROM_NEW = ", ".join(f"{m} = NEW.{t}" for m, t in COPIED)

INDEX = "ix_section_scores_facts"
# The equality prefix (current, finalized, mystery), then what the per-scenario counting
# groups by, so the groups come in index order (no sort); the checklist's snapshots (an
# IN list, which would break that order if it came first) are checked on the same entries.
COLUMNS = (
    "insp_current",
    "insp_status",
    "insp_mode",
    "insp_scenario",
    "section_id",
    "percent",
    "insp_snapshot_id",
)

# A section row inserted, or moved to another inspection, takes that inspection's values.
_FILL = f"""
    BEGIN
        UPDATE section_scores SET ({_MINE}) =
            (SELECT {_THEIRS} FROM inspections WHERE id = NEW.inspection_id)
        WHERE id = NEW.id;
    END"""
SQLITE_TRIGGERS = (
    "CREATE TRIGGER trg_section_scores_facts_insert AFTER INSERT ON section_scores" + _FILL,
    "CREATE TRIGGER trg_section_scores_facts_move AFTER UPDATE OF inspection_id "
    "ON section_scores" + _FILL,
    f"""CREATE TRIGGER trg_inspections_section_facts AFTER UPDATE OF {_THEIRS} ON inspections
    WHEN {_CHANGED}
    BEGIN
        UPDATE section_scores SET {_FROM_NEW} WHERE inspection_id = NEW.id;
    END""",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS trg_section_scores_facts_insert",
    "DROP TRIGGER IF EXISTS trg_section_scores_facts_move",
    "DROP TRIGGER IF EXISTS trg_inspections_section_facts",
)

_PG_INTO = ", ".join(f"NEW.{m}" for m, _ in COPIED)
PG_TRIGGERS = (
    f"""CREATE FUNCTION fn_section_scores_facts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        SELECT {_THEIRS} INTO {_PG_INTO} FROM inspections WHERE id = NEW.inspection_id;
        NEW.insp_current := COALESCE(NEW.insp_current, FALSE);
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER trg_section_scores_facts
    BEFORE INSERT OR UPDATE OF inspection_id ON section_scores
    FOR EACH ROW EXECUTE FUNCTION fn_section_scores_facts()""",
    f"""CREATE FUNCTION fn_inspections_section_facts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE section_scores SET {_FROM_NEW} WHERE inspection_id = NEW.id;
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER trg_inspections_section_facts AFTER UPDATE OF {_THEIRS} ON inspections
    FOR EACH ROW WHEN ({_CHANGED_PG}) EXECUTE FUNCTION fn_inspections_section_facts()""",
)
PG_DROP = (
    "DROP TRIGGER IF EXISTS trg_inspections_section_facts ON inspections",
    "DROP FUNCTION IF EXISTS fn_inspections_section_facts()",
    "DROP TRIGGER IF EXISTS trg_section_scores_facts ON section_scores",
    "DROP FUNCTION IF EXISTS fn_section_scores_facts()",
)


def upgrade() -> None:
    with op.batch_alter_table("section_scores", recreate="never") as batch:
        batch.add_column(
            sa.Column("insp_current", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("insp_status", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("insp_mode", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("insp_snapshot_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("insp_scenario", sa.String(length=100), nullable=True))
    bind = op.get_bind()
    bind.execute(
        sa.text(
            f"UPDATE section_scores SET ({_MINE}) = (SELECT {_THEIRS} FROM inspections "
            "WHERE inspections.id = section_scores.inspection_id)"
        )
    )
    op.create_index(INDEX, "section_scores", list(COLUMNS))
    for sql in SQLITE_TRIGGERS if bind.dialect.name == "sqlite" else PG_TRIGGERS:
        bind.execute(sa.text(sql))
    # The planner must know the new index from the first query (inspector.db.statistics).
    refresh_statistics(bind, ("section_scores",))


def downgrade() -> None:
    bind = op.get_bind()
    for sql in SQLITE_DROP if bind.dialect.name == "sqlite" else PG_DROP:
        bind.execute(sa.text(sql))
    op.drop_index(INDEX, table_name="section_scores")
    with op.batch_alter_table("section_scores", recreate="never") as batch:
        for col, _ in reversed(COPIED):
            batch.drop_column(col)
