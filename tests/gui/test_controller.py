"""Undo commands on a bare stack, and the document controller: edits, drags, files, autosave, workers."""

from __future__ import annotations

import gc
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack

from offer_eval.core.evaluate import Evaluation, Evaluator, Parts, Resolution
from offer_eval.core.models import Scenario
from offer_eval.editing.edits import reset_whatif, set_criterion_value, set_position_value
from offer_eval.gui.autosave import AutosaveStore
from offer_eval.gui.commands import ScenarioEditCommand
from offer_eval.gui.controller import DocumentController
from offer_eval.persistence.document import load, save


def _salary(scenario: Scenario, value: float) -> Scenario:
    return set_position_value(scenario, "ml-engineer", "base_salary", value)


def test_a_command_pushes_undoes_and_redoes(demo: Scenario, qapp: Any) -> None:
    shown: list[Scenario] = []
    stack = QUndoStack()
    stack.push(ScenarioEditCommand(shown.append, demo, _salary(demo, 50_000), "Change"))
    assert shown[-1].offer("ml-engineer").base_salary == 50_000
    stack.undo()
    assert shown[-1] == demo
    stack.redo()
    assert shown[-1].offer("ml-engineer").base_salary == 50_000


def test_edits_of_one_drag_merge_and_separate_drags_do_not(demo: Scenario, qapp: Any) -> None:
    shown: list[Scenario] = []
    stack = QUndoStack()
    current = demo
    for value in (46_000, 47_000, 48_000):
        after = _salary(current, value)
        stack.push(ScenarioEditCommand(shown.append, current, after, "Drag", merge_key="k", drag=1))
        current = after
    assert stack.count() == 1
    after = _salary(current, 49_000)
    stack.push(ScenarioEditCommand(shown.append, current, after, "Drag", merge_key="k", drag=2))
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert shown[-1] == demo


def test_the_steps_a_drag_merges_hold_no_scenario(demo: Scenario, qapp: Any) -> None:
    stack = QUndoStack()
    pushed: list[ScenarioEditCommand] = []
    current = demo
    for value in (46_000, 47_000, 48_000):
        after = _salary(current, value)
        pushed.append(
            ScenarioEditCommand(lambda s: None, current, after, "Drag", merge_key="k", drag=1)
        )
        stack.push(pushed[-1])
        current = after
    assert stack.count() == 1
    kept = stack.command(0)
    assert isinstance(kept, ScenarioEditCommand)
    assert (kept.before, kept.after) == (demo, current)
    assert [hasattr(command, "after") for command in pushed] == [True, False, False]


def test_a_drag_back_to_where_it_started_leaves_no_step(demo: Scenario, qapp: Any) -> None:
    stack = QUndoStack()
    away = _salary(demo, 46_000)
    stack.push(ScenarioEditCommand(lambda s: None, demo, away, "Drag", merge_key="k", drag=1))
    stack.push(ScenarioEditCommand(lambda s: None, away, demo, "Drag", merge_key="k", drag=1))
    assert stack.count() == 0


def test_controller_edit_recomputes_and_marks_modified(
    controller: DocumentController, qtbot: Any
) -> None:
    assert not controller.is_modified
    with qtbot.waitSignals(
        [controller.scenario_changed, controller.evaluation_changed, controller.modified_changed]
    ):
        controller.edit(_salary(controller.scenario, 50_000), "Change")
    assert controller.is_modified
    assert controller.evaluation is not None
    assert controller.evaluation.money("ml-engineer").base_salary == 50_000
    assert controller.wait_for_full()
    assert controller.evaluation.resolution == "full"
    controller.undo_stack.undo()
    assert not controller.is_modified


