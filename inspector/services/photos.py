"""Photo evidence: byte-exact storage, derivatives, layers and rendering, with the audit.

Decoding, EXIF and derivatives are pure (no database) in
:mod:`inspector.services.photo_decode`; drawing layers is pure in
:mod:`inspector.services.photo_render`. This module stores and serves what they make.

What this module guarantees (see ``docs/photos.md``):

* The original file is stored byte-exact as a content-addressed :class:`Blob` with its
  SHA-256; the upright display image (~1600 px) and thumbnail (~256 px) are derived from it
  with the EXIF orientation applied. A photo row and its blobs are written in one
  transaction (one SAVEPOINT per file in a batch, so one bad file never affects others).
* Only JPEG, PNG, WebP and HEIC/HEIF are decoded, with Pillow's decoders restricted to
  those; corrupt or truncated files and decompression bombs are refused with a message
  that names the file and the reason, before anything touches the database.
* Annotations and redactions are non-destructive layers (``Photo.layers``) in upright
  original pixel coordinates. Whatever leaves the laptop goes through
  :func:`export_image`, which never returns unredacted pixels of a redacted photo.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from PIL import Image
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from inspector import strictjson
from inspector.db.models import Blob, Inspection, Photo, utcnow

# Re-exported (``as`` names): the editor and the CLI know these as photos.*.
from inspector.domain.layers import ANNOTATION_KINDS as ANNOTATION_KINDS
from inspector.domain.layers import DEFAULT_COLOR as DEFAULT_COLOR
from inspector.domain.layers import REDACTION_STYLES as REDACTION_STYLES
from inspector.domain.layers import (
    LayerError,
    validate_for_photo,
)
from inspector.domain.layers import default_line_width as default_line_width
from inspector.domain.layers import default_text_size as default_text_size
from inspector.errors import NotFoundError, ReadOnlyError, ValidationError
from inspector.files import FileAccessError, read_bounded
from inspector.services import audit
from inspector.services import inspections as insp_svc

# The pure parts (decoding, EXIF, derivatives, layer drawing) live in photo_decode and
# photo_render; these names stay importable as photos.* for the CLI, GUI, importer and tests.
from inspector.services.photo_decode import DISPLAY_QUALITY as DISPLAY_QUALITY
from inspector.services.photo_decode import DISPLAY_SIDE as DISPLAY_SIDE
from inspector.services.photo_decode import FORMATS as FORMATS
from inspector.services.photo_decode import MAX_FILE_BYTES as MAX_FILE_BYTES
from inspector.services.photo_decode import MAX_PIXELS as MAX_PIXELS
from inspector.services.photo_decode import RENDER_QUALITY as RENDER_QUALITY
from inspector.services.photo_decode import THUMB_QUALITY as THUMB_QUALITY
from inspector.services.photo_decode import THUMB_SIDE as THUMB_SIDE
from inspector.services.photo_decode import DecodedImage as DecodedImage
from inspector.services.photo_decode import PhotoError as PhotoError
from inspector.services.photo_decode import Prepared as Prepared
from inspector.services.photo_decode import decode as decode
from inspector.services.photo_decode import derivatives_of_rendering, to_jpeg
from inspector.services.photo_decode import prepare as prepare
from inspector.services.photo_decode import register_image_formats as register_image_formats
from inspector.services.photo_render import apply_layers as apply_layers
from inspector.services.photo_render import preview as preview
from inspector.services.photo_render import reduced, render_on_display, shown_variant
from inspector.text import Lang, Surface
from inspector.text import photos as T

log = logging.getLogger(__name__)

MIN_PREFIX = 6

Variant = Literal["original", "display", "thumb", "rendered"]
VARIANTS: tuple[str, ...] = ("original", "display", "thumb", "rendered")


# ---------------------------------------------------------------- blobs
def store_blob(session: Session, data: bytes) -> str:
    """Store ``data`` once (content-addressed); returns its SHA-256."""
    return _store_blob(session, data, hashlib.sha256(data).hexdigest())


def _store_blob(session: Session, data: bytes, sha: str) -> str:
    exists = session.scalar(select(Blob.sha256).where(Blob.sha256 == sha))
    if exists is None:
        session.add(Blob(sha256=sha, size=len(data), data=data))
        session.flush()
    return sha


def blob_bytes(session: Session, sha256: str) -> bytes:
    data = session.scalar(select(Blob.data).where(Blob.sha256 == sha256))
    if data is None:
        raise PhotoError(T.BLOB_MISSING, sha=sha256[:12])
    return bytes(data)


def _drop_unused_blobs(session: Session, shas: Sequence[str | None]) -> None:
    """Delete blobs no photo refers to any more (renderings replaced, photos deleted)."""
    for sha in {s for s in shas if s}:
        used = session.scalar(
            select(func.count())
            .select_from(Photo)
            .where(
                or_(
                    Photo.original_sha256 == sha,
                    Photo.display_sha256 == sha,
                    Photo.thumb_sha256 == sha,
                    Photo.rendered_sha256 == sha,
                )
            )
        )
        if used:
            continue
        blob = session.get(Blob, sha)
        if blob is None:
            continue
        try:
            with session.begin_nested():
                session.delete(blob)
        except IntegrityError:
            # Something outside photos refers to it (a foreign key): keep it.
            log.info("blob %s kept: still referenced", sha[:12])


# ---------------------------------------------------------------- adding photos
@dataclass
class AddResult:
    """What :func:`add_files` did with each file."""

    added: list[Photo] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, existing id)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    #: The refused files' errors, in the order of ``refused``: ``refused`` holds their
    #: English reasons for the CLI; the app says them in its own language and terms.
    refusals: list[tuple[str, PhotoError]] = field(default_factory=list)


def _require_draft(insp: Inspection) -> None:
    if insp.status != insp_svc.DRAFT:
        raise ReadOnlyError(T.FINALIZED, inspection=insp.uuid)


def _require_item(insp: Inspection, item_id: str) -> None:
    checklist = insp_svc.checklist_of(insp)
    try:
        checklist.item(item_id)
    except KeyError:
        raise NotFoundError(T.NO_ITEM, checklist=checklist.id, item=repr(item_id)) from None


def _existing(
    session: Session, insp: Inspection, sha256: str, item_id: str | None = None
) -> Photo | None:
    """The photo with this hash in the inspection (under ``item_id`` when given)."""
    q = select(Photo).where(Photo.inspection_id == insp.id, Photo.sha256 == sha256)
    if item_id is not None:
        q = q.where(Photo.item_id == item_id)
    return session.scalars(q.order_by(Photo.item_id, Photo.id).limit(1)).first()


def _next_position(session: Session, insp: Inspection, item_id: str) -> int:
    top = session.scalar(
        select(func.max(Photo.position)).where(
            Photo.inspection_id == insp.id, Photo.item_id == item_id
        )
    )
    return 0 if top is None else top + 1


def _store_prepared(
    session: Session, insp: Inspection, item_id: str, prep: Prepared, *, actor: str
) -> Photo:
    photo = Photo(
        item_id=item_id,
        position=_next_position(session, insp, item_id),
        sha256=prep.sha256,
        size=prep.size,
        format=prep.format,
        file_name=prep.file_name[:400],
        width=prep.width,
        height=prep.height,
        taken_at=prep.taken_at,
        camera=prep.camera,
        gps_lat=prep.gps_lat,
        gps_lon=prep.gps_lon,
        gps_alt=prep.gps_alt,
        imported_at=utcnow(),
        layers={},
        original_sha256=_store_blob(session, prep.data, prep.sha256),
        display_sha256=store_blob(session, prep.display),
        thumb_sha256=store_blob(session, prep.thumb),
    )
    insp.photos.append(photo)
    session.flush()
    audit.record(
        session,
        actor=actor,
        entity="photo",
        action="create",
        key=photo.id,
        new={
            "item": item_id,
            "sha256": prep.sha256,
            "file_name": prep.file_name,
            "size": prep.size,
            "format": prep.format,
        },
        inspection=insp,
    )
    insp.updated_at = utcnow()
    return photo


def _read_and_prepare(path: Path) -> Prepared:
    name = str(path)
    try:
        data = read_bounded(path, MAX_FILE_BYTES, "photo")
    except FileAccessError as e:
        raise PhotoError(T.UNREADABLE_FILE, file=name, reason=e.reason) from None
    return prepare(data, name)


def _add_prepared(
    session: Session,
    insp: Inspection,
    item_id: str,
    prep: Prepared,
    result: AddResult,
    *,
    actor: str,
) -> None:
    name = prep.file_name
    dup = _existing(session, insp, prep.sha256)
    if dup is not None:
        result.duplicates.append((name, dup.id))
        return
    try:
        with session.begin_nested():
            result.added.append(_store_prepared(session, insp, item_id, prep, actor=actor))
    except IntegrityError:
        # Another process added the same photo between our check and our insert.
        again = _existing(session, insp, prep.sha256)
        if again is None:
            raise
        result.duplicates.append((name, again.id))


def add_files(
    session: Session,
    insp: Inspection,
    item_id: str,
    files: Sequence[Path],
    *,
    actor: str,
    progress: Callable[[int, int], None] | None = None,
    commit_each: bool = False,
) -> AddResult:
    """Add photo files as evidence of ``item_id``; bad files are refused one by one.

    Each file is decoded before the session is touched and stored in its own SAVEPOINT,
    so a refused file leaves nothing behind and never undoes the others. A file already
    in the inspection (same SHA-256) is reported as a duplicate, not stored twice.
    ``progress(done, total)`` is called after each file.

    With ``commit_each`` every stored photo is committed at once (the GUI and CLI ask for
    it): a crash at photo 29 of 30 keeps the 28 before it, and the database's write lock
    is held for one photo at a time, so the inspector's answers never wait for a batch.
    """
    _require_draft(insp)
    _require_item(insp, item_id)
    result = AddResult()
    total = len(files)
    pending: deque[tuple[int, str, Future[Prepared]]] = deque()
    queue = iter(enumerate(files, 1))
    # One file is decoded in a helper thread while the previous one is written: Pillow
    # and sqlite3 release the GIL, so on two cores the decode and the write overlap.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="photo-decode")

    def submit_next() -> None:
        nxt = next(queue, None)
        if nxt is not None:
            i, path = nxt
            pending.append((i, str(path), pool.submit(_read_and_prepare, Path(path))))

    try:
        submit_next()
        while pending:
            i, name, future = pending.popleft()
            submit_next()
            try:
                _add_prepared(session, insp, item_id, future.result(), result, actor=actor)
                if commit_each:
                    session.commit()
            except PhotoError as e:
                result.refused.append((name, e.reason(Lang.EN, Surface.CLI)))
                result.refusals.append((name, e))
                log.info("photo refused: %s", e)
            if progress is not None:
                progress(i, total)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    log.info(
        "photos for %s/%s: %d added, %d duplicate, %d refused",
        insp.uuid,
        item_id,
        len(result.added),
        len(result.duplicates),
        len(result.refused),
    )
    return result


def add_bytes(
    session: Session, insp: Inspection, item_id: str, data: bytes, *, file_name: str, actor: str
) -> Photo:
    """Add one photo given as bytes (paste, drag and drop); raises :class:`PhotoError`."""
    _require_draft(insp)
    _require_item(insp, item_id)
    prep = prepare(data, file_name)
    dup = _existing(session, insp, prep.sha256)
    if dup is not None:
        if dup.item_id == item_id:
            raise PhotoError(
                T.DUPLICATE_HERE,
                file=file_name,
                photo=dup.id[:8],
                item=insp_svc.item_name(insp, item_id),
            )
        raise PhotoError(
            T.DUPLICATE,
            file=file_name,
            photo=dup.id[:8],
            item=insp_svc.item_name(insp, dup.item_id),
            target=item_id,
        )
    with session.begin_nested():
        return _store_prepared(session, insp, item_id, prep, actor=actor)


def add_prepared(
    session: Session, insp: Inspection, item_id: str, prep: Prepared, *, actor: str
) -> AddResult:
    """Store one photo already decoded by :func:`prepare` (outside any transaction).

    For callers that decode while holding no write lock (the phone server decodes a
    12 MP HEIC in a request thread, then writes in a short unit of work). The result holds
    the new photo in ``added`` or the existing one's id in ``duplicates``.
    """
    _require_draft(insp)
    _require_item(insp, item_id)
    result = AddResult()
    _add_prepared(session, insp, item_id, prep, result, actor=actor)
    return result


def add_withheld(
    session: Session,
    insp: Inspection,
    item_id: str,
    *,
    original_sha256: str,
    rendered: bytes,
    meta: dict[str, Any],
) -> Photo:
    """Store an imported redacted photo: its rendering only, the original withheld.

    ``sha256`` stays the original's hash (so duplicates are still recognised) while
    ``original_sha256`` is NULL. ``meta`` may carry the keys of :func:`photo_dict`
    (``file_name``, ``size``, ``format``, ``taken_at``, ``camera``, ``gps``, ``caption``,
    ``position``, ``imported_at``, ``id``) and ``layers``.
    """
    name = str(meta.get("file_name") or f"photo {original_sha256[:12]}")
    if not re.fullmatch(r"[0-9a-f]{64}", original_sha256):
        raise PhotoError(T.NOT_A_SHA256, file=name, value=repr(original_sha256))
    dup = _existing(session, insp, original_sha256, item_id)
    if dup is not None:
        raise PhotoError(
            T.WITHHELD_DUPLICATE, file=name, inspection=insp.uuid, item=item_id, photo=dup.id
        )
    full = decode(rendered, name, fit=None)
    if full.format != "JPEG":
        raise PhotoError(T.WITHHELD_NOT_JPEG, file=name, format=full.format)
    width, height = full.size
    display, thumb = derivatives_of_rendering(full.image)
    gps = meta.get("gps") or {}
    try:
        layers = validate_for_photo(meta.get("layers"), width, height)
    except LayerError as e:
        raise PhotoError(T.BAD_LAYERS, file=name, cause=e) from None
    with session.begin_nested():
        photo = Photo(
            item_id=item_id,
            position=int(meta.get("position", _next_position(session, insp, item_id))),
            sha256=original_sha256,
            size=int(meta.get("size") or 0),
            format=str(meta.get("format") or "JPEG")[:16],
            file_name=name[:400] if meta.get("file_name") else "",
            width=width,
            height=height,
            taken_at=_as_datetime(meta.get("taken_at")),
            camera=meta.get("camera"),
            gps_lat=gps.get("lat", meta.get("gps_lat")),
            gps_lon=gps.get("lon", meta.get("gps_lon")),
            gps_alt=gps.get("alt", meta.get("gps_alt")),
            imported_at=_as_datetime(meta.get("imported_at")) or utcnow(),
            caption=str(meta.get("caption") or ""),
            layers=layers,
            original_sha256=None,
            display_sha256=store_blob(session, display),
            thumb_sha256=store_blob(session, thumb),
            rendered_sha256=store_blob(session, rendered),
        )
        if meta.get("id"):
            photo.id = str(meta["id"])
        insp.photos.append(photo)
        session.flush()
    return photo


def _as_datetime(v: Any) -> datetime | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v if v.tzinfo else v.replace(tzinfo=UTC)
    try:
        d = datetime.fromisoformat(str(v))
    except ValueError:
        raise ValidationError(T.NOT_A_DATETIME, value=repr(v)) from None
    return d if d.tzinfo else d.replace(tzinfo=UTC)


# ---------------------------------------------------------------- look-up and views
def get(session: Session, ref: str) -> Photo:
    """The photo whose id is ``ref`` or starts with it (at least 6 characters)."""
    ref = ref.strip().lower()
    if len(ref) < MIN_PREFIX:
        raise NotFoundError(T.ID_TOO_SHORT, ref=repr(ref), min=MIN_PREFIX)
    rows = list(session.scalars(select(Photo).where(Photo.id.startswith(ref)).limit(2)))
    if not rows:
        raise NotFoundError(T.NO_PHOTO, ref=repr(ref))
    if len(rows) > 1:
        raise NotFoundError(T.AMBIGUOUS_ID, ref=repr(ref))
    return rows[0]


def get_in(session: Session, insp: Inspection, ref: str) -> Photo:
    """The photo ``ref`` (its id, or a prefix of 6 characters or more) *of this inspection
    revision*. Every change to a photo goes through here, so an id of another inspection's
    photo (or of another revision of this one) is refused, never changed in passing."""
    ref = ref.strip().lower()
    if len(ref) < MIN_PREFIX:
        raise NotFoundError(T.ID_TOO_SHORT, ref=repr(ref), min=MIN_PREFIX)
    rows = list(
        session.scalars(
            select(Photo).where(Photo.inspection_id == insp.id, Photo.id.startswith(ref)).limit(2)
        )
    )
    if len(rows) > 1:
        raise NotFoundError(T.AMBIGUOUS_ID, ref=repr(ref))
    if rows:
        return rows[0]
    elsewhere = session.scalar(select(Photo.id).where(Photo.id.startswith(ref)).limit(1))
    if elsewhere is not None:
        raise NotFoundError(T.NOT_IN_INSPECTION, ref=repr(ref), inspection=insp.uuid)
    raise NotFoundError(T.NO_PHOTO, ref=repr(ref))


def photos_of(insp: Inspection, item_id: str | None = None) -> list[Photo]:
    """The inspection's photos (of one item when given), in item and position order."""
    rows = [p for p in insp.photos if item_id is None or p.item_id == item_id]
    return sorted(rows, key=lambda p: (p.item_id, p.position, p.imported_at))


