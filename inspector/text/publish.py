"""Words of the HQ → laptop half of the cycle: checklist diffs, HQ packs, installing them,
and inspection plans (issue 22)."""

from __future__ import annotations

from inspector.text import Message, Text

# ---------------------------------------------------------------- checklists diff
VERSION_SAME = Message(
    what=Text(
        zh="内容已修改，但版本号仍是 {version}",
        en="the content changed but the version is still {version}",
    ),
    cli=Text(zh="请在新文件中提高 version", en="raise 'version' in the new file"),
    gui=Text(zh="请提高检查表的版本号", en="raise the checklist's version"),
)
VERSION_LOWER = Message(
    what=Text(
        zh="内容已修改，但版本号从 {old} 变为 {new}，没有提高",
        en="the content changed but the version went from {old} to {new}, not up",
    ),
    cli=Text(zh="请在新文件中提高 version", en="raise 'version' in the new file"),
    gui=Text(zh="请提高检查表的版本号", en="raise the checklist's version"),
)
DIFFERENT_CHECKLISTS = Message(
    what=Text(
        zh="{old} 与 {new} 不是同一份检查表，无法比较",
        en="{old} and {new} are different checklists; nothing to compare",
    )
)

# ---------------------------------------------------------------- plans
PLAN_PROBLEMS = Message(
    what=Text(
        zh="计划文件有 {count} 个问题：\n{problems}",
        en="the plan has {count} problem(s):\n{problems}",
    )
)
PLAN_AT = Text(zh="{file}:{line}：{column}：{problem}", en="{file}:{line}: {column}: {problem}")
PLAN_UNREADABLE = Message(
    what=Text(zh="无法读取计划文件：{cause}", en="cannot read the plan: {cause}")
)
PLAN_NOT_XLSX = Message(
    what=Text(
        zh="计划文件不是可读的 Excel 工作簿：{detail}",
        en="the plan is not a readable workbook: {detail}",
    )
)
PLAN_EMPTY = Message(
    what=Text(zh="计划文件 {file} 没有任何计划行", en="the plan {file} has no lines")
)
PLAN_NO_COLUMN = Message(
    what=Text(
        zh=(
            "计划文件 {file} 缺少列：{columns}"
            "（可用中文列名：网点、检查表、方式、情景、批次、截止日期、检查人）"
        ),
        en="the plan {file} lacks the column(s) {columns} (branch, checklist, mode, scenario, "
        "wave, due, assignee; Chinese headers accepted)",
    )
)
PLAN_UNKNOWN_COLUMN = Message(
    what=Text(
        zh="计划文件 {file} 有未知的列 {column}",
        en="the plan {file} has an unknown column {column}",
    )
)
PLAN_REQUIRED = Text(zh="必须填写", en="is required")
PLAN_BAD_DATE = Text(
    zh="{value} 不是日期（请写成 2026-12-31）", en="{value} is not a date (write 2026-12-31)"
)
PLAN_BAD_MODE = Text(zh="{value} 不是 onsite 或 mystery", en="{value} is not onsite or mystery")
PLAN_UNKNOWN_CHECKLIST = Text(
    zh="检查表 {value} 既不在本次发布中，也不是随程序提供的检查表",
    en="checklist {value} is neither in this pack nor shipped with the program",
)
PLAN_MODE_NOT_IN_CHECKLIST = Text(
    zh="检查表 {checklist} 不支持方式 {value}", en="checklist {checklist} has no mode {value}"
)
PLAN_UNKNOWN_SCENARIO = Text(
    zh="检查表 {checklist} 没有情景 {value}（可选：{known}）",
    en="checklist {checklist} has no scenario {value} (known: {known})",
)
PLAN_SCENARIO_NOT_MYSTERY = Text(
    zh="只有神秘客（mystery）检查才有情景和批次",
    en="only mystery visits have a scenario and a wave",
)
PLAN_TOO_LONG = Text(zh="超过 {max} 个字符", en="is longer than {max} characters")
PLAN_CONTROL = Text(zh="含有控制字符", en="contains control characters")
PLAN_FORMULA = Text(
    zh="以 = + - @ 开头，像是电子表格公式", en="starts with = + - or @ like a spreadsheet formula"
)
PLAN_WAVE_SCENARIOS = Text(
    zh="批次 {wave} 在第 {first} 行的情景是 {other}，同一批次只能有一个情景",
    en="wave {wave} plays {other} on line {first}; a wave has one scenario",
)
PLAN_UNKNOWN_BRANCH = Text(
    zh="网点 {value} 既不在网点清单中，也不在本数据库中",
    en="branch {value} is neither in the branch list nor in this database",
)