def test_a_drag_is_one_undo_step_at_interactive_resolution(
    controller: DocumentController, qtbot: Any
) -> None:
    assert controller.wait_for_full()
    controller.begin_drag()
    for value in range(45_250, 50_000, 250):
        controller.edit(_salary(controller.scenario, value), "What-if", merge_key="salary")
        assert controller.evaluation is not None
        assert controller.evaluation.resolution == "interactive"
    assert not controller.is_refining
    controller.end_drag()
    assert controller.undo_stack.count() == 1
    assert controller.wait_for_full()
    assert controller.evaluation is not None and controller.evaluation.resolution == "full"
    assert controller.evaluation.money("ml-engineer").base_salary == 49_750
    controller.undo_stack.undo()
    assert controller.scenario.offer("ml-engineer").base_salary == 45_000


def test_a_release_settles_the_inputs_at_once_and_the_results_when_full(
    controller: DocumentController, qtbot: Any
) -> None:
    # Settling the interactive result at the release would work out its trajectory and score on
    # the GUI thread only for the full result to replace them a moment later.
    assert controller.wait_for_full()
    scenarios: list[Scenario] = []
    results: list[Evaluation] = []
    controller.scenario_settled.connect(scenarios.append)
    controller.evaluation_settled.connect(results.append)
    controller.begin_drag()
    for value in (46_000, 47_000):
        controller.edit(_salary(controller.scenario, value), "What-if", merge_key="salary")
    assert not scenarios and not results  # nothing settles during the drag's steps
    controller.end_drag()
    assert scenarios == [controller.scenario]
    assert not results
    assert controller.wait_for_full()
    # The full result, then the same scenario again once its tie salaries are found.
    assert [r.resolution for r in results] == ["full", "full"]
    assert results[0].scenario is controller.scenario is results[1].scenario
    assert not results[0].searched and results[1].searched


def test_the_collector_paused_for_a_drag_resumes_after_the_release_s_full_result(
    controller: DocumentController, qtbot: Any
) -> None:
    """Resumed at the release, its first collection walked everything the drag had made while
    the full evaluation waited for the interpreter lock: it waits until that result is shown."""
    assert controller.wait_for_full()
    assert gc.isenabled()
    enabled_when_shown: list[bool] = []
    controller.evaluation_changed.connect(lambda _e: enabled_when_shown.append(gc.isenabled()))
    controller.begin_drag()
    assert not gc.isenabled()
    controller.edit(_salary(controller.scenario, 46_500), "What-if", merge_key="salary")
    controller.end_drag()
    assert not gc.isenabled()  # the full evaluation is under way
    assert controller.wait_for_full(ties=False)
    assert controller.evaluation is not None and controller.evaluation.resolution == "full"
    assert enabled_when_shown == [False, False]  # the drag's step, then the full result
    qtbot.waitUntil(gc.isenabled, timeout=controller.COLLECTOR_FALLBACK_MS)
    assert controller.wait_for_full()


def test_a_drag_leaves_a_collector_someone_else_paused_paused(
    controller: DocumentController, qtbot: Any
) -> None:
    assert controller.wait_for_full()
    gc.disable()
    try:
        controller.begin_drag()
        controller.end_drag()
        assert controller.wait_for_full()
        qtbot.wait(controller.SEARCHES_AFTER_MS * 3)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_release_starts_the_full_result_before_the_inputs_settle(
    controller: DocumentController, qtbot: Any
) -> None:
    """The tables and forms take the final inputs while the worker already simulates: the full
    result does not wait for them."""
    assert controller.wait_for_full()
    refining_when_settled: list[bool] = []
    controller.scenario_settled.connect(
        lambda _scenario: refining_when_settled.append(controller.background.is_busy("evaluation"))
    )
    controller.begin_drag()
    controller.edit(_salary(controller.scenario, 46_500), "What-if", merge_key="salary")
    controller.end_drag()
    assert refining_when_settled == [True]
    assert controller.is_refining
    assert controller.wait_for_full()
    assert controller.evaluation is not None and controller.evaluation.resolution == "full"
    assert controller.evaluation.scenario is controller.scenario


