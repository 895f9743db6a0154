"""An inspection's life: create (and fill from an answers file), amend, duplicate, delete."""

from __future__ import annotations

import copy
import logging
from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from inspector.checklists import LoadedChecklist
from inspector.db.models import (
    Answer as AnswerRow,
)
from inspector.db.models import (
    Finding,
    Inspection,
    Photo,
)
from inspector.domain.checklist import (
    Mode,
)
from inspector.domain.states import InspectionStatus
from inspector.errors import ReadOnlyError, ValidationError
from inspector.services import audit, branches
from inspector.services.inspections.answering import set_answer
from inspector.services.inspections.lookup import get, get_revision
from inspector.services.inspections.rescoring import rescore
from inspector.services.inspections.snapshots import checklist_of, snapshot_for
from inspector.services.inspections.visits import set_narrative, set_visit
from inspector.services.publish import catalog
from inspector.text import inspections as T
from inspector.text.parts import Joined, phrase

log = logging.getLogger(__name__)


def create(
    session: Session,
    *,
    branch_code: str,
    checklist_id: str,
    mode: Mode = Mode.ONSITE,
    inspector: str = "",
    branch_name: str | None = None,
    answers: Mapping[str, Mapping[str, Any]] | None = None,
    loaded: LoadedChecklist | None = None,
    recheck_of: str | None = None,
    visit: Mapping[str, Any] | None = None,
    narrative: str | None = None,
) -> Inspection:
    """A new draft inspection; ``answers`` is the answers-file mapping of item → fields."""
    try:  # a caller outside the typed code (a script, a test) may still pass a str
        mode_v = Mode(mode)
    except ValueError:
        raise ValidationError(T.BAD_MODE, mode=repr(mode)) from None
    # The newest version offered here (HQ's installed one or the shipped one), never a
    # withdrawn one (issue 22).
    loaded = loaded or catalog.for_new_inspection(session, checklist_id)
    if mode_v not in loaded.resolved.modes:
        modes = ", ".join(m.value for m in loaded.resolved.modes)
        raise ValidationError(
            T.MODE_NOT_SUPPORTED, checklist=loaded.id, mode=mode_v.value, modes=modes
        )
    branch = branches.find_by_code(session, branch_code.strip())
    if branch is None:
        if not branch_name:
            branches.get_by_code(session, branch_code.strip())  # raises with how to add it
        branch = branches.create(session, code=branch_code, name=branch_name or "", actor=inspector)
    if recheck_of is not None:
        recheck_of = get(session, recheck_of).uuid
    insp = Inspection(
        mode=mode_v.value,
        status=InspectionStatus.DRAFT,
        branch=branch,
        snapshot=snapshot_for(session, loaded),
        inspector=inspector.strip(),
        visit={},
        recheck_of=recheck_of,
    )
    session.add(insp)
    session.flush()
    audit.record(
        session,
        actor=inspector,
        entity="inspection",
        action="create",
        key=insp.uuid,
        new={"branch": branch.code, "checklist": loaded.id, "mode": mode_v.value},
        inspection=insp,
    )
    if visit:
        set_visit(session, insp, actor=inspector, **dict(visit))
    if narrative:
        set_narrative(session, insp, narrative, actor=inspector)
    if answers:
        apply_answers_file(session, insp, answers, actor=inspector)
    else:
        rescore(session, insp)
    return insp


def apply_answers_file(
    session: Session, insp: Inspection, answers: Mapping[str, Any], *, actor: str
) -> None:
    """Apply ``{"ITEM": {"result": ..., "value": ..., "note": ...}}``; all or nothing."""
    if not isinstance(answers, Mapping):
        raise ValidationError(T.ANSWERS_NOT_OBJECT)
    checklist = checklist_of(insp)
    index = checklist.item_index()
    problems = []
    for item_id, fields in answers.items():
        if item_id not in index:
            problems.append(phrase(T.ANSWERS_UNKNOWN_ITEM, item=repr(item_id)))
            continue
        if not isinstance(fields, Mapping):
            problems.append(phrase(T.ANSWERS_ITEM_NOT_OBJECT, item=item_id))
            continue
        extra = set(fields) - {"result", "value", "note"}
        if extra:
            problems.append(
                phrase(T.ANSWERS_UNKNOWN_FIELDS, item=item_id, fields=", ".join(sorted(extra)))
            )
    if problems:
        raise ValidationError(T.ANSWERS_PROBLEMS, problems=Joined(problems))
    for item_id, fields in answers.items():
        result = fields.get("result")
        set_answer(
            session,
            insp,
            item_id,
            result=str(result) if result is not None else None,
            value=fields.get("value"),
            note=fields.get("note"),
            actor=actor,
            rescore_now=False,
        )
    rescore(session, insp)


