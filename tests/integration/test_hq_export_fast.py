"""The fast paths of 'hq export' (issue 21 §8) write what the slower ones wrote.

The findings sheet is read by one ordered query from the DB-API cursor
(:func:`export_rows.finding_rows`) instead of the dashboard's list
(:func:`rectification.iter_findings` + :func:`tables.finding_row`): the same rows in the
same order, on SQLite and PostgreSQL, under every filter. A write that fails mid-sheet
(disk full) is the user's clear message and leaves no half file behind.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from inspector.db import Database
from inspector.files import FileAccessError, atomic_path
from inspector.services import demo
from inspector.services.hq import export_rows, rectification
from inspector.services.hq.rows import HqFilter
from inspector.services.hq.scope import regions
from inspector.services.hq.tables import finding_row
from inspector.services.hq.xlsx import XlsxStream

TODAY = date(2026, 11, 23)


def _list_rows(db: Database, flt: HqFilter, lang: str) -> list[tuple[Any, ...]]:
    with db.read_session() as s:
        return [
            finding_row(f, lang, flt.zone, drafts=flt.drafts)
            for f in rectification.iter_findings(s, flt, today=TODAY, limit=None)
        ]


def _export_rows(db: Database, flt: HqFilter, lang: str) -> list[tuple[Any, ...]]:
    with db.read_session() as s:
        return list(export_rows.finding_rows(s, flt, lang, today=TODAY))


def test_export_findings_equal_the_list_in_its_order(any_db: Database) -> None:
    demo.generate(any_db, inspections=150, photos_per_inspection=0, seed=11)
    with any_db.read_session() as s:
        region = regions(s)[0]
    filters = [
        HqFilter(),
        HqFilter(include_drafts=True),
        HqFilter(region=region),
        HqFilter(date_from=TODAY - timedelta(days=120), tz="America/New_York"),
        HqFilter(mode="mystery"),
    ]
    for flt in filters:
        for lang in ("zh", "en"):
            want = _list_rows(any_db, flt, lang)
            got = _export_rows(any_db, flt, lang)
            assert want, (flt, lang)  # the demo data has findings under every filter
            assert got == want, (flt, lang)
            # The same types too: dates stay dates (Excel date cells), text stays text.
            assert [[type(v) for v in r] for r in got] == [[type(v) for v in r] for r in want]
    # Findings in several states (so the order across states is really compared).
    assert len({r[10] for r in _export_rows(any_db, HqFilter(), "en")}) >= 3


def test_a_failed_write_mid_sheet_is_a_clear_error_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disk full after a sheet's first megabytes went out: the caller gets the file error
    (a UserError naming the file and 'disk is full'), and neither the workbook nor its
    temporary file is left; an earlier export at the same path is kept."""
    target = tmp_path / "hq.xlsx"
    target.write_bytes(b"last week's export")
    writes: list[int] = []
    real_open = XlsxStream.__init__

    class Full:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def write(self, data: bytes) -> None:
            writes.append(len(data))
            if len(writes) > 2:
                raise OSError(errno.ENOSPC, "No space left on device")
            self.inner.write(data)

    def init(self: XlsxStream, path: Path, **kw: Any) -> None:
        real_open(self, path, **kw)
        zf = self._zip
        entry = zf.entry

        @contextlib.contextmanager
        def failing(name: str) -> Iterator[Full]:
            with entry(name) as out:
                yield Full(out)

        monkeypatch.setattr(zf, "entry", failing)

    monkeypatch.setattr(XlsxStream, "__init__", init)
    rows = ([f"row {n}", n, date(2026, 1, 1)] for n in range(200_000))  # many chunks
    with (
        pytest.raises(FileAccessError) as err,
        atomic_path(target) as tmp,
        XlsxStream(tmp) as book,
    ):
        book.sheet("S", ["a", "b", "c"], [None, None, None], [10, 10, 10], rows)
    assert "disk is full" in err.value.render("en") and str(target) in err.value.render("en")
    assert len(writes) == 3  # it failed mid-sheet, after two chunks were written
    assert [p.name for p in tmp_path.iterdir()] == ["hq.xlsx"]
    assert target.read_bytes() == b"last week's export"


def test_collections_are_rare_while_exporting_and_put_back_after() -> None:
    import gc

    from inspector.services.hq.files import _rare_collections

    before = gc.get_threshold()
    enabled = gc.isenabled()
    with pytest.raises(RuntimeError), _rare_collections():
        assert gc.get_threshold()[0] >= 100_000
        assert gc.get_threshold()[1:] == before[1:]
        raise RuntimeError("writer failed")
    assert gc.get_threshold() == before and gc.isenabled() == enabled
