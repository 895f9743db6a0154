"""Branches as the screens offer them (the home filter, the new-inspection form)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from inspector.db import Database
from inspector.services import branches as branches_svc

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BranchChoice:
    code: str
    name: str
    region: str


def choices_in(session: Session) -> list[BranchChoice]:
    """Every branch, by region then code."""
    return [BranchChoice(b.code, b.name, b.region or "") for b in branches_svc.list_all(session)]


def branch_choices(db: Database) -> list[BranchChoice]:
    """:func:`choices_in` in its own read-only session."""
    with db.read_session() as s:
        return choices_in(s)


def branch_rows(db: Database) -> list[dict[str, Any]]:
    """Every branch as ``branches list --json`` prints it."""
    with db.read_session() as s:
        return [branches_svc.as_dict(b) for b in branches_svc.list_all(s)]
