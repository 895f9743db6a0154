"""Each inspection's counts of its findings (migration ``finding_tallies``) are kept exact by
the database itself, whoever writes; the branch assessment's rectification counts read from
them equal the rectification figures counted finding by finding.
"""

from __future__ import annotations

import os
import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, inspect, select, update

from inspector.db import Database, open_database
from inspector.db.models import Branch, Finding, HqRepeat, Inspection
from inspector.domain.states import FindingState, FindingStatus, InspectionStatus
from inspector.services.exchange.importer import import_paths
from inspector.services.hq import assess, rectify
from inspector.services.hq import rectification as hq_rect
from inspector.services.hq import repeats as hq_repeats
from inspector.services.hq.assess_rule import LoadedRule, load_rule
from inspector.services.hq.rows import LOCAL_TZ, HqFilter
from inspector.services.inspections.lookup import get

from .conftest import amend_and_finalize, downgrade_to, make_finalized, mark_hq_repeat
from .test_hq_repeats import two_laptops  # noqa: F401  (three signed packages, two laptops)

TALLIES = ("tally_findings", "tally_closed", "tally_on_time", "tally_repeats", "tally_open")
UNRESOLVED = (FindingStatus.OPEN, FindingStatus.RETURNED)


def _shares(f: Finding) -> tuple[int, ...]:
    """A finding's share of each count, worked out here from its own fields."""
    if not f.active:
        return (0, 0, 0, 0, 0)
    closed = f.status == FindingStatus.CLOSED
    day = f.closed_at.astimezone(LOCAL_TZ).date() if f.closed_at else None
    on_time = closed and (f.deadline is None or (day is not None and day <= f.deadline))
    return (1, int(closed), int(on_time), int(f.hq_repeat), int(f.status in UNRESOLVED))


def stale_tallies(db: Database) -> list[Any]:
    """Inspections whose counts differ from their findings counted in Python: always none."""
    with db.read_session() as s:
        want: dict[int, list[int]] = {}
        for f in s.scalars(select(Finding)):
            row = want.setdefault(f.inspection_id, [0] * len(TALLIES))
            for n, share in enumerate(_shares(f)):
                row[n] += share
        bad = []
        for i in s.scalars(select(Inspection)):
            got = [getattr(i, t) for t in TALLIES]
            if got != want.get(i.id, [0] * len(TALLIES)):
                bad.append((i.id, got, want.get(i.id)))
        return bad


def _finding(iid: int, item: str, **values: Any) -> dict[str, Any]:
    at = datetime(2026, 1, 1, tzinfo=UTC)
    return {
        "inspection_id": iid,
        "item_id": item,
        "active": True,
        "severity": "medium",
        "action": "",
        "owner": "",
        "status": FindingStatus.OPEN,
        "closing_note": "",
        "created_at": at,
        "updated_at": at,
        **values,
    }


def test_counts_follow_every_writer(any_db: Database) -> None:
    uuid_ = make_finalized(any_db, fail=("ex.polite", "ex.reading"), n_photos=0)
    other = make_finalized(any_db, label="o", fail=("ex.polite",), n_photos=0)
    assert stale_tallies(any_db) == []
    with any_db.read_session() as s:
        iid, oid = get(s, uuid_).id, get(s, other).id
        assert (get(s, uuid_).tally_findings, get(s, uuid_).tally_open) == (2, 2)
    # Raw statements, not the ORM: the database keeps the counts itself.
    with any_db.engine.begin() as c:
        c.execute(  # closed on the deadline day at the branch (23:30 local): on time
            insert(Finding).values(
                _finding(
                    iid,
                    "ex.counter_height",
                    status=FindingStatus.CLOSED,
                    deadline=date(2026, 1, 10),
                    closed_at=datetime(2026, 1, 10, 15, 30, tzinfo=UTC),
                )
            )
        )
        c.execute(  # closed the day after at the branch (00:30 local): late
            insert(Finding).values(
                _finding(
                    iid,
                    "ex.late",
                    status=FindingStatus.CLOSED,
                    deadline=date(2026, 1, 10),
                    closed_at=datetime(2026, 1, 10, 16, 30, tzinfo=UTC),
                )
            )
        )
        c.execute(insert(Finding).values(_finding(iid, "ex.gone", active=False)))
    assert stale_tallies(any_db) == []
    with any_db.read_session() as s:
        insp = get(s, uuid_)
        assert (insp.tally_findings, insp.tally_closed, insp.tally_on_time) == (4, 2, 1)
    steps: list[Any] = [
        # Each column a count reads, changed on its own.
        update(Finding).where(Finding.item_id == "ex.late").values(deadline=None),
        update(Finding)
        .where(Finding.item_id == "ex.counter_height")
        .values(closed_at=datetime(2026, 1, 12, tzinfo=UTC)),
        update(Finding)
        .where(Finding.item_id == "ex.reading")
        .values(status=FindingStatus.SUBMITTED),
        update(Finding).where(Finding.item_id == "ex.gone").values(active=True),
        update(Finding)
        .where(Finding.item_id == "ex.polite", Finding.inspection_id == iid)
        .values(active=False),
        # Moved to another inspection: its share moves with it.
        update(Finding).where(Finding.item_id == "ex.late").values(inspection_id=oid),
        # A column no count reads: nothing moves.
        update(Finding).where(Finding.item_id == "ex.reading").values(owner="王经理"),
        delete(Finding).where(Finding.item_id == "ex.counter_height"),
    ]
    for step in steps:
        with any_db.engine.begin() as c:
            c.execute(step)
        assert stale_tallies(any_db) == [], step
    # HQ's repeat rows mark and unmark (through migration finding_facts' triggers).
    mark_hq_repeat(any_db, "ex.reading", other)
    assert stale_tallies(any_db) == []
    with any_db.read_session() as s:
        assert get(s, uuid_).tally_repeats == 1
    with any_db.session() as s:
        s.execute(delete(HqRepeat))
    assert stale_tallies(any_db) == []
    # The ORM writes an inspection without touching its counts.
    with any_db.session() as s:
        get(s, uuid_).narrative = "changed"
    assert stale_tallies(any_db) == []
    # Deleting an inspection takes its findings (cascade) and leaves the others' counts.
    with any_db.engine.begin() as c:
        c.execute(delete(HqRepeat))
        c.execute(delete(Finding).where(Finding.inspection_id == iid))
    assert stale_tallies(any_db) == []
    with any_db.read_session() as s:
        assert [getattr(get(s, uuid_), t) for t in TALLIES] == [0] * len(TALLIES)


