"""HQ views: league table, area heatmap, failing items, vetoes, trends, rectification, integrity.

Every query works on current revisions only (``is_current``) and aggregates in the
database (GROUP BY and window functions that SQLite >= 3.25 and PostgreSQL both run), so
the views stay fast at 100,000 inspections without loading them into memory. Results are
plain frozen dataclasses: the Qt dashboard, the CLI, the PDF report and the Excel export
all read the same :class:`HqData`.

Only finalized inspections count unless ``HqFilter.include_drafts`` is set; drafts are
then marked as drafts on every row and page. The league compares like with like (one
checklist, one mode) and never ranks a branch whose latest inspection failed a red line
above one that passed. Times are shown in the reader's zone (:mod:`inspector.domain.timefmt`).
"""

from __future__ import annotations

import csv
import io
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    func,
    literal,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from inspector.checklists import checklist_from_json, load_all
from inspector.db.models import Answer as AnswerRow
from inspector.db.models import (
    Branch,
    ChecklistSnapshot,
    Finding,
    Inspection,
    Photo,
    SectionScoreRow,
    utcnow,
)
from inspector.domain import timefmt
from inspector.domain.answers import Answer
from inspector.domain.checklist import Checklist, Mode, Result
from inspector.domain.scoring import Outcome
from inspector.errors import NotFoundError, ValidationError
from inspector.files import write_atomic
from inspector.reports.hq_report import (
    DATE,
    DATETIME,
    DELTA,
    ID,
    INT,
    PERCENT,
    SCORE,
    TEXT,
    HqColumn,
    HqHeatmap,
    HqReportContent,
    HqTable,
    format_value,
)
from inspector.services import audit
from inspector.services import inspections as insp_svc
from inspector.textsafe import is_formula_like, spreadsheet_text

log = logging.getLogger(__name__)

HISTORY_POINTS = 8  # scores kept per branch for the sparkline
TOP_ITEMS = 20
VETO_ROWS = 200
FINDING_ROWS = 5000
# Naive visit times are the branch's local time; our branches are in China (UTC+8).
LOCAL_TZ = timefmt.zone(timefmt.DEFAULT_TZ)
DEFAULT_TOLERANCE = timedelta(minutes=60)
# Stored totals are rounded to 4 places; anything further apart is a different score.
SCORE_TOLERANCE = 0.001

OPEN = "open"
OVERDUE = "overdue"
CLOSED = "closed"
STATUSES = (OPEN, OVERDUE, CLOSED)


# ---------------------------------------------------------------- filter
@dataclass(frozen=True, slots=True)
class HqFilter:
    """What the dashboard's filter bar and the CLI options select."""

    region: str | None = None
    date_from: date | None = None  # local calendar days in ``tz``
    date_to: date | None = None
    checklist_id: str | None = None
    mode: str | None = None
    # Kept so older callers and scripts ('hq --finalized-only') work: finalized-only is
    # now the default, and this flag changes nothing.
    finalized_only: bool = False
    # Drafts count only when asked for (dashboard checkbox, '--include-drafts'), and are
    # then marked as drafts on every row and page: a half-answered draft must never move
    # a branch in the league without anyone seeing why.
    include_drafts: bool = False
    tz: str | None = None  # reader's time zone (None: INSPECTOR_TZ, else Asia/Shanghai)

    @property
    def zone(self) -> tzinfo:
        return timefmt.zone(self.tz)

    @property
    def drafts(self) -> bool:
        """Whether drafts are counted (the explicit include wins over the old flag)."""
        return self.include_drafts

    def describe(self, lang: str = "en") -> str:
        zh = lang == "zh"
        parts = []
        if self.region:
            parts.append(("区域 " if zh else "region ") + self.region)
        if self.date_from or self.date_to:
            a = self.date_from.isoformat() if self.date_from else "…"
            b = self.date_to.isoformat() if self.date_to else "…"
            parts.append(f"{a} – {b}")
        if self.checklist_id:
            parts.append(("检查表 " if zh else "checklist ") + self.checklist_id)
        if self.mode:
            parts.append(("方式 " if zh else "mode ") + mode_label(self.mode, lang))
        parts.append(
            ("含草稿（未定稿）" if zh else "drafts included (not finalized)")
            if self.drafts
            else ("仅已定稿" if zh else "finalized only")
        )
        if not (self.region or self.date_from or self.date_to):
            parts.insert(0, "全部网点、全部时间" if zh else "all branches, all time")
        return "；".join(parts) if zh else "; ".join(parts)

    def period(self, lang: str = "en") -> str:
        """The period in words, for a report's first page."""
        zh = lang == "zh"
        if not (self.date_from or self.date_to):
            return "全部时间" if zh else "all time"
        a = self.date_from.isoformat() if self.date_from else "…"
        b = self.date_to.isoformat() if self.date_to else "…"
        return f"{a} 至 {b}" if zh else f"{a} to {b}"


_MODES = {"onsite": ("现场检查", "on-site"), "mystery": ("神秘人暗访", "mystery shopper")}


def mode_label(mode: str, lang: str) -> str:
    zh, en = _MODES.get(mode, (mode, mode))
    return zh if lang == "zh" else en


def _day_start(d: date, tz: tzinfo = UTC) -> datetime:
    """Midnight of local day ``d`` in ``tz``, as UTC (what is stored)."""
    return datetime(d.year, d.month, d.day, tzinfo=tz).astimezone(UTC)


def _conditions(flt: HqFilter, insp: Any = Inspection) -> list[ColumnElement[bool]]:
    """WHERE terms on ``inspections`` (or an alias of it) for the filter."""
    conds: list[ColumnElement[bool]] = [insp.is_current.is_(True)]
    tz = flt.zone
    if flt.date_from:
        conds.append(insp.started_at >= _day_start(flt.date_from, tz))
    if flt.date_to:
        conds.append(insp.started_at < _day_start(flt.date_to + timedelta(days=1), tz))
    if flt.mode:
        conds.append(insp.mode == flt.mode)
    if not flt.drafts:
        conds.append(insp.status == insp_svc.FINALIZED)
    if flt.checklist_id:
        conds.append(
            insp.snapshot_id.in_(
                select(ChecklistSnapshot.id).where(
                    ChecklistSnapshot.checklist_id == flt.checklist_id
                )
            )
        )
    if flt.region:
        conds.append(insp.branch_id.in_(select(Branch.id).where(Branch.region == flt.region)))
    return conds


def _current_ids(flt: HqFilter) -> Select[Any]:
    """Ids of the selected inspections, for ``IN (...)`` filters on child tables.

    ``findings.inspection_id IN (subquery)`` lets SQLite build the id set once and scan the
    child table's covering index, instead of a join that reads every inspection row.
    """
    return select(Inspection.id).where(*_conditions(flt))


def _month(session: Session, col: Any, tz: tzinfo = UTC) -> ColumnElement[str]:
    """'YYYY-MM' of a timestamp column in zone ``tz``, in the dialect's own words.

    The zone's offset now is used for every row (China has no daylight saving), so an
    inspection at 02:00 on the 1st in Shanghai counts in that month, not the one before.
    """
    offset = datetime.now(UTC).astimezone(tz).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if session.get_bind().dialect.name == "postgresql":
        shifted = func.timezone("UTC", col) + literal(timedelta(minutes=minutes))
        return func.to_char(shifted, "YYYY-MM")
    return func.strftime("%Y-%m", col, f"{minutes:+d} minutes")


# ---------------------------------------------------------------- result types
@dataclass(frozen=True, slots=True)
class BranchInfo:
    id: int
    code: str
    name: str
    region: str


@dataclass(frozen=True, slots=True)
class LeagueRow:
    """A branch in the league table. ``trend`` is latest minus previous score.

    ``rank`` is None for a branch with no inspection in the selection: such branches are
    listed apart, never ranked as worst.
    """

    rank: int | None
    code: str
    name: str
    region: str
    latest_score: float | None
    latest_grade: str | None
    latest_at: datetime | None
    latest_uuid: str | None
    previous_score: float | None
    inspections: int
    average: float | None
    veto_failed: int
    untrusted: int
    history: tuple[float, ...]  # oldest first
    latest_passed: bool | None = None
    latest_draft: bool = False  # the latest inspection is a draft (only with drafts included)
    drafts: int = 0  # drafts among ``inspections``
    checklist_id: str = ""
    mode: str = ""

    @property
    def trend(self) -> float | None:
        if self.latest_score is None or self.previous_score is None:
            return None
        return self.latest_score - self.previous_score

    @property
    def ranked(self) -> bool:
        return self.rank is not None

    def as_dict(self, tz: tzinfo | None = None) -> dict[str, Any]:
        """A row of ``hq league --json``."""
        return {
            "rank": self.rank,
            "branch": {"code": self.code, "name": self.name, "region": self.region},
            "score": _r(self.latest_score),
            "grade": self.latest_grade,
            "passed": self.latest_passed,
            "veto_failed": self.veto_failed,
            "inspections": self.inspections,
            "checklist": self.checklist_id,
            "mode": self.mode,
            "draft": self.latest_draft,
            "latest_at": _iso(self.latest_at, tz),
            "inspection": self.latest_uuid,
        }


@dataclass(frozen=True, slots=True)
class Heatmap:
    areas: list[str]
    branches: list[str]  # branch codes, league order
    branch_names: dict[str, str]
    values: dict[tuple[str, str], float]  # (code, area) -> percent
    area_titles: dict[str, tuple[str, str]]  # area -> (zh, en) checklist title

    def value(self, code: str, area: str) -> float | None:
        return self.values.get((code, area))

    def area_title(self, area: str, lang: str) -> str:
        zh, en = self.area_titles.get(area, (area, area))
        return zh if lang == "zh" else en


@dataclass(frozen=True, slots=True)
class FailingItem:
    item_id: str
    text_zh: str
    text_en: str
    failures: int
    branches: int
    share: float  # failures per 100 inspections in the selection

    def text(self, lang: str) -> str:
        return self.text_zh if lang == "zh" else self.text_en


