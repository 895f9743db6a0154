"""The photo screens' read models: an item's evidence strip and the photo editor."""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from typing import Any

from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.services import inspections as insp_svc
from inspector.services import photos as svc

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PhotoRow:
    id: str
    file_name: str
    thumb: bytes
    redacted: bool
    annotated: bool
    width: int
    height: int
    taken_at: str | None


@dataclass(frozen=True, slots=True)
class ItemPhotos:
    """The photos of one item of an inspection, with their thumbnails."""

    inspector: str  # the inspection's inspector (who the audit log names by default)
    rows: list[PhotoRow]


def item_photos(db: Database, uuid: str, item_id: str) -> ItemPhotos:
    with db.read_session() as s:
        insp = insp_svc.get(s, uuid)
        rows = []
        for p in svc.photos_of(insp, item_id):
            d = svc.photo_dict(p)
            rows.append(
                PhotoRow(
                    id=p.id,
                    file_name=p.file_name,
                    thumb=svc.variant_bytes(s, p, "thumb"),
                    redacted=d["redacted"],
                    annotated=d["annotated"],
                    width=p.width,
                    height=p.height,
                    taken_at=d["taken_at"],
                )
            )
        return ItemPhotos(insp.inspector or "", rows)


def attach_choices(db: Database, uuid: str, photo_id: str, lang: str) -> list[tuple[str, str]]:
    """(item id, item text in ``lang``) of the items of the inspection's mode the photo is
    not yet evidence of, in checklist order."""
    with db.read_session() as s:
        insp = insp_svc.get(s, uuid)
        photo = svc.get_in(s, insp, photo_id)
        taken = {photo.item_id, *(p.item_id for p in svc.siblings(s, photo))}
        mode = Mode(insp.mode)
        return [
            (item.id, item.text.get(lang))
            for item in insp_svc.checklist_of(insp).items()
            if item.applies_to(mode) and item.id not in taken
        ]


@dataclass(frozen=True, slots=True)
class EditorPhoto:
    """What the photo editor opens with."""

    id: str
    width: int
    height: int
    display: bytes  # the image to draw on (the original's display size, oriented)
    title: str
    withheld: bool  # the original was withheld from a package: nothing to edit
    finalized: bool  # the inspection is signed off: view only
    inspection: str  # the UUID of the inspection the photo is evidence in
    inspector: str
    layers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def editor_photo(db: Database, photo_id: str) -> EditorPhoto:
    with db.read_session() as s:
        photo = svc.get(s, photo_id)
        stored = photo.layers or {}
        return EditorPhoto(
            id=photo.id,
            width=photo.width,
            height=photo.height,
            display=svc.editor_base(s, photo),
            title=photo.file_name.rsplit("/", 1)[-1] or photo.id[:8],
            withheld=photo.original_sha256 is None,
            finalized=photo.inspection.status != insp_svc.DRAFT,
            inspection=photo.inspection.uuid,
            inspector=photo.inspection.inspector or "",
            layers={
                "annotations": copy.deepcopy(stored.get("annotations", [])),
                "redactions": copy.deepcopy(stored.get("redactions", [])),
            },
        )
