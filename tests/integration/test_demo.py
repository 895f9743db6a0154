"""Demo data: realistic, varied, finalized, exportable; the CLI prints the count last."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inspector import clock
from inspector.db import Database, open_database
from inspector.db.models import Branch, Finding, Inspection, Photo, utcnow
from inspector.services import demo
from inspector.services.exchange import export as exchange_export
from tests.conftest import Cli


def test_demo_cli_makes_varied_finalized_inspections(
    db: Database, run_cli: Cli, tmp_path: Path
) -> None:
    out = run_cli.ok("demo", "--inspections", "300", "--photos-per-inspection", "1", "--seed", "3")
    assert out.strip().splitlines()[-1] == "300"
    assert "上海分行" in out
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Branch)) == 40
        assert s.scalar(select(func.count(func.distinct(Branch.region)))) == 6
        rows = list(s.scalars(select(Inspection)))
        assert len(rows) == 300 and all(i.status == "finalized" for i in rows)
        assert all(i.score_total is not None for i in rows)
        ages = [utcnow() - i.started_at for i in rows]
        assert max(ages) > timedelta(days=300) and max(ages) < timedelta(days=550)
        mystery = [i for i in rows if i.mode == "mystery"]
        assert mystery and all(len(i.narrative) >= 80 and i.visit.get("arrival") for i in mystery)
        # Branch quality differs, so the league table is not flat.
        avg = s.execute(
            select(Inspection.branch_id, func.avg(Inspection.score_total)).group_by(
                Inspection.branch_id
            )
        ).all()
        scores = sorted(a for _b, a in avg)
        assert scores[-1] - scores[0] > 10
        statuses = {f.status for f in s.scalars(select(Finding))}
        assert statuses == {"open", "closed"}
        overdue = s.scalar(
            select(func.count())
            .select_from(Finding)
            .where(Finding.status == "open", Finding.deadline < utcnow().date())
        )
        assert overdue and overdue > 0
        assert all(f.owner for f in s.scalars(select(Finding).limit(50)))
        assert s.scalar(select(func.count()).select_from(Photo)) == 300
    # Demo inspections are real ones: they export and import like any other.
    folder = tmp_path / "out"
    folder.mkdir()
    written = exchange_export.write_all(db, folder, since=(utcnow() - timedelta(days=30)).date())
    assert written
    hq = Cli(tmp_path / "hq.sqlite3")
    r = hq("import", str(folder))
    assert r.exit_code == 0, r.output


def test_demo_is_repeatable_by_seed(db: Database, run_cli: Cli) -> None:
    run_cli.ok("demo", "--inspections", "20", "--seed", "7")
    with db.session() as s:
        first = sorted(s.scalars(select(Inspection.score_total)))
    run_cli.ok("demo", "--inspections", "20", "--seed", "7")
    with db.session() as s:
        both = sorted(s.scalars(select(Inspection.score_total)))
        assert s.scalar(select(func.count()).select_from(Branch)) == 40  # not duplicated
    assert sorted(first * 2) == both


@pytest.mark.parametrize("day", ["2026-03-31", "2026-12-07"])
def test_demo_is_built_from_the_apps_clock(
    day: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo (and so every test that uses it) gives the same data on any day the suite runs:
    it reads the app's clock, which INSPECTOR_CLOCK pins, so two runs on one pinned day agree
    and the data ends on that day."""
    monkeypatch.setenv(clock.ENV, day)
    pinned = date.fromisoformat(day)
    assert clock.utc_today() == pinned

    def run(name: str) -> list[tuple[str, str, float | None, date | None]]:
        db = open_database(str(tmp_path / name))
        try:
            demo.generate(db, inspections=60, seed=11)
            with db.session() as s:
                rows = [
                    (i.branch.code, i.started_at.date().isoformat(), i.score_total, None)
                    for i in s.scalars(select(Inspection).order_by(Inspection.started_at))
                ]
                newest = max(i.started_at for i in s.scalars(select(Inspection)))
                overdue = s.scalar(
                    select(func.count())
                    .select_from(Finding)
                    .where(Finding.status == "open", Finding.deadline < pinned)
                )
        finally:
            db.dispose()
        assert newest.date() <= pinned and pinned - newest.date() < timedelta(days=30)
        assert overdue
        return rows

    assert run("a.sqlite3") == run("b.sqlite3")
