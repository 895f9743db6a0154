"""Findings across branches: the rectification figures and the findings list."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    func,
    literal,
    select,
)
from sqlalchemy.orm import Session

from inspector.db.models import (
    Branch,
    Finding,
    HqRepeat,
    Inspection,
    utcnow,
)
from inspector.domain.states import FindingState, FindingStatus, InspectionStatus
from inspector.errors import ValidationError
from inspector.services.findings.record import STATUSES
from inspector.services.hq.rows import (
    FINDING_ROWS,
    FindingRow,
    HqFilter,
    RectificationRow,
)
from inspector.services.hq.scope import (
    branch_infos,
    conditions,
    current_ids,
    item_texts,
    snapshot_checklists,
)
from inspector.text import hq_errors as T
from inspector.text.parts import Term

log = logging.getLogger(__name__)


def _status_expr(today: date) -> ColumnElement[str]:
    # FindingState.of in SQL: submitted waits for HQ (never overdue); open or returned
    # past the deadline is overdue.
    return case(
        (Finding.status == FindingStatus.CLOSED, literal(FindingState.CLOSED.value)),
        (Finding.status == FindingStatus.SUBMITTED, literal(FindingState.SUBMITTED.value)),
        (
            and_(Finding.deadline.is_not(None), Finding.deadline < today),
            literal(FindingState.OVERDUE.value),
        ),
        (Finding.status == FindingStatus.RETURNED, literal(FindingState.RETURNED.value)),
        else_=literal(FindingState.OPEN.value),
    )


def rectification(
    session: Session, flt: HqFilter, today: date | None = None
) -> list[RectificationRow]:
    """Open / overdue / closed findings per branch, most overdue first.

    Counted per inspection first from the findings' covering index (``IN`` the selected
    ids), then summed per branch: a join per finding row would read every inspection.
    """
    today = today or utcnow().date()
    st = _status_expr(today)
    per_insp = (
        select(
            Finding.inspection_id.label("iid"),
            func.sum(case((st == FindingState.OPEN, 1), else_=0)).label("o"),
            func.sum(case((st == FindingState.OVERDUE, 1), else_=0)).label("od"),
            func.sum(case((st == FindingState.CLOSED, 1), else_=0)).label("cl"),
            func.sum(case((st == FindingState.SUBMITTED, 1), else_=0)).label("sub"),
            func.sum(case((st == FindingState.RETURNED, 1), else_=0)).label("ret"),
        )
        .where(Finding.active.is_(True), Finding.inspection_id.in_(current_ids(flt)))
        .group_by(Finding.inspection_id)
        .subquery()
    )
    q = (
        select(
            Inspection.branch_id,
            func.sum(per_insp.c.o),
            func.sum(per_insp.c.od),
            func.sum(per_insp.c.cl),
            func.sum(per_insp.c.sub),
            func.sum(per_insp.c.ret),
        )
        .join(per_insp, per_insp.c.iid == Inspection.id)
        .group_by(Inspection.branch_id)
    )
    branches = branch_infos(session, flt)
    rows = []
    for bid, o, od, cl, sub, ret in session.execute(q):
        b = branches.get(bid)
        if b is not None:
            rows.append(
                RectificationRow(
                    b.code,
                    b.name,
                    b.region,
                    int(o or 0),
                    int(od or 0),
                    int(cl or 0),
                    submitted=int(sub or 0),
                    returned=int(ret or 0),
                )
            )
    rows.sort(key=lambda r: (-r.overdue, -r.open, r.code))
    return rows


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
    """Findings of the selected inspections, overdue first, then open by deadline, then closed.

    ``status`` picks one :class:`FindingState`; ``unresolved`` picks all but closed (what
    the dashboard lists; closed ones are counted per branch instead); ``repeats`` only
    HQ's repeat findings (屡查屡犯, :mod:`.repeats`).
    """
    if status is not None and status not in STATUSES:
        raise ValidationError(
            T.BAD_STATUS, option=Term("--status", T.STATUS_OPTION), status=repr(status)
        )
    today = today or utcnow().date()
    st = _status_expr(today).label("st")
    q = (
        select(
            Inspection.uuid,
            Inspection.started_at,
            Inspection.snapshot_id,
            Inspection.status.label("insp_status"),
            Branch.code,
            Branch.name,
            Branch.region,
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
            HqRepeat.repeat_of.label("hq_repeat_of"),
            HqRepeat.earlier.label("hq_earlier"),
            HqRepeat.severity.label("hq_severity"),
            st,
        )
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .join(Branch, Branch.id == Inspection.branch_id)
        .outerjoin(HqRepeat, HqRepeat.finding_id == Finding.id)
        .where(Finding.active.is_(True), *conditions(flt))
    )
    if repeats:
        q = q.where(HqRepeat.finding_id.is_not(None))
    late = and_(Finding.deadline.is_not(None), Finding.deadline < today)
    if status in (FindingState.CLOSED, FindingState.SUBMITTED):
        q = q.where(Finding.status == status)
    elif status == FindingState.OVERDUE:
        q = q.where(Finding.status.in_((FindingStatus.OPEN, FindingStatus.RETURNED)), late)
    elif status in (FindingState.OPEN, FindingState.RETURNED):
        q = q.where(Finding.status == status, ~late)
    elif unresolved:
        q = q.where(Finding.status != FindingStatus.CLOSED)
    rank = case(
        (st == FindingState.OVERDUE, 0),
        (st == FindingState.RETURNED, 1),
        (st == FindingState.OPEN, 2),
        (st == FindingState.SUBMITTED, 3),
        else_=4,
    )
    q = q.order_by(rank, Finding.deadline.is_(None), Finding.deadline, Branch.code, Finding.item_id)
    if limit is not None:
        q = q.limit(limit)
    rows = session.execute(q).all()
    snaps = {r.snapshot_id for r in rows}
    texts = item_texts(session, snaps)
    cids = snapshot_checklists(session, snaps)
    return [
        FindingRow(
            inspection_uuid=r.uuid,
            code=r.code,
            name=r.name,
            region=r.region,
            item_id=r.item_id,
            severity=r.severity,
            owner=r.owner,
            action=r.action,
            deadline=r.deadline,
            status=r.st,
            closed_at=r.closed_at,
            closed_by=r.closed_by_uuid,
            closing_note=r.closing_note,
            closed_via=r.closed_via,
            started_at=r.started_at,
            item_zh=texts.get(r.item_id, ("", ""))[0],
            item_en=texts.get(r.item_id, ("", ""))[1],
            draft=r.insp_status != InspectionStatus.FINALIZED,
            checklist_id=cids.get(r.snapshot_id, ""),
            repeat_of=r.repeat_of,
            hq_repeat_of=r.hq_repeat_of,
            hq_earlier=int(r.hq_earlier or 0),
            hq_severity=r.hq_severity,
        )
        for r in rows
    ]
