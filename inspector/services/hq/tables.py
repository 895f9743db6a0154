"""HQ tables: labels, table building and the report content (PDF / Excel / CSV)."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, tzinfo
from typing import Any

from inspector.domain import timefmt
from inspector.domain.checklist import Mode
from inspector.domain.states import ClosedVia, FindingState, InspectionStatus, Severity
from inspector.errors import ValidationError
from inspector.reports.hq_content import (
    DATE,
    DATETIME,
    DELTA,
    ID,
    INT,
    PERCENT,
    SCORE,
    TEXT,
    HqColumn,
    HqHeatmap,
    HqReportContent,
    HqTable,
    format_value,
)
from inspector.services.hq import assess_tables, rights_mystery
from inspector.services.hq.rows import (
    FindingRow,
    HqData,
    LeagueRow,
    _r,
    mode_label,
    status_label_insp,
)
from inspector.text import hq as TH
from inspector.text import hq_assess as TA
from inspector.text import hq_errors as T
from inspector.text import hq_tabs as TT
from inspector.text.findings import CLOSED_VIA
from inspector.text.parts import Term

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- tables (PDF / Excel / CSV)
ID_CHARS = 13  # 'xxxxxxxx-xxxx': a prefix 'inspector show' accepts, unique at HQ scale


def label(key: str, lang: str) -> str:
    return TH.LABELS[key](lang)


def short_id(uuid: str) -> str:
    """The inspection id as printed in the PDF: long enough to be unique, never wrapped."""
    return uuid[:ID_CHARS]


def _redline(passed: bool | None, veto: int, lang: str) -> str:
    if veto > 0:
        return TH.REDLINE_FAILED(lang, n=veto)
    if passed is None:
        return ""
    return TH.REDLINE_PASSED(lang)


def finding_row(f: FindingRow, lang: str, tz: tzinfo, *, drafts: bool) -> tuple[Any, ...]:
    """A finding's cells in the findings table (``drafts``: with the 'Record' column)."""
    return (
        timefmt.local_date(f.started_at, tz) if f.started_at is not None else None,
        f.code,
        f.name,
        f.region,
        f.item_title(lang),
        severity_label(f.effective_severity, lang),
        TA.REPEAT(lang, n=f.hq_earlier) if f.repeat else "",
        f.action,
        f.owner,
        f.deadline,
        status_label(f.status, lang),
        timefmt.local_date(f.closed_at, tz) if f.closed_at is not None else None,
        f.closing_note,
        closed_via_label(f.closed_via, lang),
        f.inspection_uuid,
        f.item_id,
        f.hq_repeat_of,
        severity_label(f.severity, lang),
        *(
            (
                status_label_insp(
                    InspectionStatus.DRAFT if f.draft else InspectionStatus.FINALIZED, lang
                ),
            )
            if drafts
            else ()
        ),
    )


