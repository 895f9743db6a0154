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
from typing import Any

from inspector.db import Database
from inspector.services import inspections as insp_svc
from inspector.services import photos as svc

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """Plain data back from an ingest (ORM objects must not cross threads)."""

    added: list[str]  # photo ids
    duplicates: list[tuple[str, str]]  # (file, id of the photo already there)
    # (file, why): the CLI prints the English; the app words the reason itself.
    refused: list[tuple[str, svc.PhotoError]]


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
            insp_svc.get(s, uuid),
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
        )


def add_bytes(
    db: Database, uuid: str, item_id: str, data: bytes, *, file_name: str, actor: str
) -> str:
    """Add one photo given as bytes (pasted); its id. Raises :class:`~svc.PhotoError`."""
    with db.session() as s:
        return svc.add_bytes(
            s, insp_svc.get(s, uuid), item_id, data, file_name=file_name, actor=actor
        ).id


def delete(db: Database, uuid: str, photo_ids: Sequence[str], *, actor: str) -> None:
    """Delete these photos of inspection ``uuid`` together (all or none); audited."""
    with db.session() as s:
        insp = insp_svc.get(s, uuid)
        for pid in photo_ids:
            svc.delete(s, svc.get_in(s, insp, pid), actor=actor)


def attach_to_item(db: Database, uuid: str, photo_id: str, item_id: str, *, actor: str) -> str:
    """The photo of inspection ``uuid`` also becomes evidence of ``item_id`` (no second
    copy); the new photo id."""
    with db.session() as s:
        photo = svc.get_in(s, insp_svc.get(s, uuid), photo_id)
        return svc.attach_to_item(s, photo, item_id, actor=actor).id


def set_layers(
    db: Database, uuid: str, photo_id: str, layers: dict[str, Any], *, actor: str
) -> None:
    """Store the annotations and redactions of a photo of inspection ``uuid``; audited."""
    with db.session() as s:
        svc.set_layers(s, svc.get_in(s, insp_svc.get(s, uuid), photo_id), layers, actor=actor)
