"""Lists of inspections: the filter, the summary rows a query reads, their ``list --json``."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from inspector.db.models import (
    Branch,
    ChecklistSnapshot,
    Inspection,
    InspectionOwner,
    utcnow,
)
from inspector.domain import numbers, timefmt
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ListFilter:
    text: str = ""
    branch_code: str | None = None
    status: InspectionStatus | None = None
    mode: Mode | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """One current inspection as lists show it: plain columns, no ORM objects.

    Lists read these with one column query, so a list of 100,000 inspections at HQ never
    loads ORM objects, answers or checklist content.
    """

    uuid: str
    revision: int
    status: InspectionStatus
    mode: Mode
    branch_code: str
    branch_name: str
    checklist_id: str
    checklist_version: str
    title_zh: str
    title_en: str
    snapshot_sha256: str
    inspector: str
    started_at: datetime
    finalized_at: datetime | None
    total: float | None
    grade: str | None
    passed: bool | None
    veto_failed: int
    # Imported revisions: the device that signed this one, and the inspection's owner
    # (the signer of the first revision received); None for inspections made here.
    signer: str | None = None
    owner: str | None = None


_SUMMARY_COLUMNS = (
    Inspection.uuid,
    Inspection.revision,
    Inspection.status,
    Inspection.mode,
    Branch.code,
    Branch.name,
    ChecklistSnapshot.checklist_id,
    ChecklistSnapshot.version,
    ChecklistSnapshot.title_zh,
    ChecklistSnapshot.title_en,
    ChecklistSnapshot.sha256,
    Inspection.inspector,
    Inspection.started_at,
    Inspection.finalized_at,
    Inspection.score_total,
    Inspection.grade,
    Inspection.passed,
    Inspection.veto_failed,
    Inspection.device_fingerprint,
    InspectionOwner.fingerprint,
)


_SUMMARY_FIELDS = tuple(Summary.__dataclass_fields__)


def _list_conditions(flt: ListFilter) -> list[Any]:
    conds: list[Any] = [Inspection.is_current.is_(True)]
    if flt.text:
        like = f"%{flt.text}%"
        conds.append(
            or_(
                Branch.code.ilike(like),
                Branch.name.ilike(like),
                Branch.region.ilike(like),
                Inspection.inspector.ilike(like),
                Inspection.uuid.ilike(like),
                ChecklistSnapshot.title_zh.ilike(like),
                ChecklistSnapshot.title_en.ilike(like),
            )
        )
    if flt.branch_code:
        conds.append(Branch.code == flt.branch_code)
    if flt.status:
        conds.append(Inspection.status == flt.status)
    if flt.mode:
        conds.append(Inspection.mode == flt.mode)
    if flt.date_from:
        conds.append(Inspection.started_at >= _day_start(flt.date_from))
    if flt.date_to:
        conds.append(Inspection.started_at < _day_start(flt.date_to) + timedelta(days=1))
    return conds


def list_summaries(
    session: Session, flt: ListFilter | None = None, *, limit: int | None = None
) -> tuple[list[Summary], int]:
    """Current revisions, newest first, filtered; at most ``limit``, and how many match."""
    flt = flt or ListFilter()
    conds = _list_conditions(flt)
    q = (
        select(*_SUMMARY_COLUMNS)
        .join(Branch, Branch.id == Inspection.branch_id)
        .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
        .outerjoin(InspectionOwner, InspectionOwner.uuid == Inspection.uuid)
        .where(*conds)
        .order_by(Inspection.started_at.desc(), Inspection.id.desc())
    )
    if limit is not None:
        q = q.limit(limit)
    rows = [Summary(**dict(zip(_SUMMARY_FIELDS, r, strict=True))) for r in session.execute(q)]
    total = len(rows)
    if limit is not None and total >= limit:
        total = (
            session.scalar(
                select(func.count())
                .select_from(Inspection)
                .join(Branch, Branch.id == Inspection.branch_id)
                .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
                .where(*conds)
            )
            or 0
        )
    return rows, total


def list_current(session: Session, flt: ListFilter | None = None) -> list[Inspection]:
    """Current revisions as ORM objects, newest first (for work on each; lists use
    :func:`list_summaries`)."""
    q = (
        select(Inspection)
        .join(Inspection.branch)
        .join(Inspection.snapshot)
        .where(*_list_conditions(flt or ListFilter()))
    )
    return list(session.scalars(q.order_by(Inspection.started_at.desc(), Inspection.id.desc())))


def _day_start(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=utcnow().tzinfo)


def summary_of(insp: Inspection) -> Summary:
    return Summary(
        uuid=insp.uuid,
        revision=insp.revision,
        status=insp.status,
        mode=insp.mode,
        branch_code=insp.branch.code,
        branch_name=insp.branch.name,
        checklist_id=insp.snapshot.checklist_id,
        checklist_version=insp.snapshot.version,
        title_zh=insp.snapshot.title_zh,
        title_en=insp.snapshot.title_en,
        snapshot_sha256=insp.snapshot.sha256,
        inspector=insp.inspector,
        started_at=insp.started_at,
        finalized_at=insp.finalized_at,
        total=insp.score_total,
        grade=insp.grade,
        passed=insp.passed,
        veto_failed=insp.veto_failed,
    )


def summary_dict(summary: Summary) -> dict[str, Any]:
    """The short form used by ``list --json`` (a public contract)."""
    return {
        "id": summary.uuid,
        "revision": summary.revision,
        "status": summary.status,
        "mode": summary.mode,
        "branch": {"code": summary.branch_code, "name": summary.branch_name},
        "checklist": {"id": summary.checklist_id, "version": summary.checklist_version},
        "inspector": summary.inspector,
        # JSON times: the reader's zone with its offset (timefmt.iso, one rule).
        "started_at": timefmt.iso(summary.started_at),
        "finalized_at": timefmt.iso(summary.finalized_at),
        "total": numbers.record_or_none(summary.total),
        "grade": summary.grade,
        "passed": summary.passed,
        "signer": summary.signer,
        "owner": summary.owner or summary.signer,
    }
