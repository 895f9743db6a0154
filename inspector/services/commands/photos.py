"""Changes to evidence photos by database handle and ids, each its own unit of work.

Every change names the inspection as well as the photo: the photo must be one of that
inspection's current revision (:func:`inspector.services.photos.get_in`), so a stale or
mistaken id can never change another inspection's evidence.

Adding many files commits each photo as it is stored (a crash at photo 29 of 30 keeps the
28 before it); the other changes commit once at the end.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy.orm import Session

from inspector.db import Database
from inspector.db.models import Photo
from inspector.services import photo_variants, reports
from inspector.services import photos as svc
from inspector.services.inspections import lookup
from inspector.services.photo_decode import PhotoError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """Plain data back from an ingest (ORM objects must not cross threads)."""

    added: list[str]  # photo ids
    duplicates: list[tuple[str, str]]  # (file, id of the photo already there)
    # (file, why): the CLI prints the English; the app words the reason itself.
    refused: list[tuple[str, PhotoError]]
    # Ids among ``duplicates`` that are evidence of another item (attach them, not add).
    elsewhere: frozenset[str] = frozenset()
    # (file, English reason without the file's name): what ``inspector photo add`` prints.
    reasons: tuple[tuple[str, str], ...] = ()


def add_files(
    db: Database,
    uuid: str,
    item_id: str,
    files: Sequence[Path],
    *,
    actor: str,
    progress: Callable[[int, int], None] | None = None,
) -> IngestOutcome:
    """Add photo files as evidence of ``item_id``; each stored photo is committed at once."""
    with db.session() as s:
        res = svc.add_files(
            s,
            lookup.get(s, uuid),
            item_id,
            files,
            actor=actor,
            progress=progress,
            commit_each=True,
        )
        return IngestOutcome(
            added=[p.id for p in res.added],
            duplicates=list(res.duplicates),
            refused=list(res.refusals),
            reasons=tuple(res.refused),
            elsewhere=frozenset(
                pid for _f, pid in res.duplicates if svc.get(s, pid).item_id != item_id
            ),
        )


def add_bytes(
    db: Database, uuid: str, item_id: str, data: bytes, *, file_name: str, actor: str
) -> str:
    """Add one photo given as bytes (pasted); its id. Raises :class:`~PhotoError`."""
    with db.session() as s:
        return svc.add_bytes(
            s, lookup.get(s, uuid), item_id, data, file_name=file_name, actor=actor
        ).id


def writable(s: Session, uuid: str | None, photo_id: str) -> Photo:
    """The photo a change applies to: one of the current revision of inspection ``uuid``
    (when not given, of the photo's own inspection), never one of an older revision or of
    another inspection found by a short id."""
    if uuid is not None:
        return svc.get_in(s, lookup.get(s, uuid), photo_id)
    photo = svc.get(s, photo_id)
    return svc.get_in(s, lookup.get(s, photo.inspection.uuid), photo.id)


def delete(db: Database, uuid: str | None, photo_ids: Sequence[str], *, actor: str) -> list[str]:
    """Delete these photos of inspection ``uuid`` (ids or id prefixes) together (all or
    none); audited. Their ids."""
    deleted = []
    with db.session() as s:
        for pid in photo_ids:
            photo = writable(s, uuid, pid)
            deleted.append(photo.id)
            svc.delete(s, photo, actor=actor)
    return deleted


def attach_to_item(
    db: Database, uuid: str | None, photo_id: str, item_id: str, *, actor: str
) -> str:
    """The photo of inspection ``uuid`` also becomes evidence of ``item_id`` (no second
    copy); the new photo id."""
    with db.session() as s:
        photo = writable(s, uuid, photo_id)
        return svc.attach_to_item(s, photo, item_id, actor=actor).id


def set_layers(
    db: Database, uuid: str, photo_id: str, layers: dict[str, Any], *, actor: str
) -> None:
    """Store the annotations and redactions of a photo of inspection ``uuid``; audited."""
    with db.session() as s:
        svc.set_layers(s, writable(s, uuid, photo_id), layers, actor=actor)


@dataclass(frozen=True, slots=True)
class Layered:
    """A photo's layers after a change: its id and how many of the kind changed."""

    photo_id: str
    count: int


def add_layers(
    db: Database,
    uuid: str | None,
    photo_id: str,
    kind: Literal["redactions", "annotations"],
    shapes: Sequence[dict[str, Any]],
    *,
    clear: bool = False,
    actor: str,
) -> Layered:
    """Add redactions or annotations to a photo of inspection ``uuid`` (after removing that
    kind's old ones when ``clear``), checked and audited as one change."""
    with db.session() as s:
        photo = writable(s, uuid, photo_id)
        layers: dict[str, Any] = dict(photo.layers or {})
        kept = [] if clear else list(layers.get(kind, []))
        layers[kind] = kept + list(shapes)
        svc.set_layers(s, photo, layers, actor=actor)
        return Layered(photo.id, len(layers[kind]))


def set_print_size(db: Database, uuid: str | None, photo_id: str, size: str, *, actor: str) -> str:
    """How the report prints a photo of inspection ``uuid`` ("normal" or "large"); its id."""
    with db.session() as s:
        photo = writable(s, uuid, photo_id)
        reports.set_photo_print_size(s, photo, size, actor=actor)
        return photo.id


def variant_bytes(db: Database, photo_id: str, variant: svc.Variant) -> bytes:
    """One variant of a photo (a rendering made now is stored for next time)."""
    with db.session() as s:
        return photo_variants.variant_bytes(s, svc.get(s, photo_id), variant)
