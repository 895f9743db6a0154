"""Editing a finding of a draft inspection (action, owner, deadline, severity), audited."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy.orm import Session

from inspector.db.models import (
    Finding,
    Inspection,
    utcnow,
)
from inspector.domain.states import Severity
from inspector.errors import NotFoundError, ValidationError
from inspector.services import audit
from inspector.services.findings.record import finding_dict
from inspector.services.inspections.lookup import require_draft
from inspector.services.inspections.snapshots import item_name
from inspector.text import findings as T

log = logging.getLogger(__name__)


def update_finding(
    session: Session,
    insp: Inspection,
    item_id: str,
    *,
    actor: str,
    action: str | None = None,
    owner: str | None = None,
    deadline: date | None = None,
    severity: Severity | None = None,
) -> Finding:
    require_draft(insp)
    f = next((x for x in insp.findings if x.item_id == item_id and x.active), None)
    if f is None:
        raise NotFoundError(T.NOT_A_FINDING_TO_EDIT, item=item_name(insp, item_id), uuid=insp.uuid)
    old = finding_dict(f)
    if action is not None:
        f.action = action
    if owner is not None:
        f.owner = owner
    if deadline is not None:
        f.deadline = deadline
    if severity is not None:
        try:
            f.severity = Severity(severity)
        except ValueError:
            raise ValidationError(T.BAD_SEVERITY, severity=repr(severity)) from None
    f.updated_at = utcnow()
    audit.record(
        session,
        actor=actor,
        entity="finding",
        action="update",
        key=item_id,
        old=old,
        new=finding_dict(f),
        inspection=insp,
    )
    return f
