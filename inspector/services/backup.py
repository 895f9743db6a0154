"""Backing up the embedded database safely while the app may be using it.

A live SQLite file must never be copied byte by byte (a copy taken mid-write, or without
its ``-wal`` file, can be corrupt or miss recent commits). ``VACUUM INTO`` writes a
consistent, compacted snapshot; it is checked with ``PRAGMA integrity_check`` and only
then moved into place, so a backup file is either complete or absent.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path

from inspector.db import Database
from inspector.errors import UserError
from inspector.files import atomic_path
from inspector.text import backup as T

log = logging.getLogger(__name__)


def backup_database(db: Database, target: Path) -> Path:
    """Write a consistent copy of ``db`` to ``target`` (replaced atomically); return it."""
    if not db.is_sqlite:
        raise UserError(T.SERVER_DATABASE, db=db.display_name)
    target = target.expanduser().resolve()
    source = Path(str(db.url.database)).resolve()
    if target == source:
        raise UserError(T.TARGET_IS_DATABASE, target=target)
    # The snapshot is written to a temporary file next to the target, checked, flushed
    # and only then renamed over it: a failed or damaged backup never replaces a good one.
    with atomic_path(target) as tmp:
        raw = db.engine.raw_connection()
        try:
            raw.execute("VACUUM INTO ?", (str(tmp),))
        except sqlite3.Error as e:
            raise UserError(T.NOT_WRITTEN, target=target, error=str(e)) from None
        finally:
            raw.close()
        with contextlib.closing(sqlite3.connect(tmp)) as conn:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()
        if verdict != ("ok",):
            raise UserError(T.INTEGRITY, target=target, verdict=verdict)
    log.info("backed up %s to %s", source, target)
    return target
