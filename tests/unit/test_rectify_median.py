"""The rectification figures' median days to close, taken from counts per day value.

A bank's closed findings are counted per distinct number of days (``days``: a Counter), not
kept one list entry per finding; the median must be what :func:`statistics.median` gives
over every finding's days, including when branches are added up into a region.
"""

from __future__ import annotations

import random
import statistics
from collections import Counter

import pytest

from inspector.services.hq.rectify import RectificationFigures


def _figures(days: list[int]) -> RectificationFigures:
    f = RectificationFigures("B1", "支行", "上海")
    f.days.update(days)
    return f


@pytest.mark.parametrize(
    "days",
    [
        [7],
        [0, 0],
        [1, 2],  # even: the mean of the middle two, a float
        [3, 1, 2],
        [5, 5, 5, 9],
        [0, 40, 40, 2, 2, 2],
        [10, 1, 1, 1, 1, 30, 30],
    ],
)
def test_the_median_is_statistics_median_of_every_findings_days(days: list[int]) -> None:
    got = _figures(days).median_days_to_close
    assert got == float(statistics.median(days))
    assert isinstance(got, float)


def test_no_closed_finding_has_no_median_and_empty_counts_count_nothing() -> None:
    assert _figures([]).median_days_to_close is None
    f = _figures([4, 6])
    f.days[100] += 0  # a day value counted for no finding (a group of untimed closes)
    assert f.median_days_to_close == 5.0


def test_a_regions_median_is_over_its_branches_findings() -> None:
    rng = random.Random(21)
    for _ in range(200):
        parts = [[rng.randint(0, 60) for _ in range(rng.randint(0, 9))] for _ in range(3)]
        region = RectificationFigures("", "", "上海", branches=0)
        for p in parts:
            region.add(_figures(p))
        every = [d for p in parts for d in p]
        assert region.days == Counter(every)
        want = float(statistics.median(every)) if every else None
        assert region.median_days_to_close == want
