"""What the CLI and the screens read of HQ's publishing: the checklists offered here, the
inspection plan's lines, and how a new checklist version would re-score the inspections
already finalized under its id. A database handle in, plain data out."""

from __future__ import annotations

from inspector.checklists import Problem
from inspector.db import Database
from inspector.domain.checklist import Checklist
from inspector.services.publish import catalog, plan_status
from inspector.services.publish.impact import Impact, impact


def checklist_entries(db: Database) -> tuple[list[catalog.Entry], list[Problem]]:
    """Every checklist id offered or withdrawn here, and the shipped files' problems."""
    with db.read_session() as s:
        return catalog.entries(s)


def plan_lines(db: Database, *, me: str | None = None) -> list[plan_status.PlanItem]:
    """The plan's lines (``me``'s, or everyone's), overdue first, then by due day."""
    with db.read_session() as s:
        return plan_status.lines(s, me=me)


def impact_of(db: Database, new: Checklist) -> Impact:
    """The finalized current inspections of ``new.id`` re-scored under ``new`` (one unit of
    work, as ``checklists diff --impact`` has always read them)."""
    with db.session() as s:
        return impact(s, new)
