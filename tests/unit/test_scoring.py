"""The scoring engine: worked examples and properties that must hold for any answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector.checklists import load
from inspector.domain import numbers
from inspector.domain.answers import Answer
from inspector.domain.checklist import AnswerType, Checklist, Item, Mode, Result
from inspector.domain.scoring import Outcome, score, top_grade

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = load(ROOT / "tests" / "fixtures" / "checklists" / "example.yaml").resolved


def _checklist(sections: list[dict[str, Any]], **extra: Any) -> Checklist:
    data: dict[str, Any] = {
        "format": 1,
        "id": "t",
        "version": "1",
        "title": {"zh": "测", "en": "T"},
        "modes": ["onsite", "mystery"],
        "grades": [
            {"code": "A", "min": 90, "label": {"zh": "优", "en": "A"}},
            {"code": "B", "min": 70, "label": {"zh": "合格", "en": "B"}},
            {"code": "F", "min": 0, "label": {"zh": "不合格", "en": "F"}, "passing": False},
        ],
        "veto_grade": "F",
        "sections": sections,
        **extra,
    }
    return Checklist.model_validate(data)


def _yn(item_id: str, points: float = 1, **kw: Any) -> dict[str, Any]:
    return {
        "id": item_id,
        "text": {"zh": item_id, "en": item_id},
        "type": "yes_no_na",
        "points": points,
        **kw,
    }


def _props_checklist() -> Checklist:
    """Every scoring rule at once: N/A items, gate, veto, penalty, measures, relevance."""
    m = {"unit": {"zh": "毫米", "en": "mm"}, "min": 700, "max": 850}
    return _checklist(
        [
            {
                "id": "s1",
                "title": {"zh": "一", "en": "One"},
                "weight": 20,
                "items": [
                    _yn("g", 0, gate=True),
                    _yn("p1", 2),
                    _yn("p2", 1, critical=True),
                    {**_yn("h", 1), "show_if": {"item": "p1", "result": ["pass"]}},
                ],
            },
            {
                "id": "s2",
                "title": {"zh": "二", "en": "Two"},
                "weight": 50,
                "items": [
                    _yn("v", 3, veto=True),
                    _yn("n1", 1),
                    {**_yn("m", 2), "type": "measure", "measure": m, "na_allowed": True},
                    {**_yn("c", 2), "type": "count", "count": {"pass_min": 3, "partial": True}},
                ],
            },
            {
                "id": "s3",
                "title": {"zh": "三", "en": "Three"},
                "weight": 30,
                "items": [
                    _yn("n2", 5),
                    _yn("pen", 0, penalty=4),
                    _yn("pen2", 0, penalty=10),
                    {**_yn("sc", 2), "type": "scale", "scale": {"min": 0, "max": 4}},
                ],
            },
        ]
    )


PROPS = _props_checklist()


def all_pass(c: Checklist, mode: Mode = Mode.ONSITE) -> dict[str, Answer]:
    return {i.id: Answer(result=Result.PASS) for i in c.items() if i.applies_to(mode)}


def test_all_passed_gives_100_and_top_grade() -> None:
    for mode in (Mode.ONSITE, Mode.MYSTERY):
        s = score(EXAMPLE, mode, all_pass(EXAMPLE, mode))
        assert s.total == pytest.approx(100.0)
        assert s.grade == top_grade(EXAMPLE)
        assert s.passed


def test_veto_failure_fails_whatever_the_total() -> None:
    answers = all_pass(EXAMPLE)
    answers["ex.cash_kept"] = Answer(result=Result.FAIL)
    s = score(EXAMPLE, Mode.ONSITE, answers)
    assert s.veto_failed == ("ex.cash_kept",)
    assert not s.passed
    assert s.grade == "fail"
    assert s.total > 70  # the total alone would pass


def test_section_weights_and_normalisation() -> None:
    c = _checklist(
        [
            {
                "id": "a",
                "title": {"zh": "甲", "en": "A"},
                "weight": 30,
                "items": [_yn("a1", 1), _yn("a2", 3)],
            },
            {"id": "b", "title": {"zh": "乙", "en": "B"}, "weight": 70, "items": [_yn("b1")]},
        ]
    )
    s = score(
        c,
        Mode.ONSITE,
        {
            "a1": Answer(result=Result.PASS),
            "a2": Answer(result=Result.FAIL),
            "b1": Answer(result=Result.PASS),
        },
    )
    assert s.sections["a"].percent == pytest.approx(25.0)
    assert s.total == pytest.approx(0.3 * 25 + 0.7 * 100)


def test_na_section_drops_out_and_its_weight_is_shared() -> None:
    c = _checklist(
        [
            {"id": "a", "title": {"zh": "甲", "en": "A"}, "weight": 50, "items": [_yn("a1")]},
            {"id": "b", "title": {"zh": "乙", "en": "B"}, "weight": 50, "items": [_yn("b1")]},
        ]
    )
    s = score(c, Mode.ONSITE, {"a1": Answer(result=Result.NA), "b1": Answer(result=Result.PASS)})
    assert s.sections["a"].percent is None
    assert s.total == pytest.approx(100.0)


def test_gate_zeroes_its_section_only() -> None:
    answers = all_pass(EXAMPLE, Mode.MYSTERY)
    answers["ex.manager"] = Answer(result=Result.FAIL)
    s = score(EXAMPLE, Mode.MYSTERY, answers)
    assert s.sections["ex.service"].percent == 0.0
    assert s.sections["ex.entrance"].percent == pytest.approx(100.0)
    assert s.gates_failed == ("ex.manager",)
    assert s.total == pytest.approx(40.0)


def test_penalty_deducts_after_normalisation() -> None:
    answers = all_pass(EXAMPLE, Mode.MYSTERY)
    answers["ex.forbidden"] = Answer(result=Result.FAIL)
    s = score(EXAMPLE, Mode.MYSTERY, answers)
    assert s.base == pytest.approx(100.0)
    assert s.total == pytest.approx(98.0)
    # The penalty item is only asked in mystery mode: hidden on site.
    assert score(EXAMPLE, Mode.ONSITE, answers).items["ex.forbidden"].outcome == Outcome.HIDDEN


def test_typed_values_score_by_threshold() -> None:
    base = all_pass(EXAMPLE)
    cases = [
        ("ex.counter_height", 700, Outcome.PASS),
        ("ex.counter_height", 850, Outcome.PASS),
        ("ex.counter_height", 851, Outcome.FAIL),
        ("ex.counter_height", 699.5, Outcome.FAIL),
        ("ex.ramp_slope", 12, Outcome.PASS),
        ("ex.ramp_slope", 11.9, Outcome.FAIL),
        ("ex.reading", 3, Outcome.PASS),
        ("ex.reading", 2, Outcome.PARTIAL),
        ("ex.reading", 0, Outcome.FAIL),
        ("ex.polite", 5, Outcome.PASS),
        ("ex.polite", 3, Outcome.PARTIAL),
        ("ex.answer_quality", "partly", Outcome.PARTIAL),
        ("ex.answer_quality", "wrong", Outcome.FAIL),
    ]
    for item_id, value, expected in cases:
        answers = {**base, item_id: Answer(value=value)}
        got = score(EXAMPLE, Mode.ONSITE, answers).items[item_id].outcome
        assert got == expected, (item_id, value, got)


def test_explicit_result_overrides_value() -> None:
    answers = {**all_pass(EXAMPLE), "ex.counter_height": Answer(result=Result.FAIL, value=800)}
    assert score(EXAMPLE, Mode.ONSITE, answers).items["ex.counter_height"].outcome == Outcome.FAIL


def test_relevance_hides_dependent_items() -> None:
    answers = {
        **all_pass(EXAMPLE),
        "ex.ramp": Answer(result=Result.NA),
        "ex.ramp_slope": Answer(value=5),
    }
    s = score(EXAMPLE, Mode.ONSITE, answers)
    assert s.items["ex.ramp_slope"].outcome == Outcome.HIDDEN
    assert s.total == pytest.approx(100.0)


def test_unanswered_items_do_not_count_yet() -> None:
    s = score(EXAMPLE, Mode.ONSITE, {"ex.counter_height": Answer(result=Result.PASS)})
    assert s.total == pytest.approx(100.0)
    assert s.items["ex.polite"].outcome == Outcome.UNANSWERED


# ---------------------------------------------------------------- properties
def _independent_items(c: Checklist) -> list[Item]:
    """Items no other item's show_if / na_if looks at (flipping them changes nothing else)."""
    watched = {cond.item for i in c.items() for cond in (i.show_if, i.na_if) if cond}
    return [i for i in c.items() if i.id not in watched]


