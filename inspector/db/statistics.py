"""The query planner's statistics, refreshed where the data changes shape.

SQLite plans from ``sqlite_stat1``: without rows there for an index (a new index, or a
database never analysed), it guesses, and at 100,000 inspections a wrong guess costs
seconds (a finding view read through an index that does not cover it). The app refreshes
the statistics after the migrations that add indexes and after each HQ import, with a
sampled ``ANALYZE`` (``PRAGMA analysis_limit``): milliseconds even on a large database.
PostgreSQL's autovacuum keeps them fresh on its own; an explicit ``ANALYZE`` only speeds
that up.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import Connection, text

log = logging.getLogger(__name__)

# Rows SQLite samples per index: enough for the planner to tell a selective index from a
# broad one, in a few milliseconds per index.
ANALYSIS_LIMIT = 1000

_TABLES = frozenset({"inspections", "findings", "section_scores", "answers", "hq_repeats"})


def refresh_statistics(conn: Connection, tables: Iterable[str] = _TABLES) -> None:
    """Analyse ``tables`` (names from this module's list only) on ``conn``'s database."""
    names = sorted(set(tables))
    unknown = [n for n in names if n not in _TABLES]
    if unknown:
        raise ValueError(f"not a table whose statistics the app keeps: {unknown}")
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}"))
    for name in names:
        conn.execute(text(f"ANALYZE {name}"))
    log.debug("planner statistics refreshed for %s", ", ".join(names))
