"""Import and merge at HQ: verify each package completely, then write it in one transaction.

Outcomes per package (the receipt's five lists, which add up to the packages read):

* ``imported``: a revision HQ did not have (the newest becomes current; an older one that
  arrives late is stored as a non-current revision, so arrival order does not matter);
* ``updated``: a newer revision of an inspection HQ had; it becomes current, the old one
  stays as history;
* ``duplicates``: HQ already holds this revision with identical content; nothing changes;
* ``conflicts``: HQ holds this revision with *different* content; refused, both hashes
  reported (never a silent overwrite); or a trusted device without amend rights sent a
  revision of an inspection another device owns (both fingerprints reported);
* ``rejected``: the package failed verification or policy (``--trusted-only``; a revision
  from an untrusted device that does not own the inspection; a revision that would move
  the inspection to another branch or mode; a revision number skipping ahead from a device
  that is not the owner), or reading it failed in any other way.

Ownership: the signer of the first revision a database receives owns the inspection
(``inspection_owners``; this installation's key for inspections made here); see
docs/package-format.md, "Who may change an inspection".

Deduplication rests on the database's unique constraint on (uuid, revision), not on the
look-up before the insert: when several imports race, the loser's transaction fails with
an IntegrityError, is rolled back as a whole, and the package is classified again against
what the winner committed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

from sqlalchemy import JSON, Insert, Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from inspector.db import Database
from inspector.db import errors as db_errors
from inspector.db.models import (
    Answer as AnswerRow,
)
from inspector.db.models import (
    AuditEntry,
    Blob,
    Branch,
    ChecklistSnapshot,
    Finding,
    ImportRecord,
    Inspection,
    InspectionOwner,
    Photo,
    SectionScoreRow,
    utcnow,
    wave_of,
)
from inspector.db.statistics import refresh_if_needed
from inspector.domain import numbers
from inspector.domain.answers import Answer
from inspector.domain.checklist import Checklist, Mode, Result
from inspector.domain.states import ImportOutcome, InspectionStatus, Origin
from inspector.errors import UserError
from inspector.files import FileAccessError, read_bounded
from inspector.services import audit, keys, photos
from inspector.services.exchange.content_check import check_content
from inspector.services.exchange.manifest_schema import PhotoData
from inspector.services.exchange.package_format import (
    DEFAULT_LIMITS,
    REASON_ERROR,
    SUFFIX,
    Limits,
    PackageError,
    VerifiedPackage,
    read_package,
)
from inspector.services.hq import repeats as hq_repeats
from inspector.services.inspections.scoring import score_for
from inspector.services.inspections.snapshots import snapshot_from_content
from inspector.text import Message
from inspector.text import exchange as T

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
MAX_ATTEMPTS = 5


def _table(model: type[Any]) -> Table:
    """A model's Core table: plain executemany, without the ORM's per-row bookkeeping."""
    return cast(Table, model.__table__)


# ---------------------------------------------------------------- statements, built once
# Building and keying a statement costs SQLAlchemy several times what running it costs;
# an import runs each of these once or more per package, so each is built once, with its
# values as parameters.
_I, _B, _S = _table(Inspection), _table(Branch), _table(ChecklistSnapshot)
_REVISIONS = (
    select(
        _I.c.id,
        _I.c.revision,
        _I.c.is_current,
        _I.c.origin,
        _I.c.content_sha256,
        _I.c.device_fingerprint,
        _I.c.mode,
        _B.c.code,
        _S.c.checklist_id,
    )
    .join(_B, _B.c.id == _I.c.branch_id)
    .join(_S, _S.c.id == _I.c.snapshot_id)
    .where(_I.c.uuid == bindparam("uuid"))
    .order_by(_I.c.revision)
)
_OWNER = select(_table(InspectionOwner).c.fingerprint).where(
    _table(InspectionOwner).c.uuid == bindparam("uuid")
)
_NOT_CURRENT = update(_I).where(_I.c.id == bindparam("revision_id")).values(is_current=False)
_BRANCH = select(_B.c.id, _B.c.name).where(_B.c.code == bindparam("code"))
_SNAPSHOT = select(_S.c.id).where(_S.c.sha256 == bindparam("sha256"))
_PHOTO_CLASH = (
    select(_table(Photo).c.id, _I.c.uuid, _I.c.revision)
    .join(_I, _I.c.id == _table(Photo).c.inspection_id)
    .where(_table(Photo).c.id.in_(bindparam("ids", expanding=True)))
    .limit(1)
)
_FAILED_ITEMS = (
    select(_table(Finding).c.item_id)
    .where(_table(Finding).c.inspection_id == bindparam("inspection_id"))
    .distinct()
)
_INSERT_INSPECTION = insert(_I).returning(_I.c.id)
_INSERT: dict[type[Any], Insert] = {
    model: insert(_table(model))
    for model in (SectionScoreRow, Finding, AuditEntry, ImportRecord, InspectionOwner)
}
# Answer values and photo layers were validated by the manifest's schema, with the very
# types the columns check (StoredValue; Layers, stored form): written as the JSON they
# are, not validated a second time per row by the column's type.
_INSERT[AnswerRow] = insert(_table(AnswerRow)).values(value=bindparam("value", type_=JSON()))
_INSERT[Photo] = insert(_table(Photo)).values(layers=bindparam("layers", type_=JSON()))


def _reason(message: Message, /, **fields: object) -> dict[str, Any]:
    """The ``reason`` (English, for the CLI and --json) and the error behind it."""
    error = UserError(message, **fields)
    return {"reason": str(error), REASON_ERROR: error}


@dataclass
class Receipt:
    """What an import did, one entry per package read."""

    imported: list[dict[str, Any]] = field(default_factory=list)
    updated: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(x) for x in self._lists())

    @property
    def ok(self) -> bool:
        """True when nothing was rejected or in conflict (the CLI's exit status 0)."""
        return not self.rejected and not self.conflicts

    def _lists(self) -> tuple[list[dict[str, Any]], ...]:
        return (self.imported, self.updated, self.duplicates, self.conflicts, self.rejected)

    def add(self, outcome: ImportOutcome, entry: dict[str, Any]) -> None:
        getattr(self, ImportOutcome(outcome)).append(entry)

    def to_dict(self, *, errors: bool = False) -> dict[str, Any]:
        """The receipt as JSON data; ``errors=True`` keeps each reason's error object (under
        ``reason_error``, not JSON) for the app to show in its own language."""

        def entries(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            if errors:
                return list(rows)
            return [{k: v for k, v in r.items() if k != REASON_ERROR} for r in rows]

        # One key per outcome, in the enum's order (the --json contract), then the counts.
        lists: dict[str, list[dict[str, Any]]] = {o.value: getattr(self, o) for o in ImportOutcome}
        return {
            **{k: entries(v) for k, v in lists.items()},
            "counts": {"read": self.total, **{k: len(v) for k, v in lists.items()}},
        }


def package_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders expanded to every entry named ``*.inspection`` or
    ``*.response`` (sorted).

    Whatever such an entry is (a pipe, a link to a device, a dangling link, a folder) it is
    listed, so the import reads it and says why it is refused, exactly as when it is named
    on its own: nothing named like a package is skipped silently.
    """
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(x for x in p.iterdir() if x.name.endswith(_SUFFIXES)))
        else:
            out.append(p)
    return out


_SUFFIXES = (SUFFIX, ".response")  # rectification responses (services/rectification)


def import_paths(
    db: Database,
    paths: Sequence[Path],
    *,
    trusted_only: bool = False,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    actor: str = "",
) -> Receipt:
    """Import package files and folders of them; one transaction per package."""
    receipt = Receipt()
    files = package_files(paths)
    for n, path in enumerate(files):
        if progress is not None:
            progress(n, len(files), path.name)
        try:
            outcome, entry = import_file(
                db, path, trusted_only=trusted_only, limits=limits, actor=actor
            )
        except db_errors.DatabaseUnusableError as e:
            # A full or read-only disk fails every package alike: said at once, for this
            # package and the ones not tried, instead of grinding through the batch.
            log.warning("import stopped at %s: %s", path, e)
            for rest in files[n:]:
                receipt.add(ImportOutcome.REJECTED, _not_stored(rest, e))
            break
        receipt.add(outcome, entry)
    if receipt.imported or receipt.updated:
        # The planner's statistics follow the data's growth (inspector.db.statistics).
        with db.engine.begin() as conn:
            refresh_if_needed(conn)
    if progress is not None:
        progress(len(files), len(files), "")
    return receipt


def _not_stored(path: Path, error: UserError) -> dict[str, Any]:
    """A receipt entry for a package the database could not take (nothing written)."""
    return {
        "file": str(path),
        "id": None,
        "revision": None,
        "untrusted": None,
        "signer": None,
        "owner": None,
        **_reason(T.IN_FILE, file=path.name, cause=error),
    }


def import_file(
    db: Database,
    path: Path,
    *,
    trusted_only: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    actor: str = "",
) -> tuple[ImportOutcome, dict[str, Any]]:
    """Import one package file; returns (outcome, receipt entry). Never raises for bad input.

    Whatever goes wrong with one package (a refusal, or an error nobody foresaw) makes
    that package ``rejected`` with a reason; the other packages of the batch go on. Lock
    contention with another writer is retried; a database that cannot take any package
    (full or read-only disk, damaged file) raises
    :class:`~inspector.db.errors.DatabaseUnusableError` at once, with nothing written.
    """
    entry: dict[str, Any] = {
        "file": str(path),
        "id": None,
        "revision": None,
        "untrusted": None,
        "signer": None,
        "owner": None,
    }
    try:
        if path.suffix == ".response":
            # A branch's rectification response: same receipt, same all-or-nothing rules.
            from inspector.services.rectification import response_import

            return response_import.import_file(
                db, path, entry, trusted_only=trusted_only, limits=limits, actor=actor
            )
        return _import_file(db, path, entry, trusted_only=trusted_only, limits=limits, actor=actor)
    except db_errors.DatabaseUnusableError:
        raise  # the database, not this package: the batch stops (see import_paths)
    except UserError as e:
        log.warning("refused %s: %s", path, e)
        signer = getattr(e, "signer", None)
        if signer is not None:  # refused for its content, after the signature verified
            entry.update(device=signer, signer=signer)
        return ImportOutcome.REJECTED, {**entry, **_reason(T.IN_FILE, file=path.name, cause=e)}
    except Exception as e:
        # A hole in the checks (or the database failing for this package): this package is
        # refused, the batch goes on, and the traceback goes to the log for a bug report.
        log.exception("unexpected error importing %s", path)
        reason = _reason(T.UNEXPECTED, file=path.name, kind=type(e).__name__)
        return ImportOutcome.REJECTED, {**entry, **reason}


def _import_file(
    db: Database,
    path: Path,
    entry: dict[str, Any],
    *,
    trusted_only: bool,
    limits: Limits,
    actor: str,
) -> tuple[ImportOutcome, dict[str, Any]]:
    data = _read_file(path, limits)
    device = keys.device_keys() if keys.is_encrypted(data) else None
    pkg = read_package(data, limits=limits, device=device)
    del data
    m = pkg.manifest
    # Named before the content checks: a package refused for its content still says who
    # signed it (the signature verified).
    entry.update(
        id=m.inspection.uuid,
        revision=m.inspection.revision,
        device=pkg.fingerprint,
        signer=pkg.fingerprint,
        content_sha256=pkg.content_sha256,
    )
    checklist = check_content(pkg)
    last_error: Exception | None = None
    for attempt in range(MAX_ATTEMPTS):
        try:
            with db.session() as s:
                trusted = keys.is_trusted(s, pkg.fingerprint)
                entry["untrusted"] = not trusted
                if trusted_only and not trusted:
                    reason = _reason(T.NOT_TRUSTED, file=path.name, device=pkg.fingerprint)
                    return ImportOutcome.REJECTED, {**entry, **reason}
                outcome, extra = _merge(s, pkg, checklist, path, trusted=trusted, actor=actor)
            return outcome, {**entry, **extra}
        except PackageError as e:
            # Found while writing (e.g. an undecodable redacted rendering): rolled back.
            log.warning("refused %s: %s", path, e.reason)
            return ImportOutcome.REJECTED, {**entry, **_reason(T.IN_FILE, file=path.name, cause=e)}
        except OperationalError as e:
            # Only lock contention is a race worth retrying; a full or read-only disk, a
            # damaged file or a lost server fails the same way again: said at once.
            if not db_errors.is_contention(e):
                raise db_errors.describe(e, db.display_name) or e from None
            log.info("import of %s waited for a lock (attempt %d): %s", path, attempt + 1, e)
            last_error = e
        except (IntegrityError, _Raced) as e:
            # Another import committed the same rows first: classify again against them.
            log.info("import of %s raced (attempt %d): %s", path, attempt + 1, e)
            last_error = e
    reason = _reason(T.RACED_OUT, file=path.name, kind=type(last_error).__name__)
    return ImportOutcome.REJECTED, {**entry, **reason}


def _read_file(path: Path, limits: Limits) -> bytes:
    """The file's bytes, at most the limit: a regular file only (a FIFO would hang)."""
    # Regular files only (a FIFO or /dev/zero is refused, never waited on or read
    # without end), at most the limit + 1 bytes.
    try:
        return read_bounded(path, limits.max_file_bytes, "package")
    except FileAccessError as e:
        raise PackageError(T.CAUSE, cause=e.problem) from None


def _merge(
    s: Session,
    pkg: VerifiedPackage,
    checklist: Checklist,
    path: Path,
    *,
    trusted: bool,
    actor: str,
) -> tuple[ImportOutcome, dict[str, Any]]:
    m = pkg.manifest
    uuid, rev = m.inspection.uuid, m.inspection.revision
    signer = pkg.fingerprint
    # Every stored revision of the inspection in one query: the same one, the latest,
    # the current one and the owner are all read off these rows.
    revisions = _revisions(s, uuid)
    owner = _owner(s, uuid, revisions)
    who = {"owner": owner or signer, "signer": signer}
    existing = next((r for r in revisions if r.revision == rev), None)
    stored = None
    if existing is not None:
        stored = existing.content_sha256 or _local_content_sha256(
            s, s.get_one(Inspection, existing.id)
        )
        if stored == pkg.content_sha256:
            return ImportOutcome.DUPLICATES, {**who, **_reason(T.DUPLICATE, file=path.name)}
    if owner is not None and signer != owner:
        refusal = _foreign_revision(s, path, uuid, rev, signer, owner, trusted=trusted)
        if refusal is not None:
            outcome, reason = refusal
            log.warning("%s", reason["reason"])
            return outcome, {**who, **reason}
    if existing is not None:
        return ImportOutcome.CONFLICTS, {
            **who,
            **_reason(
                T.CONTENT_CONFLICT,
                file=path.name,
                revision=rev,
                uuid=uuid,
                stored=stored,
                package=pkg.content_sha256,
            ),
            "stored_sha256": stored,
        }
    latest = revisions[-1] if revisions else None
    if latest is not None:
        moved = _moved(latest, pkg)
        if moved is not None:
            reason = _reason(T.MOVED, file=path.name, revision=rev, uuid=uuid, moved=moved)
            return ImportOutcome.REJECTED, {**who, **reason}
        if rev > latest.revision + 1 and signer != owner:
            reason = _reason(
                T.SKIPS_AHEAD,
                file=path.name,
                revision=rev,
                uuid=uuid,
                latest=latest.revision,
                owner=owner,
            )
            return ImportOutcome.REJECTED, {**who, **reason}
    _check_photo_ids(s, pkg)
    notes: list[str] = []
    if owner is not None and signer != owner:
        notes.append(f"revision by device {signer}, which may amend; the owner is {owner}")
    current = next((r for r in revisions if r.is_current), None)
    outcome = ImportOutcome.IMPORTED
    make_current = True
    superseded: _Revision | None = None
    if current is not None:
        if current.revision < rev:
            # Before the insert: the partial unique index allows one current row per UUID.
            s.connection().execute(_NOT_CURRENT, {"revision_id": current.id})
            superseded = current
            outcome = ImportOutcome.UPDATED
            notes.append(f"supersedes revision {current.revision}")
        else:
            make_current = False
            notes.append(
                f"stored as an earlier revision; revision {current.revision} stays current"
            )
    if owner is None:
        # The first revision this database receives: its signer owns the inspection. The
        # primary key makes a racing first revision from another key fail and retry.
        s.connection().execute(
            _INSERT[InspectionOwner],
            {"uuid": uuid, "fingerprint": signer, "first_revision": rev, "at": utcnow()},
        )
    branch_id = _branch(s, pkg, notes)
    s.info["actor"] = actor
    _insert(s, pkg, checklist, branch_id, trusted=trusted, current=make_current)
    if make_current:
        _evaluate_repeats(s, branch_id, (checklist.id, m.inspection.mode), pkg, superseded)
    s.connection().execute(
        _INSERT[ImportRecord],
        {
            "package_sha256": pkg.package_sha256,
            "file_name": path.name[:400],
            "inspection_uuid": uuid,
            "revision": rev,
            "outcome": outcome,
            "device_fingerprint": signer,
            "trusted": trusted,
            "at": utcnow(),
        },
    )
    extra: dict[str, Any] = dict(who)
    if notes:
        extra["notes"] = notes
    return outcome, extra


@dataclass(frozen=True)
class _Revision:
    """What the merge needs of a stored revision (no ORM object, no BLOBs loaded)."""

    id: int
    revision: int
    is_current: bool
    origin: str
    content_sha256: str | None
    device_fingerprint: str | None
    mode: str
    branch_code: str
    checklist_id: str


def _revisions(s: Session, uuid: str) -> list[_Revision]:
    """Every stored revision of ``uuid``, oldest first."""
    return [_Revision(*r) for r in s.connection().execute(_REVISIONS, {"uuid": uuid})]


def owner_of(s: Session, uuid: str) -> str | None:
    """The fingerprint of the device that owns inspection ``uuid``; None if unknown here.

    The signer of the first revision this database received, or this installation's own
    key for an inspection made here.
    """
    return _owner(s, uuid, _revisions(s, uuid))


def _owner(s: Session, uuid: str, revisions: list[_Revision]) -> str | None:
    """:func:`owner_of`, given the inspection's stored revisions."""
    row = s.connection().execute(_OWNER, {"uuid": uuid}).first()
    if row is not None:
        return str(row[0])
    if any(r.origin != Origin.IMPORTED for r in revisions):
        return keys.device_keys().fingerprint
    # Imported before owners were recorded and not backfilled: the earliest signer.
    signed = [r for r in revisions if r.device_fingerprint is not None]
    return min(signed, key=lambda r: r.id).device_fingerprint if signed else None


def provenance(s: Session, uuid: str) -> list[dict[str, Any]]:
    """Every stored revision of ``uuid`` with who signed it and who owns the inspection."""
    owner = owner_of(s, uuid)
    rows = s.scalars(
        select(Inspection).where(Inspection.uuid == uuid).order_by(Inspection.revision)
    )
    return [
        {
            "revision": r.revision,
            "current": r.is_current,
            "status": r.status,
            "origin": r.origin,
            "branch": r.branch.code,
            "mode": r.mode,
            # A revision made here is signed by this installation when it is exported.
            "signer": r.device_fingerprint or (owner if r.origin != Origin.IMPORTED else None),
            "trusted": r.trusted,
            "owner": owner,
            "imported_at": r.imported_at.isoformat() if r.imported_at else None,
        }
        for r in rows
    ]


def _foreign_revision(
    s: Session, path: Path, uuid: str, rev: int, signer: str, owner: str, *, trusted: bool
) -> tuple[ImportOutcome, dict[str, Any]] | None:
    """Refuse a revision signed by a device that does not own the inspection, unless HQ
    trusts that device and granted it amend rights; None when it may go ahead."""
    who = {"file": path.name, "revision": rev, "uuid": uuid, "signer": signer, "owner": owner}
    if not trusted:
        return ImportOutcome.REJECTED, _reason(T.UNTRUSTED_FOREIGN, **who)
    if not keys.can_amend(s, signer):
        return ImportOutcome.CONFLICTS, _reason(T.FOREIGN_NO_AMEND, **who)
    return None


def _moved(latest: _Revision, pkg: VerifiedPackage) -> UserError | None:
    """How a revision would move the inspection (another branch or mode), or None."""
    i, b = pkg.manifest.inspection, pkg.manifest.branch
    if latest.branch_code != b.code:
        return UserError(T.MOVED_BRANCH, old=latest.branch_code, new=b.code)
    if latest.mode != i.mode:
        return UserError(T.MOVED_MODE, old=latest.mode, new=i.mode)
    return None


class _Raced(Exception):
    """Another import committed this very revision while we classified it: classify again."""


def _check_photo_ids(s: Session, pkg: VerifiedPackage) -> None:
    """Photo ids are unique across the database: a clash is refused, never retried.

    Except a clash with the same revision of the same inspection: another process imported
    this package between our first look and now (PostgreSQL reads what others committed
    since), so the package is classified again and comes out as a duplicate.
    """
    m = pkg.manifest
    ids = [p.id for p in pkg.manifest.photos]
    for n in range(0, len(ids), 500):
        clash = s.connection().execute(_PHOTO_CLASH, {"ids": ids[n : n + 500]}).first()
        if clash is not None and (clash[1], clash[2]) == (m.inspection.uuid, m.inspection.revision):
            raise _Raced(f"photo {clash[0]} stored meanwhile by another import")
        if clash is not None:
            raise PackageError(T.PHOTO_ID_CLASH, photo=clash[0], uuid=clash[1], revision=clash[2])


def actor_of(s: Session) -> str:
    return str(s.info.get("actor", ""))


def _local_content_sha256(s: Session, insp: Inspection) -> str:
    """Content hash of a revision HQ did not import (its own), to compare with a package."""
    if insp.status != InspectionStatus.FINALIZED:
        return "draft-at-hq"
    from inspector.services.exchange.export import content_hash_of

    return content_hash_of(s, insp)


def _evaluate_repeats(
    s: Session,
    branch_id: int,
    scope: tuple[str, str],
    pkg: VerifiedPackage,
    superseded: _Revision | None,
) -> None:
    """HQ's 屡查屡犯 after a revision became current, over everything HQ holds for the
    branch (a late package re-evaluates the inspections after it), for the items whose
    repeats it can change: those its findings name and those of the revision it
    supersedes (whose findings no longer count). No other item's repeats can change."""
    items = {f.item_id for f in pkg.manifest.findings}
    old_items: set[str] = set()
    if superseded is not None:
        old_items = set(
            s.connection().execute(_FAILED_ITEMS, {"inspection_id": superseded.id}).scalars()
        )
    old_scope = (superseded.checklist_id, superseded.mode) if superseded else scope
    if old_scope == scope:
        hq_repeats.evaluate(s, [branch_id], scope, items | old_items)
    else:  # the revision changed checklists: both are evaluated again
        hq_repeats.evaluate(s, [branch_id], scope, items)
        hq_repeats.evaluate(s, [branch_id], old_scope, old_items)


def _branch(s: Session, pkg: VerifiedPackage, notes: list[str]) -> int:
    """The id of the package's branch, created from the package when HQ has none."""
    b = pkg.manifest.branch
    found = s.connection().execute(_BRANCH, {"code": b.code}).first()
    if found is None:
        row = Branch(code=b.code, name=b.name, region=b.region, address=b.address)
        s.add(row)
        s.flush()
        audit.record(
            s,
            actor="",
            entity="branch",
            action="create",
            key=b.code,
            new={"code": b.code, "name": b.name, "region": b.region, "from": "import"},
        )
        notes.append(f"branch {b.code} created from the package")
        return row.id
    if found.name != b.name:
        notes.append(
            f"branch {b.code} is named {found.name!r} at HQ and {b.name!r} in the package; "
            "HQ's name kept"
        )
    return int(found.id)


def _blob_insert(s: Session) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING: blobs are shared by content, never overwritten."""
    return _blob_insert_for(s.get_bind().dialect.name)


@cache
def _blob_insert_for(dialect: str) -> Any:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(_table(Blob)).on_conflict_do_nothing(index_elements=["sha256"])
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(_table(Blob)).on_conflict_do_nothing(index_elements=["sha256"])


def _add_withheld(s: Session, insp: Inspection, p: PhotoData, rendered: bytes) -> None:
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


def _insert(
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
        _INSERT_INSPECTION,
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
            _INSERT[AnswerRow],
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
            _INSERT[SectionScoreRow],
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
            _INSERT[Finding],
            [{"inspection_id": iid, **f.model_dump()} for f in m.findings],
        )
    if pkg.blobs:
        conn.execute(
            _blob_insert(s),
            [{"sha256": sha, "size": len(b), "data": b} for sha, b in pkg.blobs.items()],
        )
    plain = [p for p in m.photos if not p.withheld]
    if plain:
        conn.execute(
            _INSERT[Photo],
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
            _add_withheld(s, insp, p, pkg.blobs[p.image_sha256])
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
    conn.execute(_INSERT[AuditEntry], audit_rows)
    return int(iid)
