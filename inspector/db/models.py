"""SQLAlchemy 2 typed ORM models: the whole stored state of the application.

Conventions:
* Times are stored in UTC and come back timezone-aware (:class:`.column_types.UTCDateTime`).
* Inspections keep their UUID across revisions; a row is one (uuid, revision) and
  ``is_current`` marks the newest one (a partial unique index holds "one current row").
* Binary content (photo originals and derivatives, renderings) lives in ``blobs``, keyed by
  SHA-256: byte-exact, stored once however many revisions or photos refer to it, and
  written in the same transaction as the row that uses it.
* Every change a user makes goes into ``audit_log`` (who, when, old, new).
"""

from __future__ import annotations

import logging
import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    FetchedValue,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from inspector import clock
from inspector.db.column_types import AnswerValueJSON, LayersJSON, UTCDateTime, state_type
from inspector.domain.checklist import Mode, Result
from inspector.domain.states import (
    STORED_FINDING_STATES,
    STORED_IMPORT_OUTCOMES,
    ClosedVia,
    FindingStatus,
    ImportOutcome,
    InspectionStatus,
    Origin,
    Severity,
)

log = logging.getLogger(__name__)

# Named constraints so Alembic migrations can alter them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return clock.now()


WAVE_MAX = 100
"""Longest mystery-shopper wave name (characters): what the app and packages accept."""


def wave_of(visit: Any) -> str | None:
    """The wave stored in ``inspections.wave`` for these visit facts (None: no wave).

    Exactly ``visit["wave"]`` when it is a non-empty string that fits the column (as
    migration 0009 backfilled it): the column is an index of the JSON, so a look-up by
    column finds the same visits a look-up in the JSON would. The app never writes a longer
    wave; one in an old database stays out of the column rather than fail a later write.
    """
    wave = visit.get("wave") if isinstance(visit, dict) else None
    return wave if isinstance(wave, str) and wave and len(wave) <= WAVE_MAX else None


SCENARIO_MAX = 100
"""Longest mystery-shopper scenario id (characters): what packages accept."""


def scenario_of(visit: Any) -> str | None:
    """The scenario stored in ``inspections.scenario`` for these visit facts (None: none).

    Exactly ``visit["scenario"]`` when it is a non-empty string that fits the column (as
    migration ``scenario_column`` backfilled it), as :func:`wave_of` does for the wave.
    """
    scenario = visit.get("scenario") if isinstance(visit, dict) else None
    if isinstance(scenario, str) and scenario and len(scenario) <= SCENARIO_MAX:
        return scenario
    return None


def new_uuid() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        bytes: LargeBinary,
    }


