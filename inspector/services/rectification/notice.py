"""Rectification notices (整改通知书): HQ issues them, a branch opens them.

HQ: :func:`issue` gathers a branch's unresolved findings (open, overdue, returned) of its
current finalized inspections, writes a signed ``.notice`` (with the redacted renderings
of the findings' photos) and the printable PDF, and records the notice. A notice has an
id and a revision: while the branch has a notice with findings still to close, a new
notice for the branch is that notice's next revision (same id and 文号), and it
supersedes the earlier revisions for the findings it carries.

Branch: :func:`open_file` verifies HQ's signature against the pinned HQ key
(:mod:`.hqkey`) and stores the notice, so that the branch can answer it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector import __version__, clock
from inspector.db import Database
from inspector.db.models import Branch, Finding, Inspection
from inspector.db.rect_models import RectItem, RectNotice
from inspector.domain import timefmt
from inspector.domain.states import FindingState, FindingStatus, InspectionStatus, Severity
from inspector.errors import NotFoundError, UserError, ValidationError
from inspector.files import FileAccessError, read_bounded, write_atomic
from inspector.reports import notice_report as R
from inspector.services import audit, keys, photo_variants, photos
from inspector.services import settings as settings_svc
from inspector.services.exchange.package_format import (
    DEFAULT_LIMITS,
    PackageError,
    canonical_bytes,
    write_container,
)
from inspector.services.inspections.scoring import answers_of
from inspector.services.inspections.snapshots import checklist_of
from inspector.services.photo_decode import DISPLAY_SIDE, decode
from inspector.services.rectification import common, hqkey
from inspector.services.rectification.formats import (
    FORMAT_VERSION,
    NOTICE_FORMAT,
    NOTICE_SUFFIX,
    NoticeManifest,
    read_notice,
)
from inspector.services.reports import answer_text
from inspector.text import exchange as TX
from inspector.text import rectification as T
from inspector.text.parts import phrase

log = logging.getLogger(__name__)

DEFAULT_DAYS = 30  # the response deadline when no finding has one


@dataclass(frozen=True)
class IssuedNotice:
    uuid: str
    revision: int
    number: str
    branch_code: str
    branch_name: str
    deadline: date
    findings: int
    superseded: int  # findings taken over from earlier revisions
    notice_path: Path
    pdf_path: Path
    fingerprint: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.uuid,
            "revision": self.revision,
            "number": self.number,
            "branch": self.branch_code,
            "deadline": self.deadline.isoformat(),
            "findings": self.findings,
            "superseded": self.superseded,
            "notice": str(self.notice_path),
            "pdf": str(self.pdf_path),
            "signer": self.fingerprint,
        }


def _stem(code: str, uuid: str, revision: int) -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", code).strip("_") or "branch"
    return f"notice_{safe}_{uuid[:8]}_r{revision}"


def _candidates(
    session: Session, branch: Branch, start: date | None, end: date | None
) -> list[tuple[Inspection, Finding]]:
    """The branch's findings the branch still has to act on, oldest deadline first."""
    q = (
        select(Inspection, Finding)
        .join(Finding, Finding.inspection_id == Inspection.id)
        .where(
            Inspection.branch_id == branch.id,
            Inspection.is_current.is_(True),
            Inspection.status == InspectionStatus.FINALIZED,
            Finding.active.is_(True),
            Finding.status.in_((FindingStatus.OPEN, FindingStatus.RETURNED)),
        )
        .order_by(Finding.deadline.is_(None), Finding.deadline, Inspection.started_at)
    )
    tz = timefmt.zone()
    out: list[tuple[Inspection, Finding]] = []
    for insp, f in session.execute(q).all():
        day = timefmt.local_date(insp.started_at, tz)
        if (start is None or day >= start) and (end is None or day <= end):
            out.append((insp, f))
    return sorted(out, key=lambda p: (Severity(p[1].severity).rank, p[1].deadline or date.max))


