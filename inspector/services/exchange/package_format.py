"""The ``.inspection`` package: limits, the signed container, and complete verification.

A package is a ZIP file (optionally sealed for HQ, see :mod:`inspector.services.keys`)::

    manifest.json   canonical JSON (below); everything else is listed in it with size+hash
    manifest.sig    64-byte Ed25519 signature over the exact bytes of manifest.json
    device.pub      the exporting device's public keys (the ``keys export`` file)
    blobs/<sha256>  photo images, derivatives, the manager's signature, named by hash
    report.pdf      optional, ``export --with-report``

:func:`read_package` checks everything before returning anything: the names and kinds of
the members, their count and sizes (counted while reading; declared sizes lie), the
compression ratio, the signature, the manifest's schema, and every member's size and hash
against the manifest. It never extracts to disk. The manifest's schema is
:mod:`inspector.services.exchange.manifest_schema`. docs/package-format.md is the reference.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import math
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any, Generic, Protocol, TypeVar

from pydantic import (
    BaseModel,
    ValidationError,
)

from inspector import strictjson
from inspector.domain.layers import EXACT
from inspector.errors import UserError, detail_of
from inspector.files import size_text
from inspector.services import keys
from inspector.services.exchange.manifest_schema import (
    MAX_DEPTH,
    MAX_JSON_DIGITS,
    Manifest,
    MemberEntry,
)
from inspector.text import Message
from inspector.text import exchange as T

log = logging.getLogger(__name__)

FORMAT_NAME = "branch-inspector-package"
FORMAT_VERSION = 1
SUFFIX = ".inspection"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DEVICE_PUB = "device.pub"
REPORT = "report.pdf"
CONTROL_MEMBERS = frozenset({MANIFEST, SIGNATURE, DEVICE_PUB})


@dataclass(frozen=True)
class Limits:
    """Bounds on what a package may hold; everything past them is refused, not truncated."""

    max_file_bytes: int = 2 * 1024**3
    max_entries: int = 5000
    max_entry_bytes: int = 256 * 1024**2
    max_total_bytes: int = 2 * 1024**3
    max_manifest_bytes: int = 64 * 1024**2
    # Photos are stored; JSON compresses ~10x. Anything far above is a zip bomb.
    max_ratio: float = 200.0


DEFAULT_LIMITS = Limits()


# A receipt entry's reason as an error (it renders in the app's language and words); kept
# out of the JSON receipt, whose ``reason`` is its English text.
REASON_ERROR = "reason_error"


class PackageError(UserError):
    """A package that is refused; ``reason`` says why (in English), without the file name."""

    def __init__(self, reason: Message, /, **fields: object) -> None:
        super().__init__(reason, **fields)
        self.reason = str(self)
        # The fingerprint of the device whose signature verified, when the refusal came
        # after that check: the receipt names the signer of a package refused for content.
        self.signer: str | None = None


CONTENT_KEYS = ("inspection", "branch", "checklist", "answers", "findings", "photos", "audit")


def canonical_bytes(data: Any) -> bytes:
    return strictjson.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def content_sha256(manifest_data: dict[str, Any]) -> str:
    """Hash of what the inspection *is*: the same for every export of the same revision.

    Leaves out when and by which build it was exported and the optional report (a PDF
    differs byte-wise on every build), so a re-export is recognised as "already imported".
    """
    content = {k: manifest_data[k] for k in CONTENT_KEYS}
    content["checklist"] = {k: v for k, v in content["checklist"].items() if k != "content"}
    return hashlib.sha256(canonical_bytes(content)).hexdigest()


# ---------------------------------------------------------------- writing
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def write_member(zf: zipfile.ZipFile, name: str, data: bytes, method: int) -> None:
    """One member with a fixed time and plain permissions: two writes of the same content
    give the same bytes (shared with HQ packs)."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = method
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


# ---------------------------------------------------------------- reading
@dataclass
class VerifiedPackage:
    """A package whose signature, members and schema all checked out."""

    manifest: Manifest
    content_sha256: str
    package_sha256: str
    public: keys.PublicKeys
    blobs: dict[str, bytes] = field(default_factory=dict)
    report: bytes | None = None

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint


@lru_cache(maxsize=64)
def _public_keys(data: bytes) -> keys.PublicKeys:
    # A device sends many packages: parse its key file once.
    return keys.parse_public_file(data, DEVICE_PUB)


def check_member_name(info: zipfile.ZipInfo) -> None:
    """Refuse a member name or kind no package of ours has (shared with HQ packs)."""
    name = info.filename
    if not name:  # checked first: ZipInfo.is_dir() fails on an empty name
        raise PackageError(T.MEMBER_EMPTY_NAME)
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise PackageError(T.MEMBER_SYMLINK, name=repr(name))
    if info.is_dir():
        raise PackageError(T.MEMBER_FOLDER, name=repr(name))
    if info.flag_bits & 0x1:
        raise PackageError(T.MEMBER_ENCRYPTED, name=repr(name))
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or ":" in name:
        raise PackageError(T.MEMBER_ABSOLUTE, name=repr(name))
    if any(part in ("", ".", "..") for part in PurePosixPath(name).parts) or "//" in name:
        raise PackageError(T.MEMBER_DOTDOT, name=repr(name))


def read_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, limits: Limits, file_size: int
) -> bytes:
    """Read a member, counting bytes as they come: never trust the declared sizes.

    Shared with HQ packs (:mod:`inspector.services.publish.pack`).
    """
    buf = io.BytesIO()
    compressed = max(1, min(info.compress_size, file_size))
    n = 0
    try:
        with zf.open(info) as f:
            while True:
                chunk = f.read(1024 * 1024)
                if not chunk:
                    break
                n += len(chunk)
                if n > limit:
                    raise PackageError(T.MEMBER_TOO_LARGE, name=repr(info.filename), limit=limit)
                if n > 1024 * 1024 and n / compressed > limits.max_ratio:
                    raise PackageError(
                        T.MEMBER_BOMB, name=repr(info.filename), ratio=f"{limits.max_ratio:g}"
                    )
                buf.write(chunk)
    except PackageError:
        raise
    except NotImplementedError as e:
        # zipfile refuses ZIP versions and methods it does not know; we never write them.
        raise PackageError(
            T.MEMBER_ZIP_FEATURE, name=repr(info.filename), detail=detail_of(e)
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError) as e:
        raise PackageError(
            T.MEMBER_DAMAGED, name=repr(info.filename), detail=detail_of(e)
        ) from None
    if n != info.file_size:
        raise PackageError(T.MEMBER_SIZE_MISMATCH, name=repr(info.filename))
    if n > 1024 and n / compressed > limits.max_ratio:
        raise PackageError(T.MEMBER_BOMB, name=repr(info.filename), ratio=f"{limits.max_ratio:g}")
    return buf.getvalue()


class SignedManifest(Protocol):
    """What every signed ZIP's manifest has: the signer's fingerprint and its members."""

    @property
    def device_fingerprint(self) -> str: ...

    @property
    def members(self) -> Sequence[MemberEntry]: ...


M = TypeVar("M", bound=SignedManifest)


@dataclass
class Container(Generic[M]):
    """A signed ZIP whose names, sizes, signature, schema and member hashes checked out."""

    manifest: M
    manifest_obj: dict[str, Any]
    manifest_bytes: bytes
    public: keys.PublicKeys
    members: dict[str, bytes]
    digests: dict[str, str] = field(default_factory=dict)
    """Each member's SHA-256 as computed while reading it (equal to the manifest's)."""

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    @property
    def manifest_sha256(self) -> str:
        # The signed manifest names every member by hash, so its hash identifies the
        # content (whatever the ZIP layout or encryption), and is cheap.
        return hashlib.sha256(self.manifest_bytes).hexdigest()


