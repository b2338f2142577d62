"""The window's background work end to end: stale results, Cancel, and errors from a worker."""

from __future__ import annotations

import dataclasses
import pickle
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from offer_eval.core.evaluate import Evaluation, Evaluator, Parts, Resolution
from offer_eval.core.models import Scenario
from offer_eval.gui import document_window
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.main_window import MainWindow
from offer_eval.persistence.document import save


class SlowForOld(Evaluator):
    """Full resolution of the first scenario it sees takes long: an edit overtakes it."""

    def __init__(self) -> None:
        super().__init__()
        self.slow: Scenario | None = None
        self.entered = threading.Event()

    def evaluate(
        self,
        scenario: Scenario,
        *,
        resolution: Resolution = "full",
        parts: Parts = "all",
        check: Callable[[], None] | None = None,
    ) -> Evaluation:
        if resolution == "full" and scenario is self.slow:
            self.entered.set()
            time.sleep(1.0)
        return super().evaluate(scenario, resolution=resolution, parts=parts, check=check)


def test_a_full_result_for_an_edited_scenario_is_never_shown(
    demo: Scenario, qapp: Any, qtbot: Any
) -> None:
    evaluators: list[SlowForOld] = []

    def factory() -> Evaluator:
        evaluators.append(SlowForOld())
        return evaluators[-1]

    controller = DocumentController(demo, evaluator_factory=factory)
    try:
        shown: list[Evaluation] = []
        controller.evaluation_changed.connect(shown.append)
        full = evaluators[1]  # the second evaluator is the full-resolution one
        full.slow = demo
        controller.evaluate_now()
        qtbot.waitUntil(full.entered.is_set, timeout=10_000)  # the slow one is running
        offer = demo.offers[0]
        edited = demo.replace(
            offers=(
                dataclasses.replace(offer, base_salary=offer.base_salary + 7_000),
                *demo.offers[1:],
            )
        )
        controller.edit(edited, "Base salary")
        assert controller.wait_for_full(20_000)
        time.sleep(1.2)  # the stale job has certainly returned by now...
        qapp.processEvents()  # ...and its result has had every chance to arrive
        after = shown[shown.index(next(e for e in shown if e.scenario is edited)) :]
        assert all(e.scenario is edited for e in after)
        assert not any(e.scenario is demo and e.resolution == "full" for e in shown)
        final = controller.evaluation
        assert final is not None and final.resolution == "full" and final.scenario is edited
        # The figures shown are the edit's: the same as evaluating the edit from scratch.
        fresh = Evaluator().evaluate(edited, resolution="full")
        assert final.offers[0].take_home == fresh.offers[0].take_home
        assert final.offers[0].take_home != shown[0].offers[0].take_home  # the edit shows
        assert pickle.dumps(final.trajectory) == pickle.dumps(fresh.trajectory)
    finally:
        controller.shutdown()


def _slow_progress(real: Any, seconds: float = 0.1) -> Any:
    """A reader or writer whose progress reports come slowly, so Cancel has time to land."""

    def run(*args: Any, progress: Any) -> Any:
        def slow(fraction: float, what: str = "") -> None:
            time.sleep(seconds)
            progress(fraction, what)

        return real(*args, progress=slow)

    return run


def test_cancelled_import_leaves_the_scenario_alone(
    window: MainWindow, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "comparison.xlsx"
    assert window.export_excel(path)
    assert window.controller.background.wait()
    before = window.controller.scenario
    from offer_eval.gui.file_tasks import read_workbook_file

    monkeypatch.setattr(document_window, "read_workbook_file", _slow_progress(read_workbook_file))
    assert window.import_excel(path)
    status = window.background_status
    qtbot.waitUntil(status.isVisible, timeout=5_000)
    assert status.cancel_button.accessibleName() == "Cancel reading the file"
    status.cancel_button.click()
    assert window.controller.background.wait()
    time.sleep(0.3)
    window.controller.background.wait()
    assert window.controller.scenario is before
    assert not window.isWindowModified()


def test_cancelled_export_leaves_the_file_unchanged(
    window: MainWindow, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "comparison.xlsx"
    path.write_bytes(b"an earlier export")

    class SlowWorker:
        """The worker process's job run here, its progress slow (a test's function cannot be
        sent to the process: test modules are not importable there)."""

        def run(self, control: Any, function: Any, *args: Any) -> Any:
            return _slow_progress(function)(*args, progress=control.progress)

    monkeypatch.setattr(window, "file_worker", SlowWorker)
    # The searches that follow the full evaluation run by themselves; until the export has run
    # long enough to show, the bar may show them, and Cancel would stop them instead.
    assert window.controller.background.wait()
    before = window.controller.scenario
    assert window.export_excel(path)
    status = window.background_status
    qtbot.waitUntil(
        lambda: (
            status.isVisible()
            and status.shown_job is not None
            and status.shown_job.kind.name == "export"
        ),
        timeout=10_000,
    )
    status.cancel_button.click()
    assert window.controller.background.wait()
    window.controller.background.shutdown()  # the worker has returned: nothing more is written
    assert path.read_bytes() == b"an earlier export"
    assert [p.name for p in folder.iterdir()] == ["comparison.xlsx"]
    assert window.controller.scenario is before


def test_an_error_in_a_worker_is_one_message_without_a_traceback(
    window: MainWindow,
    tmp_path: Path,
    no_modal_dialogs: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    logged: list[BaseException] = []
    background = window.controller.background

    def log(error: BaseException) -> str:
        logged.append(error)
        return "the log"

    monkeypatch.setattr(background, "_log_error", log)

    def broken(path: str, *, progress: Any) -> Scenario:
        raise KeyError("a bug in the reader")

    monkeypatch.setattr(document_window, "read_document", broken)
    path = tmp_path / "fine.offers.json"
    save(window.controller.scenario, path)
    before = window.controller.scenario
    assert window.open_path(path)
    assert background.wait()
    assert len(no_modal_dialogs) == 1
    title, text = no_modal_dialogs[0]
    assert title == "Cannot open the comparison"
    assert "KeyError" in text and "the log" in text and "Traceback" not in text
    assert len(logged) == 1 and isinstance(logged[0], KeyError)
    assert window.controller.scenario is before
