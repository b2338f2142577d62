"""A full evaluation's batches run on two threads at once; its figures must not show it.

Every strategy's outcome is the same to the bit whichever batch and thread simulate it, the
chance of being ahead of declining included (declining's paths come from another thread's batch
then), and an error on one thread stops the other rather than leaving it waiting.
"""

from __future__ import annotations

import dataclasses
import os
import threading

import numpy as np
import pytest

from offer_eval.core import lanes
from offer_eval.core.models import Scenario
from offer_eval.core.trajectory import TrajectoryEvaluator
from offer_eval.core.trajectory import lean as lean_module
from offer_eval.core.trajectory.reference import PathsReference, ReferenceUnavailableError
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._trajectory_support import with_simulation


def _with_more_offers(scenario: Scenario, copies: int) -> Scenario:
    offers = list(scenario.offers)
    for copy in range(1, copies + 1):
        offers.extend(
            dataclasses.replace(o, id=f"{o.id}-{copy}", base_salary=o.base_salary + 1_500 * copy)
            for o in scenario.offers
        )
    return scenario.replace(offers=tuple(offers))


def _figures(scenario: Scenario) -> list[bytes]:
    result = TrajectoryEvaluator().evaluate(scenario, resolution="full")
    figures = [result.decline_and_search.p50.tobytes(), result.decline_and_search.p90.tobytes()]
    for offer in scenario.offers:
        item = result.offer(offer.id)
        assert item.p_ahead is not None
        figures += [item.p_ahead.tobytes(), item.accept_and_search.cumulative_p10.tobytes()]
        figures += [
            item.accept_and_search.p90.tobytes(),
            np.float64(item.expected_earnings_3y).tobytes(),
        ]
    return figures


def test_figures_are_the_same_on_one_thread_in_batches_of_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario = _with_more_offers(with_simulation(demo_scenario(), paths=2_000), 2)
    together = _figures(scenario)
    # Every strategy alone, all on this thread: declining's paths are then made before any
    # other strategy runs, as they were before batches shared two threads.
    monkeypatch.setattr(lanes, "LANES", 1)
    monkeypatch.setattr(lean_module, "BATCH_CELLS", 1)
    assert _figures(scenario) == together


def test_batches_are_even_a_multiple_of_the_lanes_and_keep_the_first_item_first() -> None:
    items = list(range(13))
    batches = lanes.split(items, 3)
    assert [x for batch in batches for x in batch] == items
    assert max(len(b) for b in batches) <= 3
    assert max(len(b) for b in batches) - min(len(b) for b in batches) <= 1
    assert len(batches) % lanes.LANES == 0
    assert lanes.split(items[:2], 3) == [items[:2]]  # one batch: nothing to share
    assert lanes.split([], 3) == []


def test_an_error_in_the_first_batch_stops_every_batch_waiting_for_it() -> None:
    reference = PathsReference()
    seen: list[str] = []

    def run(batch: str) -> None:
        if batch == "first":
            reference.fail()  # what the evaluator does when declining's batch raises
            raise KeyError(batch)
        try:
            reference.get()
        except ReferenceUnavailableError:
            seen.append(batch)
            raise

    errors: list[BaseException] = []

    def call() -> None:
        try:
            lanes.run_in_lanes(["first", "second", "third"], run)
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=call)
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive(), "a batch waited for a reference that never came"
    assert len(errors) == 1 and isinstance(errors[0], KeyError)  # the first batch's error
    assert "third" not in seen or "second" in seen  # after an error no batch starts anew


def test_a_set_reference_is_handed_to_every_waiter() -> None:
    reference = PathsReference()
    paths = np.ones((3, 4), dtype=np.float32)
    got: list[object] = []
    waiter = threading.Thread(target=lambda: got.append(reference.get()))
    waiter.start()
    reference.set(paths)
    reference.fail()  # too late: the paths are there
    waiter.join(timeout=10)
    assert got == [paths] and reference.get() is paths


def test_one_thread_when_the_environment_asks_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFFER_EVAL_THREADS", "1")
    assert lanes._lanes() == 1
    monkeypatch.delenv("OFFER_EVAL_THREADS")
    assert lanes._lanes() == min(2, os.cpu_count() or 1)
