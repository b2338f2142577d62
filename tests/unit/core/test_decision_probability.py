"""Probability of being best: Dirichlet draws of the weights from the scenario seed."""

from __future__ import annotations

import dataclasses
import math
import time

import numpy as np
import pytest

from offer_eval.core.decision import (
    DecisionResult,
    probability_best,
)
from offer_eval.core.models import Scenario
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._decision_support import (
    decide_demo,
)


@pytest.fixture(scope="module")
def demo_s() -> Scenario:
    return demo_scenario()


@pytest.fixture(scope="module")
def demo_result(demo_s: Scenario) -> DecisionResult:
    return decide_demo(demo_s)


# --- probability of being best ---------------------------------------------------------------------


def test_probability_best_is_deterministic_on_the_seed_and_adds_to_one(demo_s: Scenario) -> None:
    result = decide_demo(demo_s)
    again = decide_demo(demo_s)
    assert result.probability_best == again.probability_best
    assert math.fsum(result.probability_best.values()) == pytest.approx(1.0)
    other_seed = decide_demo(
        demo_s.replace(simulation=dataclasses.replace(demo_s.simulation, seed=7))
    )
    assert other_seed.probability_best != result.probability_best
    assert other_seed.probability_best["ml-engineer"] == pytest.approx(
        result.probability_best["ml-engineer"], abs=0.02
    )
    assert result.draws == 10_000


def test_probability_best_on_the_demo_is_high_but_not_certain(demo_result: DecisionResult) -> None:
    assert 0.85 < demo_result.probability_best["ml-engineer"] < 1.0


def test_more_confidence_in_the_weights_makes_the_winner_surer(demo_s: Scenario) -> None:
    chances = [
        decide_demo(demo_s.replace(weight_confidence=c), tie_salaries=False).probability_best[
            "ml-engineer"
        ]
        for c in (2.0, 50.0, 100_000.0)
    ]
    assert chances[0] < chances[1] < chances[2]
    assert chances[2] == 1.0


def test_identical_offers_split_every_draw() -> None:
    values = np.array([[5.0, 7.0], [5.0, 7.0], [1.0, 1.0]])
    chances = probability_best(values, np.array([1.0, 2.0]), 10.0, seed=3)
    assert chances.tolist() == [0.5, 0.5, 0.0]


def test_probability_best_ignores_zero_weights_and_is_fast() -> None:
    values = np.array([[10.0, 0.0], [0.0, 10.0]])
    assert probability_best(values, np.array([1.0, 0.0]), 0.5, seed=1).tolist() == [1.0, 0.0]
    rng = np.random.default_rng(0)
    values = rng.uniform(0, 10, size=(5, 12))
    weights = rng.uniform(0, 3, size=12)
    probability_best(values, weights, 50.0, seed=1)
    start = time.perf_counter()
    for _ in range(5):
        probability_best(values, weights, 50.0, seed=1)
    assert (time.perf_counter() - start) / 5 < 0.05


def test_probability_stream_is_not_the_plain_seed_stream() -> None:
    values = np.array([[10.0, 0.0], [0.0, 10.0]])
    weights = np.array([1.0, 1.0])
    ours = probability_best(values, weights, 5.0, seed=11, draws=1_000)
    plain = np.random.default_rng(11).dirichlet([2.5, 2.5], size=1_000)
    plain_first = float((plain[:, 0] > plain[:, 1]).mean())
    # Same distribution, different draws: equal only by coincidence.
    assert ours[0] != plain_first
