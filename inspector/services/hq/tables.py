"""HQ tables: labels, table building and the report content (PDF / Excel / CSV)."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from inspector.domain import timefmt
from inspector.errors import ValidationError
from inspector.reports.hq_report import (
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
from inspector.services import inspections as insp_svc
from inspector.services.findings import CLOSED, OPEN, OVERDUE
from inspector.services.hq.rows import (
    FINDING_ROWS,
    FindingRow,
    HqData,
    _r,
    status_label_insp,
)
from inspector.text import hq_errors as T
from inspector.text.parts import Term

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- tables (PDF / Excel / CSV)
_L = {
    "summary": ("汇总", "Summary"),
    "regions": ("区域汇总", "Regions"),
    "league": ("网点排名", "League table"),
    "not_inspected": (
        "未参与排名的网点（本期无此类检查）",
        "Branches not ranked (no such inspection in the period)",
    ),
    "heatmap": (
        "区域得分热力图（各网点各区域最近一次得分）",
        "Area heatmap (each branch's latest score per area)",
    ),
    "failing": ("最常见问题项", "Items failed most often"),
    "veto": ("红线（一票否决）未通过", "Red-line (veto) failures"),
    "findings": ("整改跟踪", "Rectification"),
    "all_findings": ("全部整改事项", "All findings"),
    "overdue": ("逾期未整改", "Overdue rectifications"),
    "trend": ("得分趋势（月均）", "Score trend (monthly average)"),
    "integrity": ("证据完整性", "Evidence integrity"),
    "rank": ("名次", "Rank"),
    "code": ("网点代码", "Code"),
    "branch": ("网点", "Branch"),
    "region": ("区域", "Region"),
    "latest": ("最近得分", "Latest score"),
    "grade": ("等级", "Grade"),
    "redline": ("红线", "Red line"),
    "trend_d": ("变化", "Change"),
    "date": ("检查日期", "Inspected"),
    "n": ("检查次数", "Inspections"),
    "avg": ("平均分", "Average"),
    "untrusted": ("未验证来源", "Untrusted"),
    "percent": ("得分率", "Percent"),
    "item": ("检查项", "Item"),
    "item_id": ("检查项编号", "Item id"),
    "failures": ("不合格次数", "Failures"),
    "branches": ("网点数", "Branches"),
    "inspected": ("已检查网点", "Inspected branches"),
    "share": ("每百次检查", "Per 100 inspections"),
    "score": ("得分", "Score"),
    "items": ("未通过的红线项", "Red-line items failed"),
    "inspection": ("检查编号", "Inspection"),
    "severity": ("严重程度", "Severity"),
    "action": ("整改措施", "Action"),
    "owner": ("责任人", "Owner"),
    "deadline": ("整改期限", "Deadline"),
    "status": ("状态", "Status"),
    "closed_at": ("整改完成日期", "Closed on"),
    "closing_note": ("整改说明", "Closing note"),
    "month": ("月份", "Month"),
    "kind": ("类型", "Kind"),
    "detail": ("说明", "Detail"),
    "taken": ("拍摄时间", "Taken"),
    "open": ("未整改", "Open"),
    "overdue_n": ("逾期", "Overdue"),
    "closed": ("已整改", "Closed"),
    "all": ("全部", "All"),
    "vetoes": ("红线未通过", "Red-line failures"),
    "record": ("记录状态", "Record"),
    "mode": ("检查方式", "Mode"),
    "checklist": ("检查表", "Checklist"),
    "answers": ("答卷", "Answers"),
    "key": ("项目", "Item"),
    "value": ("内容", "Value"),
}
_STATUS: dict[str, tuple[str, str]] = {
    OPEN: ("未整改", "open"),
    OVERDUE: ("逾期", "overdue"),
    CLOSED: ("已整改", "closed"),
}
ID_CHARS = 13  # 'xxxxxxxx-xxxx': a prefix 'inspector show' accepts, unique at HQ scale


def label(key: str, lang: str) -> str:
    zh, en = _L[key]
    return zh if lang == "zh" else en


def short_id(uuid: str) -> str:
    """The inspection id as printed in the PDF: long enough to be unique, never wrapped."""
    return uuid[:ID_CHARS]


def _redline(passed: bool | None, veto: int, lang: str) -> str:
    if veto > 0:
        return f"未通过（{veto} 项）" if lang == "zh" else f"failed ({veto})"
    if passed is None:
        return ""
    return "通过" if lang == "zh" else "passed"


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
            (status_label_insp(insp_svc.DRAFT if draft else insp_svc.FINALIZED, lang),)
            if drafts
            else ()
        )

    rec_col = (c("record", "record", TEXT, 0.6),) if drafts else ()

    def d(dt: datetime | None) -> date | None:
        return timefmt.local_date(dt, tz) if dt is not None else None

    league_t = HqTable(
        "league",
        label("league", lang),
        (
            c("rank", "rank", INT, 0.5),
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
        ),
        [
            (
                r.rank,
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
            )
            for r in data.ranked()
        ],
        note=(
            ("比较范围：" if lang == "zh" else "Compared: ")
            + data.league_scope(lang)
            + (
                "。红线未通过的网点排在通过的网点之后。"
                if lang == "zh"
                else ". A branch that failed a red line never ranks above one that passed."
            )
        ),
        sheet=label("league", lang),
    )
    absent_t = HqTable(
        "not_inspected",
        label("not_inspected", lang),
        (c("code", "code", TEXT, 0.8), c("name", "branch", TEXT, 2), c("region", "region")),
        [(r.code, r.name, r.region) for r in data.unranked()],
        group=2,
        sheet="未参与排名" if lang == "zh" else "Not ranked",
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
        sheet="区域得分" if lang == "zh" else "Area scores",
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
        sheet="常见问题项" if lang == "zh" else "Failed items",
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
                "；".join(v.titles(lang)) if lang == "zh" else "; ".join(v.titles(lang)),
                v.uuid,
                *rec(v.draft),
            )
            for v in data.vetoes
        ],
        group=3,
        sheet="红线" if lang == "zh" else "Red lines",
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
                c("action", "action", TEXT, 1.6),
                c("owner", "owner", TEXT, 0.9),
                c("deadline", "deadline", DATE, 0.9),
                c("status", "status", TEXT, 0.6),
                c("closed_at", "closed_at", DATE, 0.9),
                c("closing_note", "closing_note", TEXT, 1.5, pdf=False),
                c("inspection", "inspection", ID, 1.3),
                c("item_id", "item_id", TEXT, 1.2, pdf=False),
                *rec_col,
            ),
            [
                (
                    d(f.started_at),
                    f.code,
                    f.name,
                    f.region,
                    f.item_title(lang),
                    severity_label(f.severity, lang),
                    f.action,
                    f.owner,
                    f.deadline,
                    status_label(f.status, lang),
                    d(f.closed_at),
                    f.closing_note,
                    f.inspection_uuid,
                    f.item_id,
                    *rec(f.draft),
                )
                for f in rows
            ],
            group=3,
            sheet=sheet,
        )

    find_t = finding_table(
        "findings",
        label("findings", lang),
        data.all_findings or data.findings,
        "整改跟踪" if lang == "zh" else "Findings",
    )
    trend_t = HqTable(
        "trend",
        label("trend", lang),
        (c("month", "month"), c("region", "region"), c("avg", "avg", SCORE), c("n", "n", INT)),
        [
            (p.period, p.region or label("all", lang), _r(p.average), p.inspections)
            for p in data.trend
        ],
        sheet="得分趋势" if lang == "zh" else "Trend",
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
                f"{label('taken', lang)}（{zone}）"
                if lang == "zh"
                else f"{label('taken', lang)} ({zone})",
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
        sheet="证据完整性" if lang == "zh" else "Integrity",
    )
    return [league_t, absent_t, heat_t, failing_t, veto_t, find_t, trend_t, integ_t]


def summary_table(data: HqData, lang: str = "en") -> HqTable:
    """Key figures of the selection as (label, value) rows (first page, first sheet)."""
    zh = lang == "zh"
    open_n = sum(r.open for r in data.rectification)
    overdue_n = sum(r.overdue for r in data.rectification)
    closed_n = sum(r.closed for r in data.rectification)
    inspected = len(data.ranked())
    any_inspection = sum(r.inspected for r in data.regions) if data.regions else inspected
    rows: list[tuple[Any, ...]] = [
        ("统计期间" if zh else "Period", data.filter.period(lang)),
        ("范围" if zh else "Selection", data.filter.describe(lang)),
        (
            "生成时间" if zh else "Generated",
            timefmt.fmt_datetime(data.generated_at, data.tz),
        ),
        ("检查次数" if zh else "Inspections", data.inspections),
    ]
    if data.filter.drafts:
        rows.append(
            ("其中草稿（未定稿）" if zh else "of which drafts (not finalized)", data.drafts)
        )
    rows += [
        ("网点数" if zh else "Branches", data.branches),
        ("本期有检查的网点" if zh else "Branches inspected in the period", any_inspection),
        ("本期无检查的网点" if zh else "Branches not inspected", data.branches - any_inspection),
        ("参与排名的网点" if zh else "Branches ranked", inspected),
        ("平均得分" if zh else "Average score", _r(data.average)),
        ("排名比较范围" if zh else "League compares", data.league_scope(lang)),
        ("红线未通过（检查次数）" if zh else "Red-line failures (inspections)", len(data.vetoes)),
        ("整改：未整改" if zh else "Findings: open", open_n),
        ("整改：逾期" if zh else "Findings: overdue", overdue_n),
        ("整改：已整改" if zh else "Findings: closed", closed_n),
        ("证据完整性提示" if zh else "Integrity flags", len(data.integrity)),
    ]
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
    out = []
    for sh in data.answer_sheets:
        title = sh.title_zh if lang == "zh" else sh.title_en
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
            *(HqColumn(i, zh if lang == "zh" else en, TEXT, 1.5) for i, zh, en in sh.items),
        )
        out.append(
            HqTable(
                f"answers_{sh.checklist_id}",
                f"{label('answers', lang)}：{title}" if lang == "zh" else f"Answers: {title}",
                cols,
                sh.rows,
                sheet=f"{label('answers', lang)}-{title}",
            )
        )
    return out


def status_label(status: str, lang: str) -> str:
    zh, en = _STATUS.get(status, (status, status))
    return zh if lang == "zh" else en


_SEVERITY = {"high": ("高", "high"), "medium": ("中", "medium"), "low": ("低", "low")}


def severity_label(severity: str, lang: str) -> str:
    zh, en = _SEVERITY.get(severity, (severity, severity))
    return zh if lang == "zh" else en


def report_content(data: HqData, lang: str = "en") -> HqReportContent:
    """What the consolidated PDF shows, in ``lang`` (zh | en)."""
    if lang not in ("zh", "en"):
        raise ValidationError(T.BAD_LANG, option=Term("--lang", T.LANG_OPTION), lang=repr(lang))
    zh = lang == "zh"
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
    # Every overdue row has the same status and no closing date: those columns say nothing.
    overdue_t = replace(
        ftbl,
        name="overdue",
        title=label("overdue", lang),
        columns=tuple(
            replace(col, pdf=False) if col.key in ("status", "closed_at") else col
            for col in ftbl.columns
        ),
        rows=[
            r
            for r, f in zip(ftbl.rows, data.all_findings or data.findings, strict=True)
            if f.status == OVERDUE
        ],
        note=(
            (
                f"仅列出最紧迫的 {FINDING_ROWS} 项未整改事项中的逾期项；完整清单见 Excel 导出。"
                if zh
                else f"Overdue items among the {FINDING_ROWS} most urgent open findings; "
                "the Excel export lists them all."
            )
            if len(data.findings) >= FINDING_ROWS
            else ""
        ),
    )
    sections: list[HqTable | HqHeatmap] = [
        tbls["league"],
        tbls["not_inspected"],
        heat,
        tbls["failing_items"],
        tbls["veto_failures"],
        overdue_t,
    ]
    if data.integrity:
        sections.append(tbls["integrity"])
    overall = [p for p in data.trend if p.region == ""]
    by_region: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for p in data.trend:
        if p.region:
            by_region[p.region].append((p.period, p.average))
    banner = ""
    if data.filter.drafts:
        banner = (
            f"本报告含 {data.drafts} 份草稿（未定稿）检查，标注为“草稿”的数据可能变化"
            if zh
            else f"Includes {data.drafts} draft (not finalized) inspection(s); rows marked "
            "'draft' may still change"
        )
    return HqReportContent(
        title="消费者权益保护检查汇总报告" if zh else "Consumer protection inspections: HQ report",
        subtitle=f"{data.filter.period(lang)} · "
        + ("生成于 " if zh else "generated ")
        + timefmt.fmt_datetime(data.generated_at, data.tz),
        lang=lang,
        summary=summary,
        sections=sections,
        footer="分支机构检查系统" if zh else "Branch Inspector",
        regions=regions_table(data, lang),
        trend=[(p.period, p.average) for p in overall],
        trend_regions=dict(by_region),
        trend_title=label("trend", lang),
        banner=banner,
    )
