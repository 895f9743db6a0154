"""The home screen's read model: the newest inspections and the branch filter, one session."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from inspector.db import Database
from inspector.services.inspections import listing
from inspector.services.views.branches import BranchChoice, choices_in
from inspector.services.views.inspection_list import HOME_LIMIT, InspectionRow, rows_in

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HomeView:
    rows: list[InspectionRow]
    total: int  # current inspections of the filter (more than ``rows`` past the limit)
    branches: list[BranchChoice]


def home_view(db: Database, branch_code: str | None = None, limit: int = HOME_LIMIT) -> HomeView:
    """The newest ``limit`` current inspections (of one branch), how many there are, and
    every branch for the filter."""
    with db.read_session() as s:
        found = rows_in(s, listing.ListFilter(branch_code=branch_code or None), limit=limit)
        return HomeView(found.rows, found.total, choices_in(s))
