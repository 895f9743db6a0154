"""Inspections: create, answer, score, find what is missing, finalize, amend, delete.

Every function takes an explicit ``Session`` and leaves committing to the caller's unit of
work (:meth:`inspector.db.Database.session`), so a change and its audit entry, findings
and refreshed score are committed together or not at all.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from inspector.checklists import LoadedChecklist, checklist_from_json
from inspector.db.models import WAVE_MAX as WAVE_MAX  # re-exported: the service's limit
from inspector.db.models import (
    Answer as AnswerRow,
)
from inspector.db.models import (
    Branch,
    ChecklistSnapshot,
    Finding,
    Inspection,
    InspectionOwner,
    Photo,
    SectionScoreRow,
    utcnow,
)
from inspector.domain import numbers, timefmt
from inspector.domain.answers import Answer, AnswerError, coerce_value, parse_result
from inspector.domain.checklist import (
    AnswerType,
    Checklist,
    Evidence,
    Item,
    Mode,
    Result,
    Severity,
)
from inspector.domain.scoring import Outcome, Score, score
from inspector.domain.states import FindingStatus, InspectionStatus
from inspector.errors import NotFoundError, ReadOnlyError, ValidationError
from inspector.services import audit, branches
from inspector.services import findings as finding_svc

# Re-exported: callers have long read a finding's record as ``inspections.finding_dict``.
from inspector.services.findings import finding_dict as finding_dict
from inspector.services.publish import catalog, plan_status
from inspector.text import Lang, Message, Surface, lang_of
from inspector.text import Text as Wording
from inspector.text import finalize as TF
from inspector.text import inspections as T
from inspector.text.parts import NAMES_SEP, ItemName, Joined, Term, phrase

log = logging.getLogger(__name__)

# Kept under these names for the modules that import them from here.
DRAFT = InspectionStatus.DRAFT
FINALIZED = InspectionStatus.FINALIZED

# Default days to rectify by severity (立行立改 / signage and materials / building works).
DEFAULT_RECTIFY_DAYS = {Severity.HIGH: 1, Severity.MEDIUM: 7, Severity.LOW: 30}


# ---------------------------------------------------------------- checklists
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


# ---------------------------------------------------------------- look-up
def get(session: Session, ref: str) -> Inspection:
    """The current revision of the inspection whose UUID is ``ref`` (or starts with it)."""
    ref = ref.strip().lower()
    if len(ref) < 4:
        raise NotFoundError(T.ID_TOO_SHORT, ref=repr(ref))
    rows = list(
        session.scalars(
            select(Inspection)
            .where(Inspection.is_current.is_(True), Inspection.uuid.startswith(ref))
            .limit(2)
        )
    )
    if not rows:
        raise NotFoundError(T.NOT_FOUND, ref=repr(ref))
    if len(rows) > 1:
        raise NotFoundError(T.AMBIGUOUS, ref=repr(ref))
    return rows[0]


def get_revision(session: Session, uuid: str, revision: int) -> Inspection:
    row = session.scalar(
        select(Inspection).where(Inspection.uuid == uuid, Inspection.revision == revision)
    )
    if row is None:
        raise NotFoundError(T.NO_REVISION, uuid=uuid, revision=revision)
    return row


def revisions(session: Session, uuid: str) -> list[Inspection]:
    return list(
        session.scalars(
            select(Inspection).where(Inspection.uuid == uuid).order_by(Inspection.revision)
        )
    )


@dataclass(frozen=True, slots=True)
class ListFilter:
    text: str = ""
    branch_code: str | None = None
    status: str | None = None
    mode: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """One current inspection as lists show it: plain columns, no ORM objects.

    Lists read these with one column query, so a list of 100,000 inspections at HQ never
    loads ORM objects, answers or checklist content.
    """

    uuid: str
    revision: int
    status: str
    mode: str
    branch_code: str
    branch_name: str
    checklist_id: str
    checklist_version: str
    title_zh: str
    title_en: str
    snapshot_sha256: str
    inspector: str
    started_at: datetime
    finalized_at: datetime | None
    total: float | None
    grade: str | None
    passed: bool | None
    veto_failed: int
    # Imported revisions: the device that signed this one, and the inspection's owner
    # (the signer of the first revision received); None for inspections made here.
    signer: str | None = None
    owner: str | None = None


_SUMMARY_COLUMNS = (
    Inspection.uuid,
    Inspection.revision,
    Inspection.status,
    Inspection.mode,
    Branch.code,
    Branch.name,
    ChecklistSnapshot.checklist_id,
    ChecklistSnapshot.version,
    ChecklistSnapshot.title_zh,
    ChecklistSnapshot.title_en,
    ChecklistSnapshot.sha256,
    Inspection.inspector,
    Inspection.started_at,
    Inspection.finalized_at,
    Inspection.score_total,
    Inspection.grade,
    Inspection.passed,
    Inspection.veto_failed,
    Inspection.device_fingerprint,
    InspectionOwner.fingerprint,
)


_SUMMARY_FIELDS = tuple(Summary.__dataclass_fields__)


def _list_conditions(flt: ListFilter) -> list[Any]:
    conds: list[Any] = [Inspection.is_current.is_(True)]
    if flt.text:
        like = f"%{flt.text}%"
        conds.append(
            or_(
                Branch.code.ilike(like),
                Branch.name.ilike(like),
                Branch.region.ilike(like),
                Inspection.inspector.ilike(like),
                Inspection.uuid.ilike(like),
                ChecklistSnapshot.title_zh.ilike(like),
                ChecklistSnapshot.title_en.ilike(like),
            )
        )
    if flt.branch_code:
        conds.append(Branch.code == flt.branch_code)
    if flt.status:
        conds.append(Inspection.status == flt.status)
    if flt.mode:
        conds.append(Inspection.mode == flt.mode)
    if flt.date_from:
        conds.append(Inspection.started_at >= _day_start(flt.date_from))
    if flt.date_to:
        conds.append(Inspection.started_at < _day_start(flt.date_to) + timedelta(days=1))
    return conds


def list_summaries(
    session: Session, flt: ListFilter | None = None, *, limit: int | None = None
) -> tuple[list[Summary], int]:
    """Current revisions, newest first, filtered; at most ``limit``, and how many match."""
    flt = flt or ListFilter()
    conds = _list_conditions(flt)
    q = (
        select(*_SUMMARY_COLUMNS)
        .join(Branch, Branch.id == Inspection.branch_id)
        .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
        .outerjoin(InspectionOwner, InspectionOwner.uuid == Inspection.uuid)
        .where(*conds)
        .order_by(Inspection.started_at.desc(), Inspection.id.desc())
    )
    if limit is not None:
        q = q.limit(limit)
    rows = [Summary(**dict(zip(_SUMMARY_FIELDS, r, strict=True))) for r in session.execute(q)]
    total = len(rows)
    if limit is not None and total >= limit:
        total = (
            session.scalar(
                select(func.count())
                .select_from(Inspection)
                .join(Branch, Branch.id == Inspection.branch_id)
                .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
                .where(*conds)
            )
            or 0
        )
    return rows, total


def list_current(session: Session, flt: ListFilter | None = None) -> list[Inspection]:
    """Current revisions as ORM objects, newest first (for work on each; lists use
    :func:`list_summaries`)."""
    q = (
        select(Inspection)
        .join(Inspection.branch)
        .join(Inspection.snapshot)
        .where(*_list_conditions(flt or ListFilter()))
    )
    return list(session.scalars(q.order_by(Inspection.started_at.desc(), Inspection.id.desc())))


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


def _day_start(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=utcnow().tzinfo)


# ---------------------------------------------------------------- create
def create(
    session: Session,
    *,
    branch_code: str,
    checklist_id: str,
    mode: str = Mode.ONSITE,
    inspector: str = "",
    branch_name: str | None = None,
    answers: Mapping[str, Mapping[str, Any]] | None = None,
    loaded: LoadedChecklist | None = None,
    recheck_of: str | None = None,
    visit: Mapping[str, Any] | None = None,
    narrative: str | None = None,
) -> Inspection:
    """A new draft inspection; ``answers`` is the answers-file mapping of item → fields."""
    try:
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
        status=DRAFT,
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


# ---------------------------------------------------------------- answers
def _require_draft(insp: Inspection) -> None:
    if insp.status != DRAFT:
        raise ReadOnlyError(T.READ_ONLY, uuid=insp.uuid)


def answers_of(insp: Inspection) -> dict[str, Answer]:
    out: dict[str, Answer] = {}
    for row in insp.answers:
        out[row.item_id] = Answer(
            result=Result(row.result) if row.result else None, value=row.value, note=row.note
        )
    return out


def set_answer(
    session: Session,
    insp: Inspection,
    item_id: str,
    *,
    result: str | Result | None = None,
    value: Any = None,
    note: str | None = None,
    actor: str = "",
    clear: bool = False,
    rescore_now: bool = True,
) -> AnswerRow | None:
    """Record the inspector's answer to one item (or clear it); audited and rescored.

    ``result`` is the judgement (pass / fail / na) and is accepted for every answer type;
    ``value`` is the typed answer. Either or both may be given; ``note`` alone keeps them.
    """
    _require_draft(insp)
    checklist = checklist_of(insp)
    try:
        item = checklist.item(item_id)
    except KeyError:
        raise NotFoundError(T.NO_ITEM, checklist=checklist.id, item=repr(item_id)) from None
    if not item.applies_to(Mode(insp.mode)):
        raise ValidationError(T.ITEM_NOT_IN_MODE, item=_name(item), mode=insp.mode)
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
            item=_name(item),
            scenario=Wording(zh=title.zh, en=title.en) if title is not None else played,
        )
    if res == Result.NA and not item.na_choosable(played):
        raise ValidationError(T.NA_NOT_ALLOWED, item=_name(item))
    if item.type == AnswerType.TEXT and item.text_spec and val is not None and res is None:
        pass  # length is checked at finalize, a draft may be short
    if row is None:
        if res is None and val is None and not note:
            raise ValidationError(T.EMPTY_ANSWER, item=_name(item))
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
    _require_draft(insp)
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


# ---------------------------------------------------------------- copied answers
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
    _require_draft(insp)
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


# ---------------------------------------------------------------- scoring
def scenario_from_visit(visit: Mapping[str, Any] | None) -> str | None:
    """The mystery-shopper scenario played, from the visit facts (None when not chosen)."""
    value = (visit or {}).get("scenario")
    return str(value) if value else None


def scenario_of(insp: Inspection) -> str | None:
    return scenario_from_visit(insp.visit)


def score_for(
    checklist: Checklist,
    mode: Mode | str,
    answers: Mapping[str, Answer],
    visit: Mapping[str, Any] | None,
) -> Score:
    """The one way a score is computed from stored data: answers, checklist and visit facts.

    Every writer of a stored score (the app, the importer, the demo generator) and every
    reader that checks one (``hq integrity``, the PDF) goes through here, so the scenario
    that ``show_if`` conditions depend on can never be forgotten by one of them.
    """
    return score(checklist, Mode(mode), answers, scenario_from_visit(visit))


def finding_item_ids(checklist: Checklist, result: Score) -> list[str]:
    """Items that are findings of ``result``: failed, partial, or a penalty taken."""
    out = []
    for item in checklist.items():
        s = result.items[item.id]
        if s.is_finding or (item.penalty > 0 and s.penalty > 0):
            out.append(item.id)
    return out


def compute_score(insp: Inspection) -> Score:
    return score_for(checklist_of(insp), insp.mode, answers_of(insp), insp.visit)


def rescore(session: Session, insp: Inspection) -> Score:
    """Refresh the stored score, section scores and findings from the answers."""
    checklist = checklist_of(insp)
    result = score_for(checklist, insp.mode, answers_of(insp), insp.visit)
    insp.score_total = numbers.stored(result.total)
    insp.grade = result.grade
    insp.passed = result.passed
    insp.veto_failed = len(result.veto_failed)
    rows = {r.section_id: r for r in insp.section_scores}
    for sid, sec in result.sections.items():
        r = rows.get(sid)
        if r is None:
            r = SectionScoreRow(section_id=sid)
            insp.section_scores.append(r)
        r.area = sec.area
        r.weight = sec.weight
        r.earned = sec.earned
        r.possible = sec.possible
        r.percent = sec.percent
    _sync_findings(session, insp, checklist, result)
    session.flush()
    return result


def default_severity(item: Item) -> Severity:
    if item.severity is not None:
        return item.severity
    return Severity.HIGH if (item.veto or item.critical) else Severity.MEDIUM


def default_deadline(item: Item, start: date) -> date:
    sev = default_severity(item)
    days = item.rectify_days if item.rectify_days is not None else DEFAULT_RECTIFY_DAYS[sev]
    return start + timedelta(days=days)


def _sync_findings(session: Session, insp: Inspection, checklist: Checklist, result: Score) -> None:
    by_item = {f.item_id: f for f in insp.findings}
    today = insp.started_at.date()
    previous: tuple[str, set[str]] | None = None
    findings = set(finding_item_ids(checklist, result))
    for item in checklist.items():
        failing = item.id in findings
        f = by_item.get(item.id)
        if failing and f is None:
            f = Finding(
                item_id=item.id,
                severity=default_severity(item),
                deadline=default_deadline(item, today),
                active=True,
                status=FindingStatus.OPEN,
            )
            if previous is None:  # looked up once, and only when a new finding appears
                previous = previous_findings(session, insp)
            _mark_repeat(f, previous)
            insp.findings.append(f)
        elif f is not None and f.active != failing:
            f.active = failing
            f.updated_at = utcnow()


def previous_findings(session: Session, insp: Inspection) -> tuple[str, set[str]]:
    """The branch's previous finalized inspection (UUID) and the items it found failing.

    "Previous" is the latest finalized, current inspection of the same branch and mode that
    started before this one, whatever its checklist (an item id means the same check in
    every checklist that includes it). ``("", set())`` when there is none.
    """
    prev = session.scalars(
        select(Inspection)
        .where(
            Inspection.branch_id == insp.branch_id,
            Inspection.mode == insp.mode,
            Inspection.uuid != insp.uuid,
            Inspection.is_current.is_(True),
            Inspection.status == FINALIZED,
            Inspection.started_at < insp.started_at,
        )
        .order_by(Inspection.started_at.desc(), Inspection.id.desc())
        .limit(1)
    ).first()
    if prev is None:
        return "", set()
    items = set(
        session.scalars(
            select(Finding.item_id).where(
                Finding.inspection_id == prev.id, Finding.active.is_(True)
            )
        )
    )
    return prev.uuid, items


def _mark_repeat(f: Finding, previous: tuple[str, set[str]]) -> None:
    """屡查屡犯: the same finding as last time is marked and escalated one severity level."""
    prev_uuid, prev_items = previous
    if f.repeat_of is None and prev_uuid and f.item_id in prev_items:
        f.repeat_of = prev_uuid
        f.severity = Severity(f.severity).escalated()


def mark_repeat_findings(session: Session, insp: Inspection) -> None:
    """Mark every active finding that repeats the previous inspection's (at sign-off)."""
    previous = previous_findings(session, insp)
    if not previous[0]:
        return
    for f in insp.findings:
        if f.active:
            _mark_repeat(f, previous)


