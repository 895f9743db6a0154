"""Typed answers: turning what the inspector typed into a value the item accepts."""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field, Strict, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from inspector.domain.checklist import AnswerType, Item, Result
from inspector.errors import MessageValueError
from inspector.text import Text
from inspector.text import answers as T
from inspector.text.parts import ItemName

log = logging.getLogger(__name__)

AnswerValue = bool | int | float | str | None

# The typed model of an answer's value, one type per answer type. The app (through
# coerce_value), a package's manifest and the database column all check values with these,
# so a stored value is always one the scoring and the report understand. Numbers stay
# inside what JSON carries exactly (2^53) and what a person could measure.
MAX_WHOLE = 2**53
MAX_MEASURE = 1e12
MAX_TEXT_VALUE = 20_000
WholeValue = Annotated[int, Strict(), Field(ge=-MAX_WHOLE, le=MAX_WHOLE)]
MeasureValue = Annotated[
    float, Strict(), Field(allow_inf_nan=False, ge=-MAX_MEASURE, le=MAX_MEASURE)
]
TextValue = Annotated[str, Strict(), Field(max_length=MAX_TEXT_VALUE)]
BoolValue = Annotated[bool, Strict()]
#: Any stored value: what the manifest schema and the database column accept.
StoredValue = BoolValue | WholeValue | MeasureValue | TextValue | None
STORED_VALUE: TypeAdapter[AnswerValue] = TypeAdapter(StoredValue)
_BY_TYPE: dict[AnswerType, TypeAdapter[Any]] = {
    AnswerType.YES_NO: TypeAdapter(BoolValue),
    AnswerType.YES_NO_NA: TypeAdapter(BoolValue),
    AnswerType.SCALE: TypeAdapter(WholeValue),
    AnswerType.COUNT: TypeAdapter(WholeValue),
    AnswerType.MEASURE: TypeAdapter(WholeValue | MeasureValue),
    AnswerType.CHOICE: TypeAdapter(Annotated[str, Strict(), Field(max_length=100)]),
    AnswerType.TEXT: TypeAdapter(TextValue),
}

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


class AnswerError(MessageValueError):
    """A value that does not fit the item's answer type; the message says why.

    A catalogue message with fields: the runner shows it in the app's language
    (``render(lang, Surface.GUI)``), the CLI prints ``str()`` in English.
    """


def parse_result(text: str) -> Result:
    t = text.strip().lower()
    if t in ("pass", "p", "yes", "y", "是", "符合"):
        return Result.PASS
    if t in ("fail", "f", "no", "n", "否", "不符合"):
        return Result.FAIL
    if t in _NA:
        return Result.NA
    raise AnswerError(T.RESULT_WORDS, value=repr(text))


def coerce_value(item: Item, raw: Any) -> AnswerValue:
    """Check and normalise a value for ``item``; strings (from the CLI) are parsed.

    Raises :class:`AnswerError` with a message naming the item and what it accepts.
    """
    if raw is None:
        return None
    return check_value(item, _coerce(item, raw))


def check_value(item: Item, value: Any) -> AnswerValue:
    """``value`` exactly as stored for ``item`` (no parsing), or :class:`AnswerError`.

    The check every stored value passes: its JSON type is the item's, and it is inside the
    item's scale, a count is not negative, a choice is one of the options.
    """
    if value is None:
        return None
    t = item.type
    try:
        try:
            v: AnswerValue = _BY_TYPE[t].validate_python(value)
        except PydanticValidationError as e:
            raise _type_error(t, e) from None
        if t == AnswerType.SCALE:
            assert item.scale is not None and isinstance(v, int)
            if not item.scale.min <= v <= item.scale.max:
                raise AnswerError(T.BETWEEN, min=item.scale.min, max=item.scale.max)
        elif t == AnswerType.COUNT:
            assert isinstance(v, int)
            if v < 0:
                raise AnswerError(T.NEGATIVE_COUNT)
        elif t == AnswerType.CHOICE:
            assert item.options is not None
            if v not in [o.id for o in item.options]:
                raise AnswerError(T.ONE_OF, choices=", ".join(o.id for o in item.options))
    except AnswerError as e:
        raise _refused(item, value, e) from None
    return v


