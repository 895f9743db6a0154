"""Words about text typed into the app and kept before it was recorded (services/typed.py)."""

from __future__ import annotations

import logging

from inspector.text import Message, Text

log = logging.getLogger(__name__)

FIELD_UNKNOWN = Message(
    what=Text(
        zh="无法保存输入内容：未知字段 {field}", en="typed text not kept: unknown field {field}"
    )
)
ITEM_GONE = Message(
    what=Text(
        zh="输入内容无法记入：检查表中已没有检查项 {item}",
        en="typed text not recorded: the checklist has no item {item}",
    )
)
