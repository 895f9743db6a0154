"""The ``.hqpack`` file: what HQ sends laptops, signed with HQ's installation key.

A ZIP, written and read with the same member rules as ``.inspection`` packages
(:mod:`inspector.services.exchange.package_format`: names, kinds, counted reads, ratio)::

    manifest.json                canonical JSON (below); every other member listed with size+hash
    manifest.sig                 Ed25519 signature over the exact bytes of manifest.json
    hq.pub                       HQ's public keys (the ``keys export`` file): signing + X25519
    checklists/<sha256>.json     a checklist's canonical JSON (resolved), named by its hash
    settings/logo                the organisation's logo (PNG), when the settings carry one

:func:`read_pack` checks everything before returning anything; the installer
(:mod:`inspector.services.publish.install`) then decides whether this laptop accepts the
signer and the sequence. docs/package-format.md ("The HQ pack") is the reference.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from inspector import __version__
from inspector.checklists import Problem, canonical_json, checklist_from_json
from inspector.checklists.loader import SnapshotDamagedError, rule_problems
from inspector.domain.checklist import Checklist
from inspector.errors import UserError
from inspector.files import size_text
from inspector.services import keys
from inspector.services.exchange.manifest_schema import INT_MAX, BranchData, MemberEntry, Sha, When
from inspector.services.exchange.package_format import (
    Limits,
    PackageError,
    canonical_bytes,
    check_member_name,
    load_manifest_json,
    read_member,
    write_member,
)
from inspector.services.images import normalise_image
from inspector.text import Lang, Surface
from inspector.text import exchange as TX
from inspector.text import publish as T
from inspector.textsafe import has_control_chars, is_formula_like

log = logging.getLogger(__name__)

FORMAT_NAME = "branch-inspector-hqpack"
FORMAT_VERSION = 1
SUFFIX = ".hqpack"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
HQ_PUB = "hq.pub"
LOGO = "settings/logo"
CONTROL_MEMBERS = frozenset({MANIFEST, SIGNATURE, HQ_PUB})

PACK_LIMITS = Limits(
    max_file_bytes=64 * 1024**2,
    max_entries=500,
    max_entry_bytes=16 * 1024**2,
    max_total_bytes=64 * 1024**2,
    max_manifest_bytes=32 * 1024**2,
    max_ratio=200.0,
)
MAX_CHECKLISTS = 200
MAX_LINES = 100_000

Id = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9_\-]*$")]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def _plain(value: str, where: str) -> str:
    if has_control_chars(value):
        raise ValueError(f"{where} contains control characters")
    if is_formula_like(value):
        raise ValueError(f"{where} starts like a spreadsheet formula (= + - @)")
    return value


class PackChecklist(_M):
    id: Id
    version: str = Field(min_length=1, max_length=50)
    sha256: Sha
    path: str = Field(max_length=300)


class PackBranch(BranchData):
    @field_validator("code", "name", "region", "address")
    @classmethod
    def _text(cls, v: str) -> str:
        return _plain(v, "a branch field")


class PlanLine(_M):
    line: int = Field(ge=1, le=INT_MAX)
    branch: str = Field(min_length=1, max_length=64)
    checklist: Id
    mode: Literal["onsite", "mystery"]
    scenario: str | None = Field(default=None, max_length=100)
    wave: str | None = Field(default=None, max_length=100)
    due: date
    assignee: str = Field(default="", max_length=200)

    @field_validator("branch", "scenario", "wave", "assignee")
    @classmethod
    def _text(cls, v: str | None) -> str | None:
        return None if v is None else _plain(v, "a plan field")


class PackSettings(_M):
    org_name: str | None = Field(default=None, max_length=200)
    display_tz: str | None = Field(default=None, max_length=64)
    logo_sha256: Sha | None = None

    @field_validator("org_name", "display_tz")
    @classmethod
    def _text(cls, v: str | None) -> str | None:
        return None if v is None else _plain(v, "a setting")


class PackManifest(_M):
    format: Literal["branch-inspector-hqpack"]
    format_version: Literal[1]
    app_version: str = Field(max_length=50)
    created_at: When
    sequence: int = Field(ge=1, le=INT_MAX)
    hq_fingerprint: str = Field(max_length=100)
    # A hand-over: the public key file of the key later packs will be signed by.
    next_key: str | None = Field(default=None, max_length=keys.PUBLIC_FILE_MAX)
    checklists: list[PackChecklist] = Field(default_factory=list, max_length=MAX_CHECKLISTS)
    withdrawn: list[Id] = Field(default_factory=list, max_length=MAX_CHECKLISTS)
    branches: list[PackBranch] | None = Field(default=None, max_length=MAX_LINES)
    plan: list[PlanLine] | None = Field(default=None, max_length=MAX_LINES)
    settings: PackSettings | None = None
    members: list[MemberEntry] = Field(max_length=MAX_CHECKLISTS + 1)


@dataclass
class VerifiedPack:
    """A pack whose signature, members, checklists and values all checked out."""

    manifest: PackManifest
    package_sha256: str
    public: keys.PublicKeys
    public_file: bytes
    checklists: list[tuple[Checklist, str, str]] = field(default_factory=list)  # (c, json, sha)
    logo: bytes | None = None
    next_public: keys.PublicKeys | None = None

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    @property
    def sequence(self) -> int:
        return self.manifest.sequence

    def summary(self) -> dict[str, Any]:
        m = self.manifest
        return {
            "sequence": m.sequence,
            "created_at": m.created_at.isoformat(),
            "hq_fingerprint": self.fingerprint,
            "next_fingerprint": self.next_public.fingerprint if self.next_public else None,
            "checklists": [{"id": c.id, "version": c.version} for c, _j, _s in self.checklists],
            "withdrawn": list(m.withdrawn),
            "branches": None if m.branches is None else len(m.branches),
            "plan": None if m.plan is None else len(m.plan),
            "settings": None
            if m.settings is None
            else {
                "org_name": m.settings.org_name,
                "display_tz": m.settings.display_tz,
                "logo": m.settings.logo_sha256 is not None,
            },
        }


class PackError(PackageError):
    """An HQ pack that is refused; the reason says why."""


@dataclass(frozen=True)
class _Said:
    """A checklist problem without its file and line, in the reader's language."""

    problem: Problem

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        return self.problem.text(lang, surface)


