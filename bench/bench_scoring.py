"""Benchmark: scoring 10,000 inspections of 80 items.

Baseline, measured in the same run: the bare arithmetic of a weighted score (a loop over the
same 80 answers summing points per section), with none of the engine's rules. The ratio
says what the rules (N/A, relevance, gates, penalties, vetoes, typed values) cost on top.
"""

from __future__ import annotations

import random
import time
from typing import Any

from inspector.domain.answers import Answer
from inspector.domain.checklist import Checklist, Mode, Result
from inspector.domain.scoring import score

N_INSPECTIONS = 10_000
N_SECTIONS = 5
ITEMS_PER_SECTION = 16


def _checklist() -> Checklist:
    sections: list[dict[str, Any]] = []
    for s in range(N_SECTIONS):
        items: list[dict[str, Any]] = []
        for i in range(ITEMS_PER_SECTION):
            item: dict[str, Any] = {
                "id": f"s{s}.i{i}",
                "text": {"zh": f"检查项{s}-{i}", "en": f"Item {s}-{i}"},
                "type": "yes_no_na",
                "points": 1 + i % 4,
            }
            if i % 8 == 3:
                item.update(
                    type="measure",
                    measure={"unit": {"zh": "毫米", "en": "mm"}, "min": 700, "max": 850},
                )
            if i % 8 == 5:
                item.update(type="scale", scale={"min": 0, "max": 4})
            if i == 0 and s == 0:
                item.update(points=0, gate=True)
            if i == 1:
                item["veto"] = True
            if i == 2 and s == 4:
                item.update(points=0, penalty=2)
            if i == 6:
                item["show_if"] = {"item": f"s{s}.i4", "result": ["pass"]}
            items.append(item)
        sections.append(
            {
                "id": f"s{s}",
                "title": {"zh": f"第{s}部分", "en": f"Part {s}"},
                "weight": 10 + 5 * s,
                "items": items,
            }
        )
    return Checklist.model_validate(
        {
            "format": 1,
            "id": "bench",
            "version": "1",
            "title": {"zh": "基准", "en": "Bench"},
            "modes": ["onsite"],
            "veto_grade": "F",
            "sections": sections,
            "grades": [
                {"code": "A", "min": 90, "label": {"zh": "优", "en": "A"}},
                {"code": "F", "min": 0, "label": {"zh": "差", "en": "F"}, "passing": False},
            ],
        }
    )


def _answers(c: Checklist, rng: random.Random) -> dict[str, Answer]:
    out: dict[str, Answer] = {}
    for item in c.items():
        if item.measure is not None:
            out[item.id] = Answer(value=rng.uniform(650, 900))
        elif item.scale is not None:
            out[item.id] = Answer(value=rng.randint(0, 4))
        else:
            out[item.id] = Answer(
                result=rng.choices([Result.PASS, Result.FAIL, Result.NA], weights=[8, 2, 1])[0]
            )
    return out


def _baseline(c: Checklist, all_answers: list[dict[str, Answer]]) -> float:
    sections = [(s.weight, [(i.id, i.points) for i in s.items]) for s in c.real_sections()]
    total = 0.0
    for answers in all_answers:
        acc = wsum = 0.0
        for weight, items in sections:
            earned = possible = 0.0
            for item_id, pts in items:
                a = answers[item_id]
                if a.result is Result.NA:
                    continue
                possible += pts
                if a.result is Result.PASS or (a.value is not None and a.value):
                    earned += pts
            if possible:
                acc += weight * earned / possible
                wsum += weight
        total += acc / wsum if wsum else 0.0
    return total


def run() -> list[tuple[str, float, str]]:
    c = _checklist()
    rng = random.Random(7)
    all_answers = [_answers(c, rng) for _ in range(N_INSPECTIONS)]
    t0 = time.perf_counter()
    _baseline(c, all_answers)
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    for answers in all_answers:
        score(c, Mode.ONSITE, answers)
    engine = time.perf_counter() - t0
    per = engine / N_INSPECTIONS * 1e6
    return [
        (
            f"scoring {N_INSPECTIONS} inspections x {len(c.items())} items",
            engine / base,
            f"engine {engine:.2f}s ({per:.0f} µs each), bare arithmetic {base:.2f}s",
        )
    ]


if __name__ == "__main__":
    for name, ratio, detail in run():
        print(f"{name}: ratio {ratio:.2f} ({detail})")
