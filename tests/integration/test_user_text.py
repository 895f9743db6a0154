"""The words outside the widgets come from inspector.text (issue 15): the CLI's English is
what it always was, the app's words are in its language and never name a command."""

from __future__ import annotations

import json

from inspector import clock
from inspector.db import Database
from inspector.domain.checklist import Source, source_text
from inspector.reports.labels import pick
from inspector.services import inspections as svc
from inspector.services.hq.rows import HqFilter, ScoreMismatch
from inspector.services.views.runner import MissingRow
from inspector.text import Surface
from inspector.text import report as TR
from tests.conftest import Cli
from tests.integration.test_report_cli import _make

RED_LINE_CLI = (
    "ex.cash_kept failed a red line and needs a rectification action and owner "
    "(inspector finding ID ex.cash_kept --action ... --owner ...)"
)


def test_a_red_line_gap_names_the_command_on_the_cli_and_the_tab_in_the_app(
    db: Database, run_cli: Cli
) -> None:
    uuid = _make(db, finalize=False, photos=1)  # ex.cash_kept (a red line) failed
    with db.session() as s:
        (gap,) = [m for m in svc.missing_for_finalize(svc.get(s, uuid)) if m.item_id]
    # The CLI (finalize's error, show --json "message") says what it always said.
    assert gap.message() == RED_LINE_CLI
    r = run_cli("finalize", uuid, "--by", "张三", "--manager", "王经理")
    assert r.exit_code == 1 and RED_LINE_CLI in r.stderr
    shown = json.loads(run_cli.ok("show", uuid, "--json"))
    assert shown["missing"] == [
        {"kind": "rectification", "item": "ex.cash_kept", "message": RED_LINE_CLI},
        {
            "kind": "manager",
            "item": None,
            "message": "the branch manager's name is missing (the report prints their "
            "sign-off line) (give it with inspector finalize ID --by NAME --manager NAME)",
        },
    ]
    # The app: its language, its tab, no command.
    row = MissingRow(gap.kind, gap.item_id, gap)
    assert (
        row.message("zh")
        == "“保留现金和人工柜面服务”红线项不符合，须填写整改措施、责任人（在“问题与整改”页填写）"
    )
    assert row.message("en") == (
        "“Cash and staffed counters kept” failed a red line and needs a rectification action "
        "and owner (fill it in on the Findings tab)"
    )
    for lang in ("zh", "en"):
        assert "inspector" not in row.message(lang) and "--" not in row.message(lang)
    # Once the action is set, only the owner is asked for, in both languages.
    run_cli.ok("finding", uuid, "ex.cash_kept", "--action", "恢复现金柜台")
    with db.session() as s:
        (gap,) = [m for m in svc.missing_for_finalize(svc.get(s, uuid)) if m.item_id]
    assert gap.message("zh", Surface.GUI).startswith(
        "“保留现金和人工柜面服务”红线项不符合，须填写责任人（"
    )
    assert "needs a rectification owner (inspector finding" in gap.message()


def test_each_gap_renders_in_both_languages(db: Database) -> None:
    uuid = _make(db, finalize=False, photos=0)
    with db.session() as s:
        gaps = svc.missing_for_finalize(svc.get(s, uuid))
    assert [g.message() for g in gaps] == [
        "ex.ramp needs a photo",
        RED_LINE_CLI,
        "the branch manager's name is missing (the report prints their sign-off line) "
        "(give it with inspector finalize ID --by NAME --manager NAME)",
    ]
    assert (
        gaps[-1].message("zh", Surface.GUI)
        == "未填写网点负责人姓名（报告中有其确认签收栏）（在“定稿”页填写“网点负责人”）"
    )
    # The app names the item by its title, the CLI by its id.
    assert gaps[0].message("zh", Surface.GUI) == "“出入口有高差时设置轮椅坡道”缺少照片证据"
    assert gaps[0].message("zh") == "ex.ramp缺少照片证据"


def test_hq_words_keep_their_wording() -> None:
    flt = HqFilter(region="华东", checklist_id="disclosure", mode="mystery")
    assert flt.describe("zh") == "区域 华东；检查表 disclosure；方式 神秘人暗访；仅已定稿"
    assert (
        flt.describe("en")
        == "region 华东; checklist disclosure; mode mystery shopper; finalized only"
    )
    assert HqFilter().period("zh") == "全部时间"
    m = ScoreMismatch(
        "u", 1, "SH001", "浦东", clock.now(), "finalized",
        90.0, "excellent", True, 0, 50.0, "fail", False, 1,
    )  # fmt: skip
    assert m.describe("en") == (
        "stored total 90.00, re-scored 50.00; stored grade excellent, re-scored fail; "
        "stored veto failures 0, re-scored 1 (passed True vs False)"
    )
    zh = m.describe("zh")
    assert zh.startswith("得分存储为 90.00，重算为 50.00；等级存储为 excellent，重算为 fail；")
    assert "（是否通过：存储为 是，重算为 否）" in zh and "True" not in zh


def test_report_words_in_each_layout() -> None:
    assert pick(TR.LABELS["page"], "zh", page=2, pages=5) == "第 2 页 / 共 5 页"
    assert pick(TR.LABELS["page"], "both", " · ", page=2, pages=5) == (
        "第 2 页 / 共 5 页 · Page 2 of 5"
    )
    assert pick(TR.STATUSES["overdue"], "en") == "Overdue"
    practice = Source(ref="行业通行做法", inferred=True)
    assert source_text(practice, "zh") == "行业通行做法（无成文规定）"
    partly = Source(ref="GB/T 1 {x}", inferred=True)  # braces in data stay as they are
    assert source_text(partly, "en") == "GB/T 1 {x} (partly established practice)"
