"""Hypothesis profiles: ``fast`` for the test command, ``thorough`` for bench/ and by hand.

Selected by ``HYPOTHESIS_PROFILE`` (default ``fast``); loaded by tests/conftest.py before
any test module is imported, so ``examples()`` in a decorator sees the chosen profile.
"""

from __future__ import annotations

import logging
import os

from hypothesis import settings

log = logging.getLogger(__name__)

PROFILE_ENV = "HYPOTHESIS_PROFILE"
DEFAULT_PROFILE = "fast"

# Scoring properties run in microseconds per example: 30 in the test command still finds
# a broken rule, 1,000 in the thorough run searches the corners. No deadline: a loaded CI
# machine must not turn a slow example into a failure.
settings.register_profile("fast", max_examples=30, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)


def load_profile() -> str:
    name = os.environ.get(PROFILE_ENV, DEFAULT_PROFILE)
    settings.load_profile(name)  # an unknown name raises InvalidArgument, naming the choices
    return name


def examples(share: float, minimum: int = 3) -> int:
    """A share of the current profile's example count, for tests slow per example."""
    return max(minimum, int(settings.default.max_examples * share))
