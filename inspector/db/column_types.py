"""The column types of the ORM models: how values cross the database boundary.

Times (aware UTC in, aware UTC out on every backend), photo layers and answer values
(checked on the way in, always readable out) and the states of
:mod:`inspector.domain.states` (text, refused when not a member, with a CHECK constraint).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, Enum
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from inspector.domain.answers import STORED_VALUE
from inspector.domain.layers import Layers

log = logging.getLogger(__name__)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware one (UTC)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class LayersJSON(TypeDecorator[dict[str, Any]]):
    """Photo layers at the database boundary: checked on the way in, always readable out.

    Writing a value that does not fit :class:`inspector.domain.layers.Layers` fails the
    statement; reading goes through :meth:`Layers.from_stored`, so a row written before the
    model existed can never make a rendering or a report crash.
    """

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dict[str, Any]:
        return Layers.parse(value).stored()

    def process_result_value(self, value: Any, dialect: Dialect) -> dict[str, Any]:
        return Layers.from_stored(value).stored()


class AnswerValueJSON(TypeDecorator[Any]):
    """An answer's value at the database boundary: one JSON scalar of the typed model."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return STORED_VALUE.validate_python(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        try:
            return STORED_VALUE.validate_python(value)
        except ValueError:
            # Written before values were typed: scoring and reports must still work, so
            # the unreadable value reads as no value (the judgement, if any, stays).
            log.warning("stored answer value %.60r is not a valid value; read as none", value)
            return None


def state_type(enum: type[StrEnum], name: str, *, check: bool = True, length: int = 16) -> Enum:
    """A column of one of :mod:`inspector.domain.states`: the value stored as text.

    Reads give the enum member; writes accept a member or its exact string and refuse any
    other value before the statement runs. ``check`` adds a CHECK constraint (named
    ``ck_<table>_<name>``) so the database refuses other values from any writer, raw SQL
    included (migration ``status_checks``).
    """
    return Enum(
        enum,
        native_enum=False,
        length=length,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
        create_constraint=check,
        name=name,
    )
