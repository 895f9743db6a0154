"""Words of the HQ view's errors (filters, the consolidated report, table exports).

The options are fields: the CLI names its option (``--status``, ``-o``), the app the thing
the user chose (a :class:`~inspector.text.parts.Term`), so no sentence here names a command.
"""

from __future__ import annotations

import logging

from inspector.text import Message, Text

log = logging.getLogger(__name__)

STATUS_OPTION = Text(zh="整改状态", en="the finding status")
LANG_OPTION = Text(zh="报告语言", en="the report language")
OUTPUT_OPTION = Text(zh="导出位置", en="the export location")

BAD_STATUS = Message(
    what=Text(
        zh="{option}须为 open（未整改）、overdue（逾期）或 closed（已关闭），而不是 {status}",
        en="{option} must be open, overdue or closed, not {status}",
    )
)
BAD_LANG = Message(
    what=Text(
        zh="{option}须为 zh（中文）或 en（英文），而不是 {lang}",
        en="{option} must be zh or en, not {lang}",
    )
)
CSV_TARGET_IS_FILE = Message(
    what=Text(
        zh="{option}：{folder} 是文件；CSV 导出需要一个文件夹",
        en="{option}: {folder} is a file; CSV export needs a folder",
    )
)
CANNOT_CREATE_FOLDER = Message(
    what=Text(
        zh="{option}：无法创建文件夹 {folder}（{error}）",
        en="{option}: cannot create folder {folder} ({error})",
    )
)
