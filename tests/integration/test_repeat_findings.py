"""屡查屡犯: a finding the branch's previous inspection already had is marked and escalated."""

from __future__ import annotations

import json
from datetime import timedelta

from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.services import branches
from inspector.services.findings.edit import update_finding
from inspector.services.inspections import (
    answering,
    lifecycle,
    lookup,
    rescoring,
    signoff,
    snapshots,
)

from ..conftest import Cli
from .conftest import make_finalized


def _later_draft(db: Database, fail: tuple[str, ...]) -> str:
    with db.session() as s:
        if branches.find_by_code(s, "SH001") is None:
            branches.create(s, code="SH001", name="上海分行浦东支行", region="上海")
        insp = lifecycle.create(s, branch_code="SH001", checklist_id="example", inspector="张三")
        # Started after the first inspection (same clock otherwise).
        insp.started_at = insp.started_at + timedelta(days=30)
        for item in snapshots.checklist_of(insp).items():
            if item.applies_to(Mode.ONSITE):
                result = "fail" if item.id in fail else "pass"
                answering.set_answer(
                    s, insp, item.id, result=result, actor="张三", rescore_now=False
                )
        rescoring.rescore(s, insp)
        return insp.uuid


def test_same_failure_as_last_time_is_marked_and_escalated(db: Database, run_cli: Cli) -> None:
    first = make_finalized(db, fail=("ex.polite", "ex.reading"))
    second = _later_draft(db, fail=("ex.polite", "ex.counter_height"))
    data = json.loads(run_cli.ok("show", second, "--json"))
    findings = {f["item"]: f for f in data["findings"]}
    assert findings["ex.polite"]["repeat_of"] == first
    assert findings["ex.counter_height"]["repeat_of"] is None
    before = json.loads(run_cli.ok("show", first, "--json"))
    sev_before = {f["item"]: f["severity"] for f in before["findings"]}["ex.polite"]
    # HQ's findings list marks it too.
    with db.session() as s:
        insp = lookup.get(s, second)
        for f in insp.findings:
            update_finding(s, insp, f.item_id, actor="张三", owner="李四", action="整改")
        signoff.finalize(s, insp, by="张三", manager_name="李四", force=True)
    hq_rows = json.loads(run_cli.ok("hq", "findings", "--json"))
    marks = {(r["inspection"], r["item"]): r["repeat_of"] for r in hq_rows}
    assert marks[(second, "ex.polite")] == first
    assert "屡查屡犯" in run_cli.ok("hq", "findings")
    order = ["low", "medium", "high"]
    assert order.index(findings["ex.polite"]["severity"]) == min(order.index(sev_before) + 1, 2)


def test_no_previous_inspection_no_repeat(db: Database, run_cli: Cli) -> None:
    uuid = _later_draft(db, fail=("ex.polite",))
    data = json.loads(run_cli.ok("show", uuid, "--json"))
    assert [f["repeat_of"] for f in data["findings"]] == [None]
