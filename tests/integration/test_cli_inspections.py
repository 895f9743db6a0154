"""The command line as HQ scripts use it: new, answer, show --json, finalize, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli


def _new(run_cli: Cli, *extra: str) -> str:
    return run_cli.last_line(
        "new",
        "--branch",
        "310001",
        "--branch-name",
        "上海分行营业部",
        "--checklist",
        "example",
        "--inspector",
        "张三",
        *extra,
    )


def _answer_all_pass(run_cli: Cli, iid: str) -> None:
    for item in (
        "ex.ramp",
        "ex.ramp_slope",
        "ex.counter_height",
        "ex.manager",
        "ex.cash_kept",
        "ex.polite",
        "ex.reading",
        "ex.answer_quality",
    ):
        run_cli.ok("answer", iid, item, "--result", "pass")


def test_full_flow_and_show_json_contract(run_cli: Cli, tmp_path: Path) -> None:
    iid = _new(run_cli)
    assert len(iid) == 36
    run_cli.ok("answer", iid, "ex.counter_height", "--value", "760", "--note", "东侧柜台")
    data = json.loads(run_cli.ok("show", iid, "--json"))
    assert data["id"] == iid and data["status"] == "draft" and data["mode"] == "onsite"
    assert data["branch"] == {
        "code": "310001",
        "name": "上海分行营业部",
        "region": "",
        "address": "",
    }
    assert data["checklist"]["id"] == "example" and len(data["checklist"]["sha256"]) == 64
    ans = data["answers"]["ex.counter_height"]
    assert ans == {
        "result": None,
        "value": 760.0,
        "note": "东侧柜台",
        "outcome": "pass",
        "points": 2.0,
        "max_points": 2.0,
    }
    assert set(data["score"]) >= {"total", "grade", "passed", "veto_failed", "sections"}
    assert set(data["score"]["sections"]["ex.entrance"]) >= {"score", "max"}

    _answer_all_pass(run_cli, iid)
    # ex.ramp needs a photo on site: finalize says so and refuses.
    r = run_cli("finalize", iid, "--by", "张三")
    assert r.exit_code == 1 and "ex.ramp needs a photo" in r.stderr
    run_cli.ok("answer", iid, "ex.ramp", "--result", "na")
    out = run_cli.ok("finalize", iid, "--by", "张三", "--manager", "李四")
    assert out.strip().splitlines()[-1] == iid
    data = json.loads(run_cli.ok("show", iid, "--json"))
    assert data["status"] == "finalized"
    assert data["score"]["total"] == 100.0 and data["score"]["grade"] == "excellent"
    assert data["score"]["passed"] is True and data["manager_name"] == "李四"

    r = run_cli("answer", iid, "ex.polite", "--value", "1")
    assert r.exit_code == 1
    assert r.stderr.startswith("error: inspection") and "finalized and read-only" in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.output


def test_veto_failure_is_not_passed_whatever_the_total(run_cli: Cli) -> None:
    iid = _new(run_cli)
    _answer_all_pass(run_cli, iid)
    run_cli.ok("answer", iid, "ex.cash_kept", "--result", "fail")
    score = json.loads(run_cli.ok("show", iid, "--json"))["score"]
    assert score["passed"] is False and score["veto_failed"] == ["ex.cash_kept"]
    assert score["total"] > 70


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("answer", "{id}", "no.such.item", "--result", "pass"), "has no item 'no.such.item'"),
        (("answer", "{id}", "ex.polite", "--value", "many"), "must be a whole number"),
        (("answer", "{id}", "ex.polite", "--value", "6"), "between 0 and 5"),
        (("answer", "{id}", "ex.counter_height", "--value", "tall"), "must be a number"),
        (("answer", "{id}", "ex.answer_quality", "--value", "maybe"), "must be one of"),
        (("answer", "{id}", "ex.cash_kept", "--result", "na"), "cannot be answered N/A"),
        (("answer", "{id}", "ex.polite"), "give --result, --value, --note or --clear"),
        (("answer", "0000dead", "ex.polite", "--result", "pass"), "no inspection with id"),
        (("show", "abc"), "too short"),
        (("new", "--branch", "NOPE", "--checklist", "example"), "--branch-name NAME"),
        (("new", "--branch", "310001", "--checklist", "nope"), "no checklist with id 'nope'"),
        (("finalize", "{id}", "--by", " "), "needs the inspector's name"),
        (("answer", "{id}", "ex.polite", "--result", "maybe"), "Invalid value"),
        (("frobnicate",), "No such command"),
    ],
)
def test_bad_input_gets_one_clear_line(run_cli: Cli, args: tuple[str, ...], message: str) -> None:
    iid = _new(run_cli)
    r = run_cli(*(a.replace("{id}", iid) for a in args))
    assert r.exit_code == 1, r.output
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], r.stderr


def test_answers_file(run_cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "answers.json"
    f.write_text(
        json.dumps(
            {
                "answers": {
                    "ex.counter_height": {"value": 900, "note": "太高"},
                    "ex.polite": {"result": "pass"},
                }
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    iid = _new(run_cli, "--answers", str(f))
    data = json.loads(run_cli.ok("show", iid, "--json"))
    assert data["answers"]["ex.counter_height"]["outcome"] == "fail"
    assert [x["item"] for x in data["findings"]] == ["ex.counter_height"]

    bad = tmp_path / "bad.json"
    bad.write_text('{"answers": {"ex.polite": {"value": 9}, "zz": {}}}', encoding="utf-8")
    r = run_cli("new", "--branch", "310001", "--checklist", "example", "--answers", str(bad))
    assert r.exit_code == 1 and "unknown item 'zz'" in r.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"answers": {', encoding="utf-8")
    r = run_cli("new", "--branch", "310001", "--checklist", "example", "--answers", str(broken))
    assert r.exit_code == 1 and f"{broken}:1:" in r.stderr
    # Nothing half-written: only the first inspection exists.
    assert len(json.loads(run_cli.ok("list", "--json"))) == 1


def test_audit_log_records_every_answer_change(run_cli: Cli) -> None:
    iid = _new(run_cli)
    run_cli.ok("answer", iid, "ex.polite", "--value", "3", "--by", "王五")
    run_cli.ok("answer", iid, "ex.polite", "--value", "5", "--by", "王五")
    run_cli.ok("answer", iid, "ex.polite", "--note", "语气友好")
    run_cli.ok("answer", iid, "ex.polite", "--clear")
    entries = [e for e in json.loads(run_cli.ok("audit", iid, "--json")) if e["entity"] == "answer"]
    assert [e["action"] for e in entries] == ["create", "update", "update", "delete"]
    assert entries[0]["actor"] == "王五" and entries[0]["old"] is None
    assert entries[1]["old"]["value"] == 3 and entries[1]["new"]["value"] == 5
    assert entries[2]["new"]["note"] == "语气友好"
    assert entries[3]["new"] is None


def test_amend_makes_a_new_revision_that_supersedes(run_cli: Cli) -> None:
    iid = _new(run_cli)
    _answer_all_pass(run_cli, iid)
    run_cli.ok("answer", iid, "ex.ramp", "--result", "na")
    run_cli.ok("finalize", iid, "--by", "张三", "--manager", "王经理")
    r = run_cli("delete", iid, "--yes")
    assert r.exit_code == 1 and "cannot be deleted" in r.stderr
    assert run_cli.last_line("amend", iid, "--reason", "补充说明") == iid
    data = json.loads(run_cli.ok("show", iid, "--json"))
    assert (data["revision"], data["supersedes"], data["status"]) == (2, 1, "draft")
    assert data["amendment_reason"] == "补充说明"
    assert len(data["answers"]) == 8
    old = json.loads(run_cli.ok("show", iid, "--json", "--revision", "1"))
    assert old["status"] == "finalized"
    run_cli.ok("delete", iid, "--yes")  # deleting the draft amendment restores revision 1
    assert json.loads(run_cli.ok("show", iid, "--json"))["revision"] == 1


def test_branches_import_and_list(run_cli: Cli, tmp_path: Path) -> None:
    csv = tmp_path / "branches.csv"
    csv.write_text(
        "网点代码,网点名称,区域,地址\n310001,上海分行营业部,上海,浦东大道1号\n"
        "310002,静安支行,上海,南京西路2号\n",
        encoding="utf-8-sig",
    )
    assert run_cli.ok("branches", "import", str(csv)).strip() == "2 created, 0 updated, 0 unchanged"
    rows = json.loads(run_cli.ok("branches", "list", "--json"))
    assert [b["code"] for b in rows] == ["310001", "310002"] and rows[1]["name"] == "静安支行"
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name\n1,一\n,二\n", encoding="utf-8")
    r = run_cli("branches", "import", str(bad))
    assert r.exit_code == 1 and f"{bad}:3: the branch code is empty" in r.stderr


def test_checklists_commands(run_cli: Cli, tmp_path: Path) -> None:
    listed = json.loads(run_cli.ok("checklists", "list", "--json"))
    ex = next(c for c in listed if c["id"] == "example")
    assert ex["title"] == {"zh": "示例检查表", "en": "Example checklist"} and ex["version"]
    shown = json.loads(run_cli.ok("checklists", "show", "example", "--json"))
    item = shown["sections"][0]["items"][0]
    assert {"id", "type", "points", "veto", "na_allowed", "text", "source"} <= set(item)
    # A red line says why it is one; a scenario rule and a per-phrase cap are shown too.
    ms = json.loads(run_cli.ok("checklists", "show", "mystery-shopper", "--json"))
    ms_items = {i["id"]: i for sec in ms["sections"] for i in sec["items"]}
    assert "行内要求" not in ms_items["ms.complaint_accepted"]["veto_reason"]["zh"]
    assert ms_items["ms.complaint_accepted"]["veto_reason"]["en"].startswith("The 2020")
    assert ms_items["ms.complaint_accepted"]["na_if"] == {
        "scenario": ["cash_purpose", "wealth_enquiry", "elderly_self_service"]
    }
    assert ms_items["ms.forbidden_phrases"]["penalty_cap"] == 6
    assert "veto_reason" not in ms_items["ms.greeting"]
    assert "ok" in run_cli.ok("checklists", "validate")
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: x\nversion: '1'\nbogus: 1\n", encoding="utf-8")
    r = run_cli("checklists", "validate", str(broken))
    assert r.exit_code == 1 and f"{broken}:4: file: unknown key 'bogus'" in r.stderr


def test_version_and_gui_dispatch() -> None:
    from inspector import __version__, cli

    assert cli.wants_gui([]) and cli.wants_gui(["--db", "x.sqlite3"])
    assert not cli.wants_gui(["--db", "x", "list"]) and not cli.wants_gui(["--version"])
    assert cli.db_option(["--db=/tmp/a.sqlite3"]) == "/tmp/a.sqlite3"
    assert __version__


def test_mystery_visit_from_the_command_line(run_cli: Cli, tmp_path: Path) -> None:
    iid = run_cli.last_line(
        "new",
        "--branch",
        "310002",
        "--branch-name",
        "静安支行",
        "--checklist",
        "mystery-shopper",
        "--mode",
        "mystery",
    )
    story = tmp_path / "story.txt"
    story.write_text("到达网点后大堂经理主动问候并引导取号，" * 6, encoding="utf-8")
    out = json.loads(
        run_cli.ok(
            "visit",
            iid,
            "--scenario",
            "cash_purpose",
            "--arrival",
            "2026-11-20 09:42",
            "--departure",
            "2026-11-20 10:05",
            "--ticket",
            "A023",
            "--waiting",
            "4",
            "--narrative-file",
            str(story),
            "--json",
        )
    )
    assert out["visit"]["scenario"] == "cash_purpose" and out["visit"]["ticket"] == "A023"
    assert out["visit"]["arrival"].startswith("2026-11-20T09:42:00")
    assert len(out["narrative"]) >= 80
    missing = json.loads(run_cli.ok("show", iid, "--json"))["missing"]
    assert not [m for m in missing if m["kind"] in ("visit", "narrative")]

    r = run_cli("visit", iid, "--departure", "2026-11-20 09:00")
    assert r.exit_code == 1 and "before arrival" in r.stderr
    r = run_cli("visit", iid, "--arrival", "soon")
    assert r.exit_code == 1 and "'soon' is not a time" in r.stderr
    r = run_cli("visit", iid, "--scenario", "bank_robbery")
    assert r.exit_code == 1 and "scenario 'bank_robbery' is not in checklist" in r.stderr


def test_answers_file_may_carry_visit_and_narrative(run_cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "visit.json"
    f.write_text(
        json.dumps(
            {
                "answers": {"ms.greeting": {"result": "pass"}},
                "visit": {"scenario": "wealth_enquiry", "arrival": "09:30", "ticket": "B7"},
                "narrative": "十点前到达，理财经理介绍产品时未告知收益不确定。" * 4,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    iid = run_cli.last_line(
        "new",
        "--branch",
        "310002",
        "--branch-name",
        "静安支行",
        "--checklist",
        "mystery-shopper",
        "--mode",
        "mystery",
        "--answers",
        str(f),
    )
    data = json.loads(run_cli.ok("show", iid, "--json"))
    assert data["visit"]["scenario"] == "wealth_enquiry" and data["visit"]["ticket"] == "B7"
    assert data["narrative"].startswith("十点前到达")
    f.write_text(json.dumps({"answers": {}, "visits": {}}), encoding="utf-8")
    r = run_cli(
        "new",
        "--branch",
        "310002",
        "--checklist",
        "mystery-shopper",
        "--mode",
        "mystery",
        "--answers",
        str(f),
    )
    assert r.exit_code == 1 and "unknown key(s) visits" in r.stderr


def test_display_time_zone_setting(run_cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Printed times: --tz / $INSPECTOR_TZ, else the database's display.tz, else Shanghai."""
    iid = run_cli.last_line(
        "new", "--branch", "310002", "--branch-name", "静安支行", "--checklist", "accessibility"
    )
    assert "UTC+08:00" in run_cli.ok("audit", iid)
    r = run_cli("settings", "set", "display.tz", "Mars/Base")
    assert r.exit_code == 1 and "display.tz: unknown time zone 'Mars/Base'" in r.stderr
    run_cli.ok("settings", "set", "display.tz", "UTC")
    assert "UTC+00:00" in run_cli.ok("audit", iid)
    monkeypatch.setenv("INSPECTOR_TZ", "+09:00")
    assert "UTC+09:00" in run_cli.ok("audit", iid)
