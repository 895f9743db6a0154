"""Issue 12: what is signed is exactly what the inspector entered.

One test per point of the issue (points 6, 7 and 11 are in test_record_integrity_p6_p7_p11.py),
each driving the real main window the way an inspector would: keys, clicks, typing.
"""

from __future__ import annotations

import queue
import signal
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from inspector.db import Database, open_database
from inspector.domain import numbers
from inspector.errors import ValidationError
from inspector.services import audit, branches, photos
from inspector.services import inspections as svc
from inspector.ui import filedialogs
from inspector.ui.finalize import FinalizePanel
from inspector.ui.main_window import MainWindow
from inspector.ui.new_inspection import NEW_BRANCH, NewInspectionDialog
from inspector.ui.runner.answers import TEXT_SAVE_DELAY_MS
from inspector.ui.runner.item_view import NOTE_SAVE_DELAY_MS
from inspector.ui.runner.page import RunnerPage
from inspector.ui.settings import AppSettings

from ..conftest import PHOTOS, Cli
from .child import Child
from .conftest import make_inspection

PHOTO = PHOTOS / "Landscape_1.jpg"


# ---------------------------------------------------------------- helpers
def _complete(db: Database, uuid: str, *, fail: tuple[str, ...] = ()) -> None:
    """Answer every item of ``uuid`` (pass, or fail for ``fail``) and fill what sign-off needs."""
    with db.session() as s:
        insp = svc.get(s, uuid)
        checklist = svc.checklist_of(insp)
        mode = svc.Mode(insp.mode)
        for item in checklist.items():
            if item.applies_to(mode):
                result = "fail" if item.id in fail else "pass"
                svc.set_answer(s, insp, item.id, result=result, actor="t", rescore_now=False)
        svc.rescore(s, insp)
        if mode == svc.Mode.MYSTERY:
            svc.set_visit(s, insp, actor="t", arrival="09:00", departure="09:40", scenario="cash")
            svc.set_narrative(
                s, insp, "进门后大堂经理主动问候，取号等候，柜员办理业务并解释。" * 4, actor="t"
            )
        for m in svc.missing_for_finalize(insp):
            if m.kind == "evidence" and m.item_id:
                data = PHOTO.read_bytes()
                photos.add_bytes(s, insp, m.item_id, data, file_name=f"{m.item_id}.jpg", actor="t")
                break
        for m in svc.missing_for_finalize(insp):
            if m.kind == "rectification" and m.item_id:
                # A failed red line is signed off with its action and owner.
                svc.update_finding(s, insp, m.item_id, actor="t", action="立即整改", owner="王五")
        # Only the branch manager's name may be left: it is typed at sign-off.
        left = [m for m in svc.missing_for_finalize(insp) if m.kind != "manager"]
        assert left == [], left


def _answers(db: Database, uuid: str) -> dict[str, tuple[object, object]]:
    with db.session() as s:
        return {a.item_id: (a.result, a.value) for a in svc.get(s, uuid).answers}


