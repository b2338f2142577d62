"""Background work for the window: the GUI thread never waits on a long job.

A job is a plain function `work(control) -> result` run on a worker thread (or, through
`in_process`, in a separate process, for libraries that hold the interpreter lock for long). The
`JobControl` it receives reports progress and carries a cooperative cancel flag: every
`control.progress(...)` call is also a cancel point, so a library that already reports progress
(the workbook reader and writer) becomes cancellable without knowing about it.

Each job belongs to a `JobKind`. Starting a job of a kind supersedes the one still running: its
cancel flag is raised and, whatever it returns, its result is dropped, because every kind carries a
generation number and only a result of the current generation reaches its `done` callback. That is
how a full-resolution evaluation of a scenario the user has since edited never reaches the screen.

Each kind runs in a lane, a pool of worker threads of its own: a job waits for a free thread
only behind jobs of its lane. The full-resolution evaluation the window shows next has a lane to
itself, so neither a search still stopping (a superseded job stops at its next cancel point, not
at once) nor an export can hold up the result of the user's latest edit.

Results, errors and progress come back to the GUI thread through queued signals. An error is given
to the job's `failed` callback as one short message; when it is not one the job expects (a bad
file, a refused value), its traceback goes to the crash log, never to a dialog. Adding a kind of
work (a bisection search, say) is one `JobKind` and one `submit` call.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from offer_eval.crash_log import log_internal_error
from offer_eval.gui.plain_text import PlainLabel
from offer_eval.gui.worker_process import (
    PROGRESS_INTERVAL_S,
    Cancelled,
    JobControl,
    WorkerError,
    in_process,
    run_in_process,
)

__all__ = [
    "PROGRESS_INTERVAL_S",
    "SHARED_LANE",
    "SHOW_AFTER_MS",
    "BackgroundStatus",
    "BackgroundWork",
    "Cancelled",
    "Job",
    "JobControl",
    "JobKind",
    "WorkerError",
    "in_process",
    "run_in_process",
]

T = TypeVar("T")

#: The lane of every kind that names none: a pool of as many threads as `BackgroundWork` is given.
SHARED_LANE = "shared"

#: A job running longer than this shows its progress and a Cancel button in the status bar.
SHOW_AFTER_MS = 300

#: How often `BackgroundWork.run_until` looks again between the jobs' own news.
_POLL_MS = 5

_FROZEN = [False]


def _freeze_long_lived_objects() -> None:
    """Put every object alive now out of the cyclic collector's reach, once per process.

    A full collection holds the interpreter lock while it walks every tracked object, in
    whichever thread sets it off: a worker allocating heavily (writing a workbook) set one off
    that walked the window's own objects (Qt wrappers, pyqtgraph, modules) and froze the window
    for 60+ ms. Objects alive when the first job starts (the window is built by then) live as
    long as the process anyway, so collections need not look at them again.
    """
    if not _FROZEN[0]:
        _FROZEN[0] = True
        gc.freeze()


@dataclass(frozen=True)
class JobKind:
    """A kind of background work: what the status bar calls it and which errors are expected.

    `expected` errors (a bad file, a refused value) are bad input, shown as `describe` words them;
    any other error is a bug, logged with its traceback and shown as one line naming the log.
    `automatic` work (refining results, searches) starts by itself after an edit; the status bar
    gives way to work the user asked for, so its Cancel stops what the user just started.
    `lane` names the pool of threads the kind runs in (see the module's docstring); a lane other
    than the shared one has a single thread. `in_status` False: the status bar's progress leaves
    this kind out, because the window says what it is doing another way.
    """

    name: str
    label: str
    cancellable: bool = True
    automatic: bool = False
    expected: tuple[type[BaseException], ...] = ()
    describe: Callable[[BaseException], str] = str
    lane: str = SHARED_LANE
    in_status: bool = True


class _Signals(QObject):
    """Lives on the GUI thread; a worker emits through it, so delivery is a queued call."""

    done = Signal(object, object)  # Job, result
    failed = Signal(object, object)  # Job, exception
    progress = Signal(object, float, str)  # Job, fraction, what
    released = Signal(int)  # a finished task's key in `kept`: the worker holds nothing of it

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Finished jobs, kept until the GUI thread lets go of them. A job holds its callbacks,
        # bound methods of the window's objects; were a worker thread to drop the last
        # reference, a QObject would be destroyed there, taking Qt's connection lock and then
        # waiting for the interpreter lock that the GUI thread holds while it waits for that
        # connection lock (a hang seen in the test suite).
        self.kept: dict[int, Job[Any]] = {}
        self.released.connect(self._release)

    @Slot(int)
    def _release(self, key: int) -> None:
        self.kept.pop(key, None)


@dataclass(eq=False)
class Job(Generic[T]):
    """One submitted piece of work and what to do with its outcome (GUI-thread callbacks)."""

    kind: JobKind
    generation: int
    work: Callable[[JobControl], T]
    done: Callable[[T], None]
    failed: Callable[[str], None] | None
    cancelled_callback: Callable[[], None] | None
    control: JobControl = field(default_factory=JobControl)
    started_at: float = field(default_factory=time.monotonic)
    finished: bool = False

    def cancel(self) -> None:
        self.control.cancel()


_task_keys = itertools.count()


class _Task(QRunnable):
    def __init__(self, job: Job[Any], signals: _Signals) -> None:
        super().__init__()
        self.job: Job[Any] | None = job
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        job = self.job
        assert job is not None
        self.job = None
        signals = self.signals
        key = next(_task_keys)
        # Kept by the GUI side from here on, so the worker's references are never the last.
        signals.kept[key] = job
        try:
            self._outcome(job)
        finally:
            del job  # every worker-side reference gone before the GUI thread may let go
            self._emit(signals.released, key)

    def _outcome(self, job: Job[Any]) -> None:
        try:
            job.control.check()  # superseded while queued: not worth starting
            result = job.work(job.control)
        except Cancelled:
            self._emit(self.signals.failed, job, Cancelled())
        except BaseException as error:  # every failure goes back as one message
            self._emit(self.signals.failed, job, error)
        else:
            self._emit(self.signals.done, job, result)

    @staticmethod
    def _emit(signal: Any, *args: object) -> None:
        # At shutdown Qt may have deleted the receiving side already; nothing is left to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)


class BackgroundWork(QObject):
    """Runs jobs off the GUI thread and hands back only the current result of each kind."""

    job_started = Signal(object)  # Job
    job_progress = Signal(object, float, str)  # Job, fraction, what
    job_ended = Signal(object)  # Job (done, failed, cancelled or superseded)
    error_message = Signal(str)  # a failed job without its own `failed` callback

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        threads: int = 2,
        log_error: Callable[[BaseException], str] = log_internal_error,
    ) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._lanes: dict[str, QThreadPool] = {SHARED_LANE: self._pool}
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.progress.connect(self._on_progress)
        self._generations: dict[str, int] = {}
        self._current: dict[str, Job[Any]] = {}
        self._log_error = log_error

    # --- submitting -----------------------------------------------------------------------------

    def submit(
        self,
        kind: JobKind,
        work: Callable[[JobControl], T],
        done: Callable[[T], None],
        *,
        failed: Callable[[str], None] | None = None,
        cancelled: Callable[[], None] | None = None,
    ) -> Job[T]:
        """Run `work(control)` in a worker; `done(result)` on the GUI thread if still current.

        Supersedes (cancels, and drops the result of) the running job of the same kind.
        """
        _freeze_long_lived_objects()
        generation = self.supersede(kind)
        job: Job[T] = Job(kind, generation, work, done, failed, cancelled)
        signals = self._signals
        # Weakly: a job that referred to itself through its control would be freed by the
        # cyclic collector, which may run on a worker thread (see _Signals.kept).
        weak_job = weakref.ref(job)

        def report(fraction: float, what: str) -> None:
            reporting = weak_job()
            if reporting is not None:
                _Task._emit(signals.progress, reporting, fraction, what)

        job.control.on_progress(report)
        self._current[kind.name] = job
        self.job_started.emit(job)
        self._lane(kind.lane).start(_Task(job, signals))
        return job

    def _lane(self, name: str) -> QThreadPool:
        pool = self._lanes.get(name)
        if pool is None:
            pool = self._lanes[name] = QThreadPool(self)
            pool.setMaxThreadCount(1)
        return pool

    def supersede(self, kind: JobKind) -> int:
        """Make any running job of `kind` stale (cancelled, result dropped); the new generation."""
        generation = self._generations.get(kind.name, 0) + 1
        self._generations[kind.name] = generation
        old = self._current.pop(kind.name, None)
        if old is not None:
            old.cancel()
            self._end(old)
        return generation

    def cancel(self, kind: JobKind | str) -> bool:
        """The user's Cancel: stop the running job of `kind`; True when one was running."""
        name = kind if isinstance(kind, str) else kind.name
        job = self._current.pop(name, None)
        if job is None:
            return False
        self._generations[name] = self._generations.get(name, 0) + 1
        job.cancel()
        self._end(job)
        if job.cancelled_callback is not None:
            job.cancelled_callback()
        return True

    # --- state ----------------------------------------------------------------------------------

    def current(self, kind: JobKind | str) -> Job[Any] | None:
        """The running job of `kind`, if any."""
        return self._current.get(kind if isinstance(kind, str) else kind.name)

    def running(self) -> list[Job[Any]]:
        """Jobs still running whose results will be used, oldest first."""
        return sorted(self._current.values(), key=lambda job: job.started_at)

    def is_busy(self, kind: JobKind | str | None = None) -> bool:
        if kind is None:
            return bool(self._current)
        return self.current(kind) is not None

    def wait(self, kind: JobKind | str | None = None, timeout_ms: int = 30_000) -> bool:
        """Run the event loop until no (such) job runs (tests, the self-test, shutdown)."""
        return self.run_until(lambda: not self.is_busy(kind), timeout_ms)

    def run_until(self, done: Callable[[], bool], timeout_ms: int) -> bool:
        """Run the event loop until `done()` (checked as each job ends, and every few
        milliseconds), or for `timeout_ms`; returns `done()`.

        The loop sleeps between events, as the window's own loop does: a wait that spun on
        `processEvents` kept a processor busy, and with the full evaluation on two threads of a
        two-processor machine every wait (a test's, a benchmark's) made the evaluation slower
        than the user ever sees it.
        """
        from PySide6.QtCore import QCoreApplication, QEventLoop

        QCoreApplication.processEvents()
        if done():
            # That look may have handed over a result that started a zero-delay timer (more
            # work): one more round lets it, as below.
            QCoreApplication.processEvents()
            if done():
                return True
        ends = time.monotonic() + timeout_ms / 1000
        loop = QEventLoop()

        def check() -> None:
            if done():
                loop.quit()

        poll = QTimer()
        poll.setInterval(_POLL_MS)
        poll.timeout.connect(check)
        # A job ends before its result is handed over (which may start more work): look once
        # that is done, not in the middle of it.
        soon = QTimer()
        soon.setSingleShot(True)
        soon.setInterval(0)
        soon.timeout.connect(check)
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)

        def job_ended(_job: object) -> None:
            soon.start()

        self.job_ended.connect(job_ended)
        poll.start()
        try:
            # The loop stops at the end of its current round of events, which may start more
            # work after `done()` said yes: then it runs on.
            while True:
                while not done():
                    left = ends - time.monotonic()
                    if left <= 0:
                        return False
                    deadline.start(max(1, int(left * 1000)))
                    loop.exec()
                # A result handed over in the loop's last round may have started a zero-delay
                # timer that was not yet due in that round: one more round lets it start its
                # work (or see that there is none) before the wait says it is over.
                QCoreApplication.processEvents()
                if done():
                    break
        finally:
            self.job_ended.disconnect(job_ended)
            for timer in (poll, soon, deadline):
                timer.stop()
        return True

    def wait_idle(self, timeout_ms: int = 5_000) -> bool:
        """Wait until every worker thread has returned, superseded jobs included (tests)."""
        deadline = time.monotonic() + timeout_ms / 1000
        for pool in list(self._lanes.values()):
            left = max(0, int((deadline - time.monotonic()) * 1000))
            if not pool.waitForDone(left):
                return False
        return True

    def shutdown(self, timeout_ms: int = 5_000) -> None:
        """Cancel everything and wait for the workers to return."""
        for job in list(self._current.values()):
            job.cancel()
        self._current.clear()
        for pool in self._lanes.values():
            pool.clear()
        self.wait_idle(timeout_ms)

    # --- results (GUI thread) -------------------------------------------------------------------

    def _is_current(self, job: Job[Any]) -> bool:
        return self._current.get(job.kind.name) is job

    def _end(self, job: Job[Any]) -> None:
        if not job.finished:
            job.finished = True
            self.job_ended.emit(job)

    def _finish(self, job: Job[Any]) -> bool:
        """Retire a job that came back; True when its outcome is still wanted."""
        if not self._is_current(job):
            return False  # superseded or cancelled by the user: its inputs are gone
        del self._current[job.kind.name]
        self._end(job)
        if job.control.cancelled:  # it was told to stop (from inside) and returned anyway
            if job.cancelled_callback is not None:
                job.cancelled_callback()
            return False
        return True

    @Slot(object, object)
    def _on_done(self, job: Job[Any], result: object) -> None:
        if self._finish(job):
            job.done(result)

    @Slot(object, object)
    def _on_failed(self, job: Job[Any], error: BaseException) -> None:
        if not self._finish(job):
            return
        if isinstance(error, Cancelled):  # the job stopped on its own
            if job.cancelled_callback is not None:
                job.cancelled_callback()
            return
        message = self.message_for(job.kind, error)
        if job.failed is not None:
            job.failed(message)
        else:
            self.error_message.emit(message)

    def message_for(self, kind: JobKind, error: BaseException) -> str:
        """One line for the user; the traceback of an unexpected error goes to the crash log."""
        if isinstance(error, kind.expected):
            return kind.describe(error)
        if isinstance(error, WorkerError) and error.details:
            where = self._log_error(_LoggedWorkerError(error))
        else:
            where = self._log_error(error)
        return f"{kind.label} failed ({type(error).__name__}: {error}). Details are in {where}."

    @Slot(object, float, str)
    def _on_progress(self, job: Job[Any], fraction: float, what: str) -> None:
        if self._is_current(job) and not job.control.cancelled:
            self.job_progress.emit(job, fraction, what)


