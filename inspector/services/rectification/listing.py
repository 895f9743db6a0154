"""The notices stored here with their findings and where each stands (``rectify list``,
the Rectification screen).

At a branch a finding's ``status`` is the notice's (open, overdue, returned) until the
branch sends an answer for it, then ``submitted``; ``answer`` says what the draft holds
(``answered``, ``not_yet`` or null). At HQ ``status`` is the finding's own state.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector import clock
from inspector.db import Database
from inspector.db.rect_models import RectAnswer, RectNotice, RectResponse
from inspector.domain.states import FindingState, Severity
from inspector.services.rectification import common

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ListedFinding:
    inspection: str
    item: str
    title_zh: str
    title_en: str
    deadline: date | None
    severity: Severity | None  # None only if the notice does not carry the finding
    repeat: bool
    notice_revision: int
    status: FindingState
    answer: str | None  # answered | not_yet | None (the branch's draft)
    photos: list[str] = field(default_factory=list)  # the draft's photo ids
    seen_zh: str = ""
    seen_en: str = ""
    action: str = ""
    owner: str = ""
    returned_note: str = ""
    note: str = ""
    cause: str = ""
    prevention: str = ""
    done_on: date | None = None
    done_by: str = ""
    not_yet: str = ""
    notice_photos: list[str] = field(default_factory=list)  # HQ's pictures (blob hashes)

    def title(self, lang: str) -> str:
        return (self.title_zh if lang.startswith("zh") else self.title_en) or self.item

    def seen(self, lang: str) -> str:
        return (self.seen_zh if lang.startswith("zh") else self.seen_en) or self.seen_zh

    def as_dict(self) -> dict[str, Any]:
        return {
            "inspection": self.inspection,
            "item": self.item,
            "item_title": {"zh": self.title("zh"), "en": self.title("en")},
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "severity": self.severity or "",
            "repeat": self.repeat,
            "notice_revision": self.notice_revision,
            "status": self.status,
            "answer": self.answer,
            "photos": self.photos,
        }


@dataclass(frozen=True)
class ListedNotice:
    id: str
    revision: int
    number: str
    origin: str  # issued (HQ) | received (branch)
    branch: str
    branch_name: str
    deadline: date | None
    signer: str
    sent_revision: int | None  # the newest response exported (branch) or received (HQ)
    findings: list[ListedFinding]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "revision": self.revision,
            "number": self.number,
            "origin": self.origin,
            "branch": self.branch,
            "branch_name": self.branch_name,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "signer": self.signer,
            "response_revision": self.sent_revision,
            "findings": [f.as_dict() for f in self.findings],
        }


def _sent(s: Session, uuid: str, origin: str) -> RectResponse | None:
    return s.scalar(
        select(RectResponse)
        .where(RectResponse.notice_uuid == uuid, RectResponse.origin == origin)
        .order_by(RectResponse.revision.desc())
        .limit(1)
    )


def _same(a: RectAnswer, b: RectAnswer) -> bool:
    fields = ("answered", "note", "cause", "prevention", "done_on", "done_by", "not_yet")
    return all(getattr(a, f) == getattr(b, f) for f in fields) and a.updated_at <= b.updated_at


def notices_in(s: Session) -> list[ListedNotice]:
    today = clock.local_today()
    rows = list(s.scalars(select(RectNotice).order_by(RectNotice.issued_at, RectNotice.revision)))
    by_uuid: dict[str, list[RectNotice]] = {}
    for r in rows:
        by_uuid.setdefault(r.uuid, []).append(r)
    out: list[ListedNotice] = []
    for uuid, revs in by_uuid.items():
        newest = revs[-1]
        branch_side = newest.origin == common.RECEIVED
        sent = _sent(s, uuid, common.SENT if branch_side else common.RECEIVED)
        sent_answers = (
            {(a.inspection_uuid, a.item_id): a for a in sent.answers} if sent is not None else {}
        )
        findings = []
        for n, it in common.live_items(revs):
            carried: dict[str, Any] = next(
                (
                    f
                    for f in n.content.get("findings", [])
                    if f.get("inspection") == it.inspection_uuid and f.get("item") == it.item_id
                ),
                {},
            )
            title = carried.get("title") or {}
            draft = None
            if branch_side:
                draft = s.scalar(
                    select(RectAnswer).where(
                        RectAnswer.response_id.is_(None),
                        RectAnswer.notice_uuid == uuid,
                        RectAnswer.inspection_uuid == it.inspection_uuid,
                        RectAnswer.item_id == it.item_id,
                    )
                )
                sent_a = sent_answers.get((it.inspection_uuid, it.item_id))
                # Sent for this revision of the notice (a newer revision carrying the
                # finding means HQ wants it answered again), and not changed since.
                if (
                    sent is not None
                    and sent.notice_revision >= n.revision
                    and sent_a is not None
                    and sent_a.answered
                    and draft is not None
                    and _same(draft, sent_a)
                ):
                    status = FindingState.SUBMITTED
                else:
                    status = FindingState.of(
                        FindingState.RETURNED
                        if carried.get("status") == FindingState.RETURNED
                        else FindingState.OPEN,
                        it.deadline,
                        today,
                    )
            else:
                cur = common.current_finding(s, it.inspection_uuid, it.item_id)
                status = (
                    FindingState.of(cur[1].status, cur[1].deadline, today)
                    if cur is not None
                    else FindingState.CLOSED
                )
            seen = carried.get("seen") or {}
            findings.append(
                ListedFinding(
                    inspection=it.inspection_uuid,
                    item=it.item_id,
                    title_zh=str(title.get("zh", "")),
                    title_en=str(title.get("en", "")),
                    deadline=it.deadline,
                    severity=Severity(carried["severity"]) if carried.get("severity") else None,
                    repeat=bool(carried.get("repeat")),
                    notice_revision=n.revision,
                    status=status,
                    # Photos alone are not an answer yet: it needs its words.
                    answer=(
                        None
                        if draft is None or not (draft.note.strip() or draft.not_yet.strip())
                        else ("answered" if draft.answered else "not_yet")
                    ),
                    photos=[p.id for p in draft.photos] if draft is not None else [],
                    seen_zh=str(seen.get("zh") or ""),
                    seen_en=str(seen.get("en") or seen.get("zh") or ""),
                    action=str(carried.get("action", "")),
                    owner=str(carried.get("owner", "")),
                    returned_note=str(carried.get("returned_note", "")),
                    note=draft.note if draft else "",
                    cause=draft.cause if draft else "",
                    prevention=draft.prevention if draft else "",
                    done_on=draft.done_on if draft else None,
                    done_by=draft.done_by if draft else "",
                    not_yet=draft.not_yet if draft else "",
                    notice_photos=[str(p["sha256"]) for p in carried.get("photos", [])],
                )
            )
        out.append(
            ListedNotice(
                id=uuid,
                revision=newest.revision,
                number=newest.number,
                origin=newest.origin,
                branch=newest.branch_code,
                branch_name=newest.branch_name,
                deadline=newest.deadline,
                signer=newest.signer,
                sent_revision=sent.revision if sent is not None else None,
                findings=findings,
            )
        )
    out.sort(key=lambda n: (n.deadline or date.max, n.number))
    return out


def notices(db: Database) -> list[ListedNotice]:
    with db.read_session() as s:
        return notices_in(s)


def notice_photo(db: Database, sha256: str) -> bytes:
    """One of HQ's pictures carried by a notice (already redacted by HQ)."""
    from inspector.services import photos

    with db.read_session() as s:
        return photos.blob_bytes(s, sha256)
