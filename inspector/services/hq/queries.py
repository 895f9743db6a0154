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

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
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

from inspector import clock
from inspector.checklists import SnapshotDamagedError, checklist_from_json, load_all
from inspector.db.models import Answer as AnswerRow
from inspector.db.models import (
    Branch,
    ChecklistSnapshot,
    Finding,
    HqRepeat,
    Inspection,
    Photo,
    SectionScoreRow,
    utcnow,
)
from inspector.domain import timefmt
from inspector.domain.answers import Answer
from inspector.domain.checklist import AnswerType, Checklist, Mode, Result
from inspector.domain.scoring import value_fraction
from inspector.domain.states import FindingStatus
from inspector.errors import ValidationError
from inspector.services import audit, hq_mystery, hq_rights
from inspector.services import inspections as insp_svc
from inspector.services.findings import (
    CLOSED,
    OPEN,
    OVERDUE,
    RETURNED,
    STATUSES,
    SUBMITTED,
)
from inspector.services.hq import drafts, scenario_league
from inspector.services.hq.rights_mystery import mystery_args, rights_args
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
    _r,
    mode_label,
    status_label_insp,
)
from inspector.text import hq as TH
from inspector.text import hq_assess as TA
from inspector.text import hq_errors as T
from inspector.text.parts import Term

log = logging.getLogger(__name__)


def _day_start(d: date, tz: tzinfo = UTC) -> datetime:
    """Midnight of local day ``d`` in ``tz``, as UTC (what is stored)."""
    return datetime(d.year, d.month, d.day, tzinfo=tz).astimezone(UTC)


def conditions(flt: HqFilter, insp: Any = Inspection) -> list[ColumnElement[bool]]:
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
    return select(Inspection.id).where(*conditions(flt))


def _month(session: Session, col: Any, tz: tzinfo = UTC) -> ColumnElement[str]:
    """'YYYY-MM' of a timestamp column in zone ``tz``, in the dialect's own words.

    The zone's offset now is used for every row (China has no daylight saving), so an
    inspection at 02:00 on the 1st in Shanghai counts in that month, not the one before.
    """
    offset = clock.now().astimezone(tz).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if session.get_bind().dialect.name == "postgresql":
        shifted = func.timezone("UTC", col) + literal(timedelta(minutes=minutes))
        return func.to_char(shifted, "YYYY-MM")
    return func.strftime("%Y-%m", col, f"{minutes:+d} minutes")


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
        select(func.count(), func.avg(Inspection.score_total)).where(*conditions(flt))
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
        .where(j.branch_id == Branch.id, *conditions(flt, j))
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
        .where(Inspection.started_at >= since, *conditions(flt))
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
        .where(*conditions(flt))
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
    unranked = r.latest_score is None or r.incomplete  # incomplete drafts: listed apart
    return (unranked, r.veto_failed > 0, -(r.latest_score or 0.0), r.code)


