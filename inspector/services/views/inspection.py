"""One inspection read whole: its ``show --json`` record, its audit trail, its label.

Read models for the CLI's ``show``, ``audit`` and ``delete`` (and any screen that wants
the same data): a :class:`~inspector.db.Database` handle and a reference in (UUID, prefix
or id), plain dictionaries out, each from one read session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector.db import Database
from inspector.services import audit
from inspector.services.exchange import importer
from inspector.services.inspections import lookup, records


@dataclass(frozen=True, slots=True)
class InspectionLabel:
    """What names an inspection to a person: its UUID and branch code."""

    uuid: str
    branch_code: str
    inspector: str | None = None


def inspection_record(db: Database, ref: str, revision: int | None = None) -> dict[str, Any]:
    """The ``show --json`` record (a public contract) of ``ref``'s current or given revision."""
    with db.read_session() as s:
        insp = lookup.get(s, ref)
        if revision is not None:
            insp = lookup.get_revision(s, insp.uuid, revision)
        return records.show_dict(s, insp)


def audit_rows(db: Database, ref: str) -> list[dict[str, Any]]:
    """Every recorded change of the inspection, all revisions (``audit --json``)."""
    with db.read_session() as s:
        insp = lookup.get(s, ref)
        return [audit.as_dict(e) for e in audit.entries_for(s, insp.uuid)]


def inspection_label(db: Database, ref: str) -> InspectionLabel:
    with db.read_session() as s:
        insp = lookup.get(s, ref)
        return InspectionLabel(insp.uuid, insp.branch.code, insp.inspector)


def provenance(db: Database, ref: str) -> tuple[str, list[dict[str, Any]]]:
    """The inspection's UUID and every revision's signer and owner (``provenance --json``)."""
    with db.read_session() as s:
        uuid = lookup.get(s, ref).uuid
        return uuid, importer.provenance(s, uuid)