def is_redacted(photo: Photo) -> bool:
    return bool((photo.layers or {}).get("redactions")) or photo.original_sha256 is None


def photo_dict(photo: Photo) -> dict[str, Any]:
    """The JSON form of a photo (``photo list --json``); keys are only ever added."""
    gps = None
    if photo.gps_lat is not None and photo.gps_lon is not None:
        gps = {
            "lat": photo.gps_lat,
            "lon": photo.gps_lon,
            "alt": photo.gps_alt,
            "device_reported": True,
        }
    layers = photo.layers or {}
    return {
        "id": photo.id,
        "item": photo.item_id,
        "sha256": photo.sha256,
        "size": photo.size,
        "format": photo.format,
        "width": photo.width,
        "height": photo.height,
        "taken_at": photo.taken_at.isoformat() if photo.taken_at else None,
        "camera": photo.camera,
        "gps": gps,
        "imported_at": photo.imported_at.isoformat() if photo.imported_at else None,
        "redacted": is_redacted(photo),
        "annotated": bool(layers.get("annotations")),
        "original_withheld": photo.original_sha256 is None,
        "file_name": photo.file_name,
        "position": photo.position,
        "caption": photo.caption,
        "print_size": photo.print_size or "normal",
    }


# ---------------------------------------------------------------- layers
def validate_layers(photo: Photo, layers: Any) -> dict[str, Any]:
    """Checked, normalised layers (integers, upper-case colours) or ValidationError.

    The model is :class:`inspector.domain.layers.Layers`, shared with package import and
    the database column.
    """
    try:
        return validate_for_photo(layers, photo.width, photo.height)
    except LayerError as e:
        raise ValidationError(T.BAD_LAYERS, cause=e) from None