def tables(data: HqData, lang: str = "en") -> list[HqTable]:
    """One table per view (Excel sheet, CSV file); rows hold typed values.

    Dates and times are already in the reader's zone (the headers say which); rows of a
    draft inspection say so in a 'Record' column whenever drafts are included.
    """
    tz = data.tz
    zone = timefmt.offset_label(tz, data.generated_at)
    drafts = data.filter.drafts

    def c(key: str, lk: str, kind: str = TEXT, width: float = 1.0, *, pdf: bool = True) -> HqColumn:
        return HqColumn(key, label(lk, lang), kind, width, pdf=pdf)

    def rec(draft: bool) -> tuple[Any, ...]:
        return (
            (
                status_label_insp(
                    InspectionStatus.DRAFT if draft else InspectionStatus.FINALIZED, lang
                ),
            )
            if drafts
            else ()
        )

    rec_col = (c("record", "record", TEXT, 0.6),) if drafts else ()

    def d(dt: datetime | None) -> date | None:
        return timefmt.local_date(dt, tz) if dt is not None else None

    league_t = league_table(data, lang)
    absent_t = HqTable(
        "not_inspected",
        label("not_inspected", lang),
        (c("code", "code", TEXT, 0.8), c("name", "branch", TEXT, 2), c("region", "region")),
        [(r.code, r.name, r.region) for r in data.unranked()],
        group=2,
        sheet=TH.SHEETS["not_inspected"](lang),
    )
    incomplete_t = HqTable(
        "incomplete_drafts",
        TA.TITLES["incomplete_drafts"](lang),
        (
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 2),
            c("region", "region"),
            c("date", "date", DATE, 0.9),
            c("latest", "latest", SCORE, 0.8),
            c("redline", "redline", TEXT, 0.8),
            c("inspection", "inspection", ID, 1.3),
        ),
        [
            (
                r.code,
                r.name,
                r.region,
                d(r.latest_at),
                _r(r.latest_score),
                TA.NOT_CHECKED(lang),
                r.latest_uuid,
            )
            for r in data.incomplete_drafts()
        ],
        note=TA.INCOMPLETE_NOTE(lang),
        sheet=TA.SHEETS["incomplete_drafts"](lang),
    )
    hm = data.heatmap
    heat_t = HqTable(
        "heatmap",
        label("heatmap", lang),
        (
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 2),
            *(HqColumn(a, hm.area_title(a, lang), PERCENT) for a in hm.areas),
        ),
        [
            (code, hm.branch_names.get(code, ""), *(_r(hm.value(code, a)) for a in hm.areas))
            for code in hm.branches
        ],
        sheet=TH.SHEETS["heatmap"](lang),
    )
    failing_t = HqTable(
        "failing_items",
        label("failing", lang),
        (
            c("text", "item", TEXT, 4),
            c("failures", "failures", INT, 0.8),
            c("branches", "branches", INT, 0.7),
            c("share", "share", PERCENT, 0.8),
            c("item", "item_id", TEXT, 1.2, pdf=False),
        ),
        [(f.text(lang), f.failures, f.branches, _r(f.share), f.item_id) for f in data.failing],
        sheet=TH.SHEETS["failing_items"](lang),
    )
    veto_t = HqTable(
        "veto_failures",
        label("veto", lang),
        (
            c("date", "date", DATE, 0.9),
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 1.6),
            c("region", "region"),
            c("score", "score", SCORE, 0.6),
            c("grade", "grade", TEXT, 0.6),
            c("items", "items", TEXT, 3),
            c("inspection", "inspection", ID, 1.3),
            *rec_col,
        ),
        [
            (
                d(v.started_at),
                v.code,
                v.name,
                v.region,
                _r(v.score),
                data.grade_label(v.grade, lang),
                TH.LIST_SEP(lang).join(v.titles(lang)),
                v.uuid,
                *rec(v.draft),
            )
            for v in data.vetoes
        ],
        group=3,
        sheet=TH.SHEETS["veto_failures"](lang),
        note=(
            TH.NEWEST_NOTE(lang, n=len(data.vetoes), total=data.veto_total)
            if data.veto_total > len(data.vetoes)
            else ""
        ),
    )

    def finding_table(name: str, title: str, rows: list[FindingRow], sheet: str) -> HqTable:
        return HqTable(
            name,
            title,
            (
                c("date", "date", DATE, 0.9),
                c("code", "code", TEXT, 0.8),
                c("name", "branch", TEXT, 1.4),
                c("region", "region"),
                c("item", "item", TEXT, 2.6),
                c("severity", "severity", TEXT, 0.75),
                HqColumn("repeat", TA.COLUMNS["repeat"](lang), TEXT, 0.9),
                c("action", "action", TEXT, 1.6),
                c("owner", "owner", TEXT, 0.9),
                c("deadline", "deadline", DATE, 0.9),
                c("status", "status", TEXT, 0.6),
                c("closed_at", "closed_at", DATE, 0.9),
                c("closing_note", "closing_note", TEXT, 1.5, pdf=False),
                c("closed_via", "closed_via", TEXT, 0.9),
                c("inspection", "inspection", ID, 1.3),
                c("item_id", "item_id", TEXT, 1.2, pdf=False),
                HqColumn("repeat_of", TA.COLUMNS["repeat_of"](lang), ID, 1.3, pdf=False),
                HqColumn(
                    "laptop_severity", TA.COLUMNS["laptop_severity"](lang), TEXT, 0.8, pdf=False
                ),
                *rec_col,
            ),
            [finding_row(f, lang, tz, drafts=drafts) for f in rows],
            group=3,
            sheet=sheet,
        )

    find_t = finding_table(
        "findings",
        label("findings", lang),
        data.all_findings or data.findings,
        TH.SHEETS["findings"](lang),
    )
    trend_t = HqTable(
        "trend",
        label("trend", lang),
        (c("month", "month"), c("region", "region"), c("avg", "avg", SCORE), c("n", "n", INT)),
        [
            (p.period, p.region or label("all", lang), _r(p.average), p.inspections)
            for p in data.trend
        ],
        note=data.league_scope(lang),  # one checklist and mode, as the league
        sheet=TH.SHEETS["trend"](lang),
    )
    integ_t = HqTable(
        "integrity",
        label("integrity", lang),
        (
            c("kind", "kind", TEXT, 1.0),
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 1.4),
            c("item", "item", TEXT, 2.0),
            HqColumn(
                "taken",
                TH.WITH_ZONE(lang, label=TH.LABELS["taken"], zone=zone),
                DATETIME,
                1.1,
            ),
            c("detail", "detail", TEXT, 3),
            c("inspection", "inspection", ID, 1.3),
        ),
        [
            (
                g.kind_label(lang),
                g.code,
                g.name,
                g.item_title(lang),
                timefmt.local(g.taken_at, tz).replace(tzinfo=None) if g.taken_at else None,
                g.text(lang),
                g.inspection_uuid,
            )
            for g in data.integrity
        ],
        sheet=TH.SHEETS["integrity"](lang),
    )
    return [
        league_t,
        absent_t,
        *((incomplete_t,) if incomplete_t.rows else ()),
        heat_t,
        failing_t,
        veto_t,
        find_t,
        trend_t,
        integ_t,
        *rights_mystery.tables(data, lang),
        *assess_tables.tables(data, lang),
    ]


