"""Duplicated inspections: what they were copied from, and the copied answers to re-verify

"Duplicate as new" used to copy the old answers as if they were today's observations, so
old failures came back as new findings. The copy now records its source (``copied_from``)
and keeps the old answers apart (``copied_answers``, item id → result/value/note) until the
inspector confirms each one; unconfirmed, they count as unanswered. Additive only.

Revision ID: integ_copied_from
Revises: ck_repeat_findings
Create Date: 2026-11-24 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "integ_copied_from"
down_revision: str | None = "ck_repeat_findings"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("inspections") as batch:
        batch.add_column(sa.Column("copied_from", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("copied_answers", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inspections") as batch:
        batch.drop_column("copied_answers")
        batch.drop_column("copied_from")
