"""Coverage: which branches were inspected in a period, and which devices report
(``inspector hq coverage``; the HQ PDF's first page; the Excel sheets 覆盖情况 / 设备).

Every branch in HQ's branch list (of the region) with its latest finalized, current
on-site inspection and mystery visit in the period (or none), and every device HQ trusts
or has received packages from, with when its last package was imported. The statement a
head office gives its regulator: "36 of 40 branches inspected in 2026Q4; these 4 were not".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from inspector.db.models import Branch, ChecklistSnapshot, ImportRecord, Inspection, TrustedKey
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus, PlanState
from inspector.services.hq.plans import period_key
from inspector.services.hq.rows import HqFilter, _iso
from inspector.services.hq.scope import conditions
from inspector.services.publish import plan_status
from inspector.services.publish.plan_status import PlanItem
from inspector.text import hq_assess as TA

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Latest:
    """A branch's latest finalized inspection of one mode in the period, and how many."""

    inspections: int
    uuid: str
    started_at: datetime
    checklist_id: str

    def as_dict(self, tz: tzinfo) -> dict[str, Any]:
        return {
            "inspections": self.inspections,
            "latest": {
                "inspection": self.uuid,
                "started_at": _iso(self.started_at, tz),
                "checklist": self.checklist_id,
            },
        }


_NONE: dict[str, Any] = {"inspections": 0, "latest": None}


@dataclass(frozen=True, slots=True)
class BranchCoverage:
    code: str
    name: str
    region: str
    onsite: Latest | None
    mystery: Latest | None

    @property
    def inspected(self) -> bool:
        """Has a finalized on-site inspection in the period."""
        return self.onsite is not None

    def as_dict(self, tz: tzinfo) -> dict[str, Any]:
        return {
            "branch": {"code": self.code, "name": self.name, "region": self.region},
            "inspected": self.inspected,
            "onsite": self.onsite.as_dict(tz) if self.onsite else dict(_NONE),
            "mystery": self.mystery.as_dict(tz) if self.mystery else dict(_NONE),
        }


@dataclass(frozen=True, slots=True)
class DeviceCoverage:
    fingerprint: str
    label: str
    trusted: bool
    added_at: datetime | None  # trusted since (None: never trusted)
    last_package_at: datetime | None  # when HQ imported its newest package
    packages: int

    def as_dict(self, tz: tzinfo) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "label": self.label,
            "trusted": self.trusted,
            "trusted_since": _iso(self.added_at, tz),
            "last_package_at": _iso(self.last_package_at, tz),
            "packages": self.packages,
        }


@dataclass(frozen=True, slots=True)
class Coverage:
    filter: HqFilter
    branches: list[BranchCoverage]
    devices: list[DeviceCoverage]
    #: The lines of the plan HQ published last (of the filter's region), overdue first.
    plan: list[PlanItem] = field(default_factory=list)

    def plan_counts(self) -> dict[str, Any]:
        """Done / in progress / due / overdue, in all, by region and by assignee."""
        return plan_status.counts(self.plan)

    def plan_overdue(self) -> list[PlanItem]:
        return [p for p in self.plan if p.state == PlanState.OVERDUE]

    def plan_statement(self, lang: str) -> str | None:
        """'Plan 40 lines: 30 done, 2 in progress, 5 due, 3 overdue' (None: no plan)."""
        if not self.plan:
            return None
        c = self.plan_counts()
        return TA.PLAN_COVERAGE(
            lang,
            total=c["total"],
            done=c[PlanState.DONE],
            in_progress=c[PlanState.IN_PROGRESS],
            due=c[PlanState.DUE],
            overdue=c[PlanState.OVERDUE],
        )

    def plan_overview(self, lang: str) -> str:
        """The plan's counts, then by region and by assignee, one line each (the dashboard)."""
        statement = self.plan_statement(lang)
        if statement is None:
            return TA.PLAN_NONE(lang)
        c = self.plan_counts()
        out = [statement]
        for title, key in ((TA.PLAN_BY_REGION, "by_region"), (TA.PLAN_BY_ASSIGNEE, "by_assignee")):
            groups = [
                TA.PLAN_GROUP(
                    lang,
                    name=name or TA.PLAN_ANYONE(lang),
                    done=t[PlanState.DONE],
                    total=t["total"],
                    overdue=t[PlanState.OVERDUE],
                )
                for name, t in c[key].items()
            ]
            out.append(f"{title(lang)}: " + "; ".join(groups))
        return "\n".join(out)

    def inspected(self) -> list[BranchCoverage]:
        return [b for b in self.branches if b.inspected]

    def not_inspected(self) -> list[BranchCoverage]:
        return [b for b in self.branches if not b.inspected]

    def statement(self, lang: str) -> str:
        """'36 of 40 branches inspected (on site) in …'."""
        return TA.COVERAGE(
            lang,
            n=len(self.inspected()),
            total=len(self.branches),
            period=self.filter.period(lang),
        )

    def as_dict(self) -> dict[str, Any]:
        """``hq coverage --json``."""
        tz = self.filter.zone
        f = self.filter
        return {
            "period": {
                "from": f.date_from.isoformat() if f.date_from else None,
                "to": f.date_to.isoformat() if f.date_to else None,
            },
            "region": f.region,
            "inspected": len(self.inspected()),
            "total": len(self.branches),
            "branches": [b.as_dict(tz) for b in self.branches],
            "devices": [d.as_dict(tz) for d in self.devices],
            "plan": {
                "lines": [p.to_dict() for p in self.plan],
                "counts": self.plan_counts(),
            },
        }


