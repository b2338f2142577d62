"""Lowest salary worth taking when stopping at the target makes the difference non-monotone: a
job just under the target keeps searching, one at the target stops, so accepting can fall
behind declining again at the target; the answer is the lowest salary above which it never is."""

from __future__ import annotations

import pytest

from offer_eval.core.trajectory import TrajectoryEvaluator, with_salary
from offer_eval.core.trajectory.lowest_salary import RESOLUTION, SCAN_POINTS, run_searches
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._trajectory_support import ML, with_simulation


def test_a_dip_at_the_target_moves_the_answer_above_it() -> None:
    # Made up: ahead from £20,000, behind again from the target (£50,000) to £55,000.
    def value(salary: float) -> float:
        return salary - 20_000.0 if salary < 50_000.0 else salary - 55_000.0

    rounds: list[int] = []

    def difference(asked):  # type: ignore[no-untyped-def]
        rounds.append(len(asked))
        return [value(salary) for _index, salary in asked]

    plain = run_searches([45_000.0], difference)[0]
    assert isinstance(plain, float) and 20_000.0 <= plain <= 20_000.0 + RESOLUTION
    checked = run_searches([45_000.0], difference, 50_000.0)[0]
    assert isinstance(checked, float)
    assert 55_000.0 <= checked <= 55_000.0 + RESOLUTION
    assert SCAN_POINTS in rounds  # the salaries up to the target are valued in one round


def test_a_dip_below_the_target_is_bisected_between_scan_points() -> None:
    # Behind from £33,000 to £36,000 (which holds the halfway scan point, £35,000) and below
    # £20,000: the answer is £36,000, not £20,000.
    assert SCAN_POINTS == 2

    def value(salary: float) -> float:
        return -1.0 if 33_000.0 <= salary < 36_000.0 or salary < 20_000.0 else 1.0

    found = run_searches([45_000.0], lambda asked: [value(s) for _i, s in asked], 50_000.0)[0]
    assert isinstance(found, float)
    assert 36_000.0 <= found <= 36_000.0 + RESOLUTION


def test_no_dip_leaves_the_answer_alone() -> None:
    found = run_searches(
        [45_000.0, 45_000.0],
        lambda asked: [s - 20_000.0 if i == 0 else 1.0 for i, s in asked],
        50_000.0,
    )
    assert isinstance(found[0], float) and 20_000.0 <= found[0] <= 20_000.0 + RESOLUTION
    assert found[1] == "any"


def _values_at(scenario, salary: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    changed = scenario.with_position(with_salary(scenario.offer(ML), salary))
    result = TrajectoryEvaluator().evaluate(changed)
    return result.offer(ML).present_value_with_tail, result.present_value_decline_with_tail


def test_on_the_simulation_accepting_is_never_behind_above_the_answer() -> None:
    # The demo's ML offer (£45,000) with a £48,000 target: at £45,000 it keeps searching, gains
    # the experience that lifts later offers and beats declining; at £48,000 it stops for good and
    # falls behind. A bisection alone stopped near £44,000; the answer lies above the target.
    scenario = with_simulation(demo_scenario(), paths=2_000).replace(target_salary=48_000.0)
    assert scenario.search.stop_at_target
    found = TrajectoryEvaluator().lowest_salaries(scenario)[ML]
    assert isinstance(found, float)
    ahead, decline = _values_at(scenario, 45_000.0)
    assert ahead > decline  # the dip is real: ahead below the target ...
    behind, decline = _values_at(scenario, 48_000.0)
    assert behind < decline  # ... and behind at it
    assert found > 48_000.0
    accept, decline = _values_at(scenario, found - 500.0)
    assert accept < decline
    for salary in (found + 500.0, found + 5_000.0):
        accept, decline = _values_at(scenario, salary)
        assert accept > decline, salary


@pytest.mark.parametrize("target", [None, 60_000.0])
def test_the_demo_answer_is_unchanged_where_there_is_no_dip(target: float | None) -> None:
    scenario = with_simulation(demo_scenario(), paths=2_000).replace(target_salary=target)
    found = TrajectoryEvaluator().lowest_salaries(scenario)[ML]
    assert isinstance(found, float)
    accept, decline = _values_at(scenario, 60_000.0)
    assert accept > decline  # ahead at the target itself: the scan finds nothing to move
