"""A short fuzz run over every outside-input parser (seconds; the long run is in bench/).

Hypothesis draws a seed input and a random generator (derandomized: the exploring is
done by the long run, which saves what it finds); the shared mutator edits the seed
and the target must either accept the result or refuse it with a ``UserError``. A
failure prints the drawn example; reproduce it with the same seed in ``mutate``.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.targets import FACTORIES, Target, mutate, random_json, replace_random_value

# Cheap targets get more examples; an import opens a transaction per example.
EXAMPLES = {
    "photo": 60,
    "checklist": 60,
    "manifest": 80,
    "package": 25,
    "signed": 25,
    "hqpack": 30,
    "signed-hqpack": 40,
    "signed-response": 40,
}

_targets: dict[str, Target] = {}


def _target(name: str) -> Target:
    if name not in _targets:
        _targets[name] = FACTORIES[name]()
    return _targets[name]


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow on corrupt EXIF, by design
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_fuzz_target(name: str) -> None:
    target = _target(name)

    @settings(
        max_examples=EXAMPLES[name],
        deadline=None,
        database=None,
        derandomize=True,  # the same inputs every run: the test command stays reproducible
        suppress_health_check=list(HealthCheck),
    )
    @given(seed=st.sampled_from(range(len(target.seeds))), rng=st.randoms(use_true_random=False))
    def run(seed: int, rng: random.Random) -> None:
        target.run(target.mutate(target.seeds[seed], rng))

    run()


def test_seeds_are_accepted_unchanged() -> None:
    """The seeds are valid inputs: the fuzzer starts from the deep end of each parser."""
    for name in ("photo", "checklist", "manifest"):
        t = _target(name)
        t.run(t.seeds[0])


def test_mutator_and_json_values_are_deterministic() -> None:
    a = mutate(b"hello world" * 10, random.Random(7))
    assert a == mutate(b"hello world" * 10, random.Random(7))
    v = replace_random_value({"a": [1, {"b": 2}]}, random.Random(3))
    assert v == replace_random_value({"a": [1, {"b": 2}]}, random.Random(3))
    assert random_json(random.Random(1)) == random_json(random.Random(1))
