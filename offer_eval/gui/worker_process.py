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
                if tag == "progress":
                    control.progress(message[1], message[2])
                elif tag == "done":
                    result: T = message[1]
                    return result
                elif tag == "raised":
                    raise message[1]
                else:
                    raise WorkerError(message[1], message[2], message[3])
            elif not process.is_alive() and not receiver.poll(0):
                raise RuntimeError(f"the worker process stopped (exit code {process.exitcode})")
    finally:
        receiver.close()
        if process.is_alive():
            process.terminate()
        process.join(2)
        if process.is_alive():
            process.kill()
            process.join(1)


def _process_main(sender: Any, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """The worker process: run, report progress, send back the result or the error."""
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
    finally:
        sender.close()
