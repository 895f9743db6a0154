"""A non-blocking exclusive OS lock on a small file, released by the OS when its holder
exits (even after ``kill -9``), so a crash never leaves a stale lock.

Held with ``flock`` (Windows: ``msvcrt.locking``), which belongs to the open file rather
than to the process: it neither touches nor is touched by SQLite's POSIX locks. The holder
writes its process id into the file for messages. Used for one desktop app per database
(:mod:`inspector.db.instance`) and one phone session per user (:mod:`inspector.phone.lock`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)


class FileLock:
    """An exclusive lock on ``path``; :meth:`acquire` is False when another process holds it.

    ``unwritable_ok``: a folder where the lock file cannot be created counts as locked by
    us (nothing there can be written either, so there is nothing to coordinate); otherwise
    the ``OSError`` is raised.
    """

    def __init__(self, path: Path, *, mode: int = 0o644, unwritable_ok: bool = False) -> None:
        self.path = path
        self._mode = mode
        self._unwritable_ok = unwritable_ok
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock; False if another process holds it."""
        if self._fd is not None:
            return True
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags, self._mode)
        except OSError as e:
            if not self._unwritable_ok:
                raise
            log.warning("no lock %s (%s); continuing without one", self.path, e)
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
        log.info("lock %s taken", self.path)
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
