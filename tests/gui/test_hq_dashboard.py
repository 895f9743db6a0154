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
from inspector.services.inspections import lifecycle, signoff
from inspector.ui.hq import HqDashboard


@pytest.fixture
def filled(db: Database) -> Database:
    with db.session() as s:
        branches.create(s, code="310001", name="上海营业部", region="上海")
        branches.create(s, code="320001", name="南京支行", region="江苏")
        a = lifecycle.create(
            s,
            branch_code="310001",
            checklist_id="accessibility",
            answers={
                "acc.priority_window": {"result": "fail"},
                "acc.low_counter": {"result": "pass"},
            },
        )
        b = lifecycle.create(
            s,
            branch_code="320001",
            checklist_id="accessibility",
            answers={"acc.priority_window": {"result": "pass"}},
        )
        signoff.finalize(s, a, by="t", force=True)
        signoff.finalize(s, b, by="t", force=True)
        # A half-done draft: HQ views leave it out unless drafts are included.
        lifecycle.create(
            s,
            branch_code="320001",
            checklist_id="accessibility",
            answers={"acc.priority_window": {"result": "fail"}},
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
    assert dash.league_model.row(0).code == "320001"  # all items passed
    assert dash.league_model.index(0, 5).data() == "Excellent"
    assert dash.heatmap.data().rows and dash.heatmap.data().values[0][0] is not None
    assert "优先" in dash.bars.items()[0][0] or "priority" in dash.bars.items()[0][0].lower()
    assert not dash.bars.items()[0][0].startswith("acc.")  # titles, not ids
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
    assert [dash.league_model.row(r).code for r in range(dash.league_model.rowCount())] == [
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


def test_drafts_only_when_the_checkbox_says_so(qtbot: QtBot, dash: HqDashboard) -> None:
    with qtbot.waitSignal(dash.refreshed, timeout=20_000):
        dash.refresh()
    data = dash.data()
    assert data is not None and data.inspections == 2 and not dash.current_filter().drafts
    assert dash.league_model.row(0).code == "320001"  # the draft does not drop it
    with qtbot.waitSignal(dash.refreshed, timeout=20_000):
        dash.drafts_box.setChecked(True)
    data = dash.data()
    assert dash.current_filter().include_drafts and data is not None
    assert data.inspections == 3 and data.drafts == 1
    nanjing = next(r for r in data.league if r.code == "320001")
    assert nanjing.latest_draft
    row = next(
        i for i in range(dash.league_model.rowCount()) if dash.league_model.row(i).code == "320001"
    )
    assert "[draft]" in dash.league_model.index(row, 2).data()
    assert "draft" in dash.summary_label.text()
