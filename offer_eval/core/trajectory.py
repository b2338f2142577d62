"""Job-search trajectories: accept and stay, accept and keep searching, or decline and search on."""

from __future__ import annotations

import dataclasses
import functools
import math
import statistics
import threading
import time
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt

from offer_eval.core.compensation import position_take_home
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.json_numbers import money, ratio
from offer_eval.core.memo import Memo
from offer_eval.core.models import (
    Benchmark,
    Position,
    Scenario,
    SearchAssumptions,
    TaxSettings,
)
from offer_eval.core.money_text import format_money
from offer_eval.core.search import reservation_wage
from offer_eval.core.search_history import effective_search, history_text
from offer_eval.core.tax import take_home
from offer_eval.core.text_table import align_columns

__all__ = [
    "INTERACTIVE_PATHS",
    "Band",
    "OfferTrajectory",
    "TrajectoryEvaluator",
    "TrajectoryResult",
    "row_quantiles",
    "trajectory_json",
    "trajectory_text",
]

Resolution = Literal["full", "interactive"]
FloatArray = npt.NDArray[np.float64]
Float32Array = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

INTERACTIVE_PATHS: Final = 1_000
"""Paths behind the interactive resolution: the first 1,000 of the same paths."""
EARNINGS_MONTHS: Final = 36
"""`expected_earnings_3y` is the mean cumulative net earnings at this month."""
MAX_MONTHS: Final = 60
QUANTILE_LEVELS: Final = (0.10, 0.50, 0.90)
DRAW_BLOCK: Final = 1_000
"""Paths are drawn in blocks of this many, each from its own stream of the seed, so a path's
numbers do not depend on how many paths there are."""
RESERVATION_POINTS: Final = 101
"""Equally likely salaries standing in for the lognormal offer distribution in the McCall model."""
MAX_MONTHLY_DISCOUNT: Final = 0.9999
"""The McCall model needs a discount factor below 1; a 0% discount rate is read as about 0.12%."""
NET_GRID_STEP: Final = 500.0
NET_GRID_TOP: Final = 150_000.0
"""Net pay of found jobs comes from exact take-home figures every £500 up to £150,000; above it
every UK rate is flat, so the straight line on to £1,000,000 is exact."""
_NEVER: Final = 1 << 30
_NO_PATHS: Final = np.zeros(0, dtype=np.intp)


# --- result types -------------------------------------------------------------------------------


def _frozen(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    array.setflags(write=False)
    return array


@dataclass(frozen=True, slots=True, eq=False)
class Band:
    """A strategy's fan chart: month-by-month percentiles across simulated paths (GBP).

    `months` are 1..H. `p10`, `p50`, `p90`: annual base salary in force that month (GBP a year, 0
    without a job). `cumulative_p10/p50/p90`: net earnings from month 1 to the end of the month
    (GBP), each percentile taken across paths month by month, so a percentile curve need not be
    one path; `cumulative_mean` is the mean over paths. A deterministic band (accept and stay
    without layoffs) has all three percentiles equal. Arrays are numpy float64, read-only.
    """

    months: IntArray
    p10: FloatArray
    p50: FloatArray
    p90: FloatArray
    cumulative_p10: FloatArray
    cumulative_p50: FloatArray
    cumulative_p90: FloatArray
    cumulative_mean: FloatArray
    deterministic: bool = False

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            if isinstance(value, np.ndarray):
                _frozen(value)

    def month(self, month: int) -> int:
        """Array index of a 1-based month."""
        if not 1 <= month <= len(self.months):
            raise IndexError(f"month {month} is outside 1..{len(self.months)}")
        return month - 1


@dataclass(frozen=True, slots=True, eq=False)
class OfferTrajectory:
    """What accepting one offer leads to, staying put or searching on (GBP; months 1-based).

    `expected_months_to_better_offer` is E[min(T, H+1)], T the first month in which you accept an
    offer paying more than this job would be paying then. `break_even_month` is the first month m
    with the mean paired difference in cumulative net earnings (accept and search − decline) above
    0 in every month from m to H; None if there is none. `present_value`: expected net earnings of
    accepting and searching over the horizon, each month discounted at `discount_rate_pct` a year.
    `expected_earnings_3y`: mean over paths of cumulative net earnings at month 36 when accepting
    and searching, always at full resolution.
    """

    offer_id: str
    accept_and_stay: Band
    accept_and_search: Band
    expected_months_to_better_offer: float
    p_better_within_6: float
    p_better_within_12: float
    break_even_month: int | None
    present_value: float
    expected_earnings_3y: float
    mean_difference_vs_decline: FloatArray
    present_value_stay: float
    expected_earnings_3y_stay: float
    market_median: float
    p_better_within_horizon: float = float("nan")

    def __post_init__(self) -> None:
        _frozen(self.mean_difference_vs_decline)


@dataclass(frozen=True, slots=True, eq=False)
class TrajectoryResult:
    """Every trajectory output for one scenario (GBP; salaries a year; months 1-based).

    `reservation_salary`: the lowest offer worth taking when searching without a job (annual, at
    today's market and your current experience). `decline_and_search`: the band for declining every
    offer and searching on from the current job. `offers` maps offer id to its `OfferTrajectory`.
    `paths` is the number of paths behind the bands (1,000 at the interactive resolution).
    `assumptions` explains the model in plain words, one sentence each.
    """

    reservation_salary: float
    decline_and_search: Band
    offers: FrozenMap[str, OfferTrajectory]
    resolution: Resolution
    paths: int
    months: int
    seed: int
    assumptions: tuple[str, ...]
    market_median: float
    market_source: str
    decline_expected_months_to_offer: float
    decline_p_offer_within_6: float
    decline_p_offer_within_12: float
    present_value_decline: float
    reservation_salary_experienced: float
    decline_p_offer_within_horizon: float = float("nan")

    def offer(self, offer_id: str) -> OfferTrajectory:
        """The trajectory of one offer."""
        return self.offers[offer_id]


# --- exact row percentiles ----------------------------------------------------------------------

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
_BATCH_CELLS: Final = 4_000_000
"""Strategies are simulated together while their recorded paths stay within this many cells
(about three strategies at 10,000 paths × 60 months), which bounds memory for many offers."""


class _Workspace(threading.local):
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


_WORKSPACE = _Workspace()
_POOL_LOCK = threading.Lock()
_POOL: list[Any] = []


def _pool() -> Any:
    """One shared worker thread (created on first use) for the second half of big matrices."""
    with _POOL_LOCK:
        if not _POOL:
            from concurrent.futures import ThreadPoolExecutor

            _POOL.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="offer-eval"))
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


# --- draws ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class Draws:
    """The random numbers of every path and month, shape (60, paths), float32.

    `arrival` and `layoff` are uniform on [0, 1); `offer` is standard normal. They depend only on
    the seed and the path number (paths come in blocks of 1,000, each block its own stream).
    """

    seed: int
    paths: int
    arrival: Float32Array
    offer: Float32Array
    layoff: Float32Array


def make_draws(seed: int, paths: int) -> Draws:
    """Draw every number a simulation with `paths` paths (of up to 60 months) can use."""
    blocks = -(-paths // DRAW_BLOCK)
    width = blocks * DRAW_BLOCK
    arrival = np.empty((MAX_MONTHS, width), dtype=np.float32)
    offer = np.empty((MAX_MONTHS, width), dtype=np.float32)
    layoff = np.empty((MAX_MONTHS, width), dtype=np.float32)
    shape = (MAX_MONTHS, DRAW_BLOCK)
    for block in range(blocks):
        stream = np.random.Generator(
            np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,)))
        )
        part = slice(block * DRAW_BLOCK, (block + 1) * DRAW_BLOCK)
        arrival[:, part] = stream.random(shape, dtype=np.float32)
        offer[:, part] = stream.standard_normal(shape, dtype=np.float32)
        layoff[:, part] = stream.random(shape, dtype=np.float32)
    if width != paths:
        arrival = np.ascontiguousarray(arrival[:, :paths])
        offer = np.ascontiguousarray(offer[:, :paths])
        layoff = np.ascontiguousarray(layoff[:, :paths])
    for array in (arrival, offer, layoff):
        _frozen(array)
    return Draws(seed=seed, paths=paths, arrival=arrival, offer=offer, layoff=layoff)


