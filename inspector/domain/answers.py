"""Typed answers: turning what the inspector typed into a value the item accepts."""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from typing import Any

from inspector.domain.checklist import AnswerType, Item, Result

log = logging.getLogger(__name__)

AnswerValue = bool | int | float | str | None

_YES = {"yes", "y", "true", "1", "pass", "是", "有", "符合"}
_NO = {"no", "n", "false", "0", "fail", "否", "无", "不符合"}
_NA = {"na", "n/a", "n.a.", "not applicable", "不适用"}
_RATIO = re.compile(r"^\s*1\s*[:：]\s*([0-9]+(?:\.[0-9]+)?)\s*$")


@dataclass(frozen=True, slots=True)
class Answer:
    """One item's answer: an explicit judgement, a typed value, or both.

    ``result`` overrides what the value implies (an inspector may judge a measured ramp
    a fail for a reason the number does not show).
    """

    result: Result | None = None
    value: AnswerValue = None
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return self.result is None and self.value is None


class AnswerError(ValueError):
    """A value that does not fit the item's answer type; the message says why."""


def parse_result(text: str) -> Result:
    t = text.strip().lower()
    if t in ("pass", "p", "yes", "y", "是", "符合"):
        return Result.PASS
    if t in ("fail", "f", "no", "n", "否", "不符合"):
        return Result.FAIL
    if t in _NA:
        return Result.NA
    raise AnswerError(f"result must be pass, fail or na, not {text!r}")


def coerce_value(item: Item, raw: Any) -> AnswerValue:
    """Check and normalise a value for ``item``; strings (from the CLI) are parsed.

    Raises :class:`AnswerError` with a message naming the item and what it accepts.
    """
    if raw is None:
        return None
    t = item.type
    try:
        if t in (AnswerType.YES_NO, AnswerType.YES_NO_NA):
            return _coerce_bool(item, raw)
        if t == AnswerType.SCALE:
            assert item.scale is not None
            v = _coerce_int(raw)
            if not item.scale.min <= v <= item.scale.max:
                raise AnswerError(f"must be between {item.scale.min} and {item.scale.max}")
            return v
        if t == AnswerType.COUNT:
            v = _coerce_int(raw)
            if v < 0:
                raise AnswerError("a count cannot be negative")
            return v
        if t == AnswerType.MEASURE:
            return _coerce_float(raw)
        if t == AnswerType.CHOICE:
            assert item.options is not None
            ids = [o.id for o in item.options]
            s = str(raw).strip()
            if s in ids:
                return s
            raise AnswerError(f"must be one of {', '.join(ids)}")
        if t == AnswerType.TEXT:
            if not isinstance(raw, str):
                raise AnswerError("must be text")
            return raw
    except AnswerError as e:
        raise AnswerError(f"item {item.id} ({t.value}): value {raw!r} {e}") from None
    raise AnswerError(f"item {item.id}: unknown answer type {t}")  # pragma: no cover


def _coerce_bool(item: Item, raw: Any) -> bool | str:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    s = str(raw).strip().lower()
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise AnswerError("must be yes or no" + (" (or use --result na)" if item.allows_na else ""))


def _coerce_int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise AnswerError("must be a whole number")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    try:
        return int(str(raw).strip())
    except ValueError:
        raise AnswerError("must be a whole number") from None


def _coerce_float(raw: Any) -> float:
    if isinstance(raw, bool):
        raise AnswerError("must be a number")
    if isinstance(raw, int | float):
        v = float(raw)
    else:
        s = str(raw).strip().replace(",", ".")
        m = _RATIO.match(s)
        try:
            v = float(m.group(1)) if m else float(s)
        except ValueError:
            raise AnswerError("must be a number (a slope may be written 1:12)") from None
    if not math.isfinite(v):
        raise AnswerError("must be a finite number")
    return v
