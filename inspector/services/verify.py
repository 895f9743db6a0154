"""Stored evidence that no longer verifies: checklist snapshots and photo blobs.

Every checklist snapshot and every blob is named by the SHA-256 of its content. A
changed byte in the database (a damaged disk page, an edit with an SQLite tool) breaks
that link: the report would show evidence other than what was recorded. ``hq
integrity`` adds these findings to its photo flags, one per inspection and object.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.checklists import SnapshotDamagedError, checklist_from_json
from inspector.db.models import Blob, Branch, ChecklistSnapshot, Inspection, Photo
from inspector.services.hq import scope as hq_scope
from inspector.services.hq.rows import HqFilter, IntegrityFlag
from inspector.text import Text
from inspector.text import hq as T

log = logging.getLogger(__name__)

SNAPSHOT_DAMAGED = "snapshot_damaged"
BLOB_DAMAGED = "blob_damaged"
BLOB_MISSING = "blob_missing"


def _damaged_snapshots(session: Session, snapshot_ids: list[int]) -> dict[int, str]:
    """snapshot id -> why it does not verify, for the given snapshots."""
    out: dict[int, str] = {}
    for sid, sha, content in session.execute(
        select(ChecklistSnapshot.id, ChecklistSnapshot.sha256, ChecklistSnapshot.content).where(
            ChecklistSnapshot.id.in_(snapshot_ids)
        )
    ):
        try:
            checklist_from_json(content, sha)
        except SnapshotDamagedError as e:
            out[sid] = str(e).split(";")[0]
    return out


def _bad_blobs(session: Session, shas: set[str]) -> Iterator[tuple[str, Text, dict[str, object]]]:
    """(sha256, reason, its fields) for each of ``shas`` that is missing or whose bytes
    changed."""
    found: set[str] = set()
    wanted = sorted(shas)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        q = (
            select(Blob.sha256, Blob.size, Blob.data)
            .where(Blob.sha256.in_(chunk))
            .execution_options(yield_per=50)
        )
        for sha, size, data in session.execute(q):
            found.add(sha)
            actual = hashlib.sha256(data).hexdigest()
            if actual != sha:
                yield sha, T.BLOB_HASH, {"actual": actual[:12], "expected": sha[:12]}
            elif size != len(data):
                yield sha, T.BLOB_SIZE, {"size": size, "held": len(data)}
    for sha in wanted:
        if sha not in found:
            yield sha, T.BLOB_GONE, {}


def stored_integrity(session: Session, flt: HqFilter) -> list[IntegrityFlag]:
    """Inspections (chosen by ``flt``) whose snapshot or photo blobs no longer verify.

    Drafts are checked too, whatever the filter says: damaged evidence is damaged evidence.
    """
    conds = hq_scope.conditions(dataclasses.replace(flt, include_drafts=True))
    out: list[IntegrityFlag] = []
    rows = session.execute(
        select(Inspection.uuid, Inspection.snapshot_id, Branch.code, Branch.name)
        .join(Branch, Branch.id == Inspection.branch_id)
        .where(*conds)
        .order_by(Inspection.started_at)
    ).all()
    damaged = _damaged_snapshots(session, sorted({r.snapshot_id for r in rows}))
    sha_of = {
        sid: sha
        for sid, sha in session.execute(
            select(ChecklistSnapshot.id, ChecklistSnapshot.sha256).where(
                ChecklistSnapshot.id.in_(damaged)
            )
        )
    }
    for r in rows:
        if r.snapshot_id in damaged:
            out.append(
                IntegrityFlag(
                    SNAPSHOT_DAMAGED,
                    sha_of[r.snapshot_id],
                    r.uuid,
                    r.code,
                    r.name,
                    "",
                    None,
                    T.SNAPSHOT_DETAIL("en", reason=damaged[r.snapshot_id]),
                    detail_zh=T.SNAPSHOT_DETAIL("zh", reason=damaged[r.snapshot_id]),
                )
            )
    # Every blob a selected inspection's photos refer to, and who refers to it.
    users: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    photo_rows = session.execute(
        select(
            Photo.original_sha256,
            Photo.display_sha256,
            Photo.thumb_sha256,
            Photo.rendered_sha256,
            Photo.item_id,
            Inspection.uuid,
            Branch.code,
            Branch.name,
        )
        .join(Inspection, Inspection.id == Photo.inspection_id)
        .join(Branch, Branch.id == Inspection.branch_id)
        .where(*conds)
    )
    for p in photo_rows:
        for sha in {p.original_sha256, p.display_sha256, p.thumb_sha256, p.rendered_sha256}:
            if sha:
                users[sha].append((p.uuid, p.code, p.name, p.item_id))
    for sha, reason, fields in _bad_blobs(session, set(users)):
        kind = BLOB_MISSING if reason is T.BLOB_GONE else BLOB_DAMAGED
        for uuid, code, name, item in sorted(set(users[sha])):
            out.append(
                IntegrityFlag(
                    kind,
                    sha,
                    uuid,
                    code,
                    name,
                    item,
                    None,
                    T.BLOB_DETAIL("en", reason=reason.render("en", **fields)),
                    detail_zh=T.BLOB_DETAIL("zh", reason=reason.render("zh", **fields)),
                )
            )
    log.info("stored integrity: %d problem(s) over %d inspections", len(out), len(rows))
    return out
