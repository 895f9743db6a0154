"""Rules of the shipped checklists that depend on the inspection: scenario, photo count."""

from __future__ import annotations

from inspector.db import Database
from inspector.domain.scoring import Outcome
from inspector.services import inspections as svc


def test_scenario_not_played_makes_its_items_na(db: Database) -> None:
    with db.session() as s:
        insp = svc.create(
            s, branch_code="B1", branch_name="一号", checklist_id="mystery-shopper", mode="mystery"
        )
        svc.set_visit(s, insp, actor="t", scenario="cash_purpose")
        items = svc.compute_score(insp).items
        assert items["ms.risk_assessment"].outcome == Outcome.NA
        assert items["ms.elderly_priority"].outcome == Outcome.NA
        missing = {m.item_id for m in svc.missing_for_finalize(insp)}
        assert "ms.risk_assessment" not in missing
        svc.set_visit(s, insp, actor="t", scenario="wealth_enquiry")
        items = svc.compute_score(insp).items
        assert items["ms.risk_assessment"].outcome == Outcome.UNANSWERED
        assert "ms.risk_assessment" in {m.item_id for m in svc.missing_for_finalize(insp)}


def test_comprehensive_needs_four_photos(db: Database) -> None:
    with db.session() as s:
        insp = svc.create(s, branch_code="B1", branch_name="一号", checklist_id="comprehensive")
        messages = [m.message_en for m in svc.missing_for_finalize(insp) if m.item_id is None]
        assert "the inspection has 0 photo(s); at least 4 are needed" in messages
