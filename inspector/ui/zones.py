"""Times on screen are in the display zone (``display.tz``, :mod:`inspector.domain.timefmt`),
the zone the reports, the HQ views and the CLI use, and say so when the computer's own
clock zone differs: one inspection has one date wherever it is read."""

from __future__ import annotations

import logging
from datetime import datetime

from inspector.domain import timefmt

log = logging.getLogger(__name__)


def zone_suffix(at: datetime | None = None) -> str:
    """' (Asia/Shanghai)' when the display zone differs from the system's, else ''."""
    hint = timefmt.zone_hint(at=at)
    return f" ({hint})" if hint else ""


def clock_time(moment: datetime, *, seconds: bool = True) -> str:
    """``moment`` as a wall-clock time in the display zone: '14:05:09'."""
    return timefmt.local(moment, timefmt.zone()).strftime("%H:%M:%S" if seconds else "%H:%M")
