"""The ``.inspection`` package's manifest schema: every field, its type and its bound.

:func:`inspector.services.exchange.package_format.read_package` checks a signed manifest
against :class:`Manifest`; the types here (``When``, ``Sha``, ``Text`` …) and
:data:`StrictModel` are the building blocks of the other signed formats too (the
rectification notice and response, HQ's publications). docs/package-format.md is the
reference.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)

from inspector.db.models import WAVE_MAX
from inspector.domain.answers import StoredValue
from inspector.domain.layers import MAX_COORD, LayerError, Layers
from inspector.domain.states import STORED_FINDING_STATES, ClosedVia, FindingStatus, Severity
from inspector.services.photo_decode import MAX_PIXELS

# ---------------------------------------------------------------- manifest schema
# Every number is bounded by the column it goes into (PostgreSQL's INTEGER is 32 bits, the
# tighter of the two backends), every float is finite, every string fits its column, and
# text without a column limit is bounded too: a value that passes here can be stored and
# shown without an error later.
INT_MAX = 2**31 - 1
TEXT_MAX = 100_000
MAX_DEPTH = 32
MAX_JSON_DIGITS = 20
MAX_LIST = 100_000
_FIRST_YEAR, _LAST_YEAR = 1900, 2999


def _bounded_time(v: datetime) -> datetime:
    # Aware (a naive time would be guessed at) and in a range every backend and Python's
    # timezone arithmetic can hold.
    if not _FIRST_YEAR <= v.year <= _LAST_YEAR:
        raise ValueError(f"year {v.year} is outside {_FIRST_YEAR}-{_LAST_YEAR}")
    return v.astimezone(UTC)


When = Annotated[AwareDatetime, AfterValidator(_bounded_time)]
Count = Annotated[int, Field(ge=0, le=INT_MAX)]
Rev = Annotated[int, Field(ge=1, le=INT_MAX)]
Text = Annotated[str, Field(max_length=TEXT_MAX)]
Sha = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


def _visit_time(v: str) -> str:
    # Kept as written (the report shows it), but it must be a time HQ can place: ISO 8601
    # with its offset, in range, as the app's own set_visit stores it.
    try:
        moment = datetime.fromisoformat(v)
    except ValueError:
        raise ValueError(f"{v[:40]!r} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise ValueError("a visit time must carry its UTC offset")
    _bounded_time(moment)
    return v


VisitTime = Annotated[str, Field(max_length=40), AfterValidator(_visit_time)]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


StrictModel = _M
"""The base of every manifest model: unknown keys refused, frozen, finite numbers only."""


class MemberEntry(_M):
    path: str = Field(max_length=300)
    size: int = Field(ge=0, le=2**40)
    sha256: Sha


class BranchData(_M):
    code: str = Field(min_length=1, max_length=64)
    name: str = Field(max_length=200)
    region: str = Field(default="", max_length=100)
    address: str = Field(default="", max_length=400)


class ChecklistData(_M):
    id: str = Field(max_length=100)
    version: str = Field(max_length=50)
    sha256: Sha
    content: str = Field(max_length=16 * 1024 * 1024)


class VisitData(_M):
    """Mystery-shopper visit facts (the keys of ``inspections.VISIT_FIELDS``)."""

    arrival: VisitTime | None = None
    departure: VisitTime | None = None
    wait_started: VisitTime | None = None
    wait_called: VisitTime | None = None
    ticket: (
        Annotated[str, Field(max_length=100)] | Annotated[int, Field(ge=0, le=INT_MAX)] | None
    ) = None
    customers_waiting: int | None = Field(default=None, ge=0, le=1_000_000)
    scenario: str | None = Field(default=None, max_length=100)
    # Mystery-shopper wave; at most what ``inspections.wave`` holds.
    wave: str | None = Field(default=None, max_length=WAVE_MAX)

    def stored(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class InspectionData(_M):
    uuid: str = Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    revision: Rev
    supersedes: Rev | None = None
    amendment_reason: Text | None = None
    mode: Literal["onsite", "mystery"]
    status: Literal["finalized"]  # InspectionStatus.FINALIZED: only a finalized revision travels
    inspector: str = Field(max_length=200)
    created_at: When
    started_at: When
    updated_at: When
    finalized_at: When
    finalized_by: str | None = Field(default=None, max_length=200)
    visit: VisitData = Field(default_factory=VisitData)
    narrative: Text = ""
    manager_name: str | None = Field(default=None, max_length=200)
    manager_signature_sha256: Sha | None = None
    recheck_of: str | None = Field(default=None, max_length=36)


class AnswerData(_M):
    item_id: str = Field(max_length=100)
    result: Literal["pass", "fail", "na"] | None = None
    # The typed value model (bool, whole number, finite measure, bounded text); the
    # importer then checks it against the item's own answer type.
    value: StoredValue = None
    note: Text = ""
    answered_by: str = Field(default="", max_length=200)
    updated_at: When


def _stored_state(v: FindingStatus) -> FindingStatus:
    if v not in STORED_FINDING_STATES:
        raise ValueError(f"a finding is never stored {v.value!r}")
    return v


class FindingData(_M):
    item_id: str = Field(max_length=100)
    active: bool = True
    severity: Severity = Severity.MEDIUM
    action: Text = ""
    owner: str = Field(default="", max_length=200)
    deadline: date | None = None
    status: Annotated[FindingStatus, AfterValidator(_stored_state)] = FindingStatus.OPEN
    closed_at: When | None = None
    closed_by_uuid: str | None = Field(default=None, max_length=36)
    closing_note: Text = ""
    repeat_of: str | None = Field(default=None, max_length=36)  # 屡查屡犯 (added later)
    closed_via: ClosedVia | None = None  # recheck | response | hand (added later)
    created_at: When
    updated_at: When


class PhotoData(_M):
    id: str = Field(min_length=1, max_length=36, pattern=r"^[0-9A-Za-z-]+$")
    item_id: str = Field(max_length=100)
    position: Count = 0
    sha256: Sha = Field(description="the original's hash, always")
    size: int = Field(ge=0, le=INT_MAX)
    format: Literal["JPEG", "PNG", "WEBP", "HEIF"]
    file_name: str = Field(default="", max_length=400)
    width: int = Field(ge=1, le=MAX_COORD)
    height: int = Field(ge=1, le=MAX_COORD)
    taken_at: When | None = None
    camera: str | None = Field(default=None, max_length=200)
    gps_lat: float | None = Field(default=None, ge=-90, le=90)
    gps_lon: float | None = Field(default=None, ge=-180, le=180)
    gps_alt: float | None = Field(default=None, ge=-20_000, le=100_000)
    imported_at: When
    caption: Text = ""
    # The app's own layer model; the shapes must also lie inside the photo (below).
    layers: Layers = Field(default_factory=Layers)
    # withheld: the original stays on the device; ``image_sha256`` is then its rendering
    # with the redactions burnt in, and HQ derives display/thumb from that rendering.
    # Otherwise the image is the original and the device's derivatives travel with it.
    withheld: bool = False
    image_sha256: Sha
    display_sha256: Sha | None = None
    thumb_sha256: Sha | None = None

    @model_validator(mode="after")
    def _layers_fit(self) -> PhotoData:
        if self.width * self.height > MAX_PIXELS:
            raise ValueError(
                f"{self.width}x{self.height} is more than the {MAX_PIXELS:,} pixels a photo "
                "may have"
            )
        try:
            self.layers.check_fits(self.width, self.height)
        except LayerError as e:
            raise ValueError(str(e)) from None
        return self

    def stored_layers(self) -> dict[str, Any]:
        """The layers as the Photo.layers column keeps them (defaults filled in)."""
        return self.layers.with_defaults(self.width, self.height).stored()


class AuditData(_M):
    at: When
    actor: str = Field(default="", max_length=200)
    revision: Rev | None = None
    entity: str = Field(max_length=32)
    key: str = Field(default="", max_length=200)
    action: str = Field(max_length=32)
    # Free-form JSON (what changed); bounded by the parser's depth, number and size limits.
    old: Any = None
    new: Any = None


class ReportData(_M):
    path: Literal["report.pdf"]
    lang: str = Field(max_length=8)


class Manifest(_M):
    format: Literal["branch-inspector-package"]
    format_version: Literal[1]
    app_version: str = Field(max_length=50)
    exported_at: When
    device_fingerprint: str = Field(max_length=100)
    content_sha256: Sha
    inspection: InspectionData
    branch: BranchData
    checklist: ChecklistData
    answers: list[AnswerData] = Field(max_length=MAX_LIST)
    findings: list[FindingData] = Field(max_length=MAX_LIST)
    photos: list[PhotoData] = Field(max_length=MAX_LIST)
    audit: list[AuditData] = Field(max_length=MAX_LIST)
    report: ReportData | None = None
    members: list[MemberEntry] = Field(max_length=MAX_LIST)
