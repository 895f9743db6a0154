"""Checks on the checklist content we ship in ``checklists/``.

These tests load the real files and score them with the real engine, so a content edit
that breaks a threshold, a veto, an id or a translation fails here before it reaches a
branch. ``example.yaml`` is a format demo, not inspection content: it takes part in the
scoring checks but not in the content-quality checks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from inspector import paths
from inspector.checklists import LoadedChecklist, checklist_from_json, load_all
from inspector.checklists.loader import ChecklistError, parse_file
from inspector.domain import numbers
from inspector.domain.answers import Answer
from inspector.domain.checklist import (
    AnswerType,
    Checklist,
    Evidence,
    Item,
    Mode,
    Result,
    Severity,
)
from inspector.domain.scoring import Outcome, score, top_grade

SHIPPED_DIR = paths.data_dir("checklists")
LOADED, PROBLEMS = load_all(SHIPPED_DIR)
BY_ID: dict[str, LoadedChecklist] = {lc.id: lc for lc in LOADED}

AREAS = {
    "branch-management": "mgt.",
    "accessibility": "acc.",
    "public-education": "edu.",
    "information-security": "sec.",
    "disclosure": "dis.",
    "mystery-shopper": "ms.",
}
EXPECTED = {*AREAS, "comprehensive"}
DEMO: set[str] = set()  # the format demo (example) is a test fixture, never shipped
# Weights of the areas in the comprehensive on-site checklist (scoring.md; service
# behaviour is the mystery-shopper checklist's, see comprehensive.yaml).
COMPREHENSIVE_WEIGHTS = {
    "disclosure": 25,
    "information-security": 20,
    "accessibility": 20,
    "public-education": 15,
    "branch-management": 15,
}
# Items resting on the bank's own rule or established practice rather than a written rule a
# branch can look up (the domain reference's † marks, and, since issue 24, every item that
# used to cite a bank's internal form or training material): their source must say
# ``inferred: true`` (and 行内要求 or 行业通行做法), and no other item's may.
INFERRED = {
    "acc.help_response",  # 1.5, the response-time limit
    "acc.language_help",  # special-group duty is written; the arrangement is practice
    "edu.area",  # the education duty is written; the signed area is the bank's rule
    "edu.designated_material",  # 2.2
    "edu.reading_kinds",  # "at least 3 kinds" is the bank's rule
    "edu.expired_material",  # approval of material is the bank's rule
    "edu.product_lookup",  # posting the lookup is the bank's rule
    "edu.sellers_posted",  # posting the sellers is the bank's rule
    "edu.anti_counterfeit",  # what a branch displays is the bank's rule
    "edu.aml",
    "edu.fraud_topics",
    "edu.ebanking_security",  # §5, new
    "sec.queue_display",  # 3.4
    "sec.atm_area",  # 3.9
    "sec.cctv_pin",  # 3.10
    "sec.no_personal_phone",  # 3.12 (b): the personal-phone ban is the bank's rule
    "sec.machine_retained",  # §5, new
    "sec.no_proxy_operation",  # §5, new
    "dis.fee_waivers",  # 4.4
    "dis.processes",  # 4.8
    "dis.comment_book",  # the comment-book rules are the bank's
    "dis.comment_unanswered",
    "mgt.emergency_plan",  # the mechanism is written; plan contents and drills are practice
    "mgt.media_handling",  # training material only
    "mgt.card_fraud_knowledge",  # §5, new
    "mgt.complaint_grading",  # §5, new: the grading scheme is the bank's
    "mgt.annual_training",  # §5, new: the yearly cycle is the bank's
    "mgt.fair_queue",  # §5, new
    "mgt.waiting_area",  # §5, new
    # Service conduct a mystery shopper scores: the bank's own service rules.
    "ms.lobby_manager",
    "ms.greeting",
    "ms.needs_guidance",  # 5.3
    "ms.wait_time",  # 5.14
    "ms.fair_queue",  # §5, new
    "ms.uniform",
    "ms.teller_stands",
    "ms.mandarin",
    "ms.polite_phrases",
    "ms.two_hands",
    "ms.pin_receipt",
    "ms.product_answers",  # 5.10
    "ms.forbidden_phrases",
    "ms.farewell",
    "ms.cash_purpose_explained",
    "ms.complaint_aside",  # 5.12 (moving aside is training material)
    "ms.empathy",
}
# Red lines (veto) and critical items. Since issue 24 every red line carries a written
# reason (veto_reason); the mystery price list and over-collection are critical, not red.
VETO = {
    "acc.cash_counter_kept",  # 1.15
    "edu.no_guaranteed_return",  # 2.7, "保本" promised
    "sec.no_id_copies_left",  # 3.6, ID copies found
    "sec.no_personal_phone",  # 3.12 (b)
    "dis.price_list",  # 4.1
    "dis.sales_zone",  # 4.11
    "dis.no_promise",  # 4.13 (c)
    "dis.no_mixing",  # 4.13 (d)
    "ms.complaint_accepted",  # 5.12, complaint refused
    "ms.no_promise",  # 4.13 (c)
    "ms.no_mixing",  # 4.13 (d)
    "ms.sales_zone",  # 4.11
    "ms.cash_counter_offered",  # 1.15
    "ms.no_id_copies_left",  # 3.6
}
CRITICAL = {
    "acc.entrance_access",  # 1.1
    "edu.area",  # 2.1
    "edu.expired_material",  # 2.4
    "sec.screens",  # 3.3
    "sec.atm_area",  # 3.9
    "sec.minimum_collection",  # 3.12 (a): critical, not a red line
    "dis.complaint_channels",  # 4.9
    "dis.risk_assessment",  # 4.14
    "dis.no_bundling",  # §5: 搭售
    "ms.lobby_manager",  # 5.1
    "ms.forbidden_phrases",  # 5.11
    "ms.risk_assessment",  # 4.14
    "ms.complaint_channels",  # 4.9
    "ms.screens",  # 3.3
    "ms.price_list",  # 4.1 seen covertly: critical, not a red line
    "ms.no_bundling",  # §5: 搭售
    "acc.no_diverting_kpi",  # 2024 elderly guidance: no diversion of older customers
    "dis.no_unclear_fees",  # 两不准 (a)
    "dis.risk_match",  # 两不准 (b)
}
# Pass ranges of the measured items, as the domain reference gives them (None: no bound).
THRESHOLDS = {
    "acc.ramp_slope": (12, None),  # 1:x, x >= 12
    "acc.ramp_width": (1.2, None),  # m, GB 55019-2021
    "acc.handrail_height": (850, 900),  # mm
    "acc.low_counter_height": (700, 850),  # mm
    "acc.help_response": (None, 3),  # minutes (inferred limit)
    "ms.wait_time": (None, 20),  # minutes (inferred limit)
}
# Items whose photos show customers' personal data and must be redacted.
REDACT = {
    "sec.screens",
    "sec.queue_display",
    "sec.leftover_docs",
    "sec.no_id_copies_left",
    "sec.id_copy_stamped",
    "sec.documents_locked",
    "dis.comment_book",
    "dis.comment_unanswered",
    "ms.leftover_docs",
    "ms.no_id_copies_left",
}

CJK = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z]{3,}")


def _checklist(cid: str) -> Checklist:
    return BY_ID[cid].resolved


def _content() -> list[LoadedChecklist]:
    """Inspection content: every shipped checklist except the format demo."""
    return [lc for lc in LOADED if lc.id not in DEMO]


def _content_items() -> list[tuple[str, Item]]:
    """Each item once, from the file that defines it (includes are not repeated)."""
    return [(lc.id, item) for lc in _content() for item in lc.raw.items()]


def _modes() -> list[tuple[str, Mode]]:
    return [(lc.id, m) for lc in LOADED for m in lc.resolved.modes]


def _items_in_modes(pred: Callable[[Item], bool]) -> list[tuple[str, Mode, str]]:
    return [
        (cid, mode, item.id)
        for cid, mode in _modes()
        for item in _checklist(cid).items()
        if item.applies_to(mode) and pred(item)
    ]


def _all_pass(checklist: Checklist) -> dict[str, Answer]:
    return {i.id: Answer(result=Result.PASS) for i in checklist.items()}


def _answers_showing(checklist: Checklist, item: Item) -> dict[str, Answer]:
    """Every item passed, with the item's show_if parent answered so the item shows."""
    answers = _all_pass(checklist)
    cond = item.show_if
    if cond is not None:
        if cond.result is not None and Result.PASS not in cond.result:
            answers[cond.item] = Answer(result=cond.result[0])
        elif cond.result is None and cond.value is not None:
            answers[cond.item] = Answer(value=cond.value[0])
    return answers


