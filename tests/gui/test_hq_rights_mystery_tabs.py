"""The dashboard's consumer-rights and mystery-shopping tabs show what the CLI's --json says."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inspector import paths
from inspector.db import Database
from inspector.domain import numbers
from inspector.domain.checklist import RIGHT_NAMES, Mode
from inspector.services import demo
from inspector.services.hq import mystery as hq_mystery
from inspector.services.inspections import answering, lookup, rescoring, signoff, snapshots
from inspector.services.inspections import visits as insp_visits
from inspector.ui.hq import HqDashboard
from inspector.ui.hq.models import RightsModel

from ..conftest import Cli

RIGHTS_TAB, MYSTERY_TAB = 5, 6


def _refresh(qtbot: QtBot, dash: HqDashboard) -> None:
    with qtbot.waitSignal(dash.refreshed, timeout=60_000):
        dash.refresh()


def _rows(model: Any) -> list[Any]:
    return [model.row(i).as_dict() for i in range(model.rowCount())]


def _mystery_json(dash: HqDashboard) -> dict[str, Any]:
    return {"scenarios": _rows(dash.scenario_model), "visits": _rows(dash.visit_model)}


@pytest.fixture
def demo_db(db: Database) -> Database:
    demo.generate(db, inspections=90, seed=3)
    return db


@pytest.fixture
def dash(qtbot: QtBot, demo_db: Database) -> Iterator[HqDashboard]:
    w = HqDashboard(demo_db)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    yield w
    w.wait_idle()


def test_tabs_equal_the_cli_json_for_the_same_filter(
    qtbot: QtBot, dash: HqDashboard, run_cli: Cli
) -> None:
    _refresh(qtbot, dash)
    assert dash.tabs.tabText(RIGHTS_TAB) == "Consumer rights"
    assert dash.tabs.tabText(MYSTERY_TAB) == "Mystery shopping"
    rights = json.loads(run_cli.ok("hq", "rights", "--json"))
    assert rights and _rows(dash.rights_model) == rights
    mystery = json.loads(run_cli.ok("hq", "mystery", "--json"))
    assert mystery["visits"] and _mystery_json(dash) == mystery
    # What a cell reads is that number as a percentage: one decimal, half up.
    first = rights[0]["rights"]
    for col, key in enumerate(RIGHT_NAMES, start=RightsModel.FIXED):
        assert dash.rights_model.headerData(col, Qt.Orientation.Horizontal) == RIGHT_NAMES[key].en
        pct = first[key]["percent"]
        shown = dash.rights_model.index(0, col).data()
        assert shown == numbers.percent(pct)  # 四舍五入 of the published value

    # Region and mode (options both commands or 'hq rights' accept) narrow both tabs alike.
    region = dash.region_box.itemData(1)
    with qtbot.waitSignal(dash.refreshed, timeout=60_000):
        dash.region_box.setCurrentIndex(1)
    assert _rows(dash.rights_model) == json.loads(
        run_cli.ok("hq", "rights", "--region", region, "--json")
    )
    assert {r["branch"]["region"] for r in _rows(dash.rights_model)} == {region}
    assert _mystery_json(dash) == json.loads(
        run_cli.ok("hq", "mystery", "--region", region, "--json")
    )
    with qtbot.waitSignal(dash.refreshed, timeout=60_000):
        dash.mode_box.setCurrentIndex(dash.mode_box.findData("onsite"))
    assert _rows(dash.rights_model) == json.loads(
        run_cli.ok("hq", "rights", "--region", region, "--mode", "onsite", "--json")
    )
    # A chosen checklist is the one 'hq rights --checklist' breaks down.
    with qtbot.waitSignal(dash.refreshed, timeout=60_000):
        dash.mode_box.setCurrentIndex(0)
        dash.checklist_box.setCurrentIndex(dash.checklist_box.findData("accessibility"))
    assert _rows(dash.rights_model) == json.loads(
        run_cli.ok("hq", "rights", "--region", region, "--checklist", "accessibility", "--json")
    )


def test_elements_sorting_and_tooltips(qtbot: QtBot, dash: HqDashboard, run_cli: Cli) -> None:
    _refresh(qtbot, dash)
    dash.rights_show_box.setCurrentIndex(dash.rights_show_box.findData(RightsModel.ELEMENTS))
    rights = json.loads(run_cli.ok("hq", "rights", "--json"))
    col = RightsModel.FIXED  # the first element
    key = dash.rights_model.keys()[0]
    assert dash.rights_model.headerData(col, Qt.Orientation.Horizontal) != key  # a name
    proxy = dash.rights_view.model()
    assert isinstance(proxy, QSortFilterProxyModel)
    dash.rights_view.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    shown = [proxy.index(r, col).data() for r in range(proxy.rowCount())]
    expected = sorted(
        (r["elements"][key]["percent"] for r in rights),
        key=lambda p: -1e9 if p is None else p,
        reverse=True,
    )
    # One rounding rule (四舍五入 on the published two-decimal value): 53.85 reads 53.9.
    assert shown == [numbers.percent(p) for p in expected]  # 9 before 10
    tip = proxy.index(0, col).data(Qt.ItemDataRole.ToolTipRole)
    assert "points" in tip


def test_waves_filter_the_mystery_tab_like_the_cli(
    qtbot: QtBot, db: Database, run_cli: Cli
) -> None:
    def visit(code: str, wave: str, scenario: str) -> None:
        uuid = run_cli.last_line(
            "new", "--branch", code, "--branch-name", f"支行{code}",
            "--checklist", "mystery-shopper", "--mode", "mystery", "--wave", wave,
        )  # fmt: skip
        run_cli.ok("visit", uuid, "--scenario", scenario)
        with db.session() as s:
            insp = lookup.get(s, uuid)
            for item in snapshots.checklist_of(insp).items():
                if item.applies_to(Mode.MYSTERY) and item.type.value != "text":
                    answering.set_answer(
                        s, insp, item.id, result="pass", actor="t", rescore_now=False
                    )
            insp_visits.set_visit(s, insp, actor="t", arrival="09:00", departure="09:30")
            insp_visits.set_narrative(
                s, insp, "大堂经理主动问候并询问需求，引导取号。" * 5, actor="t"
            )
            rescoring.rescore(s, insp)
            signoff.finalize(s, insp, by="t", force=True)

    visit("310001", "W1", "cash_purpose")
    visit("310002", "W1", "cash_purpose")
    visit("310003", "W2", "wealth_enquiry")
    w = HqDashboard(db)
    qtbot.addWidget(w)
    _refresh(qtbot, w)
    assert [w.wave_box.itemData(i) for i in range(w.wave_box.count())] == ["", "W1", "W2"]
    assert _mystery_json(w) == json.loads(run_cli.ok("hq", "mystery", "--json"))
    with qtbot.waitSignal(w.refreshed, timeout=60_000):
        w.wave_box.setCurrentIndex(w.wave_box.findData("W2"))
    assert _mystery_json(w) == json.loads(run_cli.ok("hq", "mystery", "--wave", "W2", "--json"))
    assert [w.visit_model.row(i).code for i in range(w.visit_model.rowCount())] == ["310003"]
    assert w.wave_box.currentData() == "W2"  # kept through the refill
    # Scenario and section columns read as titles, not ids.
    assert w.scenario_model.index(0, 0).data() == "Enquiry about a wealth-management product"
    headers = [
        w.scenario_model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(w.scenario_model.columnCount())
    ]
    assert "Lobby service" in headers and not any(str(h).startswith("ms.") for h in headers)
    w.wait_idle()


def test_empty_states_say_why(qtbot: QtBot, db: Database) -> None:
    w = HqDashboard(db)
    qtbot.addWidget(w)
    _refresh(qtbot, w)
    assert w.rights_stack.currentWidget() is w.rights_empty
    assert "No finalized inspection" in w.rights_empty.text()
    assert w.mystery_stack.currentWidget() is w.mystery_empty
    assert "No finalized mystery-shopper visits" in w.mystery_empty.text()
    w.tabs.setCurrentIndex(MYSTERY_TAB)
    assert w.mystery_empty.isVisibleTo(w) and not w.visit_view.isVisibleTo(w)
    w.wait_idle()


def test_a_newer_filter_stops_the_load_between_views(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker's checkpoint runs between the views: a superseded load reads no more."""
    from inspector.services.hq.rows import HqFilter
    from inspector.services.views import hq as hq_view

    read: list[str] = []
    monkeypatch.setattr(hq_view, "load_rights", lambda *a: read.append("rights"))
    monkeypatch.setattr(hq_view, "load_mystery", lambda *a: read.append("mystery"))
    checks: list[int] = []

    class Superseded(Exception):
        pass

    def checkpoint() -> None:
        checks.append(len(checks))
        if len(checks) == 2:  # a newer filter arrives while the rest is computed
            raise Superseded

    with pytest.raises(Superseded):
        hq_view.load_dashboard(demo_db, HqFilter(), checkpoint=checkpoint)
    assert read == []  # neither consumer rights nor mystery visits were read


