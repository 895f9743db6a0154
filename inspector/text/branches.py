"""Words of the branch errors: creating a branch and importing the branch list (CSV)."""

from __future__ import annotations

import logging

from inspector.text import Message, Text

log = logging.getLogger(__name__)

# A branch's fields as the New inspection dialog labels them; the CLI and the CSV header
# name them by their column name.
FIELD_LABELS = {
    "code": Text(zh="网点代码", en="Branch code"),
    "name": Text(zh="网点名称", en="Branch name"),
    "region": Text(zh="所属区域", en="Region"),
    "address": Text(zh="地址", en="Address"),
}
FIELD_TOO_LONG = Text(
    zh="{field}长 {n} 个字符，最多允许 {max} 个",
    en="{field} is {n} characters long; at most {max} are allowed",
)
FIELD_CONTROL_CHAR = Text(
    zh="{field}含控制字符（{value}），请删除",
    en="{field} contains a control character ({value}); remove it",
)
BRANCH_PROBLEM = Message(what=Text(zh="网点 {code}：{problem}", en="branch {code}: {problem}"))
NOT_FOUND = Message(
    what=Text(zh="没有代码为 {code} 的网点", en="no branch with code {code}"),
    cli=Text(
        zh="用 'inspector branches import FILE.csv' 导入，或给出 --branch-name NAME 新建",
        en="add it with 'inspector branches import FILE.csv' "
        "or give --branch-name NAME to create it",
    ),
    gui=Text(
        zh="请在“新建检查”中用“+ 新增网点…”或“导入网点名单（CSV）…”添加",
        en="add it in 'New inspection' with '+ Add a new branch…' or 'Import branch list (CSV)…'",
    ),
)
NEEDS_CODE = Message(what=Text(zh="网点需要代码", en="a branch needs a code"))
NEEDS_NAME = Message(
    what=Text(zh="网点 {code}：网点需要名称", en="branch {code}: a branch needs a name")
)
EXISTS = Message(
    what=Text(zh="代码为 {code} 的网点已存在", en="a branch with code {code} already exists")
)

# ---------------------------------------------------------------- CSV import
CSV_UNREADABLE = Message(what=Text(zh="{cause}", en="{cause}"))
CSV_EMPTY = Message(
    what=Text(
        zh="{path}：文件为空；第一行应为含 code,name 的表头",
        en="{path}: the file is empty; expected a header row with code,name",
    )
)
CSV_NO_COLUMN = Message(
    what=Text(
        zh="{path}:1：表头缺少 {missing} 列；应有列 code,name[,region,address]",
        en="{path}:1: header has no {missing} column; expected columns code,name[,region,address]",
    )
)
CSV_EMPTY_CODE = Message(
    what=Text(zh="{path}:{line}：网点代码为空", en="{path}:{line}: the branch code is empty")
)
CSV_NO_NAME = Message(
    what=Text(
        zh="{path}:{line}：网点 {code} 没有名称", en="{path}:{line}: branch {code} has no name"
    )
)
CSV_LINE_PROBLEM = Message(what=Text(zh="{path}:{line}：{problem}", en="{path}:{line}: {problem}"))
CSV_EXTRA_FIELDS = Message(
    what=Text(
        zh="{path}:{line}：此行有 {count} 个字段，而表头只有 {columns} 列；"
        "多出的 {extra} 不会被保存",
        en="{path}:{line}: this row has {count} fields but the header names {columns} columns; "
        "{extra} would be lost",
    ),
    cli=Text(
        zh="含逗号的名称请加英文双引号，或在表头中补上该列",
        en="put a name holding a comma in double quotes, or name the column in the header",
    ),
)
CSV_REPEAT = Message(
    what=Text(
        zh="{path}:{line}：网点代码 {code} 与第 {first} 行重复",
        en="{path}:{line}: branch code {code} repeats line {first}",
    )
)
CSV_MIXED_ENCODING = Message(
    what=Text(
        zh="{path}:{line}：此文件混用了编码：第 {utf8_line} 行是 UTF-8，第 {other_line} 行不是"
        "（GBK？）；请将整个文件保存为同一种编码，最好是 UTF-8",
        en="{path}:{line}: this file mixes encodings: line {utf8_line} is UTF-8 but line "
        "{other_line} is not (GBK?); save the whole file in one encoding, preferably UTF-8",
    )
)
CSV_NOT_TEXT = Message(
    what=Text(
        zh="{path}:{line}：不是 UTF-8 或 GBK 编码的文本；请将文件保存为 UTF-8",
        en="{path}:{line}: not text in UTF-8 or GBK encoding; save the file as UTF-8",
    )
)
