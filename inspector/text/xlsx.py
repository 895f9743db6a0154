"""Words of checklist workbooks (``checklists export-xlsx`` / ``import-xlsx``).

A workbook's problems read ``FILE.xlsx!SHEET!CELL: problem``: the file, the sheet and the
cell are fields, and column keys (``points``, ``evidence.onsite``) stay as the author sees
them in the workbook's key row.
"""

from __future__ import annotations

from inspector.text import Message, Text

#: One problem of a workbook: ``FILE.xlsx!SHEET!CELL: problem``.
AT_CELL = Text(zh="{file}!{sheet}!{cell}：{problem}", en="{file}!{sheet}!{cell}: {problem}")
#: All of a workbook's problems, one a line.
PROBLEMS = Message(
    what=Text(zh="{count} 个问题：\n{problems}", en="{count} problem(s):\n{problems}")
)

# ---------------------------------------------------------------- sheet names
# Sheet names are part of the file format (import looks them up): never translate them
# at run time, never change them.
SHEET_README = "说明"
SHEET_HEADER = "表头"
SHEET_GRADES = "等级"
SHEET_SCENARIOS = "情景"
SHEET_SECTIONS = "分节"
SHEET_ITEMS = "条目"
SHEET_OPTIONS = "选项"
SHEET_SCALE_LABELS = "刻度标签"
SHEET_LISTS = "词表"

# ---------------------------------------------------------------- reading the workbook
UNREADABLE = Message(what=Text(zh="无法读取：{reason}", en="{reason}"))
NOT_WORKBOOK = Message(
    what=Text(
        zh="不是 Excel 工作簿（.xlsx）：{detail}", en="not an Excel workbook (.xlsx): {detail}"
    ),
    cli=Text(zh="请在 Excel 中另存为 .xlsx", en="save it from Excel as .xlsx"),
    gui=Text(zh="请在 Excel 中另存为 .xlsx", en="save it from Excel as .xlsx"),
)
TOO_BIG_INSIDE = Message(
    what=Text(
        zh="工作簿解压后超过 {limit} MB，不像是检查表",
        en="the workbook unpacks to more than {limit} MB; that is not a checklist",
    )
)
SHEET_MISSING = Message(
    what=Text(zh="缺少工作表“{name}”", en="the sheet '{name}' is missing"),
    cli=Text(
        zh="请从 checklists export-xlsx 导出的工作簿开始编辑",
        en="start from a workbook written by 'inspector checklists export-xlsx'",
    ),
    gui=Text(zh="请从导出的工作簿开始编辑", en="start from an exported workbook"),
)
KEY_MISSING = Message(
    what=Text(
        zh="缺少列 {key}（第 2 行是列的键，请勿修改）",
        en="column {key} is missing (row 2 holds the column keys; keep it as exported)",
    )
)
KEY_UNKNOWN = Message(
    what=Text(
        zh="未知的列键 {key}（第 2 行是列的键，请勿修改）",
        en="unknown column key {key} (row 2 holds the column keys; keep it as exported)",
    )
)
KEY_TWICE = Message(what=Text(zh="列键 {key} 出现两次", en="column key {key} appears twice"))
HEADER_KEY_UNKNOWN = Message(what=Text(zh="未知的表头项 {key}", en="unknown header entry {key}"))
HEADER_KEY_TWICE = Message(
    what=Text(zh="表头项 {key} 出现两次", en="header entry {key} appears twice")
)
NOT_NUMBER = Message(what=Text(zh="{key} 必须是数字", en="{key} must be a number"))
NOT_WHOLE = Message(what=Text(zh="{key} 必须是整数", en="{key} must be a whole number"))
NOT_YES_NO = Message(
    what=Text(
        zh="{key} 必须是“是”或“否”（不是 {value}）",
        en="{key} must be 是/否 (yes/no), not {value}",
    )
)
NOT_IN_LIST = Message(
    what=Text(
        zh="{key}：{value} 不在可选值中（{known}）",
        en="{key}: {value} is not one of {known}",
    )
)
NOT_TEXT = Message(what=Text(zh="{key} 必须是文本", en="{key} must be text"))
CONDITION_BAD = Message(
    what=Text(
        zh="{key} 不是有效的条件（例：{{item: acc.ramp, result: [pass]}}）：{detail}",
        en="{key} is not a condition (e.g. {{item: acc.ramp, result: [pass]}}): {detail}",
    )
)
NEEDS_ITEM = Message(what=Text(zh="{key} 必须填写检查项编号", en="{key} must name an item id"))
ITEM_UNKNOWN = Message(
    what=Text(zh="检查项 {item} 不在“条目”工作表中", en="item {item} is not on the sheet '条目'")
)
SECTION_UNKNOWN = Message(
    what=Text(
        zh="部分 {section} 不在“分节”工作表中", en="section {section} is not on the sheet '分节'"
    )
)
SECTION_EMPTY = Message(
    what=Text(zh="部分 {section} 没有任何检查项", en="section {section} has no items")
)
NOTHING = Message(what=Text(zh="工作表“{sheet}”没有任何行", en="the sheet '{sheet}' has no rows"))
#: A problem the checklist format finds; ``detail`` is the format's own words.
FIELD = Message(what=Text(zh="{key}：{detail}", en="{key}: {detail}"))
TOO_LONG_FOR_EXCEL = Message(
    what=Text(
        zh="{where} 的文本长达 {length} 个字符，超过 Excel 单元格的上限 32767",
        en="{where} holds {length} characters, more than an Excel cell's 32,767",
    )
)

