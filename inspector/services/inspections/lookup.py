"""Finding an inspection by reference, its revisions, and refusing changes to a signed one."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db.models import (
    Inspection,
)
from inspector.domain.states import InspectionStatus
from inspector.errors import NotFoundError, ReadOnlyError
from inspector.text import inspections as T

log = logging.getLogger(__name__)


def get(session: Session, ref: str) -> Inspection:
    """The current revision of the inspection whose UUID is ``ref`` (or starts with it)."""
    ref = ref.strip().lower()
    if len(ref) < 4:
        raise NotFoundError(T.ID_TOO_SHORT, ref=repr(ref))
    rows = list(
        session.scalars(
            select(Inspection)
            .where(Inspection.is_current.is_(True), Inspection.uuid.startswith(ref))
            .limit(2)
        )
    )
    if not rows:
        raise NotFoundError(T.NOT_FOUND, ref=repr(ref))
    if len(rows) > 1:
        raise NotFoundError(T.AMBIGUOUS, ref=repr(ref))
    return rows[0]


def get_revision(session: Session, uuid: str, revision: int) -> Inspection:
    row = session.scalar(
        select(Inspection).where(Inspection.uuid == uuid, Inspection.revision == revision)
    )
    if row is None:
        raise NotFoundError(T.NO_REVISION, uuid=uuid, revision=revision)
    return row


def revisions(session: Session, uuid: str) -> list[Inspection]:
    return list(
        session.scalars(
            select(Inspection).where(Inspection.uuid == uuid).order_by(Inspection.revision)
        )
    )


def require_draft(insp: Inspection) -> None:
    if insp.status != InspectionStatus.DRAFT:
        raise ReadOnlyError(T.READ_ONLY, uuid=insp.uuid)
