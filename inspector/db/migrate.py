"""Alembic migrations, run in code when a database is opened.

An older SQLite database is copied with ``VACUUM INTO`` before it is upgraded, so an
upgrade can never lose data. Migrations run in one transaction that first takes the
database's write lock (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL):
several processes opening a new database at once end with one schema, not an error.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from inspector import clock, paths

log = logging.getLogger(__name__)

MIGRATIONS_DIR = paths.migrations_dir()


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        # ConfigParser treats "%" as interpolation: escape the URL's %-encoding (a socket
        # host such as ?host=%2Ftmp%2Fpg would otherwise raise).
        url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    # A read: it must not wait for (or take) the write lock, so that read-only commands
    # work while another process writes and on a read-only file.
    with engine.execution_options(sqlite_begin="DEFERRED").connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return
    if current is not None and engine.url.get_backend_name() == "sqlite":
        _backup_sqlite(engine, current)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("database %s upgraded from %s to %s", engine.url, current, head)


def _backup_sqlite(engine: Engine, current: str) -> None:
    db = engine.url.database
    if not db or db == ":memory:":
        return
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    target = Path(db).with_name(f"{Path(db).name}.before-{current}-{stamp}.bak")
    raw = engine.raw_connection()
    try:
        raw.execute("VACUUM INTO ?", (str(target),))
    finally:
        raw.close()
    log.info("backed up %s to %s before upgrading", db, target)
