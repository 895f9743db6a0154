"""Words for checklist files that do not load, and for damaged checklist snapshots.

A checklist author reads these (``inspector checklists validate``), each as
``FILE:LINE: problem``: the file, the line and the key path are fields, and the file
format's own words (``pass_min``, ``show_if``, ``veto``) stay as written in the file, since
the author types them. The app reads the snapshot errors, which name its menus.
"""

from __future__ import annotations

from inspector.text import Message, Text

#: One problem of a file: ``FILE:LINE: problem``.
AT_LINE = Text(zh="{file}:{line}：{problem}", en="{file}:{line}: {problem}")
#: All of a file's problems, one a line.
PROBLEMS = Message(what=Text(zh="{problems}", en="{problems}"))
#: Where a problem is when it has no key path.
WHOLE_FILE = Text(zh="文件", en="file")

# ---------------------------------------------------------------- reading the file
UNREADABLE = Message(what=Text(zh="无法读取：{reason}", en="{reason}"))
NOT_UTF8 = Message(
    what=Text(zh="不是 UTF-8 文本（字节 {byte}）", en="not UTF-8 text (byte {byte})"),
    cli=Text(zh="请另存为 UTF-8", en="save it as UTF-8"),
    gui=Text(zh="请另存为 UTF-8", en="save it as UTF-8"),
)
NOT_YAML = Message(what=Text(zh="不是有效的 YAML：{detail}", en="not valid YAML: {detail}"))
NOT_YAML_CHARACTER = Message(
    what=Text(
        zh="不是有效的 YAML：不允许使用字符 {character}",
        en="not valid YAML: character {character} is not allowed",
    )
)
TOO_DEEP = Message(
    what=Text(zh="不是有效的 YAML：嵌套层次过深", en="not valid YAML: nested too deeply")
)
EMPTY = Message(what=Text(zh="文件是空的", en="the file is empty"))
YAML_VALUE = Message(what=Text(zh="无法构造的值：{detail}", en="{detail}"))
VALUE_UNREADABLE = Message(
    what=Text(zh="无法读取该值（{detail}）", en="value cannot be read ({detail})")
)
ALIASES = Message(
    what=Text(
        zh="检查表中不允许使用别名（*name）", en="aliases (*name) are not allowed in checklists"
    )
)
MERGE_KEYS = Message(
    what=Text(
        zh="检查表中不允许使用合并键（<<）；请把各个键逐一写出",
        en="merge keys (<<) are not allowed in checklists; write the keys out",
    )
)
KEY_NOT_PLAIN = Message(what=Text(zh="键必须是纯文本", en="a key must be plain text"))
KEY_NOT_TEXT = Message(what=Text(zh="键 {key} 不是文本", en="key {key} is not text"))
DUPLICATE_KEY = Message(what=Text(zh="键 {key} 重复", en="duplicate key {key}"))
NOT_A_MAPPING = Message(
    what=Text(zh="顶层必须是映射（key: value）", en="the top level must be a mapping (key: value)")
)
FORMAT_NEWER = Message(
    what=Text(
        zh="格式 {format} 比本程序能读取的格式（{supported}）新",
        en="format {format} is newer than this program reads ({supported})",
    ),
    cli=Text(zh="请更新 Branch Inspector", en="update Branch Inspector"),
    gui=Text(zh="请更新 Branch Inspector", en="update Branch Inspector"),
)
UNKNOWN_KEY = Message(what=Text(zh="{where}：未知的键 {key}", en="{where}: unknown key {key}"))
#: A field the file-format model refuses; ``detail`` is the validation library's words.
FIELD_INVALID = Message(what=Text(zh="{where}：{detail}", en="{where}: {detail}"))