def set_layers(session: Session, photo: Photo, layers: dict[str, Any], *, actor: str) -> None:
    """Replace the photo's annotations and redactions (validated; audited)."""
    insp = photo.inspection
    _require_draft(insp)
    if photo.original_sha256 is None:
        raise PhotoError(T.WITHHELD_LAYERS_FIXED, photo=photo.id)
    clean = validate_layers(photo, layers)
    # The same photo attached to other items is the same picture: a redaction made under
    # one item must hide the same pixels everywhere it is shown or exported.
    rows = [photo, *siblings(session, photo)]
    if all(dict(r.layers or {}) == clean for r in rows):
        return
    stale: list[str | None] = []
    for row in rows:
        before = dict(row.layers or {})
        if before == clean:
            continue
        stale.append(row.rendered_sha256)
        row.layers = clean
        row.rendered_sha256 = None
        audit.record(
            session,
            actor=actor,
            entity="photo",
            action="layers",
            key=row.id,
            old=before if row is photo else {**before, "via": photo.id},
            new=clean,
            inspection=insp,
        )
    insp.updated_at = utcnow()
    session.flush()
    _drop_unused_blobs(session, stale)


def siblings(session: Session, photo: Photo) -> list[Photo]:
    """The rows of the same photo attached to other items of its inspection."""
    return list(
        session.scalars(
            select(Photo)
            .where(
                Photo.inspection_id == photo.inspection_id,
                Photo.sha256 == photo.sha256,
                Photo.id != photo.id,
            )
            .order_by(Photo.item_id, Photo.id)
        )
    )