# ---------------------------------------------------------------- the workbook's own words
YES = "是"
NO = "否"
README_TITLE = Text(zh="检查表工作簿说明", en="About this checklist workbook")
README_INTRO = Text(
    zh=(
        "本工作簿是检查表“{title}”（{id} 版本 {version}）。编辑后用 "
        "inspector checklists import-xlsx 转回检查表文件，或直接交给 inspector hq publish。"
        "第 1 行是中文列名，第 2 行是列的键（导入时按键识别列，请勿修改）。"
        "每次修改都要提高“表头”中的版本号。"
    ),
    en=(
        "This workbook is the checklist '{title}' ({id} version {version}). After editing, "
        "turn it back into a checklist file with inspector checklists import-xlsx, or give it "
        "to inspector hq publish as it is. Row 1 names the columns, row 2 holds their keys "
        "(import finds the columns by key: keep row 2 as it is). Raise the version on the "
        "header sheet with every change."
    ),
)
README_INCLUDES = Text(
    zh="原检查表引用的其他检查表（include）已展开到本工作簿中，权重已按比例换算。",
    en="Checklists the original includes are expanded here, their weights scaled.",
)
README_SHEET = Text(zh="工作表", en="Sheet")
README_KEY = Text(zh="列键", en="Key")
README_MEANING = Text(zh="含义", en="Meaning")
README_VOCAB = Text(zh="可选值", en="Values")
VALUE = Text(zh="值", en="Value")
README_SHEETS: dict[str, Text] = {
    SHEET_HEADER: Text(
        zh="编号、版本、标题、模式等整体设置（每行一项）",
        en="id, version, titles, modes and other settings (one a row)",
    ),
    SHEET_GRADES: Text(
        zh="等级区间：总分达到 min 即为该等级，须有一个 min 为 0",
        en="grade bands: a total reaching min gets the band; one band starts at 0",
    ),
    SHEET_SCENARIOS: Text(zh="神秘客情景", en="mystery-shopper scenarios"),
    SHEET_SECTIONS: Text(zh="部分及其权重，按行的顺序排列", en="sections and weights, in order"),
    SHEET_ITEMS: Text(
        zh="检查项，每行一项；“部分”列填写所属部分的编号",
        en="items, one a row; the section column names the item's section",
    ),
    SHEET_OPTIONS: Text(
        zh="选项题（choice）的选项，按行的顺序排列", en="options of choice items, in order"
    ),
    SHEET_SCALE_LABELS: Text(
        zh="刻度题（scale）各分值的说明", en="labels of scale values (scale items)"
    ),
}

