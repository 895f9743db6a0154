"""Changes to evidence photos by database handle and ids, each its own unit of work.

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
        )


def add_bytes(
    db: Database, uuid: str, item_id: str, data: bytes, *, file_name: str, actor: str
) -> str:
    """Add one photo given as bytes (pasted); its id. Raises :class:`~PhotoError`."""
    with db.session() as s:
        return svc.add_bytes(
            s, lookup.get(s, uuid), item_id, data, file_name=file_name, actor=actor
        ).id


def delete(db: Database, photo_ids: Sequence[str], *, actor: str) -> None:
    """Delete these photos together (all or none); audited."""
    with db.session() as s:
        for pid in photo_ids:
            svc.delete(s, svc.get(s, pid), actor=actor)


def attach_to_item(db: Database, photo_id: str, item_id: str, *, actor: str) -> str:
    """The photo also becomes evidence of ``item_id`` (no second copy); the new photo id."""
    with db.session() as s:
        return svc.attach_to_item(s, svc.get(s, photo_id), item_id, actor=actor).id


def set_layers(db: Database, photo_id: str, layers: dict[str, Any], *, actor: str) -> None:
    """Store the photo's annotations and redactions; audited."""
    with db.session() as s:
        svc.set_layers(s, svc.get(s, photo_id), layers, actor=actor)