class Branch(Base):
    __tablename__ = "branches"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(100), default="", index=True)
    address: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ChecklistSnapshot(Base):
    """The exact (resolved, canonical JSON) checklist an inspection was scored with."""

    __tablename__ = "checklist_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    checklist_id: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[str] = mapped_column(String(50))
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    # Deferred: inspections join their snapshot eagerly, and the checklist JSON (tens of
    # kB) must not travel with every row of a list; it loads when a checklist is parsed.
    content: Mapped[str] = mapped_column(Text, deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Inspection(Base):
    __tablename__ = "inspections"
    __table_args__ = (
        UniqueConstraint("uuid", "revision"),
        # At most one current revision per inspection, enforced by the database.
        Index(
            "uq_inspections_current",
            "uuid",
            unique=True,
            sqlite_where=text("is_current = 1"),
            postgresql_where=text("is_current"),
        ),
        Index("ix_inspections_branch_current", "branch_id", "is_current", "started_at"),
        Index("ix_inspections_current_started", "is_current", "started_at"),
        # Covering index for the HQ views (migration 0002_hq_indexes).
        Index(
            "ix_inspections_hq",
            "is_current",
            "branch_id",
            "started_at",
            "score_total",
            "veto_failed",
            "trusted",
            "mode",
            "status",
            "snapshot_id",
            # Each branch's findings counted from the inspections alone (the assessment and
            # the rectification figures; migration finding_tallies).
            "tally_findings",
            "tally_closed",
            "tally_on_time",
            "tally_repeats",
            "tally_open",
        ),
        # A wave's visits of one checklist, oldest first (migration 0009_wave_column): the
        # scenario a wave plays and HQ's mystery views by wave. Wave first: most rows have
        # none, and HQ filters by wave alone.
        Index("ix_inspections_wave", "wave", "is_current", "snapshot_id", "started_at"),
        # HQ's mystery views (the tab's per-scenario figures, the assessment, the mystery
        # league): a checklist's visits with their scenario and score from the index alone
        # (migration scenario_column).
        Index(
            "ix_inspections_scenario",
            "mode",
            "snapshot_id",
            "is_current",
            "status",
            "scenario",
            "branch_id",
            "started_at",
            "score_total",
            "veto_failed",
            "id",
        ),
        # Each branch's latest finalized inspection of a checklist, by one backward index
        # walk (HQ's rights view; migration hq_view_indexes).
        Index(
            "ix_inspections_latest",
            "branch_id",
            "is_current",
            "status",
            "finalized_at",
            "snapshot_id",
            "mode",
        ),
        Index(
            "ix_inspections_hq_time",
            "is_current",
            "started_at",
            "branch_id",
            "score_total",
            "veto_failed",
            "trusted",
            "mode",
            "status",
            "snapshot_id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), default=new_uuid)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_revision: Mapped[int | None] = mapped_column(Integer)
    amendment_reason: Mapped[str | None] = mapped_column(Text)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)

    mode: Mapped[Mode] = mapped_column(state_type(Mode, "mode"))
    status: Mapped[InspectionStatus] = mapped_column(
        state_type(InspectionStatus, "status"), default=InspectionStatus.DRAFT
    )
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), index=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("checklist_snapshots.id"), index=True)
    inspector: Mapped[str] = mapped_column(String(200), default="")

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    finalized_at: Mapped[datetime | None]
    finalized_by: Mapped[str | None] = mapped_column(String(200))

    # Mystery-shopper visit facts: arrival, departure, ticket, customers_waiting,
    # wait_started, wait_called, scenario (ISO times as text in JSON).
    visit: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # ``visit["wave"]``, kept in step by ``_visit_sets_wave`` (ORM writes) and by
    # ``wave_of`` (bulk inserts), so that a wave is found by index, not by reading the JSON
    # of every inspection.
    wave: Mapped[str | None] = mapped_column(String(WAVE_MAX))
    # ``visit["scenario"]``, kept in step the same way (``scenario_of``), so that HQ's
    # mystery views group and rank by scenario from an index, not from every visit's JSON.
    scenario: Mapped[str | None] = mapped_column(String(SCENARIO_MAX))
    narrative: Mapped[str] = mapped_column(Text, default="")
    # Counts of this inspection's findings (migration ``finding_tallies``): active ones,
    # closed, closed on time (no deadline, or closed on or before the deadline day at the
    # branch), HQ's repeats, and open or returned ones. Written by database triggers on
    # ``findings`` only: never set them here (read-only for the ORM).
    tally_findings: Mapped[int] = mapped_column(
        Integer, server_default=text("0"), server_onupdate=FetchedValue()
    )
    tally_closed: Mapped[int] = mapped_column(
        Integer, server_default=text("0"), server_onupdate=FetchedValue()
    )
    tally_on_time: Mapped[int] = mapped_column(
        Integer, server_default=text("0"), server_onupdate=FetchedValue()
    )
    tally_repeats: Mapped[int] = mapped_column(
        Integer, server_default=text("0"), server_onupdate=FetchedValue()
    )
    tally_open: Mapped[int] = mapped_column(
        Integer, server_default=text("0"), server_onupdate=FetchedValue()
    )
    manager_name: Mapped[str | None] = mapped_column(String(200))
    manager_signature: Mapped[bytes | None] = mapped_column(LargeBinary)  # PNG
    recheck_of: Mapped[str | None] = mapped_column(String(36), index=True)
    # "Duplicate as new": the inspection this one was copied from, and the copied answers
    # (item id -> {result, value, note}) still to be re-verified on site. They are not
    # answers: until the inspector confirms one it counts as unanswered (migration
    # integ_copied_from).
    copied_from: Mapped[str | None] = mapped_column(String(36))
    copied_answers: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    # Denormalised score, refreshed on every answer change, for lists and HQ queries.
    score_total: Mapped[float | None] = mapped_column(Float)
    grade: Mapped[str | None] = mapped_column(String(32))
    passed: Mapped[bool | None] = mapped_column(Boolean)
    veto_failed: Mapped[int] = mapped_column(Integer, default=0)

    # Exchange: where an imported inspection came from.
    origin: Mapped[Origin] = mapped_column(state_type(Origin, "origin"), default=Origin.LOCAL)
    device_fingerprint: Mapped[str | None] = mapped_column(String(100))
    trusted: Mapped[bool | None] = mapped_column(Boolean)
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    imported_at: Mapped[datetime | None]

    branch: Mapped[Branch] = relationship(lazy="joined")
    snapshot: Mapped[ChecklistSnapshot] = relationship(lazy="joined")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan", order_by="Answer.id"
    )
    findings: Mapped[list[Finding]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan", order_by="Finding.id"
    )
    photos: Mapped[list[Photo]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan", order_by="Photo.position"
    )
    section_scores: Mapped[list[SectionScoreRow]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan"
    )

    @validates("visit")
    def _visit_sets_wave(self, _key: str, visit: dict[str, Any]) -> dict[str, Any]:
        # Every ORM write of the visit facts (set_visit, amend and duplicate copies) assigns
        # a new dict (a JSON column does not track changes inside one), so this sees them all.
        self.wave = wave_of(visit)
        self.scenario = scenario_of(visit)
        return visit


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("inspection_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(100))
    result: Mapped[Result | None] = mapped_column(state_type(Result, "result", length=8))
    value: Mapped[Any] = mapped_column(AnswerValueJSON, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    inspection: Mapped[Inspection] = relationship(back_populates="answers")


class InspectionCopies:
    """Copies of the inspection's filter columns on a child row, so HQ's views read the
    child's own covering index instead of joining every row to its inspection (migrations
    ``finding_facts``, ``section_facts``). Written by database triggers only, from
    ``inspections``: never set them here (read-only for the ORM). NULL only in the instant
    before the insert trigger fills them, so typed as never None."""

    insp_current: Mapped[bool] = mapped_column(
        Boolean, server_default=false(), server_onupdate=FetchedValue()
    )
    insp_status: Mapped[InspectionStatus] = mapped_column(
        state_type(InspectionStatus, "insp_status", check=False),
        nullable=True,
        server_default=FetchedValue(),
        server_onupdate=FetchedValue(),
    )
    insp_mode: Mapped[Mode] = mapped_column(
        state_type(Mode, "insp_mode", check=False),
        nullable=True,
        server_default=FetchedValue(),
        server_onupdate=FetchedValue(),
    )
    insp_snapshot_id: Mapped[int] = mapped_column(
        Integer, nullable=True, server_default=FetchedValue(), server_onupdate=FetchedValue()
    )


class SectionScoreRow(InspectionCopies, Base):
    """A section's score in an inspection, kept for HQ comparison (area x branch)."""

    __tablename__ = "section_scores"
    __table_args__ = (
        UniqueConstraint("inspection_id", "section_id"),
        Index("ix_section_scores_hq", "inspection_id", "area", "percent"),  # HQ heatmap
        # Mystery visits' section percents from the index alone (migration hq_view_indexes).
        Index("ix_section_scores_visit", "inspection_id", "section_id", "percent"),
        # The mystery tab's per-scenario section averages from this index alone, counted in
        # its order (migration section_facts): the visit filter first, then the grouping.
        Index(
            "ix_section_scores_facts",
            "insp_current",
            "insp_status",
            "insp_mode",
            "insp_scenario",
            "section_id",
            "percent",
            "insp_snapshot_id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"))
    section_id: Mapped[str] = mapped_column(String(100))
    area: Mapped[str] = mapped_column(String(100), index=True)
    weight: Mapped[float] = mapped_column(Float)
    earned: Mapped[float] = mapped_column(Float)
    possible: Mapped[float] = mapped_column(Float)
    percent: Mapped[float | None] = mapped_column(Float)

    # The inspection's filter columns (InspectionCopies) and its scenario, for HQ's mystery
    # tab to count section percents from one index (migration ``section_facts``); the
    # scenario NULL when it has none.
    insp_scenario: Mapped[str | None] = mapped_column(
        String(SCENARIO_MAX), server_default=FetchedValue(), server_onupdate=FetchedValue()
    )

    inspection: Mapped[Inspection] = relationship(back_populates="section_scores")


class Finding(InspectionCopies, Base):
    """A failed item and its rectification (整改): action, owner, deadline, status."""

    __tablename__ = "findings"
    __table_args__ = (
        UniqueConstraint("inspection_id", "item_id"),
        Index("ix_findings_status_deadline", "status", "deadline"),
        # HQ rectification and failing-item counts (migration 0002_hq_indexes).
        Index("ix_findings_hq", "inspection_id", "active", "status", "deadline", "item_id"),
        Index("ix_findings_item", "active", "item_id", "inspection_id"),
        # HQ's findings views read these covering indexes alone (migration finding_facts),
        # in the order they group by; the inspection's status last, so that with drafts
        # (no status term) the order holds too (migration drafts_in_order).
        Index(
            "ix_findings_facts_item",
            "insp_current",
            "active",
            "item_id",
            "insp_branch_id",
            "insp_started_at",
            "insp_mode",
            "insp_snapshot_id",
            "insp_status",
        ),
        Index(
            "ix_findings_facts_branch",
            "insp_current",
            "active",
            "insp_branch_id",
            "status",
            "close_days",
            "deadline",
            "closed_day",
            "hq_repeat",
            "insp_started_at",
            "insp_mode",
            "insp_snapshot_id",
            "insp_status",
        ),
        Index(
            "ix_findings_facts_state",
            "insp_current",
            "active",
            "status",
            "deadline",
            "insp_branch_id",
            "item_id",
            "hq_repeat",
            "insp_started_at",
            "insp_mode",
            "insp_snapshot_id",
            "insp_status",
            "id",  # PostgreSQL reads the list's ids from the index (findings_state_ids)
        ),
        CheckConstraint(
            "status IN ({})".format(", ".join(f"'{s.value}'" for s in STORED_FINDING_STATES)),
            name="status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(100))
    # False when the item was failed and then answered otherwise: the row keeps what the
    # inspector typed (owner, action) in case the item fails again, but is not a finding.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    severity: Mapped[Severity] = mapped_column(
        state_type(Severity, "severity"), default=Severity.MEDIUM
    )
    action: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[FindingStatus] = mapped_column(
        # Never stored ``overdue`` (shown only): the CHECK below lists the stored states.
        state_type(FindingStatus, "status", check=False),
        default=FindingStatus.OPEN,
    )
    # When it was closed: a re-check's finalisation, HQ's acceptance of the branch's
    # rectification response, or HQ closing it by hand.
    closed_at: Mapped[datetime | None]
    closed_by_uuid: Mapped[str | None] = mapped_column(String(36))  # the re-check
    # How it was closed (recheck | response | hand; migration ``rectification``).
    closed_via: Mapped[ClosedVia | None] = mapped_column(state_type(ClosedVia, "closed_via"))
    closing_note: Mapped[str] = mapped_column(Text, default="")
    # 屡查屡犯: the UUID of the branch's previous inspection that had the same finding
    # (the severity was raised one level when this was set).
    repeat_of: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    # The inspection's filter columns (InspectionCopies, and its start and branch) and HQ's
    # repeat mark, for HQ's findings views to read from one index (migration
    # ``finding_facts``), written by triggers from ``inspections`` and ``hq_repeats``.
    insp_started_at: Mapped[datetime] = mapped_column(
        nullable=True, server_default=FetchedValue(), server_onupdate=FetchedValue()
    )
    insp_branch_id: Mapped[int] = mapped_column(
        Integer, nullable=True, server_default=FetchedValue(), server_onupdate=FetchedValue()
    )
    hq_repeat: Mapped[bool] = mapped_column(
        Boolean, server_default=false(), server_onupdate=FetchedValue()
    )
    # The branch's calendar day of ``closed_at`` and the days from the branch's day of the
    # inspection to it (China Standard Time: a deadline is a day at the branch).
    closed_day: Mapped[date | None] = mapped_column(
        Date, server_default=FetchedValue(), server_onupdate=FetchedValue()
    )
    close_days: Mapped[int | None] = mapped_column(
        Integer, server_default=FetchedValue(), server_onupdate=FetchedValue()
    )

    inspection: Mapped[Inspection] = relationship(back_populates="findings")

    @validates("status")
    def _stored_state(self, _key: str, value: object) -> object:
        # ``overdue`` is a member of the one finding-state enum but is shown, never stored.
        if value == FindingStatus.OVERDUE:
            raise ValueError("a finding is never stored 'overdue' (it is shown from its deadline)")
        return value


class HqRepeat(Base):
    """HQ's own 屡查屡犯 evaluation of a finding, kept apart from the laptop's mark.

    A row exists while HQ finds that an earlier finalized, current inspection of the same
    branch, checklist and mode failed the same item (``services/hq/repeats.py``; evaluated
    after every import and sign-off, so a late package re-evaluates what came after it).
    The finding's own ``repeat_of`` and ``severity`` stay what the laptop saw.
    """

    __tablename__ = "hq_repeats"

    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), primary_key=True
    )
    # The newest earlier inspection (UUID) that failed the item, and how many did.
    repeat_of: Mapped[str] = mapped_column(String(36))
    earlier: Mapped[int] = mapped_column(Integer)
    # The severity HQ applies: one level above the laptop's (the laptop's own when the
    # laptop already raised it for a repeat).
    severity: Mapped[Severity] = mapped_column(state_type(Severity, "severity", check=False))
    evaluated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Blob(Base):
    """Content-addressed binary data: photo originals, derivatives, renderings."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Photo(Base):
    """One evidence photo of an item. ``sha256`` is always the original's hash.

    ``original_sha256`` is NULL when the original is withheld: an imported redacted photo
    travels as its rendering only, so the unredacted original never leaves the laptop.
    ``layers`` holds annotations and redactions (non-destructive, upright pixel
    coordinates); ``rendered_sha256`` caches the rendering of the original with layers.
    """

    __tablename__ = "photos"
    # One row per item the photo is evidence of: a photo attached to a second item gets a
    # second row referring to the same blobs (bytes stored once).
    __table_args__ = (UniqueConstraint("inspection_id", "item_id", "sha256"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    inspection_id: Mapped[int] = mapped_column(
        ForeignKey("inspections.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(16))  # JPEG | PNG | WEBP | HEIF
    file_name: Mapped[str] = mapped_column(String(400), default="")
    width: Mapped[int] = mapped_column(Integer)  # upright
    height: Mapped[int] = mapped_column(Integer)  # upright
    taken_at: Mapped[datetime | None]  # EXIF, device-reported
    camera: Mapped[str | None] = mapped_column(String(200))
    gps_lat: Mapped[float | None] = mapped_column(Float)  # device-reported
    gps_lon: Mapped[float | None] = mapped_column(Float)
    gps_alt: Mapped[float | None] = mapped_column(Float)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    caption: Mapped[str] = mapped_column(Text, default="")
    # "large": printed across the full text width of the report (a document to be read).
    print_size: Mapped[str] = mapped_column(String(16), default="normal", server_default="normal")
    layers: Mapped[dict[str, Any]] = mapped_column(LayersJSON, default=dict)
    original_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    display_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    thumb_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    rendered_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))

    inspection: Mapped[Inspection] = relationship(back_populates="photos")


class AuditEntry(Base):
    """One change: who made it, when, to what, the old and the new value."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_inspection_at", "inspection_uuid", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200), default="")
    inspection_uuid: Mapped[str | None] = mapped_column(String(36))
    revision: Mapped[int | None] = mapped_column(Integer)
    entity: Mapped[str] = mapped_column(String(32))  # answer | inspection | photo | finding ...
    key: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(32))  # create | update | delete | finalize ...
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)


