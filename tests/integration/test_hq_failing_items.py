"""The most failed items (counts, branches, titles) equal the findings read one by one, on
either backend and under each dashboard filter: the titles come from the checklists the
selected inspections use (on PostgreSQL found by one probe per checklist snapshot)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import select

from inspector.checklists import checklist_from_json
from inspector.db import Database
from inspector.db.models import Branch, ChecklistSnapshot, Finding, Inspection
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus
from inspector.services import demo
from inspector.services.hq import items as hq_items
from inspector.services.hq import scope as hq_scope
from inspector.services.hq.rows import HqFilter


@pytest.fixture
def filled(any_db: Database) -> Database:
    demo.generate(any_db, inspections=160, seed=9)
    return any_db


def _filters(db: Database) -> list[HqFilter]:
    with db.read_session() as s:
        region = hq_scope.regions(s)[0]
        checklist = hq_scope.checklist_ids(s)[0]
    return [
        HqFilter(),
        HqFilter(region=region),
        HqFilter(checklist_id=checklist, mode=Mode.ONSITE),
        HqFilter(include_drafts=True),
        HqFilter(date_from=date(2100, 1, 1)),  # nothing selected
    ]


def test_failing_items_are_the_findings_counted(filled: Database) -> None:
    for flt in _filters(filled):
        with filled.read_session() as s:
            rows = s.execute(
                select(Finding.item_id, Branch.code, Inspection, ChecklistSnapshot)
                .join(Inspection, Inspection.id == Finding.inspection_id)
                .join(Branch, Branch.id == Inspection.branch_id)
                .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
                .where(Finding.active.is_(True), Inspection.is_current.is_(True))
            ).all()
            failures: dict[str, int] = defaultdict(int)
            spread: dict[str, set[str]] = defaultdict(set)
            for item, code, insp, snap in rows:
                if not flt.drafts and insp.status != InspectionStatus.FINALIZED:
                    continue
                if flt.region and insp.branch.region != flt.region:
                    continue
                if flt.checklist_id and snap.checklist_id != flt.checklist_id:
                    continue
                if flt.mode and insp.mode != flt.mode:
                    continue
                if flt.date_from:  # the year 2100: every start is before it
                    continue
                failures[item] += 1
                spread[item].add(code)
            # Titles from the snapshots the selected inspections use, lowest id first.
            used = sorted(
                {
                    i.snapshot_id
                    for i in s.scalars(select(Inspection).where(*hq_scope.conditions(flt)))
                }
            )
            texts: dict[str, tuple[str, str]] = {}
            for sid in used:
                content = s.get(ChecklistSnapshot, sid)
                assert content is not None
                for it in checklist_from_json(content.content).items():
                    texts.setdefault(it.id, (it.text.zh, it.text.en))
            got = hq_items.failing_items(s, flt, 1000)
        top = sorted(failures, key=lambda i: (-failures[i], i))[:20]
        assert [g.item_id for g in got] == top, flt
        for g in got:
            assert (g.failures, g.branches) == (failures[g.item_id], len(spread[g.item_id]))
            assert (g.text_zh, g.text_en) == texts[g.item_id]
            assert g.share == pytest.approx(100.0 * failures[g.item_id] / 1000)
        if flt.date_from is None:
            assert got  # the demo failed items under every other filter
