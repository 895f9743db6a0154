"""Rectification responses (整改报告): the branch answers a notice, HQ receives it.

Branch: :func:`respond` keeps a draft answer per finding (what was done, the cause, what
stops it recurring, when, by whom, or "not yet, because …") with photos ingested like an
inspection's (byte-exact originals, HEIC, limits; redactions kept as layers);
:func:`export` writes the signed ``.response`` once every finding is answered, the
redacted photos as renderings only (the originals stay at the branch).

HQ's side, receiving a response, is :mod:`inspector.services.rectification.response_import`.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector import __version__, clock
from inspector.db import Database
from inspector.db.models import utcnow
from inspector.db.rect_models import (
    HqKey,
    RectAnswer,
    RectItem,
    RectNotice,
    RectPhoto,
    RectResponse,
)
from inspector.domain.layers import LayerError, validate_for_photo
from inspector.domain.states import FindingState
from inspector.errors import NotFoundError, ValidationError
from inspector.files import FileAccessError, read_bounded, write_atomic
from inspector.services import audit, keys, photos
from inspector.services.exchange.package_format import (
    canonical_bytes,
    write_container,
)
from inspector.services.photo_decode import (
    MAX_FILE_BYTES,
    RENDER_QUALITY,
    PhotoError,
    Prepared,
    decode,
    prepare,
    to_jpeg,
)
from inspector.services.photo_render import apply_layers, shown_variant
from inspector.services.rectification import common, hqkey
from inspector.services.rectification.formats import (
    FORMAT_VERSION,
    RESPONSE_FORMAT,
    RESPONSE_SUFFIX,
    ResponseManifest,
)
from inspector.services.views.photos import EditorPhoto
from inspector.text import photos as TP
from inspector.text import rectification as T

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- branch: answering
@dataclass(frozen=True)
class Answer:
    note: str = ""
    cause: str = ""
    prevention: str = ""
    done_on: date | None = None
    by: str = ""
    not_yet: str = ""


def _prepare_files(files: list[Path]) -> list[Prepared]:
    """Decode every photo before anything is written: one bad photo refuses the answer."""
    out = []
    for path in files:
        name = str(path)
        try:
            data = read_bounded(path, MAX_FILE_BYTES, "photo")
        except FileAccessError as e:
            raise PhotoError(TP.UNREADABLE_FILE, file=name, reason=e.reason) from None
        out.append(prepare(data, name))
    return out


def _check_answer(a: Answer) -> None:
    if a.note.strip() and a.not_yet.strip():
        raise ValidationError(T.NOTE_AND_NOT_YET)
    if not a.note.strip() and not a.not_yet.strip():
        raise ValidationError(T.NEEDS_NOTE)
    today = clock.local_today()
    if a.done_on is not None and a.done_on > today:
        raise ValidationError(T.DONE_IN_FUTURE, day=a.done_on.isoformat(), today=today)


def _draft(s: Session, notice_uuid: str, it: RectItem) -> RectAnswer | None:
    return s.scalar(
        select(RectAnswer).where(
            RectAnswer.response_id.is_(None),
            RectAnswer.notice_uuid == notice_uuid,
            RectAnswer.inspection_uuid == it.inspection_uuid,
            RectAnswer.item_id == it.item_id,
        )
    )


def _answer_dict(a: RectAnswer) -> dict[str, Any]:
    return {
        "answered": a.answered,
        "note": a.note,
        "cause": a.cause,
        "prevention": a.prevention,
        "done_on": a.done_on.isoformat() if a.done_on else None,
        "by": a.done_by,
        "not_yet": a.not_yet,
        "photos": [p.id for p in a.photos],
    }


def _add_photo(s: Session, draft: RectAnswer, prep: Prepared) -> RectPhoto | None:
    if any(p.sha256 == prep.sha256 for p in draft.photos):
        return None  # the same photo twice is one photo
    photo = RectPhoto(
        position=len(draft.photos),
        sha256=prep.sha256,
        original_sha256=photos.store_blob(s, prep.data),
        display_sha256=photos.store_blob(s, prep.display),
        thumb_sha256=photos.store_blob(s, prep.thumb),
        format=prep.format,
        width=prep.width,
        height=prep.height,
        file_name=Path(prep.file_name).name[:400],
        taken_at=prep.taken_at,
        layers={},
    )
    draft.photos.append(photo)
    return photo


def respond(
    db: Database,
    notice_ref: str,
    item_ref: str,
    answer: Answer,
    *,
    photo_files: list[Path] | None = None,
    photo_bytes: list[tuple[str, bytes]] | None = None,
    actor: str,
) -> dict[str, Any]:
    """Record (or replace) the branch's answer to one finding of a notice; photos are
    added to the answer's photos. Nothing is written when anything is refused."""
    _check_answer(answer)
    prepared = _prepare_files(list(photo_files or []))
    prepared += [prepare(data, name) for name, data in photo_bytes or []]
    with db.session() as s:
        rows = common.notice_revisions(s, notice_ref, common.RECEIVED)
        notice, it = common.pick_item(rows, item_ref)
        draft = _draft(s, notice.uuid, it)
        old = _answer_dict(draft) if draft is not None else None
        if draft is None:
            draft = RectAnswer(
                notice_uuid=notice.uuid, inspection_uuid=it.inspection_uuid, item_id=it.item_id
            )
            s.add(draft)
        draft.answered = bool(answer.note.strip())
        draft.note = answer.note.strip()
        draft.cause = answer.cause.strip()
        draft.prevention = answer.prevention.strip()
        draft.done_on = answer.done_on
        draft.done_by = answer.by.strip()
        draft.not_yet = answer.not_yet.strip()
        draft.updated_at = utcnow()
        added = [p for p in (_add_photo(s, draft, prep) for prep in prepared) if p is not None]
        s.flush()
        audit.record(
            s,
            actor=actor,
            entity="rect_answer",
            action="draft",
            key=f"{notice.uuid}:{it.inspection_uuid}:{it.item_id}",
            old=old,
            new=_answer_dict(draft),
        )
        return {
            "notice": notice.uuid,
            "inspection": it.inspection_uuid,
            "item": it.item_id,
            **_answer_dict(draft),
            "added_photos": [p.id for p in added],
        }