def read_container(
    data: bytes,
    parse: Callable[[bytes], tuple[M, dict[str, Any]]],
    *,
    limits: Limits = DEFAULT_LIMITS,
    device: keys.DeviceKeys | None = None,
) -> Container[M]:
    """Verify a signed ZIP completely (``.inspection``, ``.notice``, ``.response``).

    Decrypts a sealed file with ``device``; checks the ZIP, every member's name and kind,
    the control members, the Ed25519 signature over the exact manifest bytes, the manifest
    (``parse`` checks its format and schema), the signer's fingerprint, and that the
    members are exactly those listed, each read counting bytes and matching its size and
    SHA-256. Raises :class:`PackageError` with the reason; nothing is extracted to disk.
    """
    if keys.is_encrypted(data):
        if device is None:
            raise PackageError(T.ENCRYPTED_NO_KEY)
        try:
            data = keys.decrypt(device, data)
        except ValueError as e:
            raise PackageError(T.ENCRYPTED_BAD, detail=detail_of(e)) from None
    if len(data) > limits.max_file_bytes:
        raise PackageError(T.PACKAGE_TOO_LARGE, limit=size_text(limits.max_file_bytes))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except NotImplementedError as e:
        raise PackageError(T.NOT_READABLE, detail=detail_of(e)) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as e:
        raise PackageError(T.NOT_ZIP, detail=detail_of(e)) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_entries:
            raise PackageError(T.TOO_MANY_MEMBERS, count=len(infos), limit=limits.max_entries)
        by_name: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            check_member_name(info)
            if info.filename in by_name:
                raise PackageError(T.MEMBER_TWICE, name=repr(info.filename))
            by_name[info.filename] = info
        missing_control = sorted(CONTROL_MEMBERS - set(by_name))
        if missing_control:
            raise PackageError(T.CONTROL_MISSING, names=", ".join(missing_control))
        size = len(data)
        manifest_bytes = read_member(zf, by_name[MANIFEST], limits.max_manifest_bytes, limits, size)
        sig = read_member(zf, by_name[SIGNATURE], 1024, limits, size)
        pub_bytes = read_member(zf, by_name[DEVICE_PUB], keys.PUBLIC_FILE_MAX, limits, size)
        try:
            public = _public_keys(pub_bytes)
        except UserError as e:
            raise PackageError(T.CAUSE, cause=e) from None
        if not keys.verify_signature(public.signing, sig, manifest_bytes):
            raise PackageError(T.SIGNATURE_BAD)
        try:
            return _read_signed(zf, by_name, manifest_bytes, parse, public, limits, size)
        except PackageError as e:
            e.signer = public.fingerprint  # the signature verified: name who signed
            raise


def _read_signed(
    zf: zipfile.ZipFile,
    by_name: dict[str, zipfile.ZipInfo],
    manifest_bytes: bytes,
    parse: Callable[[bytes], tuple[M, dict[str, Any]]],
    public: keys.PublicKeys,
    limits: Limits,
    size: int,
) -> Container[M]:
    """The rest of :func:`read_container`, once the manifest's signature verified."""
    manifest, manifest_obj = parse(manifest_bytes)
    if manifest.device_fingerprint != public.fingerprint:
        raise PackageError(T.DEVICE_MISMATCH)
    listed = {m.path: m for m in manifest.members}
    if len(listed) != len(manifest.members):
        raise PackageError(T.MANIFEST_MEMBER_TWICE)
    present = set(by_name) - CONTROL_MEMBERS
    extra = sorted(present - set(listed))
    if extra:
        raise PackageError(T.UNLISTED, names=", ".join(extra[:5]))
    absent = sorted(set(listed) - present)
    if absent:
        raise PackageError(T.ABSENT, names=", ".join(absent[:5]))
    total = len(manifest_bytes)
    members: dict[str, bytes] = {}
    digests: dict[str, str] = {}
    for path, entry in listed.items():
        info = by_name[path]
        if entry.size > limits.max_entry_bytes:
            raise PackageError(
                T.MEMBER_TOO_LARGE, name=repr(path), limit=size_text(limits.max_entry_bytes)
            )
        total += entry.size
        if total > limits.max_total_bytes:
            raise PackageError(T.TOTAL_TOO_LARGE, limit=size_text(limits.max_total_bytes))
        content = read_member(zf, info, min(entry.size, limits.max_entry_bytes), limits, size)
        if len(content) != entry.size:
            raise PackageError(T.SIZE_DIFFERS, name=repr(path))
        digest = hashlib.sha256(content).hexdigest()
        if digest != entry.sha256:
            raise PackageError(
                T.HASH_DIFFERS, name=repr(path), digest=digest, expected=entry.sha256
            )
        members[path] = content
        digests[path] = digest
    return Container(
        manifest=manifest,
        manifest_obj=manifest_obj,
        manifest_bytes=manifest_bytes,
        public=public,
        members=members,
        digests=digests,
    )


