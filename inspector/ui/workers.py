"""Background work: the one worker mechanism of the UI, and its error handling.

A :class:`Job` is a ``QRunnable`` that runs ``fn(progress)`` off the GUI thread (in the
global pool, or a private one such as the HQ dashboard's one-query-at-a-time pool). Its
:class:`JobSignals` come back on the GUI thread: ``progressed(done, total)``,
``partial(value)`` (an early result, e.g. the first HQ views), ``succeeded(result)``,
``failed(message, is_user_error)`` and ``cancelled()``.

``progress`` is a :class:`Progress`: calling it after the user cancelled raises
:class:`Cancelled`, which ends the work at the next step. Errors are handled here, once, by
:func:`failure`: a :class:`~inspector.errors.UserError` is shown as its message; anything else
is logged with its traceback and shown as one short line. A job passes the shared
:class:`~inspector.db.Database` and ids to a service function, which opens its own session
in the worker thread (sessions are not thread-safe) and returns plain data.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QMessageBox, QProgressBar, QProgressDialog, QWidget

from inspector.db.errors import describe as describe_db_error
from inspector.errors import MessageValueError, UserError
from inspector.ui.errors import user_text

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it."""


def failure(exc: BaseException, what: str = "job") -> tuple[str, bool]:
    """(message for the user, is it a user error) for an exception that ended some work.

    A user error is expected (a refused file, a bad package): its message says what to do and
    is logged at INFO. Anything else is a bug or an environment fault: its traceback goes to
    the log file and the user reads one line naming it.
    """
    if isinstance(exc, UserError | MessageValueError):
        log.info("%s refused: %s", what, exc)
        return user_text(exc), True
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("%s failed:\n%s", what, trace)
    # A database that went read-only, full or damaged: say which and what to do.
    unusable = describe_db_error(exc, QCoreApplication.translate("ErrorDialog", "in use"))
    if unusable is not None:
        return user_text(unusable), True
    return f"{type(exc).__name__}: {exc}", False


class JobSignals(QObject):
    """Signals of a :class:`Job` (see the module docstring)."""

    progressed = Signal(int, int)
    partial = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str, bool)
    cancelled = Signal()


class Progress:
    """What a job's function receives: call it with ``(done, total)`` to report a step.

    Calling it after :meth:`Job.cancel` raises :class:`Cancelled`. ``partial(value)`` hands an
    early result to the GUI thread; ``cancelled`` lets work check without reporting a step.
    """

    def __init__(self, signals: JobSignals, cancel: threading.Event) -> None:
        self._signals, self._cancel = signals, cancel

    def __call__(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._signals.progressed.emit(done, total)

    def partial(self, value: object) -> None:
        self._signals.partial.emit(value)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class Job(QRunnable):
    """Run ``fn(progress)`` in a thread pool; ``what`` names the work in the log."""

    def __init__(self, fn: Callable[[Progress], Any], what: str = "job") -> None:
        super().__init__()
        self._fn = fn
        self._what = what
        self._cancel = threading.Event()
        self.signals = JobSignals()
        self._progress = Progress(self.signals, self._cancel)
        # The pool must not delete the runnable while Python still holds the signals.
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self._fn(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as e:  # every failure is reported, see failure()
            message, user_error = failure(e, self._what)
            self.signals.failed.emit(message, user_error)
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.succeeded.emit(result)


# Jobs started and not yet ended, with the pool each runs in: they stay alive until they
# report their end (or are taken back from their pool before they started).
_running: dict[Job, QThreadPool] = {}


def start(job: Job, pool: QThreadPool | None = None) -> Job:
    """Start ``job`` in ``pool`` (the global pool by default)."""
    pool = pool or QThreadPool.globalInstance()
    _running[job] = pool

    def _done(*_: object) -> None:
        _running.pop(job, None)

    job.signals.succeeded.connect(_done)
    job.signals.failed.connect(_done)
    job.signals.cancelled.connect(_done)
    pool.start(job)
    return job


def drop_queued(pool: QThreadPool) -> None:
    """Take back the jobs of ``pool`` that have not started yet (they never run)."""
    for job, p in list(_running.items()):
        if p is pool and pool.tryTake(job):
            _running.pop(job, None)


def wait_all(msecs: int = 30_000) -> bool:
    """Wait for running jobs (at exit, and in tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)


class _WholeWorkDialog(QProgressDialog):
    """A progress dialog for work that cannot stop half-way: no Cancel button, and Esc or
    the window's close does not hide it while the work runs."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()

    def reject(self) -> None:
        pass


def run_with_progress(
    parent: QWidget,
    title: str,
    label: str,
    fn: Callable[[Progress], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[str, bool], None] | None = None,
    *,
    cancellable: bool = True,
    what: str = "job",
) -> Job:
    """Run ``fn`` in a worker behind a progress dialog with a Cancel button (none when not
    ``cancellable``: work that is done whole or not at all, such as a file written or an
    update installed, whose end the user must always be told).

    The window repaints meanwhile (the dialog is window-modal); ``on_success(result)`` runs
    on the GUI thread.
    """
    if cancellable:
        dialog = QProgressDialog(label, QCoreApplication.translate("Job", "Cancel"), 0, 0, parent)
    else:
        dialog = _WholeWorkDialog(label, "", 0, 0, parent)
        dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    # The style sheet's bars are thin strips: the percentage goes in the label above it,
    # where it can be read, not drawn inside (and hidden by) the bar.
    bar = QProgressBar(dialog)
    bar.setTextVisible(False)
    dialog.setBar(bar)
    job = Job(fn, what)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        percent = 100 * min(done, max(total, 1)) // max(total, 1)
        dialog.setLabelText(f"{label}  {percent}%")

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
    if cancellable:
        dialog.canceled.connect(job.cancel)
    return start(job)