def active_findings(insp: Inspection) -> list[Finding]:
    """Findings ordered for reports: veto items first, then critical, then severity."""
    checklist = checklist_of(insp)
    index = checklist.item_index()
    order = {i.id: n for n, i in enumerate(checklist.items())}

    def key(f: Finding) -> tuple[int, int, int, int]:
        item = index.get(f.item_id)
        veto = 0 if item is not None and item.veto else 1
        crit = 0 if item is not None and item.critical else 1
        return (veto, crit, Severity(f.severity).rank, order.get(f.item_id, 10**6))

    return sorted((f for f in insp.findings if f.active), key=key)


def update_finding(
    session: Session,
    insp: Inspection,
    item_id: str,
    *,
    actor: str,
    action: str | None = None,
    owner: str | None = None,
    deadline: date | None = None,
    severity: str | None = None,
) -> Finding:
    _require_draft(insp)
    f = next((x for x in insp.findings if x.item_id == item_id and x.active), None)
    if f is None:
        raise NotFoundError(T.NOT_A_FINDING, item=item_name(insp, item_id), uuid=insp.uuid)
    old = finding_dict(f)
    if action is not None:
        f.action = action
    if owner is not None:
        f.owner = owner
    if deadline is not None:
        f.deadline = deadline
    if severity is not None:
        try:
            f.severity = Severity(severity)
        except ValueError:
            raise ValidationError(T.BAD_SEVERITY, severity=repr(severity)) from None
    f.updated_at = utcnow()
    audit.record(
        session,
        actor=actor,
        entity="finding",
        action="update",
        key=item_id,
        old=old,
        new=finding_dict(f),
        inspection=insp,
    )
    return f


