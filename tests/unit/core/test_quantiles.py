"""Row percentiles: exactly numpy's linear quantiles, also when many threads ask at once.

`evaluate()` runs in worker threads beside the GUI thread, so the scratch arrays must never be
shared between callers: each thread has its own.
"""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from offer_eval.core import lanes
from offer_eval.core.quantiles import QUANTILE_LEVELS, Workspace, row_quantiles, workspace

LEVELS = list(QUANTILE_LEVELS)


def _matrix(seed: int, rows: int, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """Money-like rows, with a block of tied values (the paths nothing has happened to yet)."""
    rng = np.random.default_rng(seed)
    values = rng.lognormal(10.5, 0.4, size=(rows, columns)).astype(np.float32)
    tied = rng.random((rows, columns)) < rng.uniform(0.0, 0.9, size=(rows, 1))
    values[tied] = np.repeat(values[:, :1], columns, axis=1)[tied]
    tied &= values == values[:, :1]
    return values, tied


@pytest.mark.parametrize(
    ("rows", "columns"),
    [(3, 7), (40, 1_500), (12, 5_000), (60, 10_000), (300, 10_000)],
    ids=["tiny", "small", "one block", "one block, many paths", "several blocks"],
)
def test_row_quantiles_equal_numpy(rows: int, columns: int) -> None:
    values, _ = _matrix(rows * columns, rows, columns)
    expected = np.quantile(values.astype(np.float64), LEVELS, axis=1)
    assert np.array_equal(row_quantiles(values), expected)


def test_each_thread_has_its_own_workspace() -> None:
    mine = workspace()
    seen: list[object] = []
    thread = threading.Thread(target=lambda: seen.append(workspace().arrays))
    thread.start()
    thread.join()
    assert seen and seen[0] is not mine.arrays


@pytest.mark.parametrize(
    ("rows", "columns"), [(12, 5_000), (300, 5_000)], ids=["one block", "several blocks"]
)
def test_many_threads_at_once_get_exact_answers(rows: int, columns: int) -> None:
    # Forty tasks of one shape with different data on six threads: a scratch array shared
    # between callers would be overwritten under another caller (this test fails when the
    # workspace is made one for all threads); every answer is checked against numpy's.
    inputs = {seed: _matrix(seed, rows, columns) for seed in range(40)}
    expected = {
        seed: np.quantile(values.astype(np.float64), LEVELS, axis=1)
        for seed, (values, _) in inputs.items()
    }

    def run(seed: int) -> bool:
        values, _ = inputs[seed]
        return bool(np.array_equal(row_quantiles(values), expected[seed]))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, so races show up
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(run, inputs))
    finally:
        sys.setswitchinterval(interval)
    assert results.count(False) == 0


def test_sorting_the_callers_rows_in_place_gives_the_same_answer() -> None:
    values, _ = _matrix(7, 120, 10_000)
    expected = np.quantile(values.astype(np.float64), LEVELS, axis=1)
    scratch = values.copy()
    assert np.array_equal(row_quantiles(scratch, overwrite=True), expected)
    assert np.array_equal(scratch, np.sort(values, axis=1))  # its rows were sorted where they are
    # Anything else (here a view of every other row) is copied first, never changed.
    strided = values[::2]
    before = strided.copy()
    assert np.array_equal(row_quantiles(strided, overwrite=True), expected[:, ::2])
    assert np.array_equal(strided, before)


def test_scratch_arrays_reuse_a_larger_buffer_of_the_same_name() -> None:
    space = Workspace()
    large = space.get("x", (3, 10), np.float32)
    small = space.get("x", (2, 10), np.float32)
    assert small.shape == (2, 10) and np.shares_memory(large, small)
    assert space.get("x", (2, 10), np.float64).dtype == np.float64


@pytest.mark.parametrize(("rows", "paths"), [(121, 10_000), (361, 1_000), (241, 1_000)])
def test_many_rows_sorted_on_two_threads_give_the_same_answer(
    monkeypatch: pytest.MonkeyPatch, rows: int, paths: int
) -> None:
    # A full-resolution run's rows (10,000 paths) and a slider step's (1,000 paths, two or more
    # strategies) are sorted in parts, some on the helper thread; each row alone, so the answer
    # is numpy's, and the one of a single thread.
    values, _ = _matrix(3, rows, paths)
    expected = np.quantile(values.astype(np.float64), LEVELS, axis=1)
    shared = values.copy()
    assert np.array_equal(row_quantiles(shared, overwrite=True), expected)
    monkeypatch.setattr(lanes, "LANES", 1)
    alone = values.copy()
    assert np.array_equal(row_quantiles(alone, overwrite=True), expected)
    assert np.array_equal(shared, alone)
