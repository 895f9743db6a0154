"""The ``.notice`` and ``.response`` files: their manifests, limits and verification.

Both are signed ZIPs with the same container as ``.inspection`` packages
(:func:`inspector.services.exchange.package_format.read_container`: member names and kinds,
counted sizes, compression ratio, Ed25519 signature over the exact manifest bytes,
optional AES-GCM sealing), with their own manifest schema. docs/package-format.md,
"Rectification notices and responses", is the reference.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from inspector.domain.layers import MAX_COORD
from inspector.domain.states import FindingState, Severity
from inspector.services import keys
from inspector.services.exchange.manifest_schema import (
    MAX_LIST,
    MemberEntry,
    Rev,
    Sha,
    StrictModel,
    Text,
    When,
)
from inspector.services.exchange.package_format import (
    DEFAULT_LIMITS,
    Container,
    Limits,
    PackageError,
    blobs_of,
    parse_manifest,
    read_container,
)
from inspector.services.photo_decode import MAX_PIXELS
from inspector.text import rectification as T

log = logging.getLogger(__name__)

NOTICE_FORMAT = "branch-inspector-notice"
RESPONSE_FORMAT = "branch-inspector-response"
FORMAT_VERSION = 1
NOTICE_SUFFIX = ".notice"
RESPONSE_SUFFIX = ".response"
MAX_PHOTOS = 50  # per finding, in a notice or an answer

Uuid = Annotated[
    str, Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]
Name = Annotated[str, Field(max_length=200)]
ItemId = Annotated[str, Field(min_length=1, max_length=100)]


class BiText(StrictModel):
    zh: Text = ""
    en: Text = ""


class ImageRef(StrictModel):
    """A picture in the file: a ``blobs/<sha256>`` member (JPEG, PNG, WEBP or HEIF)."""

    sha256: Sha
    width: int = Field(ge=1, le=MAX_COORD)
    height: int = Field(ge=1, le=MAX_COORD)

    @model_validator(mode="after")
    def _pixels(self) -> ImageRef:
        if self.width * self.height > MAX_PIXELS:
            raise ValueError(f"{self.width}x{self.height} is more than {MAX_PIXELS:,} pixels")
        return self


# ---------------------------------------------------------------- notice
class NoticeBranch(StrictModel):
    code: str = Field(min_length=1, max_length=64)
    name: Name = ""


class NoticeHeader(StrictModel):
    id: Uuid
    revision: Rev
    number: str = Field(max_length=100)  # 文号
    org: Name = ""
    issued_at: When
    issued_by: Name = ""
    deadline: date
    period_from: date | None = None
    period_to: date | None = None
    branch: NoticeBranch


class NoticeFinding(StrictModel):
    inspection: Uuid
    inspected_on: date
    item: ItemId
    title: BiText
    seen: BiText  # what was seen: the answer as a person says it
    note: Text = ""  # the inspector's note on the answer
    action: Text = ""  # the required action
    owner: Name = ""
    deadline: date
    severity: Severity
    repeat: bool = False  # 屡查屡犯
    # What the branch must act on: open, overdue or returned (FindingState values).
    status: Literal[FindingState.OPEN, FindingState.OVERDUE, FindingState.RETURNED]
    returned_note: Text = ""  # HQ's reason when a previous answer was returned
    photos: list[ImageRef] = Field(default_factory=list, max_length=MAX_PHOTOS)


class NoticeManifest(StrictModel):
    format: Literal["branch-inspector-notice"]
    format_version: Literal[1]
    app_version: str = Field(max_length=50)
    exported_at: When
    device_fingerprint: str = Field(max_length=100)
    notice: NoticeHeader
    findings: list[NoticeFinding] = Field(min_length=1, max_length=MAX_LIST)
    members: list[MemberEntry] = Field(max_length=MAX_LIST)

    @model_validator(mode="after")
    def _unique(self) -> NoticeManifest:
        keys_ = [(f.inspection, f.item) for f in self.findings]
        if len(set(keys_)) != len(keys_):
            raise ValueError("a finding is listed twice")
        return self


# ---------------------------------------------------------------- response
class ResponseHeader(StrictModel):
    notice: Uuid
    notice_revision: Rev
    revision: Rev
    branch: str = Field(min_length=1, max_length=64)
    hq_fingerprint: str = Field(max_length=100)  # the key that signed the notice


class ResponsePhoto(StrictModel):
    id: str = Field(min_length=1, max_length=36, pattern=r"^[0-9A-Za-z-]+$")
    sha256: Sha  # the original's hash, always
    image: ImageRef  # what travels: the original, or its rendering when withheld
    format: Literal["JPEG", "PNG", "WEBP", "HEIF"]
    withheld: bool = False  # redacted: the original stayed at the branch
    file_name: str = Field(default="", max_length=400)
    taken_at: When | None = None

    @model_validator(mode="after")
    def _original(self) -> ResponsePhoto:
        if not self.withheld and self.image.sha256 != self.sha256:
            raise ValueError("a photo that is not withheld travels as its original")
        return self


class ResponseAnswer(StrictModel):
    inspection: Uuid
    item: ItemId
    notice_revision: Rev  # the notice revision that carries this finding
    answered: bool
    note: Text = ""  # 整改措施
    cause: Text = ""  # 原因分析
    prevention: Text = ""  # 长效机制
    done_on: date | None = None
    by: Name = ""
    not_yet: Text = ""  # why not yet, when not answered
    photos: list[ResponsePhoto] = Field(default_factory=list, max_length=MAX_PHOTOS)

    @model_validator(mode="after")
    def _complete(self) -> ResponseAnswer:
        if self.answered and not self.note.strip():
            raise ValueError("an answered finding says what was done (note)")
        if not self.answered and not self.not_yet.strip():
            raise ValueError("a finding not yet rectified says why (not_yet)")
        return self


class ResponseManifest(StrictModel):
    format: Literal["branch-inspector-response"]
    format_version: Literal[1]
    app_version: str = Field(max_length=50)
    exported_at: When
    device_fingerprint: str = Field(max_length=100)
    response: ResponseHeader
    answers: list[ResponseAnswer] = Field(min_length=1, max_length=MAX_LIST)
    members: list[MemberEntry] = Field(max_length=MAX_LIST)

    @model_validator(mode="after")
    def _unique(self) -> ResponseManifest:
        keys_ = [(a.inspection, a.item) for a in self.answers]
        if len(set(keys_)) != len(keys_):
            raise ValueError("a finding is answered twice")
        ids = [p.id for a in self.answers for p in a.photos]
        if len(set(ids)) != len(ids):
            raise ValueError("a photo id is used twice")
        return self


# ---------------------------------------------------------------- reading
@dataclass
class Verified:
    """A notice or response whose container, signature and schema checked out."""

    container: Container[Any]
    blobs: dict[str, bytes]

    @property
    def fingerprint(self) -> str:
        return self.container.fingerprint

    @property
    def sha256(self) -> str:
        return self.container.manifest_sha256

    @property
    def public(self) -> keys.PublicKeys:
        return self.container.public


def _images(refs: list[ImageRef], blobs: dict[str, bytes]) -> None:
    for ref in refs:
        if ref.sha256 not in blobs:
            raise PackageError(T.IMAGE_MISSING, sha=ref.sha256)


def read_notice(
    data: bytes, *, limits: Limits = DEFAULT_LIMITS, device: keys.DeviceKeys | None = None
) -> tuple[NoticeManifest, Verified]:
    c = read_container(
        data,
        lambda raw: parse_manifest(raw, NOTICE_FORMAT, FORMAT_VERSION, NoticeManifest),
        limits=limits,
        device=device,
    )
    blobs = blobs_of(c.members)
    _images([p for f in c.manifest.findings for p in f.photos], blobs)
    return c.manifest, Verified(c, blobs)


def read_response(
    data: bytes, *, limits: Limits = DEFAULT_LIMITS, device: keys.DeviceKeys | None = None
) -> tuple[ResponseManifest, Verified]:
    c = read_container(
        data,
        lambda raw: parse_manifest(raw, RESPONSE_FORMAT, FORMAT_VERSION, ResponseManifest),
        limits=limits,
        device=device,
    )
    blobs = blobs_of(c.members)
    _images([p.image for a in c.manifest.answers for p in a.photos], blobs)
    return c.manifest, Verified(c, blobs)
