"""The scoring engine: pure, deterministic, no Qt, no database.

Rules (all parameters come from the checklist file):

* An item earns a share ``f`` in [0, 1] of its points: an explicit ``pass``/``fail`` gives
  1/0; otherwise the typed value decides (a measurement inside its range, a count meeting
  its threshold, a scale step, a choice's credit).
* N/A, unanswered, hidden (``show_if`` false, other mode) and ``na_if`` items are not
  applicable: they leave the section's denominator, so they never penalise. Where the
  scenario decides N/A (``na_if`` names scenarios) and the item applies in the scenario
  played, an N/A answer is no answer: the visitor cannot choose N/A there.
* A section's percent is earned / applicable points x 100; a failed gate item zeroes it.
  Sections with no applicable item drop out and their weight is shared by the others.
* The total is the weight-averaged section percent, minus penalties (``penalty`` x
  (1 - f) of each answered penalty item; with ``penalty_cap``, ``penalty`` per occurrence
  counted beyond the threshold, at most the cap), clamped to [0, 100].
* The grade is the first band whose ``min`` the total reaches; a failed veto item caps the
  grade at ``veto_grade`` and makes ``passed`` false whatever the total.
* Deductions (扣分) explain the total the way a branch reads a score sheet: every point
  lost, item by item, so that 100 − Σ deductions = total (to the cent). An item in a section
  of weight ``w`` (out of the applicable weights ``W``) whose section has ``possible``
  points loses ``(1 − f) × points / possible × 100 × w / W``; a failed gate also carries the
  rest of its section; penalty items carry their penalty (less what the clamp at 0 absorbs).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from inspector.domain import numbers
from inspector.domain.answers import Answer
from inspector.domain.checklist import (
    AnswerType,
    Checklist,
    Condition,
    Item,
    Mode,
    Result,
    Section,
)

log = logging.getLogger(__name__)

_EPS = 1e-9


class DeductionReason(StrEnum):
    """Why points were taken off (the 扣分原因 column of a score sheet)."""

    FAIL = "fail"
    PARTIAL = "partial"
    PENALTY = "penalty"
    VETO = "veto"  # a failed red-line item: its points, and the grade is capped
    GATE = "gate"  # a failed gate item: the whole section is zeroed


@dataclass(frozen=True, slots=True)
class Deduction:
    """Points of the 100 lost through one item, rounded to cents."""

    item_id: str
    section_id: str
    points: float
    reason: DeductionReason


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 - not a password
    PARTIAL = "partial"
    FAIL = "fail"
    NA = "na"
    UNANSWERED = "unanswered"
    HIDDEN = "hidden"


@dataclass(frozen=True, slots=True)
class ItemScore:
    item_id: str
    outcome: Outcome
    fraction: float | None  # share earned, None when not applicable
    points: float  # points earned (0 when not applicable)
    max_points: float  # points at stake (0 when not applicable)
    penalty: float  # points taken off the total by this item

    @property
    def applicable(self) -> bool:
        return self.fraction is not None

    @property
    def is_finding(self) -> bool:
        return self.outcome in (Outcome.FAIL, Outcome.PARTIAL)


@dataclass(frozen=True, slots=True)
class SectionScore:
    section_id: str
    area: str
    weight: float
    earned: float
    possible: float
    percent: float | None  # None when no item applies
    gated: bool
    answered: int
    visible: int

    @property
    def applicable(self) -> bool:
        return self.percent is not None


@dataclass(frozen=True, slots=True)
class Score:
    total: float
    base: float  # before penalties
    penalties: float
    grade: str
    passed: bool
    veto_failed: tuple[str, ...]
    gates_failed: tuple[str, ...]
    sections: dict[str, SectionScore] = field(default_factory=dict)
    items: dict[str, ItemScore] = field(default_factory=dict)
    deductions: tuple[Deduction, ...] = ()

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.sections.values())

    @property
    def visible(self) -> int:
        return sum(s.visible for s in self.sections.values())


def value_fraction(item: Item, answer: Answer) -> float | None:
    """Share of points the typed value earns; None when the value says nothing."""
    v = answer.value
    if v is None:
        return None
    t = item.type
    if t in (AnswerType.YES_NO, AnswerType.YES_NO_NA):
        return 1.0 if v is True else 0.0
    if t == AnswerType.SCALE and item.scale is not None and isinstance(v, int | float):
        span = item.scale.max - item.scale.min
        return min(1.0, max(0.0, (float(v) - item.scale.min) / span))
    if t == AnswerType.COUNT and item.count is not None and isinstance(v, int | float):
        c = item.count
        if c.pass_max is not None and v > c.pass_max:
            return 0.0
        if c.pass_min is not None and v < c.pass_min:
            return min(1.0, float(v) / c.pass_min) if c.partial and c.pass_min > 0 else 0.0
        return 1.0
    if t == AnswerType.MEASURE and item.measure is not None and isinstance(v, int | float):
        return 1.0 if measure_passes(item, float(v)) else 0.0
    if t == AnswerType.CHOICE and item.options is not None:
        for o in item.options:
            if o.id == v:
                return o.credit
        return None
    if t == AnswerType.TEXT and isinstance(v, str):
        min_len = item.text_spec.min_length if item.text_spec else 0
        return 1.0 if len(v.strip()) >= max(min_len, 1) else 0.0
    return None


def measure_passes(item: Item, value: float) -> bool:
    """Whether a measurement is inside the item's pass range (bounds inclusive)."""
    m = item.measure
    if m is None:
        return False
    if m.min is not None and value < m.min - _EPS:
        return False
    return not (m.max is not None and value > m.max + _EPS)


