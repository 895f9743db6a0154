"""Backing up the embedded database safely while the app may be using it.

A live SQLite file must never be copied byte by byte (a copy taken mid-write, or without
its ``-wal`` file, can be corrupt or miss recent commits). ``VACUUM INTO`` writes a
consistent, compacted snapshot; it is checked with ``PRAGMA integrity_check`` and only
then moved into place, so a backup file is either complete or absent.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from pathlib import Path

from inspector.db import Database
from inspector.errors import UserError

log = logging.getLogger(__name__)


def backup_database(db: Database, target: Path) -> Path:
    """Write a consistent copy of ``db`` to ``target`` (replaced atomically); return it."""
    if not db.is_sqlite:
        raise UserError(
            f"{db.display_name} is a server database; back it up with the server's own "
            "tools (for PostgreSQL: pg_dump)"
        )
    target = target.expanduser().resolve()
    source = Path(str(db.url.database)).resolve()
    if target == source:
        raise UserError(f"{target}: that is the database itself; choose another file")
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name for the backup")
    if not target.parent.is_dir():
        raise UserError(f"folder {target.parent} does not exist; create it first")
    tmp = target.with_name(f".{target.name}.partial")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    raw = db.engine.raw_connection()
    try:
        raw.execute("VACUUM INTO ?", (str(tmp),))
    except sqlite3.Error as e:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise UserError(f"{target}: the backup could not be written ({e})") from None
    finally:
        raw.close()
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as conn:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()
        if verdict != ("ok",):
            raise UserError(f"{target}: the backup failed its integrity check ({verdict})")
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    log.info("backed up %s to %s", source, target)
    return target
