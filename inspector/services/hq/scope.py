"""What an HQ filter selects (current revisions, finalized unless drafts are asked for),
and the look-ups every view shares: regions, checklists, titles, grade labels, red-line items.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    column,
    func,
    literal,
    select,
    type_coerce,
    values,
)
from sqlalchemy.orm import Session, aliased

from inspector import clock
from inspector.checklists import checklist_from_json, load_all
from inspector.db.models import (
    Branch,
    ChecklistSnapshot,
    Finding,
    Inspection,
)
from inspector.domain.checklist import Checklist
from inspector.domain.states import InspectionStatus
from inspector.services.hq.rows import (
    HISTORY_POINTS,
    BranchInfo,
    HqFilter,
)

log = logging.getLogger(__name__)


def _day_start(d: date, tz: tzinfo = UTC) -> datetime:
    """Midnight of local day ``d`` in ``tz``, as UTC (what is stored)."""
    return datetime(d.year, d.month, d.day, tzinfo=tz).astimezone(UTC)


def conditions(flt: HqFilter, insp: Any = Inspection) -> list[ColumnElement[bool]]:
    """WHERE terms on ``inspections`` (or an alias of it) for the filter."""
    conds: list[ColumnElement[bool]] = [insp.is_current.is_(True)]
    tz = flt.zone
    if flt.date_from:
        conds.append(insp.started_at >= _day_start(flt.date_from, tz))
    if flt.date_to:
        conds.append(insp.started_at < _day_start(flt.date_to + timedelta(days=1), tz))
    if flt.mode:
        conds.append(insp.mode == flt.mode)
    if not flt.drafts:
        conds.append(insp.status == InspectionStatus.FINALIZED)
    if flt.checklist_id:
        conds.append(
            insp.snapshot_id.in_(
                select(ChecklistSnapshot.id).where(
                    ChecklistSnapshot.checklist_id == flt.checklist_id
                )
            )
        )
    if flt.region:
        conds.append(insp.branch_id.in_(select(Branch.id).where(Branch.region == flt.region)))
    return conds


class _FindingInspection:
    """A finding's copies of its inspection's columns (migration ``finding_facts``), under
    the inspection's own names, so :func:`conditions` reads them from the finding."""

    is_current = Finding.insp_current
    started_at = Finding.insp_started_at
    mode = Finding.insp_mode
    status = Finding.insp_status
    snapshot_id = Finding.insp_snapshot_id
    branch_id = Finding.insp_branch_id


def finding_conditions(flt: HqFilter) -> list[ColumnElement[bool]]:
    """WHERE terms on ``findings`` alone: the active findings of the inspections
    :func:`conditions` selects, read from the finding's copies of the inspection's columns
    (kept by database triggers), so a findings view needs no join per finding."""
    return [Finding.active.is_(True), *conditions(flt, _FindingInspection)]


def current_ids(flt: HqFilter) -> Select[Any]:
    """Ids of the selected inspections, for ``IN (...)`` filters on child tables.

    ``findings.inspection_id IN (subquery)`` lets SQLite build the id set once and scan the
    child table's covering index, instead of a join that reads every inspection row.
    """
    return select(Inspection.id).where(*conditions(flt))


def _offset(tz: tzinfo) -> timedelta:
    """The zone's offset now, used for every row (China has no daylight saving)."""
    return clock.now().astimezone(tz).utcoffset() or timedelta(0)


