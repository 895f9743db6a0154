"""The words of the inspection report (PDF): labels, headings, notes and value names.

Read by :mod:`inspector.reports.inspection_report` (and the services that phrase answers
for it). A report in ``both`` languages prints the Chinese and the English of the same entry,
so every entry here is one :class:`~inspector.text.Text`. To add a label: add an entry, use it
from the report with ``self.t("key")`` (markup) or ``self.plain("key")`` (canvas text).
"""

from __future__ import annotations

import logging

from inspector.text import Text

log = logging.getLogger(__name__)

# The report's fixed labels, headings and notes; ``{page}``/``{n}``/``{pages}`` are filled in.
LABELS: dict[str, Text] = {
    "title": Text(zh="消费者权益保护检查报告", en="Consumer Protection Inspection Report"),
    "draft": Text(zh="草稿", en="DRAFT"),
    "draft_note": Text(
        zh="草稿：本报告为草稿，检查尚未完成签署，内容可能变化。",
        en="DRAFT: this report is a draft; the inspection has not been signed off and may change.",
    ),
    "summary": Text(zh="检查概况与评分", en="Summary and score"),
    "branch": Text(zh="被检查机构", en="Branch"),
    "address": Text(zh="地址", en="Address"),
    "started": Text(zh="检查开始", en="Started"),
    "finalized": Text(zh="签署时间", en="Signed off"),
    "not_finalized": Text(zh="未签署", en="not signed off"),
    "inspector": Text(zh="检查人", en="Inspector"),
    "mode": Text(zh="检查方式", en="Mode"),
    "checklist": Text(zh="检查表", en="Checklist"),
    "checklist_sha": Text(zh="检查表 SHA-256", en="Checklist SHA-256"),
    "report_id": Text(zh="报告编号", en="Report id"),
    "revision": Text(zh="版本", en="Revision"),
    "amended": Text(zh="修订说明", en="Amendment"),
    "total": Text(zh="总分", en="Total score"),
    "grade": Text(zh="等级", en="Grade"),
    "passed": Text(zh="通过", en="Passed"),
    "not_passed": Text(zh="未通过", en="Not passed"),
    # The cover's score line: what the penalty figure counts (penalty items only, not the
    # points lost on failed items, which the base already reflects).
    "score_breakdown": Text(
        zh="各部分加权得分 {base} − 扣分项扣分 {penalties} = 总分 {total}",
        en="weighted sections {base} − penalty items {penalties} = total {total}",
    ),
    "answered": Text(zh="已答", en="Answered"),
    "veto_title": Text(zh="一票否决项不符合", en="Veto (red-line) items failed"),
    "veto_text": Text(
        zh="以下一票否决项不符合，评级按规定封顶，检查结论为“未通过”：",
        en="These red-line items failed; the grade is capped and the result is NOT PASSED:",
    ),
    "veto_reason": Text(zh="红线理由", en="Why it is a red line"),
    "gates": Text(
        zh="以下门槛项不符合，其所在部分记为零分：", en="Gate items failed (section scored 0):"
    ),
    "sections": Text(zh="分项得分", en="Score by section"),
    "section": Text(zh="检查部分", en="Section"),
    "weight": Text(zh="权重", en="Weight"),
    "points": Text(zh="得分", en="Points"),
    "percent": Text(zh="得分率", en="Percent"),
    "gated": Text(zh="门槛项不符合，记零分", en="gate failed, scored 0"),
    "na": Text(zh="不适用", en="N/A"),
    "chart": Text(zh="各部分得分率（%）", en="Percent by section"),
    "visit": Text(zh="暗访记录", en="Visit facts"),
    "narrative": Text(zh="总体描述", en="Narrative"),
    "findings": Text(zh="问题与整改清单", en="Findings and rectification list"),
    "no_findings": Text(zh="本次检查未发现问题。", en="No findings in this inspection."),
    "no": Text(zh="序号", en="No."),
    "item": Text(zh="检查项", en="Item"),
    "seen": Text(zh="发现情况", en="What was seen"),
    "lost": Text(zh="扣分", en="Points lost"),
    "severity": Text(zh="严重程度", en="Severity"),
    "source": Text(zh="依据", en="Source"),
    "action": Text(zh="整改措施", en="Action"),
    "owner": Text(zh="责任人", en="Owner"),
    "deadline": Text(zh="整改期限", en="Deadline"),
    "details": Text(zh="检查项明细", en="Item details"),
    "answer": Text(zh="答案", en="Answer"),
    "result": Text(zh="结论", en="Result"),
    "note": Text(zh="备注", en="Note"),
    "photos": Text(zh="照片", en="Photos"),
    "veto_tag": Text(zh="一票否决", en="veto"),
    "critical_tag": Text(zh="关键项", en="critical"),
    "repeat_tag": Text(zh="屡查屡犯", en="repeat"),
    "taken": Text(zh="拍摄", en="taken"),
    "taken_col": Text(zh="拍摄时间（设备）", en="Taken (device)"),
    "device_time": Text(zh="设备时间", en="device time"),
    "gps": Text(zh="设备定位", en="device GPS"),
    "redacted": Text(zh="已遮挡", en="redacted"),
    "appendix": Text(zh="证据附录", en="Evidence appendix"),
    "package": Text(zh="数据包标识", en="Package identity"),
    "uuid": Text(zh="检查编号 (UUID)", en="Inspection UUID"),
    "content_sha": Text(zh="内容 SHA-256", en="Content SHA-256"),
    "none": Text(zh="无", en="none"),
    "photo_sha": Text(zh="照片原件 SHA-256", en="Original photo SHA-256"),
    "imported": Text(zh="导入时间", en="Imported"),
    "device_claim": Text(
        zh="拍摄时间与定位为拍摄设备自报（EXIF），仅供参考；SHA-256 为原始文件的哈希值。",
        en="Capture time and GPS are reported by the camera (EXIF) and are claims, not facts; "
        "SHA-256 is the hash of the original file.",
    ),
    "no_photos": Text(zh="本次检查无照片。", en="No photos in this inspection."),
    "signoff": Text(zh="签署", en="Sign-off"),
    "manager": Text(zh="网点负责人", en="Branch manager"),
    "signature": Text(zh="签名", en="Signature"),
    "date": Text(zh="日期", en="Date"),
    "page": Text(zh="第 {page} 页 / 共 {pages} 页", en="Page {page} of {pages}"),
    "generated": Text(zh="生成于", en="Generated"),
    "yes": Text(zh="是", en="Yes"),
    "untitled": Text(zh="（无）", en="(none)"),
    "exec_summary": Text(zh="检查结论摘要", en="Executive summary"),
    "red_lines": Text(zh="红线（一票否决）不符合", en="Red-line failures"),
    "findings_by_sev": Text(zh="问题数量（按严重程度）", en="Findings by severity"),
    "rect_status": Text(zh="整改状态", en="Rectification status"),
    "top_findings": Text(zh="主要问题", en="Top findings"),
    "summary_text": Text(zh="总体评价", en="Summary"),
    "more_findings": Text(
        zh="另有 {n} 项问题，见整改清单。", en="{n} more finding(s): see the register."
    ),
    "full_text_below": Text(zh="（全文见第 {page} 页）", en="(full text on page {page})"),
    "see_page": Text(zh="详见第 {page} 页", en="see page {page}"),
    "count": Text(zh="{n} 项", en="{n}"),
    "scores": Text(zh="评分与分项得分", en="Scores by section"),
    "status": Text(zh="状态", en="Status"),
    "item_no": Text(zh="条目", en="Item"),
    "org": Text(zh="检查机构", en="Inspecting organisation"),
    "doc_number": Text(zh="文号", en="Ref. No."),
    "classification": Text(zh="密级", en="Classification"),
    "shopper": Text(zh="神秘客", en="Mystery shopper"),
    "hq_reviewer": Text(zh="总行复核人", en="HQ reviewer"),
    "seal": Text(zh="盖章处", en="Seal"),
    "role": Text(zh="角色", en="Role"),
    "name": Text(zh="姓名", en="Name"),
    "shopper_code_note": Text(
        zh="神秘客以编号标识；姓名由总行留存。",
        en="The mystery shopper is identified by a code; HQ keeps the name.",
    ),
    "item_page": Text(zh="见第 {page} 页", en="p. {page}"),
}

