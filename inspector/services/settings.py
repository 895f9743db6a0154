"""Settings shared by everyone using a database: what reports print for the organisation.

Shipped empty. ``org.name`` is the inspecting organisation printed on the cover and the
sign-off block of every report; ``org.logo`` its logo (PNG or JPEG, validated, stored as
PNG). Set with ``inspector settings set KEY VALUE``; each change is audited.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from inspector.db import Database
from inspector.db.models import Setting, utcnow
from inspector.domain import timefmt
from inspector.errors import ValidationError
from inspector.services import audit
from inspector.services.images import read_image_file
from inspector.text import settings as T
from inspector.text.parts import Term

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Spec:
    key: str
    kind: str  # text | image
    help: str
    max_len: int = 200


SPECS: dict[str, Spec] = {
    s.key: s
    for s in (
        Spec("org.name", "text", "organisation name printed on reports (e.g. 某某银行消保部)"),
        Spec("org.logo", "image", "organisation logo printed on reports: a PNG or JPEG file"),
        Spec(
            "display.tz",
            "text",
            "time zone of printed times (IANA name or +08:00); empty: Asia/Shanghai",
            64,
        ),
    )
}


def _spec(key: str) -> Spec:
    spec = SPECS.get(key)
    if spec is None:
        raise ValidationError(T.UNKNOWN, key=repr(key), known=", ".join(sorted(SPECS)))
    return spec


def get_text(session: Session, key: str) -> str:
    _spec(key)
    row = session.get(Setting, key)
    return row.value if row is not None else ""


def get_image(session: Session, key: str) -> bytes | None:
    _spec(key)
    row = session.get(Setting, key)
    return row.data if row is not None else None


def set_value(session: Session, key: str, value: str, *, actor: str) -> None:
    """Set ``key``: text as given (trimmed), an image from the file path ``value``.

    An empty value clears the setting.
    """
    spec = _spec(key)
    label = T.LABELS.get(key)
    name: object = Term(key, label) if label is not None else key
    value = value.strip()
    data: bytes | None = None
    text = value
    if spec.kind == "text":
        if len(value) > spec.max_len:
            raise ValidationError(T.TOO_LONG, key=name, max=spec.max_len, n=len(value))
        if any(ord(c) < 32 for c in value):
            raise ValidationError(T.CONTROL_CHARS, key=name)
        if key == "display.tz" and value:
            try:
                timefmt.zone(value)  # an unknown zone is refused now, not at the next report
            except ValidationError:
                raise ValidationError(T.BAD_TIME_ZONE, key=name, value=repr(value)) from None
    elif value:
        data = read_image_file(Path(value).expanduser(), what=key)
        text = Path(value).name
    row = session.get(Setting, key)
    old = _describe(row)
    if not value:
        if row is not None:
            session.delete(row)
    else:
        if row is None:
            row = Setting(key=key)
            session.add(row)
        row.value = text
        row.data = data
        row.updated_at = utcnow()
        row.updated_by = actor
    audit.record(
        session,
        actor=actor,
        entity="setting",
        action="update" if value else "delete",
        key=key,
        old=old,
        new={"value": text, "bytes": len(data)}
        if data is not None
        else ({"value": text} if value else None),
    )
    log.info("setting %s changed by %s", key, actor)


def _describe(row: Setting | None) -> dict[str, Any] | None:
    if row is None:
        return None
    out: dict[str, Any] = {"value": row.value}
    if row.data is not None:
        out["bytes"] = len(row.data)
    return out


def all_settings(session: Session) -> list[dict[str, Any]]:
    """Every known setting with its value ("" when unset), for ``settings show``."""
    out = []
    for key, spec in SPECS.items():
        row = session.get(Setting, key)
        entry: dict[str, Any] = {"key": key, "kind": spec.kind, "value": "", "help": spec.help}
        if row is not None:
            entry["value"] = row.value
            if row.data is not None:
                entry["bytes"] = len(row.data)
            entry["updated_at"] = row.updated_at.isoformat()
            entry["updated_by"] = row.updated_by
        out.append(entry)
    return out


def apply_display_tz(db: Database) -> None:
    """Make the database's ``display.tz`` the zone of printed times in this process.

    Precedence: ``--tz`` > $INSPECTOR_TZ > this setting > Asia/Shanghai
    (:func:`inspector.domain.timefmt.zone_name`), so an environment value still wins.
    """
    try:
        with db.read_session() as s:
            tz = get_text(s, "display.tz")
    except Exception:  # an old or damaged database: the default zone, never a failure here
        log.debug("display.tz not readable", exc_info=True)
        tz = None
    timefmt.use_setting(tz)


def set_display_tz(db: Database, value: str, *, actor: str) -> None:
    """Store ``display.tz`` and make it this process's zone at once (an $INSPECTOR_TZ the
    user set keeps winning)."""
    with db.session() as s:
        set_value(s, "display.tz", value, actor=actor)
    timefmt.use_setting(value)
