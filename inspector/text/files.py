"""Words for files the user gives the app and files it writes (``inspector.files``)."""

from __future__ import annotations

from inspector.text import Message, Text

# ``read_bounded(..., what)``: the kind of file, as the callers name it.
KINDS = {
    "file": Text(zh="文件", en="file"),
    "photo": Text(zh="照片", en="photo"),
    "package": Text(zh="数据包", en="package"),
    "checklist": Text(zh="检查表", en="checklist"),
    "public key": Text(zh="公钥", en="public key"),
    "narrative": Text(zh="检查说明", en="narrative"),
    "answers": Text(zh="答案", en="answers"),
}

# What a path is when it is not a regular file.
NODE_KINDS = {
    "folder": Text(zh="文件夹", en="a folder"),
    "fifo": Text(zh="管道（FIFO）", en="a pipe (FIFO)"),
    "device": Text(zh="设备", en="a device"),
    "socket": Text(zh="套接字", en="a socket"),
    "other": Text(zh="非普通文件", en="not a regular file"),
}

AT_PATH = Message(Text(zh="{path}：{reason}", en="{path}: {reason}"))

NO_SUCH_FILE = Message(Text(zh="文件不存在", en="no such file"))
IS_FOLDER_GIVE_FILE = Message(
    Text(zh="这是文件夹；请选择{what}文件", en="is a folder; give the {what} file")
)
READ_PERMISSION = Message(
    Text(
        zh="没有读取权限；请检查该文件的权限",
        en="permission denied; check the file's permissions",
    )
)
CANNOT_OPEN = Message(Text(zh="无法打开{what}（{detail}）", en="cannot open the {what} ({detail})"))
NOT_REGULAR = Message(Text(zh="这是{node}，不是{what}文件", en="is {node}, not a {what} file"))
TOO_LARGE = Message(
    Text(
        zh="{what}超过 {limit} 的上限（{size}）",
        en="the {what} is larger than the limit of {limit} ({size})",
    )
)
GREW = Message(
    Text(
        zh="{what}超过 {limit}（读取时文件在变大）",
        en="the {what} is larger than {limit} (it grew while read)",
    )
)
CANNOT_READ = Message(Text(zh="无法读取{what}（{detail}）", en="cannot read the {what} ({detail})"))
NOT_UTF8 = Message(
    Text(
        zh="第 {line} 行：不是 UTF-8 文本（字节 0x{byte}）",
        en="line {line}: not UTF-8 text (byte 0x{byte})",
    ),
    cli=Text(zh="请另存为 UTF-8", en="save it as UTF-8"),
    gui=Text(zh="请在编辑器中另存为 UTF-8 编码", en="save it as UTF-8 in your editor"),
)

CANNOT_CHECK_TARGET = Message(
    Text(zh="无法检查目标文件（{detail}）", en="cannot check the target ({detail})")
)
TARGET_IS_FOLDER = Message(Text(zh="这是文件夹；请给出文件名", en="is a folder; give a file name"))
TARGET_NOT_REGULAR = Message(
    Text(
        zh="这是{node}；只能写入或替换普通文件",
        en="is {node}; only a regular file can be written or replaced",
    )
)
NO_FOLDER = Message(
    Text(zh="文件夹 {folder} 不存在", en="folder {folder} does not exist"),
    cli=Text(zh="请先创建", en="create it first"),
    gui=Text(
        zh="请先创建该文件夹，或另选一个文件夹", en="create it first or choose another folder"
    ),
)

CANNOT_WRITE = Message(Text(zh="无法写入（{reason}）", en="cannot write ({reason})"))
CANNOT_WRITE_KEPT = Message(
    Text(
        zh="无法写入（{reason}）；原有文件未改动",
        en="cannot write ({reason}); the existing file is unchanged",
    )
)
DISK_FULL = Text(zh="磁盘已满", en="the disk is full")
TOO_BIG_CLI = Text(
    zh="文件超过了本系统允许的大小（ulimit -f？）",
    en="the file is larger than this system allows (ulimit -f?)",
)
TOO_BIG_GUI = Text(zh="文件超过了本系统允许的大小", en="the file is larger than this system allows")
WRITE_PERMISSION = Text(
    zh="没有写入权限；请检查该文件夹的权限",
    en="permission denied; check the folder's permissions",
)
READ_ONLY_FS = Text(zh="文件系统是只读的", en="the file system is read-only")

# A file of the database the app (or this command) has open: never read or replaced, since
# closing any descriptor of it would drop the locks SQLite holds (inspector/files.py).
DATABASE_FILE = Message(
    Text(
        zh="这是正在使用的数据库（{db}）的文件，不能作为{what}读取",
        en="is a file of the database in use ({db}); it cannot be read as a {what}",
    ),
    cli=Text(
        zh="请给出另一个文件；要复制数据库，请用 inspector backup",
        en="give another file; to copy the database use inspector backup",
    ),
    gui=Text(
        zh="请另选一个文件；要复制数据库，请用“文件 → 备份数据库…”",
        en="choose another file; to copy the database use File → Back up database…",
    ),
)
TARGET_IS_DATABASE = Message(
    Text(
        zh="这是正在使用的数据库（{db}）的文件，不能用其他内容覆盖",
        en="is a file of the database in use ({db}); it cannot be overwritten",
    ),
    cli=Text(zh="请给出另一个文件名", en="give another file name"),
    gui=Text(zh="请另选一个文件名", en="choose another file name"),
)
