"""Sign-off: what is still missing (the finalize checks) and finalizing."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from inspector.db.models import (
    Inspection,
    utcnow,
)
from inspector.domain import numbers
from inspector.domain.checklist import (
    AnswerType,
    Checklist,
    Evidence,
    Mode,
)
from inspector.domain.scoring import Outcome, Score
from inspector.domain.states import InspectionStatus
from inspector.errors import ReadOnlyError, ValidationError
from inspector.services import audit
from inspector.services.findings.closing import close_findings_by_recheck
from inspector.services.findings.sync import mark_repeat_findings
from inspector.services.inspections.rescoring import rescore
from inspector.services.inspections.scoring import answers_of, compute_score
from inspector.services.inspections.snapshots import checklist_of, name_of
from inspector.text import Lang, Message, Surface, lang_of
from inspector.text import finalize as TF
from inspector.text import inspections as T
from inspector.text.parts import NAMES_SEP, Joined, phrase

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Missing:
    """Something that blocks finalizing; ``item_id`` is None for inspection-level gaps."""

    kind: str  # answer | evidence | narrative | visit | rectification | manager
    item_id: str | None
    text: Message  # from inspector.text.finalize
    fields: Mapping[str, object] = field(default_factory=dict)

    def message(self, lang: Lang | str = Lang.EN, surface: Surface = Surface.CLI) -> str:
        """The gap in ``lang``: the CLI's English is a contract (``show --json`` "message").

        A remedy follows the text directly (it carries its own brackets), in the terms of
        ``surface``: the CLI's names a command, the app's a tab.
        """
        lg = lang_of(lang)
        text = self.text.what.render(lg, surface, **self.fields)
        remedy = self.text.cli if surface is Surface.CLI else self.text.gui
        if remedy is not None:
            text += remedy.render(lg, surface, **self.fields)
        return text


def missing_for_finalize(insp: Inspection) -> list[Missing]:
    """Everything that must be done before the inspection can be finalized, in order."""
    checklist = checklist_of(insp)
    mode = Mode(insp.mode)
    result = compute_score(insp)
    photos_by_item: dict[str, int] = {}
    for p in insp.photos:
        photos_by_item[p.item_id] = photos_by_item.get(p.item_id, 0) + 1
    out: list[Missing] = []
    for item in checklist.items():
        s = result.items[item.id]
        if s.outcome == Outcome.HIDDEN:
            continue
        if s.outcome == Outcome.UNANSWERED and item.required:
            if item.id in (insp.copied_answers or {}):
                out.append(
                    Missing("answer", item.id, TF.COPIED_NOT_VERIFIED, {"item": name_of(item)})
                )
            else:
                out.append(Missing("answer", item.id, TF.NOT_ANSWERED, {"item": name_of(item)}))
            continue
        rule = item.evidence.for_mode(mode)
        need_photo = rule == Evidence.REQUIRED and s.outcome != Outcome.NA
        need_photo = need_photo or (rule == Evidence.ON_FAIL and s.is_finding)
        if need_photo and photos_by_item.get(item.id, 0) == 0:
            out.append(Missing("evidence", item.id, TF.NEEDS_PHOTO, {"item": name_of(item)}))
        if item.type == AnswerType.TEXT and item.text_spec and item.text_spec.min_length:
            ans = answers_of(insp).get(item.id)
            text = ans.value if ans and isinstance(ans.value, str) else ""
            if item.required and len(text.strip()) < item.text_spec.min_length:
                n = item.text_spec.min_length
                out.append(
                    Missing("answer", item.id, TF.TEXT_TOO_SHORT, {"item": name_of(item), "n": n})
                )
    out += _red_lines_without_rectification(insp, checklist, result)
    need = checklist.min_photos.for_mode(mode)
    # A photo attached to several items is one photo taken, not several.
    have = len({p.sha256 for p in insp.photos})
    if need and have < need:
        out.append(Missing("evidence", None, TF.TOO_FEW_PHOTOS, {"have": have, "need": need}))
    rule_n = checklist.narrative
    if rule_n is not None and mode in rule_n.modes:
        n = len(insp.narrative.strip())
        if n < rule_n.min_length:
            out.append(
                Missing(
                    "narrative", None, TF.NARRATIVE_TOO_SHORT, {"n": n, "min": rule_n.min_length}
                )
            )
    if checklist.visit_facts and mode == Mode.MYSTERY:
        for key, fact in TF.VISIT_FACTS.items():
            if not (insp.visit or {}).get(key):
                out.append(Missing("visit", None, TF.VISIT_FACT_MISSING, {"fact": fact}))
        if checklist.scenarios and not (insp.visit or {}).get("scenario"):
            out.append(Missing("visit", None, TF.NO_SCENARIO))
    if mode == Mode.ONSITE and not (insp.manager_name or "").strip():
        # The report prints the manager's sign-off line; a mystery visit has none.
        out.append(Missing("manager", None, TF.NO_MANAGER))
    return out


def _red_lines_without_rectification(
    insp: Inspection, checklist: Checklist, result: Score
) -> list[Missing]:
    """A failed red-line (veto) item is filed with its rectification: action and owner."""
    active = {f.item_id: f for f in insp.findings if f.active}
    out: list[Missing] = []
    for item in checklist.items():
        if not item.veto or not result.items[item.id].is_finding:
            continue
        f = active.get(item.id)
        lacks_action = f is None or not f.action.strip()
        lacks_owner = f is None or not f.owner.strip()
        if not (lacks_action or lacks_owner):
            continue
        lacking = (
            TF.LACKS_ACTION_AND_OWNER
            if lacks_action and lacks_owner
            else TF.LACKS_ACTION
            if lacks_action
            else TF.LACKS_OWNER
        )
        out.append(
            Missing(
                "rectification",
                item.id,
                TF.RED_LINE_UNRECTIFIED,
                {"item": name_of(item), "lacking": lacking},
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class _MissingLine:
    """One line of the finalize refusal: the CLI keeps the words of the missing list (with
    its command hint); the app says a red-line item lacks its rectification and the
    message's remedy says where to fill it in."""

    missing: Missing

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        m = self.missing
        if surface is Surface.GUI and m.kind == "rectification":
            return T.RED_LINE_UNRECTIFIED.render(lang, surface, item=m.fields["item"])
        return m.message(lang_of(lang), surface)


