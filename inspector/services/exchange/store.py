"""Writing a verified package's revision: the inspection and every row it owns, as plain
Core inserts (executemany, no ORM bookkeeping per row), blobs shared by content.

The importer (:mod:`.importer`) decides whether and how a package is stored; this module
writes it, in the importer's transaction.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any, cast

from sqlalchemy import JSON, Insert, Table, bindparam, insert, select
from sqlalchemy.orm import Session

from inspector.db.models import Answer as AnswerRow
from inspector.db.models import (
    AuditEntry,
    Blob,
    ChecklistSnapshot,
    Finding,
    ImportRecord,
    Inspection,
    InspectionOwner,
    Photo,
    SectionScoreRow,
    scenario_of,
    utcnow,
    wave_of,
)
from inspector.domain import numbers
from inspector.domain.answers import Answer
from inspector.domain.checklist import Checklist, Mode, Result
from inspector.domain.states import Origin
from inspector.errors import UserError
from inspector.services import photos
from inspector.services.exchange.manifest_schema import PhotoData
from inspector.services.exchange.package_format import PackageError, VerifiedPackage
from inspector.services.inspections.scoring import score_for
from inspector.services.inspections.snapshots import snapshot_from_content
from inspector.text import exchange as T

log = logging.getLogger(__name__)


def core_table(model: type[Any]) -> Table:
    """A model's Core table: plain executemany, without the ORM's per-row bookkeeping."""
    return cast(Table, model.__table__)


def actor_of(s: Session) -> str:
    """Who the session acts for (the import's ``actor``), for the audit entries."""
    return str(s.info.get("actor", ""))


# Built once: building and keying a statement costs SQLAlchemy more than running it.
_I, _S = core_table(Inspection), core_table(ChecklistSnapshot)
_SNAPSHOT = select(_S.c.id).where(_S.c.sha256 == bindparam("sha256"))
INSERT_INSPECTION = insert(_I).returning(_I.c.id)
INSERT: dict[type[Any], Insert] = {
    model: insert(core_table(model))
    for model in (SectionScoreRow, Finding, AuditEntry, ImportRecord, InspectionOwner)
}
# Answer values and photo layers were validated by the manifest's schema, with the very
# types the columns check (StoredValue; Layers, stored form): written as the JSON they
# are, not validated a second time per row by the column's type.
INSERT[AnswerRow] = insert(core_table(AnswerRow)).values(value=bindparam("value", type_=JSON()))
INSERT[Photo] = insert(core_table(Photo)).values(layers=bindparam("layers", type_=JSON()))


def blob_insert(s: Session) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING: blobs are shared by content, never overwritten."""
    return _blob_insert_for(s.get_bind().dialect.name)


@cache
def _blob_insert_for(dialect: str) -> Any:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(core_table(Blob)).on_conflict_do_nothing(index_elements=["sha256"])
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(core_table(Blob)).on_conflict_do_nothing(index_elements=["sha256"])


def add_withheld(s: Session, insp: Inspection, p: PhotoData, rendered: bytes) -> None:
    """A redacted photo: the photo service decodes the rendering and derives its images."""
    meta = p.model_dump(
        mode="json", exclude={"withheld", "image_sha256", "display_sha256", "thumb_sha256"}
    )
    meta["layers"] = p.stored_layers()
    try:
        photos.add_withheld(
            s, insp, p.item_id, original_sha256=p.sha256, rendered=rendered, meta=meta
        )
    except UserError as e:
        raise PackageError(T.PHOTO_CAUSE, photo=p.id, cause=e) from None


def insert_revision(
    s: Session,
    pkg: VerifiedPackage,
    checklist: Checklist,
    branch_id: int,
    *,
    trusted: bool,
    current: bool,
) -> int:
    """Insert the revision and everything it owns; returns the new inspection's id."""
    m = pkg.manifest
    i = m.inspection
    snap_id = s.connection().execute(_SNAPSHOT, {"sha256": m.checklist.sha256}).scalar()
    if snap_id is None:  # the first package of this checklist (the content is not loaded)
        snap_id = snapshot_from_content(s, m.checklist.content, m.checklist.sha256).id
    answers = {
        a.item_id: Answer(result=Result(a.result) if a.result else None, value=a.value, note=a.note)
        for a in m.answers
    }
    # HQ scores with its own engine and the package's checklist; a device's claimed score
    # is not taken on trust. The visit facts go in too: the scenario decides which items
    # a mystery-shopper checklist shows.
    result = score_for(checklist, Mode(i.mode), answers, i.visit.stored())
    now = utcnow()
    signature = pkg.blobs.get(i.manager_signature_sha256) if i.manager_signature_sha256 else None
    conn = s.connection()
    iid = conn.execute(
        INSERT_INSPECTION,
        {
            "uuid": i.uuid,
            "revision": i.revision,
            "supersedes_revision": i.supersedes,
            "amendment_reason": i.amendment_reason,
            "is_current": current,
            "mode": i.mode,
            "status": i.status,
            "branch_id": branch_id,
            "snapshot_id": snap_id,
            "inspector": i.inspector,
            "created_at": i.created_at,
            "started_at": i.started_at,
            "updated_at": i.updated_at,
            "finalized_at": i.finalized_at,
            "finalized_by": i.finalized_by,
            "visit": i.visit.stored(),
            "wave": wave_of(i.visit.stored()),  # a bulk insert: the ORM hook does not run
            "scenario": scenario_of(i.visit.stored()),
            "narrative": i.narrative,
            "manager_name": i.manager_name,
            "manager_signature": signature,
            "recheck_of": i.recheck_of,
            "score_total": numbers.stored(result.total),
            "grade": result.grade,
            "passed": result.passed,
            "veto_failed": len(result.veto_failed),
            "origin": Origin.IMPORTED,
            "device_fingerprint": pkg.fingerprint,
            "trusted": trusted,
            "content_sha256": pkg.content_sha256,
            "imported_at": now,
        },
    ).scalar_one()
    if m.answers:
        conn.execute(
            INSERT[AnswerRow],
            [
                {
                    "inspection_id": iid,
                    "item_id": a.item_id,
                    "result": a.result,
                    "value": a.value,
                    "note": a.note,
                    "answered_by": a.answered_by,
                    "updated_at": a.updated_at,
                }
                for a in m.answers
            ],
        )
    if result.sections:
        conn.execute(
            INSERT[SectionScoreRow],
            [
                {
                    "inspection_id": iid,
                    "section_id": sid,
                    "area": sec.area,
                    "weight": sec.weight,
                    "earned": sec.earned,
                    "possible": sec.possible,
                    "percent": sec.percent,
                }
                for sid, sec in result.sections.items()
            ],
        )
    if m.findings:
        conn.execute(
            INSERT[Finding],
            [{"inspection_id": iid, **f.model_dump()} for f in m.findings],
        )
    if pkg.blobs:
        conn.execute(
            blob_insert(s),
            [{"sha256": sha, "size": len(b), "data": b} for sha, b in pkg.blobs.items()],
        )
    plain = [p for p in m.photos if not p.withheld]
    if plain:
        conn.execute(
            INSERT[Photo],
            [
                {
                    **p.model_dump(exclude={"withheld", "image_sha256", "layers"}),
                    "layers": p.stored_layers(),
                    "inspection_id": iid,
                    "original_sha256": p.image_sha256,
                    "rendered_sha256": None,
                }
                for p in plain
            ],
        )
    withheld = [p for p in m.photos if p.withheld]
    if withheld:
        insp = s.get_one(Inspection, iid)
        for p in withheld:
            add_withheld(s, insp, p, pkg.blobs[p.image_sha256])
    audit_rows = [{"inspection_uuid": i.uuid, **e.model_dump()} for e in m.audit]
    audit_rows.append(
        {
            "inspection_uuid": i.uuid,
            "revision": i.revision,
            "at": now,
            "actor": actor_of(s),
            "entity": "inspection",
            "key": i.uuid,
            "action": "import",
            "old": None,
            "new": {"device": pkg.fingerprint, "trusted": trusted, "current": current},
        }
    )
    conn.execute(INSERT[AuditEntry], audit_rows)
    return int(iid)
