"""What is being typed into an inspection's fields, by UUID (see :mod:`services.typed`).

:func:`keep` is the quick, unaudited save of a field's text while it is typed; the
commands of :mod:`.inspections` that record the settled value delete it in their own unit
of work; :func:`recover` settles what a crash left behind when the inspection is opened.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from inspector.db import Database
from inspector.services import inspections as svc
from inspector.services import typed
from inspector.services.typed import Field, Recovered, key

log = logging.getLogger(__name__)

__all__ = ["Field", "Recovered", "discard", "keep", "key", "pending", "recover"]


def keep(db: Database, uuid: str, k: str, text: str) -> None:
    """Keep ``text`` as what is being typed into field ``k`` (committed, not audited)."""
    with db.session() as s:
        typed.keep(s, svc.get(s, uuid), k, text)


def discard(db: Database, uuid: str, keys: Iterable[str]) -> None:
    """Forget the typed text of ``keys``: what they hold is recorded, or was refused."""
    wanted = list(keys)
    if not wanted:
        return
    with db.session() as s:
        typed.discard(s, svc.get(s, uuid), wanted)


def pending(db: Database, uuid: str) -> dict[str, str]:
    """The fields typed into and not yet recorded: key → text."""
    with db.read_session() as s:
        return typed.pending(s, svc.get(s, uuid))


def recover(db: Database, uuid: str, *, actor: str) -> list[Recovered]:
    """Record what was typed before the app stopped (one unit of work); what happened."""
    with db.session() as s:
        return typed.recover(s, svc.get(s, uuid), actor=actor)
