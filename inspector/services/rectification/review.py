"""HQ's review (整改验收) of the branch's answers: accept (closes the finding) or return.

Accepting closes the finding through the one lifecycle
(:func:`inspector.services.findings.closing.transition`, ``closed_via = response``), with the
acceptance as the close time (``closed_at``) and the notice as ``closed_by``; returning
sends it back (``returned``) with HQ's reason, which the next notice revision carries.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector import clock
from inspector.db import Database
from inspector.db.models import utcnow
from inspector.db.rect_models import RectAnswer, RectNotice, RectResponse
from inspector.domain.states import ClosedVia, FindingState, FindingStatus, Severity
from inspector.errors import ValidationError
from inspector.services import photo_variants, photos
from inspector.services.findings.closing import transition as move
from inspector.services.findings.record import finding_dict
from inspector.services.inspections.snapshots import checklist_of
from inspector.services.rectification import common
from inspector.text import rectification as T

log = logging.getLogger(__name__)


def review(
    db: Database, notice_ref: str, item_ref: str, *, accept: bool, note: str, actor: str
) -> dict[str, Any]:
    """Accept or return the branch's submitted answer to one finding of a notice."""
    note = note.strip()
    if not accept and not note:
        raise ValidationError(T.RETURN_NEEDS_NOTE)
    with db.session() as s:
        rows = common.notice_revisions(s, notice_ref, common.ISSUED)
        notice, it = common.pick_item(rows, item_ref, include_superseded=True)
        cur = common.current_finding(s, it.inspection_uuid, it.item_id)
        answer = common.latest_answer(s, notice.uuid, it.inspection_uuid, it.item_id)
        today = clock.local_today()
        state = FindingState.of(cur[1].status, cur[1].deadline, today) if cur is not None else "-"
        if (
            cur is None
            or cur[1].status != FindingStatus.SUBMITTED
            or answer is None
            or answer.decision is not None
            or not answer.answered
        ):
            raise ValidationError(
                T.NOTHING_TO_REVIEW, notice=notice.number, item=it.item_id, state=str(state)
            )
        insp, f = cur
        assert answer.response is not None
        detail = {
            "notice": notice.uuid,
            "number": notice.number,
            "response": answer.response.revision,
            "signer": answer.response.signer,
            "trusted": answer.response.trusted,
        }
        if accept:
            closing = T.ACCEPTED_NOTE.render(
                "en", number=notice.number, revision=answer.response.revision
            )
            move(
                s,
                insp,
                f,
                FindingStatus.CLOSED,
                actor=actor,
                note=f"{closing}: {note}" if note else closing,
                via=ClosedVia.RESPONSE,
                by_uuid=notice.uuid,
                detail=detail,
            )
        else:
            move(s, insp, f, FindingStatus.RETURNED, actor=actor, note=note, detail=detail)
        answer.decision = common.ACCEPTED if accept else common.RETURNED
        answer.decided_at = utcnow()
        answer.decided_by = actor
        answer.decision_note = note
        s.flush()
        return {
            "notice": notice.uuid,
            "number": notice.number,
            "inspection": insp.uuid,
            "item": f.item_id,
            "decision": answer.decision,
            "finding": finding_dict(f),
        }


# ---------------------------------------------------------------- the review queue
@dataclass(frozen=True)
class QueueEntry:
    """A submitted answer waiting for HQ, with the original finding beside it."""

    notice: str
    number: str
    response_revision: int
    branch_code: str
    branch_name: str
    inspection: str
    item: str
    title_zh: str
    title_en: str
    action: str
    deadline: date | None
    severity: Severity
    note: str
    cause: str
    prevention: str
    done_on: date | None
    done_by: str
    late: bool
    trusted: bool
    signer: str
    received_at: datetime | None
    photo_ids: list[str] = field(default_factory=list)  # the branch's (rectification)
    finding_photo_ids: list[str] = field(default_factory=list)  # the inspection's

    def title(self, lang: str) -> str:
        return (self.title_zh if lang.startswith("zh") else self.title_en) or self.item

    def as_dict(self) -> dict[str, Any]:
        return {
            "notice": self.notice,
            "number": self.number,
            "response": self.response_revision,
            "branch": {"code": self.branch_code, "name": self.branch_name},
            "inspection": self.inspection,
            "item": self.item,
            "item_title": {"zh": self.title("zh"), "en": self.title("en")},
            "action": self.action,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "severity": self.severity,
            "answer": {
                "note": self.note,
                "cause": self.cause,
                "prevention": self.prevention,
                "done_on": self.done_on.isoformat() if self.done_on else None,
                "by": self.done_by,
                "photos": self.photo_ids,
            },
            "late": self.late,
            "untrusted": not self.trusted,
            "signer": self.signer,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "finding_photos": self.finding_photo_ids,
        }


def queue_in(s: Session) -> list[QueueEntry]:
    """Every answered, undecided answer whose finding is submitted, oldest first."""
    q = (
        select(RectAnswer, RectResponse)
        .join(RectResponse, RectResponse.id == RectAnswer.response_id)
        .where(
            RectResponse.origin == common.RECEIVED,
            RectAnswer.answered.is_(True),
            RectAnswer.decision.is_(None),
        )
        .order_by(RectResponse.received_at, RectAnswer.id)
    )
    out: list[QueueEntry] = []
    seen: set[tuple[str, str, str]] = set()
    rows = [(row[0], row[1]) for row in s.execute(q).all()]
    for a, r in reversed(rows):  # the newest answer per finding only
        key = (a.notice_uuid, a.inspection_uuid, a.item_id)
        if key in seen:
            continue
        seen.add(key)
        cur = common.current_finding(s, a.inspection_uuid, a.item_id)
        if cur is None or cur[1].status != FindingStatus.SUBMITTED:
            continue
        insp, f = cur
        notice = s.scalar(
            select(RectNotice).where(
                RectNotice.uuid == a.notice_uuid, RectNotice.revision == r.notice_revision
            )
        )
        item = checklist_of(insp).item_index().get(f.item_id)
        out.append(
            QueueEntry(
                notice=a.notice_uuid,
                number=notice.number if notice else "",
                response_revision=r.revision,
                branch_code=insp.branch.code,
                branch_name=insp.branch.name,
                inspection=insp.uuid,
                item=f.item_id,
                title_zh=item.text.zh if item else "",
                title_en=item.text.en if item else "",
                action=f.action,
                deadline=f.deadline,
                severity=f.severity,
                note=a.note,
                cause=a.cause,
                prevention=a.prevention,
                done_on=a.done_on,
                done_by=a.done_by,
                late=r.late,
                trusted=r.trusted,
                signer=r.signer,
                received_at=r.received_at,
                photo_ids=[p.id for p in a.photos],
                finding_photo_ids=[p.id for p in photos.photos_of(insp, f.item_id)],
            )
        )
    out.reverse()
    return out


def queue(db: Database) -> list[QueueEntry]:
    with db.read_session() as s:
        return queue_in(s)


def finding_photo(db: Database, photo_id: str, variant: str = "thumb") -> bytes:
    """An inspection photo as shown (redactions drawn on), for the queue's comparison."""
    with db.read_session() as s:
        p = photos.get(s, photo_id)
        return photo_variants.variant_bytes(s, p, "display" if variant == "display" else "thumb")
