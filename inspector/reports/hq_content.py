"""What the HQ report, the Excel workbook and the CSV files are made of: tables of typed
columns, a heatmap and the report's content, as plain data (no ReportLab).

The services build these (labels already in the reader's language); the PDF renderer
(:mod:`inspector.reports.hq_report`) and the file writers (:mod:`inspector.services.hq.files`)
read them, and write each value by its column's kind with :func:`format_value` and
:func:`cell_number`, so a figure reads the same in every file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from inspector.domain import numbers

# Column kinds: how a value is written (PDF, Excel number format, CSV).
TEXT = "text"
INT = "int"
SCORE = "score"  # 0..100, two decimals, coloured by band in the PDF
DELTA = "delta"  # signed change in points
DATE = "date"
DATETIME = "datetime"
PERCENT = "percent"  # 0..100 share
POINTS = "points"  # a number with two decimals, not coloured (assessment points, days)
ID = "id"  # an inspection id: printed short and never wrapped in the PDF
ID_CHARS = 13  # 'xxxxxxxx-xxxx', a prefix 'inspector show' accepts


@dataclass(frozen=True, slots=True)
class HqColumn:
    key: str
    header: str
    kind: str = TEXT
    width: float = 1.0  # relative width in the PDF
    pdf: bool = True  # False: only in Excel/CSV (ids for scripts, long notes)


@dataclass(frozen=True, slots=True)
class HqTable:
    """One view as a table: a sheet in Excel, a CSV file, a section in the PDF."""

    name: str  # file/sheet name (ASCII)
    title: str
    columns: tuple[HqColumn, ...]
    rows: list[tuple[Any, ...]]
    note: str = ""
    group: int | None = None  # PDF: rows grouped under a sub-heading per value of this column
    sheet: str = ""  # Excel sheet name, in the report language


@dataclass(frozen=True, slots=True)
class HqHeatmap:
    """Area x branch scores (percent, None where the branch has no such area)."""

    title: str
    row_labels: list[str]  # branches
    col_labels: list[str]  # areas
    values: list[list[float | None]]
    note: str = ""


@dataclass(frozen=True, slots=True)
class HqReportContent:
    title: str
    subtitle: str
    lang: str
    summary: list[tuple[str, str]]
    sections: list[HqTable | HqHeatmap] = field(default_factory=list)
    footer: str = ""
    regions: HqTable | None = None  # first page: one row per region
    trend: list[tuple[str, float]] = field(default_factory=list)  # (YYYY-MM, average)
    trend_regions: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    trend_title: str = ""
    banner: str = ""  # printed on every page (e.g. drafts included)
    # Filing (as the branch report): 文号 and 密级 (every page's header), the organisation
    # (name and logo on the first page and above the sign-off block), and the sign-off
    # block (编制 / 审核 / 签发, dates, a seal box) that ends the report.
    number: str = ""
    classification: str = ""
    org_name: str = ""
    org_logo: bytes | None = None
    signoff: bool = True


def cell_number(value: Any, kind: str) -> Any:
    """A number as a file's cell holds it: the value shown, rounded half up (scores and
    changes to two decimals, percentages to one), so a spreadsheet's number format shows
    the same digits as the PDF and the dashboard (:mod:`inspector.domain.numbers`)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if kind in (SCORE, DELTA):
        return numbers.record(value)
    if kind == PERCENT:
        return numbers.rounded(numbers.record(value), numbers.PERCENT_PLACES)
    return value


def format_value(value: Any, kind: str) -> str:
    """The text of a cell (PDF and CSV share it, so both read the same)."""
    if value is None:
        return ""
    if kind == SCORE and isinstance(value, int | float):
        return numbers.score(value)
    if kind == PERCENT and isinstance(value, int | float):
        return numbers.percent(value)
    if kind == DELTA and isinstance(value, int | float):
        return numbers.signed_score(value)
    if kind == POINTS and isinstance(value, int | float):
        return numbers.score(value)
    if kind == DATETIME and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if kind == DATE and isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if kind == ID and isinstance(value, str):
        return value[:ID_CHARS]
    if isinstance(value, bool):
        return "✓" if value else ""
    return str(value)