def _fraction(item: Item, answer: Answer | None) -> tuple[Outcome, float | None]:
    if answer is None or answer.is_empty:
        return Outcome.UNANSWERED, None
    if answer.result == Result.NA:
        return Outcome.NA, None
    if answer.result == Result.PASS:
        return Outcome.PASS, 1.0
    if answer.result == Result.FAIL:
        return Outcome.FAIL, 0.0
    f = value_fraction(item, answer)
    if f is None:
        return Outcome.UNANSWERED, None
    if f >= 1.0 - _EPS:
        return Outcome.PASS, 1.0
    if f <= _EPS:
        return Outcome.FAIL, 0.0
    return Outcome.PARTIAL, f


def _holds(
    cond: Condition,
    outcomes: Mapping[str, Outcome],
    answers: Mapping[str, Answer],
    scenario: str | None,
) -> bool:
    if cond.scenario is not None and scenario is not None and scenario in cond.scenario:
        return True
    if cond.item is None:
        return False
    outcome = outcomes.get(cond.item, Outcome.UNANSWERED)
    if cond.result is not None:
        wanted = {r.value for r in cond.result}
        # A partial answer counts as neither pass nor fail for conditions.
        if outcome.value in wanted:
            return True
    if outcome == Outcome.HIDDEN:
        return False
    a = answers.get(cond.item)
    v = a.value if a is not None else None
    if cond.value is not None and v is not None and v in cond.value:
        return True
    ranged = cond.min is not None or cond.max is not None
    if ranged and isinstance(v, int | float) and not isinstance(v, bool):
        low = cond.min is None or v >= cond.min - _EPS
        high = cond.max is None or v <= cond.max + _EPS
        return low and high
    return False


def item_outcomes(
    checklist: Checklist,
    mode: Mode,
    answers: Mapping[str, Answer],
    scenario: str | None = None,
) -> dict[str, tuple[Outcome, float | None]]:
    """Each item's outcome and earned share, after relevance and N/A rules."""
    out: dict[str, tuple[Outcome, float | None]] = {}
    outcomes: dict[str, Outcome] = {}
    # Items are visited in file order; the validator only lets conditions look back,
    # so every condition sees final outcomes.
    for item in checklist.items():
        if not item.applies_to(mode) or (
            item.show_if is not None and not _holds(item.show_if, outcomes, answers, scenario)
        ):
            res: tuple[Outcome, float | None] = (Outcome.HIDDEN, None)
        elif item.na_if is not None and _holds(item.na_if, outcomes, answers, scenario):
            res = (Outcome.NA, None)
        else:
            res = _fraction(item, answers.get(item.id))
            if res[0] == Outcome.NA and not item.allows_na and not item.na_choosable(scenario):
                # The scenario played makes this item apply: a visitor's N/A (given before
                # the scenario was chosen, or stored by an older version) is no answer.
                res = (Outcome.UNANSWERED, None)
        out[item.id] = res
        outcomes[item.id] = res[0]
    return out


def score(
    checklist: Checklist,
    mode: Mode,
    answers: Mapping[str, Answer],
    scenario: str | None = None,
) -> Score:
    """Score one inspection. Same inputs, same result, always.

    ``scenario`` is the mystery-shopper scenario played, for conditions that depend on it.
    """
    outcomes = item_outcomes(checklist, mode, answers, scenario)
    items: dict[str, ItemScore] = {}
    sections: dict[str, SectionScore] = {}
    veto_failed: list[str] = []
    gates_failed: list[str] = []
    penalties = 0.0

    for section in checklist.real_sections():
        earned = possible = 0.0
        gated = False
        answered = visible = 0
        for item in section.items:
            outcome, f = outcomes[item.id]
            if outcome != Outcome.HIDDEN:
                visible += 1
                if outcome != Outcome.UNANSWERED:
                    answered += 1
            pen = 0.0
            if f is not None:
                if item.scored:
                    earned += f * item.points
                    possible += item.points
                if item.penalty > 0:
                    given = answers.get(item.id)
                    pen = item.penalty_for(f, given.value if given is not None else None)
                    penalties += pen
                if f <= _EPS and item.veto:
                    veto_failed.append(item.id)
                if f <= _EPS and item.gate:
                    gated = True
                    gates_failed.append(item.id)
            items[item.id] = ItemScore(
                item_id=item.id,
                outcome=outcome,
                fraction=f,
                points=(f * item.points) if f is not None else 0.0,
                max_points=item.points if f is not None else 0.0,
                penalty=pen,
            )
        percent: float | None = None
        if possible > 0:
            percent = 0.0 if gated else 100.0 * earned / possible
        sections[section.id] = SectionScore(
            section_id=section.id,
            area=section_area(checklist, section),
            weight=section.weight,
            earned=0.0 if gated else earned,
            possible=possible,
            percent=percent,
            gated=gated,
            answered=answered,
            visible=visible,
        )

    weights = sum(s.weight for s in sections.values() if s.percent is not None)
    base = (
        sum(s.weight * s.percent for s in sections.values() if s.percent is not None) / weights
        if weights > 0
        else 0.0
    )
    total = min(100.0, max(0.0, base - penalties))
    grade = grade_for(checklist, total, bool(veto_failed))
    passed = not veto_failed and checklist.grade(grade).passing
    deductions = _deductions(checklist, sections, items, weights, base, total)
    return Score(
        total=total,
        base=base,
        penalties=penalties,
        grade=grade,
        passed=passed,
        veto_failed=tuple(veto_failed),
        gates_failed=tuple(gates_failed),
        sections=sections,
        items=items,
        deductions=deductions,
    )