def _outcome(checklist: Checklist, mode: Mode, answers: dict[str, Answer], item_id: str) -> Outcome:
    return score(checklist, mode, answers).items[item_id].outcome


# ---------------------------------------------------------------- the set of files
def test_shipped_checklists_load_without_problems() -> None:
    assert PROBLEMS == []


def test_expected_checklists_are_shipped() -> None:
    assert set(BY_ID) >= EXPECTED, f"missing: {sorted(EXPECTED - set(BY_ID))}"


@pytest.mark.parametrize("cid", sorted(BY_ID))
def test_snapshot_round_trips(cid: str) -> None:
    """An inspection's stored snapshot rebuilds exactly the checklist it was scored with."""
    lc = BY_ID[cid]
    assert checklist_from_json(lc.canonical_json) == lc.resolved


def test_item_ids_are_unique_across_all_files() -> None:
    counts = Counter(item.id for lc in LOADED for item in lc.raw.items())
    assert [i for i, n in counts.items() if n > 1] == []
    sections = Counter(s.id for lc in LOADED for s in lc.raw.real_sections())
    assert [s for s, n in sections.items() if n > 1] == []


@pytest.mark.parametrize(("cid", "prefix"), sorted(AREAS.items()))
def test_ids_carry_the_area_prefix(cid: str, prefix: str) -> None:
    c = _checklist(cid)
    assert c.items()
    assert [i.id for i in c.items() if not i.id.startswith(prefix)] == []
    assert [s.id for s in c.real_sections() if not s.id.startswith(prefix)] == []


def test_comprehensive_is_the_on_site_areas_with_the_reference_weights() -> None:
    comp = _checklist("comprehensive")
    assert comp.modes == [Mode.ONSITE]
    weights: dict[str, float] = {}
    for s in comp.real_sections():
        assert s.area is not None
        weights[s.area] = weights.get(s.area, 0.0) + s.weight
    assert set(weights) == set(COMPREHENSIVE_WEIGHTS)
    for area, w in COMPREHENSIVE_WEIGHTS.items():
        assert weights[area] == pytest.approx(w)
    # Every item of every area file is in the merged checklist, and nothing else.
    expected = {i.id for area in COMPREHENSIVE_WEIGHTS for i in _checklist(area).items()}
    assert {i.id for i in comp.items()} == expected


# ---------------------------------------------------------------- scoring
@pytest.mark.parametrize(("cid", "mode"), _modes())
def test_everything_passed_scores_100_and_the_top_grade(cid: str, mode: Mode) -> None:
    c = _checklist(cid)
    s = score(c, mode, _all_pass(c))
    assert s.total == pytest.approx(100.0)
    assert s.penalties == 0
    assert s.grade == top_grade(c)
    assert s.passed
    assert s.veto_failed == ()
    assert s.gates_failed == ()
    hidden = [
        i.id for i in c.items() if i.applies_to(mode) and s.items[i.id].outcome == Outcome.HIDDEN
    ]
    assert hidden == [], "all passed should show every item of the mode"


