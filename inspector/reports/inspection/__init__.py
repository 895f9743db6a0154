"""The inspection report's parts, one module each.

Composed by :mod:`inspector.reports.inspection_report`.
"""
