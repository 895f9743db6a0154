"""Answering an item (validated, audited, rescored).

Also confirming the answers copied from a previous visit.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from inspector.db.models import (
    Answer as AnswerRow,
)
from inspector.db.models import (
    Inspection,
    utcnow,
)
from inspector.domain.answers import Answer, AnswerError, coerce_value, parse_result
from inspector.domain.checklist import (
    AnswerType,
    Mode,
    Result,
)
from inspector.errors import NotFoundError, ValidationError
from inspector.services import audit
from inspector.services.inspections.lookup import require_draft
from inspector.services.inspections.rescoring import rescore
from inspector.services.inspections.scoring import scenario_of
from inspector.services.inspections.snapshots import checklist_of, item_name, name_of
from inspector.text import Text as Wording
from inspector.text import inspections as T

log = logging.getLogger(__name__)


def set_answer(
    session: Session,
    insp: Inspection,
    item_id: str,
    *,
    result: str | Result | None = None,
    value: Any = None,
    note: str | None = None,
    answer: Answer | None = None,
    actor: str = "",
    clear: bool = False,
    rescore_now: bool = True,
) -> AnswerRow | None:
    """Record the inspector's answer to one item (or clear it); audited and rescored.

    ``result`` is the judgement (pass / fail / na) and is accepted for every answer type;
    ``value`` is the typed answer. Either or both may be given; ``note`` alone keeps them.
    ``answer`` gives judgement and value together, as the runner's widgets made them.
    """
    if answer is not None:
        result, value = answer.result, answer.value
    require_draft(insp)
    checklist = checklist_of(insp)
    try:
        item = checklist.item(item_id)
    except KeyError:
        raise NotFoundError(T.NO_ITEM, checklist=checklist.id, item=repr(item_id)) from None
    if not item.applies_to(Mode(insp.mode)):
        raise ValidationError(T.ITEM_NOT_IN_MODE, item=name_of(item), mode=insp.mode)
    row = next((a for a in insp.answers if a.item_id == item_id), None)
    old = _answer_dict(row)
    if clear:
        if row is not None:
            insp.answers.remove(row)
            session.delete(row)
            audit.record(
                session,
                actor=actor,
                entity="answer",
                action="delete",
                key=item_id,
                old=old,
                inspection=insp,
            )
        if rescore_now:
            rescore(session, insp)
        return None
    try:
        res = result if isinstance(result, Result) or result is None else parse_result(result)
        # A typed answer (from the runner) is checked against the item as it is; words
        # (the CLI, an answers file) are read by the item's type first.
        val = coerce_value(item, value)
    except AnswerError as e:
        raise ValidationError(T.ANSWER_REFUSED, cause=e) from None
    played = scenario_of(insp)
    if (
        res == Result.NA
        and played is not None
        and item.scenario_decides_na
        and not (item.na_choosable(played))
    ):
        # The scenario decides (na_if by scenario): say so, not "the checklist forbids it".
        title = next((s.title for s in checklist.scenarios if s.id == played), None)
        raise ValidationError(
            T.NA_BY_SCENARIO,
            item=name_of(item),
            scenario=Wording(zh=title.zh, en=title.en) if title is not None else played,
        )
    if res == Result.NA and not item.na_choosable(played):
        raise ValidationError(T.NA_NOT_ALLOWED, item=name_of(item))
    if item.type == AnswerType.TEXT and item.text_spec and val is not None and res is None:
        pass  # length is checked at finalize, a draft may be short
    if row is None:
        if res is None and val is None and not note:
            raise ValidationError(T.EMPTY_ANSWER, item=name_of(item))
        row = AnswerRow(item_id=item_id, note="")
        insp.answers.append(row)
    if res is not None or val is not None:
        # A new judgement or value replaces the previous answer as a whole.
        row.result = res
        row.value = val
        _drop_copied(insp, item_id)
    if note is not None:
        row.note = note
    row.answered_by = actor
    row.updated_at = utcnow()
    new = _answer_dict(row)
    if new != old:
        audit.record(
            session,
            actor=actor,
            entity="answer",
            action="create" if old is None else "update",
            key=item_id,
            old=old,
            new=new,
            inspection=insp,
        )
    insp.updated_at = utcnow()
    session.flush()
    if rescore_now:
        rescore(session, insp)
    return row


def clear_judgement(session: Session, insp: Inspection, item_id: str, *, actor: str = "") -> None:
    """Take back an item's judgement and value, keeping its note (audited, rescored).

    What undoing an item's first answer does: the row goes only when nothing else is on it;
    a note typed since the answer stays, as it was not part of what is undone.
    """
    row = next((a for a in insp.answers if a.item_id == item_id), None)
    if row is None or not row.note:
        set_answer(session, insp, item_id, clear=True, actor=actor)
        return
    require_draft(insp)
    old = _answer_dict(row)
    row.result, row.value = None, None
    _drop_copied(insp, item_id)
    row.answered_by = actor
    row.updated_at = utcnow()
    if _answer_dict(row) != old:
        audit.record(
            session,
            actor=actor,
            entity="answer",
            action="update",
            key=item_id,
            old=old,
            new=_answer_dict(row),
            inspection=insp,
        )
    insp.updated_at = utcnow()
    session.flush()
    rescore(session, insp)


def _answer_dict(row: AnswerRow | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"result": row.result, "value": row.value, "note": row.note}


def copied_answers_of(insp: Inspection) -> dict[str, Answer]:
    """The answers copied by "Duplicate as new" that the inspector has not re-verified.

    They are shown beside the item as a suggestion and count as unanswered: an old
    observation is never passed off as one made today.
    """
    out: dict[str, Answer] = {}
    for item_id, fields in (insp.copied_answers or {}).items():
        result = fields.get("result")
        out[item_id] = Answer(
            result=Result(result) if result else None,
            value=fields.get("value"),
            note=str(fields.get("note") or ""),
        )
    return out


def _drop_copied(insp: Inspection, item_id: str) -> None:
    if insp.copied_answers and item_id in insp.copied_answers:
        # A new dict: the JSON column is not mutation-tracked.
        insp.copied_answers = {k: v for k, v in insp.copied_answers.items() if k != item_id}


def confirm_copied_answer(
    session: Session, insp: Inspection, item_id: str, *, actor: str
) -> AnswerRow | None:
    """The inspector re-verified a copied answer on site: it becomes today's answer."""
    require_draft(insp)
    fields = (insp.copied_answers or {}).get(item_id)
    if fields is None:
        raise NotFoundError(T.NO_COPIED_ANSWER, item=item_name(insp, item_id))
    result, value, note = fields.get("result"), fields.get("value"), fields.get("note")
    _drop_copied(insp, item_id)
    audit.record(
        session,
        actor=actor,
        entity="answer",
        action="reverify",
        key=item_id,
        new={"result": result, "value": value, "copied_from": insp.copied_from},
        inspection=insp,
    )
    if result is None and value is None:
        return set_answer(session, insp, item_id, note=str(note or ""), actor=actor)
    return set_answer(session, insp, item_id, result=result, value=value, note=note, actor=actor)