@pytest.mark.parametrize(("cid", "mode", "item_id"), _items_in_modes(lambda i: i.veto))
def test_each_veto_item_failed_alone_fails_the_inspection(
    cid: str, mode: Mode, item_id: str
) -> None:
    c = _checklist(cid)
    answers = _answers_showing(c, c.item(item_id))
    answers[item_id] = Answer(result=Result.FAIL)
    s = score(c, mode, answers)
    assert s.veto_failed == (item_id,)
    assert not s.passed
    assert s.grade == c.veto_grade


@pytest.mark.parametrize(
    ("cid", "mode", "item_id"), _items_in_modes(lambda i: i.type == AnswerType.MEASURE)
)
def test_measured_items_pass_at_their_thresholds_and_fail_just_beyond(
    cid: str, mode: Mode, item_id: str
) -> None:
    c = _checklist(cid)
    item = c.item(item_id)
    m = item.measure
    assert m is not None
    step = 10.0**-m.decimals
    cases: list[tuple[float, Outcome]] = []
    if m.min is not None:
        assert round(m.min, m.decimals) == m.min, "threshold finer than the item's decimals"
        cases += [(m.min, Outcome.PASS), (m.min - step, Outcome.FAIL)]
    if m.max is not None:
        assert round(m.max, m.decimals) == m.max, "threshold finer than the item's decimals"
        cases += [(m.max, Outcome.PASS), (m.max + step, Outcome.FAIL)]
    assert cases
    for value, expected in cases:
        answers = _answers_showing(c, item)
        answers[item_id] = Answer(value=value)
        s = score(c, mode, answers)
        assert s.items[item_id].outcome == expected, f"{item_id} = {value}"
        if expected == Outcome.PASS:
            assert s.total == pytest.approx(100.0)
        elif item.points > 0:
            assert s.total < 100.0


@pytest.mark.parametrize(
    ("cid", "mode", "item_id"), _items_in_modes(lambda i: i.type == AnswerType.COUNT)
)
def test_counted_items_pass_at_their_thresholds_and_not_beyond(
    cid: str, mode: Mode, item_id: str
) -> None:
    c = _checklist(cid)
    item = c.item(item_id)
    spec = item.count
    assert spec is not None
    cases: list[tuple[int, bool]] = []
    if spec.pass_min is not None:
        cases += [(spec.pass_min, True)]
        if spec.pass_min > 0:
            cases += [(spec.pass_min - 1, False)]
    if spec.pass_max is not None:
        cases += [(spec.pass_max, True), (spec.pass_max + 1, False)]
    for value, passes in cases:
        answers = _answers_showing(c, item)
        answers[item_id] = Answer(value=value)
        outcome = _outcome(c, mode, answers, item_id)
        assert (outcome == Outcome.PASS) == passes, f"{item_id} = {value}: {outcome}"


def test_measured_thresholds_are_the_reference_values() -> None:
    measured = {
        item.id: (item.measure.min, item.measure.max)
        for _, item in _content_items()
        if item.measure is not None
    }
    assert measured == THRESHOLDS


def test_count_thresholds_are_the_reference_values() -> None:
    c = {i.id: i.count for _, i in _content_items() if i.count is not None}
    assert c["edu.reading_kinds"].pass_min == 3
    assert c["acc.sign_language_staff"].pass_min == 2
    for found in ("edu.expired_material", "sec.leftover_docs", "ms.leftover_docs"):
        assert c[found].pass_max == 0 and c[found].pass_min is None


def test_ramp_measurements_show_only_when_the_ramp_item_passes() -> None:
    c = _checklist("accessibility")
    ramp_items = ["acc.ramp_slope", "acc.ramp_width", "acc.ramp_handrails", "acc.handrail_height"]
    for result in (Result.FAIL, Result.NA):
        answers = _all_pass(c)
        answers["acc.entrance_access"] = Answer(result=result)
        s = score(c, Mode.ONSITE, answers)
        assert [s.items[i].outcome for i in ramp_items] == [Outcome.HIDDEN] * len(ramp_items)
    answers = _all_pass(c)
    answers["acc.ramp_handrails"] = Answer(result=Result.NA)
    s = score(c, Mode.ONSITE, answers)
    assert s.items["acc.handrail_height"].outcome == Outcome.HIDDEN
    assert s.total == pytest.approx(100.0)


def test_branch_without_wealth_sales_is_not_penalised() -> None:
    c = _checklist("disclosure")
    answers = _all_pass(c)
    answers["dis.sales_zone"] = Answer(result=Result.NA)
    s = score(c, Mode.ONSITE, answers)
    assert s.sections["dis.sales"].percent is None
    assert s.total == pytest.approx(100.0)
    assert s.passed
    # A branch that sells without a proper zone is still asked about the sale itself.
    answers["dis.sales_zone"] = Answer(result=Result.FAIL)
    s = score(c, Mode.ONSITE, answers)
    assert s.items["dis.no_promise"].outcome == Outcome.PASS
    assert not s.passed


def test_mystery_gate_zeroes_the_lobby_section() -> None:
    c = _checklist("mystery-shopper")
    answers = _all_pass(c)
    answers["ms.lobby_manager"] = Answer(result=Result.FAIL)
    s = score(c, Mode.MYSTERY, answers)
    assert s.gates_failed == ("ms.lobby_manager",)
    lobby = s.sections["ms.lobby"]
    assert lobby.percent == 0
    total_weight = sum(sec.weight for sec in c.real_sections())
    assert s.total == pytest.approx(100.0 * (1 - lobby.weight / total_weight))
    gate = c.item("ms.lobby_manager")
    assert gate.gate and gate.points == 0 and c.section_of(gate.id).id == "ms.lobby"