@dataclass(frozen=True, slots=True)
class VetoRow:
    uuid: str
    code: str
    name: str
    region: str
    started_at: datetime
    score: float | None
    grade: str | None
    items: tuple[str, ...]  # item ids
    item_titles: tuple[tuple[str, str], ...] = ()  # (zh, en) per item, same order
    draft: bool = False

    def titles(self, lang: str) -> tuple[str, ...]:
        if not self.item_titles:
            return self.items
        return tuple(zh if lang == "zh" else en for zh, en in self.item_titles)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    period: str  # YYYY-MM
    region: str  # "" = all regions
    average: float
    inspections: int


@dataclass(frozen=True, slots=True)
class RectificationRow:
    code: str
    name: str
    region: str
    open: int
    overdue: int
    closed: int

    @property
    def total(self) -> int:
        return self.open + self.overdue + self.closed


@dataclass(frozen=True, slots=True)
class FindingRow:
    inspection_uuid: str
    code: str
    name: str
    region: str
    item_id: str
    severity: str
    owner: str
    action: str
    deadline: date | None
    status: str  # open | overdue | closed (overdue computed from the deadline)
    closed_at: datetime | None
    closed_by: str | None
    closing_note: str
    started_at: datetime
    item_zh: str = ""
    item_en: str = ""
    draft: bool = False
    checklist_id: str = ""
    repeat_of: str | None = None  # 屡查屡犯: the previous inspection with the same finding

    def item_title(self, lang: str) -> str:
        t = self.item_zh if lang == "zh" else self.item_en
        return t or self.item_id

    def as_dict(self, tz: tzinfo | None = None) -> dict[str, Any]:
        return {
            "repeat_of": self.repeat_of,
            "inspection": self.inspection_uuid,
            "branch": {"code": self.code, "name": self.name, "region": self.region},
            "item": self.item_id,
            "item_title": {"zh": self.item_title("zh"), "en": self.item_title("en")},
            "severity": self.severity,
            "owner": self.owner,
            "action": self.action,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "status": self.status,
            "closed_at": _iso(self.closed_at, tz),
            "closed_by": self.closed_by,
            "note": self.closing_note,
            "inspected_at": _iso(self.started_at, tz),
            "draft": self.draft,
        }


def _iso(dt: datetime | None, tz: tzinfo | None) -> str | None:
    """ISO 8601 with the offset of the reader's zone (same instant as the stored UTC)."""
    if dt is None:
        return None
    return timefmt.local(dt, tz or timefmt.zone()).isoformat()


@dataclass(frozen=True, slots=True)
class IntegrityFlag:
    """A photo HQ should look at: reused elsewhere, or taken outside the visit."""

    kind: str  # duplicate_photo | outside_visit
    sha256: str
    inspection_uuid: str
    code: str
    name: str
    item_id: str
    taken_at: datetime | None
    detail: str  # English
    detail_zh: str = ""
    item_zh: str = ""
    item_en: str = ""

    def text(self, lang: str) -> str:
        return (self.detail_zh or self.detail) if lang == "zh" else self.detail

    def item_title(self, lang: str) -> str:
        return (self.item_zh if lang == "zh" else self.item_en) or self.item_id

    def kind_label(self, lang: str) -> str:
        zh, en = _KINDS.get(self.kind, (self.kind, self.kind))
        return zh if lang == "zh" else en

    def as_dict(self, tz: tzinfo | None = None) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "sha256": self.sha256,
            "inspection": self.inspection_uuid,
            "branch": self.code,
            "branch_name": self.name,
            "item": self.item_id,
            "item_title": {"zh": self.item_title("zh"), "en": self.item_title("en")},
            "taken_at": _iso(self.taken_at, tz),
            "detail": self.detail,
            "detail_zh": self.text("zh"),
        }


_KINDS = {
    "duplicate_photo": ("重复照片", "duplicate photo"),
    "outside_visit": ("拍摄时间在检查时段外", "taken outside the visit"),
    "score_mismatch": ("存储得分与重算不符", "stored score differs"),
    "snapshot_damaged": ("检查表快照校验不符", "checklist snapshot fails its hash"),
    "blob_damaged": ("图片校验不符", "stored image fails its hash"),
    "blob_missing": ("图片缺失", "stored image missing"),
}


@dataclass(frozen=True, slots=True)
class ScoreMismatch:
    """An inspection whose stored score is not what the scoring engine gives for its
    stored answers, checklist snapshot and visit facts."""

    inspection_uuid: str
    revision: int
    code: str
    name: str
    started_at: datetime
    status: str
    stored_total: float | None
    stored_grade: str | None
    stored_passed: bool | None
    stored_veto: int | None
    total: float
    grade: str
    passed: bool
    veto: int

    def describe(self, lang: str = "en") -> str:
        def f(v: float | None) -> str:
            return f"{v:.2f}" if v is not None else "—"

        parts = []
        if self.stored_total is None or abs(self.stored_total - self.total) > SCORE_TOLERANCE:
            parts.append(
                f"得分存储为 {f(self.stored_total)}，重算为 {f(self.total)}"
                if lang == "zh"
                else f"stored total {f(self.stored_total)}, re-scored {f(self.total)}"
            )
        if self.stored_grade != self.grade:
            parts.append(
                f"等级存储为 {self.stored_grade}，重算为 {self.grade}"
                if lang == "zh"
                else f"stored grade {self.stored_grade}, re-scored {self.grade}"
            )
        if self.stored_passed != self.passed or (self.stored_veto or 0) != self.veto:
            parts.append(
                f"否决项存储为 {self.stored_veto}，重算为 {self.veto}"
                if lang == "zh"
                else f"stored veto failures {self.stored_veto}, re-scored {self.veto}"
                f" (passed {self.stored_passed} vs {self.passed})"
            )
        return "；".join(parts) if lang == "zh" else "; ".join(parts)

    def as_dict(self, tz: tzinfo | None = None) -> dict[str, Any]:
        """A row of 'hq integrity --json' (kind score_mismatch)."""
        return {
            "kind": "score_mismatch",
            "sha256": "",
            "inspection": self.inspection_uuid,
            "revision": self.revision,
            "branch": self.code,
            "branch_name": self.name,
            "item": "",
            "taken_at": None,
            "inspected_at": _iso(self.started_at, tz),
            "stored": {
                "total": _r(self.stored_total),
                "grade": self.stored_grade,
                "passed": self.stored_passed,
                "veto_failed": self.stored_veto,
            },
            "rescored": {
                "total": _r(self.total),
                "grade": self.grade,
                "passed": self.passed,
                "veto_failed": self.veto,
            },
            "detail": self.describe("en"),
            "detail_zh": self.describe("zh"),
        }


@dataclass(frozen=True, slots=True)
class RegionRow:
    """One region on the report's first page."""

    region: str
    branches: int
    inspected: int  # branches with at least one inspection in the selection
    inspections: int
    average: float | None
    vetoes: int  # inspections with a failed red line


@dataclass(frozen=True, slots=True)
class AnswerSheet:
    """Every answer of the selected inspections of one checklist (an Excel sheet)."""

    checklist_id: str
    title_zh: str
    title_en: str
    items: list[tuple[str, str, str]]  # (id, zh, en) in checklist order
    rows: list[tuple[Any, ...]]  # inspection columns then one answer text per item


@dataclass(frozen=True, slots=True)
class HqData:
    """Every HQ view for one filter."""

    filter: HqFilter
    generated_at: datetime
    inspections: int
    branches: int
    average: float | None
    league: list[LeagueRow]
    heatmap: Heatmap
    failing: list[FailingItem]
    vetoes: list[VetoRow]
    trend: list[TrendPoint]
    rectification: list[RectificationRow]
    findings: list[FindingRow]
    integrity: list[IntegrityFlag] = field(default_factory=list)
    # grade code -> (zh, en) label, from the checklists the inspections were scored with
    grade_labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    complete: bool = True  # False: only the first views (see load_first)
    league_checklist: str = ""
    league_mode: str = ""
    checklist_titles: dict[str, tuple[str, str]] = field(default_factory=dict)
    drafts: int = 0  # drafts among ``inspections`` (0 unless drafts are included)
    regions: list[RegionRow] = field(default_factory=list)
    # Filled for exports only (see load(..., for_export=True)):
    all_findings: list[FindingRow] = field(default_factory=list)
    answer_sheets: list[AnswerSheet] = field(default_factory=list)

    @property
    def tz(self) -> tzinfo:
        return self.filter.zone

    def grade_label(self, code: str | None, lang: str) -> str:
        """The grade as people read it (优秀 / Excellent), not its code."""
        if not code:
            return ""
        zh, en = self.grade_labels.get(code, (code, code))
        return zh if lang == "zh" else en

    def checklist_title(self, cid: str, lang: str) -> str:
        zh, en = self.checklist_titles.get(cid, (cid, cid))
        return zh if lang == "zh" else en

    def league_scope(self, lang: str) -> str:
        """'综合检查 · 现场检查': what the league compares."""
        if not self.league_checklist:
            return ""
        return (
            f"{self.checklist_title(self.league_checklist, lang)} · "
            f"{mode_label(self.league_mode, lang)}"
        )

    def ranked(self) -> list[LeagueRow]:
        return [r for r in self.league if r.rank is not None]

    def unranked(self) -> list[LeagueRow]:
        """Branches with no inspection in the selection: listed apart, never 'worst'."""
        return [r for r in self.league if r.rank is None]

    def summary_dict(self) -> dict[str, Any]:
        """The ``hq summary --json`` contract."""
        return {
            "inspections": self.inspections,
            "branches": self.branches,
            "drafts": self.drafts,
            "league": {"checklist": self.league_checklist, "mode": self.league_mode},
            "per_branch": [
                {
                    "code": r.code,
                    "name": r.name,
                    "region": r.region,
                    "latest_score": round(r.latest_score, 2)
                    if r.latest_score is not None
                    else None,
                    "latest_grade": r.latest_grade,
                    "latest_at": _iso(r.latest_at, self.tz),
                    "inspections": r.inspections,
                    "rank": r.rank,
                    "draft": r.latest_draft,
                }
                for r in self.league
            ],
        }


# ---------------------------------------------------------------- look-ups
def regions(session: Session) -> list[str]:
    return [
        r for r in session.scalars(select(Branch.region).distinct().order_by(Branch.region)) if r
    ]


