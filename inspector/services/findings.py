"""The finding lifecycle: a finding's statuses, its audited record, and changing them.

A finding is opened (and kept in step with the answers) when an inspection is scored
(:mod:`inspector.services.inspections`), edited while the inspection is a draft, and
closed later either by hand at HQ, with a note saying how it was rectified, by a
finalized re-check that passes its item, or by HQ accepting the branch's rectification
response (:mod:`inspector.services.rectification`): a response makes it ``submitted``,
HQ's review ``closed`` or ``returned``. Every step goes through :func:`transition`, which
refuses a move the lifecycle does not allow and audits the change. Closing works on
loaded inspections and their score only, so this module sits below
:mod:`inspector.services.inspections`, which resolves references and scores re-checks,
and below :mod:`inspector.services.hq`, which reports on findings: nothing here imports
either.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from inspector.db.models import Finding, Inspection, utcnow
from inspector.domain.scoring import Outcome, Score
from inspector.domain.states import ClosedVia, FindingState, FindingStatus
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
SUBMITTED = FindingState.SUBMITTED
RETURNED = FindingState.RETURNED
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
        "closed_via": f.closed_via,
        # 屡查屡犯: the previous inspection with the same finding (severity raised a level).
        "repeat_of": f.repeat_of,
    }


# The moves the lifecycle allows (stored states; ``overdue`` is never stored).
_MOVES: dict[FindingStatus, frozenset[FindingStatus]] = {
    FindingStatus.OPEN: frozenset({FindingStatus.SUBMITTED, FindingStatus.CLOSED}),
    FindingStatus.RETURNED: frozenset({FindingStatus.SUBMITTED, FindingStatus.CLOSED}),
    FindingStatus.SUBMITTED: frozenset(
        {FindingStatus.SUBMITTED, FindingStatus.RETURNED, FindingStatus.CLOSED}
    ),
    FindingStatus.CLOSED: frozenset(),
}
_ACTIONS = {
    FindingStatus.SUBMITTED: "submit",
    FindingStatus.RETURNED: "return",
    FindingStatus.CLOSED: "close",
}


def can_move(f: Finding, to: FindingStatus) -> bool:
    """May finding ``f`` go to ``to`` from where it is?"""
    return to in _MOVES.get(FindingStatus(f.status), frozenset())


def transition(
    session: Session,
    target: Inspection,
    f: Finding,
    to: FindingStatus,
    *,
    actor: str,
    note: str = "",
    via: ClosedVia | None = None,
    by_uuid: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Move finding ``f`` of ``target`` to ``to`` and audit it: the one place a finding's
    state changes after it is opened (re-check, HQ by hand, branch response, HQ review).

    ``via`` says how a closing happened (and is required for one); ``detail`` goes into
    the audit entry (the notice and response a step came from).
    """
    if not can_move(f, to):
        raise ValidationError(
            T.CANNOT_MOVE,
            item=f.item_id,
            uuid=target.uuid,
            status=str(FindingStatus(f.status)),
            to=str(to),
        )
    old = finding_dict(f)
    now = utcnow()
    f.status = to
    if to == FindingStatus.CLOSED:
        if via is None:
            raise ValueError("closing a finding says how (via)")
        f.closed_at = now
        f.closed_by_uuid = by_uuid
        f.closing_note = note
        f.closed_via = via
    f.updated_at = now
    audit.record(
        session,
        actor=actor,
        entity="finding",
        action=_ACTIONS[to],
        key=f.item_id,
        old=old,
        new={**finding_dict(f), "note": note, **(detail or {})},
        inspection=target,
    )


def _close(
    session: Session,
    target: Inspection,
    f: Finding,
    *,
    actor: str,
    by_uuid: str | None,
    note: str,
    via: ClosedVia,
) -> None:
    transition(
        session, target, f, FindingStatus.CLOSED, actor=actor, note=note, via=via, by_uuid=by_uuid
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
            via=ClosedVia.RECHECK,
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
    _close(session, target, f, actor=actor, by_uuid=None, note=note.strip(), via=ClosedVia.HAND)
    session.flush()
    return f
