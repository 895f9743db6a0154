"""Files the user gives us and files we hand back: bounded reads, all-or-nothing writes.

Every file the app writes for the user (reports, exports, packages, photos, keys, backups)
goes through :func:`write_atomic` / :func:`atomic_path`; every file it reads from the user
(photos, packages, checklists, CSVs, key files, narrative and answers files) goes through
:func:`read_bounded`. One place each, so a device node, a FIFO or a huge sparse file is
handled the same way everywhere.

Neither ever opens a file of a database this process has open (the database, its ``-wal``,
``-shm`` and ``-journal``): POSIX advisory locks belong to the process, so closing *any*
descriptor of the database file drops the locks SQLite holds through its own descriptors,
and another process closing the database would then checkpoint and delete the WAL under
us. :func:`protect_database` names such a database (``db/engine.py`` does it on open);
a path that is one of its files, by inode (a hard link, a symbolic link or another
spelling of the path included), is refused before it is opened.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
import stat
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from inspector.errors import UserError
from inspector.text import Message
from inspector.text import files as F
from inspector.text.parts import Term

log = logging.getLogger(__name__)

KB = 1024
MB = 1024 * 1024

# Read limits for the files a user hands the app (the photo and package limits live with
# their formats). Generous for real files, small enough that /dev/zero or a mistaken
# multi-GB file is refused before it costs memory.
CHECKLIST_MAX_BYTES = 4 * MB
CSV_MAX_BYTES = 16 * MB
KEY_FILE_MAX_BYTES = 64 * KB
TEXT_FILE_MAX_BYTES = 1 * MB  # a narrative: a few pages of text
ANSWERS_MAX_BYTES = 16 * MB

_READ_CHUNK = 64 * KB


class FileAccessError(UserError):
    """A file that cannot be read or written as asked.

    ``problem`` is the error without the path (it renders in each language, so a caller
    can put it in its own sentence as a field); ``reason`` is its English text.
    """

    def __init__(self, path: Path | str, reason: Message, /, **fields: object) -> None:
        self.path = str(path)
        self.problem = UserError(reason, **fields)
        self.reason = str(self.problem)
        super().__init__(F.AT_PATH, path=self.path, reason=self.problem)


def _kind(mode: int) -> object:
    if stat.S_ISDIR(mode):
        return F.NODE_KINDS["folder"]
    if stat.S_ISFIFO(mode):
        return F.NODE_KINDS["fifo"]
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return F.NODE_KINDS["device"]
    if stat.S_ISSOCK(mode):
        return F.NODE_KINDS["socket"]
    return F.NODE_KINDS["other"]


def size_text(n: int) -> str:
    """A size as a person reads it: ``512 bytes``, ``1.5 KB``, ``200 MB``, ``2 GB`` (at most
    three significant digits, never an exponent such as ``2.05e+03 MB``)."""
    if n < KB:
        return f"{n} byte" if n == 1 else f"{n} bytes"
    value, unit = float(n), "bytes"
    for unit in ("KB", "MB", "GB", "TB"):
        value /= KB
        if value < KB or unit == "TB":
            break
    digits = 0 if value >= 100 else 1 if value >= 10 else 2
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} {unit}"


# ---------------------------------------------------------------- the open databases
#: The files SQLite keeps beside a database (WAL, shared-memory index, rollback journal).
SQLITE_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")

_databases: Counter[str] = Counter()
_databases_lock = threading.Lock()


def _canonical(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(os.fspath(path)))


def protect_database(path: Path | str) -> None:
    """From now on, refuse to read or replace the files of SQLite database ``path``."""
    with _databases_lock:
        _databases[_canonical(path)] += 1


def release_database(path: Path | str) -> None:
    """Undo one :func:`protect_database` (the database was closed)."""
    key = _canonical(path)
    with _databases_lock:
        _databases[key] -= 1
        if _databases[key] <= 0:
            del _databases[key]


def _named_files() -> list[tuple[str, str]]:
    """(file name, its database) for every file of every protected database."""
    with _databases_lock:
        names = list(_databases)
    return [(n + suffix, n) for n in names for suffix in ("", *SQLITE_SIDE_SUFFIXES)]


def database_files() -> list[Path]:
    """Every file name of every protected database (whether it exists now or not)."""
    return [Path(file) for file, _db in _named_files()]


def _database_of(st: os.stat_result) -> str | None:
    """The protected database whose file has the identity (device, inode) of ``st``."""
    for file, db in _named_files():
        try:
            own = os.stat(file)
        except OSError:
            continue
        if (own.st_dev, own.st_ino) == (st.st_dev, st.st_ino):
            return db
    return None


def _refuse_database_file(path: str, st: os.stat_result, kind: object) -> None:
    db = _database_of(st) if stat.S_ISREG(st.st_mode) else None
    if db is not None:
        raise FileAccessError(path, F.DATABASE_FILE, db=db, what=kind)


# Linux: open with O_PATH first (closing such a descriptor never drops a lock), check its
# inode, then open the very same file for reading through /proc: no window in which the path
# could be swapped for the database. Elsewhere the path is checked with stat() before it is
# opened (and the descriptor again after).
_O_PATH: int = getattr(os, "O_PATH", 0)
_REOPEN_THROUGH_PROC = sys.platform.startswith("linux") and bool(_O_PATH)


def _open_checked(p: str, flags: int, kind: object) -> int:
    """A descriptor of ``p`` opened with ``flags``, unless ``p`` is a protected database's."""
    if _REOPEN_THROUGH_PROC and os.path.isdir("/proc/self/fd"):
        handle = os.open(p, _O_PATH | getattr(os, "O_CLOEXEC", 0))
        try:
            _refuse_database_file(p, os.fstat(handle), kind)
            return os.open(f"/proc/self/fd/{handle}", flags)
        finally:
            os.close(handle)
    try:
        before = os.stat(p)
    except OSError:
        pass  # open() says what is wrong
    else:
        _refuse_database_file(p, before, kind)
    return os.open(p, flags)