def league(session: Session, flt: HqFilter, history: list[Any] | None = None) -> list[LeagueRow]:
    """Branches ranked by their latest score on one checklist and mode.

    ``flt`` is narrowed with :func:`scoped` first (pass a scoped filter with its history to
    skip that). Branches without an inspection in the selection come last, unranked.
    """
    if not (flt.checklist_id and flt.mode):
        flt = scoped(session, flt)
        history = None
    branches = _branches(session, flt)
    if flt.mode == Mode.MYSTERY.value:  # within one scenario only, ranks restart per scenario
        cid, mode = flt.checklist_id or "", flt.mode
        check = (lambda uuids: drafts.incomplete(session, uuids)) if flt.drafts else None
        return scenario_league.league(
            session, conditions(flt), branches, cid, mode, rank_key, incomplete=check
        )
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
            .where(*conditions(flt))
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
    if flt.drafts:
        gaps = drafts.incomplete(
            session, [r.latest_uuid for r in out if r.latest_draft and r.latest_uuid]
        )
        out = [replace(r, incomplete=True) if r.latest_uuid in gaps else r for r in out]
    out.sort(key=rank_key)
    ranked: list[LeagueRow] = []
    n = 0
    for lr in out:
        if lr.latest_score is not None and not lr.incomplete:
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
            .where(Finding.active.is_(True), Finding.item_id.in_(ids), *conditions(flt))
            .group_by(Finding.item_id)
        ).all()
    )
    snaps = session.scalars(select(Inspection.snapshot_id).where(*conditions(flt)).distinct()).all()
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
        .where(Inspection.veto_failed > 0, *conditions(flt))
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
        .where(Inspection.score_total.is_not(None), *conditions(flt))
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
    # FindingState.of in SQL: submitted waits for HQ (never overdue); open or returned
    # past the deadline is overdue.
    return case(
        (Finding.status == FindingStatus.CLOSED, literal(CLOSED.value)),
        (Finding.status == FindingStatus.SUBMITTED, literal(SUBMITTED.value)),
        (and_(Finding.deadline.is_not(None), Finding.deadline < today), literal(OVERDUE.value)),
        (Finding.status == FindingStatus.RETURNED, literal(RETURNED.value)),
        else_=literal(OPEN.value),
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
            func.sum(case((st == SUBMITTED, 1), else_=0)).label("sub"),
            func.sum(case((st == RETURNED, 1), else_=0)).label("ret"),
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
            func.sum(per_insp.c.sub),
            func.sum(per_insp.c.ret),
        )
        .join(per_insp, per_insp.c.iid == Inspection.id)
        .group_by(Inspection.branch_id)
    )
    branches = _branches(session, flt)
    rows = []
    for bid, o, od, cl, sub, ret in session.execute(q):
        b = branches.get(bid)
        if b is not None:
            rows.append(
                RectificationRow(
                    b.code,
                    b.name,
                    b.region,
                    int(o or 0),
                    int(od or 0),
                    int(cl or 0),
                    submitted=int(sub or 0),
                    returned=int(ret or 0),
                )
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
    repeats: bool = False,
) -> list[FindingRow]:
    """Findings of the selected inspections, overdue first, then open by deadline, then closed.

    ``status`` picks one :class:`FindingState`; ``unresolved`` picks all but closed (what
    the dashboard lists; closed ones are counted per branch instead); ``repeats`` only
    HQ's repeat findings (屡查屡犯, :mod:`.repeats`).
    """
    if status is not None and status not in STATUSES:
        raise ValidationError(
            T.BAD_STATUS, option=Term("--status", T.STATUS_OPTION), status=repr(status)
        )
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
            Finding.closed_via,
            Finding.repeat_of,
            HqRepeat.repeat_of.label("hq_repeat_of"),
            HqRepeat.earlier.label("hq_earlier"),
            HqRepeat.severity.label("hq_severity"),
            st,
        )
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .join(Branch, Branch.id == Inspection.branch_id)
        .outerjoin(HqRepeat, HqRepeat.finding_id == Finding.id)
        .where(Finding.active.is_(True), *conditions(flt))
    )
    if repeats:
        q = q.where(HqRepeat.finding_id.is_not(None))
    late = and_(Finding.deadline.is_not(None), Finding.deadline < today)
    if status in (CLOSED, SUBMITTED):
        q = q.where(Finding.status == status)
    elif status == OVERDUE:
        q = q.where(Finding.status.in_((FindingStatus.OPEN, FindingStatus.RETURNED)), late)
    elif status in (OPEN, RETURNED):
        q = q.where(Finding.status == status, ~late)
    elif unresolved:
        q = q.where(Finding.status != FindingStatus.CLOSED)
    rank = case(
        (st == OVERDUE, 0), (st == RETURNED, 1), (st == OPEN, 2), (st == SUBMITTED, 3), else_=4
    )
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
            closed_via=r.closed_via,
            started_at=r.started_at,
            item_zh=texts.get(r.item_id, ("", ""))[0],
            item_en=texts.get(r.item_id, ("", ""))[1],
            draft=r.insp_status != insp_svc.FINALIZED,
            checklist_id=cids.get(r.snapshot_id, ""),
            repeat_of=r.repeat_of,
            hq_repeat_of=r.hq_repeat_of,
            hq_earlier=int(r.hq_earlier or 0),
            hq_severity=str(r.hq_severity) if r.hq_severity is not None else None,
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
    conds = conditions(flt)
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
            where = TH.SAME_BRANCH if same_branch else TH.OTHER_BRANCHES
            out.append(
                IntegrityFlag(
                    "duplicate_photo",
                    sha,
                    r.uuid,
                    r.code,
                    r.name,
                    r.item_id,
                    r.taken_at,
                    TH.DUPLICATE_PHOTO("en", where=where, others=TH.OTHERS_SEP("en").join(others)),
                    detail_zh=TH.DUPLICATE_PHOTO(
                        "zh", where=where, others=TH.OTHERS_SEP("zh").join(others)
                    ),
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
        taken_text = TH.TAKEN_BEFORE if taken < start else TH.TAKEN_AFTER
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
                taken_text("en", gap=timefmt.human_duration(gap, "en"), window=window),
                detail_zh=taken_text("zh", gap=timefmt.human_duration(gap, "zh"), window=window),
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
        .where(*conditions(flt))
        .order_by(Inspection.id)
    ).all()
    # A snapshot that no longer validates (damaged, or holding numbers out of range such as
    # points: 1e308 from before they were bounded) cannot score: its inspections are left
    # to stored_integrity, which lists them as snapshot_damaged, and the others are checked.
    snapshots: dict[int, Checklist | None] = {}
    for start in range(0, len(meta), SCORE_CHECK_BATCH):
        batch = meta[start : start + SCORE_CHECK_BATCH]
        need = {r.snapshot_id for r in batch} - set(snapshots)
        if need:
            for sid, sha, content in session.execute(
                select(
                    ChecklistSnapshot.id, ChecklistSnapshot.sha256, ChecklistSnapshot.content
                ).where(ChecklistSnapshot.id.in_(sorted(need)))
            ):
                try:
                    snapshots[sid] = _parsed(sha, content)
                except SnapshotDamagedError:
                    snapshots[sid] = None
        answers: dict[int, dict[str, Answer]] = defaultdict(dict)
        for iid, item_id, result, value in session.execute(
            select(
                AnswerRow.inspection_id, AnswerRow.item_id, AnswerRow.result, AnswerRow.value
            ).where(AnswerRow.inspection_id.in_([r.id for r in batch]))
        ):
            answers[iid][item_id] = Answer(result=Result(result) if result else None, value=value)
        for r in batch:
            checklist = snapshots[r.snapshot_id]
            if checklist is None:
                continue
            result_ = insp_svc.score_for(checklist, r.mode, answers.get(r.id, {}), r.visit)
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
        .where(*conditions(flt))
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


def _answer_text(item: Any, result: str | None, value: Any, lang: str) -> str:
    """An answer as a reader writes it: 符合 / 不符合 / 不适用, or the value itself."""
    parts: list[str] = []
    if value is not None and value != "":
        if item is not None and item.options is not None:
            label = next((o.label for o in item.options if o.id == value), None)
            parts.append(label.get(lang) if label is not None else str(value))
        elif isinstance(value, bool):
            parts.append((TH.YES if value else TH.NO)(lang))
        else:
            parts.append(str(value))
    if result:
        text = TH.RESULTS.get(result)
        parts.insert(0, text(lang) if text is not None else result)
    return TH.LIST_SEP(lang).join(parts)


_NUMERIC = (AnswerType.COUNT, AnswerType.MEASURE)


def _answer_columns(item: Any) -> list[tuple[str, str, str]]:
    """(id, zh, en) of an item's answer-sheet columns: a counted or measured item has its
    number in one column (a number cell) and its result in the next."""
    cols = [(item.id, item.text.zh, item.text.en)]
    if item.type in _NUMERIC:
        cols.append(
            (
                f"{item.id}.result",
                TA.RESULT_OF("zh", item=item.text.zh),
                TA.RESULT_OF("en", item=item.text.en),
            )
        )
    return cols


def _answer_cells(item: Any, answer: tuple[Any, Any] | None, lang: str) -> list[Any]:
    """An item's cells: its answer as text, or a count/measure as the number and its
    result (合格 / 不合格 / 不适用)."""
    result, value = answer if answer is not None else (None, None)
    if item.type not in _NUMERIC:
        return [_answer_text(item, result, value, lang) if answer is not None else ""]
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if not result and number is not None:  # judged by the item's pass range, as scored
        f = value_fraction(item, Answer(result=None, value=number))
        if f is not None:
            result = "pass" if f >= 1.0 - 1e-9 else ("fail" if f <= 1e-9 else "partial")
    text = TH.RESULTS.get(result) if result else None
    return [number, text(lang) if text is not None else (result or "")]


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
        .where(*conditions(flt))
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
                        *(cell for i in items for cell in _answer_cells(items[i], a.get(i), lang)),
                    )
                )
        zh, en = titles.get(cid, (cid, cid))
        sheets.append(
            AnswerSheet(
                cid, zh, en, [c for it in items.values() for c in _answer_columns(it)], rows
            )
        )
    return sheets


# ---------------------------------------------------------------- everything at once
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
                    *conditions(flt), Inspection.status != insp_svc.FINALIZED
                )
            )
            or 0
        )
    # The league compares one checklist in one mode; the heatmap (per-area view) takes each
    # area's latest score from whatever inspection covered it.
    league_flt = scoped(session, flt)
    lg = league(session, league_flt, history=_history(session, league_flt))
    order = list(dict.fromkeys(r.code for r in lg))  # a branch once (mystery: per scenario)
    hm = heatmap(session, flt, order=order, history=_history(session, flt))
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
                mode=first.league_mode or flt.mode,
            ),
        ),
        rectification=rectification(session, flt, today),
        findings=findings(session, flt, today=today, unresolved=True, limit=finding_limit),
        integrity=integrity(session, flt) if with_integrity else [],
        regions=regions_summary(session, flt, first.league),
        complete=True,
    )
