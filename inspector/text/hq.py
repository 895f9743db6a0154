"""The words of the HQ views: the consolidated PDF, the Excel/CSV export, ``inspector hq``.

Used by :mod:`inspector.services.hq` (tables, rows, queries), :mod:`inspector.reports.hq_report`
and the ``hq`` commands. Sheet names and headings are in the report's language; the CLI's
plain-text lines use the same entries. Each entry is a :class:`~inspector.text.Text`; a value
that comes from a checklist (an item's title, a grade's name) is data, not an entry here.
"""

from __future__ import annotations

import logging

from inspector.text import Text

log = logging.getLogger(__name__)

# Between the parts of a list in one cell or line ("区域 华东；仅已定稿").
LIST_SEP = Text(zh="；", en="; ")
NONE = Text(zh="无", en="None")
YES = Text(zh="是", en="yes")
NO = Text(zh="否", en="no")

# Headings, sheet titles and column names of the HQ views (PDF, Excel, CSV).
LABELS: dict[str, Text] = {
    "summary": Text(zh="汇总", en="Summary"),
    "regions": Text(zh="区域汇总", en="Regions"),
    "league": Text(zh="网点排名", en="League table"),
    "not_inspected": Text(
        zh="未参与排名的网点（本期无此类检查）",
        en="Branches not ranked (no such inspection in the period)",
    ),
    "heatmap": Text(
        zh="区域得分热力图（各网点各区域最近一次得分）",
        en="Area heatmap (each branch's latest score per area)",
    ),
    "failing": Text(zh="最常见问题项", en="Items failed most often"),
    "veto": Text(zh="红线（一票否决）不符合", en="Red-line (veto) failures"),
    "findings": Text(zh="整改跟踪", en="Rectification"),
    "all_findings": Text(zh="全部整改事项", en="All findings"),
    "overdue": Text(zh="逾期未整改", en="Overdue rectifications"),
    "trend": Text(zh="得分趋势（月均）", en="Score trend (monthly average)"),
    "integrity": Text(zh="证据完整性", en="Evidence integrity"),
    "rank": Text(zh="名次", en="Rank"),
    "code": Text(zh="网点代码", en="Code"),
    "branch": Text(zh="网点", en="Branch"),
    "region": Text(zh="区域", en="Region"),
    "latest": Text(zh="最近得分", en="Latest score"),
    "grade": Text(zh="等级", en="Grade"),
    "redline": Text(zh="红线", en="Red line"),
    "trend_d": Text(zh="变化", en="Change"),
    "date": Text(zh="检查日期", en="Inspected"),
    "n": Text(zh="检查次数", en="Inspections"),
    "avg": Text(zh="平均分", en="Average"),
    "untrusted": Text(zh="未验证来源", en="Untrusted"),
    "percent": Text(zh="得分率", en="Percent"),
    "item": Text(zh="检查项", en="Item"),
    "item_id": Text(zh="检查项编号", en="Item id"),
    "failures": Text(zh="不符合次数", en="Failures"),
    "branches": Text(zh="网点数", en="Branches"),
    "inspected": Text(zh="已检查网点", en="Inspected branches"),
    "share": Text(zh="每百次检查", en="Per 100 inspections"),
    "score": Text(zh="得分", en="Score"),
    "items": Text(zh="不符合的红线项", en="Red-line items failed"),
    "inspection": Text(zh="检查编号", en="Inspection"),
    "severity": Text(zh="严重程度", en="Severity"),
    "action": Text(zh="整改措施", en="Action"),
    "owner": Text(zh="责任人", en="Owner"),
    "deadline": Text(zh="整改期限", en="Deadline"),
    "status": Text(zh="状态", en="Status"),
    "closed_at": Text(zh="整改完成日期", en="Closed on"),
    "closing_note": Text(zh="整改说明", en="Closing note"),
    "closed_via": Text(zh="关闭方式", en="Closed by"),
    "month": Text(zh="月份", en="Month"),
    "kind": Text(zh="类型", en="Kind"),
    "detail": Text(zh="说明", en="Detail"),
    "taken": Text(zh="拍摄时间", en="Taken"),
    "open": Text(zh="未整改", en="Open"),
    "overdue_n": Text(zh="逾期", en="Overdue"),
    "closed": Text(zh="已整改", en="Closed"),
    "all": Text(zh="全部", en="All"),
    "vetoes": Text(zh="红线不符合", en="Red-line failures"),
    "record": Text(zh="记录状态", en="Record"),
    "mode": Text(zh="检查方式", en="Mode"),
    "checklist": Text(zh="检查表", en="Checklist"),
    "answers": Text(zh="答卷", en="Answers"),
    "key": Text(zh="项目", en="Item"),
    "value": Text(zh="内容", en="Value"),
}

# Sheet names (Excel allows 31 characters; the long titles are in LABELS).
SHEETS: dict[str, Text] = {
    "not_inspected": Text(zh="未参与排名", en="Not ranked"),
    "heatmap": Text(zh="区域得分", en="Area scores"),
    "failing_items": Text(zh="常见问题项", en="Failed items"),
    "veto_failures": Text(zh="红线", en="Red lines"),
    "findings": Text(zh="整改跟踪", en="Findings"),
    "trend": Text(zh="得分趋势", en="Trend"),
    "integrity": Text(zh="证据完整性", en="Integrity"),
}

