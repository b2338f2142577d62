"""How a full evaluation lays out its strategies in batches: declining alone first.

Every other strategy compares itself with declining path by path, so a batch on the other thread
that is through its months before declining's paths exist has to wait for them. Declining in a
batch of its own is done first, and the other strategies still share runs.
"""

from __future__ import annotations

import dataclasses
import threading

import pytest

from offer_eval.core.trajectory import TrajectoryEvaluator
from offer_eval.core.trajectory import evaluator as evaluator_module
from offer_eval.core.trajectory.simulate import simulate as real_simulate
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._trajectory_support import with_simulation


def test_declining_runs_alone_and_the_others_share_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    demo = with_simulation(demo_scenario(), paths=2_000)
    more = [
        dataclasses.replace(o, id=f"{o.id}-2", base_salary=o.base_salary + 1_500)
        for o in demo.offers
    ]
    scenario = demo.replace(offers=(*demo.offers, *more))
    calls: list[tuple[int, bool]] = []  # (strategies, keeps its paths) of every simulation
    lock = threading.Lock()

    def simulate(specs: list[object], *args: object, **kwargs: object) -> object:
        with lock:
            calls.append((len(specs), bool(kwargs.get("keep_paths"))))
        return real_simulate(specs, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(evaluator_module, "simulate", simulate)
    evaluator = TrajectoryEvaluator()
    evaluator.evaluate(scenario, resolution="full")
    assert [size for size, keeps in calls if keeps] == [1]  # declining, in a batch of its own
    assert sum(size for size, _ in calls) == evaluator.simulated_strategies > 3
    assert all(size > 1 for size, keeps in calls if not keeps)  # the others still share runs