def test_mystery_forbidden_phrases_cost_two_points_each_up_to_six() -> None:
    c = _checklist("mystery-shopper")
    item = c.item("ms.forbidden_phrases")
    assert item.type == AnswerType.COUNT and item.points == 0
    assert (item.penalty, item.penalty_cap) == (2, 6)
    for phrases, total in ((0, 100.0), (1, 98.0), (2, 96.0), (3, 94.0), (7, 94.0)):
        answers = _all_pass(c)
        answers[item.id] = Answer(value=phrases)
        s = score(c, Mode.MYSTERY, answers)
        assert s.base == pytest.approx(100.0)
        assert s.total == pytest.approx(total), phrases
        assert sum(d.points for d in s.deductions) == pytest.approx(100.0 - total, abs=0.005)
    # A plain "fail" with no count is one phrase.
    answers = _all_pass(c)
    answers[item.id] = Answer(result=Result.FAIL)
    assert score(c, Mode.MYSTERY, answers).total == pytest.approx(98.0)


def test_mystery_checklist_settings() -> None:
    c = _checklist("mystery-shopper")
    assert Mode.MYSTERY in c.modes
    assert c.hide_scores_in == [Mode.MYSTERY]
    assert c.visit_facts
    assert c.narrative is not None
    assert c.narrative.min_length >= 80 and Mode.MYSTERY in c.narrative.modes
    assert len(c.scenarios) == 4
    assert len({s.id for s in c.scenarios}) == 4
    for s in c.scenarios:
        assert s.description is not None
        assert CJK.search(s.title.zh) and WORD.search(s.title.en)
        assert CJK.search(s.description.zh) and WORD.search(s.description.en)
    scales = {i.id: i.scale for i in c.items() if i.scale is not None}
    assert (scales["ms.polite_phrases"].min, scales["ms.polite_phrases"].max) == (0, 5)
    assert (scales["ms.empathy"].min, scales["ms.empathy"].max) == (0, 3)
    assert c.item("ms.complaint_accepted").veto


# ---------------------------------------------------------------- content quality
def test_evidence_is_never_required_in_mystery_mode() -> None:
    offenders = [
        (lc.id, i.id)
        for lc in LOADED
        for i in lc.raw.items()
        if i.evidence.for_mode(Mode.MYSTERY) == Evidence.REQUIRED
    ]
    assert offenders == []


@pytest.mark.parametrize(("cid", "item"), _content_items(), ids=lambda v: getattr(v, "id", v))
def test_item_is_bilingual_with_guidance_and_a_source(cid: str, item: Item) -> None:
    assert CJK.search(item.text.zh), "zh text must be Chinese"
    assert WORD.search(item.text.en) and not CJK.search(item.text.en), "en text must be English"
    assert item.guidance is not None
    assert CJK.search(item.guidance.zh)
    assert len(WORD.findall(item.guidance.en)) >= 5, "en guidance must be English"
    assert item.guidance.zh != item.guidance.en
    assert item.source is not None and item.source.ref.strip()
    assert item.source.inferred == (item.id in INFERRED), "inferred must match the † marks"


def test_inferred_list_names_real_items() -> None:
    ids = {i.id for _, i in _content_items()}
    assert sorted(INFERRED - ids) == []
    assert sorted(REDACT - ids) == []


def test_veto_and_critical_flags_are_the_reference_marks() -> None:
    items = [i for _, i in _content_items()]
    assert {i.id for i in items if i.veto} == VETO
    assert {i.id for i in items if i.critical} == CRITICAL


def test_photos_with_personal_data_are_redacted() -> None:
    items = {i.id: i for _, i in _content_items()}
    assert [i for i in sorted(REDACT) if not items[i].redact] == []


def test_severity_and_rectification_deadlines() -> None:
    for cid, item in _content_items():
        where = f"{cid}:{item.id}"
        if item.type != AnswerType.TEXT:
            assert item.severity is not None, where
            assert item.rectify_days is not None, where
        if item.veto:
            assert item.severity == Severity.HIGH, where
            assert item.rectify_days == 1, f"{where}: veto items are 立行立改"
        if item.critical:
            assert item.severity == Severity.HIGH, where


@pytest.mark.parametrize("cid", sorted(EXPECTED))
def test_grade_bands_and_veto_grade(cid: str) -> None:
    c = _checklist(cid)
    bands = [(g.code, g.min, g.label.zh, g.label.en, g.passing) for g in c.grades]
    assert bands == [
        ("excellent", 90, "优秀", "Excellent", True),
        ("good", 80, "良好", "Good", True),
        ("pass", 70, "合格", "Pass", True),
        ("fail", 0, "不合格", "Fail", False),
    ]
    assert c.veto_grade == "fail"
    assert CJK.search(c.title.zh) and WORD.search(c.title.en)


# Branch management scores how the branch runs consumer protection; its failures are
# rectified, not red lines (the red lines are what a customer meets in the hall).
@pytest.mark.parametrize("cid", sorted(EXPECTED - {"branch-management"}))
def test_every_checklist_has_a_veto_item(cid: str) -> None:
    assert any(i.veto for i in _checklist(cid).items())


# ---------------------------------------------------------------- rights, elements, notes
RIGHTS = {
    "property_security",
    "right_to_know",
    "free_choice",
    "fair_trade",
    "lawful_claims",
    "education",
    "respect",
    "information_security",
}


