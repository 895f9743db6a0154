"""The HQ views give the same answers on SQLite and PostgreSQL (the same demo data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from inspector.db import Database
from inspector.services import demo
from inspector.services.hq import files as hq_files
from inspector.services.hq import league as hq_league
from inspector.services.hq import load as hq_load
from inspector.services.hq import score_check as hq_score_check
from inspector.services.hq.rows import HqFilter
from inspector.services.views import hq_lists


def _views(db: Database) -> dict[str, object]:
    with db.read_session() as s:
        data = hq_load.load(s, today=date(2026, 11, 23))
        mismatches = hq_score_check.score_check(s, HqFilter())
        with_drafts = hq_league.counts(s, HqFilter(include_drafts=True))[0]
    summary = data.summary_dict()
    for row in summary["per_branch"]:
        row.pop("latest_at")  # demo times are relative to the moment each database was filled
    return {
        "summary": summary,
        "league": [(r.code, round(r.latest_score or 0, 4), r.latest_grade) for r in data.league],
        "failing": sorted((f.item_id, f.failures) for f in data.failing),
        "trend": [(t.period, t.region, t.inspections, round(t.average, 4)) for t in data.trend],
        "rectification": [(r.code, r.open, r.overdue, r.closed) for r in data.rectification],
        "ranking": [
            (r.rank, r.code, r.veto_failed, r.latest_passed, r.checklist_id, r.mode)
            for r in data.league
        ],
        "regions": [
            (r.region, r.branches, r.inspected, r.inspections, round(r.average or 0, 4), r.vetoes)
            for r in data.regions
        ],
        "mismatches": mismatches,
        "with_drafts": with_drafts,
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
    assert sqlite_views["ranking"] == pg_views["ranking"]
    assert sqlite_views["regions"] == pg_views["regions"]
    assert sqlite_views["mismatches"] == pg_views["mismatches"] == []
    assert sqlite_views["with_drafts"] == pg_views["with_drafts"] == 120
    # The league never ranks a red-line failure above a pass, on either backend.
    ranked = [r for r in pg_views["ranking"] if r[0] is not None]  # type: ignore[attr-defined]
    failed = [n for n, r in enumerate(ranked) if r[2] > 0]
    assert not failed or all(r[2] > 0 for r in ranked[failed[0] :])
    # The files HQ hands on are produced from PostgreSQL too.
    with pg_db.read_session() as s:
        data = hq_load.load(s, for_export=True, lang="zh")
    hq_files.write_excel(data, tmp_path / "hq.xlsx", "zh")
    wb = load_workbook(tmp_path / "hq.xlsx")
    assert wb.worksheets[0].title == "汇总" and wb.worksheets[0].max_row > 1
    assert any(n.startswith("答卷-") and wb[n].max_row > 1 for n in wb.sheetnames)
    # Streamed from PostgreSQL (a server-side cursor, answers fetched beside it): the same
    # rows as the workbook of every view held in memory (rows that tie in a sort may come
    # in either order).
    ref = hq_lists.all_views(pg_db, HqFilter(), for_export=True, lang="zh")
    hq_files.write_excel(ref, tmp_path / "ref.xlsx", "zh")
    streamed = tmp_path / "streamed.xlsx"
    hq_lists.write_export(pg_db, HqFilter(), streamed, "xlsx", "zh", rule_file=None)
    want, got = load_workbook(tmp_path / "ref.xlsx"), load_workbook(streamed)
    assert got.sheetnames == want.sheetnames
    for name in want.sheetnames:
        rows = [[repr(c.value) for c in row] for row in want[name].iter_rows()]
        again = [[repr(c.value) for c in row] for row in got[name].iter_rows()]
        assert again[:1] == rows[:1] and sorted(again) == sorted(rows), name
