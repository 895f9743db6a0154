"""HQ receives a rectification response (整改报告): :func:`import_file`.

It verifies a branch's ``.response`` completely before writing anything, applies
who-may-answer (keys bound to branches, the key the first answer came from), then in one
transaction stores it and makes each answered finding ``submitted``. The branch's side
(answering a notice, exporting the response) is :mod:`inspector.services.rectification.response`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from inspector import clock
from inspector.db import Database
from inspector.db.models import TrustedKey, utcnow
from inspector.db.rect_models import (
    RectAnswer,
    RectItem,
    RectNotice,
    RectNoticeKey,
    RectPhoto,
    RectResponse,
)
from inspector.domain import timefmt
from inspector.domain.states import FindingState, FindingStatus, ImportOutcome
from inspector.errors import UserError
from inspector.files import FileAccessError, read_bounded
from inspector.services import audit, keys, photos
from inspector.services.exchange.package_format import (
    DEFAULT_LIMITS,
    REASON_ERROR,
    Limits,
    PackageError,
)
from inspector.services.findings import closing as finding_svc
from inspector.services.photo_decode import (
    PhotoError,
    Prepared,
    prepare,
)
from inspector.services.rectification import common
from inspector.services.rectification.formats import (
    ResponseManifest,
    read_response,
)
from inspector.text import exchange as TX
from inspector.text import rectification as T

log = logging.getLogger(__name__)


def _reason(message: Any, /, **fields: object) -> dict[str, Any]:
    error = UserError(message, **fields)
    return {"reason": str(error), REASON_ERROR: error}


@dataclass
class _Photo:
    meta: Any
    prep: Prepared


def _ingest(m: ResponseManifest, blobs: dict[str, bytes]) -> dict[str, _Photo]:
    """Every photo through the same ingest as an inspection's: decoded in full, bounded,
    its derivatives made; a photo that fails refuses the response."""
    out: dict[str, _Photo] = {}
    for a in m.answers:
        for p in a.photos:
            data = blobs[p.image.sha256]
            try:
                prep = prepare(data, p.file_name or p.id)
            except PhotoError as e:
                raise PackageError(T.PHOTO_FAILS, item=a.item, photo=p.id, cause=e) from None
            declared = sorted((p.image.width, p.image.height))
            if sorted((prep.width, prep.height)) != declared or (
                not p.withheld and prep.format != p.format
            ):
                raise PackageError(
                    T.PHOTO_FAILS,
                    item=a.item,
                    photo=p.id,
                    cause=f"it is {prep.format} {prep.width}x{prep.height}, not as declared",
                )
            out[p.id] = _Photo(p, prep)
    return out


def import_file(
    db: Database,
    path: Path,
    entry: dict[str, Any],
    *,
    trusted_only: bool,
    limits: Limits = DEFAULT_LIMITS,
    actor: str = "",
) -> tuple[ImportOutcome, dict[str, Any]]:
    """Import one ``.response`` (called by the import command for that suffix); raises
    :class:`UserError` for a refusal the caller puts in the receipt."""
    try:
        data = read_bounded(path, limits.max_file_bytes, "response")
    except FileAccessError as e:
        raise PackageError(TX.CAUSE, cause=e.problem) from None
    device = keys.device_keys() if keys.is_encrypted(data) else None
    m, v = read_response(data, limits=limits, device=device)
    del data
    h = m.response
    entry.update(
        kind="response",
        id=h.notice,
        revision=h.revision,
        device=v.fingerprint,
        signer=v.fingerprint,
        notice_revision=h.notice_revision,
        branch=h.branch,
    )
    shots = _ingest(m, v.blobs)
    for attempt in range(3):
        try:
            with db.session() as s:
                return _merge(
                    s, m, v.sha256, v.fingerprint, shots, path, entry, trusted_only, actor
                )
        except IntegrityError as e:
            # Another import stored the same revision first: classify again against it.
            log.info("response import of %s raced (attempt %d): %s", path, attempt + 1, e)
    raise PackageError(TX.RACED_OUT, file=path.name, kind="IntegrityError")


def _merge(
    s: Session,
    m: ResponseManifest,
    sha: str,
    signer: str,
    shots: dict[str, _Photo],
    path: Path,
    entry: dict[str, Any],
    trusted_only: bool,
    actor: str,
) -> tuple[ImportOutcome, dict[str, Any]]:
    h = m.response
    notices = {
        n.revision: n
        for n in s.scalars(
            select(RectNotice).where(
                RectNotice.uuid == h.notice, RectNotice.origin == common.ISSUED
            )
        )
    }
    notice = notices.get(h.notice_revision)
    if notice is None:
        return ImportOutcome.REJECTED, {
            **entry,
            **_reason(T.RESP_UNKNOWN_NOTICE, notice=h.notice, revision=h.notice_revision),
        }
    if h.hq_fingerprint != notice.signer:
        reason = _reason(T.RESP_OTHER_HQ, hq=h.hq_fingerprint, own=notice.signer)
        return ImportOutcome.REJECTED, {**entry, **reason}
    if h.branch != notice.branch_code:
        reason = _reason(T.RESP_OTHER_BRANCH, branch=h.branch, notice_branch=notice.branch_code)
        return ImportOutcome.REJECTED, {**entry, **reason}
    # Who may answer: a key bound to this branch (trusted); a key bound to another branch
    # never; an unbound key only if it is the one the notice was first answered from.
    key = s.get(TrustedKey, signer)
    bound = key.branch_code if key is not None else None
    if bound is not None and bound != notice.branch_code:
        reason = _reason(
            T.RESP_KEY_OTHER_BRANCH, signer=signer, bound=bound, branch=notice.branch_code
        )
        return ImportOutcome.REJECTED, {**entry, **reason}
    trusted = bound == notice.branch_code
    entry["untrusted"] = not trusted
    binding = s.get(RectNoticeKey, h.notice)
    entry["owner"] = signer if trusted else (binding.fingerprint if binding else signer)
    if not trusted:
        if trusted_only:
            reason = _reason(T.RESP_NOT_TRUSTED, signer=signer, branch=notice.branch_code)
            return ImportOutcome.REJECTED, {**entry, **reason}
        if binding is not None and binding.fingerprint != signer:
            reason = _reason(
                T.RESP_KEY_NOT_NOTICE, notice=h.notice, bound=binding.fingerprint, signer=signer
            )
            return ImportOutcome.REJECTED, {**entry, **reason}
    received = list(
        s.scalars(
            select(RectResponse).where(
                RectResponse.origin == common.RECEIVED, RectResponse.notice_uuid == h.notice
            )
        )
    )
    for r in received:
        if r.package_sha256 == sha:
            return ImportOutcome.DUPLICATES, {**entry, **_reason(T.RESP_DUPLICATE)}
    same = next((r for r in received if r.revision == h.revision), None)
    if same is not None:
        reason = _reason(T.RESP_CONFLICT, revision=h.revision)
        return ImportOutcome.CONFLICTS, {
            **entry,
            **reason,
            "stored_sha256": same.package_sha256,
        }
    latest = max((r.revision for r in received), default=0)
    if h.revision < latest:
        reason = _reason(T.RESP_STALE, revision=h.revision, latest=latest)
        return ImportOutcome.REJECTED, {**entry, **reason}
    # Every answer names a finding the notice carries, not superseded, that still exists.
    tz = timefmt.zone()
    sent_day = timefmt.local_date(m.exported_at, tz)
    targets = []
    for a in m.answers:
        n = notices.get(a.notice_revision)
        item = (
            next(
                (
                    it
                    for it in n.items
                    if it.inspection_uuid == a.inspection and it.item_id == a.item
                ),
                None,
            )
            if n is not None
            else None
        )
        if item is None:
            reason = _reason(
                T.RESP_NOT_CARRIED,
                item=a.item,
                inspection=a.inspection,
                revision=a.notice_revision,
            )
            return ImportOutcome.REJECTED, {**entry, **reason}
        if item.superseded:
            newer = _carrier(s, a.inspection, a.item)
            reason = _reason(
                T.RESP_SUPERSEDED, item=a.item, revision=a.notice_revision, newer=newer
            )
            return ImportOutcome.REJECTED, {**entry, **reason}
        cur = common.current_finding(s, a.inspection, a.item)
        if cur is None:
            reason = _reason(T.RESP_FINDING_GONE, item=a.item, inspection=a.inspection)
            return ImportOutcome.REJECTED, {**entry, **reason}
        targets.append((a, item, cur))
    late = sent_day > notice.deadline if notice.deadline else False
    notes: list[str] = []
    if late and notice.deadline:
        notes.append(T.RESP_LATE.render("en", deadline=notice.deadline.isoformat()))
    if binding is None and not trusted:
        s.add(RectNoticeKey(notice_uuid=h.notice, fingerprint=signer))
        notes.append(f"key {signer} is now the one notice {h.notice} is answered from")
    record = RectResponse(
        notice_uuid=h.notice,
        notice_revision=h.notice_revision,
        revision=h.revision,
        origin=common.RECEIVED,
        signer=signer,
        trusted=trusted,
        late=late,
        exported_at=m.exported_at,
        received_at=utcnow(),
        package_sha256=sha,
        file_name=path.name[:400],
    )
    s.add(record)
    findings_out = []
    for a, item, (insp, f) in targets:
        row = RectAnswer(
            notice_uuid=h.notice,
            inspection_uuid=a.inspection,
            item_id=a.item,
            answered=a.answered,
            note=a.note,
            cause=a.cause,
            prevention=a.prevention,
            done_on=a.done_on,
            done_by=a.by,
            not_yet=a.not_yet,
            updated_at=m.exported_at,
        )
        record.answers.append(row)
        for pos, p in enumerate(a.photos):
            shot = shots[p.id]
            image = photos.store_blob(s, shot.prep.data)
            row.photos.append(
                RectPhoto(
                    position=pos,
                    sha256=p.sha256,
                    original_sha256=None if p.withheld else image,
                    rendered_sha256=image if p.withheld else None,
                    display_sha256=photos.store_blob(s, shot.prep.display),
                    thumb_sha256=photos.store_blob(s, shot.prep.thumb),
                    format=shot.prep.format,
                    width=shot.prep.width,
                    height=shot.prep.height,
                    file_name=p.file_name,
                    taken_at=p.taken_at,
                    layers={},
                    withheld=p.withheld,
                )
            )
        answer_late = bool(item.deadline and sent_day > item.deadline)
        detail = {
            "notice": h.notice,
            "notice_revision": a.notice_revision,
            "response": h.revision,
            "trusted": trusted,
            "late": answer_late,
        }
        if f.status == FindingStatus.CLOSED:
            day = f"{timefmt.local_date(f.closed_at, tz)}" if f.closed_at else "?"
            notes.append(T.RESP_ALREADY_CLOSED.render("en", item=a.item, day=day))
        elif a.answered:
            finding_svc.transition(
                s,
                insp,
                f,
                FindingStatus.SUBMITTED,
                actor=actor,
                note=a.note,
                detail=detail,
            )
        else:
            audit.record(
                s,
                actor=actor,
                entity="finding",
                action="not_yet",
                key=f.item_id,
                new={**detail, "reason": a.not_yet},
                inspection=insp,
            )
        today = clock.local_today()
        findings_out.append(
            {
                "inspection": a.inspection,
                "item": a.item,
                "answered": a.answered,
                "late": answer_late,
                "status": str(FindingState.of(f.status, f.deadline, today)),
            }
        )
    s.flush()
    audit.record(
        s,
        actor=actor,
        entity="response",
        action="import",
        key=h.notice,
        new={
            "revision": h.revision,
            "notice_revision": h.notice_revision,
            "signer": signer,
            "trusted": trusted,
            "late": late,
            "file": path.name,
        },
    )
    out = {**entry, "late": late, "findings": findings_out}
    if notes:
        out["notes"] = notes
    return ImportOutcome.IMPORTED, out


def _carrier(s: Session, inspection_uuid: str, item_id: str) -> int:
    """The revision of the issued notice that carries the finding now."""
    rev = s.scalar(
        select(RectNotice.revision)
        .join(RectItem, RectItem.notice_id == RectNotice.id)
        .where(
            RectNotice.origin == common.ISSUED,
            RectItem.inspection_uuid == inspection_uuid,
            RectItem.item_id == item_id,
            RectItem.superseded.is_(False),
        )
        .order_by(RectNotice.revision.desc())
        .limit(1)
    )
    return int(rev or 0)
