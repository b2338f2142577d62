"""The background-work layer: only current results are applied, cancel changes nothing, one message per error."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QStatusBar
from pytestqt.qtbot import QtBot

from offer_eval.gui.background import (
    SHOW_AFTER_MS,
    BackgroundStatus,
    BackgroundWork,
    Cancelled,
    JobControl,
    JobKind,
    in_process,
)
from offer_eval.persistence.document import DocumentError

KIND = JobKind("test", "Testing")


class Logged:
    """Stands in for the crash log: records what would be written."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []

    def __call__(self, error: BaseException) -> str:
        self.errors.append(error)
        return "/tmp/the-log"


@pytest.fixture
def work(qtbot: QtBot) -> Any:
    logged = Logged()
    runner = BackgroundWork(log_error=logged)
    runner.logged = logged  # type: ignore[attr-defined]
    yield runner
    runner.shutdown()


def test_a_superseded_result_is_never_applied(work: BackgroundWork) -> None:
    release = threading.Event()
    seen: list[str] = []
    controls: list[JobControl] = []

    def slow(control: JobControl) -> str:
        controls.append(control)
        release.wait(5)
        return "old"

    work.submit(KIND, slow, seen.append)
    time.sleep(0.05)
    work.submit(KIND, lambda control: "new", seen.append)
    release.set()
    assert work.wait(timeout_ms=5_000)
    work._pool.waitForDone(2_000)
    time.sleep(0.05)
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()
    assert seen == ["new"]
    assert controls[0].cancelled  # the old one was told to stop, not only ignored


def test_kinds_do_not_supersede_each_other(work: BackgroundWork) -> None:
    seen: list[str] = []
    work.submit(KIND, lambda control: "a", seen.append)
    work.submit(JobKind("other", "Other"), lambda control: "b", seen.append)
    assert work.wait()
    assert sorted(seen) == ["a", "b"]


def test_progress_is_a_cancel_point(work: BackgroundWork) -> None:
    started = threading.Event()
    steps: list[int] = []
    cancelled: list[bool] = []

    def long(control: JobControl) -> str:
        started.set()
        for step in range(500):
            control.progress(step / 500, f"step {step}")
            steps.append(step)
            time.sleep(0.01)
        return "finished"

    done: list[str] = []
    work.submit(KIND, long, done.append, cancelled=lambda: cancelled.append(True))
    assert started.wait(5)
    time.sleep(0.05)
    assert work.cancel(KIND)
    work._pool.waitForDone(5_000)
    assert work.wait()
    assert done == []
    assert cancelled == [True]
    assert len(steps) < 500  # it stopped early, at a progress call


def test_an_unexpected_error_gives_one_message_and_a_logged_traceback(
    work: BackgroundWork, qtbot: QtBot
) -> None:
    messages: list[str] = []
    work.error_message.connect(messages.append)

    def broken(control: JobControl) -> None:
        raise ZeroDivisionError("division by zero")

    work.submit(KIND, broken, lambda result: None)
    assert work.wait()
    qtbot.waitUntil(lambda: bool(messages), timeout=2_000)
    assert len(messages) == 1
    assert "Testing failed" in messages[0] and "ZeroDivisionError" in messages[0]
    assert "Traceback" not in messages[0]  # a sentence, not a traceback
    assert "/tmp/the-log" in messages[0]
    logged = work.logged.errors  # type: ignore[attr-defined]
    assert len(logged) == 1 and isinstance(logged[0], ZeroDivisionError)
    assert logged[0].__traceback__ is not None  # the log gets the whole traceback


def test_an_expected_error_is_its_own_text_and_not_logged(work: BackgroundWork) -> None:
    kind = JobKind("open", "Opening", expected=(DocumentError,))
    failures: list[str] = []

    def bad(control: JobControl) -> None:
        raise DocumentError("x.offers.json", "$.offers", "must be a list")

    work.submit(kind, bad, lambda result: None, failed=failures.append)
    assert work.wait()
    assert failures == ["x.offers.json: $.offers: must be a list"]
    assert work.logged.errors == []  # type: ignore[attr-defined]


def test_status_shows_long_work_with_a_reachable_cancel_button(
    work: BackgroundWork, qtbot: QtBot
) -> None:
    bar = QStatusBar()
    status = BackgroundStatus(work)
    bar.addPermanentWidget(status)
    bar.show()
    qtbot.addWidget(bar)
    quick_done: list[int] = []
    work.submit(KIND, lambda control: 1, quick_done.append)
    assert work.wait()
    assert not status.isVisible()  # quick work never flashes a bar

    stop = threading.Event()

    def long(control: JobControl) -> int:
        while not stop.is_set():
            control.progress(0.5, "halfway")
            time.sleep(0.01)
        return 2

    cancelled: list[bool] = []
    work.submit(KIND, long, quick_done.append, cancelled=lambda: cancelled.append(True))
    qtbot.waitUntil(status.isVisible, timeout=SHOW_AFTER_MS + 2_000)
    button = status.cancel_button
    assert button.isVisible()
    assert button.accessibleName() == "Cancel testing"
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "halfway" in status.label.text()
    button.click()
    stop.set()
    assert cancelled == [True]
    assert not status.isVisible()
    assert quick_done == [1]