def close_findings_by_recheck(
    session: Session, recheck_insp: Inspection, *, actor: str
) -> list[Finding]:
    """Close the open findings of the followed-up inspection whose item passes in the re-check.

    Only a clear pass closes a finding: a partial, N/A or unanswered item in the re-check
    leaves it open. Each closing is audited on the followed-up inspection.
    """
    if not recheck_insp.recheck_of:
        raise ValidationError(T.NOT_A_RECHECK, uuid=recheck_insp.uuid)
    target = get(session, recheck_insp.recheck_of)
    return finding_svc.close_passed(
        session, recheck_insp, target, compute_score(recheck_insp), actor=actor
    )


def close_finding(session: Session, ref: str, item_id: str, *, note: str, actor: str) -> Finding:
    """Close one finding by hand (rectification verified without a re-check)."""
    finding_svc.require_closing_note(note)  # before the look-up: the first thing to fix
    return finding_svc.close_by_hand(session, get(session, ref), item_id, note=note, actor=actor)


# ---------------------------------------------------------------- visit facts
VISIT_FIELDS = (
    "arrival",
    "departure",
    "ticket",
    "customers_waiting",
    "scenario",
    "wait_started",
    "wait_called",
    "wave",
)
"""``wave``: a mystery-shopper wave (e.g. "2026Q4 取现"): every visit of a wave plays the
same scenario, so their totals compare like with like. ``inspections.wave`` indexes it
(at most ``WAVE_MAX`` characters)."""