def attach_to_item(session: Session, photo: Photo, item_id: str, *, actor: str) -> Photo:
    """Use a photo already taken as evidence of a second item, without a second copy.

    The new row refers to the same content-addressed blobs (original, display, thumbnail
    and cached rendering), so no image bytes are stored again, and carries the same
    layers: a redacted photo is redacted under every item (:func:`set_layers` keeps them
    in step). Only drafts change; the attachment is audited. Returns the new row.
    """
    insp = photo.inspection
    _require_draft(insp)
    _require_item(insp, item_id)
    if item_id == photo.item_id:
        raise PhotoError(
            T.ALREADY_EVIDENCE, photo=photo.id[:8], item=insp_svc.item_name(insp, item_id)
        )
    there = session.scalar(
        select(Photo).where(
            Photo.inspection_id == insp.id,
            Photo.item_id == item_id,
            Photo.sha256 == photo.sha256,
        )
    )
    if there is not None:
        raise PhotoError(
            T.ALREADY_ATTACHED,
            photo=photo.id[:8],
            item=insp_svc.item_name(insp, item_id),
            other=there.id[:8],
        )
    new = Photo(
        item_id=item_id,
        position=_next_position(session, insp, item_id),
        sha256=photo.sha256,
        size=photo.size,
        format=photo.format,
        file_name=photo.file_name,
        width=photo.width,
        height=photo.height,
        taken_at=photo.taken_at,
        camera=photo.camera,
        gps_lat=photo.gps_lat,
        gps_lon=photo.gps_lon,
        gps_alt=photo.gps_alt,
        imported_at=photo.imported_at,
        caption=photo.caption,
        print_size=photo.print_size,
        layers=dict(photo.layers or {}),
        original_sha256=photo.original_sha256,
        display_sha256=photo.display_sha256,
        thumb_sha256=photo.thumb_sha256,
        rendered_sha256=photo.rendered_sha256,
    )
    with session.begin_nested():
        insp.photos.append(new)
        session.flush()
    audit.record(
        session,
        actor=actor,
        entity="photo",
        action="attach",
        key=new.id,
        new={
            "item": item_id,
            "sha256": photo.sha256,
            "from_photo": photo.id,
            "from_item": photo.item_id,
        },
        inspection=insp,
    )
    insp.updated_at = utcnow()
    session.flush()
    log.info("photo %s of %s attached to item %s as %s", photo.id, photo.item_id, item_id, new.id)
    return new


