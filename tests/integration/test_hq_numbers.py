"""One truth in the numbers: stored scores, league rules, drafts, titles, times, and the
HQ PDF and Excel read back."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector.db import Database
from inspector.db.models import Answer as AnswerRow
from inspector.db.models import Inspection
from inspector.domain import timefmt
from inspector.errors import ValidationError
from inspector.services import branches, demo
from inspector.services.hq import items as hq_items
from inspector.services.hq import league as hq_league
from inspector.services.hq import load as hq_load
from inspector.services.hq import rectification as hq_rectification
from inspector.services.hq import score_check as hq_score_check
from inspector.services.hq import tables as hq_tables
from inspector.services.hq import trend as hq_trend
from inspector.services.hq.rows import HqFilter
from inspector.services.inspections import answering, lifecycle, lookup, signoff
from inspector.services.inspections import scoring as insp_scoring
from inspector.text import hq as TH
from tests.conftest import Cli
from tests.pdfs import outline

LEAGUE_KEYS = {
    "rank",
    "branch",
    "score",
    "grade",
    "passed",
    "veto_failed",
    "inspections",
    "checklist",
}


# ---------------------------------------------------------------- stored score = engine
def test_demo_scores_are_what_the_engine_gives_for_the_stored_data(db: Database) -> None:
    demo.generate(db, inspections=120, seed=5)
    with db.session() as s:
        assert hq_score_check.score_check(s, HqFilter()) == []
        mystery = list(s.scalars(select(Inspection).where(Inspection.mode == "mystery")))
        assert len(mystery) > 5
        for insp in mystery:
            # What the per-inspection PDF prints is compute_score(); it must be the stored one.
            assert insp_scoring.compute_score(insp).total == pytest.approx(
                insp.score_total, abs=1e-3
            )
            result = insp_scoring.compute_score(insp)
            hidden = {i for i, it in result.items.items() if it.outcome.value == "hidden"}
            stored = set(
                s.scalars(select(AnswerRow.item_id).where(AnswerRow.inspection_id == insp.id))
            )
            assert not (hidden & stored)  # no answers to items the scenario hides


def test_integrity_reports_a_stored_score_that_differs(db: Database, run_cli: Cli) -> None:
    demo.generate(db, inspections=20, seed=1)
    with db.session() as s:
        insp = s.scalars(select(Inspection).order_by(Inspection.id)).first()
        assert insp is not None and insp.score_total is not None
        true_total = insp.score_total
        insp.score_total = true_total + 4.53
        uuid = insp.uuid
    rows = json.loads(run_cli.ok("hq", "integrity", "--json"))
    bad = [r for r in rows if r["kind"] == "score_mismatch"]
    assert [r["inspection"] for r in bad] == [uuid]
    assert bad[0]["rescored"]["total"] == pytest.approx(true_total, abs=0.01)
    assert bad[0]["stored"]["total"] == pytest.approx(true_total + 4.53, abs=0.01)
    text = run_cli.ok("hq", "integrity", "--lang", "zh")
    assert "得分存储为" in text and "得分不符 1 份检查" in text
    assert "score_mismatch" not in run_cli.ok("hq", "integrity", "--skip-scores")


# ---------------------------------------------------------------- league rules
def _finalized(s: object, code: str, checklist: str, answers: dict[str, dict[str, str]]) -> str:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    insp = lifecycle.create(
        s, branch_code=code, checklist_id=checklist, answers=answers, inspector="t"
    )
    signoff.finalize(s, insp, by="t", force=True)
    return insp.uuid


def _league_db(db: Database) -> None:
    with db.session() as s:
        branches.create(s, code="A01", name="甲支行", region="华东")
        branches.create(s, code="B01", name="乙支行", region="华东")
        branches.create(s, code="C01", name="丙支行", region="华北")
        branches.create(s, code="D01", name="丁支行", region="华北")
        # A: a high total but the red line (price list) failed; B: lower, but passed.
        _finalized(
            s,
            "A01",
            "disclosure",
            {"dis.price_list": {"result": "fail"}, "dis.fee_waivers": {"result": "pass"}},
        )
        _finalized(
            s,
            "B01",
            "disclosure",
            {"dis.price_list": {"result": "pass"}, "dis.fee_waivers": {"result": "fail"}},
        )
        _finalized(s, "B01", "accessibility", {"acc.low_counter": {"result": "pass"}})
        # C only has an accessibility visit: not compared with disclosure scores.
        _finalized(s, "C01", "accessibility", {"acc.low_counter": {"result": "fail"}})


def test_red_line_failure_never_ranks_above_a_pass(db: Database, run_cli: Cli) -> None:
    _league_db(db)
    with db.session() as s:
        rows = hq_league.league(s, HqFilter(checklist_id="disclosure", mode="onsite"))
    a, b = (next(r for r in rows if r.code == c) for c in ("A01", "B01"))
    assert a.veto_failed > 0 and not a.latest_passed and b.latest_passed
    assert b.rank == 1 and a.rank == 2
    out = json.loads(run_cli.ok("hq", "league", "--checklist", "disclosure", "--json"))
    assert all(set(r) >= LEAGUE_KEYS for r in out)
    assert set(out[0]["branch"]) == {"code", "name", "region"}
    ranked = [(r["rank"], r["branch"]["code"], r["passed"]) for r in out if r["rank"]]
    assert ranked == [(1, "B01", True), (2, "A01", False)]
    assert {r["checklist"] for r in out} == {"disclosure"}
    # Branches with no disclosure inspection are listed apart, unranked, never "worst".
    assert {r["branch"]["code"] for r in out if r["rank"] is None} == {"C01", "D01"}
    assert all(r["score"] is None for r in out if r["rank"] is None)
    text = run_cli.ok("hq", "league", "--checklist", "disclosure")
    assert "not ranked, no such inspection in this selection (2)" in text
    assert text.index("B01") < text.index("A01") < text.index("not ranked")


def test_league_compares_one_checklist_and_mode(db: Database, run_cli: Cli) -> None:
    _league_db(db)
    out = json.loads(run_cli.ok("hq", "league", "--json"))
    # No comprehensive inspection here: the pair with the most inspections is compared.
    (cid,) = {r["checklist"] for r in out}
    assert cid in ("disclosure", "accessibility") and {r["mode"] for r in out} == {"onsite"}
    acc = json.loads(run_cli.ok("hq", "league", "--checklist", "accessibility", "--json"))
    assert [r["branch"]["code"] for r in acc if r["rank"]] == ["B01", "C01"]
    with db.session() as s:
        _finalized(s, "D01", "comprehensive", {"dis.price_list": {"result": "pass"}})
    out = json.loads(run_cli.ok("hq", "league", "--json"))
    assert [(r["branch"]["code"], r["checklist"]) for r in out if r["rank"]] == [
        ("D01", "comprehensive")
    ]
    # A region without comprehensive visits compares what it has, still one checklist.
    east = json.loads(run_cli.ok("hq", "league", "--region", "华东", "--json"))
    assert {r["checklist"] for r in east} == {"disclosure"}
    assert [r["branch"]["code"] for r in east if r["rank"]] == ["B01", "A01"]
    with db.session() as s:
        data = hq_load.load(s)
    assert [r.code for r in data.ranked()] == ["D01"]
    assert data.heatmap.value("B01", "accessibility") is not None  # per-area view: all areas


# ---------------------------------------------------------------- times and titles
def test_time_formatting_is_local_with_zone() -> None:
    tz = timefmt.zone(None)
    at = datetime(2026, 3, 4, 23, 30, tzinfo=UTC)
    assert timefmt.fmt_datetime(at, tz) == "2026-03-05 07:30 UTC+08:00"
    assert timefmt.local_date(at, tz).isoformat() == "2026-03-05"
    assert timefmt.fmt_datetime(at, timefmt.zone("UTC")) == "2026-03-04 23:30 UTC+00:00"
    assert timefmt.fmt_datetime(at, timefmt.zone("-05:00")).endswith("18:30 UTC-05:00")
    assert timefmt.human_duration(timedelta(minutes=978)) == "16 h 18 min"
    assert timefmt.human_duration(timedelta(minutes=978), "zh") == "16 小时 18 分钟"
    assert timefmt.human_duration(timedelta(days=3, hours=2)) == "3 d 2 h"
    assert timefmt.human_duration(timedelta(minutes=45)) == "45 min"
    with pytest.raises(ValidationError, match="unknown time zone"):
        timefmt.zone("Mars/Olympus")


def test_integrity_rows_read_as_people_write(db: Database, run_cli: Cli) -> None:
    from tests.integration.test_hq_views import _photo

    with db.session() as s:
        branches.create(s, code="A01", name="甲支行", region="华东")
        uuid = _finalized(s, "A01", "accessibility", {"acc.entrance_access": {"result": "pass"}})
        insp = lookup.get(s, uuid)
        _photo(s, insp, "e" * 64, insp.started_at - timedelta(minutes=978))
    flags = json.loads(run_cli.ok("hq", "integrity", "--json"))
    (flag,) = [f for f in flags if f["kind"] == "outside_visit"]
    assert flag["detail"].startswith("taken 16 h 18 min before the visit")
    assert "UTC+08:00" in flag["detail"] and flag["taken_at"].endswith("+08:00")
    assert flag["item_title"]["zh"].startswith("出入口")
    assert "拍摄于检查开始前 16 小时 18 分钟" in run_cli.ok("hq", "integrity", "--lang", "zh")
    utc = json.loads(run_cli.ok("hq", "--tz", "UTC", "integrity", "--json"))
    assert [f["taken_at"][-6:] for f in utc if f["kind"] == "outside_visit"] == ["+00:00"]
    bad = run_cli("hq", "league", "--tz", "Nowhere/City")
    assert bad.exit_code == 1 and bad.stderr.startswith("error: ") and "time zone" in bad.stderr


# ---------------------------------------------------------------- PDF and Excel read back
def _report_db(db: Database) -> None:
    demo.generate(db, inspections=90, seed=2)
    with db.session() as s:  # one draft, to see it marked when drafts are included
        insp = lifecycle.create(s, branch_code="SH001", checklist_id="comprehensive", inspector="t")
        answering.set_answer(s, insp, "dis.price_list", result="fail")


_HEX_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}\b")


def test_hq_pdf_reads_back(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    _report_db(db)
    pdf = tmp_path / "hq-zh.pdf"
    run_cli.ok("hq", "report", "-o", str(pdf), "--lang", "zh")
    reader = PdfReader(str(pdf))
    pages = [p.extract_text() for p in reader.pages]
    n = len(pages)
    assert n >= 3
    for i, text in enumerate(pages, start=1):
        assert f"第 {i} 页 / 共 {n} 页" in text
        for line in text.splitlines():
            assert not line.startswith(("，", "。")), line
        # No English in a Chinese report: letters only in inspection ids and branch codes.
        rest = _HEX_ID.sub("", text)
        rest = re.sub(r"\b[A-Z]{2}\d{3}\b|UTC[+-]\d\d:\d\d|LED", "", rest)  # LED屏: content
        rest = re.sub(r"SHA-256 [0-9a-f]{16}", "", rest)  # the assessment rule's hash
        assert not re.search(r"[A-Za-z]{3,}", rest), re.search(r".{20}[A-Za-z]{3,}.{20}", rest)
    first = pages[0]
    for words in ("统计期间", "检查次数", "区域汇总", "得分趋势", "上海分行"):
        assert words in first
    # Text order: the first page, then the league, then the long lists.
    whole = "\n".join(pages)
    assert whole.index("区域汇总") < whole.index("网点排名") < whole.index("逾期未整改")
    # Every bookmark opens the page its heading is printed on.
    marks = outline(reader)
    titles = [t for t, _ in marks]
    assert "网点排名" in titles and "逾期未整改" in titles and "上海分行（" in "".join(titles)
    assert len({p for _, p in marks}) > 3  # not all on page 1
    for title, page in marks:
        assert title in pages[page].replace("\n", ""), (title, page)
    # Inspection ids are printed whole on one line (never wrapped).
    ids = set(_HEX_ID.findall(whole))
    assert ids
    with db.session() as s:
        uuids = {u[:13] for u in s.scalars(select(Inspection.uuid))}
    assert ids <= uuids


def test_hq_pdf_marks_drafts_on_every_page(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    _report_db(db)
    plain, drafts = tmp_path / "p.pdf", tmp_path / "d.pdf"
    run_cli.ok("hq", "report", "-o", str(plain), "--lang", "zh")
    run_cli.ok("hq", "report", "-o", str(drafts), "--lang", "zh", "--include-drafts")
    assert all("草稿" not in p.extract_text() for p in PdfReader(str(plain)).pages)
    pages = PdfReader(str(drafts)).pages
    assert all("本报告含 1 份草稿" in p.extract_text() for p in pages)
    assert any("\n草稿" in p.extract_text() or " 草稿" in p.extract_text() for p in pages[1:])


def test_hq_excel_reads_back(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _report_db(db)
    xlsx = tmp_path / "hq.xlsx"
    run_cli.ok("hq", "export", "-o", str(xlsx), "--lang", "zh")
    wb = load_workbook(xlsx)
    names = wb.sheetnames
    assert names[:3] == ["汇总", "区域汇总", "网点排名"]
    assert "整改跟踪" in names and "答卷-综合现场检查" in names
    assert all(not re.search(r"[A-Za-z]", n) for n in names)
    summary = {r[0]: r[1] for r in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["检查次数"] == 90 and "UTC+08:00" in summary["生成时间"]
    ws = wb["整改跟踪"]
    header = [c.value for c in ws[1]]
    for col in ("检查日期", "检查项", "整改措施", "状态", "整改完成日期"):
        assert col in header
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    status, closed_on, item = (header.index(c) for c in ("状态", "整改完成日期", "检查项"))
    closed = [r for r in rows if r[status] == "已整改"]
    assert closed and all(r[closed_on] is not None for r in closed)  # closed ones, with date
    # Titles, not item ids ("1.20米" in a title is fine; "acc.ramp_width" is not).
    assert all(not re.fullmatch(r"[a-z]+\.[a-z0-9_]+", r[item] or "") for r in rows[:50])
    assert any(re.search(r"[\u4e00-\u9fff]", r[item] or "") for r in rows[:50])
    answers = wb["答卷-综合现场检查"]
    head = [c.value for c in answers[1]]
    assert "服务价格（收费价目表）在醒目位置公示" in head
    values = {v for r in answers.iter_rows(min_row=2, values_only=True) for v in r[9:]}
    # Items are 符合 / 不符合; 合格 / 不合格 name grades only.
    assert {"符合", "不符合"} <= values
    assert not {"合格", "不合格"} & values
    en = tmp_path / "hq-en.xlsx"
    run_cli.ok("hq", "export", "-o", str(en), "--lang", "en")
    assert load_workbook(en).sheetnames[:3] == ["Summary", "Regions", "League table"]


def test_months_and_days_are_local(db: Database) -> None:
    with db.session() as s:
        branches.create(s, code="A01", name="甲支行", region="华东")
        uuid = _finalized(s, "A01", "accessibility", {"acc.low_counter": {"result": "pass"}})
        # 18:30 UTC on 28 February is 02:30 on 1 March in Shanghai.
        lookup.get(s, uuid).started_at = datetime(2026, 2, 28, 18, 30, tzinfo=UTC)
    with db.session() as s:
        data = hq_load.load(s)
        assert [p.period for p in data.trend if p.region == ""] == ["2026-03"]
        assert hq_league.counts(s, HqFilter(date_from=datetime(2026, 3, 1).date()))[0] == 1
        utc = HqFilter(tz="UTC")
        assert [p.period for p in hq_trend.trend(s, utc) if p.region == ""] == ["2026-02"]
        assert (
            hq_league.counts(s, HqFilter(date_from=datetime(2026, 3, 1).date(), tz="UTC"))[0] == 0
        )
    (row,) = data.ranked()
    assert row.as_dict(data.tz)["latest_at"].startswith("2026-03-01T02:30:00+08:00")


def test_hq_import_scores_mystery_visits_with_their_scenario(db: Database, tmp_path: Path) -> None:
    from inspector.db import open_database
    from inspector.services.exchange import export as exchange_export

    demo.generate(db, inspections=40, seed=9)
    folder = tmp_path / "out"
    folder.mkdir()
    assert exchange_export.write_all(db, folder)
    hq_cli = Cli(tmp_path / "hq.sqlite3")
    r = hq_cli("import", str(folder))
    assert r.exit_code == 0, r.output
    with db.session() as s:
        device = {i.uuid: i.score_total for i in s.scalars(select(Inspection))}
    hq_db = open_database(tmp_path / "hq.sqlite3")
    try:
        with hq_db.session() as s:
            imported = list(s.scalars(select(Inspection)))
            assert any(i.mode == "mystery" and i.visit.get("scenario") for i in imported)
            for i in imported:
                assert i.score_total == pytest.approx(device[i.uuid], abs=1e-3), i.uuid
            assert hq_score_check.score_check(s, HqFilter()) == []
    finally:
        hq_db.dispose()


def test_repair_scores_restores_the_engine_result_and_audits(db: Database, run_cli: Cli) -> None:
    from inspector.db.models import AuditEntry

    demo.generate(db, inspections=15, seed=4)
    with db.session() as s:
        insp = s.scalars(select(Inspection).order_by(Inspection.id)).first()
        assert insp is not None and insp.score_total is not None
        right, uuid = insp.score_total, insp.uuid
        insp.score_total = 12.0
    out = run_cli.ok("hq", "integrity", "--repair-scores")
    assert "stored score repaired for 1 inspection(s)" in out
    with db.session() as s:
        fixed = s.scalars(select(Inspection).where(Inspection.uuid == uuid)).one()
        assert fixed.score_total == pytest.approx(right, abs=1e-3)
        (entry,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "rescore")).all()
        assert entry.key == uuid and entry.old["total"] == 12.0
    assert not [
        r
        for r in json.loads(run_cli.ok("hq", "integrity", "--json"))
        if r["kind"] == "score_mismatch"
    ]
    both = run_cli("hq", "integrity", "--skip-scores", "--repair-scores")
    assert both.exit_code == 1 and both.stderr.startswith("error: ")


def test_red_line_failures_are_counted_beyond_the_listed_rows(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The veto table lists the newest VETO_ROWS; the count in the summaries is all of them,
    and equals the regions' sum (it once counted the capped list)."""
    demo.generate(db, inspections=150, seed=3)
    monkeypatch.setattr(hq_items, "VETO_ROWS", 5)
    monkeypatch.setattr(hq_items.veto_failures, "__defaults__", (5,))
    with db.read_session() as s:
        data = hq_load.load(s, HqFilter())
    assert len(data.vetoes) == 5
    assert data.veto_total > 5
    assert data.veto_total == sum(r.vetoes for r in data.regions)
    content = hq_tables.report_content(data, "en")
    summary = dict(content.summary)
    assert summary[TH.SUMMARY["vetoes"]("en")] == str(data.veto_total)
    (veto_table,) = [t for t in hq_tables.tables(data, "en") if t.name == "veto_failures"]
    assert f"newest 5 of {data.veto_total}" in veto_table.note


def test_hq_findings_take_the_dashboards_checklist_and_mode(db: Database, run_cli: Cli) -> None:
    """The dashboard's findings tab applies its checklist and mode boxes; the CLI can too."""
    demo.generate(db, inspections=80, seed=2)
    every = json.loads(run_cli.ok("hq", "findings", "--json"))
    acc = json.loads(run_cli.ok("hq", "findings", "--json", "--checklist", "accessibility"))
    with db.read_session() as s:
        same = hq_rectification.findings(s, HqFilter(checklist_id="accessibility"))
    assert 0 < len(acc) < len(every)
    assert [r["item"] for r in acc] == [r.item_id for r in same]
    assert all(r["item"].startswith("acc.") for r in acc), acc[:3]
