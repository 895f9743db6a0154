"""Changes to the branch list, each its own committed unit of work."""

from __future__ import annotations

import logging
from pathlib import Path

from inspector.db import Database
from inspector.services import branches as branches_svc

log = logging.getLogger(__name__)


def import_csv(db: Database, path: Path, *, actor: str = "") -> branches_svc.ImportSummary:
    """Create or update branches from a CSV file; a bad row refuses the whole file."""
    with db.session() as s:
        return branches_svc.import_csv(s, path, actor=actor)


def add(db: Database, *, code: str, name: str, region: str, address: str, actor: str) -> str:
    """Add one branch; its code."""
    with db.session() as s:
        return branches_svc.create(
            s, code=code, name=name, region=region, address=address, actor=actor
        ).code
