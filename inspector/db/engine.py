"""Opening a database: URL handling, SQLite pragmas, sessions, migrations on open.

SQLite settings (on every connection; the reasons are in ``docs/architecture.md``, "Durability"):
``journal_mode=WAL`` and ``synchronous=FULL`` so that a commit survives a crash or power
loss, ``foreign_keys=ON``, a ``busy_timeout`` so a second process waits instead of failing.
Sessions from :meth:`Database.session` start with ``BEGIN IMMEDIATE``: a unit of work that
reads and then writes takes the write lock up front, so two of them never deadlock (which
SQLite reports as "database is locked" without waiting). Read-only work uses
:meth:`Database.read_session` (plain ``BEGIN``), which never waits for a writer in WAL mode.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from inspector import files, paths, strictjson
from inspector.db.errors import DatabaseUnusableError, describe
from inspector.errors import UserError
from inspector.text import db as T
from inspector.text.parts import CliOnly

DB_OPTION = CliOnly("--db: ")

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000


def resolve_url(url_or_path: str | os.PathLike[str] | None) -> URL:
    """``--db`` value (a path or any SQLAlchemy URL), else ``INSPECTOR_DB``, else default."""
    if url_or_path is not None and not str(url_or_path).strip():
        # An empty --db (an unset shell variable, say) must not quietly mean the default.
        raise UserError(T.EMPTY_VALUE, option=DB_OPTION)
    value = str(url_or_path) if url_or_path else os.environ.get("INSPECTOR_DB")
    if not value:
        return URL.create("sqlite", database=str(paths.default_database_path()))
    if "://" in value:
        try:
            url = make_url(value)
        except ArgumentError:
            raise UserError(T.NOT_A_URL, option=DB_OPTION, value=repr(value)) from None
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url
    path = Path(value).expanduser().resolve()
    if path.is_dir():
        raise UserError(T.IS_FOLDER, option=DB_OPTION, path=str(path))
    if path.exists() and not path.is_file():
        raise UserError(T.NOT_REGULAR, option=DB_OPTION, path=str(path))
    if not path.parent.is_dir():
        raise UserError(T.NO_FOLDER, option=DB_OPTION, folder=str(path.parent))
    return URL.create("sqlite", database=str(path))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Autocommit at the driver level; SQLAlchemy's "begin" event below issues BEGIN, so
    # transactions (and transactional DDL in migrations) behave as written.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not getattr(dbapi_conn, "_inspector_read_only", False):
            # A read-only file keeps its journal mode: setting it is a write.
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
    except UnicodeDecodeError:
        # A damaged schema makes SQLite quote its garbage in the error text, which Python
        # then fails to decode: still a damaged database, not a bug.
        raise sqlite3.DatabaseError(
            "database disk image is malformed (damaged schema; SQLite's message is unreadable)"
        ) from None
    finally:
        cur.close()


def _sqlite_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    conn.exec_driver_sql(f"BEGIN {mode}")


class _ReadOnlyConnection(sqlite3.Connection):
    """A connection to a database file this user may not write (marks it for the pragmas)."""

    _inspector_read_only = True


def read_only_uri(path: Path) -> str | None:
    """A ``file:`` URI that reads ``path`` without writing anything, if we may not write it.

    SQLite opens a file it cannot write read-only, but a WAL database also needs its
    ``-shm`` index file, which it creates next to the database: in a folder we cannot
    write either (a read-only share, a backup folder) every read then fails with "attempt
    to write a readonly database". Such a file is opened ``immutable`` (no locks, no
    ``-shm``), which is what it is for us; unless a ``-wal`` file holds commits not yet in
    the main file, which immutable mode would not see.
    """
    if not path.is_file() or os.access(path, os.W_OK):
        return None
    uri = f"{path.as_uri()}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    wal_empty = not wal.exists() or wal.stat().st_size == 0
    if not os.access(path.parent, os.W_OK) and not shm.exists() and wal_empty:
        uri += "&immutable=1"
    return uri


def make_engine(url: URL, *, read_only: bool = False) -> Engine:
    if url.get_backend_name() == "sqlite":
        timeout = BUSY_TIMEOUT_MS / 1000
        uri = read_only_uri(Path(url.database)) if url.database else None
        if read_only and uri is None and url.database:
            # Asked for: SQLite refuses every write, and the connection takes part in the
            # WAL locking like any reader (it sees the other window's commits).
            uri = f"{Path(url.database).as_uri()}?mode=ro"
        if uri is not None:
            log.info("database %s is read-only for this user; opened as %s", url.database, uri)
            engine = create_engine(
                url,
                json_serializer=strictjson.dumps,
                creator=lambda: sqlite3.connect(
                    uri,
                    uri=True,
                    timeout=timeout,
                    factory=_ReadOnlyConnection,
                    check_same_thread=False,  # the pool hands it to other threads
                ),
            )
        else:
            engine = create_engine(
                url, connect_args={"timeout": timeout}, json_serializer=strictjson.dumps
            )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # JSON columns (audit old/new, layers, visit facts) are written strictly: no NaN.
    return create_engine(url, pool_pre_ping=True, json_serializer=strictjson.dumps)


@dataclass
class Database:
    """An open, migrated database and a session factory for it."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    read_sessions: sessionmaker[Session]
    read_only: bool = False
    """Opened read-only on purpose (a second window on a database another one edits):
    :meth:`session` refuses with a message before anything is tried."""
    protected: str | None = None
    """The SQLite file :mod:`inspector.files` refuses to read or replace while open."""

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def display_name(self) -> str:
        if self.is_sqlite:
            return str(self.url.database)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits at the end, rolls back on any error, always closes."""
        if self.read_only:
            raise DatabaseUnusableError(T.OPENED_READ_ONLY, where=self.display_name)
        s = self.sessions()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A read-only unit of work; never blocks on (or blocks) a writer on SQLite."""
        s = self.read_sessions()
        try:
            yield s
        finally:
            # close() ends the transaction and detaches objects with what they loaded;
            # rollback() would expire them, and reading one after the block would fail.
            s.close()

    def dispose(self) -> None:
        self.engine.dispose()
        protected, self.protected = self.protected, None
        if protected is not None:
            files.release_database(protected)