def test_every_item_names_the_rights_it_protects_and_its_element() -> None:
    from inspector.domain.checklist import ELEMENTS

    covered: set[str] = set()
    for cid, item in _content_items():
        where = f"{cid}:{item.id}"
        assert item.rights, f"{where}: no consumer right"
        assert {r.value for r in item.rights} <= RIGHTS
        assert item.elements, f"{where}: no evaluation element"
        assert set(item.elements) <= set(ELEMENTS)
        covered |= {r.value for r in item.rights}
    assert covered == RIGHTS, f"rights no item protects: {sorted(RIGHTS - covered)}"


def test_authoring_notes_never_reach_the_branch() -> None:
    """Reviewer notes live in ``review`` / ``source.note``; what a branch reads has none."""
    for cid, item in _content_items():
        for text in (
            item.text.zh,
            item.text.en,
            *((item.guidance.zh, item.guidance.en) if item.guidance else ()),
        ):
            assert "HQ to confirm" not in text and "check the official text" not in text, (
                f"{cid}:{item.id}"
            )
        assert item.source is not None
        assert not re.search(r"\([A-Za-z][^()]*\)", item.source.ref), (
            f"{cid}:{item.id}: English aside in a source a Chinese reader sees"
        )


def test_sources_read_in_the_readers_language() -> None:
    from inspector.domain.checklist import Source, source_text

    practice = Source(ref="行业通行做法", inferred=True, note="reviewer only")
    assert source_text(practice, "zh") == "行业通行做法（无成文规定）"
    assert "no written rule" in source_text(practice, "en")
    assert "reviewer" not in source_text(practice, "en")


def test_evidence_is_asked_where_it_proves_something() -> None:
    """Photos on failure by default; a keyboard inspection is not buried in photo to-dos."""
    comp = _checklist("comprehensive")
    always = [i.id for i in comp.items() if i.evidence.onsite == Evidence.REQUIRED]
    assert len(always) <= 8, always
    assert comp.min_photos.onsite >= 4


def test_evidence_spellings_always_and_never_are_accepted() -> None:
    from inspector.domain.checklist import EvidenceRule

    rule = EvidenceRule.model_validate({"onsite": "always", "mystery": "never"})
    assert rule.onsite == Evidence.REQUIRED and rule.mystery == Evidence.NONE
    old = EvidenceRule.model_validate({"onsite": "required", "mystery": "none"})
    assert old == rule


def test_mystery_scenario_items_apply_only_to_their_scenario() -> None:
    ms = _checklist("mystery-shopper")
    answers = _all_pass(ms)
    s = score(ms, Mode.MYSTERY, answers, scenario="cash_purpose")
    assert s.items["ms.cash_purpose_explained"].outcome == Outcome.PASS
    assert s.items["ms.manager_takeover"].outcome == Outcome.NA
    s = score(ms, Mode.MYSTERY, answers, scenario="limit_complaint")
    assert s.items["ms.manager_takeover"].outcome == Outcome.PASS
    assert s.items["ms.cash_purpose_explained"].outcome == Outcome.NA


def test_the_example_checklist_is_not_shipped() -> None:
    assert "example" not in BY_ID


# ---------------------------------------------------------------- issue 24: signed without edits
MS_SCENARIOS = ("cash_purpose", "limit_complaint", "wealth_enquiry", "elderly_self_service")


def _veto_items() -> list[tuple[str, Item]]:
    return [(cid, i) for cid, i in _content_items() if i.veto]


def test_every_red_line_states_the_rule_that_makes_it_one() -> None:
    assert _veto_items()
    for cid, item in _veto_items():
        reason = item.veto_reason
        assert reason is not None, f"{cid}:{item.id}: red line without a reason"
        assert CJK.search(reason.zh) and len(WORD.findall(reason.en)) >= 8, item.id
    # And a reason never decorates an item that is not a red line.
    assert [i.id for _, i in _content_items() if i.veto_reason and not i.veto] == []


def test_a_red_line_without_a_reason_is_refused(tmp_path: Path) -> None:
    text = (SHIPPED_DIR / "disclosure.yaml").read_text(encoding="utf-8")
    start = text.index("        veto_reason:\n", text.index("- id: dis.price_list"))
    end = text.index("        evidence:", start)
    broken = tmp_path / "disclosure.yaml"
    broken.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ChecklistError) as e:
        parse_file(broken)
    assert any("dis.price_list" in str(p) and "veto_reason" in str(p) for p in e.value.problems)


@pytest.mark.parametrize("cid", sorted(EXPECTED))
def test_red_lines_are_few(cid: str) -> None:
    """At most one item in six is a red line (the mystery checklist had 7 of 36)."""
    items = _checklist(cid).items()
    vetoes = [i for i in items if i.veto]
    assert len(vetoes) * 6 <= len(items), [i.id for i in vetoes]


def test_no_false_red_lines() -> None:
    sec = _checklist("information-security")
    collect, phone = sec.item("sec.minimum_collection"), sec.item("sec.no_personal_phone")
    # Customer due diligence asks the occupation: asking it is not over-collection.
    assert not collect.veto and collect.critical
    assert collect.guidance is not None and "职业" in collect.guidance.zh
    assert collect.source is not None and not collect.source.inferred
    assert "个人信息保护法" in collect.source.ref and "客户尽职调查" in collect.source.ref
    assert phone.veto and phone.source is not None and phone.source.inferred
    assert "行内要求" in phone.source.ref
    price = _checklist("mystery-shopper").item("ms.price_list")
    assert not price.veto and price.critical
    # One sales-zone rule: a small branch's fixed sales counter passes in both.
    for cid, iid in (("disclosure", "dis.sales_zone"), ("mystery-shopper", "ms.sales_zone")):
        item = _checklist(cid).item(iid)
        assert item.guidance is not None
        assert "固定销售柜台" in item.text.zh + item.guidance.zh, iid
        assert "fixed sales counter" in item.text.en + item.guidance.en, iid
        assert item.source is not None and "110号" in item.source.ref


