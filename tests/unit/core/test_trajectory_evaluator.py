"""Evaluating trajectories: common random numbers, resolutions, memoisation, and threads."""

from __future__ import annotations

import dataclasses
import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest

from offer_eval.core.evaluate import Evaluator
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import Scenario
from offer_eval.core.trajectory import (
    INTERACTIVE_PATHS,
    Band,
    Resolution,
    TrajectoryEvaluator,
    TrajectoryResult,
    make_draws,
)
from offer_eval.core.trajectory import evaluator as trajectory_evaluator
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present.report import render_text, report_dict
from tests.unit.core._trajectory_support import LONDON, ML, one_offer, with_search, with_simulation

# --- common random numbers and resolution -------------------------------------------------------


def test_draws_of_a_path_do_not_depend_on_how_many_paths_there_are() -> None:
    small = make_draws(7, 1_500)
    large = make_draws(7, 4_000)
    assert np.array_equal(small.arrival, large.arrival[:, :1_500])
    assert np.array_equal(small.offer, large.offer[:, :1_500])
    assert np.array_equal(small.layoff, large.layoff[:, :1_500])
    assert not np.array_equal(make_draws(8, 1_500).offer, small.offer)


def test_the_window_s_two_evaluators_make_the_draws_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The interactive and the full evaluator of a window draw the same 10,000 paths (9.6 MB
    with their offer scales): the second finds the first's instead of keeping a copy."""
    made: list[tuple[int, int]] = []

    def counted(seed: int, paths: int) -> Any:
        made.append((seed, paths))
        return make_draws(seed, paths)

    monkeypatch.setattr(trajectory_evaluator, "make_draws", counted)
    scenario = with_simulation(demo_scenario(), seed=987_654)  # no other test's draws
    interactive, full = Evaluator(), Evaluator()
    assert interactive.evaluate(scenario, resolution="interactive").trajectory is not None
    assert full.evaluate(scenario).trajectory is not None
    assert made == [(987_654, scenario.simulation.paths)]


def test_interactive_resolution_is_the_first_thousand_of_the_same_paths() -> None:
    # Without the stop at the target, so that the London offer (above it) searches on too.
    scenario = with_search(demo_scenario(), stop_at_target=False)
    interactive = TrajectoryEvaluator().evaluate(scenario, resolution="interactive")
    thousand = TrajectoryEvaluator().evaluate(with_simulation(scenario, paths=INTERACTIVE_PATHS))
    full = TrajectoryEvaluator().evaluate(scenario)
    assert interactive.paths == INTERACTIVE_PATHS
    for offer_id in (ML, LONDON):
        a = interactive.offer(offer_id)
        b = thousand.offer(offer_id)
        for name in ("p10", "p50", "p90", "cumulative_p50", "cumulative_mean"):
            assert np.array_equal(
                getattr(a.accept_and_search, name), getattr(b.accept_and_search, name)
            )
        assert a.expected_months_to_better_offer == b.expected_months_to_better_offer
        assert a.break_even_month == b.break_even_month
        # The 3-year expected earnings too: a drag step runs only the interactive resolution.
        assert a.expected_earnings_3y == b.expected_earnings_3y
        assert a.expected_earnings_3y != full.offer(offer_id).expected_earnings_3y
    assert np.array_equal(interactive.decline_and_search.p90, thousand.decline_and_search.p90)


def test_same_seed_same_report_other_seed_other_report() -> None:
    scenario = with_simulation(demo_scenario(), paths=3_000)
    first = json.dumps(report_dict(Evaluator().evaluate(scenario)))
    again = json.dumps(report_dict(Evaluator().evaluate(scenario)))
    other = json.dumps(
        report_dict(
            Evaluator().evaluate(with_simulation(scenario, seed=scenario.simulation.seed + 1))
        )
    )
    assert first == again
    assert first != other
    text = render_text(Evaluator().evaluate(scenario))
    assert text == render_text(Evaluator().evaluate(scenario))
    assert json.loads(first)["trajectory"] != json.loads(other)["trajectory"]


def test_sweeping_the_novice_callback_rate_moves_the_median_smoothly() -> None:
    """A slider moves the charts smoothly (common random numbers). 50 steps from 1% to 10% callbacks as a
    novice: the accept-and-search median of cumulative earnings at month 24 only rises, and no
    step moves it by more than 5% of the whole range."""
    base = one_offer(demo_scenario())
    evaluator = TrajectoryEvaluator()
    medians = np.array(
        [
            evaluator.evaluate(with_search(base, callback_rate_novice=float(rate)))
            .offer(ML)
            .accept_and_search.cumulative_p50[23]
            for rate in np.linspace(0.01, 0.10, 50)
        ]
    )
    steps = np.diff(medians)
    spread = medians.max() - medians.min()
    assert spread > 100  # the rate matters
    assert (steps >= 0).all()
    assert np.abs(steps).max() <= 0.05 * spread


