"""'hq export' (Excel) writes its findings sheet in a second process (issue 21 §8).

The workbook is the one a single process writes, part for part (every sheet's XML, the
styles, the workbook); both processes read one snapshot of the database, so a commit made
while the export starts is in neither; and whatever happens to the second process (an
error, a crash, being killed) is the user's clear message, with no file and no part
file left behind and no process left running.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.orm import Session

from inspector import clock
from inspector.db import Database
from inspector.domain import timefmt
from inspector.errors import UserError
from inspector.services import demo
from inspector.services.hq import export_process
from inspector.services.hq.rows import HqFilter
from inspector.services.views import hq_lists
from inspector.text import Surface
from tests.conftest import Cli

SECOND = "findings sheet written by a second process"


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        return {n: z.read(n) for n in z.namelist()}


def _export(
    db: Database, path: Path, lang: str, flt: HqFilter, *, split: bool, mp: pytest.MonkeyPatch
) -> dict[str, bytes]:
    mp.setattr(export_process, "SPLIT_FINDINGS", 0 if split else 10**9)
    hq_lists.write_export(db, flt, path, "xlsx", lang, rule_file=None)
    return _parts(path)


def _findings_xml(parts: dict[str, bytes]) -> bytes:
    """The findings sheet's XML (the largest sheet of the demo data)."""
    return max(
        (v for k, v in parts.items() if k.startswith("xl/worksheets/")),
        key=len,
    )


def _hold_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary sheet prints when it was made, to the minute, and the pinned clock runs
    on: held still, two workbooks made one after the other print the same minute."""
    held = clock.now()
    monkeypatch.setattr(clock, "now", lambda: held)


def test_two_processes_write_the_workbook_one_process_writes(
    any_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    demo.generate(any_db, inspections=60, photos_per_inspection=0, seed=5)
    # The display zone comes from the database's settings in the parent: the second
    # process must show its dates in the same zone.
    timefmt.use_setting("Pacific/Auckland")
    _hold_clock(monkeypatch)
    caplog.set_level(logging.INFO, logger=export_process.__name__)
    for lang, flt in (
        ("zh", HqFilter()),
        ("en", HqFilter(include_drafts=True, tz="America/New_York")),
    ):
        caplog.clear()
        one = _export(any_db, tmp_path / f"one-{lang}.xlsx", lang, flt, split=False, mp=monkeypatch)
        assert SECOND not in caplog.text
        two = _export(any_db, tmp_path / f"two-{lang}.xlsx", lang, flt, split=True, mp=monkeypatch)
        assert SECOND in caplog.text
        assert list(one) != list(two)  # the findings sheet was added last
        assert sorted(one) == sorted(two)
        for name in one:  # the clock is held: even the summary's time is the same
            assert one[name] == two[name], (lang, name)
        assert _findings_xml(two).count(b"<row ") > 100
    assert multiprocessing.active_children() == []
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("test.sqlite3"))
    assert left == ["one-en.xlsx", "one-zh.xlsx", "two-en.xlsx", "two-zh.xlsx"]


def test_both_processes_read_one_snapshot(
    any_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit made right after this process started reading is not in the second
    process's findings sheet (on SQLite the writer waits until both have started)."""
    demo.generate(any_db, inspections=30, photos_per_inspection=0, seed=3)
    before = _export(
        any_db, tmp_path / "before.xlsx", "en", HqFilter(), split=False, mp=monkeypatch
    )
    real = export_process._snapshot
    writer: list[threading.Thread] = []
    failed: list[BaseException] = []

    def change() -> None:
        try:
            with any_db.session() as s:
                s.execute(text("UPDATE findings SET action = 'CHANGED-AFTER'"))
        except BaseException as e:  # reported below, in the test's thread
            failed.append(e)

    def snapshot(s: Session) -> None:
        real(s)  # this process's snapshot is taken now
        if not writer:  # the first export only
            writer.append(threading.Thread(target=change))
            writer[0].start()

    monkeypatch.setattr(export_process, "_snapshot", snapshot)
    during = _export(any_db, tmp_path / "during.xlsx", "en", HqFilter(), split=True, mp=monkeypatch)
    writer[0].join()
    assert failed == []
    assert b"CHANGED-AFTER" not in _findings_xml(during)
    assert _findings_xml(during) == _findings_xml(before)
    after = _export(any_db, tmp_path / "after.xlsx", "en", HqFilter(), split=True, mp=monkeypatch)
    assert b"CHANGED-AFTER" in _findings_xml(after)


def _no_leftovers(folder: Path, target: Path) -> None:
    assert target.read_bytes() == b"last week's export"
    stray = [p.name for p in folder.iterdir() if p.suffix in (".part", ".tmp")]
    assert stray == []
    assert multiprocessing.active_children() == []


