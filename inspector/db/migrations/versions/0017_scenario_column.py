"""Mystery-shopper scenarios get an indexed column: ``inspections.scenario``

HQ's mystery views (the dashboard's per-scenario figures, the assessment's mystery
component, the mystery league) group and rank visits by scenario. They read it out of
every visit's JSON: at 100,000 inspections that was 20,000 JSON documents parsed per view,
most of each view's time. ``inspections.scenario`` holds ``visit["scenario"]`` (kept in
step by the app wherever the visit facts are written, as ``inspections.wave`` is), and
``ix_inspections_scenario`` gives a checklist's visits with their scenario, branch and
score from the index alone.

The upgrade fills the column from the stored visit facts: exactly ``visit["scenario"]`` when
it is a non-empty string of at most 100 characters, as ``inspector.db.models.scenario_of``
does (packages accept no longer scenario). SQLite: only ``ADD COLUMN`` and ``CREATE INDEX``,
never the batch rebuild of ``inspections`` (its drop would cascade-delete every answer).

Revision ID: scenario_column
Revises: findings_state_ids
Create Date: 2026-12-07 03:10:00
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

from inspector.db.statistics import refresh_statistics

revision: str = "scenario_column"
down_revision: str | None = "findings_state_ids"
branch_labels: str | None = None
depends_on: str | None = None

log = logging.getLogger(__name__)

SCENARIO_MAX = 100  # spelled out: this migration keeps meaning what it meant
INDEX = "ix_inspections_scenario"
COLUMNS = [
    "mode",
    "snapshot_id",
    "is_current",
    "status",
    "scenario",
    "branch_id",
    "started_at",
    "score_total",
    "veto_failed",
    "id",
]


def _backfill(conn: sa.Connection) -> None:
    if conn.dialect.name == "sqlite":
        # Nested CASE evaluates in order: json_type never sees malformed JSON (it raises).
        scenario = (
            "CASE WHEN json_valid(visit) THEN CASE WHEN json_type(visit, '$.scenario') = 'text' "
            "THEN json_extract(visit, '$.scenario') END END"
        )
    else:
        scenario = (
            "CASE WHEN json_typeof(visit -> 'scenario') = 'string' THEN visit ->> 'scenario' END"
        )
    # The expression is this file's constant, never input.
    too_long = conn.execute(
        sa.text(
            f"SELECT id, length({scenario}) FROM inspections "  # noqa: S608
            f"WHERE length({scenario}) > {SCENARIO_MAX}"
        )
    ).all()
    for iid, length in too_long:
        log.warning(
            "inspection id %s: scenario of %s characters left out of the index", iid, length
        )
    conn.execute(
        sa.text(
            f"UPDATE inspections SET scenario = {scenario} "  # noqa: S608
            f"WHERE length({scenario}) BETWEEN 1 AND {SCENARIO_MAX}"
        )
    )


def upgrade() -> None:
    op.add_column(
        "inspections", sa.Column("scenario", sa.String(length=SCENARIO_MAX), nullable=True)
    )
    _backfill(op.get_bind())
    op.create_index(INDEX, "inspections", COLUMNS)
    refresh_statistics(op.get_bind(), ("inspections",))


def downgrade() -> None:
    op.drop_index(INDEX, table_name="inspections")
    # SQLite 3.35+ drops a column in place (no table rebuild, so no cascade).
    op.drop_column("inspections", "scenario")
