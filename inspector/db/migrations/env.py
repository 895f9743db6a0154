"""Alembic environment: runs on the connection given by :mod:`inspector.db.migrate`.

For development (``alembic -c inspector/db/alembic.ini revision --autogenerate``) it
connects to the URL in the config instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from inspector.db.models import Base

config = context.config
ADVISORY_LOCK_KEY = 0x1B5EC7  # any constant shared by every process of this program


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite needs table rebuilds for most ALTERs
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_KEY})")
        context.run_migrations()


given = config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    from inspector import strictjson
    from inspector.db.engine import make_engine, resolve_url

    url = config.get_main_option("sqlalchemy.url")
    engine = (
        make_engine(resolve_url(url))
        if url
        else create_engine("sqlite://", json_serializer=strictjson.dumps)
    )
    with engine.begin() as conn:
        _run(conn)
