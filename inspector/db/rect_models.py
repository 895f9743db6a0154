"""Tables of the rectification loop (整改闭环; migration ``rectification``).

HQ issues a signed notice (整改通知书) of a branch's open findings; the branch answers each
finding in a signed response (整改报告) with photos; HQ accepts (closes) or returns each
answer. See docs/rectification.md and inspector/services/rectification/.

Imported by :mod:`inspector.db` (the package), so the one metadata holds every table.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspector.db.column_types import LayersJSON
from inspector.db.models import Base, new_uuid, utcnow


class RectNotice(Base):
    """One revision of a rectification notice: issued here (HQ) or received (branch)."""

    __tablename__ = "rect_notices"
    __table_args__ = (UniqueConstraint("uuid", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(16))  # issued | received
    number: Mapped[str] = mapped_column(String(100), default="")  # 文号
    branch_code: Mapped[str] = mapped_column(String(64), index=True)
    branch_name: Mapped[str] = mapped_column(String(200), default="")
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(200), default="")
    deadline: Mapped[date | None] = mapped_column(Date)  # the earliest finding deadline
    signer: Mapped[str] = mapped_column(String(100), default="")  # HQ key fingerprint
    package_sha256: Mapped[str | None] = mapped_column(String(64))
    # The notice as signed (header and findings, without photo bytes).
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    items: Mapped[list[RectItem]] = relationship(
        back_populates="notice", cascade="all, delete-orphan", order_by="RectItem.id"
    )


class RectItem(Base):
    """A finding one notice revision carries; ``superseded`` once a newer notice carries it."""

    __tablename__ = "rect_items"
    __table_args__ = (
        UniqueConstraint("notice_id", "inspection_uuid", "item_id"),
        Index("ix_rect_items_finding", "inspection_uuid", "item_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("rect_notices.id", ondelete="CASCADE"))
    inspection_uuid: Mapped[str] = mapped_column(String(36))
    item_id: Mapped[str] = mapped_column(String(100))
    deadline: Mapped[date | None] = mapped_column(Date)
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)

    notice: Mapped[RectNotice] = relationship(back_populates="items")


class RectResponse(Base):
    """One revision of a branch's response to a notice: sent (branch) or received (HQ)."""

    __tablename__ = "rect_responses"
    __table_args__ = (UniqueConstraint("origin", "notice_uuid", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_uuid: Mapped[str] = mapped_column(String(36), index=True)
    notice_revision: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(16))  # sent | received
    signer: Mapped[str] = mapped_column(String(100), default="")
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    exported_at: Mapped[datetime] = mapped_column(default=utcnow)
    received_at: Mapped[datetime | None]
    package_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(400), default="")

    answers: Mapped[list[RectAnswer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="RectAnswer.id"
    )


class RectAnswer(Base):
    """The branch's answer to one finding: a draft (no response yet) or part of a response.

    ``answered`` False is an explicit "not yet", with the reason in ``not_yet``. HQ's
    decision on a received answer: ``accepted`` or ``returned`` with its note.
    """

    __tablename__ = "rect_answers"
    __table_args__ = (
        Index("ix_rect_answers_finding", "notice_uuid", "inspection_uuid", "item_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("rect_responses.id", ondelete="CASCADE"), index=True
    )
    notice_uuid: Mapped[str] = mapped_column(String(36))
    inspection_uuid: Mapped[str] = mapped_column(String(36))
    item_id: Mapped[str] = mapped_column(String(100))
    answered: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")  # 整改措施
    cause: Mapped[str] = mapped_column(Text, default="")  # 原因分析
    prevention: Mapped[str] = mapped_column(Text, default="")  # 长效机制
    done_on: Mapped[date | None] = mapped_column(Date)
    done_by: Mapped[str] = mapped_column(String(200), default="")
    not_yet: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    decision: Mapped[str | None] = mapped_column(String(16))  # accepted | returned
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    decision_note: Mapped[str] = mapped_column(Text, default="")

    response: Mapped[RectResponse | None] = relationship(back_populates="answers")
    photos: Mapped[list[RectPhoto]] = relationship(
        back_populates="answer", cascade="all, delete-orphan", order_by="RectPhoto.position"
    )


class RectPhoto(Base):
    """Evidence of a rectification answer; the bytes are blobs (kept while referenced).

    At the branch ``original_sha256`` is the original, redacted through ``layers``; at HQ
    a photo sent redacted is ``withheld`` (no original) and ``rendered_sha256`` is the
    rendering with the redactions burnt in.
    """

    __tablename__ = "rect_photos"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    answer_id: Mapped[int] = mapped_column(ForeignKey("rect_answers.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64))  # the original's hash, always
    original_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    rendered_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    display_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    thumb_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    format: Mapped[str] = mapped_column(String(8))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(400), default="")
    taken_at: Mapped[datetime | None]
    layers: Mapped[dict[str, Any]] = mapped_column(LayersJSON, default=dict)
    withheld: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    answer: Mapped[RectAnswer] = relationship(back_populates="photos")


class RectNoticeKey(Base):
    """HQ: the key the first response to a notice came from, when no branch key was bound."""

    __tablename__ = "rect_notice_keys"

    notice_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class HqKey(Base):
    """Branch: HQ's signing key, pinned by an installed HQ pack, a given fingerprint or on
    first use; notices must be signed by it."""

    __tablename__ = "hq_keys"

    fingerprint: Mapped[str] = mapped_column(String(100), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # the keys-export file
    source: Mapped[str] = mapped_column(String(16))  # pack | given | tofu
    pinned_at: Mapped[datetime] = mapped_column(default=utcnow)
