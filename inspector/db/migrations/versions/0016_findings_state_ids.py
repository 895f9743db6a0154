"""The findings list's state index carries the finding's id, so PostgreSQL reads it alone

The findings list (``hq findings``, the dashboard's open and repeat findings, the HQ PDF
and Excel) picks its rows from ``ix_findings_facts_state`` in deadline order and stops at
its limit. It reads each finding's id with the index's columns: SQLite keeps the row id in
every index entry, PostgreSQL does not, so there every entry the list read (47,000 for one
checklist at 100,000 inspections) cost a visit to the table row as well. The index is made
again with ``id`` as its last column, an index-only read on both databases.

Revision ID: findings_state_ids
Revises: hq_view_indexes
Create Date: 2026-12-07 01:30:00
"""

from __future__ import annotations

from alembic import op

from inspector.db.statistics import refresh_statistics

revision: str = "findings_state_ids"
down_revision: str | None = "hq_view_indexes"
branch_labels: str | None = None
depends_on: str | None = None

NAME = "ix_findings_facts_state"
BEFORE = [
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
]
AFTER = [*BEFORE, "id"]


def upgrade() -> None:
    op.drop_index(NAME, table_name="findings")
    op.create_index(NAME, "findings", AFTER)
    refresh_statistics(op.get_bind(), ("findings",))


def downgrade() -> None:
    op.drop_index(NAME, table_name="findings")
    op.create_index(NAME, "findings", BEFORE)
