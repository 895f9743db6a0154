"""Issue 22 §5: the dashboard's assessment tab counts HQ's published plan with the same
numbers as 'hq coverage --json'."""

from __future__ import annotations

import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.services import demo, keys
from inspector.services.publish.build import publish
from inspector.text import hq_assess as TA
from inspector.ui.hq import HqDashboard

from ..conftest import Cli

ASSESS_TAB = 8


def _plan(db: Database, tmp_path: Path) -> None:
    key = keys.DeviceKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
    (tmp_path / "b.csv").write_text(
        "code,name,region\nPL001,计划测试一支行,上海\nPL002,计划测试二支行,北京\n",
        encoding="utf-8",
    )
    (tmp_path / "plan.csv").write_text(
        "branch,checklist,mode,due,assignee\n"
        "PL001,example,onsite,2026-11-01,张三\n"  # past the tests' 2026-11-20: overdue
        "PL002,example,onsite,2026-12-31,李四\n"
        "PL002,example,mystery,2026-12-31,\n",
        encoding="utf-8",
    )
    publish(
        db,
        tmp_path / "update.hqpack",
        branches_csv=tmp_path / "b.csv",
        plan_file=tmp_path / "plan.csv",
        device=key,
    )


def test_the_dashboard_counts_the_plan_as_hq_coverage_does(
    qtbot: QtBot, db: Database, run_cli: Cli, tmp_path: Path
) -> None:
    demo.generate(db, inspections=20, seed=3)
    _plan(db, tmp_path)
    dash = HqDashboard(db)
    qtbot.addWidget(dash)
    dash.resize(1366, 768)
    with qtbot.waitSignal(dash.refreshed, timeout=60_000):
        dash.refresh()
    dash.wait_idle()
    cov = json.loads(run_cli.ok("hq", "coverage", "--json"))
    c = cov["plan"]["counts"]
    assert (c["total"], c["overdue"], c["due"]) == (3, 1, 2)
    text = dash.plan_note.text()
    assert TA.PLAN_COVERAGE("en", **{k: c[k] for k in TA_KEYS}) in text
    for region, t in c["by_region"].items():
        assert f"{region}: {t['done']}/{t['total']} done, {t['overdue']} overdue" in text
    assert "张三: 0/1 done, 1 overdue" in text and "anyone: 0/1 done, 0 overdue" in text
    # The coverage statement beside it is the CLI's too.
    assert f"{cov['inspected']} of {cov['total']} branches inspected" in text
    dash.tabs.setCurrentIndex(ASSESS_TAB)
    dash.grab().save(str(tmp_path / "plan.png"))


TA_KEYS = ("total", "done", "in_progress", "due", "overdue")
