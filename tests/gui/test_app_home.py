"""Home list and new-inspection dialog: filter, open, duplicate, delete, create, import CSV."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from inspector import clock
from inspector.db import Database
from inspector.domain.states import InspectionStatus
from inspector.services.inspections import lifecycle, listing, lookup, signoff
from inspector.ui.main_window import MainWindow
from inspector.ui.new_inspection import NEW_BRANCH, NewInspectionDialog
from inspector.ui.settings import AppSettings

from .conftest import make_inspection


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer Yes to every question and record warnings instead of blocking on them."""
    shown: list[str] = []

    def question(*args: object, **_: object) -> QMessageBox.StandardButton:
        shown.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    def note(*args: object, **_: object) -> QMessageBox.StandardButton:
        shown.append(str(args[2]))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", note)
    monkeypatch.setattr(QMessageBox, "information", note)
    return shown


def _finalize(db: Database, uuid: str) -> None:
    with db.session() as s:
        signoff.finalize(s, lookup.get(s, uuid), by="Zhang San", force=True)


def test_list_filters_by_text_branch_status_and_date(db: Database, window: MainWindow) -> None:
    a = make_inspection(db, code="310001")
    make_inspection(db, code="310002")
    _finalize(db, a)
    home = window.home
    home.reload()
    assert home.model.rowCount() == 2
    home.search_edit.setText("310002")
    assert home.proxy.rowCount() == 1
    home.search_edit.clear()
    home.status_combo.setCurrentIndex(home.status_combo.findData(InspectionStatus.FINALIZED))
    assert home.proxy.rowCount() == 1
    assert home.model.row(home.proxy.mapToSource(home.proxy.index(0, 0)).row()).uuid == a
    home.status_combo.setCurrentIndex(0)
    home.branch_combo.setCurrentIndex(home.branch_combo.findData("310002"))
    assert home.proxy.rowCount() == 1
    home.branch_combo.setCurrentIndex(0)
    tomorrow = clock.local_today().toordinal() + 1
    d = date.fromordinal(tomorrow)
    home.from_edit.setDate(QDate(d.year, d.month, d.day))
    assert home.proxy.rowCount() == 0
    assert "0 of 2" in home.count_label.text()


def test_duplicate_and_delete_draft_but_not_finalized(
    db: Database, window: MainWindow, no_dialogs: list[str]
) -> None:
    a = make_inspection(db)
    _finalize(db, a)
    home = window.home
    home.reload()
    home.select_uuid(a)
    assert not home.delete_button.isEnabled()
    assert home.delete_selected(confirm=False) is False
    new = home.duplicate_selected()
    assert new is not None and new != a
    home.select_uuid(new)
    assert home.delete_button.isEnabled()
    assert home.delete_selected() is True
    assert no_dialogs and "Delete the draft" in no_dialogs[0]
    with db.session() as s:
        assert [i.uuid for i in listing.list_current(s)] == [a]


def test_double_click_opens_the_runner(qtbot: QtBot, db: Database, window: MainWindow) -> None:
    uuid = make_inspection(db)
    window.home.reload()
    window.home.select_uuid(uuid)
    window.home.open_button.click()
    assert window.stack.currentWidget() is window.runner
    assert window.runner.uuid == uuid
    assert AppSettings().last_position() == (uuid, "ex.ramp")


def test_new_inspection_with_a_new_branch_and_csv_import(
    qtbot: QtBot, db: Database, settings: AppSettings, tmp_path: Path, no_dialogs: list[str]
) -> None:
    dlg = NewInspectionDialog(db, settings, "en")
    qtbot.addWidget(dlg)
    csv = tmp_path / "branches.csv"
    csv.write_text("网点代码,网点名称,分行\n310009,外滩支行,上海分行\n", encoding="utf-8")
    assert dlg.import_branches(csv)
    dlg.select_branch("310009")
    assert dlg.branch_combo.currentData() == "310009"
    dlg.branch_combo.setCurrentIndex(dlg.branch_combo.findData(NEW_BRANCH))
    assert not dlg.new_branch_box.isHidden()
    dlg.new_code.setText("310010")
    dlg.new_name.setText("新天地支行")
    dlg.new_region.setEditText("上海分行")  # offered from the imported list
    dlg.select_checklist("example")
    dlg.mystery_radio.setChecked(True)
    dlg.inspector_edit.setText("Li Si")
    dlg.accept()
    assert dlg.created_uuid is not None
    with db.session() as s:
        insp = lookup.get(s, dlg.created_uuid)
        assert (insp.branch.code, insp.mode, insp.inspector) == ("310010", "mystery", "Li Si")
    assert settings.inspector_name() == "Li Si"


def test_new_inspection_refuses_a_branch_without_name(
    qtbot: QtBot, db: Database, settings: AppSettings, no_dialogs: list[str]
) -> None:
    dlg = NewInspectionDialog(db, settings, "en")
    qtbot.addWidget(dlg)
    dlg.branch_combo.setCurrentIndex(dlg.branch_combo.findData(NEW_BRANCH))
    dlg.new_code.setText("310011")
    dlg.accept()
    assert dlg.created_uuid is None
    assert "code and name" in no_dialogs[-1]


def test_hq_view_is_a_mode_of_the_main_window(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    a = make_inspection(db)
    _finalize(db, a)
    window.home.hq_button.click()
    assert window.hq is not None
    assert window.stack.currentWidget() is window.hq_page
    assert window.hq.wait_idle()
    window.show_home()
    assert window.stack.currentWidget() is window.home


def test_double_click_in_the_league_lists_that_branchs_inspections(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    a = make_inspection(db)
    with db.session() as s:
        code = lookup.get(s, a).branch.code
        other = lifecycle.create(
            s, branch_code="990001", branch_name="另一网点", checklist_id="example"
        )
        assert other.uuid
    window.show_hq()
    assert window.hq is not None
    with qtbot.waitSignal(window.hq.refreshed, timeout=20_000):
        window.hq.refresh()
    view = window.hq.league_view
    proxy = view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 1).data() == code)
    view.doubleClicked.emit(proxy.index(row, 2))
    assert window.stack.currentWidget() is window.home
    assert window.home.branch_combo.currentData() == code
    assert window.home.proxy.rowCount() == 1
    window.hq.wait_idle()


def test_a_large_database_lists_the_newest_and_says_so(db: Database, window: MainWindow) -> None:
    first = make_inspection(db)
    for _ in range(2):
        make_inspection(db)
    other = make_inspection(db, code="990001")
    window.home.limit = 2
    window.home.reload()
    assert window.home.model.rowCount() == 2
    assert "the newest 2 of 4" in window.home.count_label.text()
    assert first not in {window.home.model.row(r).uuid for r in range(2)}
    window.home.set_branch_filter("990001")  # filtered in the query: older rows reachable
    assert [window.home.model.row(r).uuid for r in range(window.home.model.rowCount())] == [other]
    assert "newest" not in window.home.count_label.text()


def test_enter_on_a_row_opens_it(qtbot: QtBot, db: Database, window: MainWindow) -> None:
    uuid = make_inspection(db)
    window.home.reload()
    window.home.table.setFocus()
    window.home.select_uuid(uuid)
    qtbot.keyClick(window.home.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.runner
