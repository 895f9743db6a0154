"""Integrity flags: visits whose times or facts do not hold together."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    func,
    select,
)
from sqlalchemy.orm import Session

from inspector.db.models import (
    Branch,
    Inspection,
    Photo,
)
from inspector.domain import timefmt
from inspector.domain.checklist import Mode
from inspector.services.hq.rows import (
    DEFAULT_TOLERANCE,
    LOCAL_TZ,
    HqFilter,
    IntegrityFlag,
)
from inspector.services.hq.scope import conditions, current_ids, item_texts
from inspector.text import hq as TH

log = logging.getLogger(__name__)


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
    mode: Mode,
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
    ids = current_ids(flt)
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
    texts = item_texts(session, snaps)
    return [
        replace(
            f,
            item_zh=texts.get(f.item_id, ("", ""))[0],
            item_en=texts.get(f.item_id, ("", ""))[1],
        )
        for f in out
    ]
