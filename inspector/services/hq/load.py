"""Everything an HQ view shows at once (:class:`HqData`), for one filter."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from sqlalchemy import (
    func,
    select,
)
from sqlalchemy.orm import Session

from inspector.db.models import (
    Inspection,
    utcnow,
)
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus
from inspector.services.hq import mystery as hq_mystery
from inspector.services.hq import rights as hq_rights
from inspector.services.hq.answer_sheets import answer_sheets
from inspector.services.hq.integrity import integrity
from inspector.services.hq.items import failing_items, heatmap, veto_failures
from inspector.services.hq.league import counts, league, regions_summary, scoped
from inspector.services.hq.rectification import findings, rectification
from inspector.services.hq.rights_mystery import mystery_args, rights_args
from inspector.services.hq.rows import (
    FINDING_ROWS,
    HqData,
    HqFilter,
)
from inspector.services.hq.scope import branch_history, checklist_titles, conditions, grade_labels
from inspector.services.hq.trend import trend

log = logging.getLogger(__name__)


def load(
    session: Session,
    flt: HqFilter | None = None,
    *,
    with_integrity: bool = True,
    today: date | None = None,
    finding_limit: int | None = FINDING_ROWS,
    for_export: bool = False,
    extras: bool = False,
    lang: str = "en",
) -> HqData:
    """All views for ``flt`` (what the dashboard, report and export show).

    ``findings`` holds the unresolved (open and overdue) ones; closed findings are
    counted per branch in ``rectification`` ('hq findings --status closed' lists them).
    ``for_export`` also fills ``all_findings`` (closed ones too) and ``answer_sheets``;
    ``for_export`` or ``extras`` fills ``rights`` and ``mystery`` ('hq rights' and 'hq
    mystery' for the filter, all waves).
    """
    first = load_first(session, flt)
    data = load_rest(
        session, first, with_integrity=with_integrity, today=today, finding_limit=finding_limit
    )
    if for_export:
        data = replace(
            data,
            all_findings=findings(session, data.filter, today=today, limit=None),
            answer_sheets=answer_sheets(session, data.filter, lang),
        )
    if for_export or extras:
        data = replace(
            data,
            rights=hq_rights.by_branch(session, **rights_args(data.filter)),
            mystery=hq_mystery.visits(session, **mystery_args(data.filter)),
        )
    return data


def load_first(session: Session, flt: HqFilter | None = None) -> HqData:
    """The views a dashboard shows first (counts, league, heatmap), ``complete=False``.

    At 100,000 inspections these take a fraction of the whole; the dashboard shows them
    while :func:`load_rest` computes the others.
    """
    flt = flt or HqFilter()
    total, avg = counts(session, flt)
    drafts = 0
    if flt.drafts:
        drafts = int(
            session.scalar(
                select(func.count()).where(
                    *conditions(flt), Inspection.status != InspectionStatus.FINALIZED
                )
            )
            or 0
        )
    # The league compares one checklist in one mode; the heatmap (per-area view) takes each
    # area's latest score from whatever inspection covered it.
    league_flt = scoped(session, flt)
    lg = league(session, league_flt, history=branch_history(session, league_flt))
    order = list(dict.fromkeys(r.code for r in lg))  # a branch once (mystery: per scenario)
    hm = heatmap(session, flt, order=order, history=branch_history(session, flt))
    return HqData(
        filter=flt,
        generated_at=utcnow(),
        inspections=total,
        branches=len(order),
        average=avg,
        league=lg,
        heatmap=hm,
        failing=[],
        vetoes=[],
        trend=[],
        rectification=[],
        findings=[],
        integrity=[],
        grade_labels=grade_labels(session),
        complete=False,
        league_checklist=league_flt.checklist_id or "",
        league_mode=league_flt.mode,
        checklist_titles=checklist_titles(session),
        drafts=drafts,
    )


def load_rest(
    session: Session,
    first: HqData,
    *,
    with_integrity: bool = True,
    today: date | None = None,
    finding_limit: int | None = FINDING_ROWS,
) -> HqData:
    """``first`` completed with every other view."""
    flt = first.filter
    return replace(
        first,
        failing=failing_items(session, flt, first.inspections),
        vetoes=veto_failures(session, flt),
        veto_total=int(
            session.scalar(select(func.count()).where(Inspection.veto_failed > 0, *conditions(flt)))
            or 0
        ),
        # Like with like: the trend follows the league's one checklist and mode.
        trend=trend(
            session,
            replace(
                flt,
                checklist_id=first.league_checklist or flt.checklist_id,
                mode=Mode(first.league_mode) if first.league_mode else flt.mode,
            ),
        ),
        rectification=rectification(session, flt, today),
        findings=findings(session, flt, today=today, unresolved=True, limit=finding_limit),
        integrity=integrity(session, flt) if with_integrity else [],
        regions=regions_summary(session, flt, first.league),
        complete=True,
    )
