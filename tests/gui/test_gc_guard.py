"""Cycles are collected on the GUI thread only (ui/gc_guard.py): a worker thread that
allocates past the threshold leaves them alone; the GUI thread's check collects them."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import weakref
from pathlib import Path

from PySide6.QtWidgets import QApplication

from inspector.ui import gc_guard
from inspector.ui.gc_guard import GuiThreadCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_cycles_wait_for_the_gui_thread(qapp: QApplication) -> None:
    before = gc.isenabled()
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled()
        node = _Node()
        ref = weakref.ref(node)
        del node

        def worker() -> None:  # allocates well past generation 0's threshold
            junk = [[_Node()] for _ in range(gc.get_threshold()[0] * 5)]
            del junk

        t = threading.Thread(target=worker)
        t.start()
        t.join()
        assert ref() is not None  # not collected in the worker
        assert collector.check() > 0  # the GUI thread's turn
        assert ref() is None
    finally:
        collector.stop()
    assert gc.isenabled() == before


def test_install_is_once_per_application(qapp: QApplication) -> None:
    first = gc_guard.install(qapp)
    try:
        assert gc_guard.install(qapp) is first
        assert qapp.findChildren(GuiThreadCollector) == [first]
        assert not gc.isenabled()
    finally:
        first.stop()
        first.setParent(None)


def test_the_app_collects_on_its_own_thread(tmp_path: Path) -> None:
    """The desktop app's QApplication (made by ``create_application``, in a process of its
    own so the shared test app keeps its style and language) turns automatic collection off
    and owns one collector."""
    code = (
        "import gc\n"
        "from inspector.app import create_application\n"
        "from inspector.ui.gc_guard import GuiThreadCollector\n"
        "app = create_application(['inspector'])\n"
        "print(gc.isenabled(), len(app.findChildren(GuiThreadCollector)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "INSPECTOR_HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "1"]
