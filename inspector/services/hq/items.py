"""The views by checklist item: the area heatmap, the failing items and the red-line failures."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    func,
    select,
)
from sqlalchemy.orm import Session, aliased

from inspector.db.models import (
    Branch,
    ChecklistSnapshot,
    Finding,
    Inspection,
    SectionScoreRow,
)
from inspector.domain.states import InspectionStatus
from inspector.services.hq.rows import (
    TOP_ITEMS,
    VETO_ROWS,
    FailingItem,
    Heatmap,
    HqFilter,
    VetoRow,
)
from inspector.services.hq.scope import (
    branch_history,
    branch_infos,
    conditions,
    finding_conditions,
    item_texts,
    shipped_titles,
    veto_items,
)

log = logging.getLogger(__name__)


def heatmap(
    session: Session,
    flt: HqFilter,
    order: Sequence[str] | None = None,
    history: list[Any] | None = None,
) -> Heatmap:
    """Per branch and area, the score of that area in the branch's most recent inspection
    that covered it (among its last few). Area-checklist visits each cover one area, a
    comprehensive inspection covers all; either way every cell is recent."""
    hist = history if history is not None else branch_history(session, flt)
    if not hist:
        return Heatmap([], [], {}, {}, {})
    newest: dict[int, int] = {r.id: i for i, r in enumerate(hist)}  # lower = newer in branch
    q = (
        select(
            SectionScoreRow.inspection_id, SectionScoreRow.area, func.avg(SectionScoreRow.percent)
        )
        .where(
            SectionScoreRow.inspection_id.in_(list(newest)), SectionScoreRow.percent.is_not(None)
        )
        .group_by(SectionScoreRow.inspection_id, SectionScoreRow.area)
    )
    branch_of = {r.id: r.branch_id for r in hist}
    best: dict[tuple[int, str], tuple[int, float]] = {}
    for iid, area, pct in session.execute(q):
        key = (branch_of[iid], area)
        if key not in best or newest[iid] < best[key][0]:
            best[key] = (newest[iid], float(pct))
    codes = {b.id: b for b in branch_infos(session, flt).values()}
    values = {(codes[bid].code, area): v for (bid, area), (_, v) in best.items()}
    names = {codes[bid].code: codes[bid].name for bid, _ in best}
    areas = sorted({area for _, area in best})
    # An area is named by its checklist's title: from a stored snapshot of that checklist,
    # else from the shipped checklists (an HQ that only received comprehensive inspections
    # has no snapshot of the area checklists themselves).
    titles: dict[str, tuple[str, str]] = {a: t for a, t in shipped_titles().items() if a in areas}
    for cid, zh, en in session.execute(
        select(
            ChecklistSnapshot.checklist_id, ChecklistSnapshot.title_zh, ChecklistSnapshot.title_en
        )
        .where(ChecklistSnapshot.checklist_id.in_(areas))
        .order_by(ChecklistSnapshot.id)
    ):
        titles[cid] = (zh, en)
    ordered = [c for c in (order or sorted(names)) if c in names]
    return Heatmap(areas, ordered, names, values, titles)


def failing_items(
    session: Session, flt: HqFilter, total: int, limit: int = TOP_ITEMS
) -> list[FailingItem]:
    """The items failed most often (active findings of the selected inspections).

    Counted per item and branch from the findings' own copies of their inspection's
    columns: one scan of a covering index in that order, no join and no sort.
    """
    failures: dict[str, int] = defaultdict(int)
    spread: dict[str, int] = defaultdict(int)
    for item_id, _branch, n in session.execute(
        select(Finding.item_id, Finding.insp_branch_id, func.count())
        .where(*finding_conditions(flt))
        .group_by(Finding.item_id, Finding.insp_branch_id)
    ):
        failures[item_id] += int(n)
        spread[item_id] += 1
    top = sorted(failures, key=lambda i: (-failures[i], i))[:limit]
    if not top:
        return []
    texts = item_texts(session, _selected_snapshots(session, flt))
    return [
        FailingItem(
            item_id=i,
            text_zh=texts.get(i, (i, i))[0],
            text_en=texts.get(i, (i, i))[1],
            failures=failures[i],
            branches=spread[i],
            share=100.0 * failures[i] / total if total else 0.0,
        )
        for i in top
    ]


def _selected_snapshots(session: Session, flt: HqFilter) -> list[int]:
    """The checklist snapshots the selected inspections use, in id order.

    On PostgreSQL each of the few snapshots is asked whether one selected inspection uses
    it (an index probe that stops at the first): ``DISTINCT`` over every selected
    inspection read all 100,000 of them there (30 ms). SQLite, which finds no index to probe
    by snapshot and would scan for the ones none uses, keeps the ``DISTINCT``."""
    if session.get_bind().dialect.name != "postgresql":
        q = select(Inspection.snapshot_id).where(*conditions(flt)).distinct()
        return sorted(int(i) for i in session.scalars(q))
    snap = aliased(ChecklistSnapshot)
    used = select(Inspection.id).where(Inspection.snapshot_id == snap.id, *conditions(flt))
    return list(session.scalars(select(snap.id).where(used.exists()).order_by(snap.id)))


def veto_failures(session: Session, flt: HqFilter, limit: int = VETO_ROWS) -> list[VetoRow]:
    """Inspections with a failed veto item, newest first, with the items."""
    q = (
        select(
            Inspection.id,
            Inspection.uuid,
            Inspection.snapshot_id,
            Inspection.started_at,
            Inspection.score_total,
            Inspection.grade,
            Inspection.status,
            Branch.code,
            Branch.name,
            Branch.region,
        )
        .join(Branch, Branch.id == Inspection.branch_id)
        .where(Inspection.veto_failed > 0, *conditions(flt))
        .order_by(Inspection.started_at.desc(), Inspection.id.desc())
        .limit(limit)
    )
    rows = session.execute(q).all()
    if not rows:
        return []
    veto_ids = veto_items(session, (r.snapshot_id for r in rows))
    texts = item_texts(session, (r.snapshot_id for r in rows))
    items: dict[int, list[str]] = defaultdict(list)
    for iid, item in session.execute(
        select(Finding.inspection_id, Finding.item_id)
        .where(Finding.inspection_id.in_([r.id for r in rows]), Finding.active.is_(True))
        .order_by(Finding.item_id)
    ):
        if item in veto_ids:
            items[iid].append(item)
    return [
        VetoRow(
            r.uuid,
            r.code,
            r.name,
            r.region,
            r.started_at,
            r.score_total,
            r.grade,
            tuple(items.get(r.id, ())),
            tuple(texts.get(i, (i, i)) for i in items.get(r.id, ())),
            draft=r.status != InspectionStatus.FINALIZED,
        )
        for r in rows
    ]