# ---------------------------------------------------------------- reading
def _check_checklist(content: bytes, entry: PackChecklist) -> tuple[Checklist, str]:
    name = entry.path
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise PackError(T.PACK_BAD_CHECKLIST, checklist=entry.id, problem="not UTF-8") from None
    try:
        checklist = checklist_from_json(text, entry.sha256)
    except SnapshotDamagedError as e:
        raise PackError(T.PACK_BAD_CHECKLIST, checklist=entry.id, problem=e) from None
    if canonical_json(checklist) != text:
        # Stored as a snapshot under this hash: it must be the canonical form of itself.
        raise PackError(T.PACK_BAD_CHECKLIST, checklist=entry.id, problem="not canonical JSON")
    if checklist.id != entry.id or checklist.version != entry.version:
        raise PackError(
            T.PACK_CHECKLIST_MISMATCH, name=repr(name), checklist=entry.id, version=entry.version
        )
    # A signed pack is still checked by the same rules as a checklist file: HQ's key
    # vouches for who sent it, not that it scores.
    if len(checklist.real_sections()) != len(checklist.sections):
        raise PackError(
            T.PACK_BAD_CHECKLIST, checklist=entry.id, problem="includes are not resolved"
        )
    problems = rule_problems(checklist, entry.id)
    if problems:
        raise PackError(T.PACK_BAD_CHECKLIST, checklist=entry.id, problem=_Said(problems[0]))
    return checklist, text


