"""What the inspector types is what is stored, and it is safe the moment it is typed.

Every numeric and measured field kind is typed with real keystrokes: the typed text is the
stored value (a count field used to show 0 with the cursor before it, so typing 1 stored
10), and an emptied field is no value. What is typed is kept durable within a moment
(``typed_texts``), unaudited, and the settled value is audited once; a crash leaves the
typed text to be recorded when the inspection is opened again. Status-bar messages name
items by title, never by id.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.services import inspections as insp_svc
from inspector.services.commands import typed as typed_commands
from inspector.ui.main_window import MainWindow
from inspector.ui.runner import answers as answers_ui
from tests.gui.conftest import make_inspection


def _with_ramp(db: Database, mode: str = "onsite") -> str:
    """An inspection whose ramp passed, so its slope (a measured item) is asked."""
    uuid = make_inspection(db, mode=mode)
    with db.session() as s:
        insp_svc.set_answer(s, insp_svc.get(s, uuid), "ex.ramp", result="pass", actor="t")
    return uuid


def _values(db: Database, uuid: str) -> dict[str, object]:
    with db.read_session() as s:
        return {a.item_id: a.value for a in insp_svc.get(s, uuid).answers}


def _audits(db: Database, uuid: str, item_id: str) -> int:
    from sqlalchemy import func, select

    from inspector.db.models import AuditEntry

    with db.read_session() as s:
        return (
            s.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(
                    AuditEntry.inspection_uuid == uuid,
                    AuditEntry.entity == "answer",
                    AuditEntry.key == item_id,
                )
            )
            or 0
        )


def _field(window: MainWindow) -> QLineEdit:
    field = window.runner.item_view.answer_panel.value_field()
    assert isinstance(field, QLineEdit), field
    assert QApplication.focusWidget() is field, "the value field takes the focus"
    return field


@pytest.mark.parametrize(
    ("item_id", "typed", "stored"),
    [
        ("ex.reading", "1", 1),  # a count: used to store 10
        ("ex.reading", "12", 12),
        ("ex.reading", "0", 0),
        ("ex.ramp_slope", "12", 12.0),  # a measurement with the default decimals
        ("ex.ramp_slope", "12.25", 12.25),
        ("ex.counter_height", "780", 780.0),  # a measurement in whole millimetres
        ("ex.counter_height", "780.5", 780.5),  # never rounded away from what was typed
    ],
)
def test_the_typed_number_is_the_stored_value(
    qtbot: QtBot, db: Database, window: MainWindow, item_id: str, typed: str, stored: float
) -> None:
    uuid = _with_ramp(db)
    assert window.open_inspection(uuid, item_id)
    field = _field(window)
    qtbot.keyClicks(field, typed)
    assert field.text() == typed
    # Recorded after the pause, with no key pressed to leave the field.
    qtbot.waitUntil(lambda: _values(db, uuid).get(item_id) == stored, timeout=5000)
    assert not isinstance(stored, int) or type(_values(db, uuid)[item_id]) is int
    # Shown again as the same number when the item is opened anew (a measurement with the
    # item's decimals, but never rounded: 780.5 on a whole-millimetre item stays 780.5).
    window.runner.go_to_item("ex.remarks")
    window.runner.go_to_item(item_id)
    shown = window.runner.item_view.answer_panel.value_field().text()  # type: ignore[union-attr]
    assert float(shown) == stored


@pytest.mark.parametrize("item_id", ["ex.reading", "ex.ramp_slope", "ex.counter_height"])
def test_an_emptied_number_field_is_no_value(
    qtbot: QtBot, db: Database, window: MainWindow, item_id: str
) -> None:
    uuid = _with_ramp(db)
    assert window.open_inspection(uuid, item_id)
    field = _field(window)
    qtbot.keyClicks(field, "9")
    qtbot.waitUntil(lambda: _values(db, uuid).get(item_id) is not None, timeout=5000)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == ""
    qtbot.waitUntil(lambda: item_id not in _values(db, uuid), timeout=5000)
    window.runner.go_to_item("ex.remarks")
    window.runner.go_to_item(item_id)
    assert window.runner.item_view.answer_panel.value_field().text() == ""  # type: ignore[union-attr]


def test_an_empty_count_field_shows_no_number(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    assert window.open_inspection(uuid, "ex.reading")
    field = _field(window)
    assert field.text() == ""
    window.runner.go_to_item("ex.remarks")  # only passing through records nothing
    assert "ex.reading" not in _values(db, uuid)


def test_an_emptied_text_answer_is_no_value(qtbot: QtBot, db: Database, window: MainWindow) -> None:
    uuid = make_inspection(db)
    assert window.open_inspection(uuid, "ex.remarks")
    edit = window.runner.item_view.answer_panel.text_edit
    assert edit is not None
    edit.setFocus()
    qtbot.keyClicks(edit, "clean")
    qtbot.waitUntil(lambda: _values(db, uuid).get("ex.remarks") == "clean", timeout=5000)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "ex.remarks" not in _values(db, uuid), timeout=5000)


def test_customers_waiting_typed_is_stored_and_empty_is_not_recorded(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db, mode="mystery")
    assert window.open_inspection(uuid)
    runner = window.runner
    runner.tabs.setCurrentIndex(runner.TAB_VISIT)
    field = runner.visit_panel.waiting_spin
    assert field.text() == "", "an unrecorded count shows no number"

    def visit() -> dict[str, object]:
        with db.read_session() as s:
            return dict(insp_svc.get(s, uuid).visit or {})

    field.setFocus()
    qtbot.keyClicks(field, "3")
    qtbot.waitUntil(lambda: visit().get("customers_waiting") == 3, timeout=5000)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    runner.flush()
    assert "customers_waiting" not in visit()


def test_typing_is_kept_at_once_and_audited_once_when_it_settles(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    assert answers_ui.KEEP_DELAY_MS < 150
    uuid = _with_ramp(db)
    assert window.open_inspection(uuid, "ex.counter_height")
    field = _field(window)
    key = typed_commands.key(typed_commands.Field.VALUE, "ex.counter_height")
    qtbot.keyClicks(field, "78")
    # Kept durable long before the pause after which the value is recorded.
    qtbot.waitUntil(lambda: typed_commands.pending(db, uuid).get(key) == "78", timeout=2000)
    assert "ex.counter_height" not in _values(db, uuid)
    assert window.runner.item_view.save_state.text() == "✓ Kept safe while you type"
    qtbot.keyClicks(field, "0")
    qtbot.waitUntil(lambda: typed_commands.pending(db, uuid).get(key) == "780", timeout=2000)
    # The settled value is recorded, audited once, and the kept copy goes with it.
    qtbot.waitUntil(lambda: _values(db, uuid).get("ex.counter_height") == 780.0, timeout=5000)
    assert typed_commands.pending(db, uuid) == {}
    assert _audits(db, uuid, "ex.counter_height") == 1
    assert window.runner.item_view.save_state.text() == "✓ Saved"


def test_a_note_is_kept_at_once(qtbot: QtBot, db: Database, window: MainWindow) -> None:
    uuid = make_inspection(db)
    assert window.open_inspection(uuid, "ex.manager")
    note = window.runner.item_view.note_edit
    note.setFocus()
    qtbot.keyClicks(note, "door locked")
    key = typed_commands.key(typed_commands.Field.NOTE, "ex.manager")
    qtbot.waitUntil(
        lambda: typed_commands.pending(db, uuid).get(key) == "door locked", timeout=2000
    )
    window.runner.flush()
    with db.read_session() as s:
        assert insp_svc.answers_of(insp_svc.get(s, uuid))["ex.manager"].note == "door locked"
    assert typed_commands.pending(db, uuid) == {}


def test_what_a_crash_left_typed_is_recorded_when_the_inspection_opens(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = _with_ramp(db)
    Field = typed_commands.Field
    typed_commands.keep(db, uuid, typed_commands.key(Field.VALUE, "ex.counter_height"), "781")
    typed_commands.keep(db, uuid, typed_commands.key(Field.VALUE, "ex.reading"), "x1")
    typed_commands.keep(db, uuid, typed_commands.key(Field.NOTE, "ex.manager"), "closed")
    typed_commands.keep(db, uuid, typed_commands.key(Field.NARRATIVE), "All fine.")
    shown: list[str] = []
    window.runner.status_message.connect(shown.append)
    assert window.open_inspection(uuid, "ex.counter_height")
    values = _values(db, uuid)
    assert values["ex.counter_height"] == 781.0
    assert "ex.reading" not in values  # "x1" is no count: reported, not recorded
    with db.read_session() as s:
        insp = insp_svc.get(s, uuid)
        assert insp.narrative == "All fine."
        assert insp_svc.answers_of(insp)["ex.manager"].note == "closed"
    assert typed_commands.pending(db, uuid) == {}
    assert window.runner.item_view.answer_panel.value_field().text() == "781"  # type: ignore[union-attr]
    message = " ".join(shown)
    assert "Lowered counter top" in message and "Kinds of reading material" in message
    assert "“x1”" in message
    assert "ex.counter_height" not in message and "ex.reading" not in message


def test_the_status_bar_names_items_by_title(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    assert window.open_inspection(uuid, "ex.manager")
    shown: list[str] = []
    window.runner.status_message.connect(shown.append)
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert shown and "Lobby manager present" in shown[-1]
    assert all("ex." not in m for m in shown), shown
    assert "ex." not in window.runner.undo_stack.undoText()


def test_a_rectification_action_and_a_visit_fact_are_kept_at_once(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db, mode="mystery")
    with db.session() as s:
        insp_svc.set_answer(s, insp_svc.get(s, uuid), "ex.manager", result="fail", actor="t")
    assert window.open_inspection(uuid)
    runner = window.runner
    Field = typed_commands.Field
    runner.tabs.setCurrentIndex(runner.TAB_FINDINGS)
    action = runner.findings_panel.action_edit
    action.setFocus()
    qtbot.keyClicks(action, "train staff")
    k = typed_commands.key(Field.ACTION, "ex.manager")
    qtbot.waitUntil(lambda: typed_commands.pending(db, uuid).get(k) == "train staff", timeout=2000)
    runner.tabs.setCurrentIndex(runner.TAB_VISIT)  # leaving the tab saves it
    assert typed_commands.pending(db, uuid) == {}
    ticket = runner.visit_panel.ticket_edit
    ticket.setFocus()
    qtbot.keyClicks(ticket, "A023")
    k = typed_commands.key(Field.VISIT, "ticket")
    qtbot.waitUntil(lambda: typed_commands.pending(db, uuid).get(k) == "A023", timeout=2000)
    runner.flush()
    with db.read_session() as s:
        insp = insp_svc.get(s, uuid)
        assert insp.visit.get("ticket") == "A023"
        assert next(f for f in insp.findings if f.item_id == "ex.manager").action == "train staff"
    assert typed_commands.pending(db, uuid) == {}


def test_a_crash_left_visit_fact_and_action_are_recorded_on_open(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db, mode="mystery")
    with db.session() as s:
        insp_svc.set_answer(s, insp_svc.get(s, uuid), "ex.manager", result="fail", actor="t")
    Field = typed_commands.Field
    typed_commands.keep(db, uuid, typed_commands.key(Field.VISIT, "customers_waiting"), "4")
    typed_commands.keep(db, uuid, typed_commands.key(Field.ACTION, "ex.manager"), "train")
    assert window.open_inspection(uuid)
    with db.read_session() as s:
        insp = insp_svc.get(s, uuid)
        assert insp.visit.get("customers_waiting") == 4
        assert next(f for f in insp.findings if f.item_id == "ex.manager").action == "train"
    assert typed_commands.pending(db, uuid) == {}
