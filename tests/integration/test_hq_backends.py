"""The HQ views give the same answers on SQLite and PostgreSQL (the same demo data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from inspector.db import Database
from inspector.services import demo, hq


def _views(db: Database) -> dict[str, object]:
    with db.read_session() as s:
        data = hq.load(s, today=date(2026, 11, 23))
    summary = data.summary_dict()
    for row in summary["per_branch"]:
        row.pop("latest_at")  # demo times are relative to the moment each database was filled
    return {
        "summary": summary,
        "league": [(r.code, round(r.latest_score or 0, 4), r.latest_grade) for r in data.league],
        "failing": sorted((f.item_id, f.failures) for f in data.failing),
        "trend": [(t.period, t.region, t.inspections, round(t.average, 4)) for t in data.trend],
        "rectification": [(r.code, r.open, r.overdue, r.closed) for r in data.rectification],
    }


@pytest.mark.postgres
def test_hq_views_agree_across_backends(db: Database, pg_db: Database, tmp_path: Path) -> None:
    for database in (db, pg_db):
        demo.generate(database, inspections=120, photos_per_inspection=0, seed=11)
    sqlite_views, pg_views = _views(db), _views(pg_db)
    assert sqlite_views["summary"] == pg_views["summary"]
    assert sqlite_views["league"] == pg_views["league"]
    assert sqlite_views["trend"] == pg_views["trend"]
    assert sqlite_views["rectification"] == pg_views["rectification"]
    assert sqlite_views["failing"] == pg_views["failing"]
    # The files HQ hands on are produced from PostgreSQL too.
    with pg_db.read_session() as s:
        data = hq.load(s)
    hq.write_excel(data, tmp_path / "hq.xlsx")
    sheet = load_workbook(tmp_path / "hq.xlsx").worksheets[0]
    assert sheet.max_row > 1
