"""Writing an inspection's PDF report (``inspector report``).

One unit of work: building the report may store the renderings of annotated or redacted
photos it prints, so they are made once.
"""

from __future__ import annotations

from dataclasses import dataclass

from inspector.db import Database
from inspector.domain.states import InspectionStatus
from inspector.reports.model import Filing
from inspector.services import reports
from inspector.services.inspections import lookup


@dataclass(frozen=True, slots=True)
class ReportFile:
    pdf: bytes
    draft: bool  # every page carries the DRAFT watermark


def build_report(
    db: Database,
    ref: str,
    *,
    revision: int | None = None,
    lang: str,
    filing: Filing,
    photo_size: str,
    show_shopper_name: bool,
    tz: str,
) -> ReportFile:
    """The PDF report of ``ref``'s current (or given) revision."""
    with db.session() as s:
        insp = lookup.get(s, ref)
        if revision is not None:
            insp = lookup.get_revision(s, insp.uuid, revision)
        pdf = reports.build_report(
            s,
            insp,
            lang=lang,
            filing=filing,
            photo_size=photo_size,
            show_shopper_name=show_shopper_name,
            tz=tz,
        )
        return ReportFile(pdf, insp.status != InspectionStatus.FINALIZED)
