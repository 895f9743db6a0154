"""Benchmark of the HQ dashboard queries at scale (default 100,000 inspections).

Usage::

    .venv/bin/python bench/bench_hq.py [--inspections N] [--db PATH | --url URL] [--repeat R]

``--url`` takes a database URL (``postgresql+psycopg://user@host/db``, where a head office
keeps its data, or ``sqlite:///path``): the same views are timed on that backend, against
baselines measured on it in the same run. Fills a temporary SQLite database (or ``--db`` /
``--url`` if it already holds data) with demo data:
``inspector demo --inspections N`` when that command exists, else the bulk generator below
(SQLAlchemy Core inserts, a few seconds per 10,000 inspections). Then times each HQ view
with the filters the dashboard uses and prints, per view, the best of ``--repeat`` runs in
ms and as a ratio to a baseline measured in the same run (a ``count(*)`` and a ``GROUP BY``
over the inspections table), so results compare across machines.

``generate()`` is reused by ``scripts/hq_screenshots.py`` for a realistic small database.
"""

from __future__ import annotations

import argparse
import functools
import logging
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text

from inspector import clock
from inspector.checklists import load_all
from inspector.db import Database, open_database
from inspector.db.models import Branch, Finding, Inspection, SectionScoreRow
from inspector.domain.checklist import Mode
from inspector.domain.scoring import grade_for, section_area
from inspector.services.findings.sync import default_deadline, default_severity
from inspector.services.hq import assess, coverage, likewise, rectify
from inspector.services.hq import integrity as hq_integrity
from inspector.services.hq import items as hq_items
from inspector.services.hq import league as hq_league
from inspector.services.hq import load as hq_load
from inspector.services.hq import mystery as hq_mystery
from inspector.services.hq import rectification as hq_rectification
from inspector.services.hq import rights as hq_rights
from inspector.services.hq import scope as hq_scope
from inspector.services.hq import trend as hq_trend
from inspector.services.hq.assess_rule import load_rule
from inspector.services.hq.rights_mystery import mystery_args, rights_args
from inspector.services.hq.rows import HqFilter
from inspector.services.inspections.snapshots import snapshot_for
from inspector.services.views import hq as hq_views

log = logging.getLogger(__name__)

REGIONS = ["上海", "北京", "江苏", "浙江", "广东", "四川", "湖北", "山东"]
PLACES = [
    "人民路",
    "解放路",
    "中山路",
    "建设路",
    "和平街",
    "新华路",
    "滨江",
    "高新区",
    "开发区",
    "火车站",
    "大学城",
    "世纪大道",
]


