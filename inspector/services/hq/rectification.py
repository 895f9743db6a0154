"""Findings across branches: the rectification figures and the findings list."""

from __future__ import annotations

import heapq
import itertools
import logging
from collections.abc import Iterator
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Text,
    and_,
    any_,
    bindparam,
    func,
    select,
)
from sqlalchemy import cast as cast_
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from inspector import clock, strictjson
from inspector.db.models import (
    Branch,
    Finding,
    HqRepeat,
    Inspection,
)
from inspector.domain.states import FindingState, FindingStatus, InspectionStatus
from inspector.errors import ValidationError
from inspector.services.findings.record import STATUSES
from inspector.services.hq.rectify import tallies as rect_tallies
from inspector.services.hq.rows import (
    FINDING_ROWS,
    FindingRow,
    HqFilter,
    RectificationRow,
)
from inspector.services.hq.scope import (
    branch_infos,
    finding_conditions,
    item_texts,
    snapshot_checklists,
)
from inspector.text import hq_errors as T
from inspector.text.parts import Term

log = logging.getLogger(__name__)


def rectification(
    session: Session, flt: HqFilter, today: date | None = None
) -> list[RectificationRow]:
    """Open / overdue / closed findings per branch, most overdue first.

    From :func:`.rectify.tallies` (each inspection's counts of its findings, and the open
    ones not yet due by status), not a grouping of every finding (PostgreSQL scanned the
    whole findings table for it, 100-200 ms at 100,000 inspections): the same states
    :meth:`FindingState.of` gives each finding.
    """
    today = today or clock.local_today()
    per: dict[int, dict[FindingState, int]] = {}
    for bid, t in rect_tallies(session, flt, today).items():
        per[bid] = {
            FindingState.CLOSED: t.closed,
            FindingState.SUBMITTED: t.opened - t.closed - t.unresolved,
            FindingState.OPEN: t.not_due.get(FindingStatus.OPEN, 0),
            FindingState.RETURNED: t.not_due.get(FindingStatus.RETURNED, 0),
            FindingState.OVERDUE: t.overdue,
        }
    branches = branch_infos(session, flt)
    rows = []
    for bid, c in per.items():
        b = branches.get(bid)
        if b is not None:
            rows.append(
                RectificationRow(
                    b.code,
                    b.name,
                    b.region,
                    c[FindingState.OPEN],
                    c[FindingState.OVERDUE],
                    c[FindingState.CLOSED],
                    submitted=c[FindingState.SUBMITTED],
                    returned=c[FindingState.RETURNED],
                )
            )
    rows.sort(key=lambda r: (-r.overdue, -r.open, r.code))
    return rows


# The findings list's states in its order (the export's findings sheet reads them so too).
STATE_ORDER = (
    FindingState.OVERDUE,
    FindingState.RETURNED,
    FindingState.OPEN,
    FindingState.SUBMITTED,
    FindingState.CLOSED,
)
_BATCH = FINDING_ROWS  # findings whose details are read at once: a whole list in one batch

_Key = tuple[date, str, str, int]  # deadline (none: date.max), branch code, item, finding id


def _parts(state: FindingState, today: date) -> list[list[ColumnElement[bool]]]:
    """The stored statuses and deadline ranges that show as ``state`` today, in the list's
    order: dated findings by deadline, then those without a deadline."""
    if state == FindingState.OVERDUE:  # open or returned past the deadline, merged by date
        return [
            [Finding.status == FindingStatus.OPEN, Finding.deadline < today],
            [Finding.status == FindingStatus.RETURNED, Finding.deadline < today],
        ]
    dated = (
        Finding.deadline >= today
        if state in (FindingState.OPEN, FindingState.RETURNED)
        else Finding.deadline.is_not(None)
    )
    return [[Finding.status == state, dated], [Finding.status == state, Finding.deadline.is_(None)]]


def _keys(
    session: Session,
    where: list[ColumnElement[bool]],
    code_of: dict[int, str],
    limit: int | None,
) -> list[_Key]:
    """The first ``limit`` findings matching ``where`` by (deadline, branch code, item).

    Read from the findings' state index in deadline order and cut at ``limit``; the last
    deadline's findings are all read, so the branch-code order within it is exact.
    """
    q = select(Finding.id, Finding.deadline, Finding.insp_branch_id, Finding.item_id).where(*where)
    conn = session.connection()  # Core rows, unpacked by position: no ORM step per row
    if limit is None:
        rows = list(conn.execute(q).all())
    else:
        rows = list(conn.execute(q.order_by(Finding.deadline).limit(limit)).all())
        if len(rows) == limit and rows[-1][1] is not None:
            last = rows[-1][1]
            rows = [r for r in rows if r[1] != last]
            rows.extend(conn.execute(q.where(Finding.deadline == last)).all())
        elif len(rows) == limit:  # no deadlines: the branch-code order needs them all
            rows = list(conn.execute(q).all())
    keys = sorted(
        (deadline or date.max, code_of.get(bid, ""), item, int(fid))
        for fid, deadline, bid, item in rows
    )
    return keys if limit is None else keys[:limit]


