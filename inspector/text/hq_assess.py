"""Words of HQ's repeat findings, rectification figures, branch assessment and coverage
(PDF sections, Excel sheets, CSV files, ``inspector hq rectification|assess|coverage``)."""

from __future__ import annotations

import logging

from inspector.text import Message, Text

log = logging.getLogger(__name__)

REPEAT = Text(zh="屡查屡犯（前 {n} 次）", en="repeat ({n} earlier)")
COLUMNS: dict[str, Text] = {
    "repeat": Text(zh="屡查屡犯", en="Repeat"),
    "repeat_of": Text(zh="此前检查", en="Earlier inspection"),
    "laptop_severity": Text(zh="检查端严重程度", en="Severity on the laptop"),
    "opened": Text(zh="新发现问题", en="Opened"),
    "closed": Text(zh="已整改", en="Closed"),
    "closed_on_time": Text(zh="按期整改", en="Closed on time"),
    "closure_rate": Text(zh="整改率", en="Closure rate"),
    "on_time_rate": Text(zh="按期率", en="On-time rate"),
    "median_days": Text(zh="整改用时中位数（天）", en="Median days to close"),
    "overdue": Text(zh="当前逾期", en="Overdue now"),
    "repeats": Text(zh="屡查屡犯", en="Repeats"),
    "branches": Text(zh="网点数", en="Branches"),
    "score": Text(zh="考核得分", en="Score"),
    "rank": Text(zh="全行排名", en="Rank"),
    "region_rank": Text(zh="区域排名", en="Rank in region"),
    "component": Text(zh="考核项", en="Component"),
    "inputs": Text(zh="依据", en="Inputs"),
    "weight": Text(zh="权重", en="Weight"),
    "points": Text(zh="得分", en="Points"),
    "latest_onsite": Text(zh="最近现场检查", en="Latest on-site"),
    "latest_mystery": Text(zh="最近暗访", en="Latest mystery visit"),
    "device": Text(zh="设备", en="Device"),
    "label": Text(zh="名称", en="Label"),
    "last_package": Text(zh="最近数据包", en="Last package"),
    "packages": Text(zh="数据包数", en="Packages"),
    "trusted": Text(zh="受信任", en="Trusted"),
    "onsite_n": Text(zh="现场检查次数", en="On-site inspections"),
    "checklist": Text(zh="检查表", en="Checklist"),
    "quarter": Text(zh="季度", en="Quarter"),
    "qoq": Text(zh="环比变化", en="Change on quarter"),
    "checklist_id": Text(zh="检查表编号", en="Checklist id"),
    "mystery_n": Text(zh="暗访次数", en="Mystery visits"),
}
TITLES: dict[str, Text] = {
    "rectification": Text(zh="整改情况（各网点）", en="Rectification by branch"),
    "rectification_regions": Text(zh="整改情况（各区域）", en="Rectification by region"),
    "assessment": Text(zh="消保考核（各网点）", en="Branch assessment (消保考核)"),
    "assessment_detail": Text(zh="消保考核明细", en="Branch assessment in detail"),
    "coverage": Text(zh="检查覆盖（各网点）", en="Coverage by branch"),
    "trend_quarters": Text(
        zh="季度趋势（按检查表、区域）", en="Quarter on quarter, by checklist and region"
    ),
    "incomplete_drafts": Text(zh="未完成的草稿（不参与排名）", en="Incomplete drafts (not ranked)"),
    "devices": Text(zh="检查设备", en="Devices"),
    "plan": Text(zh="检查计划完成情况", en="The inspection plan, line by line"),
}
SHEETS: dict[str, Text] = {
    "rectification": Text(zh="整改情况", en="Rectification"),
    "rectification_regions": Text(zh="区域整改", en="Rectification regions"),
    "assessment": Text(zh="消保考核", en="Assessment"),
    "assessment_detail": Text(zh="考核明细", en="Assessment detail"),
    "coverage": Text(zh="检查覆盖", en="Coverage"),
    "trend_quarters": Text(zh="季度趋势", en="Quarterly trend"),
    "incomplete_drafts": Text(zh="未完成草稿", en="Incomplete drafts"),
    "devices": Text(zh="检查设备", en="Devices"),
    "plan": Text(zh="检查计划", en="Plan"),
}
RECTIFICATION_NOTE = Text(
    zh="期间内检查发现的问题（屡查屡犯按总行对全部数据的判定）；按期＝在整改期限当日或之前整改；"
    "整改率＝已整改÷新发现；当前逾期＝未整改且已过期限（以 {today} 计）。",
    en="Findings of the inspections in the period (repeats as HQ evaluates them over all its "
    "data); on time = closed on or before the deadline; closure rate = closed ÷ opened; "
    "overdue now = open past the deadline (as of {today}).",
)
RULE_STAMP = Text(
    zh="考核规则「{title}」版本 {version}（SHA-256 {sha256}…）",
    en="assessment rule “{title}” version {version} (SHA-256 {sha256}…)",
)
WEIGHTS_NOT_100 = Message(
    what=Text(
        zh="components：各考核项权重之和为 {total}，应为 100",
        en="components: the weights add up to {total}, not 100",
    ),
    cli=Text(zh="请调整 weight 使其合计 100", en="change the weights so they add up to 100"),
    gui=Text(zh="请调整 weight 使其合计 100", en="change the weights so they add up to 100"),
)
BAD_PERIOD = Message(
    what=Text(
        zh="{option} 的值 {value} 不是期间（例如 2026Q4、2026-11 或 2026）",
        en="{option} {value} is not a period (e.g. 2026Q4, 2026-11 or 2026)",
    ),
)
PERIOD_AND_DATES = Message(
    what=Text(zh="期间与起止日期同时给出", en="both a period and dates were given"),
    cli=Text(zh="--period 与 --from/--to 只能选其一", en="give either --period or --from/--to"),
)
NOT_ASSESSED = Text(
    zh="期间内无已定稿的检查或暗访，不参与考核",
    en="no finalized inspection or mystery visit in the period: not assessed",
)
COMPONENTS: dict[str, Text] = {
    "onsite": Text(zh="现场检查", en="On-site inspections"),
    "mystery": Text(zh="神秘客暗访", en="Mystery visits"),
    "rectification": Text(zh="按期整改", en="Rectification on time"),
    "repeat": Text(zh="屡查屡犯扣分", en="Repeat findings (penalty)"),
    "redline": Text(zh="红线扣分", en="Red-line failures (penalty)"),
    "overdue": Text(zh="逾期未改扣分", en="Overdue findings (penalty)"),
}
EXPLAIN: dict[str, Text] = {
    "onsite": Text(
        zh="{n} 次现场检查，平均 {average} 分 × 权重 {weight}% = {points}",
        en="{n} on-site inspection(s), average {average} × weight {weight}% = {points}",
    ),
    "mystery_relative": Text(
        zh="{n} 次暗访，相对同场景全行平均为 {average}% × 权重 {weight}% = {points}",
        en="{n} mystery visit(s), {average}% of the bank's average for the same scenario "
        "× weight {weight}% = {points}",
    ),
    "mystery_absolute": Text(
        zh="{n} 次暗访，平均 {average} 分 × 权重 {weight}% = {points}",
        en="{n} mystery visit(s), average {average} × weight {weight}% = {points}",
    ),
    "rectification": Text(
        zh="到期问题 {due} 项，按期整改 {on_time} 项（{rate}%）× 权重 {weight}% = {points}",
        en="{due} finding(s) due, {on_time} closed on time ({rate}%) × weight {weight}% = {points}",
    ),
    "rectification_none": Text(
        zh="无到期问题，按满分计 × 权重 {weight}% = {points}",
        en="no finding due: full marks × weight {weight}% = {points}",
    ),
    "missing_reweight": Text(
        zh="期间内无此项数据：不计，其余各项权重按比例放大至 100",
        en="no data in the period: left out, the other weights scaled up to 100",
    ),
    "missing_zero": Text(zh="期间内无此项数据：计 0 分", en="no data in the period: 0 points"),
    "penalty": Text(
        zh="{n} × {per} 分，上限 {cap} 分：扣 {deduct} 分",
        en="{n} × {per} points, at most {cap}: minus {deduct}",
    ),
}
ASSESS_NOTE = Text(
    zh="得分＝各项得分之和减扣分（不低于 0）；期间内无检查或暗访的网点不参与排名；"
    "各项依据见“考核明细”。",
    en="score = the components' points minus the penalties (never below 0); branches with no "
    "inspection or visit in the period are not ranked; see the detail for every figure.",
)
RULE_LABEL = Text(zh="消保考核规则", en="Assessment rule")
COVERAGE = Text(
    zh="{period}：{total} 个网点中 {n} 个有已定稿的现场检查",
    en="{n} of {total} branches inspected on site in {period}",
)
PLAN_COVERAGE = Text(
    zh="计划 {total} 项：已完成 {done}，进行中 {in_progress}，未到期 {due}，逾期 {overdue}",
    en="Plan {total} lines: {done} done, {in_progress} in progress, {due} due, {overdue} overdue",
)
PLAN_OVERDUE = Text(zh="逾期的计划项", en="Overdue plan lines")
PLAN_NONE = Text(zh="总行尚未发布检查计划", en="HQ has published no inspection plan")
PLAN_GROUP = Text(
    zh="{name}：{done}/{total} 已完成，逾期 {overdue}",
    en="{name}: {done}/{total} done, {overdue} overdue",
)
PLAN_BY_REGION = Text(zh="按区域", en="By region")
PLAN_BY_ASSIGNEE = Text(zh="按检查人", en="By assignee")
PLAN_ANYONE = Text(zh="未指定", en="anyone")
PLAN_LABEL = Text(zh="检查计划", en="Inspection plan")
PLAN_OVERDUE_LINE = Text(
    zh="{branch} {name} {checklist}（{due} 到期）", en="{branch} {name} {checklist} (due {due})"
)
#: A plan line's state (``plan_status``: done, in_progress, due, overdue).
PLAN_STATES: dict[str, Text] = {
    "done": Text(zh="已完成", en="done"),
    "in_progress": Text(zh="进行中", en="in progress"),
    "due": Text(zh="未到期", en="due"),
    "overdue": Text(zh="逾期", en="overdue"),
}
PLAN_COLUMNS: dict[str, Text] = {
    "line": Text(zh="计划行", en="Plan line"),
    "due": Text(zh="截止日期", en="Due"),
    "state": Text(zh="状态", en="State"),
    "scenario": Text(zh="暗访情景", en="Scenario"),
    "wave": Text(zh="批次", en="Wave"),
    "assignee": Text(zh="检查人", en="Assignee"),
}
NOT_INSPECTED = Text(zh="未检查网点", en="Branches not inspected")
COVERAGE_LABEL = Text(zh="检查覆盖", en="Coverage")
NONE_LEFT = Text(zh="无", en="none")
REGIONS_NOTE = Text(
    zh="同类相比：每个区域按检查表和检查方式分行统计，不同检查表、现场检查与暗访不混合平均。",
    en="Like with like: one row per region, checklist and mode; different checklists, on-site "
    "inspections and mystery visits are never averaged together.",
)
NOT_CHECKED = Text(zh="未检查", en="not checked")
INCOMPLETE_NOTE = Text(
    zh="这些网点最近一次检查是必答项尚未答完的草稿：不参与排名，红线视为未检查。",
    en="These branches' latest inspection is a draft with required items unanswered: not "
    "ranked, red lines not checked.",
)
LEAGUE_OF = Text(zh="{league}：{scope}", en="{league}: {scope}")
FILING_NUMBER = Text(zh="文号：{number}", en="Ref. {number}")
FILING_CLASS = Text(zh="密级：{classification}", en="Classification: {classification}")
SIGNOFF_TITLE = Text(zh="编制与签发", en="Sign-off")
SIGNOFF_ORG = Text(zh="编制单位：{org}", en="Prepared by: {org}")
SIGNOFF_COLUMNS: dict[str, Text] = {
    "role": Text(zh="职责", en="Role"),
    "name": Text(zh="姓名", en="Name"),
    "signature": Text(zh="签字", en="Signature"),
    "date": Text(zh="日期", en="Date"),
}
SIGNOFF_ROLES: dict[str, Text] = {
    "prepared": Text(zh="编制", en="Prepared"),
    "reviewed": Text(zh="审核", en="Reviewed"),
    "approved": Text(zh="签发", en="Approved"),
}
SEAL = Text(zh="（盖章）", en="(seal)")
RESULT_OF = Text(zh="{item}（结果）", en="{item} (result)")
EARLIER_SCORE = Text(zh="{period} 得分", en="{period} score")
EARLIER_RANK = Text(zh="{period} 名次", en="{period} rank")
CHANGE = Text(zh="较 {period} 变化", en="Change vs {period}")
QUARTERS_NOTE = Text(
    zh="同类相比：每个检查表和检查方式分别统计；环比＝本季度平均分－上一季度平均分。",
    en="Like with like: each checklist and mode apart; change = the quarter's average minus "
    "the quarter before's.",
)