def _answer_strategy(item: Item) -> st.SearchStrategy[Answer | None]:
    results = [Result.PASS, Result.FAIL] + ([Result.NA] if item.allows_na else [])
    options: list[st.SearchStrategy[Answer | None]] = [
        st.none(),
        st.sampled_from(results).map(lambda r: Answer(result=r)),
    ]
    if item.type == AnswerType.MEASURE:
        options.append(st.floats(0, 2000, allow_nan=False).map(lambda v: Answer(value=v)))
    if item.type == AnswerType.SCALE and item.scale:
        options.append(st.integers(item.scale.min, item.scale.max).map(lambda v: Answer(value=v)))
    if item.type == AnswerType.COUNT:
        options.append(st.integers(0, 20).map(lambda v: Answer(value=v)))
    if item.type == AnswerType.CHOICE and item.options:
        options.append(st.sampled_from([o.id for o in item.options]).map(lambda v: Answer(value=v)))
    return st.one_of(options)


CHECKLISTS = st.sampled_from([EXAMPLE, PROPS])


@st.composite
def answer_sets(draw: st.DrawFn, c: Checklist) -> dict[str, Answer]:
    out: dict[str, Answer] = {}
    for item in c.items():
        a = draw(_answer_strategy(item))
        if a is not None:
            out[item.id] = a
    return out