# A finding's rectification status.
STATUSES: dict[str, Text] = {
    "open": Text(zh="未整改", en="Open"),
    "overdue": Text(zh="已逾期", en="Overdue"),
    "submitted": Text(zh="待验收", en="Submitted"),
    "returned": Text(zh="已退回", en="Returned"),
    "closed": Text(zh="已整改", en="Closed"),
}

# A short severity for table cells; the long form (with its meaning) is in SEVERITIES.
SEVERITIES_SHORT: dict[str, Text] = {
    "high": Text(zh="高", en="High"),
    "medium": Text(zh="中", en="Medium"),
    "low": Text(zh="低", en="Low"),
}

# How the inspection was done.
MODES: dict[str, Text] = {
    "onsite": Text(zh="现场检查", en="On-site inspection"),
    "mystery": Text(zh="暗访", en="Mystery shopping"),
}

# An item's scored outcome.
OUTCOMES: dict[str, Text] = {
    "pass": Text(zh="符合", en="Pass"),
    "partial": Text(zh="部分符合", en="Partial"),
    "fail": Text(zh="不符合", en="Fail"),
    "na": Text(zh="不适用", en="N/A"),
    "unanswered": Text(zh="未作答", en="Not answered"),
    "hidden": Text(zh="不涉及", en="Not asked"),
}

