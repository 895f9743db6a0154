"""The one way the app writes JSON: strict, so a NaN or an infinity can never leave.

Python's ``json.dumps`` writes ``NaN``, ``Infinity`` and ``-Infinity`` by default: tokens
that are not JSON, which other programs (and HQ's scripts) refuse or misread. Every JSON
the app writes (``--json`` output, packages, the database's JSON columns, the phone page's
answers, checklist snapshots) goes through :func:`dumps`, which refuses such a value and
names where it is, so a bug that produces one is caught at its source instead of travelling
on. ``tests/unit/test_strict_json.py`` fails on any ``json.dumps`` call outside this module.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any


class NonFiniteNumberError(ValueError):
    """A value to be written as JSON holds NaN or an infinity (at ``path``)."""

    def __init__(self, path: str, value: float) -> None:
        super().__init__(f"{value!r} at {path} is not a number JSON can carry")
        self.path, self.value = path, value


def _find_non_finite(data: Any, path: str = "$") -> tuple[str, float] | None:
    if isinstance(data, float) and not math.isfinite(data):
        return path, data
    if isinstance(data, dict):
        for k, v in data.items():
            found = _find_non_finite(v, f"{path}.{k}")
            if found:
                return found
    elif isinstance(data, list | tuple):
        for i, v in enumerate(data):
            found = _find_non_finite(v, f"{path}[{i}]")
            if found:
                return found
    return None


def dumps(
    data: Any,
    *,
    indent: int | None = None,
    sort_keys: bool = False,
    separators: tuple[str, str] | None = None,
    default: Callable[[Any], Any] | None = None,
    ensure_ascii: bool = False,
) -> str:
    """``json.dumps`` with ``allow_nan=False``; a non-finite number raises
    :class:`NonFiniteNumberError` naming its place (``$.score.total``)."""
    try:
        return json.dumps(
            data,
            indent=indent,
            sort_keys=sort_keys,
            separators=separators,
            default=default,
            ensure_ascii=ensure_ascii,
            allow_nan=False,
        )
    except ValueError as e:
        found = _find_non_finite(data)
        if found is None:
            raise
        raise NonFiniteNumberError(*found) from e


def loads(text: str) -> Any:
    """``json.loads`` that refuses ``NaN``, ``Infinity`` and numbers too large for a float
    (``1e999``) with a :class:`json.JSONDecodeError` at their place, as for any other
    invalid JSON."""

    def refuse(token: str) -> Any:
        pos = max(text.find(token), 0)
        raise json.JSONDecodeError(f"{token[:40]} is not a number JSON allows", text, pos)

    def finite(token: str) -> float:
        v = float(token)
        return v if math.isfinite(v) else refuse(token)

    return json.loads(text, parse_constant=refuse, parse_float=finite)
