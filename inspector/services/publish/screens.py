"""What the app's screens read and do for HQ packs and plans (no ORM rows leave here).

* :func:`assigned`: the home screen's "Assigned to me" list.
* :func:`offered_checklists`: the checklists the new-inspection dialog offers.
* :func:`preview_pack` / :func:`install_file`: File → Install HQ update… (and drag-and-drop).
* :func:`start_planned`: start the inspection a plan line assigns, pre-filled.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from inspector.checklists import LoadedChecklist, Problem
from inspector.db import Database
from inspector.domain.checklist import Checklist
from inspector.files import read_bounded
from inspector.services.inspections import lifecycle, visits
from inspector.services.publish import catalog, plan_status
from inspector.services.publish.install import Installed, current_pin, install
from inspector.services.publish.pack import PACK_LIMITS, VerifiedPack, read_pack
from inspector.services.publish.plan_status import PlanItem

log = logging.getLogger(__name__)


def assigned(db: Database, me: str) -> list[PlanItem]:
    """The plan lines for ``me`` (or for anyone), overdue first; done ones last."""
    with db.read_session() as s:
        items = plan_status.lines(s, me=me or None)
        if any(not x.title_zh or x.scenario for x in items):
            # A checklist no inspection here used yet: its title from the offered files;
            # a mystery line's scenario: its title, not its id.
            offered = {c.id: c.resolved for c in catalog.offered(s)}
            items = [_titled(x, offered.get(x.checklist)) for x in items]
        return items


def _titled(item: PlanItem, checklist: Checklist | None) -> PlanItem:
    if checklist is None:
        return item
    if not item.title_zh:
        item = replace(item, title_zh=checklist.title.zh, title_en=checklist.title.en)
    sc = next((sc for sc in checklist.scenarios if sc.id == item.scenario), None)
    if sc is not None:
        item = replace(item, scenario_zh=sc.title.zh, scenario_en=sc.title.en)
    return item


def offered_checklists(db: Database) -> tuple[list[LoadedChecklist], list[Problem]]:
    """The checklists a new inspection may use (HQ's newest versions, none withdrawn), and
    the problems of shipped files that could not be read."""
    with db.read_session() as s:
        entries, problems = catalog.entries(s)
    return [e.loaded for e in entries if not e.withdrawn], problems


@dataclass(frozen=True)
class PackPreview:
    """A verified pack and what installing it would mean, for the confirmation."""

    data: bytes
    pack: VerifiedPack
    first: bool  # no HQ key pinned yet: the user confirms the fingerprint
    installed_sequence: int | None


def preview_pack(db: Database, path: Path) -> PackPreview:
    """Read and verify ``path``; refuses (UserError) what ``install`` would refuse."""
    from inspector.services.publish.install import check

    data = read_bounded(path, PACK_LIMITS.max_file_bytes, "HQ pack")
    pack = read_pack(data)
    with db.read_session() as s:
        pin = current_pin(s)
    check(pack, pin, None)
    return PackPreview(data, pack, pin is None, pin.sequence if pin else None)


def install_file(db: Database, preview: PackPreview, path: Path, *, actor: str) -> Installed:
    """Install a previewed pack; on a first install the user has confirmed its key."""
    return install(
        db,
        preview.data,
        file_name=path.name,
        expect_fingerprint=preview.pack.fingerprint,
        actor=actor,
    )


def start_planned(
    db: Database, item: PlanItem, *, inspector: str, checklist: LoadedChecklist | None = None
) -> str:
    """A new draft for a plan line: its branch, checklist, mode, scenario and wave."""
    with db.session() as s:
        insp = lifecycle.create(
            s,
            branch_code=item.branch,
            checklist_id=item.checklist,
            mode=item.mode,
            inspector=inspector,
            loaded=checklist,
        )
        visit = {k: v for k, v in (("wave", item.wave), ("scenario", item.scenario)) if v}
        if visit:
            visits.set_visit(s, insp, actor=inspector, **visit)
        return insp.uuid
