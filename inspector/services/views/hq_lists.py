"""What ``inspector hq`` prints: the HQ views by database handle and filter, plain rows out.

Each function opens one read session and returns the frozen rows of ``services/hq/``
(their ``as_dict`` is the ``--json`` contract); the dashboard reads the same views through
:mod:`inspector.services.views.hq`.
"""

from __future__ import annotations

import contextlib
import unicodedata
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from inspector import clock
from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.domain.states import FindingState
from inspector.errors import ValidationError
from inspector.files import check_output_target
from inspector.reports.hq_report import write_hq_report
from inspector.services import settings as settings_svc
from inspector.services.hq import answer_sheets as hq_answer_sheets
from inspector.services.hq import assess as assess_svc
from inspector.services.hq import assess_rule, assess_tables, compare, likewise
from inspector.services.hq import coverage as coverage_svc
from inspector.services.hq import export_process as hq_export_process
from inspector.services.hq import export_rows as hq_export_rows
from inspector.services.hq import files as hq_files
from inspector.services.hq import integrity as hq_integrity
from inspector.services.hq import load as hq_load
from inspector.services.hq import mystery as hq_mystery
from inspector.services.hq import rectification as hq_rectification
from inspector.services.hq import rectify as rect_svc
from inspector.services.hq import rights as hq_rights
from inspector.services.hq import score_check as hq_score_check
from inspector.services.hq.assess_rule import load_rule
from inspector.services.hq.rows import (
    FindingRow,
    HqData,
    HqFilter,
    IntegrityFindings,
)
from inspector.services.hq.tables import report_content
from inspector.services.verify import stored_integrity
from inspector.text import hq_errors as T

FILING_MAX = 50
"""Characters of 文号 or 密级 that fit the HQ report's page header."""

Earlier = dict[tuple[str, str | None], compare.Earlier]


@dataclass(frozen=True, slots=True)
class SummaryViews:
    """``hq summary`` and ``hq league``: the first views, the regions like with like, and
    with ``--compare-to`` the earlier period's figures (empty / None without it)."""

    data: HqData
    regions: list[Any]
    earlier: Earlier
    before: dict[str, Any] | None


def _earlier(s: Any, data: HqData, compare_to: str | None) -> Earlier:
    """The league rows' figures in ``compare_to`` (empty without it)."""
    if not compare_to or data.league_mode is None:  # no league, nothing to compare
        return {}
    return compare.league_rows(
        s, data.filter, compare_to, data.league, data.league_checklist, data.league_mode
    )


def first_views(db: Database, flt: HqFilter, compare_to: str | None = None) -> SummaryViews:
    """The summary and league (``hq summary``, ``hq league``)."""
    with db.read_session() as s:
        data = hq_load.load_first(s, flt)
        return SummaryViews(
            data=data,
            regions=likewise.region_rows(s, flt),
            earlier=_earlier(s, data, compare_to),
            before=compare.summary(s, flt, compare_to, data.average) if compare_to else None,
        )


def all_views(
    db: Database,
    flt: HqFilter,
    *,
    extras: bool = False,
    for_export: bool = False,
    lang: str = "en",
    rule_file: Path | None = None,
    compare_to: str | None = None,
) -> HqData:
    """Every view for the PDF report (``extras``: rights and mystery too) or the files,
    with the branch assessment by the rule in ``rule_file`` (default: the shipped rule) and
    with ``compare_to`` the earlier period's league and assessment figures."""
    with db.read_session() as s:
        rule = load_rule(rule_file)
        data = hq_load.load(s, flt, extras=extras, for_export=for_export, lang=lang)
        data = assess_tables.attach(s, data, rule)
        if not compare_to:
            return data
        return replace(
            data,
            compare_period=compare_to,
            compare_league=_earlier(s, data, compare_to),
            compare_assess=compare.assessment(s, rule, compare_to, data.assessment, data.filter.tz)
            if data.assessment is not None
            else {},
        )


