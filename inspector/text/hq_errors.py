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
EXPORT_HELPER_FAILED = Message(
    what=Text(
        zh="导出未完成：写“整改跟踪”表的辅助进程出错（{detail}），没有写出任何文件",
        en="The export did not finish: the helper process writing the findings sheet failed"
        " ({detail}); no file was written",
    ),
    cli=Text(
        zh="请重试；如仍失败，请把日志文件发给技术支持",
        en="run the command again; if it fails again, send the log file to support",
    ),
    gui=Text(
        zh="请重试；如仍失败，请把日志文件发给技术支持",
        en="try again; if it fails again, send the log file to support",
    ),
)
EXPORT_HELPER_ENDED = Message(
    what=Text(
        zh="导出未完成：写“整改跟踪”表的辅助进程意外结束（{how}），没有写出任何文件",
        en="The export did not finish: the helper process writing the findings sheet ended"
        " unexpectedly ({how}); no file was written",
    ),
    cli=Text(
        zh="请确认内存充足后重试",
        en="make sure enough memory is free and run the command again",
    ),
    gui=Text(
        zh="请关闭其他程序、确认内存充足后重试",
        en="close other programs so that enough memory is free, and try again",
    ),
)
EXPORT_HELPER_KILLED = Text(zh="被信号 {signal} 终止", en="stopped by signal {signal}")
EXPORT_HELPER_EXIT = Text(zh="退出码 {code}", en="exit code {code}")
FILING_NUMBER = Text(zh="文号", en="the document number (文号)")
FILING_CLASSIFICATION = Text(zh="密级", en="the classification (密级)")
FILING_TOO_LONG = Message(
    what=Text(
        zh="{field}有 {n} 个字符，最多 {limit} 个：页眉放不下",
        en="{field} has {n} characters, at most {limit} fit the page header",
    ),
    cli=Text(zh="请缩短后重试", en="shorten it and run the command again"),
    gui=Text(zh="请缩短后重试", en="shorten it and try again"),
)
FILING_CONTROL = Message(
    what=Text(
        zh="{field}含有换行或其他控制字符",
        en="{field} contains a line break or another control character",
    ),
    cli=Text(zh="请只用一行文字", en="give it as one line of text"),
    gui=Text(zh="请只用一行文字", en="type it as one line of text"),
)
