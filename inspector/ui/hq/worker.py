"""Runs the HQ queries off the GUI thread, so the dashboard never freezes.

Each request carries a number; the dashboard keeps only the answer to its latest request,
so quickly changing a filter cannot show stale numbers. The job opens its own session
(sessions are not thread-safe; the engine and its pool are).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from inspector.db import Database
from inspector.errors import UserError
from inspector.services import hq

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HqResult:
    data: hq.HqData
    regions: list[str]
    checklists: list[str]


class HqLoaderSignals(QObject):
    """Signals: loaded(request, HqResult), failed(request, message)."""

    loaded = Signal(int, object)
    failed = Signal(int, str)


class _LoadJob(QRunnable):
    def __init__(
        self,
        db: Database,
        flt: hq.HqFilter,
        request: int,
        signals: HqLoaderSignals,
        is_latest: Callable[[int], bool],
    ) -> None:
        super().__init__()
        self._db, self._flt, self._request, self._signals = db, flt, request, signals
        self._is_latest = is_latest

    def run(self) -> None:
        try:
            with self._db.read_session() as s:
                # The first views (league, heatmap) go on screen while the rest is computed.
                first = hq.load_first(s, self._flt)
                regions, checklists = hq.regions(s), hq.checklist_ids(s)
                self._signals.loaded.emit(self._request, HqResult(first, regions, checklists))
                if not self._is_latest(self._request):
                    return  # a newer filter was chosen meanwhile
                result = HqResult(hq.load_rest(s, first), regions, checklists)
        except UserError as e:
            self._signals.failed.emit(self._request, str(e))
        except Exception as e:  # shown in the dashboard, traceback in the log file
            log.error("HQ dashboard query failed:\n%s", traceback.format_exc())
            self._signals.failed.emit(self._request, f"{type(e).__name__}: {e}")
        else:
            self._signals.loaded.emit(self._request, result)


class HqLoader(QObject):
    """Queues loads on a private one-thread pool (one query at a time, newest wins).

    Signals:
        loaded(int, HqResult): views for request number N: first the league and heatmap
            (``data.complete`` False), then all of them.
        failed(int, str): request N failed with this message.
    """

    loaded = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = HqLoaderSignals(self)
        self._signals.loaded.connect(self.loaded)
        self._signals.failed.connect(self.failed)
        self._request = 0

    def request(self, flt: hq.HqFilter) -> int:
        self._request += 1
        self._pool.clear()  # drop queued, not yet started, requests: only the newest matters
        self._pool.start(
            _LoadJob(self._db, flt, self._request, self._signals, lambda n: n == self._request)
        )
        return self._request

    @property
    def latest(self) -> int:
        return self._request

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until running queries end (used when the dashboard closes and in tests)."""
        return self._pool.waitForDone(msecs)
