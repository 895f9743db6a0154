"""HQ's trusted device keys as ``keys list --json`` prints them."""

from __future__ import annotations

from typing import Any

from inspector.db import Database
from inspector.services import keys as keys_svc


def trusted_keys(db: Database) -> list[dict[str, Any]]:
    with db.read_session() as s:
        return [keys_svc.trusted_dict(r) for r in keys_svc.list_trusted(s)]