def month_of(session: Session, col: Any, tz: tzinfo = UTC) -> ColumnElement[str]:
    """'YYYY-MM' of a timestamp column in zone ``tz``, in the dialect's own words.

    The zone's offset now is used for every row (China has no daylight saving), so an
    inspection at 02:00 on the 1st in Shanghai counts in that month, not the one before.
    """
    minutes = int(_offset(tz).total_seconds() // 60)
    if session.get_bind().dialect.name == "postgresql":
        shifted = func.timezone("UTC", col) + literal(timedelta(minutes=minutes))
        return func.to_char(shifted, "YYYY-MM")
    return func.strftime("%Y-%m", col, f"{minutes:+d} minutes")


def by_month(
    session: Session,
    flt: HqFilter,
    keys: list[Any],
    aggregates: list[Any],
    where: list[ColumnElement[bool]],
) -> list[Any]:
    """Rows of ``SELECT month, *keys, *aggregates FROM inspections WHERE where GROUP BY
    month, *keys``, the month as :func:`month_of` names it ('YYYY-MM' in the filter's
    zone).

    On PostgreSQL the months are a small table of their UTC bounds joined to the selected
    inspections' start times, not an expression of every row: its planner took the
    expression to have as many values as there are inspections, so it sorted them all (on
    disk, at 100,000 inspections) to group a few thousand; joined to 13 months it groups
    in memory, and reads each month from the ``(is_current, started_at, ...)`` index.
    """
    if session.get_bind().dialect.name != "postgresql":
        month = month_of(session, Inspection.started_at, flt.zone).label("m")
        q = select(month, *keys, *aggregates).where(*where).group_by(month, *keys)
        return list(session.execute(q).all())
    first, last = session.execute(
        select(func.min(Inspection.started_at), func.max(Inspection.started_at)).where(*where)
    ).one()
    if first is None:
        return []
    offset = _offset(flt.zone)
    bounds = []
    year, month_no = (first + offset).year, (first + offset).month
    end = ((last + offset).year, (last + offset).month)
    while (year, month_no) <= end:
        nxt = (year + 1, 1) if month_no == 12 else (year, month_no + 1)
        bounds.append(
            (
                f"{year:04d}-{month_no:02d}",
                datetime(year, month_no, 1, tzinfo=UTC) - offset,
                datetime(nxt[0], nxt[1], 1, tzinfo=UTC) - offset,
            )
        )
        year, month_no = nxt
    months = values(
        column("m", String()),
        column("lo", Inspection.started_at.type),
        column("hi", Inspection.started_at.type),
        name="months",
    ).data(bounds)
    q = (
        select(months.c.m, *keys, *aggregates)
        .select_from(Inspection)
        .join(
            months,
            and_(Inspection.started_at >= months.c.lo, Inspection.started_at < months.c.hi),
        )
        .where(*where)
        .group_by(months.c.m, *keys)
    )
    return list(session.execute(q).all())


def regions(session: Session) -> list[str]:
    return [
        r for r in session.scalars(select(Branch.region).distinct().order_by(Branch.region)) if r
    ]


def checklist_ids(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(ChecklistSnapshot.checklist_id)
            .distinct()
            .order_by(ChecklistSnapshot.checklist_id)
        )
    )


def branch_infos(session: Session, flt: HqFilter) -> dict[int, BranchInfo]:
    q = select(Branch.id, Branch.code, Branch.name, Branch.region)
    if flt.region:
        q = q.where(Branch.region == flt.region)
    return {r.id: BranchInfo(r.id, r.code, r.name, r.region) for r in session.execute(q)}


@lru_cache(maxsize=1)
def shipped_titles() -> dict[str, tuple[str, str]]:
    loaded, _problems = load_all()
    return {c.id: (c.resolved.title.zh, c.resolved.title.en) for c in loaded}


def checklist_title(checklist_id: str, lang: str) -> str:
    """A shipped checklist's title in ``lang`` ("zh" or "en"), else its id."""
    titles = shipped_titles().get(checklist_id)
    if titles is None:
        return checklist_id
    return titles[0] if lang == "zh" else titles[1]


@lru_cache(maxsize=64)
def parsed_checklist(sha256: str, content: str) -> Checklist:
    return checklist_from_json(content)


def grade_labels(session: Session) -> dict[str, tuple[str, str]]:
    """grade code -> (zh, en) label over every stored checklist snapshot (there are few)."""
    out: dict[str, tuple[str, str]] = {}
    for sha, content in session.execute(
        select(ChecklistSnapshot.sha256, ChecklistSnapshot.content).order_by(
            ChecklistSnapshot.id.desc()
        )
    ):
        for g in parsed_checklist(sha, content).grades:
            out.setdefault(g.code, (g.label.zh, g.label.en))
    return out


