"""The fast paths of 'hq export' (issue 21 §8) write what the slower ones wrote.

The findings sheet is read by one ordered query from the DB-API cursor
(:func:`export_rows.finding_rows`) instead of the dashboard's list
(:func:`rectification.iter_findings` + :func:`tables.finding_row`): the same rows in the
same order, on SQLite and PostgreSQL, under every filter. The workbook is compressed and
written by a second thread: an error there (disk full) is the user's clear message and
leaves no file behind.
"""

from __future__ import annotations

import errno
import threading
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


def test_a_failed_write_in_the_writer_thread_is_a_clear_error_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disk full while the second thread compresses a sheet: the caller gets the file
    error (a UserError naming the file and 'disk is full'), and neither the workbook nor
    its temporary file is left."""
    target = tmp_path / "hq.xlsx"
    threads: list[str] = []
    real_open = XlsxStream.__init__

    class Full:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def write(self, data: bytes) -> int:
            threads.append(threading.current_thread().name)
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self) -> None:
            self.inner.close()

    def init(self: XlsxStream, path: Path, **kw: Any) -> None:
        real_open(self, path, **kw)
        zf = self._zip
        opener = zf.open
        monkeypatch.setattr(zf, "open", lambda *a, **k: Full(opener(*a, **k)))

    monkeypatch.setattr(XlsxStream, "__init__", init)
    rows = ([f"row {n}", n, date(2026, 1, 1)] for n in range(200_000))  # many chunks
    with (
        pytest.raises(FileAccessError) as err,
        atomic_path(target) as tmp,
        XlsxStream(tmp) as book,
    ):
        book.sheet("S", ["a", "b", "c"], [None, None, None], [10, 10, 10], rows)
    assert "disk is full" in err.value.render("en") and str(target) in err.value.render("en")
    assert threads and set(threads) == {"xlsx-deflate"}  # it failed in the second thread
    assert list(tmp_path.iterdir()) == []


def test_the_reading_thread_raises_its_error_here_and_stops_when_left() -> None:
    def failing() -> Any:
        yield 1
        raise ValueError("bad row")

    got: list[int] = []
    with pytest.raises(ValueError, match="bad row"):
        for item in export_rows.ahead(failing()):
            got.append(item)
    assert got == [1]

    closed = threading.Event()

    def endless() -> Any:
        try:
            n = 0
            while True:
                n += 1
                yield n
        finally:
            closed.set()

    it = export_rows.ahead(endless(), depth=2)
    assert [next(it), next(it), next(it)] == [1, 2, 3]
    it.close()  # the consumer leaves early: the thread ends and closes its source
    assert closed.is_set()
    assert not [t for t in threading.enumerate() if t.name == "export-read"]
