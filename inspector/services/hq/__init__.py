"""HQ views over every branch: league, heatmap, failing items, vetoes, trends, findings, files.

Split by job, and read through this package as one service
(``from inspector.services import hq``; ``hq.league(session, flt)``):

- :mod:`.rows`: the filter (:class:`HqFilter`) and the plain frozen result rows, with
  their ``--json`` dictionaries;
- :mod:`.queries`: the SQL aggregates behind each view, the integrity and score checks,
  and :func:`load`, which fills an :class:`HqData` for one filter;
- :mod:`.tables`: labels and the tables the PDF report, Excel and CSV share;
- :mod:`.files`: the Excel and CSV writers.

Closing findings is the finding lifecycle's job (:mod:`inspector.services.findings`);
the reference-taking entry points live in :mod:`inspector.services.inspections` and are
re-exported here because HQ is where findings get closed.
"""

from __future__ import annotations

import logging

from inspector.errors import NotFoundError, ValidationError
from inspector.services.findings.closing import close_finding, close_findings_by_recheck
from inspector.services.findings.record import STATUSES
from inspector.services.hq.files import (
    excel_bytes,
    export_cell,
    export_tables,
    write_csv,
    write_excel,
)
from inspector.services.hq.queries import (
    DEFAULT_LEAGUE,
    SCORE_CHECK_BATCH,
    answer_sheets,
    checklist_ids,
    checklist_title,
    conditions,
    counts,
    failing_items,
    findings,
    heatmap,
    integrity,
    league,
    league_scope,
    load,
    load_first,
    load_rest,
    rank_key,
    rectification,
    regions,
    regions_summary,
    repair_scores,
    scoped,
    score_check,
    trend,
    veto_failures,
    visit_window,
)
from inspector.services.hq.rights_mystery import (
    mystery_args,
    mystery_titles,
    rights_args,
    section_ids,
)
from inspector.services.hq.rows import (
    DEFAULT_TOLERANCE,
    FINDING_ROWS,
    HISTORY_POINTS,
    LOCAL_TZ,
    SCORE_TOLERANCE,
    TOP_ITEMS,
    VETO_ROWS,
    AnswerSheet,
    BranchInfo,
    FailingItem,
    FindingRow,
    Heatmap,
    HqData,
    HqFilter,
    IntegrityFlag,
    LeagueRow,
    RectificationRow,
    RegionRow,
    ScoreMismatch,
    TrendPoint,
    VetoRow,
    mode_label,
    status_label_insp,
)
from inspector.services.hq.tables import (
    ID_CHARS,
    answer_tables,
    label,
    regions_table,
    report_content,
    severity_label,
    short_id,
    status_label,
    summary_table,
    tables,
)

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_LEAGUE",
    "DEFAULT_TOLERANCE",
    "FINDING_ROWS",
    "HISTORY_POINTS",
    "ID_CHARS",
    "LOCAL_TZ",
    "SCORE_CHECK_BATCH",
    "SCORE_TOLERANCE",
    "STATUSES",
    "TOP_ITEMS",
    "VETO_ROWS",
    "AnswerSheet",
    "BranchInfo",
    "FailingItem",
    "FindingRow",
    "Heatmap",
    "HqData",
    "HqFilter",
    "IntegrityFlag",
    "LeagueRow",
    "NotFoundError",
    "RectificationRow",
    "RegionRow",
    "ScoreMismatch",
    "TrendPoint",
    "ValidationError",
    "VetoRow",
    "answer_sheets",
    "answer_tables",
    "checklist_ids",
    "checklist_title",
    "close_finding",
    "close_findings_by_recheck",
    "conditions",
    "counts",
    "excel_bytes",
    "export_cell",
    "export_tables",
    "failing_items",
    "findings",
    "heatmap",
    "integrity",
    "label",
    "league",
    "league_scope",
    "load",
    "load_first",
    "load_rest",
    "mode_label",
    "mystery_args",
    "mystery_titles",
    "rank_key",
    "rectification",
    "regions",
    "regions_summary",
    "regions_table",
    "repair_scores",
    "report_content",
    "rights_args",
    "scoped",
    "score_check",
    "section_ids",
    "severity_label",
    "short_id",
    "status_label",
    "status_label_insp",
    "summary_table",
    "tables",
    "trend",
    "veto_failures",
    "visit_window",
    "write_csv",
    "write_excel",
]