def open_database(
    url_or_path: str | os.PathLike[str] | None = None,
    *,
    migrate: bool = True,
    read_only: bool = False,
) -> Database:
    """Open (creating or upgrading as needed) the database named by ``--db`` or defaults.

    ``read_only``: nothing can be written (a SQLite file is opened ``mode=ro`` and
    :meth:`Database.session` refuses); the database must exist and be up to date.
    """
    url = resolve_url(url_or_path)
    where = url.render_as_string(hide_password=True)
    sqlite_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    if read_only and sqlite_file and not Path(str(url.database)).is_file():
        raise UserError(T.READ_ONLY_MISSING, where=str(url.database))
    try:
        engine = make_engine(url, read_only=read_only)
    except (NoSuchModuleError, ImportError) as e:
        raise UserError(
            T.UNSUPPORTED, option=CliOnly("--db "), where=where, detail=str(e)
        ) from None
    shown = str(url.database) if url.get_backend_name() == "sqlite" else where
    reader = engine.execution_options(sqlite_begin="DEFERRED")
    try:
        with reader.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        if migrate:
            from inspector.db.migrate import current_revision, head_revision, upgrade_to_head

            current = current_revision(engine)
            if current is None and table_names(reader):
                raise UserError(T.FOREIGN_TABLES, where=shown)
            if read_only:
                if current != head_revision():
                    raise UserError(T.READ_ONLY_NOT_CURRENT, where=shown)
            else:
                upgrade_to_head(engine)
    except DBAPIError as e:
        engine.dispose()
        described = describe(e, shown)
        if described is not None:
            raise described from None
        raise UserError(T.CANNOT_OPEN, where=where, detail=str(e.orig)) from None
    except BaseException:
        engine.dispose()
        raise
    protected = str(Path(str(url.database)).resolve()) if sqlite_file else None
    if protected is not None:
        files.protect_database(protected)
    return Database(
        url=url,
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        read_sessions=sessionmaker(reader, expire_on_commit=False),
        read_only=read_only,
        protected=protected,
    )


def table_names(engine: Engine) -> list[str]:
    return inspect(engine).get_table_names()
