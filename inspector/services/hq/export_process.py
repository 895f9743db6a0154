"""The findings sheet of ``hq export`` (Excel) written by a second process.

At 100,000 inspections the findings sheet is some 600,000 rows, over half of the export's
time; building its XML is Python work that a second thread cannot share (the GIL). So a
second process - started with ``spawn``, never ``fork``: the parent may hold SQLAlchemy
pools, Qt and threads - reads the findings from its own read-only connection to the same
database and deflates the sheet into a part file next to the output, while this process
loads the views and writes every other sheet. The part is then copied into the workbook
as it is (:meth:`.xlsx.XlsxStream.put`): the sheet's XML is what one process writes.

One snapshot for both readers. The export shows one moment of the database, so the
second process must read exactly what this one reads:

* SQLite (WAL): a reader sees the commits made before its first read. This process takes
  the write lock (``BEGIN IMMEDIATE`` on a connection of its own, which writes nothing),
  starts its read transaction, starts the second process and waits until that one has
  started its own; only then is the lock let go. No commit can fall between the two
  snapshots. Writers (an import, the app) wait meanwhile, as they wait for any other
  writer (the busy timeout is 30 s; this takes about a second). A file opened
  ``immutable`` (a folder this user may not write) has no writers. A file this user may not
  write, but others might, gets no lock that stops them: it is exported by one process.
* PostgreSQL: this process reads in a ``REPEATABLE READ`` transaction and exports its
  snapshot (``pg_export_snapshot``); the second process imports it (``SET TRANSACTION
  SNAPSHOT``) before its first query, as ``pg_dump --jobs`` does.

A database with few findings is written by one process (:data:`SPLIT_FINDINGS`, counted
before any lock is taken): starting a second interpreter costs about a second. So is an
export whose second process does not start in :data:`READY_SECONDS` (writers wait
meanwhile), or fails before it has read a row (its reason goes to the log). Whatever goes
wrong in the second process after that (an error, a crash, being killed) is the user's
:class:`~inspector.errors.UserError`, its traceback in this process's log, the part file
removed and no workbook written (:func:`inspector.files.atomic_path`).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import re
import signal
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain, islice
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from inspector.db import Database
from inspector.db.engine import BUSY_TIMEOUT_MS, open_database, read_only_uri
from inspector.db.models import Branch, Finding
from inspector.domain import timefmt
from inspector.errors import UserError, detail_of
from inspector.reports.hq_content import HqColumn
from inspector.services.hq import export_rows
from inspector.services.hq.files import WIDTH_ROWS, write_sheet_elsewhere
from inspector.services.hq.rows import HqFilter
from inspector.services.hq.xlsx import SheetPart
from inspector.text import hq_errors as T
from inspector.text.parts import phrase

log = logging.getLogger(__name__)

SPLIT_FINDINGS = 20_000
"""Findings in the database from which the findings sheet is written by a second process."""
READY_SECONDS = 20.0
"""How long the second process may take to start and take its snapshot; then the export is
written by one process. Below SQLite's busy timeout (30 s): a writer that waits for the
write lock held meanwhile never fails for it."""
PEAK_LOG = "hq export in two processes, peak memory"
_SNAPSHOT_ID = re.compile(r"[0-9A-Fa-f-]+")


@dataclass(frozen=True, slots=True)
class _Job:
    url: str  # the database URL, password included (sent through the pipe, not argv)
    snapshot: str | None  # PostgreSQL: this process's exported snapshot
    flt: HqFilter
    lang: str
    today: date
    part: str  # the file the sheet is deflated into
    zone: str  # the zone times are shown in unless the filter names one (display.tz)


def _peak_mb() -> float | None:
    """This process's peak resident memory (MB), where the system tells it."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _child(job: _Job, conn: Connection) -> None:
    """The second process: take the parent's snapshot, say so, read the findings, write
    the sheet when the columns come; send the part (or what went wrong)."""
    try:
        timefmt.use_setting(job.zone)  # as the parent read it from its database's settings
        db = open_database(job.url, migrate=False, read_only=True)
        try:
            with db.read_session() as s:
                if job.snapshot is not None:
                    s.connection(
                        execution_options={
                            "isolation_level": "REPEATABLE READ",
                            "postgresql_readonly": True,
                        }
                    )
                    s.execute(text(f"SET TRANSACTION SNAPSHOT '{job.snapshot}'"))
                else:
                    s.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
                conn.send(("ready",))
                rows = iter(export_rows.finding_rows(s, job.flt, job.lang, today=job.today))
                first = list(islice(rows, WIDTH_ROWS))  # the query runs while the parent loads
                got = conn.recv()
                if got is None:  # the parent gave up
                    return
                columns, styles = got
                part = write_sheet_elsewhere(Path(job.part), columns, styles, chain(first, rows))
        finally:
            db.dispose()
        try:
            conn.send(("done", part, _peak_mb(), time.process_time()))
        except OSError:  # the parent has gone (killed): nobody will remove the part
            Path(job.part).unlink(missing_ok=True)
            raise
    except UserError as e:
        Path(job.part).unlink(missing_ok=True)  # the parent may have gone: leave nothing
        _tell(conn, ("user", e.message, dict(e.fields)), str(e))
    except BaseException as e:  # every failure goes to the parent, in words
        Path(job.part).unlink(missing_ok=True)
        _tell(conn, ("bug", detail_of(e), traceback.format_exc()), detail_of(e))


