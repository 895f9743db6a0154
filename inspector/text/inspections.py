"""Words of the inspection errors: look-up, answers, the visit, sign-off and amending.

The CLI renders these in English (``str(exc)``, matched by tests and HQ scripts: keep the
English as it is); the app renders ``gui`` remedies, which name the tabs and buttons of the
inspection page (检查表, 问题与整改, 到店记录, 定稿, 修订（生成新版本）…).
"""

from __future__ import annotations

import logging

from inspector.text import Message, Text

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- look-up
ID_TOO_SHORT = Message(
    what=Text(zh="检查编号 {ref} 太短", en="inspection id {ref} is too short"),
    cli=Text(zh="请至少给出 4 个字符", en="give at least 4 characters"),
)
NOT_FOUND = Message(
    what=Text(zh="没有编号为 {ref} 的检查", en="no inspection with id {ref}"),
    cli=Text(zh="'inspector list' 列出所有检查", en="'inspector list' shows the inspections"),
    gui=Text(
        zh="它可能已被删除；请在检查列表中重新选择",
        en="it may have been deleted; pick one in the inspections list",
    ),
)
AMBIGUOUS = Message(
    what=Text(zh="检查编号 {ref} 对应多份检查", en="inspection id {ref} is ambiguous"),
    cli=Text(zh="请多给出几个字符", en="give more characters"),
)
NO_REVISION = Message(
    what=Text(
        zh="检查 {uuid} 没有第 {revision} 版", en="inspection {uuid} has no revision {revision}"
    )
)
NO_SNAPSHOT = Message(
    what=Text(
        zh="数据库中缺少检查表快照 {sha256}（数据库可能已损坏）",
        en="no checklist snapshot {sha256}",
    ),
)

# ---------------------------------------------------------------- create
BAD_MODE = Message(
    what=Text(
        zh="检查方式须为 onsite（现场检查）或 mystery（神秘客暗访），而不是 {mode}",
        en="mode must be onsite or mystery, not {mode}",
    )
)
MODE_NOT_SUPPORTED = Message(
    what=Text(
        zh="检查表 {checklist} 不适用于 {mode} 方式的检查（它支持：{modes}）",
        en="checklist {checklist} is not for {mode} inspections (it supports: {modes})",
    )
)

# ---------------------------------------------------------------- answers file
ANSWERS_NOT_OBJECT = Message(
    what=Text(
        zh='答案须为对象 {{"ITEM_ID": {{"result": ...}}}}',
        en='answers must be an object {{"ITEM_ID": {{"result": ...}}}}',
    )
)
ANSWERS_PROBLEMS = Message(what=Text(zh="答案有误：{problems}", en="answers: {problems}"))
ANSWERS_UNKNOWN_ITEM = Text(zh="没有检查项 {item}", en="unknown item {item}")
ANSWERS_ITEM_NOT_OBJECT = Text(
    zh="检查项 {item}：须为含 result/value/note 的对象",
    en="item {item}: expected an object with result/value/note",
)
ANSWERS_UNKNOWN_FIELDS = Text(
    zh="检查项 {item}：未知字段 {fields}", en="item {item}: unknown field(s) {fields}"
)