# ---------------------------------------------------------------- reading
def read_bounded(path: Path | str, limit: int, what: str = "file") -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes.

    Opened non-blocking and checked with ``fstat`` on the open descriptor (no race with
    a swapped path), so a FIFO is refused instead of waiting for a writer for ever and a
    device such as ``/dev/zero`` is refused instead of read until memory runs out. The
    size on disk is checked before reading (a sparse 300 MB file costs nothing), and at
    most ``limit + 1`` bytes are read in case the file grows while we read it.
    ``what`` names the file in messages ("photo", "checklist", ...). A file of a database
    this process has open is refused without being opened (see the module docstring).
    """
    p = os.fspath(path)
    kind = F.KINDS.get(what, what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = _open_checked(p, flags, kind)
    except FileAccessError:
        raise
    except FileNotFoundError:
        raise FileAccessError(p, F.NO_SUCH_FILE) from None
    except IsADirectoryError:
        raise FileAccessError(p, F.IS_FOLDER_GIVE_FILE, what=kind) from None
    except PermissionError:
        raise FileAccessError(p, F.READ_PERMISSION) from None
    except OSError as e:
        raise FileAccessError(p, F.CANNOT_OPEN, what=kind, detail=str(e.strerror or e)) from None
    try:
        st = os.fstat(fd)
        _refuse_database_file(p, st, kind)
        if not stat.S_ISREG(st.st_mode):
            raise FileAccessError(p, F.NOT_REGULAR, node=_kind(st.st_mode), what=kind)
        if st.st_size > limit:
            raise FileAccessError(
                p, F.TOO_LARGE, what=kind, limit=size_text(limit), size=size_text(st.st_size)
            )
        chunks: list[bytes] = []
        total = 0
        # The size fstat gave, plus one byte to see the end, in one read; then small reads
        # (a file that grows meanwhile). A fixed 1 MB request per read costs a fresh 1 MB
        # buffer each time: ten times the read itself for a package of a few hundred KB.
        want = st.st_size + 1
        while total <= limit:
            chunk = os.read(fd, min(max(want - total, _READ_CHUNK), limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileAccessError(p, F.GREW, what=kind, limit=size_text(limit))
        return b"".join(chunks)
    except OSError as e:
        raise FileAccessError(p, F.CANNOT_READ, what=kind, detail=str(e.strerror or e)) from None
    finally:
        os.close(fd)


def read_text_bounded(path: Path | str, limit: int, what: str = "file") -> str:
    """:func:`read_bounded`, decoded as UTF-8 (a BOM is allowed)."""
    data = read_bounded(path, limit, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise FileAccessError(path, F.NOT_UTF8, line=line, byte=f"{data[e.start]:02x}") from None


# ---------------------------------------------------------------- writing
def check_output_target(path: Path) -> Path:
    """The real path to write ``path`` to, or a :class:`FileAccessError` saying why not.

    A symbolic link is followed (the file it points to is replaced, not the link); a
    target that exists and is not a regular file (``/dev/full``, a FIFO, a folder) is
    refused: renaming over it would replace a device node or a pipe someone reads. So is
    any file of a database this process has open, by name (a ``-journal`` that does not
    exist yet would be taken for a hot journal) and by inode.
    """
    path = Path(os.path.realpath(path.expanduser()))
    canonical = os.path.normcase(str(path))
    for file, db in _named_files():
        if canonical == file:
            raise FileAccessError(path, F.TARGET_IS_DATABASE, db=db)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        pass
    except OSError as e:
        raise FileAccessError(path, F.CANNOT_CHECK_TARGET, detail=str(e.strerror or e)) from None
    else:
        if stat.S_ISDIR(st.st_mode):
            raise FileAccessError(path, F.TARGET_IS_FOLDER)
        if not stat.S_ISREG(st.st_mode):
            raise FileAccessError(path, F.TARGET_NOT_REGULAR, node=_kind(st.st_mode))
        owner = _database_of(st)
        if owner is not None:
            raise FileAccessError(path, F.TARGET_IS_DATABASE, db=owner)
    folder = path.parent
    if not folder.is_dir():
        raise FileAccessError(path, F.NO_FOLDER, folder=str(folder))
    return path


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk too.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_failed(path: Path, e: OSError) -> FileAccessError:
    reason: object = e.strerror or str(e)
    if e.errno == errno.ENOSPC:
        reason = F.DISK_FULL
    elif e.errno == errno.EFBIG:
        reason = Term(cli=F.TOO_BIG_CLI, gui=F.TOO_BIG_GUI)
    elif e.errno in (errno.EACCES, errno.EPERM):
        reason = F.WRITE_PERMISSION
    elif e.errno == errno.EROFS:
        reason = F.READ_ONLY_FS
    message = F.CANNOT_WRITE_KEPT if path.exists() else F.CANNOT_WRITE
    return FileAccessError(path, message, reason=reason)


@contextlib.contextmanager
def atomic_path(path: Path, *, mode: int = 0o666) -> Iterator[Path]:
    """A fresh temporary path next to ``path``; moved over ``path`` when the block ends.

    For writers that need a file name rather than bytes (SQLite's ``VACUUM INTO``). The
    block must create the file; it is then flushed to disk, given the permissions
    ``mode`` as reduced by the umask, and renamed over the target. On any failure the
    temporary file is removed and an existing target is left as it was.
    """
    target = check_output_target(path)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDWR)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, mode & ~_umask())
        os.replace(tmp, target)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise _write_failed(target, e) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def write_atomic(path: Path, data: bytes, *, mode: int = 0o666) -> Path:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one.

    A temporary file in the same folder (same file system, so ``os.replace`` is atomic)
    is written, flushed to disk, then renamed over the target; a half-written PDF or
    package never sits where the user expects one, and a failed write (disk full,
    ``ulimit -f``) leaves an existing file untouched. The file is created with ``mode``
    reduced by the umask, like any other file (``mode=0o600`` for private keys). A
    target that exists and is not a regular file is refused. Returns the resolved path.
    """
    target = check_output_target(path)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        # O_EXCL: never follow or reuse something planted at the temporary name. The
        # kernel applies the umask to ``mode`` (mkstemp would force 0600).
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as e:
        raise _write_failed(target, e) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise _write_failed(target, e) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)
    return target


def _umask() -> int:
    # Reading the umask means setting it; /proc shows it without that on Linux.
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