def _draw(qtbot: QtBot, panel: FinalizePanel) -> None:
    pad = panel.signature
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 40))
    for x in range(30, 220, 10):
        qtbot.mouseMove(pad, QPoint(x, 40 + (x % 30)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(220, 50))
    assert not pad.is_empty()


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer Yes to every question; record what was asked."""
    asked: list[str] = []

    def question(*args: object, **_: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(str(a[2])))
    return asked


def _focus_keys(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type ``text`` where the keyboard focus is (as a user typing would)."""
    target = QApplication.focusWidget() or window
    qtbot.keyClicks(target, text)


# ---------------------------------------------------------------- 1
def test_p1_signoff_does_not_carry_over(
    qtbot: QtBot, db: Database, window: MainWindow, settings: AppSettings, questions: list[str]
) -> None:
    a = make_inspection(db)
    _complete(db, a)
    assert window.open_inspection(a)
    runner = window.runner
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE)
    panel = runner.finalize_panel
    panel.manager_edit.setText("李四")
    _draw(qtbot, panel)
    with qtbot.waitSignal(runner.inspection_finalized):
        panel.finalize_button.click()
    with db.session() as s:
        signed = svc.get(s, a).manager_signature
    assert signed is not None

    # A mystery visit next: nothing of A's sign-off, and no branch-manager sign-off at all.
    b = make_inspection(db, mode="mystery")
    _complete(db, b)
    assert window.open_inspection(b)
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE)
    assert panel.manager_edit.text() == ""
    assert panel.signature.is_empty()
    assert not panel.manager_edit.isVisibleTo(panel)
    assert not panel.signature.isVisibleTo(panel)
    assert panel.covert_label.isVisibleTo(panel)
    with qtbot.waitSignal(runner.inspection_finalized):
        panel.finalize_button.click()
    with db.session() as s:
        visit = svc.get(s, b)
        assert visit.manager_name is None
        assert visit.manager_signature is None
    # The service refuses a manager's sign-off on a mystery visit (CLI and app alike).
    c = make_inspection(db, mode="mystery")
    _complete(db, c)
    with db.session() as s, pytest.raises(ValidationError, match="mystery"):
        svc.finalize(s, svc.get(s, c), by="Zhang San", manager_signature=signed)

    # An on-site draft shows its own (empty) sign-off, in this window and after a restart.
    d = make_inspection(db)
    assert window.open_inspection(d)
    assert panel.manager_edit.text() == ""
    assert panel.signature.is_empty()
    restarted = MainWindow(db, settings)
    qtbot.addWidget(restarted)
    assert restarted.open_inspection(d)
    assert restarted.runner.finalize_panel.manager_edit.text() == ""
    assert restarted.runner.finalize_panel.signature.is_empty()

    # The findings panel follows the inspection's own checklist: a finalized comprehensive
    # inspection opened after an accessibility draft (with a finding selected) must show.
    acc = make_inspection(db, checklist="accessibility")
    with db.session() as s:
        insp = svc.get(s, acc)
        first = svc.checklist_of(insp).items()[0].id
        svc.set_answer(s, insp, first, result="fail", actor="t")
    comp = make_inspection(db, checklist="comprehensive")
    with db.session() as s:
        insp = svc.get(s, comp)
        svc.set_answer(s, insp, "dis.no_promise", result="fail", actor="t")
        svc.finalize(s, insp, by="Zhang San", force=True)
    assert window.open_inspection(acc)
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINDINGS)
    assert runner.findings_panel.current_item_id() == first
    assert window.open_inspection(comp)
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINDINGS)
    assert runner.findings_panel.current_item_id() == "dis.no_promise"
    assert runner.findings_panel.title_label.text() != ""


def test_p1_cli_finalize_refuses_a_manager_on_a_mystery_visit(db: Database, run_cli: Cli) -> None:
    uuid = make_inspection(db, mode="mystery")
    _complete(db, uuid)
    r = run_cli("finalize", uuid, "--by", "Zhang San", "--manager", "李四")
    assert r.exit_code == 1
    assert r.stderr.startswith("error:") and "mystery" in r.stderr
    assert "Traceback" not in r.output
    run_cli.ok("finalize", uuid, "--by", "Zhang San")
    with db.session() as s:
        assert svc.get(s, uuid).manager_name is None


# ---------------------------------------------------------------- 2
_CHILD = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from inspector.app import create_application
from inspector.db import open_database
from inspector.ui.main_window import MainWindow
from inspector.ui.runner.page import RunnerPage

app = create_application()
db = open_database(sys.argv[1])
w = MainWindow(db)
w.show()
runner = w.runner
assert w.open_inspection(sys.argv[2], "ex.ramp_slope")
steps = ["measure", "owner"]

def committed(_uuid: str) -> None:
    print("committed", steps[0], flush=True)
    steps.pop(0)
    if steps:
        QTimer.singleShot(0, type_owner)

def type_owner() -> None:
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINDINGS)
    QTest.keyClicks(runner.findings_panel.owner_edit, "Wang Wu")
    print("typed owner", flush=True)