def test_counts_hold_through_imports_amendments_and_repeats(
    db: Database,
    two_laptops: dict[str, object],  # noqa: F811  (the fixture imported above)
) -> None:
    pkgs: dict[str, Path] = two_laptops["pkgs"]  # type: ignore[assignment]
    a1, b1, a2 = (str(two_laptops[k]) for k in ("a1", "b1", "a2"))
    assert import_paths(db, [pkgs[b1], pkgs[a2]]).ok
    assert stale_tallies(db) == []
    assert import_paths(db, [pkgs[a1]]).ok  # late: repeats evaluated again
    assert stale_tallies(db) == []
    with db.read_session() as s:
        assert s.scalar(select(Inspection.id).where(Inspection.tally_repeats > 0)) is not None
    uuid_ = make_finalized(db, branch_code="SZ003", fail=("ex.polite",), n_photos=0)
    amend_and_finalize(db, uuid_)
    with db.session() as s:
        hq_repeats.evaluate(s)
    assert stale_tallies(db) == []


def _many(db: Database, today: date) -> None:
    """Findings in every state over three branches, in and out of a period."""
    rng = random.Random(11)
    for n in range(12):
        make_finalized(
            db,
            label=f"m{n}",
            branch_code=("SH001", "BJ001", "GZ001")[n % 3],
            fail=("ex.polite", "ex.reading", "ex.counter_height"),
            n_photos=0,
        )
    stored = [FindingStatus.OPEN, FindingStatus.SUBMITTED, FindingStatus.RETURNED]
    with db.session() as s:
        for b in s.scalars(select(Branch)):
            b.region = {"SH001": "上海", "BJ001": "北京", "GZ001": "广州"}[b.code]
        for n, i in enumerate(s.scalars(select(Inspection).order_by(Inspection.id))):
            i.started_at = datetime(2026, 11, 19, 20, tzinfo=UTC) - timedelta(days=40 * n)
        for f in s.scalars(select(Finding)):
            f.deadline = rng.choice([None, today - timedelta(days=3), today, today + timedelta(7)])
            f.status = rng.choice([*stored, FindingStatus.CLOSED, FindingStatus.CLOSED])
            if f.status == FindingStatus.CLOSED and rng.random() < 0.8:
                f.closed_at = datetime(2026, 11, rng.randint(1, 19), 16, tzinfo=UTC)
            f.active = rng.random() < 0.9


def _naive_counts(db: Database, flt: HqFilter, today: date) -> dict[str, tuple[int, ...]]:
    """Per branch code: opened, closed, closed on time, due, overdue, repeats, counted here
    finding by finding from a plain join, the filter applied in Python."""
    out: dict[str, list[int]] = {}
    with db.read_session() as s:
        rows = s.execute(
            select(Finding, Inspection, Branch)
            .join(Inspection, Inspection.id == Finding.inspection_id)
            .join(Branch, Branch.id == Inspection.branch_id)
        ).all()
        for f, i, b in rows:
            day = i.started_at.astimezone(flt.zone).date()
            if not (
                f.active
                and i.is_current
                and (flt.drafts or i.status == InspectionStatus.FINALIZED)
                and (flt.mode is None or i.mode == flt.mode)
                and (flt.region is None or b.region == flt.region)
                and (flt.date_from is None or day >= flt.date_from)
                and (flt.date_to is None or day <= flt.date_to)
            ):
                continue
            opened, closed, on_time, repeats, unresolved = _shares(f)
            late = unresolved and f.deadline is not None and f.deadline < today
            row = out.setdefault(b.code, [0] * 6)
            for n, v in enumerate((opened, closed, on_time, closed + late, late, repeats)):
                row[n] += int(v)
    return {code: tuple(v) for code, v in out.items()}


