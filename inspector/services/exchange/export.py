"""Export: one finalized inspection revision → one signed ``.inspection`` package."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector import __version__
from inspector.db import Database
from inspector.db.models import AuditEntry, Blob, Inspection, Photo, utcnow
from inspector.domain import timefmt
from inspector.domain.states import InspectionStatus
from inspector.errors import NotFoundError, UserError, ValidationError
from inspector.files import write_atomic
from inspector.services import keys, photo_variants, photos, reports
from inspector.services.exchange.manifest_schema import Manifest
from inspector.services.exchange.package_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    REPORT,
    SUFFIX,
    content_sha256,
    write_container,
)
from inspector.services.inspections import lookup
from inspector.text import exchange as T
from inspector.text.parts import CliOnly

log = logging.getLogger(__name__)


def _iso(d: datetime | None) -> str | None:
    return d.isoformat() if d is not None else None


def _blob(session: Session, sha: str | None, what: UserError) -> bytes:
    row = session.get(Blob, sha) if sha else None
    if row is None:
        raise UserError(T.STORED_DATA_MISSING, what=what, sha=sha)
    return row.data


def _photo(session: Session, p: Photo, blobs: dict[str, bytes]) -> dict[str, Any]:
    withheld = photos.is_redacted(p) or p.original_sha256 is None
    shas: list[str | None] = []
    if withheld:
        # Only the rendering leaves the laptop: the device's display and thumbnail show
        # the unredacted original, so they stay behind too; HQ derives its own.
        image, kind = photo_variants.export_image(session, p)
        assert kind == "rendered"
        parts: list[bytes | None] = [image, None, None]
    else:
        what = UserError(T.PHOTO_OF_ITEM, photo=p.id, item=p.item_id)
        parts = [
            _blob(session, p.original_sha256, what),
            _blob(session, p.display_sha256, what),
            _blob(session, p.thumb_sha256, what),
        ]
    for data in parts:
        if data is None:
            shas.append(None)
            continue
        sha = _sha(data)
        blobs[sha] = data
        shas.append(sha)
    return {
        "id": p.id,
        "item_id": p.item_id,
        "position": p.position,
        "sha256": p.sha256,
        "size": p.size,
        "format": p.format,
        "file_name": p.file_name,
        "width": p.width,
        "height": p.height,
        "taken_at": _iso(p.taken_at),
        "camera": p.camera,
        "gps_lat": p.gps_lat,
        "gps_lon": p.gps_lon,
        "gps_alt": p.gps_alt,
        "imported_at": _iso(p.imported_at),
        "caption": p.caption,
        "layers": dict(p.layers or {}),
        "withheld": withheld,
        "image_sha256": shas[0],
        "display_sha256": shas[1],
        "thumb_sha256": shas[2],
    }


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def build_manifest_data(
    session: Session, insp: Inspection
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest's content (without members/report) and the blobs it refers to."""
    blobs: dict[str, bytes] = {}
    sig_sha = None
    if insp.manager_signature:
        sig_sha = _sha(insp.manager_signature)
        blobs[sig_sha] = insp.manager_signature
    audit_rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.inspection_uuid == insp.uuid, AuditEntry.revision == insp.revision)
        .order_by(AuditEntry.id)
    )
    assert insp.finalized_at is not None
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": utcnow().isoformat(),
        "inspection": {
            "uuid": insp.uuid,
            "revision": insp.revision,
            "supersedes": insp.supersedes_revision,
            "amendment_reason": insp.amendment_reason,
            "mode": insp.mode,
            "status": insp.status,
            "inspector": insp.inspector,
            "created_at": _iso(insp.created_at),
            "started_at": _iso(insp.started_at),
            "updated_at": _iso(insp.updated_at),
            "finalized_at": _iso(insp.finalized_at),
            "finalized_by": insp.finalized_by,
            "visit": dict(insp.visit or {}),
            "narrative": insp.narrative,
            "manager_name": insp.manager_name,
            "manager_signature_sha256": sig_sha,
            "recheck_of": insp.recheck_of,
        },
        "branch": {
            "code": insp.branch.code,
            "name": insp.branch.name,
            "region": insp.branch.region,
            "address": insp.branch.address,
        },
        "checklist": {
            "id": insp.snapshot.checklist_id,
            "version": insp.snapshot.version,
            "sha256": insp.snapshot.sha256,
            "content": insp.snapshot.content,
        },
        "answers": [
            {
                "item_id": a.item_id,
                "result": a.result,
                "value": a.value,
                "note": a.note,
                "answered_by": a.answered_by,
                "updated_at": _iso(a.updated_at),
            }
            for a in sorted(insp.answers, key=lambda a: a.item_id)
        ],
        "findings": [
            {
                "item_id": f.item_id,
                "active": f.active,
                "severity": f.severity,
                "action": f.action,
                "owner": f.owner,
                "deadline": f.deadline.isoformat() if f.deadline else None,
                "status": f.status,
                "closed_at": _iso(f.closed_at),
                "closed_by_uuid": f.closed_by_uuid,
                "closing_note": f.closing_note,
                "repeat_of": f.repeat_of,
                # Only when set: the packages of findings closed before it existed hash
                # as they always did.
                **({"closed_via": f.closed_via} if f.closed_via else {}),
                "created_at": _iso(f.created_at),
                "updated_at": _iso(f.updated_at),
            }
            for f in sorted(insp.findings, key=lambda f: f.item_id)
        ],
        "photos": [_photo(session, p, blobs) for p in insp.photos],
        "audit": [
            {
                "at": _iso(e.at),
                "actor": e.actor,
                "revision": e.revision,
                "entity": e.entity,
                "key": e.key,
                "action": e.action,
                "old": e.old,
                "new": e.new,
            }
            for e in audit_rows
        ],
    }
    return data, blobs