def league_table(
    data: HqData,
    lang: str,
    rows: list[LeagueRow] | None = None,
    scope: tuple[str, Mode] | None = None,
    name: str = "league",
) -> HqTable:
    """The league table of ``rows`` (default: the data's league) for ``scope`` (checklist,
    mode; default: the data's league scope). Mystery visits get a scenario column and are
    grouped by scenario (they rank within one)."""
    tz = data.tz
    drafts = data.filter.drafts
    ranked = [r for r in (data.league if rows is None else rows) if r.rank is not None]

    def c(key: str, lk: str, kind: str = TEXT, width: float = 1.0) -> HqColumn:
        return HqColumn(key, label(lk, lang), kind, width)

    def rec(draft: bool) -> tuple[Any, ...]:
        return (
            (
                status_label_insp(
                    InspectionStatus.DRAFT if draft else InspectionStatus.FINALIZED, lang
                ),
            )
            if drafts
            else ()
        )

    rec_col = (c("record", "record", TEXT, 0.6),) if drafts else ()

    def d(dt: datetime | None) -> date | None:
        return timefmt.local_date(dt, tz) if dt is not None else None

    if scope is None:
        scope_text = data.league_scope(lang)
        title = label("league", lang)
    else:
        scope_text = f"{data.checklist_title(scope[0], lang)} · {mode_label(scope[1], lang)}"
        title = TA.LEAGUE_OF(lang, league=label("league", lang), scope=scope_text)
    # --compare-to (the main league only): the earlier period's score and rank, the change.
    earlier = data.compare_league if rows is None else {}
    cmp_cols: tuple[HqColumn, ...] = ()
    if earlier:
        p = data.compare_period
        cmp_cols = (
            HqColumn("earlier", TA.EARLIER_SCORE(lang, period=p), SCORE, 0.7),
            HqColumn("earlier_rank", TA.EARLIER_RANK(lang, period=p), INT, 0.6),
            HqColumn("change", TA.CHANGE(lang, period=p), DELTA, 0.6),
        )

    def cmp(r: LeagueRow) -> tuple[Any, ...]:
        if not earlier:
            return ()
        e = earlier.get((r.code, r.scenario))
        if e is None:
            return (None, None, None)
        return (_r(e.score), e.rank, _r(e.change))

    # Mystery visits rank within one scenario: a scenario column, rows grouped by it.
    by_scenario = any(r.scenario is not None for r in ranked)
    scen_titles = rights_mystery.mystery_titles()[0] if by_scenario else {}

    def scen(r: Any) -> tuple[Any, ...]:
        if not by_scenario:
            return ()
        zh, en = scen_titles.get(r.scenario or "", (r.scenario or "", r.scenario or ""))
        return ((zh if lang == "zh" else en) or TT.NO_SCENARIO(lang),)

    return HqTable(
        name,
        title,
        (
            c("rank", "rank", INT, 0.5),
            *(
                (HqColumn("scenario", TT.COLUMNS["scenario"](lang), TEXT, 1.6),)
                if by_scenario
                else ()
            ),
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 2),
            c("region", "region"),
            c("latest", "latest", SCORE, 0.8),
            c("grade", "grade", TEXT, 0.7),
            c("redline", "redline", TEXT, 0.8),
            c("trend", "trend_d", DELTA, 0.6),
            c("date", "date", DATE, 0.9),
            c("n", "n", INT, 0.8),
            c("avg", "avg", SCORE, 0.7),
            c("untrusted", "untrusted", INT, 0.7),
            *rec_col,
            *cmp_cols,
        ),
        [
            (
                r.rank,
                *scen(r),
                r.code,
                r.name,
                r.region,
                _r(r.latest_score),
                data.grade_label(r.latest_grade, lang),
                _redline(r.latest_passed, r.veto_failed, lang),
                _r(r.trend),
                d(r.latest_at),
                r.inspections,
                _r(r.average),
                r.untrusted,
                *rec(r.latest_draft),
                *cmp(r),
            )
            for r in ranked
        ],
        note=TH.LEAGUE_NOTE(lang, scope=scope_text),
        sheet=label("league", lang),
        group=1 if by_scenario else None,
    )


