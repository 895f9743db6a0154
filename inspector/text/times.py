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

_CLOCK_HINT = Text(
    zh="请写成 2026-06-15 或 2026-06-15T09:30:00+08:00 这样的 ISO 日期或时间，"
    "或删除该变量以使用系统时钟",
    en="write an ISO date or date-time such as 2026-06-15 or 2026-06-15T09:30:00+08:00, "
    "or unset it to use the system clock",
)
BAD_CLOCK = Message(
    what=Text(
        zh="环境变量 INSPECTOR_CLOCK 的值 {value} 不是日期或时间",
        en="INSPECTOR_CLOCK={value} is not an ISO date or date-time",
    ),
    cli=_CLOCK_HINT,
    gui=_CLOCK_HINT,
)
