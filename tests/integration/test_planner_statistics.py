"""SQLite's planner statistics follow the data (inspector/db/statistics.py): refreshed by
sampling after an import when missing or far behind, left alone otherwise."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from inspector.db import Database
from inspector.db.statistics import refresh_if_needed
from inspector.services.exchange.importer import import_paths

from .test_hq_repeats import two_laptops  # noqa: F401  (three signed packages, two laptops)


def _stats(db: Database) -> dict[str, int]:
    with db.engine.connect() as c:
        rows = c.execute(text("SELECT tbl, stat FROM sqlite_stat1")).all()
    out: dict[str, int] = {}
    for tbl, stat in rows:
        out[tbl] = max(out.get(tbl, 0), int(str(stat).split(" ", 1)[0]))
    return out


def test_an_import_refreshes_missing_or_stale_statistics(
    db: Database,
    two_laptops: dict[str, object],  # noqa: F811  (the fixture imported above)
) -> None:
    pkgs: dict[str, Path] = two_laptops["pkgs"]  # type: ignore[assignment]
    a1, b1, a2 = (str(two_laptops[k]) for k in ("a1", "b1", "a2"))
    assert "findings" not in _stats(db)  # analysed empty by the migrations: nothing known
    assert import_paths(db, [pkgs[a1]]).ok
    first = _stats(db)
    assert first["inspections"] == 1 and first["findings"] >= 1
    with db.engine.begin() as c:  # nothing drifted: nothing analysed again
        assert refresh_if_needed(c) == []
    assert import_paths(db, [pkgs[b1], pkgs[a2]]).ok  # three inspections now: > 2 x 1
    assert _stats(db)["inspections"] == 3