TIME_FIELDS = ("arrival", "departure", "wait_started", "wait_called")


def parse_visit_time(key: str, value: str, *, today: date | None = None) -> str:
    """An ISO 8601 time with its UTC offset; also accepts 'YYYY-MM-DD HH:MM' and 'HH:MM'.

    Times without an offset are in the display zone (``display.tz``, as every time people
    read; 'HH:MM' is today there).
    """
    text = str(value).strip()
    try:
        if len(text) <= 5 and ":" in text:
            hh, mm = (int(x) for x in text.split(":"))
            day = today or timefmt.today()
            moment = datetime(day.year, day.month, day.day, hh, mm)
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        label = T.VISIT_FIELD_LABELS.get(key)
        raise ValidationError(
            T.BAD_TIME, field=Term(key, label) if label else key, text=repr(text)
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timefmt.zone())  # the zone people read times in
    return moment.isoformat(timespec="seconds")


def set_visit(session: Session, insp: Inspection, *, actor: str, **fields: Any) -> None:
    _require_draft(insp)
    unknown = set(fields) - set(VISIT_FIELDS)
    if unknown:
        raise ValidationError(T.UNKNOWN_VISIT_FIELDS, fields=", ".join(sorted(unknown)))
    checklist = checklist_of(insp)
    scen = fields.get("scenario")
    if scen and scen not in {s.id for s in checklist.scenarios}:
        ids = ", ".join(s.id for s in checklist.scenarios) or T.NO_SCENARIOS
        raise ValidationError(
            T.UNKNOWN_SCENARIO, scenario=repr(scen), checklist=checklist.id, ids=ids
        )
    _check_wave(session, insp, checklist, fields)
    for key in TIME_FIELDS:
        if fields.get(key):
            fields[key] = parse_visit_time(key, fields[key])
    cw = fields.get("customers_waiting")
    if cw is not None and (not isinstance(cw, int) or isinstance(cw, bool) or cw < 0):
        raise ValidationError(T.CUSTOMERS_WAITING)
    old = dict(insp.visit or {})
    new = {**old, **fields}
    new = {k: v for k, v in new.items() if v not in (None, "")}
    if new.get("arrival") and new.get("departure"):
        arrival = datetime.fromisoformat(new["arrival"])
        departure = datetime.fromisoformat(new["departure"])
        if departure < arrival:
            raise ValidationError(
                T.DEPARTURE_BEFORE_ARRIVAL, departure=new["departure"], arrival=new["arrival"]
            )
    if new != old:
        insp.visit = new
        insp.updated_at = utcnow()
        audit.record(
            session,
            actor=actor,
            entity="visit",
            action="update",
            old=old,
            new=new,
            inspection=insp,
        )
        if old.get("scenario") != new.get("scenario"):
            rescore(session, insp)  # conditions may depend on the scenario played


