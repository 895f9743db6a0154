"""The HQ dashboard's read model: the views for one filter plus the filter's choices."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from inspector.db import Database
from inspector.services import hq

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HqResult:
    data: hq.HqData
    regions: list[str]
    checklists: list[str]


def load_dashboard(
    db: Database,
    flt: hq.HqFilter,
    *,
    on_first: Callable[[HqResult], None] | None = None,
) -> HqResult:
    """Every view for ``flt`` in one read-only session (one snapshot of the data).

    The first views (counts, league, heatmap; ``data.complete`` False) go to ``on_first``
    while the rest is computed; an exception ``on_first`` raises (a newer filter was
    chosen) ends the load there.
    """
    with db.read_session() as s:
        first = hq.load_first(s, flt)
        regions, checklists = hq.regions(s), hq.checklist_ids(s)
        if on_first is not None:
            on_first(HqResult(first, regions, checklists))
        return HqResult(hq.load_rest(s, first), regions, checklists)
