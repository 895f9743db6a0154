"""Times as people read them: local time with its zone, never a bare UTC stamp.

Stored times stay UTC (aware datetimes; a naive one read from SQLite is UTC too). Every
report, export and CLI line turns them into the reader's zone here, so one setting decides
it everywhere: ``--tz`` on the command line, else the ``INSPECTOR_TZ`` environment
variable, else the database's ``display.tz`` setting (:func:`use_setting`, called when a
database is opened), else Asia/Shanghai (the branches are in China).

Pure standard library; any layer may use it.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from inspector import clock
from inspector.errors import ValidationError
from inspector.text import labels as TL
from inspector.text import times as T

log = logging.getLogger(__name__)

DEFAULT_TZ = "Asia/Shanghai"
TZ_ENV = "INSPECTOR_TZ"
# Used when the system has no time-zone database (Windows without the tzdata package):
# China has kept UTC+8 without daylight saving since 1991.
_FALLBACK = {"Asia/Shanghai": timezone(timedelta(hours=8), "Asia/Shanghai"), "UTC": UTC}

# The open database's display.tz setting: below $INSPECTOR_TZ, above the default.
_setting: str | None = None


def use_setting(name: str | None) -> None:
    """Make ``name`` (the database's ``display.tz``; None or empty: none) the zone used when
    neither a ``--tz`` nor $INSPECTOR_TZ names one."""
    global _setting
    _setting = (name or "").strip() or None


def zone_name(name: str | None = None) -> str:
    """The name of the zone times print in: ``name`` (``--tz``), else $INSPECTOR_TZ, else the
    ``display.tz`` setting, else Asia/Shanghai."""
    return (name or os.environ.get(TZ_ENV) or _setting or DEFAULT_TZ).strip()


def zone(name: str | None = None) -> tzinfo:
    """The zone called ``name`` (IANA name, e.g. Asia/Shanghai, or UTC / +08:00).

    ``None`` or empty: the zone :func:`zone_name` picks.
    """
    text = zone_name(name)
    if text.upper() == "UTC":
        return UTC
    offset = _parse_offset(text)
    if offset is not None:
        return offset
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        if text in _FALLBACK:
            return _FALLBACK[text]
        # Not "--tz: ...": the name also comes from $INSPECTOR_TZ and the display.tz setting.
        raise ValidationError(T.UNKNOWN_ZONE, zone=repr(text)) from None


def _parse_offset(text: str) -> tzinfo | None:
    """'+08:00', '+8', 'UTC+8' as a fixed offset; None when ``text`` is not an offset."""
    t = text.upper().removeprefix("UTC").removeprefix("GMT")
    if not t or t[0] not in "+-":
        return None
    sign = -1 if t[0] == "-" else 1
    hh, _, mm = t[1:].partition(":")
    if not hh.isdigit() or (mm and not mm.isdigit()):
        return None
    delta = timedelta(hours=int(hh), minutes=int(mm or 0))
    if delta > timedelta(hours=14):
        return None
    return timezone(sign * delta)


def as_utc(dt: datetime) -> datetime:
    """An aware UTC datetime (naive values from the database are UTC)."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def local(dt: datetime, tz: tzinfo) -> datetime:
    """``dt`` (stored UTC) in zone ``tz``."""
    return as_utc(dt).astimezone(tz)


def iso(dt: datetime | None, tz: tzinfo | None = None) -> str | None:
    """The one rule for times in JSON: ISO 8601 in the reader's zone, with its offset
    (``2026-03-05T14:30:00+08:00``, the same instant as the stored UTC); ``tz`` defaults
    to :func:`zone` (``--tz``, INSPECTOR_TZ, the display.tz setting, Asia/Shanghai)."""
    if dt is None:
        return None
    return local(dt, tz or zone()).isoformat()


def local_date(dt: datetime, tz: tzinfo) -> date:
    """The calendar day ``dt`` falls on in ``tz`` (an inspection at 01:00 in Shanghai is
    on that day, not on the UTC day before)."""
    return local(dt, tz).date()


def offset_label(tz: tzinfo, at: datetime | None = None) -> str:
    """'UTC+08:00' (the offset that applies at ``at``, default now)."""
    when = as_utc(at) if at is not None else clock.now()
    off = when.astimezone(tz).utcoffset() or timedelta(0)
    minutes = int(off.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def zone_label(tz: tzinfo, at: datetime | None = None) -> str:
    """'Asia/Shanghai (UTC+08:00)' for headings that say once which zone times are in."""
    name = getattr(tz, "key", None) or str(tz)
    off = offset_label(tz, at)
    return off if name in (off, "UTC") or name.startswith("UTC") else f"{name} ({off})"


def now(tz: tzinfo | None = None) -> datetime:
    """The clock's current instant in ``tz`` (default: the display zone, :func:`zone`)."""
    return clock.now().astimezone(tz if tz is not None else zone())


def today(tz: tzinfo | None = None) -> date:
    """Today's date in ``tz`` (default: the display zone): the day people read, not the
    day of the machine's own clock zone."""
    return now(tz).date()


def short_zone(tz: tzinfo, at: datetime | None = None) -> str:
    """'Asia/Shanghai' (an IANA zone), else 'UTC+08:00': a zone named in a few words."""
    name = getattr(tz, "key", None)
    return str(name) if name else offset_label(tz, at)


def differs_from_system(tz: tzinfo | None = None, at: datetime | None = None) -> bool:
    """Does ``tz`` (default: the display zone) give another clock time than the system's
    own zone at ``at`` (default now)? Then a time shown in ``tz`` says which zone it is in."""
    when = as_utc(at) if at is not None else clock.now()
    display = when.astimezone(tz if tz is not None else zone()).utcoffset()
    return display != when.astimezone().utcoffset()


def zone_hint(tz: tzinfo | None = None, at: datetime | None = None) -> str:
    """The display zone's short name when it differs from the system's, else ''."""
    z = tz if tz is not None else zone()
    return short_zone(z, at) if differs_from_system(z, at) else ""


def fmt_datetime(dt: datetime | None, tz: tzinfo, *, zone_suffix: bool = True) -> str:
    """'2026-03-05 14:30 UTC+08:00' (empty for None)."""
    if dt is None:
        return ""
    loc = local(dt, tz)
    text = loc.strftime("%Y-%m-%d %H:%M")
    return f"{text} {offset_label(tz, dt)}" if zone_suffix else text


def excel_datetime(dt: datetime, tz: tzinfo) -> datetime:
    """A naive local datetime for a spreadsheet cell (Excel has no zones; the header says
    which one)."""
    return local(dt, tz).replace(tzinfo=None)


def human_duration(delta: timedelta, lang: str = "en") -> str:
    """'16 h 18 min' / '16 小时 18 分钟'; days from 48 h on ('3 d 4 h'); never '978 min'."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if minutes < 60:
        return TL.MINUTES(lang, m=mins)
    if minutes < 48 * 60:
        h = days * 24 + hours
        return TL.HOURS_MINUTES(lang, h=h, m=mins) if mins else TL.HOURS(lang, h=h)
    return TL.DAYS_HOURS(lang, d=days, h=hours) if hours else TL.DAYS(lang, d=days)


# ---------------------------------------------------------------- for printed reports
# Zone names as strings (what ``report --tz`` passes around); same zones as :func:`zone`.


def to_local(dt_utc: datetime, tz: str = DEFAULT_TZ) -> datetime:
    """``dt_utc`` in zone ``tz``; a naive value is taken as UTC (how the database stores it)."""
    if dt_utc.tzinfo is None:
        dt_utc = dt_utc.replace(tzinfo=UTC)
    return dt_utc.astimezone(zone(tz))


def format_local(dt_utc: datetime | None, tz: str = DEFAULT_TZ, *, empty: str = "—") -> str:
    """``2026-11-17 15:00 (UTC+08:00)``: local time with its offset, unambiguous in print."""
    if dt_utc is None:
        return empty
    moment = to_local(dt_utc, tz)
    off = moment.strftime("%z") or "+0000"
    return f"{moment:%Y-%m-%d %H:%M} (UTC{off[:3]}:{off[3:5]})"


def local_day(value: date | datetime | None, tz: str = DEFAULT_TZ) -> date | None:
    """The calendar day of ``value`` in zone ``tz`` (a plain date is returned as it is)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return to_local(value, tz).date()
    return value