MODES = st.sampled_from([Mode.ONSITE, Mode.MYSTERY])


@given(c=CHECKLISTS, mode=MODES, data=st.data())
def test_total_always_within_0_and_100(c: Checklist, mode: Mode, data: st.DataObject) -> None:
    s = score(c, mode, data.draw(answer_sets(c)))
    assert 0.0 <= s.total <= 100.0
    for sec in s.sections.values():
        assert sec.percent is None or 0.0 <= sec.percent <= 100.0


@given(c=CHECKLISTS, mode=MODES, data=st.data())
def test_failed_to_passed_never_lowers_the_total(
    c: Checklist, mode: Mode, data: st.DataObject
) -> None:
    answers = data.draw(answer_sets(c))
    item = data.draw(st.sampled_from(_independent_items(c)))
    failed = {**answers, item.id: Answer(result=Result.FAIL)}
    passed = {**answers, item.id: Answer(result=Result.PASS)}
    before, after = score(c, mode, failed), score(c, mode, passed)
    assert after.total >= before.total - 1e-9
    assert after.passed or not before.passed


@given(mode=MODES, data=st.data())
def test_na_never_lowers_the_total(mode: Mode, data: st.DataObject) -> None:
    c = PROPS
    answers = data.draw(answer_sets(c))
    candidates = [i for i in _independent_items(c) if i.allows_na]
    item = data.draw(st.sampled_from(candidates))
    failed = {**answers, item.id: Answer(result=Result.FAIL)}
    na = {**answers, item.id: Answer(result=Result.NA)}
    unanswered = {k: v for k, v in answers.items() if k != item.id}
    assert score(c, mode, na).total >= score(c, mode, failed).total - 1e-9
    assert score(c, mode, na).total == pytest.approx(score(c, mode, unanswered).total)


