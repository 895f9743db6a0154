"""Runs the HQ queries off the GUI thread, so the dashboard never freezes.

Each request carries a number; the dashboard keeps only the answer to its latest request,
so quickly changing a filter cannot show stale numbers. The job reads through
:func:`inspector.services.views.hq.load_dashboard`, which opens its own session (sessions
are not thread-safe; the engine and its pool are); its errors are handled by
:func:`inspector.ui.workers.failure`, like every other background job.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal

from inspector.db import Database
from inspector.services.hq.rows import HqFilter
from inspector.services.views.hq import HqResult, load_dashboard
from inspector.ui import workers

log = logging.getLogger(__name__)


__all__ = ["HqLoader", "HqResult"]


class HqLoader(QObject):
    """Runs loads as :class:`~inspector.ui.workers.Job` on a private one-thread pool
    (one query at a time, newest wins).

    Signals:
        loaded(int, HqResult): views for request number N: first the league and heatmap
            (``data.complete`` False), then all of them (with consumer rights and mystery
            shopping). Between views a newer request cancels the load.
        failed(int, str): request N failed with this message.
    """

    loaded = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._request = 0

    def _load(
        self, flt: HqFilter, wave: str | None, request: int, progress: workers.Progress
    ) -> HqResult:
        def still_wanted() -> None:
            if request != self._request:
                raise workers.Cancelled  # a newer filter was chosen meanwhile

        def first_views(first: HqResult) -> None:
            # The first views (league, heatmap) go on screen while the rest is computed.
            progress.partial(first)
            still_wanted()

        return load_dashboard(
            self._db, flt, wave=wave, on_first=first_views, checkpoint=still_wanted
        )

    def request(self, flt: HqFilter, wave: str | None = None) -> int:
        """Load every view for ``flt`` (mystery visits of ``wave`` only, when given)."""
        self._request += 1
        n = self._request
        # Drop queued, not yet started, requests: only the newest matters.
        workers.drop_queued(self._pool)
        job = workers.Job(lambda progress: self._load(flt, wave, n, progress), "HQ dashboard query")
        job.signals.partial.connect(lambda result: self._forward("loaded", n, result))
        job.signals.succeeded.connect(lambda result: self._forward("loaded", n, result))
        job.signals.failed.connect(lambda message, _user: self._forward("failed", n, message))
        workers.start(job, self._pool)
        return n

    def _forward(self, signal: str, request: int, value: object) -> None:
        # An answer may arrive after the dashboard closed and this loader was deleted.
        if shiboken6.isValid(self):
            getattr(self, signal).emit(request, value)

    @property
    def latest(self) -> int:
        return self._request

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until running queries end (used when the dashboard closes and in tests)."""
        return self._pool.waitForDone(msecs)