# ---------------------------------------------------------------- answers
READ_ONLY = Message(
    what=Text(zh="检查 {uuid} 已定稿，只读", en="inspection {uuid} is finalized and read-only"),
    cli=Text(
        zh="如需修改，请修订生成新版本（'inspector amend ID --reason TEXT'）",
        en="amend it to make a new revision ('inspector amend ID --reason TEXT')",
    ),
    gui=Text(
        zh="如需修改，请在“定稿”标签页点击“修订（生成新版本）…”",
        en="to change it, click 'Amend (new revision)…' in the Finalize tab",
    ),
)
NO_ITEM = Message(
    what=Text(
        zh="检查表 {checklist} 中没有检查项 {item}", en="checklist {checklist} has no item {item}"
    ),
    cli=Text(
        zh="'inspector checklists show {checklist}' 列出其全部检查项",
        en="'inspector checklists show {checklist}' lists its items",
    ),
)
ITEM_NOT_IN_MODE = Message(
    what=Text(
        zh="检查项 {item} 不适用于 {mode} 方式的检查",
        en="item {item} is not asked in {mode} inspections",
    )
)
ANSWER_REFUSED = Message(what=Text(zh="{cause}", en="{cause}"))
NA_NOT_ALLOWED = Message(
    what=Text(
        zh="检查项 {item} 不能答“不适用”（其检查表不允许）",
        en="item {item} cannot be answered N/A (its checklist does not allow it)",
    )
)
NA_BY_SCENARIO = Message(
    what=Text(
        zh="检查项 {item} 在情景“{scenario}”中适用，不能答“不适用”：是否适用由所演情景决定，"
        "同一情景的各次暗访才能相互比较",
        en="item {item} applies in the scenario played ({scenario}) and cannot be answered "
        "N/A: the scenario decides which items apply, so visits of one scenario compare "
        "like with like",
    ),
    cli=Text(zh="请答 pass 或 fail", en="answer pass or fail"),
    gui=Text(zh="请选择“符合”或“不符合”", en="choose Pass or Fail"),
)
EMPTY_ANSWER = Message(
    what=Text(
        zh="检查项 {item}：请给出判断、数值或备注",
        en="item {item}: give a result, a value or a note",
    )
)
NO_COPIED_ANSWER = Message(
    what=Text(
        zh="检查项 {item} 没有待复核的复制答案",
        en="item {item} has no copied answer waiting to be re-verified",
    )
)

# ---------------------------------------------------------------- findings
NOT_A_FINDING = Message(
    what=Text(
        zh="检查项 {item} 不是检查 {uuid} 的问题",
        en="item {item} is not a finding of inspection {uuid}",
    )
)
BAD_SEVERITY = Message(
    what=Text(
        zh="严重程度须为 high（高）、medium（中）或 low（低），而不是 {severity}",
        en="severity must be high, medium or low, not {severity}",
    )
)
NOT_A_RECHECK = Message(
    what=Text(zh="检查 {uuid} 不是复查", en="inspection {uuid} is not a re-check"),
    cli=Text(
        zh="请用 'inspector new --recheck-of ID' 新建复查",
        en="create one with 'inspector new --recheck-of ID'",
    ),
)

# ---------------------------------------------------------------- visit
BAD_TIME = Message(
    what=Text(
        zh="{field}：{text} 不是时间；请用 HH:MM、'YYYY-MM-DD HH:MM' 或 ISO 8601 格式",
        en="{field}: {text} is not a time; use HH:MM, 'YYYY-MM-DD HH:MM' or ISO 8601",
    )
)
# The visit fields as the app labels them (VisitPanel); the CLI names them by their key.
VISIT_FIELD_LABELS = {
    "arrival": Text(zh="到达时间", en="Arrival"),
    "departure": Text(zh="离开时间", en="Departure"),
    "wait_started": Text(zh="开始等候", en="Start waiting"),
    "wait_called": Text(zh="已叫号", en="Called to the counter"),
}
UNKNOWN_VISIT_FIELDS = Message(
    what=Text(zh="未知的到店记录字段：{fields}", en="unknown visit field(s): {fields}")
)
UNKNOWN_SCENARIO = Message(
    what=Text(
        zh="检测场景 {scenario} 不在检查表 {checklist} 中（{ids}）",
        en="scenario {scenario} is not in checklist {checklist} ({ids})",
    )
)
NO_SCENARIOS = Text(zh="无", en="none")
CUSTOMERS_WAITING = Message(
    what=Text(
        zh="到达时等候客户数须为 0 或以上的整数",
        en="customers waiting must be a whole number, 0 or more",
    )
)
DEPARTURE_BEFORE_ARRIVAL = Message(
    what=Text(
        zh="离开时间 {departure} 早于到达时间 {arrival}",
        en="departure {departure} is before arrival {arrival}",
    )
)
WAVE_LENGTH = Message(
    what=Text(zh="批次名称须为 1 至 {max} 个字符", en="a wave name is 1 to {max} characters")
)
WAVE_SCENARIO = Message(
    what=Text(
        zh="批次 {wave} 使用检测场景 {fixed}，本次到店记录为 {scenario}。"
        "同一批次的暗访须使用同一场景：请选择该场景，或换一个批次",
        en="wave {wave} plays scenario {fixed}; this visit says {scenario}. "
        "Every visit of a wave plays the same scenario: choose that one, or another wave",
    )
)
MYSTERY_NO_MANAGER = Message(
    what=Text(
        zh="神秘客暗访没有网点负责人签署",
        en="a mystery-shopper visit has no branch-manager sign-off",
    )
)

