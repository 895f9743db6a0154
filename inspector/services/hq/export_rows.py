"""The big tables of ``hq export``, read straight from the database cursor.

:func:`stream` and :func:`converter` serve the findings table here and the answer sheets
(:mod:`.answer_sheets`): rows as the DB-API cursor gives them, each column's value
converted once per distinct value.

At 100,000 inspections the findings sheet has some 600,000 rows (11 million cells). The
dashboard's reader (:func:`.rectification.iter_findings`) builds a :class:`FindingRow`
per finding from keys sorted in Python and details fetched by ``IN (...)`` batches; that
was over half of the export's time. Here one query reads every finding in the list's order
(overdue, returned, open, submitted, closed; then deadline, branch code, item, id - the
order :func:`iter_findings` gives), the rows come from the DB-API cursor as plain tuples
(no row objects, no per-row type processing) and every label, title and date is made
once per distinct value and shared. The cells are the ones :func:`tables.finding_row`
gives (a test holds the two to the same rows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, case, collate, select
from sqlalchemy.orm import Session

from inspector import clock
from inspector.db.column_types import UTCDateTime
from inspector.db.models import (
    Branch,
    ChecklistSnapshot,
    Finding,
    HqRepeat,
    Inspection,
)
from inspector.domain import timefmt
from inspector.domain.states import FindingState, FindingStatus, InspectionStatus
from inspector.services.hq.rectification import STATE_ORDER
from inspector.services.hq.rows import HqFilter, status_label_insp
from inspector.services.hq.scope import conditions, parsed_checklist
from inspector.services.hq.tables import closed_via_label, severity_label, status_label
from inspector.text import hq_assess as TA

FETCH_ROWS = 2000  # rows per fetchmany: a few hundred kB of tuples at a time
_MEMO = 200_000  # distinct values a converter remembers (dates repeat, times may not)


def stream(
    session: Session, stmt: Select[*tuple[Any, ...]], size: int = FETCH_ROWS
) -> Iterator[Sequence[Any]]:
    """The rows of ``stmt`` as the DB-API cursor gives them (values not yet processed
    by their column types on SQLite; see :func:`converter`), fetched ``size`` at a time.

    SQLite reads rows from its cursor as they are asked for; PostgreSQL gets a
    server-side cursor (``yield_per``) so that neither side holds the whole result.
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        result = conn.execute(stmt)
        try:
            cursor = result.cursor  # plain tuples: no Row objects, no processors
            while rows := cursor.fetchmany(size):
                yield from rows
        finally:
            result.close()
        return
    result = conn.execute(stmt.execution_options(yield_per=size))
    try:
        for part in result.partitions():
            yield from part
    finally:
        result.close()


def raw_rows(session: Session) -> bool:
    """True when :func:`stream` gives values before their column types processed them."""
    return session.get_bind().dialect.name == "sqlite"


def converter(
    session: Session, column: Any, then: Callable[[Any], Any] | None = None
) -> Callable[[Any], Any]:
    """A function from a value :func:`stream` gave for ``column`` to what a Core query
    would have given (passed through ``then``), remembered per distinct value."""
    process: Callable[[Any], Any] | None = None
    if raw_rows(session):
        dialect = session.get_bind().dialect
        process = column.type.dialect_impl(dialect).result_processor(dialect, None)
        if isinstance(column.type, UTCDateTime):
            process = _utc_reader(process)
    memo: dict[Any, Any] = {None: None}

    def convert(value: Any) -> Any:
        try:
            return memo[value]
        except KeyError:
            pass
        out = process(value) if process is not None else value
        if then is not None and out is not None:
            out = then(out)
        if len(memo) < _MEMO:
            memo[value] = out
        return out

    return convert