def test_failing_the_education_area_makes_what_sits_in_it_not_applicable() -> None:
    for cid in ("public-education", "comprehensive"):
        c = _checklist(cid)
        answers = _all_pass(c)
        answers["edu.area"] = Answer(result=Result.FAIL)
        s = score(c, Mode.ONSITE, answers)
        for dependent in ("edu.designated_material", "edu.reading_kinds"):
            assert s.items[dependent].outcome == Outcome.NA, dependent
        lost = {d.item_id for d in s.deductions}
        assert lost == {"edu.area"}, lost
        assert sum(d.points for d in s.deductions) == pytest.approx(100 - s.total, abs=0.005)
        # With the area in place the dependent items are scored as usual.
        answers["edu.area"] = Answer(result=Result.PASS)
        answers["edu.reading_kinds"] = Answer(value=1)
        s = score(c, Mode.ONSITE, answers)
        assert s.items["edu.reading_kinds"].outcome == Outcome.FAIL


def _scenario_items(ms: Checklist) -> dict[str, set[str]]:
    """For each scenario, the items its rule makes N/A."""
    out: dict[str, set[str]] = {sc: set() for sc in MS_SCENARIOS}
    for i in ms.items():
        if i.na_if is not None and i.na_if.scenario:
            for sc in i.na_if.scenario:
                out[sc].add(i.id)
    return out


def test_the_scenario_decides_which_mystery_items_apply() -> None:
    ms = _checklist("mystery-shopper")
    decided = {
        "ms.complaint_accepted": {"limit_complaint"},
        "ms.complaint_aside": {"limit_complaint"},
        "ms.complaint_channel": {"limit_complaint"},
        "ms.manager_takeover": {"limit_complaint"},
        "ms.fee_told_before": {"limit_complaint"},
        "ms.empathy": {"cash_purpose", "limit_complaint"},
        "ms.cash_purpose_explained": {"cash_purpose"},
        "ms.cash_counter_offered": {"cash_purpose", "elderly_self_service"},
        "ms.product_answers": {"wealth_enquiry"},
        "ms.no_promise": {"wealth_enquiry"},
        "ms.sales_zone": {"wealth_enquiry"},
        "ms.elderly_priority": {"elderly_self_service"},
    }
    not_applicable = _scenario_items(ms)
    for iid, applies_in in decided.items():
        assert {sc for sc in MS_SCENARIOS if iid not in not_applicable[sc]} == applies_in, iid
    # No item is the shopper's N/A to choose: either the scenario decides, or it always applies.
    choosable = [i.id for i in ms.items() if i.allows_na]
    assert choosable == []
    for sc in MS_SCENARIOS:
        s = score(ms, Mode.MYSTERY, _all_pass(ms), scenario=sc)
        assert {i for i, it in s.items.items() if it.outcome == Outcome.NA} == not_applicable[sc]


@pytest.mark.parametrize("scenario", MS_SCENARIOS)
def test_same_conduct_in_a_scenario_scores_the_same_whatever_the_shopper_ticks(
    scenario: str,
) -> None:
    """The 94.30 / 92.71 split: a shopper's N/A on an applicable item changes nothing."""
    ms = _checklist("mystery-shopper")
    conduct = _all_pass(ms)
    conduct["ms.greeting"] = Answer(result=Result.FAIL)
    base = score(ms, Mode.MYSTERY, conduct, scenario=scenario)
    for item in ms.items():
        if not item.scenario_decides_na:
            continue
        ticked = dict(conduct)
        ticked[item.id] = Answer(result=Result.NA)
        s = score(ms, Mode.MYSTERY, ticked, scenario=scenario)
        if scenario in (item.na_if.scenario if item.na_if and item.na_if.scenario else []):
            assert s.total == pytest.approx(base.total), item.id  # N/A by rule either way
        else:
            # Applies here: the N/A is no answer, so the visit cannot be finalized with it.
            assert s.items[item.id].outcome == Outcome.UNANSWERED, item.id
        # N/A is the shopper's to record only where the rule already makes it N/A.
        rule = item.na_if.scenario if item.na_if and item.na_if.scenario else []
        assert item.na_choosable(scenario) == (scenario in rule), item.id


def test_red_lines_per_scenario_are_stated_in_the_scenario() -> None:
    ms = _checklist("mystery-shopper")
    not_applicable = _scenario_items(ms)
    vetoes = [i for i in ms.items() if i.veto]
    for sc in ms.scenarios:
        assert sc.description is not None
        stated = sc.description.zh.split("本情景检查的红线项：")[1]
        applies = {i.id for i in vetoes if i.id not in not_applicable[sc.id]}
        named = {i.id for i in vetoes if i.text.zh in stated}
        assert named == applies, sc.id
        assert "Red lines tested in this scenario" in sc.description.en
    # The one red line every scenario tests.
    everywhere = set.intersection(
        *({i.id for i in vetoes if i.id not in not_applicable[sc]} for sc in MS_SCENARIOS)
    )
    assert everywhere == {"ms.no_id_copies_left"}


