"""What is being typed, durable at once and apart from the audited record.

The runner saves a typed field twice. Within a moment of each keystroke its text goes to
``typed_texts`` (:func:`keep`: one small commit, no audit entry, no rescoring), so a crash,
a kill or a flat battery loses nothing typed. When the typing settles (a pause, leaving
the field or the item), the value is recorded as an answer, note or narrative, audited
once, in the same unit of work that deletes the row (:func:`discard`). The audit trail
records what was settled, never one entry per keystroke.

A row left behind (the app was killed while typing) is settled by :func:`recover` the
next time the inspection is opened: the text goes through the same checks as when it is
typed; text that would be refused is reported, with what was typed, instead of recorded.

A field is named by a key: ``value:ITEM`` (a count, a measurement or a text answer),
``note:ITEM``, ``action:ITEM`` (a finding's rectification), ``narrative``, ``manager``,
``visit:FACT`` (a typed visit fact: ``ticket``, ``wave``, ``customers_waiting``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inspector.db.models import Inspection, TypedText, utcnow
from inspector.domain.answers import Answer, AnswerError, coerce_value
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus
from inspector.errors import ReadOnlyError, UserError, ValidationError
from inspector.services import inspections as svc
from inspector.text import inspections as T
from inspector.text import typed as TT

log = logging.getLogger(__name__)

MAX_TYPED = 100_000  # characters kept for one field (far above any field's own limit)


class Field(StrEnum):
    VALUE = "value"
    NOTE = "note"
    ACTION = "action"
    NARRATIVE = "narrative"
    MANAGER = "manager"
    VISIT = "visit"


_PER_ITEM = {Field.VALUE, Field.NOTE, Field.ACTION, Field.VISIT}  # keyed by a second part
TYPED_VISIT_FACTS = ("ticket", "wave", "customers_waiting")


def key(field: Field, item_id: str = "") -> str:
    """The key of ``field`` (of item ``item_id`` for the per-item fields)."""
    return f"{field.value}:{item_id}" if field in _PER_ITEM else field.value


def parse_key(k: str) -> tuple[Field, str] | None:
    """(field, item id) of a key; None for a key this version does not know."""
    name, _, item_id = k.partition(":")
    try:
        field = Field(name)
    except ValueError:
        return None
    if (field in _PER_ITEM) != bool(item_id):
        return None
    if field is Field.VISIT and item_id not in TYPED_VISIT_FACTS:
        return None
    return field, item_id


def keep(session: Session, insp: Inspection, k: str, text: str) -> None:
    """Keep ``text`` as what is being typed into field ``k`` (replacing what was there)."""
    if insp.status != InspectionStatus.DRAFT:
        raise ReadOnlyError(T.READ_ONLY, uuid=insp.uuid)
    if parse_key(k) is None:
        raise ValidationError(TT.FIELD_UNKNOWN, field=repr(k))
    text = text[:MAX_TYPED]
    row = session.get(TypedText, (insp.id, k))
    if row is None:
        session.add(TypedText(inspection_id=insp.id, field=k, text=text, updated_at=utcnow()))
    else:
        row.text = text
        row.updated_at = utcnow()


def discard(session: Session, insp: Inspection, keys: Iterable[str] | None = None) -> None:
    """Forget what was typed into ``keys`` (all fields of ``insp`` when None): settled."""
    stmt = delete(TypedText).where(TypedText.inspection_id == insp.id)
    if keys is not None:
        wanted = list(keys)
        if not wanted:
            return
        stmt = stmt.where(TypedText.field.in_(wanted))
    session.execute(stmt)


def pending(session: Session, insp: Inspection) -> dict[str, str]:
    """The fields of ``insp`` typed into and not yet settled: key → text."""
    rows = session.execute(
        select(TypedText.field, TypedText.text).where(TypedText.inspection_id == insp.id)
    )
    return {f: t for f, t in rows}


@dataclass(frozen=True, slots=True)
class Recovered:
    """One field typed before the app stopped: recorded now, or why not."""

    field: Field
    item_id: str
    text: str
    refused: UserError | None = None


def recover(session: Session, insp: Inspection, *, actor: str) -> list[Recovered]:
    """Settle what was typed into ``insp`` and never recorded (the app stopped first).

    Each field is recorded as if its typing had settled (audited, rescored); a text the
    field refuses (an invalid number, a finalized inspection) is reported and dropped.
    Every row of ``insp`` is gone afterwards.
    """
    typed = pending(session, insp)
    if not typed:
        return []
    out: list[Recovered] = []
    for k, text in sorted(typed.items()):
        parsed = parse_key(k)
        if parsed is None:
            log.warning("typed text of an unknown field %r dropped", k)
            continue
        field, item_id = parsed
        try:
            changed = _settle(session, insp, field, item_id, text, actor=actor)
        except UserError as e:
            log.info("typed %s of %s not recovered: %s", k, insp.uuid, e)
            out.append(Recovered(field, item_id, text, refused=e))
            continue
        if changed:
            out.append(Recovered(field, item_id, text))
    discard(session, insp)
    return out


def _settle(
    session: Session, insp: Inspection, field: Field, item_id: str, text: str, *, actor: str
) -> bool:
    """Record ``text`` in ``field``; False when the record already says it."""
    if insp.status != InspectionStatus.DRAFT:
        raise ReadOnlyError(T.READ_ONLY, uuid=insp.uuid)
    if field is Field.NARRATIVE:
        if text == insp.narrative:
            return False
        svc.set_narrative(session, insp, text, actor=actor)
        return True
    if field is Field.MANAGER:
        if (text.strip() or None) == insp.manager_name:
            return False
        svc.set_manager_name(session, insp, text, actor=actor)
        return True
    if field is Field.VISIT:
        return _settle_visit(session, insp, item_id, text, actor=actor)
    if field is Field.ACTION:
        finding = next((f for f in insp.findings if f.item_id == item_id), None)
        if finding is None or (finding.action or "") == text:
            return False
        svc.update_finding(session, insp, item_id, actor=actor, action=text)
        return True
    old = svc.answers_of(insp).get(item_id)
    if field is Field.NOTE:
        if text == (old.note if old else ""):
            return False
        if old is None and not text.strip():
            return False
        svc.set_answer(session, insp, item_id, note=text, actor=actor)
        return True
    return _settle_value(session, insp, item_id, text, old, actor=actor)


def _settle_visit(session: Session, insp: Inspection, fact: str, text: str, *, actor: str) -> bool:
    value: object = text.strip() or None
    if fact == "customers_waiting" and value is not None:
        try:
            value = int(str(value))
        except ValueError:
            raise ValidationError(T.CUSTOMERS_WAITING) from None
    if (insp.visit or {}).get(fact) == value:
        return False
    svc.set_visit(session, insp, actor=actor, **{fact: value})
    return True


def _settle_value(
    session: Session,
    insp: Inspection,
    item_id: str,
    text: str,
    old: Answer | None,
    *,
    actor: str,
) -> bool:
    checklist = svc.checklist_of(insp)
    try:
        item = checklist.item(item_id)
    except KeyError:
        raise ValidationError(TT.ITEM_GONE, item=repr(item_id)) from None
    if not item.applies_to(Mode(insp.mode)):
        raise ValidationError(T.ITEM_NOT_IN_MODE, item=svc.item_name(insp, item_id), mode=insp.mode)
    try:
        value = coerce_value(item, text) if text.strip() else None
    except AnswerError as e:
        raise ValidationError(T.ANSWER_REFUSED, cause=e) from None
    if old is not None and old.value == value:
        return False
    if value is None:
        if old is None:
            return False
        # An emptied field removes the value; an explicit judgement stays.
        if old.result is None:
            svc.set_answer(session, insp, item_id, clear=True, actor=actor)
            if old.note:
                svc.set_answer(session, insp, item_id, note=old.note, actor=actor)
        else:
            svc.set_answer(session, insp, item_id, result=old.result, value=None, actor=actor)
        return True
    # A typed value hands the judgement back to the scoring engine, as in the runner.
    svc.set_answer(session, insp, item_id, value=value, actor=actor)
    return True