def _open_notice(session: Session, code: str) -> RectNotice | None:
    """The branch's notice that still carries findings to close, if any (newest revision)."""
    rows = list(
        session.scalars(
            select(RectNotice)
            .where(RectNotice.origin == common.ISSUED, RectNotice.branch_code == code)
            .order_by(RectNotice.issued_at.desc(), RectNotice.revision.desc())
        )
    )
    for n in rows:
        for it in n.items:
            if it.superseded:
                continue
            cur = common.current_finding(session, it.inspection_uuid, it.item_id)
            if cur is not None and cur[1].status != FindingStatus.CLOSED:
                newest = max(r.revision for r in rows if r.uuid == n.uuid)
                return next(r for r in rows if r.uuid == n.uuid and r.revision == newest)
    return None


def _image_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as im:
        return im.size


@dataclass
class _Built:
    manifest: dict[str, Any]
    blobs: dict[str, bytes] = field(default_factory=dict)
    pairs: list[tuple[Inspection, Finding]] = field(default_factory=list)


def _build(
    session: Session,
    branch: Branch,
    pairs: list[tuple[Inspection, Finding]],
    *,
    notice_uuid: str,
    revision: int,
    number: str,
    deadline: date,
    start: date | None,
    end: date | None,
    actor: str,
    fingerprint: str,
) -> _Built:
    today = clock.local_today()
    tz = timefmt.zone()
    built = _Built(manifest={}, pairs=pairs)
    findings: list[dict[str, Any]] = []
    for insp, f in pairs:
        checklist = checklist_of(insp)
        item = checklist.item_index().get(f.item_id)
        answer = answers_of(insp).get(f.item_id)
        seen = answer_text(item, answer) if item is not None else None
        refs = []
        for p in photos.photos_of(insp, f.item_id):
            # Redactions and annotations burnt in, at display size: never the original.
            data = photo_variants.render(session, p, max_side=DISPLAY_SIDE)
            sha = hashlib.sha256(data).hexdigest()
            w, h = _image_size(data)
            built.blobs[sha] = data
            refs.append({"sha256": sha, "width": w, "height": h})
        state = FindingState.of(f.status, f.deadline, today)
        findings.append(
            {
                "inspection": insp.uuid,
                "inspected_on": timefmt.local_date(insp.started_at, tz).isoformat(),
                "item": f.item_id,
                "title": {
                    "zh": item.text.zh if item is not None else f.item_id,
                    "en": item.text.en if item is not None else f.item_id,
                },
                "seen": {"zh": seen.zh, "en": seen.en} if seen is not None else {},
                "note": answer.note if answer is not None else "",
                "action": f.action,
                "owner": f.owner,
                "deadline": (f.deadline or deadline).isoformat(),
                "severity": str(f.severity),
                "repeat": bool(f.repeat_of),
                "status": str(state),
                "returned_note": common.returned_note(session, insp.uuid, f.item_id),
                "photos": refs,
            }
        )
    built.manifest = {
        "format": NOTICE_FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": clock.now().isoformat(),
        "device_fingerprint": fingerprint,
        "notice": {
            "id": notice_uuid,
            "revision": revision,
            "number": number,
            "org": settings_svc.get_text(session, "org.name"),
            "issued_at": clock.now().isoformat(),
            "issued_by": actor,
            "deadline": deadline.isoformat(),
            "period_from": start.isoformat() if start else None,
            "period_to": end.isoformat() if end else None,
            "branch": {"code": branch.code, "name": branch.name},
        },
        "findings": findings,
    }
    return built


