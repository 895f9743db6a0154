"""Times for people: stored UTC shown in a named zone with its offset, never bare UTC.

Stored times stay UTC; every printed time goes through :func:`format_local` so a reader
in Shanghai and one in London read the same instant the same way. The zone database
comes from the system (``zoneinfo``); where it is missing (Windows without the
``tzdata`` package) the fixed offsets below keep the common zones right.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

DEFAULT_TZ = "Asia/Shanghai"

# Zones without daylight saving a bank in China is likely to use; a fallback only.
_FIXED = {
    "Asia/Shanghai": 8,
    "Asia/Hong_Kong": 8,
    "Asia/Macau": 8,
    "Asia/Taipei": 8,
    "Asia/Singapore": 8,
    "Asia/Tokyo": 9,
    "UTC": 0,
    "Etc/UTC": 0,
}


def zone(tz: str = DEFAULT_TZ) -> tzinfo:
    """The ``tzinfo`` of an IANA zone name; ValueError for a name nobody knows."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        if tz in _FIXED:
            return timezone(timedelta(hours=_FIXED[tz]), tz)
        raise ValueError(
            f"unknown time zone {tz!r} (use an IANA name, e.g. Asia/Shanghai)"
        ) from None


def to_local(dt_utc: datetime, tz: str = DEFAULT_TZ) -> datetime:
    """``dt_utc`` in zone ``tz``; a naive value is taken as UTC (how the database stores it)."""
    if dt_utc.tzinfo is None:
        dt_utc = dt_utc.replace(tzinfo=UTC)
    return dt_utc.astimezone(zone(tz))


def format_local(dt_utc: datetime | None, tz: str = DEFAULT_TZ, *, empty: str = "—") -> str:
    """``2026-11-17 15:00 (UTC+08:00)``: local time with its offset, unambiguous in print."""
    if dt_utc is None:
        return empty
    local = to_local(dt_utc, tz)
    off = local.strftime("%z") or "+0000"
    return f"{local:%Y-%m-%d %H:%M} (UTC{off[:3]}:{off[3:5]})"


def local_date(value: date | datetime | None, tz: str = DEFAULT_TZ) -> date | None:
    """The calendar day of ``value`` in zone ``tz`` (a plain date is returned as it is)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return to_local(value, tz).date()
    return value
