"""Benchmark: finding a mystery-shopper wave in a large demo database (default 100,000).

Usage::

    .venv/bin/python bench/bench_waves.py [--inspections N] [--db PATH] [--repeat R]

Fills a temporary SQLite database (or ``--db`` if it already holds data) with
``inspector demo`` data, whose mystery visits come in waves (one per quarter and scenario).
Each look-up is timed against its baseline measured in the same run: the way it was done
before the indexed ``inspections.wave`` column, reading the visit JSON of every current
inspection of the checklist (``_scan_scenario``, ``_scan_visits`` below). The ratio is
ours / baseline (lower is better); both must give the same answer.

* "wave scenario, busiest wave": ``wave_scenario`` for the wave with the most visits.
* "wave scenario, new wave": a wave nobody has played yet, the look-up made when the
  first visit of a wave is recorded (the scan read every visit to learn that).
* "hq mystery --wave": HQ's visits of one wave.
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from inspector.db import open_database
from inspector.db.models import ChecklistSnapshot, Inspection
from inspector.services import demo
from inspector.services.hq import mystery as hq_mystery
from inspector.services.inspections import visits as insp_visits

log = logging.getLogger(__name__)

CHECKLIST = hq_mystery.DEFAULT_CHECKLIST


def _scan_scenario(session: Session, wave: str, checklist_id: str, *, exclude: int) -> str | None:
    """The look-up before the wave column: every current visit's JSON of the checklist."""
    rows = session.execute(
        select(Inspection.visit)
        .join(ChecklistSnapshot, Inspection.snapshot_id == ChecklistSnapshot.id)
        .where(
            Inspection.id != exclude,
            Inspection.is_current.is_(True),
            ChecklistSnapshot.checklist_id == checklist_id,
        )
        .order_by(Inspection.started_at, Inspection.id)
    )
    for (visit,) in rows:
        v = visit or {}
        if v.get("wave") == wave and v.get("scenario"):
            return str(v["scenario"])
    return None


def _scan_visits(session: Session, wave: str) -> list[hq_mystery.Visit]:
    """HQ's wave view before the column: every mystery visit read, then filtered."""
    return [v for v in hq_mystery.visits(session) if v.wave == wave]


def _best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000, out


def measure(
    path: Path | None = None, inspections: int = 100_000, repeat: int = 3, verbose: bool = True
) -> list[tuple[str, float, str]]:
    def say(line: str) -> None:
        if verbose:
            print(line)

    tmp = None
    if path is None:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "bench.sqlite3"
    db = open_database(str(path))
    try:
        with db.session() as s:
            have = s.scalar(select(func.count()).select_from(Inspection)) or 0
        t0 = time.perf_counter()
        if not have:
            demo.generate(db, inspections=inspections, seed=7)
        if db.is_sqlite:
            with db.session() as s:
                s.execute(text("ANALYZE"))
        say(f"data ready in {time.perf_counter() - t0:.1f} s ({path})")
        results: list[tuple[str, float, str]] = []
        with db.read_session() as s:
            total = s.scalar(select(func.count()).select_from(Inspection)) or 0
            waves = s.execute(
                select(Inspection.wave, func.count())
                .where(Inspection.wave.is_not(None))
                .group_by(Inspection.wave)
                .order_by(func.count().desc(), Inspection.wave)
            ).all()
            if not waves:
                raise RuntimeError("the demo data has no mystery waves")
            busiest, size = waves[0]
            say(f"{total} inspections, {len(waves)} waves, busiest {busiest!r}: {size} visits")
            cases: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
                "wave scenario, busiest wave": (
                    lambda: insp_visits.wave_scenario(s, busiest, CHECKLIST, exclude=0),
                    lambda: _scan_scenario(s, busiest, CHECKLIST, exclude=0),
                ),
                "wave scenario, new wave": (
                    lambda: insp_visits.wave_scenario(s, "2099Q1 新批次", CHECKLIST, exclude=0),
                    lambda: _scan_scenario(s, "2099Q1 新批次", CHECKLIST, exclude=0),
                ),
                "hq mystery --wave": (
                    lambda: [v.as_dict() for v in hq_mystery.visits(s, wave=busiest)],
                    lambda: [v.as_dict() for v in _scan_visits(s, busiest)],
                ),
            }
            for name, (ours, baseline) in cases.items():
                base_ms, expected = _best(baseline, repeat)
                ms, got = _best(ours, repeat)
                if got != expected:
                    raise AssertionError(f"{name}: {got!r} differs from the scan's {expected!r}")
                say(f"{name:<30}{ms:9.1f} ms   scan {base_ms:9.1f} ms")
                results.append(
                    (
                        f"{name} at {total} inspections",
                        ms / base_ms,
                        f"{ms:.1f} ms; scanning the visit JSON {base_ms:.0f} ms",
                    )
                )
        return results
    finally:
        db.dispose()
        if tmp is not None:
            tmp.cleanup()


def run() -> list[tuple[str, float, str]]:
    """For bench/run.py: 100,000 demo inspections (BENCH_WAVES_INSPECTIONS overrides)."""
    n = int(os.environ.get("BENCH_WAVES_INSPECTIONS", "100000"))
    return measure(inspections=n, verbose=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--inspections", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None, help="reuse this database file")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    for name, ratio, detail in measure(args.db, args.inspections, args.repeat):
        print(f"{name}: ratio {ratio:.3f} ({detail})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
