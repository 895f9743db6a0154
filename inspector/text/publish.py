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