def test_work_the_user_asked_for_keeps_the_status_bar_over_automatic_work(
    work: BackgroundWork, qtbot: QtBot
) -> None:
    """An export outlives a refinement that starts after it: Cancel must stop the export."""
    bar = QStatusBar()
    status = BackgroundStatus(work)
    bar.addPermanentWidget(status)
    bar.show()
    qtbot.addWidget(bar)
    stop = threading.Event()

    def long(control: JobControl) -> int:
        while not stop.is_set():
            control.progress(0.5, "")
            time.sleep(0.01)
        return 0

    exporting = JobKind("export", "Exporting")
    searching = JobKind("search", "Searching", automatic=True)
    cancelled: list[str] = []
    try:
        work.submit(exporting, long, lambda _: None, cancelled=lambda: cancelled.append("export"))
        qtbot.waitUntil(status.isVisible, timeout=SHOW_AFTER_MS + 2_000)
        work.submit(searching, long, lambda _: None, cancelled=lambda: cancelled.append("search"))
        qtbot.wait(SHOW_AFTER_MS + 100)  # the automatic job is due for the bar too by now
        assert status.label.text().startswith("Exporting")
        status.cancel_button.click()
        qtbot.waitUntil(lambda: cancelled == ["export"], timeout=2_000)
    finally:
        stop.set()
        work.wait()


def _first_then_follow(work: BackgroundWork, follow_seconds: float) -> list[str]:
    """Submit a job whose result starts a second job from a zero-delay timer (a window's, as
    the refinement after an opened file); returns the list the two results are appended to."""
    follow = JobKind("follow", "Following")
    done: list[str] = []
    later = QTimer(work)
    later.setSingleShot(True)
    later.setInterval(0)
    later.timeout.connect(
        lambda: work.submit(follow, lambda control: _slept(follow_seconds, "second"), done.append)
    )

    def first_done(result: str) -> None:
        done.append(result)
        later.start()

    work.submit(KIND, lambda control: "first", first_done)
    return done


def test_a_wait_sees_work_started_later_in_the_same_round_of_events(
    work: BackgroundWork,
) -> None:
    """A result may start more work a moment later (a window's zero-delay timer, as the
    refinement after an opened file): the wait runs on until that is done too."""
    done = _first_then_follow(work, 0.2)
    assert work.wait(timeout_ms=10_000)
    assert done == ["first", "second"]


def test_a_wait_sees_work_a_result_already_waiting_starts(work: BackgroundWork) -> None:
    """The same when the result is handed over by the wait's very first look at the events (on a
    busy machine the job is done before the wait begins): that look's zero-delay timer still
    gets its round before the wait says it is over."""
    done = _first_then_follow(work, 0.05)
    assert work.wait_idle()  # the job has returned; its result waits in the event queue
    assert done == []
    assert work.wait(timeout_ms=10_000)
    assert done == ["first", "second"]


def test_work_the_window_shows_another_way_stays_out_of_the_status_bar(
    work: BackgroundWork, qtbot: QtBot
) -> None:
    """The refinement has the window's own "Refining…" line: no busy bar repeats it (its
    animation repainted the window all through the evaluation); other work still shows."""
    bar = QStatusBar()
    status = BackgroundStatus(work)
    bar.addPermanentWidget(status)
    bar.show()
    qtbot.addWidget(bar)
    stop = threading.Event()

    def long(control: JobControl) -> int:
        stop.wait(10)
        return 0

    refining = JobKind("refine", "Refining", automatic=True, lane="refine", in_status=False)
    exporting = JobKind("export", "Exporting")
    try:
        work.submit(refining, long, lambda _: None)
        qtbot.wait(SHOW_AFTER_MS + 200)
        assert not status.isVisible() and status.shown_job is None
        work.submit(exporting, long, lambda _: None)
        qtbot.waitUntil(status.isVisible, timeout=SHOW_AFTER_MS + 2_000)
        assert status.label.text().startswith("Exporting")
    finally:
        stop.set()
        work.wait()


def _slow_square(value: int, *, progress: Any) -> int:
    for step in range(3):
        progress(step / 3, "squaring")
    return value * value


def _fails_in_child(path: str, *, progress: Any) -> None:
    raise DocumentError(path, "$", "not valid JSON")


def _never_ends(seconds: float, *, progress: Any) -> None:
    time.sleep(seconds)


def test_a_worker_process_returns_results_and_errors(work: BackgroundWork) -> None:
    done: list[int] = []
    work.submit(KIND, in_process(_slow_square, 12), done.append)
    assert work.wait(timeout_ms=60_000)
    assert done == [144]
    kind = JobKind("open", "Opening", expected=(DocumentError,))
    failures: list[str] = []
    work.submit(
        kind, in_process(_fails_in_child, "a.json"), lambda result: None, failed=failures.append
    )
    assert work.wait(timeout_ms=60_000)
    assert failures == ["a.json: $: not valid JSON"]  # the DocumentError survived the trip


