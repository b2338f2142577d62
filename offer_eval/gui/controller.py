"""The document controller: the current scenario, its undo stack, its file and its evaluation.

Panels never hold scenario state of their own. They read `controller.scenario`, push edits through
`controller.edit` (one undoable command per user intent) and redraw on `scenario_changed` and
`evaluation_changed`. Interactive-resolution results are computed on the GUI thread at once (a
slider step must repaint within a frame); full-resolution results run as background work (see
`offer_eval.gui.background`), so a result for a scenario since edited is dropped.

After the full result comes the slow part: the lowest salary worth taking and the tie salaries,
root-finding searches of a second or more. Every edit stops them (they stop at their next cancel
point, a few milliseconds away) and the full evaluation of the edit runs in a lane of its own, so
it never waits for them; they start again once the new full result is on screen.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QUndoStack

from offer_eval.core.evaluate import Evaluation, Evaluator, Parts, Resolution, Searches
from offer_eval.core.models import Benchmark, Criterion, Position, Scenario
from offer_eval.gui.autosave import AutosaveStore
from offer_eval.gui.background import BackgroundWork, JobControl, JobKind
from offer_eval.gui.commands import ScenarioEditCommand
from offer_eval.persistence.document import DocumentError, load, save

EvaluatorFactory = Callable[[], Evaluator]


# The window's status line says "Refining…" from the moment the refinement starts; the status
# bar's progress would repeat it with a busy bar whose animation repainted the window every few
# milliseconds while the evaluation ran (the GUI thread's time during a 12-offer release about
# doubled, 15 -> 30 ms, taken from the evaluation's threads).
FULL_EVALUATION = JobKind(
    "evaluation",
    "Refining the results",
    cancellable=False,
    automatic=True,
    lane="evaluation",
    in_status=False,
)
SEARCHES = JobKind("searches", "Finding the lowest salary worth taking", automatic=True)
TIE_SALARIES = JobKind("tie-salaries", "Finding tie salaries", automatic=True)


class DocumentController(QObject):
    """One open comparison: scenario, undo history, file, autosave and evaluation requests."""

    scenario_changed = Signal(object)  # Scenario
    structure_changed = Signal(
        object
    )  # Scenario: offers, criteria or benchmarks added/removed/moved
    evaluation_changed = Signal(object)  # Evaluation
    evaluation_failed = Signal(str)
    refining_changed = Signal(bool)  # a full-resolution evaluation is running
    file_changed = Signal(object)  # Path | None
    modified_changed = Signal(bool)
    document_replaced = Signal(object)  # Scenario: a new, opened or reverted document
    # The same news for the tables, forms and the verdict strip. While a slider is dragged only
    # the charts follow every step (one frame each); these wait until the drag pauses or ends, so
    # that re-laying out text and tables never costs a chart its frame.
    scenario_settled = Signal(object)  # Scenario
    evaluation_settled = Signal(object)  # Evaluation
    searches_changed = Signal(object)  # Searches of the newest full evaluation's scenario

    SETTLE_MS = 150
    # The searches start this long after the full result is handed to the panels: its repaint
    # comes first, not shared with two worker threads busy simulating.
    SEARCHES_AFTER_MS = 30
    # After a drag the garbage collector resumes with the searches, once the full result has
    # been painted; this long after the release at the latest, whatever became of that result.
    COLLECTOR_FALLBACK_MS = 2_000

    def __init__(
        self,
        scenario: Scenario,
        *,
        file_path: Path | None = None,
        autosave: AutosaveStore | None = None,
        autosave_seconds: int = 30,
        evaluator_factory: EvaluatorFactory = Evaluator,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._scenario = scenario
        self._saved = scenario
        self._file_path = file_path
        self._evaluation: Evaluation | None = None
        self._drag: int | None = None
        self._drag_counter = 0
        self._gc_was_enabled = True
        self._gc_paused = False  # by a drag, until its release's full result is on screen
        self._refining = False
        self._unsaved = False
        self.last_full_seconds: float | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._interactive = evaluator_factory()
        self._full = evaluator_factory()
        # One full evaluation of a scenario at a time (a refinement and an export's), and one
        # tie-salary search: the second caller finds the first one's result remembered. Two
        # locks, so that a tie search never holds up a full evaluation.
        self._full_lock = threading.Lock()
        self._ties_lock = threading.Lock()
        self._searching: dict[str, Scenario] = {}  # the scenario each search job works on
        self.background = BackgroundWork(self)
        self._autosave = autosave
        self._autosaved: Scenario | None = None
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(autosave_seconds * 1000)
        self._autosave_timer.timeout.connect(self.autosave_now)
        if autosave is not None:
            self._autosave_timer.start()
        self._full_timer = QTimer(self)
        self._full_timer.setSingleShot(True)
        self._full_timer.setInterval(0)
        self._full_timer.timeout.connect(self._start_full)
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(self.SETTLE_MS)
        self._settle_timer.timeout.connect(self._settle)
        self._searches_timer = QTimer(self)
        self._searches_timer.setSingleShot(True)
        self._searches_timer.setInterval(self.SEARCHES_AFTER_MS)
        self._searches_timer.timeout.connect(self._start_all_searches)
        self._gc_timer = QTimer(self)
        self._gc_timer.setSingleShot(True)
        self._gc_timer.timeout.connect(self._resume_collector)

    # --- state ------------------------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        """The scenario as it stands now (immutable; edits replace it)."""
        return self._scenario

    @property
    def saved_scenario(self) -> Scenario:
        """The scenario as last opened or saved: what "reset what-if" and Revert go back to."""
        return self._saved

    @property
    def evaluation(self) -> Evaluation | None:
        """The newest evaluation shown (interactive while dragging, full otherwise)."""
        return self._evaluation

    @property
    def file_path(self) -> Path | None:
        return self._file_path

    @property
    def is_modified(self) -> bool:
        """Changes not in the file: an edit since the last save, or a document never saved there."""
        return self._unsaved or not self.undo_stack.isClean()

    @property
    def autosave_store(self) -> AutosaveStore | None:
        return self._autosave

    @property
    def is_dragging(self) -> bool:
        return self._drag is not None

    @property
    def is_refining(self) -> bool:
        return self._refining

    # --- edits ------------------------------------------------------------------------------------

    def edit(self, scenario: Scenario, text: str, *, merge_key: str | None = None) -> None:
        """Make `scenario` current as one undoable step named `text`.

        While a drag is under way, edits with the same `merge_key` merge into one step.
        """
        if scenario == self._scenario:
            return
        command = ScenarioEditCommand(
            self._apply,
            self._scenario,
            scenario,
            text,
            merge_key=merge_key,
            drag=self._drag if merge_key is not None else None,
        )
        self.undo_stack.push(command)

    def begin_drag(self) -> None:
        """A slider drag starts: edits merge into one step and evaluate at interactive resolution.

        Python's cyclic garbage collector is paused for the drag: a collection in the middle of
        a step would cost a frame, and a drag makes little cyclic garbage. It resumes once the
        release's full result is on screen (`_resume_collector`).
        """
        self._drag_counter += 1
        self._drag = self._drag_counter
        self._gc_timer.stop()
        if not self._gc_paused:
            self._gc_paused = True
            self._gc_was_enabled = gc.isenabled()
            gc.disable()

    def end_drag(self) -> None:
        """The drag ended: evaluate at full resolution.

        The tables and forms show the final inputs at once; the results they and the verdict
        show wait for the full evaluation, due in a fraction of a second. Settling them on the
        interactive result first would work out its whole trajectory and score on this thread
        (tens of milliseconds with many offers) only for the full result to replace them.

        The garbage collector stays paused until that result has been painted: resumed here,
        its first collection walked every object the drag had made (15-35 ms after a 200-step
        drag with 12 offers, measured), holding the interpreter lock before the full evaluation
        could start. Should no full result come (a failure, an edit first), it resumes anyway.
        """
        if self._drag is None:
            return
        self._drag = None
        self._settle_timer.stop()
        # The worker starts on the full result before the tables and forms take the final
        # inputs: they took 2-20 ms here (the Decision tab with 12 offers), which the full result
        # waited out for nothing.
        self._full_timer.stop()
        self._start_full()
        self._gc_timer.start(self.COLLECTOR_FALLBACK_MS)
        self.scenario_settled.emit(self._scenario)

    @Slot()
    def _resume_collector(self) -> None:
        """Let the garbage collector run again after a drag (unless another drag is under way)."""
        self._gc_timer.stop()
        if self._gc_paused and not self.is_dragging:
            self._gc_paused = False
            if self._gc_was_enabled:
                gc.enable()

    def _apply(self, scenario: Scenario) -> None:
        """Called by undo commands: make `scenario` current and recompute."""
        previous = self._scenario
        self._scenario = scenario
        if not _same_structure(previous, scenario):
            self.structure_changed.emit(scenario)
        self.scenario_changed.emit(scenario)
        if not self.is_dragging:
            self.scenario_settled.emit(scenario)
        self.evaluate_now()

    # --- evaluation -------------------------------------------------------------------------------

    def evaluate_now(self, *, refine: bool = True, money_only: bool = False) -> None:
        """Evaluate at interactive resolution on this thread, then refine in the worker.

        While a drag is under way the refinement waits for the release; `refine=False` leaves it
        to the caller (the window asks for it once it has painted, so start-up is not slowed).
        `money_only` gives a preview without the simulation and the score, for that first paint.
        """
        # A full result or a search still on its way is for the scenario before this one: stop
        # it and drop what it returns. (On every drag step too; the searches start again after
        # the release's full result.)
        self.background.supersede(FULL_EVALUATION)
        self.stop_searches()
        self._set_refining(False)
        self._emit_evaluation(
            self._evaluate(self._scenario, "interactive", "money" if money_only else "all")
        )
        if refine and not self.is_dragging:
            self.request_full()

    def _evaluate(
        self, scenario: Scenario, resolution: Resolution, parts: Parts = "all"
    ) -> Evaluation | None:
        try:
            return self._interactive.evaluate(scenario, resolution=resolution, parts=parts)
        except Exception as error:  # shown to the user; the last good result stays on screen
            self.evaluation_failed.emit(f"{type(error).__name__}: {error}")
            return None

    def _emit_evaluation(self, evaluation: Evaluation | None) -> None:
        if evaluation is not None:
            self._evaluation = evaluation
            self.evaluation_changed.emit(evaluation)
            if self.is_dragging:
                self._settle_timer.start()
            else:
                self.evaluation_settled.emit(evaluation)

    @Slot()
    def _settle(self) -> None:
        """Bring the tables, forms and verdict up to date after (or during a pause in) a drag."""
        self._settle_timer.stop()
        self.scenario_settled.emit(self._scenario)
        if self._evaluation is not None:
            self.evaluation_settled.emit(self._evaluation)

    def request_full(self) -> None:
        """Schedule a full-resolution evaluation of the current scenario (coalesced)."""
        self._full_timer.start()

    @Slot()
    def _start_full(self) -> None:
        scenario, evaluator, lock = self._scenario, self._full, self._full_lock

        def work(control: JobControl) -> tuple[Evaluation, float]:
            started = time.perf_counter()
            with lock:
                control.check()  # superseded while waiting for the previous one to finish
                evaluation = _computed(
                    evaluator.evaluate(scenario, resolution="full", check=control.check)
                )
            return evaluation, time.perf_counter() - started

        self._set_refining(True)
        self.background.submit(
            FULL_EVALUATION, work, self._on_full_finished, failed=self._on_full_failed
        )

    def _on_full_finished(self, outcome: tuple[Evaluation, float]) -> None:
        self._set_refining(False)
        if self.is_dragging:
            return  # the drag moved on; the release asks again
        evaluation, seconds = outcome
        self.last_full_seconds = seconds
        self._emit_evaluation(evaluation)
        self._searches_timer.start()
        if self._gc_paused:
            self._gc_timer.start(self.SEARCHES_AFTER_MS)

    def stop_searches(self) -> None:
        """Stop the lowest-salary and tie-salary searches, running or about to start: the
        scenario they work on is no longer the one shown."""
        self._searches_timer.stop()
        self.background.supersede(SEARCHES)
        self.background.supersede(TIE_SALARIES)
        self._searching.clear()

    @Slot()
    def _start_all_searches(self) -> None:
        """Start the searches for the full result on screen, unless an edit came first."""
        evaluation = self._current_full()
        if evaluation is None or self.is_dragging:
            return
        self._start_searches(evaluation)
        self._start_ties(evaluation)

    def _still_searching(self, kind: JobKind, scenario: Scenario) -> bool:
        """A job of `kind` already works on this very scenario (a click on a slider that moved
        nothing asks for the same full result again): let it finish rather than start over."""
        return self.background.is_busy(kind) and self._searching.get(kind.name) is scenario

    def _start_searches(self, evaluation: Evaluation) -> None:
        """The root-finding searches `evaluate` leaves out (the lowest salary worth taking), in
        the background after the full evaluation; an edit stops them (`stop_searches`)."""
        if evaluation.trajectory is None:
            return
        scenario, evaluator = evaluation.scenario, self._full
        if self._still_searching(SEARCHES, scenario):
            return

        def work(control: JobControl) -> Searches:
            control.check()
            return evaluator.evaluate_searches(scenario, control.check)

        self._searching[SEARCHES.name] = scenario
        self.background.submit(SEARCHES, work, self.searches_changed.emit)

    def _start_ties(self, evaluation: Evaluation) -> None:
        """Find the tie salaries in the worker once everything else is on screen: each re-runs
        the forecast at many salaries, so they follow the full result rather than delay it."""
        evaluator, lock = self._full, self._ties_lock
        if self._still_searching(TIE_SALARIES, evaluation.scenario):
            return

        def work(control: JobControl) -> Evaluation:
            with lock:
                control.check()
                return evaluator.with_tie_salaries(evaluation, control.check)

        self._searching[TIE_SALARIES.name] = evaluation.scenario
        self.background.submit(TIE_SALARIES, work, self._on_ties_finished)

    def _on_ties_finished(self, evaluation: Evaluation) -> None:
        if self.is_dragging or evaluation.scenario is not self._scenario:
            return  # an edit since: its own full evaluation asks again
        self._emit_evaluation(evaluation)

    def _on_full_failed(self, message: str) -> None:
        self._set_refining(False)
        self._resume_collector()
        self.evaluation_failed.emit(message)
        if self._evaluation is not None and not self.is_dragging:
            self.evaluation_settled.emit(self._evaluation)  # the last result stays on show

    def _set_refining(self, refining: bool) -> None:
        if refining != self._refining:
            self._refining = refining
            self.refining_changed.emit(refining)

    def full_evaluation_work(self) -> Callable[[JobControl], Evaluation]:
        """A job giving the full-resolution evaluation of the current scenario (for an export).

        The shown result when it is already full resolution and current (no work repeated, no
        second set of simulation caches); otherwise computed in the worker, under the same lock.
        """
        ready = self._current_full()
        scenario, evaluator = self._scenario, self._full
        full_lock, ties_lock = self._full_lock, self._ties_lock

        def work(control: JobControl) -> Evaluation:
            if ready is not None and ready.searched:
                return ready
            control.progress(0.0, "Simulating every future")
            if ready is not None:
                full = ready
            else:
                with full_lock:
                    full = _computed(evaluator.evaluate(scenario, resolution="full"))
            with ties_lock:
                return evaluator.with_tie_salaries(full, control.check)

        return work

    def searches_for(self, scenario: Scenario) -> Searches:
        """The lowest-salary searches for `scenario`, shared with those the window runs itself.

        Blocks (memoised, so at once when they already ran): for a background job, an export.
        """
        return self._full.evaluate_searches(scenario)

    def full_evaluation(self) -> Evaluation:
        """The full-resolution evaluation of the current scenario, computed here if need be.

        Blocks: for the command line's self-test and for tests; the window uses
        `full_evaluation_work` in a background job instead.
        """
        evaluation = self._current_full()
        if evaluation is None:
            with self._full_lock:
                evaluation = self._full.evaluate(self._scenario, resolution="full")
        with self._ties_lock:
            return self._full.with_tie_salaries(evaluation)

    def _current_full(self) -> Evaluation | None:
        """The shown evaluation when it is full resolution and of the current scenario."""
        evaluation = self._evaluation
        if (
            evaluation is not None
            and evaluation.resolution == "full"
            and evaluation.scenario is self._scenario
        ):
            return evaluation
        return None

    def wait_for_full(self, timeout_ms: int = 30_000, *, ties: bool = True) -> bool:
        """Block until no full evaluation is pending or running, nor (with `ties`) the tie-salary
        search that follows it (tests, self-test, shutdown, benchmarks).

        `ties=False` returns as soon as the full result is handed to the panels: what a user
        waits for after letting go of a slider (the searches arrive later, on their own).
        """

        def done() -> bool:
            full_done = not self._full_timer.isActive() and not self.background.is_busy(
                FULL_EVALUATION
            )
            return full_done and (
                not ties
                or (
                    not self._searches_timer.isActive()
                    and not self.background.is_busy(TIE_SALARIES)
                )
            )

        return self.background.run_until(done, timeout_ms)

    # --- files ------------------------------------------------------------------------------------

    def replace_document(
        self,
        scenario: Scenario,
        file_path: Path | None,
        *,
        unsaved: bool = False,
        saved: Scenario | None = None,
    ) -> None:
        """Start over on another document: a new, opened, reverted, imported or recovered one.

        `unsaved` marks a document whose contents are not in `file_path` yet (an imported
        workbook, a recovered autosave): the title shows it as modified until it is saved.
        `saved` is what "reset what-if" goes back to (default: `scenario` itself).
        """
        self._scenario = scenario
        self._saved = saved if saved is not None else scenario
        self._file_path = file_path
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._unsaved = unsaved
        if not unsaved:
            self._remove_autosave()
        self.file_changed.emit(file_path)
        self.modified_changed.emit(self.is_modified)
        self.document_replaced.emit(scenario)
        self.structure_changed.emit(scenario)
        self.scenario_changed.emit(scenario)
        if not self.is_dragging:
            self.scenario_settled.emit(scenario)
        # The money first, the simulation and the score from the worker: a document just read
        # has nothing memoised, and simulating its offers here would hold the window for tens of
        # milliseconds (the verdict waits for the complete result, a moment later).
        self.evaluate_now(money_only=True)

    def open(self, path: Path) -> None:
        """Open a scenario file; raises DocumentError and leaves the current document alone."""
        scenario = load(path)
        self.replace_document(scenario, path)

    def save(self, path: Path | None = None) -> Path:
        """Save (atomically) to `path` or the current file; raises DocumentError."""
        target = path if path is not None else self._file_path
        if target is None:
            raise DocumentError("(unsaved)", "$", "choose a file name first")
        save(self._scenario, target)
        self._file_path = target
        self._saved = self._scenario
        was_modified = self.is_modified
        self._unsaved = False
        self.undo_stack.setClean()
        self._remove_autosave()
        self.file_changed.emit(target)
        if was_modified:
            self.modified_changed.emit(False)
        return target

    def revert(self) -> None:
        """Reload the file from disk, dropping unsaved changes; raises DocumentError."""
        if self._file_path is None:
            raise DocumentError("(unsaved)", "$", "this comparison has never been saved")
        self.open(self._file_path)

    # --- autosave ---------------------------------------------------------------------------------

    @Slot()
    def autosave_now(self) -> None:
        """Write unsaved changes to the autosave folder (nothing to do when clean)."""
        if self._autosave is None or not self.is_modified or self._scenario == self._autosaved:
            return
        try:
            self._autosave.write(self._scenario, self._file_path)
        except DocumentError as error:
            self.evaluation_failed.emit(f"Autosave failed: {error.rule}")
            return
        self._autosaved = self._scenario

    def _remove_autosave(self) -> None:
        if self._autosave is not None:
            self._autosave.remove()
        self._autosaved = None

    @Slot(bool)
    def _on_clean_changed(self, clean: bool) -> None:
        if clean and not self._unsaved:
            self._remove_autosave()
        self.modified_changed.emit(self.is_modified)

    def shutdown(self) -> None:
        """Stop timers and wait for the worker, then drop this session's autosave."""
        self._autosave_timer.stop()
        self._full_timer.stop()
        self._searches_timer.stop()
        self._drag = None
        self._resume_collector()
        self.background.shutdown()
        if self._autosave is not None:
            self._autosave.close()


