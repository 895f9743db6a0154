"""The monthly trend and quarter on quarter group inspections by their month in the
reader's zone, on either backend: checked against the inspections read one by one.

PostgreSQL groups by joining each month's UTC bounds (``scope.by_month``), SQLite by the
month expression; inspections right at a month's edge in Shanghai (the evening of the
last day in UTC) and at the turn of the year are placed as the local calendar says.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select, update

from inspector.db import Database
from inspector.db.models import Inspection
from inspector.domain.states import InspectionStatus
from inspector.services import demo
from inspector.services.hq import likewise
from inspector.services.hq import scope as hq_scope
from inspector.services.hq import trend as hq_trend
from inspector.services.hq.rows import HqFilter

# Shanghai is UTC+8: each instant is shown as (local month in Shanghai, in UTC).
EDGES = [
    # (SQLite's date arithmetic keeps milliseconds: 23:59:59.9996 would round up to the
    # next month there, a pre-existing limit of the month expression.)
    datetime(2025, 12, 31, 15, 59, 59, 999000, tzinfo=UTC),  # 2025-12 / 2025-12
    datetime(2025, 12, 31, 16, 0, tzinfo=UTC),  # 2026-01 / 2025-12
    datetime(2026, 1, 31, 16, 0, tzinfo=UTC),  # 2026-02 / 2026-01
    datetime(2026, 3, 31, 18, 30, tzinfo=UTC),  # 2026-04 (a new quarter) / 2026-03
]


@pytest.fixture
def filled(any_db: Database) -> Database:
    demo.generate(any_db, inspections=160, seed=9)
    with any_db.engine.begin() as conn:
        ids = conn.execute(
            select(Inspection.id)
            .where(Inspection.is_current.is_(True), Inspection.score_total.is_not(None))
            .order_by(Inspection.id)
            .limit(len(EDGES))
        ).scalars()
        for iid, at in zip(ids, EDGES, strict=True):
            conn.execute(update(Inspection).where(Inspection.id == iid).values(started_at=at))
    return any_db


def _scored(db: Database, flt: HqFilter) -> list[dict[str, Any]]:
    """The filter's scored inspections with their local month, read one by one."""
    start = (
        datetime(flt.date_from.year, flt.date_from.month, flt.date_from.day, tzinfo=flt.zone)
        if flt.date_from
        else None
    )
    with db.read_session() as s:
        out = []
        for i in s.scalars(
            select(Inspection).where(
                Inspection.is_current.is_(True),
                Inspection.status == InspectionStatus.FINALIZED,
                Inspection.score_total.is_not(None),
            )
        ):
            if (flt.region and i.branch.region != flt.region) or (start and i.started_at < start):
                continue
            local = i.started_at.astimezone(flt.zone)
            out.append(
                {
                    "month": f"{local.year:04d}-{local.month:02d}",
                    "quarter": f"{local.year}Q{(local.month - 1) // 3 + 1}",
                    "region": i.branch.region,
                    "checklist": i.snapshot.checklist_id,
                    "mode": i.mode,
                    "score": i.score_total,
                }
            )
    return out


FILTERS = ["shanghai", "utc", "since-2026", "region"]


def _filter(db: Database, name: str) -> HqFilter:
    if name == "region":
        with db.read_session() as s:
            return HqFilter(region=hq_scope.regions(s)[0])
    return {
        "shanghai": HqFilter(),
        "utc": HqFilter(tz="UTC"),
        "since-2026": HqFilter(date_from=date(2026, 1, 1)),
    }[name]


@pytest.mark.parametrize("name", FILTERS)
def test_the_trend_is_the_inspections_by_local_month(filled: Database, name: str) -> None:
    flt = _filter(filled, name)
    groups: dict[tuple[str, str], list[float]] = defaultdict(list)
    for r in _scored(filled, flt):
        for region in (r["region"], ""):
            groups[(region, r["month"])].append(r["score"])
    with filled.read_session() as s:
        points = hq_trend.trend(s, flt)
    assert [(p.region, p.period) for p in points] == sorted(groups)
    for p in points:
        scores = groups[(p.region, p.period)]
        assert p.inspections == len(scores)
        assert p.average == pytest.approx(sum(scores) / len(scores), rel=1e-12)
    months = {p.period for p in points}
    if flt.region is None:  # the edges are all there, each in its own month
        if flt.tz == "UTC":
            assert {"2025-12", "2026-01", "2026-03"} <= months
        elif flt.date_from is None:
            assert {"2025-12", "2026-01", "2026-02", "2026-04"} <= months
        else:
            assert "2025-12" not in months and {"2026-01", "2026-04"} <= months


@pytest.mark.parametrize("name", FILTERS)
def test_quarters_are_the_inspections_by_local_quarter(filled: Database, name: str) -> None:
    flt = _filter(filled, name)
    groups: dict[tuple[str, str, str, str], list[float]] = defaultdict(list)
    for r in _scored(filled, flt):
        for region in (r["region"] or "—", ""):
            groups[(r["quarter"], r["checklist"], r["mode"], region)].append(r["score"])
    with filled.read_session() as s:
        rows = likewise.quarters(s, flt)
    assert {(r.quarter, r.checklist_id, r.mode, r.region) for r in rows} == set(groups)
    for row in rows:
        scores = groups[(row.quarter, row.checklist_id, row.mode, row.region)]
        assert row.inspections == len(scores)
        assert row.average == pytest.approx(sum(scores) / len(scores), rel=1e-12)


def test_no_selected_inspection_no_month(filled: Database) -> None:
    later = HqFilter(date_from=date(2100, 1, 1))
    with filled.read_session() as s:
        assert hq_trend.trend(s, later) == []
        assert likewise.quarters(s, later) == []
