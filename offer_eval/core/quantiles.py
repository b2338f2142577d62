"""Exact percentiles of every row of a large matrix, fast: a radix sort of 16-bit keys.

The simulation needs the 10th, 50th and 90th percentile of each month across 10,000 paths for
several strategies at once; `np.quantile` costs ten times what this does on the project's machine.
Scratch memory is kept per thread (`Workspace`), so callers on different threads never share it.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

__all__ = ["QUANTILE_LEVELS", "Workspace", "row_quantiles", "workspace"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

QUANTILE_LEVELS: Final = (0.10, 0.50, 0.90)
_KEY_TOP: Final = 65_533  # largest key of a positive value
_KEY_NONE: Final = 65_534  # never a key: marks "no bucket needed"
_KEY_TIE: Final = 65_535
_SMALL_ROWS: Final = 2_048
_PACK_SHARE: Final = 0.4
"""Rows are packed to their untied values first when more than this share of entries is tied."""
_SPLIT_ROW: Final = 4_000
_SPLIT_CELLS: Final = 200_000
"""Matrices with more cells than this are done in two halves on two threads (numpy releases the
GIL in its loops and sorts; the project's machine has two cores)."""
_BLOCK_CELLS: Final = 1_250_000
"""Rows are taken in blocks of about this many cells, so the scratch arrays stay near 10 MB."""


class Workspace(threading.local):
    """Large scratch arrays kept between calls, one set per thread.

    Fresh multi-megabyte arrays cost more in page faults than the arithmetic done in them, so the
    percentile code and the simulation write into these instead; one array per name is kept.
    """

    def __init__(self) -> None:
        self.arrays: dict[str, npt.NDArray[Any]] = {}

    def get(self, name: str, shape: tuple[int, ...], dtype: type[np.generic]) -> npt.NDArray[Any]:
        """A scratch array of this shape and type (contents undefined)."""
        array = self.arrays.get(name)
        if array is None or array.shape != shape or array.dtype != np.dtype(dtype):
            array = np.empty(shape, dtype=dtype)
            self.arrays[name] = array
        return array


_WORKSPACE = Workspace()
_POOL_LOCK = threading.Lock()
_POOL: list[ThreadPoolExecutor] = []


def workspace() -> Workspace:
    """The calling thread's scratch arrays (each thread sees its own set)."""
    return _WORKSPACE


def _pool() -> ThreadPoolExecutor:
    """One shared worker thread (created on first use) for the second half of big matrices.

    Its tasks run one at a time in that thread, in that thread's own workspace, so callers on
    several threads can share it.
    """
    with _POOL_LOCK:
        if not _POOL:
            from concurrent.futures import ThreadPoolExecutor

            _POOL.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="offer-eval"))
        return _POOL[0]
        return _POOL[0]


