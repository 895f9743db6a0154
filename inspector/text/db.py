"""Words for opening the database and for a database that cannot be used as it is.

The CLI names the ``--db`` option a bad value came from (a ``parts.CliOnly`` field); the
app has no options: it opens the database it was started on.
"""

from __future__ import annotations

from inspector.text import Message, Text

EMPTY_VALUE = Message(
    Text(zh="{option}数据库位置为空", en="{option}the value is empty"),
    cli=Text(
        zh="请给出数据库文件或 URL，或省略 --db 以使用默认数据库",
        en="give a database file or URL, or leave --db out for the default database",
    ),
    gui=Text(
        zh="请给出数据库文件或 URL，或不指定以使用默认数据库",
        en="give a database file or URL, or none for the default database",
    ),
)
NOT_A_URL = Message(
    Text(
        zh="{option}{value} 既不是数据库 URL 也不是文件路径",
        en="{option}{value} is not a database URL or a file path",
    )
)
IS_FOLDER = Message(
    Text(
        zh="{option}{path} 是文件夹；请给出数据库文件的路径",
        en="{option}{path} is a folder; give a database file path",
    )
)
NOT_REGULAR = Message(
    Text(
        zh="{option}{path} 不是普通文件（而是设备或管道）；请给出数据库文件",
        en="{option}{path} is not a regular file (a device or pipe); give a database file",
    )
)
NO_FOLDER = Message(
    Text(zh="{option}文件夹 {folder} 不存在", en="{option}folder {folder} does not exist"),
    cli=Text(zh="请先创建", en="create it first"),
    gui=Text(zh="请先创建该文件夹", en="create it first"),
)
UNSUPPORTED = Message(
    Text(
        zh="{option}{where}：不支持的数据库类型（{detail}）",
        en="{option}{where}: unsupported database type ({detail})",
    )
)
FOREIGN_TABLES = Message(
    Text(
        zh="数据库 {where} 中是其他程序的表，不是 Branch Inspector 的",
        en="database {where} holds tables of another program, not of Branch Inspector",
    ),
    cli=Text(zh="请换一个文件", en="give another file"),
    gui=Text(zh="请改用另一个数据库文件", en="use another database file"),
)
CANNOT_OPEN = Message(
    Text(zh="无法打开数据库 {where}：{detail}", en="cannot open database {where}: {detail}")
)

# db.errors.describe: a database that went read-only, damaged, locked, missing or full.
READ_ONLY = Message(
    Text(
        zh="数据库 {where} 是只读的，而这一操作需要修改数据",
        en="database {where} is read-only: this command changes data",
    ),
    cli=Text(
        zh="请检查该文件及其所在文件夹的权限（文件夹也必须可写），或改用副本；list、show、"
        "hq summary 等只读命令仍可使用",
        en="check the file's and its folder's permissions (the folder must be writable too), "
        "or work on a copy; read-only commands such as list, show and hq summary still work",
    ),
    gui=Text(
        zh="请检查该文件及其所在文件夹的权限（文件夹也必须可写），或改用副本；查看检查和报告仍可使用",
        en="check the file's and its folder's permissions (the folder must be writable too), "
        "or work on a copy; viewing inspections and reports still works",
    ),
)
DAMAGED = Message(
    Text(
        zh="无法打开数据库 {where}：文件已损坏，或不是 Branch Inspector 数据库（{detail}）",
        en="cannot open database {where}: it is damaged or is not a Branch Inspector "
        "database ({detail})",
    ),
    cli=Text(
        zh="请用备份恢复（'inspector backup' 可生成备份；每次升级前的旧版本以 *.bak "
        "保存在数据库旁）",
        en="restore it from a backup ('inspector backup' makes one; earlier versions are kept "
        "next to the database as *.bak before each upgrade)",
    ),
    gui=Text(
        zh="请用备份替换该文件（备份由“文件 › 备份数据库…”生成；每次升级前的旧版本以 *.bak "
        "保存在数据库旁）",
        en="replace the file with a backup (File › Back up database… makes them; earlier "
        "versions are kept next to the database as *.bak before each upgrade)",
    ),
)
LOCKED = Message(
    Text(
        zh="数据库 {where} 正被另一个程序写入而锁定",
        en="database {where} is locked by another program that is writing to it",
    ),
    cli=Text(zh="请等它完成后重试", en="wait for it to finish and try again"),
    gui=Text(zh="请等它完成后重试", en="wait for it to finish and try again"),
)
UNABLE_TO_OPEN = Message(
    Text(zh="无法打开数据库 {where}", en="cannot open database {where}"),
    cli=Text(
        zh="请检查该文件及其文件夹是否存在，以及你是否有读写权限",
        en="check that the file and its folder exist and that you may read and write them",
    ),
    gui=Text(
        zh="请检查该文件及其文件夹是否存在，以及你是否有读写权限",
        en="check that the file and its folder exist and that you may read and write them",
    ),
)
DISK_FULL = Message(
    Text(zh="数据库 {where}：磁盘已满", en="database {where}: the disk is full"),
    cli=Text(
        zh="请腾出空间后重试（没有写入一半的数据）",
        en="free some space and try again (nothing was half-written)",
    ),
    gui=Text(
        zh="请腾出空间后重试（没有写入一半的数据）",
        en="free some space and try again (nothing was half-written)",
    ),
)
UPGRADE_BAD_VALUES = Message(
    Text(
        zh="无法升级数据库：{table}.{column} 中有 {found}，不属于 {allowed} 中的任何一个；"
        "数据库未作任何改动",
        en="cannot upgrade the database: {table}.{column} holds {found}, which is not one of "
        "{allowed}; nothing was changed",
    ),
    cli=Text(
        zh="请更正这些记录（或从备份恢复）后再打开数据库",
        en="correct those rows (or restore a backup), then open the database again",
    ),
    gui=Text(
        zh="请更正这些记录，或用“文件 > 备份数据库…”所做的备份替换数据库文件，然后重新打开",
        en="correct those rows, or replace the database file with a backup made by "
        "File › Back up database…, then open it again",
    ),
)

# A database opened read-only on purpose (a second window on a database another one edits).
OPENED_READ_ONLY = Message(
    Text(
        zh="此窗口以只读方式打开数据库 {where}，不能修改数据",
        en="this window opened database {where} read-only; nothing can be changed here",
    ),
    cli=Text(
        zh="请在正在编辑该数据库的窗口中修改", en="make the change in the window that edits it"
    ),
    gui=Text(
        zh="请切换到正在编辑该数据库的窗口中修改，或关闭那个窗口后重新打开本程序",
        en="make the change in the window that edits it, or close that window and start "
        "the app again",
    ),
)
READ_ONLY_MISSING = Message(
    Text(
        zh="数据库 {where} 不存在，无法以只读方式打开",
        en="database {where} does not exist, so it cannot be opened read-only",
    )
)
READ_ONLY_NOT_CURRENT = Message(
    Text(
        zh="数据库 {where} 的版本与本程序不同，只读方式下无法升级",
        en="database {where} is of another version than this program; it cannot be "
        "upgraded read-only",
    ),
    cli=Text(zh="请先以正常方式打开一次", en="open it normally once first"),
    gui=Text(
        zh="请关闭正在使用它的窗口，再以正常方式打开本程序",
        en="close the window that uses it, then start the app normally",
    ),
)
