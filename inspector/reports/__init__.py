"""PDF reports (ReportLab only): no database, no Qt.

The services build plain :mod:`inspector.reports.model` data; :func:`render_report`
turns it into PDF bytes.
"""

from inspector.reports.fonts import register_fonts
from inspector.reports.inspection_report import InspectionReport, render_report
from inspector.reports.model import ReportData

__all__ = ["InspectionReport", "ReportData", "register_fonts", "render_report"]
