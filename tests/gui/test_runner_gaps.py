"""Smaller gaps of the runner: a re-check starts from the app, a photo just added is in view
at 1366x768, the phone button says why it is off, progress words can be read, and the
mystery visit's written account has one name."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QMessageBox, QProgressBar, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.services import inspections as svc
from inspector.ui import workers
from inspector.ui.main_window import MainWindow
from inspector.ui.settings import AppSettings
from tests.gui.conftest import make_inspection
from tests.integration.conftest import photo_bytes


def _finalized_with_finding(db: Database) -> str:
    """A finalized on-site inspection whose ex.polite failed (an open finding)."""
    uuid = make_inspection(db)
    with db.session() as s:
        insp = svc.get(s, uuid)
        for item in svc.checklist_of(insp).items():
            if item.applies_to(Mode.ONSITE):
                svc.set_answer(
                    s, insp, item.id, result="fail" if item.id == "ex.polite" else "pass", actor="t"
                )
        svc.finalize(s, insp, by="Zhang San", manager_name="Wang", force=True)
    return uuid


def _yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_a_recheck_starts_from_a_finalized_inspection(
    qtbot: QtBot, db: Database, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _finalized_with_finding(db)
    assert window.open_inspection(old)
    runner = window.runner
    runner.tabs.setCurrentIndex(runner.TAB_FINALIZE)
    button = runner.finalize_panel.recheck_button
    assert button.isVisibleTo(runner.finalize_panel) and button.isEnabled()
    asked = _yes(monkeypatch)
    button.click()
    assert asked and "310001" in asked[0]
    new = runner.uuid
    assert new is not None and new != old
    with db.read_session() as s:
        insp = svc.get(s, new)
        assert insp.recheck_of == old and insp.status == svc.DRAFT
        assert insp.branch.code == "310001" and insp.snapshot.checklist_id == "example"
        assert insp.mode == Mode.ONSITE
    assert runner.state is not None and not runner.state.read_only
    assert runner.tabs.currentIndex() == runner.TAB_ITEM


def test_a_recheck_starts_from_a_finding_on_its_item(
    qtbot: QtBot, db: Database, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _finalized_with_finding(db)
    assert window.open_inspection(old)
    runner = window.runner
    runner.tabs.setCurrentIndex(runner.TAB_FINDINGS)
    panel = runner.findings_panel
    assert panel.current_item_id() == "ex.polite"
    assert panel.recheck_button.isVisibleTo(panel) and panel.recheck_button.isEnabled()
    _yes(monkeypatch)
    panel.recheck_button.click()
    assert runner.uuid != old and runner.current_item == "ex.polite"
    with db.read_session() as s:
        assert svc.get(s, runner.uuid or "").recheck_of == old


def test_no_recheck_button_on_a_draft(qtbot: QtBot, db: Database, window: MainWindow) -> None:
    uuid = make_inspection(db)
    assert window.open_inspection(uuid)
    runner = window.runner
    assert not runner.finalize_panel.recheck_button.isVisibleTo(runner.finalize_panel)
    assert runner.start_recheck(confirm=False) is None


def test_the_manager_gap_leads_to_the_managers_field(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    assert window.open_inspection(uuid)
    runner = window.runner
    assert runner.state is not None
    assert "manager" in [m.kind for m in runner.state.missing]
    runner._missing_activated("manager", "")
    assert runner.tabs.currentIndex() == runner.TAB_FINALIZE
    assert runner.finalize_panel.manager_edit.hasFocus()


def _photo_in_view(strip: Any, area: QWidget) -> bool:
    """Is the whole thumbnail of the strip's current photo inside ``area`` (the viewport)?"""
    index = strip.view.currentIndex()
    rect = strip.view.visualRect(index)
    top_left = strip.view.viewport().mapTo(area, rect.topLeft())
    shown = QRect(top_left, rect.size())
    return not rect.isEmpty() and area.rect().contains(shown)


def test_a_photo_just_added_is_in_view_at_1366x768(
    qtbot: QtBot, db: Database, window: MainWindow, tmp_path: Path
) -> None:
    window.resize(1366, 768)
    uuid = make_inspection(db)
    with db.session() as s:
        svc.set_answer(s, svc.get(s, uuid), "ex.ramp", result="pass", actor="t")
    assert window.open_inspection(uuid, "ex.ramp_slope")  # a measured item
    runner = window.runner
    view = runner.item_view
    qtbot.waitUntil(lambda: view.scroll_area.viewport().height() > 0)
    strip = runner.evidence
    viewport = view.scroll_area.viewport()
    # The long guidance and value widgets push the evidence below the fold.
    view.scroll_area.verticalScrollBar().setValue(0)
    photo = tmp_path / "slope.jpg"
    photo.write_bytes(photo_bytes("slope"))
    # Widgets of the tests before are garbage now: collect them here, on the GUI thread, so
    # the ingest worker's garbage collection never destroys a Qt object off that thread.
    gc.collect()
    with qtbot.waitSignal(strip.ingest_finished, timeout=20_000):
        assert strip.add_files([photo])
    assert strip.model.rowCount() == 1
    assert strip.view.currentIndex().row() == 0
    assert _photo_in_view(strip, viewport), "the photo just added is not in view"


def test_the_phone_button_says_why_it_is_off_after_a_restart(
    qtbot: QtBot, db: Database, settings: AppSettings
) -> None:
    uuid = _finalized_with_finding(db)
    settings.set_last_position(uuid, "ex.ramp")
    w = MainWindow(db, settings)  # the app started again on that inspection
    qtbot.addWidget(w)
    w.show()
    assert w.restore_last_position()
    button: Any = w.runner.phone_button
    assert not button.isEnabled()
    assert "finalized" in button.toolTip() and "amend" in button.toolTip()
    shown: list[str] = []
    w.runner.status_message.connect(shown.append)
    assert button.open_dialog() is None
    assert shown == [button.toolTip()]


def test_the_progress_percentage_is_readable(qtbot: QtBot, window: MainWindow) -> None:
    release = threading.Event()

    def work(progress: workers.ProgressFn) -> int:
        progress(1, 4)
        release.wait(20)
        return 1

    job = workers.run_with_progress(
        window, "Report", "Rendering the report…", work, lambda _r: None
    )
    dialog = next(
        d for d in window.findChildren(QProgressDialog) if d.labelText().startswith("Ren")
    )
    qtbot.waitUntil(lambda: dialog.labelText() == "Rendering the report…  25%", timeout=10_000)
    (bar,) = dialog.findChildren(QProgressBar)
    assert not bar.isTextVisible(), "the percentage would be drawn inside the thin bar"
    with qtbot.waitSignal(job.signals.succeeded, timeout=10_000):
        release.set()


@pytest.mark.parametrize(("mode", "word"), [("mystery", "Narrative"), ("onsite", "Summary")])
def test_the_written_account_has_one_name(
    qtbot: QtBot, db: Database, window: MainWindow, mode: str, word: str
) -> None:
    uuid = make_inspection(db, mode=mode)
    assert window.open_inspection(uuid)
    runner = window.runner
    assert runner.item_view.summary_button.text().startswith(word)
    tab = runner.summary_tab()
    assert runner.tabs.tabText(tab) == ("Visit" if mode == "mystery" else "Summary")
    if mode == "mystery":
        captions = [
            c.text()
            for c in runner.visit_panel.narrative_box.findChildren(type(runner.title_label))
        ]
        assert "Narrative" in captions