# A finding's rectification status and severity, in table cells.
STATUSES: dict[str, Text] = {
    "open": Text(zh="未整改", en="open"),
    "overdue": Text(zh="逾期", en="overdue"),
    "submitted": Text(zh="待验收", en="submitted"),
    "returned": Text(zh="已退回", en="returned"),
    "closed": Text(zh="已整改", en="closed"),
}
SEVERITIES: dict[str, Text] = {
    "high": Text(zh="高", en="high"),
    "medium": Text(zh="中", en="medium"),
    "low": Text(zh="低", en="low"),
}
MODES: dict[str, Text] = {
    "onsite": Text(zh="现场检查", en="on-site"),
    "mystery": Text(zh="神秘人暗访", en="mystery shopper"),
}
# Whether a row's inspection is signed off (drafts count only when asked for).
RECORD_FINALIZED = Text(zh="已定稿", en="finalized")
RECORD_DRAFT = Text(zh="草稿", en="draft")
# An answer in the answers sheets: the inspector's judgement.
RESULTS: dict[str, Text] = {
    "pass": Text(zh="符合", en="pass"),
    "fail": Text(zh="不符合", en="fail"),
    "na": Text(zh="不适用", en="N/A"),
    "partial": Text(zh="部分符合", en="partial"),
}

# The red-line column of the league.
REDLINE_FAILED = Text(zh="不符合（{n} 项）", en="failed ({n})")
REDLINE_PASSED = Text(zh="符合", en="passed")
LEAGUE_NOTE = Text(
    zh="比较范围：{scope}。有红线项不符合的网点排在红线项全部符合的网点之后。",
    en="Compared: {scope}. A branch that failed a red line never ranks above one that passed.",
)
# A column heading with the time zone of its times.
WITH_ZONE = Text(zh="{label}（{zone}）", en="{label} ({zone})")
ANSWERS_TITLE = Text(zh="答卷：{title}", en="Answers: {title}")
ANSWERS_SHEET = Text(zh="答卷-{title}", en="Answers-{title}")

# The selection a view covers (HqFilter.describe / period).
FILTER_REGION = Text(zh="区域 {region}", en="region {region}")
FILTER_CHECKLIST = Text(zh="检查表 {checklist}", en="checklist {checklist}")
FILTER_MODE = Text(zh="方式 {mode}", en="mode {mode}")
FILTER_DRAFTS = Text(zh="含草稿（未定稿）", en="drafts included (not finalized)")
FILTER_FINALIZED = Text(zh="仅已定稿", en="finalized only")
FILTER_EVERYTHING = Text(zh="全部网点、全部时间", en="all branches, all time")
PERIOD_ALL = Text(zh="全部时间", en="all time")
PERIOD = Text(zh="{start} 至 {end}", en="{start} to {end}")

# The key figures of the summary sheet and the PDF's first page.
SUMMARY: dict[str, Text] = {
    "period": Text(zh="统计期间", en="Period"),
    "selection": Text(zh="范围", en="Selection"),
    "generated": Text(zh="生成时间", en="Generated"),
    "inspections": Text(zh="检查次数", en="Inspections"),
    "drafts": Text(zh="其中草稿（未定稿）", en="of which drafts (not finalized)"),
    "branches": Text(zh="网点数", en="Branches"),
    "inspected": Text(zh="本期有检查的网点", en="Branches inspected in the period"),
    "not_inspected": Text(zh="本期无检查的网点", en="Branches not inspected"),
    "ranked": Text(zh="参与排名的网点", en="Branches ranked"),
    "average": Text(zh="平均得分", en="Average score"),
    "league": Text(zh="排名比较范围", en="League compares"),
    "vetoes": Text(zh="红线不符合（检查次数）", en="Red-line failures (inspections)"),
    "open": Text(zh="整改：未整改", en="Findings: open"),
    "overdue": Text(zh="整改：逾期", en="Findings: overdue"),
    "closed": Text(zh="整改：已整改", en="Findings: closed"),
    "submitted": Text(zh="整改：待验收", en="Findings: submitted, awaiting HQ"),
    "returned": Text(zh="整改：已退回网点", en="Findings: returned to the branch"),
    "integrity": Text(zh="证据完整性提示", en="Integrity flags"),
}