def redact(
    session: Session,
    photo: Photo,
    boxes: list[tuple[int, int, int, int]],
    *,
    style: str = "fill",
    actor: str,
) -> None:
    """Add redaction boxes ``(x, y, w, h)`` in upright pixels."""
    if not boxes:
        raise ValidationError(T.NO_BOXES)
    layers = dict(photo.layers or {})
    layers["redactions"] = [
        *layers.get("redactions", []),
        *({"x": x, "y": y, "w": w, "h": h, "style": style} for x, y, w, h in boxes),
    ]
    set_layers(session, photo, layers, actor=actor)


def delete(session: Session, photo: Photo, *, actor: str) -> None:
    """Remove a photo from its draft inspection (audited); unused blobs go too."""
    insp = photo.inspection
    _require_draft(insp)
    audit.record(
        session,
        actor=actor,
        entity="photo",
        action="delete",
        key=photo.id,
        old={
            "item": photo.item_id,
            "sha256": photo.sha256,
            "file_name": photo.file_name,
            "layers": photo.layers or {},
        },
        inspection=insp,
    )
    shas = [photo.original_sha256, photo.display_sha256, photo.thumb_sha256, photo.rendered_sha256]
    insp.photos.remove(photo)
    session.delete(photo)
    insp.updated_at = utcnow()
    session.flush()
    _drop_unused_blobs(session, shas)


