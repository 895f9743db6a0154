"""The runner driven by keyboard as an inspector would: answer, navigate, undo, finalize."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.domain.checklist import Result
from inspector.services import audit
from inspector.services import inspections as svc
from inspector.ui.main_window import MainWindow
from inspector.ui.runner.page import RunnerPage

from .conftest import answer_pass_by_keyboard, make_inspection


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
        answer_pass_by_keyboard(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_Return)
    assert runner.tabs.currentIndex() == RunnerPage.TAB_FINALIZE
    stored = _answers(db, uuid)
    # ex.ramp passed, so its follow-up ex.ramp_slope became visible and was asked too.
    assert "ex.ramp_slope" in seen
    assert all(i in stored for i in seen)
    assert runner.state is not None
    assert all(runner.state.outcome(i).value == "pass" for i in seen)
    # A measurement is typed into its field: the value decides, no judgement is recorded.
    assert stored["ex.ramp_slope"] == (None, 12.0)
    # The onsite evidence rule still asks for a photo of the ramp, and the sign-off for
    # the branch manager's name.
    with db.session() as s:
        missing = svc.missing_for_finalize(svc.get(s, uuid))
    assert [m.kind for m in missing] == ["evidence", "manager"]
    assert runner.finalize_panel.missing_model.rowCount() == 2


def _open(window: MainWindow, uuid: str, item: str | None = None) -> RunnerPage:
    assert window.open_inspection(uuid, item)
    return window.runner


def test_undo_and_redo_go_through_the_service(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    runner = _open(window, uuid, "ex.manager")
    qtbot.keyClick(window, Qt.Key.Key_2)
    assert _answers(db, uuid)["ex.manager"] == ("fail", None)
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert _answers(db, uuid)["ex.manager"] == ("pass", None)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _answers(db, uuid)["ex.manager"] == ("fail", None)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "ex.manager" not in _answers(db, uuid)
    window.redo_action.trigger()
    assert _answers(db, uuid)["ex.manager"] == ("fail", None)
    assert runner.item_view.answer_panel.fail_button.isChecked()
    # The audit log has every step, undo included.
    with db.session() as s:
        entries = [e for e in audit.entries_for(s, uuid) if e.key == "ex.manager"]
    assert [e.action for e in entries] == ["create", "update", "update", "delete", "create"]


def test_na_is_refused_where_the_checklist_forbids_it(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    runner = _open(window, uuid, "ex.cash_kept")
    assert not runner.item_view.answer_panel.na_button.isEnabled()
    with qtbot.waitSignal(runner.status_message):
        qtbot.keyClick(window, Qt.Key.Key_3)
    assert "ex.cash_kept" not in _answers(db, uuid)


def test_the_scenario_played_decides_whether_na_can_be_chosen(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    """Issue 24: where the scenario applies an item, the N/A button is off and says why."""
    uuid = make_inspection(db, checklist="mystery-shopper", mode="mystery")
    with db.session() as s:
        svc.set_visit(s, svc.get(s, uuid), actor="t", scenario="wealth_enquiry")
    runner = _open(window, uuid, "ms.sales_zone")
    panel = runner.item_view.answer_panel
    assert not panel.na_button.isEnabled()
    assert "scenario" in panel.na_button.toolTip()
    with qtbot.waitSignal(runner.status_message):
        qtbot.keyClick(window, Qt.Key.Key_3)
    assert "ms.sales_zone" not in _answers(db, uuid)
    # The red-line tag tells the shopper why it is one.
    tips = [w.toolTip() for w in runner.item_view._tag_widgets]
    assert any(t.startswith("Why a red line: Notice 110 (2017)") for t in tips), tips
    # An item the scenario does not exercise is N/A by rule: recording N/A agrees with it.
    runner = _open(window, uuid, "ms.complaint_accepted")
    assert runner.item_view.answer_panel.na_button.isEnabled()
    # Forbidden phrases cost 2 points each, at most 6: the tag says so.
    runner = _open(window, uuid, "ms.forbidden_phrases")
    tags = [w.text() for w in runner.item_view._tag_widgets]
    assert "Penalty −2 each, at most −6" in tags, tags


def test_measurement_shows_live_verdict_and_stores_the_value(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    runner = _open(window, uuid, "ex.counter_height")
    panel = runner.item_view.answer_panel
    assert panel.measure_edit is not None and panel.measure_verdict is not None
    panel.measure_edit.setFocus()
    qtbot.keyClicks(panel.measure_edit, "900")
    assert "outside" in panel.measure_verdict.text()
    panel.measure_edit.clear()
    qtbot.keyClicks(panel.measure_edit, "780")
    assert "within" in panel.measure_verdict.text()
    qtbot.keyClick(panel.measure_edit, Qt.Key.Key_Return)
    assert _answers(db, uuid)["ex.counter_height"] == (None, 780.0)
    assert runner.state is not None
    assert runner.state.outcome("ex.counter_height").value == "pass"


def test_relevance_rule_hides_and_shows_the_follow_up(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    runner = _open(window, uuid, "ex.ramp")
    qtbot.keyClick(window, Qt.Key.Key_3)  # no step at the entrance: N/A
    assert "ex.ramp_slope" not in runner.visible_ids()
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert "ex.ramp_slope" in runner.visible_ids()


def test_failed_item_becomes_an_editable_finding(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    runner = _open(window, uuid, "ex.cash_kept")
    qtbot.keyClick(window, Qt.Key.Key_2)
    assert "RED LINE" in runner.score_panel.veto_label.text()
    assert runner.score_panel.veto_label.isVisibleTo(runner)
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINDINGS)
    panel = runner.findings_panel
    assert panel.model.rowCount() == 1
    assert panel.current_item_id() == "ex.cash_kept"
    panel.owner_edit.setText("Wang Wu")
    panel.owner_edit.editingFinished.emit()
    panel.severity_combo.setCurrentIndex(panel.severity_combo.findData("low"))
    panel.severity_combo.activated.emit(panel.severity_combo.currentIndex())
    panel.action_edit.setPlainText("恢复现金柜台服务")
    panel.flush()
    with db.session() as s:
        f = svc.active_findings(svc.get(s, uuid))[0]
        assert (f.owner, f.severity, f.action) == ("Wang Wu", "low", "恢复现金柜台服务")


def test_note_is_saved_when_moving_on(qtbot: QtBot, db: Database, window: MainWindow) -> None:
    uuid = make_inspection(db)
    runner = _open(window, uuid, "ex.manager")
    qtbot.keyClick(window, Qt.Key.Key_1)
    runner.item_view.note_edit.setFocus()
    qtbot.keyClicks(runner.item_view.note_edit, "on duty at 9:40")
    runner.item_view.next_button.click()
    with db.session() as s:
        notes = {a.item_id: a.note for a in svc.get(s, uuid).answers}
    assert notes["ex.manager"] == "on duty at 9:40"


def test_judging_a_text_item_keeps_the_text_being_typed(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    runner = _open(window, uuid, "ex.remarks")
    edit = runner.item_view.answer_panel.text_edit
    assert edit is not None
    edit.setFocus()
    qtbot.keyClicks(edit, "queue tidy")
    runner.answer_current(Result.PASS)  # before the typing pause has passed
    assert _answers(db, uuid)["ex.remarks"] == ("pass", "queue tidy")