# The consolidated PDF.
REPORT_TITLE = Text(
    zh="消费者权益保护检查汇总报告", en="Consumer protection inspections: HQ report"
)
REPORT_SUBTITLE = Text(zh="{period} · 生成于 {generated}", en="{period} · generated {generated}")
REPORT_FOOTER = Text(zh="分支机构检查系统", en="Branch Inspector")
DRAFTS_BANNER = Text(
    zh="本报告含 {n} 份草稿（未定稿）检查，标注为“草稿”的数据可能变化",
    en="Includes {n} draft (not finalized) inspection(s); rows marked 'draft' may still change",
)
# The PDF lists at most PDF_LIST_ROWS rows of a list that grows with the bank (overdue
# findings, mystery visits) and says which ones; the Excel export lists them all.
OVERDUE_NOTE = Text(
    zh="逾期未整改共 {total} 项，此处按整改期限列出逾期最久的 {n} 项；"
    "完整清单见 Excel 导出（inspector hq export）的“{sheet}”表。",
    en="{total} findings are overdue; the {n} overdue longest (earliest deadline first) are "
    "listed here. The Excel export (inspector hq export) lists them all, sheet '{sheet}'.",
)
NEWEST_VISITS_NOTE = Text(
    zh="共 {total} 次暗访，此处列出最近的 {n} 次；各场景的比较见上表，"
    "完整清单见 Excel 导出（inspector hq export）的“{sheet}”表。",
    en="{total} visits; the newest {n} are listed here, the comparison by scenario above. "
    "The Excel export (inspector hq export) lists them all, sheet '{sheet}'.",
)
NEWEST_NOTE = Text(
    zh="仅列出最近的 {n} 项（共 {total} 项）。", en="The newest {n} of {total} are listed."
)
TREND_ALL = Text(zh="全部", en="All")
# A group's sub-heading in a long table: the region and how many rows it has.
GROUP_HEADING = Text(zh="{name}（{n}）", en="{name} ({n})")
PAGE_OF = Text(zh="第 {page} 页 / 共 {pages} 页", en="Page {page} of {pages}")
PAGE = Text(zh="第 {page} 页", en="Page {page}")

# Evidence integrity: what each kind of flag means, and its detail.
KINDS: dict[str, Text] = {
    "duplicate_photo": Text(zh="重复照片", en="duplicate photo"),
    "outside_visit": Text(zh="拍摄时间在检查时段外", en="taken outside the visit"),
    "score_mismatch": Text(zh="存储得分与重算不符", en="stored score differs"),
    "snapshot_damaged": Text(zh="检查表快照校验不符", en="checklist snapshot fails its hash"),
    "blob_damaged": Text(zh="图片校验不符", en="stored image fails its hash"),
    "blob_missing": Text(zh="图片缺失", en="stored image missing"),
}
DUPLICATE_PHOTO = Text(
    zh="同一张照片也出现在{where}：{others}", en="same image in {where}: {others}"
)
SAME_BRANCH = Text(zh="同一网点的另一次检查", en="another visit of the same branch")
OTHER_BRANCHES = Text(zh="其他网点", en="other branches")
# The inspections a duplicate also appears in, one after another.
OTHERS_SEP = Text(zh="、", en=", ")
TAKEN_BEFORE = Text(
    zh="拍摄于检查开始前 {gap}（检查时段 {window}）",
    en="taken {gap} before the visit ({window})",
)
TAKEN_AFTER = Text(
    zh="拍摄于检查结束后 {gap}（检查时段 {window}）",
    en="taken {gap} after the visit ({window})",
)
STORED_TOTAL = Text(
    zh="得分存储为 {stored}，重算为 {rescored}", en="stored total {stored}, re-scored {rescored}"
)
STORED_GRADE = Text(
    zh="等级存储为 {stored}，重算为 {rescored}", en="stored grade {stored}, re-scored {rescored}"
)
STORED_VETO = Text(
    zh="否决项存储为 {stored}，重算为 {rescored}"
    "（是否通过：存储为 {stored_passed}，重算为 {passed}）",
    en="stored veto failures {stored}, re-scored {rescored} (passed {stored_passed} vs {passed})",
)

# 'inspector hq integrity' (plain text).
SCORE_MISMATCH_KIND = Text(zh="存储得分与重算不符", en="score_mismatch")
SCORES_REPAIRED = Text(
    zh="已修正 {n} 份检查的存储得分", en="stored score repaired for {n} inspection(s)"
)
INTEGRITY_TOTALS = Text(
    zh="得分不符 {n} 份检查；待复核照片 {photos} 张",
    en="{n} inspection(s) with a stored score that differs from a re-score; "
    "{photos} photo(s) to review",
)
STORED_DAMAGED = Text(
    zh="存储的检查表快照或图片有 {n} 处校验不符：数据库被改动或已损坏，请从备份恢复",
    en="{n} stored snapshot(s)/image(s) no longer verify: the database was changed or "
    "damaged; restore it from a backup",
)

# Stored evidence that no longer verifies ('inspector hq integrity', services/verify.py).
SNAPSHOT_DETAIL = Text(
    zh="检查表快照校验不符（{reason}）；请从备份恢复数据库",
    en="{reason}; restore the database from a backup",
)
BLOB_DETAIL = Text(
    zh="{reason}；请从备份恢复数据库", en="photo image {reason}; restore the database from a backup"
)
BLOB_HASH = Text(
    zh="图片存储内容的哈希为 {actual}，应为 {expected}",
    en="stored bytes hash to {actual}, not {expected}",
)
BLOB_SIZE = Text(
    zh="图片记录的大小为 {size} 字节，实际存储 {held} 字节",
    en="stored size {size} is not the {held} bytes held",
)
BLOB_GONE = Text(zh="图片存储内容缺失", en="the stored image is missing")