# ---------------------------------------------------------------- rules across fields
GRADE_CODES_NOT_UNIQUE = Message(
    what=Text(zh="等级代码（grade code）必须唯一", en="grade codes must be unique")
)
NO_GRADE_FROM_ZERO = Message(
    what=Text(
        zh="必须有一个等级区间从 min: 0 开始，使每个总分都有等级",
        en="one grade band must start at min: 0 so every total has a grade",
    )
)
GRADE_MINS_EQUAL = Message(
    what=Text(zh="有两个等级区间的 min 相同", en="two grade bands have the same min")
)
VETO_GRADE_UNKNOWN = Message(
    what=Text(
        zh="veto_grade {grade} 不在 grades 中", en="veto_grade {grade} is not one of the grades"
    )
)
HIDDEN_MODE_UNKNOWN = Message(
    what=Text(zh="模式 {mode} 不在 modes 中", en="mode {mode} is not in modes")
)
DUPLICATE_SECTION = Message(
    what=Text(zh="部分编号 {section} 重复", en="duplicate section id {section}")
)
DUPLICATE_ITEM = Message(what=Text(zh="检查项编号 {item} 重复", en="duplicate item id {item}"))
TYPE_NEEDS = Message(
    what=Text(
        zh="检查项 {item}：类型 {type} 需要 '{key}'", en="item {item}: type {type} needs '{key}'"
    )
)
ONLY_FOR_TYPE = Message(
    what=Text(
        zh="检查项 {item}：'{key}' 只适用于类型 {type}",
        en="item {item}: '{key}' only applies to type {type}",
    )
)
SCALE_MIN_NOT_BELOW_MAX = Message(
    what=Text(
        zh="检查项 {item}：scale 的 min 必须小于 max",
        en="item {item}: scale min must be below max",
    )
)
COUNT_NEEDS_LIMIT = Message(
    what=Text(
        zh="检查项 {item}：count 需要 pass_min 或 pass_max",
        en="item {item}: count needs pass_min or pass_max",
    )
)
COUNT_LIMITS_CROSSED = Message(
    what=Text(
        zh="检查项 {item}：pass_min 大于 pass_max", en="item {item}: pass_min is above pass_max"
    )
)
MEASURE_NEEDS_LIMIT = Message(
    what=Text(
        zh="检查项 {item}：测量项需要 min 或 max 阈值",
        en="item {item}: a measurement needs a min or max threshold",
    )
)
MEASURE_LIMITS_CROSSED = Message(
    what=Text(
        zh="检查项 {item}：阈值 min {min} 大于 max {max}",
        en="item {item}: threshold min {min} is above max {max}",
    )
)
TOO_FEW_OPTIONS = Message(
    what=Text(
        zh="检查项 {item}：选项题至少需要两个选项",
        en="item {item}: a choice needs at least two options",
    )
)
OPTIONS_NOT_UNIQUE = Message(
    what=Text(zh="检查项 {item}：选项编号必须唯一", en="item {item}: option ids must be unique")
)
NO_ROLE = Message(
    what=Text(
        zh="检查项 {item}：没有分值、扣分、前提项或一票否决的作用",
        en="item {item}: has no points, penalty, gate or veto role",
    )
)
PENALTY_WITH_POINTS = Message(
    what=Text(
        zh="检查项 {item}：扣分项从总分中扣分；请设置 points: 0",
        en="item {item}: a penalty item deducts from the total; give it points: 0",
    )
)
TEXT_AS_VETO = Message(
    what=Text(
        zh="检查项 {item}：文字项不能作为一票否决项或前提项",
        en="item {item}: a free-text item cannot be a veto or gate",
    )
)
ITEM_MODE_UNKNOWN = Message(
    what=Text(
        zh="检查项 {item}：模式 {mode} 不在检查表中",
        en="item {item}: mode {mode} is not in the checklist",
    )
)
UNKNOWN_ELEMENT = Message(
    what=Text(
        zh="检查项 {item}：未知的评价要素 {element}（已知：{known}）",
        en="item {item}: unknown evaluation element {element} (known: {known})",
    )
)
CONDITION_NEEDS_TARGET = Message(
    what=Text(
        zh="检查项 {item}：{key} 需要 'item' 或 'scenario'",
        en="item {item}: {key} needs 'item' or 'scenario'",
    )
)
CONDITION_TESTS_NOTHING = Message(
    what=Text(
        zh="检查项 {item}：{key} 检验某个检查项的答案，却没有指明是哪一项",
        en="item {item}: {key} tests an item's answer but names none",
    )
)
CONDITION_ON_ITSELF = Message(
    what=Text(
        zh="检查项 {item}：{key} 引用了自身", en="item {item}: {key} refers to the item itself"
    )
)
CONDITION_ON_LATER = Message(
    what=Text(
        zh="检查项 {item}：{key} 引用的 {ref} 不是前面的检查项",
        en="item {item}: {key} refers to {ref}, which is not an earlier item",
    )
)
CONDITION_NEEDS_TEST = Message(
    what=Text(
        zh="检查项 {item}：{key} 需要 'result'、'value'、'min' 或 'max'",
        en="item {item}: {key} needs 'result', 'value', 'min' or 'max'",
    )
)
CONDITION_LIMITS_CROSSED = Message(
    what=Text(zh="检查项 {item}：{key} 的 min 大于 max", en="item {item}: {key} min is above max")
)
CONDITION_SCENARIO_UNKNOWN = Message(
    what=Text(
        zh="检查项 {item}：{key} 引用了未知的场景 {scenario}",
        en="item {item}: {key} names unknown scenario {scenario}",
    )
)
VETO_WITHOUT_REASON = Message(
    what=Text(
        zh="检查项 {item}：红线（veto: true）须写明理由（veto_reason），说明是哪条规定使其成为红线",
        en="item {item}: a red line (veto: true) needs a veto_reason saying which rule "
        "makes it one",
    )
)
REASON_WITHOUT_VETO = Message(
    what=Text(
        zh="检查项 {item}：veto_reason 只用于红线项；请设置 veto: true 或删除 veto_reason",
        en="item {item}: veto_reason is only for red lines; set veto: true or remove it",
    )
)
PENALTY_CAP_NEEDS_COUNT = Message(
    what=Text(
        zh="检查项 {item}：penalty_cap 用于按次扣分的计数项（type: count 且 penalty 大于 0）",
        en="item {item}: penalty_cap is for a per-occurrence penalty on a count item "
        "(type: count with a penalty above 0)",
    )
)
PENALTY_CAP_BELOW_PENALTY = Message(
    what=Text(
        zh="检查项 {item}：penalty_cap（{cap}）小于每次扣分 penalty（{penalty}）",
        en="item {item}: penalty_cap ({cap}) is below the per-occurrence penalty ({penalty})",
    )
)
SCENARIO_NA_ALLOWED = Message(
    what=Text(
        zh="检查项 {item}：na_if 已按情景决定是否适用，不能再允许答“不适用”"
        "（请用 type: yes_no 且不设 na_allowed: true；神秘客不能在本项适用的情景中自行选“不适用”）",
        en="item {item}: its na_if lets the scenario decide N/A, so it cannot also allow N/A "
        "(use type: yes_no without na_allowed: true; the visitor may not choose N/A where "
        "the scenario applies the item)",
    )
)

