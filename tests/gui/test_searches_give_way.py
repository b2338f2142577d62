"""The searches that follow a full result, and a full evaluation gone stale, give way to an edit.

The lowest-salary and tie-salary searches take a second or more. An edit (a typed value, a
slider step) must stop them, its full result must not wait for them, and they start again only
once that result is on screen. A full evaluation of the scenario before the edit stops too.
The work is made slow here through the controller's evaluator seam: it runs until the test lets
it go, calling the cancel check as the real work does between simulations, or (the worst case,
a long stretch between cancel points) not calling it at all.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from offer_eval.core.evaluate import Evaluation, Evaluator, Parts, Resolution, Searches
from offer_eval.core.models import Scenario
from offer_eval.editing.edits import set_position_value
from offer_eval.gui.background import Cancelled
from offer_eval.gui.controller import DocumentController


def _salary(scenario: Scenario, value: float) -> Scenario:
    return set_position_value(scenario, "ml-engineer", "base_salary", value)


class _SlowSearches(Evaluator):
    """An evaluator whose two searches hold on until `go` is set (or their check stops them).

    Records which scenario each search started for, which ones a cancel check stopped, and
    when each started (monotonic seconds). With `heed_check` False they never call the check:
    a search in the middle of one long simulation, between two cancel points.
    """

    def __init__(self, *, heed_check: bool = True) -> None:
        super().__init__()
        self.heed_check = heed_check
        self.go = threading.Event()
        self.started: list[tuple[str, Scenario, float]] = []
        self.stopped: list[tuple[str, Scenario]] = []

    def _hold(self, name: str, scenario: Scenario, check: Callable[[], None] | None) -> None:
        self.started.append((name, scenario, time.monotonic()))
        while not self.go.wait(0.005):
            if check is not None and self.heed_check:
                try:
                    check()
                except Cancelled:
                    self.stopped.append((name, scenario))
                    raise

    def evaluate_searches(
        self, scenario: Scenario, check: Callable[[], None] | None = None
    ) -> Searches:
        self._hold("lowest", scenario, check)
        return super().evaluate_searches(scenario, check)

    def with_tie_salaries(
        self, evaluation: Evaluation, check: Callable[[], None] | None = None
    ) -> Evaluation:
        self._hold("ties", evaluation.scenario, check)
        return super().with_tie_salaries(evaluation, check)


Make = Callable[..., tuple[DocumentController, _SlowSearches]]


@pytest.fixture
def make(demo: Scenario, qapp: Any) -> Iterator[Make]:
    """A controller on the demo whose searches are slow, its full evaluation started."""
    made: list[tuple[DocumentController, _SlowSearches]] = []

    def build(*, heed_check: bool = True) -> tuple[DocumentController, _SlowSearches]:
        slow = _SlowSearches(heed_check=heed_check)
        evaluators: list[Evaluator] = []

        def factory() -> Evaluator:
            # The controller makes two: the first for the interactive results on the GUI
            # thread, the second for the full results and the searches in the workers.
            evaluators.append(Evaluator() if not evaluators else slow)
            return evaluators[-1]

        controller = DocumentController(demo, evaluator_factory=factory)
        made.append((controller, slow))
        controller.evaluate_now()
        return controller, slow

    yield build
    for controller, slow in made:
        slow.go.set()  # whatever the test left running may finish
        controller.shutdown()


def _both_searching(slow: _SlowSearches, scenario: Scenario) -> Callable[[], bool]:
    return lambda: {n for n, s, _ in slow.started if s is scenario} == {"lowest", "ties"}


def _full_shown(controller: DocumentController, scenario: Scenario) -> Callable[[], bool]:
    def shown() -> bool:
        evaluation = controller.evaluation
        return (
            evaluation is not None
            and evaluation.resolution == "full"
            and evaluation.scenario is scenario
        )

    return shown


def test_an_edit_stops_both_searches_at_their_next_cancel_point(make: Make, qtbot: Any) -> None:
    controller, slow = make()
    qtbot.waitUntil(_both_searching(slow, controller.scenario), timeout=20_000)
    first = controller.scenario
    controller.edit(_salary(first, 51_000), "Change")
    # The lowest-salary search used to run on, unstoppable, for its whole second or more.
    qtbot.waitUntil(
        lambda: {(n, s is first) for n, s in slow.stopped} == {("lowest", True), ("ties", True)},
        timeout=5_000,
    )


def test_the_full_result_of_an_edit_does_not_queue_behind_searches_between_cancel_points(
    make: Make, qtbot: Any
) -> None:
    controller, slow = make(heed_check=False)
    qtbot.waitUntil(_both_searching(slow, controller.scenario), timeout=20_000)
    edited = _salary(controller.scenario, 51_000)
    controller.edit(edited, "Change")
    # Both searches still hold their worker threads (they have not reached a cancel point), yet
    # the edit's full result arrives: it has a worker of its own and takes no lock of theirs.
    qtbot.waitUntil(_full_shown(controller, edited), timeout=10_000)
    names = [(name, scenario is edited) for name, scenario, _ in slow.started]
    assert len(names) == 2, f"no search starts while the stale ones still run: {names}"
    evaluation = controller.evaluation
    assert evaluation is not None
    assert evaluation.money("ml-engineer").base_salary == 51_000
    slow.go.set()
    assert controller.wait_for_full(30_000)


def test_searches_start_again_after_the_edits_full_result_and_only_theirs_is_shown(
    make: Make, qtbot: Any
) -> None:
    controller, slow = make()
    full_shown: list[tuple[Scenario, float]] = []
    searches: list[Searches] = []

    def shown(evaluation: Evaluation) -> None:
        if evaluation.resolution == "full":
            full_shown.append((evaluation.scenario, time.monotonic()))

    controller.evaluation_changed.connect(shown)
    controller.searches_changed.connect(searches.append)
    qtbot.waitUntil(_both_searching(slow, controller.scenario), timeout=20_000)
    edited = _salary(controller.scenario, 51_000)
    controller.edit(edited, "Change")
    qtbot.waitUntil(_both_searching(slow, edited), timeout=20_000)
    result_shown = min(at for scenario, at in full_shown if scenario is edited)
    for name, scenario, started in slow.started:
        if scenario is edited:
            assert started >= result_shown, f"the {name} search started before the result"
    slow.go.set()
    assert controller.wait_for_full(30_000)
    qtbot.waitUntil(lambda: bool(searches), timeout=30_000)
    assert [s.scenario for s in searches] == [edited]  # the stale search's answer never arrives
    evaluation = controller.evaluation
    assert evaluation is not None and evaluation.searched and evaluation.scenario is edited


def test_a_drag_stops_the_searches_at_its_first_step_and_starts_them_once_after_release(
    make: Make, qtbot: Any
) -> None:
    controller, slow = make()
    qtbot.waitUntil(_both_searching(slow, controller.scenario), timeout=20_000)
    before = controller.scenario
    controller.begin_drag()
    for step in range(20):
        controller.edit(_salary(controller.scenario, 50_000 + 100 * step), "Drag", merge_key="k")
        qtbot.wait(5)
    qtbot.waitUntil(
        lambda: {(n, s is before) for n, s in slow.stopped} == {("lowest", True), ("ties", True)},
        timeout=5_000,
    )
    assert controller.is_dragging
    assert all(s is before for _, s, _ in slow.started), "no search starts during the drag"
    released = controller.scenario
    controller.end_drag()
    qtbot.waitUntil(_both_searching(slow, released), timeout=20_000)
    qtbot.wait(100)
    assert sorted(n for n, s, _ in slow.started if s is released) == ["lowest", "ties"]
    slow.go.set()
    assert controller.wait_for_full(30_000)


def test_a_click_that_moves_nothing_lets_the_running_searches_finish(
    make: Make, qtbot: Any
) -> None:
    controller, slow = make()
    qtbot.waitUntil(_both_searching(slow, controller.scenario), timeout=20_000)
    full: list[Evaluation] = []
    controller.evaluation_changed.connect(
        lambda evaluation: full.append(evaluation) if evaluation.resolution == "full" else None
    )
    controller.begin_drag()
    controller.end_drag()  # pressed and let go: the same scenario, asked for again
    qtbot.waitUntil(lambda: bool(full), timeout=20_000)
    qtbot.wait(200)
    assert not slow.stopped
    assert len(slow.started) == 2
    slow.go.set()
    assert controller.wait_for_full(30_000)


class _SlowFirstFull(Evaluator):
    """The first full evaluation holds on until `go` is set, calling its check every 5 ms as
    the real one does before each batch of simulations."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()
        self.held: Scenario | None = None
        self.stopped = threading.Event()

    def evaluate(
        self,
        scenario: Scenario,
        *,
        resolution: Resolution = "full",
        parts: Parts = "all",
        check: Callable[[], None] | None = None,
    ) -> Evaluation:
        if resolution == "full" and self.held is None:
            self.held = scenario
            while not self.go.wait(0.005):
                if check is not None:
                    try:
                        check()
                    except Cancelled:
                        self.stopped.set()
                        raise
        return super().evaluate(scenario, resolution=resolution, parts=parts, check=check)


def test_an_edit_stops_a_stale_full_evaluation_and_its_own_does_not_wait_for_it(
    demo: Scenario, qtbot: Any
) -> None:
    slow = _SlowFirstFull()
    evaluators: list[Evaluator] = []

    def factory() -> Evaluator:
        evaluators.append(Evaluator() if not evaluators else slow)
        return evaluators[-1]

    controller = DocumentController(demo, evaluator_factory=factory)
    try:
        controller.evaluate_now()
        qtbot.waitUntil(lambda: slow.held is not None, timeout=10_000)
        edited = _salary(controller.scenario, 51_000)
        controller.edit(edited, "Change")  # a drag's first step, or a typed value
        qtbot.waitUntil(slow.stopped.is_set, timeout=5_000)
        qtbot.waitUntil(_full_shown(controller, edited), timeout=10_000)
    finally:
        slow.go.set()
        controller.shutdown()
