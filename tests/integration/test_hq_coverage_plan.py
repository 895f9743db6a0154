"""Issue 22 §5: at HQ, ``hq coverage`` counts each line of the plan HQ published as done,
in progress, due or overdue, in all, by region and by assignee, from the inspections
received."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl

from tests.conftest import Cli
from tests.integration.test_publish_cycle import ITEMS

# The tests' clock is 2026-11-20: 2026-11-01 is past, 2026-12-31 to come.
PLAN = (
    "branch,checklist,mode,due,assignee\n"
    "SH001,example,onsite,2026-12-31,张三\n"
    "SH002,example,onsite,2026-11-01,张三\n"
    "BJ001,example,onsite,2026-12-31,李四\n"
    "BJ001,example,mystery,2026-12-31,\n"
)


def pdf_text(pdf: Path, *, first: int, last: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(first), "-l", str(last), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _publish(tmp_path: Path) -> Cli:
    hq = Cli(tmp_path / "hq.sqlite3")
    (tmp_path / "b.csv").write_text(
        "code,name,region\nSH001,浦东支行,上海\nSH002,徐汇支行,上海\nBJ001,朝阳支行,北京\n",
        encoding="utf-8",
    )
    (tmp_path / "plan.csv").write_text(PLAN, encoding="utf-8")
    book = tmp_path / "example.xlsx"
    hq.ok("checklists", "export-xlsx", "example", "-o", str(book))
    hq.ok(
        "hq", "publish", "-o", str(tmp_path / "out") + "/", "--checklist", str(book),
        "--branches", str(tmp_path / "b.csv"), "--plan", str(tmp_path / "plan.csv"),
    )  # fmt: skip
    return hq


def _received(tmp_path: Path, hq: Cli, pack: Path, line: str, *, finalize: bool) -> str:
    """A laptop installs the pack, starts plan line ``line`` and sends it to HQ."""
    laptop = Cli(tmp_path / f"laptop{line}.sqlite3")
    fingerprint = hq.ok("keys", "show").split()[0]
    laptop.ok("install", str(pack), "--expect-fingerprint", fingerprint)
    iid = laptop.last_line("plan", "--start", line)
    for item in ITEMS:
        laptop.ok("answer", iid, item, "--result", "pass")
    laptop.ok("answer", iid, "ex.ramp", "--result", "na")
    if finalize:
        laptop.ok("finalize", iid, "--by", "张三", "--manager", "李四")
    out = tmp_path / f"back{line}.inspection"
    laptop.ok("export", iid, "-o", str(out))
    hq.ok("import", str(out))
    return iid


def test_coverage_counts_the_published_plan(tmp_path: Path) -> None:
    hq = _publish(tmp_path)
    empty = json.loads(hq.ok("hq", "coverage", "--json"))
    assert empty["plan"]["counts"]["total"] == 4 and empty["plan"]["counts"]["done"] == 0
    pack = next((tmp_path / "out").glob("*"))
    done = _received(tmp_path, hq, pack, "2", finalize=True)
    cov = json.loads(hq.ok("hq", "coverage", "--json"))
    # The existing keys stay as they were.
    assert {"period", "region", "inspected", "total", "branches", "devices"} <= set(cov)
    plan = cov["plan"]
    by_branch = {(x["branch"], x["mode"]): x for x in plan["lines"]}
    assert by_branch["SH001", "onsite"]["state"] == "done"
    assert by_branch["SH001", "onsite"]["inspection"] == done
    assert by_branch["SH002", "onsite"]["state"] == "overdue"
    assert by_branch["BJ001", "onsite"]["state"] == "due"
    assert by_branch["BJ001", "mystery"]["assignee"] == ""
    assert plan["lines"][0]["branch"] == "SH002"  # overdue first
    c = plan["counts"]
    assert (c["total"], c["done"], c["in_progress"], c["due"], c["overdue"]) == (4, 1, 0, 2, 1)
    assert c["by_region"]["上海"] == {
        "done": 1, "in_progress": 0, "due": 0, "overdue": 1, "total": 2,
    }  # fmt: skip
    assert c["by_region"]["北京"]["due"] == 2
    assert c["by_assignee"]["张三"]["total"] == 2 and c["by_assignee"]["李四"]["due"] == 1
    # The same numbers as `plan --all --status`, which reads the same service.
    status = json.loads(hq.ok("plan", "--all", "--status", "--json"))
    assert status["counts"] == c
    # A region's coverage counts that region's lines only.
    bj = json.loads(hq.ok("hq", "coverage", "--region", "北京", "--json"))["plan"]["counts"]
    assert bj["total"] == 2 and set(bj["by_region"]) == {"北京"}
    text = hq.ok("hq", "coverage")
    assert "Plan 4 lines: 1 done, 0 in progress, 2 due, 1 overdue" in text
    assert "overdue     due 2026-11-01  SH002" in text


def test_coverage_without_a_plan(tmp_path: Path) -> None:
    hq = Cli(tmp_path / "hq.sqlite3")
    cov = json.loads(hq.ok("hq", "coverage", "--json"))
    assert cov["plan"] == {
        "lines": [],
        "counts": {
            "done": 0, "in_progress": 0, "due": 0, "overdue": 0, "total": 0,
            "by_region": {}, "by_assignee": {},
        },
    }  # fmt: skip
    assert "plan: none published" in hq.ok("hq", "coverage")


def test_report_and_files_state_the_plan(tmp_path: Path) -> None:
    hq = _publish(tmp_path)
    pack = next((tmp_path / "out").glob("*"))
    _received(tmp_path, hq, pack, "2", finalize=True)
    pdf = tmp_path / "hq.pdf"
    hq.ok("hq", "report", "-o", str(pdf), "--lang", "zh")
    first = pdf_text(pdf, first=1, last=1)
    assert "计划 4 项：已完成 1，进行中 0，未到期 2，逾期 1" in first
    assert "SH002 徐汇支行" in first and "2026-11-01 到期" in first  # the overdue line
    book = tmp_path / "hq.xlsx"
    hq.ok("hq", "export", "-o", str(book), "--lang", "en")
    wb = openpyxl.load_workbook(book)
    sheet = wb["Plan"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Plan line", "Due", "State")
    states = {(r[3], r[7]): r[2] for r in rows[1:] if r[0] is not None}
    assert states[("SH001", "on-site")] == "done" and states[("SH002", "on-site")] == "overdue"
    assert len(states) == 4
    csv_dir = tmp_path / "csv"
    hq.ok("hq", "export", "-o", str(csv_dir), "--format", "csv", "--lang", "en")
    lines = (csv_dir / "plan.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 5 and "overdue" in next(x for x in lines if "SH002" in x)