# A severity with what it asks of the branch.
SEVERITIES: dict[str, Text] = {
    "high": Text(zh="高（立行立改）", en="High"),
    "medium": Text(zh="中（限期整改）", en="Medium"),
    "low": Text(zh="低（持续改进）", en="Low"),
}

# The source (basis) of a requirement, when it rests on practice rather than a written rule.
SOURCE_PRACTICE = Text(
    zh="行业通行做法（无成文规定）", en="Established practice (no written rule found)"
)
SOURCE_PARTLY = Text(zh="{ref}（部分依据行业通行做法）", en="{ref} (partly established practice)")
# A source that says it is the bank's own rule (行内要求): the Chinese already says so.
SOURCE_BANK_RULE = Text(zh="{ref}", en="{ref} (partly the bank's own rule, not a regulation)")
# Between a label and its value ("备注：", "Note: ").
COLON = Text(zh="：", en=": ")
# A short remark after a name: a section where nothing applies ("无障碍（不适用）").
REMARK = Text(zh="{name}（{remark}）", en="{name} ({remark})")
# The checklist line of a Chinese report: a title and version, not a file name.
CHECKLIST_VERSION = Text(zh="{title}（版本 {version}）", en="{title} (version {version})")

# Answers as a person says them (services.reports phrases each answer for the report).
RESULTS: dict[str, Text] = {
    "pass": Text(zh="符合", en="Pass"),
    "fail": Text(zh="不符合", en="Fail"),
    "na": Text(zh="不适用", en="N/A"),
}
NOT_ANSWERED = Text(zh="未作答", en="Not answered")
YES = Text(zh="是", en="Yes")
NO = Text(zh="否", en="No")
# A scale step with its label: "4 / 5（较好）".
SCALE_STEP = Text(zh="{step}（{label}）", en="{step} ({label})")

# A mystery-shopper visit's recorded facts.
VISIT_FACTS: dict[str, Text] = {
    "arrival": Text(zh="到达时间", en="Arrival"),
    "departure": Text(zh="离开时间", en="Departure"),
    "ticket": Text(zh="排队号", en="Ticket"),
    "customers_waiting": Text(zh="等候人数", en="Customers waiting"),
    "wait_started": Text(zh="开始等候", en="Wait started"),
    "wait_called": Text(zh="叫号时间", en="Called"),
    "scenario": Text(zh="检测场景", en="Scenario"),
}
