"""HQ's own repeat-finding (屡查屡犯) evaluation: table ``hq_repeats``

A laptop marks a repeat only against the inspections it has seen; HQ evaluates again over
everything it holds (``inspector/domain/repeats.py``: same branch, checklist and mode, an
earlier finalized inspection failed the same item) and keeps the answer here, one row per
repeated finding, apart from the laptop's ``findings.repeat_of`` and ``severity``.

The upgrade creates the table and evaluates every finding already held, so an upgraded HQ
shows its repeats at once. Additive: a new table; nothing else changes.

Revision ID: hq_repeats
Revises: rectification
Create Date: 2026-12-06 20:00:00
"""

from __future__ import annotations

import logging
from datetime import UTC

import sqlalchemy as sa
from alembic import op

from inspector import clock
from inspector.domain import repeats as rule
from inspector.domain.states import Severity

revision: str = "hq_repeats"
down_revision: str | None = "rectification"
branch_labels: str | None = None
depends_on: str | None = None

log = logging.getLogger(__name__)

_FAILURES = sa.text(
    "SELECT f.id, i.branch_id, s.checklist_id, i.mode, f.item_id, i.started_at, i.uuid, "
    "f.severity, f.repeat_of FROM findings f "
    "JOIN inspections i ON i.id = f.inspection_id "
    "JOIN checklist_snapshots s ON s.id = i.snapshot_id "
    "WHERE f.active = :yes AND i.is_current = :yes AND i.status = 'finalized'"
).columns(started_at=sa.DateTime(timezone=True))


def _backfill(conn: sa.Connection, table: sa.Table) -> None:
    failures = [
        rule.Failure(
            finding_id=int(r[0]),
            key=(int(r[1]), str(r[2]), str(r[3]), str(r[4])),
            started_at=r[5],
            inspection_uuid=str(r[6]),
            severity=Severity(r[7]),
            laptop_repeat=r[8] is not None,
        )
        for r in conn.execute(_FAILURES, {"yes": True})
    ]
    # Timestamps are compared as stored (all UTC, one format per database).
    found = rule.evaluate(failures)
    now = clock.now().astimezone(UTC)
    if conn.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)  # as the app stores times there (naive UTC)
    rows = [
        {
            "finding_id": r.finding_id,
            "repeat_of": r.repeat_of,
            "earlier": r.earlier,
            "severity": r.severity.value,
            "evaluated_at": now,
        }
        for r in found
    ]
    for start in range(0, len(rows), 500):
        conn.execute(sa.insert(table), rows[start : start + 500])
    log.info("hq_repeats: %d repeat finding(s) evaluated", len(rows))


def upgrade() -> None:
    table = op.create_table(
        "hq_repeats",
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("repeat_of", sa.String(length=36), nullable=False),
        sa.Column("earlier", sa.Integer(), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["findings.id"],
            name="fk_hq_repeats_finding_id_findings",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("finding_id", name="pk_hq_repeats"),
    )
    assert table is not None
    _backfill(op.get_bind(), table)


def downgrade() -> None:
    op.drop_table("hq_repeats")
