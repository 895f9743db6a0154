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
        messages = [m.message() for m in svc.missing_for_finalize(insp) if m.item_id is None]
        assert "the inspection has 0 photo(s); at least 4 are needed" in messages


def test_finalizing_a_recheck_closes_the_findings_it_passes(db: Database) -> None:
    from inspector.domain.checklist import Result

    items = [
        "ex.counter_height",
        "ex.manager",
        "ex.cash_kept",
        "ex.polite",
        "ex.reading",
        "ex.answer_quality",
    ]
    with db.session() as s:
        first = svc.create(s, branch_code="B1", branch_name="一号", checklist_id="example")
        svc.set_answer(s, first, "ex.ramp", result="na")
        for item in items:
            svc.set_answer(s, first, item, result="pass")
        svc.set_answer(s, first, "ex.polite", result="fail")
        svc.set_answer(s, first, "ex.reading", result="fail")
        svc.finalize(s, first, by="张三", manager_name="王经理")
        recheck = svc.create(s, branch_code="B1", checklist_id="example", recheck_of=first.uuid)
        svc.set_answer(s, recheck, "ex.ramp", result="na")
        for item in items:
            svc.set_answer(s, recheck, item, result=Result.PASS)
        svc.set_answer(s, recheck, "ex.reading", result="fail")  # still failing
        svc.finalize(s, recheck, by="李四", manager_name="王经理")
        status = {f.item_id: f.status for f in first.findings if f.active}
        assert status == {"ex.polite": "closed", "ex.reading": "open"}
        closed = next(f for f in first.findings if f.item_id == "ex.polite")
        assert closed.closed_by_uuid == recheck.uuid


def test_amendment_keeps_every_finding_and_photo_detail(db: Database) -> None:
    from inspector.services import hq, photos
    from tests.conftest import PHOTOS

    with db.session() as s:
        insp = svc.create(s, branch_code="B1", branch_name="一号", checklist_id="example")
        for item in (
            "ex.counter_height",
            "ex.manager",
            "ex.cash_kept",
            "ex.polite",
            "ex.reading",
            "ex.answer_quality",
        ):
            svc.set_answer(s, insp, item, result="pass")
        svc.set_answer(s, insp, "ex.polite", result="fail", note="语气生硬")
        svc.set_answer(s, insp, "ex.ramp", result="pass")
        svc.set_answer(s, insp, "ex.ramp_slope", value=14)
        added = photos.add_files(s, insp, "ex.ramp", [PHOTOS / "Landscape_1.jpg"], actor="t")
        photos.redact(s, added.added[0], [(10, 10, 50, 50)], actor="t")
        svc.update_finding(s, insp, "ex.polite", actor="t", owner="王经理", action="培训")
        svc.finalize(s, insp, by="张三", manager_name="王经理")
        hq.close_finding(s, insp.uuid, "ex.polite", actor="hq", note="已培训")
        old_finding = next(f for f in insp.findings if f.item_id == "ex.polite")
        new = svc.amend(s, insp, reason="补充", actor="张三")
        f = next(x for x in new.findings if x.item_id == "ex.polite")
        assert (f.owner, f.action, f.status) == ("王经理", "培训", "closed")
        assert (f.closed_at, f.closing_note) == (old_finding.closed_at, old_finding.closing_note)
        (p,) = new.photos
        assert p.sha256 == added.added[0].sha256 and p.layers == added.added[0].layers
        assert p.id != added.added[0].id and p.layers is not added.added[0].layers
        assert svc.answers_of(new)["ex.polite"].note == "语气生硬"


def test_the_shopper_cannot_choose_na_where_the_scenario_applies_the_item(db: Database) -> None:
    """Issue 24: the scenario decides N/A, so visits of one scenario compare like with like."""
    import pytest

    from inspector.errors import ValidationError
    from inspector.text import Lang, Surface

    with db.session() as s:
        insp = svc.create(
            s, branch_code="B1", branch_name="一号", checklist_id="mystery-shopper", mode="mystery"
        )
        svc.set_visit(s, insp, actor="t", scenario="wealth_enquiry")
        for item in ("ms.risk_assessment", "ms.sales_zone", "ms.product_answers"):
            with pytest.raises(ValidationError) as e:
                svc.set_answer(s, insp, item, result="na")
            en = e.value.render(Lang.EN, Surface.CLI)
            assert item in en and "Enquiry about a wealth-management product" in en
            assert "answer pass or fail" in en
            zh = e.value.render(Lang.ZH, Surface.GUI)
            assert "咨询理财产品" in zh and "不能答“不适用”" in zh and "“符合”或“不符合”" in zh
        # Nothing was stored by the refusals.
        assert not {"ms.risk_assessment", "ms.sales_zone"} & set(svc.answers_of(insp))
        # Where the scenario does not exercise an item it is N/A by rule: N/A agrees with it,
        # and any other answer is overruled.
        svc.set_answer(s, insp, "ms.complaint_aside", result="na")
        svc.set_answer(s, insp, "ms.complaint_accepted", result="fail")
        items = svc.compute_score(insp).items
        assert items["ms.complaint_accepted"].outcome == Outcome.NA
        assert not svc.compute_score(insp).veto_failed