def test_scenario_na_is_refused_when_allowed_twice(tmp_path: Path) -> None:
    """A file may not both let the scenario decide N/A and let the shopper choose it."""
    text = (SHIPPED_DIR / "mystery-shopper.yaml").read_text(encoding="utf-8")
    anchor = text.index("- id: ms.complaint_aside")
    at = text.index("        type: yes_no\n", anchor)
    broken = tmp_path / "mystery-shopper.yaml"
    broken.write_text(
        text[:at] + "        type: yes_no_na\n" + text[at + len("        type: yes_no\n") :],
        encoding="utf-8",
    )
    with pytest.raises(ChecklistError) as e:
        parse_file(broken)
    assert any("ms.complaint_aside" in str(p) and "na_if" in str(p) for p in e.value.problems)


# Sources a branch cannot look up (issue 24): an internal form, exam notes, a "convention".
UNCITABLE = (
    "营业网点神秘人检查问卷",
    "银行消保岗位考试资料",
    "银行网点宣传惯例",
    "网点授权销售人员公示规定",
    "网点产品查询公示规定",
    "实务",
)
ARTICLE = re.compile(r"第[一二三四五六七八九十百]+条|§")


def test_sources_are_rules_a_branch_can_look_up_or_say_they_are_the_banks_own() -> None:
    for cid, item in _content_items():
        src = item.source
        assert src is not None
        where = f"{cid}:{item.id}"
        for word in UNCITABLE:
            assert word not in src.ref, f"{where}: cites {word}"
        if "行内要求" in src.ref or src.ref == "行业通行做法":
            assert src.inferred, f"{where}: the bank's own rule must be marked inferred"
        if src.inferred:
            assert "行内要求" in src.ref or "行业通行做法" in src.ref or src.note, where
        # A clause number we cite was either checked or says, for HQ, that it was not.
        if ARTICLE.search(src.ref):
            assert item.review or src.note, f"{where}: unverified article without a review note"


def test_disclosure_notices_cite_the_written_rules() -> None:
    dis = _checklist("disclosure")
    refs = {i.id: i.source.ref for i in dis.items() if i.source is not None}
    assert "商业银行法》第三十一条" in refs["dis.rate_boards"]
    assert "商业银行法》第四十九条" in refs["dis.business_hours"]
    assert "金融许可证管理办法" in refs["dis.licences"]
    assert "市场主体登记管理条例" in refs["dis.licences"]
    for iid in ("dis.rate_boards", "dis.licences"):
        assert not dis.item(iid).source.inferred  # type: ignore[union-attr]


def test_accessibility_items_cite_gb_55019() -> None:
    acc = _checklist("accessibility")
    governed = (
        "acc.entrance_access",
        "acc.ramp_slope",
        "acc.ramp_width",
        "acc.ramp_handrails",
        "acc.handrail_height",
        "acc.parking",
        "acc.low_counter",
        "acc.low_counter_height",
        "acc.accessible_toilet",
    )
    for iid in governed:
        item = acc.item(iid)
        assert item.source is not None and "GB 55019-2021" in item.source.ref, iid
        assert item.review and "not verified" in item.review, iid
    low = acc.item("acc.low_counter")
    assert low.guidance is not None
    assert "宽不小于750毫米" in low.guidance.zh and "750 mm wide" in low.guidance.en


# The tagging rule of checklists/README.md ("The eight rights: how items are tagged").
WEALTH_SALES = {
    "dis.sales_zone",
    "dis.tell_principal",
    "dis.tell_returns",
    "dis.no_promise",
    "dis.no_mixing",
    "dis.risk_match",
    "dis.risk_assessment",
    "ms.sales_zone",
    "ms.tell_principal",
    "ms.tell_returns",
    "ms.no_promise",
    "ms.no_mixing",
    "ms.risk_assessment",
    "edu.no_guaranteed_return",
}


def test_rights_are_tagged_by_what_the_item_protects() -> None:
    items = {i.id: i for _, i in _content_items()}
    for iid, item in items.items():
        rights = [r.value for r in item.rights]
        assert 1 <= len(rights) <= 2, f"{iid}: at most two rights, the main one first"
        # 受教育权 is the consumer's right to financial education, not staff knowledge.
        if "education" in rights:
            assert iid.startswith("edu."), iid
    for iid in WEALTH_SALES:
        assert "property_security" in [r.value for r in items[iid].rights], iid
    for iid in ("mgt.staff1_knowledge", "mgt.staff2_knowledge", "ms.uniform", "ms.mandarin"):
        assert "education" not in [r.value for r in items[iid].rights], iid
    assert "respect" not in [r.value for r in items["ms.uniform"].rights]
    assert "respect" not in [r.value for r in items["ms.mandarin"].rights]
    respect = [i for i in items.values() if "respect" in [r.value for r in i.rights]]
    property_ = [i for i in items.values() if "property_security" in [r.value for r in i.rights]]
    assert len(respect) * 5 < len(items) * 2, len(respect)  # was 46 of 116 (40 %)
    assert len(property_) >= 20, len(property_)  # was 8
    readme = (SHIPPED_DIR / "README.md").read_text(encoding="utf-8")
    assert "## The eight rights: how items are tagged" in readme


NEW_CHECKS = {
    "sec.machine_retained": "information-security",  # 长款, 吞卡/吞钞
    "mgt.card_fraud_knowledge": "branch-management",  # 盗刷
    "mgt.kpi_indicators": "branch-management",  # 绩效考核
    "mgt.annual_training": "branch-management",  # 岗位复训
    "dis.no_bundling": "disclosure",  # 搭售 (on site)
    "ms.no_bundling": "mystery-shopper",  # 搭售 (covert)
    "mgt.fair_queue": "branch-management",  # VIP queue-jumping
    "ms.fair_queue": "mystery-shopper",
    "sec.no_proxy_operation": "information-security",  # 代客操作
    "mgt.waiting_area": "branch-management",  # estimated wait, facilities
    "edu.ebanking_security": "public-education",  # e-banking security education
    "mgt.complaint_grading": "branch-management",  # 分级分类, 升级
}


