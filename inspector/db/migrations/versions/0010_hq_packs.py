"""HQ packs: installed packs, HQ's checklist versions, plan lines, HQ's publications

Issue 22 (HQ → laptop). ``hq_packs`` records each HQ pack a laptop installed (the newest
one pins HQ's key), ``hq_checklists`` the checklist version HQ installed per checklist id
(or its withdrawal), ``plan_lines`` the inspection plan (on a laptop: the one installed; at
HQ: the one published), ``hq_publications`` what HQ published (its sequence only goes up).
Additive only: new tables, nothing existing changes.

Revision ID: hq_packs
Revises: wave_column
Create Date: 2026-12-06 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "hq_packs"
down_revision: str | None = "wave_column"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "hq_packs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("hq_fingerprint", sa.String(100), nullable=False),
        sa.Column("pinned_fingerprint", sa.String(100), nullable=False),
        sa.Column("pinned_public", sa.LargeBinary(), nullable=False),
        sa.Column("package_sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(400), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("installed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("installed_by", sa.String(200), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hq_packs")),
        sa.UniqueConstraint("sequence", name=op.f("uq_hq_packs_sequence")),
        sa.UniqueConstraint("package_sha256", name=op.f("uq_hq_packs_package_sha256")),
    )
    op.create_table(
        "hq_checklists",
        sa.Column("checklist_id", sa.String(100), nullable=False),
        sa.Column("version", sa.String(50), nullable=True),
        sa.Column("snapshot_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("pack_sequence", sa.Integer(), nullable=False),
        sa.Column("hq_fingerprint", sa.String(100), nullable=False),
        sa.Column("installed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["checklist_snapshots.id"],
            name=op.f("fk_hq_checklists_snapshot_id_checklist_snapshots"),
        ),
        sa.PrimaryKeyConstraint("checklist_id", name=op.f("pk_hq_checklists")),
    )
    op.create_table(
        "plan_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pack_sequence", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(64), nullable=False),
        sa.Column("checklist_id", sa.String(100), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("scenario", sa.String(100), nullable=True),
        sa.Column("wave", sa.String(100), nullable=True),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("assignee", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_lines")),
    )
    op.create_index("ix_plan_lines_branch_checklist", "plan_lines", ["branch_code", "checklist_id"])
    op.create_index(op.f("ix_plan_lines_pack_sequence"), "plan_lines", ["pack_sequence"])
    op.create_table(
        "hq_publications",
        sa.Column("sequence", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("package_sha256", sa.String(64), nullable=False),
        sa.Column("hq_fingerprint", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("sequence", name=op.f("pk_hq_publications")),
    )


def downgrade() -> None:
    op.drop_table("hq_publications")
    op.drop_index(op.f("ix_plan_lines_pack_sequence"), table_name="plan_lines")
    op.drop_index("ix_plan_lines_branch_checklist", table_name="plan_lines")
    op.drop_table("plan_lines")
    op.drop_table("hq_checklists")
    op.drop_table("hq_packs")
