"""Issue 20 §6: one rounding rule (四舍五入) in every output a person reads.

The same branch and inspection are read from the CLI text, ``--json``, the runner's score
panel, the HQ dashboard, the branch PDF, the HQ PDF and the Excel workbook: each shows the
score with two decimals and each percentage with one, rounded half up from the published
two-decimal value (:mod:`inspector.domain.numbers`).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.domain import numbers
from inspector.domain.checklist import RIGHT_NAMES
from inspector.services import demo
from inspector.ui.hq import HqDashboard
from inspector.ui.hq.models import LeagueModel, RightsModel
from inspector.ui.main_window import MainWindow
from inspector.ui.settings import AppSettings

from ..conftest import Cli


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _at_a_half(value: float | None) -> bool:
    """A two-decimal value whose second decimal is 5: where rounding rules disagree."""
    return value is not None and Decimal(repr(value)).as_tuple().digits[-1:] == (5,)


@pytest.fixture
def demo_db(db: Database) -> Database:
    demo.generate(db, inspections=90, seed=3)
    return db


@pytest.fixture
def dash(qtbot: QtBot, demo_db: Database) -> Iterator[HqDashboard]:
    w = HqDashboard(demo_db)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    with qtbot.waitSignal(w.refreshed, timeout=60_000):
        w.refresh()
    yield w
    w.wait_idle()


def test_unit_rule() -> None:
    # The examples of the issue, and binary floats whose digits format() would round down.
    assert numbers.percent(53.85) == "53.9" and numbers.percent(53.846153846) == "53.9"
    assert numbers.score(92.05) == "92.05" and numbers.score(2.675) == "2.68"
    assert numbers.percent(0.05) == "0.1" and numbers.percent(93.55) == "93.6"
    assert numbers.score(92.04499999999999) == "92.05"  # float noise is not a digit
    assert numbers.record(1.005) == 1.01 and numbers.rounded(2.5, 0) == 3.0
    assert numbers.signed_score(1.5) == "+1.50" and numbers.signed_score(-0.004) == "0.00"
    assert numbers.score(None) == "—" and numbers.percent(float("nan")) == "—"
    assert numbers.percent_sign(float("inf"), missing="n/a") == "n/a"
    assert numbers.points(2.5) == "2.5" and numbers.points(3.0) == "3"
    assert numbers.points(1.3333) == "1.33"


def test_one_branch_reads_the_same_in_every_output(
    qtbot: QtBot,
    demo_db: Database,
    dash: HqDashboard,
    run_cli: Cli,
    settings: AppSettings,
    tmp_path: Path,
) -> None:
    rights = json.loads(run_cli.ok("hq", "rights", "--json"))
    # A branch with a right's percent at a half: f"{p:.1f}" and 四舍五入 disagree there.
    row = next(r for r in rights if any(_at_a_half(t["percent"]) for t in r["rights"].values()))
    code, uuid = row["branch"]["code"], row["inspection"]
    right = next(k for k, t in row["rights"].items() if _at_a_half(t["percent"]))
    pct = row["rights"][right]["percent"]
    assert numbers.percent(pct) != f"{pct - 1e-9:.1f}"  # the case that used to differ
    shown_pct = numbers.percent(pct)

    show = json.loads(run_cli.ok("show", uuid, "--json"))
    total = show["score"]["total"]
    shown_total = numbers.score(total)
    sections = {
        sid: numbers.percent_sign(s["percent"])
        for sid, s in show["score"]["sections"].items()
        if s["percent"] is not None
    }
    assert sections

    # CLI text: show, hq, hq rights.
    text = run_cli.ok("show", uuid)
    assert f"score      {shown_total}  grade" in text
    for sid, p in sections.items():
        assert any(sid in line and p in line.split() for line in text.splitlines()), sid
    league_line = next(
        line for line in run_cli.ok("hq", "league").splitlines() if code in line.split()
    )
    summary = json.loads(run_cli.ok("hq", "summary", "--json"))
    latest = next(b for b in summary["per_branch"] if b["code"] == code)["latest_score"]
    assert latest == total and shown_total in league_line.split()
    rights_line = next(
        line for line in run_cli.ok("hq", "rights").splitlines() if line.startswith(code)
    )
    cells = rights_line.split()[1 : 1 + len(RIGHT_NAMES)]
    assert cells[list(RIGHT_NAMES).index(right)] == shown_pct

    # The dashboard: the league's score and the rights tab's percent.
    league = dash.league_model
    li = next(i for i in range(league.rowCount()) if league.row(i).code == code)
    assert league.index(li, LeagueModel.COL_SCORE).data() == shown_total
    rm = dash.rights_model
    ri = next(i for i in range(rm.rowCount()) if rm.row(i).code == code)
    col = RightsModel.FIXED + list(RIGHT_NAMES).index(right)
    assert rm.index(ri, col).data() == shown_pct

    # The app's runner: the live score panel.
    w = MainWindow(demo_db, settings)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    assert w.open_inspection(uuid)
    panel = w.runner.score_panel
    assert panel.total_label.text() == shown_total
    labels = {lbl.text() for lbl in panel.findChildren(type(panel.total_label))}
    assert set(sections.values()) <= labels

    # The branch PDF.
    pdf = tmp_path / "branch.pdf"
    run_cli.ok("report", uuid, "-o", str(pdf), "--lang", "en")
    branch_text = _pdf_text(pdf)
    assert shown_total in branch_text.split()
    for p in sections.values():
        assert p in branch_text.split()

    # The HQ PDF: the league line of the branch and its rights line.
    hq_pdf = tmp_path / "hq.pdf"
    run_cli.ok("hq", "report", "-o", str(hq_pdf), "--lang", "en")
    lines = [line.split() for line in _pdf_text(hq_pdf).splitlines() if code in line.split()]
    assert any(shown_total in words for words in lines)
    assert any(shown_pct in words for words in lines)

    # Excel: cells hold the number as shown, with a format of as many decimals.
    from openpyxl import load_workbook

    xlsx = tmp_path / "hq.xlsx"
    run_cli.ok("hq", "export", "-o", str(xlsx), "--lang", "en")
    wb = load_workbook(xlsx)
    ws = wb["Consumer rights"]
    header = [c.value for c in ws[1]]
    rcol = header.index(RIGHT_NAMES[right].en)
    cell = next(r for r in ws.iter_rows(min_row=2) if r[0].value == code)[rcol]
    assert cell.value == float(shown_pct) and cell.number_format == "0.0"
    ws = wb["League table"]
    header = [c.value for c in ws[1]]
    code_col, score_col = header.index("Code"), header.index("Latest score")
    cell = next(r for r in ws.iter_rows(min_row=2) if r[code_col].value == code)[score_col]
    assert cell.value == float(shown_total) and cell.number_format == "0.00"
