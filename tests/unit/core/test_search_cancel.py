"""The long computations stop when their caller says so, between simulations.

The window runs them in a worker and asks them to stop as soon as the scenario is edited. The
searches reach the caller's check before every batch of simulations and in every month of them
(lowest salary) and before every re-simulation (tie salaries), not only once per offer, and
remember nothing half-found;
a full evaluation reaches it before each batch of strategies and before the decision.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from offer_eval.core.evaluate import Evaluator
from offer_eval.core.models import Scenario
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._decision_support import money_led


class StopError(Exception):
    """What the test's check raises: any exception of the caller's own stops a search."""


class Checks:
    """A check that counts its calls and raises `StopError` on call number `stop_at` (if given)."""

    def __init__(self, stop_at: int | None = None) -> None:
        self.calls = 0
        self.stop_at = stop_at

    def __call__(self) -> None:
        self.calls += 1
        if self.stop_at is not None and self.calls >= self.stop_at:
            raise StopError


def test_the_lowest_salary_search_checks_before_every_batch_of_simulations() -> None:
    evaluator = Evaluator()
    scenario = demo_scenario()
    evaluator.evaluate(scenario)  # the ordinary results, so only the search is counted below
    checks = Checks()
    searches = evaluator.evaluate_searches(scenario, checks)
    assert all(isinstance(v, float) for v in searches.lowest_salary.values())
    # Before declining's batch and each round of the bisections (the offers share a batch;
    # bracketing and halving down to £100 takes well over ten rounds), and in every one of the
    # 60 months of each of those simulations.
    months = scenario.simulation.months
    assert checks.calls >= 11 * (1 + months)


def test_a_stopped_lowest_salary_search_stops_at_once_and_remembers_nothing() -> None:
    evaluator = Evaluator()
    scenario = demo_scenario()
    evaluator.evaluate(scenario)
    before = evaluator.trajectories.simulated_strategies
    # Told to stop in the second month of the first simulation (declining's): before the batch,
    # then months 1 and 2. It stops there rather than at the end of the batch: no strategy was
    # simulated to its end and nothing more was started.
    checks = Checks(stop_at=3)
    with pytest.raises(StopError):
        evaluator.evaluate_searches(scenario, checks)
    assert checks.calls == 3
    assert evaluator.trajectories.simulated_strategies == before
    assert len(evaluator.trajectories.lowest) == 0
    # Asked again, the search runs to the end and gives the answer an uninterrupted one gives.
    again = evaluator.evaluate_searches(scenario)
    assert again.lowest_salary == Evaluator().evaluate_searches(scenario).lowest_salary


def test_tie_salaries_check_before_each_re_simulation_not_only_each_offer() -> None:
    evaluator = Evaluator()
    scenario = money_led(demo_scenario())  # salaries swing the decision: real searches
    evaluation = evaluator.evaluate(scenario)
    checks = Checks()
    searched = evaluator.with_tie_salaries(evaluation, checks)
    decision = searched.decision
    assert decision is not None and decision.tie_salaries is not None
    assert all(t.simulated for t in decision.tie_salaries.values())
    # Each offer's search re-simulates its earnings at many salaries; each is a cancel point.
    assert checks.calls > 5 * len(scenario.offers)


def test_a_stopped_tie_salary_search_stops_inside_the_first_offer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    evaluator = Evaluator()
    scenario = money_led(demo_scenario())  # salaries swing the decision: real searches
    evaluation = evaluator.evaluate(scenario)
    simulated: list[int] = []
    resimulate = evaluator.trajectories.earnings_3y_of

    def counted(*args: Any) -> list[float]:
        simulated.append(1)
        return resimulate(*args)

    monkeypatch.setattr(evaluator.trajectories, "earnings_3y_of", counted)
    # Told to stop once the first offer's search has begun (the check's second call), it stops
    # after one re-simulation at most: a check once per offer would let that offer's search run
    # to its end (dozens of them) before noticing.
    with pytest.raises(StopError):
        evaluator.with_tie_salaries(evaluation, Checks(stop_at=2))
    assert len(simulated) <= 1
    searched = evaluator.with_tie_salaries(evaluation)  # nothing half-found was remembered
    decision = searched.decision
    assert decision is not None and decision.tie_salaries is not None
    assert set(decision.tie_salaries) == {offer.id for offer in scenario.offers}


def _with_more_offers(scenario: Scenario, copies: int) -> Scenario:
    """`scenario` with `copies` more of each offer, each paying £1,000 a year more than the
    last: enough strategies for several batches at full resolution."""
    offers = list(scenario.offers)
    for copy in range(1, copies + 1):
        offers.extend(
            dataclasses.replace(o, id=f"{o.id}-{copy}", base_salary=o.base_salary + 1_000 * copy)
            for o in scenario.offers
        )
    return scenario.replace(offers=tuple(offers))


def test_a_full_evaluation_stops_between_batches_and_keeps_what_it_simulated() -> None:
    evaluator = Evaluator()
    scenario = _with_more_offers(money_led(demo_scenario()), 3)
    every = 1 + len(scenario.offers)  # declining, and searching on in each offer
    # The check's second call comes before the second batch (on whichever thread takes it):
    # the first batch, declining's, runs to its end and is kept, and no other batch starts.
    with pytest.raises(StopError):
        evaluator.evaluate(scenario, resolution="full", check=Checks(stop_at=2))
    stopped = evaluator.trajectories.simulated_strategies
    assert 1 <= stopped < every
    checks = Checks()
    evaluation = evaluator.evaluate(scenario, resolution="full", check=checks)
    assert checks.calls >= 3  # before the second batch (and any later), before the decision
    # Only what the stopped run had not simulated ran again.
    assert evaluator.trajectories.simulated_strategies == every
    # Resumed from what the stopped run kept, it gives what an uninterrupted run gives.
    fresh = Evaluator().evaluate(scenario, resolution="full")
    resumed, whole = evaluation.trajectory, fresh.trajectory
    assert resumed is not None and whole is not None
    assert np.array_equal(resumed.decline_and_search.p50, whole.decline_and_search.p50)
    for offer in scenario.offers:
        one, other = resumed.offer(offer.id), whole.offer(offer.id)
        assert one.expected_earnings_3y == other.expected_earnings_3y
        assert one.present_value_with_tail == other.present_value_with_tail
        assert np.array_equal(one.p_ahead, other.p_ahead)  # type: ignore[arg-type]
    assert evaluation.decision is not None and fresh.decision is not None
    assert evaluation.decision.scores == fresh.decision.scores


def test_an_interactive_evaluation_never_calls_the_check() -> None:
    # Worked out lazily, perhaps later on another thread: a job's check has no business there.
    checks = Checks(stop_at=1)
    evaluation = Evaluator().evaluate(demo_scenario(), resolution="interactive", check=checks)
    assert evaluation.trajectory is not None and evaluation.decision is not None
    assert checks.calls == 0
