"""The states an inspection, a finding and an imported package can be in, as enums.

Each is a :class:`enum.StrEnum`: a member *is* its string value, so JSON, the CLI's
``--json`` output, audit records and export packages carry exactly the strings they always
did (a public contract), while code names the state and a typo fails at import time.

The database stores the values in ``String(16)`` columns with CHECK constraints
(``inspector/db/models.py``, migration ``status_checks``), so no other value can be written
by any path, the ORM, a bulk insert or raw SQL.
"""

from __future__ import annotations

import logging
from datetime import date
from enum import StrEnum

log = logging.getLogger(__name__)


class InspectionStatus(StrEnum):
    """An inspection revision is a draft (editable) until it is finalized (signed off)."""

    DRAFT = "draft"
    FINALIZED = "finalized"


class FindingState(StrEnum):
    """A finding's state: the one enum the database, HQ, the reports and the filters use.

    Four states are stored (:data:`STORED_FINDING_STATES`): ``open`` until rectified,
    ``submitted`` when the branch's rectification response (整改报告) awaits HQ's review,
    ``returned`` when HQ sent that response back (the branch must act again), ``closed``
    when a re-check, HQ's acceptance of a response, or HQ by hand confirmed it.
    ``overdue`` is shown, never stored: an open or returned finding whose deadline has
    passed (:meth:`of`).
    """

    OPEN = "open"
    OVERDUE = "overdue"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    CLOSED = "closed"

    @classmethod
    def of(cls, status: FindingState, deadline: date | None, today: date) -> FindingState:
        """The shown state of a finding with this stored status and deadline, on ``today``."""
        if status in (cls.CLOSED, cls.SUBMITTED):
            return cls(status)
        if deadline is not None and deadline < today:
            return cls.OVERDUE
        return cls.RETURNED if status == cls.RETURNED else cls.OPEN

    @property
    def unresolved(self) -> bool:
        """The branch still has to act (open, overdue or returned)."""
        return self in (FindingState.OPEN, FindingState.OVERDUE, FindingState.RETURNED)


FindingStatus = FindingState
"""The stored status is the same enum (one of :data:`STORED_FINDING_STATES`); the name
is kept for the modules that store and compare it."""

STORED_FINDING_STATES = (
    FindingState.OPEN,
    FindingState.SUBMITTED,
    FindingState.RETURNED,
    FindingState.CLOSED,
)
"""The values ``findings.status`` may hold (its CHECK constraint): never ``overdue``."""


class PlanState(StrEnum):
    """A plan line's state at HQ and on the laptop (``inspector plan --status``)."""

    DONE = "done"  # a finalized inspection of that branch, checklist and mode fulfils it
    IN_PROGRESS = "in_progress"  # one is started (a draft)
    DUE = "due"  # none yet, the due date is still ahead
    OVERDUE = "overdue"  # none yet, the due date has passed


class ClosedVia(StrEnum):
    """How a closed finding was closed (``findings.closed_via``)."""

    RECHECK = "recheck"  # a finalized re-check passed the item
    RESPONSE = "response"  # HQ accepted the branch's rectification response
    HAND = "hand"  # HQ closed it by hand with a note (hq close-finding)


class Severity(StrEnum):
    """How urgent a finding's rectification is (立行立改 / 限期整改 / 持续改进)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """Sort key, most urgent first (high 0, medium 1, low 2)."""
        return _SEVERITY_ORDER.index(self)

    def escalated(self) -> Severity:
        """One level more urgent (屡查屡犯: a repeated finding); ``high`` stays ``high``."""
        return _SEVERITY_ORDER[max(self.rank - 1, 0)]


_SEVERITY_ORDER = (Severity.HIGH, Severity.MEDIUM, Severity.LOW)


class ImportOutcome(StrEnum):
    """What importing one package did: the five lists of an import receipt.

    Only ``imported`` and ``updated`` are stored (``imports.outcome``): the other three
    change nothing in the database.
    """

    IMPORTED = "imported"
    UPDATED = "updated"
    DUPLICATES = "duplicates"
    CONFLICTS = "conflicts"
    REJECTED = "rejected"


STORED_IMPORT_OUTCOMES = (ImportOutcome.IMPORTED, ImportOutcome.UPDATED)
"""The outcomes an ``imports`` row may record (its CHECK constraint)."""


class Origin(StrEnum):
    """Where an inspection revision was made: here, or on a device whose package HQ imported."""

    LOCAL = "local"
    IMPORTED = "imported"
