"""The app's one clock: every "now" and "today" the code reads comes from here.

``INSPECTOR_CLOCK`` (an ISO date or date-time; a date alone means 02:00 UTC that day, 10:00
in Shanghai) moves the clock to that instant the first time it is read in a process, and
from there it runs at the real speed. Times keep their order and their spacing, but the day
is the one given, so demo data, deadlines and "overdue" are the same whatever day a test
suite or a demonstration runs on. Unset, it is the system clock. Tests set it for the whole
run (tests/conftest.py), CLI subprocesses included.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, date, datetime, time, timedelta

log = logging.getLogger(__name__)

ENV = "INSPECTOR_CLOCK"

_pinned: tuple[str, timedelta] | None = None
"""The ``INSPECTOR_CLOCK`` value last read and the offset it gave (pinned minus real)."""


def _parse(value: str) -> datetime:
    text = value.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(2, 0), tzinfo=UTC)
        at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from inspector.errors import ValidationError
        from inspector.text import times as T

        raise ValidationError(T.BAD_CLOCK, value=repr(value)) from None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _offset() -> timedelta:
    global _pinned
    value = os.environ.get(ENV, "")
    if not value:
        return timedelta(0)
    if _pinned is None or _pinned[0] != value:
        _pinned = (value, _parse(value) - datetime.now(UTC))
        log.info("clock pinned by %s to %s", ENV, value)
    return _pinned[1]


def now() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return datetime.now(UTC) + _offset()


def local_now() -> datetime:
    """The current instant in the system's zone (what a wall clock on this machine shows)."""
    return now().astimezone()


def utc_today() -> date:
    """Today's date in UTC."""
    return now().date()


def local_today() -> date:
    """Today's date in the system's zone."""
    return local_now().date()