class _LoggedWorkerError(Exception):
    """Carries a worker process's own traceback text into the crash log."""

    def __init__(self, error: WorkerError) -> None:
        super().__init__(f"{error}\n--- in the worker process:\n{error.details}")


# --- the status bar -------------------------------------------------------------------------------


class BackgroundStatus(QWidget):
    """Progress of long background work in the status bar, with a Cancel button.

    Appears only once a job has run `SHOW_AFTER_MS` (quick work never flickers a bar); shows the
    newest running job the user started (an export, an open), else the newest automatic one.
    The button is reachable by Tab and by Escape while it is shown.
    """

    _ids = itertools.count()

    def __init__(self, work: BackgroundWork, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.label = PlainLabel("")
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self.cancel_shown)
        self._escape = QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self)
        self._escape.activated.connect(self.cancel_shown)
        self._shown: Job[Any] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._refresh)
        work.job_started.connect(self._on_started)
        work.job_progress.connect(self._on_progress)
        work.job_ended.connect(self._on_ended)
        self.hide()

    @property
    def shown_job(self) -> Job[Any] | None:
        return self._shown

    @Slot()
    def cancel_shown(self) -> None:
        if self._shown is not None and self.isVisible():
            self.work.cancel(self._shown.kind)

    @Slot(object)
    def _on_started(self, job: Job[Any]) -> None:
        if job.kind.in_status:
            self._timer.start(SHOW_AFTER_MS)

    @Slot(object, float, str)
    def _on_progress(self, job: Job[Any], fraction: float, what: str) -> None:
        if job is self._shown:
            self._show(job)

    @Slot(object)
    def _on_ended(self, job: Job[Any]) -> None:
        self._refresh()

    @Slot()
    def _refresh(self) -> None:
        now = time.monotonic()
        running = [j for j in self.work.running() if j.kind.in_status]
        due = [j for j in running if (now - j.started_at) * 1000 >= SHOW_AFTER_MS - 5]
        if due:
            asked_for = [j for j in due if not j.kind.automatic]
            self._show((asked_for or due)[-1])
        else:
            self._shown = None
            self.hide()
            if running:
                left = SHOW_AFTER_MS - (now - running[-1].started_at) * 1000
                self._timer.start(max(1, int(left)))

    def _show(self, job: Job[Any]) -> None:
        self._shown = job
        what = job.control.what
        self.label.setText(f"{job.kind.label}: {what}" if what else f"{job.kind.label}…")
        fraction = job.control.fraction
        if fraction > 0:
            self.bar.setRange(0, 100)
            self.bar.setValue(int(fraction * 100))
        else:
            self.bar.setRange(0, 0)  # busy: the job reports no fraction (yet)
        self.bar.setAccessibleName(f"{job.kind.label} progress")
        self.cancel_button.setVisible(job.kind.cancellable)
        self.cancel_button.setAccessibleName(f"Cancel {job.kind.label.lower()}")
        self.cancel_button.setToolTip(f"Stop {job.kind.label.lower()} (Esc)")
        self.show()