def normalized_content(
    session: Session, insp: Inspection, *, fingerprint: str = ""
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Manifest data as the importer will see it (schema-normalised), with its content hash.

    The hash is computed over the schema's JSON form so that exporter and importer agree
    byte for byte (e.g. on how a UTC time is written).
    """
    data, blobs = build_manifest_data(session, insp)
    data.update(device_fingerprint=fingerprint, content_sha256="0" * 64, report=None, members=[])
    dumped = Manifest.model_validate(data).model_dump(mode="json")
    dumped["content_sha256"] = content_sha256(dumped)
    return dumped, blobs


def content_hash_of(session: Session, insp: Inspection) -> str:
    return str(normalized_content(session, insp)[0]["content_sha256"])


def _report_pdf(session: Session, insp: Inspection, lang: str) -> bytes:
    return reports.build_report(session, insp, lang=lang)


def export_inspection(
    session: Session,
    insp: Inspection,
    *,
    include_report: bool = False,
    encrypt_to: bytes | None = None,
    lang: str = "zh",
    device: keys.DeviceKeys | None = None,
) -> bytes:
    """The package bytes of a finalized inspection revision, signed by this device.

    ``encrypt_to`` is HQ's public key file (bytes of ``inspector keys export`` at HQ);
    the package is then sealed so only that installation can open it.
    """
    if insp.status != InspectionStatus.FINALIZED:
        raise ValidationError(T.DRAFT_NOT_EXPORTED, uuid=insp.uuid, short=insp.uuid[:8])
    recipient: bytes | None = None
    if encrypt_to is not None:
        pub = keys.parse_public_file(encrypt_to, "--encrypt-to")
        if pub.exchange is None:
            raise ValidationError(T.NO_X25519, option=CliOnly("--encrypt-to: "))
        recipient = pub.exchange
    device = device or keys.device_keys()
    data, blobs = normalized_content(session, insp, fingerprint=device.fingerprint)
    members: dict[str, bytes] = {f"blobs/{sha}": b for sha, b in sorted(blobs.items())}
    if include_report:
        members[REPORT] = _report_pdf(session, insp, lang)
        data["report"] = {"path": REPORT, "lang": lang}
    # Validated with the same schema the importer uses: never ship a package HQ would
    # refuse.
    return write_container(data, members, device, Manifest.model_validate, encrypt_to=recipient)


def file_stem(insp: Inspection) -> str:
    """``DAY_BRANCH_UUID8`` for files about ``insp`` (package, report): the local day it
    started (an inspection at 01:00 in Shanghai is on that day), a file-safe branch code."""
    code = re.sub(r"[^A-Za-z0-9_-]+", "_", insp.branch.code).strip("_") or "branch"
    day = timefmt.local_date(insp.started_at, timefmt.zone()).isoformat()
    return f"{day}_{code}_{insp.uuid[:8]}"


def package_file_name(insp: Inspection) -> str:
    return f"{file_stem(insp)}_r{insp.revision}{SUFFIX}"


def write_package(
    db: Database,
    inspection_ref: str,
    out_path: Path,
    *,
    include_report: bool = False,
    encrypt_to: bytes | None = None,
    lang: str = "zh",
) -> Path:
    """Export the current revision of ``inspection_ref`` to ``out_path`` (a file or folder)."""
    with db.session() as s:
        insp = lookup.get(s, inspection_ref)
        data = export_inspection(
            s, insp, include_report=include_report, encrypt_to=encrypt_to, lang=lang
        )
        name = package_file_name(insp)
    target = out_path / name if out_path.is_dir() else out_path
    return write_atomic(target, data)


def finalized_current(session: Session, since: date | None = None) -> Iterator[Inspection]:
    """Finalized current revisions (finalized on or after ``since``), oldest first."""
    q = select(Inspection).where(
        Inspection.is_current.is_(True), Inspection.status == InspectionStatus.FINALIZED
    )
    if since is not None:
        start = datetime(since.year, since.month, since.day, tzinfo=utcnow().tzinfo)
        q = q.where(Inspection.finalized_at >= start)
    q = q.order_by(Inspection.finalized_at, Inspection.id)
    yield from session.scalars(q)


def write_all(
    db: Database,
    out_dir: Path,
    *,
    since: date | None = None,
    include_report: bool = False,
    encrypt_to: bytes | None = None,
    lang: str = "zh",
) -> list[Path]:
    """One package per finalized current inspection into ``out_dir``; the paths written."""
    out_dir = out_dir.expanduser()
    if not out_dir.is_dir():
        raise NotFoundError(T.NO_SUCH_FOLDER, option=CliOnly("-o "), folder=str(out_dir))
    written: list[Path] = []
    with db.session() as s:
        ids = [i.id for i in finalized_current(s, since)]
    # One short session per package keeps memory flat however many there are.
    for pk in ids:
        with db.session() as s:
            insp = s.get(Inspection, pk)
            assert insp is not None
            data = export_inspection(
                s, insp, include_report=include_report, encrypt_to=encrypt_to, lang=lang
            )
            name = package_file_name(insp)
        written.append(write_atomic(out_dir / name, data))
    return written
