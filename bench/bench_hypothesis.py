"""Benchmark: the property tests (hypothesis) with the ``thorough`` profile.

The test command runs them with the ``fast`` profile (tests/hypothesis_profiles.py) to stay
quick; this runs the same tests with many more examples, and fails if any property fails.
Baseline, measured in the same run: the same tests with the ``fast`` profile. The ratio says
what the thorough search costs over the everyday one.

    python bench/run.py hypothesis
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent


def _pytest(profile: str) -> tuple[float, str]:
    """Run every @given test with ``profile``; (seconds, pytest's summary line)."""
    env = {**os.environ, "HYPOTHESIS_PROFILE": profile, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "pytest", "-m", "hypothesis", "-q", "-p", "no:cacheprovider"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    took = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"property tests failed with profile {profile}:\n{proc.stdout[-4000:]}")
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "?"
    return took, summary


def run() -> list[tuple[str, float, str]]:
    fast, _ = _pytest("fast")
    thorough, summary = _pytest("thorough")
    return [
        (
            "property tests, thorough profile",
            thorough / fast,
            f"thorough {thorough:.1f}s ({summary}), fast {fast:.1f}s",
        )
    ]


if __name__ == "__main__":
    for name, ratio, detail in run():
        print(f"{name}: ratio {ratio:.2f} ({detail})")