@given(c=CHECKLISTS, mode=MODES, data=st.data())
def test_same_answers_same_result(c: Checklist, mode: Mode, data: st.DataObject) -> None:
    answers = data.draw(answer_sets(c))
    reordered = dict(reversed(list(answers.items())))
    assert score(c, mode, answers) == score(c, mode, reordered)


def test_conditions_on_scenario_and_numbers() -> None:
    c = _checklist(
        [
            {
                "id": "a",
                "title": {"zh": "甲", "en": "A"},
                "weight": 1,
                "items": [
                    {
                        **_yn("rise", 1),
                        "type": "measure",
                        "measure": {"unit": {"zh": "毫米", "en": "mm"}, "min": 0},
                    },
                    {**_yn("rail", 1), "show_if": {"item": "rise", "min": 300}},
                    {**_yn("wealth", 1), "na_if": {"scenario": ["cash"]}},
                ],
            },
        ],
        scenarios=[
            {"id": "cash", "title": {"zh": "取现", "en": "Cash"}},
            {"id": "wm", "title": {"zh": "理财", "en": "Wealth"}},
        ],
    )
    fail = {"rail": Answer(result=Result.FAIL), "wealth": Answer(result=Result.FAIL)}
    low = score(c, Mode.ONSITE, {**fail, "rise": Answer(value=120)}, scenario="cash")
    assert low.items["rail"].outcome == Outcome.HIDDEN
    assert low.items["wealth"].outcome == Outcome.NA
    high = score(c, Mode.ONSITE, {**fail, "rise": Answer(value=300)}, scenario="wm")
    assert high.items["rail"].outcome == Outcome.FAIL
    assert high.items["wealth"].outcome == Outcome.FAIL


def _check_deductions_add_up(c: Checklist, mode: Mode, answers: dict[str, Answer]) -> None:
    s = score(c, mode, answers)
    if not any(sec.applicable for sec in s.sections.values()):
        assert s.deductions == ()  # nothing answered yet: no score, nothing lost
        return
    lost = sum(d.points for d in s.deductions)
    assert lost == pytest.approx(100.0 - numbers.record(s.total), abs=0.005)
    assert all(d.points > 0 for d in s.deductions)
    sections = {sec.id: {i.id for i in sec.items} for sec in c.real_sections()}
    for d in s.deductions:
        assert d.item_id in sections[d.section_id]


def test_deductions_explain_the_total() -> None:
    answers = all_pass(PROPS)
    answers["p1"] = Answer(result=Result.FAIL)  # s1: 2 of 3 points lost, weight 20 of 100
    answers["pen"] = Answer(result=Result.FAIL)  # penalty 4
    answers["c"] = Answer(value=1)  # partial: 1 of 3 kinds
    s = score(PROPS, Mode.ONSITE, answers)
    by_item = {d.item_id: d for d in s.deductions}
    assert by_item["p1"].reason.value == "fail"
    assert by_item["pen"].reason.value == "penalty"
    assert by_item["pen"].points == pytest.approx(4.0)
    assert by_item["c"].reason.value == "partial"
    assert sum(d.points for d in s.deductions) == pytest.approx(100 - numbers.record(s.total))


def test_gate_and_veto_deductions() -> None:
    answers = all_pass(PROPS)
    answers["g"] = Answer(result=Result.FAIL)
    answers["v"] = Answer(result=Result.FAIL)
    s = score(PROPS, Mode.ONSITE, answers)
    reasons = {d.item_id: d.reason.value for d in s.deductions}
    assert reasons["g"] == "gate"
    assert reasons["v"] == "veto"
    _check_deductions_add_up(PROPS, Mode.ONSITE, answers)


def test_penalties_beyond_zero_are_not_deducted_twice() -> None:
    answers = {i.id: Answer(result=Result.FAIL) for i in PROPS.items()}
    s = score(PROPS, Mode.ONSITE, answers)
    assert s.total == 0.0
    assert sum(d.points for d in s.deductions) == pytest.approx(100.0)


