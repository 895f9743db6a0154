"""The runner driven by keyboard as an inspector would: answer, navigate, undo, finalize."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.services import inspections as svc
from inspector.ui.main_window import MainWindow
from inspector.ui.runner.page import RunnerPage

from .conftest import make_inspection


def _answers(db: Database, uuid: str) -> dict[str, tuple[str | None, object]]:
    with db.session() as s:
        insp = svc.get(s, uuid)
        return {a.item_id: (a.result, a.value) for a in insp.answers}


def test_keyboard_answers_every_item_and_lands_on_finalize(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    assert window.open_inspection(uuid)
    runner = window.runner
    first = runner.current_item
    assert first == "ex.ramp"
    seen = []
    for _ in range(20):
        if runner.tabs.currentIndex() != RunnerPage.TAB_ITEM:
            break
        seen.append(runner.current_item)
        qtbot.keyClick(window, Qt.Key.Key_1)
        qtbot.keyClick(window, Qt.Key.Key_Return)
    assert runner.tabs.currentIndex() == RunnerPage.TAB_FINALIZE
    stored = _answers(db, uuid)
    # ex.ramp passed, so its follow-up ex.ramp_slope became visible and was asked too.
    assert "ex.ramp_slope" in seen
    assert all(stored[i][0] == "pass" for i in seen)
    # The onsite evidence rule still asks for a photo of the ramp.
    with db.session() as s:
        missing = svc.missing_for_finalize(svc.get(s, uuid))
    assert [m.kind for m in missing] == ["evidence"]
    assert runner.finalize_panel.missing_model.rowCount() == 1
