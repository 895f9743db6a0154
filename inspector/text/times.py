"""Words for times shown to people: a time zone that is not known."""

from __future__ import annotations

from inspector.text import Message, Text

_ZONE_HINT = Text(
    zh="请使用 Asia/Shanghai 这样的名称或 +08:00 这样的偏移",
    en="use a name such as Asia/Shanghai or an offset such as +08:00",
)
UNKNOWN_ZONE = Message(
    what=Text(zh="未知的时区 {zone}", en="unknown time zone {zone}"),
    cli=_ZONE_HINT,
    gui=_ZONE_HINT,
)
