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
from inspector.services import branches, typed
from inspector.services import inspections as svc

log = logging.getLogger(__name__)


def store_answer(
    db: Database, uuid: str, item_id: str, answer: Answer | None, *, actor: str
) -> None:
    """Store ``answer`` for ``item_id`` (None or an empty answer clears it, keeping a note
    the empty answer carries) as one committed change."""
    with db.session() as s:
        insp = svc.get(s, uuid)
        # What was typed into the value field is recorded now: its kept text goes with it.
        typed.discard(s, insp, [typed.key(typed.Field.VALUE, item_id)])
        if answer is None or answer.is_empty:
            svc.set_answer(s, insp, item_id, clear=True, actor=actor)
            if answer is not None and answer.note:
                svc.set_answer(s, insp, item_id, note=answer.note, actor=actor)
            return
        svc.set_answer(s, insp, item_id, result=answer.result, value=answer.value, actor=actor)


def restore_answer(
    db: Database, uuid: str, item_id: str, previous: Answer | None, *, actor: str
) -> None:
    """Undo or redo an answer change: ``previous``'s judgement and value come back.

    The note is not part of an answer change (it is typed and saved on its own), so the note
    there now stays: undoing an item's first answer removes the judgement, not a note typed
    since, and leaves no row only where nothing else was on it.
    """
    with db.session() as s:
        insp = svc.get(s, uuid)
        if previous is None or previous.is_empty:
            svc.clear_judgement(s, insp, item_id, actor=actor)
            return
        svc.set_answer(s, insp, item_id, result=previous.result, value=previous.value, actor=actor)


def set_note(db: Database, uuid: str, item_id: str, note: str, *, actor: str) -> None:
    """The note of one item's answer (the judgement and value stay)."""
    with db.session() as s:
        insp = svc.get(s, uuid)
        typed.discard(s, insp, [typed.key(typed.Field.NOTE, item_id)])
        svc.set_answer(s, insp, item_id, note=note, actor=actor)


def confirm_copied_answer(db: Database, uuid: str, item_id: str, *, actor: str) -> None:
    """A copied answer re-verified on site becomes today's answer."""
    with db.session() as s:
        svc.confirm_copied_answer(s, svc.get(s, uuid), item_id, actor=actor)


def update_finding(
    db: Database,
    uuid: str,
    item_id: str,
    *,
    actor: str,
    action: str | None = None,
    owner: str | None = None,
    deadline: date | None = None,
    severity: str | None = None,
) -> None:
    """Edit the rectification of one finding (action, owner, deadline, severity)."""
    with db.session() as s:
        insp = svc.get(s, uuid)
        if action is not None:
            typed.discard(s, insp, [typed.key(typed.Field.ACTION, item_id)])
        svc.update_finding(
            s,
            insp,
            item_id,
            actor=actor,
            action=action,
            owner=owner,
            deadline=deadline,
            severity=severity,
        )


def set_visit(db: Database, uuid: str, *, actor: str, **fields: Any) -> None:
    """Visit facts (wave, scenario, times, staff…), checked as a whole."""
    with db.session() as s:
        insp = svc.get(s, uuid)
        typed.discard(s, insp, [typed.key(typed.Field.VISIT, k) for k in fields])
        svc.set_visit(s, insp, actor=actor, **fields)


def set_manager_name(db: Database, uuid: str, name: str, *, actor: str) -> None:
    with db.session() as s:
        insp = svc.get(s, uuid)
        typed.discard(s, insp, [typed.key(typed.Field.MANAGER)])
        svc.set_manager_name(s, insp, name, actor=actor)


def set_narrative(db: Database, uuid: str, text: str, *, actor: str) -> None:
    with db.session() as s:
        insp = svc.get(s, uuid)
        typed.discard(s, insp, [typed.key(typed.Field.NARRATIVE)])
        svc.set_narrative(s, insp, text, actor=actor)


def finalize(
    db: Database,
    uuid: str,
    *,
    by: str,
    manager_name: str | None = None,
    manager_signature: bytes | None = None,
) -> None:
    """Sign off (refused while something is missing); the inspection becomes read-only."""
    with db.session() as s:
        svc.finalize(
            s,
            svc.get(s, uuid),
            by=by,
            manager_name=manager_name,
            manager_signature=manager_signature,
        )


def amend(db: Database, uuid: str, *, reason: str, actor: str) -> None:
    """A new editable revision of a finalized inspection (the old one stays as it was)."""
    with db.session() as s:
        svc.amend(s, svc.get(s, uuid), reason=reason, actor=actor)


def duplicate(db: Database, uuid: str, *, actor: str) -> str:
    """A new draft with this inspection's answers to re-verify; its UUID."""
    with db.session() as s:
        return svc.duplicate(s, svc.get(s, uuid), actor=actor).uuid


def start_recheck(db: Database, uuid: str, *, actor: str) -> str:
    """A new draft re-checking inspection ``uuid`` (its branch, checklist and mode), as
    ``inspector new --recheck-of`` makes: finalizing it closes the findings it passes.
    Its UUID."""
    with db.session() as s:
        insp = svc.get(s, uuid)
        return svc.create(
            s,
            branch_code=insp.branch.code,
            checklist_id=insp.snapshot.checklist_id,
            mode=insp.mode,
            inspector=actor,
            recheck_of=insp.uuid,
        ).uuid


def delete_draft(db: Database, uuid: str, *, actor: str) -> None:
    with db.session() as s:
        svc.delete_draft(s, svc.get(s, uuid), actor=actor)


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
    mode: str,
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
        insp = svc.create(
            s,
            branch_code=branch_code,
            checklist_id=checklist.id,
            mode=mode,
            inspector=inspector,
            loaded=checklist,
        )
        return insp.uuid
