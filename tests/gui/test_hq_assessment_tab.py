"""The dashboard's branch-assessment tab shows what 'hq assess --json' and
'hq rectification --json' print for the same region and period, and explains a row."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.services import demo
from inspector.ui.hq import HqDashboard

from ..conftest import Cli

ASSESS_TAB = 8  # after the review queue (the rectification loop)


@pytest.fixture
def dash(qtbot: QtBot, db: Database) -> Iterator[HqDashboard]:
    demo.generate(db, inspections=120, seed=5)
    w = HqDashboard(db)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    yield w
    w.wait_idle()


def _rows(model: Any) -> list[Any]:
    return [model.row(i).as_dict() for i in range(model.rowCount())]


def test_assessment_tab_equals_the_cli_json(
    qtbot: QtBot, dash: HqDashboard, run_cli: Cli, tmp_path: Any
) -> None:
    with qtbot.waitSignal(dash.refreshed, timeout=60_000):
        dash.refresh()
    assert dash.tabs.tabText(ASSESS_TAB) == "Branch assessment"
    cli = json.loads(run_cli.ok("hq", "assess", "--json"))
    assert cli["rule"]["version"] and len(cli["rule"]["sha256"]) == 64
    assert cli["rows"] and _rows(dash.assess_model) == cli["rows"]
    assert cli["rule"]["version"] in dash.assess_note.text()
    rect = json.loads(run_cli.ok("hq", "rectification", "--json"))
    assert _rows(dash.rectify_model) == rect["branches"] + rect["regions"]

    # A region narrows both, as --region does.
    region = dash.region_box.itemData(1)
    with qtbot.waitSignal(dash.refreshed, timeout=60_000):
        dash.region_box.setCurrentIndex(1)
    by_region = json.loads(run_cli.ok("hq", "assess", "--region", region, "--json"))
    assert _rows(dash.assess_model) == by_region["rows"]
    assert {r["branch"]["region"] for r in by_region["rows"]} == {region}

    # A click explains the row: every component's words, and the score.
    dash.tabs.setCurrentIndex(ASSESS_TAB)
    proxy = dash.assess_view.model()
    assert isinstance(proxy, QSortFilterProxyModel)
    first = by_region["rows"][0]
    dash.assess_view.setCurrentIndex(proxy.index(0, 0))
    text = dash.assess_explain.text()
    assert first["branch"]["code"] in text and f"{first['score']:.2f}" in text
    for c in first["components"]:
        assert c["explain"]["en"] in text
    dash.grab().save("/tmp/hqw/assess.png")


def test_trend_tab_shows_quarters_of_the_league_scope(qtbot: QtBot, dash: HqDashboard) -> None:
    with qtbot.waitSignal(dash.refreshed, timeout=60_000):
        dash.refresh()
    data = dash.data()
    assert data is not None
    assert data.league_scope("en") in dash.trend_title.text()
    monthly = dash.trend_chart.series()
    dash.trend_step_box.setCurrentIndex(dash.trend_step_box.findData("quarter"))
    quarterly = dash.trend_chart.series()
    assert quarterly and quarterly != monthly
    _name, values = quarterly[0]  # all regions
    scope = (data.league_checklist, data.league_mode)
    expected = [
        q.average
        for q in sorted(data.quarters, key=lambda q: q.quarter)
        if (q.checklist_id, q.mode) == scope and q.region == "" and q.average is not None
    ]
    assert [v for v in values if v is not None] == expected
    assert dash.trend_title.text().startswith("Quarterly")


def test_drill_down_from_heatmap_and_assessment(qtbot: QtBot, dash: HqDashboard) -> None:
    from PySide6.QtCore import QPoint

    with qtbot.waitSignal(dash.refreshed, timeout=60_000):
        dash.refresh()
    data = dash.data()
    assert data is not None and data.heatmap.branches
    dash.tabs.setCurrentIndex(0)
    hm = dash.heatmap
    y = hm.row_at(0)
    assert y is None  # the header row opens nothing
    second = hm._header_height() + hm.CELL_H + hm.CELL_H // 2  # the second branch's row
    with qtbot.waitSignal(dash.branch_activated, timeout=5_000) as sig:
        qtbot.mouseDClick(hm, Qt.MouseButton.LeftButton, pos=QPoint(20, second))
    assert sig.args == [data.heatmap.branches[1]]
    dash.tabs.setCurrentIndex(ASSESS_TAB)
    proxy = dash.assess_view.model()
    first = dash.assess_model.row(proxy.mapToSource(proxy.index(0, 0)).row()).code
    with qtbot.waitSignal(dash.branch_activated, timeout=5_000) as sig:
        dash.assess_view.doubleClicked.emit(proxy.index(0, 2))
    assert sig.args == [first]
