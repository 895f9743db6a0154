"""Tables of the HQ → laptop half of the cycle (issue 22; migration ``hq_packs``).

On a laptop: the HQ packs installed (``hq_packs``, the newest one pins HQ's key), the
checklist versions HQ installed (``hq_checklists``) and the plan lines assigned
(``plan_lines``). At HQ: what it published (``hq_publications``, whose sequence only goes
up) and the plan it published (``plan_lines`` too), for coverage.

Imported by :mod:`inspector.db` (the package), so the one metadata holds every table.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from inspector.db.models import Base, utcnow


class HqPack(Base):
    """One HQ pack this installation installed; the newest one's pin is HQ's key."""

    __tablename__ = "hq_packs"

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, unique=True)
    # The key that signed this pack, and the key later packs must be signed by (the same,
    # unless this pack handed HQ over to a new key).
    hq_fingerprint: Mapped[str] = mapped_column(String(100))
    pinned_fingerprint: Mapped[str] = mapped_column(String(100))
    pinned_public: Mapped[bytes] = mapped_column(LargeBinary)
    package_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[datetime]
    installed_at: Mapped[datetime] = mapped_column(default=utcnow)
    installed_by: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class HqChecklist(Base):
    """The version of a checklist HQ installed here (or its withdrawal)."""

    __tablename__ = "hq_checklists"

    checklist_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    version: Mapped[str | None] = mapped_column(String(50))
    snapshot_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_snapshots.id"))
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    pack_sequence: Mapped[int] = mapped_column(Integer)
    hq_fingerprint: Mapped[str] = mapped_column(String(100))
    installed_at: Mapped[datetime] = mapped_column(default=utcnow)


class PlanLine(Base):
    """One line of HQ's inspection plan: this branch, with this checklist, by that day."""

    __tablename__ = "plan_lines"
    __table_args__ = (Index("ix_plan_lines_branch_checklist", "branch_code", "checklist_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pack_sequence: Mapped[int] = mapped_column(Integer, index=True)
    line: Mapped[int] = mapped_column(Integer)
    branch_code: Mapped[str] = mapped_column(String(64))
    checklist_id: Mapped[str] = mapped_column(String(100))
    mode: Mapped[str] = mapped_column(String(16))
    scenario: Mapped[str | None] = mapped_column(String(100))
    wave: Mapped[str | None] = mapped_column(String(100))
    due: Mapped[date] = mapped_column(Date)
    assignee: Mapped[str] = mapped_column(String(200), default="")


class HqPublication(Base):
    """A pack HQ built (``hq publish``): the sequence numbers it used only go up."""

    __tablename__ = "hq_publications"

    sequence: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    package_sha256: Mapped[str] = mapped_column(String(64))
    hq_fingerprint: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
