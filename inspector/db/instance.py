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

import logging
import os
from pathlib import Path

from inspector.filelock import FileLock

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"


def lock_path(database: Path | str) -> Path:
    """The lock file of SQLite database ``database``: ``site.db`` -> ``site.db.lock``."""
    p = Path(os.path.realpath(os.fspath(database)))
    return p.with_name(p.name + LOCK_SUFFIX)


class InstanceLock(FileLock):
    """The app's claim on one database file; :meth:`acquire` is False when another app holds it.

    A folder where the lock file cannot be created (a read-only share) gets no lock:
    nobody can write a database there either, so there is nothing to coordinate.
    """

    def __init__(self, database: Path | str) -> None:
        super().__init__(lock_path(database), unwritable_ok=True)
        self.database = Path(os.path.realpath(os.fspath(database)))
