"""HQ's findings indexes end with the inspection's status (migration drafts_in_order), so
the findings views read them in the order they group by with drafts included too; the
migration rebuilds only the indexes and every view gives what it gave.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, text

from inspector.db import Database, open_database
from inspector.db.migrate import current_revision, head_revision
from inspector.domain.states import InspectionStatus
from inspector.services.hq import items as hq_items
from inspector.services.hq import rectification as hq_rect
from inspector.services.hq import rectify
from inspector.services.hq.rows import HqFilter
from inspector.services.inspections import lifecycle
from tests.integration.conftest import downgrade_to, make_finalized

INDEXES = ("ix_findings_facts_item", "ix_findings_facts_branch", "ix_findings_facts_state")


def _columns(db: Database) -> dict[str, list[str]]:
    with db.engine.connect() as conn:
        found = {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("findings")}
    return {name: [str(c) for c in found[name]] for name in INDEXES}


def _views(db: Database) -> list[Any]:
    out: list[Any] = []
    with db.read_session() as s:
        for flt in (HqFilter(), HqFilter(include_drafts=True)):
            out.append([(r.item_id, r.failures) for r in hq_items.failing_items(s, flt, 10)])
            out.append([r.as_dict() for r in rectify.figures(s, flt).branches])
            out.append([(r.code, r.open, r.overdue) for r in hq_rect.rectification(s, flt)])
            out.append([(r.inspection_uuid, r.item_id) for r in hq_rect.findings(s, flt)])
    return out


def test_the_status_is_last_and_the_views_are_unchanged(any_db: Database) -> None:
    make_finalized(any_db, label="a", fail=("ex.polite", "ex.reading"))
    make_finalized(any_db, label="b", branch_code="BJ001", branch_name="北京分行朝阳支行")
    with any_db.session() as s:  # a draft with a finding, which only "include drafts" shows
        draft = lifecycle.create(s, branch_code="SH001", checklist_id="example", inspector="李")
        assert draft.status == InspectionStatus.DRAFT
    views = _views(any_db)
    head = _columns(any_db)
    for name, cols in head.items():
        assert cols[-2:] == ["insp_status", "id"] if cols[-1] == "id" else cols[-1] == "insp_status"
        assert cols[:2] == ["insp_current", "active"], name
    url = downgrade_to(any_db, "finding_tallies")
    old = open_database(url, migrate=False)
    try:
        assert all(cols[2] == "insp_status" for cols in _columns(old).values())
        assert _views(old) == views
    finally:
        old.dispose()
    upgraded = open_database(url)
    try:
        assert current_revision(upgraded.engine) == head_revision()
        assert _columns(upgraded) == head
        assert _views(upgraded) == views
    finally:
        upgraded.dispose()


def test_with_drafts_sqlite_reads_the_findings_in_order(db: Database) -> None:
    """No view sorts every finding when drafts are included: each groups in index order."""
    make_finalized(db, fail=("ex.polite", "ex.reading"))
    plans: list[str] = []

    def explain(conn: Any, _cur: Any, stmt: str, params: Any, _ctx: Any, _many: bool) -> None:
        if "FROM findings" in stmt and "GROUP BY" in stmt and not stmt.startswith("EXPLAIN"):
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + stmt, params).all()
            plans.append(" | ".join(str(r[-1]) for r in rows))

    event.listen(db.engine, "before_cursor_execute", explain)
    try:
        with db.read_session() as s:
            flt = HqFilter(include_drafts=True)
            hq_items.failing_items(s, flt, 10)
            rectify.figures(s, flt)
    finally:
        event.remove(db.engine, "before_cursor_execute", explain)
    grouped = [p for p in plans if "ix_findings_facts_item" in p or "ix_findings_facts_branch" in p]
    assert grouped, plans
    assert not [p for p in grouped if "TEMP B-TREE FOR GROUP BY" in p], grouped
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