def _state_keys(
    session: Session,
    where: list[ColumnElement[bool]],
    state: FindingState,
    today: date,
    code_of: dict[int, str],
    limit: int | None,
) -> list[_Key]:
    out: list[_Key] = []
    parts = _parts(state, today)
    if state == FindingState.OVERDUE:
        merged = heapq.merge(*(_keys(session, [*where, *p], code_of, limit) for p in parts))
        return list(merged if limit is None else itertools.islice(merged, limit))
    for p in parts:
        left = None if limit is None else limit - len(out)
        if left is not None and left <= 0:
            break
        out.extend(_keys(session, [*where, *p], code_of, left))
    return out


def findings(
    session: Session,
    flt: HqFilter,
    *,
    status: FindingState | None = None,
    today: date | None = None,
    limit: int | None = FINDING_ROWS,
    unresolved: bool = False,
    repeats: bool = False,
) -> list[FindingRow]:
    """Findings of the selected inspections, overdue first, then open by deadline, then closed
    (:func:`iter_findings`, as a list)."""
    return list(
        iter_findings(
            session,
            flt,
            status=status,
            today=today,
            limit=limit,
            unresolved=unresolved,
            repeats=repeats,
        )
    )


def iter_findings(
    session: Session,
    flt: HqFilter,
    *,
    status: FindingState | None = None,
    today: date | None = None,
    limit: int | None = FINDING_ROWS,
    unresolved: bool = False,
    repeats: bool = False,
) -> Iterator[FindingRow]:
    """Findings of the selected inspections, overdue first, then open by deadline, then closed,
    produced a batch at a time. ``hq export`` reads every finding of the bank with
    :func:`.export_rows.finding_rows` instead (plain tuples in this order; a test holds the two
    equal), so ``limit=None`` here is for tests and small selections.

    ``status`` picks one :class:`FindingState`; ``unresolved`` picks all but closed (what
    the dashboard lists; closed ones are counted per branch instead); ``repeats`` only
    HQ's repeat findings (屡查屡犯, :mod:`.repeats`).
    """
    if status is not None and status not in STATUSES:
        raise ValidationError(
            T.BAD_STATUS, option=Term("--status", T.STATUS_OPTION), status=repr(status)
        )
    today = today or clock.local_today()
    where = finding_conditions(flt)
    if repeats:
        where.append(Finding.hq_repeat.is_(True))
    if status is not None:
        wanted: tuple[FindingState, ...] = (status,)
    elif unresolved:
        wanted = tuple(s for s in STATE_ORDER if s != FindingState.CLOSED)
    else:
        wanted = STATE_ORDER
    # First which findings, in the list's order (from the findings alone), then their
    # details for those only.
    branches = {
        int(i): (c, n, r)
        for i, c, n, r in session.execute(
            select(Branch.id, Branch.code, Branch.name, Branch.region)
        )
    }
    code_of = {i: str(b[0]) for i, b in branches.items()}
    chosen: list[tuple[int, FindingState]] = []
    for state in wanted:  # overdue first, then returned, open, submitted, closed
        left = None if limit is None else limit - len(chosen)
        if left is not None and left <= 0:
            break
        keys = _state_keys(session, where, state, today, code_of, left)
        chosen.extend((k[3], state) for k in keys)
    conn = session.connection()
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    cids: dict[int, str] = {}
    for start in range(0, len(chosen), _BATCH):
        batch = chosen[start : start + _BATCH]
        by_id = _details(conn, [f for f, _ in batch])
        uuids = _uuids(conn, {r[1] for r in by_id.values()})
        # (The branch check keeps the inner join's rule: a finding shows with its branch.)
        rows = [(r, st) for f, st in batch if (r := by_id.get(f)) is not None and r[5] in branches]
        new = {r[3] for r, _ in rows} - texts.keys()  # checklist snapshots not read yet
        for sid in sorted(new):  # each finding titled from its own inspection's checklist
            texts[sid] = item_texts(session, [sid])
        cids.update(snapshot_checklists(session, new))
        yield from _finding_rows(rows, branches, uuids, texts, cids)


