"""PDF reports (ReportLab only): no database, no Qt.

The services build plain :mod:`inspector.reports.model` data;
:func:`inspector.reports.inspection_report.render_report` turns an inspection's into PDF
bytes (its parts are in :mod:`inspector.reports.inspection`), and
:mod:`inspector.reports.hq_report` renders the HQ report.
"""
