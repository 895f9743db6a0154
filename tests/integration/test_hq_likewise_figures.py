"""Region figures per checklist and mode, and quarter on quarter, checked against the
inspections themselves read one by one, on either backend (the database groups per
branch and snapshot; the rows are folded into regions and checklists in Python)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from sqlalchemy import select

from inspector.db import Database
from inspector.db.models import Inspection
from inspector.domain.states import InspectionStatus
from inspector.services import demo
from inspector.services.hq import likewise
from inspector.services.hq.rows import HqFilter


def _inspections(db: Database, flt: HqFilter) -> list[dict[str, Any]]:
    with db.read_session() as s:
        rows = s.scalars(
            select(Inspection).where(
                Inspection.is_current.is_(True), Inspection.status == InspectionStatus.FINALIZED
            )
        ).all()
        out = []
        for i in rows:
            if flt.region and i.branch.region != flt.region:
                continue
            local = i.started_at.astimezone(flt.zone)
            out.append(
                {
                    "branch": i.branch.code,
                    "region": i.branch.region or "—",
                    "checklist": i.snapshot.checklist_id,
                    "mode": i.mode,
                    "score": i.score_total,
                    "red": (i.veto_failed or 0) > 0,
                    "quarter": f"{local.year}Q{(local.month - 1) // 3 + 1}",
                }
            )
        return out


@pytest.fixture
def filled(any_db: Database) -> Database:
    demo.generate(any_db, inspections=160, seed=9)
    return any_db


@pytest.mark.parametrize("one_region", [False, True])
def test_region_rows_match_the_inspections(filled: Database, one_region: bool) -> None:
    regions = sorted({r["region"] for r in _inspections(filled, HqFilter())})
    assert len(regions) >= 2
    flt = HqFilter(region=regions[0] if one_region else None)
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in _inspections(filled, flt):
        groups[(r["region"], r["checklist"], r["mode"])].append(r)
    with filled.read_session() as s:
        rows = likewise.region_rows(s, flt)
    assert len({r.mode for r in rows}) == 2  # on-site and mystery, in the region too
    assert [(r.region, r.checklist_id, r.mode) for r in rows] == sorted(groups)
    for row in rows:
        rs = groups[(row.region, row.checklist_id, row.mode)]
        scores = [r["score"] for r in rs if r["score"] is not None]
        assert row.inspections == len(rs)
        assert row.inspected == len({r["branch"] for r in rs})
        assert row.vetoes == sum(1 for r in rs if r["red"])
        assert row.average == pytest.approx(sum(scores) / len(scores), rel=1e-12)


def test_quarters_match_the_inspections(filled: Database) -> None:
    flt = HqFilter()
    groups: dict[tuple[str, str, str, str], list[float]] = defaultdict(list)
    for r in _inspections(filled, flt):
        if r["score"] is None:
            continue
        for region in (r["region"], ""):
            groups[(r["quarter"], r["checklist"], r["mode"], region)].append(r["score"])
    with filled.read_session() as s:
        rows = likewise.quarters(s, flt)
    assert len({r.quarter for r in rows}) >= 2
    assert {(r.quarter, r.checklist_id, r.mode, r.region) for r in rows} == set(groups)
    for row in rows:
        scores = groups[(row.quarter, row.checklist_id, row.mode, row.region)]
        assert row.inspections == len(scores)
        assert row.average == pytest.approx(sum(scores) / len(scores), rel=1e-12)
        year, q = int(row.quarter[:4]), int(row.quarter[-1])
        before = f"{year}Q{q - 1}" if q > 1 else f"{year - 1}Q4"
        prev = groups.get((before, row.checklist_id, row.mode, row.region))
        if prev:
            assert row.previous == pytest.approx(sum(prev) / len(prev), rel=1e-12)
        else:
            assert row.previous is None
    keys = [(r.checklist_id, r.mode, r.region != "", r.region, r.quarter) for r in rows]
    assert keys == sorted(keys)
