"""Storage: SQLAlchemy models, opening databases, migrations."""

from inspector.db.engine import Database, open_database, resolve_url

__all__ = ["Database", "open_database", "resolve_url"]