def add_photos(
    db: Database,
    notice_ref: str,
    item_ref: str,
    files: list[Path],
    *,
    actor: str,
) -> list[str]:
    """Add photos to the branch's answer to one finding (the answer's words may come
    later); all or none: a photo that fails ingest refuses the lot. Returns the new ids."""
    prepared = _prepare_files(files)
    with db.session() as s:
        rows = common.notice_revisions(s, notice_ref, common.RECEIVED)
        notice, it = common.pick_item(rows, item_ref)
        draft = _draft(s, notice.uuid, it)
        if draft is None:
            draft = RectAnswer(
                notice_uuid=notice.uuid,
                inspection_uuid=it.inspection_uuid,
                item_id=it.item_id,
                answered=False,
            )
            s.add(draft)
        added = [p for p in (_add_photo(s, draft, prep) for prep in prepared) if p is not None]
        draft.updated_at = utcnow()
        s.flush()
        audit.record(
            s,
            actor=actor,
            entity="rect_answer",
            action="photos",
            key=f"{notice.uuid}:{it.inspection_uuid}:{it.item_id}",
            new={"added": [p.id for p in added]},
        )
        return [p.id for p in added]


def has_words(a: RectAnswer) -> bool:
    """A draft says what was done or why not yet (photos alone are not an answer)."""
    return bool(a.note.strip() or a.not_yet.strip())


def editor_photo(db: Database, photo_ref: str) -> EditorPhoto:
    """A rectification photo as the photo editor opens it (to redact before sending)."""
    with db.read_session() as s:
        p = _photo(s, photo_ref)
        layers = p.layers or {}
        return EditorPhoto(
            id=p.id,
            width=p.width,
            height=p.height,
            display=photos.blob_bytes(s, p.display_sha256),
            title=p.file_name or p.id[:8],
            withheld=p.original_sha256 is None,
            finalized=p.answer.response_id is not None,
            inspection="",  # a branch's photo, not an inspection's: the screen saves it
            inspector=p.answer.done_by,
            layers={
                "annotations": list(layers.get("annotations", [])),
                "redactions": list(layers.get("redactions", [])),
            },
        )


def _photo(s: Session, ref: str) -> RectPhoto:
    ref = ref.strip()
    rows = (
        list(s.scalars(select(RectPhoto).where(RectPhoto.id.startswith(ref)).limit(2)))
        if len(ref) >= common.MIN_REF
        else []
    )
    if len(rows) != 1:
        raise NotFoundError(T.NO_SUCH_PHOTO, ref=repr(ref))
    return rows[0]


def set_photo_layers(db: Database, photo_ref: str, layers: Any, *, actor: str) -> str:
    """Redact (or annotate) a rectification photo at the branch; the original is kept and
    only the rendering leaves the computer. Returns the photo id."""
    with db.session() as s:
        p = _photo(s, photo_ref)
        if p.answer.response_id is not None:
            raise ValidationError(T.NO_SUCH_PHOTO, ref=repr(photo_ref))
        try:
            stored = validate_for_photo(layers, p.width, p.height)
        except LayerError as e:
            raise ValidationError(TP.BAD_LAYERS, file=p.file_name or p.id, cause=e) from None
        old = p.layers
        p.layers = stored
        audit.record(
            s, actor=actor, entity="rect_photo", action="layers", key=p.id, old=old, new=stored
        )
        return p.id


