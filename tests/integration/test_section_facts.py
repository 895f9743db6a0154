"""Each section score's copies of its inspection's filter columns (migration
``section_facts``) are kept exact by the database itself, whoever writes; the mystery tab's
summary (from them, or from a region's or wave's visits) and its wave box give what the
join through every visit gives.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, select, text

from inspector.db import Database, open_database
from inspector.db.migrate import current_revision, head_revision
from inspector.db.models import Branch, ChecklistSnapshot, Inspection
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus
from inspector.services import demo
from inspector.services.hq import mystery as hq_mystery
from inspector.services.inspections import lookup
from inspector.services.inspections import visits as insp_visits

from .conftest import (
    CHILD_COUNTS,
    amend_and_finalize,
    downgrade_to,
    imported_at_hq,
    make_finalized,
    new_mystery,
    raw_rows,
)

BEFORE = "drafts_in_order"  # the revision before the section facts

COPIED = {
    "insp_current": "is_current",
    "insp_status": "status",
    "insp_mode": "mode",
    "insp_snapshot_id": "snapshot_id",
    "insp_scenario": "scenario",
}
_PAIRS = ", ".join(f"s.{mine}, i.{theirs}" for mine, theirs in COPIED.items())
FACTS = (
    f"SELECT s.id, {_PAIRS} FROM section_scores s "
    "JOIN inspections i ON i.id = s.inspection_id ORDER BY s.id"
)


def stale_facts(db: Database) -> list[tuple[object, ...]]:
    """Section rows whose copies differ from their inspection's columns: must always be
    none. Read past the ORM: the stored values themselves."""
    rows = raw_rows(db, FACTS)
    assert rows, "there are section rows to check"
    return [r for r in rows if list(r[1::2]) != list(r[2::2])]


def facts_of(db: Database, uuid_: str) -> set[tuple[object, ...]]:
    """The distinct copies held by the section rows of ``uuid_``'s current revision."""
    mine = ", ".join(f"s.{m}" for m in COPIED)
    return set(
        raw_rows(
            db,
            f"SELECT DISTINCT {mine} FROM section_scores s "
            "JOIN inspections i ON i.id = s.inspection_id "
            f"WHERE i.uuid = '{uuid_}' AND i.is_current",
        )
    )


def _id(db: Database, uuid_: str) -> int:
    with db.read_session() as s:
        return s.scalars(
            select(Inspection.id).where(Inspection.uuid == uuid_, Inspection.is_current)
        ).one()


