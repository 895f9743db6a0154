"""Issue 22, "done means": a checklist goes from an Excel file to a laptop and back to HQ as
an inspection under its new version, by the commands alone."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from tests.conftest import Cli

ITEMS = (
    "ex.ramp_slope",
    "ex.counter_height",
    "ex.manager",
    "ex.cash_kept",
    "ex.polite",
    "ex.reading",
    "ex.answer_quality",
)


def test_excel_to_laptop_and_back_to_hq(tmp_path: Path) -> None:
    hq = Cli(tmp_path / "hq.sqlite3")
    laptop = Cli(tmp_path / "laptop.sqlite3")
    # HQ: the compliance staff edit the checklist in Excel and raise its version.
    book = tmp_path / "example.xlsx"
    hq.ok("checklists", "export-xlsx", "example", "-o", str(book))
    wb = openpyxl.load_workbook(book)
    header = wb["表头"]
    row = next(r for r in range(2, 30) if header[f"B{r}"].value == "version")
    header[f"C{row}"] = "1.1.0"
    wb.save(book)
    diff = hq("checklists", "diff", "example", str(book), "--json")
    assert diff.exit_code == 0 and json.loads(diff.stdout)["new"]["version"] == "1.1.0"
    (tmp_path / "b.csv").write_text("code,name,region\nSH001,浦东支行,上海\n", encoding="utf-8")
    (tmp_path / "plan.csv").write_text(
        "branch,checklist,mode,due\nSH001,example,onsite,2026-12-31\n", encoding="utf-8"
    )
    pack = hq.last_line(
        "hq", "publish", "-o", str(tmp_path / "out") + "/", "--checklist", str(book),
        "--branches", str(tmp_path / "b.csv"), "--plan", str(tmp_path / "plan.csv"),
    )  # fmt: skip
    fingerprint = hq.ok("keys", "show").split()[0]
    # The laptop installs it and does the assigned inspection with the new version.
    laptop.ok("install", pack, "--expect-fingerprint", fingerprint)
    listed = {c["id"]: c for c in json.loads(laptop.ok("checklists", "list", "--json"))}
    assert listed["example"]["version"] == "1.1.0" and listed["example"]["source"] == "hq"
    iid = laptop.last_line("plan", "--start", "2")
    for item in ITEMS:
        laptop.ok("answer", iid, item, "--result", "pass")
    laptop.ok("answer", iid, "ex.ramp", "--result", "na")
    laptop.ok("finalize", iid, "--by", "张三", "--manager", "李四")
    package = tmp_path / "back.inspection"
    laptop.ok("export", iid, "-o", str(package))
    assert package.read_bytes().startswith(b"BIPKG-ENC-1\n")  # sealed for HQ by default
    # HQ receives it under the new version, and the plan line is done.
    receipt = json.loads(hq.ok("import", str(package), "--json"))
    assert receipt["counts"]["imported"] == 1
    shown = json.loads(hq.ok("show", iid, "--json"))
    assert shown["checklist"]["version"] == "1.1.0"
    status = json.loads(hq.ok("plan", "--all", "--status", "--json"))
    assert status["counts"]["done"] == 1 and status["lines"][0]["inspection"] == iid