def blobs_of(
    members: dict[str, bytes],
    allowed: frozenset[str] = frozenset(),
    digests: dict[str, str] | None = None,
) -> dict[str, bytes]:
    """The ``blobs/<sha256>`` members by hash; any other member not in ``allowed`` is
    refused (a member named ``blobs/x`` must be the content whose hash is ``x``).

    ``digests`` are the members' hashes computed while reading them
    (:attr:`Container.digests`): given, a member is not hashed a second time."""
    blobs: dict[str, bytes] = {}
    for path, content in members.items():
        if path in allowed:
            continue
        sha = path[6:] if path.startswith("blobs/") else ""
        known = digests.get(path) if digests is not None else None
        digest = known if known is not None else hashlib.sha256(content).hexdigest()
        if not sha or digest != sha:
            raise PackageError(T.UNKNOWN_MEMBER, name=repr(path))
        blobs[sha] = content
    return blobs


def write_container(
    manifest: dict[str, Any],
    members: dict[str, bytes],
    device: keys.DeviceKeys,
    validate: Callable[[dict[str, Any]], object],
    *,
    encrypt_to: bytes | None = None,
) -> bytes:
    """A signed ZIP of ``manifest`` (its ``members`` list filled in here) and ``members``.

    ``validate`` is the reader's own schema (``Model.model_validate``): nothing is signed
    that the reader would refuse. ``encrypt_to`` is a recipient's raw X25519 key.
    """
    manifest["members"] = [
        {"path": path, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
        for path, b in members.items()
    ]
    validate(manifest)
    data = canonical_bytes(manifest)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        write_member(zf, MANIFEST, data, zipfile.ZIP_DEFLATED)
        write_member(zf, SIGNATURE, device.sign(data), zipfile.ZIP_STORED)
        write_member(zf, DEVICE_PUB, device.public.to_file_bytes(), zipfile.ZIP_STORED)
        for path, b in members.items():
            # Photos and PDFs are compressed already; deflating them only costs time.
            write_member(zf, path, b, zipfile.ZIP_STORED)
    package = out.getvalue()
    if encrypt_to is not None:
        package = keys.encrypt_to(encrypt_to, package)
    return package


def read_package(
    data: bytes,
    *,
    limits: Limits = DEFAULT_LIMITS,
    device: keys.DeviceKeys | None = None,
) -> VerifiedPackage:
    """Verify a package completely; raises :class:`PackageError` with the reason."""
    c = read_container(data, _parse_manifest, limits=limits, device=device)
    try:
        return _verified(c)
    except PackageError as e:
        e.signer = c.fingerprint  # the signature verified: name who signed
        raise


def _verified(c: Container[Manifest]) -> VerifiedPackage:
    """The package's content checks, once its container verified."""
    report = c.members.get(REPORT)
    blobs = blobs_of(c.members, frozenset({REPORT}), c.digests)
    manifest = c.manifest
    # Over the JSON as signed, not the model's re-serialisation: the hash must be the one
    # the device computed, whatever normalisation the model does.
    computed = content_sha256(c.manifest_obj)
    if computed != manifest.content_sha256:
        raise PackageError(T.CONTENT_HASH)
    _check_references(manifest, blobs, report)
    return VerifiedPackage(
        manifest=manifest,
        content_sha256=computed,
        package_sha256=c.manifest_sha256,
        public=c.public,
        blobs=blobs,
        report=report,
    )


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a package may carry")


def _finite_float(text: str) -> float:
    v = float(text)
    if not math.isfinite(v):
        raise ValueError(f"number {text[:40]} is out of range")
    return v


def _short_int(text: str) -> int:
    # Checked before int() so a 5,000-digit number is a clear refusal, not the
    # interpreter's "Exceeds the limit (4300 digits)".
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise ValueError(f"a number of {len(text)} digits is out of range")
    return int(text)


def _check_tree(obj: Any) -> None:
    """Nesting depth and number range of any JSON value, without recursion."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(obj, ())]
    while stack:
        value, path = stack.pop()
        if len(path) >= MAX_DEPTH:
            raise PackageError(T.TOO_DEEP_AT, path=_dotted(path[:3]), depth=MAX_DEPTH)
        if isinstance(value, dict):
            for k, v in value.items():
                _check_text(k, path)
                stack.append((v, (*path, k)))
        elif isinstance(value, list):
            stack.extend((v, (*path, n)) for n, v in enumerate(value))
        elif isinstance(value, str):
            _check_text(value, path)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
            raise PackageError(T.BIG_INT, path=_dotted(path))


def _check_text(text: str, path: tuple[str | int, ...]) -> None:
    # PostgreSQL refuses NUL in text, and a lone surrogate ("\ud800" in JSON) cannot be
    # encoded for either backend: refused here, with where, rather than failing the insert.
    if "\x00" in text:
        raise PackageError(T.NUL_CHAR, path=_dotted(path))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise PackageError(T.SURROGATE, path=_dotted(path)) from None


def _dotted(path: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in path) or "(top)"


# Where a NUL or a lone surrogate could be in the parsed text: both can only be written as
# a \u escape (JSON allows no raw control character in a string, and the UTF-8 decoder
# refuses an encoded surrogate). Matching is cheap and errs on the safe side: a match
# (an escaped backslash before "u0000", a valid surrogate pair) only means the full check.
_RISKY_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")
_BIG_INT = 2**53


def _within_depth(obj: Any) -> bool:
    """True when no value is MAX_DEPTH or more levels down (what :func:`_check_tree`
    refuses), looking at containers only, a level at a time."""
    level = [obj] if isinstance(obj, dict | list) else []
    depth = 0
    while level:
        below: list[Any] = []
        for v in level:
            for x in v.values() if isinstance(v, dict) else v:
                if isinstance(x, dict | list):
                    below.append(x)
                elif depth + 1 >= MAX_DEPTH:
                    return False
        depth += 1
        if below and depth >= MAX_DEPTH:
            return False
        level = below
    return True


def load_manifest_json(raw: bytes) -> Any:
    """The manifest's JSON, refusing NaN, infinities, huge numbers and deep nesting."""
    big: list[int] = []

    def parse_int(text: str) -> int:
        v = _short_int(text)
        if abs(v) > _BIG_INT:
            big.append(v)
        return v

    # The C parser raises RecursionError near 1,000 levels, long before the stack is at
    # risk; deeper than MAX_DEPTH but shallower than that is caught by _check_tree.
    try:
        obj = json.loads(
            raw.decode("utf-8"),
            parse_constant=_no_constant,
            parse_float=_finite_float,
            parse_int=parse_int,
        )
    except RecursionError:
        raise PackageError(T.TOO_DEEP, depth=MAX_DEPTH) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise PackageError(T.NOT_JSON, detail=detail_of(e)) from None
    except ValueError as e:  # from the parse_* hooks above
        raise PackageError(T.MANIFEST_VALUE, detail=detail_of(e)) from None
    # One walk of every value, naming where a problem is, only when the parse showed one
    # may be there (a huge number, a risky escape, a deep container); a clean manifest is
    # not walked value by value a second time.
    if big or _RISKY_ESCAPE.search(raw) or not _within_depth(obj):
        _check_tree(obj)
    return obj


_Model = TypeVar("_Model", bound=BaseModel)


def parse_manifest(
    raw: bytes, format_name: str, format_version: int, model: type[_Model]
) -> tuple[_Model, dict[str, Any]]:
    """A signed manifest of the named format and version, checked against ``model``."""
    obj = load_manifest_json(raw)
    if not isinstance(obj, dict):
        raise PackageError(T.NOT_OBJECT)
    if obj.get("format") != format_name:
        raise PackageError(T.WRONG_FORMAT, format=repr(obj.get("format")))
    if obj.get("format_version") != format_version:
        raise PackageError(
            T.WRONG_VERSION, version=repr(obj.get("format_version")), supported=format_version
        )
    try:
        # Layers are stored exactly as signed: a coordinate of 0.5 is refused, not rounded.
        return model.model_validate(obj, context={EXACT: True}), obj
    except ValidationError as e:
        loc, msg, count = schema_problem(e)
        raise PackageError(T.SCHEMA, loc=loc, detail=msg, count=count) from None


# The names pydantic gives the members of a union in an error's location ("value.bool",
# "value.constrained-str"): not fields of the manifest, so not shown.
_UNION_TAG = re.compile(r"^(bool|int|float|str|bytes|none|constrained-.+|function-.+|.+\[.*\])$")
_TYPE_NOUNS = {
    "bool_type": "true or false",
    "int_type": "a whole number",
    "float_type": "a number",
    "string_type": "text",
    "none_required": "null",
}


def schema_problem(e: ValidationError) -> tuple[str, str, int]:
    """(where, what, how many fields) for a manifest that does not fit the schema.

    pydantic reports a value that fits no member of a union once per member: an over-long
    text in an answer's value comes first as "should be a valid boolean" (the first member)
    although it is a text, just too long. The errors are grouped by field; of a field's
    errors, one about the value's limits (too long, too large) says what is wrong, and
    where only type errors remain, the types the field accepts are listed.
    """
    groups: dict[str, list[Any]] = {}
    for err in e.errors():
        parts = [str(p) for p in err["loc"]]
        while parts and _UNION_TAG.match(parts[-1]) and len(err["loc"]) > 1:
            parts.pop()
        groups.setdefault(".".join(parts), []).append(err)
    loc, errs = next(iter(groups.items()))
    limits = [x for x in errs if not str(x["type"]).endswith(("_type", "_parsing", "_required"))]
    if limits or len(errs) == 1:
        msg = str((limits or errs)[0]["msg"]).removeprefix("Value error, ")
    else:
        nouns = list(dict.fromkeys(_TYPE_NOUNS.get(str(x["type"]), str(x["type"])) for x in errs))
        msg = "Input should be " + (
            nouns[0] if len(nouns) == 1 else ", ".join(nouns[:-1]) + " or " + nouns[-1]
        )
    return loc, msg, len(groups)


def _parse_manifest(raw: bytes) -> tuple[Manifest, dict[str, Any]]:
    return parse_manifest(raw, FORMAT_NAME, FORMAT_VERSION, Manifest)


def _check_references(m: Manifest, blobs: dict[str, bytes], report: bytes | None) -> None:
    """Every hash the manifest names is a member, and the checklist is the one named."""
    if hashlib.sha256(m.checklist.content.encode("utf-8")).hexdigest() != m.checklist.sha256:
        raise PackageError(T.SNAPSHOT_HASH)
    needed: list[str] = []
    if m.inspection.manager_signature_sha256:
        needed.append(m.inspection.manager_signature_sha256)
    for p in m.photos:
        needed.append(p.image_sha256)
        if p.withheld:
            if p.display_sha256 or p.thumb_sha256:
                raise PackageError(T.WITHHELD_EXTRA, photo=p.id)
            continue
        if p.image_sha256 != p.sha256:
            raise PackageError(T.NOT_ORIGINAL, photo=p.id)
        if not p.display_sha256 or not p.thumb_sha256:
            raise PackageError(T.DERIVATIVES_MISSING, photo=p.id)
        needed += [p.display_sha256, p.thumb_sha256]
    for sha in needed:
        if sha not in blobs:
            raise PackageError(T.BLOB_MISSING, sha=sha)
    if (m.report is None) != (report is None):
        raise PackageError(T.REPORT_MISMATCH)
    if len({p.id for p in m.photos}) != len(m.photos):
        raise PackageError(T.PHOTO_TWICE)
    # One photo may be evidence of several items (attached, one entry per item), but
    # never twice for the same item.
    if len({(p.item_id, p.sha256) for p in m.photos}) != len(m.photos):
        raise PackageError(T.PHOTO_TWICE_ITEM)
    if len({a.item_id for a in m.answers}) != len(m.answers):
        raise PackageError(T.ANSWER_TWICE)
    if len({f.item_id for f in m.findings}) != len(m.findings):
        raise PackageError(T.FINDING_TWICE)
    # The audit trail is the revision's own (export takes exactly those entries): an entry
    # of another revision would rewrite that revision's history at HQ.
    for n, e in enumerate(m.audit, start=1):
        if e.revision != m.inspection.revision:
            got = "—" if e.revision is None else e.revision
            raise PackageError(T.AUDIT_REVISION, n=n, got=got, revision=m.inspection.revision)
