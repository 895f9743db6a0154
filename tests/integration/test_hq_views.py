"""HQ views, rectification, integrity, report and export on a small real database."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector import clock
from inspector.db import Database
from inspector.db.models import AuditEntry, Blob, Finding, Inspection, Photo
from inspector.domain import numbers
from inspector.errors import ValidationError
from inspector.services import branches
from inspector.services.findings.closing import close_findings_by_recheck
from inspector.services.hq import integrity as hq_integrity
from inspector.services.hq import items as hq_items
from inspector.services.hq import league as hq_league
from inspector.services.hq import load as hq_load
from inspector.services.hq import rectification as hq_rectification
from inspector.services.hq.rows import HqFilter
from inspector.services.inspections import answering, lifecycle, lookup, signoff
from tests.conftest import Cli

FAIL_BOTH = {
    "acc.entrance_access": {"result": "fail"},
    "acc.priority_window": {"result": "fail"},
    "acc.low_counter": {"result": "pass"},
}
PASS_ONE = {
    "acc.entrance_access": {"result": "pass"},
    "acc.priority_window": {"result": "fail"},
    "acc.low_counter": {"result": "pass"},
}


DRAFTS = HqFilter(include_drafts=True)


def _setup(db: Database, *, finalize: bool = True) -> dict[str, str]:
    """Three branches; two finalized inspections (HQ counts finalized ones by default)."""
    with db.session() as s:
        branches.create(s, code="310001", name="上海<b>营业部", region="上海")
        branches.create(s, code="320001", name="南京支行", region="江苏")
        branches.create(s, code="330001", name="杭州支行", region="浙江")
        a = lifecycle.create(
            s, branch_code="310001", checklist_id="accessibility", answers=FAIL_BOTH, inspector="t"
        )
        b = lifecycle.create(
            s, branch_code="320001", checklist_id="accessibility", answers=PASS_ONE, inspector="t"
        )
        b.trusted = False
        if finalize:
            signoff.finalize(s, a, by="t", force=True)
            signoff.finalize(s, b, by="t", force=True)
        return {"a": a.uuid, "b": b.uuid}


def test_league_latest_trend_and_untrusted(db: Database) -> None:
    ids = _setup(db)
    with db.session() as s:
        first = lookup.get(s, ids["a"])
        first.started_at = clock.now() - timedelta(days=40)
        second = lifecycle.create(
            s, branch_code="310001", checklist_id="accessibility", answers=PASS_ONE, inspector="t"
        )
        signoff.finalize(s, second, by="t", force=True)
    with db.session() as s:
        rows = {r.code: r for r in hq_league.league(s, HqFilter())}
        total, _ = hq_league.counts(s, HqFilter())
    assert total == 3
    sh = rows["310001"]
    assert sh.inspections == 2
    assert sh.latest_score is not None and sh.previous_score is not None
    assert sh.trend == pytest.approx(sh.latest_score - sh.previous_score)
    assert sh.trend > 0  # the second visit passed more items
    assert len(sh.history) == 2 and sh.history[-1] == pytest.approx(sh.latest_score)
    assert rows["320001"].untrusted == 1 and sh.untrusted == 0
    assert rows["330001"].latest_score is None and rows["330001"].rank is None
    assert {rows["310001"].rank, rows["320001"].rank} == {1, 2}


def test_only_current_revisions_count(db: Database) -> None:
    ids = _setup(db)
    with db.session() as s:
        insp = lookup.get(s, ids["b"])
        new = lifecycle.amend(s, insp, reason="fix", actor="t")
        answering.set_answer(s, new, "acc.priority_window", result="pass", actor="t")
    with db.session() as s:
        total, _ = hq_league.counts(s, DRAFTS)
        rows = {r.code: r for r in hq_league.league(s, DRAFTS)}
        failing = {f.item_id: f.failures for f in hq_items.failing_items(s, DRAFTS, total)}
    assert total == 2
    assert rows["320001"].inspections == 1
    assert failing["acc.priority_window"] == 1  # the amended revision passes it


def test_filters_region_period_mode_checklist(db: Database) -> None:
    _setup(db)
    with db.session() as s:
        assert hq_league.counts(s, HqFilter(region="江苏"))[0] == 1
        assert [r.code for r in hq_league.league(s, HqFilter(region="江苏"))] == ["320001"]
        assert hq_league.counts(s, HqFilter(mode="mystery"))[0] == 0
        assert hq_league.counts(s, HqFilter(checklist_id="public-education"))[0] == 0
        assert hq_league.counts(s, HqFilter(checklist_id="accessibility"))[0] == 2
        future = clock.local_today() + timedelta(days=3)
        assert hq_league.counts(s, HqFilter(date_from=future))[0] == 0
        assert hq_league.counts(s, HqFilter(date_to=future))[0] == 2


def test_heatmap_failing_items_and_trend(db: Database) -> None:
    _setup(db)
    with db.session() as s:
        data = hq_load.load(s)
    hm = data.heatmap
    assert hm.areas == ["accessibility"]
    assert set(hm.branches) == {"310001", "320001"}
    assert hm.value("310001", "accessibility") is not None
    assert hm.value("310001", "accessibility") < hm.value("320001", "accessibility")  # type: ignore[operator]
    top = data.failing[0]
    assert top.item_id == "acc.priority_window" and top.failures == 2 and top.branches == 2
    assert top.share == pytest.approx(100.0)
    assert "优先" in top.text_zh
    overall = [p for p in data.trend if p.region == ""]
    assert len(overall) == 1 and overall[0].inspections == 2


def test_recheck_closes_only_passing_findings_and_audits(db: Database) -> None:
    ids = _setup(db)
    with db.session() as s:
        re = lifecycle.create(
            s,
            branch_code="310001",
            checklist_id="accessibility",
            answers=PASS_ONE,
            inspector="t",
            recheck_of=ids["a"],
        )
        closed = close_findings_by_recheck(s, re, actor="hq")
        re_uuid = re.uuid
    assert [f.item_id for f in closed] == ["acc.entrance_access"]
    with db.session() as s:
        target = lookup.get(s, ids["a"])
        by_item = {f.item_id: f for f in target.findings}
        assert by_item["acc.entrance_access"].status == "closed"
        assert by_item["acc.entrance_access"].closed_by_uuid == re_uuid
        assert by_item["acc.entrance_access"].closed_at is not None
        assert by_item["acc.priority_window"].status == "open"
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "close")).all()
        assert [(e.key, e.actor, e.inspection_uuid) for e in entries] == [
            ("acc.entrance_access", "hq", ids["a"])
        ]
        # Running it again closes nothing more.
        assert close_findings_by_recheck(s, lookup.get(s, re_uuid), actor="hq") == []


def test_recheck_needs_a_recheck(db: Database) -> None:
    ids = _setup(db)
    with db.session() as s, pytest.raises(ValidationError, match="not a re-check"):
        close_findings_by_recheck(s, lookup.get(s, ids["a"]), actor="hq")


def test_findings_status_overdue(db: Database) -> None:
    ids = _setup(db)
    with db.session() as s:
        f = s.scalars(
            select(Finding)
            .join(Inspection)
            .where(Inspection.uuid == ids["a"], Finding.item_id == "acc.priority_window")
        ).one()
        f.deadline = clock.local_today() - timedelta(days=2)
    with db.session() as s:
        overdue = hq_rectification.findings(s, HqFilter(), status="overdue")
        open_ = hq_rectification.findings(s, HqFilter(), status="open")
        rect = {r.code: r for r in hq_rectification.rectification(s, HqFilter())}
    assert [(r.code, r.item_id) for r in overdue] == [("310001", "acc.priority_window")]
    assert all(r.status == "open" for r in open_) and len(open_) == 2
    assert (rect["310001"].open, rect["310001"].overdue, rect["310001"].closed) == (1, 1, 0)


def _photo(s: object, insp: Inspection, sha: str, taken: datetime | None) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    if s.get(Blob, sha) is None:
        s.add(Blob(sha256=sha, size=1, data=b"x"))
        s.flush()
    s.add(
        Photo(
            inspection_id=insp.id,
            item_id="acc.entrance_access",
            sha256=sha,
            size=1,
            format="JPEG",
            width=1,
            height=1,
            taken_at=taken,
            original_sha256=sha,
            display_sha256=sha,
            thumb_sha256=sha,
        )
    )
    s.flush()


def test_integrity_flags_duplicates_and_times(db: Database) -> None:
    ids = _setup(db)
    with db.session() as s:
        a, b = lookup.get(s, ids["a"]), lookup.get(s, ids["b"])
        _photo(s, a, "a" * 64, a.started_at + timedelta(minutes=5))  # fine
        _photo(s, a, "d" * 64, None)
        _photo(s, b, "d" * 64, None)  # same image at another branch
        _photo(s, b, "e" * 64, b.started_at - timedelta(days=3))  # days before the visit
    with db.session() as s:
        flags = hq_integrity.integrity(s, HqFilter())
    dup = sorted(f.code for f in flags if f.kind == "duplicate_photo")
    late = [f for f in flags if f.kind == "outside_visit"]
    assert dup == ["310001", "320001"]
    assert [(f.code, f.sha256[:1]) for f in late] == [("320001", "e")]
    assert "before" in late[0].detail


def test_visit_window_uses_mystery_arrival_and_departure() -> None:
    start = datetime(2024, 5, 1, 1, 0, tzinfo=UTC)  # 09:00 in China
    lo, hi = hq_integrity.visit_window(
        "mystery", {"arrival": "10:00", "departure": "10:40"}, start, None, start
    )
    assert lo == datetime(2024, 5, 1, 2, 0, tzinfo=UTC)
    assert hi == datetime(2024, 5, 1, 2, 40, tzinfo=UTC)
    lo2, hi2 = hq_integrity.visit_window("onsite", {}, start, start + timedelta(hours=3), None)
    assert (lo2, hi2) == (start, start + timedelta(hours=3))


def test_cli_summary_json_and_findings(db: Database, run_cli: Cli) -> None:
    _setup(db)
    out = json.loads(run_cli.ok("hq", "summary", "--json"))
    assert out["inspections"] == 2 and out["branches"] == 3
    per = {p["code"]: p for p in out["per_branch"]}
    assert set(per["310001"]) >= {
        "code",
        "name",
        "region",
        "latest_score",
        "latest_grade",
        "latest_at",
        "inspections",
    }
    assert isinstance(per["310001"]["latest_score"], float) and per["310001"]["inspections"] == 1
    assert per["330001"]["latest_score"] is None
    rows = json.loads(run_cli.ok("hq", "findings", "--region", "江苏", "--json"))
    assert [r["item"] for r in rows] == ["acc.priority_window"]


def test_cli_close_finding_and_errors(db: Database, run_cli: Cli) -> None:
    ids = _setup(db)
    assert "closed" in run_cli.ok(
        "hq", "close-finding", ids["a"], "acc.priority_window", "--note", "已张贴标识"
    )
    closed = json.loads(run_cli.ok("hq", "findings", "--status", "closed", "--json"))
    assert [(r["item"], r["note"]) for r in closed] == [("acc.priority_window", "已张贴标识")]
    again = run_cli("hq", "close-finding", ids["a"], "acc.priority_window", "--note", "x")
    assert (
        again.exit_code == 1
        and again.stderr.startswith("error: ")
        and "already closed" in again.stderr
    )
    bad = run_cli("hq", "close-finding", ids["a"], "acc.nope", "--note", "x")
    assert bad.exit_code == 1 and "not a finding" in bad.stderr and "Traceback" not in bad.output
    date_bad = run_cli("hq", "report", "-o", "x.pdf", "--from", "yesterday")
    assert date_bad.exit_code == 1 and "YYYY-MM-DD" in date_bad.stderr


def test_cli_recheck(db: Database, run_cli: Cli) -> None:
    ids = _setup(db)
    re = run_cli.last_line(
        "new", "--branch", "310001", "--checklist", "accessibility", "--recheck-of", ids["a"]
    )
    run_cli.ok("answer", re, "acc.entrance_access", "--result", "pass")
    out = run_cli.ok("hq", "recheck", re)
    assert "closed acc.entrance_access" in out and out.strip().endswith("1 finding(s) closed")


def test_pdf_report_content(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    _setup(db)
    from pypdf import PdfReader

    for lang, heading in (("zh", "最常见问题项"), ("en", "Items failed most often")):
        pdf = tmp_path / f"hq-{lang}.pdf"
        run_cli.ok("hq", "report", "-o", str(pdf), "--lang", lang)
        reader = PdfReader(str(pdf))
        text = "".join(p.extract_text() for p in reader.pages)
        assert "南京支行" in text and "上海<b>营业部" in text  # escaped, shown as typed
        for page in reader.pages:  # every font embedded (no Helvetica from table defaults)
            fonts = page["/Resources"]["/Font"]
            for ref in fonts.values():
                font = ref.get_object()
                descendant = (
                    font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                )
                descriptor = descendant.get("/FontDescriptor")
                assert descriptor is not None, f"{font['/BaseFont']} is not embedded"
                assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
        assert heading in text
        with db.session() as s:
            score = next(r for r in hq_league.league(s, HqFilter()) if r.code == "320001")
        assert numbers.score(score.latest_score) in text


def test_excel_export_typed_cells(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    _setup(db)
    from openpyxl import load_workbook

    xlsx = tmp_path / "hq.xlsx"
    run_cli.ok("hq", "export", "-o", str(xlsx), "--lang", "en")
    wb = load_workbook(xlsx)
    # Sheet names are in the report language.
    assert {
        "Summary",
        "League table",
        "Area scores",
        "Failed items",
        "Red lines",
        "Findings",
        "Trend",
        "Integrity",
    } <= set(wb.sheetnames)
    ws = wb["League table"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    header = [c.value for c in ws[1]]
    score_col = header.index("Latest score") + 1
    n_col = header.index("Inspections") + 1
    cell = ws.cell(row=2, column=score_col)
    assert isinstance(cell.value, float) and cell.number_format == "0.00"
    assert isinstance(ws.cell(row=2, column=n_col).value, int)
    assert isinstance(wb["Area scores"].cell(row=2, column=3).value, float)
    assert wb["Findings"].max_row >= 3


def test_csv_export_has_bom(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    _setup(db)
    out = tmp_path / "csv"
    lines = run_cli.ok("hq", "export", "-o", str(out), "--format", "csv").split()
    # summary, regions, 8 views, consumer rights and elements, mystery scenarios and
    # visits, the assessment and its detail, rectification per branch and region,
    # coverage and devices, quarter on quarter, one answer sheet per checklist (here:
    # accessibility)
    assert len(lines) == 22 and (out / "answers_accessibility.csv").is_file()
    for name in ("assessment", "rectification", "coverage", "devices", "trend_quarters"):
        assert (out / f"{name}.csv").is_file()
    raw = (out / "league.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "名次" and any("南京支行" in r for r in rows)


def test_heatmap_names_areas_of_a_comprehensive_inspection(db: Database) -> None:
    """Only the comprehensive checklist is stored, yet its areas read as titles."""
    with db.session() as s:
        insp = lifecycle.create(
            s, branch_code="B9", branch_name="九号", checklist_id="comprehensive"
        )
        answering.set_answer(s, insp, "dis.price_list", result="pass")
    with db.read_session() as s:
        hm = hq_load.load(s, DRAFTS).heatmap
    assert hm.areas == ["disclosure"]
    assert hm.area_title("disclosure", "zh") == "信息披露"
    assert hm.area_title("disclosure", "en").startswith("Disclosure")


def test_drafts_count_only_when_asked_and_are_marked(db: Database, run_cli: Cli) -> None:
    ids = _setup(db, finalize=False)  # two drafts
    with db.session() as s:
        signoff.finalize(s, lookup.get(s, ids["a"]), by="t", force=True)
    with db.read_session() as s:
        assert hq_league.counts(s, HqFilter())[0] == 1
        assert hq_league.counts(s, HqFilter(finalized_only=True))[0] == 1  # old flag: a no-op
        assert hq_league.counts(s, DRAFTS)[0] == 2
        league = {r.code: r for r in hq_league.league(s, HqFilter())}
        assert league["320001"].rank is None  # its only inspection is a draft: unranked
        with_drafts = {r.code: r for r in hq_league.league(s, DRAFTS)}
        assert with_drafts["320001"].latest_draft and not with_drafts["310001"].latest_draft
    default = json.loads(run_cli.ok("hq", "summary", "--json"))
    old_flag = json.loads(run_cli.ok("hq", "--finalized-only", "summary", "--json"))
    every = json.loads(run_cli.ok("hq", "summary", "--include-drafts", "--json"))
    on_group = json.loads(run_cli.ok("hq", "--include-drafts", "summary", "--json"))
    assert (default["inspections"], old_flag["inspections"]) == (1, 1)
    assert (every["inspections"], on_group["inspections"], every["drafts"]) == (2, 2, 1)
    league = json.loads(run_cli.ok("hq", "league", "--include-drafts", "--json"))
    # The draft leaves required items unanswered: listed, marked, but never ranked.
    assert {r["branch"]["code"]: r["draft"] for r in league if r["rank"]} == {"310001": False}
    incomplete = {r["branch"]["code"]: r for r in league if r["incomplete"]}
    assert list(incomplete) == ["320001"] and incomplete["320001"]["draft"] is True
    findings = json.loads(run_cli.ok("hq", "findings", "--include-drafts", "--json"))
    assert {f["draft"] for f in findings} == {True, False}
    assert all(not f["draft"] for f in json.loads(run_cli.ok("hq", "findings", "--json")))
