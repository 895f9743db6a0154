"""Database failures the user can act on, told as such instead of as "internal error".

A damaged page, a file that is not a database, a read-only file or folder, a database
another program holds locked: SQLite reports each as an ``OperationalError`` or
``DatabaseError`` with an SQL statement attached. :func:`describe` turns them into one
sentence that says what happened and what to do; anything else stays an internal error.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import DBAPIError

from inspector.errors import UserError

log = logging.getLogger(__name__)

RESTORE_HINT = (
    "restore it from a backup ('inspector backup' makes one; earlier versions are kept "
    "next to the database as *.bak before each upgrade)"
)


class DatabaseUnusableError(UserError):
    """The database cannot be used as it is: damaged, read-only, not a database, locked."""


def _original(e: BaseException) -> str:
    orig = getattr(e, "orig", None)
    return str(orig if orig is not None else e).strip()


def describe(e: BaseException, where: str) -> DatabaseUnusableError | None:
    """A user-facing error for ``e`` (raised while using database ``where``), or None."""
    if not isinstance(e, DBAPIError):
        return None
    text = _original(e)
    low = text.lower()
    if "readonly" in low or "read-only" in low or "read only" in low:
        return DatabaseUnusableError(
            f"database {where} is read-only: this command changes data. Check the file's "
            "and its folder's permissions (the folder must be writable too), or work on a "
            "copy; read-only commands such as list, show and hq summary still work"
        )
    if any(m in low for m in ("malformed", "not a database", "disk i/o error", "could not decode")):
        return DatabaseUnusableError(
            f"cannot open database {where}: it is damaged or is not a Branch Inspector "
            f"database ({text}); "
            f"{RESTORE_HINT}"
        )
    if "database is locked" in low or "database table is locked" in low:
        return DatabaseUnusableError(
            f"database {where} is locked by another program that is writing to it; "
            "wait for it to finish and try again"
        )
    if "unable to open database file" in low:
        return DatabaseUnusableError(
            f"cannot open database {where}: check that the file and its folder exist and "
            "that you may read and write them"
        )
    if "disk is full" in low or "database or disk is full" in low:
        return DatabaseUnusableError(
            f"database {where}: the disk is full; free some space and try again "
            "(nothing was half-written)"
        )
    return None
