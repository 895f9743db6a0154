"""What the Report… and Export package… actions read: a file name and the PDF itself."""

from __future__ import annotations

import logging
from collections.abc import Callable

from inspector.db import Database
from inspector.services import reports
from inspector.services.exchange import export
from inspector.services.inspections import lookup

log = logging.getLogger(__name__)


def file_stem(db: Database, uuid: str) -> str:
    """The suggested name of a file about inspection ``uuid``: ``DAY_BRANCH_UUID8``."""
    with db.read_session() as s:
        return export.file_stem(lookup.get(s, uuid))


def report_pdf(
    db: Database,
    uuid: str,
    *,
    lang: str = "zh",
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The PDF report of inspection ``uuid`` (its current revision), read in one session."""
    with db.read_session() as s:
        return reports.build_report(s, lookup.get(s, uuid), lang=lang, progress=progress)