def summary_table(data: HqData, lang: str = "en") -> HqTable:
    """Key figures of the selection as (label, value) rows (first page, first sheet)."""
    s = {k: t(lang) for k, t in TH.SUMMARY.items()}
    open_n = sum(r.open for r in data.rectification)
    overdue_n = sum(r.overdue for r in data.rectification)
    closed_n = sum(r.closed for r in data.rectification)
    inspected = len({r.code for r in data.ranked()})  # mystery: a branch per scenario
    any_inspection = sum(r.inspected for r in data.regions) if data.regions else inspected
    rows: list[tuple[Any, ...]] = [
        (s["period"], data.filter.period(lang)),
        (s["selection"], data.filter.describe(lang)),
        (
            s["generated"],
            timefmt.fmt_datetime(data.generated_at, data.tz),
        ),
        (s["inspections"], data.inspections),
    ]
    if data.filter.drafts:
        rows.append((s["drafts"], data.drafts))
    rows += [
        (s["branches"], data.branches),
        (s["inspected"], any_inspection),
        (s["not_inspected"], data.branches - any_inspection),
        (s["ranked"], inspected),
        (s["average"], _r(data.average)),
        (s["league"], data.league_scope(lang)),
        (s["vetoes"], data.veto_total),
        (s["open"], open_n),
        (s["overdue"], overdue_n),
        (s["closed"], closed_n),
    ]
    # The rectification loop's states, when any finding is in them (branch responses).
    for key in ("submitted", "returned"):
        n = sum(getattr(r, key) for r in data.rectification)
        if n:
            rows.append((s[key], n))
    rows += [
        (s["integrity"], len(data.integrity)),
    ]
    if data.coverage is not None:
        absent = data.coverage.not_inspected()
        rows[2:2] = [
            (TA.COVERAGE_LABEL(lang), data.coverage.statement(lang)),
            (
                TA.NOT_INSPECTED(lang),
                TH.LIST_SEP(lang).join(f"{b.code} {b.name}" for b in absent) or TA.NONE_LEFT(lang),
            ),
            *assess_tables.plan_summary(data.coverage, lang),
        ]
    if data.assessment is not None:
        rows.append((TA.RULE_LABEL(lang), data.assessment.rule.stamp(lang)))
    return HqTable(
        "summary",
        label("summary", lang),
        (HqColumn("key", label("key", lang), TEXT, 1.5), HqColumn("value", label("value", lang))),
        rows,
        sheet=label("summary", lang),
    )