#: Row 1 of each sheet (Chinese) and the read-me's meaning of each column key (both).
COLUMNS: dict[str, Text] = {
    # header sheet
    "format": Text(zh="文件格式版本（1）", en="file format version (1)"),
    "id": Text(zh="编号", en="id"),
    "version": Text(zh="版本（每次修改都要提高）", en="version (raise it on every change)"),
    "title.zh": Text(zh="标题（中文）", en="title (Chinese)"),
    "title.en": Text(zh="标题（英文）", en="title (English)"),
    "description.zh": Text(zh="说明（中文）", en="description (Chinese)"),
    "description.en": Text(zh="说明（英文）", en="description (English)"),
    "modes": Text(zh="适用模式", en="modes"),
    "veto_grade": Text(zh="否决项失败时的等级", en="grade a failed veto item caps at"),
    "hide_scores_in": Text(zh="不显示分数的模式", en="modes that hide scores"),
    "visit_facts": Text(zh="记录到访时间等", en="record arrival, departure, ticket"),
    "narrative.min_length": Text(zh="总体描述最少字数", en="narrative: minimum length"),
    "narrative.modes": Text(zh="需要总体描述的模式", en="narrative: modes"),
    "narrative.prompt.zh": Text(zh="总体描述提示（中文）", en="narrative prompt (Chinese)"),
    "narrative.prompt.en": Text(zh="总体描述提示（英文）", en="narrative prompt (English)"),
    "min_photos.onsite": Text(zh="现场检查最少照片数", en="photos needed, on-site"),
    "min_photos.mystery": Text(zh="神秘客最少照片数", en="photos needed, mystery"),
    # grades
    "code": Text(zh="等级代码", en="grade code"),
    "min": Text(zh="最低总分", en="lowest total"),
    "label.zh": Text(zh="名称（中文）", en="label (Chinese)"),
    "label.en": Text(zh="名称（英文）", en="label (English)"),
    "passing": Text(zh="是否合格", en="passing"),
    # sections
    "weight": Text(zh="权重", en="weight"),
    "area": Text(zh="领域（默认为检查表编号）", en="area (default: the checklist id)"),
    # items
    "section": Text(zh="所属部分编号", en="section id"),
    "text.zh": Text(zh="检查内容（中文）", en="text (Chinese)"),
    "text.en": Text(zh="检查内容（英文）", en="text (English)"),
    "guidance.zh": Text(zh="检查方法（中文）", en="guidance (Chinese)"),
    "guidance.en": Text(zh="检查方法（英文）", en="guidance (English)"),
    "type": Text(zh="答题类型", en="answer type"),
    "points": Text(zh="分值", en="points"),
    "veto": Text(zh="否决项（红线）", en="veto (red line)"),
    "veto_reason.zh": Text(zh="红线依据（中文）", en="why a red line (Chinese)"),
    "veto_reason.en": Text(zh="红线依据（英文）", en="why a red line (English)"),
    "critical": Text(zh="关键项", en="critical"),
    "gate": Text(zh="门槛项（失败则本部分为 0）", en="gate (failing zeroes the section)"),
    "penalty": Text(zh="扣分（失败时从总分扣除）", en="penalty (off the total when failed)"),
    "penalty_cap": Text(
        zh="扣分上限（计数项按次扣分时）", en="penalty cap (per occurrence on a count)"
    ),
    "na_allowed": Text(zh="可答“不适用”（空=按类型）", en="may be N/A (blank: by type)"),
    "required": Text(zh="必答", en="required"),
    "source.ref": Text(zh="依据", en="source"),
    "source.inferred": Text(zh="依据为行业通行做法", en="source is established practice"),
    "source.note": Text(zh="依据备注（仅供审核）", en="source note (reviewers only)"),
    "review": Text(zh="审核备注（仅供审核）", en="review note (reviewers only)"),
    "evidence.onsite": Text(zh="照片要求（现场检查）", en="photo evidence, on-site"),
    "evidence.mystery": Text(zh="照片要求（神秘客）", en="photo evidence, mystery"),
    "redact": Text(zh="照片可能含个人信息", en="photos may show personal data"),
    "severity": Text(zh="问题严重程度", en="finding severity"),
    "rectify_days": Text(zh="整改期限（天）", en="rectification days"),
    "rights": Text(zh="保护的消费者权利", en="consumer rights protected"),
    "elements": Text(zh="监管评价要素", en="regulator's evaluation elements"),
    "scale.min": Text(zh="刻度最小值", en="scale min"),
    "scale.max": Text(zh="刻度最大值", en="scale max"),
    "count.pass_min": Text(zh="计数合格下限", en="count: pass at least"),
    "count.pass_max": Text(zh="计数合格上限", en="count: pass at most"),
    "count.partial": Text(zh="计数按比例得分", en="count: partial credit"),
    "measure.unit.zh": Text(zh="测量单位（中文）", en="measure unit (Chinese)"),
    "measure.unit.en": Text(zh="测量单位（英文）", en="measure unit (English)"),
    "measure.min": Text(zh="测量合格下限", en="measure: pass from"),
    "measure.max": Text(zh="测量合格上限", en="measure: pass up to"),
    "measure.decimals": Text(zh="测量小数位数", en="measure decimals"),
    "measure.hint.zh": Text(zh="测量方法（中文）", en="how to measure (Chinese)"),
    "measure.hint.en": Text(zh="测量方法（英文）", en="how to measure (English)"),
    "text_rules.min_length": Text(zh="文本最少字数", en="text: minimum length"),
    "text_rules.multiline": Text(zh="文本可多行", en="text: several lines"),
    "show_if": Text(
        zh="显示条件（例：{{item: acc.ramp, result: [pass]}}）",
        en="shown only if (e.g. {{item: acc.ramp, result: [pass]}})",
    ),
    "na_if": Text(zh="自动不适用条件", en="N/A automatically if"),
    # options and scale labels
    "item": Text(zh="检查项编号", en="item id"),
    "credit": Text(zh="得分比例（0–1）", en="share of points earned (0-1)"),
    "value": Text(zh="分值", en="value"),
}
#: The positional columns (rights 1, rights 2, ...): label of the n-th one.
NTH = Text(zh="{label} {n}", en="{label} {n}")
