"""hq rectification and hq assess: the figures, the rule file and its FILE:LINE errors."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector.checklists import ChecklistError
from inspector.db import Database
from inspector.db.models import Finding
from inspector.domain.states import FindingStatus
from inspector.services import branches
from inspector.services.hq import assess as assess_svc
from inspector.services.hq.assess_rule import default_rule_path, load_rule
from inspector.services.hq.rows import HqFilter
from inspector.services.inspections.answering import set_answer
from inspector.services.inspections.lifecycle import create
from inspector.services.inspections.lookup import get
from inspector.services.inspections.signoff import finalize
from tests.conftest import Cli

from .test_hq_repeats import _inspect

RULE = """\
id: test
version: "t1"
title: {zh: 测试规则, en: Test rule}
components:
  onsite: {weight: 50, checklists: [example]}
  mystery: {weight: 20, measure: absolute}
  rectification: {weight: 30}
penalties:
  repeat: {points: 2, cap: 10}
  redline: {points: 5, cap: 20}
  overdue: {points: 1, cap: 10}
missing: reweight
"""


@pytest.fixture
def rectified(db: Database) -> str:
    return _make_rectified(db)


def _make_rectified(db: Database) -> str:
    """SZ003: one inspection 60 days ago failing three items: one closed on time, one
    closed late, one still open past its deadline. SH001 has nothing."""
    uuid = _inspect(db, days=-60, fail=("ex.polite", "ex.reading", "ex.counter_height"))
    with db.session() as s:
        branches.create(s, code="SH001", name="上海分行浦东支行", region="上海")
        insp = get(s, uuid)
        by = {f.item_id: f for f in insp.findings}
        start = insp.started_at
        for item, late in (("ex.polite", -1), ("ex.reading", 5)):
            f = by[item]
            assert f.deadline is not None
            f.status = FindingStatus.CLOSED
            f.closed_at = start.replace(
                year=f.deadline.year, month=f.deadline.month, day=f.deadline.day
            ) + timedelta(days=late)
        f = by["ex.counter_height"]
        f.deadline = start.date() + timedelta(days=10)  # long past
    return uuid


def test_rectification_figures(db: Database, run_cli: Cli, rectified: str) -> None:
    data = json.loads(run_cli.ok("hq", "rectification", "--json"))
    rows = {r["branch"]["code"]: r for r in data["branches"]}
    sz = rows["SZ003"]
    assert (sz["opened"], sz["closed"], sz["closed_on_time"], sz["overdue"]) == (3, 2, 1, 1)
    assert sz["closure_rate"] == pytest.approx(66.67, abs=0.01)
    assert sz["on_time_rate"] == pytest.approx(33.33, abs=0.01)
    with db.session() as s:
        days = sorted(
            (f.closed_at.date() - get(s, rectified).started_at.date()).days
            for f in s.scalars(select(Finding).where(Finding.status == FindingStatus.CLOSED))
            if f.closed_at is not None
        )
    assert sz["median_days_to_close"] == sum(days) / 2
    # A branch with no findings is listed with zeros and no rates.
    assert rows["SH001"]["opened"] == 0 and rows["SH001"]["closure_rate"] is None
    regions = {r["region"]: r for r in data["regions"]}
    assert regions["深圳"]["opened"] == 3 and regions["深圳"]["branches"] == 1
    assert "overdue as of 2026-11-20" in run_cli.ok("hq", "rectification")


def test_assessment_explains_every_point(
    db: Database, run_cli: Cli, rectified: str, tmp_path: Path
) -> None:
    rule = tmp_path / "rule.yaml"
    rule.write_text(RULE, encoding="utf-8")
    data = json.loads(run_cli.ok("hq", "assess", "--rule", str(rule), "--json"))
    assert data["rule"]["version"] == "t1"
    assert data["rule"]["sha256"] == hashlib.sha256(RULE.encode()).hexdigest()
    rows = {r["branch"]["code"]: r for r in data["rows"]}
    sh = rows["SH001"]
    assert sh["score"] is None and sh["rank"] is None and sh["components"] == []
    sz = rows["SZ003"]
    assert sz["rank"] == 1 and sz["region_rank"] == 1
    comps = {c["id"]: c for c in sz["components"]}
    # No mystery visit: left out, the others scaled up to 100 (50 and 30 of 80).
    assert comps["mystery"]["points"] is None and comps["mystery"]["weight"] is None
    assert comps["onsite"]["weight"] == 62.5 and comps["rectification"]["weight"] == 37.5
    avg = comps["onsite"]["inputs"]["average"]
    assert comps["onsite"]["points"] == pytest.approx(62.5 * avg / 100, abs=0.01)
    assert comps["rectification"]["inputs"] == {
        "opened": 3,
        "due": 3,
        "closed_on_time": 1,
        "on_time_rate": 33.33,
    }
    assert comps["rectification"]["points"] == pytest.approx(12.5, abs=0.01)
    assert comps["overdue"]["points"] == -1 and comps["overdue"]["inputs"]["count"] == 1
    total = sum(c["points"] or 0 for c in sz["components"])
    assert sz["score"] == pytest.approx(max(0.0, total), abs=0.011)
    # The text output names the rule and explains on request.
    text = run_cli.ok("hq", "assess", "--rule", str(rule), "--explain")
    stamp = f"assessment rule “Test rule” version t1 (SHA-256 {data['rule']['sha256'][:16]}…)"
    assert text.splitlines()[0] == stamp
    assert comps["rectification"]["explain"]["en"] in text


def test_period_and_region(db: Database, run_cli: Cli, rectified: str, tmp_path: Path) -> None:
    rule = tmp_path / "rule.yaml"
    rule.write_text(RULE, encoding="utf-8")
    # The inspection was 60 days before 2026-11-20: in 2026Q3, not in 2026Q4.
    q3 = json.loads(run_cli.ok("hq", "assess", "--rule", str(rule), "--period", "2026Q3", "--json"))
    q4 = json.loads(run_cli.ok("hq", "assess", "--rule", str(rule), "--period", "2026Q4", "--json"))
    assert q3["period"] == {"from": "2026-07-01", "to": "2026-09-30"}
    assert [r["rank"] for r in q3["rows"] if r["branch"]["code"] == "SZ003"] == [1]
    assert all(r["rank"] is None for r in q4["rows"])
    shanghai = json.loads(
        run_cli.ok("hq", "assess", "--rule", str(rule), "--region", "上海", "--json")
    )
    assert [r["branch"]["code"] for r in shanghai["rows"]] == ["SH001"]
    bad = run_cli("hq", "assess", "--period", "2026Q5")
    assert bad.exit_code != 0 and "2026Q5" in bad.output and "Traceback" not in bad.output
    both = run_cli("hq", "assess", "--period", "2026Q4", "--from", "2026-10-01")
    assert both.exit_code != 0 and "--period" in both.output


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("weight: 30}", "weight: 40}"), 4, "add up to 110"),
        (("missing: reweight", "missing: reweight\nbonus: 3"), 13, "unknown key 'bonus'"),
        (("cap: 20}", "cap: -1}"), 10, "penalties.redline.cap"),
        (("measure: absolute", "measure: median"), 6, "components.mystery.measure"),
    ],
)
def test_rule_mistakes_name_their_line(
    run_cli: Cli, tmp_path: Path, change: tuple[str, str], line: int, words: str
) -> None:
    rule = tmp_path / "rule.yaml"
    rule.write_text(RULE.replace(*change), encoding="utf-8")
    with pytest.raises(ChecklistError) as err:
        load_rule(rule)
    assert f"{rule}:{line}: " in str(err.value) and words in str(err.value)
    r = run_cli("hq", "assess", "--rule", str(rule))
    assert r.exit_code != 0 and f"{rule}:{line}:" in r.output and "Traceback" not in r.output


def test_shipped_rule_loads() -> None:
    loaded = load_rule()
    assert loaded.file == str(default_rule_path())
    c = loaded.rule.components
    assert c.onsite.weight + c.mystery.weight + c.rectification.weight == 100


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2026Q4", ("2026-10-01", "2026-12-31")),
        ("2026-q1", ("2026-01-01", "2026-03-31")),
        ("2026-02", ("2026-02-01", "2026-02-28")),
        ("2026", ("2026-01-01", "2026-12-31")),
    ],
)
def test_periods(text: str, span: tuple[str, str]) -> None:
    a, b = assess_svc.parse_period(text)
    assert (a.isoformat(), b.isoformat()) == span


def test_hq_report_can_be_filed_and_signed(
    db: Database, run_cli: Cli, rectified: str, tmp_path: Path
) -> None:
    from PIL import Image
    from pypdf import PdfReader

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (180, 20, 40)).save(logo)
    run_cli.ok("settings", "set", "org.name", "某某银行消保部")
    run_cli.ok("settings", "set", "org.logo", str(logo))
    pdf = tmp_path / "hq.pdf"
    run_cli.ok(
        "hq",
        "report",
        "-o",
        str(pdf),
        "--lang",
        "zh",
        "--number",
        "消保〔2026〕12号",
        "--classification",
        "内部",
    )
    reader = PdfReader(str(pdf))
    pages = [p.extract_text() for p in reader.pages]
    for text in pages:  # every page's header says how it is filed
        assert "密级：内部" in text and "文号：消保〔2026〕12号" in text
    assert "某某银行消保部" in pages[0]
    assert any(reader.pages[0].images)  # the logo
    last = pages[-1]
    for word in ("编制与签发", "编制单位：某某银行消保部", "编制", "审核", "签发", "（盖章）"):
        assert word in last
    # Without a number or classification the header has neither.
    plain = tmp_path / "plain.pdf"
    run_cli.ok("hq", "report", "-o", str(plain), "--lang", "en")
    first = PdfReader(str(plain)).pages[0].extract_text()
    assert "Classification" not in first and "Ref." not in first


def test_counts_and_measures_are_numbers_in_the_answer_sheets(
    db: Database, run_cli: Cli, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    with db.session() as s:
        branches.create(s, code="GZ001", name="广州分行天河支行", region="广州")
        insp = create(s, branch_code="GZ001", checklist_id="accessibility", inspector="t")
        set_answer(s, insp, "acc.ramp_slope", value=10.5, actor="t")  # steeper: fails
        set_answer(s, insp, "acc.sign_language_staff", value=3, actor="t")
        finalize(s, insp, by="t", manager_name="m", force=True)
    out = tmp_path / "hq.xlsx"
    run_cli.ok("hq", "export", "-o", str(out), "--lang", "en")
    wb = load_workbook(out)
    ws = next(wb[n] for n in wb.sheetnames if n.startswith("Answers-Accessibility"))
    head = [c.value for c in ws[1]]
    row = [c.value for c in ws[2]]
    slope = next(i for i, h in enumerate(head) if h.startswith("Wheelchair ramp no steeper"))
    assert row[slope] == 10.5 and ws.cell(2, slope + 1).data_type == "n"
    assert head[slope + 1].endswith("(result)") and row[slope + 1] == "fail"
    staff = next(i for i, h in enumerate(head) if h and "sign language" in h.lower())
    assert row[staff] == 3 and row[staff + 1] == "pass"


def test_json_times_are_in_the_readers_zone(
    db: Database, run_cli: Cli, rectified: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = json.loads(run_cli.ok("list", "--json"))
    shown = json.loads(run_cli.ok("show", rectified, "--json"))
    closed = [f["closed_at"] for f in shown["findings"] if f["closed_at"]]
    times = [listed[0]["started_at"], shown["started_at"], shown["finalized_at"], *closed]
    assert closed and all(t.endswith("+08:00") for t in times), times
    monkeypatch.setenv("INSPECTOR_TZ", "UTC")
    again = json.loads(run_cli.ok("show", rectified, "--json"))
    assert again["started_at"].endswith("+00:00")
    from datetime import datetime

    # The same instant either way.
    assert datetime.fromisoformat(again["started_at"]) == datetime.fromisoformat(
        shown["started_at"]
    )


def test_rectification_figures_on_either_backend(any_db: Database) -> None:
    from inspector.services.hq import rectify

    uuid = _make_rectified(any_db)
    with any_db.read_session() as s:
        data = rectify.figures(s, HqFilter())
        started = get(s, uuid).started_at
        closed = sorted(f.closed_at for f in get(s, uuid).findings if f.closed_at is not None)
    sz = next(r for r in data.branches if r.code == "SZ003")
    assert (sz.opened, sz.closed, sz.closed_on_time, sz.overdue, sz.due) == (3, 2, 1, 1, 3)
    days = [(c.date() - started.date()).days for c in closed]  # 10:00 local: same day in UTC
    assert sz.median_days_to_close == sum(days) / 2
