"""Background work: a QRunnable that runs a function off the GUI thread and reports back.

The function receives a ``progress(done, total)`` callback; calling it after the user
cancelled raises :class:`Cancelled`, which ends the work at the next step. Results and
errors come back as signals, delivered on the GUI thread. Each job opens its own session
from the shared :class:`~inspector.db.Database` (sessions are not thread-safe).
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from inspector.errors import UserError

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it."""


class JobSignals(QObject):
    """Signals: progressed(done, total), succeeded(result), failed(message, is_user_error)."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str, bool)
    cancelled = Signal()


class Job(QRunnable):
    """Run ``fn(progress)`` in the global thread pool."""

    def __init__(self, fn: Callable[[ProgressFn], Any]) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = threading.Event()
        self.signals = JobSignals()
        # The pool must not delete the runnable while Python still holds the signals.
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.signals.progressed.emit(done, total)

    def run(self) -> None:
        try:
            result = self._fn(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except UserError as e:
            log.info("job refused: %s", e)
            self.signals.failed.emit(str(e), True)
        except Exception as e:  # reported to the user, logged with its traceback
            log.error("job failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(f"{type(e).__name__}: {e}", False)
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.succeeded.emit(result)


_running: set[Job] = set()


def start(job: Job) -> Job:
    """Start ``job``; it is kept alive until it reports its end."""
    _running.add(job)

    def _done(*_: object) -> None:
        _running.discard(job)

    job.signals.succeeded.connect(_done)
    job.signals.failed.connect(_done)
    job.signals.cancelled.connect(_done)
    QThreadPool.globalInstance().start(job)
    return job


def wait_all(msecs: int = 30_000) -> bool:
    """Wait for running jobs (at exit, and in tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)


def run_with_progress(
    parent: QWidget,
    title: str,
    label: str,
    fn: Callable[[ProgressFn], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[str, bool], None] | None = None,
) -> Job:
    """Run ``fn`` in a worker behind a progress dialog with a Cancel button.

    The window stays responsive; ``on_success(result)`` runs on the GUI thread.
    """
    dialog = QProgressDialog(label, QCoreApplication.translate("Job", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    job = Job(fn)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def finish() -> None:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    def succeeded(result: object) -> None:
        finish()
        on_success(result)

    def failed(message: str, user_error: bool) -> None:
        finish()
        if on_failure is not None:
            on_failure(message, user_error)
        else:
            QMessageBox.warning(parent, title, message)

    job.signals.progressed.connect(progressed)
    job.signals.succeeded.connect(succeeded)
    job.signals.failed.connect(failed)
    job.signals.cancelled.connect(finish)
    dialog.canceled.connect(job.cancel)
    return start(job)
