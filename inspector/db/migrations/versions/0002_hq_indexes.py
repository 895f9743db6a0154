"""HQ dashboard indexes: covering indexes for the league, findings and heatmap queries

The HQ views aggregate over every current inspection. Without these, SQLite reads each
wide ``inspections`` row (visit JSON, signature PNG) to get a score: at 100,000 inspections
a per-branch GROUP BY took ~250 ms instead of ~15 ms. Additive only: indexes, no data change.

Revision ID: 0002_hq_indexes
Revises: 0001_initial
Create Date: 2026-11-23 05:00:00
"""

from __future__ import annotations

from alembic import op

revision: str = "0002_hq_indexes"
down_revision: str | None = "0001_initial"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index(
        "ix_inspections_hq",
        "inspections",
        [
            "is_current",
            "branch_id",
            "started_at",
            "score_total",
            "veto_failed",
            "trusted",
            "mode",
            "status",
            "snapshot_id",
        ],
    )
    # The same, led by the start time, for period filters (trend, league of the last year).
    op.create_index(
        "ix_inspections_hq_time",
        "inspections",
        [
            "is_current",
            "started_at",
            "branch_id",
            "score_total",
            "veto_failed",
            "trusted",
            "mode",
            "status",
            "snapshot_id",
        ],
    )
    op.create_index(
        "ix_findings_hq", "findings", ["inspection_id", "active", "status", "deadline", "item_id"]
    )
    op.create_index("ix_findings_item", "findings", ["active", "item_id", "inspection_id"])
    op.create_index("ix_section_scores_hq", "section_scores", ["inspection_id", "area", "percent"])


def downgrade() -> None:
    op.drop_index("ix_section_scores_hq", table_name="section_scores")
    op.drop_index("ix_findings_item", table_name="findings")
    op.drop_index("ix_findings_hq", table_name="findings")
    op.drop_index("ix_inspections_hq_time", table_name="inspections")
    op.drop_index("ix_inspections_hq", table_name="inspections")