def amend(session: Session, insp: Inspection, *, reason: str, actor: str) -> Inspection:
    """A new draft revision of a finalized inspection, superseding it (same UUID)."""
    if insp.status != InspectionStatus.FINALIZED:
        raise ValidationError(T.AMEND_DRAFT, uuid=insp.uuid)
    if not reason.strip():
        raise ValidationError(T.AMEND_NEEDS_REASON)
    insp.is_current = False
    session.flush()  # the partial unique index allows one current row per UUID
    new = _copy(session, insp, keep_identity=True, revision=insp.revision + 1)
    new.supersedes_revision = insp.revision
    new.amendment_reason = reason.strip()
    session.flush()
    audit.record(
        session,
        actor=actor,
        entity="inspection",
        action="amend",
        key=new.uuid,
        old={"revision": insp.revision},
        new={"revision": new.revision, "reason": reason},
        inspection=new,
    )
    rescore(session, new)
    return new


def duplicate(session: Session, insp: Inspection, *, actor: str) -> Inspection:
    """A new draft inspection (new UUID) with the same branch, checklist and mode.

    The old answers come along as *copied answers to re-verify*, not as answers: each
    counts as unanswered until the inspector confirms it (or answers anew), so no old
    failure becomes a finding of the new inspection. ``copied_from`` records the source.
    """
    new = _copy(session, insp, keep_identity=False)
    session.flush()
    audit.record(
        session,
        actor=actor,
        entity="inspection",
        action="create",
        key=new.uuid,
        new={"duplicate_of": insp.uuid, "copied_answers": sorted(new.copied_answers or {})},
        inspection=new,
    )
    rescore(session, new)
    return new


def _copy(
    session: Session, insp: Inspection, *, keep_identity: bool, revision: int = 1
) -> Inspection:
    new = Inspection(
        revision=revision,
        mode=insp.mode,
        status=InspectionStatus.DRAFT,
        branch_id=insp.branch_id,
        snapshot_id=insp.snapshot_id,
        inspector=insp.inspector,
        visit=dict(insp.visit or {}) if keep_identity else {},
        narrative=insp.narrative if keep_identity else "",
        recheck_of=insp.recheck_of,
    )
    if keep_identity:
        new.uuid = insp.uuid
        new.supersedes_revision = insp.revision
        new.started_at = insp.started_at
        new.created_at = insp.created_at
        new.manager_name = insp.manager_name
        new.copied_from = insp.copied_from
        new.copied_answers = copy.deepcopy(insp.copied_answers)
    else:
        new.copied_from = insp.uuid
        copied = {
            a.item_id: {"result": a.result, "value": copy.deepcopy(a.value), "note": a.note}
            for a in insp.answers
        }
        new.copied_answers = copied or None
    session.add(new)
    if keep_identity:
        for a in insp.answers:
            new.answers.append(_clone(a))
        for f in insp.findings:
            new.findings.append(_clone(f))
        for p in insp.photos:
            new.photos.append(_clone(p))
    session.flush()
    return new


_Row = TypeVar("_Row", AnswerRow, Finding, Photo)


def _clone(row: _Row, **overrides: Any) -> _Row:
    """A new row of the same kind with every column copied but its keys.

    Copying column by column from the mapper, not by a hand-kept list, means a column
    added later is carried into amendments too. JSON values are copied, not shared.
    """
    values = {
        attr.key: copy.deepcopy(getattr(row, attr.key))
        for attr in sa_inspect(type(row)).column_attrs
        if attr.key not in ("id", "inspection_id")
    }
    values.update(overrides)
    return type(row)(**values)


def delete_draft(session: Session, insp: Inspection, *, actor: str) -> None:
    if insp.status != InspectionStatus.DRAFT:
        raise ReadOnlyError(T.DELETE_FINALIZED, uuid=insp.uuid)
    audit.record(
        session,
        actor=actor,
        entity="inspection",
        action="delete",
        key=insp.uuid,
        old={"branch": insp.branch.code, "revision": insp.revision},
        inspection=insp,
    )
    uuid, rev = insp.uuid, insp.revision
    session.delete(insp)
    session.flush()
    if rev > 1:
        # Deleting an amendment draft makes the revision it superseded current again.
        prev = get_revision(session, uuid, rev - 1)
        prev.is_current = True
