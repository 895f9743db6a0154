"""A value typed into one item's field is judged and saved for that item only.

Moving to the next item rebuilds the value widgets; hiding the old field (it had the focus)
must not hand its text to the new item: a refusal naming the next item, or worse a value
stored on it.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.domain.checklist import Result
from inspector.services import inspections as insp_svc
from inspector.ui.main_window import MainWindow
from tests.gui.conftest import make_inspection


def _with_ramp(db: Database) -> str:
    """An inspection whose ramp passed, so its slope (a measured item) is asked next."""
    uuid = make_inspection(db)
    with db.session() as s:
        insp_svc.set_answer(s, insp_svc.get(s, uuid), "ex.ramp", result="pass", actor="t")
    return uuid


def _answers(db: Database, uuid: str) -> dict[str, object]:
    with db.session() as s:
        return {a.item_id: a.value for a in insp_svc.get(s, uuid).answers}


def test_an_invalid_value_is_refused_for_its_own_item_only(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = _with_ramp(db)
    assert window.open_inspection(uuid, "ex.ramp_slope")
    panel = window.runner.item_view.answer_panel
    assert panel.measure_edit is not None
    panel.measure_edit.setFocus()
    qtbot.keyClicks(panel.measure_edit, "steep")
    shown: list[str] = []
    window.runner.status_message.connect(shown.append)
    window.runner.go_to_item("ex.counter_height")
    assert window.runner.item_view.answer_panel._item.id == "ex.counter_height"
    assert shown, "the refused value was not reported"
    # Named by title (people read titles, never ids), and only the item it was typed for.
    assert all("Lowered counter top" not in m for m in shown), shown
    assert all("Ramp slope no steeper than 1:12" in m for m in shown), shown
    assert all("ex." not in m for m in shown), shown
    assert _answers(db, uuid) == {"ex.ramp": None}


def test_a_value_typed_in_one_item_never_lands_on_the_next(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = _with_ramp(db)
    assert window.open_inspection(uuid, "ex.ramp_slope")
    panel = window.runner.item_view.answer_panel
    assert panel.measure_edit is not None
    panel.measure_edit.setFocus()
    qtbot.keyClicks(panel.measure_edit, "800")  # a slope of 1:800 here; in range for the counter
    window.runner.go_to_item("ex.counter_height")
    assert window.runner.item_view.answer_panel._item.id == "ex.counter_height"
    assert _answers(db, uuid) == {"ex.ramp": None, "ex.ramp_slope": 800}


def test_undo_never_moves_a_measurement_still_being_typed_to_another_item(
    qtbot: QtBot, db: Database, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing in the slope, then Undo (which hides the slope again): the typed value is for
    the slope, never for the item the runner shows next."""
    boxes: list[str] = []  # a refusal box (it once said the slope's 10 was not a yes/no)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: boxes.append(text))
    uuid = make_inspection(db)
    assert window.open_inspection(uuid, "ex.ramp")
    runner = window.runner
    runner.item_view.answer_panel.judge(Result.PASS)  # through the undo stack
    assert _answers(db, uuid) == {"ex.ramp": None}
    runner.go_to_item("ex.ramp_slope")
    panel = runner.item_view.answer_panel
    assert panel.measure_edit is not None
    panel.measure_edit.setFocus()
    qtbot.keyClicks(panel.measure_edit, "10")  # waiting for its pause
    refused: list[str] = []
    runner.status_message.connect(refused.append)
    runner.undo_stack.undo()  # the ramp's answer goes: its slope is hidden again
    rows = _answers(db, uuid)
    assert "ex.ramp" not in rows, rows
    assert set(rows) <= {"ex.ramp_slope"}, rows  # the 10 went nowhere else
    assert all("ex.ramp " not in m and "ex.ramp:" not in m for m in refused), refused
    assert boxes == []


def test_undo_never_moves_a_findings_action_still_being_typed_to_another_finding(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    assert window.open_inspection(uuid, "ex.ramp")
    runner = window.runner
    runner.item_view.answer_panel.judge(Result.FAIL)
    runner.go_to_item("ex.manager")
    runner.item_view.answer_panel.judge(Result.FAIL)
    fp = runner.findings_panel
    row = [f.item_id for f in runner.state.findings].index("ex.manager")
    fp.table.selectRow(row)
    assert fp.current_item_id() == "ex.manager"
    fp.action_edit.setPlainText("ACTION-FOR-MANAGER")  # waiting for its pause
    runner.undo_stack.undo()  # the manager's failure goes, and its finding with it
    fp.flush()
    with db.session() as s:
        actions = {f.item_id: f.action for f in insp_svc.get(s, uuid).findings if f.active}
    assert actions.get("ex.ramp", "") == "", actions
