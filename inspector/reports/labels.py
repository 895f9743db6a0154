"""Fixed wording of the inspection report in Chinese and English.

Kept apart from the layout code so that wording can be reviewed (and extended for the HQ
report) without reading ReportLab calls. Every entry is ``key: (zh, en)``.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

LABELS: dict[str, tuple[str, str]] = {
    "title": ("消费者权益保护检查报告", "Consumer Protection Inspection Report"),
    "draft": ("草稿", "DRAFT"),
    "draft_note": (
        "草稿：本报告为草稿，检查尚未完成签署，内容可能变化。",
        "DRAFT: this report is a draft; the inspection has not been signed off and may change.",
    ),
    "summary": ("检查概况与评分", "Summary and score"),
    "branch": ("被检查机构", "Branch"),
    "address": ("地址", "Address"),
    "started": ("检查开始", "Started"),
    "finalized": ("签署时间", "Signed off"),
    "not_finalized": ("未签署", "not signed off"),
    "inspector": ("检查人", "Inspector"),
    "mode": ("检查方式", "Mode"),
    "checklist": ("检查表", "Checklist"),
    "checklist_sha": ("检查表 SHA-256", "Checklist SHA-256"),
    "report_id": ("报告编号", "Report id"),
    "revision": ("版本", "Revision"),
    "amended": ("修订说明", "Amendment"),
    "total": ("总分", "Total score"),
    "grade": ("等级", "Grade"),
    "passed": ("通过", "Passed"),
    "not_passed": ("未通过", "Not passed"),
    "penalties": ("扣减", "Penalties"),
    "answered": ("已答", "Answered"),
    "veto_title": ("一票否决项未通过", "Veto (red-line) items failed"),
    "veto_text": (
        "以下一票否决项未通过，评级按规定封顶，检查结论为“未通过”：",
        "These red-line items failed; the grade is capped and the result is NOT PASSED:",
    ),
    "gates": ("以下门槛项未通过，其所在部分记为零分：", "Gate items failed (section scored 0):"),
    "sections": ("分项得分", "Score by section"),
    "section": ("检查部分", "Section"),
    "weight": ("权重", "Weight"),
    "points": ("得分", "Points"),
    "percent": ("得分率", "Percent"),
    "gated": ("门槛项未通过，记零分", "gate failed, scored 0"),
    "na": ("不适用", "N/A"),
    "chart": ("各部分得分率（%）", "Percent by section"),
    "visit": ("暗访记录", "Visit facts"),
    "narrative": ("总体描述", "Narrative"),
    "findings": ("问题与整改清单", "Findings and rectification list"),
    "no_findings": ("本次检查未发现问题。", "No findings in this inspection."),
    "no": ("序号", "No."),
    "item": ("检查项", "Item"),
    "seen": ("发现情况", "What was seen"),
    "lost": ("扣分", "Points lost"),
    "severity": ("严重程度", "Severity"),
    "source": ("依据", "Source"),
    "action": ("整改措施", "Action"),
    "owner": ("责任人", "Owner"),
    "deadline": ("整改期限", "Deadline"),
    "details": ("检查项明细", "Item details"),
    "answer": ("答案", "Answer"),
    "result": ("结论", "Result"),
    "note": ("备注", "Note"),
    "photos": ("照片", "Photos"),
    "veto_tag": ("一票否决", "veto"),
    "critical_tag": ("关键项", "critical"),
    "repeat_tag": ("屡查屡犯", "repeat"),
    "taken": ("拍摄", "taken"),
    "taken_col": ("拍摄时间（设备）", "Taken (device)"),
    "device_time": ("设备时间", "device time"),
    "gps": ("设备定位", "device GPS"),
    "redacted": ("已遮挡", "redacted"),
    "appendix": ("证据附录", "Evidence appendix"),
    "package": ("数据包标识", "Package identity"),
    "uuid": ("检查编号 (UUID)", "Inspection UUID"),
    "content_sha": ("内容 SHA-256", "Content SHA-256"),
    "none": ("无", "none"),
    "photo_sha": ("照片原件 SHA-256", "Original photo SHA-256"),
    "imported": ("导入时间", "Imported"),
    "device_claim": (
        "拍摄时间与定位为拍摄设备自报（EXIF），仅供参考；SHA-256 为原始文件的哈希值。",
        "Capture time and GPS are reported by the camera (EXIF) and are claims, not facts; "
        "SHA-256 is the hash of the original file.",
    ),
    "no_photos": ("本次检查无照片。", "No photos in this inspection."),
    "signoff": ("签署", "Sign-off"),
    "manager": ("网点负责人", "Branch manager"),
    "signature": ("签名", "Signature"),
    "date": ("日期", "Date"),
    "page": ("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
    "generated": ("生成于", "Generated"),
    "yes": ("是", "Yes"),
    "untitled": ("（无）", "(none)"),
    # executive summary (cover)
    "exec_summary": ("检查结论摘要", "Executive summary"),
    "red_lines": ("红线（一票否决）未通过", "Red-line failures"),
    "findings_by_sev": ("问题数量（按严重程度）", "Findings by severity"),
    "rect_status": ("整改状态", "Rectification status"),
    "top_findings": ("主要问题", "Top findings"),
    "summary_text": ("总体评价", "Summary"),
    "more_findings": ("另有 {n} 项问题，见整改清单。", "{n} more finding(s): see the register."),
    "full_text_below": ("（全文见第 {page} 页）", "(full text on page {page})"),
    "see_page": ("详见第 {page} 页", "see page {page}"),
    "count": ("{n} 项", "{n}"),
    "scores": ("评分与分项得分", "Scores by section"),
    # rectification register
    "status": ("状态", "Status"),
    "item_no": ("条目", "Item"),
    # sign-off
    "org": ("检查机构", "Inspecting organisation"),
    "doc_number": ("文号", "Ref. No."),
    "classification": ("密级", "Classification"),
    "shopper": ("神秘客", "Mystery shopper"),
    "hq_reviewer": ("总行复核人", "HQ reviewer"),
    "seal": ("盖章处", "Seal"),
    "role": ("角色", "Role"),
    "name": ("姓名", "Name"),
    "shopper_code_note": (
        "神秘客以编号标识；姓名由总行留存。",
        "The mystery shopper is identified by a code; HQ keeps the name.",
    ),
    "item_page": ("见第 {page} 页", "p. {page}"),
}

STATUSES: dict[str, tuple[str, str]] = {
    "open": ("未整改", "Open"),
    "overdue": ("已逾期", "Overdue"),
    "closed": ("已整改", "Closed"),
}

# A short severity for table cells; the long form (with its meaning) is in SEVERITIES.
SEVERITIES_SHORT: dict[str, tuple[str, str]] = {
    "high": ("高", "High"),
    "medium": ("中", "Medium"),
    "low": ("低", "Low"),
}

MODES: dict[str, tuple[str, str]] = {
    "onsite": ("现场检查", "On-site inspection"),
    "mystery": ("暗访", "Mystery shopping"),
}

OUTCOMES: dict[str, tuple[str, str]] = {
    "pass": ("符合", "Pass"),
    "partial": ("部分符合", "Partial"),
    "fail": ("不符合", "Fail"),
    "na": ("不适用", "N/A"),
    "unanswered": ("未作答", "Not answered"),
    "hidden": ("不涉及", "Not asked"),
}

SEVERITIES: dict[str, tuple[str, str]] = {
    "high": ("高（立行立改）", "High"),
    "medium": ("中（限期整改）", "Medium"),
    "low": ("低（持续改进）", "Low"),
}


# How the shipped checklists say "no written rule found"; printed as a Chinese reader
# expects, not as the bilingual authoring note.
_NO_WRITTEN_RULE = re.compile(r"^\s*行业惯例[，,]?\s*未找到成文依据.*$")
# A parenthesised gloss in Latin letters, e.g. "(bank consumer-protection exam material)";
# years and clause numbers such as "(2014)" have no letters and stay.
_LATIN_GLOSS = re.compile(r"\s*[(（][^()（）]*[A-Za-z]{2,}[^()（）]*[)）]")


def source_text(ref: str, inferred: bool, lang: str) -> str:
    """The source of a requirement as the reader of ``lang`` expects to read it.

    zh: "行业通行做法" where there is no written rule, English glosses dropped, and
    "（部分依据行业通行做法）" where a written source is completed by practice.
    """
    ref = ref.strip()
    if not ref and not inferred:
        return ""
    generic = not ref or bool(_NO_WRITTEN_RULE.match(ref))
    zh_ref = "" if generic else _LATIN_GLOSS.sub("", ref).strip().replace("; ", "；")
    en_ref = "" if generic else ref
    if generic:
        zh, en = "行业通行做法（无成文规定）", "Established practice (no written rule found)"
    elif inferred:
        zh = f"{zh_ref}（部分依据行业通行做法）"
        en = f"{en_ref} (partly established practice)"
    else:
        zh, en = zh_ref, en_ref
    return pick((zh, en), lang)


def pick(pair: tuple[str, str], lang: str, sep: str = " / ") -> str:
    """One label in ``lang``; for ``both``, Chinese then English joined by ``sep``."""
    zh, en = pair
    if lang == "en":
        return en
    if lang == "zh":
        return zh
    return f"{zh}{sep}{en}"