def _deductions(
    checklist: Checklist,
    sections: Mapping[str, SectionScore],
    items: Mapping[str, ItemScore],
    weights: float,
    base: float,
    total: float,
) -> tuple[Deduction, ...]:
    """Every point lost, per item, summing to 100 − total once rounded (see module doc).

    With no applicable section there is no score yet, and nothing has been lost.
    """
    if weights <= 0:
        return ()
    raw: list[tuple[str, str, float, DeductionReason]] = []
    for section in checklist.real_sections():
        sec = sections[section.id]
        if sec.percent is None or weights <= 0:
            continue
        share = 100.0 * sec.weight / weights  # this section's part of the 100
        gate_item: str | None = None
        lost_by_items = 0.0
        for item in section.items:
            s = items[item.id]
            if s.fraction is None or not item.scored:
                if item.gate and s.fraction is not None and s.fraction <= _EPS:
                    gate_item = gate_item or item.id
                continue
            lost = (1.0 - s.fraction) * item.points / sec.possible * share
            if item.gate and s.fraction <= _EPS:
                gate_item = gate_item or item.id
            if lost <= _EPS:
                continue
            lost_by_items += lost
            if item.veto and s.fraction <= _EPS:
                reason = DeductionReason.VETO
            elif s.outcome == Outcome.PARTIAL:
                reason = DeductionReason.PARTIAL
            else:
                reason = DeductionReason.FAIL
            raw.append((item.id, section.id, lost, reason))
        if sec.gated and gate_item is not None:
            # A gate zeroes its section: what the items had still earned is lost through it.
            rest = share - lost_by_items
            if rest > _EPS:
                raw.append((gate_item, section.id, rest, DeductionReason.GATE))
    # Penalties come off after weighting; the clamp at 0 can absorb part of them.
    room = max(0.0, base)
    for section in checklist.real_sections():
        for item in section.items:
            s = items[item.id]
            if s.penalty > _EPS and room > _EPS:
                taken = min(s.penalty, room)
                room -= taken
                raw.append((item.id, section.id, taken, DeductionReason.PENALTY))
    return _round_to_total(raw, total)


def _round_to_total(
    raw: list[tuple[str, str, float, DeductionReason]], total: float
) -> tuple[Deduction, ...]:
    """Round each deduction to cents so that they add up to 100 − the printed total.

    The printed total is the value of record (:func:`inspector.domain.numbers.record`, half
    up to cents), so the column adds up to what the reader sees. Largest-remainder
    rounding: floor every share, then give the missing cents to the largest remainders, so
    no printed column is off by a cent from the printed total.
    """
    want = 10_000 - round(numbers.record(total) * 100)
    cents = [int(p * 100 + _EPS * 100) for _, _, p, _ in raw]
    missing = want - sum(cents)
    order = sorted(range(len(raw)), key=lambda i: raw[i][2] * 100 - cents[i], reverse=True)
    for i in order:
        if missing <= 0:
            break
        cents[i] += 1
        missing -= 1
    # Floating error can leave the floors a cent high; take it back from the smallest remainders.
    for i in reversed(order):
        if missing >= 0:
            break
        if cents[i] > 0:
            cents[i] -= 1
            missing += 1
    return tuple(
        Deduction(item_id=item, section_id=sec, points=c / 100, reason=reason)
        for (item, sec, _, reason), c in zip(raw, cents, strict=True)
        if c > 0
    )


def grade_for(checklist: Checklist, total: float, veto: bool) -> str:
    """The grade band for ``total``, capped at ``veto_grade`` when a veto item failed."""
    bands = sorted(checklist.grades, key=lambda g: g.min, reverse=True)
    code = bands[-1].code
    for g in bands:
        if total >= g.min - _EPS:
            code = g.code
            break
    if veto:
        cap = checklist.grade(checklist.veto_grade)
        if checklist.grade(code).min > cap.min:
            code = cap.code
    return code


def section_area(checklist: Checklist, section: Section) -> str:
    return section.area or checklist.id


def top_grade(checklist: Checklist) -> str:
    return max(checklist.grades, key=lambda g: g.min).code
