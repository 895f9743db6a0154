"""The app's one clock (inspector/clock.py): pinned by INSPECTOR_CLOCK, never bypassed."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from inspector import clock
from inspector.errors import ValidationError

PACKAGE = Path(clock.__file__).resolve().parent


def test_a_pinned_day_is_that_day_and_time_still_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.ENV, "2031-02-28")
    first = clock.now()
    assert first.tzinfo is UTC
    assert first.date() == date(2031, 2, 28) == clock.utc_today()
    assert abs(first - datetime(2031, 2, 28, 2, 0, tzinfo=UTC)) < timedelta(minutes=5)
    assert clock.now() >= first  # it runs on, so times keep their order


def test_a_date_time_with_its_zone_is_taken_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.ENV, "2026-12-31T23:30:00+08:00")
    assert abs(clock.now() - datetime(2026, 12, 31, 15, 30, tzinfo=UTC)) < timedelta(minutes=5)


def test_unset_is_the_system_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.ENV)
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)


def test_a_bad_value_says_what_to_write(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.ENV, "next tuesday")
    with pytest.raises(ValidationError) as e:
        clock.now()
    assert str(e.value).startswith("INSPECTOR_CLOCK='next tuesday' is not an ISO date")
    assert "unset it to use the system clock" in str(e.value)


def test_no_code_reads_the_system_clock_around_it() -> None:
    """A direct datetime.now() or date.today() would make that code depend on the day the
    tests run (and ignore the pinned clock): everything goes through inspector.clock."""
    direct = re.compile(r"\b(datetime\.now\(|datetime\.utcnow\(|date\.today\(\))")
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{n}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "clock.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if direct.search(line) and not line.lstrip().startswith("#")
    ]
    assert not found, "read the clock through inspector.clock:\n" + "\n".join(found)
