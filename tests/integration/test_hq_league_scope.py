"""Which checklist and mode the league compares (like with like): the comprehensive on-site
checklist when the selection has it, else the pair with the most inspections, a checklist's
versions (snapshots) counted together, ties by checklist id and mode."""

from __future__ import annotations

from datetime import UTC, datetime

from inspector.db import Database
from inspector.db.models import Branch, ChecklistSnapshot, Inspection
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus
from inspector.services.hq.league import DEFAULT_LEAGUE, league_scope
from inspector.services.hq.rows import HqFilter


def _fill(db: Database, plan: list[tuple[str, str, Mode, InspectionStatus, int]]) -> None:
    """(checklist, version, mode, status, how many) inspections of one branch."""
    with db.session() as s:
        branch = Branch(code="310001", name="测试支行", region="上海")
        s.add(branch)
        snaps: dict[tuple[str, str], ChecklistSnapshot] = {}
        for n, (cid, version, mode, status, count) in enumerate(plan):
            snap = snaps.get((cid, version))
            if snap is None:
                snap = snaps[(cid, version)] = ChecklistSnapshot(
                    sha256=f"{n:064d}",
                    checklist_id=cid,
                    version=version,
                    title_zh=cid,
                    title_en=cid,
                    content="{}",
                )
                s.add(snap)
            for _ in range(count):
                s.add(
                    Inspection(
                        mode=mode,
                        status=status,
                        branch=branch,
                        snapshot=snap,
                        started_at=datetime(2026, 10, 1, 2, tzinfo=UTC),
                        score_total=80.0,
                    )
                )


def test_most_inspections_counts_every_version_of_a_checklist(any_db: Database) -> None:
    _fill(
        any_db,
        [
            ("disclosure", "1", Mode.ONSITE, InspectionStatus.FINALIZED, 2),
            ("disclosure", "2", Mode.ONSITE, InspectionStatus.FINALIZED, 2),
            ("accessibility", "1", Mode.ONSITE, InspectionStatus.FINALIZED, 3),
            ("mystery-shopper", "1", Mode.MYSTERY, InspectionStatus.FINALIZED, 4),
            # Drafts count only when drafts are asked for.
            ("accessibility", "1", Mode.ONSITE, InspectionStatus.DRAFT, 2),
            ("comprehensive", "1", Mode.ONSITE, InspectionStatus.DRAFT, 1),
        ],
    )
    with any_db.read_session() as s:
        # 4 disclosure (two versions) ties 4 mystery-shopper: the checklist id decides.
        assert league_scope(s, HqFilter()) == ("disclosure", Mode.ONSITE)
        assert league_scope(s, HqFilter(mode=Mode.MYSTERY)) == ("mystery-shopper", Mode.MYSTERY)
        assert league_scope(s, HqFilter(checklist_id="accessibility")) == (
            "accessibility",
            Mode.ONSITE,
        )
        # With drafts the comprehensive on-site checklist is in the selection: it wins.
        assert league_scope(s, HqFilter(include_drafts=True)) == DEFAULT_LEAGUE
        assert league_scope(s, HqFilter(include_drafts=True, checklist_id="disclosure")) == (
            "disclosure",
            Mode.ONSITE,
        )
        # Nothing selected: the filter's own choice, else the default.
        assert league_scope(s, HqFilter(region="北京")) == DEFAULT_LEAGUE
        assert league_scope(s, HqFilter(region="北京", mode=Mode.MYSTERY)) == (
            "comprehensive",
            Mode.MYSTERY,
        )