def issue(
    db: Database,
    branch_code: str,
    out_dir: Path,
    *,
    start: date | None = None,
    end: date | None = None,
    deadline: date | None = None,
    actor: str,
    lang: str = "zh",
    device: keys.DeviceKeys | None = None,
) -> IssuedNotice:
    """Issue (or re-issue) the branch's rectification notice into ``out_dir``."""
    out_dir = out_dir.expanduser()
    if not out_dir.is_dir():
        raise NotFoundError(T.NOTICE_FOLDER, folder=str(out_dir))
    today = clock.local_today()
    if deadline is not None and deadline < today:
        raise ValidationError(T.NOTICE_DEADLINE_PAST, day=deadline.isoformat(), today=today)
    device = device or keys.device_keys()
    with db.session() as s:
        branch = s.scalar(select(Branch).where(Branch.code == branch_code.strip()))
        if branch is None:
            raise NotFoundError(T.UNKNOWN_BRANCH, code=repr(branch_code))
        pairs = _candidates(s, branch, start, end)
        if not pairs:
            period = phrase(T.PERIOD, start=start or "…", end=end or "…") if start or end else ""
            raise ValidationError(T.NO_OPEN_FINDINGS, code=branch.code, period=period)
        previous = _open_notice(s, branch.code)
        if previous is not None:
            notice_uuid, revision, number = previous.uuid, previous.revision + 1, previous.number
        else:
            notice_uuid, revision = str(uuidlib.uuid4()), 1
            year = today.year
            number = f"消保整改〔{year}〕{common.next_number(s, year):03d}号"
        dated = [f.deadline for _, f in pairs if f.deadline is not None and f.deadline >= today]
        due = deadline or (max(dated) if dated else today + timedelta(days=DEFAULT_DAYS))
        built = _build(
            s,
            branch,
            pairs,
            notice_uuid=notice_uuid,
            revision=revision,
            number=number,
            deadline=due,
            start=start,
            end=end,
            actor=actor,
            fingerprint=device.fingerprint,
        )
        members = {f"blobs/{sha}": b for sha, b in sorted(built.blobs.items())}
        data = write_container(built.manifest, members, device, NoticeManifest.model_validate)
        manifest = NoticeManifest.model_validate(built.manifest)
        pdf = R.render_notice(_report(manifest, built.blobs, device.fingerprint), lang=lang)
        # write_container filled in the members: these are the signed manifest bytes.
        sha = hashlib.sha256(canonical_bytes(built.manifest)).hexdigest()
        superseded = _record(s, manifest, sha, branch, pairs, actor=actor, device=device)
    stem = _stem(branch_code, notice_uuid, revision)
    # Recorded first, then written: a notice file always names a notice HQ knows. A crash
    # in between leaves a recorded notice without a file; issuing again makes the next
    # revision, which supersedes it.
    notice_path = write_atomic(out_dir / f"{stem}{NOTICE_SUFFIX}", data)
    pdf_path = write_atomic(out_dir / f"{stem}.pdf", pdf)
    log.info("issued notice %s r%d: %d findings", notice_uuid, revision, len(pairs))
    return IssuedNotice(
        uuid=notice_uuid,
        revision=revision,
        number=number,
        branch_code=branch.code,
        branch_name=branch.name,
        deadline=due,
        findings=len(pairs),
        superseded=superseded,
        notice_path=notice_path,
        pdf_path=pdf_path,
        fingerprint=device.fingerprint,
    )


def _record(
    s: Session,
    m: NoticeManifest,
    sha: str,
    branch: Branch,
    pairs: list[tuple[Inspection, Finding]],
    *,
    actor: str,
    device: keys.DeviceKeys,
) -> int:
    """Store the issued notice and supersede the earlier carriage of its findings."""
    row = RectNotice(
        uuid=m.notice.id,
        revision=m.notice.revision,
        origin=common.ISSUED,
        number=m.notice.number,
        branch_code=branch.code,
        branch_name=branch.name,
        issued_at=m.notice.issued_at,
        issued_by=actor,
        deadline=m.notice.deadline,
        signer=device.fingerprint,
        package_sha256=sha,
        content=_content(m),
    )
    s.add(row)
    superseded = _supersede(s, row, [(f.inspection, f.item, f.deadline) for f in m.findings])
    s.flush()
    audit.record(
        s,
        actor=actor,
        entity="notice",
        action="issue",
        key=m.notice.id,
        new={
            "revision": m.notice.revision,
            "number": m.notice.number,
            "branch": branch.code,
            "deadline": m.notice.deadline.isoformat(),
            "findings": [f"{f.inspection}:{f.item}" for f in m.findings],
        },
    )
    for insp, f in pairs:
        audit.record(
            s,
            actor=actor,
            entity="finding",
            action="notice",
            key=f.item_id,
            new={
                "notice": m.notice.id,
                "revision": m.notice.revision,
                "number": m.notice.number,
                "deadline": m.notice.deadline.isoformat(),
            },
            inspection=insp,
        )
    return superseded