def test_cancelling_a_worker_process_stops_it(work: BackgroundWork) -> None:
    control = JobControl()
    from offer_eval.gui.background import run_in_process

    def cancel_soon() -> None:
        time.sleep(1.0)
        control.cancel()

    threading.Thread(target=cancel_soon).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        run_in_process(control, _never_ends, 60.0)
    assert time.monotonic() - started < 10


def test_cancelled_workbook_export_leaves_the_file_unchanged(
    work: BackgroundWork, tmp_path: Path
) -> None:
    from offer_eval.core.evaluate import evaluate
    from offer_eval.persistence.examples import demo_scenario
    from offer_eval.persistence.excel import write_workbook

    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "comparison.xlsx"
    target.write_bytes(b"the user's earlier export")
    evaluation = evaluate(demo_scenario())
    calls: list[float] = []

    def export(control: JobControl) -> None:
        def progress(fraction: float, what: str) -> None:
            calls.append(fraction)
            if len(calls) == 2:
                control.cancel()  # the user presses Cancel part-way through
            control.progress(fraction, what)

        write_workbook(evaluation, target, progress=progress)

    cancelled: list[bool] = []
    done: list[object] = []
    work.submit(KIND, export, done.append, cancelled=lambda: cancelled.append(True))
    assert work.wait(timeout_ms=30_000)
    assert done == [] and cancelled == [True]
    assert target.read_bytes() == b"the user's earlier export"
    assert sorted(p.name for p in folder.iterdir()) == ["comparison.xlsx"]  # no temporaries


def test_a_job_in_its_own_lane_runs_while_every_shared_worker_is_busy(
    work: BackgroundWork,
) -> None:
    release = threading.Event()
    started: list[str] = []

    def hold(control: JobControl) -> str:
        started.append("held")
        release.wait(10)  # between cancel points: a superseded job still holds its thread
        return "held"

    try:
        work.submit(JobKind("a", "A"), hold, lambda result: None)
        work.submit(JobKind("b", "B"), hold, lambda result: None)
        deadline = time.monotonic() + 5
        while len(started) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(started) == 2  # both shared workers are taken
        seen: list[str] = []
        own = JobKind("own", "Own lane", lane="own")
        work.submit(own, lambda control: "own", seen.append)
        assert work.wait(own, timeout_ms=5_000)
        assert seen == ["own"]
        assert work.is_busy("a") and work.is_busy("b")
    finally:
        release.set()
    assert work.wait(timeout_ms=5_000)


@pytest.mark.parametrize("lane", ["shared", "its own"])
def test_waiting_for_a_job_sleeps_instead_of_spinning(work: BackgroundWork, lane: str) -> None:
    """The GUI thread waits in a sleeping event loop: a wait that spun on processEvents kept a
    processor busy that the job (on two threads of a two-processor machine) needed."""
    kind = JobKind("sleeper", "Sleeping", lane=lane) if lane != "shared" else KIND
    results: list[str] = []
    work.submit(kind, lambda control: _slept(0.6, "slept"), results.append)
    started = time.thread_time()
    assert work.wait(kind, timeout_ms=10_000)
    assert results == ["slept"]  # the result is handed over before the wait returns
    assert time.thread_time() - started < 0.15


def test_a_wait_sees_the_work_a_result_starts(work: BackgroundWork) -> None:
    """A job's result may start the next job: the wait looks after the result is handed over,
    not between the job's end and its result."""
    follow = JobKind("follow", "Following")
    done: list[str] = []

    def first_done(result: str) -> None:
        done.append(result)
        work.submit(follow, lambda control: _slept(0.2, "second"), done.append)

    work.submit(KIND, lambda control: "first", first_done)
    assert work.run_until(lambda: not work.is_busy(), 10_000)
    assert done == ["first", "second"]


def _slept(seconds: float, result: str) -> str:
    time.sleep(seconds)
    return result


def test_a_finished_jobs_callbacks_are_let_go_on_the_gui_thread(work: BackgroundWork) -> None:
    """A superseded job's callbacks (bound methods of window objects) are released on the GUI
    thread, never by the worker that ran it: a QObject destroyed on a worker thread takes Qt's
    connection lock, then waits for the interpreter lock the GUI thread may hold while waiting
    for that same lock (the suite hung on it once)."""
    from PySide6.QtCore import QCoreApplication

    freed_on: list[str] = []
    release = threading.Event()

    class Owner:
        def done(self, result: object) -> None:
            del result

        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    def slow(control: JobControl) -> str:
        release.wait(5)
        return "stale"

    owner = Owner()
    work.submit(KIND, slow, owner.done)
    del owner
    time.sleep(0.05)
    work.submit(KIND, lambda control: "new", lambda result: None)  # the first one is stale now
    release.set()
    work._pool.waitForDone(5_000)
    time.sleep(0.05)  # the worker has returned: only the GUI side can hold the job now
    assert freed_on == []
    QCoreApplication.processEvents()
    assert freed_on == [threading.main_thread().name]