def read_pack(data: bytes, *, limits: Limits = PACK_LIMITS) -> VerifiedPack:
    """Verify an HQ pack completely; :class:`PackError` (or PackageError) says why not."""
    if len(data) > limits.max_file_bytes:
        raise PackError(T.PACK_TOO_LARGE, limit=size_text(limits.max_file_bytes))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, ValueError) as e:
        raise PackError(T.PACK_NOT_ZIP, detail=str(e)) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_entries:
            raise PackError(T.PACK_TOO_MANY, count=len(infos), limit=limits.max_entries)
        by_name: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            check_member_name(info)
            if info.filename in by_name:
                raise PackError(T.PACK_MEMBER_TWICE, name=repr(info.filename))
            by_name[info.filename] = info
        missing = sorted(CONTROL_MEMBERS - set(by_name))
        if missing:
            raise PackError(T.PACK_CONTROL_MISSING, names=", ".join(missing))
        size = len(data)
        manifest_bytes = read_member(zf, by_name[MANIFEST], limits.max_manifest_bytes, limits, size)
        sig = read_member(zf, by_name[SIGNATURE], 1024, limits, size)
        pub_bytes = read_member(zf, by_name[HQ_PUB], keys.PUBLIC_FILE_MAX, limits, size)
        public = keys.parse_public_file(pub_bytes, HQ_PUB)
        if not keys.verify_signature(public.signing, sig, manifest_bytes):
            raise PackError(T.PACK_SIGNATURE_BAD)
        manifest = _parse(manifest_bytes)
        if manifest.hq_fingerprint != public.fingerprint:
            raise PackError(T.PACK_FINGERPRINT_MISMATCH)
        listed = {m.path: m for m in manifest.members}
        if len(listed) != len(manifest.members):
            raise PackError(T.PACK_MEMBER_TWICE, name="a member")
        present = set(by_name) - CONTROL_MEMBERS
        extra = sorted(present - set(listed))
        if extra:
            raise PackError(T.PACK_UNLISTED, names=", ".join(extra[:5]))
        absent = sorted(set(listed) - present)
        if absent:
            raise PackError(T.PACK_ABSENT, names=", ".join(absent[:5]))
        contents: dict[str, bytes] = {}
        total = len(manifest_bytes)
        for path, member in listed.items():
            if member.size > limits.max_entry_bytes:
                raise PackError(
                    TX.MEMBER_TOO_LARGE, name=repr(path), limit=size_text(limits.max_entry_bytes)
                )
            total += member.size
            if total > limits.max_total_bytes:
                raise PackError(T.PACK_TOO_LARGE, limit=size_text(limits.max_total_bytes))
            content = read_member(zf, by_name[path], member.size, limits, size)
            if len(content) != member.size or hashlib.sha256(content).hexdigest() != member.sha256:
                raise PackError(T.PACK_HASH, name=repr(path))
            contents[path] = content
    pack = VerifiedPack(
        manifest=manifest,
        package_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
        public=public,
        public_file=pub_bytes,
    )
    used: set[str] = set()
    seen_ids: set[str] = set()
    for entry in manifest.checklists:
        if entry.id in seen_ids or entry.id in manifest.withdrawn:
            raise PackError(T.PACK_CHECKLIST_TWICE, checklist=entry.id)
        seen_ids.add(entry.id)
        if entry.path != f"checklists/{entry.sha256}.json" or entry.path not in contents:
            raise PackError(T.PACK_ABSENT, names=entry.path)
        used.add(entry.path)
        checklist, text = _check_checklist(contents[entry.path], entry)
        pack.checklists.append((checklist, text, entry.sha256))
    if manifest.settings is not None and manifest.settings.logo_sha256 is not None:
        if LOGO not in contents or listed[LOGO].sha256 != manifest.settings.logo_sha256:
            raise PackError(T.PACK_ABSENT, names=LOGO)
        used.add(LOGO)
        try:
            pack.logo = normalise_image(contents[LOGO], what="logo")
        except UserError as e:
            raise PackError(T.PACK_BAD_LOGO, cause=e) from None
    unused = sorted(set(contents) - used)
    if unused:
        raise PackError(T.PACK_UNLISTED, names=", ".join(unused[:5]))
    if manifest.next_key is not None:
        pack.next_public = keys.parse_public_file(manifest.next_key.encode("utf-8"), "next_key")
        if pack.next_public.exchange is None:
            raise PackError(T.PACK_BAD_VALUE, where="next_key", problem="no X25519 key")
    if public.exchange is None:
        raise PackError(T.PACK_BAD_VALUE, where=HQ_PUB, problem="no X25519 key")
    if manifest.branches is not None:
        codes = [b.code for b in manifest.branches]
        if len(set(codes)) != len(codes):
            raise PackError(T.PACK_BAD_VALUE, where="branches", problem="a branch code twice")
    return pack


