"""``inspector install FILE.hqpack``: a laptop takes what HQ published, all or nothing.

The pack is verified completely first (:func:`~inspector.services.publish.pack.read_pack`),
then, in one transaction: HQ's key is pinned on the first install (the caller shows the
fingerprint for the user to confirm, or checks ``--expect-fingerprint``); a later pack must
be signed by the pinned key and carry a higher sequence; a pack signed by the pinned key may
hand HQ over to a new key (``next_key``). Then the checklist versions, withdrawals, branch
list, settings and plan are stored, and the pack is recorded. Any refusal or failure
leaves the database as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inspector.db import Database
from inspector.db.models import Setting, utcnow
from inspector.db.publish_models import HqChecklist, HqPack, PlanLine
from inspector.errors import ValidationError
from inspector.services import audit, branches
from inspector.services import settings as settings_svc
from inspector.services.inspections import snapshot_from_content
from inspector.services.publish import catalog
from inspector.services.publish.pack import PackError, VerifiedPack, read_pack
from inspector.text import publish as T

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pin:
    """The HQ key this installation accepts packs from, and the last pack installed."""

    sequence: int
    fingerprint: str
    public_file: bytes
    signer: str
    installed_at: datetime
    file_name: str
    summary: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "hq_fingerprint": self.fingerprint,
            "signed_by": self.signer,
            "installed_at": self.installed_at.isoformat(),
            "file": self.file_name,
            "contents": self.summary,
        }


def current_pin(session: Session) -> Pin | None:
    row = session.scalar(select(HqPack).order_by(HqPack.sequence.desc()).limit(1))
    if row is None:
        return None
    return Pin(
        sequence=row.sequence,
        fingerprint=row.pinned_fingerprint,
        public_file=row.pinned_public,
        signer=row.hq_fingerprint,
        installed_at=row.installed_at,
        file_name=row.file_name,
        summary=dict(row.summary or {}),
    )


def status(db: Database) -> Pin | None:
    with db.read_session() as s:
        return current_pin(s)


def hq_public_file(db: Database) -> bytes | None:
    """HQ's public key file (signing + X25519) when a pack is installed: exports are
    sealed for it by default."""
    pin = status(db)
    return pin.public_file if pin is not None else None


@dataclass(frozen=True)
class Installed:
    sequence: int
    fingerprint: str
    first: bool
    pinned: str
    summary: dict[str, Any]
    branches: dict[str, int] | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "hq_fingerprint": self.fingerprint,
            "first_install": self.first,
            "pinned_fingerprint": self.pinned,
            "contents": self.summary,
            "branches": self.branches,
        }


def check(pack: VerifiedPack, pin: Pin | None, expect: str | None) -> None:
    """Refuse a pack this installation must not install (nothing is changed)."""
    fp = pack.fingerprint
    if expect is not None and expect.strip().lower() != fp:
        raise PackError(T.INSTALL_NOT_EXPECTED, signer=fp, expected=expect.strip())
    if pin is None:
        return
    if fp != pin.fingerprint:
        raise PackError(T.INSTALL_FOREIGN_KEY, signer=fp, pinned=pin.fingerprint)
    if pack.sequence <= pin.sequence:
        if pack.sequence == pin.sequence:
            raise PackError(T.INSTALL_SAME, sequence=pack.sequence)
        raise PackError(T.INSTALL_OLD, sequence=pack.sequence, installed=pin.sequence)


def install(
    db: Database,
    data: bytes,
    *,
    file_name: str = "",
    expect_fingerprint: str | None = None,
    confirm_first: Callable[[str], bool] | None = None,
    actor: str = "",
    before_commit: Callable[[], None] | None = None,
) -> Installed:
    """Verify and install an HQ pack in one transaction.

    ``confirm_first(fingerprint)`` is asked on the first install (no key pinned yet) unless
    ``expect_fingerprint`` already names the key; False refuses. ``before_commit`` is a test
    hook (the kill -9 test stops the process there).
    """
    pack = read_pack(data)
    with db.read_session() as s:
        pin = current_pin(s)
    check(pack, pin, expect_fingerprint)
    first = pin is None
    asks = first and expect_fingerprint is None and confirm_first is not None
    if asks and confirm_first is not None and not confirm_first(pack.fingerprint):
        raise ValidationError(T.INSTALL_NOT_CONFIRMED)
    with db.session() as s:
        # Checked again inside the transaction: another install may have won meanwhile.
        check(pack, current_pin(s), expect_fingerprint)
        counts = _apply(s, pack, actor)
        pinned_public = pack.next_public or pack.public
        s.add(
            HqPack(
                sequence=pack.sequence,
                hq_fingerprint=pack.fingerprint,
                pinned_fingerprint=pinned_public.fingerprint,
                pinned_public=pinned_public.to_file_bytes(),
                package_sha256=pack.package_sha256,
                file_name=file_name[:400],
                created_at=pack.manifest.created_at,
                installed_at=utcnow(),
                installed_by=actor,
                summary=pack.summary(),
            )
        )
        audit.record(
            s,
            actor=actor,
            entity="hq_pack",
            action="install",
            key=str(pack.sequence),
            new={**pack.summary(), "file": file_name},
        )
        s.flush()
        if before_commit is not None:
            before_commit()
    log.info("installed HQ pack %s from %s", pack.sequence, pack.fingerprint)
    return Installed(
        sequence=pack.sequence,
        fingerprint=pack.fingerprint,
        first=first,
        pinned=pinned_public.fingerprint,
        summary=pack.summary(),
        branches=counts,
    )


def _apply(s: Session, pack: VerifiedPack, actor: str) -> dict[str, int] | None:
    m = pack.manifest
    now = utcnow()
    for checklist, text, sha in pack.checklists:
        snap = snapshot_from_content(s, text, sha)
        row = s.get(HqChecklist, checklist.id)
        if row is None:
            row = HqChecklist(checklist_id=checklist.id)
            s.add(row)
        row.version = checklist.version
        row.snapshot_id = snap.id
        row.withdrawn = False
        row.pack_sequence = m.sequence
        row.hq_fingerprint = pack.fingerprint
        row.installed_at = now
    for checklist_id in m.withdrawn:
        row = s.get(HqChecklist, checklist_id)
        if row is None:
            row = HqChecklist(checklist_id=checklist_id, version=None, snapshot_id=None)
            s.add(row)
        row.withdrawn = True
        row.pack_sequence = m.sequence
        row.hq_fingerprint = pack.fingerprint
        row.installed_at = now
    counts: dict[str, int] | None = None
    if m.branches is not None:
        summary = branches.upsert(s, [b.model_dump() for b in m.branches], actor)
        counts = {
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
        }
    if m.settings is not None:
        settings_svc.set_value(s, "org.name", m.settings.org_name or "", actor=actor)
        settings_svc.set_value(s, "display.tz", m.settings.display_tz or "", actor=actor)
        row_logo = s.get(Setting, "org.logo")
        if pack.logo is None:
            if row_logo is not None:
                s.delete(row_logo)
        else:
            if row_logo is None:
                row_logo = Setting(key="org.logo")
                s.add(row_logo)
            row_logo.value = "hq-logo.png"
            row_logo.data = pack.logo
            row_logo.updated_at = now
            row_logo.updated_by = actor
    if m.plan is not None:
        # Every line must be startable here: a checklist this pack or an earlier one
        # installed, or a shipped one, and not withdrawn.
        s.flush()
        usable = {e.id for e in catalog.entries(s)[0] if not e.withdrawn}
        for p in m.plan:
            if p.checklist not in usable:
                raise PackError(T.INSTALL_PLAN_CHECKLIST, line=p.line, checklist=p.checklist)
        s.execute(delete(PlanLine))
        s.add_all(
            PlanLine(
                pack_sequence=m.sequence,
                line=p.line,
                branch_code=p.branch,
                checklist_id=p.checklist,
                mode=p.mode,
                scenario=p.scenario,
                wave=p.wave,
                due=p.due,
                assignee=p.assignee,
            )
            for p in m.plan
        )
    return counts
