"""HQ's changes: closing findings (by hand or by a re-check) and repairing stored scores.

Each is one committed unit of work by database handle and references.
"""

from __future__ import annotations

from datetime import timedelta

from inspector.db import Database
from inspector.services.findings.closing import close_finding, close_findings_by_recheck
from inspector.services.hq import integrity as hq_integrity
from inspector.services.hq import score_check as hq_score_check
from inspector.services.hq.rows import HqFilter, IntegrityFindings
from inspector.services.inspections import lookup
from inspector.services.verify import stored_integrity


def close_by_hand(db: Database, ref: str, item_id: str, *, note: str, actor: str) -> str:
    """Close one finding with a note on how it was rectified; the inspection's UUID."""
    with db.session() as s:
        return close_finding(s, ref, item_id, note=note, actor=actor).inspection.uuid


def close_by_recheck(db: Database, recheck_ref: str, *, actor: str) -> list[str]:
    """Close the findings the re-check shows as passing now; their item ids."""
    with db.session() as s:
        closed = close_findings_by_recheck(s, lookup.get(s, recheck_ref), actor=actor)
        return [f.item_id for f in closed]


def repair_scores(
    db: Database, flt: HqFilter, *, tolerance: timedelta, actor: str
) -> IntegrityFindings:
    """Re-store the scores that differ from a re-score, then the integrity flags and the
    stored evidence that fails its hash (one unit of work; ``hq integrity --repair-scores``)."""
    with db.session() as s:
        mismatches = hq_score_check.repair_scores(s, flt, actor=actor)
        flags = hq_integrity.integrity(s, flt, tolerance=tolerance)
        return mismatches, flags, stored_integrity(s, flt)
