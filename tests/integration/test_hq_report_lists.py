"""The HQ PDF at a bank's size: lists that grow with the bank are capped, and say so.

Issue 21 §8: at 100,000 inspections the PDF listed every mystery visit (20,000 rows, 978
pages) and 5,000 overdue findings (231 pages). Overdue findings and mystery visits now
list ``PDF_LIST_ROWS`` rows (the longest overdue; the newest visits) with a note giving
the total and pointing at the Excel export; the per-branch lists stay whole.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from inspector.db import Database
from inspector.domain import timefmt
from inspector.domain.states import FindingState
from inspector.errors import ValidationError
from inspector.reports.hq_content import HqTable
from inspector.services import demo
from inspector.services.hq import mystery as hq_mystery
from inspector.services.hq import rectification as hq_rectification
from inspector.services.hq import tables as hq_tables
from inspector.services.hq.rows import HqFilter
from inspector.services.views import hq_lists
from inspector.text import hq as TH
from inspector.text import hq_tabs as TT
from tests.conftest import Cli

CAP = 3
_HEX_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}\b")


@pytest.fixture
def capped(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    demo.generate(db, inspections=120, seed=5)
    monkeypatch.setattr(hq_tables, "PDF_LIST_ROWS", CAP)
    return db


def _sections(db: Database, lang: str) -> dict[str, HqTable]:
    data = hq_lists.all_views(db, HqFilter(), extras=True)
    content = hq_tables.report_content(data, lang)
    return {s.name: s for s in content.sections if isinstance(s, HqTable)}


def test_overdue_findings_are_the_longest_overdue_with_the_total(capped: Database) -> None:
    with capped.read_session() as s:
        overdue = hq_rectification.findings(s, HqFilter(), status=FindingState.OVERDUE, limit=None)
    assert len(overdue) > CAP  # the demo data has more than the cap: the rule is exercised
    sections = _sections(capped, "zh")
    table = sections["overdue"]
    assert len(table.rows) == CAP
    uuid = [c.key for c in table.columns].index("inspection")
    deadline = [c.key for c in table.columns].index("deadline")
    earliest = sorted(f.deadline for f in overdue)[:CAP]
    assert sorted(r[deadline] for r in table.rows) == earliest
    assert {r[uuid] for r in table.rows} <= {f.inspection_uuid for f in overdue}
    assert table.note == TH.OVERDUE_NOTE(
        "zh", total=len(overdue), n=CAP, sheet=TH.SHEETS["findings"]("zh")
    )
    # A list with a row per branch stays whole.
    branches = len(hq_lists.all_views(capped, HqFilter(), extras=True).league)
    assert len(sections["rectification"].rows) == branches > CAP


def test_mystery_visits_are_the_newest_with_the_total(capped: Database) -> None:
    with capped.read_session() as s:
        visits = hq_mystery.visits(s)
    assert len(visits) > CAP
    data = hq_lists.all_views(capped, HqFilter(), extras=True)
    table = _sections(capped, "en")["mystery_visits"]
    assert len(table.rows) == CAP
    day = [c.key for c in table.columns].index("date")
    newest = sorted(
        (timefmt.local_date(datetime.fromisoformat(v.started_at), data.tz) for v in visits),
        reverse=True,
    )
    assert sorted((r[day] for r in table.rows), reverse=True) == newest[:CAP]
    shown = [(r[0], r[day]) for r in table.rows]
    assert shown == sorted(shown)  # still in the table's order (branch, then date)
    assert table.note == TH.NEWEST_VISITS_NOTE(
        "en", total=len(visits), n=CAP, sheet=TT.SHEETS["mystery_visits"]("en")
    )


def test_the_pdf_says_what_it_left_out(capped: Database, run_cli: Cli, tmp_path: Path) -> None:
    pdf = tmp_path / "hq.pdf"
    run_cli.ok("hq", "report", "-o", str(pdf), "--lang", "zh")
    lines = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    text = lines.replace("\n", "")
    assert re.search(r"逾期未整改共 \d+ 项，此处按整改期限列出逾期最久的 3 项", text)
    assert "完整清单见 Excel 导出（inspector hq export）的“整改跟踪”表" in text
    assert re.search(r"共 \d+ 次暗访，此处列出最近的 3 次", text)
    # Three rows under each capped list (an inspection id per row).
    overdue = lines[lines.index("逾期未整改共") : lines.index("八项权利")]
    assert len(_HEX_ID.findall(overdue)) == CAP
    visits = lines[lines.index("次暗访，此处列出最近的") : lines.index("编制与签发")]
    assert len(_HEX_ID.findall(visits)) == CAP


@pytest.mark.parametrize(
    ("number", "classification", "said"),
    [
        ("号" * 51, "", "at most 50"),
        ("消保〔2026〕12号", "内部\n秘密", "control character"),
        ("消保\x00", "", "control character"),
    ],
)
def test_a_filing_the_page_header_cannot_hold_is_refused_before_drawing(
    db: Database, tmp_path: Path, number: str, classification: str, said: str
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "hq.pdf"
    with pytest.raises(ValidationError) as err:
        hq_lists.write_report(
            db,
            HqFilter(),
            target,
            "en",
            rule_file=None,
            compare_to=None,
            number=number,
            classification=classification,
        )
    assert said in str(err.value)
    assert list(target.parent.iterdir()) == []