def _content(m: NoticeManifest) -> dict[str, Any]:
    return m.model_dump(mode="json", exclude={"members"})


def _supersede(s: Session, row: RectNotice, carried: list[tuple[str, str, date]]) -> int:
    """Add ``row``'s items; earlier items for the same findings (same origin) become
    superseded, as do ``row``'s own when a newer revision already carries them."""
    n = 0
    for insp_uuid, item_id, deadline in carried:
        item = RectItem(inspection_uuid=insp_uuid, item_id=item_id, deadline=deadline)
        others = s.scalars(
            select(RectItem)
            .join(RectNotice, RectNotice.id == RectItem.notice_id)
            .where(
                RectItem.inspection_uuid == insp_uuid,
                RectItem.item_id == item_id,
                RectNotice.origin == row.origin,
                RectItem.superseded.is_(False),
            )
        )
        for other in others:
            if other.notice.uuid == row.uuid and other.notice.revision > row.revision:
                item.superseded = True  # an older revision opened after a newer one
            else:
                other.superseded = True
                n += 1
        row.items.append(item)
    return n


def _report(m: NoticeManifest, blobs: dict[str, bytes], fingerprint: str) -> R.NoticeReport:
    return R.NoticeReport(
        uuid=m.notice.id,
        revision=m.notice.revision,
        number=m.notice.number,
        org=m.notice.org,
        branch_code=m.notice.branch.code,
        branch_name=m.notice.branch.name,
        issued_on=timefmt.local_date(m.notice.issued_at, timefmt.zone()),
        deadline=m.notice.deadline,
        period_from=m.notice.period_from,
        period_to=m.notice.period_to,
        fingerprint=fingerprint,
        findings=[
            R.NoticeFinding(
                title=R.Bi(f.title.zh, f.title.en),
                seen=R.Bi(f.seen.zh, f.seen.en),
                note=f.note,
                action=f.action,
                owner=f.owner,
                deadline=f.deadline,
                severity=f.severity,
                repeat=f.repeat,
                overdue=f.status == FindingState.OVERDUE,
                returned_note=f.returned_note,
                inspected_on=f.inspected_on,
                photos=[blobs[p.sha256] for p in f.photos],
            )
            for f in m.findings
        ],
    )


def notice_pdf(db: Database, ref: str, *, lang: str = "zh") -> tuple[str, bytes]:
    """The PDF of a stored notice's newest revision (at HQ or the branch): (stem, bytes)."""
    with db.read_session() as s:
        rows = common.notice_revisions(s, ref)
        n = rows[-1]
        m = NoticeManifest.model_validate({**n.content, "members": []})
        blobs = {p.sha256: photos.blob_bytes(s, p.sha256) for f in m.findings for p in f.photos}
        return _stem(n.branch_code, n.uuid, n.revision), R.render_notice(
            _report(m, blobs, n.signer), lang=lang
        )


# ---------------------------------------------------------------- branch: open a notice
@dataclass(frozen=True)
class OpenedNotice:
    uuid: str
    revision: int
    number: str
    branch_code: str
    branch_name: str
    deadline: date
    fingerprint: str
    pin_source: str
    newly_pinned: bool
    already_opened: bool
    findings: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.uuid,
            "revision": self.revision,
            "number": self.number,
            "branch": self.branch_code,
            "deadline": self.deadline.isoformat(),
            "signer": self.fingerprint,
            "pinned_by": self.pin_source,
            "newly_pinned": self.newly_pinned,
            "already_opened": self.already_opened,
            "findings": self.findings,
        }


