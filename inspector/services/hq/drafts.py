"""Drafts in the HQ league (only with drafts included): an incomplete draft is not ranked.

A draft whose required items are not all answered would rank a branch on part of a visit
(an unanswered draft scored 0.0 and read "passed" on its red lines). Such drafts are
listed apart, unranked, and their red lines read "not checked".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db.models import Inspection
from inspector.domain.states import InspectionStatus
from inspector.services.inspections.signoff import missing_for_finalize

log = logging.getLogger(__name__)


def incomplete(session: Session, uuids: Iterable[str]) -> set[str]:
    """The drafts among ``uuids`` (current revisions) with required items unanswered."""
    wanted = sorted(set(uuids))
    if not wanted:
        return set()
    out: set[str] = set()
    for insp in session.scalars(
        select(Inspection).where(
            Inspection.uuid.in_(wanted),
            Inspection.is_current.is_(True),
            Inspection.status != InspectionStatus.FINALIZED,
        )
    ):
        if any(m.kind == "answer" for m in missing_for_finalize(insp)):
            out.add(insp.uuid)
    return out