def regions_table(data: HqData, lang: str = "en") -> HqTable:
    def c(key: str, lk: str, kind: str = TEXT, width: float = 1.0) -> HqColumn:
        return HqColumn(key, label(lk, lang), kind, width)

    if data.region_scopes:  # like with like: one row per region, checklist and mode
        return HqTable(
            "regions",
            label("regions", lang),
            (
                c("region", "region", TEXT, 1.2),
                c("branches", "branches", INT, 0.7),
                HqColumn("checklist", TA.COLUMNS["checklist"](lang), TEXT, 2.0),
                c("mode", "mode", TEXT, 0.8),
                c("inspected", "inspected", INT, 0.8),
                c("n", "n", INT, 0.7),
                c("avg", "avg", SCORE, 0.7),
                c("vetoes", "vetoes", INT, 0.7),
                HqColumn("checklist_id", TA.COLUMNS["checklist_id"](lang), TEXT, pdf=False),
            ),
            [
                (
                    r.region,
                    r.branches,
                    data.checklist_title(r.checklist_id, lang),
                    mode_label(r.mode, lang),
                    r.inspected,
                    r.inspections,
                    _r(r.average),
                    r.vetoes,
                    r.checklist_id,
                )
                for r in data.region_scopes
            ],
            note=TA.REGIONS_NOTE(lang),
            sheet=label("regions", lang),
        )

    return HqTable(
        "regions",
        label("regions", lang),
        (
            c("region", "region", TEXT, 1.4),
            c("branches", "branches", INT),
            c("inspected", "inspected", INT),
            c("n", "n", INT),
            c("avg", "avg", SCORE),
            c("vetoes", "vetoes", INT),
        ),
        [
            (r.region, r.branches, r.inspected, r.inspections, _r(r.average), r.vetoes)
            for r in data.regions
        ],
        sheet=label("regions", lang),
    )


def answer_tables(data: HqData, lang: str = "en") -> list[HqTable]:
    """One table per checklist with every answer of every selected inspection."""
    return [
        replace(
            answer_table_head(sh.checklist_id, sh.title_zh, sh.title_en, sh.items, lang),
            rows=sh.rows,
        )
        for sh in data.answer_sheets
    ]


def answer_table_head(
    checklist_id: str,
    title_zh: str,
    title_en: str,
    items: list[tuple[str, str, str]],
    lang: str = "en",
) -> HqTable:
    """A checklist's answer table without rows: its names and columns (the export streams
    the rows, :func:`inspector.services.hq.answer_sheets.iter_answer_sheets`)."""
    title = title_zh if lang == "zh" else title_en
    cols = (
        HqColumn("inspection", label("inspection", lang), ID, 1.3),
        HqColumn("code", label("code", lang)),
        HqColumn("name", label("branch", lang), TEXT, 2),
        HqColumn("region", label("region", lang)),
        HqColumn("date", label("date", lang), DATE),
        HqColumn("mode", label("mode", lang)),
        HqColumn("record", label("record", lang)),
        HqColumn("score", label("score", lang), SCORE),
        HqColumn("grade", label("grade", lang)),
        *(HqColumn(i, zh if lang == "zh" else en, TEXT, 1.5) for i, zh, en in items),
    )
    return HqTable(
        f"answers_{checklist_id}",
        TH.ANSWERS_TITLE(lang, title=title),
        cols,
        [],
        sheet=TH.ANSWERS_SHEET(lang, title=title),
    )


def status_label(status: FindingState, lang: str) -> str:
    text = TH.STATUSES.get(status)
    return text(lang) if text is not None else status


def closed_via_label(via: ClosedVia | None, lang: str) -> str:
    """How a closed finding was closed (re-check, branch response, by hand); else empty."""
    text = CLOSED_VIA.get(via) if via else None
    return text(lang) if text is not None else (via or "")


def severity_label(severity: Severity, lang: str) -> str:
    text = TH.SEVERITIES.get(severity)
    return text(lang) if text is not None else severity


#: The most rows the PDF prints of a list that grows with the bank (overdue findings,
#: mystery visits; red-line failures are capped at VETO_ROWS when loaded). Each such list
#: says how many there are and which are shown; the Excel export lists them all. Lists the
#: report must give whole (leagues, assessment, rectification per branch and region,
#: branches not inspected) are a row per branch or region, never capped.
PDF_LIST_ROWS = 200


