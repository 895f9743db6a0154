"""One phone session per user on this computer, across processes (desktop app and CLI).

An OS file lock on ``<user data>/phone-session.lock``: the operating system releases it
when the holder exits, even after ``kill -9``, so a crash never leaves a stale lock.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from inspector import paths

log = logging.getLogger(__name__)


class SessionLock:
    """A non-blocking exclusive lock on a file; :meth:`acquire` is False when held elsewhere."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.user_data_dir() / "phone-session.lock"
        self._fd: int | None = None

    def acquire(self) -> bool:
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
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
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return True

    def holder(self) -> str:
        """The process id written by the holder (for the message), or '?'."""
        try:
            return self.path.read_text().strip() or "?"
        except OSError:
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