def _tell(conn: Connection, msg: tuple[Any, ...], words: str) -> None:
    """Send the parent what went wrong (as words, if its parts cannot be sent); nothing
    when the parent has gone."""
    with contextlib.suppress(OSError):
        try:
            conn.send(msg)
        except OSError:
            raise
        except Exception:  # a field that cannot be pickled
            conn.send(("bug", words, traceback.format_exc()))


class _Late(Exception):
    """The second process said nothing in time."""


class FindingsProcess:
    """The second process writing the findings sheet (:class:`.files.SheetElsewhere`)."""

    def __init__(self, proc: Any, conn: Connection, part: Path) -> None:
        self._proc = proc
        self._conn = conn
        self.part = part
        self.peak_mb: float | None = None
        """The second process's peak memory (MB), once it has finished."""
        self.cpu_s = 0.0
        """The second process's CPU time (s), once it has finished."""

    def _receive(self, timeout: float | None = None) -> tuple[Any, ...]:
        """The second process's next message; a UserError when it failed or ended,
        :class:`_Late` when it says nothing for ``timeout`` seconds."""
        if not wait([self._conn, self._proc.sentinel], timeout):
            raise _Late
        try:
            msg: tuple[Any, ...] = self._conn.recv()
        except (EOFError, OSError):
            msg = ("ended",)
        if msg[0] == "user":
            raise UserError(msg[1], **msg[2])
        if msg[0] == "bug":
            log.error("the findings sheet's process failed:\n%s", msg[2])
            raise UserError(T.EXPORT_HELPER_FAILED, detail=msg[1])
        if msg[0] == "ended":
            self._proc.join(5)
            code = self._proc.exitcode
            if code is not None and code < 0:
                name = signal.Signals(-code).name if -code in signal.valid_signals() else -code
                how = phrase(T.EXPORT_HELPER_KILLED, signal=name)
            else:
                how = phrase(T.EXPORT_HELPER_EXIT, code=code)
            log.error("the findings sheet's process ended with exit code %s", code)
            raise UserError(T.EXPORT_HELPER_ENDED, how=how)
        return msg

    def write(self, columns: tuple[HqColumn, ...], styles: tuple[tuple[str, bool], ...]) -> None:
        with contextlib.suppress(OSError):  # it has ended: result() says how
            self._conn.send((columns, styles))

    def result(self) -> SheetPart:
        msg = self._receive()
        # The file this process made for it, whatever path came back through the pipe.
        part: SheetPart = replace(msg[1], path=str(self.part))
        self.peak_mb, self.cpu_s = msg[2], msg[3]
        self._proc.join()
        log.info("findings sheet written by a second process: %d rows", part.rows)
        return part

    def stop(self) -> None:
        """End the second process if it still runs (the export failed or finished)."""
        if self._proc.is_alive():
            with contextlib.suppress(OSError):
                self._conn.send(None)
            self._proc.terminate()
        self._proc.join()
        self._conn.close()


def _worth_it(db: Database) -> bool:
    """Whether the database holds findings enough for a second process to pay: asked on a
    connection of its own, before any lock is taken, so that an export of a small database
    never waits for (or holds up) a writer."""
    with db.engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(Finding)).scalar_one()
    return int(n) >= SPLIT_FINDINGS


def _snapshot(s: Session) -> None:
    """The read that starts ``s``'s snapshot (a table read: SQLite takes its WAL snapshot
    at the first read of the database, not at BEGIN)."""
    s.execute(select(func.count()).select_from(Branch)).scalar_one()