def test_the_worker_checks_between_views(
    qtbot: QtBot, dash: HqDashboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader hands load_dashboard a checkpoint that cancels a superseded request."""
    from inspector.ui import workers

    got: list[Any] = []
    import inspector.ui.hq.worker as worker_module

    original = worker_module.load_dashboard

    def spy(*args: Any, **kwargs: Any) -> Any:
        got.append(kwargs.get("checkpoint"))
        return original(*args, **kwargs)

    monkeypatch.setattr(worker_module, "load_dashboard", spy)
    _refresh(qtbot, dash)
    assert got and callable(got[0])
    got[0]()  # the latest request: carries on
    dash._loader._request += 1  # a newer request was made
    with pytest.raises(workers.Cancelled):
        got[0]()


def test_chinese_tabs(qtbot: QtBot, demo_db: Database) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    tr = QTranslator()
    assert tr.load(str(paths.resource_path("i18n", "hq_zh_CN.qm")))
    app.installTranslator(tr)
    try:
        w = HqDashboard(demo_db)
        qtbot.addWidget(w)
        assert w.tabs.tabText(RIGHTS_TAB) == "八项权利"
        assert w.tabs.tabText(MYSTERY_TAB) == "暗访"
        _refresh(qtbot, w)
        col = RightsModel.FIXED
        assert w.rights_model.headerData(col, Qt.Orientation.Horizontal) == "财产安全权"
        assert w.rights_model.headerData(0, Qt.Orientation.Horizontal) == "网点代码"
        assert "八项权利" in w.rights_show_box.itemText(0)
        assert "大堂服务" in [
            w.visit_model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(w.visit_model.columnCount())
        ]
        w.wait_idle()
    finally:
        app.removeTranslator(tr)


def test_the_mystery_tab_lists_the_newest_page_and_summarizes_every_visit(
    qtbot: QtBot, dash: HqDashboard, run_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hq_mystery, "PAGE", 3)
    _refresh(qtbot, dash)
    mystery = json.loads(run_cli.ok("hq", "mystery", "--json"))
    total = len(mystery["visits"])
    assert total > 3
    # The summary is of every visit, as 'hq mystery' gives it.
    assert _rows(dash.scenario_model) == mystery["scenarios"]
    # The table: the 3 newest visits, in the CLI's order (by branch code).
    newest = sorted(mystery["visits"], key=lambda v: v["started_at"], reverse=True)[:3]
    shown = _rows(dash.visit_model)
    assert len(shown) == 3
    assert shown == [v for v in mystery["visits"] if v in newest]
    note = dash.visit_page_note
    assert not note.isHidden()
    assert note.text() == (
        f"Showing the newest 3 of {total} visits, listed by branch code; the summary above "
        "covers all of them. “Export Excel…” (above) writes every visit."
    )
    # Under the page size, every visit is listed and the note goes.
    monkeypatch.setattr(hq_mystery, "PAGE", 500)
    _refresh(qtbot, dash)
    assert _mystery_json(dash) == mystery
    assert note.isHidden() and note.text() == ""