def checklist_ids(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(ChecklistSnapshot.checklist_id)
            .distinct()
            .order_by(ChecklistSnapshot.checklist_id)
        )
    )


def _branches(session: Session, flt: HqFilter) -> dict[int, BranchInfo]:
    q = select(Branch.id, Branch.code, Branch.name, Branch.region)
    if flt.region:
        q = q.where(Branch.region == flt.region)
    return {r.id: BranchInfo(r.id, r.code, r.name, r.region) for r in session.execute(q)}


@lru_cache(maxsize=1)
def _shipped_titles() -> dict[str, tuple[str, str]]:
    loaded, _problems = load_all()
    return {c.id: (c.resolved.title.zh, c.resolved.title.en) for c in loaded}


def checklist_title(checklist_id: str, lang: str) -> str:
    """A shipped checklist's title in ``lang`` ("zh" or "en"), else its id."""
    titles = _shipped_titles().get(checklist_id)
    if titles is None:
        return checklist_id
    return titles[0] if lang == "zh" else titles[1]


@lru_cache(maxsize=64)
def _parsed(sha256: str, content: str) -> Checklist:
    return checklist_from_json(content)


def _grade_labels(session: Session) -> dict[str, tuple[str, str]]:
    """grade code -> (zh, en) label over every stored checklist snapshot (there are few)."""
    out: dict[str, tuple[str, str]] = {}
    for sha, content in session.execute(
        select(ChecklistSnapshot.sha256, ChecklistSnapshot.content).order_by(
            ChecklistSnapshot.id.desc()
        )
    ):
        for g in _parsed(sha, content).grades:
            out.setdefault(g.code, (g.label.zh, g.label.en))
    return out


def _item_texts(session: Session, snapshot_ids: Iterable[int]) -> dict[str, tuple[str, str]]:
    """item id -> (zh, en) text from the given checklist snapshots (few, parsed once)."""
    out: dict[str, tuple[str, str]] = {}
    ids = sorted(set(snapshot_ids))
    if not ids:
        return out
    for sha, content in session.execute(
        select(ChecklistSnapshot.sha256, ChecklistSnapshot.content).where(
            ChecklistSnapshot.id.in_(ids)
        )
    ):
        for item in _parsed(sha, content).items():
            out.setdefault(item.id, (item.text.zh, item.text.en))
    return out


def _snapshot_checklists(session: Session, snapshot_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(snapshot_ids))
    if not ids:
        return {}
    return {
        int(i): str(c)
        for i, c in session.execute(
            select(ChecklistSnapshot.id, ChecklistSnapshot.checklist_id).where(
                ChecklistSnapshot.id.in_(ids)
            )
        )
    }


def _checklist_titles(session: Session) -> dict[str, tuple[str, str]]:
    """checklist id -> (zh, en) title: shipped checklists, then stored snapshots (newest)."""
    out = dict(_shipped_titles())
    for cid, zh, en in session.execute(
        select(
            ChecklistSnapshot.checklist_id, ChecklistSnapshot.title_zh, ChecklistSnapshot.title_en
        ).order_by(ChecklistSnapshot.id)
    ):
        out[cid] = (zh, en)
    return out


def _veto_items(session: Session, snapshot_ids: Iterable[int]) -> set[str]:
    out: set[str] = set()
    ids = sorted(set(snapshot_ids))
    if not ids:
        return out
    for sha, content in session.execute(
        select(ChecklistSnapshot.sha256, ChecklistSnapshot.content).where(
            ChecklistSnapshot.id.in_(ids)
        )
    ):
        out.update(i.id for i in _parsed(sha, content).items() if i.veto)
    return out


# ---------------------------------------------------------------- views
def counts(session: Session, flt: HqFilter) -> tuple[int, float | None]:
    """(inspections, average score) of the selection."""
    row = session.execute(
        select(func.count(), func.avg(Inspection.score_total)).where(*_conditions(flt))
    ).one()
    return int(row[0] or 0), (float(row[1]) if row[1] is not None else None)


_EPOCH = datetime(1900, 1, 1, tzinfo=UTC)


def _history(session: Session, flt: HqFilter, per_branch: int = HISTORY_POINTS) -> list[Any]:
    """The newest ``per_branch`` selected inspections of every branch, newest first.

    For each branch a correlated sub-select finds the start time of its N-th newest
    inspection (an index seek); the join then reads only the rows from there on, through
    the (is_current, branch_id, started_at) index. Portable SQL, and it reads about
    N x branches rows, not the whole table, unlike ROW_NUMBER() over all inspections.
    """
    j = aliased(Inspection)
    cutoff = (
        select(j.started_at)
        .where(j.branch_id == Branch.id, *_conditions(flt, j))
        .order_by(j.started_at.desc())
        .limit(1)
        .offset(per_branch - 1)
        .scalar_subquery()
    )
    since = func.coalesce(cutoff, type_coerce(_EPOCH, Inspection.started_at.type))
    q = (
        select(
            Inspection.id,
            Inspection.uuid,
            Inspection.branch_id,
            Inspection.snapshot_id,
            Inspection.score_total,
            Inspection.grade,
            Inspection.started_at,
            Inspection.veto_failed,
            Inspection.passed,
            Inspection.status,
        )
        .select_from(Branch)
        .join(Inspection, Inspection.branch_id == Branch.id)
        .where(Inspection.started_at >= since, *_conditions(flt))
        .order_by(Inspection.branch_id, Inspection.started_at.desc(), Inspection.id.desc())
    )
    if flt.region:
        q = q.where(Branch.region == flt.region)
    rows = session.execute(q).all()
    out: list[Any] = []
    seen: dict[int, int] = defaultdict(int)
    for r in rows:  # ties at the cut-off time can add a few rows
        if seen[r.branch_id] < per_branch:
            seen[r.branch_id] += 1
            out.append(r)
    return out


DEFAULT_LEAGUE = ("comprehensive", Mode.ONSITE.value)


def league_scope(session: Session, flt: HqFilter) -> tuple[str, str]:
    """(checklist, mode) the league compares: like with like, never a mix.

    The filter's own checklist and mode when given; otherwise the comprehensive on-site
    checklist when the selection has any, else the pair with the most inspections.
    """
    if flt.checklist_id and flt.mode:
        return flt.checklist_id, flt.mode
    n = func.count().label("n")
    pairs = session.execute(
        select(ChecklistSnapshot.checklist_id, Inspection.mode, n)
        .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
        .where(*_conditions(flt))
        .group_by(ChecklistSnapshot.checklist_id, Inspection.mode)
        .order_by(n.desc(), ChecklistSnapshot.checklist_id, Inspection.mode)
    ).all()
    found = [(str(c), str(m)) for c, m, _ in pairs]
    if DEFAULT_LEAGUE in found:
        return DEFAULT_LEAGUE
    if found:
        return found[0]
    return flt.checklist_id or DEFAULT_LEAGUE[0], flt.mode or DEFAULT_LEAGUE[1]


def scoped(session: Session, flt: HqFilter) -> HqFilter:
    """``flt`` narrowed to the league's one checklist and mode."""
    cid, mode = league_scope(session, flt)
    return replace(flt, checklist_id=cid, mode=mode)


def rank_key(r: LeagueRow) -> tuple[bool, bool, float, str]:
    """The one ranking rule (dashboard, CLI, PDF and Excel all sort by it).

    A branch whose latest inspection failed a red line (veto item) never ranks above one
    that did not, whatever the totals; then the higher latest score; then the code.
    """
    return (r.latest_score is None, r.veto_failed > 0, -(r.latest_score or 0.0), r.code)


def league(session: Session, flt: HqFilter, history: list[Any] | None = None) -> list[LeagueRow]:
    """Branches ranked by their latest score on one checklist and mode.

    ``flt`` is narrowed with :func:`scoped` first (pass a scoped filter with its history to
    skip that). Branches without an inspection in the selection come last, unranked.
    """
    if not (flt.checklist_id and flt.mode):
        flt = scoped(session, flt)
        history = None
    branches = _branches(session, flt)
    stats = {
        r.branch_id: r
        for r in session.execute(
            select(
                Inspection.branch_id,
                func.count().label("n"),
                func.avg(Inspection.score_total).label("avg"),
                func.sum(case((Inspection.trusted.is_(False), 1), else_=0)).label("untrusted"),
                func.sum(case((Inspection.status != insp_svc.FINALIZED, 1), else_=0)).label(
                    "drafts"
                ),
            )
            .where(*_conditions(flt))
            .group_by(Inspection.branch_id)
        )
    }
    by_branch: dict[int, list[Any]] = defaultdict(list)
    for r in history if history is not None else _history(session, flt):
        by_branch[r.branch_id].append(r)
    cid, mode = flt.checklist_id or "", flt.mode or ""
    out: list[LeagueRow] = []
    for bid, b in branches.items():
        rs = by_branch.get(bid, [])
        st = stats.get(bid)
        if not rs or st is None:
            out.append(
                LeagueRow(
                    None,
                    b.code,
                    b.name,
                    b.region,
                    None,
                    None,
                    None,
                    None,
                    None,
                    0,
                    None,
                    0,
                    0,
                    (),
                    checklist_id=cid,
                    mode=mode,
                )
            )
            continue
        first = rs[0]
        prev = rs[1].score_total if len(rs) > 1 else None
        out.append(
            LeagueRow(
                rank=None,
                code=b.code,
                name=b.name,
                region=b.region,
                latest_score=float(first.score_total) if first.score_total is not None else None,
                latest_grade=first.grade,
                latest_at=first.started_at,
                latest_uuid=first.uuid,
                previous_score=float(prev) if prev is not None else None,
                inspections=int(st.n),
                average=float(st.avg) if st.avg is not None else None,
                veto_failed=int(first.veto_failed or 0),
                untrusted=int(st.untrusted or 0),
                history=tuple(
                    float(r.score_total) for r in reversed(rs) if r.score_total is not None
                ),
                latest_passed=bool(first.passed) if first.passed is not None else None,
                latest_draft=first.status != insp_svc.FINALIZED,
                drafts=int(st.drafts or 0),
                checklist_id=cid,
                mode=mode,
            )
        )
    out.sort(key=rank_key)
    ranked: list[LeagueRow] = []
    n = 0
    for lr in out:
        if lr.latest_score is not None:
            n += 1
            ranked.append(replace(lr, rank=n))
        else:
            ranked.append(lr)
    return ranked


