"""Probability of being best: Dirichlet draws of the weights from the scenario seed."""

from __future__ import annotations

import dataclasses
import math
import time

import numpy as np
import pytest

from offer_eval.core import lanes
from offer_eval.core.decision import (
    DecisionResult,
    probability_best,
)
from offer_eval.core.decision.probability import (
    Acceptability,
    Offer,
    acceptability,
    drawn_from,
    drawn_values,
)
from offer_eval.core.decision.score import FloatArray
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


@pytest.mark.parametrize("spread", [0.01, 0.3], ids=["many near ties", "few near ties"])
def test_the_draws_shared_between_two_threads_give_what_one_thread_gives(
    monkeypatch: pytest.MonkeyPatch, spread: float
) -> None:
    # Twelve offers whose scores sit within a few hundredths: many draws have offers within
    # the 0.005-point margin, so the rank shares of groups of two, three and more are summed,
    # and such draws fall in both halves. Paths shorter than the draws repeat (the 1,500 paths
    # here), one offer's are longer than the draws, and ratings are uncertain.
    rng = np.random.default_rng(11)
    criteria = 6
    offers = [
        Offer(
            f"offer-{index}",
            5.0 + spread * rng.random(criteria),
            np.full(criteria, 0.5),
            {2: 5.0 + spread * rng.standard_normal(1_500 if index else 12_000)},
        )
        for index in range(12)
    ]
    ids = tuple(f"c{k}" for k in range(criteria))
    weights = np.array([1.0, 2.0, 3.0, 1.5, 0.0, 0.5])

    def draw() -> tuple[FloatArray, Acceptability]:
        drawn = drawn_values(offers, ids, 5, 10_000)
        return drawn, acceptability(offers, ids, weights, confidence=8.0, seed=5, draws=10_000)

    monkeypatch.setattr(lanes, "LANES", 2)  # two lanes even on a one-processor machine
    drawn, shared = draw()
    monkeypatch.setattr(lanes, "LANES", 1)
    alone_drawn, alone = draw()
    assert np.array_equal(drawn, alone_drawn)
    assert np.array_equal(shared.ranks, alone.ranks)
    assert np.array_equal(shared.probability_best, alone.probability_best)
    assert np.array_equal(shared.central_weights, alone.central_weights, equal_nan=True)
    # Offer by offer, some taken from an earlier result (a slider step lays out only the offer
    # it changed): the same values.
    for draws in (1_000, 10_000):
        whole = drawn_values(offers, ids, 5, draws)
        fresh = drawn_from(offers, [None] * len(offers), ids, 5, draws)
        known = [whole[i] if i % 3 else None for i in range(len(offers))]
        mixed = drawn_from(offers, known, ids, 5, draws)
        assert np.array_equal(whole, fresh)
        assert np.array_equal(whole, mixed)
        assert not mixed.flags.writeable
