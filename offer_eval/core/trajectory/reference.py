"""`PathsReference`: declining's earnings path by path, handed between runs on two threads.

The chance of being ahead of declining (`p_ahead`) compares every strategy with declining on the
same path. A full evaluation simulates its strategies on two threads at once, declining among the
first thread's, so the other thread's runs may finish their month loop before declining's
paths exist; they wait here for them rather than for declining's whole run.
"""

from __future__ import annotations

import threading

from offer_eval.core.trajectory.results import Float32Array


class ReferenceUnavailableError(RuntimeError):
    """The run that was to simulate the reference stopped (cancelled or failed) first."""


class PathsReference:
    """Cumulative earnings by month and path (months × paths) of the reference strategy.

    Made empty by whoever schedules the runs; the run that simulates the reference calls `set`
    as soon as its month loop ends (or `fail` if it stops before), and runs comparing with it
    call `get`, which waits until one of those happened.
    """

    def __init__(self, paths: Float32Array | None = None) -> None:
        self._paths = paths
        self._failed = False
        self._ready = threading.Event()
        if paths is not None:
            self._ready.set()

    def set(self, paths: Float32Array) -> None:
        """Hand over the reference's paths (read-only from here on) and wake every waiter."""
        self._paths = paths
        self._ready.set()

    def fail(self) -> None:
        """Wake every waiter with `ReferenceUnavailableError` (the reference will not come);
        nothing happens when the paths were already set."""
        if not self._ready.is_set():
            self._failed = True
            self._ready.set()

    def get(self) -> Float32Array:
        """The reference's paths, waiting for them if need be."""
        self._ready.wait()
        if self._paths is None or self._failed:
            raise ReferenceUnavailableError("the reference strategy was not simulated")
        return self._paths