def item_texts(session: Session, snapshot_ids: Iterable[int]) -> dict[str, tuple[str, str]]:
    """item id -> (zh, en) text from the given checklist snapshots (few, parsed once)."""
    out: dict[str, tuple[str, str]] = {}
    ids = sorted(set(snapshot_ids))
    if not ids:
        return out
    for sha, content in session.execute(
        select(ChecklistSnapshot.sha256, ChecklistSnapshot.content).where(
            ChecklistSnapshot.id.in_(ids)
        )
    ):
        for item in parsed_checklist(sha, content).items():
            out.setdefault(item.id, (item.text.zh, item.text.en))
    return out


def snapshot_checklists(session: Session, snapshot_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(snapshot_ids))
    if not ids:
        return {}
    return {
        int(i): str(c)
        for i, c in session.execute(
            select(ChecklistSnapshot.id, ChecklistSnapshot.checklist_id).where(
                ChecklistSnapshot.id.in_(ids)
            )
        )
    }


def checklist_titles(session: Session) -> dict[str, tuple[str, str]]:
    """checklist id -> (zh, en) title: shipped checklists, then stored snapshots (newest)."""
    out = dict(shipped_titles())
    for cid, zh, en in session.execute(
        select(
            ChecklistSnapshot.checklist_id, ChecklistSnapshot.title_zh, ChecklistSnapshot.title_en
        ).order_by(ChecklistSnapshot.id)
    ):
        out[cid] = (zh, en)
    return out


def veto_items(session: Session, snapshot_ids: Iterable[int]) -> set[str]:
    out: set[str] = set()
    ids = sorted(set(snapshot_ids))
    if not ids:
        return out
    for sha, content in session.execute(
        select(ChecklistSnapshot.sha256, ChecklistSnapshot.content).where(
            ChecklistSnapshot.id.in_(ids)
        )
    ):
        out.update(i.id for i in parsed_checklist(sha, content).items() if i.veto)
    return out


_EPOCH = datetime(1900, 1, 1, tzinfo=UTC)


def branch_history(session: Session, flt: HqFilter, per_branch: int = HISTORY_POINTS) -> list[Any]:
    """The newest ``per_branch`` selected inspections of every branch, newest first.

    For each branch a correlated sub-select finds the start time of its N-th newest
    inspection (an index seek), computed once per branch in a materialised CTE (PostgreSQL
    otherwise ran it once per inspection row: 0.5 s at 100,000 inspections); the join then
    reads only the rows from there on, through the (is_current, branch_id, started_at)
    index. Portable SQL, and it reads about N x branches rows, not the whole table, unlike
    ROW_NUMBER() over all inspections.
    """
    j = aliased(Inspection)
    cutoff = (
        select(j.started_at)
        .where(j.branch_id == Branch.id, *conditions(flt, j))
        .order_by(j.started_at.desc())
        .limit(1)
        .offset(per_branch - 1)
        .scalar_subquery()
    )
    since = func.coalesce(cutoff, type_coerce(_EPOCH, Inspection.started_at.type))
    bq = select(Branch.id.label("bid"), since.label("since"))
    if flt.region:
        bq = bq.where(Branch.region == flt.region)
    cut = bq.cte("cut").prefix_with("MATERIALIZED")
    q = (
        select(
            Inspection.id,
            Inspection.uuid,
            Inspection.branch_id,
            Inspection.snapshot_id,
            Inspection.score_total,
            Inspection.grade,
            Inspection.started_at,
            Inspection.veto_failed,
            Inspection.passed,
            Inspection.status,
        )
        .select_from(cut)
        .join(Inspection, Inspection.branch_id == cut.c.bid)
        .where(Inspection.started_at >= cut.c.since, *conditions(flt))
        .order_by(Inspection.branch_id, Inspection.started_at.desc(), Inspection.id.desc())
    )
    rows = session.execute(q).all()
    out: list[Any] = []
    seen: dict[int, int] = defaultdict(int)
    for r in rows:  # ties at the cut-off time can add a few rows
        if seen[r.branch_id] < per_branch:
            seen[r.branch_id] += 1
            out.append(r)
    return out
