"""Mystery-shopper waves get an indexed column: ``inspections.wave``

The scenario a wave plays (``wave_scenario``) and HQ's mystery views by wave found a wave
by reading the visit JSON of every current inspection of the checklist: fine on a laptop,
slow at HQ with 100,000 imported inspections. ``inspections.wave`` holds ``visit["wave"]``
(kept in step by the app wherever the visit facts are written) and
``ix_inspections_wave`` (wave, is_current, snapshot_id, started_at) finds a wave's visits,
oldest first, without touching the others.

The upgrade fills the column from the stored visit facts: exactly ``visit["wave"]`` when it
is a non-empty string, as ``inspector.db.models.wave_of`` does. A wave longer than the 100
characters the app and export packages accept cannot have been written by the program; it
is left out of the column (logged), and such a wave cannot be joined by a new visit anyway.

SQLite: only ``ADD COLUMN`` and ``CREATE INDEX``, never the batch rebuild (copy, drop,
rename) of ``inspections``, whose drop would delete every answer, finding and photo through
their ``ON DELETE CASCADE`` (``foreign_keys=ON`` is set on every connection).

Revision ID: wave_column
Revises: status_checks
Create Date: 2026-11-24 23:00:00
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision: str = "wave_column"
down_revision: str | None = "status_checks"
branch_labels: str | None = None
depends_on: str | None = None

log = logging.getLogger(__name__)

WAVE_MAX = 100  # spelled out: this migration keeps meaning what it meant
INDEX = "ix_inspections_wave"


def _backfill(conn: sa.Connection) -> None:
    if conn.dialect.name == "sqlite":
        # Nested CASE evaluates in order: json_type never sees malformed JSON (it raises).
        wave = (
            "CASE WHEN json_valid(visit) THEN CASE WHEN json_type(visit, '$.wave') = 'text' "
            "THEN json_extract(visit, '$.wave') END END"
        )
    else:
        wave = "CASE WHEN json_typeof(visit -> 'wave') = 'string' THEN visit ->> 'wave' END"
    # The expression is this file's constant, never input.
    too_long = conn.execute(
        sa.text(
            f"SELECT id, length({wave}) FROM inspections "  # noqa: S608
            f"WHERE length({wave}) > {WAVE_MAX}"
        )
    ).all()
    for iid, length in too_long:
        log.warning("inspection id %s: wave of %s characters left out of the index", iid, length)
    conn.execute(
        sa.text(
            f"UPDATE inspections SET wave = {wave} "  # noqa: S608
            f"WHERE length({wave}) BETWEEN 1 AND {WAVE_MAX}"
        )
    )


def upgrade() -> None:
    op.add_column("inspections", sa.Column("wave", sa.String(length=WAVE_MAX), nullable=True))
    _backfill(op.get_bind())
    op.create_index(INDEX, "inspections", ["wave", "is_current", "snapshot_id", "started_at"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="inspections")
    # SQLite 3.35+ drops a column in place (no table rebuild, so no cascade).
    op.drop_column("inspections", "wave")