def _upright_full(session: Session, photo: Photo) -> Image.Image:
    assert photo.original_sha256 is not None
    data = blob_bytes(session, photo.original_sha256)
    name = photo.file_name or photo.id
    return decode(data, name, fit=None).image


def render(session: Session, photo: Photo, *, max_side: int | None = None) -> bytes:
    """A JPEG of the upright photo with redactions and annotations applied.

    Full size (``max_side`` None) is cached in ``rendered_sha256``. A smaller rendering
    for reports is drawn on the display image when that is large enough (much faster).
    A withheld original renders from the stored rendering, which already has its layers.
    """
    if max_side is not None and max_side < 1:
        raise ValidationError(T.BAD_MAX_SIDE)
    layers = photo.layers or {}
    if photo.original_sha256 is None:
        data = blob_bytes(session, photo.rendered_sha256 or photo.display_sha256)
        if max_side is None:
            return data
        return reduced(data, max_side=max_side, file_name=photo.file_name or photo.id)
    if max_side is None or max_side > DISPLAY_SIDE:
        if photo.rendered_sha256 is None:
            _share_rendering(session, photo)
        if photo.rendered_sha256 is not None:
            full_bytes = blob_bytes(session, photo.rendered_sha256)
        else:
            full = apply_layers(_upright_full(session, photo), layers, 1.0)
            full_bytes = to_jpeg(full, RENDER_QUALITY)
            photo.rendered_sha256 = store_blob(session, full_bytes)
            # Blur redactions add noise, so a second rendering would differ byte for byte:
            # the rows of an attached photo share this one (one blob, one export member).
            for other in siblings(session, photo):
                if other.rendered_sha256 is None and other.layers == photo.layers:
                    other.rendered_sha256 = photo.rendered_sha256
            session.flush()
        if max_side is None or max_side >= max(photo.width, photo.height):
            return full_bytes
        return reduced(full_bytes, max_side=max_side, file_name=photo.file_name or photo.id)
    return render_on_display(
        blob_bytes(session, photo.display_sha256),
        layers,
        photo.width,
        max_side=max_side,
        file_name=photo.file_name or photo.id,
    )


