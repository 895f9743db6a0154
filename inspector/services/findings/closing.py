"""Closing findings: by a finalized re-check that passes the item, or by hand with a note."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from inspector.db.models import (
    Finding,
    Inspection,
    utcnow,
)
from inspector.domain.scoring import Outcome, Score
from inspector.domain.states import FindingStatus
from inspector.errors import NotFoundError, ValidationError
from inspector.services import audit
from inspector.services.findings.record import finding_dict
from inspector.services.inspections.lookup import get
from inspector.services.inspections.scoring import compute_score
from inspector.text import findings as T
from inspector.text.parts import phrase

log = logging.getLogger(__name__)


def _close(
    session: Session, target: Inspection, f: Finding, *, actor: str, by_uuid: str | None, note: str
) -> None:
    old = finding_dict(f)
    f.status = FindingStatus.CLOSED
    f.closed_at = utcnow()
    f.closed_by_uuid = by_uuid
    f.closing_note = note
    f.updated_at = utcnow()
    audit.record(
        session,
        actor=actor,
        entity="finding",
        action="close",
        key=f.item_id,
        old=old,
        new={**finding_dict(f), "note": note},
        inspection=target,
    )


def close_passed(
    session: Session, recheck: Inspection, target: Inspection, result: Score, *, actor: str
) -> list[Finding]:
    """Close the open findings of ``target`` whose item passes in ``result`` (the re-check's).

    Only a clear pass closes a finding: a partial, N/A or unanswered item in the re-check
    leaves it open. Each closing is audited on ``target``, the followed-up inspection.
    """
    closed: list[Finding] = []
    for f in target.findings:
        if not f.active or f.status == FindingStatus.CLOSED:
            continue
        s = result.items.get(f.item_id)
        if s is None or s.outcome != Outcome.PASS:
            continue
        _close(
            session,
            target,
            f,
            actor=actor,
            by_uuid=recheck.uuid,
            note=f"re-check {recheck.uuid} passed",
        )
        closed.append(f)
    session.flush()
    log.info("re-check %s closed %d finding(s) of %s", recheck.uuid, len(closed), target.uuid)
    return closed


def require_closing_note(note: str) -> None:
    """Refuse to close a finding by hand without saying how it was rectified."""
    if not note.strip():
        raise ValidationError(T.CLOSE_NEEDS_NOTE)


def close_by_hand(
    session: Session, target: Inspection, item_id: str, *, note: str, actor: str
) -> Finding:
    """Close one finding of ``target`` by hand (rectification verified without a re-check)."""
    require_closing_note(note)
    f = next((x for x in target.findings if x.item_id == item_id and x.active), None)
    if f is None:
        raise NotFoundError(T.NOT_A_FINDING, item=repr(item_id), uuid=target.uuid)
    if f.status == FindingStatus.CLOSED:
        when = phrase(T.CLOSED_ON, day=f"{f.closed_at:%Y-%m-%d}") if f.closed_at else ""
        raise ValidationError(T.ALREADY_CLOSED, item=item_id, uuid=target.uuid, when=when)
    _close(session, target, f, actor=actor, by_uuid=None, note=note.strip())
    session.flush()
    return f


def close_findings_by_recheck(
    session: Session, recheck_insp: Inspection, *, actor: str
) -> list[Finding]:
    """Close the open findings of the followed-up inspection whose item passes in the re-check.

    Only a clear pass closes a finding: a partial, N/A or unanswered item in the re-check
    leaves it open. Each closing is audited on the followed-up inspection.
    """
    if not recheck_insp.recheck_of:
        raise ValidationError(T.NOT_A_RECHECK, uuid=recheck_insp.uuid)
    target = get(session, recheck_insp.recheck_of)
    return close_passed(session, recheck_insp, target, compute_score(recheck_insp), actor=actor)


def close_finding(session: Session, ref: str, item_id: str, *, note: str, actor: str) -> Finding:
    """Close one finding by hand (rectification verified without a re-check)."""
    require_closing_note(note)  # before the look-up: the first thing to fix
    return close_by_hand(session, get(session, ref), item_id, note=note, actor=actor)