def photo_layers(db: Database, photo_ref: str) -> tuple[str, dict[str, Any], int, int]:
    with db.read_session() as s:
        p = _photo(s, photo_ref)
        return p.id, dict(p.layers or {}), p.width, p.height


def remove_photo(db: Database, photo_ref: str, *, actor: str) -> None:
    with db.session() as s:
        p = _photo(s, photo_ref)
        if p.answer.response_id is not None:
            raise ValidationError(T.NO_SUCH_PHOTO, ref=repr(photo_ref))
        audit.record(s, actor=actor, entity="rect_photo", action="delete", key=p.id)
        s.delete(p)


def photo_image(db: Database, photo_ref: str, variant: str = "thumb") -> bytes:
    """A rectification photo as shown (redactions drawn on): ``thumb``, ``display`` or the
    full ``rendered`` image; ``base`` is the upright display image for the editor."""
    with db.read_session() as s:
        p = _photo(s, photo_ref)
        if variant == "base":
            return photos.blob_bytes(s, p.display_sha256)
        if variant == "rendered":
            return _outgoing(s, p)[0]
        if p.original_sha256 is not None and _has_layers(p):
            return shown_variant(
                photos.blob_bytes(s, p.display_sha256),
                p.layers,
                p.width,
                thumb=variant == "thumb",
                file_name=p.file_name or p.id,
            )
        return photos.blob_bytes(s, p.display_sha256 if variant == "display" else p.thumb_sha256)


def _has_layers(p: RectPhoto) -> bool:
    layers = p.layers or {}
    return bool(layers.get("redactions") or layers.get("annotations"))


def _outgoing(s: Session, p: RectPhoto) -> tuple[bytes, bool]:
    """What leaves the branch: (bytes, withheld): the original, or the rendering with the
    redactions burnt in when it has layers (the original then stays here)."""
    if p.original_sha256 is None:
        return photos.blob_bytes(s, p.rendered_sha256 or p.display_sha256), True
    original = photos.blob_bytes(s, p.original_sha256)
    if not _has_layers(p):
        return original, False
    full = apply_layers(decode(original, p.file_name or p.id, fit=None).image, p.layers, 1.0)
    return to_jpeg(full, RENDER_QUALITY), True


# ---------------------------------------------------------------- branch: export
@dataclass(frozen=True)
class ExportedResponse:
    notice: str
    revision: int
    path: Path
    answered: int
    not_yet: int
    encrypted: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "notice": self.notice,
            "revision": self.revision,
            "file": str(self.path),
            "answered": self.answered,
            "not_yet": self.not_yet,
            "encrypted": self.encrypted,
        }


def _image_size(data: bytes, name: str) -> tuple[int, int, str]:
    d = decode(data, name, fit=64)
    return d.width, d.height, d.format