def test_the_assessments_counts_are_the_findings_counted(any_db: Database) -> None:
    today = date(2026, 11, 20)
    _many(any_db, today)
    assert stale_tallies(any_db) == []
    filters = [
        HqFilter(),
        HqFilter(region="上海"),
        HqFilter(date_from=date(2026, 6, 1)),
        HqFilter(date_from=date(2026, 1, 1), date_to=date(2026, 9, 30), region="北京"),
        HqFilter(mode="onsite", include_drafts=True),
    ]
    fields = ("opened", "closed", "closed_on_time", "due", "overdue", "repeats")
    with any_db.read_session() as s:
        codes = {int(i): str(c) for i, c in s.execute(select(Branch.id, Branch.code))}
        for flt in filters:
            want = _naive_counts(any_db, flt, today)
            assert want, flt  # each filter selects something
            counts = rectify.branch_counts(s, flt, today)
            assert {
                codes[b]: tuple(getattr(c, k) for k in fields) for b, c in counts.items()
            } == want
            for f in rectify.figures(s, flt, today).branches:
                got = tuple(getattr(f, k) for k in fields)
                assert got == want.get(f.code, (0,) * len(fields)), (flt, f.code)
        # The assessment is the same whether it counts them itself or is handed the figures.
        shipped = load_rule()  # its on-site checklists are the shipped ones: count "example" too
        c = shipped.rule.components
        every = c.model_copy(update={"onsite": c.onsite.model_copy(update={"checklists": ()})})
        rule = LoadedRule(
            shipped.rule.model_copy(update={"components": every}), shipped.file, shipped.sha256
        )
        for region, date_from in ((None, None), ("上海", date(2026, 6, 1))):
            flt = HqFilter(region=region, date_from=date_from)
            own = assess.assess(s, rule, region=region, date_from=date_from)
            handed = assess.assess(
                s, rule, region=region, date_from=date_from, rect_figures=rectify.figures(s, flt)
            )
            assert own.as_dict() == handed.as_dict()
            scored = [r for r in own.rows if r.score is not None]
            assert scored, region
            rect = [c for r in scored for c in r.components if c.id == "rectification"]
            assert any(c.inputs["due"] for c in rect)


def test_the_upgrade_counts_the_findings_held(any_db: Database) -> None:
    make_finalized(any_db, fail=("ex.polite", "ex.reading"), n_photos=0)
    with any_db.session() as s:
        f = s.scalars(select(Finding).where(Finding.item_id == "ex.polite")).one()
        f.status = FindingStatus.CLOSED
        f.closed_at = datetime(2026, 11, 19, tzinfo=UTC)
    url = downgrade_to(any_db, "scenario_column")
    old = open_database(url, migrate=False)
    try:
        columns = {c["name"] for c in inspect(old.engine).get_columns("inspections")}
        assert not set(TALLIES) & columns
    finally:
        old.dispose()
    upgraded = open_database(url)
    try:
        assert stale_tallies(upgraded) == []
        with upgraded.read_session() as s:
            (insp,) = s.scalars(select(Inspection)).all()
            assert [getattr(insp, t) for t in TALLIES] == [2, 1, 1, 0, 1]
        # The triggers are in place after the upgrade too.
        with upgraded.engine.begin() as c:
            c.execute(update(Finding).values(status=FindingStatus.OPEN))
        assert stale_tallies(upgraded) == []
    finally:
        upgraded.dispose()


def test_every_view_judges_overdue_on_the_same_day(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 02:00 in Shanghai (18:00 UTC the day before) a finding due yesterday at the branch
    is overdue in the table, the list, the figures and the assessment's counts alike."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"  # this machine's zone: the branch's
    time.tzset()
    try:
        monkeypatch.setenv("INSPECTOR_CLOCK", "2026-11-19T18:00:00Z")
        make_finalized(db, fail=("ex.polite",), n_photos=0)
        with db.session() as s:
            s.scalars(select(Finding)).one().deadline = date(2026, 11, 19)
        with db.read_session() as s:
            flt = HqFilter()
            (row,) = hq_rect.rectification(s, flt)
            (listed,) = hq_rect.findings(s, flt)
            (figures,) = [f for f in rectify.figures(s, flt).branches if f.opened]
            (counts,) = rectify.branch_counts(s, flt).values()
        assert (row.overdue, row.open) == (1, 0)
        assert listed.status == FindingState.OVERDUE
        assert figures.overdue == counts.overdue == 1
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