def generate(
    db: Database,
    inspections: int,
    *,
    branches: int = 200,
    seed: int = 7,
    months: int = 24,
    end: datetime | None = None,
    untrusted_share: float = 0.002,
) -> None:
    """Insert ``inspections`` finalized inspections with section scores and findings."""
    rng = random.Random(seed)
    end = end or clock.now()
    loaded, _problems = load_all()
    loaded = [c for c in loaded if c.id != "example"] or loaded
    with db.session() as s:
        snaps = [(snapshot_for(s, c), c.resolved) for c in loaded]
        existing = s.scalar(select(func.count()).select_from(Branch)) or 0
        rows = []
        for i in range(existing, existing + branches):
            region = REGIONS[i % len(REGIONS)]
            rows.append(
                {
                    "code": f"{310000 + i}",
                    "name": f"{region}{PLACES[i % len(PLACES)]}支行{i // len(PLACES) + 1:02d}",
                    "region": region,
                    "address": "",
                    "created_at": end,
                    "updated_at": end,
                }
            )
        s.execute(insert(Branch), rows)
        branch_ids = list(s.scalars(select(Branch.id).order_by(Branch.id)))[-branches:]
        snap_meta = [(snap.id, c) for snap, c in snaps]
    quality = {b: rng.uniform(55, 97) for b in branch_ids}
    span = months * 30 * 86400
    batch = 5000
    done = 0
    while done < inspections:
        n = min(batch, inspections - done)
        insp_rows: list[dict[str, Any]] = []
        plans: list[tuple[datetime, list[tuple[str, str, float, float, float]], list[Any]]] = []
        for _ in range(n):
            b = rng.choice(branch_ids)
            snap_id, cl = rng.choice(snap_meta)
            started = end - timedelta(seconds=rng.randrange(span))
            base = quality[b] + rng.gauss(0, 8)
            secs = []
            total_w = 0.0
            acc = 0.0
            for sec in cl.real_sections():
                pct = max(0.0, min(100.0, base + rng.gauss(0, 10)))
                possible = float(sum(it.points for it in sec.items)) or 1.0
                secs.append((sec.id, section_area(cl, sec), float(sec.weight), pct, possible))
                total_w += sec.weight
                acc += sec.weight * pct
            total = acc / total_w if total_w else 0.0
            items = [it for it in cl.items() if it.points > 0 or it.veto]
            fail_p = max(0.0, (100 - total) / 100) * 0.5
            failed = [it for it in items if rng.random() < fail_p]
            veto = [it for it in failed if it.veto]
            mode = Mode.ONSITE if Mode.ONSITE in cl.modes else Mode.MYSTERY
            insp_rows.append(
                {
                    "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "revision": 1,
                    "is_current": True,
                    "mode": mode.value,
                    "status": "finalized",
                    "branch_id": b,
                    "snapshot_id": snap_id,
                    "inspector": "",
                    "created_at": started,
                    "started_at": started,
                    "updated_at": started + timedelta(hours=2),
                    "finalized_at": started + timedelta(hours=2),
                    "finalized_by": "demo",
                    "visit": {},
                    "narrative": "",
                    "score_total": round(total, 4),
                    "grade": grade_for(cl, total, bool(veto)),
                    "passed": not veto and total >= 60,
                    "veto_failed": len(veto),
                    "origin": "imported",
                    "trusted": rng.random() >= untrusted_share,
                }
            )
            plans.append((started, secs, failed))
        with db.session() as s:
            ids = list(
                s.scalars(
                    insert(Inspection).returning(Inspection.id, sort_by_parameter_order=True),
                    insp_rows,
                )
            )
            sec_rows = []
            find_rows = []
            today = end.date()
            for iid, (started, secs, failed) in zip(ids, plans, strict=True):
                for sid, area, weight, pct, possible in secs:
                    sec_rows.append(
                        {
                            "inspection_id": iid,
                            "section_id": sid,
                            "area": area,
                            "weight": weight,
                            "earned": possible * pct / 100,
                            "possible": possible,
                            "percent": pct,
                        }
                    )
                for it in failed:
                    deadline = default_deadline(it, started.date())
                    closed = deadline < today and rng.random() < 0.8
                    find_rows.append(
                        {
                            "inspection_id": iid,
                            "item_id": it.id,
                            "active": True,
                            "severity": default_severity(it).value,
                            "action": "",
                            "owner": rng.choice(["王经理", "李主管", "张行长", "赵主任", ""]),
                            "deadline": deadline,
                            "status": "closed" if closed else "open",
                            "closed_at": started + timedelta(days=3) if closed else None,
                            "closed_by_uuid": None,
                            "closing_note": "",
                            "created_at": started,
                            "updated_at": started,
                        }
                    )
            if sec_rows:
                s.execute(insert(SectionScoreRow), sec_rows)
            if find_rows:
                s.execute(insert(Finding), find_rows)
        done += n
        log.info("generated %d/%d inspections", done, inspections)


def _fill(db: Database, path: Path | str, n: int) -> str:
    """Prefer ``inspector demo`` (the shipped demo data) when it exists."""
    from inspector import cli

    with db.session() as s:
        have = s.scalar(select(func.count()).select_from(Inspection)) or 0
    if have:
        return f"existing data ({have} inspections)"
    if "demo" in cli.cli.commands:
        code = cli.main(["--db", str(path), "demo", "--inspections", str(n)])
        if code == 0:
            return "inspector demo"
        print(f"inspector demo failed (exit {code}); using the bench generator", file=sys.stderr)
    generate(db, n)
    return "bench generator"


