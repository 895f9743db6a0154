"""HQ's trusted device keys: adding (or relabelling) one, as one committed change."""

from __future__ import annotations

from inspector.db import Database
from inspector.services import keys as keys_svc


def trust(
    db: Database,
    data: bytes,
    *,
    label: str,
    source: str,
    can_amend: bool | None,
    branch: str | None = None,
) -> str:
    """Trust the public key in ``data`` (a key file's bytes), bound to ``branch``'s code when
    given (the branch whose rectification responses it may sign); its fingerprint."""
    with db.session() as s:
        row = keys_svc.trust(
            s, data, label=label, source=source, can_amend=can_amend, branch=branch
        )
        return row.fingerprint