def _cannot_finalize(missing: list[Missing]) -> ValidationError:
    """The refusal listing the first five gaps; red-line items name the Findings tab."""
    fields: dict[str, object] = {
        "count": len(missing),
        "missing": Joined([_MissingLine(m) for m in missing[:5]]),
        "more": phrase(T.FINALIZE_MORE, n=len(missing) - 5) if len(missing) > 5 else "",
    }
    red = [m.fields["item"] for m in missing if m.kind == "rectification" and m.item_id]
    if red:
        return ValidationError(
            T.FINALIZE_MISSING_RED_LINES, red_lines=Joined(red, NAMES_SEP), **fields
        )
    return ValidationError(T.FINALIZE_MISSING, **fields)


def finalize(
    session: Session,
    insp: Inspection,
    *,
    by: str,
    manager_name: str | None = None,
    manager_signature: bytes | None = None,
    force: bool = False,
) -> Score:
    """Sign off: the inspection becomes read-only. Refused while something is missing."""
    if insp.status == InspectionStatus.FINALIZED:
        raise ReadOnlyError(T.ALREADY_FINALIZED, uuid=insp.uuid)
    if not by.strip():
        raise ValidationError(T.FINALIZE_NEEDS_NAME)
    if insp.mode == Mode.MYSTERY and (manager_name or manager_signature):
        # The shopper is covert: nobody at the branch signs a mystery visit.
        raise ValidationError(T.MYSTERY_FINALIZE_MANAGER)
    missing = missing_for_finalize(insp)
    if manager_name is not None and manager_name.strip():
        # Named with this sign-off (``finalize --manager``, the app's field).
        missing = [m for m in missing if m.kind != "manager"]
    if missing and not force:
        raise _cannot_finalize(missing)
    result = rescore(session, insp)
    # A previous inspection may have arrived (import) since these findings were made.
    mark_repeat_findings(session, insp)
    if insp.copied_answers:
        # What is signed is what the inspector entered: unconfirmed copies are not part of it.
        audit.record(
            session,
            actor=by,
            entity="inspection",
            action="drop_copied_answers",
            key=insp.uuid,
            old=dict(insp.copied_answers),
            inspection=insp,
        )
        insp.copied_answers = None
    insp.status = InspectionStatus.FINALIZED
    insp.finalized_at = utcnow()
    insp.finalized_by = by.strip()
    if not insp.inspector:
        insp.inspector = by.strip()
    if manager_name is not None:
        insp.manager_name = manager_name.strip() or None
    if manager_signature is not None:
        insp.manager_signature = manager_signature
    if insp.mode == Mode.MYSTERY:
        insp.manager_name = insp.manager_signature = None
    insp.updated_at = utcnow()
    audit.record(
        session,
        actor=by,
        entity="inspection",
        action="finalize",
        key=insp.uuid,
        new={"total": numbers.record(result.total), "grade": result.grade, "manager": manager_name},
        inspection=insp,
    )
    if insp.recheck_of:
        # A finalized re-check closes the followed-up inspection's findings it now passes.
        close_findings_by_recheck(session, insp, actor=by.strip())
    session.flush()
    from inspector.services.hq import repeats as hq_repeats  # HQ's view of the branch

    hq_repeats.evaluate(session, [insp.branch_id], (insp.snapshot.checklist_id, insp.mode))
    return result
