"""HQ: each branch's latest finalized inspection found by one index seek

The rights view (``hq rights``, the dashboard's rights tab, the HQ PDF and Excel) scores
each branch's latest finalized inspection of a checklist. ``ix_inspections_latest``
(branch, current, status, finalized_at, snapshot, mode) lets the database find it for each
branch by walking one index backwards from the newest, instead of reading every
inspection of the checklist (seconds at 100,000 inspections).

The statistics the query planner reads are refreshed for the new index (SQLite: a quick,
sampled ``ANALYZE``; PostgreSQL: ``ANALYZE``), so it is used from the first query.

Revision ID: hq_latest_index
Revises: finding_facts
Create Date: 2026-12-06 23:10:00
"""

from __future__ import annotations

from alembic import op

from inspector.db.statistics import refresh_statistics

revision: str = "hq_latest_index"
down_revision: str | None = "finding_facts"
branch_labels: str | None = None
depends_on: str | None = None

COLUMNS = ["branch_id", "is_current", "status", "finalized_at", "snapshot_id", "mode"]


def upgrade() -> None:
    op.create_index("ix_inspections_latest", "inspections", COLUMNS)
    refresh_statistics(op.get_bind(), ("inspections",))


def downgrade() -> None:
    op.drop_index("ix_inspections_latest", table_name="inspections")