def test_a_replaced_document_reaches_the_settled_panels(
    controller: DocumentController, demo: Scenario
) -> None:
    # The tables follow settled scenarios: an opened document must reach them (a table kept
    # the previous document's columns until the next edit).
    scenarios: list[Scenario] = []
    controller.scenario_settled.connect(scenarios.append)
    other = demo.replace(offers=demo.offers[:1])
    controller.replace_document(other, None)
    assert scenarios == [other]


def test_tie_salaries_follow_the_full_result_in_the_background(
    controller: DocumentController, qtbot: Any
) -> None:
    shown: list[Evaluation] = []
    controller.evaluation_changed.connect(shown.append)
    controller.edit(_salary(controller.scenario, 47_000), "Change")
    assert controller.wait_for_full()
    full = [e for e in shown if e.resolution == "full"]
    # First the full result without the searches, then the same scenario with them.
    assert len(full) >= 2
    assert not full[0].searched and full[0].decision is not None
    assert full[0].decision.tie_salaries is None
    last = full[-1]
    assert last.searched and last.scenario is controller.scenario
    assert last.decision is not None and last.decision.tie_salaries is not None
    assert last.decision.tie_salaries["london-ds"].simulated


def test_an_edit_drops_tie_salaries_still_being_found(
    controller: DocumentController, qtbot: Any
) -> None:
    assert controller.wait_for_full()
    controller.edit(_salary(controller.scenario, 48_000), "Change")
    controller.edit(_salary(controller.scenario, 48_500), "Change")
    assert controller.wait_for_full()
    evaluation = controller.evaluation
    assert evaluation is not None and evaluation.searched
    assert evaluation.money("ml-engineer").base_salary == 48_500


class _SlowFull(Evaluator):
    """Full evaluations wait for a gate, so a test can change the scenario while one runs."""

    gate = threading.Event()

    def evaluate(
        self,
        scenario: Scenario,
        *,
        resolution: Resolution = "full",
        parts: Parts = "all",
        check: Callable[[], None] | None = None,
    ) -> Evaluation:
        if resolution == "full":
            self.gate.wait(5)
        return super().evaluate(scenario, resolution=resolution, parts=parts, check=check)


def test_a_stale_full_result_is_dropped(demo: Scenario, qtbot: Any) -> None:
    _SlowFull.gate.clear()
    controller = DocumentController(demo, evaluator_factory=_SlowFull)
    shown: list[Evaluation] = []
    controller.evaluation_changed.connect(shown.append)
    controller.evaluate_now()
    qtbot.waitUntil(lambda: controller.is_refining)
    time.sleep(0.05)  # the worker now waits on the gate with the demo scenario
    controller.edit(_salary(demo, 51_000), "Change")
    _SlowFull.gate.set()
    assert controller.wait_for_full()
    full = [e for e in shown if e.resolution == "full"]
    assert full, "the newest full result arrives"
    assert all(e.money("ml-engineer").base_salary == 51_000 for e in full)
    controller.shutdown()


def test_save_and_reopen_gives_an_equal_scenario(
    controller: DocumentController, tmp_path: Path
) -> None:
    edited = set_criterion_value(_salary(controller.scenario, 47_500), "team", "weight", 4.5)
    controller.edit(edited, "Change")
    path = tmp_path / "mine.offers.json"
    controller.save(path)
    assert not controller.is_modified
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load(path) == edited
    other = DocumentController(load(path), file_path=path)
    assert other.scenario == controller.scenario
    other.shutdown()


def test_revert_reloads_the_file(controller: DocumentController, tmp_path: Path) -> None:
    path = tmp_path / "mine.offers.json"
    controller.save(path)
    controller.edit(_salary(controller.scenario, 60_000), "Change")
    controller.revert()
    assert controller.scenario.offer("ml-engineer").base_salary == 45_000
    assert not controller.is_modified
    assert controller.undo_stack.count() == 0


