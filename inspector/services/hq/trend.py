"""The monthly trend of scores."""

from __future__ import annotations

import logging
from collections import defaultdict

from sqlalchemy import (
    func,
)
from sqlalchemy.orm import Session

from inspector.db.models import (
    Inspection,
)
from inspector.services.hq.rows import (
    HqFilter,
    TrendPoint,
)
from inspector.services.hq.scope import branch_infos, by_month, conditions

log = logging.getLogger(__name__)


def trend(session: Session, flt: HqFilter) -> list[TrendPoint]:
    """Average score per month, per region and over all regions.

    Grouped by (month, branch) in the database, which reads only the covering index, and
    folded into regions here (a few thousand groups at most).
    """
    rows = by_month(
        session,
        flt,
        [Inspection.branch_id],
        [func.sum(Inspection.score_total), func.count()],
        [Inspection.score_total.is_not(None), *conditions(flt)],
    )
    region_of = {b.id: b.region for b in branch_infos(session, flt).values()}
    acc: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for m, bid, total, n in rows:
        for region in (region_of.get(bid, ""), None):
            a = acc[(str(m), region if region is not None else "\0all")]
            a[0] += float(total or 0.0)
            a[1] += int(n)
    out = [
        TrendPoint(m, "" if r == "\0all" else r, s / n, int(n))
        for (m, r), (s, n) in acc.items()
        if n
    ]
    out.sort(key=lambda p: (p.region, p.period))
    return out