def write_export(
    db: Database,
    flt: HqFilter,
    output: Path,
    fmt: str,
    lang: str,
    *,
    rule_file: Path | None,
) -> list[Path]:
    """``hq export``: every view as an Excel workbook (``fmt`` xlsx) or a CSV file each
    (csv, ``output`` a folder); returns the files written.

    The views are loaded as for the report; every finding and every answer is then read
    while the file is written (one read session), so memory stays flat at a bank's size.
    A target that may not be written (the database itself, a missing folder) is refused
    before anything is read.
    """
    if fmt == "xlsx":
        check_output_target(output)
    with db.read_session() as s, contextlib.ExitStack() as stack:
        # Excel: the findings sheet by a second process reading the same snapshot.
        elsewhere = (
            stack.enter_context(
                hq_export_process.findings_elsewhere(db, s, flt, lang, output, clock.local_today())
            )
            if fmt == "xlsx"
            else None
        )
        data = hq_load.load(s, flt, extras=True, lang=lang)
        data = assess_tables.attach(s, data, load_rule(rule_file))
        source = hq_files.ExportSource(
            findings=lambda: hq_export_rows.finding_rows(s, data.filter, lang),
            answer_sheets=lambda: hq_answer_sheets.iter_answer_sheets(s, data.filter, lang),
            findings_elsewhere=elsewhere,
        )
        if fmt == "csv":
            return hq_files.write_csv(data, output, lang, source)
        hq_files.write_excel(data, output, lang, source)
        return [output]


def write_report(
    db: Database,
    flt: HqFilter,
    output: Path,
    lang: str,
    *,
    rule_file: Path | None,
    compare_to: str | None,
    number: str,
    classification: str,
) -> None:
    """The HQ report (PDF) with the organisation's name and logo, 文号 and 密级; a target
    that may not be written is refused before the report is drawn."""
    number, classification = number.strip(), classification.strip()
    for field, value in ((T.FILING_NUMBER, number), (T.FILING_CLASSIFICATION, classification)):
        if len(value) > FILING_MAX:
            raise ValidationError(T.FILING_TOO_LONG, field=field, n=len(value), limit=FILING_MAX)
        if any(unicodedata.category(ch).startswith("C") for ch in value):
            raise ValidationError(T.FILING_CONTROL, field=field)
    check_output_target(output)
    data = all_views(db, flt, extras=True, rule_file=rule_file, compare_to=compare_to)
    with db.read_session() as s:
        org_name = settings_svc.get_text(s, "org.name")
        org_logo = settings_svc.get_image(s, "org.logo")
    content = replace(
        report_content(data, lang),
        number=number,
        classification=classification,
        org_name=org_name,
        org_logo=org_logo,
    )
    write_hq_report(content, output)


def findings(
    db: Database, flt: HqFilter, *, status: FindingState | None, repeats: bool = False
) -> list[FindingRow]:
    with db.read_session() as s:
        return hq_rectification.findings(s, flt, status=status, repeats=repeats)


def rights_by_branch(
    db: Database, *, checklist_id: str, mode: Mode | None, region: str | None
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


def rectification_figures(db: Database, flt: HqFilter) -> Any:
    """``hq rectification``: the figures per branch and region."""
    with db.read_session() as s:
        return rect_svc.figures(s, flt)


def assessment(
    db: Database,
    rule: assess_rule.LoadedRule,
    *,
    date_from: Any,
    date_to: Any,
    region: str | None,
    tz: str | None,
    compare_to: str | None,
) -> tuple[Any, dict[str, compare.Earlier]]:
    """``hq assess``: the assessment and, with ``compare_to``, each branch's earlier figures."""
    with db.read_session() as s:
        result = assess_svc.assess(
            s, rule, date_from=date_from, date_to=date_to, region=region, tz=tz
        )
        earlier = compare.assessment(s, rule, compare_to, result, tz) if compare_to else {}
    return result, earlier


def coverage(db: Database, flt: HqFilter) -> Any:
    """``hq coverage``: who has not reported."""
    with db.read_session() as s:
        return coverage_svc.coverage(s, flt)
