"""Words of the settings errors (Settings… › Reports, and ``inspector settings set``)."""

from __future__ import annotations

import logging

from inspector.text import Message, Text

log = logging.getLogger(__name__)

# The settings as the Settings dialog labels them; the CLI names them by their key.
LABELS = {
    "org.name": Text(zh="机构名称", en="Organisation"),
    "org.logo": Text(zh="机构标志", en="Logo"),
    "display.tz": Text(zh="时区", en="Time zone"),
}
UNKNOWN = Message(
    what=Text(zh="没有设置项 {key}；可用的有：{known}", en="unknown setting {key}; known: {known}")
)
TOO_LONG = Message(
    what=Text(
        zh="{key}：最多 {max} 个字符（输入了 {n} 个）",
        en="{key}: at most {max} characters ({n} given)",
    )
)
CONTROL_CHARS = Message(
    what=Text(zh="{key}：不能含控制字符", en="{key}: control characters are not allowed")
)
BAD_TIME_ZONE = Message(
    what=Text(
        zh="{key}：未知时区 {value}；请用时区名称（如 Asia/Shanghai）或偏移量（如 +08:00）",
        en="{key}: unknown time zone {value}; use a name such as Asia/Shanghai or "
        "an offset such as +08:00",
    )
)
