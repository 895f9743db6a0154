"""The UI's one background-job mechanism (its error paths, cancel, partial results, queued
jobs taken back) and its one table model (headers, data, roles)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QModelIndex, Qt, QThreadPool
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from inspector.errors import ValidationError
from inspector.ui import workers
from inspector.ui.models.table import RIGHT, Column, RowsTableModel
from tests.messages import plain_message

WAIT = 10.0  # seconds a worker thread may take to reach a step (never reached when all is well)


# -- the worker -------------------------------------------------------------------------


def test_user_error_is_shown_as_its_message_and_not_logged_as_a_failure(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    def work(progress: workers.Progress) -> None:
        raise ValidationError(
            plain_message("package.zip: signature does not match; ask for a new export")
        )

    job = workers.Job(work, "import")
    succeeded: list[object] = []
    job.signals.succeeded.connect(succeeded.append)
    with (
        caplog.at_level(logging.INFO, logger="inspector.ui.workers"),
        qtbot.waitSignal(job.signals.failed, timeout=10_000) as blocker,
    ):
        workers.start(job)
    assert blocker.args == ["package.zip: signature does not match; ask for a new export", True]
    assert succeeded == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("import refused" in r.getMessage() for r in caplog.records)


def test_unexpected_error_is_logged_with_traceback_and_shown_in_one_line(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    def work(progress: workers.Progress) -> None:
        raise RuntimeError("disk on fire")

    job = workers.Job(work, "report")
    with (
        caplog.at_level(logging.INFO, logger="inspector.ui.workers"),
        qtbot.waitSignal(job.signals.failed, timeout=10_000) as blocker,
    ):
        workers.start(job)
    message, user_error = blocker.args
    assert (message, user_error) == ("RuntimeError: disk on fire", False)
    assert "\n" not in message and "Traceback" not in message
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert errors[0].startswith("report failed:") and "Traceback" in errors[0]
    assert "disk on fire" in errors[0] and "in work" in errors[0]


def test_cancel_ends_the_work_at_its_next_step_and_reports_cancelled(qtbot: QtBot) -> None:
    entered, go = threading.Event(), threading.Event()
    steps: list[int] = []

    def work(progress: workers.Progress) -> str:
        progress(0, 3)
        entered.set()
        assert go.wait(WAIT)
        for i in range(1, 4):
            progress(i, 3)  # raises Cancelled: the user cancelled before this step
            steps.append(i)
        return "done"

    job = workers.Job(work)
    outcomes: list[str] = []
    job.signals.succeeded.connect(lambda _r: outcomes.append("succeeded"))
    job.signals.failed.connect(lambda *_a: outcomes.append("failed"))
    workers.start(job)
    assert entered.wait(WAIT)
    job.cancel()
    with qtbot.waitSignal(job.signals.cancelled, timeout=10_000):
        go.set()
    assert steps == [] and outcomes == []


def test_cancel_after_the_last_step_drops_the_result(qtbot: QtBot) -> None:
    entered, go = threading.Event(), threading.Event()

    def work(progress: workers.Progress) -> str:
        entered.set()
        assert go.wait(WAIT)
        return "too late"

    job = workers.Job(work)
    results: list[object] = []
    job.signals.succeeded.connect(results.append)
    workers.start(job)
    assert entered.wait(WAIT)
    job.cancel()
    with qtbot.waitSignal(job.signals.cancelled, timeout=10_000):
        go.set()
    assert results == []


def test_whole_work_cannot_be_cancelled_and_always_reports_its_end(qtbot: QtBot) -> None:
    """An install or a file written whole: no Cancel button, Esc and close leave the
    dialog up, and the result arrives (a cancel after the work was done would have
    reported a committed install as cancelled)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    release = threading.Event()
    got: list[object] = []

    def work(progress: workers.Progress) -> str:
        assert release.wait(WAIT)
        return "installed"

    job = workers.run_with_progress(parent, "t", "working", work, got.append, cancellable=False)
    dialogs = parent.findChildren(QProgressDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    dialog.show()
    assert [b for b in dialog.findChildren(QPushButton) if b.isVisible()] == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()
    with qtbot.waitSignal(job.signals.succeeded, timeout=10_000):
        release.set()
    assert got == ["installed"]


def test_progress_partial_and_result_arrive_in_order_on_the_gui_thread(qtbot: QtBot) -> None:
    def work(progress: workers.Progress) -> int:
        progress(1, 2)
        progress.partial("first views")
        progress(2, 2)
        return 42

    job = workers.Job(work)
    seen: list[tuple[str, object]] = []
    gui = threading.current_thread()
    threads: set[threading.Thread] = set()

    def note(kind: str, value: object) -> None:
        threads.add(threading.current_thread())
        seen.append((kind, value))

    job.signals.progressed.connect(lambda d, t: note("progress", (d, t)))
    job.signals.partial.connect(lambda v: note("partial", v))
    job.signals.succeeded.connect(lambda v: note("result", v))
    with qtbot.waitSignal(job.signals.succeeded, timeout=10_000):
        workers.start(job)
    assert seen == [
        ("progress", (1, 2)),
        ("partial", "first views"),
        ("progress", (2, 2)),
        ("result", 42),
    ]
    assert threads == {gui}


def test_drop_queued_takes_back_jobs_that_have_not_started(qtbot: QtBot) -> None:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    entered, go = threading.Event(), threading.Event()
    ran: list[str] = []

    def first(progress: workers.Progress) -> None:
        entered.set()
        assert go.wait(WAIT)
        ran.append("first")

    def second(progress: workers.Progress) -> None:
        ran.append("second")

    running = workers.start(workers.Job(first), pool)
    assert entered.wait(WAIT)
    queued = workers.start(workers.Job(second), pool)
    workers.drop_queued(pool)
    with qtbot.waitSignal(running.signals.succeeded, timeout=10_000):
        go.set()
    assert pool.waitForDone(10_000)
    assert ran == ["first"]
    assert queued not in workers._running and running not in workers._running


# -- the table model ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    score: float | None
    owner: str


class ScoreModel(RowsTableModel[Row]):
    ROW_ROLE = Qt.ItemDataRole.UserRole + 2
    MISSING_SORT = -1.0

    def __init__(self) -> None:
        super().__init__()
        self.set_columns(
            [
                Column("Name", lambda r: r.name),
                Column(
                    "Score",
                    lambda r: f"{r.score:.1f}" if r.score is not None else "—",
                    sort=lambda r: r.score,
                    align=RIGHT,
                    roles={
                        Qt.ItemDataRole.ForegroundRole: lambda r: (
                            QBrush(QColor("#c62828")) if (r.score or 0) < 60 else None
                        )
                    },
                ),
                Column(
                    "Owner",
                    lambda r: r.owner or "—",
                    tooltip=lambda r: f"owned by {r.owner}" if r.owner else None,
                ),
            ]
        )

    def row_role(self, row: Row, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"row {row.name}"
        return None


def test_rows_model_headers_data_and_roles(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model = ScoreModel()
    rows = [Row("Nanjing", 92.5, "zhang"), Row("Suzhou", None, ""), Row("Wuxi", 41.0, "li")]
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(rows)
    qtmodeltester.check(model)
    h = Qt.Orientation.Horizontal
    assert [model.headerData(c, h) for c in range(model.columnCount())] == [
        "Name",
        "Score",
        "Owner",
    ]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert (model.rowCount(), model.columnCount()) == (3, 3)
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children

    def cell(r: int, c: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(r, c), role)

    assert [[cell(r, c) for c in range(3)] for r in range(3)] == [
        ["Nanjing", "92.5", "zhang"],
        ["Suzhou", "—", "—"],
        ["Wuxi", "41.0", "li"],
    ]
    sort = model.SORT_ROLE
    assert [cell(r, 1, sort) for r in range(3)] == [92.5, -1.0, 41.0]  # None sorts lowest
    assert cell(0, 0, sort) == "Nanjing"  # no sort function: the text
    assert cell(0, 1, Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    assert cell(0, 0, Qt.ItemDataRole.TextAlignmentRole) is None
    red = cell(2, 1, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(red, QBrush) and red.color() == QColor("#c62828")
    assert cell(0, 1, Qt.ItemDataRole.ForegroundRole) is None
    # The column's tooltip is final (even None); other columns fall back to the row's.
    assert cell(0, 2, Qt.ItemDataRole.ToolTipRole) == "owned by zhang"
    assert cell(1, 2, Qt.ItemDataRole.ToolTipRole) is None
    assert cell(1, 0, Qt.ItemDataRole.ToolTipRole) == "row Suzhou"
    assert cell(2, 1, model.ROW_ROLE) is rows[2]
    assert model.row(1) is rows[1]
    assert model.data(QModelIndex()) is None

    with qtbot.waitSignal(model.modelReset):
        model.set_rows(rows[:1])
    assert model.rowCount() == 1 and cell(0, 0) == "Nanjing"
