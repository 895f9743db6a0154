"""``ix_findings_facts_state`` carries the finding's id (migration findings_state_ids).

The findings list reads the ids of its rows from that index; on PostgreSQL, where an
index holds no row id of its own, the column makes the read index-only. The migration
rebuilds only the index: an upgraded or downgraded database keeps every finding and lists
the same findings.
"""

from __future__ import annotations

from sqlalchemy import inspect, text

from inspector.db import Database, open_database
from inspector.db.migrate import current_revision, head_revision
from inspector.services.hq import rectification as hq_rect
from inspector.services.hq.rows import HqFilter
from tests.integration.conftest import downgrade_to, make_finalized

BEFORE = "hq_view_indexes"  # the revision before the id column
NAME = "ix_findings_facts_state"
OLD = [
    "insp_current",
    "active",
    "insp_status",
    "status",
    "deadline",
    "insp_branch_id",
    "item_id",
    "hq_repeat",
    "insp_started_at",
    "insp_mode",
    "insp_snapshot_id",
]


def _columns(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        found = {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("findings")}
    return [str(c) for c in found[NAME]]


def _listed(db: Database) -> list[tuple[str, str, str]]:
    with db.read_session() as s:
        rows = hq_rect.findings(s, HqFilter(), limit=None)
    return [(r.inspection_uuid, r.item_id, r.status.value) for r in rows]


def test_the_state_index_ends_with_the_id_and_the_migration_keeps_every_finding(
    any_db: Database,
) -> None:
    make_finalized(any_db, label="a")
    make_finalized(any_db, label="b", branch_code="BJ001", branch_name="北京分行朝阳支行")
    listed = _listed(any_db)
    assert listed  # the demo inspections failed items: there is something to keep
    head = _columns(any_db)
    # (The inspection's status moved to the end later: migration drafts_in_order.)
    assert head[-1] == "id" and head[:4] == ["insp_current", "active", "status", "deadline"]
    count = "SELECT COUNT(*) FROM findings"
    with any_db.engine.connect() as conn:
        n = conn.execute(text(count)).scalar_one()

    url = downgrade_to(any_db, BEFORE)
    old = open_database(url, migrate=False)
    try:
        assert _columns(old) == OLD  # the index as hq_view_indexes left it
        assert _listed(old) == listed
    finally:
        old.dispose()

    upgraded = open_database(url)
    try:
        assert current_revision(upgraded.engine) == head_revision()
        assert _columns(upgraded) == head
        assert _listed(upgraded) == listed
        with upgraded.engine.connect() as conn:
            assert conn.execute(text(count)).scalar_one() == n
            if upgraded.engine.dialect.name == "sqlite":
                assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    finally:
        upgraded.dispose()