runner.inspection_changed.connect(committed)
edit = runner.item_view.answer_panel.measure_edit
QTest.keyClicks(edit, "1:9")  # still in the field: it never loses the focus
print("typed measure", flush=True)
app.exec()
"""


class _Child(Child):
    def __init__(self, db_path: Path, uuid: str) -> None:
        super().__init__([sys.executable, "-c", _CHILD, str(db_path), uuid], {}, 30)

    def expect(self, text: str) -> None:
        try:
            line = self.next_line()
        except queue.Empty:
            self.kill()
            pytest.fail(f"the app never said {text!r} (the typing was not saved)")
        assert line == text


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_p2_typed_values_saved_without_leaving_the_field_and_survive_kill_9(
    db: Database, db_path: Path
) -> None:
    uuid = make_inspection(db)
    with db.session() as s:
        insp = svc.get(s, uuid)
        svc.set_answer(s, insp, "ex.ramp", result="pass", actor="t")
        svc.set_answer(s, insp, "ex.ramp_slope", result="pass", actor="t")
        svc.set_answer(s, insp, "ex.cash_kept", result="fail", actor="t")
    db.dispose()  # the app process is the only writer from now on
    child = _Child(db_path, uuid)
    child.expect("typed measure")
    child.expect("committed measure")  # after the typing pause, still in the field
    child.expect("typed owner")
    child.expect("committed owner")
    child.kill()
    again = open_database(str(db_path))
    try:
        with again.session() as s:
            insp = svc.get(s, uuid)
            slope = next(a for a in insp.answers if a.item_id == "ex.ramp_slope")
            # The typed slope replaced the old Pass: the value decides now (1:9 fails 1:12).
            assert (slope.result, slope.value) == (None, 9.0)
            assert svc.active_findings(insp)[0].owner == "Wang Wu"
    finally:
        again.dispose()
    # The same pause as notes, at most a second.
    assert TEXT_SAVE_DELAY_MS <= 1000 and NOTE_SAVE_DELAY_MS <= 1000


def test_p2_closing_the_app_saves_fields_still_waiting_for_their_pause(
    qtbot: QtBot, db: Database, settings: AppSettings
) -> None:
    uuid = make_inspection(db, mode="mystery")
    with db.session() as s:
        svc.set_answer(s, svc.get(s, uuid), "ex.cash_kept", result="fail", actor="t")
    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    w.show()
    assert w.open_inspection(uuid)
    runner = w.runner
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINDINGS)
    qtbot.keyClicks(runner.findings_panel.owner_edit, "Wang Wu")
    runner.tabs.blockSignals(True)  # no tab change may flush it: only the close
    runner.tabs.setCurrentIndex(RunnerPage.TAB_VISIT)
    qtbot.keyClicks(runner.visit_panel.ticket_edit, "A023")
    runner.tabs.blockSignals(False)
    w.close()
    with db.session() as s:
        insp = svc.get(s, uuid)
        assert svc.active_findings(insp)[0].owner == "Wang Wu"
        assert insp.visit.get("ticket") == "A023"


# ---------------------------------------------------------------- 3
def test_p3_typing_a_number_never_answers_the_item(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    with db.session() as s:
        svc.set_answer(s, svc.get(s, uuid), "ex.ramp", result="pass", actor="t")
    assert window.open_inspection(uuid, "ex.ramp_slope")
    runner = window.runner
    panel = runner.item_view.answer_panel
    # The measured item's value field has the focus: "1:10" is the value, not Pass.
    assert QApplication.focusWidget() is panel.measure_edit
    _focus_keys(qtbot, window, "1:10")
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Return)
    assert _answers(db, uuid)["ex.ramp_slope"] == (None, 10.0)
    assert runner.current_item == "ex.counter_height"  # Enter moved on, as usual

    # On a 0–5 scale the key 1 is the score 1, never Pass.
    runner.go_to_item("ex.polite")
    runner.focus_item()
    assert "[1]" not in panel.pass_button.text()  # the buttons show no digit key here
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert _answers(db, uuid)["ex.polite"] == (None, 1)

    # The judgement and the value disagree: the screen says which counts; both are kept.
    runner.go_to_item("ex.counter_height")
    runner.focus_item()
    assert QApplication.focusWidget() is panel.measure_edit
    _focus_keys(qtbot, window, "780")
    qtbot.keyClick(panel.measure_edit, Qt.Key.Key_Escape)  # leave the field...
    qtbot.keyClick(window, Qt.Key.Key_2)  # ...then 2 is Fail
    assert _answers(db, uuid)["ex.counter_height"] == ("fail", 780.0)
    assert panel.conflict_label.isVisibleTo(runner)
    assert "judgement" in panel.conflict_label.text() and "counts" in panel.conflict_label.text()
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINDINGS)
    fp = runner.findings_panel
    rows = [fp.model.row(r).item_id for r in range(fp.model.rowCount())]
    fp.table.selectRow(rows.index("ex.counter_height"))
    assert "780" in fp.answer_label.text() and "fail" in fp.answer_label.text()
    with db.session() as s:
        shown = svc.show_dict(s, svc.get(s, uuid))
    (finding,) = [f for f in shown["findings"] if f["item"] == "ex.counter_height"]
    assert (finding["judgement"], finding["value"]) == ("fail", 780.0)


# ---------------------------------------------------------------- 4
def test_p4_onsite_summary_is_an_editable_panel(
    qtbot: QtBot, db: Database, window: MainWindow, questions: list[str]
) -> None:
    uuid = make_inspection(db, checklist="comprehensive")
    assert window.open_inspection(uuid)
    runner = window.runner
    assert not runner.tabs.isTabVisible(RunnerPage.TAB_VISIT)
    assert runner.tabs.isTabVisible(RunnerPage.TAB_SUMMARY)
    # Reachable from the checklist (button and Ctrl+3), ready to type.
    runner.item_view.summary_button.click()
    assert runner.tabs.currentIndex() == RunnerPage.TAB_SUMMARY
    runner.tabs.setCurrentIndex(RunnerPage.TAB_ITEM)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert runner.tabs.currentIndex() == RunnerPage.TAB_SUMMARY
    editor = runner.summary_panel.editor
    assert QApplication.focusWidget() is editor.edit
    assert editor.prompt.text().startswith("Summarise the inspection")
    assert "0 / 80" in editor.counter.text()
    qtbot.keyClicks(editor.edit, "Lobby tidy, notices complete.")
    assert "29 / 80" in editor.counter.text()
    runner.flush()
    with db.session() as s:
        assert svc.get(s, uuid).narrative == "Lobby tidy, notices complete."

    # The Finalize row for the summary leads to this panel with the text on it.
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE)
    panel = runner.finalize_panel
    rows = [panel.missing_model.item(r) for r in range(panel.missing_model.rowCount())]
    (narrative,) = [r for r in rows if "narrative" in str(r.data(Qt.ItemDataRole.UserRole + 1))]
    panel.missing_view.clicked.emit(narrative.index())
    assert runner.tabs.currentIndex() == RunnerPage.TAB_SUMMARY
    assert (
        editor.edit.isVisibleTo(runner)
        and editor.edit.toPlainText() == "Lobby tidy, notices complete."
    )

    # Re-read and edited until sign-off, read-only after.
    with db.session() as s:
        svc.finalize(s, svc.get(s, uuid), by="Zhang San", force=True)
    assert window.open_inspection(uuid)
    assert runner.summary_panel.editor.edit.toPlainText() == "Lobby tidy, notices complete."
    assert runner.summary_panel.editor.edit.isReadOnly()


# ---------------------------------------------------------------- 5
def test_p5_wait_timer_second_press_asks_and_keeps_the_first_start(
    qtbot: QtBot, db: Database, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    uuid = make_inspection(db, mode="mystery")
    first = "2026-11-24T09:00:00+08:00"
    with db.session() as s:
        svc.set_visit(s, svc.get(s, uuid), actor="t", wait_started=first)
    assert window.open_inspection(uuid)
    runner = window.runner
    runner.tabs.setCurrentIndex(RunnerPage.TAB_VISIT)
    asked: list[str] = []
    reply = [QMessageBox.StandardButton.No]

    def question(*args: object, **_: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return reply[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    runner.visit_panel.wait_start.click()
    assert len(asked) == 1
    with db.session() as s:
        assert svc.get(s, uuid).visit["wait_started"] == first  # "No" kept it
    reply[0] = QMessageBox.StandardButton.Yes
    runner.visit_panel.wait_start.click()
    with db.session() as s:
        insp = svc.get(s, uuid)
        assert insp.visit["wait_started"] != first
        starts = [
            (e.old or {}).get("wait_started")
            for e in audit.entries_for(s, uuid)
            if e.entity == "visit"
        ]
    assert first in starts  # the first start stays in the audit trail


# ---------------------------------------------------------------- 8
def test_p8_duplicate_marks_copied_answers_to_reverify(
    qtbot: QtBot, db: Database, db_path: Path, window: MainWindow, questions: list[str]
) -> None:
    old = make_inspection(db)
    _complete(db, old, fail=("ex.cash_kept",))  # a red-line failure
    with db.session() as s:
        svc.finalize(s, svc.get(s, old), by="Zhang San", manager_name="Zhao Liu")
    window.home.reload()
    window.home.select_uuid(old)
    new = window.home.duplicate_selected()
    assert new is not None and new != old
    with db.session() as s:
        insp = svc.get(s, new)
        assert insp.answers == []  # nothing is an answer until re-verified
        assert svc.active_findings(insp) == []  # no old failure is a new finding
        assert insp.veto_failed == 0
        assert insp.copied_from == old
        shown = svc.show_dict(s, insp)
        kinds = {m.item_id for m in svc.missing_for_finalize(insp) if m.kind == "answer"}
    assert shown["copied_from"] == old and "ex.cash_kept" in shown["to_reverify"]
    assert f"copied     from {old}" in Cli(db_path)("show", new).stdout
    assert "ex.cash_kept" in kinds  # counts as unanswered

    assert window.open_inspection(new, "ex.cash_kept")
    runner = window.runner
    view = runner.item_view
    assert view.copied_box.isVisibleTo(view)
    assert old[:8] in view.copied_label.text() and "fail" in view.copied_label.text()
    assert old[:8] in runner.subtitle_label.text()
    assert runner.state is not None and runner.state.score.answered == 0
    # Confirmed after checking again (Ctrl+R): now it is today's answer and a finding.
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert _answers(db, new)["ex.cash_kept"] == ("fail", None)
    assert not view.copied_box.isVisibleTo(view)
    with db.session() as s:
        insp = svc.get(s, new)
        assert [f.item_id for f in svc.active_findings(insp)] == ["ex.cash_kept"]
        assert "ex.cash_kept" not in (insp.copied_answers or {})
    # Answering anew also settles the copy; finalizing drops copies never confirmed.
    runner.go_to_item("ex.manager")
    qtbot.keyClick(window, Qt.Key.Key_2)
    with db.session() as s:
        insp = svc.get(s, new)
        assert "ex.manager" not in (insp.copied_answers or {})
        svc.finalize(s, insp, by="Zhang San", force=True)
        assert insp.copied_answers is None and insp.copied_from == old


# ---------------------------------------------------------------- 9
def test_p9_signoff_shows_what_is_signed(
    qtbot: QtBot, db: Database, window: MainWindow, questions: list[str]
) -> None:
    uuid = make_inspection(db)
    _complete(db, uuid, fail=("ex.cash_kept", "ex.manager"))
    assert window.open_inspection(uuid)
    runner = window.runner
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE)
    panel = runner.finalize_panel
    st = runner.state
    assert st is not None
    grade = st.checklist.grade(st.score.grade).label.get("en")
    text = panel.summary_label.text()
    assert panel.summary_label.isVisibleTo(panel)
    assert numbers.score(st.score.total) in text and grade in text
    assert "Red-line failures (1)" in text and "Cash and staffed counters kept" in text
    assert "Open findings (2)" in text and "Lobby manager present" in text
    panel.manager_edit.setText("Zhao Liu")
    with qtbot.waitSignal(runner.inspection_finalized):
        panel.finalize_button.click()
    confirmation = questions[-1]
    assert grade in confirmation and "Red-line failures (1)" in confirmation
    assert "Open findings (2)" in confirmation
    # Still shown once signed.
    assert "Red-line failures (1)" in panel.summary_label.text()


# ---------------------------------------------------------------- 10
def test_p10_whole_inspection_by_keyboard(
    qtbot: QtBot, db: Database, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    uuid = make_inspection(db)
    with db.session() as s:
        insp = svc.get(s, uuid)
        for item_id in ("ex.ramp", "ex.counter_height", "ex.manager"):
            svc.set_answer(s, insp, item_id, result="pass", actor="t")
    assert window.open_inspection(uuid, "ex.ramp")
    runner = window.runner
    ctrl = Qt.KeyboardModifier.ControlModifier
    runner.setFocus()
    # Ctrl+J: the next unanswered item (ex.ramp_slope is now asked).
    qtbot.keyClick(window, Qt.Key.Key_J, ctrl)
    assert runner.current_item == "ex.ramp_slope"
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_J, ctrl)
    assert runner.current_item == "ex.cash_kept"
    # Ctrl+Shift+J: the next item that still needs a photo.
    qtbot.keyClick(window, Qt.Key.Key_J, ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert runner.current_item == "ex.ramp"
    # Ctrl+F: find by text or id, Enter opens the first match.
    qtbot.keyClick(window, Qt.Key.Key_F, ctrl)
    assert QApplication.focusWidget() is runner.search_edit
    qtbot.keyClicks(runner.search_edit, "lowered counter")
    qtbot.keyClick(runner.search_edit, Qt.Key.Key_Return)
    assert runner.current_item == "ex.counter_height"
    qtbot.keyClick(window, Qt.Key.Key_F, ctrl)
    qtbot.keyClicks(runner.search_edit, "ex.manager")
    qtbot.keyClick(runner.search_edit, Qt.Key.Key_Return)
    assert runner.current_item == "ex.manager"
    # Ctrl+O: add a photo to the current item.
    runner.go_to_item("ex.ramp")
    runner.focus_item()
    monkeypatch.setattr(filedialogs, "open_files", lambda *a, **k: [PHOTO])
    with qtbot.waitSignal(runner.evidence.photos_changed, timeout=30_000):
        qtbot.keyClick(window, Qt.Key.Key_O, ctrl)
    assert runner.state is not None and runner.state.photos.get("ex.ramp") == 1
    # Ctrl+3 the summary, Ctrl+M the manager's name.
    qtbot.keyClick(window, Qt.Key.Key_3, ctrl)
    assert QApplication.focusWidget() is runner.summary_panel.editor.edit
    qtbot.keyClick(window, Qt.Key.Key_M, ctrl)
    assert runner.tabs.currentIndex() == RunnerPage.TAB_FINALIZE
    assert QApplication.focusWidget() is runner.finalize_panel.manager_edit
    qtbot.keyClicks(runner.finalize_panel.manager_edit, "Zhao Liu")
    runner.flush()
    with db.session() as s:
        assert svc.get(s, uuid).manager_name == "Zhao Liu"  # saved as typed, like any field
    # F1 lists the keys; the desktop guide documents the same keys.
    box = window.show_keys()
    qtbot.waitExposed(box)
    (table,) = [w for w in box.findChildren(QLabel) if w.objectName() == "keysTable"]
    docs = (Path(__file__).resolve().parents[2] / "docs" / "desktop.md").read_text("utf-8")
    for key in ("Ctrl+J", "Ctrl+Shift+J", "Ctrl+F", "Ctrl+O", "Ctrl+3", "Ctrl+M", "Ctrl+R"):
        assert key in table.text(), key
        assert f"`{key}`" in docs, key
    assert window.keys_action.shortcut().toString() == "F1"


# ---------------------------------------------------------------- 12
def test_p12_inline_branch_asks_region_and_address(
    qtbot: QtBot, db: Database, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.session() as s:
        branches.create(s, code="310001", name="陆家嘴支行", region="上海分行")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(str(a[2])))
    dlg = NewInspectionDialog(db, settings, "en")
    qtbot.addWidget(dlg)
    dlg.branch_combo.setCurrentIndex(dlg.branch_combo.findData(NEW_BRANCH))
    dlg.new_code.setText("310012")
    dlg.new_name.setText("新天地支行")
    dlg.select_checklist("example")
    dlg.accept()
    assert dlg.created_uuid is None and "region" in warnings[-1]
    # The regions HQ already knows are offered.
    assert dlg.new_region.findText("上海分行") >= 0
    dlg.new_region.setEditText("上海分行")
    dlg.new_address.setText("上海市黄浦区马当路1号")
    dlg.accept()
    assert dlg.created_uuid is not None
    with db.session() as s:
        b = branches.get_by_code(s, "310012")
        assert (b.region, b.address) == ("上海分行", "上海市黄浦区马当路1号")


# ---------------------------------------------------------------- 13
def test_p13_finalized_inspection_offers_report_and_export(
    qtbot: QtBot, db: Database, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    uuid = make_inspection(db)
    with db.session() as s:
        svc.finalize(s, svc.get(s, uuid), by="Zhang San", force=True)
    assert window.open_inspection(uuid)
    runner = window.runner
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE)
    panel = runner.finalize_panel
    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(window.exporter, "report", lambda u: calls.append(("report", u)))
    monkeypatch.setattr(window.exporter, "export_package", lambda u: calls.append(("export", u)))
    assert panel.report_button.isVisibleTo(panel) and panel.export_button.isVisibleTo(panel)
    panel.report_button.click()
    panel.export_button.click()
    assert calls == [("report", uuid), ("export", uuid)]
    # A draft does not offer them on the sign-off screen.
    draft = make_inspection(db)
    assert window.open_inspection(draft)
    assert not panel.report_button.isVisibleTo(panel)