# --- memoisation ---------------------------------------------------------------------------------


def test_only_the_strategies_that_read_an_edited_field_run_again() -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000)
    evaluator = TrajectoryEvaluator()
    evaluator.evaluate(scenario)
    assert evaluator.simulated_strategies == 3  # decline, and accept-and-search for each offer

    def runs_after(edited: Scenario) -> int:
        before = evaluator.simulated_strategies
        evaluator.evaluate(edited)
        return evaluator.simulated_strategies - before

    offer = scenario.offer(ML)
    assert runs_after(scenario) == 0
    assert runs_after(scenario.with_position(dataclasses.replace(offer, base_salary=47_000.0))) == 1
    assert runs_after(scenario.replace(weight_confidence=10.0)) == 0
    assert runs_after(scenario.replace(notes="edited")) == 0
    assert runs_after(with_search(scenario, switching_margin_pct=12.0)) == 3
    current = dataclasses.replace(scenario.current, base_salary=53_000.0)
    # Declining, and each offer's search: its chance of being ahead is counted path by path
    # against declining, so at full resolution it reads the current job too.
    assert runs_after(scenario.with_position(current)) == 3
    # At the interactive resolution (a drag) the searches are not paired: only declining runs.
    evaluator.evaluate(scenario, resolution="interactive")
    before = evaluator.simulated_strategies
    nudged = dataclasses.replace(scenario.current, base_salary=53_500.0)
    evaluator.evaluate(scenario.with_position(nudged), resolution="interactive")
    assert evaluator.simulated_strategies - before == 1
    # History counts that are not used for the rates do not change the model.
    assert scenario.search.history is not None
    history = dataclasses.replace(scenario.search.history, applications=200)
    assert runs_after(with_search(scenario, history=history)) == 0


def test_evaluate_carries_the_trajectory_and_feeds_the_decision() -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000)
    evaluation = Evaluator().evaluate(scenario)
    assert evaluation.trajectory is not None
    assert evaluation.decision is not None
    assert evaluation.decision.earnings_source == "trajectory"
    interactive = Evaluator().evaluate(scenario, resolution="interactive")
    assert interactive.trajectory is not None and interactive.decision is not None
    assert interactive.decision.earnings_source == "trajectory"
    thousand = Evaluator().evaluate(with_simulation(scenario, paths=INTERACTIVE_PATHS))
    assert thousand.trajectory is not None
    for offer_id in (ML, LONDON):
        assert (
            interactive.trajectory.offer(offer_id).expected_earnings_3y
            == thousand.trajectory.offer(offer_id).expected_earnings_3y
        )


def test_interactive_parts_are_computed_when_read_and_agree_with_the_first_paths(
    demo: Scenario,
) -> None:
    """A slider step on a money-only tab must not pay for the simulation; read, the figures are
    those of the first 1,000 paths, the 3-year means (read alone by the score, or with the
    bands) to the last bit."""
    evaluator = Evaluator()
    evaluation = evaluator.evaluate(demo, resolution="interactive")
    assert evaluator.trajectories.simulated_strategies == 0
    decision = evaluation.decision
    assert decision is not None
    assert evaluator.trajectories.simulated_strategies == 0  # the score's lean run only
    thousand = with_simulation(demo, paths=INTERACTIVE_PATHS)
    full = Evaluator().evaluate(thousand, resolution="full")
    assert full.trajectory is not None and full.decision is not None
    alone = evaluator.trajectories.earnings_3y(demo, resolution="interactive")
    # With their paths in one pass (what a decision step reads): the same means.
    means, paths = evaluator.trajectories.earnings_3y_with_paths(demo, resolution="interactive")
    assert means == alone
    assert {oid: p.shape for oid, p in paths.items()} == dict.fromkeys(alone, (INTERACTIVE_PATHS,))
    bands = evaluation.trajectory
    assert bands is not None
    for offer_id, item in full.trajectory.offers.items():
        assert alone[offer_id] == item.expected_earnings_3y
        assert bands.offers[offer_id].expected_earnings_3y == item.expected_earnings_3y
    assert decision.scores == full.decision.scores
    assert decision.winner == full.decision.winner


def test_one_offers_trajectory_simulates_its_strategies_alone_with_the_same_figures(
    demo: Scenario,
) -> None:
    """A chart of one offer redrawn on every slider step asks for that offer's part alone."""
    evaluator = Evaluator()
    evaluation = evaluator.evaluate(demo, resolution="interactive")
    part = evaluation.trajectory_of(ML)
    assert part is not None and set(part.offers) == {ML}
    assert evaluator.trajectories.simulated_strategies == 2  # declining, and searching on in ML
    assert evaluation.trajectory_of(ML) is part  # remembered
    whole = evaluation.trajectory
    assert whole is not None and set(whole.offers) == {ML, LONDON}
    assert evaluator.trajectories.simulated_strategies == 3  # only London's was left to run
    assert _same_result(part, _only(whole, ML))
    assert part.offers[ML].expected_earnings_3y == whole.offers[ML].expected_earnings_3y
    assert evaluation.trajectory_of(LONDON) is whole  # once the whole is known, the whole
    full = evaluator.evaluate(demo)
    assert full.trajectory_of(ML) is full.trajectory  # full resolution: always the whole


