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
from inspector.text import db as T

log = logging.getLogger(__name__)


class DatabaseUnusableError(UserError):
    """The database cannot be used as it is: damaged, read-only, not a database, locked."""


def _original(e: BaseException) -> str:
    orig = getattr(e, "orig", None)
    return str(orig if orig is not None else e).strip()


# PostgreSQL's SQLSTATEs for a transaction that lost to another one: serialization failure,
# deadlock detected, lock not available (NOWAIT / lock_timeout).
_CONTENTION_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def is_contention(e: BaseException) -> bool:
    """True when ``e`` is real lock contention with another writer: worth retrying.

    SQLite says "database is locked" / "database table is locked" (SQLITE_BUSY, SQLITE_LOCKED);
    PostgreSQL reports a serialization failure, a deadlock or an unavailable lock. Anything
    else (a full or read-only disk, a damaged file, a lost connection) would fail the same
    way again, so it is not.
    """
    if not isinstance(e, DBAPIError):
        return False
    orig = getattr(e, "orig", None)
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state is not None:
        return str(state) in _CONTENTION_SQLSTATES
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED (and their extended codes)
    low = _original(e).lower()
    return "database is locked" in low or "database table is locked" in low or "busy" in low


def describe(e: BaseException, where: str) -> DatabaseUnusableError | None:
    """A user-facing error for ``e`` (raised while using database ``where``), or None."""
    if not isinstance(e, DBAPIError):
        return None
    text = _original(e)
    low = text.lower()
    if "readonly" in low or "read-only" in low or "read only" in low:
        return DatabaseUnusableError(T.READ_ONLY, where=where)
    if any(m in low for m in ("malformed", "not a database", "disk i/o error", "could not decode")):
        return DatabaseUnusableError(T.DAMAGED, where=where, detail=text)
    if "database is locked" in low or "database table is locked" in low:
        return DatabaseUnusableError(T.LOCKED, where=where)
    if "unable to open database file" in low:
        return DatabaseUnusableError(T.UNABLE_TO_OPEN, where=where)
    if "disk is full" in low or "database or disk is full" in low:
        return DatabaseUnusableError(T.DISK_FULL, where=where)
    return None