def _utc_reader(process: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    """SQLite's stored UTC time (``2026-03-05 06:30:00.000000``) as the aware datetime
    :class:`UTCDateTime` gives, parsed by ``datetime.fromisoformat`` (several times
    quicker than the type's pattern); anything else goes the type's own way."""

    def read(value: Any) -> Any:
        if value.__class__ is str and len(value) == 26:
            try:
                return datetime.fromisoformat(value).replace(tzinfo=UTC)
            except ValueError:
                pass
        return process(value) if process is not None else value

    return read


def finding_query(session: Session, flt: HqFilter, today: date) -> Select[*tuple[Any, ...]]:
    """Every selected finding in the list's order, with what its row shows."""
    rank = case(
        (
            Finding.status.in_([FindingStatus.OPEN, FindingStatus.RETURNED])
            & (Finding.deadline < today),
            0,
        ),
        *(
            (Finding.status == state, n)
            for n, state in enumerate(STATE_ORDER)
            if state != FindingState.OVERDUE
        ),
        else_=len(STATE_ORDER),
    )
    code: Any = Branch.code
    item: Any = Finding.item_id
    if session.get_bind().dialect.name == "postgresql":
        # Python's order of text (code points), as the dashboard's list sorts it.
        code, item = collate(Branch.code, "C"), collate(Finding.item_id, "C")
    return (
        select(
            rank,
            Inspection.uuid,
            Inspection.started_at,
            Inspection.snapshot_id,
            Inspection.status,
            Branch.code,
            Branch.name,
            Branch.region,
            Finding.item_id,
            Finding.severity,
            Finding.owner,
            Finding.action,
            Finding.deadline,
            Finding.closed_at,
            Finding.closing_note,
            Finding.closed_via,
            HqRepeat.repeat_of,
            HqRepeat.earlier,
            HqRepeat.severity,
        )
        .select_from(Finding)
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .join(Branch, Branch.id == Finding.insp_branch_id)
        .outerjoin(HqRepeat, HqRepeat.finding_id == Finding.id)
        .where(Finding.active.is_not(False), *conditions(flt))
        .order_by(rank, Finding.deadline.is_(None), Finding.deadline, code, item, Finding.id)
    )


def finding_rows(
    session: Session, flt: HqFilter, lang: str, *, today: date | None = None
) -> Iterator[tuple[Any, ...]]:
    """Every selected finding (closed ones too) as the findings table's row, in the
    list's order: the cells :func:`tables.finding_row` makes of
    :func:`rectification.iter_findings`' rows, without building either."""
    today = today or clock.local_today()
    tz = flt.zone
    drafts = flt.drafts

    def local_day(dt: datetime) -> date:
        return timefmt.local_date(dt, tz)

    started = converter(session, Inspection.started_at, local_day)
    closed = converter(session, Finding.closed_at, local_day)
    deadline = converter(session, Finding.deadline)
    titles: dict[int, dict[str, tuple[str, str]]] = {}
    for sid, sha, content in session.execute(
        select(ChecklistSnapshot.id, ChecklistSnapshot.sha256, ChecklistSnapshot.content)
    ):
        texts = titles[sid] = {}
        for it in parsed_checklist(sha, content).items():
            texts.setdefault(it.id, (it.text.zh, it.text.en))
    pick = 0 if lang == "zh" else 1
    title: dict[tuple[int, str], str] = {}
    states = [status_label(s, lang) for s in STATE_ORDER]
    severities: dict[str | None, str] = {}
    via: dict[str | None, str] = {}
    repeats: dict[int, str] = {}
    # The 'Record' column (with drafts only): any status but finalized reads as a draft.
    final_record = (status_label_insp(InspectionStatus.FINALIZED, lang),) if drafts else ()
    draft_record = (status_label_insp(InspectionStatus.DRAFT, lang),) if drafts else ()
    for (
        rank,
        uuid,
        started_at,
        snapshot_id,
        insp_status,
        code,
        name,
        region,
        item_id,
        severity,
        owner,
        action,
        due,
        closed_at,
        closing_note,
        closed_via,
        hq_repeat_of,
        hq_earlier,
        hq_severity,
    ) in stream(session, finding_query(session, flt, today)):
        t = title.get((snapshot_id, item_id))
        if t is None:
            both = titles.get(snapshot_id, {}).get(item_id, ("", ""))
            t = title[(snapshot_id, item_id)] = both[pick] or item_id
        effective = hq_severity or severity
        shown = severities.get(effective)
        if shown is None:
            shown = severities[effective] = severity_label(effective, lang)
        own = severities.get(severity)
        if own is None:
            own = severities[severity] = severity_label(severity, lang)
        if hq_repeat_of is not None:
            n = int(hq_earlier or 0)
            repeat = repeats.get(n)
            if repeat is None:
                repeat = repeats[n] = TA.REPEAT(lang, n=n)
        else:
            repeat = ""
        how = via.get(closed_via)
        if how is None:
            how = via[closed_via] = closed_via_label(closed_via, lang)
        yield (
            started(started_at),
            code,
            name,
            region,
            t,
            shown,
            repeat,
            action,
            owner,
            deadline(due),
            states[rank],
            closed(closed_at),
            closing_note,
            how,
            uuid,
            item_id,
            hq_repeat_of,
            own,
            *(final_record if insp_status == InspectionStatus.FINALIZED else draft_record),
        )
