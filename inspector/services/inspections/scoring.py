"""An inspection's score, computed from its stored answers, checklist snapshot and visit."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from inspector.db.models import (
    Inspection,
)
from inspector.domain.answers import Answer
from inspector.domain.checklist import (
    Checklist,
    Mode,
    Result,
)
from inspector.domain.scoring import Score, score
from inspector.services.inspections.snapshots import checklist_of

log = logging.getLogger(__name__)


def scenario_from_visit(visit: Mapping[str, Any] | None) -> str | None:
    """The mystery-shopper scenario played, from the visit facts (None when not chosen)."""
    value = (visit or {}).get("scenario")
    return str(value) if value else None


def scenario_of(insp: Inspection) -> str | None:
    """The mystery-shopper scenario the inspection played (None when not chosen)."""
    return scenario_from_visit(insp.visit)


def score_for(
    checklist: Checklist,
    mode: Mode,
    answers: Mapping[str, Answer],
    visit: Mapping[str, Any] | None,
) -> Score:
    """The one way a score is computed from stored data: answers, checklist and visit facts.

    Every writer of a stored score (the app, the importer, the demo generator) and every
    reader that checks one (``hq integrity``, the PDF) goes through here, so the scenario
    that ``show_if`` conditions depend on can never be forgotten by one of them.
    """
    return score(checklist, mode, answers, scenario_from_visit(visit))


def compute_score(insp: Inspection) -> Score:
    return score_for(checklist_of(insp), insp.mode, answers_of(insp), insp.visit)


def answers_of(insp: Inspection) -> dict[str, Answer]:
    out: dict[str, Answer] = {}
    for row in insp.answers:
        out[row.item_id] = Answer(
            result=Result(row.result) if row.result else None, value=row.value, note=row.note
        )
    return out
