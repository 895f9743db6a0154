"""Inspection owners and amend rights: who may send revisions of an inspection

The signer of the first revision a database receives owns the inspection; a later revision
signed by another key is refused or reported as a conflict unless HQ granted that key the
right to amend (``keys trust FILE --can-amend``). Existing databases get an owner for every
imported inspection: the signer of its earliest imported revision (inspections made on
this installation have no row; their owner is this installation's key).

Revision ID: owner_revisions
Revises: integ_copied_from
Create Date: 2026-11-24 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "owner_revisions"
down_revision: str | None = "integ_copied_from"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column(
        "trusted_keys",
        sa.Column("can_amend", sa.Boolean(), nullable=False, server_default=sa.text("false")),
    )
    op.create_table(
        "inspection_owners",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("fingerprint", sa.String(100), nullable=False),
        sa.Column("first_revision", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_inspection_owners")),
    )
    op.create_index(op.f("ix_inspection_owners_fingerprint"), "inspection_owners", ["fingerprint"])
    op.execute(
        """
        INSERT INTO inspection_owners (uuid, fingerprint, first_revision, at)
        SELECT i.uuid, i.device_fingerprint, i.revision, i.imported_at
        FROM inspections i
        WHERE i.origin = 'imported' AND i.device_fingerprint IS NOT NULL
          AND i.imported_at IS NOT NULL
          AND i.id = (
            SELECT MIN(j.id) FROM inspections j
            WHERE j.uuid = i.uuid AND j.origin = 'imported' AND j.device_fingerprint IS NOT NULL
          )
          AND NOT EXISTS (
            SELECT 1 FROM inspections k WHERE k.uuid = i.uuid AND k.origin = 'local'
          )
        """
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_inspection_owners_fingerprint"), table_name="inspection_owners")
    op.drop_table("inspection_owners")
    with op.batch_alter_table("trusted_keys") as batch:
        batch.drop_column("can_amend")