def _latest(session: Session, flt: HqFilter) -> dict[tuple[int, str], Latest]:
    conds = [*conditions(flt), Inspection.status == InspectionStatus.FINALIZED]
    bid, mode = period_key(Inspection.branch_id, flt, "bid"), Inspection.mode.label("mode")
    newest = (
        select(bid, mode, func.max(Inspection.started_at).label("m"), func.count().label("n"))
        .where(*conds)
        .group_by(bid, mode)
        .subquery()
    )
    q = (
        select(
            Inspection.branch_id,
            Inspection.mode,
            Inspection.started_at,
            Inspection.uuid,
            ChecklistSnapshot.checklist_id,
            newest.c.n,
        )
        .join(
            newest,
            and_(
                Inspection.branch_id == newest.c.bid,
                Inspection.mode == newest.c.mode,
                Inspection.started_at == newest.c.m,
            ),
        )
        .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
        .where(*conds)
        .order_by(Inspection.id)
    )
    out: dict[tuple[int, str], Latest] = {}
    for bid, mode, started, uuid, cid, n in session.execute(q):
        out.setdefault((int(bid), str(mode)), Latest(int(n), uuid, started, cid))
    return out


def coverage(session: Session, flt: HqFilter) -> Coverage:
    """Branches (of the filter's region) and devices for the filter's period.

        Only the region and period of ``flt`` apply (with its time zone); checklist, mode and
        drafts do not: coverage is finalized on-site inspections and mystery visits. The plan
    is the one HQ published last, whatever the period (its lines have their own due days).
    """
    flt = HqFilter(region=flt.region, date_from=flt.date_from, date_to=flt.date_to, tz=flt.tz)
    latest = _latest(session, flt)
    bq = select(Branch.id, Branch.code, Branch.name, Branch.region).order_by(
        Branch.region, Branch.code
    )
    if flt.region:
        bq = bq.where(Branch.region == flt.region)
    branches = [
        BranchCoverage(
            code,
            name,
            region or "",
            latest.get((int(bid), Mode.ONSITE.value)),
            latest.get((int(bid), Mode.MYSTERY.value)),
        )
        for bid, code, name, region in session.execute(bq)
    ]
    sent = {
        fp: (at, int(n))
        for fp, at, n in session.execute(
            select(
                ImportRecord.device_fingerprint, func.max(ImportRecord.at), func.count()
            ).group_by(ImportRecord.device_fingerprint)
        )
    }
    devices: list[DeviceCoverage] = []
    for fp, label, added in session.execute(
        select(TrustedKey.fingerprint, TrustedKey.label, TrustedKey.added_at)
    ):
        at, n = sent.pop(fp, (None, 0))
        devices.append(DeviceCoverage(fp, label or "", True, added, at, n))
    for fp, (at, n) in sent.items():
        devices.append(DeviceCoverage(fp, "", False, None, at, n))
    devices.sort(key=lambda d: (not d.trusted, d.last_package_at is None, d.fingerprint))
    plan = [p for p in plan_status.lines(session) if not flt.region or p.region == flt.region]
    return Coverage(flt, branches, devices, plan)
