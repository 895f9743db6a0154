"""A finding's states, its audited record, and the order reports list findings in."""

from __future__ import annotations

import logging
from typing import Any

from inspector.db.models import (
    Finding,
    Inspection,
)
from inspector.domain.states import FindingState, Severity
from inspector.services.inspections.snapshots import checklist_of

log = logging.getLogger(__name__)


# The states HQ shows and filters by (overdue is shown, never stored: an open finding past
# its deadline).
STATUSES = tuple(s.value for s in FindingState)  # plain strings: click.Choice lists them


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as the audit log and ``show --json`` record it."""
    return {
        "item": f.item_id,
        "severity": f.severity,
        "action": f.action,
        "owner": f.owner,
        "deadline": f.deadline.isoformat() if f.deadline else None,
        "status": f.status,
        "closed_at": f.closed_at.isoformat() if f.closed_at else None,
        "closed_by": f.closed_by_uuid,
        "closed_via": f.closed_via,
        # 屡查屡犯: the previous inspection with the same finding (severity raised a level).
        "repeat_of": f.repeat_of,
    }


def active_findings(insp: Inspection) -> list[Finding]:
    """Findings ordered for reports: veto items first, then critical, then severity."""
    checklist = checklist_of(insp)
    index = checklist.item_index()
    order = {i.id: n for n, i in enumerate(checklist.items())}

    def key(f: Finding) -> tuple[int, int, int, int]:
        item = index.get(f.item_id)
        veto = 0 if item is not None and item.veto else 1
        crit = 0 if item is not None and item.critical else 1
        return (veto, crit, Severity(f.severity).rank, order.get(f.item_id, 10**6))

    return sorted((f for f in insp.findings if f.active), key=key)
