"""What a background job sees, and running one in a separate process; no Qt here.

Kept free of Qt (and of the window) because a spawned worker process imports the module that
holds its entry point: loading PySide6 there would cost the worker a large part of a second.
`offer_eval.gui.background` re-exports these names.
"""

from __future__ import annotations

import multiprocessing
import pickle
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

Progress = Callable[[float, str], None]

#: Progress reaches the GUI thread at most this often (a tight loop must not flood the queue).
PROGRESS_INTERVAL_S = 0.05


class Cancelled(BaseException):  # a signal, like KeyboardInterrupt, not an error
    """Raised inside a job at a cancel point once its cancel flag is up.

    A BaseException on purpose: readers that turn any `Exception` from a hostile file into a
    "bad input" message must not turn a cancel into one.
    """


class WorkerError(Exception):
    """An error raised in a worker process whose exception object could not be sent back."""

    def __init__(self, kind: str, text: str, details: str) -> None:
        super().__init__(f"{kind}: {text}")
        self.kind = kind
        self.text = text
        self.details = details


class JobControl:
    """What a running job may use: progress reports and its cancel flag (thread-safe)."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._report: Callable[[float, str], None] | None = None
        self._last_report = 0.0
        self.fraction = 0.0
        self.what = ""

    def on_progress(self, report: Callable[[float, str], None]) -> None:
        """Where progress goes (the window's status bar, through a queued signal)."""
        self._report = report

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the job to stop at its next cancel point."""
        self._cancel.set()

    def check(self) -> None:
        """A cancel point: raises `Cancelled` once cancel was asked for."""
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, fraction: float, what: str = "") -> None:
        """Report progress (0..1) and what is being done; also a cancel point."""
        self.check()
        self.fraction = max(0.0, min(1.0, float(fraction)))
        self.what = what
        now = time.monotonic()
        if self._report is not None and (
            now - self._last_report >= PROGRESS_INTERVAL_S or self.fraction >= 1.0
        ):
            self._last_report = now
            self._report(self.fraction, what)


# --- a worker process -----------------------------------------------------------------------------


def in_process(function: Callable[..., T], *args: Any) -> Callable[[JobControl], T]:
    """A job that runs `function(*args, progress=...)` in a fresh (spawned) process.

    For work where a library holds the interpreter lock for long stretches (parsing a large JSON
    document, openpyxl reading a workbook): in a thread it would freeze the window all the same.
    `function` must be importable by name; its `progress(fraction, what)` reaches the status
    bar. Cancel terminates the process, so it must only read (or write atomically at its end).
    """

    def work(control: JobControl) -> T:
        return run_in_process(control, function, *args)

    return work


def run_in_process(control: JobControl, function: Callable[..., T], *args: Any) -> T:
    """Run `function(*args, progress=...)` in a spawned process; see `in_process`."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_process_main, args=(sender, function, args), name="offer-eval-worker", daemon=True
    )
    process.start()
    sender.close()
    try:
        result: T = _receive(control, receiver, process)
        return result
    finally:
        receiver.close()
        _end(process)


def _receive(
    control: JobControl, receiver: Any, process: Any, replied: list[bool] | None = None
) -> Any:
    """Relay a job's progress from `process` until its result or error arrives.

    `replied` gets True appended once the job's own answer (result or error) has arrived: the
    process is then idle again, not broken.
    """
    while True:
        control.check()
        if receiver.poll(0.02):
            try:
                message = receiver.recv()
            except EOFError:
                process.join(1)
                raise RuntimeError(
                    f"the worker process stopped (exit code {process.exitcode})"
                ) from None
            tag = message[0]
            if tag != "progress" and replied is not None:
                replied.append(True)
            if tag == "progress":
                control.progress(message[1], message[2])
            elif tag == "done":
                return message[1]
            elif tag == "raised":
                raise message[1]
            else:
                raise WorkerError(message[1], message[2], message[3])
        elif not process.is_alive() and not receiver.poll(0):
            raise RuntimeError(f"the worker process stopped (exit code {process.exitcode})")


def _end(process: Any) -> None:
    """Stop `process` if it still runs (a cancel, or the job is over), killing it if need be."""
    if process.is_alive():
        process.terminate()
    process.join(2)
    if process.is_alive():
        process.kill()
        process.join(1)