def export(
    db: Database,
    notice_ref: str,
    out_dir: Path,
    *,
    actor: str,
    encrypt: bool = True,
    device: keys.DeviceKeys | None = None,
) -> ExportedResponse:
    """Write the signed response to a notice into ``out_dir``: every finding the notice
    carries answered, or explicitly not yet with the reason."""
    out_dir = out_dir.expanduser()
    if not out_dir.is_dir():
        raise NotFoundError(T.NOTICE_FOLDER, folder=str(out_dir))
    device = device or keys.device_keys()
    with db.session() as s:
        rows = common.notice_revisions(s, notice_ref, common.RECEIVED)
        live = common.live_items(rows)
        drafts = [(n, it, _draft(s, n.uuid, it)) for n, it in live]
        missing = [it.item_id for _, it, d in drafts if d is None or not has_words(d)]
        if missing:
            raise ValidationError(T.UNANSWERED, notice=rows[-1].number, items=", ".join(missing))
        newest = rows[-1]
        last = s.scalar(
            select(RectResponse)
            .where(RectResponse.origin == common.SENT, RectResponse.notice_uuid == newest.uuid)
            .order_by(RectResponse.revision.desc())
            .limit(1)
        )
        # HQ returned these: the same answer again would only be returned again.
        unchanged = [
            it.item_id
            for n, it, d in drafts
            if d is not None
            and last is not None
            and _carried_status(n, it) == FindingState.RETURNED
            and d.updated_at <= last.exported_at
        ]
        if unchanged:
            raise ValidationError(
                T.RETURNED_UNCHANGED, notice=newest.number, items=", ".join(unchanged)
            )
        revision = (last.revision if last is not None else 0) + 1
        blobs: dict[str, bytes] = {}
        answers: list[dict[str, Any]] = []
        for n, it, d in drafts:
            assert d is not None
            shots = []
            for p in d.photos:
                image, withheld = _outgoing(s, p)
                sha = hashlib.sha256(image).hexdigest()
                w, h, _ = _image_size(image, p.file_name or p.id)
                blobs[sha] = image
                shots.append(
                    {
                        "id": p.id,
                        "sha256": p.sha256,
                        "image": {"sha256": sha, "width": w, "height": h},
                        "format": "JPEG" if withheld else p.format,
                        "withheld": withheld,
                        "file_name": p.file_name,
                        "taken_at": p.taken_at.isoformat() if p.taken_at else None,
                    }
                )
            answers.append(
                {
                    "inspection": it.inspection_uuid,
                    "item": it.item_id,
                    "notice_revision": n.revision,
                    "answered": d.answered,
                    "note": d.note,
                    "cause": d.cause,
                    "prevention": d.prevention,
                    "done_on": d.done_on.isoformat() if d.done_on else None,
                    "by": d.done_by,
                    "not_yet": d.not_yet,
                    "photos": shots,
                }
            )
        manifest: dict[str, Any] = {
            "format": RESPONSE_FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "exported_at": clock.now().isoformat(),
            "device_fingerprint": device.fingerprint,
            "response": {
                "notice": newest.uuid,
                "notice_revision": newest.revision,
                "revision": revision,
                "branch": newest.branch_code,
                "hq_fingerprint": newest.signer,
            },
            "answers": answers,
        }
        recipient = _hq_exchange_key(s, newest.signer) if encrypt else None
        members = {f"blobs/{sha}": b for sha, b in sorted(blobs.items())}
        data = write_container(
            manifest, members, device, ResponseManifest.model_validate, encrypt_to=recipient
        )
        record = RectResponse(
            notice_uuid=newest.uuid,
            notice_revision=newest.revision,
            revision=revision,
            origin=common.SENT,
            signer=device.fingerprint,
            trusted=True,
            exported_at=clock.now(),
            package_sha256=hashlib.sha256(canonical_bytes(manifest)).hexdigest(),
        )
        for _, _, d in drafts:
            assert d is not None
            record.answers.append(
                RectAnswer(
                    notice_uuid=d.notice_uuid,
                    inspection_uuid=d.inspection_uuid,
                    item_id=d.item_id,
                    answered=d.answered,
                    note=d.note,
                    cause=d.cause,
                    prevention=d.prevention,
                    done_on=d.done_on,
                    done_by=d.done_by,
                    not_yet=d.not_yet,
                    updated_at=d.updated_at,
                )
            )
        name = f"response_{re.sub(r'[^A-Za-z0-9_-]+', '_', newest.branch_code)}_"
        name += f"{newest.uuid[:8]}_r{revision}{RESPONSE_SUFFIX}"
        record.file_name = name
        s.add(record)
        s.flush()
        audit.record(
            s,
            actor=actor,
            entity="response",
            action="export",
            key=newest.uuid,
            new={"revision": revision, "file": name, "answers": len(answers)},
        )
    # Recorded first, then written atomically: a crash in between leaves this revision
    # number used and no file (the next export is the next revision); a reader never
    # sees a half-written response.
    path = write_atomic(out_dir / name, data)
    return ExportedResponse(
        notice=newest.uuid,
        revision=revision,
        path=path,
        answered=sum(1 for a in answers if a["answered"]),
        not_yet=sum(1 for a in answers if not a["answered"]),
        encrypted=recipient is not None,
    )


def _carried_status(n: RectNotice, it: RectItem) -> str:
    """The finding's state as the notice revision carrying it says (open, overdue, returned)."""
    for f in n.content.get("findings", []):
        if f.get("inspection") == it.inspection_uuid and f.get("item") == it.item_id:
            return str(f.get("status", ""))
    return ""


def _hq_exchange_key(s: Session, fingerprint: str) -> bytes | None:
    """HQ's X25519 key from the pinned key file (an HQ pack's or the one pinned when the
    notice was opened), to seal the response for HQ alone."""
    pin = hqkey.current(s)
    if pin is not None and pin.fingerprint == fingerprint:
        data = pin.public_file
    else:
        row = s.get(HqKey, fingerprint)
        if row is None:
            return None
        data = row.public_key
    return keys.parse_public_file(data, "HQ key").exchange
