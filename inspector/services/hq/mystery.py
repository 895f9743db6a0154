"""HQ: mystery-shopper visits compared like with like, by scenario and by section.

The scenario played decides which sections of the mystery-shopper checklist apply (a
complaint scenario exercises complaint handling, a wealth enquiry the sales section), so
the totals of visits that played different scenarios are not comparable. HQ compares each
section's percent, and visits within one scenario; a wave (``--wave``) plays one scenario
at every branch, so its totals do compare.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db.models import Branch, Inspection, SectionScoreRow
from inspector.domain import numbers, timefmt
from inspector.domain.checklist import Mode
from inspector.services.hq.fetch import driver_rows
from inspector.services.hq.rights import finalized_current

log = logging.getLogger(__name__)

DEFAULT_CHECKLIST = "mystery-shopper"
NO_SCENARIO = ""


@dataclass
class Visit:
    code: str
    name: str
    region: str
    inspection: str
    wave: str | None
    scenario: str
    total: float | None
    grade: str | None
    passed: bool | None
    sections: dict[str, float | None]
    started_at: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "branch": {"code": self.code, "name": self.name, "region": self.region},
            "inspection": self.inspection,
            "wave": self.wave,
            "scenario": self.scenario or None,
            "total": numbers.record_or_none(self.total),
            "grade": self.grade,
            "passed": self.passed,
            "sections": {k: numbers.record_or_none(v) for k, v in self.sections.items()},
            "started_at": self.started_at,
        }


@dataclass
class ScenarioSummary:
    scenario: str
    visits: int = 0
    average_total: float | None = None
    sections: dict[str, float | None] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario or None,
            "visits": self.visits,
            "average_total": numbers.record_or_none(self.average_total),
            "sections": {k: numbers.record_or_none(v) for k, v in self.sections.items()},
        }


def visits(
    session: Session,
    *,
    checklist_id: str = DEFAULT_CHECKLIST,
    wave: str | None = None,
    region: str | None = None,
    scenario: str | None = None,
) -> list[Visit]:
    """Finalized, current mystery visits with their stored section percents.

    Read as plain rows (the scenario and wave taken out of the visit facts by the
    database), not as ORM objects whose visit JSON is parsed one by one: at 100,000
    inspections that was seconds.
    """
    scen_col = Inspection.visit["scenario"].as_string()
    ids = (
        finalized_current(checklist_id, region)
        .where(Inspection.mode == Mode.MYSTERY)
        .with_only_columns(Inspection.id)
    )
    if wave is not None:
        # The indexed column (``ix_inspections_wave``), not the visit JSON of every visit.
        ids = ids.where(Inspection.wave == wave)
    # Plain Core rows on the session's connection: no ORM loading step for 20,000 rows.
    conn = session.connection()
    rows = conn.execute(
        select(
            Inspection.id,
            Inspection.uuid,
            Inspection.visit["wave"].as_string().label("wave"),
            scen_col.label("scenario"),
            Inspection.score_total,
            Inspection.grade,
            Inspection.passed,
            Inspection.started_at,
            Branch.code,
            Branch.name,
            Branch.region,
        )
        .join(Branch, Branch.id == Inspection.branch_id)
        .where(Inspection.id.in_(ids))
        .order_by(Branch.code, Inspection.started_at, Inspection.id)
    ).all()
    # Section ids in order (the covering index ix_section_scores_visit's).
    sections: dict[int, dict[str, float | None]] = defaultdict(dict)
    # Integers, text and floats as the driver gives them (fetch.driver_rows): SQLAlchemy's
    # per-row step cost more than the query for these 120,000 rows.
    for iid, sid, pct in driver_rows(
        conn,
        select(SectionScoreRow.inspection_id, SectionScoreRow.section_id, SectionScoreRow.percent)
        .where(SectionScoreRow.inspection_id.in_(ids))
        .order_by(SectionScoreRow.inspection_id, SectionScoreRow.section_id),
    ):
        sections[iid][sid] = pct
    tz = timefmt.zone()
    out: list[Visit] = []
    # Rows unpacked by position: a named look-up per column costs more than the query.
    for iid, uuid, wave_, scen, total, grade, passed, started, code, name, reg in rows:
        scen = str(scen or NO_SCENARIO)
        if scenario is not None and scen != scenario:
            continue
        out.append(
            Visit(
                code=code,
                name=name,
                region=reg or "",
                inspection=uuid,
                wave=wave_,
                scenario=scen,
                total=total,
                grade=grade,
                passed=passed,
                sections=sections.get(iid, {}),
                started_at=timefmt.iso(started, tz) or "",  # JSON: the reader's zone
            )
        )
    return out


def waves(
    session: Session, *, checklist_id: str = DEFAULT_CHECKLIST, region: str | None = None
) -> list[str]:
    """The waves of the finalized, current mystery visits (of one region), sorted: the
    dashboard's wave box offers these while it shows one wave's visits, so they are
    asked of the database rather than read with every visit of the region."""
    wave = Inspection.visit["wave"].as_string()
    q = (
        finalized_current(checklist_id, region)
        .where(Inspection.mode == Mode.MYSTERY)
        .with_only_columns(wave)
        .distinct()
    )
    return sorted({str(w) for (w,) in session.connection().execute(q) if w})


def by_scenario(rows: list[Visit]) -> list[ScenarioSummary]:
    """Per scenario: visits, average total, and each section's average percent.

    A section's average is over the visits where it applied (N/A sections are left out,
    never counted as 0).
    """
    groups: dict[str, list[Visit]] = {}
    for r in rows:
        groups.setdefault(r.scenario, []).append(r)
    out = []
    for scen in sorted(groups):
        group = groups[scen]
        totals = [r.total for r in group if r.total is not None]
        section_ids = sorted({k for r in group for k in r.sections})
        sections: dict[str, float | None] = {}
        for sid in section_ids:
            values = [p for r in group if (p := r.sections.get(sid)) is not None]
            sections[sid] = fmean(values) if values else None
        out.append(
            ScenarioSummary(
                scenario=scen,
                visits=len(group),
                average_total=fmean(totals) if totals else None,
                sections=sections,
            )
        )
    return out
