"""Changes to one inspection, each its own committed unit of work, by UUID.

The screens call these with the :class:`~inspector.db.Database` handle and ids; each call
opens ``db.session()`` (on SQLite ``BEGIN IMMEDIATE``), loads the current revision, runs
the change through :mod:`inspector.services.inspections` (validation, audit log, rescoring)
and commits before it returns. A refused change raises its :class:`~inspector.errors.UserError`
and leaves nothing written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from inspector.checklists import LoadedChecklist
from inspector.db import Database
from inspector.domain.answers import Answer
from inspector.domain.checklist import Mode
from inspector.domain.states import Severity
from inspector.services import branches, typed
from inspector.services.findings import edit as finding_edit
from inspector.services.findings.record import finding_dict
from inspector.services.inspections import answering, lifecycle, lookup, signoff, visits

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Scored:
    """An inspection's stored score after a change."""

    total: float
    grade: str | None


@dataclass(frozen=True, slots=True)
class SignedOff:
    """What a sign-off recorded."""

    uuid: str
    total: float
    grade: str | None
    passed: bool


@dataclass(frozen=True, slots=True)
class VisitFacts:
    """An inspection's visit facts and narrative as stored."""

    visit: dict[str, Any]
    narrative: str


def store_answer(
    db: Database, uuid: str, item_id: str, answer: Answer | None, *, actor: str
) -> None:
    """Store ``answer`` for ``item_id`` (None or an empty answer clears it, keeping a note
    the empty answer carries) as one committed change."""
    with db.session() as s:
        insp = lookup.get(s, uuid)
        # What was typed into the value field is recorded now: its kept text goes with it.
        typed.discard(s, insp, [typed.key(typed.Field.VALUE, item_id)])
        if answer is None or answer.is_empty:
            answering.set_answer(s, insp, item_id, clear=True, actor=actor)
            if answer is not None and answer.note:
                answering.set_answer(s, insp, item_id, note=answer.note, actor=actor)
            return
        answering.set_answer(s, insp, item_id, answer=answer, actor=actor)


def restore_answer(
    db: Database, uuid: str, item_id: str, previous: Answer | None, *, actor: str
) -> None:
    """Undo or redo an answer change: ``previous``'s judgement and value come back.

    The note is not part of an answer change (it is typed and saved on its own), so the note
    there now stays: undoing an item's first answer removes the judgement, not a note typed
    since, and leaves no row only where nothing else was on it.
    """
    with db.session() as s:
        insp = lookup.get(s, uuid)
        if previous is None or previous.is_empty:
            answering.clear_judgement(s, insp, item_id, actor=actor)
            return
        answering.set_answer(s, insp, item_id, answer=previous, actor=actor)


def set_note(db: Database, uuid: str, item_id: str, note: str, *, actor: str) -> None:
    """The note of one item's answer (the judgement and value stay)."""
    with db.session() as s:
        insp = lookup.get(s, uuid)
        typed.discard(s, insp, [typed.key(typed.Field.NOTE, item_id)])
        answering.set_answer(s, insp, item_id, note=note, actor=actor)


def confirm_copied_answer(db: Database, uuid: str, item_id: str, *, actor: str) -> None:
    """A copied answer re-verified on site becomes today's answer."""
    with db.session() as s:
        answering.confirm_copied_answer(s, lookup.get(s, uuid), item_id, actor=actor)


def update_finding(
    db: Database,
    uuid: str,
    item_id: str,
    *,
    actor: str,
    action: str | None = None,
    owner: str | None = None,
    deadline: date | None = None,
    severity: Severity | None = None,
) -> dict[str, Any]:
    """Edit the rectification of one finding (action, owner, deadline, severity); the
    finding's record as the audit log keeps it."""
    with db.session() as s:
        insp = lookup.get(s, uuid)
        if action is not None:
            typed.discard(s, insp, [typed.key(typed.Field.ACTION, item_id)])
        f = finding_edit.update_finding(
            s,
            insp,
            item_id,
            actor=actor,
            action=action,
            owner=owner,
            deadline=deadline,
            severity=severity,
        )
        return finding_dict(f)


def set_visit(db: Database, uuid: str, *, actor: str, **fields: Any) -> None:
    """Visit facts (wave, scenario, times, staff…), checked as a whole."""
    with db.session() as s:
        insp = lookup.get(s, uuid)
        typed.discard(s, insp, [typed.key(typed.Field.VISIT, k) for k in fields])
        visits.set_visit(s, insp, actor=actor, **fields)


def set_manager_name(db: Database, uuid: str, name: str, *, actor: str) -> None:
    with db.session() as s:
        insp = lookup.get(s, uuid)
        typed.discard(s, insp, [typed.key(typed.Field.MANAGER)])
        visits.set_manager_name(s, insp, name, actor=actor)


def set_narrative(db: Database, uuid: str, text: str, *, actor: str) -> None:
    with db.session() as s:
        insp = lookup.get(s, uuid)
        typed.discard(s, insp, [typed.key(typed.Field.NARRATIVE)])
        visits.set_narrative(s, insp, text, actor=actor)


