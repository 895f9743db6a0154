"""Changes to the database's settings, each its own committed unit of work."""

from __future__ import annotations

import logging

from inspector.db import Database
from inspector.services import settings as settings_svc

log = logging.getLogger(__name__)


def set_value(db: Database, key: str, value: str, *, actor: str) -> None:
    """Set ``key`` (text as given, an image from the file path ``value``); audited.

    ``display.tz`` goes through :func:`inspector.services.settings.set_display_tz`, which
    also makes it this process's zone.
    """
    if key == "display.tz":
        settings_svc.set_display_tz(db, value, actor=actor)
        return
    with db.session() as s:
        settings_svc.set_value(s, key, value, actor=actor)
