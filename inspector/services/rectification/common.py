"""What notices, responses and reviews share: looking up a notice, a carried finding, and
the current finding behind it."""

from __future__ import annotations

import logging
import re
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector.db.models import Finding, Inspection
from inspector.db.rect_models import RectAnswer, RectItem, RectNotice
from inspector.errors import NotFoundError, ValidationError
from inspector.text import rectification as T

log = logging.getLogger(__name__)

ISSUED = "issued"  # a notice HQ issued here
RECEIVED = "received"  # a notice a branch opened here
SENT = "sent"  # a response the branch exported
ACCEPTED = "accepted"
RETURNED = "returned"
MIN_REF = 4


def notice_revisions(session: Session, ref: str, origin: str | None = None) -> list[RectNotice]:
    """Every stored revision of the notice ``ref`` names (id, id prefix or 文号), oldest
    first; raises when none or several notices match."""
    ref = ref.strip()
    q = select(RectNotice)
    if origin is not None:
        q = q.where(RectNotice.origin == origin)
    rows = list(session.scalars(q.where(RectNotice.number == ref)))
    if not rows and len(ref) >= MIN_REF and re.fullmatch(r"[0-9a-fA-F-]+", ref):
        rows = list(session.scalars(q.where(RectNotice.uuid.startswith(ref.lower()))))
    uuids = sorted({r.uuid for r in rows})
    if not uuids:
        raise NotFoundError(T.NO_SUCH_NOTICE, ref=repr(ref))
    if len(uuids) > 1:
        raise ValidationError(T.AMBIGUOUS_NOTICE, ref=repr(ref), matches=", ".join(uuids[:5]))
    return sorted((r for r in rows if r.uuid == uuids[0]), key=lambda r: r.revision)


def live_items(notice_rows: list[RectNotice]) -> list[tuple[RectNotice, RectItem]]:
    """The findings a notice still carries: each one from the newest revision carrying it
    that is not superseded."""
    out: list[tuple[RectNotice, RectItem]] = []
    for n in notice_rows:
        out.extend((n, it) for it in n.items if not it.superseded)
    return out


def pick_item(
    notice_rows: list[RectNotice], ref: str, *, include_superseded: bool = False
) -> tuple[RectNotice, RectItem]:
    """The carried finding ``ref`` names: ``ITEM`` or ``INSPECTION:ITEM`` (id prefix)."""
    insp_ref, _, item = ref.rpartition(":")
    uuid = notice_rows[-1].uuid
    pairs = [
        (n, it)
        for n in notice_rows
        for it in n.items
        if it.item_id == item and (not insp_ref or it.inspection_uuid.startswith(insp_ref))
    ]
    if not pairs:
        raise NotFoundError(T.NOT_CARRIED, notice=uuid, item=repr(ref))
    live = [(n, it) for n, it in pairs if not it.superseded]
    if not live and not include_superseded:
        n, it = pairs[-1]
        newer = max(r.revision for r in notice_rows)
        raise ValidationError(
            T.ITEM_SUPERSEDED, notice=uuid, item=it.item_id, revision=n.revision, newer=newer
        )
    chosen = live or pairs
    inspections = sorted({it.inspection_uuid for _, it in chosen})
    if len(inspections) > 1:
        raise ValidationError(
            T.AMBIGUOUS_ITEM, notice=uuid, item=item, inspections=", ".join(inspections)
        )
    return max(chosen, key=lambda p: p[0].revision)


def current_finding(
    session: Session, inspection_uuid: str, item_id: str
) -> tuple[Inspection, Finding] | None:
    """The finding behind a carried one: the item's active finding in the inspection's
    current revision (HQ may have imported an amendment since the notice)."""
    insp = session.scalar(
        select(Inspection).where(
            Inspection.uuid == inspection_uuid, Inspection.is_current.is_(True)
        )
    )
    if insp is None:
        return None
    f = next((x for x in insp.findings if x.item_id == item_id and x.active), None)
    return (insp, f) if f is not None else None


def latest_answer(
    session: Session, notice_uuid: str, inspection_uuid: str, item_id: str
) -> RectAnswer | None:
    """The newest answer received for a finding of a notice (HQ), if any."""
    return session.scalar(
        select(RectAnswer)
        .where(
            RectAnswer.notice_uuid == notice_uuid,
            RectAnswer.inspection_uuid == inspection_uuid,
            RectAnswer.item_id == item_id,
            RectAnswer.response_id.is_not(None),
        )
        .order_by(RectAnswer.id.desc())
        .limit(1)
    )


def returned_note(session: Session, inspection_uuid: str, item_id: str) -> str:
    """HQ's reason the last time it returned an answer to this finding (any notice)."""
    note = session.scalar(
        select(RectAnswer.decision_note)
        .where(
            RectAnswer.inspection_uuid == inspection_uuid,
            RectAnswer.item_id == item_id,
            RectAnswer.decision == RETURNED,
        )
        .order_by(RectAnswer.decided_at.desc(), RectAnswer.id.desc())
        .limit(1)
    )
    return note or ""


def next_number(session: Session, year: int) -> int:
    """The next serial of this year's notices (文号): one per notice id, not per revision."""
    n = session.scalar(
        select(func.count(func.distinct(RectNotice.uuid))).where(
            RectNotice.origin == ISSUED,
            RectNotice.number.like(f"%〔{year}〕%"),
        )
    )
    return int(n or 0) + 1


def parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(T.BAD_DATE, value=repr(value)) from None
