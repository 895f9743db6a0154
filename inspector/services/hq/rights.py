"""HQ: scores by consumer right (八项权利) and by the regulator's evaluation element.

Each item of a checklist names the rights it protects and the evaluation element it feeds.
For every branch, the latest finalized inspection of the chosen checklist and mode is
re-scored with its own snapshot (the same engine the report uses), and each item's
earned and possible points are added to every right and element it names. A right's
percent is earned / possible: like the section percent, N/A and unanswered items leave the
denominator, so a branch is never marked down for what it does not have.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased, selectinload

from inspector.db.models import Branch, ChecklistSnapshot, Inspection
from inspector.domain import numbers, timefmt
from inspector.domain.checklist import ELEMENTS, RIGHT_NAMES, Mode
from inspector.domain.states import InspectionStatus
from inspector.services.inspections import scoring as insp_scoring
from inspector.services.inspections import snapshots

log = logging.getLogger(__name__)

DEFAULT_CHECKLIST = "comprehensive"


@dataclass
class Tally:
    """Earned and possible points for one right or element."""

    score: float = 0.0
    max: float = 0.0

    @property
    def percent(self) -> float | None:
        return 100.0 * self.score / self.max if self.max > 0 else None

    def as_dict(self) -> dict[str, Any]:
        pct = self.percent
        return {
            "score": numbers.record(self.score),
            "max": numbers.record(self.max),
            "percent": numbers.record_or_none(pct),
        }


@dataclass
class BranchRights:
    """One branch's latest inspection, broken down by right and by element."""

    code: str
    name: str
    region: str
    inspection: str
    checklist: str
    finalized_at: str | None
    rights: dict[str, Tally] = field(default_factory=dict)
    elements: dict[str, Tally] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "branch": {"code": self.code, "name": self.name, "region": self.region},
            "inspection": self.inspection,
            "checklist": self.checklist,
            "finalized_at": self.finalized_at,
            "rights": {k: v.as_dict() for k, v in self.rights.items()},
            "elements": {k: v.as_dict() for k, v in self.elements.items()},
        }


def finalized_current(checklist_id: str, region: str | None = None) -> Select[Any]:
    """Current, finalized inspections of one checklist (optionally of one region's branches).

    Joined with their branch and snapshot, so callers may order and filter by either.
    """
    q = (
        select(Inspection)
        .join(ChecklistSnapshot, Inspection.snapshot_id == ChecklistSnapshot.id)
        .join(Branch, Inspection.branch_id == Branch.id)
        .where(
            Inspection.is_current.is_(True),
            Inspection.status == InspectionStatus.FINALIZED,
            ChecklistSnapshot.checklist_id == checklist_id,
        )
    )
    if region:
        q = q.where(Branch.region == region)
    return q


def by_branch(
    session: Session,
    *,
    checklist_id: str = DEFAULT_CHECKLIST,
    mode: Mode | None = None,
    region: str | None = None,
) -> list[BranchRights]:
    """Per branch (by code), the latest finalized inspection's score per right and element.

    The latest inspection of each branch is found in SQL (one index seek per branch), and
    only those are loaded and scored, not every inspection of the checklist.
    """
    j = aliased(Inspection)
    latest = (
        select(j.id)
        .join(ChecklistSnapshot, j.snapshot_id == ChecklistSnapshot.id)
        .where(
            j.branch_id == Branch.id,
            j.is_current.is_(True),
            j.status == InspectionStatus.FINALIZED,
            ChecklistSnapshot.checklist_id == checklist_id,
        )
        .order_by(j.finalized_at.desc(), j.id.desc())
        .limit(1)
    )
    if mode:
        latest = latest.where(j.mode == mode)
    ids_q = select(latest.correlate(Branch).scalar_subquery()).select_from(Branch)
    if region:
        ids_q = ids_q.where(Branch.region == region)
    ids = [i for i in session.scalars(ids_q) if i is not None]
    if not ids:
        return []
    q = (
        select(Inspection)
        .join(Branch, Inspection.branch_id == Branch.id)
        .where(Inspection.id.in_(ids))
        .options(selectinload(Inspection.answers), selectinload(Inspection.branch))
        .order_by(Branch.code)
    )
    return [_tally(insp) for insp in session.scalars(q)]


def _tally(insp: Inspection) -> BranchRights:
    checklist = snapshots.checklist_of(insp)
    result = insp_scoring.compute_score(insp)
    row = BranchRights(
        code=insp.branch.code,
        name=insp.branch.name,
        region=insp.branch.region or "",
        inspection=insp.uuid,
        checklist=checklist.id,
        finalized_at=timefmt.iso(insp.finalized_at),  # JSON: the reader's zone
        rights={r: Tally() for r in RIGHT_NAMES},
        elements={e: Tally() for e in ELEMENTS},
    )
    for item in checklist.items():
        s = result.items.get(item.id)
        if s is None or not s.applicable or not item.scored:
            continue
        for right in item.rights:
            t = row.rights[right.value]
            t.score += s.points
            t.max += s.max_points
        for element in item.elements:
            t = row.elements.setdefault(element, Tally())
            t.score += s.points
            t.max += s.max_points
    return row