def _best(fn: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def measure(
    path: Path | str | None = None,
    inspections: int = 100_000,
    repeat: int = 3,
    verbose: bool = True,
) -> list[tuple[str, float, str]]:
    """Time every view under each dashboard filter; one result row per view (worst filter).

    The ratio is against the ``GROUP BY branch`` baseline measured in the same run.
    """

    def say(text: str) -> None:
        if verbose:
            print(text)

    tmp = None
    if path is None:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "bench.sqlite3"
    db = open_database(str(path))
    t0 = time.perf_counter()
    source = _fill(db, path, inspections)
    say(f"data: {source}, ready in {time.perf_counter() - t0:.1f} s ({path})")
    # Fresh statistics on either backend; on PostgreSQL also the visibility map, which
    # index-only scans need (what autovacuum keeps up to date on a live server).
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE" if db.is_sqlite else "VACUUM ANALYZE"))
    backend = "SQLite" if db.is_sqlite else "PostgreSQL"
    results: list[tuple[str, float, str]] = []
    with db.read_session() as s:
        total = s.scalar(select(func.count()).select_from(Inspection)) or 0
        regions = hq_scope.regions(s)
        checklists = hq_scope.checklist_ids(s)
        region = regions[0] if regions else None
        year_ago = clock.local_today() - timedelta(days=365)
        filters = {
            "all": HqFilter(),
            "region": HqFilter(region=region),
            "12 months": HqFilter(date_from=year_ago),
            "checklist+mode": HqFilter(
                checklist_id=checklists[0] if checklists else None, mode="onsite"
            ),
            # The dashboard's "include drafts": no status term, so no index may rely on one.
            "with drafts": HqFilter(include_drafts=True),
        }
        base_count = _best(lambda: s.scalar(select(func.count()).select_from(Inspection)), repeat)
        base_group = _best(
            lambda: s.execute(
                select(Inspection.branch_id, func.avg(Inspection.score_total)).group_by(
                    Inspection.branch_id
                )
            ).all(),
            repeat,
        )
        say(
            f"{total} inspections on {backend}; baselines: count(*) {base_count:.1f} ms, "
            f"GROUP BY branch {base_group:.1f} ms"
        )
        rule = load_rule()
        views: dict[str, Callable[[HqFilter], Any]] = {
            "counts": lambda f: hq_league.counts(s, f),
            "league": lambda f: hq_league.league(s, f),
            "heatmap": lambda f: hq_items.heatmap(s, f),
            "failing items": lambda f: hq_items.failing_items(s, f, total),
            "veto failures": lambda f: hq_items.veto_failures(s, f),
            "trend": lambda f: hq_trend.trend(s, f),
            "rectification": lambda f: hq_rectification.rectification(s, f),
            "open findings": lambda f: hq_rectification.findings(s, f, unresolved=True),
            "integrity": lambda f: hq_integrity.integrity(s, f),
            "dashboard first views": lambda f: hq_load.load_first(s, f),
            "dashboard (all views)": lambda f: hq_load.load(s, f),
            # Issue 21's views: mystery league per scenario, repeats, rectification
            # figures, assessment, coverage, regions like with like, quarters.
            "mystery league": lambda f: hq_league.league(s, replace(f, mode=Mode.MYSTERY)),
            "repeat findings": lambda f: hq_rectification.findings(s, f, repeats=True),
            "rectification figures": lambda f: rectify.figures(s, f),
            "assessment": lambda f: assess.assess(
                s, rule, date_from=f.date_from, date_to=f.date_to, region=f.region
            ),
            "coverage": lambda f: coverage.coverage(s, f),
            "regions by checklist": lambda f: likewise.region_rows(s, f),
            "quarter on quarter": lambda f: likewise.quarters(s, f),
            # The dashboard's rights and mystery-visit tabs ('hq rights', 'hq mystery').
            "rights": lambda f: hq_rights.by_branch(s, **rights_args(f)),
            # The dashboard's tab: the summary of every visit and the newest page of them.
            "mystery visits": lambda f: hq_views.load_mystery(s, f, None),
            # 'hq mystery' (and the HQ files): every visit with its section percents.
            "mystery visits (all, hq mystery)": lambda f: hq_mystery.visits(s, **mystery_args(f)),
        }
        say(f"{'view':<34}{'filter':<16}{'ms':>9}{'x count':>9}{'x group':>9}")
        for vname, fn in views.items():
            worst_ms, worst_filter = 0.0, ""
            for fname, flt in filters.items():
                ms = _best(functools.partial(fn, flt), repeat)
                say(f"{vname:<34}{fname:<16}{ms:9.1f}{ms / base_count:9.1f}{ms / base_group:9.1f}")
                if ms > worst_ms:
                    worst_ms, worst_filter = ms, fname
            results.append(
                (
                    f"HQ view '{vname}' at {total} inspections ({backend})",
                    worst_ms / base_group,
                    f"{worst_ms:.0f} ms at worst (filter: {worst_filter}); "
                    f"GROUP BY baseline {base_group:.0f} ms",
                )
            )
    db.dispose()
    if tmp is not None:
        tmp.cleanup()
    return results


def run() -> list[tuple[str, float, str]]:
    """For bench/run.py: 100,000 demo inspections (BENCH_HQ_INSPECTIONS overrides)."""
    import os

    n = int(os.environ.get("BENCH_HQ_INSPECTIONS", "100000"))
    return measure(inspections=n, verbose=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inspections", type=int, default=100_000)
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--db", type=Path, default=None, help="reuse this database file")
    where.add_argument(
        "--url", default=None, help="database URL, e.g. postgresql+psycopg://user@host/db"
    )
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    for name, ratio, detail in measure(args.url or args.db, args.inspections, args.repeat):
        print(f"{name}: ratio {ratio:.1f} ({detail})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