# ---------------------------------------------------------------- includes and look-up
INCLUDE_CYCLE = Message(
    what=Text(zh="引用循环：经由 {include}", en="include cycle through {include}")
)
INCLUDE_FAILED = Message(what=Text(zh="{cause}", en="{cause}"))
NOT_FOUND = Message(
    what=Text(
        zh="{folder} 中没有编号为 {checklist} 的检查表",
        en="no checklist with id {checklist} in {folder}",
    ),
    cli=Text(
        zh="'inspector checklists list' 列出可用的检查表",
        en="'inspector checklists list' shows the ones available",
    ),
    gui=Text(
        zh="请在“+ 新建检查”中从列出的检查表里选择",
        en="pick one of the checklists listed in '+ New inspection'",
    ),
)

# ---------------------------------------------------------------- snapshots in the database
_RESTORE_CLI = Text(
    zh="请用备份恢复数据库（'inspector backup' 可生成备份）",
    en="restore the database from a backup ('inspector backup' makes one)",
)
_RESTORE_GUI = Text(
    zh="请用备份恢复数据库（“文件 > 备份数据库…”可生成备份）",
    en="restore the database from a backup (File > Back up database… makes one)",
)
SNAPSHOT_CHANGED = Message(
    what=Text(
        zh="已存储的检查表快照 {sha} 与其 SHA-256 不再一致：数据库已被修改或损坏",
        en="the stored checklist snapshot {sha} no longer matches its SHA-256: "
        "the database was changed or damaged",
    ),
    cli=_RESTORE_CLI,
    gui=_RESTORE_GUI,
)
SNAPSHOT_UNREADABLE = Message(
    what=Text(
        zh="已存储的检查表快照 {sha} 已损坏，无法读取",
        en="a stored checklist snapshot {sha} is damaged and cannot be read",
    ),
    cli=_RESTORE_CLI,
    gui=_RESTORE_GUI,
)
SNAPSHOT_UNREADABLE_UNNAMED = Message(
    what=Text(
        zh="已存储的检查表快照已损坏，无法读取",
        en="a stored checklist snapshot is damaged and cannot be read",
    ),
    cli=_RESTORE_CLI,
    gui=_RESTORE_GUI,
)