def finalize(
    db: Database,
    uuid: str,
    *,
    by: str,
    manager_name: str | None = None,
    manager_signature: bytes | None = None,
) -> SignedOff:
    """Sign off (refused while something is missing); the inspection becomes read-only."""
    with db.session() as s:
        insp = lookup.get(s, uuid)
        result = signoff.finalize(
            s, insp, by=by, manager_name=manager_name, manager_signature=manager_signature
        )
        return SignedOff(insp.uuid, result.total, result.grade, result.passed)


def amend(db: Database, uuid: str, *, reason: str, actor: str) -> int:
    """A new editable revision of a finalized inspection (the old one stays as it was);
    the new revision's number."""
    with db.session() as s:
        return lifecycle.amend(s, lookup.get(s, uuid), reason=reason, actor=actor).revision


def duplicate(db: Database, uuid: str, *, actor: str) -> str:
    """A new draft with this inspection's answers to re-verify; its UUID."""
    with db.session() as s:
        return lifecycle.duplicate(s, lookup.get(s, uuid), actor=actor).uuid


def start_recheck(db: Database, uuid: str, *, actor: str) -> str:
    """A new draft re-checking inspection ``uuid`` (its branch, checklist and mode), as
    ``inspector new --recheck-of`` makes: finalizing it closes the findings it passes.
    Its UUID."""
    with db.session() as s:
        insp = lookup.get(s, uuid)
        return lifecycle.create(
            s,
            branch_code=insp.branch.code,
            checklist_id=insp.snapshot.checklist_id,
            mode=insp.mode,
            inspector=actor,
            recheck_of=insp.uuid,
        ).uuid


def delete_draft(db: Database, uuid: str, *, actor: str) -> None:
    with db.session() as s:
        lifecycle.delete_draft(s, lookup.get(s, uuid), actor=actor)


@dataclass(frozen=True, slots=True)
class NewBranch:
    """A branch created together with the first inspection of it."""

    code: str
    name: str
    region: str = ""
    address: str = ""


def create(
    db: Database,
    *,
    branch_code: str,
    checklist: LoadedChecklist,
    mode: Mode,
    inspector: str,
    new_branch: NewBranch | None = None,
) -> str:
    """A new draft inspection (and its new branch, in the same unit of work); its UUID."""
    with db.session() as s:
        if new_branch is not None:
            branches.create(
                s,
                code=new_branch.code,
                name=new_branch.name,
                region=new_branch.region,
                address=new_branch.address,
                actor=inspector,
            )
        insp = lifecycle.create(
            s,
            branch_code=branch_code,
            checklist_id=checklist.id,
            mode=mode,
            inspector=inspector,
            loaded=checklist,
        )
        return insp.uuid


def answer_text(
    db: Database,
    ref: str,
    item_id: str,
    *,
    result: str | None = None,
    value: str | None = None,
    note: str | None = None,
    clear: bool = False,
    actor: str | None,
    fallback_actor: str,
) -> Scored:
    """Answer ``item_id`` from words as typed (``inspector answer``: a judgement, a value
    read by the item's type, a note); the actor defaults to the inspection's inspector."""
    with db.session() as s:
        insp = lookup.get(s, ref)
        answering.set_answer(
            s,
            insp,
            item_id,
            result=result,
            value=value,
            note=note,
            clear=clear,
            actor=actor or insp.inspector or fallback_actor,
        )
        return Scored(insp.score_total or 0.0, insp.grade)


def start(
    db: Database,
    *,
    branch_code: str,
    checklist_id: str,
    mode: Mode,
    inspector: str,
    fallback_actor: str,
    branch_name: str | None = None,
    answers: Any = None,
    recheck_of: str | None = None,
    visit: Any = None,
    narrative: Any = None,
    wave: str | None = None,
) -> str:
    """A new draft from a shipped or stored checklist by id, optionally filled from an
    answers file's contents and put in a mystery wave (one unit of work); its UUID."""
    with db.session() as s:
        insp = lifecycle.create(
            s,
            branch_code=branch_code,
            checklist_id=checklist_id,
            mode=mode,
            inspector=inspector,
            branch_name=branch_name,
            answers=answers,
            recheck_of=recheck_of,
            visit=visit,
            narrative=narrative,
        )
        if wave is not None:
            visits.set_visit(s, insp, actor=insp.inspector or fallback_actor, wave=wave)
        return insp.uuid


def record_visit(
    db: Database,
    ref: str,
    *,
    fields: dict[str, Any],
    narrative: str | None,
    fallback_actor: str,
) -> VisitFacts:
    """Visit facts and the narrative in one unit of work (the inspection's inspector is
    the actor); what is stored afterwards."""
    with db.session() as s:
        insp = lookup.get(s, ref)
        actor = insp.inspector or fallback_actor
        if fields:
            visits.set_visit(s, insp, actor=actor, **fields)
        if narrative is not None:
            visits.set_narrative(s, insp, narrative, actor=actor)
        return VisitFacts(dict(insp.visit or {}), insp.narrative or "")
