"""What the phone page reads: one draft inspection, by its row id, as plain data.

The phone capture server (:mod:`inspector.phone`) is a front end like the desktop and the
CLI: it holds the :class:`~inspector.db.Database` handle and the id of the inspection
revision it serves, and reads through here. The page sees this inspection only: item
titles, answers, whether a photo is still needed, its photos' thumbnails and, in mystery
mode, the visit facts and notes; no scores, findings or other inspections.

A revision that was deleted raises :class:`InspectionGone`; one that was finalized or
amended since (no longer a current draft) raises a ``ReadOnlyError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db import Database
from inspector.db.models import Inspection, Photo
from inspector.domain.answers import Answer
from inspector.domain.checklist import AnswerType, Evidence, Item, Mode, Result, Text
from inspector.domain.scoring import Outcome
from inspector.domain.states import InspectionStatus
from inspector.errors import NotFoundError, ReadOnlyError, ValidationError
from inspector.services import photo_render, photos
from inspector.services.inspections import lookup, scoring, snapshots, visits
from inspector.text import phone as T
from inspector.text import report as TR

#: The page's time fields and the visit fields the phone may set.
TIME_FIELDS = visits.TIME_FIELDS
PHONE_VISIT_FIELDS = (*TIME_FIELDS, "ticket", "customers_waiting", "scenario")


class InspectionGone(NotFoundError):
    """The inspection the phone session serves was deleted on the laptop."""


class PhotoNotHere(NotFoundError):
    """No photo of that id in the inspection the phone session serves."""


@dataclass(frozen=True, slots=True)
class PhoneTarget:
    """The inspection revision a phone session serves."""

    pk: int
    uuid: str
    mode: Mode
    inspector: str | None


def require_open(insp: Inspection) -> None:
    """Refuse an inspection that is not a current draft (finalized, or amended since)."""
    if insp.status != InspectionStatus.DRAFT or not insp.is_current:
        raise ReadOnlyError(T.FINALIZED, uuid=insp.uuid)


def open_draft(session: Session, pk: int) -> Inspection:
    """The served revision, still a current draft (builder for the phone's commands)."""
    insp = session.get(Inspection, pk)
    if insp is None:
        raise InspectionGone(T.DELETED)
    require_open(insp)
    return insp


def phone_target(db: Database, ref: str) -> PhoneTarget:
    """The draft inspection ``ref`` names (UUID, prefix or id), for a new phone session."""
    with db.read_session() as s:
        insp = lookup.get(s, ref)
        require_open(insp)
        return PhoneTarget(insp.id, insp.uuid, Mode(insp.mode), insp.inspector)


def page_state(db: Database, pk: int) -> dict[str, Any]:
    """The page's JSON (``GET /api/state``, without the server's limits)."""
    with db.read_session() as s:
        insp = open_draft(s, pk)
        checklist = snapshots.checklist_of(insp)
        result = scoring.compute_score(insp)
        answers = scoring.answers_of(insp)
        mode = Mode(insp.mode)
        shown: dict[str, list[str]] = {}
        for p in photos.photos_of(insp):
            shown.setdefault(p.item_id, []).append(p.id)
        items = []
        for item in checklist.items():
            outcome = result.items[item.id].outcome
            if outcome == Outcome.HIDDEN or not item.applies_to(mode):
                continue
            rule = item.evidence.for_mode(mode)
            ans = answers.get(item.id)
            is_fail = ans is not None and ans.result is not None and ans.result == Result.FAIL
            wanted = rule == Evidence.REQUIRED and outcome != Outcome.NA
            wanted = wanted or (rule == Evidence.ON_FAIL and is_fail)
            have = shown.get(item.id, [])
            items.append(
                {
                    "id": item.id,
                    "section": _text(checklist.section_of(item.id).title),
                    "title": _text(item.text),
                    "answer": _answer_label(item, ans),
                    "photos": have,
                    "photo_needed": wanted and not have,
                    "evidence": rule.value,
                }
            )
        out: dict[str, Any] = {
            "inspection": {
                "branch": f"{insp.branch.code} {insp.branch.name}",
                "checklist": _text(checklist.title),
                "mode": mode.value,
                "revision": insp.revision,
            },
            "items": items,
            "mystery": None,
        }
        if mode == Mode.MYSTERY:
            visit = dict(insp.visit or {})
            out["mystery"] = {
                "visit": {k: visit.get(k) for k in PHONE_VISIT_FIELDS},
                "scenarios": [
                    {"id": sc.id, "title": _text(sc.title)} for sc in checklist.scenarios
                ],
                "notes": insp.narrative or "",
            }
        return out


def thumbnail(db: Database, pk: int, photo_id: str) -> bytes:
    """The thumbnail of one of the inspection's photos, annotations and redactions drawn."""
    with db.read_session() as s:
        insp = open_draft(s, pk)
        photo = s.scalar(select(Photo).where(Photo.id == photo_id, Photo.inspection_id == insp.id))
        if photo is None:
            raise PhotoNotHere(T.NO_PHOTO)
        thumb = photos.blob_bytes(s, photo.thumb_sha256)
        layers = photo.layers or {}
        if layers.get("redactions") or layers.get("annotations"):
            return photo_render.preview(thumb, layers, photo.width)
        return thumb


def check_item(db: Database, pk: int, item_id: str) -> None:
    """Refuse an item the inspection does not have or does not ask in its mode."""
    with db.read_session() as s:
        insp = open_draft(s, pk)
        try:
            item = snapshots.checklist_of(insp).item(item_id)
        except KeyError:
            raise ValidationError(T.NO_ITEM, item=repr(item_id)) from None
        if not item.applies_to(Mode(insp.mode)):
            raise ValidationError(T.NOT_ASKED, item=item_id)


def _text(t: Text) -> dict[str, str]:
    return {"zh": t.zh, "en": t.en}


def _answer_label(item: Item, ans: Answer | None) -> dict[str, str] | None:
    """The answer as the inspector gave it (a judgement and/or value), in both languages."""
    if ans is None or ans.is_empty:
        return None
    zh: list[str] = []
    en: list[str] = []
    if ans.value is not None:
        v: object = ans.value
        if item.type == AnswerType.CHOICE and item.options:
            opt = next((o for o in item.options if o.id == v), None)
            if opt is not None:
                zh.append(opt.label.zh)
                en.append(opt.label.en)
                v = None
        if isinstance(v, bool):
            zh.append((TR.YES if v else TR.NO).zh)
            en.append((TR.YES if v else TR.NO).en)
        elif v is not None:
            s = str(v)
            s = s if len(s) <= 60 else s[:59] + "…"
            zh.append(s)
            en.append(s)
    if ans.result is not None:
        result = TR.RESULTS.get(ans.result.value)
        if result is not None:
            zh.append(result.zh)
            en.append(result.en)
    if not zh:
        return None
    return {"zh": " · ".join(zh), "en": " · ".join(en)}
