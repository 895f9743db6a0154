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

import pytest

from inspector import paths
from inspector.checklists import LoadedChecklist, checklist_from_json, load_all
from inspector.domain.answers import Answer
from inspector.domain.checklist import AnswerType, Checklist, Evidence, Item, Mode, Result
from inspector.domain.scoring import Outcome, score, top_grade
from inspector.domain.states import Severity

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
# Items whose requirement the domain reference marks † (inferred practice, no written
# source found): their source must say ``inferred: true``, and no other item's may.
INFERRED = {
    "acc.help_response",  # 1.5, the response-time limit
    "edu.designated_material",  # 2.2
    "sec.queue_display",  # 3.4
    "sec.atm_area",  # 3.9
    "sec.cctv_pin",  # 3.10
    "sec.minimum_collection",  # 3.12
    "dis.fee_waivers",  # 4.4
    "dis.rate_boards",  # 4.5
    "dis.licences",  # 4.7
    "dis.processes",  # 4.8
    "ms.needs_guidance",  # 5.3
    "ms.product_answers",  # 5.10
    "ms.complaint_accepted",  # 5.12
    "ms.complaint_aside",  # 5.12
    "ms.complaint_channel",  # 5.12
    "ms.wait_time",  # 5.14
    "acc.language_help",  # special-group duty is written; the arrangement is practice
    "mgt.emergency_plan",  # the mechanism is written; plan contents and drills are practice
    "mgt.media_handling",  # training material only
}
# Red lines (veto) and critical items, as the domain reference marks them (V and C).
VETO = {
    "acc.cash_counter_kept",  # 1.15
    "edu.no_guaranteed_return",  # 2.7, "保本" promised
    "sec.no_id_copies_left",  # 3.6, ID copies found
    "sec.minimum_collection",  # 3.12
    "dis.price_list",  # 4.1
    "dis.sales_zone",  # 4.11
    "dis.no_promise",  # 4.13 (c)
    "dis.no_mixing",  # 4.13 (d)
    "ms.complaint_accepted",  # 5.12, complaint refused
    "ms.no_promise",  # 4.13 (c)
    "ms.no_mixing",  # 4.13 (d)
    "ms.sales_zone",  # 4.11
    "ms.cash_counter_offered",  # 1.15
    "ms.price_list",  # 4.1
    "ms.no_id_copies_left",  # 3.6
}
CRITICAL = {
    "acc.entrance_access",  # 1.1
    "edu.area",  # 2.1
    "edu.expired_material",  # 2.4
    "sec.screens",  # 3.3
    "sec.atm_area",  # 3.9
    "dis.complaint_channels",  # 4.9
    "dis.risk_assessment",  # 4.14
    "ms.lobby_manager",  # 5.1
    "ms.forbidden_phrases",  # 5.11
    "ms.risk_assessment",  # 4.14
    "ms.complaint_channels",  # 4.9
    "ms.screens",  # 3.3
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


def test_mystery_forbidden_phrase_takes_two_points_off_the_total() -> None:
    c = _checklist("mystery-shopper")
    item = c.item("ms.forbidden_phrases")
    assert item.points == 0 and item.penalty == 2
    answers = _all_pass(c)
    answers[item.id] = Answer(result=Result.FAIL)
    s = score(c, Mode.MYSTERY, answers)
    assert s.base == pytest.approx(100.0)
    assert s.total == pytest.approx(98.0)


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
