"""What a new checklist version would do to the inspections already finalized under its id.

Each finalized current inspection of the checklist is scored again with the new version,
from its stored answers and visit facts (the same :func:`score_for` every stored score
comes from), and compared with the score it has. Nothing is written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db.models import ChecklistSnapshot, Inspection
from inspector.domain import numbers
from inspector.domain.checklist import Checklist, Mode
from inspector.domain.states import InspectionStatus
from inspector.services.inspections import answers_of, score_for

log = logging.getLogger(__name__)


@dataclass
class Rescored:
    uuid: str
    branch: str
    version: str
    old_total: float | None
    new_total: float
    old_grade: str | None
    new_grade: str
    old_passed: bool | None
    new_passed: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "branch": self.branch,
            "version": self.version,
            "old": {"total": self.old_total, "grade": self.old_grade, "passed": self.old_passed},
            "new": {
                "total": numbers.stored(self.new_total),
                "grade": self.new_grade,
                "passed": self.new_passed,
            },
        }


@dataclass
class Impact:
    checklist: str
    version: str
    rescored: list[Rescored] = field(default_factory=list)
    skipped_modes: int = 0  # inspections in a mode the new version no longer has

    @property
    def grade_changes(self) -> int:
        return sum(1 for r in self.rescored if r.old_grade != r.new_grade)

    @property
    def pass_changes(self) -> int:
        return sum(1 for r in self.rescored if r.old_passed != r.new_passed)

    @property
    def average_change(self) -> float | None:
        deltas = [r.new_total - r.old_total for r in self.rescored if r.old_total is not None]
        return numbers.record(sum(deltas) / len(deltas)) if deltas else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "checklist": self.checklist,
            "version": self.version,
            "inspections": len(self.rescored),
            "grade_changes": self.grade_changes,
            "pass_changes": self.pass_changes,
            "now_failing": sum(1 for r in self.rescored if r.old_passed and not r.new_passed),
            "now_passing": sum(1 for r in self.rescored if r.old_passed is False and r.new_passed),
            "average_change": self.average_change,
            "skipped_modes": self.skipped_modes,
            "changed": [
                r.to_dict()
                for r in self.rescored
                if r.old_grade != r.new_grade or r.old_passed != r.new_passed
            ],
        }


def impact(session: Session, new: Checklist) -> Impact:
    """Re-score the finalized current inspections of ``new.id`` under ``new``."""
    out = Impact(checklist=new.id, version=new.version)
    q = (
        select(Inspection)
        .join(ChecklistSnapshot, Inspection.snapshot_id == ChecklistSnapshot.id)
        .where(
            ChecklistSnapshot.checklist_id == new.id,
            Inspection.is_current.is_(True),
            Inspection.status == InspectionStatus.FINALIZED,
        )
        .order_by(Inspection.started_at, Inspection.id)
    )
    for insp in session.scalars(q):
        if Mode(insp.mode) not in new.modes:
            out.skipped_modes += 1
            continue
        result = score_for(new, insp.mode, answers_of(insp), insp.visit)
        out.rescored.append(
            Rescored(
                uuid=insp.uuid,
                branch=insp.branch.code,
                version=insp.snapshot.version,
                old_total=insp.score_total,
                new_total=result.total,
                old_grade=insp.grade,
                new_grade=result.grade,
                old_passed=insp.passed,
                new_passed=result.passed,
            )
        )
        # One inspection's answers at a time: memory stays flat on a large HQ database.
        session.expunge(insp)
    return out
