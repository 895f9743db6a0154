"""Issue 20 §7: undo restores what was there, nothing more.

Undoing an item's first answer used to delete its row, a note typed since included. The
note is not part of an answer change: undo takes back the judgement and value and keeps
the note; the row goes only where nothing else is on it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.domain.answers import Answer
from inspector.domain.checklist import Result
from inspector.services import audit
from inspector.services.commands import inspections as commands
from inspector.services.inspections import lookup
from inspector.ui.main_window import MainWindow

from .conftest import make_inspection


def _rows(db: Database, uuid: str) -> dict[str, tuple[str | None, object, str]]:
    with db.session() as s:
        return {a.item_id: (a.result, a.value, a.note) for a in lookup.get(s, uuid).answers}


def _undo(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_undoing_the_first_answer_keeps_a_note_typed_since(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    assert window.open_inspection(uuid, "ex.manager")
    runner = window.runner
    qtbot.keyClick(window, Qt.Key.Key_2)  # fail: the item's first answer
    assert _rows(db, uuid)["ex.manager"] == ("fail", None, "")
    runner.item_view.note_edit.setFocus()
    qtbot.keyClicks(runner.item_view.note_edit, "manager away")
    runner.item_view.flush()
    assert _rows(db, uuid)["ex.manager"] == ("fail", None, "manager away")
    runner.setFocus()
    _undo(qtbot, window)
    assert _rows(db, uuid)["ex.manager"] == (None, None, "manager away")
    assert runner.item_view.note_edit.toPlainText() == "manager away"
    assert not runner.item_view.answer_panel.fail_button.isChecked()
    window.redo_action.trigger()
    assert _rows(db, uuid)["ex.manager"] == ("fail", None, "manager away")
    with db.session() as s:
        entries = [e for e in audit.entries_for(s, uuid) if e.key == "ex.manager"]
    # The undo is one audited update (judgement gone, note kept), not a delete.
    assert [e.action for e in entries] == ["create", "update", "update", "update"]
    assert entries[2].new == {"result": None, "value": None, "note": "manager away"}


def test_undo_keeps_a_note_still_being_typed(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    assert window.open_inspection(uuid, "ex.manager")
    runner = window.runner
    qtbot.keyClick(window, Qt.Key.Key_1)
    runner.item_view.note_edit.setFocus()
    qtbot.keyClicks(runner.item_view.note_edit, "typed just now")  # not saved yet
    runner.undo_stack.undo()
    assert _rows(db, uuid)["ex.manager"] == (None, None, "typed just now")
    assert runner.item_view.note_edit.toPlainText() == "typed just now"


def test_undo_of_a_later_answer_keeps_the_current_note(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    assert window.open_inspection(uuid, "ex.manager")
    runner = window.runner
    qtbot.keyClick(window, Qt.Key.Key_2)
    qtbot.keyClick(window, Qt.Key.Key_1)
    runner.item_view.note_edit.setFocus()
    qtbot.keyClicks(runner.item_view.note_edit, "seen at 10:00")
    runner.item_view.flush()
    runner.setFocus()
    _undo(qtbot, window)
    assert _rows(db, uuid)["ex.manager"] == ("fail", None, "seen at 10:00")


def test_undo_without_a_note_leaves_no_row(db: Database) -> None:
    uuid = make_inspection(db)
    commands.store_answer(db, uuid, "ex.manager", Answer(result=Result.PASS), actor="t")
    commands.restore_answer(db, uuid, "ex.manager", None, actor="t")
    assert "ex.manager" not in _rows(db, uuid)  # exactly as before the first answer