@pytest.fixture
def demo_db(db: Database) -> Database:
    demo.generate(db, inspections=20, photos_per_inspection=0, seed=2)
    return db


def _kill(self: export_process.FindingsProcess, *args: Any) -> None:
    os.kill(self._proc.pid, signal.SIGKILL)


def test_a_killed_second_process_is_a_clear_error_and_no_file(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Cli
) -> None:
    target = tmp_path / "out" / "hq.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"last week's export")
    monkeypatch.setattr(export_process, "SPLIT_FINDINGS", 0)
    monkeypatch.setattr(export_process.FindingsProcess, "write", _kill)
    r = run_cli("hq", "export", "-o", str(target))
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    assert "helper process writing the findings sheet ended unexpectedly" in r.stderr
    assert "stopped by signal SIGKILL" in r.stderr and "no file was written" in r.stderr
    _no_leftovers(target.parent, target)
    with pytest.raises(UserError) as err:
        hq_lists.write_export(demo_db, HqFilter(), target, "xlsx", "zh", rule_file=None)
    assert "辅助进程意外结束" in err.value.render("zh", Surface.GUI)
    _no_leftovers(target.parent, target)


def test_an_error_in_the_second_process_is_a_clear_error_and_no_file(
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    target = tmp_path / "hq.xlsx"
    target.write_bytes(b"last week's export")
    monkeypatch.setattr(export_process, "SPLIT_FINDINGS", 0)
    real = export_process.FindingsProcess.write

    def garbled(self: export_process.FindingsProcess, columns: Any, styles: Any) -> None:
        real(self, ("not", "columns"), styles)  # the child fails on them

    monkeypatch.setattr(export_process.FindingsProcess, "write", garbled)
    with pytest.raises(UserError) as err:
        hq_lists.write_export(demo_db, HqFilter(), target, "xlsx", "en", rule_file=None)
    words = str(err.value)
    assert "helper process writing the findings sheet failed (" in words
    assert "no file was written" in words and "Traceback" not in words
    assert "Traceback" in caplog.text  # the child's traceback is in the log
    _no_leftovers(tmp_path, target)


def test_a_second_process_that_cannot_start_leaves_the_export_to_one(
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The second process cannot open the database (gone, say) before it has read a row:
    one process writes the workbook, the reason goes to the log, nothing is left over."""
    caplog.set_level(logging.INFO, logger=export_process.__name__)
    _hold_clock(monkeypatch)
    one = _export(demo_db, tmp_path / "one.xlsx", "zh", HqFilter(), split=False, mp=monkeypatch)
    monkeypatch.setattr(export_process, "SPLIT_FINDINGS", 0)
    real_start = export_process._start
    gone = tmp_path / "gone.sqlite3"

    def start(db: Database, *rest: Any) -> Any:
        return real_start(replace(db, url=make_url(f"sqlite:///{gone}")), *rest)

    monkeypatch.setattr(export_process, "_start", start)
    alone = _export(demo_db, tmp_path / "alone.xlsx", "zh", HqFilter(), split=True, mp=monkeypatch)
    assert "the second failed to start" in caplog.text and str(gone) in caplog.text
    assert SECOND not in caplog.text
    assert alone == one
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".part", ".tmp")]
    assert multiprocessing.active_children() == []


def test_a_small_database_is_exported_without_holding_writers(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below SPLIT_FINDINGS the export never takes SQLite's write lock: a writer busy
    meanwhile (an import) neither waits for it nor makes it wait."""

    def no_lock(db: Database) -> Any:
        raise AssertionError("the write lock was taken for a small database")

    monkeypatch.setattr(export_process, "_sqlite_writers_held", no_lock)
    target = tmp_path / "small.xlsx"
    hq_lists.write_export(demo_db, HqFilter(), target, "xlsx", "en", rule_file=None)
    assert target.stat().st_size > 0


def test_a_second_process_slow_to_start_leaves_the_export_to_one(
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Writers wait while the second process starts (SQLite): one that does not start in
    time is stopped and the export is written by one process, as it would have been."""
    caplog.set_level(logging.INFO, logger=export_process.__name__)
    _hold_clock(monkeypatch)  # the two summaries print the same minute
    one = _export(demo_db, tmp_path / "one.xlsx", "zh", HqFilter(), split=False, mp=monkeypatch)
    monkeypatch.setattr(export_process, "READY_SECONDS", 0.0)
    late = _export(demo_db, tmp_path / "late.xlsx", "zh", HqFilter(), split=True, mp=monkeypatch)
    assert "the second did not start in 0 s" in caplog.text
    assert SECOND not in caplog.text
    assert late == one
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".part", ".tmp")]
    assert multiprocessing.active_children() == []
