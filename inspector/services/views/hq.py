"""The HQ dashboard's read model: the views for one filter plus the filter's choices.

Besides the views of :mod:`inspector.services.hq`, the dashboard shows the consumer-rights
breakdown (:mod:`inspector.services.hq.rights`, ``inspector hq rights``) and the
mystery-shopping comparison (:mod:`inspector.services.hq.mystery`, ``inspector hq
mystery``). They are read through the same service functions as those commands, with the
options those commands accept taken from the dashboard's filter (``hq_rights_mystery.rights_args``,
``hq_rights_mystery.mystery_args``), so the screen and ``--json`` show the same numbers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.services.hq import assess_tables
from inspector.services.hq import load as hq_load
from inspector.services.hq import mystery as hq_mystery
from inspector.services.hq import rights as hq_rights
from inspector.services.hq import rights_mystery as hq_rights_mystery
from inspector.services.hq import scope as hq_scope
from inspector.services.hq.rows import HqData, HqFilter

log = logging.getLogger(__name__)

Titles = dict[str, tuple[str, str]]  # id -> (zh, en)


@dataclass(frozen=True, slots=True)
class RightsView:
    """``hq rights --json`` for the dashboard's filter: one row per branch."""

    checklist: str
    mode: Mode | None
    region: str | None
    rows: list[hq_rights.BranchRights]


@dataclass(frozen=True, slots=True)
class MysteryView:
    """``hq mystery --json`` for the dashboard's filter and wave.

    ``waves`` are the waves the region's visits belong to (the wave box's choices);
    ``scenario_titles`` and ``section_titles`` name the ids of the mystery-shopper checklist.
    """

    region: str | None
    wave: str | None
    visits: list[hq_mystery.Visit]
    scenarios: list[hq_mystery.ScenarioSummary]
    waves: list[str]
    scenario_titles: Titles = field(default_factory=dict)
    section_titles: Titles = field(default_factory=dict)

    def scenario_title(self, scenario: str, lang: str) -> str:
        zh, en = self.scenario_titles.get(scenario, (scenario, scenario))
        return zh if lang == "zh" else en

    def section_title(self, section: str, lang: str) -> str:
        zh, en = self.section_titles.get(section, (section, section))
        return zh if lang == "zh" else en

    def section_ids(self) -> list[str]:
        """Every section any scenario or visit has, in checklist order (unknown ids last)."""
        return hq_rights_mystery.section_ids(self.scenarios, self.visits, self.section_titles)


@dataclass(frozen=True, slots=True)
class HqResult:
    data: HqData
    regions: list[str]
    checklists: list[str]
    rights: RightsView | None = None
    mystery: MysteryView | None = None


def load_rights(session: Session, flt: HqFilter) -> RightsView:
    args = hq_rights_mystery.rights_args(flt)
    rows = hq_rights.by_branch(session, **args)
    return RightsView(args["checklist_id"], args["mode"], args["region"], rows)


def load_mystery(session: Session, flt: HqFilter, wave: str | None) -> MysteryView:
    args = hq_rights_mystery.mystery_args(flt, wave)
    visits = hq_mystery.visits(session, **args)
    if args["wave"] is None:
        waves = sorted({v.wave for v in visits if v.wave})
    else:  # the region's waves, not only the one shown
        waves = hq_mystery.waves(session, region=args["region"])
    scenarios, sections = hq_rights_mystery.mystery_titles()
    return MysteryView(
        region=args["region"],
        wave=args["wave"],
        visits=visits,
        scenarios=hq_mystery.by_scenario(visits),
        waves=waves,
        scenario_titles=scenarios,
        section_titles=sections,
    )


def load_dashboard(
    db: Database,
    flt: HqFilter,
    *,
    wave: str | None = None,
    on_first: Callable[[HqResult], None] | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> HqResult:
    """Every view for ``flt`` in one read-only session (one snapshot of the data).

    The first views (counts, league, heatmap; ``data.complete`` False) go to ``on_first``
    while the rest is computed; an exception ``on_first`` or ``checkpoint`` raises (a newer
    filter was chosen) ends the load there. ``checkpoint`` is called between the later
    views (the rest, consumer rights, mystery shopping); ``wave`` selects the mystery
    visits of one wave.
    """

    def check() -> None:
        if checkpoint is not None:
            checkpoint()

    with db.read_session() as s:
        first = hq_load.load_first(s, flt)
        regions, checklists = hq_scope.regions(s), hq_scope.checklist_ids(s)
        if on_first is not None:
            on_first(HqResult(first, regions, checklists))
        check()
        data = assess_tables.attach(s, hq_load.load_rest(s, first), files=False)
        check()
        rights = load_rights(s, flt)
        check()
        mystery = load_mystery(s, flt, wave)
        return HqResult(data, regions, checklists, rights, mystery)