# --- net pay ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class NetCurve:
    """Monthly net pay of a job found by searching as a function of its gross base (GBP).

    A table on a £25 grid of annual gross pay up to £1,000,000, looked up at the grid point at or
    below the salary (net is within about £25 a year of the tax model: the table is interpolated
    from exact take-home figures every £500, exact lines above £150,000 where every UK rate is
    flat); salaries above £1,000,000 are paid as if at £1,000,000. A lookup, not a search,
    because the simulation calls it every month.
    """

    step: float
    monthly: Float32Array

    def __call__(self, gross: npt.NDArray[Any]) -> Float32Array:
        """Monthly net for each annual gross value (float32)."""
        index = (gross * np.float32(1.0 / self.step)).astype(np.intp)
        np.minimum(index, self.monthly.size - 1, out=index)
        result: Float32Array = self.monthly[index]
        return result

    def annual(self, gross: float) -> float:
        """Annual net for one gross value."""
        return 12.0 * float(self(np.array([gross], dtype=np.float32))[0])


NET_TABLE_STEP: Final = 25.0
NET_TABLE_TOP: Final = 1_000_000.0


@functools.lru_cache(maxsize=16)
def found_job_net_curve(tax: TaxSettings, pension_pct: float) -> NetCurve:
    """Net of gross for a found job under `tax`, with `pension_pct` into a net-pay pension."""

    def net(gross: float) -> float:
        return take_home(
            gross,
            tax_year=tax.year,
            region=tax.region,
            pension_pct=pension_pct,
            pension_method="net_pay" if pension_pct > 0 else "none",
            student_loans=tax.student_loans,
        ).net

    exact_gross = [i * NET_GRID_STEP for i in range(int(NET_GRID_TOP / NET_GRID_STEP) + 1)]
    exact_gross.append(NET_TABLE_TOP)
    exact_net = [net(g) for g in exact_gross]
    table_gross = np.arange(0.0, NET_TABLE_TOP + NET_TABLE_STEP, NET_TABLE_STEP)
    annual = np.interp(table_gross, exact_gross, exact_net)
    return NetCurve(step=NET_TABLE_STEP, monthly=_frozen((annual / 12.0).astype(np.float32)))


@functools.lru_cache(maxsize=256)
def starting_job_net(
    position: Position, tax: TaxSettings, years: int
) -> tuple[tuple[float, ...], float]:
    """(annual net pay in each year of the job, extra net in month 1 from the sign-on bonus).

    Year y pays base × (1 + raise)^y plus the expected bonus; the sign-on bonus is taxed in year 1
    and paid in month 1.
    """
    nets: list[float] = []
    growth = 1.0 + position.annual_raise_pct / 100.0
    for year in range(years):
        base = position.base_salary * growth**year
        gross = base * (1.0 + position.bonus_target_pct / 100.0 * position.bonus_payout_pct / 100.0)
        nets.append(position_take_home(position, tax, gross=gross, pensionable=base).net)
    lump = 0.0
    if position.sign_on > 0:
        base = position.base_salary
        gross = base * (1.0 + position.bonus_target_pct / 100.0 * position.bonus_payout_pct / 100.0)
        with_sign_on = position_take_home(
            position, tax, gross=gross + position.sign_on, pensionable=base
        )
        lump = with_sign_on.net - nets[0]
    return tuple(nets), lump


# --- the search model ---------------------------------------------------------------------------


def _standard_normal_points(count: int) -> FloatArray:
    normal = statistics.NormalDist()
    return np.array([normal.inv_cdf((i + 0.5) / count) for i in range(count)])


@functools.cache
def _reservation_points() -> FloatArray:
    return _frozen(_standard_normal_points(RESERVATION_POINTS))


def _offer_chance(rate_per_application: FloatArray, applications: float) -> FloatArray:
    """Chance of at least one offer in a month: 1 − (1 − q)^applications."""
    if applications <= 0:
        return np.zeros_like(rate_per_application)
    with np.errstate(divide="ignore"):
        result: FloatArray = -np.expm1(applications * np.log1p(-rate_per_application))
    return np.where(rate_per_application >= 1.0, 1.0, result)


@dataclass(frozen=True, slots=True, eq=False)
class SearchModel:
    """The search section turned into monthly tables, indexed by months of target-field experience.

    `credit[e]` is how far employers treat you as experienced after e months (0 novice, 1
    experienced); `arrival_employed/unemployed[e]` the monthly chance of an offer; `offer_factor[e]`
    the share of the market median offered (the novice discount fading out).
    """

    search: SearchAssumptions
    months: int
    credit: FloatArray
    arrival_employed: FloatArray
    arrival_unemployed: FloatArray
    offer_factor: FloatArray
    layoff_monthly: float
    margin: float
    raise_found: float
    growth_monthly: float
    income_monthly: float
    discount_monthly: float
    net_found: NetCurve

    @property
    def levels(self) -> int:
        """Size of the experience tables (every experience reachable within the horizon)."""
        return int(self.credit.size)

    def callback_rate(self, experience: int) -> float:
        """Callback rate per application after `experience` months in the new field."""
        s = self.search
        credit = float(self.credit[min(experience, self.levels - 1)])
        return (
            s.callback_rate_novice + (s.callback_rate_experienced - s.callback_rate_novice) * credit
        )


def build_model(search: SearchAssumptions, tax: TaxSettings, months: int) -> SearchModel:
    """Monthly tables for `search` (already effective: history applied) over `months` months."""
    levels = search.prior_experience_months + months + 2
    experience = np.arange(levels, dtype=np.float64)
    steps = search.ramp_months + 1
    credit = np.clip((experience - search.experience_threshold_months + 1.0) / steps, 0.0, 1.0)
    callback = (
        search.callback_rate_novice
        + (search.callback_rate_experienced - search.callback_rate_novice) * credit
    )
    per_application = callback * search.offers_per_callback
    layoff_yearly = search.layoff_rate_pct / 100.0
    layoff_monthly = -math.expm1(math.log1p(-layoff_yearly) / 12.0) if layoff_yearly < 1 else 1.0
    discount = (1.0 + search.discount_rate_pct / 100.0) ** (-1.0 / 12.0)
    return SearchModel(
        search=search,
        months=months,
        credit=_frozen(credit),
        arrival_employed=_frozen(_offer_chance(per_application, search.applications_per_month)),
        arrival_unemployed=_frozen(
            _offer_chance(per_application, search.applications_per_month_unemployed)
        ),
        offer_factor=_frozen(search.novice_discount + (1.0 - search.novice_discount) * credit),
        layoff_monthly=layoff_monthly,
        margin=1.0 + search.switching_margin_pct / 100.0,
        raise_found=1.0 + search.annual_raise_pct / 100.0,
        growth_monthly=(1.0 + search.market_growth_pct / 100.0) ** (1.0 / 12.0),
        income_monthly=search.income_while_searching / 12.0,
        discount_monthly=min(discount, MAX_MONTHLY_DISCOUNT),
        net_found=found_job_net_curve(tax, search.new_job_pension_pct),
    )


def reservation_salaries(model: SearchModel, market_median: float) -> FloatArray:
    """Lowest offer worth taking without a job, by months of experience (annual GBP, today).

    McCall with offer arrival, separation and CRRA utility (`reservation_wage`), run on monthly
    amounts: the offer distribution is the lognormal at today's market, the arrival chance the
    one for searching without a job, the separation rate the monthly layoff chance and the
    discount factor the monthly one. Experience does not grow while out of work, so each
    experience level is its own stationary problem. The model values a job as if it were kept,
    ignoring that work in the new field makes later applications more successful.
    """
    s = model.search
    points = _reservation_points()
    probabilities = np.full(points.size, 1.0 / points.size)
    spread = np.exp(s.offer_spread * points)
    cache: dict[tuple[float, float], float] = {}
    result = np.empty(model.levels)
    for level in range(model.levels):
        factor = float(model.offer_factor[level])
        chance = float(model.arrival_unemployed[level])
        key = (factor, chance)
        if key not in cache:
            wages = market_median * factor * spread / 12.0
            cache[key] = 12.0 * reservation_wage(
                wages,
                probabilities,
                income_while_searching=model.income_monthly,
                discount=model.discount_monthly,
                offer_probability=chance,
                separation_rate=model.layoff_monthly,
                risk_aversion=s.risk_aversion,
            )
        result[level] = cache[key]
    return _frozen(result)


# --- market level --------------------------------------------------------------------------------


def benchmark_median(benchmark: Benchmark) -> float:
    """The benchmark's median, else interpolated in log salary between the points around the
    50th percentile, else its nearest point."""
    if benchmark.median is not None:
        return float(benchmark.median)
    points = benchmark.points()
    below = [p for p in points if p[0] < 50.0]
    above = [p for p in points if p[0] > 50.0]
    if below and above:
        (l1, v1), (l2, v2) = below[-1], above[0]
        share = (50.0 - l1) / (l2 - l1)
        return math.exp(math.log(v1) + share * (math.log(v2) - math.log(v1)))
    return float((below[-1] if below else above[0])[1])