# ---------------------------------------------------------------- HQ packs
PACK_NOT_ZIP = Message(
    what=Text(
        zh="不是 总行更新包（无法作为 ZIP 读取）：{detail}",
        en="not an HQ pack (not a readable ZIP): {detail}",
    )
)
PACK_TOO_LARGE = Message(
    what=Text(zh="总行更新包超过 {limit}", en="the HQ pack is larger than {limit}")
)
PACK_TOO_MANY = Message(
    what=Text(
        zh="总行更新包有 {count} 个成员，上限 {limit}",
        en="the HQ pack has {count} members; at most {limit}",
    )
)
PACK_CONTROL_MISSING = Message(
    what=Text(zh="总行更新包缺少 {names}", en="the HQ pack lacks {names}")
)
PACK_SIGNATURE_BAD = Message(
    what=Text(
        zh="总行更新包的签名无效：文件被改动过，或不是总行签发的",
        en="the HQ pack's signature does not verify: the file was altered, or HQ did not sign it",
    )
)
PACK_FINGERPRINT_MISMATCH = Message(
    what=Text(
        zh="总行更新包声明的指纹与其公钥不符",
        en="the HQ pack's stated fingerprint is not its key's",
    )
)
PACK_FORMAT = Message(
    what=Text(zh="不是 总行更新包（格式 {format}）", en="not an HQ pack (format {format})")
)
PACK_VERSION = Message(
    what=Text(
        zh="总行更新包格式版本 {version} 比本程序能读取的（{supported}）新",
        en="HQ pack format version {version} is newer than this program reads ({supported})",
    ),
    cli=Text(zh="请更新 Branch Inspector", en="update Branch Inspector"),
    gui=Text(zh="请更新 Branch Inspector", en="update Branch Inspector"),
)
PACK_SCHEMA = Message(
    what=Text(
        zh="总行更新包的清单在 {loc} 处有误：{detail}（共 {count} 处）",
        en="the HQ pack's manifest is wrong at {loc}: {detail} ({count} problem(s))",
    )
)
PACK_MEMBER_TWICE = Message(
    what=Text(zh="总行更新包的清单两次列出 {name}", en="the HQ pack's manifest lists {name} twice")
)
PACK_UNLISTED = Message(
    what=Text(
        zh="总行更新包含有清单未列出的成员：{names}",
        en="the HQ pack holds members its manifest does not list: {names}",
    )
)
PACK_ABSENT = Message(
    what=Text(
        zh="总行更新包缺少清单列出的成员：{names}",
        en="the HQ pack lacks members its manifest lists: {names}",
    )
)
PACK_HASH = Message(
    what=Text(
        zh="总行更新包成员 {name} 的内容与清单不符",
        en="the HQ pack's member {name} is not what its manifest says",
    )
)
PACK_BAD_CHECKLIST = Message(
    what=Text(
        zh="总行更新包中的检查表 {checklist} 无效：{problem}",
        en="the checklist {checklist} in the HQ pack is not valid: {problem}",
    )
)
PACK_CHECKLIST_MISMATCH = Message(
    what=Text(
        zh="总行更新包成员 {name} 不是清单所说的检查表 {checklist} {version}",
        en=(
            "the HQ pack's member {name} is not the checklist {checklist} {version} its "
            "manifest names"
        ),
    )
)
PACK_CHECKLIST_TWICE = Message(
    what=Text(
        zh="总行更新包两次带有检查表 {checklist}",
        en="the HQ pack carries the checklist {checklist} twice",
    )
)
PACK_BAD_VALUE = Message(
    what=Text(
        zh="总行更新包中 {where} 的值不可接受：{problem}",
        en="the HQ pack's {where} is not acceptable: {problem}",
    )
)
PACK_BAD_LOGO = Message(
    what=Text(
        zh="总行更新包中的徽标不是可用的图片：{cause}",
        en="the logo in the HQ pack is not a usable image: {cause}",
    )
)
PACK_PLAN_PROBLEM = Message(
    what=Text(
        zh="总行更新包中的计划第 {line} 行：{problem}",
        en="line {line} of the HQ pack's plan: {problem}",
    )
)

