"""Every field of the HQ findings list (the dashboard's open and repeat findings, ``hq
findings``) equals what a plain join of each finding with its inspection, branch, checklist
and HQ's repeat mark gives, on SQLite and PostgreSQL.

The list picks its page's findings first and then reads their details by id, a batch at a
time; on PostgreSQL the repeat marks are picked by the same ids (its planner otherwise
hashed every mark of the bank) and the ids travel as one array's text. A mark read for the
wrong finding, or a batch's ids cut wrongly, would show here.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from inspector.checklists import checklist_from_json
from inspector.db import Database
from inspector.db.models import Branch, ChecklistSnapshot, Finding, HqRepeat, Inspection
from inspector.domain.states import FindingState, InspectionStatus
from inspector.services.hq import rectification as hq_rect
from inspector.services.hq.rows import FindingRow, HqFilter

from .test_finding_facts import _many

TODAY = date(2026, 11, 20)


def _varied(db: Database) -> None:
    """Findings in every state over three branches (repeats from the second inspection of a
    branch on), each with its own owner and action so that a row mixed up shows."""
    _many(db)
    rng = random.Random(11)
    with db.session() as s:
        for f in s.scalars(select(Finding).order_by(Finding.id)):
            f.owner = f"负责人{f.id}"
            f.action = f"整改措施 {f.id} {rng.random():.6f}"


def _expected(db: Database, *, repeats: bool) -> dict[tuple[str, str], FindingRow]:
    """(inspection, item) -> the row, computed from a plain ORM join, not the list's code."""
    with db.read_session() as s:
        rows = s.execute(
            select(Finding, Inspection, Branch, ChecklistSnapshot, HqRepeat)
            .join(Inspection, Inspection.id == Finding.inspection_id)
            .join(Branch, Branch.id == Inspection.branch_id)
            .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
            .outerjoin(HqRepeat, HqRepeat.finding_id == Finding.id)
            .where(
                Finding.active.is_(True),
                Inspection.is_current.is_(True),
                Inspection.status == InspectionStatus.FINALIZED,
            )
        ).all()
        out: dict[tuple[str, str], FindingRow] = {}
        for f, i, b, snap, rep in rows:
            if repeats and rep is None:
                continue
            item = {it.id: it for it in checklist_from_json(snap.content).items()}[f.item_id]
            out[(i.uuid, f.item_id)] = FindingRow(
                inspection_uuid=i.uuid,
                code=b.code,
                name=b.name,
                region=b.region,
                item_id=f.item_id,
                severity=f.severity,
                owner=f.owner,
                action=f.action,
                deadline=f.deadline,
                status=FindingState.of(f.status, f.deadline, TODAY),
                closed_at=f.closed_at,
                closed_by=f.closed_by_uuid,
                closing_note=f.closing_note,
                started_at=i.started_at,
                item_zh=item.text.zh,
                item_en=item.text.en,
                draft=False,
                checklist_id=snap.checklist_id,
                repeat_of=f.repeat_of,
                closed_via=f.closed_via,
                hq_repeat_of=rep.repeat_of if rep else None,
                hq_earlier=rep.earlier if rep else 0,
                hq_severity=rep.severity if rep else None,
            )
    return out


def _listed(db: Database, **kw: Any) -> list[FindingRow]:
    with db.read_session() as s:
        return hq_rect.findings(s, HqFilter(), today=TODAY, limit=None, **kw)


@pytest.mark.parametrize("batch", [hq_rect._BATCH, 4])
def test_every_field_is_the_plain_joins(
    any_db: Database, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    _varied(any_db)
    monkeypatch.setattr(hq_rect, "_BATCH", batch)  # 4: several batches, each its own ids
    for repeats in (False, True):
        want = _expected(any_db, repeats=repeats)
        got = _listed(any_db, repeats=repeats)
        assert len(got) == len(want)
        assert {(r.inspection_uuid, r.item_id): r for r in got} == want
    marks = [r for r in want.values() if r.hq_repeat_of is not None]
    assert marks and len(marks) < len(_expected(any_db, repeats=False))  # both kinds listed
    assert {r.hq_earlier for r in marks} >= {1, 2}  # marks differ between findings


def test_the_unresolved_page_is_the_full_lists_unresolved_rows(any_db: Database) -> None:
    _varied(any_db)
    full = _listed(any_db)
    with any_db.read_session() as s:
        for limit in (3, 10):
            page = hq_rect.findings(s, HqFilter(), today=TODAY, limit=limit, unresolved=True)
            assert page == [r for r in full if r.status != FindingState.CLOSED][:limit]


def test_the_counts_per_branch_are_each_findings_state_counted(any_db: Database) -> None:
    """``rectification`` sums each inspection's counts of its findings and takes the ones
    not yet due from the state index: equal to each finding's state counted one by one."""
    _varied(any_db)
    with any_db.session() as s:  # one finding of each stored status without a deadline
        for f in s.scalars(select(Finding).order_by(Finding.id).limit(4)):
            f.deadline = None
    want: dict[str, dict[FindingState, int]] = {}
    with any_db.read_session() as s:
        for f, code in s.execute(
            select(Finding, Branch.code)
            .join(Inspection, Inspection.id == Finding.inspection_id)
            .join(Branch, Branch.id == Inspection.branch_id)
            .where(Finding.active.is_(True), Inspection.is_current.is_(True))
        ):
            per = want.setdefault(code, dict.fromkeys(FindingState, 0))
            per[FindingState.of(f.status, f.deadline, TODAY)] += 1
        got = hq_rect.rectification(s, HqFilter(), today=TODAY)
        assert hq_rect.rectification(s, HqFilter(date_from=date(2100, 1, 1)), today=TODAY) == []
    assert {r.code for r in got} == set(want)
    for r in got:
        w = want[r.code]
        assert (r.open, r.overdue, r.closed, r.submitted, r.returned) == (
            w[FindingState.OPEN],
            w[FindingState.OVERDUE],
            w[FindingState.CLOSED],
            w[FindingState.SUBMITTED],
            w[FindingState.RETURNED],
        )
    assert all(sum(w.values()) for w in want.values())
    assert {s for w in want.values() for s, n in w.items() if n} == set(FindingState)
