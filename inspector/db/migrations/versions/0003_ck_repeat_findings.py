"""Repeat findings (屡查屡犯): a finding names the earlier inspection it repeats

A finding that repeats the same branch's finding on the same item in its previous
inspection is escalated one severity level and marked, in the report and at HQ. Additive:
one nullable column, no data change.

Revision ID: ck_repeat_findings
Revises: 0002_hq_indexes
Create Date: 2026-11-24 20:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "ck_repeat_findings"
down_revision: str | None = "0002_hq_indexes"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("repeat_of", sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("repeat_of")
