"""Text being typed is kept apart from the record: ``typed_texts``

The runner used to save typed values and notes only after a 0.8 s pause, so a kill right
after typing lost them. It now writes what is being typed to ``typed_texts`` at once (no
audit entry) and records the settled value as before; a row left by a crash is settled
when the inspection is next opened. A new table only: nothing existing is rebuilt.

Revision ID: typed_texts
Revises: hq_packs
Create Date: 2026-12-06 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "typed_texts"
down_revision: str | None = "hq_packs"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "typed_texts",
        sa.Column(
            "inspection_id",
            sa.Integer(),
            sa.ForeignKey("inspections.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("field", sa.String(length=120), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("typed_texts")
