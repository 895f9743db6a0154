"""Storing the score: totals, section scores, and the findings kept in step with the answers."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from inspector.db.models import (
    Inspection,
    SectionScoreRow,
)
from inspector.domain import numbers
from inspector.domain.scoring import Score
from inspector.services.findings.sync import sync_findings
from inspector.services.inspections.scoring import answers_of, score_for
from inspector.services.inspections.snapshots import checklist_of

log = logging.getLogger(__name__)


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
    sync_findings(session, insp, checklist, result)
    session.flush()
    return result
