"""Each inspection counts its findings: ``inspections.tally_*``, kept by triggers

The branch assessment (``hq assess``) needs, per branch and period, how many findings were
opened, closed, closed on time and judged repeats (屡查屡犯). Counted from the findings
that is one scan of 600,000 index entries at a bank's size (100,000 inspections), most of
the assessment's time. Each inspection now carries the counts of its own findings, so the
same figures are a scan of the inspections' index:

* ``tally_findings``: its active findings (a row whose item was failed and then answered
  otherwise is inactive and not a finding);
* ``tally_closed``: of those, the closed ones;
* ``tally_on_time``: of those, the ones closed on time: no deadline, or closed on or before
  the deadline day at the branch (``findings.closed_day <= deadline``, as the
  rectification figures count it);
* ``tally_repeats``: the active findings HQ's repeat evaluation marks (``hq_repeat``);
* ``tally_open``: the active findings open or returned to the branch: those that are overdue
  once their deadline has passed. Overdue depends on the day it is read, so it is counted as
  these less the ones not yet due, which the findings' state index gives without reading
  the rest.

No application code writes them: database triggers on ``findings`` do, for every writer (the
ORM, bulk inserts, raw SQL, the triggers of migration ``finding_facts``). Each trigger
takes the old row's share from its inspection and gives the new row's to its own, so the
counts are exact whatever order the triggers fire in (a row changed in place moves the
difference in one statement). The upgrade fills them for the
findings already held.

Additive: new columns (with defaults), triggers, and the counts appended to the inspections'
covering index ``ix_inspections_hq``; SQLite only ``ADD COLUMN``
(the batch rebuild of ``inspections`` would cascade-delete every answer).

Revision ID: finding_tallies
Revises: scenario_column
Create Date: 2026-12-07 03:50:00
"""

# ruff: noqa: S608  (every statement here is built from this file's own constants)
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from inspector.db.statistics import refresh_statistics

revision: str = "finding_tallies"
down_revision: str | None = "scenario_column"
branch_labels: str | None = None
depends_on: str | None = None

# Spelled out, not imported: this migration keeps meaning what it meant.
# Column -> a finding row's share of it (1 or 0), for a row called {r} (NEW, OLD, findings).
_CLOSED = "{r}.active AND {r}.status = 'closed'"
SHARES = {
    "tally_findings": "{r}.active",
    "tally_closed": _CLOSED,
    "tally_on_time": _CLOSED + " AND ({r}.deadline IS NULL OR {r}.closed_day <= {r}.deadline)",
    "tally_repeats": "{r}.active AND {r}.hq_repeat",
    "tally_open": "{r}.active AND {r}.status IN ('open', 'returned')",
}
# What a share reads: a change of any of these moves shares between inspections.
READS = ("inspection_id", "active", "status", "deadline", "closed_day", "hq_repeat")
# The update triggers fire on these: on PostgreSQL closed_day is set in a BEFORE trigger
# from closed_at (migration finding_facts), so a statement names closed_at, not closed_day
# (SQLite's AFTER triggers of that migration name closed_day itself).
_FIRES_ON = ", ".join((*READS, "closed_at"))
# The counts join the HQ views' covering index of the inspections (migration 0002_hq_indexes):
# per branch in order, the filter read from its entries, drafts too (the status comes late).
# One index, not a second one that leads the same way: SQLite's planner took such a second
# index for the views that need the scores from the first, and read every table row.
INDEX = "ix_inspections_hq"
HQ_BEFORE = (
    "is_current",
    "branch_id",
    "started_at",
    "score_total",
    "veto_failed",
    "trusted",
    "mode",
    "status",
    "snapshot_id",
)
INDEX_COLUMNS = (*HQ_BEFORE, *SHARES)


def _share(column: str, row: str) -> str:
    """1 when the row counts in ``column``, else 0 (never NULL)."""
    return f"CASE WHEN {SHARES[column].format(r=row)} THEN 1 ELSE 0 END"


def _add(row: str, sign: str) -> str:
    return ", ".join(f"{c} = {c} {sign} {_share(c, row)}" for c in SHARES)


# A row changed in place: one statement moves the difference.
_DELTA = ", ".join(f"{c} = {c} - {_share(c, 'OLD')} + {_share(c, 'NEW')}" for c in SHARES)
_CHANGED = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in READS)
_CHANGED_PG = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in READS)

SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER trg_findings_tally_insert AFTER INSERT ON findings
    BEGIN
        UPDATE inspections SET {_add("NEW", "+")} WHERE id = NEW.inspection_id;
    END""",
    f"""CREATE TRIGGER trg_findings_tally_update AFTER UPDATE OF {_FIRES_ON} ON findings
    WHEN OLD.inspection_id = NEW.inspection_id AND ({_CHANGED})
    BEGIN
        UPDATE inspections SET {_DELTA} WHERE id = NEW.inspection_id;
    END""",
    f"""CREATE TRIGGER trg_findings_tally_move AFTER UPDATE OF inspection_id ON findings
    WHEN OLD.inspection_id IS NOT NEW.inspection_id
    BEGIN
        UPDATE inspections SET {_add("OLD", "-")} WHERE id = OLD.inspection_id;
        UPDATE inspections SET {_add("NEW", "+")} WHERE id = NEW.inspection_id;
    END""",
    f"""CREATE TRIGGER trg_findings_tally_delete AFTER DELETE ON findings
    BEGIN
        UPDATE inspections SET {_add("OLD", "-")} WHERE id = OLD.inspection_id;
    END""",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS trg_findings_tally_insert",
    "DROP TRIGGER IF EXISTS trg_findings_tally_update",
    "DROP TRIGGER IF EXISTS trg_findings_tally_move",
    "DROP TRIGGER IF EXISTS trg_findings_tally_delete",
)
PG_TRIGGERS = (
    f"""CREATE FUNCTION fn_findings_tally() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.inspection_id = NEW.inspection_id THEN
            UPDATE inspections SET {_DELTA} WHERE id = NEW.inspection_id;
            RETURN NULL;
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE inspections SET {_add("OLD", "-")} WHERE id = OLD.inspection_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            UPDATE inspections SET {_add("NEW", "+")} WHERE id = NEW.inspection_id;
        END IF;
        RETURN NULL;
    END $$""",
    # After the row is written: migration finding_facts' BEFORE trigger has set closed_day.
    """CREATE TRIGGER trg_findings_tally_write AFTER INSERT OR DELETE ON findings
    FOR EACH ROW EXECUTE FUNCTION fn_findings_tally()""",
    f"""CREATE TRIGGER trg_findings_tally_update AFTER UPDATE OF {_FIRES_ON} ON findings
    FOR EACH ROW WHEN ({_CHANGED_PG}) EXECUTE FUNCTION fn_findings_tally()""",
)
PG_DROP = (
    "DROP TRIGGER IF EXISTS trg_findings_tally_update ON findings",
    "DROP TRIGGER IF EXISTS trg_findings_tally_write ON findings",
    "DROP FUNCTION IF EXISTS fn_findings_tally()",
)


def upgrade() -> None:
    for column in SHARES:
        op.add_column(
            "inspections",
            sa.Column(column, sa.Integer(), nullable=False, server_default=sa.text("0")),
        )
    bind = op.get_bind()
    sums = ", ".join(f"sum({_share(c, 'findings')})" for c in SHARES)
    bind.execute(
        sa.text(
            f"UPDATE inspections SET ({', '.join(SHARES)}) = "
            f"(SELECT {sums} FROM findings WHERE findings.inspection_id = inspections.id) "
            "WHERE id IN (SELECT inspection_id FROM findings)"
        )
    )
    op.drop_index(INDEX, table_name="inspections")
    op.create_index(INDEX, "inspections", list(INDEX_COLUMNS))
    for sql in SQLITE_TRIGGERS if bind.dialect.name == "sqlite" else PG_TRIGGERS:
        bind.execute(sa.text(sql))
    # The planner must know the new index from the first query (inspector.db.statistics).
    refresh_statistics(bind, ("inspections",))


def downgrade() -> None:
    bind = op.get_bind()
    for sql in SQLITE_DROP if bind.dialect.name == "sqlite" else PG_DROP:
        bind.execute(sa.text(sql))
    op.drop_index(INDEX, table_name="inspections")
    op.create_index(INDEX, "inspections", list(HQ_BEFORE))
    # SQLite 3.35+ drops a column in place (no table rebuild, so no cascade).
    for column in SHARES:
        op.drop_column("inspections", column)
