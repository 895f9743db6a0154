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

from sqlalchemy import Connection, func, select, table, text

log = logging.getLogger(__name__)

# Rows SQLite samples per index: enough for the planner to tell a selective index from a
# broad one, in a few milliseconds per index.
ANALYSIS_LIMIT = 1000

_TABLES = frozenset({"inspections", "findings", "section_scores", "answers", "hq_repeats"})


def refresh_if_needed(conn: Connection) -> list[str]:
    """After a batch of writes (an HQ import), on SQLite: analyse, by sampling, each of
    the app's tables whose statistics are missing or describe less than half or more than
    twice the rows it holds now (so a database growing from nothing is analysed a handful
    of times, not on every import). Returns the tables analysed. PostgreSQL's autovacuum
    does this on its own."""
    if conn.dialect.name != "sqlite":
        return []
    known: dict[str, int] = {}
    if conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
    ).first():
        for tbl, stat in conn.execute(text("SELECT tbl, stat FROM sqlite_stat1")):
            head = str(stat or "").split(" ", 1)[0]
            if head.isdigit():
                known[tbl] = max(known.get(tbl, 0), int(head))
    stale = []
    for name in sorted(_TABLES):
        rows = int(conn.execute(select(func.count()).select_from(table(name))).scalar() or 0)
        before = known.get(name)
        if rows and (before is None or rows > 2 * before or 2 * rows < before):
            stale.append(name)
    if stale:
        refresh_statistics(conn, stale)
    return stale


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
