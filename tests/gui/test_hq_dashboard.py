"""The HQ dashboard: loads in the background, filters, shows the views, translates."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inspector import paths
from inspector.db import Database
from inspector.services import branches
from inspector.services import inspections as svc
from inspector.ui.hq import HqDashboard


@pytest.fixture
def filled(db: Database) -> Database:
    with db.session() as s:
        branches.create(s, code="310001", name="上海营业部", region="上海")
        branches.create(s, code="320001", name="南京支行", region="江苏")
        svc.create(
            s,
            branch_code="310001",
            checklist_id="accessibility",
            answers={
                "acc.priority_window": {"result": "fail"},
                "acc.low_counter": {"result": "pass"},
            },
        )
        svc.create(
            s,
            branch_code="320001",
            checklist_id="accessibility",
            answers={"acc.priority_window": {"result": "pass"}},
        )
    return db


@pytest.fixture
def dash(qtbot: QtBot, filled: Database) -> Iterator[HqDashboard]:
    w = HqDashboard(filled)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    yield w
    w.wait_idle()


def test_refresh_fills_every_view(qtbot: QtBot, dash: HqDashboard) -> None:
    with qtbot.waitSignal(dash.refreshed, timeout=20_000):
        dash.refresh()
    assert dash.league_model.rowCount() == 2
    assert dash.league_model.row_at(0).code == "320001"  # all items passed
    assert dash.league_model.index(0, 5).data() == "Excellent"
    assert dash.heatmap.data().rows and dash.heatmap.data().values[0][0] is not None
    assert dash.bars.items()[0][0].startswith("acc.priority_window")
    assert dash.findings_model.rowCount() == 1
    assert dash.trend_chart.series()
    assert "2 inspections" in dash.summary_label.text()
    assert dash.region_box.count() == 3  # all + two regions
    for i in range(dash.tabs.count()):  # every tab paints without warnings
        dash.tabs.setCurrentIndex(i)
        dash.grab()


def test_region_filter_requeries(qtbot: QtBot, dash: HqDashboard) -> None:
    with qtbot.waitSignal(dash.refreshed, timeout=20_000):
        dash.refresh()
    with qtbot.waitSignal(dash.refreshed, timeout=20_000):
        dash.region_box.setCurrentIndex(dash.region_box.findData("上海"))
    assert [dash.league_model.row_at(r).code for r in range(dash.league_model.rowCount())] == [
        "310001"
    ]
    assert dash.current_filter().region == "上海"


def test_chinese_translation(qtbot: QtBot, filled: Database) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    tr = QTranslator()
    assert tr.load(str(paths.resource_path("i18n", "hq_zh_CN.qm")))
    app.installTranslator(tr)
    try:
        w = HqDashboard(filled)
        qtbot.addWidget(w)
        assert w.tabs.tabText(0) == "网点"
        assert w.language() == "zh"
        with qtbot.waitSignal(w.refreshed, timeout=20_000):
            w.refresh()
        assert "检查 2 次" in w.summary_label.text()
        assert w.heatmap.data().columns == ["无障碍与适老化"]
        grade = w.league_model.index(0, 5).data()
        assert grade == "优秀"  # the checklist's label, not the code 'excellent'
        w.wait_idle()
    finally:
        app.removeTranslator(tr)


def test_custom_period_filters_by_dates(qtbot: QtBot, dash: HqDashboard) -> None:
    from datetime import date

    from PySide6.QtCore import QDate

    dash.period_box.setCurrentIndex(dash.period_box.findData("custom"))
    assert dash.from_edit.isVisibleTo(dash) and dash.to_edit.isVisibleTo(dash)
    dash.from_edit.setDate(QDate(2026, 3, 31))
    dash.to_edit.setDate(QDate(2026, 1, 1))  # reversed on purpose: still that span
    flt = dash.current_filter()
    assert (flt.date_from, flt.date_to) == (date(2026, 1, 1), date(2026, 3, 31))
    dash.period_box.setCurrentIndex(dash.period_box.findData("all"))
    assert not dash.from_edit.isVisibleTo(dash)
    dash.wait_idle()


def test_league_is_shown_before_the_slower_views(qtbot: QtBot, dash: HqDashboard) -> None:
    phases: list[tuple[bool, int]] = []
    dash._loader.loaded.connect(
        lambda _n, result: phases.append((result.data.complete, dash.league_model.rowCount()))
    )
    with qtbot.waitSignal(dash.refreshed, timeout=20_000):
        dash.refresh()
    assert [complete for complete, _ in phases] == [False, True]
    assert dash.data() is not None and dash.data().complete
    assert dash.findings_model.rowCount() == 1


def test_finalized_only_checkbox_filters(qtbot: QtBot, dash: HqDashboard) -> None:
    assert not dash.current_filter().finalized_only
    with qtbot.waitSignal(dash.refreshed, timeout=20_000):
        dash.finalized_box.setChecked(True)
    assert dash.current_filter().finalized_only
    assert dash.data() is not None and dash.data().filter.finalized_only