def _only(result: TrajectoryResult, offer_id: str) -> TrajectoryResult:
    return dataclasses.replace(result, offers=FrozenMap([(offer_id, result.offers[offer_id])]))


def test_money_only_preview_has_no_trajectory_or_decision(demo: Scenario) -> None:
    evaluator = Evaluator()
    preview = evaluator.evaluate(demo, resolution="interactive", parts="money")
    assert not preview.complete
    assert preview.trajectory is None
    assert preview.decision is None
    assert evaluator.trajectories.simulated_strategies == 0
    assert preview.offers[0].net_take_home > 0


# --- threads -------------------------------------------------------------------------------------


def _same_band(a: Band, b: Band) -> bool:
    return all(
        np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True)
        for name in ("months", "p10", "p50", "p90", "cumulative_p10", "cumulative_p90")
    ) and np.array_equal(a.cumulative_mean, b.cumulative_mean, equal_nan=True)


def _same_result(a: TrajectoryResult, b: TrajectoryResult) -> bool:
    if not _same_band(a.decline_and_search, b.decline_and_search) or set(a.offers) != set(b.offers):
        return False
    for offer_id, item in a.offers.items():
        other = b.offers[offer_id]
        if not (
            _same_band(item.accept_and_stay, other.accept_and_stay)
            and _same_band(item.accept_and_search, other.accept_and_search)
            and item.expected_earnings_3y == other.expected_earnings_3y
            and item.break_even_month == other.break_even_month
        ):
            return False
    return a.reservation_salary == b.reservation_salary


def test_one_evaluator_shared_by_threads_gives_the_serial_answers() -> None:
    # Worker threads evaluate while the GUI thread runs the interactive resolution, all through
    # one evaluator: its caches are shared, its working state is per call. Different edits at
    # both resolutions, run together, must each equal a fresh evaluator's answer.
    base = with_simulation(demo_scenario(), paths=2_000)
    variants = [
        base,
        with_search(base, callback_rate_novice=0.05),
        with_search(base, applications_per_month=14.0),
        with_search(base, layoff_rate_pct=3.0),
        with_simulation(base, seed=11),
        one_offer(base, LONDON),
    ]
    jobs: list[tuple[Scenario, Resolution]] = [
        (v, r) for v in variants for r in ("full", "interactive")
    ] * 2
    expected = [TrajectoryEvaluator().evaluate(v, resolution=r) for v, r in jobs[: len(jobs) // 2]]
    shared = TrajectoryEvaluator(cache_size=8)  # small: entries are evicted while others read
    start = threading.Barrier(4)

    def run(job: int) -> bool:
        if job < 4:
            start.wait()
        scenario, resolution = jobs[job]
        result = shared.evaluate(scenario, resolution=resolution)
        return _same_result(result, expected[job % len(expected)])

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(run, range(len(jobs))))
    finally:
        sys.setswitchinterval(interval)
    assert all(answers)


def test_a_salary_step_keeps_the_other_offers_3_year_figures_and_a_search_step_none(
    demo: Scenario,
) -> None:
    """The 3-year figures an unchanged offer had in the last call (in the same setting) are
    taken as they were; every figure is still the one a fresh evaluator gives."""
    evaluator = TrajectoryEvaluator()
    evaluator.earnings_3y_with_paths(demo, resolution="interactive")
    offer = demo.offers[0]
    paid = demo.with_position(dataclasses.replace(offer, base_salary=offer.base_salary + 5_000))
    searched = with_search(paid, callback_rate_novice=paid.search.callback_rate_novice * 1.5)
    for scenario in (paid, searched, paid, demo):
        means, paths = evaluator.earnings_3y_with_paths(scenario, resolution="interactive")
        fresh_means, fresh_paths = TrajectoryEvaluator().earnings_3y_with_paths(
            scenario, resolution="interactive"
        )
        assert means == fresh_means
        assert all(np.array_equal(paths[k], fresh_paths[k]) for k in fresh_paths)
    # After the salary step alone, every other offer's paths were the very arrays they were.
    evaluator = TrajectoryEvaluator()
    _, first = evaluator.earnings_3y_with_paths(demo, resolution="interactive")
    _, second = evaluator.earnings_3y_with_paths(paid, resolution="interactive")
    assert all(second[o.id] is first[o.id] for o in demo.offers[1:])
    assert second[offer.id] is not first[offer.id]
