"""One phone session per user on this computer, across processes (desktop app and CLI).

An OS file lock (:class:`inspector.filelock.FileLock`) on ``<user data>/phone-session.lock``:
the operating system releases it when the holder exits, even after ``kill -9``, so a crash
never leaves a stale lock.
"""

from __future__ import annotations

import logging
from pathlib import Path

from inspector import paths
from inspector.filelock import FileLock

log = logging.getLogger(__name__)


class SessionLock(FileLock):
    """The phone session's lock; :meth:`acquire` is False when another process holds it."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path or paths.user_data_dir() / "phone-session.lock", mode=0o600)
