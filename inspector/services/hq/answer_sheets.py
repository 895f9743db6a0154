"""Answer sheets: every item's answer, for the Excel and CSV files."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from sqlalchemy import (
    select,
)
from sqlalchemy.orm import Session

from inspector.db.models import Answer as AnswerRow
from inspector.db.models import (
    Branch,
    ChecklistSnapshot,
    Inspection,
)
from inspector.domain import timefmt
from inspector.domain.checklist import Checklist
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
        parsed[sid] = parsed_checklist(sha, content)
    titles = checklist_titles(session)
    labels = grade_labels(session)
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
