"""A value typed into one item's field is judged and saved for that item only.

Moving to the next item rebuilds the value widgets; hiding the old field (it had the focus)
must not hand its text to the new item: a refusal naming the next item, or worse a value
stored on it.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from inspector.db import Database
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
    assert all("ex.counter_height" not in m for m in shown), shown
    assert all("ex.ramp_slope" in m for m in shown), shown
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
