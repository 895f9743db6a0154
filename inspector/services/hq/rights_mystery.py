"""Consumer rights and mystery shopping in the HQ views (dashboard tabs, PDF, Excel, CSV).

``inspector hq rights`` and ``inspector hq mystery`` are the reference: the dashboard and
the files call the same service functions (:mod:`inspector.services.hq.rights`,
:mod:`inspector.services.hq.mystery`) with the options those commands accept, taken from the
HQ filter (:func:`rights_args`, :func:`mystery_args`). Neither command has a period or a
drafts option: both read finalized inspections whatever the period, and say so.
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import lru_cache
from typing import Any

from inspector.checklists import load_all
from inspector.domain import timefmt
from inspector.domain.checklist import ELEMENTS, RIGHT_NAMES
from inspector.reports.hq_content import DATE, ID, INT, PERCENT, SCORE, TEXT, HqColumn, HqTable
from inspector.services.hq import mystery as hq_mystery
from inspector.services.hq import rights as hq_rights
from inspector.services.hq.rows import HqData, HqFilter, _r
from inspector.text import hq as TH
from inspector.text import hq_tabs as TT

log = logging.getLogger(__name__)

Titles = dict[str, tuple[str, str]]  # id -> (zh, en)
#: The tables :func:`tables` makes, in order (PDF sections, sheets, CSV files).
TABLES = ("rights", "elements", "mystery_scenarios", "mystery_visits")


def rights_args(flt: HqFilter) -> dict[str, Any]:
    """The ``hq_rights.by_branch`` arguments (``hq rights`` options) the filter sets.

    ``hq rights`` takes a region, a checklist (default: the comprehensive one) and a mode.
    """
    return {
        "checklist_id": flt.checklist_id or hq_rights.DEFAULT_CHECKLIST,
        "mode": flt.mode or None,
        "region": flt.region or None,
    }


def mystery_args(flt: HqFilter, wave: str | None = None) -> dict[str, Any]:
    """The ``hq_mystery.visits`` arguments (``hq mystery`` options): region and wave."""
    return {"region": flt.region or None, "wave": wave or None}


@lru_cache(maxsize=1)
def mystery_titles() -> tuple[Titles, Titles]:
    """(scenario titles, section titles) of the shipped mystery-shopper checklist (read
    once per process, like the other shipped titles: not on every dashboard refresh)."""
    loaded, _problems = load_all()
    for c in loaded:
        if c.id == hq_mystery.DEFAULT_CHECKLIST:
            cl = c.resolved
            return (
                {s.id: (s.title.zh, s.title.en) for s in cl.scenarios},
                {s.id: (s.title.zh, s.title.en) for s in cl.real_sections()},
            )
    return {}, {}


def _title(titles: Titles, key: str, lang: str) -> str:
    zh, en = titles.get(key, (key, key))
    return zh if lang == "zh" else en


def section_ids(
    scenarios: list[hq_mystery.ScenarioSummary],
    visits: list[hq_mystery.Visit],
    titles: Titles,
) -> list[str]:
    """Every section any scenario or visit has, in checklist order (unknown ids last)."""
    seen = {s for g in scenarios for s in g.sections} | {s for v in visits for s in v.sections}
    order = list(titles)
    return sorted(seen, key=lambda s: (order.index(s) if s in order else len(order), s))


def _day(iso: str | None, data: HqData) -> Any:
    return timefmt.local_date(datetime.fromisoformat(iso), data.tz) if iso else None


def tables(data: HqData, lang: str) -> list[HqTable]:
    """Consumer rights, evaluation elements, mystery scenarios and visits (when loaded)."""
    out: list[HqTable] = []

    def label(key: str) -> str:
        return TH.LABELS[key](lang)

    if data.rights is not None:
        checklist = data.checklist_title(rights_args(data.filter)["checklist_id"], lang)
        note = TT.RIGHTS_NOTE(lang, checklist=checklist)
        elements = [
            *ELEMENTS,
            *sorted({e for r in data.rights for e in r.elements} - set(ELEMENTS)),
        ]
        for name, keys, names in (
            ("rights", list(RIGHT_NAMES), RIGHT_NAMES),
            ("elements", elements, ELEMENTS),
        ):
            out.append(
                HqTable(
                    name,
                    TT.TITLES[name](lang),
                    (
                        HqColumn("code", label("code"), TEXT, 0.8),
                        HqColumn("name", label("branch"), TEXT, 1.8),
                        HqColumn("region", label("region"), TEXT, 0.9),
                        *(
                            HqColumn(k, names[k](lang) if k in names else k, PERCENT, 1.0)
                            for k in keys
                        ),
                        HqColumn("finalized", TT.COLUMNS["finalized"](lang), DATE, 0.9),
                        HqColumn("inspection", label("inspection"), ID, 1.3),
                    ),
                    [
                        (
                            r.code,
                            r.name,
                            r.region,
                            *(
                                _r(t.percent) if (t := tallies.get(k)) is not None else None
                                for k in keys
                            ),
                            _day(r.finalized_at, data),
                            r.inspection,
                        )
                        for r in data.rights
                        for tallies in [r.rights if name == "rights" else r.elements]
                    ],
                    note=note,
                    sheet=TT.SHEETS[name](lang),
                )
            )
    if data.mystery is not None:
        visits = data.mystery
        scenarios = hq_mystery.by_scenario(visits)
        scen_titles, sec_titles = mystery_titles()
        sids = section_ids(scenarios, visits, sec_titles)

        def scen(s: str) -> str:
            return _title(scen_titles, s, lang) if s else TT.NO_SCENARIO(lang)

        sec_cols = tuple(HqColumn(s, _title(sec_titles, s, lang), PERCENT, 0.75) for s in sids)
        out.append(
            HqTable(
                "mystery_scenarios",
                TT.TITLES["mystery_scenarios"](lang),
                (
                    HqColumn("scenario", TT.COLUMNS["scenario"](lang), TEXT, 2.2),
                    HqColumn("visits", TT.COLUMNS["visits"](lang), INT, 0.6),
                    HqColumn("average_total", TT.COLUMNS["average_total"](lang), SCORE, 0.7),
                    *sec_cols,
                    HqColumn("scenario_id", TT.COLUMNS["scenario"](lang) + " ID", TEXT, pdf=False),
                ),
                [
                    (
                        scen(g.scenario),
                        g.visits,
                        _r(g.average_total),
                        *(_r(g.sections.get(s)) for s in sids),
                        g.scenario,
                    )
                    for g in scenarios
                ],
                note=TT.MYSTERY_NOTE(lang),
                sheet=TT.SHEETS["mystery_scenarios"](lang),
            )
        )
        out.append(
            HqTable(
                "mystery_visits",
                TT.TITLES["mystery_visits"](lang),
                (
                    HqColumn("code", label("code"), TEXT, 0.8),
                    HqColumn("name", label("branch"), TEXT, 1.45),
                    HqColumn("region", label("region"), TEXT, 0.7),
                    HqColumn("wave", TT.COLUMNS["wave"](lang), TEXT, 0.9),
                    HqColumn("scenario", TT.COLUMNS["scenario"](lang), TEXT, 1.7),
                    HqColumn("total", TT.COLUMNS["total"](lang), SCORE, 0.6),
                    HqColumn("grade", label("grade"), TEXT, 0.65),
                    HqColumn("result", TT.COLUMNS["result"](lang), TEXT, 0.65),
                    *sec_cols,
                    HqColumn("date", TT.COLUMNS["started"](lang), DATE, 1.0),
                    HqColumn("inspection", label("inspection"), ID, 1.3),
                ),
                [
                    (
                        v.code,
                        v.name,
                        v.region,
                        v.wave or "",
                        scen(v.scenario),
                        _r(v.total),
                        data.grade_label(v.grade, lang),
                        "" if v.passed is None else (TT.PASSED if v.passed else TT.FAILED)(lang),
                        *(_r(v.sections.get(s)) for s in sids),
                        _day(v.started_at, data),
                        v.inspection,
                    )
                    for v in visits
                ],
                group=2,
                sheet=TT.SHEETS["mystery_visits"](lang),
            )
        )
    return out
