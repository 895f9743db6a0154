"""The assessment and rectification figures in the HQ files: PDF sections, Excel sheets, CSV.

:func:`attach` fills ``HqData.rectify`` and ``HqData.assessment`` with the same service
calls ``inspector hq rectification`` and ``inspector hq assess`` make, for the filter's
region and period; :func:`tables` turns them into the tables the PDF, Excel and CSV share.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from sqlalchemy.orm import Session

from inspector.domain import timefmt
from inspector.domain.checklist import Mode
from inspector.reports.hq_content import (
    DATE,
    DATETIME,
    DELTA,
    ID,
    INT,
    PERCENT,
    POINTS,
    SCORE,
    TEXT,
    HqColumn,
    HqTable,
)
from inspector.services.hq import assess as assess_svc
from inspector.services.hq import coverage as coverage_svc
from inspector.services.hq import likewise, rectify
from inspector.services.hq.assess_rule import LoadedRule, load_rule
from inspector.services.hq.rows import HqData, HqFilter, _r, mode_label
from inspector.text import hq as TH
from inspector.text import hq_assess as TA

log = logging.getLogger(__name__)

#: The tables :func:`tables` makes, in order.
TABLES = (
    "assessment",
    "assessment_detail",
    "rectification",
    "rectification_regions",
    "trend_quarters",
)
#: The coverage tables (Excel sheets and CSV files; the PDF states coverage on page 1).
COVERAGE_TABLES = ("coverage", "devices", "plan")
COMPONENT_IDS = ("onsite", "mystery", "rectification", "repeat", "redline", "overdue")


def attach(
    session: Session, data: HqData, rule: LoadedRule | None = None, *, files: bool = True
) -> HqData:
    """``data`` with the rectification figures, the assessment, the coverage (region and
    period) and the region figures per checklist and mode of its filter."""
    flt = data.filter
    rule = rule or load_rule()
    # The PDF and the files also show the regions per checklist and mode and a league for
    # each pair (``files``); the dashboard does not.
    scopes = likewise.region_rows(session, flt) if files else []
    figures = rectify.figures(session, flt)
    # The assessment selects by region and period only: when the filter does too, its
    # rectification figures are these (read once; at 100,000 inspections most of its time).
    own = HqFilter(region=flt.region, date_from=flt.date_from, date_to=flt.date_to, tz=flt.tz)
    same = replace(flt, finalized_only=False) == own
    return replace(
        data,
        leagues=likewise.leagues(session, flt, scopes) if files else [],
        quarters=likewise.quarters(session, flt),
        rectify=figures,
        coverage=coverage_svc.coverage(session, flt),
        region_scopes=scopes,
        assessment=assess_svc.assess(
            session,
            rule,
            date_from=flt.date_from,
            date_to=flt.date_to,
            region=flt.region,
            tz=flt.tz,
            rect_figures=figures if same else None,
        ),
    )


def tables(data: HqData, lang: str) -> list[HqTable]:
    out: list[HqTable] = []

    def label(key: str) -> str:
        return TH.LABELS[key](lang)

    def col(key: str) -> str:
        return TA.COLUMNS[key](lang)

    result: assess_svc.Assessment | None = data.assessment
    if result is not None:
        stamp = result.rule.stamp(lang)
        earlier = data.compare_assess
        cmp_cols: tuple[HqColumn, ...] = ()
        if earlier:
            p = data.compare_period
            cmp_cols = (
                HqColumn("earlier", TA.EARLIER_SCORE(lang, period=p), POINTS, 0.7),
                HqColumn("earlier_rank", TA.EARLIER_RANK(lang, period=p), INT, 0.6),
                HqColumn("change", TA.CHANGE(lang, period=p), POINTS, 0.6),
            )

        def cmp(code: str) -> tuple[object, ...]:
            if not earlier:
                return ()
            e = earlier.get(code)
            return (None, None, None) if e is None else (e.score, e.rank, _r(e.change))

        out.append(
            HqTable(
                "assessment",
                TA.TITLES["assessment"](lang),
                (
                    HqColumn("rank", col("rank"), INT, 0.5),
                    HqColumn("region_rank", col("region_rank"), INT, 0.6),
                    HqColumn("code", label("code"), TEXT, 0.8),
                    HqColumn("name", label("branch"), TEXT, 1.8),
                    HqColumn("region", label("region"), TEXT, 0.9),
                    HqColumn("score", col("score"), POINTS, 0.7),
                    *(HqColumn(c, TA.COMPONENTS[c](lang), POINTS, 0.8) for c in COMPONENT_IDS),
                    *cmp_cols,
                ),
                [
                    (
                        r.rank,
                        r.region_rank,
                        r.code,
                        r.name,
                        r.region,
                        r.score,
                        *(r.points(c) for c in COMPONENT_IDS),
                        *cmp(r.code),
                    )
                    for r in result.rows
                ],
                note=stamp + TH.LIST_SEP(lang) + TA.ASSESS_NOTE(lang),
                sheet=TA.SHEETS["assessment"](lang),
            )
        )
        out.append(
            HqTable(
                "assessment_detail",
                TA.TITLES["assessment_detail"](lang),
                (
                    HqColumn("code", label("code"), TEXT, 0.8),
                    HqColumn("name", label("branch"), TEXT, 1.6),
                    HqColumn("component", col("component"), TEXT, 1.4),
                    HqColumn("weight", col("weight"), POINTS, 0.6),
                    HqColumn("points", col("points"), POINTS, 0.6),
                    HqColumn("inputs", col("inputs"), TEXT, 4.5),
                ),
                [
                    (r.code, r.name, c.title(lang), c.weight, c.points, c.explain(lang))
                    for r in result.ranked()
                    for c in r.components
                ],
                note=stamp,
                sheet=TA.SHEETS["assessment_detail"](lang),
            )
        )
    rec: rectify.Rectification | None = data.rectify
    if rec is not None:
        note = TA.RECTIFICATION_NOTE(lang, today=rec.today.isoformat())
        figures = (
            HqColumn("opened", col("opened"), INT, 0.7),
            HqColumn("closed", col("closed"), INT, 0.7),
            HqColumn("closed_on_time", col("closed_on_time"), INT, 0.7),
            HqColumn("closure_rate", col("closure_rate"), PERCENT, 0.7),
            HqColumn("median_days", col("median_days"), POINTS, 0.9),
            HqColumn("overdue", col("overdue"), INT, 0.7),
            HqColumn("repeats", col("repeats"), INT, 0.7),
        )

        def nums(f: rectify.RectificationFigures) -> tuple[object, ...]:
            return (
                f.opened,
                f.closed,
                f.closed_on_time,
                _r(f.closure_rate),
                f.median_days_to_close,
                f.overdue,
                f.repeats,
            )

        out.append(
            HqTable(
                "rectification",
                TA.TITLES["rectification"](lang),
                (
                    HqColumn("code", label("code"), TEXT, 0.8),
                    HqColumn("name", label("branch"), TEXT, 1.8),
                    HqColumn("region", label("region"), TEXT, 0.9),
                    *figures,
                ),
                [(f.code, f.name, f.region, *nums(f)) for f in rec.branches],
                group=2,
                note=note,
                sheet=TA.SHEETS["rectification"](lang),
            )
        )
        out.append(
            HqTable(
                "rectification_regions",
                TA.TITLES["rectification_regions"](lang),
                (
                    HqColumn("region", label("region"), TEXT, 1.2),
                    HqColumn("branches", col("branches"), INT, 0.6),
                    *figures,
                ),
                [(f.region, f.branches, *nums(f)) for f in rec.regions],
                note=note,
                sheet=TA.SHEETS["rectification_regions"](lang),
            )
        )
    if data.quarters:
        out.append(
            HqTable(
                "trend_quarters",
                TA.TITLES["trend_quarters"](lang),
                (
                    HqColumn("checklist", col("checklist"), TEXT, 1.6),
                    HqColumn("mode", label("mode"), TEXT, 0.7),
                    HqColumn("region", label("region"), TEXT, 0.9),
                    HqColumn("quarter", TA.COLUMNS["quarter"](lang), TEXT, 0.7),
                    HqColumn("n", label("n"), INT, 0.6),
                    HqColumn("avg", label("avg"), SCORE, 0.6),
                    HqColumn("change", TA.COLUMNS["qoq"](lang), DELTA, 0.7),
                    HqColumn("checklist_id", col("checklist_id"), TEXT, pdf=False),
                ),
                [
                    (
                        data.checklist_title(q.checklist_id, lang),
                        mode_label(q.mode, lang),
                        q.region or label("all"),
                        q.quarter,
                        q.inspections,
                        _r(q.average),
                        _r(q.change),
                        q.checklist_id,
                    )
                    for q in data.quarters
                ],
                group=0,
                note=TA.QUARTERS_NOTE(lang),
                sheet=TA.SHEETS["trend_quarters"](lang),
            )
        )
    cov: coverage_svc.Coverage | None = data.coverage
    if cov is not None:
        tz = data.tz

        def day(latest: coverage_svc.Latest | None) -> object:
            return timefmt.local_date(latest.started_at, tz) if latest else None

        out.append(
            HqTable(
                "coverage",
                TA.TITLES["coverage"](lang),
                (
                    HqColumn("code", label("code"), TEXT, 0.8),
                    HqColumn("name", label("branch"), TEXT, 1.8),
                    HqColumn("region", label("region"), TEXT, 0.9),
                    HqColumn("onsite_n", TA.COLUMNS["onsite_n"](lang), INT, 0.6),
                    HqColumn("latest_onsite", col("latest_onsite"), DATE, 0.9),
                    HqColumn("onsite_id", label("inspection"), ID, 1.3),
                    HqColumn("mystery_n", TA.COLUMNS["mystery_n"](lang), INT, 0.6),
                    HqColumn("latest_mystery", col("latest_mystery"), DATE, 0.9),
                    HqColumn("mystery_id", label("inspection"), ID, 1.3),
                ),
                [
                    (
                        b.code,
                        b.name,
                        b.region,
                        b.onsite.inspections if b.onsite else 0,
                        day(b.onsite),
                        b.onsite.uuid if b.onsite else None,
                        b.mystery.inspections if b.mystery else 0,
                        day(b.mystery),
                        b.mystery.uuid if b.mystery else None,
                    )
                    for b in cov.branches
                ],
                note=cov.statement(lang),
                sheet=TA.SHEETS["coverage"](lang),
            )
        )
        zone = timefmt.offset_label(tz, data.generated_at)
        out.append(
            HqTable(
                "devices",
                TA.TITLES["devices"](lang),
                (
                    HqColumn("fingerprint", col("device"), TEXT, 2.0),
                    HqColumn("label", col("label"), TEXT, 1.2),
                    HqColumn("trusted", col("trusted"), TEXT, 0.6),
                    HqColumn(
                        "last_package",
                        TH.WITH_ZONE(lang, label=TA.COLUMNS["last_package"], zone=zone),
                        DATETIME,
                        1.2,
                    ),
                    HqColumn("packages", col("packages"), INT, 0.6),
                ),
                [
                    (
                        d.fingerprint,
                        d.label,
                        (TH.YES if d.trusted else TH.NO)(lang),
                        timefmt.local(d.last_package_at, tz).replace(tzinfo=None)
                        if d.last_package_at
                        else None,
                        d.packages,
                    )
                    for d in cov.devices
                ],
                sheet=TA.SHEETS["devices"](lang),
            )
        )
        if cov.plan:
            out.append(plan_table(cov, lang))
    return out


def plan_summary(cov: coverage_svc.Coverage, lang: str) -> list[tuple[str, str]]:
    """The summary's (and the PDF's first page's) plan rows: the counts, and the overdue
    lines (none when HQ published no plan)."""
    statement = cov.plan_statement(lang)
    if statement is None:
        return []
    overdue = [
        TA.PLAN_OVERDUE_LINE(
            lang, branch=p.branch, name=p.branch_name, checklist=p.title(lang), due=p.due
        )
        for p in cov.plan_overdue()
    ]
    return [
        (TA.PLAN_LABEL(lang), statement),
        (TA.PLAN_OVERDUE(lang), TH.LIST_SEP(lang).join(overdue) or TA.NONE_LEFT(lang)),
    ]


def plan_table(cov: coverage_svc.Coverage, lang: str) -> HqTable:
    """The plan HQ published last, line by line (Excel sheet 检查计划, ``plan.csv``)."""

    def col(key: str) -> str:
        return TA.PLAN_COLUMNS[key](lang)

    return HqTable(
        "plan",
        TA.TITLES["plan"](lang),
        (
            HqColumn("line", col("line"), INT, 0.5),
            HqColumn("due", col("due"), DATE, 0.9),
            HqColumn("state", col("state"), TEXT, 0.7),
            HqColumn("code", TH.LABELS["code"](lang), TEXT, 0.8),
            HqColumn("name", TH.LABELS["branch"](lang), TEXT, 1.6),
            HqColumn("region", TH.LABELS["region"](lang), TEXT, 0.8),
            HqColumn("checklist", TH.LABELS["checklist"](lang), TEXT, 1.4),
            HqColumn("mode", TH.LABELS["mode"](lang), TEXT, 0.7),
            HqColumn("scenario", col("scenario"), TEXT, 0.9),
            HqColumn("wave", col("wave"), TEXT, 0.7),
            HqColumn("assignee", col("assignee"), TEXT, 0.9),
            HqColumn("inspection", TH.LABELS["inspection"](lang), ID, 1.3),
        ),
        [
            (
                p.line,
                p.due,
                TA.PLAN_STATES[p.state](lang),
                p.branch,
                p.branch_name,
                p.region,
                p.title(lang),
                mode_label(Mode(p.mode), lang),
                p.scenario,
                p.wave,
                p.assignee,
                p.inspection,
            )
            for p in cov.plan
        ],
        note=cov.plan_statement(lang) or "",
        sheet=TA.SHEETS["plan"](lang),
    )