def test_copies_follow_every_writer(any_db: Database) -> None:
    # The ORM: scoring writes the section rows, set_visit the wave and scenario.
    onsite = make_finalized(any_db, n_photos=0)
    visit = new_mystery(any_db, "310001")
    with any_db.session() as s:
        insp_visits.set_visit(
            s, lookup.get(s, visit), actor="t", wave="W1", scenario="cash_purpose"
        )
    assert stale_facts(any_db) == []
    (row,) = facts_of(any_db, visit)
    assert row[2:] == (Mode.MYSTERY.value, row[3], "cash_purpose")
    assert not any(v is None for v in row[:4])
    (row,) = facts_of(any_db, onsite)
    assert row[1:3] == (InspectionStatus.FINALIZED.value, Mode.ONSITE.value)

    a, b = _id(any_db, onsite), _id(any_db, visit)
    with any_db.session() as s:
        other = Branch(code="BJ001", name="北京分行", region="北京")
        s.add(other)
        s.flush()
        bid = other.id
        snap_b = s.get_one(Inspection, b).snapshot_id
    # Raw statements, not the ORM: the database keeps the copies itself. Every copied
    # column of an inspection changes, one statement each and all at once (and the
    # branch and wave, which are not copied: the trigger must not trip over them).
    with any_db.engine.begin() as c:
        c.execute(text("UPDATE inspections SET branch_id = :b WHERE id = :i"), {"b": bid, "i": a})
        c.execute(text("UPDATE inspections SET wave = 'W9' WHERE id = :i"), {"i": a})
        c.execute(text("UPDATE inspections SET scenario = 'x' WHERE id = :i"), {"i": a})
        c.execute(
            text("UPDATE inspections SET snapshot_id = :s WHERE id = :i"), {"s": snap_b, "i": a}
        )
        c.execute(
            text(
                "UPDATE inspections SET is_current = :f, status = 'draft', mode = 'mystery', "
                "wave = NULL, scenario = NULL WHERE id = :i"
            ),
            {"f": False, "i": b},
        )
    assert stale_facts(any_db) == []
    with any_db.engine.connect() as c:
        got = c.execute(
            text(
                "SELECT DISTINCT insp_scenario, insp_snapshot_id "
                "FROM section_scores WHERE inspection_id = :i"
            ),
            {"i": a},
        ).all()
        assert [tuple(r) for r in got] == [("x", snap_b)]
        got = c.execute(
            text(
                "SELECT DISTINCT insp_current, insp_status, insp_mode, insp_scenario "
                "FROM section_scores WHERE inspection_id = :i"
            ),
            {"i": b},
        ).all()
        assert [tuple(r) for r in got] == [(False, "draft", "mystery", None)]
    # A section row inserted raw, then moved to another inspection.
    with any_db.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO section_scores (inspection_id, section_id, area, weight, earned, "
                "possible, percent) VALUES (:i, 'extra', 'x', 1, 1, 1, 100)"
            ),
            {"i": b},
        )
    assert stale_facts(any_db) == []
    with any_db.engine.begin() as c:
        c.execute(
            text("UPDATE section_scores SET inspection_id = :a WHERE section_id = 'extra'"),
            {"a": a},
        )
        # A change of another column leaves the copies alone (and as they were).
        c.execute(text("UPDATE section_scores SET percent = 50 WHERE section_id = 'extra'"))
    assert stale_facts(any_db) == []
    moved = raw_rows(
        any_db,
        "SELECT insp_scenario, insp_snapshot_id FROM section_scores WHERE section_id = 'extra'",
    )
    assert moved == [("x", snap_b)]


def test_copies_hold_through_bulk_inserts_imports_and_amendments(
    db: Database, tmp_path: Path
) -> None:
    # demo.py writes section rows with one executemany per batch.
    demo.generate(db, inspections=60, seed=4, photos_per_inspection=0)
    assert stale_facts(db) == []
    assert raw_rows(db, "SELECT count(*) FROM section_scores WHERE insp_scenario IS NOT NULL")[0][0]
    # An amendment makes a new current revision; the old one's section rows follow.
    uuid_ = make_finalized(db, branch_code="SZ003", n_photos=0)
    amend_and_finalize(db, uuid_)
    assert stale_facts(db) == []
    revisions = raw_rows(
        db,
        "SELECT DISTINCT i.revision, s.insp_current FROM section_scores s "
        f"JOIN inspections i ON i.id = s.inspection_id WHERE i.uuid = '{uuid_}' "
        "ORDER BY i.revision",
    )
    assert revisions == [(1, 0), (2, 1)]
    # exchange/store.py: an imported package's section rows at a fresh HQ.
    m = new_mystery(db, "310009")
    with db.session() as s:
        insp_visits.set_visit(s, lookup.get(s, m), actor="t", wave="W2", scenario="cash_purpose")
    with imported_at_hq(db, m, tmp_path) as hq:
        assert stale_facts(hq) == []
        ((current, status, mode, _snap, scen),) = facts_of(hq, m)
        assert (current, status, mode, scen) == (1, "finalized", "mystery", "cash_purpose")


