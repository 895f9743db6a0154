"""Stored scores checked against a re-score with the inspection's own snapshot, and repaired."""

from __future__ import annotations

import logging
from collections import defaultdict

from sqlalchemy import (
    select,
)
from sqlalchemy.orm import Session

from inspector.checklists import SnapshotDamagedError
from inspector.db.models import Answer as AnswerRow
from inspector.db.models import (
    Branch,
    ChecklistSnapshot,
    Inspection,
)
from inspector.domain.answers import Answer
from inspector.domain.checklist import Checklist, Result
from inspector.services import audit
from inspector.services.hq.rows import (
    SCORE_TOLERANCE,
    HqFilter,
    ScoreMismatch,
    _r,
)
from inspector.services.hq.scope import conditions, parsed_checklist
from inspector.services.inspections import rescoring
from inspector.services.inspections import scoring as insp_scoring

log = logging.getLogger(__name__)


SCORE_CHECK_BATCH = 500


def score_check(session: Session, flt: HqFilter) -> list[ScoreMismatch]:
    """Inspections whose stored score differs from a re-score of their stored data.

    Each selected inspection's answers are scored again with its own checklist snapshot
    and visit facts (:func:`inspections.score_for`, the function every writer uses) and
    compared with the stored total, grade, pass and red-line count. Read in batches, so
    memory stays flat at 100,000 inspections.
    """
    out: list[ScoreMismatch] = []
    meta = session.execute(
        select(
            Inspection.id,
            Inspection.uuid,
            Inspection.revision,
            Inspection.mode,
            Inspection.visit,
            Inspection.status,
            Inspection.started_at,
            Inspection.snapshot_id,
            Inspection.score_total,
            Inspection.grade,
            Inspection.passed,
            Inspection.veto_failed,
            Branch.code,
            Branch.name,
        )
        .join(Branch, Branch.id == Inspection.branch_id)
        .where(*conditions(flt))
        .order_by(Inspection.id)
    ).all()
    # A snapshot that no longer validates (damaged, or holding numbers out of range such as
    # points: 1e308 from before they were bounded) cannot score: its inspections are left
    # to stored_integrity, which lists them as snapshot_damaged, and the others are checked.
    snapshots: dict[int, Checklist | None] = {}
    for start in range(0, len(meta), SCORE_CHECK_BATCH):
        batch = meta[start : start + SCORE_CHECK_BATCH]
        need = {r.snapshot_id for r in batch} - set(snapshots)
        if need:
            for sid, sha, content in session.execute(
                select(
                    ChecklistSnapshot.id, ChecklistSnapshot.sha256, ChecklistSnapshot.content
                ).where(ChecklistSnapshot.id.in_(sorted(need)))
            ):
                try:
                    snapshots[sid] = parsed_checklist(sha, content)
                except SnapshotDamagedError:
                    snapshots[sid] = None
        answers: dict[int, dict[str, Answer]] = defaultdict(dict)
        for iid, item_id, result, value in session.execute(
            select(
                AnswerRow.inspection_id, AnswerRow.item_id, AnswerRow.result, AnswerRow.value
            ).where(AnswerRow.inspection_id.in_([r.id for r in batch]))
        ):
            answers[iid][item_id] = Answer(result=Result(result) if result else None, value=value)
        for r in batch:
            checklist = snapshots[r.snapshot_id]
            if checklist is None:
                continue
            result_ = insp_scoring.score_for(checklist, r.mode, answers.get(r.id, {}), r.visit)
            stored = float(r.score_total) if r.score_total is not None else None
            same = (
                stored is not None
                and abs(stored - result_.total) <= SCORE_TOLERANCE
                and r.grade == result_.grade
                and bool(r.passed) == result_.passed
                and int(r.veto_failed or 0) == len(result_.veto_failed)
            )
            if same:
                continue
            out.append(
                ScoreMismatch(
                    inspection_uuid=r.uuid,
                    revision=int(r.revision),
                    code=r.code,
                    name=r.name,
                    started_at=r.started_at,
                    status=r.status,
                    stored_total=stored,
                    stored_grade=r.grade,
                    stored_passed=bool(r.passed) if r.passed is not None else None,
                    stored_veto=int(r.veto_failed) if r.veto_failed is not None else None,
                    total=result_.total,
                    grade=result_.grade,
                    passed=result_.passed,
                    veto=len(result_.veto_failed),
                )
            )
    log.info("score check: %d inspection(s), %d mismatch(es)", len(meta), len(out))
    return out


def repair_scores(session: Session, flt: HqFilter, *, actor: str) -> list[ScoreMismatch]:
    """Store the engine's score for every inspection :func:`score_check` finds wrong.

    Stored numbers written by older versions (e.g. mystery visits scored without their
    scenario) are replaced by what the stored answers, snapshot and visit give; answers are
    not touched. Each repair is audited with the old and new numbers.
    """
    fixed = score_check(session, flt)
    for m in fixed:
        insp = session.scalars(
            select(Inspection).where(
                Inspection.uuid == m.inspection_uuid, Inspection.revision == m.revision
            )
        ).one()
        result = rescoring.rescore(session, insp)
        audit.record(
            session,
            actor=actor,
            entity="inspection",
            action="rescore",
            key=insp.uuid,
            old={
                "total": _r(m.stored_total),
                "grade": m.stored_grade,
                "passed": m.stored_passed,
                "veto_failed": m.stored_veto,
            },
            new={
                "total": _r(result.total),
                "grade": result.grade,
                "passed": result.passed,
                "veto_failed": len(result.veto_failed),
            },
            inspection=insp,
        )
    session.flush()
    log.info("repaired the stored score of %d inspection(s)", len(fixed))
    return fixed
