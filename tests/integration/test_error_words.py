"""Issue 15: the errors of inspections, findings, branches, settings, backups, reports, the
HQ view and the CLI speak Chinese in the app and never name a command there, while the CLI
prints the same English (with its commands) it always did."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from inspector import clock
from inspector.db import Database
from inspector.errors import UserError
from inspector.services import branches, hq, reports
from inspector.services import findings as finding_svc
from inspector.services import inspections as svc
from inspector.services import settings as settings_svc
from inspector.services.backup import backup_database
from inspector.services.hq import HqData, HqFilter
from inspector.text import Lang, Surface
from tests.conftest import Cli

CJK = re.compile(r"[\u3400-\u9fff]")
COMMAND = re.compile(r"\binspector\s+[a-z][a-z-]+|(?<![\w-])--[a-z][a-z-]+")

RED_LINE_ANSWERS = {
    "ex.ramp": {"result": "na"},
    "ex.counter_height": {"value": 760},
    "ex.manager": {"value": True},
    "ex.cash_kept": {"value": False},  # a red line failed
    "ex.polite": {"value": 4},
    "ex.reading": {"value": 2},
    "ex.answer_quality": {"value": "accurate"},
}


def _draft(db: Database, answers: dict[str, dict[str, object]] | None = None) -> str:
    with db.session() as s:
        branches.create(s, code="310001", name="陆家嘴支行", region="上海分行", actor="t")
        insp = svc.create(s, branch_code="310001", checklist_id="example", inspector="张三")
        for item, fields in (answers or {}).items():
            svc.set_answer(s, insp, item, actor="t", **fields)  # type: ignore[arg-type]
        return insp.uuid


def _refusal(fn: Callable[[], object]) -> UserError:
    with pytest.raises(UserError) as info:
        fn()
    return info.value


def _app_zh(e: UserError) -> str:
    text = e.render(Lang.ZH, Surface.GUI)
    assert CJK.search(text), text
    assert COMMAND.search(text) is None, text
    assert "inspector " not in text and "--" not in text, text
    return text


def test_finalize_refused_for_a_red_line_says_where_to_fill_in_the_rectification(
    db: Database,
) -> None:
    uuid = _draft(db, RED_LINE_ANSWERS)
    with db.session() as s:
        insp = svc.get(s, uuid)
        e = _refusal(lambda: svc.finalize(s, insp, by="张三", manager_name="王经理"))
    app = _app_zh(e)
    assert "“保留现金和人工柜面服务”" in app and "问题与整改" in app
    assert "整改措施" in app and "责任人" in app
    en_app = e.render(Lang.EN, Surface.GUI)
    assert "Findings tab" in en_app and COMMAND.search(en_app) is None, en_app
    # The CLI keeps its words, the command included.
    assert str(e) == (
        "cannot finalize, 1 thing(s) missing: ex.cash_kept failed a red line and needs a "
        "rectification action and owner (inspector finding ID ex.cash_kept --action ... "
        "--owner ...)"
    )


def test_finalize_refusal_lists_five_and_counts_the_rest_in_both_languages(db: Database) -> None:
    uuid = _draft(db)
    with db.session() as s:
        insp = svc.get(s, uuid)
        missing = svc.missing_for_finalize(insp)
        assert len(missing) > 5 and missing[-1].kind == "manager"
        e = _refusal(lambda: svc.finalize(s, insp, by="张三"))
    assert str(e).startswith(f"cannot finalize, {len(missing)} thing(s) missing: ")
    assert str(e).endswith(f" (and {len(missing) - 5} more)")
    app = _app_zh(e)
    assert f"尚有 {len(missing)} 项未完成" in app and f"（另有 {len(missing) - 5} 项）" in app
    assert "定稿" in app


def test_a_finalized_inspection_is_amended_with_the_button_in_the_app(db: Database) -> None:
    uuid = _draft(db, RED_LINE_ANSWERS)
    with db.session() as s:
        insp = svc.get(s, uuid)
        svc.update_finding(s, insp, "ex.cash_kept", actor="t", action="恢复", owner="王五")
        svc.finalize(s, insp, by="张三", manager_name="王经理")
    with db.session() as s:
        insp = svc.get(s, uuid)
        e = _refusal(lambda: svc.set_answer(s, insp, "ex.polite", value=1, actor="t"))
        photo_e = _refusal(lambda: reports.check_photo_size("huge"))
    assert str(e) == (
        f"inspection {uuid} is finalized and read-only; amend it to make a new revision "
        "('inspector amend ID --reason TEXT')"
    )
    assert "修订（生成新版本）" in _app_zh(e)
    assert str(photo_e) == "photo size must be normal or large, not 'huge'"
    assert "normal或large" in _app_zh(photo_e)


def test_visit_and_answer_errors_name_the_apps_fields(db: Database) -> None:
    uuid = _draft(db)
    with db.session() as s:
        insp = svc.get(s, uuid)
        bad_time = _refusal(lambda: svc.parse_visit_time("arrival", "noon"))
        na = _refusal(lambda: svc.set_answer(s, insp, "ex.cash_kept", result="na", actor="t"))
        unknown = _refusal(lambda: svc.set_answer(s, insp, "no.such", result="pass", actor="t"))
        bad_file = _refusal(lambda: svc.apply_answers_file(s, insp, {"x": 1}, actor="t"))
    assert str(bad_time) == (
        "arrival: 'noon' is not a time; use HH:MM, 'YYYY-MM-DD HH:MM' or ISO 8601"
    )
    assert _app_zh(bad_time).startswith("到达时间：")
    assert str(na) == "item ex.cash_kept cannot be answered N/A (its checklist does not allow it)"
    _app_zh(na)
    assert str(unknown) == (
        "checklist example has no item 'no.such'; "
        "'inspector checklists show example' lists its items"
    )
    assert _app_zh(unknown) == "检查表 example 中没有检查项 'no.such'"
    assert str(bad_file) == "answers: unknown item 'x'"
    assert _app_zh(bad_file) == "答案有误：没有检查项 'x'"


def test_finding_branch_settings_backup_and_hq_errors(db: Database, tmp_path: Path) -> None:
    uuid = _draft(db, RED_LINE_ANSWERS)
    with db.session() as s:
        insp = svc.get(s, uuid)
        note = _refusal(lambda: finding_svc.require_closing_note(" "))
        no_finding = _refusal(
            lambda: finding_svc.close_by_hand(s, insp, "ex.manager", note="ok", actor="t")
        )
        no_branch = _refusal(lambda: branches.get_by_code(s, "999"))
        long_name = _refusal(lambda: branches.create(s, code="310002", name="名" * 500, actor="t"))
        org = _refusal(lambda: settings_svc.set_value(s, "org.name", "x" * 300, actor="t"))
        tz = _refusal(lambda: settings_svc.set_value(s, "display.tz", "Mars/Base", actor="t"))
        status = _refusal(lambda: hq.findings(s, HqFilter(), status="late"))
    hq_lang = _refusal(lambda: hq.report_content(_hq_data(db), "fr"))
    backup = _refusal(lambda: backup_database(db, Path(str(db.url.database))))

    assert str(note) == (
        "closing a finding needs a note saying how it was rectified; give it with --note TEXT"
    )
    assert "整改情况" in _app_zh(note)
    assert str(no_finding).endswith("; 'inspector hq findings' lists the findings")
    _app_zh(no_finding)
    assert str(no_branch) == (
        "no branch with code '999'; add it with 'inspector branches import FILE.csv' "
        "or give --branch-name NAME to create it"
    )
    assert "导入网点名单（CSV）" in _app_zh(no_branch)
    assert str(long_name).startswith("branch 310002: name is 500 characters long; at most ")
    assert "网点名称长 500 个字符" in _app_zh(long_name)
    assert str(org) == "org.name: at most 200 characters (300 given)"
    assert _app_zh(org).startswith("机构名称：")
    assert str(tz).startswith("display.tz: unknown time zone 'Mars/Base'; use a name")
    assert _app_zh(tz).startswith("时区：")
    assert str(status) == "--status must be open, overdue or closed, not 'late'"
    assert _app_zh(status).startswith("整改状态须为")
    assert str(hq_lang) == "--lang must be zh or en, not 'fr'"
    _app_zh(hq_lang)
    assert str(backup).endswith(": that is the database itself; choose another file")
    _app_zh(backup)


def _hq_data(db: Database) -> HqData:
    with db.read_session() as s:
        return hq.load(s, HqFilter(date_to=clock.local_today()))


def test_the_cli_prints_finalize_refusals_with_the_command_in_english(
    db: Database, run_cli: Cli
) -> None:
    uuid = _draft(db, RED_LINE_ANSWERS)
    r = run_cli("finalize", uuid, "--by", "张三", "--manager", "王经理")
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert r.stderr.startswith("error: cannot finalize, 1 thing(s) missing: ex.cash_kept")
    assert "(inspector finding ID ex.cash_kept --action ... --owner ...)" in r.stderr
    assert not CJK.search(r.stderr.replace("张三", ""))


def test_cli_only_errors_keep_their_option_names(run_cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "answers.json"
    bad.write_text('{"answers": {}, "extra": 1}', encoding="utf-8")
    r = run_cli(
        "new", "--branch", "310001", "--branch-name", "营业部", "--checklist", "example",
        "--answers", str(bad),
    )  # fmt: skip
    assert r.exit_code == 1
    assert r.stderr == (
        f"error: --answers: {bad}: unknown key(s) extra; expected answers, visit, narrative\n"
    )
    r = run_cli("hq", "integrity", "--skip-scores", "--repair-scores")
    assert r.stderr == "error: --skip-scores and --repair-scores cannot be used together\n"
    r = run_cli("hq", "findings", "--from", "yesterday")
    assert r.stderr == "error: --from: 'yesterday' is not a date; use YYYY-MM-DD\n"
