"""The audit log: every change a user makes, with who, when, the old and the new value."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db.models import AuditEntry, Inspection

log = logging.getLogger(__name__)


def record(
    session: Session,
    *,
    actor: str,
    entity: str,
    action: str,
    key: str = "",
    old: Any = None,
    new: Any = None,
    inspection: Inspection | None = None,
) -> AuditEntry:
    """Add an audit entry to the current unit of work (committed with the change)."""
    entry = AuditEntry(
        actor=actor,
        entity=entity,
        action=action,
        key=key,
        old=old,
        new=new,
        inspection_uuid=inspection.uuid if inspection is not None else None,
        revision=inspection.revision if inspection is not None else None,
    )
    session.add(entry)
    return entry


def entries_for(session: Session, inspection_uuid: str) -> list[AuditEntry]:
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.inspection_uuid == inspection_uuid)
            .order_by(AuditEntry.id)
        )
    )


def as_dict(e: AuditEntry) -> dict[str, Any]:
    return {
        "at": e.at.isoformat(),
        "actor": e.actor,
        "revision": e.revision,
        "entity": e.entity,
        "key": e.key,
        "action": e.action,
        "old": e.old,
        "new": e.new,
    }