# ---------------------------------------------------------------- publishing (HQ)
PUBLISH_NOTHING = Message(
    what=Text(zh="更新包中没有任何内容", en="the pack would carry nothing"),
    cli=Text(
        zh="请给出 --checklist、--withdraw、--branches、--plan 或 --settings",
        en="give --checklist, --withdraw, --branches, --plan or --settings",
    ),
    gui=Text(zh="请选择要发布的内容", en="choose what to publish"),
)
PUBLISH_CHECKLIST_TWICE = Message(
    what=Text(zh="检查表 {checklist} 给出了两次", en="the checklist {checklist} is given twice")
)
PUBLISH_WITHDRAW_AND_SEND = Message(
    what=Text(
        zh="检查表 {checklist} 不能既发布又撤回",
        en="the checklist {checklist} cannot be both sent and withdrawn",
    )
)
PUBLISH_VERSION_NOT_RAISED = Message(
    what=Text(
        zh="检查表 {checklist}：{problem}（上次发布的是 {version}）",
        en="checklist {checklist}: {problem} (version {version} was published before)",
    )
)
PUBLISH_NEXT_KEY_SAME = Message(
    what=Text(zh="新的总行密钥与当前密钥相同", en="the new HQ key is the current one"),
)

# ---------------------------------------------------------------- installing (laptop)
INSTALL_FOREIGN_KEY = Message(
    what=Text(
        zh="此更新包由另一把密钥（{signer}）签发；本机信任的总行密钥是 {pinned}",
        en="this pack is signed by another key ({signer}); this laptop's HQ key is {pinned}",
    ),
    cli=Text(
        zh="请向总行确认；总行更换密钥时，须用旧密钥签发一个交接更新包",
        en="check with HQ: a new HQ key is accepted only from a pack the old key signed",
    ),
    gui=Text(
        zh="请向总行确认；总行更换密钥时，须用旧密钥签发一个交接更新包",
        en="check with HQ: a new HQ key is accepted only from a pack the old key signed",
    ),
)
INSTALL_NOT_EXPECTED = Message(
    what=Text(
        zh="此更新包的总行指纹是 {signer}，不是预期的 {expected}",
        en="this pack's HQ fingerprint is {signer}, not the expected {expected}",
    )
)
INSTALL_OLD = Message(
    what=Text(
        zh="此更新包（序号 {sequence}）不比已安装的（序号 {installed}）新",
        en=(
            "this pack (sequence {sequence}) is not newer than the installed one "
            "(sequence {installed})"
        ),
    )
)
INSTALL_SAME = Message(
    what=Text(
        zh="此更新包（序号 {sequence}）已经安装过",
        en="this pack (sequence {sequence}) is already installed",
    )
)
INSTALL_NOT_CONFIRMED = Message(
    what=Text(zh="未确认总行密钥，未安装", en="HQ's key was not confirmed; nothing installed"),
    cli=Text(
        zh="脚本中请用 --expect-fingerprint 给出总行提供的指纹",
        en="in a script, give the fingerprint HQ gave you with --expect-fingerprint",
    ),
)
INSTALL_PLAN_CHECKLIST = Message(
    what=Text(
        zh="计划第 {line} 行使用的检查表 {checklist} 在本机不可用",
        en=(
            "line {line} of the plan uses the checklist {checklist}, which this laptop does "
            "not have"
        ),
    )
)
WITHDRAWN = Message(
    what=Text(
        zh="总行已撤回检查表 {checklist}，不能再用它开始新的检查",
        en="HQ withdrew the checklist {checklist}; no new inspection can start with it",
    )
)
