"""Visit facts (times, scenario, wave), the narrative and the branch manager's name."""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db.models import (
    WAVE_MAX,
    ChecklistSnapshot,
    Inspection,
    utcnow,
)
from inspector.domain import timefmt
from inspector.domain.checklist import (
    Checklist,
    Mode,
)
from inspector.errors import ValidationError
from inspector.services import audit
from inspector.services.inspections.lookup import require_draft
from inspector.services.inspections.rescoring import rescore
from inspector.services.inspections.snapshots import checklist_of
from inspector.services.publish import plan_status
from inspector.text import inspections as T
from inspector.text.parts import Term

log = logging.getLogger(__name__)


VISIT_FIELDS = (
    "arrival",
    "departure",
    "ticket",
    "customers_waiting",
    "scenario",
    "wait_started",
    "wait_called",
    "wave",
)
"""``wave``: a mystery-shopper wave (e.g. "2026Q4 取现"): every visit of a wave plays the
same scenario, so their totals compare like with like. ``inspections.wave`` indexes it
(at most ``WAVE_MAX`` characters)."""


TIME_FIELDS = ("arrival", "departure", "wait_started", "wait_called")


def parse_visit_time(key: str, value: str, *, today: date | None = None) -> str:
    """An ISO 8601 time with its UTC offset; also accepts 'YYYY-MM-DD HH:MM' and 'HH:MM'.

    Times without an offset are in the display zone (``display.tz``, as every time people
    read; 'HH:MM' is today there).
    """
    text = str(value).strip()
    try:
        if len(text) <= 5 and ":" in text:
            hh, mm = (int(x) for x in text.split(":"))
            day = today or timefmt.today()
            moment = datetime(day.year, day.month, day.day, hh, mm)
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        label = T.VISIT_FIELD_LABELS.get(key)
        raise ValidationError(
            T.BAD_TIME, field=Term(key, label) if label else key, text=repr(text)
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timefmt.zone())  # the zone people read times in
    return moment.isoformat(timespec="seconds")


def set_visit(session: Session, insp: Inspection, *, actor: str, **fields: Any) -> None:
    require_draft(insp)
    unknown = set(fields) - set(VISIT_FIELDS)
    if unknown:
        raise ValidationError(T.UNKNOWN_VISIT_FIELDS, fields=", ".join(sorted(unknown)))
    checklist = checklist_of(insp)
    scen = fields.get("scenario")
    if scen and scen not in {s.id for s in checklist.scenarios}:
        ids = ", ".join(s.id for s in checklist.scenarios) or T.NO_SCENARIOS
        raise ValidationError(
            T.UNKNOWN_SCENARIO, scenario=repr(scen), checklist=checklist.id, ids=ids
        )
    _check_wave(session, insp, checklist, fields)
    for key in TIME_FIELDS:
        if fields.get(key):
            fields[key] = parse_visit_time(key, fields[key])
    cw = fields.get("customers_waiting")
    if cw is not None and (not isinstance(cw, int) or isinstance(cw, bool) or cw < 0):
        raise ValidationError(T.CUSTOMERS_WAITING)
    old = dict(insp.visit or {})
    new = {**old, **fields}
    new = {k: v for k, v in new.items() if v not in (None, "")}
    if new.get("arrival") and new.get("departure"):
        arrival = datetime.fromisoformat(new["arrival"])
        departure = datetime.fromisoformat(new["departure"])
        if departure < arrival:
            raise ValidationError(
                T.DEPARTURE_BEFORE_ARRIVAL, departure=new["departure"], arrival=new["arrival"]
            )
    if new != old:
        insp.visit = new
        insp.updated_at = utcnow()
        audit.record(
            session,
            actor=actor,
            entity="visit",
            action="update",
            old=old,
            new=new,
            inspection=insp,
        )
        if old.get("scenario") != new.get("scenario"):
            rescore(session, insp)  # conditions may depend on the scenario played


def wave_scenario(session: Session, wave: str, checklist_id: str, *, exclude: int) -> str | None:
    """The scenario the wave's other visits play (the first one recorded fixes it).

    Found through the indexed ``inspections.wave`` column (``ix_inspections_wave``): only
    the wave's own visits are read, however many inspections the database holds. A wave
    HQ's plan gives a scenario plays that one (issue 22).
    """
    planned = plan_status.scenario_for_wave(session, checklist_id, wave)
    if planned is not None:
        return planned
    q = (
        select(Inspection.visit)
        .join(ChecklistSnapshot, Inspection.snapshot_id == ChecklistSnapshot.id)
        .where(
            Inspection.wave == wave,
            Inspection.is_current.is_(True),
            Inspection.id != exclude,
            ChecklistSnapshot.checklist_id == checklist_id,
        )
        .order_by(Inspection.started_at, Inspection.id)
        # Usually the first visit names the scenario: read a few, not the whole wave.
        .execution_options(yield_per=32)
    )
    rows = session.scalars(q)
    try:
        for visit in rows:
            scenario = (visit or {}).get("scenario")
            if scenario:
                return str(scenario)
    finally:
        rows.close()
    return None


def _check_wave(
    session: Session, insp: Inspection, checklist: Checklist, fields: dict[str, Any]
) -> None:
    """A wave fixes the scenario: a visit joining it plays the wave's scenario."""
    current = dict(insp.visit or {})
    wave = fields.get("wave", current.get("wave"))
    if wave is None or wave == "":
        return
    if not isinstance(wave, str) or len(wave.strip()) > WAVE_MAX or not wave.strip():
        raise ValidationError(T.WAVE_LENGTH, max=WAVE_MAX)
    wave = wave.strip()
    if "wave" in fields:
        fields["wave"] = wave
    fixed = wave_scenario(session, wave, checklist.id, exclude=insp.id)
    if fixed is None:
        return
    scen = fields.get("scenario", current.get("scenario"))
    if scen and scen != fixed:
        raise ValidationError(
            T.WAVE_SCENARIO, wave=repr(wave), fixed=repr(fixed), scenario=repr(scen)
        )
    fields["scenario"] = fixed


def set_narrative(session: Session, insp: Inspection, text: str, *, actor: str) -> None:
    require_draft(insp)
    if text != insp.narrative:
        audit.record(
            session,
            actor=actor,
            entity="narrative",
            action="update",
            old=insp.narrative,
            new=text,
            inspection=insp,
        )
        insp.narrative = text
        insp.updated_at = utcnow()


def set_manager_name(session: Session, insp: Inspection, name: str, *, actor: str) -> None:
    """The branch manager's name, saved while it is typed (before sign-off)."""
    require_draft(insp)
    if insp.mode == Mode.MYSTERY and name.strip():
        raise ValidationError(T.MYSTERY_NO_MANAGER)
    value = name.strip() or None
    if value != insp.manager_name:
        audit.record(
            session,
            actor=actor,
            entity="inspection",
            action="manager_name",
            key=insp.uuid,
            old=insp.manager_name,
            new=value,
            inspection=insp,
        )
        insp.manager_name = value
        insp.updated_at = utcnow()