@given(c=CHECKLISTS, mode=MODES, data=st.data())
def test_deductions_always_sum_to_100_minus_total(
    c: Checklist, mode: Mode, data: st.DataObject
) -> None:
    _check_deductions_add_up(c, mode, data.draw(answer_sets(c)))


def _phrases_checklist(cap: float | None) -> Checklist:
    phrases: dict[str, Any] = {
        "id": "p",
        "text": {"zh": "禁语", "en": "Phrases"},
        "type": "count",
        "count": {"pass_max": 0},
        "points": 0,
        "penalty": 2,
    }
    if cap is not None:
        phrases["penalty_cap"] = cap
    return _checklist(
        [{"id": "s", "title": {"zh": "一", "en": "One"}, "weight": 1, "items": [_yn("a"), phrases]}]
    )


@pytest.mark.parametrize(
    ("cap", "value", "total"),
    [
        (6, 0, 100.0),
        (6, 1, 98.0),
        (6, 2, 96.0),
        (6, 3, 94.0),
        (6, 9, 94.0),  # capped
        (5, 3, 95.0),  # a cap need not be a multiple of the penalty
        (None, 3, 98.0),  # without a cap: the old flat penalty, whatever the count
    ],
)
def test_penalty_per_occurrence_up_to_its_cap(cap: float | None, value: int, total: float) -> None:
    c = _phrases_checklist(cap)
    s = score(c, Mode.ONSITE, {"a": Answer(result=Result.PASS), "p": Answer(value=value)})
    assert s.base == pytest.approx(100.0)
    assert s.total == pytest.approx(total)
    _check_deductions_add_up(
        c, Mode.ONSITE, {"a": Answer(result=Result.PASS), "p": Answer(value=value)}
    )


def test_penalty_cap_with_an_explicit_fail_and_no_count_is_one_occurrence() -> None:
    c = _phrases_checklist(6)
    s = score(c, Mode.ONSITE, {"a": Answer(result=Result.PASS), "p": Answer(result=Result.FAIL)})
    assert s.total == pytest.approx(98.0)
    s = score(
        c, Mode.ONSITE, {"a": Answer(result=Result.PASS), "p": Answer(result=Result.PASS, value=4)}
    )
    assert s.total == pytest.approx(100.0)  # the inspector's own judgement counts


def test_where_the_scenario_applies_an_item_a_chosen_na_is_no_answer() -> None:
    c = _checklist(
        [
            {
                "id": "s",
                "title": {"zh": "一", "en": "One"},
                "weight": 1,
                "items": [
                    _yn("a"),
                    {**_yn("sc"), "type": "yes_no", "na_if": {"scenario": ["other"]}},
                ],
            }
        ],
        scenarios=[
            {"id": "played", "title": {"zh": "演", "en": "Played"}},
            {"id": "other", "title": {"zh": "他", "en": "Other"}},
        ],
    )
    item = c.item("sc")
    assert item.scenario_decides_na and not item.allows_na
    assert not item.na_choosable("played") and item.na_choosable("other")
    answers = {"a": Answer(result=Result.PASS), "sc": Answer(result=Result.NA)}
    assert score(c, Mode.MYSTERY, answers, scenario="played").items["sc"].outcome == (
        Outcome.UNANSWERED
    )
    assert score(c, Mode.MYSTERY, answers, scenario="other").items["sc"].outcome == Outcome.NA
    # Before a scenario is chosen the item cannot be N/A either (the type does not allow it).
    assert not item.na_choosable(None)
    # An older snapshot whose item allowed N/A (before the loader refused that) keeps
    # scoring as it did: the stored N/A still counts as N/A.
    legacy = c.model_copy(
        update={
            "sections": [
                c.real_sections()[0].model_copy(
                    update={"items": [c.item("a"), item.model_copy(update={"na_allowed": True})]}
                )
            ]
        }
    )
    s = score(legacy, Mode.MYSTERY, answers, scenario="played")
    assert s.items["sc"].outcome == Outcome.NA
