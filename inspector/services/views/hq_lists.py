"""What ``inspector hq`` prints: the HQ views by database handle and filter, plain rows out.

Each function opens one read session and returns the frozen rows of ``services/hq/``
(their ``as_dict`` is the ``--json`` contract); the dashboard reads the same views through
:mod:`inspector.services.views.hq`.
"""

from __future__ import annotations

from datetime import timedelta

from inspector.db import Database
from inspector.services.hq import integrity as hq_integrity
from inspector.services.hq import load as hq_load
from inspector.services.hq import mystery as hq_mystery
from inspector.services.hq import rectification as hq_rectification
from inspector.services.hq import rights as hq_rights
from inspector.services.hq import score_check as hq_score_check
from inspector.services.hq.rows import (
    FindingRow,
    HqData,
    HqFilter,
    IntegrityFindings,
)
from inspector.services.verify import stored_integrity


def first_views(db: Database, flt: HqFilter) -> HqData:
    """The summary and league (``hq summary``, ``hq league``)."""
    with db.read_session() as s:
        return hq_load.load_first(s, flt)


def all_views(
    db: Database, flt: HqFilter, *, extras: bool = False, for_export: bool = False, lang: str = "en"
) -> HqData:
    """Every view for the PDF report (``extras``: rights and mystery too) or the files."""
    with db.read_session() as s:
        return hq_load.load(s, flt, extras=extras, for_export=for_export, lang=lang)


def findings(db: Database, flt: HqFilter, *, status: str | None) -> list[FindingRow]:
    with db.read_session() as s:
        return hq_rectification.findings(s, flt, status=status)


def rights_by_branch(
    db: Database, *, checklist_id: str, mode: str | None, region: str | None
) -> list[hq_rights.BranchRights]:
    with db.read_session() as s:
        return hq_rights.by_branch(s, checklist_id=checklist_id, mode=mode, region=region)


def mystery_visits(
    db: Database, *, wave: str | None, region: str | None, scenario: str | None
) -> list[hq_mystery.Visit]:
    with db.read_session() as s:
        return hq_mystery.visits(s, wave=wave, region=region, scenario=scenario)


def integrity_check(
    db: Database, flt: HqFilter, *, tolerance: timedelta, skip_scores: bool
) -> IntegrityFindings:
    """Stored scores against a re-score (unless skipped) and the flags to review, and
    the stored evidence that fails its hash; read only, so it runs while another process writes."""
    with db.read_session() as s:
        mismatches = [] if skip_scores else hq_score_check.score_check(s, flt)
        flags = hq_integrity.integrity(s, flt, tolerance=tolerance)
        return mismatches, flags, stored_integrity(s, flt)
