"""Which checklists this installation offers: the shipped ones, and the versions HQ installed.

For each checklist id the newest version wins (HQ's installed one, or the shipped one when
the program ships a newer one later); a checklist HQ withdrew starts no new inspection.
An inspection in progress keeps the snapshot it was created with, whatever is installed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.checklists import (
    LoadedChecklist,
    Problem,
    checklist_from_json,
    load_all,
    load_shipped,
)
from inspector.checklists.diff import version_key
from inspector.db import Database
from inspector.db.models import ChecklistSnapshot
from inspector.db.publish_models import HqChecklist
from inspector.errors import NotFoundError, ValidationError
from inspector.text import publish as T

log = logging.getLogger(__name__)

SHIPPED = "shipped"
HQ = "hq"


@dataclass(frozen=True)
class Entry:
    """One checklist id as this installation offers it."""

    loaded: LoadedChecklist
    source: str  # shipped | hq
    shipped_version: str | None
    hq_version: str | None
    pack_sequence: int | None
    hq_fingerprint: str | None
    installed_at: datetime | None
    withdrawn: bool

    @property
    def id(self) -> str:
        return self.loaded.id

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "shipped_version": self.shipped_version,
            "hq_version": self.hq_version,
            "hq_pack": self.pack_sequence,
            "hq_fingerprint": self.hq_fingerprint,
            "installed_at": self.installed_at.isoformat() if self.installed_at else None,
            "withdrawn": self.withdrawn,
        }


def _installed(
    session: Session, checklist_id: str | None = None
) -> list[tuple[HqChecklist, str | None]]:
    q = select(HqChecklist, ChecklistSnapshot.content).outerjoin(
        ChecklistSnapshot, HqChecklist.snapshot_id == ChecklistSnapshot.id
    )
    if checklist_id is not None:
        q = q.where(HqChecklist.checklist_id == checklist_id)
    # The table exists in every database this program opens (opening upgrades it).
    rows = session.execute(q).all()
    return [(r[0], r[1]) for r in rows]


def entries(session: Session) -> tuple[list[Entry], list[Problem]]:
    """Every checklist id offered or withdrawn here, in id order, and shipped-file problems."""
    shipped, problems = load_all()
    by_id = {c.id: c for c in shipped}
    out: dict[str, Entry] = {}
    for c in shipped:
        out[c.id] = Entry(c, SHIPPED, c.resolved.version, None, None, None, None, False)
    for row, content in _installed(session):
        ship = by_id.get(row.checklist_id)
        hq_loaded: LoadedChecklist | None = None
        if content is not None and row.snapshot_id is not None:
            got = checklist_from_json(content)
            hq_loaded = LoadedChecklist(path=Path(f"hq/{got.id}.json"), raw=got, resolved=got)
        use_hq = hq_loaded is not None and (
            ship is None
            or version_key(hq_loaded.resolved.version) >= version_key(ship.resolved.version)
        )
        chosen = hq_loaded if use_hq else ship
        if chosen is None:
            continue  # withdrawn, and never shipped: nothing to show but the withdrawal
        out[row.checklist_id] = Entry(
            chosen,
            HQ if use_hq else SHIPPED,
            ship.resolved.version if ship else None,
            row.version,
            row.pack_sequence,
            row.hq_fingerprint,
            row.installed_at,
            row.withdrawn,
        )
    return [out[k] for k in sorted(out)], problems


def entries_of(db: Database) -> dict[str, LoadedChecklist]:
    """checklist id -> the version this installation uses for it (withdrawn ones too)."""
    with db.read_session() as s:
        return {e.id: e.loaded for e in entries(s)[0]}


def offered(session: Session) -> list[LoadedChecklist]:
    """The checklists a new inspection may use (newest version each, none withdrawn)."""
    return [e.loaded for e in entries(session)[0] if not e.withdrawn]


def for_new_inspection(session: Session, checklist_id: str) -> LoadedChecklist:
    """The version a new inspection of ``checklist_id`` uses; refuses a withdrawn one.

    Reads only that checklist (its shipped file and HQ's row), not every file: it runs on
    every inspection created.
    """
    found = [(row, content) for row, content in _installed(session, checklist_id)]
    if found and found[0][0].withdrawn:
        raise ValidationError(T.WITHDRAWN, checklist=repr(checklist_id))
    hq_loaded: LoadedChecklist | None = None
    if found and found[0][1] is not None:
        got = checklist_from_json(found[0][1])
        hq_loaded = LoadedChecklist(path=Path(f"hq/{got.id}.json"), raw=got, resolved=got)
    try:
        shipped = load_shipped(checklist_id)
    except NotFoundError:
        if hq_loaded is None:
            raise
        return hq_loaded
    if hq_loaded is not None and version_key(hq_loaded.resolved.version) >= version_key(
        shipped.resolved.version
    ):
        return hq_loaded
    return shipped
