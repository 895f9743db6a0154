"""Words of the database backup errors (File › Back up database… and ``inspector backup``)."""

from __future__ import annotations

import logging

from inspector.text import Message, Text

log = logging.getLogger(__name__)

SERVER_DATABASE = Message(
    what=Text(
        zh="{db} 是服务器数据库；请用服务器自带的工具备份（PostgreSQL：pg_dump）",
        en="{db} is a server database; back it up with the server's own tools "
        "(for PostgreSQL: pg_dump)",
    )
)
TARGET_IS_DATABASE = Message(
    what=Text(
        zh="{target}：这是数据库文件本身；请另选一个文件",
        en="{target}: that is the database itself; choose another file",
    )
)
NOT_WRITTEN = Message(
    what=Text(
        zh="{target}：备份未能写入（{error}）",
        en="{target}: the backup could not be written ({error})",
    )
)
INTEGRITY = Message(
    what=Text(
        zh="{target}：备份未通过完整性检查（{verdict}）",
        en="{target}: the backup failed its integrity check ({verdict})",
    )
)
