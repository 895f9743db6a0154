"""Python's cyclic garbage collection on the GUI thread only.

Python collects cycles in whichever thread happens to allocate when a generation's
threshold is crossed. When that is a worker thread (the HQ dashboard's queries, the photo
and report workers of ``ui/workers.py``) and the garbage holds Qt objects, PySide6 destroys
them off the GUI thread, and Qt crashes (seen: a segmentation fault in the dashboard's
query thread, "Garbage-collecting" while it decoded JSON). So the app turns automatic
collection off and collects on a timer in the GUI thread instead, generation by generation
by the same thresholds Python would use (the approach of pyqtgraph's ``GarbageCollector``).
Reference counting, which frees almost everything, is untouched.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """While it runs, cycles are collected only here, in the thread that owns it (the GUI's)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)
        gc.disable()

    def check(self) -> int:
        """Collect the generations past their threshold (as Python would); returns how many
        objects were unreachable."""
        t0, t1, t2 = self._thresholds
        c0, c1, c2 = gc.get_count()
        found = 0
        if c0 > t0:
            found += gc.collect(0)
            if c1 > t1:
                found += gc.collect(1)
                if c2 > t2:
                    found += gc.collect(2)
        return found

    def stop(self) -> None:
        """Back to Python's own collection, after a full collection here."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()


def install(app: QObject) -> GuiThreadCollector:
    """Collect cycles on ``app``'s thread only, for as long as ``app`` lives."""
    collector = app.findChild(GuiThreadCollector)
    if isinstance(collector, GuiThreadCollector):
        return collector
    return GuiThreadCollector(app)
