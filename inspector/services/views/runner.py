"""The runner screen's read model: a plain snapshot of one inspection, read in one session.

Widgets never hold ORM objects: after every committed change the runner reads a fresh
:class:`InspectionState` (:func:`inspection_state`) and hands it to each panel.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import object_session

from inspector.db import Database
from inspector.db.models import Inspection
from inspector.domain import timefmt
from inspector.domain.answers import Answer
from inspector.domain.checklist import Checklist, Item, Mode
from inspector.domain.scoring import Outcome, Score
from inspector.domain.states import FindingStatus
from inspector.services import inspections as svc
from inspector.text import Surface

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FindingRow:
    item_id: str
    severity: str
    action: str
    owner: str
    deadline: date | None
    status: str = FindingStatus.OPEN
    # 屡查屡犯: the previous inspection (UUID, and the day it started) with the same finding.
    repeat_of: str | None = None
    repeat_started: date | None = None


@dataclass(frozen=True, slots=True)
class MissingRow:
    kind: str
    item_id: str | None
    gap: svc.Missing  # its words, from the catalogue (inspector.text.finalize)

    def message(self, lang: str) -> str:
        """The gap in the app's words (a tab, never a command) and language."""
        return self.gap.message(lang, Surface.GUI)


@dataclass(frozen=True, slots=True)
class InspectionState:
    uuid: str
    revision: int
    status: str
    mode: Mode
    checklist: Checklist
    branch_code: str
    branch_name: str
    inspector: str
    answers: dict[str, Answer]
    score: Score
    photos: dict[str, int]
    visit: dict[str, Any]
    narrative: str
    findings: list[FindingRow]
    missing: list[MissingRow]
    manager_name: str | None
    finalized_by: str | None
    amendment_reason: str | None
    started: date
    notes: dict[str, str] = field(default_factory=dict)
    # "Duplicate as new": the source inspection and its answers still to re-verify.
    copied_from: str | None = None
    copied: dict[str, Answer] = field(default_factory=dict)

    @property
    def read_only(self) -> bool:
        return self.status != svc.DRAFT

    @property
    def scores_hidden(self) -> bool:
        return self.mode in self.checklist.hide_scores_in

    def outcome(self, item_id: str) -> Outcome:
        return self.score.items[item_id].outcome

    def visible_items(self) -> list[Item]:
        return [i for i in self.checklist.items() if self.outcome(i.id) != Outcome.HIDDEN]

    def is_visible(self, item_id: str) -> bool:
        s = self.score.items.get(item_id)
        return s is not None and s.outcome != Outcome.HIDDEN


def inspection_state(db: Database, uuid: str) -> InspectionState:
    """Inspection ``uuid`` (its current revision) as the runner shows it."""
    with db.read_session() as s:
        return state_of(svc.get(s, uuid))


def state_of(insp: Inspection) -> InspectionState:
    """The snapshot of a loaded inspection (its session still open)."""
    checklist = svc.checklist_of(insp)
    answers = svc.answers_of(insp)
    photos: dict[str, int] = {}
    for p in insp.photos:
        photos[p.item_id] = photos.get(p.item_id, 0) + 1
    missing = svc.missing_for_finalize(insp) if insp.status == svc.DRAFT else []
    return InspectionState(
        uuid=insp.uuid,
        revision=insp.revision,
        status=insp.status,
        mode=Mode(insp.mode),
        checklist=checklist,
        branch_code=insp.branch.code,
        branch_name=insp.branch.name,
        inspector=insp.inspector,
        answers=answers,
        score=svc.compute_score(insp),
        photos=photos,
        visit=dict(insp.visit or {}),
        narrative=insp.narrative or "",
        findings=_finding_rows(insp),
        missing=[MissingRow(m.kind, m.item_id, m) for m in missing],
        manager_name=insp.manager_name,
        finalized_by=insp.finalized_by,
        amendment_reason=insp.amendment_reason,
        started=timefmt.local_date(insp.started_at, timefmt.zone()),
        notes={k: a.note for k, a in answers.items() if a.note},
        copied_from=insp.copied_from,
        copied=svc.copied_answers_of(insp) if insp.status == svc.DRAFT else {},
    )


def _finding_rows(insp: Inspection) -> list[FindingRow]:
    findings = svc.active_findings(insp)
    started: dict[str, date] = {}
    uuids = {f.repeat_of for f in findings if f.repeat_of}
    session = object_session(insp)
    if uuids and session is not None:
        rows = session.execute(
            select(Inspection.uuid, Inspection.started_at).where(
                Inspection.uuid.in_(uuids), Inspection.is_current.is_(True)
            )
        )
        started = {u: timefmt.local_date(at, timefmt.zone()) for u, at in rows}
    return [
        FindingRow(
            f.item_id,
            f.severity,
            f.action,
            f.owner,
            f.deadline,
            f.status,
            repeat_of=f.repeat_of,
            repeat_started=started.get(f.repeat_of) if f.repeat_of else None,
        )
        for f in findings
    ]