def market_level(scenario: Scenario, start: Position | None) -> tuple[float, str]:
    """(Market median offers are drawn around, where it comes from), for a search that starts in
    the offer `start` (None: declining every offer). See the module docstring for the order."""
    candidates: list[str | None] = [scenario.search.benchmark_id, scenario.target_benchmark_id]
    if start is not None:
        candidates.append(start.benchmark_id)
    else:
        targets = [o for o in scenario.offers if o.target_field] + list(scenario.offers)
        candidates.extend(o.benchmark_id for o in targets)
    for benchmark_id in candidates:
        benchmark = scenario.benchmark(benchmark_id)
        if benchmark is not None:
            return benchmark_median(benchmark), f"the median of '{benchmark.label}'"
    if scenario.target_salary:
        return float(scenario.target_salary), "your target salary"
    fallback = start if start is not None else scenario.current
    if fallback.base_salary > 0:
        return float(fallback.base_salary), f"the salary of {fallback.display_name}"
    return 30_000.0, "a placeholder of £30,000 (no benchmark, target or salary given)"


# --- strategies and the simulation ---------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class StrategySpec:
    """One strategy to simulate: the job it starts in and whether it keeps searching in work."""

    base: float
    raise_factor: float
    builds_experience: bool
    end_month: int | None
    net_by_year: tuple[float, ...]
    sign_on_net: float
    searches_while_employed: bool
    market_median: float
    reservation: FloatArray

    def stay_salary(self, months: int) -> FloatArray:
        """Base salary of the starting job in months 0..months if nothing happens (0 once ended).

        Computed in float32 by the same repeated multiplications as the simulation, so a path on
        which nothing happens matches this exactly.
        """
        salary = np.empty(months + 1, dtype=np.float32)
        pay = np.float32(self.base)
        for month in range(months + 1):
            if month > 1 and (month - 1) % 12 == 0:
                pay = np.float32(pay * np.float32(self.raise_factor))
            salary[month] = pay
        if self.end_month is not None:
            salary[self.end_month + 1 :] = 0.0
        return salary.astype(np.float64)

    def monthly_net(self, months: int) -> Float32Array:
        """Net pay of the starting job in each month 1..months (float32, as the simulation adds)."""
        last = len(self.net_by_year) - 1
        return np.array(
            [self.net_by_year[min((m - 1) // 12, last)] / 12.0 for m in range(1, months + 1)],
            dtype=np.float32,
        )


@dataclass(frozen=True, slots=True, eq=False)
class StrategyOutcome:
    """What one simulated (or deterministic) strategy produced; paths are not kept."""

    band: Band
    expected_months_to_better: float
    p_better_within_6: float
    p_better_within_12: float
    earnings_3y: float | None
    paths: int
    p_better_within_horizon: float = float("nan")


def strategy_spec(
    position: Position,
    tax: TaxSettings,
    model: SearchModel,
    *,
    market_median: float,
    reservation: FloatArray,
    searches_while_employed: bool,
    include_sign_on: bool,
) -> StrategySpec:
    """The simulation's view of a strategy starting in `position`."""
    years = -(-model.months // 12)
    nets, lump = starting_job_net(position, tax, years)
    return StrategySpec(
        base=position.base_salary,
        raise_factor=1.0 + position.annual_raise_pct / 100.0,
        builds_experience=position.target_field,
        end_month=position.ends_after_months,
        net_by_year=nets,
        sign_on_net=lump if include_sign_on else 0.0,
        searches_while_employed=searches_while_employed,
        market_median=market_median,
        reservation=reservation,
    )


def stay_band(spec: StrategySpec, months: int) -> Band:
    """The deterministic band of staying in the starting job for good (no layoffs, no end).

    Uses the simulation's arithmetic (float32 pay, float64 running total stored as float32), so
    it equals what a simulated path with no event would show.
    """
    month = np.arange(1, months + 1, dtype=np.int64)
    salary = spec.stay_salary(months)[1:]
    running = np.cumsum(
        np.concatenate([[spec.sign_on_net], spec.monthly_net(months).astype(np.float64)])
    )[1:]
    stored = running.astype(np.float32).astype(np.float64)
    return Band(
        months=month,
        p10=salary.copy(),
        p50=salary.copy(),
        p90=salary.copy(),
        cumulative_p10=stored.copy(),
        cumulative_p50=stored.copy(),
        cumulative_p90=stored,
        cumulative_mean=running,
        deterministic=True,
    )


def needs_simulation_to_stay(position: Position, model: SearchModel) -> bool:
    """Staying is random only with layoffs or a job that ends within the horizon."""
    ends = position.ends_after_months is not None and position.ends_after_months < model.months
    return model.layoff_monthly > 0 or ends or position.base_salary <= 0


def simulate(
    specs: Sequence[StrategySpec],
    model: SearchModel,
    draws: Draws,
    offer_scale: Float32Array,
    *,
    record_paths: int,
    mean_paths: int,
    timings: dict[str, float] | None = None,
) -> list[StrategyOutcome]:
    """Simulate every strategy on the same paths (common random numbers) and summarise each.

    `offer_scale[t-1]` is exp(spread × z) × market growth to month t for every path (float32).
    Bands, waiting times and mean curves come from the first `record_paths` paths; the mean
    cumulative earnings at month 36 from the first `mean_paths` (>= `record_paths`), for which
    the extra paths run only to month 36. With `record_paths` 0 the run stops at month 36 and
    only `earnings_3y` is meaningful (the interactive resolution uses this for every path's
    3-year mean, beside a 1,000-path run for the bands). All strategies share one loop with state
    arrays of shape (strategies, paths); per-path work happens only at events (a move, a raise,
    a layoff, the end of a job), so a month costs a handful of whole-array operations.
    `timings`, when given, receives the seconds spent in the loop and in the percentiles.
    """
    started = time.perf_counter()
    count = len(specs)
    if count == 0:
        return []
    months = model.months
    levels = model.levels
    n = max(record_paths, mean_paths)
    if n > draws.paths:
        raise ValueError("more paths asked for than were drawn")
    shrink_after = min(months, EARNINGS_MONTHS) if n > record_paths else months
    mean_only = record_paths == 0
    last_month = min(months, EARNINGS_MONTHS) if mean_only else months
    f32 = np.float32
    prior = model.search.prior_experience_months
    threshold = model.search.experience_threshold_months
    ramp = model.search.ramp_months
    net_found = model.net_found
    margin = f32(model.margin)
    raise_found = f32(model.raise_found)
    income = f32(model.income_monthly)
    layoff = f32(model.layoff_monthly)
    growth = model.growth_monthly

    # Per-strategy tables; experience tables flattened as strategy * levels + experience.
    base0 = np.array([s.base for s in specs], dtype=np.float64)
    employed0 = base0 > 0
    years = max(len(s.net_by_year) for s in specs)
    net0 = np.array(
        [
            [s.net_by_year[min(y, len(s.net_by_year) - 1)] / 12.0 for y in range(years)]
            for s in specs
        ]
    ).astype(f32)
    stay = np.stack([s.stay_salary(months) for s in specs]).astype(f32)
    arrival_emp = np.concatenate(
        [model.arrival_employed if s.searches_while_employed else np.zeros(levels) for s in specs]
    ).astype(f32)
    arrival_unemp = np.tile(model.arrival_unemployed, count).astype(f32)
    level_tab = np.concatenate([s.market_median * model.offer_factor for s in specs]).astype(f32)
    reserve_tab = np.concatenate([s.reservation for s in specs]).astype(f32)
    builds = np.array([s.builds_experience for s in specs])
    ends: dict[int, list[int]] = {}
    for index, spec in enumerate(specs):
        if spec.end_month is not None and spec.end_month <= months and employed0[index]:
            ends.setdefault(spec.end_month, []).append(index)
    first_job_raises = [
        (index, f32(spec.raise_factor)) for index, spec in enumerate(specs) if employed0[index]
    ]
    unemployment_possible = layoff > 0 or bool(ends) or not bool(employed0.all())

    # State, one entry per strategy and path. `raise_month` also says which job a path holds:
    # 0 the starting job (raised by strategy at months 13, 25, ...), _NEVER none, otherwise a
    # job found by searching and the month its next raise takes effect.
    shape = (count, n)
    start_index = (np.arange(count) * levels + min(prior, levels - 1))[:, None]
    unemployed = np.repeat(~employed0[:, None], n, axis=1)
    base = np.repeat(base0.astype(f32)[:, None], n, axis=1)
    accrues = np.repeat((employed0 & builds)[:, None], n, axis=1).astype(np.int16)
    chance = np.where(unemployed, arrival_unemp[start_index], arrival_emp[start_index]).astype(f32)
    level = np.repeat(level_tab[start_index], n, axis=1).astype(f32)
    reserve = np.repeat(reserve_tab[start_index], n, axis=1).astype(f32)
    net = np.where(unemployed, income, net0[:, :1]).astype(f32)
    raise_month = np.where(unemployed, _NEVER, 0).astype(np.int32)
    # Months past the experience threshold (int16: the tables end long before it overflows).
    distance = np.full(shape, min(prior, levels) - threshold, dtype=np.int16)
    waiting = np.ones(shape, dtype=bool)  # no better offer taken yet
    first = np.full(shape, months + 1, dtype=np.int16)
    cumulative = np.repeat(np.array([s.sign_on_net for s in specs])[:, None], n, axis=1)
    recorded = (
        np.empty((count, 2, months, 0), dtype=np.float32)
        if record_paths == 0
        else _WORKSPACE.get("recorded", (count, 2, months, record_paths), np.float32)
    )
    sum_cumulative = np.empty((count, months), dtype=np.float64)
    earnings_3y: FloatArray | None = None

    def scratch() -> tuple[Float32Array, Float32Array, BoolArray, BoolArray]:
        return (
            np.empty(shape, dtype=f32),
            np.empty(shape, dtype=f32),
            np.empty(shape, dtype=bool),
            np.empty(shape, dtype=bool),
        )

    offer_now, threshold_pay, accept, flag = scratch()
    state: list[npt.NDArray[Any]] = [unemployed, base, accrues, chance, level, reserve, net]
    state += [raise_month, distance, waiting, first, cumulative]
    waiting_left = count * n  # paths still waiting for a better offer
    # Flat indices of paths whose found job has an anniversary raise due, by the month checked.
    raises_due: dict[int, list[npt.NDArray[np.intp]]] = {}
    everyone_accrues = bool((employed0 & builds).all())
    # Lower bound of the distance past the threshold of any path gaining experience: once it
    # exceeds the ramp, nobody's callback chance can change until someone starts gaining again.
    lowest = prior - threshold if bool((employed0 & builds).any()) else _NEVER

    for month in range(1, last_month + 1):
        row = month - 1
        if month == shrink_after + 1 and n > record_paths and not mean_only:
            raises_due = {
                due_month: [
                    kept for kept in (_keep_paths(i, n, record_paths) for i in due) if kept.size
                ]
                for due_month, due in raises_due.items()
            }
            n = record_paths
            shape = (count, n)
            state = [np.ascontiguousarray(a[:, :n]) for a in state]
            (unemployed, base, accrues, chance, level, reserve, net, raise_month) = state[:8]
            (distance, waiting, first, cumulative) = state[8:]
            offer_now, threshold_pay, accept, flag = scratch()
        flat_base = base.reshape(-1)
        flat_net = net.reshape(-1)
        flat_raise = raise_month.reshape(-1)
        np.add(cumulative, net, out=cumulative)
        if not mean_only:
            recorded[:, 0, row, :] = base[:, :record_paths]
            recorded[:, 1, row, :] = cumulative[:, :record_paths]
            np.add.reduce(cumulative[:, :record_paths], axis=1, out=sum_cumulative[:, row])
        if month == EARNINGS_MONTHS:
            earnings_3y = np.add.reduce(cumulative, axis=1) / n

        # Search: an offer arrives (inverse CDF of the arrival chance) and is taken if it pays
        # more than the base salary times the margin, or at least the reservation salary.
        np.multiply(base, margin, out=threshold_pay)
        if unemployment_possible:
            np.copyto(threshold_pay, reserve * f32(growth**month), where=unemployed)
        np.less(draws.arrival[row, :n], chance, out=accept)
        np.multiply(offer_scale[row, :n], level, out=offer_now)
        np.greater(offer_now, threshold_pay, out=flag)
        accept &= flag
        moved = accept.reshape(-1).nonzero()[0]
        if moved.size and waiting_left and not mean_only:
            # The first better offer: one paying more than the starting job pays this month.
            np.greater(offer_now, stay[:, month : month + 1], out=flag)
            flag &= accept
            flag &= waiting
            better = flag.reshape(-1).nonzero()[0]
            if better.size:
                first.reshape(-1)[better] = month
                waiting.reshape(-1)[better] = False
                waiting_left -= better.size
        laid_off = _NO_PATHS
        if layoff > 0:
            np.less(draws.layoff[row, :n], layoff, out=flag)
            flag &= ~unemployed
            flag &= ~accept
            laid_off = flag.reshape(-1).nonzero()[0]

        # This month counted as experience for those in target-field work; those climbing the
        # ramp get their new callback chance and offer level.
        distance += accrues
        lowest += 1
        if lowest <= ramp + 1:
            np.less_equal(distance.view(np.uint16), ramp, out=flag)
            np.logical_and(flag, accrues, out=flag)
            idx = flag.reshape(-1).nonzero()[0]
            if idx.size:
                where = _table_index(idx, n, distance, threshold, levels)
                level.reshape(-1)[idx] = level_tab[where]
                chance.reshape(-1)[idx] = arrival_emp[where]

        if moved.size:
            idx = moved
            taken = offer_now.reshape(-1)[idx]
            flat_net[idx] = net_found(taken)
            flat_base[idx] = taken
            flat_raise[idx] = month + 13
            raises_due.setdefault(month + 12, []).append(idx)
            flat_accrues = accrues.reshape(-1)
            # Paths coming from no job or a job outside the field start gaining experience.
            changed = _NO_PATHS if everyone_accrues else idx[flat_accrues[idx] == 0]
            if changed.size:
                where = _table_index(changed, n, distance, threshold, levels)
                level.reshape(-1)[changed] = level_tab[where]
                chance.reshape(-1)[changed] = arrival_emp[where]
                flat_accrues[changed] = 1
                unemployed.reshape(-1)[changed] = False
                lowest = min(lowest, int(distance.reshape(-1)[changed].min()))

        lost_jobs = [laid_off] if laid_off.size else []
        for index in ends.get(month, ()):
            still = (raise_month[index] == 0).nonzero()[0]
            if still.size:
                lost_jobs.append(still + index * n)
        for idx in lost_jobs:
            everyone_accrues = False
            where = _table_index(idx, n, distance, threshold, levels)
            flat_base[idx] = 0.0
            flat_net[idx] = income
            unemployed.reshape(-1)[idx] = True
            flat_raise[idx] = _NEVER
            accrues.reshape(-1)[idx] = 0
            chance.reshape(-1)[idx] = arrival_unemp[where]
            level.reshape(-1)[idx] = level_tab[where]
            reserve.reshape(-1)[idx] = reserve_tab[where]

        # Raises on anniversaries, in force from next month: the starting job's at months 13,
        # 25, ... (by strategy), a found job's twelve months after it started.
        if month % 12 == 0:
            year = min(month // 12, years - 1)
            for index, factor in first_job_raises:
                in_first = raise_month[index] == 0
                np.multiply(base[index], factor, out=base[index], where=in_first)
                np.copyto(net[index], net0[index, year], where=in_first)
        # Only paths that moved (or were raised) twelve months ago can be due; a later move or
        # a lost job since then changed their raise month, so check it.
        due = raises_due.pop(month, None)
        if due:
            candidates = due[0] if len(due) == 1 else np.concatenate(due)
            idx = candidates[flat_raise[candidates] == month + 1]
            if idx.size:
                pay = flat_base[idx] * raise_found
                flat_base[idx] = pay
                flat_net[idx] = net_found(pay)
                flat_raise[idx] = month + 13
                raises_due.setdefault(month + 12, []).append(idx)

    if mean_only:
        assert earnings_3y is not None
        return [_mean_only_outcome(float(value), months) for value in earnings_3y]
    mean_cumulative = sum_cumulative / record_paths
    looped = time.perf_counter()
    outcomes = _summarise(
        recorded,
        stay=stay,
        mean_cumulative=mean_cumulative,
        first=first,
        earnings_3y=earnings_3y,
        record_paths=record_paths,
    )
    if timings is not None:
        timings["loop"] = timings.get("loop", 0.0) + looped - started
        timings["percentiles"] = timings.get("percentiles", 0.0) + time.perf_counter() - looped
    return outcomes


def _keep_paths(flat: npt.NDArray[np.intp], paths: int, kept: int) -> npt.NDArray[np.intp]:
    """Flat (strategy, path) indices renumbered for the first `kept` of `paths` paths."""
    strategy, path = np.divmod(flat, paths)
    inside = path < kept
    return strategy[inside] * kept + path[inside]


def _mean_only_outcome(earnings_3y: float, months: int) -> StrategyOutcome:
    """The result of a run for the 3-year mean only: no band, no waiting times."""
    empty = np.full(months, np.nan)
    return StrategyOutcome(
        band=Band(
            months=np.arange(1, months + 1, dtype=np.int64),
            p10=empty.copy(),
            p50=empty.copy(),
            p90=empty.copy(),
            cumulative_p10=empty.copy(),
            cumulative_p50=empty.copy(),
            cumulative_p90=empty.copy(),
            cumulative_mean=empty.copy(),
        ),
        expected_months_to_better=float("nan"),
        p_better_within_6=float("nan"),
        p_better_within_12=float("nan"),
        earnings_3y=earnings_3y,
        paths=0,
    )


def _table_index(
    idx: npt.NDArray[np.intp], n: int, distance: npt.NDArray[np.int16], threshold: int, levels: int
) -> npt.NDArray[np.intp]:
    """Flat table index (strategy × levels + experience) of the paths at flat positions `idx`."""
    experience = np.minimum(distance.reshape(-1)[idx] + threshold, levels - 1)
    result: npt.NDArray[np.intp] = (idx // n) * levels + experience
    return result


def _summarise(
    recorded: Float32Array,
    *,
    stay: Float32Array,
    mean_cumulative: FloatArray,
    first: npt.NDArray[np.int16],
    earnings_3y: FloatArray | None,
    record_paths: int,
) -> list[StrategyOutcome]:
    """Bands and waiting-time figures of each strategy from the recorded paths.

    A path nothing has happened to yet has exactly the starting job's salary (`stay`, computed
    with the same float32 steps); those paths share their salary and their running total, which
    `row_quantiles` handles as one block.
    """
    count, _, months, _ = recorded.shape
    month_numbers = np.arange(1, months + 1, dtype=np.int64)
    tied = _WORKSPACE.get("tied", recorded.shape, np.bool_)
    for index in range(count):
        np.not_equal(recorded[index, 0], stay[index, 1:, None], out=tied[index, 0])
        np.logical_or.accumulate(tied[index, 0], axis=0, out=tied[index, 0])
        np.logical_not(tied[index, 0], out=tied[index, 0])
        tied[index, 1] = tied[index, 0]
    rows = count * 2 * months
    levels_out = row_quantiles(
        recorded.reshape(rows, record_paths), tied=tied.reshape(rows, record_paths)
    ).reshape(len(QUANTILE_LEVELS), count, 2, months)
    outcomes: list[StrategyOutcome] = []
    for index in range(count):
        salary = levels_out[:, index, 0]
        earned = levels_out[:, index, 1]
        waits = first[index, :record_paths].astype(np.float64)
        outcomes.append(
            StrategyOutcome(
                band=Band(
                    months=month_numbers.copy(),
                    p10=salary[0].copy(),
                    p50=salary[1].copy(),
                    p90=salary[2].copy(),
                    cumulative_p10=earned[0].copy(),
                    cumulative_p50=earned[1].copy(),
                    cumulative_p90=earned[2].copy(),
                    cumulative_mean=mean_cumulative[index].copy(),
                ),
                expected_months_to_better=float(waits.mean()),
                p_better_within_6=float((waits <= 6).mean()),
                p_better_within_12=float((waits <= 12).mean()),
                earnings_3y=None if earnings_3y is None else float(earnings_3y[index]),
                paths=record_paths,
                p_better_within_horizon=float((waits <= months).mean()),
            )
        )
    return outcomes


# --- from outcomes to results --------------------------------------------------------------------


def break_even_month(difference: FloatArray) -> int | None:
    """First month m (1-based) with `difference` > 0 in every month from m on; None if none."""
    positive = difference > 0
    if positive.size == 0 or not positive[-1]:
        return None
    failing = np.flatnonzero(~positive)
    return 1 if failing.size == 0 else int(failing[-1]) + 2


def present_value(cumulative_mean: FloatArray, discount_rate_pct: float) -> float:
    """Expected net earnings over the horizon, month t discounted by (1 + rate)^(−t/12) (GBP)."""
    monthly = np.diff(cumulative_mean, prepend=0.0)
    months = np.arange(1, monthly.size + 1)
    factors = (1.0 + discount_rate_pct / 100.0) ** (-months / 12.0)
    return float(monthly @ factors)


def offer_scale(draws: Draws, spread: float, growth_monthly: float, months: int) -> Float32Array:
    """exp(spread × z) × growth^t for every path and month t = 1..months (float32)."""
    growth = (growth_monthly ** np.arange(1, months + 1)).astype(np.float32)[:, None]
    scaled = np.exp(np.float32(spread) * draws.offer[:months])
    scaled *= growth
    return _frozen(scaled)


def _offer_trajectory(
    offer: Position,
    stay: StrategyOutcome,
    search: StrategyOutcome,
    decline: StrategyOutcome,
    *,
    earnings_3y: float,
    discount_rate_pct: float,
    market_median: float,
) -> OfferTrajectory:
    difference = search.band.cumulative_mean - decline.band.cumulative_mean
    month_36 = min(EARNINGS_MONTHS, stay.band.cumulative_mean.size) - 1
    return OfferTrajectory(
        offer_id=offer.id,
        accept_and_stay=stay.band,
        accept_and_search=search.band,
        expected_months_to_better_offer=search.expected_months_to_better,
        p_better_within_6=search.p_better_within_6,
        p_better_within_12=search.p_better_within_12,
        break_even_month=break_even_month(difference),
        present_value=present_value(search.band.cumulative_mean, discount_rate_pct),
        expected_earnings_3y=earnings_3y,
        mean_difference_vs_decline=difference,
        present_value_stay=present_value(stay.band.cumulative_mean, discount_rate_pct),
        expected_earnings_3y_stay=float(stay.band.cumulative_mean[month_36]),
        market_median=market_median,
        p_better_within_horizon=search.p_better_within_horizon,
    )


def _deterministic_outcome(band: Band) -> StrategyOutcome:
    months = band.months.size
    return StrategyOutcome(
        band=band,
        expected_months_to_better=float(months + 1),
        p_better_within_6=0.0,
        p_better_within_12=0.0,
        earnings_3y=float(band.cumulative_mean[min(EARNINGS_MONTHS, months) - 1]),
        paths=1,
        p_better_within_horizon=0.0,
    )


def _pct(value: float) -> str:
    return f"{value:g}%"


def assumption_notes(
    scenario: Scenario,
    model: SearchModel,
    *,
    market_median: float,
    market_source: str,
    reservation: float,
    paths: int,
) -> tuple[str, ...]:
    """The model's assumptions in plain words, one sentence each (for the report and the GUI)."""
    s = model.search
    sim = scenario.simulation
    notes = [
        f"New offers are drawn around {format_money(market_median)} a year ({market_source}), "
        f"growing {_pct(s.market_growth_pct)} a year; about 8 in 10 fall within "
        f"{s.offer_spread * 1.28:.0%} either side of that.",
        f"Before employers count you as experienced (after {s.experience_threshold_months} months "
        f"in work in the new field) offers pay {s.novice_discount:.0%} of that level.",
        f"You send {s.applications_per_month:g} applications a month while in work and "
        f"{s.applications_per_month_unemployed:g} without one; {s.callback_rate_novice:.1%} get a "
        f"callback before you are experienced and {s.callback_rate_experienced:.1%} after, and "
        f"{s.offers_per_callback:.0%} of callbacks become an offer.",
        f"While in work you move only for at least {_pct(s.switching_margin_pct)} more base "
        f"salary than you are on; without work you take any offer of at least "
        f"{format_money(reservation)} a year (the lowest offer worth taking).",
        f"A job found by searching gives a {_pct(s.annual_raise_pct)} raise each year and pays no "
        f"bonus; the jobs you hold or are offered keep their own raises, bonus and pension.",
        "Nobody is laid off."
        if s.layoff_rate_pct == 0
        else f"Each year a job has a {_pct(s.layoff_rate_pct)} chance of ending in a layoff.",
        "Earnings are take-home pay after income tax, National Insurance, student loan and your "
        f"pension contribution, plus {format_money(s.income_while_searching)} a year while without "
        "work; commuting, moving and living costs are left out.",
        f"{paths:,} simulated futures of {sim.months} months (seed {sim.seed}); the ranges show "
        "the 10th to 90th percentile month by month.",
    ]
    if scenario.search.history is not None:
        notes.append(history_text(scenario.search.history))
    if model.discount_monthly >= MAX_MONTHLY_DISCOUNT and s.discount_rate_pct < 0.12:
        notes.append("A discount rate of 0% is treated as about 0.12% a year.")
    return tuple(notes)


@dataclass(frozen=True, slots=True, eq=False)
class _Job:
    key: Hashable
    spec: StrategySpec
    wants_full_mean: bool


class TrajectoryEvaluator:
    """Computes `TrajectoryResult`s, remembering each strategy by exactly the inputs it reads.

    The model (DESIGN section 5 defines it; the choices it leaves open are documented here):

    Time runs in months 1..H. In month t you are paid the salary in force that month and you search:
    an offer made in month t and accepted starts in month t + 1. Offers arrive per application: each
    application gets a callback with the callback rate and each callback becomes an offer with
    `offers_per_callback`, independently, so the chance of at least one offer in a month is
    1 − (1 − callback × offers_per_callback)^applications. Only one offer a month is considered (at these
    rates two in one month happen in a few per cent of months at most), which keeps the model the
    one-offer-a-period McCall model the reservation salary comes from.

    The callback rate is the novice rate until the months worked in target-field jobs reach
    `experience_threshold_months`; from then on it climbs in equal monthly steps and reaches the
    experienced rate after `ramp_months` more months (0: at once). Offers pay a lognormal salary
    around the market median, which grows with `market_growth_pct`; before you count as experienced
    they are scaled by `novice_discount`, fading with the same steps. Jobs found by searching are in
    the target field, raise pay by the search section's `annual_raise_pct` on each anniversary and
    are taxed with your tax settings, no bonus and `new_job_pension_pct` into a pension. The job you
    start in keeps its own bonus, pension, raises (the current job's anniversaries are taken to fall
    at months 13, 25, ... as its start date is unknown) and end date.

    While in work you move when an offer pays more than your base salary times (1 + switching
    margin); without work you take an offer at or above the reservation salary. Layoffs
    (`layoff_rate_pct`, a yearly chance) end a job at the end of a month. The market median comes
    from the search section's benchmark, else the scenario's target benchmark, else the offer's own
    benchmark (for declining: the first offer's in the target field, else any offer's), else the
    target salary, else the starting job's salary.

    Common random numbers: the draws (one uniform for the arrival, one standard normal for the offer
    salary and one uniform for a layoff, per path and month) depend only on the seed and the path
    number, and parameters act on them through inverse-CDF transforms, so a slider moves every path
    a little instead of reshuffling them. The interactive resolution uses the first 1,000 paths.

    Salary in a band is the annual base in force that month (0 without a job). Cumulative earnings
    are net (after income tax, NI, student loan and your own pension contribution) from month 1 to
    the end of that month, plus the income while searching in months without a job; commuting,
    moving and living costs are not subtracted. Percentiles are taken month by month across paths.

    Memoisation:

    A strategy's key is its kind, its starting position, the tax settings, the effective search
    section, the market median it searches in, the simulation settings and the resolution; so
    after a one-field edit only the strategies that read that field run again, all in one batch.
    Draws are made once per (seed, paths) and reused.
    """

    def __init__(self, cache_size: int = 128) -> None:
        self.draws: Memo[tuple[int, int], Draws] = Memo(2)
        self.scales: Memo[tuple[int, int, float, float, int], Float32Array] = Memo(2)
        self.models: Memo[Hashable, SearchModel] = Memo(cache_size)
        self.reservations: Memo[Hashable, FloatArray] = Memo(cache_size)
        self.strategies: Memo[Hashable, StrategyOutcome] = Memo(cache_size)
        # 3-year means over every path, by (kind, position, tax, search, median, simulation).
        self.means: Memo[Hashable, float] = Memo(cache_size)
        self.simulated_strategies = 0  # tests read how many strategies were simulated

    def clear(self) -> None:
        """Forget every remembered result."""
        for cache in (
            self.draws,
            self.scales,
            self.models,
            self.reservations,
            self.strategies,
            self.means,
        ):
            cache.clear()
        self.simulated_strategies = 0

    def earnings_3y(self, scenario: Scenario) -> FrozenMap[str, float]:
        """Each offer's `expected_earnings_3y` (accept and keep searching, every path), alone.

        The decision score needs these and nothing else of the trajectory, so a slider dragged
        on the Decision tab runs only the lean pass over every path to month 36, not the bands.
        Equal to the values in `evaluate(scenario)` to the last bit: the same paths, the same sums.
        """
        search = dataclasses.replace(effective_search(scenario.search), history=None)
        tax = scenario.tax
        sim = scenario.simulation
        months = sim.months
        full = sim.paths
        sim_key = (sim.seed, full, months)
        model = self.models.get((search, tax, months), lambda: build_model(search, tax, months))
        found: dict[str, float] = {}
        jobs: list[_Job] = []
        owners: list[str] = []
        for offer in scenario.offers:
            median = market_level(scenario, offer)[0]
            base = ("search", offer, tax, search, median, sim_key)
            mean = self._known_mean(base, full)
            if mean is not None:
                found[offer.id] = mean
                continue
            reservation = self.reservations.get(
                (search, months, median), functools.partial(reservation_salaries, model, median)
            )
            spec = strategy_spec(
                offer,
                tax,
                model,
                market_median=median,
                reservation=reservation,
                searches_while_employed=True,
                include_sign_on=True,
            )
            jobs.append(_Job(base, spec, wants_full_mean=True))
            owners.append(offer.id)
        for job, owner, mean in zip(
            jobs, owners, self._means(jobs, model=model, seed=sim.seed, full=full), strict=True
        ):
            self.means.put(job.key, mean)
            found[owner] = mean
        return FrozenMap((offer.id, found[offer.id]) for offer in scenario.offers)

    def _known_mean(self, base: tuple[Hashable, ...], full: int) -> float | None:
        """A remembered 3-year mean over every path for a strategy, from any result that has it."""
        mean = self.means.peek(base)
        if mean is not None:
            return mean
        for paths in (full, min(INTERACTIVE_PATHS, full)):
            result = self.strategies.peek((*base, paths))
            if result is not None and result.earnings_3y is not None:
                return result.earnings_3y
        return None

    def _draws(self, seed: int, paths: int) -> Draws:
        return self.draws.get((seed, paths), lambda: make_draws(seed, paths))

    def _scale(self, seed: int, paths: int, model: SearchModel) -> Float32Array:
        key = (seed, paths, model.search.offer_spread, model.growth_monthly, model.months)
        return self.scales.get(
            key,
            lambda: offer_scale(
                self._draws(seed, paths),
                model.search.offer_spread,
                model.growth_monthly,
                model.months,
            ),
        )

    def evaluate(
        self, scenario: Scenario, *, resolution: Resolution = "full", earnings: bool = True
    ) -> TrajectoryResult:
        """Every trajectory output for `scenario`; `interactive` uses the first 1,000 paths except
        for `expected_earnings_3y`, which always uses them all.

        `earnings=False` leaves `expected_earnings_3y` out at the interactive resolution (NaN):
        only the decision score reads it, and a slider dragged on a tab that shows only the bands
        should not pay for a run over every path. Asked for later, it costs that run alone.
        """
        search = dataclasses.replace(effective_search(scenario.search), history=None)
        tax = scenario.tax
        sim = scenario.simulation
        months = sim.months
        full = sim.paths
        record = full if resolution == "full" else min(INTERACTIVE_PATHS, full)
        sim_key = (sim.seed, full, months)
        model = self.models.get((search, tax, months), lambda: build_model(search, tax, months))

        def reservation(median: float) -> FloatArray:
            return self.reservations.get(
                (search, months, median), lambda: reservation_salaries(model, median)
            )

        decline_median, decline_source = market_level(scenario, None)
        outcomes: dict[Hashable, StrategyOutcome] = {}
        borrowed: dict[Hashable, float] = {}  # 3-year means taken from full-resolution results
        jobs: list[_Job] = []
        means_only: list[_Job] = []  # bands remembered, 3-year mean still to run

        def want(kind: str, position: Position, median: float, searches: bool) -> Hashable:
            def key_at(paths: int) -> Hashable:
                return (kind, position, tax, search, median, sim_key, paths)

            key = key_at(record)
            found = self.strategies.peek(key)
            needs_mean = earnings and kind == "search" and record < full
            if found is not None and (not needs_mean or found.earnings_3y is not None):
                outcomes[key] = found
                return key
            if needs_mean:
                known = self.means.peek((kind, position, tax, search, median, sim_key))
                full_result = self.strategies.peek(key_at(full))
                if known is None and full_result is not None:
                    known = full_result.earnings_3y
                if known is not None:
                    needs_mean = False
                    borrowed[key] = known
                    if found is not None:
                        found = dataclasses.replace(found, earnings_3y=known)
                        self.strategies.put(key, found)
                        outcomes[key] = found
                        return key
            spec = strategy_spec(
                position,
                tax,
                model,
                market_median=median,
                reservation=reservation(median),
                searches_while_employed=searches,
                include_sign_on=kind != "decline",
            )
            if found is not None:
                outcomes[key] = found
                means_only.append(_Job(key, spec, wants_full_mean=True))
            else:
                jobs.append(_Job(key, spec, needs_mean))
            return key

        decline_key = want("decline", scenario.current, decline_median, True)
        offer_keys: list[tuple[Position, float, Hashable, Hashable | None]] = []
        for offer in scenario.offers:
            median = market_level(scenario, offer)[0] if offer else decline_median
            search_key = want("search", offer, median, True)
            stay_key = (
                want("stay", offer, median, False)
                if needs_simulation_to_stay(offer, model)
                else None
            )
            offer_keys.append((offer, median, search_key, stay_key))

        self._run(
            jobs,
            model=model,
            seed=sim.seed,
            full=full,
            record=record,
            outcomes=outcomes,
            borrowed=borrowed,
        )
        for job, mean in zip(
            means_only, self._means(means_only, model=model, seed=sim.seed, full=full), strict=True
        ):
            outcomes[job.key] = dataclasses.replace(outcomes[job.key], earnings_3y=mean)
            self.strategies.put(job.key, outcomes[job.key])
        decline = outcomes[decline_key]
        trajectories: dict[str, OfferTrajectory] = {}
        for offer, median, search_key, stay_key in offer_keys:
            searched = outcomes[search_key]
            if stay_key is not None:
                stayed = outcomes[stay_key]
            else:
                spec = strategy_spec(
                    offer,
                    tax,
                    model,
                    market_median=median,
                    reservation=np.zeros(model.levels),
                    searches_while_employed=False,
                    include_sign_on=True,
                )
                stayed = _deterministic_outcome(stay_band(spec, months))
            mean_3y = searched.earnings_3y
            trajectories[offer.id] = _offer_trajectory(
                offer,
                stayed,
                searched,
                decline,
                earnings_3y=float("nan") if mean_3y is None else mean_3y,
                discount_rate_pct=search.discount_rate_pct,
                market_median=median,
            )
        reserve = reservation(decline_median)
        prior = min(search.prior_experience_months, model.levels - 1)
        experienced = min(
            search.experience_threshold_months + search.ramp_months + prior, model.levels - 1
        )
        return TrajectoryResult(
            reservation_salary=float(reserve[prior]),
            decline_and_search=decline.band,
            offers=FrozenMap(trajectories),
            resolution=resolution,
            paths=record,
            months=months,
            seed=sim.seed,
            assumptions=assumption_notes(
                scenario,
                model,
                market_median=decline_median,
                market_source=decline_source,
                reservation=float(reserve[prior]),
                paths=record,
            ),
            market_median=decline_median,
            market_source=decline_source,
            decline_expected_months_to_offer=decline.expected_months_to_better,
            decline_p_offer_within_6=decline.p_better_within_6,
            decline_p_offer_within_12=decline.p_better_within_12,
            present_value_decline=present_value(
                decline.band.cumulative_mean, search.discount_rate_pct
            ),
            reservation_salary_experienced=float(reserve[experienced]),
            decline_p_offer_within_horizon=decline.p_better_within_horizon,
        )

    def _means(
        self, jobs: Sequence[_Job], *, model: SearchModel, seed: int, full: int
    ) -> list[float]:
        """The 3-year mean earnings of each job's strategy over every path (a run to month 36)."""
        if not jobs:
            return []
        draws = self._draws(seed, full)
        scale = self._scale(seed, full, model)
        size = max(1, _BATCH_CELLS // (EARNINGS_MONTHS * full))
        means: list[float] = []
        for start in range(0, len(jobs), size):
            group = jobs[start : start + size]
            results = simulate(
                [job.spec for job in group], model, draws, scale, record_paths=0, mean_paths=full
            )
            for result in results:
                assert result.earnings_3y is not None
                means.append(result.earnings_3y)
        return means

    def _run(
        self,
        jobs: Sequence[_Job],
        *,
        model: SearchModel,
        seed: int,
        full: int,
        record: int,
        outcomes: dict[Hashable, StrategyOutcome],
        borrowed: Mapping[Hashable, float],
    ) -> None:
        """Simulate the strategies that were not remembered, in as few batches as possible.

        At the interactive resolution the bands come from one run on the first 1,000 paths and
        the 3-year mean of each accept-and-search strategy from a lean run of every path to
        month 36 (or from a full-resolution result already remembered).
        """
        if not jobs:
            return
        draws = self._draws(seed, full)
        scale = self._scale(seed, full, model)
        per_strategy = 2 * model.months * record
        size = max(1, _BATCH_CELLS // per_strategy)
        earnings: dict[Hashable, float] = dict(borrowed)
        needing = [job for job in jobs if job.wants_full_mean]
        if needing and len(needing) == len(jobs) and len(jobs) <= size:
            # Only accept-and-search strategies to run: one pass over every path to month 36
            # that then carries on with the first 1,000 is cheaper than two runs.
            results = simulate(
                [job.spec for job in jobs],
                model,
                draws,
                scale,
                record_paths=record,
                mean_paths=full,
            )
            self.simulated_strategies += len(jobs)
            for job, result in zip(jobs, results, strict=True):
                self.strategies.put(job.key, result)
                outcomes[job.key] = result
            return
        for job, mean in zip(
            needing, self._means(needing, model=model, seed=seed, full=full), strict=True
        ):
            earnings[job.key] = mean
        for start in range(0, len(jobs), size):
            group = list(jobs[start : start + size])
            results = simulate(
                [job.spec for job in group],
                model,
                draws,
                scale,
                record_paths=record,
                mean_paths=record,
            )
            self.simulated_strategies += len(group)
            for job, simulated in zip(group, results, strict=True):
                result = simulated
                if job.key in earnings:
                    result = dataclasses.replace(simulated, earnings_3y=earnings[job.key])
                elif record < full:
                    result = dataclasses.replace(simulated, earnings_3y=None)
                self.strategies.put(job.key, result)
                outcomes[job.key] = result


# --- the report ------------------------------------------------------------------------------


def _money_list(values: FloatArray) -> list[float | None]:
    return [money(v) for v in values.tolist()]


def band_json(band: Band) -> dict[str, Any]:
    """A band as DESIGN 6.1 names it (`months`, `p10`..`cumulative_p90`), plus extras."""
    return {
        "months": [int(m) for m in band.months.tolist()],
        "p10": _money_list(band.p10),
        "p50": _money_list(band.p50),
        "p90": _money_list(band.p90),
        "cumulative_p10": _money_list(band.cumulative_p10),
        "cumulative_p50": _money_list(band.cumulative_p50),
        "cumulative_p90": _money_list(band.cumulative_p90),
        "cumulative_mean": _money_list(band.cumulative_mean),
        "deterministic": band.deterministic,
    }


def offer_trajectory_json(item: OfferTrajectory) -> dict[str, Any]:
    """One offer's trajectory: the DESIGN 6.1 keys, then extras."""
    return {
        "accept_and_stay": band_json(item.accept_and_stay),
        "accept_and_search": band_json(item.accept_and_search),
        "expected_months_to_better_offer": ratio(item.expected_months_to_better_offer, 2),
        "p_better_within_6": ratio(item.p_better_within_6),
        "p_better_within_12": ratio(item.p_better_within_12),
        "break_even_month": item.break_even_month,
        "present_value": money(item.present_value),
        "expected_earnings_3y": money(item.expected_earnings_3y),
        "present_value_stay": money(item.present_value_stay),
        "expected_earnings_3y_stay": money(item.expected_earnings_3y_stay),
        "market_median": money(item.market_median),
        "p_better_within_horizon": ratio(item.p_better_within_horizon),
        "mean_difference_vs_decline": _money_list(item.mean_difference_vs_decline),
    }


def trajectory_json(result: TrajectoryResult) -> dict[str, Any]:
    """The `trajectory` key of `report --json` (DESIGN 6.1), plus extras after the contract keys."""
    return {
        "reservation_salary": money(result.reservation_salary),
        "decline_and_search": band_json(result.decline_and_search),
        "offers": {oid: offer_trajectory_json(item) for oid, item in result.offers.items()},
        "reservation_salary_experienced": money(result.reservation_salary_experienced),
        "decline_expected_months_to_offer": ratio(result.decline_expected_months_to_offer, 2),
        "decline_p_offer_within_6": ratio(result.decline_p_offer_within_6),
        "decline_p_offer_within_12": ratio(result.decline_p_offer_within_12),
        "decline_p_offer_within_horizon": ratio(result.decline_p_offer_within_horizon),
        "present_value_decline": money(result.present_value_decline),
        "market_median": money(result.market_median),
        "market_source": result.market_source,
        "resolution": result.resolution,
        "paths": result.paths,
        "months": result.months,
        "seed": result.seed,
        "assumptions": list(result.assumptions),
    }


def no_credit_scenario(scenario: Scenario) -> Scenario | None:
    """The scenario with employers giving no credit for experience in the new field: the
    experienced callback rate set to the novice one. None when that is already so."""
    effective = effective_search(scenario.search)
    if effective.callback_rate_experienced == effective.callback_rate_novice:
        return None
    search = dataclasses.replace(
        scenario.search, callback_rate_experienced=effective.callback_rate_novice
    )
    return scenario.replace(search=search)


def _horizon_months(months: int) -> list[int]:
    return sorted({12, 24, months})


def _horizon_label(month: int) -> str:
    return (
        f"after {month // 12} year{'s' if month > 12 else ''}"
        if month % 12 == 0
        else f"after {month} months"
    )


def _range_text(band: Band, month: int, *, cumulative: bool = False) -> str:
    index = band.month(month)
    if cumulative:
        low, mid, high = band.cumulative_p10, band.cumulative_p50, band.cumulative_p90
    else:
        low, mid, high = band.p10, band.p50, band.p90
    if band.deterministic or math.isclose(low[index], high[index], rel_tol=0, abs_tol=0.5):
        return format_money(mid[index])
    return f"{format_money(mid[index])} ({format_money(low[index])}-{format_money(high[index])})"


def _plans_table(result: TrajectoryResult, scenario: Scenario, *, cumulative: bool) -> list[str]:
    horizons = _horizon_months(result.months)
    rows = [["", *(_horizon_label(m).capitalize() for m in horizons)]]
    for offer in scenario.offers:
        item = result.offers.get(offer.id)
        if item is None:
            continue
        name = offer.display_name
        rows.append(
            [
                f"  {name}: accept and stay",
                *(_range_text(item.accept_and_stay, m, cumulative=cumulative) for m in horizons),
            ]
        )
        rows.append(
            [
                f"  {name}: accept and keep searching",
                *(_range_text(item.accept_and_search, m, cumulative=cumulative) for m in horizons),
            ]
        )
    rows.append(
        [
            "  Decline all and keep searching",
            *(_range_text(result.decline_and_search, m, cumulative=cumulative) for m in horizons),
        ]
    )
    return align_columns(rows)


def _break_even_text(item: OfferTrajectory, months: int) -> str:
    if item.break_even_month is None:
        return (
            f"Break-even: within {months} months, accepting and searching on does not stay ahead "
            "of declining and searching on (in total take-home, on average)."
        )
    if item.break_even_month == 1:
        return (
            "Break-even: from the first month on, accepting and searching on is ahead of declining "
            "and searching on (in total take-home, on average)."
        )
    return (
        f"Break-even: from month {item.break_even_month} on, accepting and searching on has "
        "earned more in total take-home, on average, than declining and searching on, and it "
        f"stays ahead to month {months}."
    )


def _offer_lines(item: OfferTrajectory, name: str, months: int, discount_pct: float) -> list[str]:
    wait = item.expected_months_to_better_offer
    return [
        name,
        f"  A better offer (one paying more than this job would pay by then): chance within 6 "
        f"months {item.p_better_within_6:.0%}, within 12 months {item.p_better_within_12:.0%}, "
        f"within {months} months {item.p_better_within_horizon:.0%}; expected wait about "
        f"{wait:.0f} months (a wait beyond month {months} counts as {months + 1}).",
        "  " + _break_even_text(item, months),
        f"  Total take-home over the first 3 years if you accept and keep searching: "
        f"{format_money(item.expected_earnings_3y)} on average "
        f"({format_money(item.expected_earnings_3y_stay)} if you stay).",
        f"  Worth today (present value: later money counted {discount_pct:g}% a year less): "
        f"{format_money(item.present_value)} over {months} months if you accept and keep "
        f"searching, {format_money(item.present_value_stay)} if you stay.",
    ]


def trajectory_text(
    result: TrajectoryResult, scenario: Scenario, no_credit: TrajectoryResult | None = None
) -> list[str]:
    """Lines for the text report: the three plans, break-even, the lowest offer worth taking,
    the no-credit case and the assumptions, in plain words (no unexplained jargon)."""
    search = effective_search(scenario.search)
    title = "What happens next: accept, stay or keep searching"
    lines = [
        title,
        "=" * len(title),
        f"{result.paths:,} simulated futures over the next {result.months} months"
        + (" (quick preview)" if result.resolution == "interactive" else "")
        + ". Three plans are compared:",
        "  * Accept and stay: take the offer and stay in that job.",
        "  * Accept and keep searching: take the offer, keep applying, and move when another job "
        "pays enough more.",
        "  * Decline and keep searching: turn every offer down and keep applying from where you "
        "are now.",
        "",
        "Base salary you would be on: the typical (middle) future, and in brackets the range "
        "from 1 in 10 futures below to 1 in 10 above.",
        *_plans_table(result, scenario, cumulative=False),
        "",
        "Total take-home earned from now until then (typical future, with the same range):",
        *_plans_table(result, scenario, cumulative=True),
        "",
    ]
    for offer in scenario.offers:
        item = result.offers.get(offer.id)
        if item is not None:
            lines.extend(
                _offer_lines(item, offer.display_name, result.months, search.discount_rate_pct)
            )
            lines.append("")
    lines.append(
        "If you decline everything: the chance of an offer better than your current job is "
        f"{result.decline_p_offer_within_12:.0%} within 12 months and "
        f"{result.decline_p_offer_within_horizon:.0%} within {result.months} months (expected "
        f"wait about {result.decline_expected_months_to_offer:.0f} months, counted as above)."
    )
    lines.append("")
    lines.append(
        f"Lowest offer worth taking if you were searching without a job: "
        f"{format_money(result.reservation_salary)} a year."
    )
    lines.append(
        "  Below it, holding out for a better offer is worth more to you than the pay. Search "
        "theory calls this the reservation salary (the McCall job-search model's 'reservation "
        "wage': the lowest offer a job seeker should accept)."
    )
    lines.append(
        "  It weighs how often offers come, how much they vary, what you live on meanwhile, how "
        f"much you discount the future ({search.discount_rate_pct:g}% a year) and how much you "
        f"dislike uncertain pay (caution {search.risk_aversion:g} on a 0-3 scale). Once you count "
        f"as experienced it would be {format_money(result.reservation_salary_experienced)}."
    )
    lines.append("")
    lines.extend(_no_credit_lines(result, scenario, search, no_credit))
    lines.append("Assumptions:")
    lines.extend(f"  - {note}" for note in result.assumptions)
    return lines


def _no_credit_lines(
    result: TrajectoryResult,
    scenario: Scenario,
    search: SearchAssumptions,
    no_credit: TrajectoryResult | None,
) -> list[str]:
    if no_credit is None:
        if search.callback_rate_experienced == search.callback_rate_novice:
            return [
                "Your assumptions already give no credit for experience: callbacks stay at "
                f"{search.callback_rate_novice:.1%} however long you work in the new field.",
                "",
            ]
        return []
    month = min(24, result.months)
    lines = [
        "If employers gave no credit for the new job (callbacks stay at "
        f"{search.callback_rate_novice:.1%} of applications however long you work in the field, "
        f"instead of rising to {search.callback_rate_experienced:.1%}):",
    ]
    for offer in scenario.offers:
        item = result.offers.get(offer.id)
        other = no_credit.offers.get(offer.id)
        if item is None or other is None:
            continue
        before = item.break_even_month
        after = other.break_even_month
        lines.append(
            f"  {offer.display_name}: typical base salary {_horizon_label(month)} "
            f"{format_money(other.accept_and_search.p50[month - 1])} instead of "
            f"{format_money(item.accept_and_search.p50[month - 1])}; a better offer after about "
            f"{other.expected_months_to_better_offer:.0f} months instead of "
            f"{item.expected_months_to_better_offer:.0f}; break-even "
            f"{_month_words(after)} instead of {_month_words(before)}."
        )
    lines.append("")
    return lines


def _month_words(month: int | None) -> str:
    return "never within the horizon" if month is None else f"month {month}"
