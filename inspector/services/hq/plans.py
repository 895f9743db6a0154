"""Query shapes that keep each planner on its fast plan (same rows, same values).

Grouping and ordering keys that SQLite's planner does not chase down an index for:

Grouping the inspections of a period by branch, SQLite prefers the (branch_id, is_current,
started_at) index because it hands the rows over already grouped, and pays for it with a
skip-scan and a table look-up per row (about 160 ms for 12 months at 100,000 inspections).
Reading the covering (is_current, started_at, ...) index and grouping the result keys in a
temporary B-tree takes a quarter of that. Without a period the grouped covering index
(is_current, branch_id, ...) is the better plan, so :func:`period_key` takes the key out of
index selection only when the filter bounds the period. ``unindexed(col)`` is ``+col`` on
SQLite (the documented way to take a term out of index selection) and plain ``col``
elsewhere: PostgreSQL's planner costs both plans and needs no hint.

Rows read from the table (a column no covering index holds, such as ``trusted`` for the
mystery league): :func:`by_id` has SQLite pick them by id on a covering index first, where
it would otherwise read every inspection of a period through the started_at index to find
the few it keeps (3 to 4 times slower); PostgreSQL's bitmap scan does better with the terms
as they are, so it gets them. Where a covering index holds every column a view reads,
:class:`PeriodOnEntries` keeps the period out of SQLite's index choice instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from inspector.db.models import Inspection
from inspector.services.hq.rows import HqFilter


class unindexed(FunctionElement[Any]):
    """``col`` as a grouping key; ``+col`` on SQLite (see the module's doc)."""

    inherit_cache = True
    name = "unindexed"

    def __init__(self, col: Any) -> None:
        super().__init__(col)
        self.type = col.type


@compiles(unindexed)
def _plain(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _sqlite(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.clauses, **kw)


def period_key(col: Any, flt: HqFilter, label: str | None = None) -> ColumnElement[Any]:
    """``col`` as a GROUP BY key for ``flt``'s selection: :class:`unindexed` when the
    filter bounds the period, the plain column otherwise; labelled ``label`` (or its name)."""
    key = unindexed(col) if (flt.date_from or flt.date_to) else col
    return key.label(label or col.key)


def by_id(session: Session, conds: Sequence[ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    """WHERE terms for the inspections ``conds`` select, in the shape the dialect runs best:
    ``id IN (SELECT id ... WHERE conds)`` on SQLite, ``conds`` themselves elsewhere."""
    if session.get_bind().dialect.name == "sqlite":
        return [Inspection.id.in_(select(Inspection.id).where(*conds))]
    return list(conds)


class PeriodOnEntries:
    """The inspections' columns for :func:`.scope.conditions` with the period's bounds
    taken out of SQLite's index choice (:class:`unindexed`): given a period, SQLite reads
    the inspections of the period from a started_at index and their table rows, where a
    covering index that leads with the other terms (``ix_inspections_scenario``,
    ``ix_inspections_hq``) gives the same rows with the period checked on its entries,
    3 to 10 times faster. Plain columns elsewhere."""

    is_current = Inspection.is_current
    started_at = unindexed(Inspection.started_at)
    mode = Inspection.mode
    status = Inspection.status
    snapshot_id = Inspection.snapshot_id
    branch_id = Inspection.branch_id
