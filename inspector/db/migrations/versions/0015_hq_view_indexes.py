"""HQ views at scale: each branch's latest inspection by one index seek, and the section
percents of mystery visits from one covering index

The rights view (``hq rights``, the dashboard's rights tab, the HQ PDF and Excel) scores
each branch's latest finalized inspection of a checklist. ``ix_inspections_latest``
(branch, current, status, finalized_at, snapshot, mode) lets the database find it for each
branch by walking one index backwards from the newest, instead of reading every
inspection of the checklist (seconds at 100,000 inspections).

``ix_section_scores_visit`` (inspection, section, percent) gives ``hq mystery`` and the
dashboard's visits tab every visit's section percents from the index alone.

The statistics the query planner reads are refreshed for the new index (SQLite: a quick,
sampled ``ANALYZE``; PostgreSQL: ``ANALYZE``), so it is used from the first query.

Revision ID: hq_view_indexes
Revises: finding_facts
Create Date: 2026-12-06 23:10:00
"""

from __future__ import annotations

from alembic import op

from inspector.db.statistics import refresh_statistics

revision: str = "hq_view_indexes"
down_revision: str | None = "finding_facts"
branch_labels: str | None = None
depends_on: str | None = None

COLUMNS = ["branch_id", "is_current", "status", "finalized_at", "snapshot_id", "mode"]


SECTIONS = ["inspection_id", "section_id", "percent"]


def upgrade() -> None:
    op.create_index("ix_inspections_latest", "inspections", COLUMNS)
    op.create_index("ix_section_scores_visit", "section_scores", SECTIONS)
    refresh_statistics(op.get_bind(), ("inspections", "section_scores"))


def downgrade() -> None:
    op.drop_index("ix_section_scores_visit", table_name="section_scores")
    op.drop_index("ix_inspections_latest", table_name="inspections")