def heatmap(
    session: Session,
    flt: HqFilter,
    order: Sequence[str] | None = None,
    history: list[Any] | None = None,
) -> Heatmap:
    """Per branch and area, the score of that area in the branch's most recent inspection
    that covered it (among its last few). Area-checklist visits each cover one area, a
    comprehensive inspection covers all; either way every cell is recent."""
    hist = history if history is not None else _history(session, flt)
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
    codes = {b.id: b for b in _branches(session, flt).values()}
    values = {(codes[bid].code, area): v for (bid, area), (_, v) in best.items()}
    names = {codes[bid].code: codes[bid].name for bid, _ in best}
    areas = sorted({area for _, area in best})
    # An area is named by its checklist's title: from a stored snapshot of that checklist,
    # else from the shipped checklists (an HQ that only received comprehensive inspections
    # has no snapshot of the area checklists themselves).
    titles: dict[str, tuple[str, str]] = {a: t for a, t in _shipped_titles().items() if a in areas}
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
    """The items failed most often (active findings of the selected inspections)."""
    n = func.count().label("n")
    rows = session.execute(
        select(Finding.item_id, n)
        .where(Finding.active.is_(True), Finding.inspection_id.in_(_current_ids(flt)))
        .group_by(Finding.item_id)
        .order_by(n.desc(), Finding.item_id)
        .limit(limit)
    ).all()
    if not rows:
        return []
    ids = [r.item_id for r in rows]
    spread = dict(
        session.execute(
            select(Finding.item_id, func.count(func.distinct(Inspection.branch_id)))
            .join(Inspection, Inspection.id == Finding.inspection_id)
            .where(Finding.active.is_(True), Finding.item_id.in_(ids), *_conditions(flt))
            .group_by(Finding.item_id)
        ).all()
    )
    snaps = session.scalars(
        select(Inspection.snapshot_id).where(*_conditions(flt)).distinct()
    ).all()
    texts = _item_texts(session, snaps)
    return [
        FailingItem(
            item_id=r.item_id,
            text_zh=texts.get(r.item_id, (r.item_id, r.item_id))[0],
            text_en=texts.get(r.item_id, (r.item_id, r.item_id))[1],
            failures=int(r.n),
            branches=int(spread.get(r.item_id, 0)),
            share=100.0 * int(r.n) / total if total else 0.0,
        )
        for r in rows
    ]


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
        .where(Inspection.veto_failed > 0, *_conditions(flt))
        .order_by(Inspection.started_at.desc(), Inspection.id.desc())
        .limit(limit)
    )
    rows = session.execute(q).all()
    if not rows:
        return []
    veto_ids = _veto_items(session, (r.snapshot_id for r in rows))
    texts = _item_texts(session, (r.snapshot_id for r in rows))
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
            draft=r.status != insp_svc.FINALIZED,
        )
        for r in rows
    ]


def trend(session: Session, flt: HqFilter) -> list[TrendPoint]:
    """Average score per month, per region and over all regions.

    Grouped by (month, branch) in the database, which reads only the covering index, and
    folded into regions here (a few thousand groups at most).
    """
    month = _month(session, Inspection.started_at, flt.zone).label("m")
    q = (
        select(month, Inspection.branch_id, func.sum(Inspection.score_total), func.count())
        .where(Inspection.score_total.is_not(None), *_conditions(flt))
        .group_by(month, Inspection.branch_id)
    )
    region_of = {b.id: b.region for b in _branches(session, flt).values()}
    acc: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for m, bid, total, n in session.execute(q):
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


def _status_expr(today: date) -> ColumnElement[str]:
    return case(
        (Finding.status == CLOSED, literal(CLOSED)),
        (and_(Finding.deadline.is_not(None), Finding.deadline < today), literal(OVERDUE)),
        else_=literal(OPEN),
    )


def rectification(
    session: Session, flt: HqFilter, today: date | None = None
) -> list[RectificationRow]:
    """Open / overdue / closed findings per branch, most overdue first.

    Counted per inspection first from the findings' covering index (``IN`` the selected
    ids), then summed per branch: a join per finding row would read every inspection.
    """
    today = today or utcnow().date()
    st = _status_expr(today)
    per_insp = (
        select(
            Finding.inspection_id.label("iid"),
            func.sum(case((st == OPEN, 1), else_=0)).label("o"),
            func.sum(case((st == OVERDUE, 1), else_=0)).label("od"),
            func.sum(case((st == CLOSED, 1), else_=0)).label("cl"),
        )
        .where(Finding.active.is_(True), Finding.inspection_id.in_(_current_ids(flt)))
        .group_by(Finding.inspection_id)
        .subquery()
    )
    q = (
        select(
            Inspection.branch_id,
            func.sum(per_insp.c.o),
            func.sum(per_insp.c.od),
            func.sum(per_insp.c.cl),
        )
        .join(per_insp, per_insp.c.iid == Inspection.id)
        .group_by(Inspection.branch_id)
    )
    branches = _branches(session, flt)
    rows = []
    for bid, o, od, cl in session.execute(q):
        b = branches.get(bid)
        if b is not None:
            rows.append(
                RectificationRow(b.code, b.name, b.region, int(o or 0), int(od or 0), int(cl or 0))
            )
    rows.sort(key=lambda r: (-r.overdue, -r.open, r.code))
    return rows


def findings(
    session: Session,
    flt: HqFilter,
    *,
    status: str | None = None,
    today: date | None = None,
    limit: int | None = FINDING_ROWS,
    unresolved: bool = False,
) -> list[FindingRow]:
    """Findings of the selected inspections, overdue first, then open by deadline, then closed.

    ``status`` picks open | overdue | closed; ``unresolved`` picks open and overdue (what
    the dashboard lists; closed ones are counted per branch instead).
    """
    if status is not None and status not in STATUSES:
        raise ValidationError(f"--status must be open, overdue or closed, not {status!r}")
    today = today or utcnow().date()
    st = _status_expr(today).label("st")
    q = (
        select(
            Inspection.uuid,
            Inspection.started_at,
            Inspection.snapshot_id,
            Inspection.status.label("insp_status"),
            Branch.code,
            Branch.name,
            Branch.region,
            Finding.item_id,
            Finding.severity,
            Finding.owner,
            Finding.action,
            Finding.deadline,
            Finding.closed_at,
            Finding.closed_by_uuid,
            Finding.closing_note,
            Finding.repeat_of,
            st,
        )
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .join(Branch, Branch.id == Inspection.branch_id)
        .where(Finding.active.is_(True), *_conditions(flt))
    )
    if status == CLOSED:
        q = q.where(Finding.status == CLOSED)
    elif status == OVERDUE:
        q = q.where(Finding.status == OPEN, Finding.deadline < today)
    elif status == OPEN:
        q = q.where(
            Finding.status == OPEN, (Finding.deadline.is_(None)) | (Finding.deadline >= today)
        )
    elif unresolved:
        q = q.where(Finding.status == OPEN)
    rank = case((st == OVERDUE, 0), (st == OPEN, 1), else_=2)
    q = q.order_by(rank, Finding.deadline.is_(None), Finding.deadline, Branch.code, Finding.item_id)
    if limit is not None:
        q = q.limit(limit)
    rows = session.execute(q).all()
    snaps = {r.snapshot_id for r in rows}
    texts = _item_texts(session, snaps)
    cids = _snapshot_checklists(session, snaps)
    return [
        FindingRow(
            inspection_uuid=r.uuid,
            code=r.code,
            name=r.name,
            region=r.region,
            item_id=r.item_id,
            severity=r.severity,
            owner=r.owner,
            action=r.action,
            deadline=r.deadline,
            status=r.st,
            closed_at=r.closed_at,
            closed_by=r.closed_by_uuid,
            closing_note=r.closing_note,
            started_at=r.started_at,
            item_zh=texts.get(r.item_id, ("", ""))[0],
            item_en=texts.get(r.item_id, ("", ""))[1],
            draft=r.insp_status != insp_svc.FINALIZED,
            checklist_id=cids.get(r.snapshot_id, ""),
            repeat_of=r.repeat_of,
        )
        for r in rows
    ]


