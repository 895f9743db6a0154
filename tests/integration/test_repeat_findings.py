"""屡查屡犯: a finding the branch's previous inspection already had is marked and escalated."""

from __future__ import annotations

import json
from datetime import timedelta

from inspector.db import Database
from inspector.services import branches
from inspector.services import inspections as svc

from ..conftest import Cli
from .conftest import make_finalized


def _later_draft(db: Database, fail: tuple[str, ...]) -> str:
    with db.session() as s:
        if branches.find_by_code(s, "SH001") is None:
            branches.create(s, code="SH001", name="上海分行浦东支行", region="上海")
        insp = svc.create(s, branch_code="SH001", checklist_id="example", inspector="张三")
        # Started after the first inspection (same clock otherwise).
        insp.started_at = insp.started_at + timedelta(days=30)
        for item in svc.checklist_of(insp).items():
            if item.applies_to(svc.Mode.ONSITE):
                result = "fail" if item.id in fail else "pass"
                svc.set_answer(s, insp, item.id, result=result, actor="张三", rescore_now=False)
        svc.rescore(s, insp)
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
    order = ["low", "medium", "high"]
    assert order.index(findings["ex.polite"]["severity"]) == min(order.index(sev_before) + 1, 2)


def test_no_previous_inspection_no_repeat(db: Database, run_cli: Cli) -> None:
    uuid = _later_draft(db, fail=("ex.polite",))
    data = json.loads(run_cli.ok("show", uuid, "--json"))
    assert [f["repeat_of"] for f in data["findings"]] == [None]
