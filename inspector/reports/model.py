"""The report's input: plain, immutable data the services build and the renderer draws.

Nothing here knows about the database or ReportLab. The services layer turns an
inspection into a :class:`ReportData` (photos already rendered to JPEG, answers already
phrased), so the renderer is a pure function of this data and can be tested without a
database, and the HQ consolidated report can reuse the pieces.

All text is bilingual (:class:`Bi`); the renderer picks Chinese, English or both by
:attr:`ReportData.lang`. Every string here is *user text*: the renderer escapes it before
it reaches Paragraph markup.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from inspector.domain.checklist import Mode
from inspector.domain.scoring import Outcome
from inspector.domain.states import ClosedVia, FindingState, InspectionStatus, Severity
from inspector.text import Text

log = logging.getLogger(__name__)

LANGS = ("zh", "en", "both")

# Photos are placed at most this wide/high on the page (two per row on A4 with 18 mm
# margins). At 180 dpi that is about 600 px on the long side: sharp in print, a tenth of
# a 12 MP original's bytes. The services ask the photo renderer for this size.
PHOTO_BOX_MM = 84.0
PHOTO_PRINT_DPI = 180
PHOTO_MAX_SIDE_PX = round(PHOTO_BOX_MM / 25.4 * PHOTO_PRINT_DPI)
# A "large" photo (a document such as a fee schedule that must be legible) spans the text
# width of A4 with 18 mm margins: 174 mm, about 1230 px at the same print resolution.
PHOTO_LARGE_MM = 174.0
PHOTO_LARGE_SIDE_PX = round(PHOTO_LARGE_MM / 25.4 * PHOTO_PRINT_DPI)
PHOTO_SIZES = ("normal", "large")


@dataclass(frozen=True, slots=True)
class Bi:
    """A text in Chinese and English (English falls back to Chinese when missing)."""

    zh: str
    en: str = ""

    def get(self, lang: str) -> str:
        if lang == "en":
            return self.en or self.zh
        return self.zh or self.en

    @classmethod
    def of(cls, text: Text, /, **fields: object) -> Bi:
        """A catalogue entry (with its fields filled in) as the report's bilingual text."""
        return cls(text.render("zh", **fields), text.render("en", **fields))


@dataclass(frozen=True, slots=True)
class BranchInfo:
    code: str
    name: str
    address: str = ""
    region: str = ""


@dataclass(frozen=True, slots=True)
class ChecklistInfo:
    id: str
    version: str
    sha256: str
    title: Bi


@dataclass(frozen=True, slots=True)
class InspectionMeta:
    """Who, when, what: the identity of the report (the export package id)."""

    uuid: str
    revision: int
    status: InspectionStatus
    mode: Mode
    inspector: str
    started_at: datetime
    updated_at: datetime | None = None
    finalized_at: datetime | None = None
    content_sha256: str | None = None
    supersedes_revision: int | None = None
    amendment_reason: str | None = None
    visit: tuple[tuple[Bi, str], ...] = ()  # mystery-shopper visit facts, already phrased
    narrative: str = ""
    # A mystery shopper is named by this code unless HQ asks for the name (ReportData).
    shopper_code: str = ""

    @property
    def report_id(self) -> str:
        """Short id printed on every page: first block of the UUID and the revision."""
        return f"{self.uuid[:8]}-r{self.revision}"


@dataclass(frozen=True, slots=True)
class SectionRow:
    id: str
    title: Bi
    weight: float
    earned: float
    possible: float
    percent: float | None  # None: no item applies
    gated: bool = False


@dataclass(frozen=True, slots=True)
class VetoFailure:
    item_id: str
    text: Bi
    note: str = ""
    reason: Bi | None = None  # why the item is a red line (the checklist's veto_reason)


@dataclass(frozen=True, slots=True)
class ScoreSummary:
    total: float
    base: float
    penalties: float
    grade: str
    grade_label: Bi
    passed: bool
    veto_failures: tuple[VetoFailure, ...] = ()
    gates_failed: tuple[str, ...] = ()
    answered: int = 0
    visible: int = 0


@dataclass(frozen=True, slots=True)
class PhotoData:
    """One evidence photo, already rendered (upright, annotated, redacted) as JPEG."""

    id: str
    item_id: str
    jpeg: bytes
    width: int  # of ``jpeg``
    height: int
    sha256: str  # the original's hash (the evidence identity)
    taken_at: datetime | None = None  # device-reported (EXIF)
    imported_at: datetime | None = None
    gps: tuple[float, float] | None = None  # device-reported (lat, lon)
    caption: str = ""
    redacted: bool = False
    file_name: str = ""
    large: bool = False  # printed across the full text width (a document to be read)

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]


@dataclass(frozen=True, slots=True)
class ItemRow:
    id: str
    section_id: str
    text: Bi
    answer: Bi  # the answer phrased for people ("是", "1:14", "3 / 5", ...)
    outcome: Outcome
    points: float
    max_points: float
    penalty: float = 0.0
    note: str = ""
    veto: bool = False
    critical: bool = False
    source: str = ""  # the reference as written in the checklist
    source_inferred: bool = False  # established practice rather than (only) a written rule
    photos: tuple[PhotoData, ...] = ()
    number: str = ""  # "2.3": section 2, item 3, what a reader cites instead of the id


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One line of the rectification list (整改清单)."""

    item_id: str
    text: Bi
    note: str
    points_lost: float
    severity: Severity
    source: str
    action: str
    owner: str
    deadline: date | None
    veto: bool = False
    critical: bool = False
    status: FindingState = FindingState.OPEN  # open | overdue | submitted | returned | closed
    answer: Bi = Bi("")  # what was seen: the answer itself ("5 / 7", "否", "1:10")
    closed_at: date | None = None
    source_inferred: bool = False
    number: str = ""  # the item's number in the details ("2.3")
    repeat: bool = False  # 屡查屡犯: the branch's previous inspection had it too
    closed_via: ClosedVia | None = None  # how it was closed


@dataclass(frozen=True, slots=True)
class SignOff:
    inspector: str
    manager_name: str = ""
    signed_at: datetime | None = None
    manager_signature: bytes | None = None  # PNG as drawn on the tablet


@dataclass(frozen=True, slots=True)
class OrgInfo:
    """The inspecting organisation (a setting, empty until someone sets it)."""

    name: str = ""
    logo: bytes | None = None  # PNG or JPEG, validated when it was set


@dataclass(frozen=True, slots=True)
class Filing:
    """Fields a bank fills to file the report: 文号 and 密级 (blank lines when empty)."""

    number: str = ""
    classification: str = ""


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything one inspection report shows."""

    branch: BranchInfo
    checklist: ChecklistInfo
    inspection: InspectionMeta
    score: ScoreSummary
    sections: tuple[SectionRow, ...]
    items: tuple[ItemRow, ...]
    findings: tuple[FindingRow, ...]
    signoff: SignOff
    draft: bool
    lang: str = "zh"
    generated_at: datetime | None = None
    org: OrgInfo = OrgInfo()
    filing: Filing = Filing()
    photo_size: str = "normal"  # normal | large: every photo across the text width
    show_shopper_name: bool = False  # mystery shopping: print the shopper's name, not the code
    tz: str = "Asia/Shanghai"  # every time printed is local time in this zone, with offset

    @property
    def photos(self) -> list[PhotoData]:
        """Every photo in item order: the evidence appendix."""
        return [p for i in self.items for p in i.photos]