# ---------------------------------------------------------------- integrity
def _visit_time(raw: Any, day: date) -> datetime | None:
    """A visit fact (ISO date-time or HH:MM) as an aware datetime, else None."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        try:
            t = datetime.strptime(text, "%H:%M").time()
        except ValueError:
            try:
                t = datetime.strptime(text, "%H:%M:%S").time()
            except ValueError:
                return None
        dt = datetime.combine(day, t)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=LOCAL_TZ)
    return dt.astimezone(UTC)


def visit_window(
    mode: str,
    visit: dict[str, Any] | None,
    started_at: datetime,
    finalized_at: datetime | None,
    updated_at: datetime | None,
) -> tuple[datetime, datetime]:
    """When the photos of an inspection can have been taken (before the tolerance)."""
    start, end = started_at, finalized_at or updated_at or started_at
    if mode == Mode.MYSTERY and visit:
        local_day = started_at.astimezone(LOCAL_TZ).date()
        arr = _visit_time(visit.get("arrival"), local_day)
        dep = _visit_time(visit.get("departure"), local_day)
        if arr is not None:
            start = arr
        if dep is not None:
            end = dep
    return start, max(start, end)


def integrity(
    session: Session, flt: HqFilter, *, tolerance: timedelta = DEFAULT_TOLERANCE
) -> list[IntegrityFlag]:
    """Photos to review: one image used in more than one inspection, or taken outside the visit.

    Capture times are device claims (EXIF), so these are flags for a person, not verdicts.
    Stored scores are checked by :func:`score_check` (a separate, slower pass).
    """
    conds = _conditions(flt)
    ids = _current_ids(flt)
    tz = flt.zone
    out: list[IntegrityFlag] = []
    snaps: set[int] = set()
    # Only current revisions are selected, so distinct inspection ids are distinct visits.
    dup = (
        select(Photo.sha256)
        .where(Photo.inspection_id.in_(ids))
        .group_by(Photo.sha256)
        .having(func.count(func.distinct(Photo.inspection_id)) > 1)
    )
    rows = session.execute(
        select(
            Photo.sha256,
            Photo.item_id,
            Photo.taken_at,
            Inspection.uuid,
            Inspection.started_at,
            Inspection.snapshot_id,
            Branch.code,
            Branch.name,
        )
        .join(Inspection, Inspection.id == Photo.inspection_id)
        .join(Branch, Branch.id == Inspection.branch_id)
        .where(Photo.sha256.in_(dup), *conds)
        .order_by(Photo.sha256, Inspection.started_at)
    ).all()
    groups: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        groups[r.sha256].append(r)
        snaps.add(r.snapshot_id)
    for sha, rs in groups.items():
        for r in rs:
            others = sorted({f"{o.code} {o.uuid[:8]}" for o in rs if o.uuid != r.uuid})
            same_branch = all(o.code == r.code for o in rs)
            where = "another visit of the same branch" if same_branch else "other branches"
            where_zh = "同一网点的另一次检查" if same_branch else "其他网点"
            out.append(
                IntegrityFlag(
                    "duplicate_photo",
                    sha,
                    r.uuid,
                    r.code,
                    r.name,
                    r.item_id,
                    r.taken_at,
                    f"same image in {where}: {', '.join(others)}",
                    detail_zh=f"同一张照片也出现在{where_zh}：{'、'.join(others)}",
                    item_zh=str(r.snapshot_id),  # replaced by the title below
                )
            )
    q = (
        select(
            Photo.sha256,
            Photo.item_id,
            Photo.taken_at,
            Inspection.uuid,
            Inspection.mode,
            Inspection.visit,
            Inspection.started_at,
            Inspection.finalized_at,
            Inspection.updated_at,
            Inspection.snapshot_id,
            Branch.code,
            Branch.name,
        )
        .join(Inspection, Inspection.id == Photo.inspection_id)
        .join(Branch, Branch.id == Inspection.branch_id)
        .where(Photo.taken_at.is_not(None), Photo.inspection_id.in_(ids))
        .order_by(Inspection.started_at, Photo.position)
        .execution_options(yield_per=2000)
    )
    for r in session.execute(q):
        start, end = visit_window(r.mode, r.visit, r.started_at, r.finalized_at, r.updated_at)
        taken: datetime = timefmt.as_utc(r.taken_at)
        if start - tolerance <= taken <= end + tolerance:
            continue
        snaps.add(r.snapshot_id)
        gap = start - taken if taken < start else taken - end
        before = taken < start
        window = (
            f"{timefmt.fmt_datetime(start, tz, zone_suffix=False)} – "
            f"{timefmt.local(end, tz):%H:%M} {timefmt.offset_label(tz, start)}"
        )
        out.append(
            IntegrityFlag(
                "outside_visit",
                r.sha256,
                r.uuid,
                r.code,
                r.name,
                r.item_id,
                taken,
                f"taken {timefmt.human_duration(gap, 'en')} {'before' if before else 'after'} "
                f"the visit ({window})",
                detail_zh=f"拍摄于检查{'开始前' if before else '结束后'} "
                f"{timefmt.human_duration(gap, 'zh')}（检查时段 {window}）",
                item_zh=str(r.snapshot_id),
            )
        )
    texts = _item_texts(session, snaps)
    return [
        replace(
            f,
            item_zh=texts.get(f.item_id, ("", ""))[0],
            item_en=texts.get(f.item_id, ("", ""))[1],
        )
        for f in out
    ]


SCORE_CHECK_BATCH = 500


def score_check(session: Session, flt: HqFilter) -> list[ScoreMismatch]:
    """Inspections whose stored score differs from a re-score of their stored data.

    Each selected inspection's answers are scored again with its own checklist snapshot
    and visit facts (:func:`inspections.score_for`, the function every writer uses) and
    compared with the stored total, grade, pass and red-line count. Read in batches, so
    memory stays flat at 100,000 inspections.
    """
    out: list[ScoreMismatch] = []
    meta = session.execute(
        select(
            Inspection.id,
            Inspection.uuid,
            Inspection.revision,
            Inspection.mode,
            Inspection.visit,
            Inspection.status,
            Inspection.started_at,
            Inspection.snapshot_id,
            Inspection.score_total,
            Inspection.grade,
            Inspection.passed,
            Inspection.veto_failed,
            Branch.code,
            Branch.name,
        )
        .join(Branch, Branch.id == Inspection.branch_id)
        .where(*_conditions(flt))
        .order_by(Inspection.id)
    ).all()
    snapshots: dict[int, Checklist] = {}
    for start in range(0, len(meta), SCORE_CHECK_BATCH):
        batch = meta[start : start + SCORE_CHECK_BATCH]
        need = {r.snapshot_id for r in batch} - set(snapshots)
        if need:
            for sid, sha, content in session.execute(
                select(
                    ChecklistSnapshot.id, ChecklistSnapshot.sha256, ChecklistSnapshot.content
                ).where(ChecklistSnapshot.id.in_(sorted(need)))
            ):
                snapshots[sid] = _parsed(sha, content)
        answers: dict[int, dict[str, Answer]] = defaultdict(dict)
        for iid, item_id, result, value in session.execute(
            select(
                AnswerRow.inspection_id, AnswerRow.item_id, AnswerRow.result, AnswerRow.value
            ).where(AnswerRow.inspection_id.in_([r.id for r in batch]))
        ):
            answers[iid][item_id] = Answer(result=Result(result) if result else None, value=value)
        for r in batch:
            result_ = insp_svc.score_for(
                snapshots[r.snapshot_id], r.mode, answers.get(r.id, {}), r.visit
            )
            stored = float(r.score_total) if r.score_total is not None else None
            same = (
                stored is not None
                and abs(stored - result_.total) <= SCORE_TOLERANCE
                and r.grade == result_.grade
                and bool(r.passed) == result_.passed
                and int(r.veto_failed or 0) == len(result_.veto_failed)
            )
            if same:
                continue
            out.append(
                ScoreMismatch(
                    inspection_uuid=r.uuid,
                    revision=int(r.revision),
                    code=r.code,
                    name=r.name,
                    started_at=r.started_at,
                    status=r.status,
                    stored_total=stored,
                    stored_grade=r.grade,
                    stored_passed=bool(r.passed) if r.passed is not None else None,
                    stored_veto=int(r.veto_failed) if r.veto_failed is not None else None,
                    total=result_.total,
                    grade=result_.grade,
                    passed=result_.passed,
                    veto=len(result_.veto_failed),
                )
            )
    log.info("score check: %d inspection(s), %d mismatch(es)", len(meta), len(out))
    return out


def repair_scores(session: Session, flt: HqFilter, *, actor: str) -> list[ScoreMismatch]:
    """Store the engine's score for every inspection :func:`score_check` finds wrong.

    Stored numbers written by older versions (e.g. mystery visits scored without their
    scenario) are replaced by what the stored answers, snapshot and visit give; answers are
    not touched. Each repair is audited with the old and new numbers.
    """
    fixed = score_check(session, flt)
    for m in fixed:
        insp = session.scalars(
            select(Inspection).where(
                Inspection.uuid == m.inspection_uuid, Inspection.revision == m.revision
            )
        ).one()
        result = insp_svc.rescore(session, insp)
        audit.record(
            session,
            actor=actor,
            entity="inspection",
            action="rescore",
            key=insp.uuid,
            old={
                "total": _r(m.stored_total),
                "grade": m.stored_grade,
                "passed": m.stored_passed,
                "veto_failed": m.stored_veto,
            },
            new={
                "total": _r(result.total),
                "grade": result.grade,
                "passed": result.passed,
                "veto_failed": len(result.veto_failed),
            },
            inspection=insp,
        )
    session.flush()
    log.info("repaired the stored score of %d inspection(s)", len(fixed))
    return fixed


def regions_summary(
    session: Session, flt: HqFilter, league_rows: list[LeagueRow]
) -> list[RegionRow]:
    """Per region: branches, branches inspected, inspections, average and red-line failures."""
    q = (
        select(
            Branch.region,
            func.count(),
            func.avg(Inspection.score_total),
            func.sum(case((Inspection.veto_failed > 0, 1), else_=0)),
            func.count(func.distinct(Inspection.branch_id)),
        )
        .join(Branch, Branch.id == Inspection.branch_id)
        .where(*_conditions(flt))
        .group_by(Branch.region)
    )
    stats = {r[0]: r for r in session.execute(q)}
    n_branches: dict[str, int] = defaultdict(int)
    for b in _branches(session, flt).values():
        n_branches[b.region] += 1
    del league_rows  # the branch count comes from the branch table (every branch, inspected or not)
    out = []
    for region in sorted(set(n_branches) | set(stats)):
        st = stats.get(region)
        out.append(
            RegionRow(
                region=region or "—",
                branches=n_branches.get(region, 0),
                inspected=int(st[4]) if st else 0,
                inspections=int(st[1]) if st else 0,
                average=float(st[2]) if st and st[2] is not None else None,
                vetoes=int(st[3] or 0) if st else 0,
            )
        )
    return out


_RESULT_TEXT = {
    Result.PASS.value: ("合格", "pass"),
    Result.FAIL.value: ("不合格", "fail"),
    Result.NA.value: ("不适用", "N/A"),
}


def _answer_text(item: Any, result: str | None, value: Any, lang: str) -> str:
    """An answer as a reader writes it: 合格 / 不合格 / 不适用, or the value itself."""
    zh = lang == "zh"
    parts: list[str] = []
    if value is not None and value != "":
        if item is not None and item.options is not None:
            label = next((o.label for o in item.options if o.id == value), None)
            parts.append((label.zh if zh else label.en) if label is not None else str(value))
        elif isinstance(value, bool):
            parts.append(("是" if value else "否") if zh else ("yes" if value else "no"))
        else:
            parts.append(str(value))
    if result:
        zh_t, en_t = _RESULT_TEXT.get(result, (result, result))
        parts.insert(0, zh_t if zh else en_t)
    return "；".join(parts) if zh else "; ".join(parts)


def answer_sheets(session: Session, flt: HqFilter, lang: str = "en") -> list[AnswerSheet]:
    """Per checklist, one row per selected inspection with every item's answer."""
    tz = flt.zone
    meta = session.execute(
        select(
            Inspection.id,
            Inspection.uuid,
            Inspection.mode,
            Inspection.status,
            Inspection.started_at,
            Inspection.score_total,
            Inspection.grade,
            Inspection.snapshot_id,
            ChecklistSnapshot.checklist_id,
            Branch.code,
            Branch.name,
            Branch.region,
        )
        .join(Branch, Branch.id == Inspection.branch_id)
        .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
        .where(*_conditions(flt))
        .order_by(ChecklistSnapshot.checklist_id, Branch.region, Branch.code, Inspection.started_at)
    ).all()
    if not meta:
        return []
    parsed: dict[int, Checklist] = {}
    for sid, sha, content in session.execute(
        select(ChecklistSnapshot.id, ChecklistSnapshot.sha256, ChecklistSnapshot.content).where(
            ChecklistSnapshot.id.in_(sorted({r.snapshot_id for r in meta}))
        )
    ):
        parsed[sid] = _parsed(sha, content)
    titles = _checklist_titles(session)
    labels = _grade_labels(session)
    by_cl: dict[str, list[Any]] = defaultdict(list)
    for r in meta:
        by_cl[r.checklist_id].append(r)
    sheets: list[AnswerSheet] = []
    for cid, rs in by_cl.items():
        # Items in checklist order, newest snapshot first; older snapshots add their extra items.
        items: dict[str, Any] = {}
        for sid in sorted({r.snapshot_id for r in rs}, reverse=True):
            for it in parsed[sid].items():
                items.setdefault(it.id, it)
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(rs), SCORE_CHECK_BATCH):
            batch = rs[start : start + SCORE_CHECK_BATCH]
            answers: dict[int, dict[str, tuple[str | None, Any]]] = defaultdict(dict)
            for iid, item_id, result, value in session.execute(
                select(
                    AnswerRow.inspection_id, AnswerRow.item_id, AnswerRow.result, AnswerRow.value
                ).where(AnswerRow.inspection_id.in_([r.id for r in batch]))
            ):
                answers[iid][item_id] = (result, value)
            for r in batch:
                a = answers.get(r.id, {})
                grade = labels.get(r.grade or "", (r.grade or "", r.grade or ""))
                rows.append(
                    (
                        r.uuid,
                        r.code,
                        r.name,
                        r.region,
                        timefmt.local_date(r.started_at, tz),
                        mode_label(r.mode, lang),
                        status_label_insp(r.status, lang),
                        _r(r.score_total),
                        grade[0] if lang == "zh" else grade[1],
                        *(_answer_text(items[i], *a[i], lang) if i in a else "" for i in items),
                    )
                )
        zh, en = titles.get(cid, (cid, cid))
        sheets.append(
            AnswerSheet(cid, zh, en, [(i, it.text.zh, it.text.en) for i, it in items.items()], rows)
        )
    return sheets