# A finding's details, from the findings row alone: its inspection's start, checklist,
# status and branch are the finding's own copies (migration ``finding_facts``), so only
# HQ's repeat mark is joined (its primary key, one seek per finding).
_DETAIL = select(
    Finding.id,
    Finding.inspection_id,
    Finding.insp_started_at,
    Finding.insp_snapshot_id,
    Finding.insp_status,
    Finding.insp_branch_id,
    Finding.item_id,
    Finding.severity,
    Finding.owner,
    Finding.action,
    Finding.deadline,
    Finding.closed_at,
    Finding.closed_by_uuid,
    Finding.closing_note,
    Finding.closed_via,
    Finding.repeat_of,
    HqRepeat.repeat_of,
    HqRepeat.earlier,
    HqRepeat.severity,
).select_from(Finding)


def _id_in(col: Any, ids: list[int], conn: Connection) -> ColumnElement[bool]:
    """``col`` is one of ``ids``, as one parameter whatever their number: ``= ANY(array)``
    on PostgreSQL, ``IN (SELECT value FROM json_each(...))`` on SQLite. A list of thousands
    of placeholders costs the driver more than the query, and SQLite builds may cap them.
    The array travels as its text (``{1,2,3}``) cast by the server: psycopg adapts a list
    element by element, 4 ms of the client's time per 5,000 ids, three times a page."""
    if conn.dialect.name == "postgresql":
        array = cast_(bindparam("ids", _pg_array(ids), type_=Text), postgresql.ARRAY(Integer))
        return cast(ColumnElement[bool], col == any_(array))
    each = func.json_each(bindparam("ids", strictjson.dumps(ids))).table_valued("value")
    return cast(ColumnElement[bool], col.in_(select(each.c.value)))


def _pg_array(ids: list[int]) -> str:
    return "{" + ",".join(map(str, ids)) + "}"


def _details(conn: Connection, ids: list[int]) -> dict[int, Any]:
    """finding id -> its detail row (see :data:`_DETAIL`), as a plain Core row.

    On PostgreSQL the repeat marks are picked by the same ids as well: told only
    ``finding_id = findings.id``, its planner hashed all of the demo bank's 580,000 marks
    to join 5,000 findings (60 ms); told the ids, it reads those marks by their key.
    """
    on = HqRepeat.finding_id == Finding.id
    if conn.dialect.name == "postgresql":
        on = and_(on, _id_in(HqRepeat.finding_id, ids, conn))
    q = _DETAIL.outerjoin(HqRepeat, on).where(_id_in(Finding.id, ids, conn))
    return {r[0]: r for r in conn.execute(q).all()}


def _uuids(conn: Connection, inspection_ids: set[int]) -> dict[int, str]:
    """inspection id -> uuid, in one query for a batch of findings."""
    if not inspection_ids:
        return {}
    q = select(Inspection.id, Inspection.uuid).where(
        _id_in(Inspection.id, sorted(inspection_ids), conn)
    )
    return {int(i): str(u) for i, u in conn.execute(q).all()}


def _finding_rows(
    rows: list[tuple[Any, FindingState]],
    branches: dict[int, tuple[str, str, str]],
    uuids: dict[int, str],
    texts: dict[int, dict[str, tuple[str, str]]],
    cids: dict[int, str],
) -> Iterator[FindingRow]:
    for (
        _fid,
        inspection_id,
        started_at,
        snapshot_id,
        insp_status,
        branch_id,
        item_id,
        severity,
        owner,
        action,
        deadline,
        closed_at,
        closed_by,
        closing_note,
        closed_via,
        repeat_of,
        hq_repeat_of,
        hq_earlier,
        hq_severity,
    ), state in rows:
        code, name, region = branches[branch_id]
        zh, en = texts[snapshot_id].get(item_id, ("", ""))
        yield FindingRow(
            inspection_uuid=uuids[inspection_id],
            code=code,
            name=name,
            region=region,
            item_id=item_id,
            severity=severity,
            owner=owner,
            action=action,
            deadline=deadline,
            status=state,
            closed_at=closed_at,
            closed_by=closed_by,
            closing_note=closing_note,
            closed_via=closed_via,
            started_at=started_at,
            item_zh=zh,
            item_en=en,
            draft=insp_status != InspectionStatus.FINALIZED,
            checklist_id=cids.get(snapshot_id, ""),
            repeat_of=repeat_of,
            hq_repeat_of=hq_repeat_of,
            hq_earlier=int(hq_earlier or 0),
            hq_severity=hq_severity,
        )
