"""HQ views: league table, area heatmap, failing items, vetoes, trends, rectification, integrity.

Every query works on current revisions only (``is_current``) and aggregates in the
database (GROUP BY and window functions that SQLite >= 3.25 and PostgreSQL both run), so
the views stay fast at 100,000 inspections without loading them into memory. Results are
plain frozen dataclasses: the Qt dashboard, the CLI, the PDF report and the Excel export
all read the same :class:`HqData`.

Drafts count like finalized inspections unless ``HqFilter.finalized_only`` is set: HQ
databases normally hold imported (finalized) inspections only, and a branch laptop's own
HQ view should show its drafts too.
"""

from __future__ import annotations

import csv
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone
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
from inspector.db.models import (
    Branch,
    ChecklistSnapshot,
    Finding,
    Inspection,
    Photo,
    SectionScoreRow,
    utcnow,
)
from inspector.domain.checklist import Checklist, Mode
from inspector.domain.scoring import Outcome
from inspector.errors import NotFoundError, ValidationError
from inspector.reports.hq_report import (
    DATE,
    DATETIME,
    DELTA,
    INT,
    PERCENT,
    SCORE,
    TEXT,
    HqColumn,
    HqHeatmap,
    HqReportContent,
    HqTable,
)
from inspector.services import audit
from inspector.services import inspections as insp_svc

log = logging.getLogger(__name__)

HISTORY_POINTS = 8  # scores kept per branch for the sparkline
TOP_ITEMS = 20
VETO_ROWS = 200
FINDING_ROWS = 5000
# Naive visit times are the branch's local time; our branches are in China (UTC+8).
LOCAL_TZ = timezone(timedelta(hours=8))
DEFAULT_TOLERANCE = timedelta(minutes=60)

OPEN = "open"
OVERDUE = "overdue"
CLOSED = "closed"
STATUSES = (OPEN, OVERDUE, CLOSED)


# ---------------------------------------------------------------- filter
@dataclass(frozen=True, slots=True)
class HqFilter:
    """What the dashboard's filter bar and the CLI options select."""

    region: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    checklist_id: str | None = None
    mode: str | None = None
    # At HQ every imported inspection is finalized; on an inspector's laptop drafts show
    # too unless this is set (the dashboard's "Finalized only", 'hq --finalized-only').
    finalized_only: bool = False

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
            parts.append(("方式 " if zh else "mode ") + self.mode)
        if self.finalized_only:
            parts.append("仅已定稿" if zh else "finalized only")
        if not parts:
            return "全部网点、全部时间" if zh else "all branches, all time"
        return "; ".join(parts)


