"""HQ: mystery-shopper visits compared like with like, by scenario and by section.

The scenario played decides which sections of the mystery-shopper checklist apply (a
complaint scenario exercises complaint handling, a wealth enquiry the sales section), so
the totals of visits that played different scenarios are not comparable. HQ compares each
section's percent, and visits within one scenario; a wave (``--wave``) plays one scenario
at every branch, so its totals do compare.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from statistics import fmean
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    func,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from inspector.db.models import Branch, ChecklistSnapshot, Inspection, SectionScoreRow
from inspector.domain import numbers, timefmt
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus
from inspector.services.hq.fetch import driver_rows
from inspector.services.hq.rights import finalized_current

log = logging.getLogger(__name__)

DEFAULT_CHECKLIST = "mystery-shopper"
NO_SCENARIO = ""
#: How many visits the dashboard lists (the newest); its summary covers every visit.
PAGE = 500


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


def _scenario_col() -> ColumnElement[str]:
    """The visit's scenario as the database reads it ('' when none), as :func:`visits` and
    :func:`summary` group and filter by it."""
    return func.coalesce(Inspection.scenario, NO_SCENARIO)


def _visit_ids(
    checklist_id: str, wave: str | None, region: str | None, scenario: str | None
) -> Select[Any]:
    """The ids of the finalized, current mystery visits the options select."""
    ids = (
        finalized_current(checklist_id, region)
        .where(Inspection.mode == Mode.MYSTERY)
        .with_only_columns(Inspection.id)
    )
    if wave is not None:
        # The indexed column (``ix_inspections_wave``), not the visit JSON of every visit.
        ids = ids.where(Inspection.wave == wave)
    if scenario is not None:
        ids = ids.where(_scenario_col() == scenario)
    return ids


def visits(
    session: Session,
    *,
    checklist_id: str = DEFAULT_CHECKLIST,
    wave: str | None = None,
    region: str | None = None,
    scenario: str | None = None,
    limit: int | None = None,
) -> list[Visit]:
    """Finalized, current mystery visits with their stored section percents, by branch
    code, then date.

    ``limit`` keeps the newest ``limit`` visits (by start, then id), listed in the same
    order; ``None`` is every visit (``hq mystery`` and the HQ files list them all).
    :func:`summary` gives the count and the averages of every visit.

    Read as plain rows (the scenario from its indexed column, the wave out of the visit
    facts by the database), not as ORM objects whose visit JSON is parsed one by one: at 100,000
    inspections that was seconds.
    """
    ids = _visit_ids(checklist_id, wave, region, scenario)
    if limit is not None:
        if limit < 1:
            return []
        if wave is None and region is None:
            # Walked back from the newest start (an index), stopping at ``limit`` visits.
            newest = ids.order_by(Inspection.started_at.desc(), Inspection.id.desc())
        else:
            # A wave's or a region's visits first, then the newest of them: walking back by
            # start passed all 100,000 inspections to find one wave's 266 visits (370 ms on
            # SQLite) and half of them for a region's 500 (85 ms; 45 ms this way).
            chosen = (
                ids.with_only_columns(Inspection.id.label("id"), Inspection.started_at.label("at"))
                .cte("chosen")
                .prefix_with("MATERIALIZED")
            )
            newest = select(chosen.c.id).order_by(chosen.c.at.desc(), chosen.c.id.desc())
        newest = newest.limit(limit)
        ids = select(newest.subquery().c.id)
    # Plain Core rows on the session's connection: no ORM loading step for 20,000 rows.
    conn = session.connection()
    rows = conn.execute(
        select(
            Inspection.id,
            Inspection.uuid,
            Inspection.visit["wave"].as_string().label("wave"),
            Inspection.scenario.label("scenario"),
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
        out.append(
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
                started_at=timefmt.iso(started, tz) or "",  # JSON: the reader's zone
            )
        )
    return out


def _mean(counted: Iterable[tuple[float, int]], n: int) -> float:
    """``statistics.fmean`` of the values repeated by their counts: the same float to the
    last bit (an exactly rounded sum divided by ``n``), whatever the order; a database's
    ``avg`` adds in its own order and can differ in the last bits, enough to flip a
    half-up rounding of the published value."""
    return math.fsum(v for value, count in counted for v in repeat(value, count)) / n


class _SectionVisit:
    """A section row's copies of its visit's columns (migration ``section_facts``), under
    the inspection's own names, so :func:`_filters` reads them from the section row (with
    no region and no wave: those are not copied)."""

    is_current = SectionScoreRow.insp_current
    status = SectionScoreRow.insp_status
    mode = SectionScoreRow.insp_mode
    snapshot_id = SectionScoreRow.insp_snapshot_id
    scenario = SectionScoreRow.insp_scenario


def _filters(
    checklist_id: str,
    wave: str | None,
    region: str | None,
    scenario: str | None,
    insp: Any = Inspection,
) -> list[ColumnElement[bool]]:
    """The visits :func:`_visit_ids` selects, as WHERE terms on ``inspections`` alone (or
    on the section rows' copies, ``insp=_SectionVisit``): the checklist and the region as
    lists of ids, not joins (a look-up per row)."""
    out: list[ColumnElement[bool]] = [
        insp.is_current.is_(True),
        insp.status == InspectionStatus.FINALIZED,
        insp.mode == Mode.MYSTERY,
        insp.snapshot_id.in_(
            select(ChecklistSnapshot.id).where(ChecklistSnapshot.checklist_id == checklist_id)
        ),
    ]
    if region:  # as finalized_current: no region (or an empty one) is every branch
        out.append(insp.branch_id.in_(select(Branch.id).where(Branch.region == region)))
    if wave is not None:
        out.append(insp.wave == wave)
    if scenario:  # the column itself, so that an index on it can seek
        out.append(insp.scenario == scenario)
    elif scenario is not None:  # the visits that played none (as _scenario_col reads it)
        out.append(or_(insp.scenario.is_(None), insp.scenario == NO_SCENARIO))
    return out


def summary(
    session: Session,
    *,
    checklist_id: str = DEFAULT_CHECKLIST,
    wave: str | None = None,
    region: str | None = None,
    scenario: str | None = None,
) -> list[ScenarioSummary]:
    """:func:`by_scenario` of every visit :func:`visits` would list, equal to it to the
    last bit, without reading the visits: the database counts each (scenario, total) and
    each (scenario, section, percent), and Python averages those few distinct values
    (see :func:`_mean`). The visits' count is the sum of the scenarios'."""
    # One statement: the visits counted by (scenario, total) from their covering index
    # (ix_inspections_scenario), and their section rows by (scenario, section, percent).
    # The first column tells the two apart: NULL for a total, the section id for a
    # percent. The scenario is grouped as stored (no scenario is NULL) and read as ''.
    totals = (
        select(
            type_coerce(null(), String()).label("section"),
            Inspection.scenario,
            Inspection.score_total,
            func.count().label("n"),
        )
        .where(*_filters(checklist_id, wave, region, scenario))
        .group_by(Inspection.scenario, Inspection.score_total)
    )
    s = SectionScoreRow
    if region or wave is not None:
        # A region's or a wave's visits (a sixth of the bank's or fewer): their own section
        # rows, found from the visits by ix_section_scores_visit, are fewer than the index
        # entries of every visit (20-27 ms against 27-44 on SQLite and PostgreSQL at 100k).
        chosen = (
            select(Inspection.id, Inspection.scenario)
            .where(*_filters(checklist_id, wave, region, scenario))
            .cte("chosen")
        )
        percents = (
            select(s.section_id, chosen.c.scenario, s.percent, func.count())
            .join(chosen, chosen.c.id == s.inspection_id)
            .group_by(chosen.c.scenario, s.section_id, s.percent)
        )
    else:
        # Every visit's: from the section rows alone, each carrying its visit's filter
        # columns (migration section_facts), in the order of ix_section_scores_facts, which
        # holds them around the grouping columns, so the groups need no sort. Joining
        # 120,000 section rows to 20,000 visits and sorting them was most of the tab's time.
        percents = (
            select(s.section_id, s.insp_scenario, s.percent, func.count())
            .where(*_filters(checklist_id, None, None, scenario, _SectionVisit))
            .group_by(s.insp_scenario, s.section_id, s.percent)
        )
    by_scen: dict[str, tuple[int, list[tuple[float, int]]]] = {}
    pcts: dict[str, dict[str, list[tuple[float, int]]]] = defaultdict(lambda: defaultdict(list))
    for sid, stored, value, n in session.connection().execute(union_all(totals, percents)):
        sc = stored or NO_SCENARIO
        if sid is None:  # a total
            visits_n, values = by_scen.get(sc, (0, []))
            by_scen[sc] = (visits_n + n, values)
        else:  # a section with only N/A percents still shows (None)
            values = pcts[sc][sid]
        if value is not None:
            values.append((float(value), n))
    out = []
    for sc in sorted(by_scen):
        visits_n, total_values = by_scen[sc]
        sections: dict[str, float | None] = {}
        for sid, values in sorted(pcts.get(sc, {}).items()):
            sections[sid] = _mean(values, sum(n for _, n in values)) if values else None
        out.append(
            ScenarioSummary(
                scenario=sc,
                visits=visits_n,
                average_total=(
                    _mean(total_values, sum(n for _, n in total_values)) if total_values else None
                ),
                sections=sections,
            )
        )
    return out


def waves(
    session: Session, *, checklist_id: str = DEFAULT_CHECKLIST, region: str | None = None
) -> list[str]:
    """The waves of the finalized, current mystery visits (of one region), sorted: the
    dashboard's wave box offers these while it shows one wave's visits, so they are
    asked of the database rather than read with every visit of the region. From the
    indexed ``inspections.wave`` (the visit's wave, as the wave filter reads it), not the
    visit JSON: these are exactly the waves the box can select.

    A loose index scan of ``ix_inspections_wave``: each distinct wave is one seek past the
    one before (a recursive query, ``min(wave) WHERE wave > previous``), kept when one
    visit of it matches (a seek to the wave's entries): a few dozen seeks for a bank's
    waves instead of reading every one of its 20,000 visits (35 ms on SQLite)."""
    later = aliased(Inspection)
    first = select(func.min(Inspection.wave)).scalar_subquery()
    walk = select(first.label("wave")).cte("walk", recursive=True)
    walk = walk.union_all(
        select(
            select(func.min(later.wave)).where(later.wave > walk.c.wave).scalar_subquery()
        ).where(walk.c.wave.is_not(None))
    )
    # One matching visit of the wave, or NULL: a correlated subquery with LIMIT, asked once
    # per wave (an EXISTS became a semi-join on PostgreSQL, which read every visit first).
    match = (
        select(Inspection.id)
        .where(Inspection.wave == walk.c.wave, *_filters(checklist_id, None, region, None))
        .limit(1)
        .scalar_subquery()
    )
    q = select(walk.c.wave).where(walk.c.wave.is_not(None), match.is_not(None))
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