class TrustedKey(Base):
    """A device public key HQ trusts (``inspector keys trust``)."""

    __tablename__ = "trusted_keys"

    fingerprint: Mapped[str] = mapped_column(String(100), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    label: Mapped[str] = mapped_column(String(200), default="")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    # May this device send revisions of inspections another device owns? (keys trust
    # --can-amend; migration 0003_owner_revisions). Without it such a revision is a conflict.
    can_amend: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # The branch whose rectification responses this key may sign (keys trust --branch;
    # migration ``rectification``). A response for another branch's notice is refused.
    branch_code: Mapped[str | None] = mapped_column(String(64), index=True)


class InspectionOwner(Base):
    """Which device owns an inspection: the signer of the first revision this database got.

    One row per UUID; the primary key settles a race between two first revisions. Local
    inspections have no row (their owner is this installation's key).
    """

    __tablename__ = "inspection_owners"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(100), index=True)
    first_revision: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ImportRecord(Base):
    """One package HQ accepted, so a re-sent file is recognised by its hash."""

    __tablename__ = "imports"
    # Only what changed the database is recorded: duplicates, conflicts and rejections
    # leave no row, so the CHECK allows just those two outcomes.
    __table_args__ = (
        CheckConstraint(
            "outcome IN ({})".format(", ".join(f"'{o.value}'" for o in STORED_IMPORT_OUTCOMES)),
            name="outcome",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    package_sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(400))
    inspection_uuid: Mapped[str] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[ImportOutcome] = mapped_column(
        state_type(ImportOutcome, "outcome", check=False)
    )
    device_fingerprint: Mapped[str] = mapped_column(String(100))
    trusted: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Setting(Base):
    """A value shared by everyone using this database (the organisation's name and logo).

    Per-user preferences (language, last position) stay in the GUI's QSettings; what a
    report prints for the whole bank lives with the data, so the CLI and the app agree.
    """

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[bytes | None] = mapped_column(LargeBinary)  # an image (logo), when any
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200), default="")


class TypedText(Base):
    """What is being typed into a field of a draft inspection, kept apart from the record.

    The runner writes a field's text here within a moment of each keystroke (one small
    commit, no audit entry, no rescoring), so a crash or a kill loses nothing typed; the
    audited answer, note or narrative is written when the typing settles, in the same unit
    of work that deletes this row. A row left behind by a crash is settled into the record
    the next time the inspection is opened (``services/typed.py``).
    """

    __tablename__ = "typed_texts"

    inspection_id: Mapped[int] = mapped_column(
        ForeignKey("inspections.id", ondelete="CASCADE"), primary_key=True
    )
    # "value:ITEM", "note:ITEM", "narrative", "manager" (services/typed.py)
    field: Mapped[str] = mapped_column(String(120), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
