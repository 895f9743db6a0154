"""HQ: mystery-shopper visits compared like with like, by scenario and by section.

The scenario played decides which sections of the mystery-shopper checklist apply (a
complaint scenario exercises complaint handling, a wealth enquiry the sales section), so
the totals of visits that played different scenarios are not comparable. HQ compares each
section's percent, and visits within one scenario; a wave (``--wave``) plays one scenario
at every branch, so its totals do compare.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from sqlalchemy import Connection, Select, case, func, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from inspector.db.models import Branch, Inspection, SectionScoreRow
from inspector.domain import numbers, timefmt
from inspector.domain.checklist import Mode
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

    Read as plain rows, one per visit: the scenario and wave taken out of the visit facts
    by the database, and each visit's section percents gathered there too
    (:func:`_section_lists`), so 20,000 visits are 20,000 rows, not 140,000, and no
    visit's JSON is parsed in Python.
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
    sections = _section_lists(conn, ids)
    tz = timefmt.zone()
    # Rows unpacked by position: a named look-up per column costs more than the query. The
    # stored times are aware UTC (UTCDateTime): in the reader's zone as timefmt.iso has it.
    out = [
        Visit(
            code=code,
            name=name,
            region=reg or "",
            inspection=uuid,
            wave=wave_,
            scenario=str(scen or NO_SCENARIO),
            total=total,
            grade=grade,
            passed=passed,
            sections=sections.get(iid, {}),
            started_at=started.astimezone(tz).isoformat() if started is not None else "",
        )
        for iid, uuid, wave_, scen, total, grade, passed, started, code, name, reg in rows
    ]
    return out if scenario is None else [v for v in out if v.scenario == scenario]


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


# Separators of the SQLite section lists: ASCII unit and record separators, which no
# section id holds (ids are checklist identifiers).
_UNIT, _RECORD = "\x1f", "\x1e"


def _section_lists(conn: Connection, ids: Select[Any]) -> dict[int, dict[str, float | None]]:
    """inspection id -> its section percents by section id, one row per visit.

    PostgreSQL gathers each visit's section ids and percents into two arrays, in section
    order (the database's, as ``ORDER BY section_id`` had them); SQLite into one text of
    ``id<US>percent`` records, each percent printed with 17 significant digits (``%!.17g``:
    SQLite's plain ``%g`` stops at 16, its text cast at 15) so that it reads back as the
    very same float, put in section order here (SQLite compares text
    bytewise, as Python compares strings). A NULL percent (no applicable item) stays None.
    """
    sid, pct, iid = (
        SectionScoreRow.section_id,
        SectionScoreRow.percent,
        SectionScoreRow.inspection_id,
    )
    out: dict[int, dict[str, float | None]] = {}
    if conn.dialect.name == "postgresql":
        q = (
            select(
                iid,
                func.array_agg(aggregate_order_by(sid, sid)),
                func.array_agg(aggregate_order_by(pct, sid)),
            )
            .where(iid.in_(ids))
            .group_by(iid)
        )
        for i, sids, pcts in conn.execute(q):
            out[i] = dict(zip(sids, pcts, strict=True))
        return out
    record = sid + _UNIT + case((pct.is_(None), ""), else_=func.printf("%!.17g", pct))
    lists = select(iid, func.group_concat(record, _RECORD)).where(iid.in_(ids)).group_by(iid)
    for i, text in conn.execute(lists):
        pairs = sorted(r.split(_UNIT) for r in text.split(_RECORD))
        out[i] = {k: float(v) if v else None for k, v in pairs}
    return out


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
