"""The HQ view's Excel and PDF buttons: the same files as 'hq export' and 'hq report' for the
filter shown, written in a worker; a file that cannot be written says why and leaves none."""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import signal
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from inspector import clock
from inspector.db import Database
from inspector.services import branches
from inspector.services.hq import export_process
from inspector.services.inspections import lifecycle, signoff
from inspector.services.views import hq_lists
from inspector.ui.hq.files import FilingDialog
from inspector.ui.main_window import MainWindow
from tests.conftest import Cli


def _fill(db: Database) -> None:
    with db.session() as s:
        branches.create(s, code="310001", name="上海营业部", region="上海")
        branches.create(s, code="320001", name="南京支行", region="江苏")
        for code, result in (("310001", "fail"), ("320001", "pass")):
            insp = lifecycle.create(
                s,
                branch_code=code,
                checklist_id="accessibility",
                answers={"acc.priority_window": {"result": result}},
            )
            signoff.finalize(s, insp, by="t", force=True)


def _hq(qtbot: QtBot, window: MainWindow) -> None:
    window.show_hq()
    assert window.hq is not None and window.hq_files is not None
    with qtbot.waitSignal(window.hq.refreshed, timeout=60_000):
        window.hq.refresh()
    window.hq_files.quiet = True


def test_the_buttons_write_the_cli_files_for_the_filter_shown(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path, run_cli: Cli
) -> None:
    _fill(db)
    _hq(qtbot, window)
    files = window.hq_files
    assert files is not None
    assert files.export_text() == "Export Excel…" and files.report_text() == "HQ report (PDF)…"
    # One region chosen: the files carry that filter, as the CLI's --region does.
    hq = window.hq
    assert hq is not None
    with qtbot.waitSignal(hq.refreshed, timeout=60_000):
        hq.region_box.setCurrentIndex(hq.region_box.findData("上海"))
    assert hq.current_filter().region == "上海"
    book = tmp_path / "hq.xlsx"
    with qtbot.waitSignal(files.saved, timeout=60_000) as saved:
        files.export_excel(book)
    assert saved.args == [str(book)]
    cli_book = tmp_path / "cli.xlsx"
    run_cli.ok("hq", "export", "--region", "上海", "--lang", "en", "-o", str(cli_book))
    ours, theirs = openpyxl.load_workbook(book), openpyxl.load_workbook(cli_book)
    assert ours.sheetnames == theirs.sheetnames
    # Every sheet as the CLI writes it (the first, the summary, carries the time written).
    everything = ""
    for name in ours.sheetnames[1:]:
        cells = [[c.value for c in row] for row in ours[name].iter_rows()]
        assert cells == [[c.value for c in row] for row in theirs[name].iter_rows()], name
        everything += str(cells)
    assert "南京支行" not in everything and "上海营业部" in everything

    pdf = tmp_path / "hq.pdf"
    with qtbot.waitSignal(files.saved, timeout=60_000):
        files.write_report(pdf, number="消保〔2026〕12号", classification="内部")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "消保〔2026〕12号" in text and "内部" in text and "上海营业部" in text
    assert files.job is None


def test_a_file_that_cannot_be_written_says_why_and_leaves_nothing(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    _fill(db)
    _hq(qtbot, window)
    files = window.hq_files
    assert files is not None
    target = tmp_path / "no such folder" / "hq.xlsx"
    with qtbot.waitSignal(files.failed, timeout=60_000) as failed:
        files.export_excel(target)
    message = str(failed.args[0])
    assert "no such folder" in message and "Traceback" not in message
    assert not target.parent.exists()
    assert files.job is None


def test_the_open_database_is_never_a_target(
    qtbot: QtBot, window: MainWindow, db: Database, db_path: Path
) -> None:
    """Chosen by mistake in the save dialog, the database file is refused and left whole:
    writing over it would drop SQLite's locks and lose every inspection."""
    _fill(db)
    _hq(qtbot, window)
    files = window.hq_files
    assert files is not None
    # Compared through SQLite, never by reading the file: closing a descriptor of the
    # database file would drop this process's locks on it.
    before = (db_path.stat().st_size, db_path.stat().st_mtime_ns)
    wal = db_path.with_name(db_path.name + "-wal")
    for target in (db_path, wal):
        for act in (files.export_excel, lambda p: files.write_report(p, number="")):
            with qtbot.waitSignal(files.failed, timeout=60_000) as failed:
                act(target)
            message = str(failed.args[0])
            assert "数据库" in message or "database in use" in message, message
            assert "Traceback" not in message
    assert (db_path.stat().st_size, db_path.stat().st_mtime_ns) == before
    assert not [p for p in db_path.parent.iterdir() if p.suffix in (".part", ".tmp")]
    with db.read_session() as s:
        assert s.scalar(text("SELECT count(*) FROM inspections")) == 2
        assert s.scalar(text("PRAGMA integrity_check")) == "ok"


def test_the_button_writes_the_findings_sheet_in_a_second_process(
    qtbot: QtBot,
    window: MainWindow,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The export runs in a worker thread of the app, which starts the findings sheet's
    process as the CLI does: the same workbook; a killed process is a message, no file."""
    _fill(db)
    _hq(qtbot, window)
    files = window.hq_files
    assert files is not None
    caplog.set_level(logging.INFO, logger=export_process.__name__)
    # The summary sheet prints when it was made, to the minute; the pinned clock runs on.
    held = clock.now()
    monkeypatch.setattr(clock, "now", lambda: held)
    monkeypatch.setattr(export_process, "SPLIT_FINDINGS", 0)
    two = tmp_path / "two.xlsx"
    with qtbot.waitSignal(files.saved, timeout=60_000):
        files.export_excel(two)
    assert "findings sheet written by a second process" in caplog.text
    monkeypatch.setattr(export_process, "SPLIT_FINDINGS", 10**9)
    one = tmp_path / "one.xlsx"
    with qtbot.waitSignal(files.saved, timeout=60_000):
        files.export_excel(one)
    with zipfile.ZipFile(one) as a, zipfile.ZipFile(two) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        for name in a.namelist():
            assert a.read(name) == b.read(name), name

    def kill(self: export_process.FindingsProcess, *args: object) -> None:
        os.kill(self._proc.pid, signal.SIGKILL)

    monkeypatch.setattr(export_process, "SPLIT_FINDINGS", 0)
    monkeypatch.setattr(export_process.FindingsProcess, "write", kill)
    target = tmp_path / "killed.xlsx"
    with qtbot.waitSignal(files.failed, timeout=60_000) as failed:
        files.export_excel(target)
    message = str(failed.args[0])
    assert "ended unexpectedly" in message and "SIGKILL" in message
    assert "close other programs" in message and "Traceback" not in message
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".part", ".tmp")) == [
        "one.xlsx",
        "two.xlsx",
    ]
    assert multiprocessing.active_children() == []
    assert files.job is None


def test_the_filing_dialog_holds_what_the_page_header_holds(qtbot: QtBot) -> None:
    dialog = FilingDialog()
    qtbot.addWidget(dialog)
    for edit in (dialog.number_edit, dialog.classification_edit):
        edit.insert("号" * (hq_lists.FILING_MAX + 5))  # as typed or pasted
        assert len(edit.text()) == hq_lists.FILING_MAX
