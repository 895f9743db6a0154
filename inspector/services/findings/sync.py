"""Opening findings and keeping them in step with the score; 屡查屡犯 (repeat findings)."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db.models import (
    Finding,
    Inspection,
    utcnow,
)
from inspector.domain.checklist import Checklist, Item
from inspector.domain.scoring import Score
from inspector.domain.states import FindingStatus, InspectionStatus, Severity

log = logging.getLogger(__name__)


# Default days to rectify by severity (立行立改 / signage and materials / building works).
DEFAULT_RECTIFY_DAYS = {Severity.HIGH: 1, Severity.MEDIUM: 7, Severity.LOW: 30}


def finding_item_ids(checklist: Checklist, result: Score) -> list[str]:
    """Items that are findings of ``result``: failed, partial, or a penalty taken."""
    out = []
    for item in checklist.items():
        s = result.items[item.id]
        if s.is_finding or (item.penalty > 0 and s.penalty > 0):
            out.append(item.id)
    return out


def default_severity(item: Item) -> Severity:
    if item.severity is not None:
        return item.severity
    return Severity.HIGH if (item.veto or item.critical) else Severity.MEDIUM


def default_deadline(item: Item, start: date) -> date:
    sev = default_severity(item)
    days = item.rectify_days if item.rectify_days is not None else DEFAULT_RECTIFY_DAYS[sev]
    return start + timedelta(days=days)


def sync_findings(session: Session, insp: Inspection, checklist: Checklist, result: Score) -> None:
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
            Inspection.status == InspectionStatus.FINALIZED,
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
