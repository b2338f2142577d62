"""Running batches of work on two threads at once: the calling thread and a helper.

numpy lets go of the GIL for its whole-array work (most of a simulation's month loop, all of the
sorting behind the percentiles), so while the GUI thread idles on one core of the 2-core
machine, a full evaluation's batches share both. A batch's results are the same whichever
thread runs it: batches share nothing but read-only inputs and thread-safe caches, and each
thread has its own scratch arrays (`offer_eval.core.quantiles.workspace`).

A batch may itself share work out (the percentiles of one batch's rows): when the helper is
busy, or is the thread asking, the caller does it all.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Final, TypeVar

__all__ = ["LANES", "run_in_lanes", "split"]

T = TypeVar("T")


def _lanes() -> int:
    """2 on a machine of two cores or more; `OFFER_EVAL_THREADS=1` in the environment keeps
    every batch on the calling thread (to compare, or on a machine busy with other work)."""
    if os.environ.get("OFFER_EVAL_THREADS", "").strip() == "1":
        return 1
    return max(1, min(2, os.cpu_count() or 1))


LANES: Final = _lanes()
"""Threads that run one call's batches at once (the caller and `LANES - 1` helpers)."""

_helpers: list[ThreadPoolExecutor] = []  # the one pool, once started
_helpers_lock = threading.Lock()


def _helper_pool() -> ThreadPoolExecutor:
    """The helper threads, started when first needed and shared by every caller."""
    with _helpers_lock:
        if not _helpers:
            _helpers.append(ThreadPoolExecutor(LANES - 1, thread_name_prefix="simulation"))
        return _helpers[0]


def split(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """`items` in batches of at most `size`, as even as can be, in order (the first item leads
    the first batch); with several batches, as many as a multiple of `LANES` allows, so the
    lanes have equal shares to the end."""
    if not items:
        return []
    count = -(-len(items) // max(1, size))
    if count > 1:
        count = min(len(items), -(-count // LANES) * LANES)
    small, extra = divmod(len(items), count)
    batches: list[Sequence[T]] = []
    start = 0
    for index in range(count):
        stop = start + small + (1 if index < extra else 0)
        batches.append(items[start:stop])
        start = stop
    return batches


def run_in_lanes(
    batches: Sequence[T],
    run: Callable[[T], None],
    check: Callable[[], None] | None = None,
) -> None:
    """`run` every batch: the first on this thread at once, the others taken in turn by this
    thread and a helper as each becomes free. `check` is called before every batch but the
    first (a cancel point: whatever it raises stops the call).

    Returns once every batch that was started has finished. After an error no further batch
    starts, and the first error is raised (this thread's before the helper's). The first batch
    always runs to its end or its error, so a helper's batch may wait for something the first
    batch makes (declining's paths) without ever waiting forever.
    """
    if len(batches) <= 1:  # (a slider step's draws: no lock, no event, no helper to ask)
        if batches:
            run(batches[0])
        return
    pending = deque(batches[1:])
    lock = threading.Lock()
    stopped = threading.Event()

    def take() -> T | None:
        with lock:
            return None if stopped.is_set() or not pending else pending.popleft()

    def lane() -> None:
        try:
            while (batch := take()) is not None:
                if check is not None:
                    check()
                run(batch)
        except BaseException:
            stopped.set()
            raise

    helper: Future[None] | None = None
    if pending and LANES > 1:
        helper = _helper_pool().submit(lane)
    try:
        try:
            run(batches[0])
        except BaseException:
            stopped.set()
            raise
        lane()
    finally:
        if helper is not None and not helper.cancel():
            wait([helper])
    if helper is not None and not helper.cancelled():
        helper.result()  # the helper's error, when this thread had none
