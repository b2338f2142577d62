"""Opening a document keeps the window responsive: the simulation runs in the worker, not on the
GUI thread, and the what-if dock keeps its sliders when the new document has the same ones."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar

from offer_eval.core.evaluate import Evaluation, Evaluator, Parts, Resolution
from offer_eval.core.models import Scenario
from offer_eval.editing.edits import set_position_value
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.main_window import MainWindow


class _Recording(Evaluator):
    """Every evaluation asked for, with the thread that asked and the parts it wanted."""

    calls: ClassVar[list[tuple[bool, Resolution, Parts]]] = []

    def evaluate(
        self,
        scenario: Scenario,
        *,
        resolution: Resolution = "full",
        parts: Parts = "all",
        check: Callable[[], None] | None = None,
    ) -> Evaluation:
        on_gui = threading.current_thread() is threading.main_thread()
        self.calls.append((on_gui, resolution, parts))
        return super().evaluate(scenario, resolution=resolution, parts=parts, check=check)


def test_a_document_open_leaves_the_simulation_to_the_worker(demo: Scenario, qapp: Any) -> None:
    controller = DocumentController(demo, evaluator_factory=_Recording)
    try:
        controller.evaluate_now()
        assert controller.wait_for_full(ties=False)
        shown: list[Evaluation] = []
        controller.evaluation_changed.connect(shown.append)
        _Recording.calls.clear()
        other = demo.replace(offers=demo.offers[:1])
        controller.replace_document(other, None)
        # On this thread only the money: trajectories and the score would simulate here.
        assert [call for call in _Recording.calls if call[0]] == [(True, "interactive", "money")]
        assert shown and not shown[0].complete
        assert shown[0].trajectory is None
        assert controller.wait_for_full(ties=False)
        # The complete result still arrives, from the worker.
        assert (False, "full", "all") in _Recording.calls
        final = controller.evaluation
        assert final is not None and final.complete and final.resolution == "full"
        assert final.scenario is other
    finally:
        controller.shutdown()


def test_a_document_with_the_same_sliders_keeps_them_with_its_own_values(
    window: MainWindow, demo: Scenario
) -> None:
    whatif = window.whatif
    whatif.ensure_built()
    key = "offer:ml-engineer:base_salary"
    slider = whatif.sliders[key]
    spec = whatif.spec(key)
    opened = set_position_value(demo, "ml-engineer", "base_salary", 52_000.0)
    window.controller.replace_document(opened, None)
    assert whatif.sliders[key] is slider  # the same widget, not built again
    assert slider.value() == spec.to_slider(52_000.0)
    assert whatif.values[key].text() == spec.text(52_000.0)
    # Moving it edits the new document, not the old one.
    slider.setValue(spec.to_slider(53_000.0))
    assert window.controller.scenario.offer("ml-engineer").base_salary == 53_000.0
    assert window.controller.scenario.offers[1:] == opened.offers[1:]


def test_a_document_with_other_sliders_gets_them(window: MainWindow, demo: Scenario) -> None:
    whatif = window.whatif
    whatif.ensure_built()
    other = demo.replace(offers=demo.offers[:1])
    window.controller.replace_document(other, None)
    assert {k for k in whatif.sliders if k.startswith("offer:")} == {
        f"offer:{other.offers[0].id}:base_salary"
    }


def test_the_verdict_of_the_previous_document_does_not_stand_for_the_opened_one(
    window: MainWindow, demo: Scenario
) -> None:
    assert window.controller.wait_for_full(ties=False)
    assert window.verdict.text() != ""
    other = demo.replace(offers=demo.offers[1:])
    window.controller.replace_document(other, None)
    assert window.verdict.text() == ""
    assert window.controller.wait_for_full(ties=False)
    assert other.offers[0].display_name in window.verdict.text()