def test_upgrade_fills_the_copies_and_downgrade_removes_them(any_db: Database) -> None:
    make_finalized(any_db, n_photos=0)
    visit = new_mystery(any_db, "310001")
    with any_db.session() as s:
        insp_visits.set_visit(
            s, lookup.get(s, visit), actor="t", wave="W1", scenario="cash_purpose"
        )
    before = raw_rows(any_db, CHILD_COUNTS)
    dialect = any_db.engine.dialect.name

    url = downgrade_to(any_db, BEFORE)
    old = open_database(url, migrate=False)
    try:
        with old.engine.begin() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("section_scores")}
            assert not columns & set(COPIED)
            # What the old program may have done since: a visit's scenario changed.
            conn.execute(
                text("UPDATE inspections SET scenario = 'limit_complaint' WHERE wave = 'W1'")
            )
    finally:
        old.dispose()

    upgraded = open_database(url)
    try:
        assert current_revision(upgraded.engine) == head_revision()
        assert stale_facts(upgraded) == []
        assert ("limit_complaint",) in raw_rows(
            upgraded, "SELECT DISTINCT insp_scenario FROM section_scores"
        )
        # Adding columns rebuilt nothing: every child row is still there.
        assert raw_rows(upgraded, CHILD_COUNTS) == before
        if dialect == "sqlite":
            assert raw_rows(upgraded, "PRAGMA integrity_check") == [("ok",)]
    finally:
        upgraded.dispose()

    url = downgrade_to(open_database(url), BEFORE)
    old = open_database(url, migrate=False)
    try:
        with old.engine.begin() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("section_scores")}
            assert not columns & set(COPIED)
            indexes = {i["name"] for i in inspect(conn).get_indexes("section_scores")}
            assert "ix_section_scores_facts" not in indexes
            # No trigger is left to write the dropped columns: the old program's writes work.
            conn.execute(text("UPDATE inspections SET scenario = 'x', is_current = is_current"))
            conn.execute(text("UPDATE section_scores SET inspection_id = inspection_id"))
        assert raw_rows(old, CHILD_COUNTS) == before
    finally:
        old.dispose()


def _naive_waves(db: Database, region: str | None) -> list[str]:
    """The wave box's choices by the plain join (every visit's row read)."""
    with db.read_session() as s:
        q = (
            select(Inspection.wave)
            .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
            .join(Branch, Branch.id == Inspection.branch_id)
            .where(
                Inspection.is_current.is_(True),
                Inspection.status == InspectionStatus.FINALIZED,
                Inspection.mode == Mode.MYSTERY,
                ChecklistSnapshot.checklist_id == hq_mystery.DEFAULT_CHECKLIST,
                Inspection.wave.is_not(None),
            )
        )
        if region:
            q = q.where(Branch.region == region)
        return sorted({str(w) for w in s.scalars(q) if w})


def test_summary_and_waves_follow_changed_visits(any_db: Database) -> None:
    """After visits change branch (and region), wave, scenario, status or revision behind
    the app's back, the tab's figures still equal those of every visit listed."""
    demo.generate(any_db, inspections=240, seed=11, photos_per_inspection=0)
    with any_db.read_session() as s:
        ids = list(
            s.scalars(
                select(Inspection.id).where(Inspection.mode == Mode.MYSTERY).order_by(Inspection.id)
            )
        )
        regions = sorted({r for r in s.scalars(select(Branch.region)) if r})
        far = s.scalars(select(Branch.id).where(Branch.region == regions[-1])).first()
    assert len(ids) >= 12 and len(regions) >= 2
    with any_db.engine.begin() as c:
        for n, iid in enumerate(ids[:10]):
            change = (
                "branch_id = :far",
                "wave = 'W-late'",
                "scenario = NULL",
                "scenario = 'wealth_enquiry', wave = NULL",
                "status = 'draft'",
                "is_current = :no",
            )[n % 6]
            c.execute(
                text(f"UPDATE inspections SET {change} WHERE id = :i"),
                {"far": far, "no": False, "i": iid},
            )
    assert stale_facts(any_db) == []
    with any_db.read_session() as s:
        every = hq_mystery.visits(s)
        scenarios = sorted({v.scenario for v in every})
        column_waves = _naive_waves(any_db, None)
        assert "W-late" in column_waves and "" in scenarios
        options: list[dict[str, str]] = [{}, {"scenario": ""}, {"scenario": scenarios[-1]}]
        options += [{"region": r} for r in regions] + [{"region": "nowhere"}]
        options += [{"wave": w} for w in column_waves]
        options += [{"region": regions[-1], "wave": "W-late"}]
        for args in options:
            got = hq_mystery.summary(s, **args)
            want = hq_mystery.by_scenario(hq_mystery.visits(s, **args))
            assert got == want, args  # the same floats, bit for bit
        for region in (None, *regions, "nowhere"):
            assert hq_mystery.waves(s, region=region) == _naive_waves(any_db, region), region
