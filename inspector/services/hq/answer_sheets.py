"""Answer sheets: every item's answer, for the Excel and CSV files."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session

from inspector.db.models import Answer as AnswerRow
from inspector.db.models import (
    AnswerValueJSON,
    Branch,
    ChecklistSnapshot,
    Inspection,
)
from inspector.domain import timefmt
from inspector.domain.answers import Answer
from inspector.domain.checklist import AnswerType, Checklist
from inspector.domain.scoring import value_fraction
from inspector.services.hq.rows import (
    AnswerSheet,
    HqFilter,
    _r,
    mode_label,
    status_label_insp,
)
from inspector.services.hq.scope import checklist_titles, conditions, grade_labels, parsed_checklist
from inspector.services.hq.score_check import SCORE_CHECK_BATCH
from inspector.text import hq as TH
from inspector.text import hq_assess as TA

log = logging.getLogger(__name__)


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
    result (符合 / 不符合 / 不适用)."""
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
    return [
        AnswerSheet(sh.checklist_id, sh.title_zh, sh.title_en, sh.items, list(sh.rows))
        for sh in iter_answer_sheets(session, flt, lang)
    ]


@dataclass(frozen=True, slots=True)
class AnswerSheetStream:
    """An answer sheet whose rows are read from the database as they are iterated (once,
    before the next sheet of :func:`iter_answer_sheets` is taken)."""

    checklist_id: str
    title_zh: str
    title_en: str
    items: list[tuple[str, str, str]]  # (id, zh, en) of each answer column
    rows: Iterator[tuple[Any, ...]]


def iter_answer_sheets(
    session: Session, flt: HqFilter, lang: str = "en"
) -> Iterator[AnswerSheetStream]:
    """Per checklist, one row per selected inspection with every item's answer, streamed.

    Inspections are read from a cursor and their answers fetched a batch at a time, so
    memory stays flat at any number of inspections; an answer's text is made once per
    (item, result, value) and shared by every cell that shows it.
    """
    snaps = session.execute(
        select(ChecklistSnapshot.checklist_id, Inspection.snapshot_id)
        .join(Branch, Branch.id == Inspection.branch_id)
        .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
        .where(*conditions(flt))
        .distinct()
        .order_by(ChecklistSnapshot.checklist_id)
    ).all()
    if not snaps:
        return
    parsed: dict[int, Checklist] = {}
    for sid, sha, content in session.execute(
        select(ChecklistSnapshot.id, ChecklistSnapshot.sha256, ChecklistSnapshot.content).where(
            ChecklistSnapshot.id.in_(sorted({sid for _, sid in snaps}))
        )
    ):
        parsed[sid] = parsed_checklist(sha, content)
    titles = checklist_titles(session)
    labels = grade_labels(session)
    by_cl: dict[str, set[int]] = defaultdict(set)  # in the database's order of checklists
    for cid, sid in snaps:
        by_cl[cid].add(sid)
    for cid in by_cl:
        # Items in checklist order, newest snapshot first; older snapshots add their extra items.
        items: dict[str, Any] = {}
        for sid in sorted(by_cl[cid], reverse=True):
            for it in parsed[sid].items():
                items.setdefault(it.id, it)
        zh, en = titles.get(cid, (cid, cid))
        yield AnswerSheetStream(
            cid,
            zh,
            en,
            [c for it in items.values() for c in _answer_columns(it)],
            _rows(session, flt, cid, items, labels, lang),
        )


def _rows(
    session: Session,
    flt: HqFilter,
    cid: str,
    items: dict[str, Any],
    labels: dict[str, tuple[str, str]],
    lang: str,
) -> Iterator[tuple[Any, ...]]:
    tz = flt.zone
    conn = session.connection()
    dialect = conn.dialect
    stored = AnswerValueJSON()
    order = list(items.items())
    # Cells by (item, result, stored JSON text): the text of an answer is made once and
    # shared by every row that shows it; the value is decoded (and checked) once too.
    cache: dict[tuple[Any, ...], list[Any]] = {}

    def cells(item: Any, answer: tuple[str | None, str | None] | None) -> list[Any]:
        key = (item.id,) if answer is None else (item.id, *answer)
        hit = cache.get(key)
        if hit is None:
            if answer is None:
                hit = _answer_cells(item, None, lang)
            else:
                result, raw = answer
                value = (
                    None if raw is None else stored.process_result_value(json.loads(raw), dialect)
                )
                hit = _answer_cells(item, (result, value), lang)
            cache[key] = hit
        return hit

    modes: dict[Any, str] = {}
    statuses: dict[Any, str] = {}
    q = (
        select(
            Inspection.id,
            Inspection.uuid,
            Inspection.mode,
            Inspection.status,
            Inspection.started_at,
            Inspection.score_total,
            Inspection.grade,
            Branch.code,
            Branch.name,
            Branch.region,
        )
        .join(Branch, Branch.id == Inspection.branch_id)
        .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
        .where(*conditions(flt), ChecklistSnapshot.checklist_id == cid)
        .order_by(Branch.region, Branch.code, Inspection.started_at)
        .execution_options(yield_per=SCORE_CHECK_BATCH)
    )
    for batch in conn.execute(q).partitions():
        answers: dict[int, dict[str, tuple[str | None, str | None]]] = defaultdict(dict)
        for iid, item_id, result, raw in conn.execute(
            select(
                AnswerRow.inspection_id,
                AnswerRow.item_id,
                AnswerRow.result,
                cast(AnswerRow.value, Text),  # the stored JSON, decoded once per text
            ).where(AnswerRow.inspection_id.in_([r.id for r in batch]))
        ).all():
            answers[iid][item_id] = (result, raw)
        for r in batch:
            a = answers.get(r.id, {})
            grade = labels.get(r.grade or "", (r.grade or "", r.grade or ""))
            mode = modes.get(r.mode)
            if mode is None:
                mode = modes[r.mode] = mode_label(r.mode, lang)
            status = statuses.get(r.status)
            if status is None:
                status = statuses[r.status] = status_label_insp(r.status, lang)
            yield (
                r.uuid,
                r.code,
                r.name,
                r.region,
                timefmt.local_date(r.started_at, tz),
                mode,
                status,
                _r(r.score_total),
                grade[0] if lang == "zh" else grade[1],
                *(cell for i, it in order for cell in cells(it, a.get(i))),
            )
