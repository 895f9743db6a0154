"""One photo as evidence of several items: photos are unique per item, not per inspection

A photo already taken can be attached to a second item of the same inspection
(``inspector photo attach``): the second item gets its own photo row that refers to the
same content-addressed blobs, so the bytes are stored once. The unique constraint moves
from (inspection, sha256) to (inspection, item, sha256): the same file still cannot be
added twice to one item.

Revision ID: reuse_photo_items
Revises: report_settings
Create Date: 2026-11-24 20:30:00
"""

from __future__ import annotations

from alembic import op

revision: str = "reuse_photo_items"
down_revision: str | None = "report_settings"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("photos") as batch:
        batch.drop_constraint("uq_photos_inspection_id_sha256", type_="unique")
        batch.create_unique_constraint(
            "uq_photos_inspection_id_item_id_sha256", ["inspection_id", "item_id", "sha256"]
        )


def downgrade() -> None:
    # Attached copies must go before the old constraint can hold again: keep the first row
    # of each photo (by item, then id), drop the later attachments.
    op.execute(
        """
        DELETE FROM photos WHERE id IN (
          SELECT p.id FROM photos p
          WHERE EXISTS (
            SELECT 1 FROM photos q
            WHERE q.inspection_id = p.inspection_id AND q.sha256 = p.sha256
              AND (q.item_id < p.item_id OR (q.item_id = p.item_id AND q.id < p.id))
          )
        )
        """
    )
    with op.batch_alter_table("photos") as batch:
        batch.drop_constraint("uq_photos_inspection_id_item_id_sha256", type_="unique")
        batch.create_unique_constraint(
            "uq_photos_inspection_id_sha256", ["inspection_id", "sha256"]
        )