def _day_start(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def _conditions(flt: HqFilter, insp: Any = Inspection) -> list[ColumnElement[bool]]:
    """WHERE terms on ``inspections`` (or an alias of it) for the filter."""
    conds: list[ColumnElement[bool]] = [insp.is_current.is_(True)]
    if flt.date_from:
        conds.append(insp.started_at >= _day_start(flt.date_from))
    if flt.date_to:
        conds.append(insp.started_at < _day_start(flt.date_to) + timedelta(days=1))
    if flt.mode:
        conds.append(insp.mode == flt.mode)
    if flt.finalized_only:
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


def _month(session: Session, col: Any) -> ColumnElement[str]:
    """'YYYY-MM' of a timestamp column, in the dialect's own words."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(col, "YYYY-MM")
    return func.strftime("%Y-%m", col)


# ---------------------------------------------------------------- result types
@dataclass(frozen=True, slots=True)
class BranchInfo:
    id: int
    code: str
    name: str
    region: str


@dataclass(frozen=True, slots=True)
class LeagueRow:
    """A branch in the league table. ``trend`` is latest minus previous score."""

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

    @property
    def trend(self) -> float | None:
        if self.latest_score is None or self.previous_score is None:
            return None
        return self.latest_score - self.previous_score


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
    items: tuple[str, ...]


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

    def as_dict(self) -> dict[str, Any]:
        return {
            "inspection": self.inspection_uuid,
            "branch": {"code": self.code, "name": self.name, "region": self.region},
            "item": self.item_id,
            "severity": self.severity,
            "owner": self.owner,
            "action": self.action,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "status": self.status,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "closed_by": self.closed_by,
            "note": self.closing_note,
            "inspected_at": self.started_at.isoformat(),
        }


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
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "sha256": self.sha256,
            "inspection": self.inspection_uuid,
            "branch": self.code,
            "branch_name": self.name,
            "item": self.item_id,
            "taken_at": self.taken_at.isoformat() if self.taken_at else None,
            "detail": self.detail,
        }


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

    def grade_label(self, code: str | None, lang: str) -> str:
        """The grade as people read it (优秀 / Excellent), not its code."""
        if not code:
            return ""
        zh, en = self.grade_labels.get(code, (code, code))
        return zh if lang == "zh" else en

    def summary_dict(self) -> dict[str, Any]:
        """The ``hq summary --json`` contract."""
        return {
            "inspections": self.inspections,
            "branches": self.branches,
            "per_branch": [
                {
                    "code": r.code,
                    "name": r.name,
                    "region": r.region,
                    "latest_score": round(r.latest_score, 2)
                    if r.latest_score is not None
                    else None,
                    "latest_grade": r.latest_grade,
                    "latest_at": r.latest_at.isoformat() if r.latest_at else None,
                    "inspections": r.inspections,
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


def league(session: Session, flt: HqFilter, history: list[Any] | None = None) -> list[LeagueRow]:
    """Branches ranked by their latest score; branches without inspections come last."""
    branches = _branches(session, flt)
    stats = {
        r.branch_id: r
        for r in session.execute(
            select(
                Inspection.branch_id,
                func.count().label("n"),
                func.avg(Inspection.score_total).label("avg"),
                func.sum(case((Inspection.trusted.is_(False), 1), else_=0)).label("untrusted"),
            )
            .where(*_conditions(flt))
            .group_by(Inspection.branch_id)
        )
    }
    by_branch: dict[int, list[Any]] = defaultdict(list)
    for r in history if history is not None else _history(session, flt):
        by_branch[r.branch_id].append(r)
    out: list[LeagueRow] = []
    for bid, b in branches.items():
        rs = by_branch.get(bid, [])
        st = stats.get(bid)
        if not rs or st is None:
            out.append(
                LeagueRow(
                    None, b.code, b.name, b.region, None, None, None, None, None, 0, None, 0, 0, ()
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
            )
        )
    out.sort(key=lambda r: (r.latest_score is None, -(r.latest_score or 0.0), r.code))
    ranked: list[LeagueRow] = []
    for i, lr in enumerate(out, start=1):
        ranked.append(replace(lr, rank=i) if lr.latest_score is not None else lr)
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
        )
        for r in rows
    ]


def trend(session: Session, flt: HqFilter) -> list[TrendPoint]:
    """Average score per month, per region and over all regions.

    Grouped by (month, branch) in the database, which reads only the covering index, and
    folded into regions here (a few thousand groups at most).
    """
    month = _month(session, Inspection.started_at).label("m")
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
        )
        for r in session.execute(q)
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
    """
    conds = _conditions(flt)
    ids = _current_ids(flt)
    out: list[IntegrityFlag] = []
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
    for sha, rs in groups.items():
        for r in rs:
            others = sorted({f"{o.code} {o.uuid[:8]}" for o in rs if o.uuid != r.uuid})
            same_branch = all(o.code == r.code for o in rs)
            where = "another visit of the same branch" if same_branch else "other branches"
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
        taken: datetime = r.taken_at
        if start - tolerance <= taken <= end + tolerance:
            continue
        gap = start - taken if taken < start else taken - end
        side = "before" if taken < start else "after"
        minutes = int(gap.total_seconds() // 60)
        out.append(
            IntegrityFlag(
                "outside_visit",
                r.sha256,
                r.uuid,
                r.code,
                r.name,
                r.item_id,
                taken,
                f"taken {minutes} min {side} the visit ({start:%Y-%m-%d %H:%M} – {end:%H:%M} UTC)",
            )
        )
    return out


# ---------------------------------------------------------------- everything at once
def load(
    session: Session,
    flt: HqFilter | None = None,
    *,
    with_integrity: bool = True,
    today: date | None = None,
    finding_limit: int | None = FINDING_ROWS,
) -> HqData:
    """All views for ``flt`` (what the dashboard, report and export show).

    ``findings`` holds the unresolved (open and overdue) ones; closed findings are
    counted per branch in ``rectification`` ('hq findings --status closed' lists them).
    """
    first = load_first(session, flt)
    return load_rest(
        session, first, with_integrity=with_integrity, today=today, finding_limit=finding_limit
    )


def load_first(session: Session, flt: HqFilter | None = None) -> HqData:
    """The views a dashboard shows first (counts, league, heatmap), ``complete=False``.

    At 100,000 inspections these take a fraction of the whole; the dashboard shows them
    while :func:`load_rest` computes the others.
    """
    flt = flt or HqFilter()
    total, avg = counts(session, flt)
    hist = _history(session, flt)
    lg = league(session, flt, history=hist)
    hm = heatmap(session, flt, order=[r.code for r in lg], history=hist)
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
    "league": ("排名", "League table"),
    "heatmap": (
        "区域得分热力图（各网点最近一次检查）",
        "Area heatmap (latest inspection per branch)",
    ),
    "failing": ("最常见问题项", "Items failed most often"),
    "veto": ("一票否决项", "Veto failures"),
    "findings": ("整改跟踪", "Rectification"),
    "overdue": ("逾期未整改", "Overdue rectifications"),
    "trend": ("得分趋势（月均）", "Score trend (monthly average)"),
    "integrity": ("证据完整性", "Evidence integrity"),
    "rank": ("名次", "Rank"),
    "code": ("网点代码", "Code"),
    "branch": ("网点", "Branch"),
    "region": ("区域", "Region"),
    "latest": ("最近得分", "Latest score"),
    "grade": ("等级", "Grade"),
    "trend_d": ("变化", "Change"),
    "date": ("日期", "Date"),
    "n": ("检查次数", "Inspections"),
    "avg": ("平均分", "Average"),
    "veto_n": ("否决项", "Vetoes"),
    "untrusted": ("未验证来源", "Untrusted"),
    "area": ("区域检查表", "Area"),
    "percent": ("得分率", "Percent"),
    "item": ("检查项", "Item"),
    "text": ("内容", "Text"),
    "failures": ("不合格次数", "Failures"),
    "branches": ("网点数", "Branches"),
    "share": ("每百次检查", "Per 100 inspections"),
    "score": ("得分", "Score"),
    "items": ("否决项目", "Veto items"),
    "inspection": ("检查编号", "Inspection"),
    "severity": ("严重程度", "Severity"),
    "owner": ("责任人", "Owner"),
    "deadline": ("整改期限", "Deadline"),
    "status": ("状态", "Status"),
    "closed_at": ("关闭时间", "Closed"),
    "month": ("月份", "Month"),
    "kind": ("类型", "Kind"),
    "detail": ("说明", "Detail"),
    "taken": ("拍摄时间", "Taken"),
    "open": ("未整改", "Open"),
    "overdue_n": ("逾期", "Overdue"),
    "closed": ("已整改", "Closed"),
    "all": ("全部", "All"),
}
_STATUS = {OPEN: ("未整改", "open"), OVERDUE: ("逾期", "overdue"), CLOSED: ("已整改", "closed")}


def label(key: str, lang: str) -> str:
    zh, en = _L[key]
    return zh if lang == "zh" else en


def tables(data: HqData, lang: str = "en") -> list[HqTable]:
    """One table per view (Excel sheet, CSV file)."""

    def c(key: str, lk: str, kind: str = TEXT, width: float = 1.0) -> HqColumn:
        return HqColumn(key, label(lk, lang), kind, width)

    league_t = HqTable(
        "league",
        label("league", lang),
        (
            c("rank", "rank", INT, 0.5),
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 2),
            c("region", "region"),
            c("latest", "latest", SCORE, 0.8),
            c("grade", "grade", TEXT, 0.8),
            c("trend", "trend_d", DELTA, 0.7),
            c("date", "date", DATE, 0.9),
            c("n", "n", INT, 0.7),
            c("avg", "avg", SCORE, 0.8),
            c("veto", "veto_n", INT, 0.6),
            c("untrusted", "untrusted", INT, 0.7),
        ),
        [
            (
                r.rank,
                r.code,
                r.name,
                r.region,
                _r(r.latest_score),
                data.grade_label(r.latest_grade, lang),
                _r(r.trend),
                r.latest_at.date() if r.latest_at else None,
                r.inspections,
                _r(r.average),
                r.veto_failed,
                r.untrusted,
            )
            for r in data.league
        ],
    )
    hm = data.heatmap
    heat_t = HqTable(
        "heatmap",
        label("heatmap", lang),
        (
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 2),
            *(HqColumn(a, a, PERCENT) for a in hm.areas),
        ),
        [
            (code, hm.branch_names.get(code, ""), *(_r(hm.value(code, a)) for a in hm.areas))
            for code in hm.branches
        ],
    )
    failing_t = HqTable(
        "failing_items",
        label("failing", lang),
        (
            c("item", "item", TEXT, 1.2),
            c("text", "text", TEXT, 4),
            c("failures", "failures", INT, 0.8),
            c("branches", "branches", INT, 0.7),
            c("share", "share", PERCENT, 0.8),
        ),
        [(f.item_id, f.text(lang), f.failures, f.branches, _r(f.share)) for f in data.failing],
    )
    veto_t = HqTable(
        "veto_failures",
        label("veto", lang),
        (
            c("date", "date", DATE, 0.9),
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 2),
            c("region", "region"),
            c("score", "score", SCORE, 0.7),
            c("grade", "grade", TEXT, 0.7),
            c("items", "items", TEXT, 2),
            c("inspection", "inspection", TEXT, 1.2),
        ),
        [
            (
                v.started_at.date(),
                v.code,
                v.name,
                v.region,
                _r(v.score),
                data.grade_label(v.grade, lang),
                ", ".join(v.items),
                v.uuid,
            )
            for v in data.vetoes
        ],
    )
    find_t = HqTable(
        "findings",
        label("findings", lang),
        (
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 1.6),
            c("region", "region"),
            c("item", "item", TEXT, 1.2),
            c("severity", "severity", TEXT, 0.7),
            c("owner", "owner"),
            c("deadline", "deadline", DATE, 0.9),
            c("status", "status", TEXT, 0.7),
            c("closed_at", "closed_at", DATE, 0.9),
            c("inspection", "inspection", TEXT, 1.2),
        ),
        [
            (
                f.code,
                f.name,
                f.region,
                f.item_id,
                severity_label(f.severity, lang),
                f.owner,
                f.deadline,
                status_label(f.status, lang),
                f.closed_at.date() if f.closed_at else None,
                f.inspection_uuid,
            )
            for f in data.findings
        ],
    )
    trend_t = HqTable(
        "trend",
        label("trend", lang),
        (c("month", "month"), c("region", "region"), c("avg", "avg", SCORE), c("n", "n", INT)),
        [
            (p.period, p.region or label("all", lang), _r(p.average), p.inspections)
            for p in data.trend
        ],
    )
    integ_t = HqTable(
        "integrity",
        label("integrity", lang),
        (
            c("kind", "kind"),
            c("code", "code", TEXT, 0.8),
            c("name", "branch", TEXT, 1.5),
            c("item", "item"),
            c("taken", "taken", DATETIME),
            c("detail", "detail", TEXT, 3),
            c("inspection", "inspection", TEXT, 1.2),
        ),
        [
            (g.kind, g.code, g.name, g.item_id, g.taken_at, g.detail, g.inspection_uuid)
            for g in data.integrity
        ],
    )
    return [league_t, heat_t, failing_t, veto_t, find_t, trend_t, integ_t]


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
    open_n = sum(r.open for r in data.rectification)
    overdue_n = sum(r.overdue for r in data.rectification)
    closed_n = sum(r.closed for r in data.rectification)
    summary = [
        ("检查次数" if zh else "Inspections", str(data.inspections)),
        ("网点数" if zh else "Branches", str(data.branches)),
        (
            "平均得分" if zh else "Average score",
            f"{data.average:.1f}" if data.average is not None else "—",
        ),
        ("一票否决" if zh else "Veto failures", str(len(data.vetoes))),
        (
            "整改：未整改 / 逾期 / 已整改" if zh else "Findings: open / overdue / closed",
            f"{open_n} / {overdue_n} / {closed_n}",
        ),
        ("证据完整性提示" if zh else "Integrity flags", str(len(data.integrity))),
    ]
    hm = data.heatmap
    heat = HqHeatmap(
        label("heatmap", lang),
        [f"{code} {hm.branch_names.get(code, '')}" for code in hm.branches],
        list(hm.areas),
        [[hm.value(code, a) for a in hm.areas] for code in hm.branches],
    )
    overdue_rows = [r for r in data.findings if r.status == OVERDUE]
    ftbl = tbls["findings"]
    overdue_t = HqTable(
        "overdue",
        label("overdue", lang),
        ftbl.columns[:8],
        [
            (
                f.code,
                f.name,
                f.region,
                f.item_id,
                severity_label(f.severity, lang),
                f.owner,
                f.deadline,
                status_label(f.status, lang),
            )
            for f in overdue_rows
        ],
    )
    sections: list[HqTable | HqHeatmap] = [
        tbls["league"],
        heat,
        tbls["failing_items"],
        tbls["veto_failures"],
        overdue_t,
    ]
    if data.integrity:
        sections.append(tbls["integrity"])
    return HqReportContent(
        title="消费者权益保护检查汇总报告" if zh else "Consumer protection inspections: HQ report",
        subtitle=f"{data.filter.describe(lang)} · "
        + ("生成于 " if zh else "generated ")
        + data.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        lang=lang,
        summary=summary,
        sections=sections,
        footer="Branch Inspector",
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


def _excel_value(v: Any) -> Any:
    # openpyxl refuses aware datetimes; Excel has no time zones, our times are UTC.
    if isinstance(v, datetime) and v.tzinfo is not None:
        return v.astimezone(UTC).replace(tzinfo=None)
    return v


def write_excel(data: HqData, path: Path, lang: str = "en") -> None:
    """One sheet per view: typed cells, number formats, frozen header, auto-filter."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    head_fill = PatternFill("solid", fgColor="DCE3EF")
    for t in tables(data, lang):
        ws = wb.create_sheet(t.name[:31])
        ws.append([col.header for col in t.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = head_fill
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for row in t.rows:
            ws.append([_excel_value(v) for v in row])
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
    try:
        wb.save(path)
    except OSError as e:
        raise ValidationError(f"-o: cannot write {path} ({e.strerror})") from None
    log.info("HQ Excel export written to %s", path)


def _text_width(s: str) -> int:
    # CJK characters take about two columns in Excel.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def write_csv(data: HqData, folder: Path, lang: str = "en") -> list[Path]:
    """One CSV per view, UTF-8 with BOM so Excel opens Chinese text correctly."""
    if folder.exists() and not folder.is_dir():
        raise ValidationError(f"-o: {folder} is a file; CSV export needs a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ValidationError(f"-o: cannot create folder {folder} ({e.strerror})") from None
    out: list[Path] = []
    for t in tables(data, lang):
        path = folder / f"{t.name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow([col.header for col in t.columns])
            for row in t.rows:
                w.writerow([_csv_value(v) for v in row])
        out.append(path)
    return out


def _csv_value(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.isoformat(timespec="minutes")
    if isinstance(v, date):
        return v.isoformat()
    return v
