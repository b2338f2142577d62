"""The memo cache behind `evaluate()`: least recently used first out, and safe across threads."""

from __future__ import annotations

import functools
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from offer_eval.core.memo import Memo


def test_least_recently_used_goes_first_and_counts_hits_and_misses() -> None:
    memo: Memo[str, int] = Memo(2)
    assert memo.get("a", lambda: 1) == 1
    assert memo.get("b", lambda: 2) == 2
    assert memo.peek("a") == 1  # "a" is now the most recently used
    memo.put("c", 3)  # so "b" goes
    assert memo.peek("b") is None
    assert (memo.peek("a"), memo.peek("c")) == (1, 3)
    assert (memo.hits, memo.misses) == (3, 3)
    memo.clear()
    assert (memo.hits, memo.misses, len(memo)) == (0, 0, 0)


def _pair(key: int) -> tuple[int, int]:
    return key, key * key


def test_many_threads_share_one_memo() -> None:
    # Eight threads read and write overlapping keys of a small cache, forcing evictions all the
    # time; every value read must be the one stored for its key, the size bound must hold, and
    # no count may be lost.
    memo: Memo[int, tuple[int, int]] = Memo(16)
    calls_per_thread = 4_000
    start = threading.Barrier(8)
    wrong: list[tuple[int, object]] = []

    def work(thread: int) -> None:
        start.wait()
        for step in range(calls_per_thread):
            key = (thread * 7 + step * 13) % 40
            value = memo.get(key, functools.partial(_pair, key))
            if value != (key, key * key):
                wrong.append((key, value))
            assert len(memo) <= 16

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, so races show up
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(work, range(8)))
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []
    assert memo.hits + memo.misses == 8 * calls_per_thread
    assert len(memo) == 16