def status_label_insp(status: str, lang: str) -> str:
    if status == insp_svc.FINALIZED:
        return "已定稿" if lang == "zh" else "finalized"
    return "草稿" if lang == "zh" else "draft"


# ---------------------------------------------------------------- everything at once
def load(
    session: Session,
    flt: HqFilter | None = None,
    *,
    with_integrity: bool = True,
    today: date | None = None,
    finding_limit: int | None = FINDING_ROWS,
    for_export: bool = False,
    lang: str = "en",
) -> HqData:
    """All views for ``flt`` (what the dashboard, report and export show).

    ``findings`` holds the unresolved (open and overdue) ones; closed findings are
    counted per branch in ``rectification`` ('hq findings --status closed' lists them).
    ``for_export`` also fills ``all_findings`` (closed ones too) and ``answer_sheets``.
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
                    *_conditions(flt), Inspection.status != insp_svc.FINALIZED
                )
            )
            or 0
        )
    # The league compares one checklist in one mode; the heatmap (per-area view) takes each
    # area's latest score from whatever inspection covered it.
    league_flt = scoped(session, flt)
    lg = league(session, league_flt, history=_history(session, league_flt))
    hm = heatmap(session, flt, order=[r.code for r in lg], history=_history(session, flt))
    return HqData(
        filter=flt,
        generated_at=utcnow(),
        inspections=total,
        branches=len(lg),
        average=avg,
        league=lg,
        heatmap=hm,
        failing=[],
        vetoes=[],
        trend=[],
        rectification=[],
        findings=[],
        integrity=[],
        grade_labels=_grade_labels(session),
        complete=False,
        league_checklist=league_flt.checklist_id or "",
        league_mode=league_flt.mode or "",
        checklist_titles=_checklist_titles(session),
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
        trend=trend(session, flt),
        rectification=rectification(session, flt, today),
        findings=findings(session, flt, today=today, unresolved=True, limit=finding_limit),
        integrity=integrity(session, flt) if with_integrity else [],
        regions=regions_summary(session, flt, first.league),
        complete=True,
    )


# ---------------------------------------------------------------- rectification
def _close(
    session: Session, target: Inspection, f: Finding, *, actor: str, by_uuid: str | None, note: str
) -> None:
    old = insp_svc.finding_dict(f)
    f.status = CLOSED
    f.closed_at = utcnow()
    f.closed_by_uuid = by_uuid
    f.closing_note = note
    f.updated_at = utcnow()
    audit.record(
        session,
        actor=actor,
        entity="finding",
        action="close",
        key=f.item_id,
        old=old,
        new={**insp_svc.finding_dict(f), "note": note},
        inspection=target,
    )


def close_findings_by_recheck(
    session: Session, recheck_insp: Inspection, *, actor: str
) -> list[Finding]:
    """Close the open findings of the followed-up inspection whose item passes in the re-check.

    Only a clear pass closes a finding: a partial, N/A or unanswered item in the re-check
    leaves it open. Each closing is audited on the followed-up inspection.
    """
    if not recheck_insp.recheck_of:
        raise ValidationError(
            f"inspection {recheck_insp.uuid} is not a re-check; create one with "
            "'inspector new --recheck-of ID'"
        )
    target = insp_svc.get(session, recheck_insp.recheck_of)
    result = insp_svc.compute_score(recheck_insp)
    closed: list[Finding] = []
    for f in target.findings:
        if not f.active or f.status == CLOSED:
            continue
        s = result.items.get(f.item_id)
        if s is None or s.outcome != Outcome.PASS:
            continue
        _close(
            session,
            target,
            f,
            actor=actor,
            by_uuid=recheck_insp.uuid,
            note=f"re-check {recheck_insp.uuid} passed",
        )
        closed.append(f)
    session.flush()
    log.info("re-check %s closed %d finding(s) of %s", recheck_insp.uuid, len(closed), target.uuid)
    return closed


def close_finding(session: Session, ref: str, item_id: str, *, note: str, actor: str) -> Finding:
    """Close one finding by hand (rectification verified without a re-check)."""
    if not note.strip():
        raise ValidationError(
            "closing a finding needs a note saying how it was rectified (--note TEXT)"
        )
    target = insp_svc.get(session, ref)
    f = next((x for x in target.findings if x.item_id == item_id and x.active), None)
    if f is None:
        raise NotFoundError(
            f"item {item_id!r} is not a finding of inspection {target.uuid}; "
            "'inspector hq findings' lists the findings"
        )
    if f.status == CLOSED:
        raise ValidationError(
            f"finding {item_id} of inspection {target.uuid} is already closed "
            f"({f.closed_at:%Y-%m-%d})"
            if f.closed_at
            else f"finding {item_id} of inspection {target.uuid} is already closed"
        )
    _close(session, target, f, actor=actor, by_uuid=None, note=note.strip())
    session.flush()
    return f


# ---------------------------------------------------------------- tables (PDF / Excel / CSV)
_L = {
    "summary": ("汇总", "Summary"),
    "regions": ("区域汇总", "Regions"),
    "league": ("网点排名", "League table"),
    "not_inspected": (
        "未参与排名的网点（本期无此类检查）",
        "Branches not ranked (no such inspection in the period)",
    ),
    "heatmap": (
        "区域得分热力图（各网点各区域最近一次得分）",
        "Area heatmap (each branch's latest score per area)",
    ),
    "failing": ("最常见问题项", "Items failed most often"),
    "veto": ("红线（一票否决）未通过", "Red-line (veto) failures"),
    "findings": ("整改跟踪", "Rectification"),
    "all_findings": ("全部整改事项", "All findings"),
    "overdue": ("逾期未整改", "Overdue rectifications"),
    "trend": ("得分趋势（月均）", "Score trend (monthly average)"),
    "integrity": ("证据完整性", "Evidence integrity"),
    "rank": ("名次", "Rank"),
    "code": ("网点代码", "Code"),
    "branch": ("网点", "Branch"),
    "region": ("区域", "Region"),
    "latest": ("最近得分", "Latest score"),
    "grade": ("等级", "Grade"),
    "redline": ("红线", "Red line"),
    "trend_d": ("变化", "Change"),
    "date": ("检查日期", "Inspected"),
    "n": ("检查次数", "Inspections"),
    "avg": ("平均分", "Average"),
    "untrusted": ("未验证来源", "Untrusted"),
    "percent": ("得分率", "Percent"),
    "item": ("检查项", "Item"),
    "item_id": ("检查项编号", "Item id"),
    "failures": ("不合格次数", "Failures"),
    "branches": ("网点数", "Branches"),
    "inspected": ("已检查网点", "Inspected branches"),
    "share": ("每百次检查", "Per 100 inspections"),
    "score": ("得分", "Score"),
    "items": ("未通过的红线项", "Red-line items failed"),
    "inspection": ("检查编号", "Inspection"),
    "severity": ("严重程度", "Severity"),
    "action": ("整改措施", "Action"),
    "owner": ("责任人", "Owner"),
    "deadline": ("整改期限", "Deadline"),
    "status": ("状态", "Status"),
    "closed_at": ("整改完成日期", "Closed on"),
    "closing_note": ("整改说明", "Closing note"),
    "month": ("月份", "Month"),
    "kind": ("类型", "Kind"),
    "detail": ("说明", "Detail"),
    "taken": ("拍摄时间", "Taken"),
    "open": ("未整改", "Open"),
    "overdue_n": ("逾期", "Overdue"),
    "closed": ("已整改", "Closed"),
    "all": ("全部", "All"),
    "vetoes": ("红线未通过", "Red-line failures"),
    "record": ("记录状态", "Record"),
    "mode": ("检查方式", "Mode"),
    "checklist": ("检查表", "Checklist"),
    "answers": ("答卷", "Answers"),
    "key": ("项目", "Item"),
    "value": ("内容", "Value"),
}
_STATUS = {OPEN: ("未整改", "open"), OVERDUE: ("逾期", "overdue"), CLOSED: ("已整改", "closed")}
ID_CHARS = 13  # 'xxxxxxxx-xxxx': a prefix 'inspector show' accepts, unique at HQ scale


def label(key: str, lang: str) -> str:
    zh, en = _L[key]
    return zh if lang == "zh" else en


def short_id(uuid: str) -> str:
    """The inspection id as printed in the PDF: long enough to be unique, never wrapped."""
    return uuid[:ID_CHARS]


def _redline(passed: bool | None, veto: int, lang: str) -> str:
    if veto > 0:
        return f"未通过（{veto} 项）" if lang == "zh" else f"failed ({veto})"
    if passed is None:
        return ""
    return "通过" if lang == "zh" else "passed"


def tables(data: HqData, lang: str = "en") -> list[HqTable]:
    """One table per view (Excel sheet, CSV file); rows hold typed values.

    Dates and times are already in the reader's zone (the headers say which); rows of a
    draft inspection say so in a 'Record' column whenever drafts are included.
    """
    tz = data.tz
    zone = timefmt.offset_label(tz, data.generated_at)
    drafts = data.filter.drafts

    def c(key: str, lk: str, kind: str = TEXT, width: float = 1.0, *, pdf: bool = True) -> HqColumn:
        return HqColumn(key, label(lk, lang), kind, width, pdf=pdf)

    def rec(draft: bool) -> tuple[Any, ...]:
        return (
            (status_label_insp("draft" if draft else insp_svc.FINALIZED, lang),) if drafts else ()
        )

    rec_col = (c("record", "record", TEXT, 0.6),) if drafts else ()

    def d(dt: datetime | None) -> date | None:
        return timefmt.local_date(dt, tz) if dt is not None else None

    league_t = HqTable(
        "league",
        label("league", lang),
        (
            c("rank", "rank", INT, 0.5),
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 2),
            c("region", "region"),
            c("latest", "latest", SCORE, 0.8),
            c("grade", "grade", TEXT, 0.7),
            c("redline", "redline", TEXT, 0.8),
            c("trend", "trend_d", DELTA, 0.6),
            c("date", "date", DATE, 0.9),
            c("n", "n", INT, 0.8),
            c("avg", "avg", SCORE, 0.7),
            c("untrusted", "untrusted", INT, 0.7),
            *rec_col,
        ),
        [
            (
                r.rank,
                r.code,
                r.name,
                r.region,
                _r(r.latest_score),
                data.grade_label(r.latest_grade, lang),
                _redline(r.latest_passed, r.veto_failed, lang),
                _r(r.trend),
                d(r.latest_at),
                r.inspections,
                _r(r.average),
                r.untrusted,
                *rec(r.latest_draft),
            )
            for r in data.ranked()
        ],
        note=(
            ("比较范围：" if lang == "zh" else "Compared: ")
            + data.league_scope(lang)
            + (
                "。红线未通过的网点排在通过的网点之后。"
                if lang == "zh"
                else ". A branch that failed a red line never ranks above one that passed."
            )
        ),
        sheet=label("league", lang),
    )
    absent_t = HqTable(
        "not_inspected",
        label("not_inspected", lang),
        (c("code", "code", TEXT, 0.8), c("name", "branch", TEXT, 2), c("region", "region")),
        [(r.code, r.name, r.region) for r in data.unranked()],
        group=2,
        sheet="未参与排名" if lang == "zh" else "Not ranked",
    )
    hm = data.heatmap
    heat_t = HqTable(
        "heatmap",
        label("heatmap", lang),
        (
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 2),
            *(HqColumn(a, hm.area_title(a, lang), PERCENT) for a in hm.areas),
        ),
        [
            (code, hm.branch_names.get(code, ""), *(_r(hm.value(code, a)) for a in hm.areas))
            for code in hm.branches
        ],
        sheet="区域得分" if lang == "zh" else "Area scores",
    )
    failing_t = HqTable(
        "failing_items",
        label("failing", lang),
        (
            c("text", "item", TEXT, 4),
            c("failures", "failures", INT, 0.8),
            c("branches", "branches", INT, 0.7),
            c("share", "share", PERCENT, 0.8),
            c("item", "item_id", TEXT, 1.2, pdf=False),
        ),
        [(f.text(lang), f.failures, f.branches, _r(f.share), f.item_id) for f in data.failing],
        sheet="常见问题项" if lang == "zh" else "Failed items",
    )
    veto_t = HqTable(
        "veto_failures",
        label("veto", lang),
        (
            c("date", "date", DATE, 0.9),
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 1.6),
            c("region", "region"),
            c("score", "score", SCORE, 0.6),
            c("grade", "grade", TEXT, 0.6),
            c("items", "items", TEXT, 3),
            c("inspection", "inspection", ID, 1.3),
            *rec_col,
        ),
        [
            (
                d(v.started_at),
                v.code,
                v.name,
                v.region,
                _r(v.score),
                data.grade_label(v.grade, lang),
                "；".join(v.titles(lang)) if lang == "zh" else "; ".join(v.titles(lang)),
                v.uuid,
                *rec(v.draft),
            )
            for v in data.vetoes
        ],
        group=3,
        sheet="红线" if lang == "zh" else "Red lines",
    )

    def finding_table(name: str, title: str, rows: list[FindingRow], sheet: str) -> HqTable:
        return HqTable(
            name,
            title,
            (
                c("date", "date", DATE, 0.9),
                c("code", "code", TEXT, 0.8),
                c("name", "branch", TEXT, 1.4),
                c("region", "region"),
                c("item", "item", TEXT, 2.6),
                c("severity", "severity", TEXT, 0.75),
                c("action", "action", TEXT, 1.6),
                c("owner", "owner", TEXT, 0.9),
                c("deadline", "deadline", DATE, 0.9),
                c("status", "status", TEXT, 0.6),
                c("closed_at", "closed_at", DATE, 0.9),
                c("closing_note", "closing_note", TEXT, 1.5, pdf=False),
                c("inspection", "inspection", ID, 1.3),
                c("item_id", "item_id", TEXT, 1.2, pdf=False),
                *rec_col,
            ),
            [
                (
                    d(f.started_at),
                    f.code,
                    f.name,
                    f.region,
                    f.item_title(lang),
                    severity_label(f.severity, lang),
                    f.action,
                    f.owner,
                    f.deadline,
                    status_label(f.status, lang),
                    d(f.closed_at),
                    f.closing_note,
                    f.inspection_uuid,
                    f.item_id,
                    *rec(f.draft),
                )
                for f in rows
            ],
            group=3,
            sheet=sheet,
        )

    find_t = finding_table(
        "findings",
        label("findings", lang),
        data.all_findings or data.findings,
        "整改跟踪" if lang == "zh" else "Findings",
    )
    trend_t = HqTable(
        "trend",
        label("trend", lang),
        (c("month", "month"), c("region", "region"), c("avg", "avg", SCORE), c("n", "n", INT)),
        [
            (p.period, p.region or label("all", lang), _r(p.average), p.inspections)
            for p in data.trend
        ],
        sheet="得分趋势" if lang == "zh" else "Trend",
    )
    integ_t = HqTable(
        "integrity",
        label("integrity", lang),
        (
            c("kind", "kind", TEXT, 1.0),
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 1.4),
            c("item", "item", TEXT, 2.0),
            HqColumn(
                "taken",
                f"{label('taken', lang)}（{zone}）"
                if lang == "zh"
                else f"{label('taken', lang)} ({zone})",
                DATETIME,
                1.1,
            ),
            c("detail", "detail", TEXT, 3),
            c("inspection", "inspection", ID, 1.3),
        ),
        [
            (
                g.kind_label(lang),
                g.code,
                g.name,
                g.item_title(lang),
                timefmt.local(g.taken_at, tz).replace(tzinfo=None) if g.taken_at else None,
                g.text(lang),
                g.inspection_uuid,
            )
            for g in data.integrity
        ],
        sheet="证据完整性" if lang == "zh" else "Integrity",
    )
    return [league_t, absent_t, heat_t, failing_t, veto_t, find_t, trend_t, integ_t]


def summary_table(data: HqData, lang: str = "en") -> HqTable:
    """Key figures of the selection as (label, value) rows (first page, first sheet)."""
    zh = lang == "zh"
    open_n = sum(r.open for r in data.rectification)
    overdue_n = sum(r.overdue for r in data.rectification)
    closed_n = sum(r.closed for r in data.rectification)
    inspected = len(data.ranked())
    any_inspection = sum(r.inspected for r in data.regions) if data.regions else inspected
    rows: list[tuple[Any, ...]] = [
        ("统计期间" if zh else "Period", data.filter.period(lang)),
        ("范围" if zh else "Selection", data.filter.describe(lang)),
        (
            "生成时间" if zh else "Generated",
            timefmt.fmt_datetime(data.generated_at, data.tz),
        ),
        ("检查次数" if zh else "Inspections", data.inspections),
    ]
    if data.filter.drafts:
        rows.append(
            ("其中草稿（未定稿）" if zh else "of which drafts (not finalized)", data.drafts)
        )
    rows += [
        ("网点数" if zh else "Branches", data.branches),
        ("本期有检查的网点" if zh else "Branches inspected in the period", any_inspection),
        ("本期无检查的网点" if zh else "Branches not inspected", data.branches - any_inspection),
        ("参与排名的网点" if zh else "Branches ranked", inspected),
        ("平均得分" if zh else "Average score", _r(data.average)),
        ("排名比较范围" if zh else "League compares", data.league_scope(lang)),
        ("红线未通过（检查次数）" if zh else "Red-line failures (inspections)", len(data.vetoes)),
        ("整改：未整改" if zh else "Findings: open", open_n),
        ("整改：逾期" if zh else "Findings: overdue", overdue_n),
        ("整改：已整改" if zh else "Findings: closed", closed_n),
        ("证据完整性提示" if zh else "Integrity flags", len(data.integrity)),
    ]
    return HqTable(
        "summary",
        label("summary", lang),
        (HqColumn("key", label("key", lang), TEXT, 1.5), HqColumn("value", label("value", lang))),
        rows,
        sheet=label("summary", lang),
    )


def regions_table(data: HqData, lang: str = "en") -> HqTable:
    def c(key: str, lk: str, kind: str = TEXT, width: float = 1.0) -> HqColumn:
        return HqColumn(key, label(lk, lang), kind, width)

    return HqTable(
        "regions",
        label("regions", lang),
        (
            c("region", "region", TEXT, 1.4),
            c("branches", "branches", INT),
            c("inspected", "inspected", INT),
            c("n", "n", INT),
            c("avg", "avg", SCORE),
            c("vetoes", "vetoes", INT),
        ),
        [
            (r.region, r.branches, r.inspected, r.inspections, _r(r.average), r.vetoes)
            for r in data.regions
        ],
        sheet=label("regions", lang),
    )


def answer_tables(data: HqData, lang: str = "en") -> list[HqTable]:
    """One table per checklist with every answer of every selected inspection."""
    out = []
    for sh in data.answer_sheets:
        title = sh.title_zh if lang == "zh" else sh.title_en
        cols = (
            HqColumn("inspection", label("inspection", lang), ID, 1.3),
            HqColumn("code", label("code", lang)),
            HqColumn("name", label("branch", lang), TEXT, 2),
            HqColumn("region", label("region", lang)),
            HqColumn("date", label("date", lang), DATE),
            HqColumn("mode", label("mode", lang)),
            HqColumn("record", label("record", lang)),
            HqColumn("score", label("score", lang), SCORE),
            HqColumn("grade", label("grade", lang)),
            *(HqColumn(i, zh if lang == "zh" else en, TEXT, 1.5) for i, zh, en in sh.items),
        )
        out.append(
            HqTable(
                f"answers_{sh.checklist_id}",
                f"{label('answers', lang)}：{title}" if lang == "zh" else f"Answers: {title}",
                cols,
                sh.rows,
                sheet=f"{label('answers', lang)}-{title}",
            )
        )
    return out


def status_label(status: str, lang: str) -> str:
    zh, en = _STATUS.get(status, (status, status))
    return zh if lang == "zh" else en


_SEVERITY = {"high": ("高", "high"), "medium": ("中", "medium"), "low": ("低", "low")}


def severity_label(severity: str, lang: str) -> str:
    zh, en = _SEVERITY.get(severity, (severity, severity))
    return zh if lang == "zh" else en


def _r(v: float | None) -> float | None:
    return round(v, 2) if v is not None else None


def report_content(data: HqData, lang: str = "en") -> HqReportContent:
    """What the consolidated PDF shows, in ``lang`` (zh | en)."""
    if lang not in ("zh", "en"):
        raise ValidationError(f"--lang must be zh or en, not {lang!r}")
    zh = lang == "zh"
    tbls = {t.name: t for t in tables(data, lang)}
    summary = [
        (str(k), "—" if v is None else format_value(v, SCORE if isinstance(v, float) else TEXT))
        for k, v in summary_table(data, lang).rows
    ]
    hm = data.heatmap
    heat = HqHeatmap(
        label("heatmap", lang),
        [f"{code} {hm.branch_names.get(code, '')}" for code in hm.branches],
        [hm.area_title(a, lang) for a in hm.areas],
        [[hm.value(code, a) for a in hm.areas] for code in hm.branches],
    )
    ftbl = tbls["findings"]
    # Every overdue row has the same status and no closing date: those columns say nothing.
    overdue_t = replace(
        ftbl,
        name="overdue",
        title=label("overdue", lang),
        columns=tuple(
            replace(col, pdf=False) if col.key in ("status", "closed_at") else col
            for col in ftbl.columns
        ),
        rows=[
            r
            for r, f in zip(ftbl.rows, data.all_findings or data.findings, strict=True)
            if f.status == OVERDUE
        ],
        note=(
            (
                f"仅列出最紧迫的 {FINDING_ROWS} 项未整改事项中的逾期项；完整清单见 Excel 导出。"
                if zh
                else f"Overdue items among the {FINDING_ROWS} most urgent open findings; "
                "the Excel export lists them all."
            )
            if len(data.findings) >= FINDING_ROWS
            else ""
        ),
    )
    sections: list[HqTable | HqHeatmap] = [
        tbls["league"],
        tbls["not_inspected"],
        heat,
        tbls["failing_items"],
        tbls["veto_failures"],
        overdue_t,
    ]
    if data.integrity:
        sections.append(tbls["integrity"])
    overall = [p for p in data.trend if p.region == ""]
    by_region: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for p in data.trend:
        if p.region:
            by_region[p.region].append((p.period, p.average))
    banner = ""
    if data.filter.drafts:
        banner = (
            f"本报告含 {data.drafts} 份草稿（未定稿）检查，标注为“草稿”的数据可能变化"
            if zh
            else f"Includes {data.drafts} draft (not finalized) inspection(s); rows marked "
            "'draft' may still change"
        )
    return HqReportContent(
        title="消费者权益保护检查汇总报告" if zh else "Consumer protection inspections: HQ report",
        subtitle=f"{data.filter.period(lang)} · "
        + ("生成于 " if zh else "generated ")
        + timefmt.fmt_datetime(data.generated_at, data.tz),
        lang=lang,
        summary=summary,
        sections=sections,
        footer="分支机构检查系统" if zh else "Branch Inspector",
        regions=regions_table(data, lang),
        trend=[(p.period, p.average) for p in overall],
        trend_regions=dict(by_region),
        trend_title=label("trend", lang),
        banner=banner,
    )


# ---------------------------------------------------------------- Excel / CSV
_EXCEL_FORMATS = {
    SCORE: "0.0",
    PERCENT: "0.0",
    DELTA: "+0.0;-0.0;0.0",
    INT: "0",
    DATE: "yyyy-mm-dd",
    DATETIME: "yyyy-mm-dd hh:mm",
}
_SHEET_BAD = str.maketrans({ch: "_" for ch in "[]:*?/\\"})


def export_cell(value: Any, kind: str, target: str) -> Any:
    """The one place a cell value for a file is produced (``target`` xlsx | csv).

    Every Excel cell and CSV field goes through here, so a rule for all of them (e.g.
    neutralising text that a spreadsheet would run as a formula) has one place to live.
    Times in rows are already local (naive); aware ones are turned into the default zone.
    """
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = timefmt.excel_datetime(value, timefmt.zone())
    if target == "csv":
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.isoformat(sep=" ", timespec="minutes")
        if isinstance(value, date):
            return value.isoformat()
        # Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) stays text.
        return spreadsheet_text(value)
    return value  # xlsx: formula-like strings are stored as text cells by the writer


def _sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique Excel sheet name (31 characters, none of []:*?/\\)."""
    base = name.translate(_SHEET_BAD).strip("'")[:31] or "Sheet"
    out, n = base, 2
    while out.lower() in used:
        suffix = f" ({n})"
        out = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(out.lower())
    return out


