"""Answer sheets: every item's answer, for the Excel and CSV files."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import Select, Text, cast, select
from sqlalchemy.orm import Session

from inspector.db.column_types import AnswerValueJSON
from inspector.db.models import Answer as AnswerRow
from inspector.db.models import (
    Branch,
    ChecklistSnapshot,
    Inspection,
)
from inspector.domain import timefmt
from inspector.domain.answers import Answer
from inspector.domain.checklist import AnswerType, Checklist
from inspector.domain.scoring import value_fraction
from inspector.services.hq import export_rows
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
    """The sheet's rows, read from DB-API cursors (:func:`export_rows.stream`): the
    inspections in order, and their answers a batch at a time. Every cell text is made
    once per distinct (item, result, stored value), every label once per value."""
    tz = flt.zone
    dialect = session.get_bind().dialect
    stored = AnswerValueJSON()
    # Per item: its cells when unanswered, and its cells by (result, stored JSON text);
    # the text of an answer is made once and shared by every row that shows it, and the
    # value is decoded (and checked) once too.
    order: list[tuple[str, Any, list[Any], dict[tuple[Any, ...], list[Any]]]] = [
        (item_id, item, _answer_cells(item, None, lang), {}) for item_id, item in items.items()
    ]

    def made(item: Any, result: str | None, raw: str | None) -> list[Any]:
        value = None if raw is None else stored.process_result_value(json.loads(raw), dialect)
        return _answer_cells(item, (result, value), lang)

    def day(dt: Any) -> Any:
        return timefmt.local_date(dt, tz)

    started = export_rows.converter(session, Inspection.started_at, day)
    modes: dict[Any, str] = {}
    statuses: dict[Any, str] = {}
    grades: dict[Any, str] = {}
    scores: dict[Any, Any] = {}
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
    )
    for batch, found in _batches(session, q):
        answers: dict[int, dict[str, tuple[str | None, str | None]]] = defaultdict(dict)
        for iid, item_id, result, raw in found:
            answers[iid][item_id] = (result, raw)
        for iid, uuid, mode, status, started_at, score, grade, code, name, region in batch:
            a = answers.get(iid, {})
            shown_grade = grades.get(grade)
            if shown_grade is None:
                g = labels.get(grade or "", (grade or "", grade or ""))
                shown_grade = grades[grade] = g[0] if lang == "zh" else g[1]
            shown_mode = modes.get(mode)
            if shown_mode is None:
                shown_mode = modes[mode] = mode_label(mode, lang)
            shown_status = statuses.get(status)
            if shown_status is None:
                shown_status = statuses[status] = status_label_insp(status, lang)
            if score in scores:
                shown_score = scores[score]
            else:
                shown_score = scores[score] = _r(score)
            row: list[Any] = [
                uuid,
                code,
                name,
                region,
                started(started_at),
                shown_mode,
                shown_status,
                shown_score,
                shown_grade,
            ]
            for item_id, item, unanswered, known in order:
                answer = a.get(item_id)
                if answer is None:
                    row += unanswered
                    continue
                hit = known.get(answer)
                if hit is None:
                    hit = known[answer] = made(item, *answer)
                row += hit
            yield tuple(row)


def _batches(
    session: Session, q: Select[*tuple[Any, ...]]
) -> Iterator[tuple[list[Sequence[Any]], list[Sequence[Any]]]]:
    """The inspections of ``q`` a batch at a time, each with its answers (inspection id,
    item id, result, stored JSON text)."""
    inspections = export_rows.stream(session, q)
    while batch := list(islice(inspections, SCORE_CHECK_BATCH)):
        found = list(
            export_rows.stream(
                session,
                select(
                    AnswerRow.inspection_id,
                    AnswerRow.item_id,
                    AnswerRow.result,
                    cast(AnswerRow.value, Text),  # the stored JSON, decoded once per text
                ).where(AnswerRow.inspection_id.in_([r[0] for r in batch])),
            )
        )
        yield batch, found
