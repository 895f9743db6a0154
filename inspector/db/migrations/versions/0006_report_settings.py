"""Report settings: organisation name and logo (settings table), per-photo print size

``settings`` holds values shared by everyone using the database (``org.name``,
``org.logo``), shipped empty. ``photos.print_size`` marks a photo to be printed across
the full text width ("large"); existing photos stay "normal". Additive only.

Revision ID: report_settings
Revises: owner_revisions
Create Date: 2026-11-24 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "report_settings"
down_revision: str | None = "owner_revisions"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False, server_default=""),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    with op.batch_alter_table("photos") as batch:
        batch.add_column(
            sa.Column("print_size", sa.String(16), nullable=False, server_default="normal")
        )


def downgrade() -> None:
    with op.batch_alter_table("photos") as batch:
        batch.drop_column("print_size")
    op.drop_table("settings")