def _parse(raw: bytes) -> PackManifest:
    obj = load_manifest_json(raw)
    if not isinstance(obj, dict) or obj.get("format") != FORMAT_NAME:
        fmt = obj.get("format") if isinstance(obj, dict) else None
        raise PackError(T.PACK_FORMAT, format=repr(fmt))
    if obj.get("format_version") != FORMAT_VERSION:
        raise PackError(
            T.PACK_VERSION, version=repr(obj.get("format_version")), supported=FORMAT_VERSION
        )
    try:
        return PackManifest.model_validate(obj)
    except ValidationError as e:
        first = e.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        msg = str(first["msg"]).removeprefix("Value error, ")
        raise PackError(T.PACK_SCHEMA, loc=loc, detail=msg, count=e.error_count()) from None


# ---------------------------------------------------------------- writing
@dataclass
class PackContent:
    """What HQ puts into a pack (everything already checked by its reader)."""

    checklists: list[tuple[Checklist, str, str]] = field(default_factory=list)  # c, json, sha
    withdrawn: list[str] = field(default_factory=list)
    branches: list[dict[str, str]] | None = None
    plan: list[dict[str, Any]] | None = None
    org_name: str | None = None
    display_tz: str | None = None
    logo: bytes | None = None
    include_settings: bool = False
    next_key: bytes | None = None


def write_pack(
    content: PackContent, *, sequence: int, device: keys.DeviceKeys, created_at: str
) -> bytes:
    """The signed pack's bytes. The manifest is validated by the reader's own schema and the
    result read back by :func:`read_pack`: HQ never sends what a laptop would refuse."""
    members: dict[str, bytes] = {}
    entries = []
    for c, text, sha in content.checklists:
        path = f"checklists/{sha}.json"
        members[path] = text.encode("utf-8")
        entries.append({"id": c.id, "version": c.version, "sha256": sha, "path": path})
    settings: dict[str, Any] | None = None
    if content.include_settings:
        settings = {
            "org_name": content.org_name,
            "display_tz": content.display_tz,
            "logo_sha256": None,
        }
        if content.logo is not None:
            members[LOGO] = content.logo
            settings["logo_sha256"] = hashlib.sha256(content.logo).hexdigest()
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "created_at": created_at,
        "sequence": sequence,
        "hq_fingerprint": device.fingerprint,
        "next_key": content.next_key.decode("utf-8") if content.next_key else None,
        "checklists": entries,
        "withdrawn": content.withdrawn,
        "branches": content.branches,
        "plan": content.plan,
        "settings": settings,
        "members": [
            {"path": p, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
            for p, b in members.items()
        ],
    }
    PackManifest.model_validate(data)
    manifest = canonical_bytes(data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        write_member(zf, MANIFEST, manifest, zipfile.ZIP_DEFLATED)
        write_member(zf, SIGNATURE, device.sign(manifest), zipfile.ZIP_STORED)
        write_member(zf, HQ_PUB, device.public.to_file_bytes(), zipfile.ZIP_STORED)
        for path, b in members.items():
            method = zipfile.ZIP_STORED if path == LOGO else zipfile.ZIP_DEFLATED
            write_member(zf, path, b, method)
    pack = out.getvalue()
    read_pack(pack)
    return pack
