"""Checklist snapshots: the checklist an inspection is scored with, parsed once per process."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.checklists import LoadedChecklist, checklist_from_json
from inspector.db.models import (
    ChecklistSnapshot,
    Inspection,
)
from inspector.domain.checklist import (
    Checklist,
    Item,
)
from inspector.errors import NotFoundError
from inspector.text import inspections as T
from inspector.text.parts import ItemName

log = logging.getLogger(__name__)


# Parsed checklists by snapshot hash: a snapshot never changes, and there are few of them.
_checklists_by_sha: dict[str, Checklist] = {}


def checklist_of(inspection: Inspection) -> Checklist:
    """The exact checklist the inspection uses (from its snapshot, parsed once)."""
    snap = inspection.snapshot
    cached = _checklists_by_sha.get(snap.sha256)
    if cached is None:
        cached = _checklists_by_sha[snap.sha256] = checklist_from_json(snap.content, snap.sha256)
    return cached


def snapshot_for(session: Session, loaded: LoadedChecklist) -> ChecklistSnapshot:
    return snapshot_from_content(session, loaded.canonical_json, loaded.sha256)


def snapshot_from_content(session: Session, content: str, sha256: str) -> ChecklistSnapshot:
    """Get or store the snapshot of a checklist's canonical JSON (deduplicated by hash)."""
    snap = session.scalar(select(ChecklistSnapshot).where(ChecklistSnapshot.sha256 == sha256))
    if snap is not None:
        return snap
    c = checklist_from_json(content)
    snap = ChecklistSnapshot(
        sha256=sha256,
        checklist_id=c.id,
        version=c.version,
        title_zh=c.title.zh,
        title_en=c.title.en,
        content=content,
    )
    session.add(snap)
    session.flush()
    return snap


def checklist_by_sha(session: Session, sha256: str) -> Checklist:
    """The checklist of a stored snapshot, parsed once per process."""
    cached = _checklists_by_sha.get(sha256)
    if cached is None:
        content = session.scalar(
            select(ChecklistSnapshot.content).where(ChecklistSnapshot.sha256 == sha256)
        )
        if content is None:
            raise NotFoundError(T.NO_SNAPSHOT, sha256=sha256)
        cached = _checklists_by_sha[sha256] = checklist_from_json(content)
    return cached


def name_of(item: Item) -> ItemName:
    """An item as a message names it: its id on the CLI, its title in the app."""
    return ItemName(item.id, item.text.zh, item.text.en)


def item_name(insp: Inspection, item_id: str) -> ItemName | str:
    """How a message names an item of ``insp``: its id on the CLI, its title in the app (the
    bare id when the checklist has no such item)."""
    try:
        return name_of(checklist_of(insp).item(item_id))
    except KeyError:
        return item_id
