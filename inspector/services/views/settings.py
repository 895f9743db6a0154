"""The settings dialog's read model: the report settings stored in the database."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from inspector.db import Database
from inspector.services import settings as settings_svc

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReportSettings:
    org_name: str
    logo: str  # the logo's stored description ("" when none)
    display_tz: str


def report_settings(db: Database) -> ReportSettings:
    with db.read_session() as s:
        return ReportSettings(
            org_name=settings_svc.get_text(s, "org.name"),
            logo=settings_svc.get_text(s, "org.logo"),
            display_tz=settings_svc.get_text(s, "display.tz"),
        )


def setting_rows(db: Database) -> list[dict[str, Any]]:
    """Every known setting with its value, as ``settings show --json`` prints it."""
    with db.read_session() as s:
        return settings_svc.all_settings(s)
