"""What the phone page changes: photos on an item, visit facts, the notes (mystery mode).

Each function is one committed unit of work on the inspection revision a phone session
serves (by row id; see :mod:`inspector.services.views.phone`, which refuses a deleted,
finalized or amended one). The phone server checks the request's shape; the rules of the
data are the use cases' (:mod:`inspector.services.photos`, ``inspections.visits``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector.db import Database
from inspector.errors import ValidationError
from inspector.services import photos
from inspector.services.inspections import visits
from inspector.services.photo_decode import Prepared
from inspector.services.views.phone import PHONE_VISIT_FIELDS, open_draft
from inspector.text import phone as T


@dataclass(frozen=True, slots=True)
class Added:
    """One uploaded photo: stored (``photo_id``) or already there (``duplicate_of``)."""

    photo_id: str | None
    duplicate_of: str | None = None


class NotesChanged(ValidationError):
    """The notes changed on the laptop since the phone read them (``current`` holds them)."""

    def __init__(self, current: str) -> None:
        super().__init__(T.NOTES_CHANGED)
        self.current = current


def add_photo(db: Database, pk: int, item_id: str, prep: Prepared, *, actor: str) -> Added:
    """Store a photo decoded beforehand (outside the write lock) on ``item_id``."""
    with db.session() as s:
        insp = open_draft(s, pk)
        res = photos.add_prepared(s, insp, item_id, prep, actor=actor)
        if res.added:
            return Added(res.added[0].id)
        return Added(None, res.duplicates[0][1])


def set_visit_field(db: Database, pk: int, key: str, value: Any, *, actor: str) -> dict[str, Any]:
    """Set one visit fact; returns the phone's visit fields as stored."""
    with db.session() as s:
        insp = open_draft(s, pk)
        visits.set_visit(s, insp, actor=actor, **{key: value})
        visit = dict(insp.visit or {})
    return {k: visit.get(k) for k in PHONE_VISIT_FIELDS}


def set_notes(db: Database, pk: int, text: str, *, base: str, actor: str) -> None:
    """Replace the notes with ``text``, unless the laptop changed them since ``base``."""
    with db.session() as s:
        insp = open_draft(s, pk)
        current = insp.narrative or ""
        if current != base and current != text:
            raise NotesChanged(current)
        visits.set_narrative(s, insp, text, actor=actor)
