"""屡查屡犯 (repeat findings) as HQ evaluates them: the rule, on plain rows, no database.

A finding of a finalized inspection is a *repeat* when an earlier finalized inspection of
the same branch, with the same checklist and the same mode, failed the same item (its
finding is active). "Earlier" is by the time the inspection started, whatever order the
packages arrived in. The repeat names the newest such earlier inspection and counts all of
them; its severity is raised one level (``high`` stays ``high``), once: a finding the
laptop already marked as a repeat was raised there, and keeps that severity.

Used by HQ's evaluation (``inspector/services/hq/repeats.py``) and by the migration that
created the table it fills (``hq_repeats``), so both mean the same rule.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from inspector.domain.states import Severity

log = logging.getLogger(__name__)

# (branch id, checklist id, mode, item id): what "the same item at the same branch" means.
Key = tuple[int, str, str, str]


@dataclass(frozen=True, slots=True)
class Failure:
    """An active finding of a finalized, current inspection."""

    finding_id: int
    key: Key
    started_at: datetime
    inspection_uuid: str
    severity: Severity  # as the laptop stored it
    laptop_repeat: bool  # the laptop marked it (and raised its severity) already


@dataclass(frozen=True, slots=True)
class Repeat:
    finding_id: int
    repeat_of: str  # the newest earlier inspection that failed the item
    earlier: int  # how many earlier inspections failed it
    severity: Severity  # what HQ applies


def hq_severity(severity: Severity, laptop_repeat: bool) -> Severity:
    """One level above the laptop's severity, unless the laptop raised it already."""
    return severity if laptop_repeat else severity.escalated()


def evaluate(failures: Iterable[Failure]) -> list[Repeat]:
    """Every repeat among ``failures`` (which should hold all of a key's failures)."""
    by_key: dict[Key, list[Failure]] = defaultdict(list)
    for f in failures:
        by_key[f.key].append(f)
    out: list[Repeat] = []
    for rows in by_key.values():
        rows.sort(key=lambda f: (f.started_at, f.inspection_uuid))
        before = 0  # rows[:before] started strictly before the current row
        for f in rows:
            # Earlier = started strictly before (an inspection at the same instant is not).
            while rows[before].started_at < f.started_at:
                before += 1
            if before:
                out.append(
                    Repeat(
                        f.finding_id,
                        rows[before - 1].inspection_uuid,
                        before,
                        hq_severity(f.severity, f.laptop_repeat),
                    )
                )
    out.sort(key=lambda r: r.finding_id)
    return out