def open_file(
    db: Database, path: Path, *, expect_fingerprint: str | None = None, actor: str = ""
) -> OpenedNotice:
    """Verify a ``.notice`` file against HQ's pinned key and store it; nothing is stored
    when anything is wrong."""
    try:
        raw = read_bounded(path, DEFAULT_LIMITS.max_file_bytes, "notice")
    except FileAccessError as e:
        raise PackageError(TX.CAUSE, cause=e.problem) from None
    return open_bytes(db, raw, expect_fingerprint=expect_fingerprint, actor=actor, name=path.name)


def open_bytes(
    db: Database,
    raw: bytes,
    *,
    expect_fingerprint: str | None = None,
    actor: str = "",
    name: str = "",
) -> OpenedNotice:
    device = keys.device_keys() if keys.is_encrypted(raw) else None
    m, v = read_notice(raw, device=device)
    for f in m.findings:
        for p in f.photos:
            _check_image(v.blobs[p.sha256], f.item, p.sha256)
    with db.session() as s:
        pinned = hqkey.check_signer(s, v.public, expect=expect_fingerprint, actor=actor)
        existing = s.scalar(
            select(RectNotice).where(
                RectNotice.uuid == m.notice.id, RectNotice.revision == m.notice.revision
            )
        )
        already = existing is not None
        if existing is not None and existing.package_sha256 != v.sha256:
            raise PackageError(T.NOTICE_CONFLICT, notice=m.notice.id, revision=m.notice.revision)
        if existing is None:
            for b in v.blobs.values():
                photos.store_blob(s, b)
            row = RectNotice(
                uuid=m.notice.id,
                revision=m.notice.revision,
                origin=common.RECEIVED,
                number=m.notice.number,
                branch_code=m.notice.branch.code,
                branch_name=m.notice.branch.name,
                issued_at=m.notice.issued_at,
                issued_by=m.notice.issued_by,
                deadline=m.notice.deadline,
                signer=v.fingerprint,
                package_sha256=v.sha256,
                content=_content(m),
            )
            s.add(row)
            _supersede(s, row, [(f.inspection, f.item, f.deadline) for f in m.findings])
            s.flush()
            audit.record(
                s,
                actor=actor,
                entity="notice",
                action="open",
                key=m.notice.id,
                new={
                    "revision": m.notice.revision,
                    "number": m.notice.number,
                    "signer": v.fingerprint,
                    "pinned_by": str(pinned.source),
                },
            )
    return OpenedNotice(
        uuid=m.notice.id,
        revision=m.notice.revision,
        number=m.notice.number,
        branch_code=m.notice.branch.code,
        branch_name=m.notice.branch.name,
        deadline=m.notice.deadline,
        fingerprint=v.fingerprint,
        pin_source=str(pinned.source),
        newly_pinned=pinned.newly,
        already_opened=already,
        findings=[
            {
                "inspection": f.inspection,
                "item": f.item,
                "title": f.title.model_dump(),
                "deadline": f.deadline.isoformat(),
                "severity": str(f.severity),
                "repeat": f.repeat,
                "status": f.status,
            }
            for f in m.findings
        ],
    )


def _check_image(data: bytes, item: str, sha: str) -> None:
    """HQ's picture decodes (the branch shows and prints it)."""
    try:
        decode(data, "notice photo", fit=DISPLAY_SIDE)
    except UserError as e:
        raise PackageError(T.PHOTO_FAILS, item=item, photo=sha[:12], cause=e) from None


def branches_to_notify(db: Database) -> list[tuple[str, str, int]]:
    """(code, name, findings) of the branches with findings to rectify (open, overdue or
    returned) in current finalized inspections: whom a notice could go to."""
    with db.read_session() as s:
        rows = s.execute(
            select(Branch.code, Branch.name, func.count(Finding.id))
            .join(Inspection, Inspection.branch_id == Branch.id)
            .join(Finding, Finding.inspection_id == Inspection.id)
            .where(
                Inspection.is_current.is_(True),
                Inspection.status == InspectionStatus.FINALIZED,
                Finding.active.is_(True),
                Finding.status.in_((FindingStatus.OPEN, FindingStatus.RETURNED)),
            )
            .group_by(Branch.code, Branch.name)
            .order_by(Branch.code)
        ).all()
        return [(str(c), str(n), int(k)) for c, n, k in rows]
