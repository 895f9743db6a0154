"""Storage: SQLAlchemy models, opening databases, migrations."""

# The HQ → laptop tables (issue 22) and the rectification loop's live in their own modules:
# imported with the package, so the one metadata holds them whoever imports the models.
from inspector.db import (
    publish_models,  # noqa: F401  (registers its tables)
    rect_models,  # noqa: F401  (registers its tables)
)
from inspector.db.engine import Database, open_database, resolve_url

__all__ = ["Database", "open_database", "resolve_url"]