def wave_scenario(session: Session, wave: str, checklist_id: str, *, exclude: int) -> str | None:
    """The scenario the wave's other visits play (the first one recorded fixes it).

    Found through the indexed ``inspections.wave`` column (``ix_inspections_wave``): only
    the wave's own visits are read, however many inspections the database holds. A wave
    HQ's plan gives a scenario plays that one (issue 22).
    """
    planned = plan_status.scenario_for_wave(session, checklist_id, wave)
    if planned is not None:
        return planned
    q = (
        select(Inspection.visit)
        .join(ChecklistSnapshot, Inspection.snapshot_id == ChecklistSnapshot.id)
        .where(
            Inspection.wave == wave,
            Inspection.is_current.is_(True),
            Inspection.id != exclude,
            ChecklistSnapshot.checklist_id == checklist_id,
        )
        .order_by(Inspection.started_at, Inspection.id)
        # Usually the first visit names the scenario: read a few, not the whole wave.
        .execution_options(yield_per=32)
    )
    rows = session.scalars(q)
    try:
        for visit in rows:
            scenario = (visit or {}).get("scenario")
            if scenario:
                return str(scenario)
    finally:
        rows.close()
    return None


def _check_wave(
    session: Session, insp: Inspection, checklist: Checklist, fields: dict[str, Any]
) -> None:
    """A wave fixes the scenario: a visit joining it plays the wave's scenario."""
    current = dict(insp.visit or {})
    wave = fields.get("wave", current.get("wave"))
    if wave is None or wave == "":
        return
    if not isinstance(wave, str) or len(wave.strip()) > WAVE_MAX or not wave.strip():
        raise ValidationError(T.WAVE_LENGTH, max=WAVE_MAX)
    wave = wave.strip()
    if "wave" in fields:
        fields["wave"] = wave
    fixed = wave_scenario(session, wave, checklist.id, exclude=insp.id)
    if fixed is None:
        return
    scen = fields.get("scenario", current.get("scenario"))
    if scen and scen != fixed:
        raise ValidationError(
            T.WAVE_SCENARIO, wave=repr(wave), fixed=repr(fixed), scenario=repr(scen)
        )
    fields["scenario"] = fixed


