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


class FindingStatus(StrEnum):
    """A finding's stored status: open until its rectification is confirmed."""

    OPEN = "open"
    CLOSED = "closed"


class FindingState(StrEnum):
    """A finding's state as HQ, the reports and the filters show it; never stored.

    ``overdue`` is an open finding whose deadline has passed (:meth:`of`).
    """

    OPEN = "open"
    OVERDUE = "overdue"
    CLOSED = "closed"

    @classmethod
    def of(cls, status: str, deadline: date | None, today: date) -> FindingState:
        """The shown state of a finding with this stored status and deadline, on ``today``."""
        if status == FindingStatus.CLOSED:
            return cls.CLOSED
        if deadline is not None and deadline < today:
            return cls.OVERDUE
        return cls.OPEN


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