@contextlib.contextmanager
def _sqlite_writers_held(db: Database) -> Iterator[bool]:
    """Writers kept waiting (True), or nothing to hold them with (False, one process);
    see the module's note."""
    path = Path(str(db.url.database or ""))
    if not db.url.database or db.url.database == ":memory:" or not path.is_file():
        yield False
        return
    uri = read_only_uri(path)
    if uri is not None:  # this user may not write the file: immutable has no writers
        yield "immutable=1" in uri
        return
    lock = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        try:
            lock.execute("BEGIN IMMEDIATE")  # takes the write lock, writes nothing
        except sqlite3.Error as e:  # a writer held it past the busy timeout
            log.info("export in one process: no write lock on %s (%s)", path, e)
            yield False
            return
        try:
            yield True
        finally:
            lock.execute("ROLLBACK")
    finally:
        lock.close()


@contextlib.contextmanager
def findings_elsewhere(
    db: Database, s: Session, flt: HqFilter, lang: str, output: Path, today: date
) -> Iterator[FindingsProcess | None]:
    """A second process for the findings sheet, reading the snapshot ``s`` reads (``s``
    must not have read yet); None when the export is better written by one process.

    The process is stopped and its part file removed when the block ends.
    """
    if not _worth_it(db):
        yield None
        return
    proc: FindingsProcess | None = None
    try:
        if db.is_sqlite:
            with _sqlite_writers_held(db) as held:
                if held:
                    _snapshot(s)  # under the lock: no commit falls before the child's
                    proc = _start(db, flt, lang, output, today, None)
        else:
            s.connection(
                execution_options={
                    "isolation_level": "REPEATABLE READ",
                    "postgresql_readonly": True,
                }
            )
            _snapshot(s)
            snapshot = str(s.execute(text("SELECT pg_export_snapshot()")).scalar_one())
            if not _SNAPSHOT_ID.fullmatch(snapshot):
                raise ValueError(f"unexpected snapshot id {snapshot!r}")
            proc = _start(db, flt, lang, output, today, snapshot)
    except BaseException:  # letting the lock go failed, say: the process must not outlive it
        if proc is not None:
            proc.stop()
            proc.part.unlink(missing_ok=True)
        raise
    if proc is None:
        yield None
        return
    try:
        yield proc
        if proc.peak_mb is not None:  # bench/bench_export.py reads this line
            log.info(
                "%s: %.0f MB here, %.0f MB in the findings sheet's process"
                " (CPU %.1f s here, %.1f s there)",
                PEAK_LOG,
                _peak_mb() or 0.0,
                proc.peak_mb,
                time.process_time(),
                proc.cpu_s,
            )
    finally:
        proc.stop()
        with contextlib.suppress(FileNotFoundError):
            proc.part.unlink()


def _start(
    db: Database, flt: HqFilter, lang: str, output: Path, today: date, snapshot: str | None
) -> FindingsProcess | None:
    """Start the second process and wait until it has taken its snapshot. None: no part
    file can be made next to ``output`` (the export, in one process, then says why), or
    the process did not start in :data:`READY_SECONDS`."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent)
    except OSError as e:
        log.info("export in one process: no part file next to %s (%s)", output, e)
        return None
    os.close(fd)
    part = Path(name)
    job = _Job(
        db.url.render_as_string(hide_password=False),
        snapshot,
        flt,
        lang,
        today,
        str(part),
        timefmt.zone_name(),
    )
    ctx = multiprocessing.get_context("spawn")
    here, there = ctx.Pipe()
    p = ctx.Process(target=_child, args=(job, there), name="hq-export-findings", daemon=True)
    try:
        p.start()
    except BaseException:
        part.unlink()
        raise
    there.close()  # this end is the child's: its end-of-file is how a crash shows
    proc = FindingsProcess(p, here, part)
    try:
        proc._receive(READY_SECONDS)
    except _Late:  # a slow start (a busy machine): not worth keeping writers waiting
        log.warning("export in one process: the second did not start in %.0f s", READY_SECONDS)
        proc.stop()
        part.unlink()
        return None
    except UserError as e:  # it failed before reading a row: one process can still do it
        log.warning("export in one process: the second failed to start (%s)", e)
        proc.stop()
        part.unlink(missing_ok=True)
        return None
    except BaseException:
        proc.stop()
        part.unlink()
        raise
    return proc
