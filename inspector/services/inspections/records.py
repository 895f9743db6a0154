"""The JSON records of an inspection: its score and ``show --json`` (public contracts)."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from inspector.db.models import (
    Inspection,
)
from inspector.domain import numbers, timefmt
from inspector.domain.scoring import Score
from inspector.domain.states import InspectionStatus
from inspector.services import branches
from inspector.services.findings.record import active_findings, finding_dict
from inspector.services.inspections.listing import summary_dict, summary_of
from inspector.services.inspections.scoring import answers_of, compute_score
from inspector.services.inspections.signoff import missing_for_finalize
from inspector.services.inspections.snapshots import checklist_of

log = logging.getLogger(__name__)


def score_dict(result: Score) -> dict[str, Any]:
    return {
        "total": numbers.record(result.total),
        "base": numbers.record(result.base),
        "penalties": numbers.record(result.penalties),
        "grade": result.grade,
        "passed": result.passed,
        "veto_failed": list(result.veto_failed),
        "gates_failed": list(result.gates_failed),
        # 扣分: each point lost, summing to 100 − total (to the cent).
        "deductions": [
            {
                "item": d.item_id,
                "section": d.section_id,
                "points": d.points,
                "reason": d.reason.value,
            }
            for d in result.deductions
        ],
        "sections": {
            sid: {
                "score": numbers.stored(s.earned),
                "max": numbers.stored(s.possible),
                "percent": numbers.record_or_none(s.percent),
                "weight": numbers.stored(s.weight),
                "area": s.area,
                "gated": s.gated,
            }
            for sid, s in result.sections.items()
        },
    }


def show_dict(session: Session, insp: Inspection) -> dict[str, Any]:
    """Everything ``show --json`` prints: a public contract for HQ scripts."""
    checklist = checklist_of(insp)
    result = compute_score(insp)
    answers = answers_of(insp)
    ans_out: dict[str, Any] = {}
    for item in checklist.items():
        a = answers.get(item.id)
        s = result.items[item.id]
        if a is None:
            continue
        ans_out[item.id] = {
            "result": a.result.value if a.result else None,
            "value": a.value,
            "note": a.note,
            "outcome": s.outcome.value,
            "points": numbers.stored(s.points),
            "max_points": numbers.stored(s.max_points),
        }
    photos = [
        {
            "id": p.id,
            "item": p.item_id,
            "sha256": p.sha256,
            "width": p.width,
            "height": p.height,
            "taken_at": timefmt.iso(p.taken_at),
            "format": p.format,
            "redacted": bool((p.layers or {}).get("redactions")),
        }
        for p in insp.photos
    ]
    return {
        **summary_dict(summary_of(insp)),
        "supersedes": insp.supersedes_revision,
        "amendment_reason": insp.amendment_reason,
        "branch": branches.as_dict(insp.branch),
        "checklist": {
            "id": insp.snapshot.checklist_id,
            "version": insp.snapshot.version,
            "sha256": insp.snapshot.sha256,
            "title": {"zh": insp.snapshot.title_zh, "en": insp.snapshot.title_en},
        },
        "finalized_by": insp.finalized_by,
        "manager_name": insp.manager_name,
        "visit": dict(insp.visit or {}),
        "narrative": insp.narrative,
        "recheck_of": insp.recheck_of,
        "copied_from": insp.copied_from,
        "to_reverify": sorted(insp.copied_answers or {}),
        "origin": insp.origin,
        "answers": ans_out,
        "score": score_dict(result),
        # Each finding with the answer behind it: the inspector's judgement and the value
        # (when they disagree, the judgement is what counted).
        "findings": [
            {
                **finding_dict(f),
                "closed_at": timefmt.iso(f.closed_at),
                "judgement": (
                    answers[f.item_id].result.value  # type: ignore[union-attr]
                    if f.item_id in answers and answers[f.item_id].result
                    else None
                ),
                "value": answers[f.item_id].value if f.item_id in answers else None,
            }
            for f in active_findings(insp)
        ],
        "photos": photos,
        "missing": [
            {"kind": m.kind, "item": m.item_id, "message": m.message()}
            for m in (missing_for_finalize(insp) if insp.status == InspectionStatus.DRAFT else [])
        ],
    }