def _newest_visits(tbl: HqTable, lang: str) -> HqTable:
    """The mystery visits table with its newest :data:`PDF_LIST_ROWS` visits (in the
    table's order: branch, then date), and a note saying so when there are more."""
    total = len(tbl.rows)
    if total <= PDF_LIST_ROWS:
        return tbl
    day = [col.key for col in tbl.columns].index("date")
    newest = sorted(range(total), key=lambda i: (tbl.rows[i][day] or date.min, i), reverse=True)[
        :PDF_LIST_ROWS
    ]
    return replace(
        tbl,
        rows=[tbl.rows[i] for i in sorted(newest)],
        note=TH.NEWEST_VISITS_NOTE(lang, total=total, n=PDF_LIST_ROWS, sheet=tbl.sheet),
    )


def report_content(data: HqData, lang: str = "en") -> HqReportContent:
    """What the consolidated PDF shows, in ``lang`` (zh | en)."""
    if lang not in ("zh", "en"):
        raise ValidationError(T.BAD_LANG, option=Term("--lang", T.LANG_OPTION), lang=repr(lang))
    tbls = {t.name: t for t in tables(data, lang)}
    summary = [
        (str(k), "—" if v is None else format_value(v, SCORE if isinstance(v, float) else TEXT))
        for k, v in summary_table(data, lang).rows
    ]
    hm = data.heatmap
    heat = HqHeatmap(
        label("heatmap", lang),
        [f"{code} {hm.branch_names.get(code, '')}" for code in hm.branches],
        [hm.area_title(a, lang) for a in hm.areas],
        [[hm.value(code, a) for a in hm.areas] for code in hm.branches],
    )
    ftbl = tbls["findings"]
    # Overdue first, each state by deadline: the longest overdue lead the list.
    overdue_rows = [
        r
        for r, f in zip(ftbl.rows, data.all_findings or data.findings, strict=True)
        if f.status == FindingState.OVERDUE
    ]
    overdue_total = max(len(overdue_rows), sum(r.overdue for r in data.rectification))
    # Every overdue row has the same status and no closing date: those columns say nothing.
    overdue_t = replace(
        ftbl,
        name="overdue",
        title=label("overdue", lang),
        columns=tuple(
            replace(col, pdf=False) if col.key in ("status", "closed_at", "closed_via") else col
            for col in ftbl.columns
        ),
        rows=overdue_rows[:PDF_LIST_ROWS],
        note=(
            TH.OVERDUE_NOTE(lang, total=overdue_total, n=PDF_LIST_ROWS, sheet=ftbl.sheet)
            if overdue_total > PDF_LIST_ROWS
            else ""
        ),
    )
    # A league for every other checklist and mode with data (each like with like).
    more_leagues = [
        league_table(data, lang, rows, (cid, mode), name=f"league_{cid}_{mode}")
        for cid, mode, rows in data.leagues
        if (cid, mode) != (data.league_checklist, data.league_mode)
        and any(r.rank is not None for r in rows)
    ]
    sections: list[HqTable | HqHeatmap] = [
        tbls["league"],
        *more_leagues,
        *(tbls[n] for n in assess_tables.TABLES if n in tbls),
        tbls["not_inspected"],
        *((tbls["incomplete_drafts"],) if "incomplete_drafts" in tbls else ()),
        heat,
        tbls["failing_items"],
        tbls["veto_failures"],
        overdue_t,
    ]
    if data.integrity:
        sections.append(tbls["integrity"])
    # Consumer rights and mystery shopping, when loaded (as on the dashboard's tabs).
    sections += [
        _newest_visits(tbls[n], lang) if n == "mystery_visits" else tbls[n]
        for n in rights_mystery.TABLES
        if n in tbls
    ]
    overall = [p for p in data.trend if p.region == ""]
    by_region: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for p in data.trend:
        if p.region:
            by_region[p.region].append((p.period, p.average))
    banner = ""
    if data.filter.drafts:
        banner = TH.DRAFTS_BANNER(lang, n=data.drafts)
    return HqReportContent(
        title=TH.REPORT_TITLE(lang),
        subtitle=TH.REPORT_SUBTITLE(
            lang,
            period=data.filter.period(lang),
            generated=timefmt.fmt_datetime(data.generated_at, data.tz),
        ),
        lang=lang,
        summary=summary,
        sections=sections,
        footer=TH.REPORT_FOOTER(lang),
        regions=regions_table(data, lang),
        trend=[(p.period, p.average) for p in overall],
        trend_regions=dict(by_region),
        trend_title=f"{label('trend', lang)} · {data.league_scope(lang)}",
        banner=banner,
    )
