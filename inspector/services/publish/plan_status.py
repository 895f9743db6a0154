"""The plan HQ published, line by line: done, in progress, due or overdue.

On a laptop the lines come from the installed pack; at HQ from the pack it published last.
A line is *done* when an inspection of that branch, with that checklist and mode (and that
wave, when the line names one) was finalized since the plan was published, *in progress*
when one was started, and otherwise *overdue* after its due day, else *due*.
``counts`` adds them up in all, by region and by assignee (HQ's coverage).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector import clock
from inspector.db.models import Branch, ChecklistSnapshot, Inspection
from inspector.db.publish_models import HqPack, HqPublication, PlanLine
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus, PlanState
from inspector.services import keys

log = logging.getLogger(__name__)

_ORDER = {PlanState.OVERDUE: 0, PlanState.DUE: 1, PlanState.IN_PROGRESS: 2, PlanState.DONE: 3}


@dataclass(frozen=True)
class PlanItem:
    line: int
    branch: str
    branch_name: str
    region: str
    checklist: str
    mode: Mode
    scenario: str | None
    wave: str | None
    due: date
    assignee: str
    state: PlanState
    inspection: str | None  # the UUID that did (or is doing) it
    title_zh: str = ""  # the checklist's title, when this database has seen the checklist
    title_en: str = ""
    scenario_zh: str = ""  # the mystery scenario's title, when the screen looked it up
    scenario_en: str = ""

    def title(self, lang: str) -> str:
        return (self.title_en if lang == "en" else self.title_zh) or self.checklist

    def scenario_title(self, lang: str) -> str:
        """The scenario's title in ``lang`` (its id when no title is known; "" for none)."""
        if not self.scenario:
            return ""
        return (self.scenario_en if lang == "en" else self.scenario_zh) or self.scenario

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "branch": self.branch,
            "branch_name": self.branch_name,
            "region": self.region,
            "checklist": self.checklist,
            "mode": self.mode,
            "scenario": self.scenario,
            "wave": self.wave,
            "due": self.due.isoformat(),
            "assignee": self.assignee,
            "state": self.state,
            "inspection": self.inspection,
            "checklist_title": {"zh": self.title_zh, "en": self.title_en},
        }


def _published_at(session: Session, sequence: int) -> datetime | None:
    pack = session.scalar(select(HqPack.created_at).where(HqPack.sequence == sequence))
    if pack is not None:
        return pack
    return session.scalar(
        select(HqPublication.created_at).where(HqPublication.sequence == sequence)
    )


def _mine(assignee: str, me: str | None, fingerprint: str | None) -> bool:
    if me is None or not assignee:
        return True
    return assignee in (me, fingerprint)


def lines(session: Session, *, me: str | None = None) -> list[PlanItem]:
    """The plan's lines (those for ``me``, or for anyone, when ``me`` is given), overdue
    first, then by due day."""
    rows = list(session.scalars(select(PlanLine).order_by(PlanLine.line)))
    if not rows:
        return []
    fingerprint: str | None = None
    if me is not None:
        try:
            fingerprint = keys.device_keys().fingerprint
        except Exception:  # no key yet or unreadable: match by name only
            log.debug("device key not readable", exc_info=True)
    since = _published_at(session, rows[0].pack_sequence)
    branches = {b.code: b for b in session.scalars(select(Branch))}
    titles = {
        cid: (zh, en)
        for cid, zh, en in session.execute(
            select(
                ChecklistSnapshot.checklist_id,
                ChecklistSnapshot.title_zh,
                ChecklistSnapshot.title_en,
            ).order_by(ChecklistSnapshot.id)
        )
    }
    today = clock.local_today()
    out = []
    for r in rows:
        if not _mine(r.assignee, me, fingerprint):
            continue
        q = (
            select(Inspection.uuid, Inspection.status)
            .join(ChecklistSnapshot, Inspection.snapshot_id == ChecklistSnapshot.id)
            .join(Branch, Inspection.branch_id == Branch.id)
            .where(
                Inspection.is_current.is_(True),
                Branch.code == r.branch_code,
                ChecklistSnapshot.checklist_id == r.checklist_id,
                Inspection.mode == r.mode,
            )
            .order_by(Inspection.status.desc(), Inspection.started_at.desc())
        )
        if r.wave is not None:
            q = q.where(Inspection.wave == r.wave)
        if since is not None:
            q = q.where(Inspection.started_at >= since)
        found = session.execute(q).all()
        done = next((u for u, st in found if st == InspectionStatus.FINALIZED), None)
        started = next((u for u, st in found if st != InspectionStatus.FINALIZED), None)
        if done is not None:
            state, uuid = PlanState.DONE, done
        elif started is not None:
            state, uuid = PlanState.IN_PROGRESS, started
        else:
            state, uuid = (PlanState.OVERDUE if r.due < today else PlanState.DUE), None
        b = branches.get(r.branch_code)
        out.append(
            PlanItem(
                line=r.line,
                branch=r.branch_code,
                branch_name=b.name if b else "",
                region=b.region if b else "",
                checklist=r.checklist_id,
                mode=Mode(r.mode),
                scenario=r.scenario,
                wave=r.wave,
                due=r.due,
                assignee=r.assignee,
                state=state,
                inspection=uuid,
                title_zh=titles.get(r.checklist_id, ("", ""))[0],
                title_en=titles.get(r.checklist_id, ("", ""))[1],
            )
        )
    out.sort(key=lambda x: (_ORDER[x.state], x.due, x.line))
    return out


def counts(items: list[PlanItem]) -> dict[str, Any]:
    """Done / in progress / due / overdue, in all, by region and by assignee."""

    def tally(group: list[PlanItem]) -> dict[str, int]:
        t: dict[str, int] = {s.value: 0 for s in PlanState}  # JSON keys: the states' names
        for x in group:
            t[x.state.value] += 1
        return {**t, "total": len(group)}

    by_region: dict[str, list[PlanItem]] = {}
    by_assignee: dict[str, list[PlanItem]] = {}
    for x in items:
        by_region.setdefault(x.region, []).append(x)
        by_assignee.setdefault(x.assignee, []).append(x)
    return {
        **tally(items),
        "by_region": {k: tally(v) for k, v in sorted(by_region.items())},
        "by_assignee": {k: tally(v) for k, v in sorted(by_assignee.items())},
    }


def scenario_for_wave(session: Session, checklist_id: str, wave: str) -> str | None:
    """The scenario the plan gives a mystery wave (None: the plan says nothing)."""
    return session.scalar(
        select(func.min(PlanLine.scenario)).where(
            PlanLine.checklist_id == checklist_id,
            PlanLine.wave == wave,
            PlanLine.scenario.is_not(None),
        )
    )
