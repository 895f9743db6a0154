"""One rounding rule for every number a person reads (四舍五入).

Scores are shown with two decimals and percentages with one, both rounded **half up** (a 5
in the first dropped place rounds away from zero), in the app, the CLI text, the branch and
HQ PDFs, the Excel workbooks and the dashboard. Every one of them goes through this module.

How a value is rounded:

* The decimal digits of a float are those of its shortest ``repr`` (what Python prints and
  what ``--json`` writes), so ``2.675`` is treated as 2.675 and rounds to ``2.68``, not to
  the ``2.67`` that its binary expansion (2.67499999…) would give to ``round`` or ``format``.
* A computed score is **kept to four decimals** (:func:`stored`: the database's
  ``score_total``, a package's score), which also drops float noise such as
  ``92.04499999999999`` (→ 92.045).
* **The value of record has two decimals**: :func:`record` rounds the kept value half up to
  two decimals. It is what ``--json`` publishes for scores and percentages and what an Excel
  cell stores. Because it is taken from the kept value, a score re-computed live and the same
  score read back from the database have the same record.
* Every display rounds *the value of record*, never the unrounded one: a percentage whose
  record is 53.85 (computed 53.846…) reads ``53.9`` everywhere, as anyone applying 四舍五入
  to the published 53.85 expects, and a score of 92.05 stays ``92.05``.

Non-finite values (NaN, ±inf) are never numbers of record: :func:`record` refuses them with
``ValueError`` and the text functions show them as the "no value" dash, so such a value can
never be printed as ``nan%``.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

#: Decimals a computed score is kept with (the database, packages).
KEPT_PLACES = 4
#: Decimals of the value of record (``--json``, Excel cells) and of a displayed score.
SCORE_PLACES = 2
#: Decimals of a displayed percentage.
PERCENT_PLACES = 1
#: What a missing (or non-finite) number shows as.
MISSING = "—"

_QUANTUM = {n: Decimal(1).scaleb(-n) for n in range(0, 8)}


def half_up(value: float | int | Decimal, places: int) -> Decimal:
    """``value`` rounded half up to ``places`` decimals, from its shortest decimal form."""
    if isinstance(value, Decimal):
        d = value
    else:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not d.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return d.quantize(_QUANTUM[places], rounding=ROUND_HALF_UP)


def rounded(value: float | int, places: int) -> float:
    """``value`` rounded half up to ``places`` decimals, as a float (for data, not text)."""
    return float(half_up(value, places))


def stored(value: float | int) -> float:
    """A computed score as it is kept: half up to four decimals (database, packages)."""
    return rounded(value, KEPT_PLACES)


def _record(value: float | int | Decimal) -> Decimal:
    return half_up(half_up(value, KEPT_PLACES), SCORE_PLACES)


def record(value: float | int) -> float:
    """The value of record: the kept value, half up to two decimals (``--json``, Excel)."""
    return float(_record(value))


def record_or_none(value: float | int | None) -> float | None:
    """:func:`record`, keeping None (no value) as None; a non-finite value (a NaN stored by
    an old version) is no value either, so it never reaches a JSON output as ``NaN``."""
    if value is None or not _finite(value):
        return None
    return record(value)


def _finite(value: float | int | None) -> bool:
    return value is not None and not (isinstance(value, float) and not math.isfinite(value))


def fixed(value: float | int | None, places: int, *, missing: str = MISSING) -> str:
    """The value of record of ``value`` shown with ``places`` decimals (half up)."""
    if value is None or not _finite(value):
        return missing
    if places <= SCORE_PLACES:
        d = half_up(_record(value), places)
    else:
        d = half_up(half_up(value, KEPT_PLACES), places)
    if d == 0:
        d = abs(d)  # never "-0.00"
    return f"{d:f}"


def score(value: float | int | None, *, missing: str = MISSING) -> str:
    """A score for a reader: two decimals, half up (``92.05``)."""
    return fixed(value, SCORE_PLACES, missing=missing)


def signed_score(value: float | int | None, *, missing: str = MISSING) -> str:
    """A score difference (a trend) with its sign: ``+1.25``, ``-0.50``, ``0.00``."""
    text = score(value, missing=missing)
    if text == missing or text.startswith("-") or set(text) <= {"0", "."}:
        return text
    return "+" + text


def percent(value: float | int | None, *, missing: str = MISSING) -> str:
    """A percentage for a reader, without the sign: one decimal, half up (``53.9``)."""
    return fixed(value, PERCENT_PLACES, missing=missing)


def percent_sign(value: float | int | None, *, missing: str = MISSING) -> str:
    """A percentage with its ``%``: ``53.9%``; a missing one is just ``missing``."""
    text = percent(value, missing=missing)
    return text if text == missing else text + "%"


def whole(value: float | int | None, *, missing: str = MISSING) -> str:
    """A number with no decimals, half up (a compact chart label): ``54``."""
    return fixed(value, 0, missing=missing)


def points(value: float | int | None, *, missing: str = MISSING) -> str:
    """Points without noise: ``3``, ``2.5``, ``1.33`` (two decimals at most, half up)."""
    text = score(value, missing=missing)
    return text.rstrip("0").rstrip(".") if text != missing and "." in text else text