def _process_main(sender: Any, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """The worker process: run, report progress, send back the result or the error."""
    try:
        _reply(sender, function, args)
    finally:
        sender.close()


def _reply(sender: Any, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """Run one job, sending its progress and then its result or error through `sender`."""
    last = [0.0]

    def progress(fraction: float, what: str = "") -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_INTERVAL_S:
            last[0] = now
            sender.send(("progress", float(fraction), str(what)))

    try:
        result = function(*args, progress=progress)
    except BaseException as error:  # sent back; the parent decides what the user sees
        try:  # the exception itself when it survives the trip (a DocumentError keeps its rule)
            packed = pickle.dumps(error)
            pickle.loads(packed)
            sender.send(("raised", error))
        except Exception:
            sender.send(
                (
                    "failed",
                    type(error).__name__,
                    str(error),
                    "".join(traceback.format_exception(error)),
                )
            )
    else:
        sender.send(("done", result))


# --- a process kept ready -------------------------------------------------------------------------


class WarmProcess:
    """One spawned worker process kept running between jobs, prepared ahead of the first.

    Starting a process and importing Qt and the charts costs more than a second, which a job the
    user waits for (the PDF summary) cannot afford each time, and spawning one stalls the
    spawning process for tens of milliseconds. `start(*args)` spawns the process when none runs
    and has it call `prepare(*args)` (import, build what every job reuses): the window starts it
    once, in the background, after its first paint. Jobs then run in it one at a time through
    `run`, with progress and cancel as in `run_in_process`; a cancel or a failure of the process
    itself ends it, and the next job starts a fresh one.
    """

    def __init__(self, prepare: Callable[..., None] | None = None) -> None:
        self._prepare = prepare
        self._lock = threading.Lock()
        self._process: Any = None
        self._connection: Any = None

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def start(self, *args: Any) -> bool:
        """Have the process ready (spawned if need be) and prepared with `args`; never waits.

        False when a job is running in it (it is warm already).
        """
        if not self._lock.acquire(blocking=False):
            return False
        try:
            self._ensure_started()
            if self._prepare is not None:
                self._connection.send(("prepare", self._prepare, args))
            return True
        finally:
            self._lock.release()

    def start_in_background(self, *args: Any) -> threading.Thread:
        """`start(*args)` in a thread of its own, so the caller (the GUI thread) never waits.

        Spawning holds the interpreter lock for tens of milliseconds (and the first spawn also
        starts multiprocessing's resource tracker): from the GUI thread that is a visible stall.
        """
        thread = threading.Thread(
            target=self.start, args=args, name="offer-eval-worker-start", daemon=True
        )
        thread.start()
        return thread

    def run(self, control: JobControl, function: Callable[..., T], *args: Any) -> T:
        """Run `function(*args, progress=...)` in the process; see `run_in_process`."""
        with self._lock:
            # Cancelled while another job had the process: nothing was sent, so the process
            # (busy with nothing of this job's) is kept.
            control.check()
            self._ensure_started()
            replied: list[bool] = []
            try:
                self._connection.send(("run", function, args))
                result: T = _receive(control, self._connection, self._process, replied)
                return result
            finally:
                if not replied:  # cancelled, or the process itself failed: never reuse it
                    self._stop()

    def close(self) -> None:
        """End the process (the window closes)."""
        with self._lock:
            self._stop()

    def _ensure_started(self) -> None:
        if self.alive:
            return
        self._stop()
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe(duplex=True)
        process = context.Process(
            target=_warm_main, args=(child,), name="offer-eval-warm-worker", daemon=True
        )
        process.start()
        child.close()
        self._process, self._connection = process, parent

    def _stop(self) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if connection is not None:
            connection.close()
        if process is not None:
            _end(process)


def _warm_main(connection: Any) -> None:
    """The warm process: prepare when asked, run jobs one by one, until the parent goes away."""
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message[0] == "prepare":
            try:
                message[1](*message[2])
            except Exception:  # only an optimisation: the job itself will report the problem
                traceback.print_exc()
        else:
            _reply(connection, message[1], message[2])
