"""Each finding's copies of its inspection's columns (migration ``finding_facts``) are kept
exact by the database itself, whoever writes; and HQ's findings views read from them give
what the join through every inspection gives.
"""

from __future__ import annotations

import random
import statistics
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, select, text, update

from inspector.db import Database
from inspector.db.models import Branch, Finding, HqRepeat, Inspection
from inspector.domain.checklist import Mode
from inspector.domain.states import FindingState, FindingStatus, InspectionStatus
from inspector.services.exchange.importer import import_paths
from inspector.services.hq import rectification as hq_rect
from inspector.services.hq import rectify
from inspector.services.hq import repeats as hq_repeats
from inspector.services.hq.rows import LOCAL_TZ, HqFilter
from inspector.services.inspections.lookup import get

from .conftest import amend_and_finalize, make_finalized, mark_hq_repeat
from .test_hq_repeats import two_laptops  # noqa: F401  (three signed packages, two laptops)

COPIED = {
    "insp_current": "is_current",
    "insp_status": "status",
    "insp_mode": "mode",
    "insp_started_at": "started_at",
    "insp_branch_id": "branch_id",
    "insp_snapshot_id": "snapshot_id",
}


def stale_facts(db: Database) -> list[Any]:
    """Findings whose copies differ from their inspection (or HQ's repeat rows), or whose
    branch days differ from a computation in Python: must always be none."""
    with db.read_session() as s:
        rows = s.execute(
            select(Finding, Inspection, HqRepeat.finding_id)
            .join(Inspection, Inspection.id == Finding.inspection_id)
            .outerjoin(HqRepeat, HqRepeat.finding_id == Finding.id)
        ).all()
        bad = []
        for f, i, rep in rows:
            want_day = f.closed_at.astimezone(LOCAL_TZ).date() if f.closed_at else None
            want_days = (
                (want_day - i.started_at.astimezone(LOCAL_TZ).date()).days if want_day else None
            )
            got = [getattr(f, mine) for mine in COPIED] + [f.hq_repeat, f.closed_day, f.close_days]
            want = [getattr(i, theirs) for theirs in COPIED.values()]
            want += [rep is not None, want_day, want_days]
            if got != want:
                bad.append((f.id, f.item_id, got, want))
        return bad