def test_reset_whatif_restores_the_saved_figures_in_one_step(
    controller: DocumentController,
) -> None:
    changed = set_criterion_value(_salary(controller.scenario, 52_000), "team", "weight", 9.0)
    changed = changed.replace(
        search=changed.search.__class__(**{**_search_dict(changed), "applications_per_month": 30.0})
    )
    controller.edit(changed, "Try")
    controller.edit(reset_whatif(controller.scenario, controller.saved_scenario), "Reset what-if")
    assert controller.scenario == controller.saved_scenario
    assert controller.undo_stack.count() == 2
    controller.undo_stack.undo()
    assert controller.scenario == changed


def _search_dict(scenario: Scenario) -> dict[str, Any]:
    from dataclasses import fields

    return {f.name: getattr(scenario.search, f.name) for f in fields(scenario.search)}


def test_autosave_is_private_and_goes_away_after_saving(
    controller: DocumentController, autosave_folder: Path, tmp_path: Path
) -> None:
    controller.autosave_now()
    assert not list(autosave_folder.glob("*.offers.json")), "nothing to autosave while clean"
    controller.edit(_salary(controller.scenario, 50_000), "Change")
    controller.autosave_now()
    files = list(autosave_folder.glob("*.offers.json"))
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(autosave_folder.stat().st_mode) == 0o700
    assert load(files[0]) == controller.scenario
    controller.save(tmp_path / "saved.offers.json")
    assert not list(autosave_folder.glob("*.offers.json"))


def test_a_running_session_is_not_a_leftover_but_a_crashed_one_is(
    demo: Scenario, tmp_path: Path
) -> None:
    folder = tmp_path / "autosave"
    running = AutosaveStore(folder)
    running.write(demo, None)
    other = AutosaveStore(folder)
    assert other.leftovers() == [], "a live session's autosave is not offered"
    crashed = folder / "session-deadbeef0000.offers.json"
    save(_salary(demo, 41_000), crashed)
    leftovers = other.leftovers()
    assert [item.path for item in leftovers] == [crashed]
    assert leftovers[0].name == demo.name
    AutosaveStore.discard(leftovers[0])
    assert not crashed.exists()
    running.close()


@pytest.mark.parametrize("bad", ["{", "", '{"schema_version": 99}', "[1, 2]"])
def test_opening_a_bad_file_changes_nothing(
    controller: DocumentController, tmp_path: Path, bad: str
) -> None:
    from offer_eval.persistence.document import DocumentError

    path = tmp_path / "bad.offers.json"
    path.write_text(bad, encoding="utf-8")
    before = controller.scenario
    with pytest.raises(DocumentError):
        controller.open(path)
    assert controller.scenario == before
    assert controller.file_path is None


def test_searches_follow_the_full_evaluation_in_the_background(
    controller: DocumentController, qtbot: Any
) -> None:
    from offer_eval.core.money_text import format_money
    from offer_eval.gui.verdict import verdict_parts

    arrived: list[Any] = []
    controller.searches_changed.connect(arrived.append)
    assert controller.wait_for_full()
    evaluation = controller.evaluation
    assert evaluation is not None and evaluation.resolution == "full"
    # Before the searches arrive the verdict says they are being worked out.
    pending = {p.key: p for p in verdict_parts(evaluation)}["reservation"]
    assert pending.tone == "pending"
    qtbot.waitUntil(lambda: bool(arrived), timeout=20_000)
    searches = arrived[-1]
    assert searches.scenario is evaluation.scenario
    lowest = searches.lowest_salary["ml-engineer"]
    assert isinstance(lowest, float)
    shown = {p.key: p for p in verdict_parts(evaluation, searches)}["reservation"]
    lead = evaluation.decision.leader if evaluation.decision else "ml-engineer"
    expected = searches.lowest_salary[lead]
    assert isinstance(expected, float)
    assert shown.value == f"{format_money(expected)} a year"
    assert "beats declining" in shown.detail