def _computed(evaluation: Evaluation) -> Evaluation:
    """The evaluation with its lazy parts worked out here, in the worker.

    The trajectory and the decision are computed on first access; left lazy, the first panel to
    read them would run the full-resolution simulation on the GUI thread.
    """
    _ = evaluation.trajectory, evaluation.decision
    return evaluation


def _same_structure(before: Scenario, after: Scenario) -> bool:
    """True when the panels' rows and columns stay as they were: the same ids, names, labels
    and kinds, in the same order. Positions, criteria and benchmarks an edit kept are not
    looked into (a drag step replaces one of them at most)."""
    pairs: tuple[tuple[Sequence[_Part], Sequence[_Part]], ...] = (
        (before.positions, after.positions),
        (before.criteria, after.criteria),
        (before.benchmarks, after.benchmarks),
    )
    for old, new in pairs:
        if len(old) != len(new):
            return False
        for was, now in zip(old, new, strict=True):
            if now is not was and _part_structure(now) != _part_structure(was):
                return False
    return True


_Part = Position | Criterion | Benchmark


def _part_structure(part: _Part) -> tuple[object, ...]:
    """What the panels' rows and columns show of one position, criterion or benchmark."""
    if isinstance(part, Position):
        return (part.id, part.display_name)
    if isinstance(part, Criterion):
        return (part.id, part.label, part.kind)
    return (part.id, part.label, part.region)
