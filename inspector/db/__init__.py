"""Storage: SQLAlchemy models, opening databases, migrations."""

# The HQ → laptop tables (issue 22) live in their own module: imported with the package, so
# the one metadata holds them whoever imports the models.
from inspector.db import publish_models as publish_models
from inspector.db.engine import Database, open_database, resolve_url

__all__ = ["Database", "open_database", "resolve_url"]