def set_narrative(session: Session, insp: Inspection, text: str, *, actor: str) -> None:
    _require_draft(insp)
    if text != insp.narrative:
        audit.record(
            session,
            actor=actor,
            entity="narrative",
            action="update",
            old=insp.narrative,
            new=text,
            inspection=insp,
        )
        insp.narrative = text
        insp.updated_at = utcnow()


def set_manager_name(session: Session, insp: Inspection, name: str, *, actor: str) -> None:
    """The branch manager's name, saved while it is typed (before sign-off)."""
    _require_draft(insp)
    if insp.mode == Mode.MYSTERY and name.strip():
        raise ValidationError(T.MYSTERY_NO_MANAGER)
    value = name.strip() or None
    if value != insp.manager_name:
        audit.record(
            session,
            actor=actor,
            entity="inspection",
            action="manager_name",
            key=insp.uuid,
            old=insp.manager_name,
            new=value,
            inspection=insp,
        )
        insp.manager_name = value
        insp.updated_at = utcnow()


# ---------------------------------------------------------------- finalize
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


def _name(item: Item) -> ItemName:
    return ItemName(item.id, item.text.zh, item.text.en)


def item_name(insp: Inspection, item_id: str) -> ItemName | str:
    """How a message names an item of ``insp``: its id on the CLI, its title in the app (the
    bare id when the checklist has no such item)."""
    try:
        return _name(checklist_of(insp).item(item_id))
    except KeyError:
        return item_id


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
                    Missing("answer", item.id, TF.COPIED_NOT_VERIFIED, {"item": _name(item)})
                )
            else:
                out.append(Missing("answer", item.id, TF.NOT_ANSWERED, {"item": _name(item)}))
            continue
        rule = item.evidence.for_mode(mode)
        need_photo = rule == Evidence.REQUIRED and s.outcome != Outcome.NA
        need_photo = need_photo or (rule == Evidence.ON_FAIL and s.is_finding)
        if need_photo and photos_by_item.get(item.id, 0) == 0:
            out.append(Missing("evidence", item.id, TF.NEEDS_PHOTO, {"item": _name(item)}))
        if item.type == AnswerType.TEXT and item.text_spec and item.text_spec.min_length:
            ans = answers_of(insp).get(item.id)
            text = ans.value if ans and isinstance(ans.value, str) else ""
            if item.required and len(text.strip()) < item.text_spec.min_length:
                n = item.text_spec.min_length
                out.append(
                    Missing("answer", item.id, TF.TEXT_TOO_SHORT, {"item": _name(item), "n": n})
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
                {"item": _name(item), "lacking": lacking},
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
    if insp.status == FINALIZED:
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
    insp.status = FINALIZED
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


def amend(session: Session, insp: Inspection, *, reason: str, actor: str) -> Inspection:
    """A new draft revision of a finalized inspection, superseding it (same UUID)."""
    if insp.status != FINALIZED:
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
        status=DRAFT,
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
    if insp.status != DRAFT:
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


# ---------------------------------------------------------------- views
def summary_of(insp: Inspection) -> Summary:
    return Summary(
        uuid=insp.uuid,
        revision=insp.revision,
        status=insp.status,
        mode=insp.mode,
        branch_code=insp.branch.code,
        branch_name=insp.branch.name,
        checklist_id=insp.snapshot.checklist_id,
        checklist_version=insp.snapshot.version,
        title_zh=insp.snapshot.title_zh,
        title_en=insp.snapshot.title_en,
        snapshot_sha256=insp.snapshot.sha256,
        inspector=insp.inspector,
        started_at=insp.started_at,
        finalized_at=insp.finalized_at,
        total=insp.score_total,
        grade=insp.grade,
        passed=insp.passed,
        veto_failed=insp.veto_failed,
    )


def summary_dict(summary: Summary) -> dict[str, Any]:
    """The short form used by ``list --json`` (a public contract)."""
    return {
        "id": summary.uuid,
        "revision": summary.revision,
        "status": summary.status,
        "mode": summary.mode,
        "branch": {"code": summary.branch_code, "name": summary.branch_name},
        "checklist": {"id": summary.checklist_id, "version": summary.checklist_version},
        "inspector": summary.inspector,
        # JSON times: the reader's zone with its offset (timefmt.iso, one rule).
        "started_at": timefmt.iso(summary.started_at),
        "finalized_at": timefmt.iso(summary.finalized_at),
        "total": numbers.record_or_none(summary.total),
        "grade": summary.grade,
        "passed": summary.passed,
        "signer": summary.signer,
        "owner": summary.owner or summary.signer,
    }


def score_dict(result: Score) -> dict[str, Any]:
    return {
        "total": numbers.record(result.total),
        "base": numbers.record(result.base),
        "penalties": numbers.record(result.penalties),
        "grade": result.grade,
        "passed": result.passed,
        "veto_failed": list(result.veto_failed),
        "gates_failed": list(result.gates_failed),
        # 扣分: each point lost, summing to 100 − total (to the cent).
        "deductions": [
            {
                "item": d.item_id,
                "section": d.section_id,
                "points": d.points,
                "reason": d.reason.value,
            }
            for d in result.deductions
        ],
        "sections": {
            sid: {
                "score": numbers.stored(s.earned),
                "max": numbers.stored(s.possible),
                "percent": numbers.record_or_none(s.percent),
                "weight": numbers.stored(s.weight),
                "area": s.area,
                "gated": s.gated,
            }
            for sid, s in result.sections.items()
        },
    }


def show_dict(session: Session, insp: Inspection) -> dict[str, Any]:
    """Everything ``show --json`` prints: a public contract for HQ scripts."""
    checklist = checklist_of(insp)
    result = compute_score(insp)
    answers = answers_of(insp)
    ans_out: dict[str, Any] = {}
    for item in checklist.items():
        a = answers.get(item.id)
        s = result.items[item.id]
        if a is None:
            continue
        ans_out[item.id] = {
            "result": a.result.value if a.result else None,
            "value": a.value,
            "note": a.note,
            "outcome": s.outcome.value,
            "points": numbers.stored(s.points),
            "max_points": numbers.stored(s.max_points),
        }
    photos = [
        {
            "id": p.id,
            "item": p.item_id,
            "sha256": p.sha256,
            "width": p.width,
            "height": p.height,
            "taken_at": timefmt.iso(p.taken_at),
            "format": p.format,
            "redacted": bool((p.layers or {}).get("redactions")),
        }
        for p in insp.photos
    ]
    return {
        **summary_dict(summary_of(insp)),
        "supersedes": insp.supersedes_revision,
        "amendment_reason": insp.amendment_reason,
        "branch": branches.as_dict(insp.branch),
        "checklist": {
            "id": insp.snapshot.checklist_id,
            "version": insp.snapshot.version,
            "sha256": insp.snapshot.sha256,
            "title": {"zh": insp.snapshot.title_zh, "en": insp.snapshot.title_en},
        },
        "finalized_by": insp.finalized_by,
        "manager_name": insp.manager_name,
        "visit": dict(insp.visit or {}),
        "narrative": insp.narrative,
        "recheck_of": insp.recheck_of,
        "copied_from": insp.copied_from,
        "to_reverify": sorted(insp.copied_answers or {}),
        "origin": insp.origin,
        "answers": ans_out,
        "score": score_dict(result),
        # Each finding with the answer behind it: the inspector's judgement and the value
        # (when they disagree, the judgement is what counted).
        "findings": [
            {
                **finding_dict(f),
                "closed_at": timefmt.iso(f.closed_at),
                "judgement": (
                    answers[f.item_id].result.value  # type: ignore[union-attr]
                    if f.item_id in answers and answers[f.item_id].result
                    else None
                ),
                "value": answers[f.item_id].value if f.item_id in answers else None,
            }
            for f in active_findings(insp)
        ],
        "photos": photos,
        "missing": [
            {"kind": m.kind, "item": m.item_id, "message": m.message()}
            for m in (missing_for_finalize(insp) if insp.status == DRAFT else [])
        ],
    }


def count_current(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Inspection).where(Inspection.is_current.is_(True))
        )
        or 0
    )