def _share_rendering(session: Session, photo: Photo) -> None:
    """Reuse the cached rendering of the same photo under another item (same layers)."""
    for other in siblings(session, photo):
        if other.rendered_sha256 is not None and other.layers == photo.layers:
            photo.rendered_sha256 = other.rendered_sha256
            return


def variant_bytes(session: Session, photo: Photo, variant: Variant) -> bytes:
    """The bytes of one variant; ``rendered`` is made (and cached) on demand.

    ``display`` and ``thumb`` show the photo as it is exported and printed: a photo with
    layers gets its redactions (and annotations) drawn on, so no list, strip or preview
    ever shows what a redaction hides. The bare upright image for the editor is
    :func:`editor_base`.
    """
    if variant == "original":
        if photo.original_sha256 is None:
            raise PhotoError(T.ORIGINAL_WITHHELD, photo=photo.id)
        return blob_bytes(session, photo.original_sha256)
    if variant in ("display", "thumb"):
        if _has_layers(photo):
            return _shown(session, photo, variant)
        return blob_bytes(
            session, photo.display_sha256 if variant == "display" else photo.thumb_sha256
        )
    if variant == "rendered":
        return render(session, photo)
    raise ValidationError(T.BAD_VARIANT, choices=", ".join(VARIANTS), variant=repr(variant))


def editor_base(session: Session, photo: Photo) -> bytes:
    """The upright display image without layers: only the annotation editor draws on it."""
    return blob_bytes(session, photo.display_sha256)


def _has_layers(photo: Photo) -> bool:
    # A withheld original's display and thumbnail were derived from its rendering, which
    # already carries its layers: drawing them again would double the annotations.
    layers = photo.layers or {}
    return photo.original_sha256 is not None and bool(
        layers.get("redactions") or layers.get("annotations")
    )


#: Rendered thumbnails by (display image, layers): the evidence strip asks for them on
#: every item change, and drawing them is ~20-50 ms each. Keyed by content, so a changed
#: layer set or photo can never be served a stale image.
_SHOWN_CACHE: dict[tuple[str, str, str], bytes] = {}
_SHOWN_CACHE_MAX = 512
# The phone-capture server's threads read thumbnails too: evicting while another thread
# inserts would raise "dictionary changed size during iteration".
_SHOWN_LOCK = threading.Lock()


def _shown(session: Session, photo: Photo, variant: Variant) -> bytes:
    layers = photo.layers or {}
    key = (photo.display_sha256, strictjson.dumps(layers, sort_keys=True), variant)
    with _SHOWN_LOCK:
        cached = _SHOWN_CACHE.get(key)
    if cached is not None:
        return cached
    data = shown_variant(
        blob_bytes(session, photo.display_sha256),
        layers,
        photo.width,
        thumb=variant == "thumb",
        file_name=photo.file_name or photo.id,
    )
    with _SHOWN_LOCK:
        if len(_SHOWN_CACHE) >= _SHOWN_CACHE_MAX:
            _SHOWN_CACHE.pop(next(iter(_SHOWN_CACHE)))
        _SHOWN_CACHE[key] = data
    return data


def export_image(session: Session, photo: Photo) -> tuple[bytes, str]:
    """What may leave the laptop: the original, or the redacted rendering.

    Returns ``(bytes, "original")`` for a photo without redactions, else the full-size
    rendering with redactions and annotations, ``(bytes, "rendered")``. An unredacted
    original of a redacted photo is never returned.
    """
    if photo.original_sha256 is None:
        return render(session, photo), "rendered"
    if (photo.layers or {}).get("redactions"):
        return render(session, photo), "rendered"
    return blob_bytes(session, photo.original_sha256), "original"
