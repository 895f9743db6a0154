"""One desktop app per database file: an OS lock on ``<database>.lock`` beside it.

Two windows writing the same SQLite file would each keep their own view of what is on
screen (the runner's item, the undo stack) and overwrite each other's answers without
knowing. The app takes this lock before it opens the database; a second app on the same
file finds it held and offers to switch to the running window or to open read-only
(``inspector/ui/instance.py``). The CLI does not take it: a command is a short unit of work
that SQLite itself serialises with the app's.

The lock is a separate file, never the database: it is held with ``flock`` (Windows:
``msvcrt.locking``), which belongs to the open file rather than to the process, so it
neither touches nor is touched by SQLite's POSIX locks on the database. The operating
system releases it when the holder exits, even after ``kill -9``: a crash never leaves a
stale lock. The file itself stays (removing it would race with a starting app).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"


def lock_path(database: Path | str) -> Path:
    """The lock file of SQLite database ``database``: ``site.db`` -> ``site.db.lock``."""
    p = Path(os.path.realpath(os.fspath(database)))
    return p.with_name(p.name + LOCK_SUFFIX)


class InstanceLock:
    """The app's claim on one database file; :meth:`acquire` is False when another app holds it."""

    def __init__(self, database: Path | str) -> None:
        self.database = Path(os.path.realpath(os.fspath(database)))
        self.path = lock_path(database)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock; False if another app holds it.

        A folder where the lock file cannot be created (a read-only share) gets no lock:
        nobody can write a database there either, so there is nothing to coordinate.
        """
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as e:
            log.warning("no instance lock %s (%s); continuing without one", self.path, e)
            return True
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        log.info("instance lock %s taken", self.path)
        return True

    def holder(self) -> str:
        """The process id the holder wrote (for messages and the log), or '?'."""
        try:
            return self.path.read_text(encoding="ascii").strip() or "?"
        except (OSError, UnicodeDecodeError):
            return "?"

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if sys.platform == "win32":
                import msvcrt

                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
