"""hq assess: the figures the database sums (on-site averages, red lines) and the mystery
visits measured against the bank's average for their scenario, checked against the
inspections themselves, read one by one, on either backend."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select

from inspector.db import Database
from inspector.db.models import ChecklistSnapshot, Inspection
from inspector.domain import numbers
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus
from inspector.services import demo
from inspector.services.hq import assess as assess_svc
from inspector.services.hq.assess_rule import load_rule


def _by_hand(db: Database) -> list[dict[str, Any]]:
    """Every scored, finalized, current inspection: branch, region, mode, score, scenario."""
    with db.read_session() as s:
        rows = s.execute(
            select(Inspection, ChecklistSnapshot.checklist_id)
            .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
            .where(
                Inspection.is_current.is_(True),
                Inspection.status == InspectionStatus.FINALIZED,
                Inspection.score_total.is_not(None),
            )
        ).all()
        return [
            {
                "code": i.branch.code,
                "region": i.branch.region,
                "mode": i.mode,
                "checklist": cid,
                "score": float(i.score_total),
                "red": (i.veto_failed or 0) > 0,
                "scenario": str((i.visit or {}).get("scenario") or ""),
            }
            for i, cid in rows
        ]


def test_assessment_figures_match_the_inspections(any_db: Database) -> None:
    demo.generate(any_db, inspections=90, seed=5)
    with any_db.session() as s:
        visits = list(
            s.scalars(
                select(Inspection)
                .where(Inspection.mode == Mode.MYSTERY)
                .order_by(Inspection.id)
                .limit(3)
            )
        )
        assert len(visits) == 3 and all(v.visit.get("scenario") for v in visits)
        # A visit whose facts name no scenario, and one whose scenario is empty: both are
        # measured against the average of the visits without a scenario.
        visits[0].visit = {k: v for k, v in visits[0].visit.items() if k != "scenario"}
        visits[1].visit = {**visits[1].visit, "scenario": ""}
        # A draft counts nowhere.
        visits[2].status = InspectionStatus.DRAFT
    rule = load_rule()
    onsite_lists = set(rule.rule.components.onsite.checklists)
    mystery_lists = set(rule.rule.components.mystery.checklists)
    assert rule.rule.components.mystery.measure == "relative"
    rows = _by_hand(any_db)
    mine = [r for r in rows if r["mode"] == Mode.MYSTERY and r["checklist"] in mystery_lists]
    acc: dict[str, list[float]] = defaultdict(list)
    for r in mine:  # the bank's averages per scenario, every region
        acc[r["scenario"]].append(r["score"])
    assert "" in acc and len(acc) >= 3
    avg = {k: sum(v) / len(v) for k, v in acc.items()}
    # The region with the most visits: its scenario averages differ from the bank's.
    per_region: dict[str, int] = defaultdict(int)
    for r in mine:
        per_region[r["region"]] += 1
    region_most = max(sorted(per_region), key=lambda k: per_region[k])
    assert len(per_region) >= 2
    for region in (None, region_most):
        with any_db.read_session() as s:
            result = assess_svc.assess(s, rule, region=region)
        checked = measured = 0
        for row in result.rows:
            if region is not None:
                assert row.region == region
            comps = {c.id: c for c in row.components}
            ons = [
                r
                for r in rows
                if r["code"] == row.code
                and r["mode"] == Mode.ONSITE
                and r["checklist"] in onsite_lists
            ]
            mys = [r for r in mine if r["code"] == row.code]
            if not ons and not mys:
                assert row.score is None and not comps
                continue
            on_in = comps["onsite"].inputs
            assert on_in["inspections"] == len(ons)
            if ons:
                expected = sum(r["score"] for r in ons) / len(ons)
                assert on_in["average"] == numbers.record(expected)
            my_in = comps["mystery"].inputs
            assert my_in["visits"] == len(mys)
            if mys:
                rel = [min(100.0, 100.0 * r["score"] / avg[r["scenario"]]) for r in mys]
                assert my_in["figure"] == numbers.record(sum(rel) / len(rel))
                totals = sum(r["score"] for r in mys) / len(mys)
                assert my_in["average_total"] == numbers.record(totals)
                measured += 1
            assert comps["redline"].inputs["count"] == sum(1 for r in [*ons, *mys] if r["red"])
            checked += 1
        assert checked >= 2 and measured >= 2