def export_tables(data: HqData, lang: str = "en") -> list[HqTable]:
    """What 'hq export' writes: summary, regions, every view, then one answer sheet per
    checklist."""
    return [
        summary_table(data, lang),
        regions_table(data, lang),
        *tables(data, lang),
        *answer_tables(data, lang),
    ]


def excel_bytes(data: HqData, lang: str = "en") -> bytes:
    """The workbook: one sheet per table, typed cells, number formats, frozen header,
    auto-filter; sheet names in the report language."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    head_fill = PatternFill("solid", fgColor="DCE3EF")
    used: set[str] = set()
    for t in export_tables(data, lang):
        ws = wb.create_sheet(_sheet_name(t.sheet or t.title, used))
        ws.append([export_cell(col.header, TEXT, "xlsx") for col in t.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = head_fill
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for row in t.rows:
            ws.append(
                [export_cell(v, col.kind, "xlsx") for v, col in zip(row, t.columns, strict=True)]
            )
            for cell in ws[ws.max_row]:
                # openpyxl makes any string starting with "=" a live formula; a branch
                # name from a package is data, so it is stored as a text cell.
                if isinstance(cell.value, str) and is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
        for ci, col in enumerate(t.columns, start=1):
            letter = get_column_letter(ci)
            fmt = _EXCEL_FORMATS.get(col.kind)
            if fmt:
                for (cell,) in ws.iter_rows(min_row=2, min_col=ci, max_col=ci):
                    cell.number_format = fmt
            longest = max(
                [_text_width(col.header)]
                + [_text_width(str(r[ci - 1])) for r in t.rows[:500] if r[ci - 1] is not None]
            )
            ws.column_dimensions[letter].width = min(60, max(8, longest + 2))
        ws.freeze_panes = "A2"
        last = get_column_letter(len(t.columns))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(t.rows) + 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_excel(data: HqData, path: Path, lang: str = "en") -> None:
    """The workbook written all or nothing (a half-written .xlsx never sits at ``path``)."""
    write_atomic(path, excel_bytes(data, lang))
    log.info("HQ Excel export written to %s", path)


def _text_width(s: str) -> int:
    # CJK characters take about two columns in Excel.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def write_csv(data: HqData, folder: Path, lang: str = "en") -> list[Path]:
    """One CSV per table, UTF-8 with BOM so Excel opens Chinese text correctly."""
    if folder.exists() and not folder.is_dir():
        raise ValidationError(f"-o: {folder} is a file; CSV export needs a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ValidationError(f"-o: cannot create folder {folder} ({e.strerror})") from None
    out: list[Path] = []
    for t in export_tables(data, lang):
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow([export_cell(col.header, TEXT, "csv") for col in t.columns])
        for row in t.rows:
            w.writerow(
                [export_cell(v, col.kind, "csv") for v, col in zip(row, t.columns, strict=True)]
            )
        path = folder / f"{t.name}.csv"
        write_atomic(path, buf.getvalue().encode("utf-8-sig"))
        out.append(path)
    return out