# ---------------------------------------------------------------- finalize
ALREADY_FINALIZED = Message(
    what=Text(zh="检查 {uuid} 已定稿", en="inspection {uuid} is already finalized")
)
FINALIZE_NEEDS_NAME = Message(
    what=Text(zh="定稿需要检查人姓名", en="finalizing needs the inspector's name"),
    cli=Text(zh="用 --by NAME 给出", en="give it with --by NAME"),
    gui=Text(
        zh="请在“定稿”标签页填写检查人",
        en="fill in 'Inspector' in the Finalize tab",
    ),
)
MYSTERY_FINALIZE_MANAGER = Message(
    what=Text(
        zh="神秘客暗访没有网点负责人签署；定稿时请不要填写负责人姓名或签名",
        en="a mystery-shopper visit has no branch-manager sign-off; "
        "finalize it without a manager name or signature",
    )
)
FINALIZE_MISSING = Message(
    what=Text(
        zh="无法定稿，尚有 {count} 项未完成：{missing}{more}",
        en="cannot finalize, {count} thing(s) missing: {missing}{more}",
    ),
    gui=Text(
        zh="请在“定稿”标签页点击各行逐一处理",
        en="click each line in the Finalize tab to go to it",
    ),
)
# The same refusal when a failed red-line item still lacks its rectification: the app
# says which findings and where their action and owner are filled in.
FINALIZE_MISSING_RED_LINES = Message(
    what=FINALIZE_MISSING.what,
    gui=Text(
        zh="请在“问题与整改”标签页为红线项{red_lines}填写整改措施和责任人",
        en="fill in the Action and Owner of the red-line finding(s) {red_lines} "
        "in the Findings tab",
    ),
)
FINALIZE_MORE = Text(zh="（另有 {n} 项）", en=" (and {n} more)")
# One red-line item in the app's list of what is missing (the remedy says where to fill it).
RED_LINE_UNRECTIFIED = Text(
    zh="{item}红线项不符合，缺少整改措施或责任人",
    en="{item} failed a red line and needs a rectification action and owner",
)

# ---------------------------------------------------------------- amend, delete
AMEND_DRAFT = Message(
    what=Text(zh="检查 {uuid} 仍是草稿", en="inspection {uuid} is still a draft"),
    cli=Text(zh="可直接修改", en="change it directly"),
    gui=Text(zh="可直接修改", en="change it directly"),
)
AMEND_NEEDS_REASON = Message(what=Text(zh="修订需要填写原因", en="an amendment needs a reason"))
DELETE_FINALIZED = Message(
    what=Text(
        zh="检查 {uuid} 已定稿，不能删除", en="inspection {uuid} is finalized and cannot be deleted"
    )
)

# ---------------------------------------------------------------- report options
REPORT_LANG = Message(
    what=Text(
        zh="报告语言须为 zh（中文）、en（英文）或 both（双语），而不是 {lang}",
        en="report language must be zh, en or both, not {lang}",
    )
)
PHOTO_SIZE = Message(
    what=Text(zh="照片尺寸须为 {sizes}，而不是 {size}", en="photo size must be {sizes}, not {size}")
)
PHOTO_SIZE_READ_ONLY = Message(
    what=Text(zh="检查 {uuid} 已定稿", en="inspection {uuid} is finalized"),
    cli=Text(
        zh="如需更改照片的打印方式，请修订（或用 report --photos large 将所有照片大图打印）",
        en="amend it to change how photos print "
        "(or print every photo large with: report --photos large)",
    ),
    gui=Text(
        zh="如需更改照片的打印方式，请在“定稿”标签页点击“修订（生成新版本）…”",
        en="to change how photos print, click 'Amend (new revision)…' in the Finalize tab",
    ),
)
REPORT_TIME_ZONE = Message(what=Text(zh="{cause}", en="{cause}"))
