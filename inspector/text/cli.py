"""Words of the errors only the command line raises (its options and input files).

No app path shows these, but they are in the catalogue like every error. The option a
message is about is a field (``{option}``), so the words stay true if an option is renamed
and no sentence spells a command; the CLI prints them in English.
"""

from __future__ import annotations

import logging

from inspector.text import Message, Text

log = logging.getLogger(__name__)

OPTION_FILE = Message(what=Text(zh="{option}：{cause}", en="{option}: {cause}"))
OUTPUT_NAME_MISSING = Message(
    what=Text(zh="{option}：请给出文件或文件夹名", en="{option}: give a file or folder name")
)
OUTPUT_NOT_FOLDER = Message(
    what=Text(
        zh="{option}：{path} 已存在且不是文件夹", en="{option}: {path} exists and is not a folder"
    )
)
CANNOT_CREATE_FOLDER = Message(
    what=Text(
        zh="{option}：无法创建文件夹 {folder}（{error}）",
        en="{option}: cannot create folder {folder} ({error})",
    )
)
OUTPUT_FOLDER_MISSING = Message(
    what=Text(
        zh="{option}：文件夹 {folder} 不存在；请先创建",
        en="{option}: folder {folder} does not exist; create it first",
    )
)
NOT_A_DATE = Message(
    what=Text(
        zh="{option}：{value} 不是日期；请用 YYYY-MM-DD 格式",
        en="{option}: {value} is not a date; use YYYY-MM-DD",
    )
)
EXCLUSIVE = Message(
    what=Text(
        zh="{first} 与 {second} 不能同时使用", en="{first} and {second} cannot be used together"
    )
)
NEEDS_OPTION = Message(
    what=Text(
        zh="{option} 需要同时给出 {needed} NAME（签名人是谁）",
        en="{option} needs {needed} NAME (whose signature it is)",
    )
)

# ---------------------------------------------------------------- the answers file
ANSWERS_TOO_DEEP = Message(
    what=Text(zh="{option}：{path}：嵌套层数过多", en="{option}: {path}: nested too deeply")
)
ANSWERS_NOT_JSON = Message(
    what=Text(
        zh="{option}：{path}:{line}:{col}：不是有效的 JSON（{error}）",
        en="{option}: {path}:{line}:{col}: not valid JSON ({error})",
    )
)
ANSWERS_SHAPE = Message(
    what=Text(
        zh='{option}：{path}：应为 {{"answers": {{"ITEM_ID": {{"result": "pass"}}}}}}',
        en='{option}: {path}: expected {{"answers": {{"ITEM_ID": {{"result": "pass"}}}}}}',
    )
)
ANSWERS_UNKNOWN_KEYS = Message(
    what=Text(
        zh="{option}：{path}：未知的键 {keys}；应为 answers、visit、narrative",
        en="{option}: {path}: unknown key(s) {keys}; expected answers, visit, narrative",
    )
)
ANSWERS_VISIT_NOT_OBJECT = Message(
    what=Text(
        zh='{option}：{path}："visit" 须为对象', en='{option}: {path}: "visit" must be an object'
    )
)
ANSWERS_NARRATIVE_NOT_TEXT = Message(
    what=Text(
        zh='{option}：{path}："narrative" 须为文本', en='{option}: {path}: "narrative" must be text'
    )
)

# ---------------------------------------------------------------- photo layers
BAD_NUMBERS = Message(
    what=Text(
        zh="{option} {value}：应为 {n} 个整数 {names}（按正立图像的像素）",
        en="{option} {value}: expected {n} whole numbers {names} (upright pixels)",
    )
)
BAD_TEXT_LABEL = Message(
    what=Text(zh="{option} {value}：应为 X,Y,TEXT", en="{option} {value}: expected X,Y,TEXT")
)

# ---------------------------------------------------------------- demo data
DEMO_INSPECTIONS = Text(zh="检查数量", en="the number of inspections")
DEMO_PHOTOS = Text(zh="每份检查的照片数", en="the photos per inspection")
DEMO_NEGATIVE = Message(
    what=Text(zh="{first}和{second}须为 0 或以上", en="{first} and {second} must be 0 or more")
)
DEMO_NO_CHECKLIST = Message(
    what=Text(zh="没有能加载的内置检查表", en="no shipped checklist could be loaded"),
    cli=Text(zh="见 'inspector checklists'", en="see 'inspector checklists'"),
)
