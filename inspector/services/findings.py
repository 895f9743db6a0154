"""The finding lifecycle: a finding's statuses, its audited record, and closing it.

A finding is opened (and kept in step with the answers) when an inspection is scored
(:mod:`inspector.services.inspections`), edited while the inspection is a draft, and
closed later either by hand at HQ, with a note saying how it was rectified, or by a
finalized re-check that passes its item. Closing works on loaded inspections and their
score only, so this module sits below :mod:`inspector.services.inspections`, which
resolves references and scores re-checks, and below :mod:`inspector.services.hq`, which
reports on findings: nothing here imports either.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from inspector.db.models import Finding, Inspection, utcnow
from inspector.domain.scoring import Outcome, Score
from inspector.domain.states import FindingState, FindingStatus
from inspector.errors import NotFoundError, ValidationError
from inspector.services import audit
from inspector.text import findings as T
from inspector.text.parts import phrase

log = logging.getLogger(__name__)

# The states HQ shows and filters by (overdue is shown, never stored: an open finding past
# its deadline); kept under these names for the modules that import them.
OPEN = FindingState.OPEN
OVERDUE = FindingState.OVERDUE
CLOSED = FindingState.CLOSED
STATUSES = tuple(s.value for s in FindingState)  # plain strings: click.Choice lists them


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as the audit log and ``show --json`` record it."""
    return {
        "item": f.item_id,
        "severity": f.severity,
        "action": f.action,
        "owner": f.owner,
        "deadline": f.deadline.isoformat() if f.deadline else None,
        "status": f.status,
        "closed_at": f.closed_at.isoformat() if f.closed_at else None,
        "closed_by": f.closed_by_uuid,
        # 屡查屡犯: the previous inspection with the same finding (severity raised a level).
        "repeat_of": f.repeat_of,
    }


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