@pytest.mark.parametrize(("iid", "cid"), sorted(NEW_CHECKS.items()))
def test_the_missing_checks_are_items_with_sources_points_and_evidence(iid: str, cid: str) -> None:
    item = _checklist(cid).item(iid)
    assert item.source is not None and item.source.ref
    assert item.points > 0 and item.severity is not None and item.rectify_days
    assert item.rights
    if item.redact:
        assert item.evidence.onsite != Evidence.REQUIRED


def test_guidance_takes_a_position_on_gifts_to_complaining_customers() -> None:
    for cid, iid in (
        ("mystery-shopper", "ms.manager_takeover"),
        ("branch-management", "mgt.complaint_followup"),
    ):
        g = _checklist(cid).item(iid).guidance
        assert g is not None
        assert "不以礼品敷衍客户" in g.zh and "礼品" in g.zh and "gift" in g.en, iid


GRADE_WORDS = re.compile("合格")


def test_one_vocabulary_items_are_met_or_not_grades_pass_or_fail() -> None:
    from inspector.text import hq as TH
    from inspector.text import report as TR

    for cid, item in _content_items():
        texts = [item.text.zh, *((item.guidance.zh,) if item.guidance else ())]
        assert not any(GRADE_WORDS.search(t) for t in texts), f"{cid}:{item.id}"
    for lc in _content():
        for section in lc.raw.real_sections():
            if section.description is not None:
                assert not GRADE_WORDS.search(section.description.zh), section.id
    for table in (TR.OUTCOMES, TR.RESULTS, TH.RESULTS):
        assert table["pass"].zh == "符合" and table["fail"].zh == "不符合"
    assert TR.OUTCOMES["partial"].zh == "部分符合"
    assert TH.LABELS["failures"].zh == "不符合次数"
    # A failed red-line or gate item is 不符合; 未通过 is left to the inspection's conclusion.
    for key in ("veto_title", "gates", "gated", "red_lines"):
        assert "不符合" in TR.LABELS[key].zh and "未通过" not in TR.LABELS[key].zh, key
    assert TH.REDLINE_FAILED.zh.startswith("不符合") and TH.REDLINE_PASSED.zh == "符合"
    # The app's words (Qt translations) judge items the same way.
    for ts in ("app_zh_CN.ts", "hq_zh_CN.ts"):
        text = (paths.data_dir("resources") / "i18n" / ts).read_text(encoding="utf-8")
        assert "合格" not in text, ts
    # 3F as the training material defines it.
    empathy = _checklist("mystery-shopper").item("ms.empathy")
    assert empathy.guidance is not None
    assert "理解→换位思考→解决方案" in empathy.guidance.zh + empathy.text.zh
    assert "同感" not in empathy.guidance.zh


def test_savings_bonds_need_no_principal_warning() -> None:
    item = _checklist("disclosure").item("dis.tell_principal")
    assert item.allows_na
    assert item.guidance is not None
    assert "储蓄国债" in item.guidance.zh and "savings bond" in item.guidance.en
    c = _checklist("disclosure")
    answers = _all_pass(c)
    answers[item.id] = Answer(result=Result.NA)
    assert score(c, Mode.ONSITE, answers).total == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("cid", "version"),
    [
        ("mystery-shopper", "3.0.0"),
        ("disclosure", "3.0.0"),
        ("public-education", "3.0.0"),
        ("accessibility", "3.0.0"),
        ("information-security", "2.0.0"),
        ("branch-management", "2.0.0"),
        ("comprehensive", "3.0.0"),
    ],
)
def test_changed_checklists_carry_a_new_version(cid: str, version: str) -> None:
    assert BY_ID[cid].raw.version == version


def test_the_banks_own_rule_reads_as_such_in_the_app_and_the_report() -> None:
    from inspector.domain.checklist import Source, source_text
    from inspector.reports.labels import source_text as report_source

    own = Source(ref="行内要求（服务禁语清单）; 培训资料", inferred=True)
    assert source_text(own, "zh") == "行内要求（服务禁语清单）; 培训资料"
    assert "bank's own rule" in source_text(own, "en")
    assert report_source(own.ref, True, "zh") == "行内要求（服务禁语清单）；培训资料"
    assert "bank's own rule" in report_source(own.ref, True, "en")
    # A bare "established practice" is said once, not "practice (partly practice)".
    assert report_source("行业通行做法", True, "zh") == "行业通行做法（无成文规定）"


@pytest.mark.parametrize(("cid", "mode"), _modes())
@pytest.mark.parametrize("seed", range(5))
def test_deductions_add_up_to_100_minus_the_total_to_the_cent(
    cid: str, mode: Mode, seed: int
) -> None:
    """Whatever the answers and scenario, the 扣分 column adds up to 100 − total."""
    import random

    rng = random.Random(seed)
    c = _checklist(cid)
    answers: dict[str, Answer] = {}
    for item in c.items():
        roll = rng.random()
        if item.type == AnswerType.COUNT and item.penalty_cap is not None:
            answers[item.id] = Answer(value=rng.randint(0, 5))
        elif item.allows_na and roll < 0.1:
            answers[item.id] = Answer(result=Result.NA)
        else:
            answers[item.id] = Answer(result=Result.PASS if roll < 0.7 else Result.FAIL)
    scenario = rng.choice([s.id for s in c.scenarios]) if c.scenarios else None
    s = score(c, mode, answers, scenario=scenario)
    lost = round(sum(d.points for d in s.deductions), 2)
    # To the printed total's cent (四舍五入: 69.375 prints 69.38, so 30.62 was lost).
    assert lost == round(100 - numbers.record(s.total), 2), (lost, s.total)