def test_copies_follow_every_writer(any_db: Database) -> None:
    uuid_ = make_finalized(any_db, fail=("ex.polite", "ex.reading"), n_photos=0)
    assert stale_facts(any_db) == []
    with any_db.session() as s:
        insp = get(s, uuid_)
        assert {f.insp_status for f in insp.findings} == {InspectionStatus.FINALIZED}
        other = Branch(code="BJ001", name="北京分行", region="北京")
        s.add(other)
        s.flush()
        iid, bid = insp.id, other.id
    # Raw statements, not the ORM: the database keeps the copies itself.
    with any_db.engine.begin() as c:
        c.execute(
            update(Inspection)
            .where(Inspection.id == iid)
            .values(
                branch_id=bid,
                mode=Mode.MYSTERY,
                is_current=False,
                status=InspectionStatus.DRAFT,
                started_at=datetime(2026, 1, 1, 17, 0, tzinfo=UTC),  # 2 Jan at the branch
            )
        )
        c.execute(
            insert(Finding).values(
                inspection_id=iid,
                item_id="ex.counter_height",
                active=True,
                severity="medium",
                action="",
                owner="",
                status=FindingStatus.CLOSED,
                closing_note="",
                closed_at=datetime(2026, 1, 10, 17, 30, tzinfo=UTC),  # 11 Jan at the branch
                created_at=datetime(2026, 1, 1, tzinfo=UTC),
                updated_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
        )
    assert stale_facts(any_db) == []
    with any_db.read_session() as s:
        added = s.scalars(select(Finding).where(Finding.item_id == "ex.counter_height")).one()
        assert (added.insp_branch_id, added.insp_mode, added.insp_current) == (
            bid,
            Mode.MYSTERY,
            False,
        )
        assert (added.closed_day, added.close_days) == (date(2026, 1, 11), 9)
    # Closing time and start time moved: the branch days follow.
    with any_db.engine.begin() as c:
        c.execute(
            update(Finding)
            .where(Finding.item_id == "ex.counter_height")
            .values(closed_at=datetime(2026, 1, 5, 15, 0, tzinfo=UTC))  # 5 Jan 23:00 local
        )
        c.execute(
            update(Inspection)
            .where(Inspection.id == iid)
            .values(started_at=datetime(2025, 12, 31, 16, 0, tzinfo=UTC))  # 1 Jan 00:00 local
        )
    assert stale_facts(any_db) == []
    with any_db.read_session() as s:
        added = s.scalars(select(Finding).where(Finding.item_id == "ex.counter_height")).one()
        assert (added.closed_day, added.close_days) == (date(2026, 1, 5), 4)
    # HQ's repeat rows set and clear the mark.
    fid = mark_hq_repeat(any_db, "ex.polite", uuid_)
    assert stale_facts(any_db) == []
    with any_db.read_session() as s:
        assert s.get(Finding, fid).hq_repeat is True  # type: ignore[union-attr]
    with any_db.session() as s:
        s.execute(delete(HqRepeat))
    assert stale_facts(any_db) == []


def test_copies_hold_through_imports_amendments_and_repeats(
    db: Database,
    two_laptops: dict[str, object],  # noqa: F811  (the fixture imported above)
) -> None:
    pkgs: dict[str, Path] = two_laptops["pkgs"]  # type: ignore[assignment]
    a1, b1, a2 = (str(two_laptops[k]) for k in ("a1", "b1", "a2"))
    assert import_paths(db, [pkgs[b1], pkgs[a2]]).ok
    assert stale_facts(db) == []
    assert import_paths(db, [pkgs[a1]]).ok  # late: repeats evaluated again
    assert stale_facts(db) == []
    with db.read_session() as s:
        assert s.scalar(select(Finding.id).where(Finding.hq_repeat.is_(True))) is not None
    # A local amendment makes a new current revision; the old one's findings follow.
    uuid_ = make_finalized(db, branch_code="SZ003", fail=("ex.polite",), n_photos=0)
    amend_and_finalize(db, uuid_)
    with db.session() as s:
        hq_repeats.evaluate(s)
    assert stale_facts(db) == []
    with db.read_session() as s:
        current = s.scalars(
            select(Finding.insp_current)
            .join(Inspection, Inspection.id == Finding.inspection_id)
            .where(Inspection.uuid == uuid_)
        ).all()
    assert sorted(current) == [False, True]


STORED = [FindingStatus.OPEN, FindingStatus.SUBMITTED, FindingStatus.RETURNED, FindingStatus.CLOSED]


def _many(db: Database) -> None:
    """Findings in every state, over three branches, with deadlines that tie."""
    rng = random.Random(5)
    for n in range(9):
        make_finalized(
            db,
            label=f"m{n}",
            branch_code=("SH001", "BJ001", "GZ001")[n % 3],
            fail=("ex.polite", "ex.reading", "ex.counter_height"),
            n_photos=0,
        )
    today = date(2026, 11, 20)
    with db.session() as s:
        for f in s.scalars(select(Finding)):
            f.deadline = rng.choice([None, today - timedelta(days=3), today, today + timedelta(7)])
            f.status = rng.choice(STORED)
            if f.status == FindingStatus.CLOSED and rng.random() < 0.7:
                f.closed_at = datetime(2026, 11, rng.randint(1, 19), 20, tzinfo=UTC)


_RANK = {s: n for n, s in enumerate(hq_rect.STATE_ORDER)}


def _naive(db: Database, today: date) -> list[tuple[Any, ...]]:
    """Every finding in the list's order, sorted in Python from a plain join."""
    with db.read_session() as s:
        rows = s.execute(
            select(Finding, Branch.code)
            .join(Inspection, Inspection.id == Finding.inspection_id)
            .join(Branch, Branch.id == Inspection.branch_id)
            .where(Finding.active.is_(True), Inspection.is_current.is_(True))
        ).all()
        out = []
        for f, code in rows:
            state = FindingState.of(f.status, f.deadline, today)
            out.append((_RANK[state], f.deadline or date.max, code, f.item_id, state))
    return [r[1:] for r in sorted(out, key=lambda r: r[:4])]


def test_the_findings_list_is_the_full_order_cut_at_its_limit(any_db: Database) -> None:
    _many(any_db)
    today = date(2026, 11, 20)
    want = _naive(any_db, today)
    with any_db.read_session() as s:
        full = hq_rect.findings(s, HqFilter(), today=today, limit=None)
        got = [(r.deadline or date.max, r.code, r.item_id, r.status) for r in full]
        assert got == want
        for limit in (1, 2, 5, 7, 11, len(want) - 1):
            cut = hq_rect.findings(s, HqFilter(), today=today, limit=limit)
            assert [(r.inspection_uuid, r.item_id) for r in cut] == [
                (r.inspection_uuid, r.item_id) for r in full[:limit]
            ], limit
        for state in hq_rect.STATE_ORDER:
            only = hq_rect.findings(s, HqFilter(), today=today, status=state, limit=3)
            assert [r.status for r in only] == [state] * min(3, sum(w[3] == state for w in want))
        # Per branch the counts are the list's states, counted.
        per = {r.code: r for r in hq_rect.rectification(s, HqFilter(), today=today)}
        for code, row in per.items():
            mine = [r.status for r in full if r.code == code]
            assert (row.open, row.overdue, row.closed, row.submitted, row.returned) == tuple(
                mine.count(st)
                for st in (
                    FindingState.OPEN,
                    FindingState.OVERDUE,
                    FindingState.CLOSED,
                    FindingState.SUBMITTED,
                    FindingState.RETURNED,
                )
            )
        # The figures: closed on time is judged on the branch's day of closing.
        figs = {f.code: f for f in rectify.figures(s, HqFilter(), today=today).branches}
        for code in per:
            rows = s.execute(
                select(Finding, Inspection.started_at)
                .join(Inspection, Inspection.id == Finding.inspection_id)
                .join(Branch, Branch.id == Inspection.branch_id)
                .where(Branch.code == code, Finding.active.is_(True))
            ).all()
            closed = [(f, st) for f, st in rows if f.status == FindingStatus.CLOSED]
            on_time = sum(
                1
                for f, _ in closed
                if f.deadline is None
                or (
                    f.closed_at is not None
                    and f.closed_at.astimezone(LOCAL_TZ).date() <= f.deadline
                )
            )
            days = sorted(
                max(
                    0,
                    (
                        (f.closed_at.astimezone(LOCAL_TZ).date() if f.closed_at else today)
                        - st.astimezone(LOCAL_TZ).date()
                    ).days,
                )
                for f, st in closed
            )
            assert (figs[code].opened, figs[code].closed, figs[code].closed_on_time) == (
                len(rows),
                len(closed),
                on_time,
            )
            assert sorted(figs[code].days.elements()) == days
            assert figs[code].median_days_to_close == (
                float(statistics.median(days)) if days else None
            )


def test_the_branch_day_is_the_branchs_whatever_the_readers_zone(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_finalized(db, fail=("ex.polite",), n_photos=0)
    with db.session() as s:
        f = s.scalars(select(Finding)).one()
        f.deadline = date(2026, 11, 20)
        f.status = FindingStatus.CLOSED
        f.closed_at = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)  # 23:30 on the 20th at the branch
    for zone in ("Asia/Shanghai", "UTC", "America/New_York"):
        monkeypatch.setenv("INSPECTOR_TZ", zone)
        with db.read_session() as s:
            (row,) = [r for r in rectify.figures(s, HqFilter(tz=zone)).branches if r.opened]
            assert row.closed_on_time == 1, zone
    with db.engine.connect() as c:  # the trigger computed it, not the reader
        assert c.execute(text("SELECT close_days FROM findings")).scalar() is not None
