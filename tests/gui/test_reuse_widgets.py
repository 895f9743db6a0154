"""Issue 14 in the app: reuse a photo for another item, the visit wave, repeat findings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLayout, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.services import inspections as svc
from inspector.services import photos
from inspector.ui.main_window import MainWindow
from inspector.ui.photos.strip import EvidenceStrip
from inspector.ui.runner.page import RunnerPage
from tests.gui.conftest import make_inspection
from tests.integration.conftest import make_finalized, photo_bytes

FIRST, SECOND = "ex.counter_height", "ex.ramp"


@pytest.fixture
def strip(qtbot: QtBot, db: Database, qapp: QApplication) -> Iterator[EvidenceStrip]:
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    w = EvidenceStrip(db, host)
    layout.addWidget(w)
    qtbot.addWidget(host)
    host.resize(700, 240)
    host.show()
    qtbot.waitExposed(host)
    yield w


def test_also_use_for_item_attaches_without_a_copy(
    qtbot: QtBot, db: Database, strip: EvidenceStrip, monkeypatch: pytest.MonkeyPatch
) -> None:
    uuid = make_inspection(db)
    with db.session() as s:
        insp = svc.get(s, uuid)
        pid = photos.add_bytes(s, insp, FIRST, photo_bytes("x"), file_name="x.jpg", actor="t").id
        svc.set_answer(s, insp, SECOND, result="pass", actor="t")
        assert ("evidence", SECOND) in {(m.kind, m.item_id) for m in svc.missing_for_finalize(insp)}
    strip.lang = "en"
    strip.set_target(uuid, FIRST, read_only=False)
    strip.view.setCurrentIndex(strip.model.index(0, 0))
    offered: list[list[str]] = []

    def pick(_parent: QWidget, _title: str, _label: str, items: list[str], *_a: object) -> object:
        offered.append(items)
        return next(i for i in items if i.startswith(SECOND)), True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    action = strip._attach_action()
    assert action.isEnabled() and action.text() == "Also use for item…"
    with qtbot.waitSignal(strip.photos_changed, timeout=5_000):
        action.trigger()
    # Every other item of an onsite inspection is offered, the photo's own item is not.
    assert offered and all(not i.startswith(f"{FIRST} ") for i in offered[0])
    assert f"{SECOND} · Wheelchair ramp where the entrance has a step" in offered[0]
    # People read the item's title, never its id.
    assert "“Wheelchair ramp where the entrance has a step”" in strip.message.text()
    assert SECOND not in strip.message.text()
    with db.session() as s:
        insp = svc.get(s, uuid)
        rows = {p.item_id: p for p in insp.photos}
        assert set(rows) == {FIRST, SECOND} and rows[FIRST].id == pid
        assert rows[SECOND].original_sha256 == rows[FIRST].original_sha256
        assert ("evidence", SECOND) not in {
            (m.kind, m.item_id) for m in svc.missing_for_finalize(insp)
        }
    # Under the second item the strip shows it; the item it is already under is not offered.
    strip.set_target(uuid, SECOND, read_only=False)
    assert strip.model.rowCount() == 1
    assert not any(c[0] == FIRST for c in strip.attach_choices(rows[SECOND].id))
    # Read-only (finalized) inspections offer nothing to change.
    strip.set_target(uuid, SECOND, read_only=True)
    assert not strip._attach_action().isEnabled()


def _mystery(db: Database, code: str, **visit: str) -> str:
    uuid = make_inspection(db, checklist="mystery-shopper", mode="mystery", code=code)
    if visit:
        with db.session() as s:
            svc.set_visit(s, svc.get(s, uuid), actor="t", **visit)
    return uuid


def test_wave_is_saved_and_its_scenario_shown_or_the_refusal_explained(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    _mystery(db, "310001", wave="2026Q4", scenario="cash_purpose")
    other = _mystery(db, "310002", scenario="wealth_enquiry")
    window.open_inspection(other)
    runner = window.runner
    runner.tabs.setCurrentIndex(RunnerPage.TAB_VISIT)
    visit = runner.visit_panel
    qtbot.keyClicks(visit.wave_edit, "2026Q4")
    visit.wave_edit.editingFinished.emit()
    # The service's message, inline and without a traceback; nothing was stored.
    assert visit.visit_message.isVisibleTo(visit)
    assert "plays scenario 'cash_purpose'" in visit.visit_message.text()
    assert "Traceback" not in visit.visit_message.text()
    with db.session() as s:
        assert "wave" not in svc.get(s, other).visit
    fresh = _mystery(db, "310003")
    window.open_inspection(fresh)
    runner.tabs.setCurrentIndex(RunnerPage.TAB_VISIT)
    assert not visit.visit_message.isVisibleTo(visit)
    assert visit.wave_edit.text() == ""
    visit.wave_edit.setFocus()
    qtbot.keyClicks(visit.wave_edit, "2026Q4")
    # Saved by the same pause-debounce as the other typed facts.
    qtbot.waitUntil(lambda: runner.state is not None and "wave" in runner.state.visit)
    with db.session() as s:
        v = svc.get(s, fresh).visit
    assert (v["wave"], v["scenario"]) == ("2026Q4", "cash_purpose")
    assert visit.scenario_combo.currentData() == "cash_purpose"
    assert not visit.visit_message.isVisibleTo(visit)


def test_repeat_findings_are_marked_with_the_previous_inspection(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    first = make_finalized(db, branch_code="310001", fail=("ex.polite",))
    with db.session() as s:
        insp = svc.create(s, branch_code="310001", checklist_id="example", inspector="t")
        insp.started_at = insp.started_at + timedelta(days=30)
        for item in svc.checklist_of(insp).items():
            if item.applies_to(Mode.ONSITE):
                result = "fail" if item.id in ("ex.polite", "ex.reading") else "pass"
                svc.set_answer(s, insp, item.id, result=result, actor="t", rescore_now=False)
        svc.rescore(s, insp)
        second = insp.uuid
        day = svc.get(s, first).started_at.astimezone().date().isoformat()
    window.open_inspection(second)
    runner = window.runner
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINDINGS)
    model = runner.findings_panel.model
    rows = {model.row(r).item_id: r for r in range(model.rowCount())}
    assert set(rows) == {"ex.polite", "ex.reading"}
    repeat = model.index(rows["ex.polite"], model.COL_ITEM)
    plain = model.index(rows["ex.reading"], model.COL_ITEM)
    assert str(repeat.data()).startswith("[Repeat] ")
    assert not str(plain.data()).startswith("[Repeat]")
    tip = str(repeat.data(Qt.ItemDataRole.ToolTipRole))
    assert day in tip and first[:8] in tip
    assert str(plain.data(Qt.ItemDataRole.ToolTipRole)) == "ex.reading"


def test_new_strings_have_chinese_translations() -> None:
    from PySide6.QtCore import QTranslator

    from inspector import paths

    app_tr, photos_tr = QTranslator(), QTranslator()
    assert app_tr.load(str(paths.resource_path("i18n", "app_zh_CN.qm")))
    assert photos_tr.load(str(paths.resource_path("i18n", "photos_zh_CN.qm")))
    for translator, context, source, zh in (
        (photos_tr, "EvidenceStrip", "Also use for item…", "同时用于其他检查项…"),
        (app_tr, "VisitPanel", "Wave", "批次"),
        (app_tr, "FindingsModel", "[Repeat] %1", "【屡查屡犯】%1"),
    ):
        assert translator.translate(context, source) == zh