def _type_error(t: AnswerType, e: PydanticValidationError) -> AnswerError:
    """The type check's complaint in the catalogue's words where it has them.

    A measure is checked as a whole number or a decimal: of its two complaints, the one
    about the value (out of range) says more than the one about its type.
    """
    errors = e.errors()
    kinds = {str(err["type"]) for err in errors}
    if kinds & {"less_than_equal", "greater_than_equal"}:
        limit = MAX_MEASURE if t == AnswerType.MEASURE else MAX_WHOLE
        return AnswerError(T.BETWEEN, min=f"{-limit:,.0f}", max=f"{limit:,.0f}")
    if "finite_number" in kinds:
        return AnswerError(T.FINITE_NUMBER)
    if "string_too_long" in kinds:
        return AnswerError(T.TOO_LONG, max=f"{MAX_TEXT_VALUE:,}")
    if t == AnswerType.MEASURE and kinds <= {"int_type", "float_type"}:
        return AnswerError(T.NUMBER)
    by_kind = {"int_type": T.WHOLE_NUMBER, "bool_type": T.YES_OR_NO, "string_type": T.MUST_BE_TEXT}
    if len(kinds) == 1 and (only := next(iter(kinds))) in by_kind:
        return AnswerError(by_kind[only])
    msg = str(errors[0]["msg"]).removeprefix("Value error, ")
    return AnswerError(T.NOT_OF_TYPE, detail=msg[:1].lower() + msg[1:])


def _refused(item: Item, value: Any, reason: AnswerError) -> AnswerError:
    """``reason`` (a bare "must be ...") said of ``item`` and the value given."""
    return AnswerError(
        T.VALUE_REFUSED,
        item=_named(item),
        type=T.ANSWER_TYPES[item.type.value],
        value=_shown(value),
        reason=reason,
    )


def _named(item: Item) -> ItemName:
    """The item as a message names it: its id on the CLI, its title in the app."""
    return ItemName(item.id, item.text.zh, item.text.en)


def _shown(value: Any) -> str | Text:
    """A value for a message: short, and never failing (repr of a 5,000-digit int does)."""
    try:
        text = repr(value)
    except ValueError:
        return T.NUMBER_TOO_LONG
    return text if len(text) <= 60 else text[:57] + "..."


def _coerce(item: Item, raw: Any) -> AnswerValue:
    """Parse what a person typed into the item's value type (checked by check_value)."""
    t = item.type
    try:
        if t in (AnswerType.YES_NO, AnswerType.YES_NO_NA):
            return _coerce_bool(item, raw)
        if t == AnswerType.SCALE:
            assert item.scale is not None
            v = _coerce_int(raw)
            if not item.scale.min <= v <= item.scale.max:
                raise AnswerError(T.BETWEEN, min=item.scale.min, max=item.scale.max)
            return v
        if t == AnswerType.COUNT:
            v = _coerce_int(raw)
            if v < 0:
                raise AnswerError(T.NEGATIVE_COUNT)
            return v
        if t == AnswerType.MEASURE:
            return _coerce_float(raw)
        if t == AnswerType.CHOICE:
            assert item.options is not None
            ids = [o.id for o in item.options]
            s = str(raw).strip()
            if s in ids:
                return s
            raise AnswerError(T.ONE_OF, choices=", ".join(ids))
        if t == AnswerType.TEXT:
            if not isinstance(raw, str):
                raise AnswerError(T.MUST_BE_TEXT)
            return raw
    except AnswerError as e:
        raise _refused(item, raw, e) from None
    except (ValueError, OverflowError):
        raise AnswerError(
            T.NOT_USABLE, item=_named(item), type=T.ANSWER_TYPES[t.value], value=_shown(raw)
        ) from None
    raise AnswerError(T.UNKNOWN_TYPE, item=item.id, type=str(t))  # pragma: no cover


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
    raise AnswerError(T.YES_OR_NO_OR_NA if item.allows_na else T.YES_OR_NO)


def _coerce_int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise AnswerError(T.WHOLE_NUMBER)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    try:
        return int(str(raw).strip())
    except ValueError:
        raise AnswerError(T.WHOLE_NUMBER) from None


def _coerce_float(raw: Any) -> float:
    if isinstance(raw, bool):
        raise AnswerError(T.NUMBER)
    if isinstance(raw, int | float):
        try:
            v = float(raw)
        except OverflowError:
            raise AnswerError(T.TOO_LARGE) from None
    else:
        s = str(raw).strip().replace(",", ".")
        m = _RATIO.match(s)
        try:
            v = float(m.group(1)) if m else float(s)
        except ValueError:
            raise AnswerError(T.NUMBER_OR_SLOPE) from None
    if not math.isfinite(v):
        raise AnswerError(T.FINITE_NUMBER)
    return v
