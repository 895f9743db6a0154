"""Concurrent imports on PostgreSQL: several processes import the same packages at once and
the database ends with exactly one copy of each revision (the unique constraint decides)."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from inspector.db import open_database
from inspector.db.models import Blob, Branch, ChecklistSnapshot, ImportRecord, Inspection
from inspector.services.exchange import export as exchange_export
from inspector.services.exchange import importer
from inspector.services.inspections import lookup
from tests.integration.conftest import amend_and_finalize, make_finalized

pytestmark = pytest.mark.postgres

WORKERS = 4


def _worker(url: str, files: list[str], barrier: Any, out: Any) -> None:
    db = open_database(url, migrate=False)
    try:
        barrier.wait(timeout=60)
        receipt = importer.import_paths(db, [Path(f) for f in files])
        out.put(receipt.to_dict()["counts"])
    finally:
        db.dispose()


def test_concurrent_imports_store_one_copy(pg_url: str, tmp_path: Path) -> None:
    src = open_database(tmp_path / "device.sqlite3")
    a = make_finalized(src, label="a", n_photos=2)
    amend_and_finalize(src, a)
    b = make_finalized(src, label="b", branch_code="GZ001", branch_name="广州分行天河支行")
    files = []
    for uuid_, rev in ((a, 1), (a, 2), (b, 1)):
        with src.session() as s:
            data = exchange_export.export_inspection(s, lookup.get_revision(s, uuid_, rev))
        p = tmp_path / f"{uuid_[:8]}-{rev}.inspection"
        p.write_bytes(data)
        files.append(str(p))
    open_database(pg_url).dispose()  # migrate once, before the race

    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(WORKERS)
    out = ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(pg_url, files[::step], barrier, out))
        for step in (1, -1, 1, -1)
    ]
    for p in procs:
        p.start()
    counts = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0

    assert all(c["read"] == 3 and c["rejected"] == 0 and c["conflicts"] == 0 for c in counts)
    stored = sum(c["imported"] + c["updated"] for c in counts)
    assert stored == 3
    assert sum(c["duplicates"] for c in counts) == WORKERS * 3 - 3

    db = open_database(pg_url, migrate=False)
    try:
        with db.session() as s:
            pairs = s.execute(select(Inspection.uuid, Inspection.revision)).all()
            assert sorted(pairs) == sorted([(a, 1), (a, 2), (b, 1)])
            current = s.execute(
                select(Inspection.uuid, Inspection.revision).where(Inspection.is_current)
            ).all()
            assert sorted(current) == sorted([(a, 2), (b, 1)])
            assert s.scalar(select(func.count()).select_from(Branch)) == 2
            assert s.scalar(select(func.count()).select_from(ChecklistSnapshot)) == 1
            assert s.scalar(select(func.count()).select_from(ImportRecord)) == 3
            assert s.scalar(select(func.count()).select_from(Blob)) == 9  # 3 photos x 3
    finally:
        db.dispose()
