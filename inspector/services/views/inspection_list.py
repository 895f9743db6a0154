"""Lists of inspections (the home screen and ``inspector list``): plain rows, one session.

A row is the :class:`~inspector.services.inspections.Summary` a list query reads (no ORM
objects, no answers) with what a screen adds from the checklist: the grade's label in both
languages and whether the mode hides scores. ``inspector list --json`` prints
:meth:`InspectionRow.as_dict` (the public contract of ``summary_dict``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from inspector.db import Database
from inspector.domain import timefmt
from inspector.services import inspections as svc

log = logging.getLogger(__name__)

HOME_LIMIT = 2000
"""Rows the inspections list holds: an inspector's own work fits many times over; at HQ,
with 100,000 inspections, the HQ view and ``inspector list`` cover the rest."""


@dataclass(frozen=True, slots=True)
class InspectionRow:
    uuid: str
    revision: int
    branch_code: str
    branch_name: str
    checklist_title_zh: str
    checklist_title_en: str
    mode: str
    started: date
    status: str
    total: float | None
    grade: str | None
    passed: bool | None
    veto_failed: int
    inspector: str
    grade_zh: str = ""
    grade_en: str = ""
    scores_hidden: bool = False
    signer: str | None = None  # imported: the device that signed this revision
    owner: str | None = None  # imported: the device that owns the inspection
    # The list query's row this one was made from (``--json`` prints it).
    summary: svc.Summary | None = None

    def checklist_title(self, lang: str) -> str:
        return self.checklist_title_en if lang == "en" else self.checklist_title_zh

    def as_dict(self) -> dict[str, Any]:
        """The short form ``inspector list --json`` prints (a public contract)."""
        if self.summary is None:
            raise ValueError(f"row {self.uuid} was not read from the database")
        return svc.summary_dict(self.summary)


@dataclass(frozen=True, slots=True)
class InspectionList:
    rows: list[InspectionRow]
    total: int  # how many match (more than ``rows`` when a limit cut the list)


def row_of(session: Session, x: svc.Summary) -> InspectionRow:
    """The row of one summary: the grade's labels and score hiding from its checklist."""
    checklist = svc.checklist_by_sha(session, x.snapshot_sha256)
    grade_zh = grade_en = x.grade or ""
    if x.grade:
        try:
            label = checklist.grade(x.grade).label
            grade_zh, grade_en = label.zh, label.en
        except KeyError:
            pass  # a grade code the checklist no longer has: show the code
    hidden = x.mode in {m.value for m in checklist.hide_scores_in}
    return InspectionRow(
        uuid=x.uuid,
        revision=x.revision,
        branch_code=x.branch_code,
        branch_name=x.branch_name,
        checklist_title_zh=x.title_zh,
        checklist_title_en=x.title_en,
        mode=x.mode,
        started=timefmt.local_date(x.started_at, timefmt.zone()),  # the display zone's day
        status=x.status,
        total=x.total,
        grade=x.grade,
        passed=x.passed,
        veto_failed=x.veto_failed,
        inspector=x.inspector,
        grade_zh=grade_zh,
        grade_en=grade_en,
        scores_hidden=hidden,
        signer=x.signer,
        owner=x.owner,
        summary=x,
    )


def rows_in(
    session: Session, flt: svc.ListFilter | None = None, *, limit: int | None = None
) -> InspectionList:
    """Current inspections matching ``flt``, newest first, at most ``limit``."""
    summaries, total = svc.list_summaries(session, flt, limit=limit)
    return InspectionList([row_of(session, x) for x in summaries], total)


def list_inspections(
    db: Database, flt: svc.ListFilter | None = None, *, limit: int | None = None
) -> InspectionList:
    """:func:`rows_in` in its own read-only session."""
    with db.read_session() as s:
        return rows_in(s, flt, limit=limit)