def row_quantiles(
    values: npt.NDArray[np.float32],
    levels: Sequence[float] = QUANTILE_LEVELS,
    *,
    tied: BoolArray | None = None,
) -> FloatArray:
    """Percentiles of each row, exactly as ``np.quantile(values, levels, axis=1)`` (linear).

    Why not ``np.quantile`` or a sort: both cost 10+ ms for 60 × 10,000 on the project's machine.
    Values must be finite and >= 0 (money). Each value gets a 16-bit key that preserves order (the
    value scaled to 0..65,533 by the row's maximum); a radix sort of the keys finds the bucket
    holding each wanted rank, and only that bucket's few values are sorted. `tied` marks entries
    known to share one value per row (in a job-search simulation, the paths nothing has happened
    to yet: often most of them); they are set aside as one block, so a bucket is never a long run
    of equal values. Result shape: (len(levels), rows), float64.
    """
    matrix = np.ascontiguousarray(values, dtype=np.float32)
    if matrix.ndim != 2 or matrix.shape[1] == 0:
        raise ValueError("values must be a non-empty 2-D array")
    if tied is not None and tied.shape != matrix.shape:
        raise ValueError("tied must have the shape of values")
    rows, n = matrix.shape
    positions = [level * (n - 1) for level in levels]
    lows = [math.floor(p) for p in positions]
    highs = [min(low + 1, n - 1) for low in lows]
    ranks = sorted(set(lows) | set(highs))
    if n <= _SMALL_ROWS:
        # Non-negative floats sort like their bit patterns read as integers, and numpy sorts
        # 32-bit integers faster than floats.
        bits = np.sort(matrix.view(np.int32), axis=1)[:, ranks]
        order = bits.view(np.float32).astype(np.float64)
    else:
        # Blocks of rows bound the scratch memory; pairs of blocks go to two threads.
        threaded = rows >= 2 and n >= _SPLIT_ROW and matrix.size > _SPLIT_CELLS
        block = max(1, _BLOCK_CELLS // n)
        if threaded:
            block = min(block, -(-rows // 2))
        starts = list(range(0, rows, block))
        parts: list[FloatArray] = []
        for pair in range(0, len(starts), 2):
            first_rows = slice(starts[pair], starts[pair] + block)
            second_rows = (
                slice(starts[pair + 1], starts[pair + 1] + block)
                if pair + 1 < len(starts)
                else None
            )
            pending = None
            if second_rows is not None and threaded:
                pending = _pool().submit(
                    _order_statistics,
                    matrix[second_rows],
                    ranks,
                    None if tied is None else tied[second_rows],
                    "b",
                )
            parts.append(
                _order_statistics(
                    matrix[first_rows], ranks, None if tied is None else tied[first_rows], "a"
                )
            )
            if pending is not None:
                parts.append(pending.result())
            elif second_rows is not None:
                parts.append(
                    _order_statistics(
                        matrix[second_rows], ranks, None if tied is None else tied[second_rows], "a"
                    )
                )
        order = np.concatenate(parts)
    column = {rank: index for index, rank in enumerate(ranks)}
    return np.stack(
        [
            _lerp(order[:, column[lo]], order[:, column[hi]], p - lo)
            for p, lo, hi in zip(positions, lows, highs, strict=True)
        ]
    )


def _lerp(low: FloatArray, high: FloatArray, weight: float) -> FloatArray:
    """Linear interpolation written as numpy's quantile writes it, so results agree to the bit."""
    if weight >= 0.5:
        result: FloatArray = high - (high - low) * (1.0 - weight)
    else:
        result = low + (high - low) * weight
    return result


def _order_statistics(
    matrix: npt.NDArray[np.float32], ranks: Sequence[int], tied: BoolArray | None, slot: str
) -> FloatArray:
    """The `ranks`-th smallest value (0-based) of every row, float64, shape (rows, len(ranks)).

    With the tied block (value v, count u) set aside and the other values sorted as T, the k-th
    smallest of the row is T[k] if k < L, v if L <= k < L + u, else T[k − u], where L counts the
    values of T below v. Rows whose wanted ranks all fall in the tied block need no sorting.
    """
    rows = matrix.shape[0]
    wanted = np.asarray(ranks, dtype=np.int64)[None, :]
    tie_value = np.zeros(rows, dtype=np.float32)
    tie_count = np.zeros((rows, 1), dtype=np.int64)
    below_tie = np.zeros((rows, 1), dtype=np.int64)
    if tied is not None:
        tie_count[:, 0] = np.count_nonzero(tied, axis=1)
        has_tie = tie_count[:, 0] > 0
        if has_tie.any():
            first_tied = tied.argmax(axis=1)
            tie_value = np.where(has_tie, matrix[np.arange(rows), first_tied], np.float32(0))
            if (tie_value > 0).any():
                flags = _WORKSPACE.get(f"q-flags-{slot}", matrix.shape, np.bool_)
                np.less(matrix, tie_value[:, None], out=flags)
                below_tie[:, 0] = np.count_nonzero(flags, axis=1)
    in_tie = (wanted >= below_tie) & (wanted < below_tie + tie_count)
    result = np.where(in_tie, tie_value[:, None].astype(np.float64), 0.0)
    open_rows = np.flatnonzero(~in_tie.all(axis=1))
    if open_rows.size == 0:
        return result
    if open_rows.size < rows:
        matrix = np.ascontiguousarray(matrix[open_rows])
        tied = None if tied is None else np.ascontiguousarray(tied[open_rows])
        tie_count, below_tie = tie_count[open_rows], below_tie[open_rows]
    if tied is not None and tie_count.sum() > _PACK_SHARE * tie_count.size * matrix.shape[1]:
        matrix, tied = _pack_free(matrix, tied, matrix.shape[1] - tie_count[:, 0])
    result[open_rows] = np.where(
        in_tie[open_rows],
        result[open_rows],
        _sorted_statistics(
            matrix, wanted, tied=tied, tie_count=tie_count, below_tie=below_tie, slot=slot
        ),
    )
    return result


def _pack_free(
    matrix: npt.NDArray[np.float32], tied: BoolArray, free: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.float32], BoolArray]:
    """The untied values of each row moved to the front of a narrower matrix, the rest padding.

    When most entries are tied, sorting only the others is much cheaper; the padding is marked
    tied, so it sorts last like the tied block, and ranks counted past the block are unchanged.
    """
    rows, n = matrix.shape
    width = max(int(free.max()), 1)
    where_free = np.logical_not(tied).reshape(-1).nonzero()[0]
    row_of = where_free // n
    column = np.arange(where_free.size) - np.repeat(np.cumsum(free) - free, free)
    packed = np.zeros((rows, width), dtype=np.float32)
    packed[row_of, column] = matrix.reshape(-1)[where_free]
    padding = np.arange(width)[None, :] >= free[:, None]
    return packed, padding


def _sorted_statistics(
    matrix: npt.NDArray[np.float32],
    wanted: npt.NDArray[np.int64],
    *,
    tied: BoolArray | None,
    tie_count: npt.NDArray[np.int64],
    below_tie: npt.NDArray[np.int64],
    slot: str,
) -> FloatArray:
    """The wanted order statistics of rows that need their values sorted (see above); entries
    of ranks that fall in the tied block are left 0 for the caller."""
    rows, n = matrix.shape
    ws = _WORKSPACE
    row_ids = np.arange(rows)
    row_max = matrix.max(axis=1)
    scale = np.zeros(rows, dtype=np.float32)
    np.divide(np.float32(_KEY_TOP), row_max, out=scale, where=row_max > 0)
    keys = ws.get(f"q-keys-{slot}", matrix.shape, np.uint16)
    np.multiply(matrix, scale[:, None], out=keys, casting="unsafe")  # truncates: keeps order
    if tied is not None and bool(tie_count.any()):
        marks = ws.get(f"q-marks-{slot}", matrix.shape, np.uint16)
        np.multiply(tied, np.uint16(_KEY_TIE), out=marks)
        np.bitwise_or(keys, marks, out=keys)
    ordered = ws.get(f"q-sorted-{slot}", matrix.shape, np.uint16)
    np.copyto(ordered, keys)
    ordered.sort(axis=1, kind="stable")  # a radix sort for 16-bit keys
    in_tie = (wanted >= below_tie) & (wanted < below_tie + tie_count)
    needs = ~in_tie
    position = np.clip(np.where(wanted < below_tie, wanted, wanted - tie_count), 0, n - 1)
    bucket = np.where(needs, np.take_along_axis(ordered, position, axis=1), _KEY_NONE)
    # Keys below each wanted bucket, by binary search in each sorted row.
    inside = np.zeros_like(position)
    for row in range(rows):
        inside[row] = position[row] - np.searchsorted(ordered[row], bucket[row])
    flags = ws.get(f"q-flags-{slot}", matrix.shape, np.bool_)
    equal = ws.get(f"q-equal-{slot}", matrix.shape, np.bool_)
    started = False
    for column in range(bucket.shape[1]):
        if needs[:, column].any():
            target = bucket[:, column : column + 1].astype(np.uint16)
            if started:
                np.equal(keys, target, out=equal)
                np.bitwise_or(flags, equal, out=flags)
            else:
                np.equal(keys, target, out=flags)
                started = True
    hit = flags.reshape(-1).nonzero()[0]
    group = ((hit // n) << 16) | keys.reshape(-1)[hit].astype(np.int64)
    bits = matrix.reshape(-1)[hit].view(np.uint32).astype(np.int64)
    combined = np.sort((group << 32) | bits)
    start = np.searchsorted(combined >> 32, (row_ids[:, None] << 16) | bucket)
    pick = np.clip(start + inside, 0, combined.size - 1)
    chosen = (combined[pick] & 0xFFFFFFFF).astype(np.uint32).view(np.float32)
    return np.where(needs, chosen.astype(np.float64), 0.0)
