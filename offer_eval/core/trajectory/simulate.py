"""The simulation: every strategy on the same paths, month by month, summarised into bands."""

from __future__ import annotations

import dataclasses
import functools
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from offer_eval.core.quantiles import QUANTILE_LEVELS, row_quantiles, workspace
from offer_eval.core.trajectory.draws import Draws
from offer_eval.core.trajectory.model import SearchModel
from offer_eval.core.trajectory.rates import offer_chance, path_rates
from offer_eval.core.trajectory.reference import PathsReference
from offer_eval.core.trajectory.results import (
    EARNINGS_MONTHS,
    Band,
    BoolArray,
    Float32Array,
    FloatArray,
    frozen,
)
from offer_eval.core.trajectory.strategies import StrategyOutcome, StrategySpec

_NEVER: Final = 1 << 30
_NO_PATHS: Final = np.zeros(0, dtype=np.intp)


def simulate(
    specs: Sequence[StrategySpec],
    model: SearchModel,
    draws: Draws,
    offer_scale: Float32Array,
    *,
    record_paths: int,
    mean_paths: int,
    timings: dict[str, float] | None = None,
    full_means: bool = False,
    keep_paths: bool = False,
    reference: Float32Array | PathsReference | None = None,
    earnings_paths: list[FloatArray] | None = None,
    check: Callable[[], None] | None = None,
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
    `full_means` (with `record_paths` 0) runs every path to the horizon for the mean cumulative
    earnings alone, without bands: what a present value needs (the lowest-salary search).
    `keep_paths` returns the first strategy's cumulative earnings per recorded path (months, paths)
    in its outcome (declining keeps them, as the reference of the others); `reference`, such an
    array, gives each outcome `p_ahead`: by month, the share of recorded paths on which the
    strategy's cumulative earnings exceed the reference's on the same path. A `PathsReference`
    there is waited for once the loop is done (another thread may be simulating it); with
    `keep_paths` the first strategy is that reference, handed to it as soon as the loop is done,
    and the others are compared with it.
    `earnings_paths`, when given, receives each strategy's cumulative earnings at month 36 path
    by path (the first `mean_paths` paths): the money outcomes the decision score draws from.
    `check`, when given, is called at the start of every month: whatever it raises stops the run
    (a background search told to stop then gives the GUI thread its share of the interpreter
    back within a month of a batch, not after the whole batch).
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
    if full_means and record_paths:
        raise ValueError("full_means runs without recorded paths")
    shrink_after = min(months, EARNINGS_MONTHS) if n > record_paths and not full_means else months
    mean_only = record_paths == 0 and not full_means
    summed = n if full_means else record_paths  # paths behind the mean cumulative earnings
    last_month = min(months, EARNINGS_MONTHS) if mean_only else months
    f32 = np.float32
    prior = model.search.prior_experience_months
    threshold = model.search.experience_threshold_months
    ramp = model.search.ramp_months
    net_found = model.net_found.wide()  # float64 monthly net of each gross salary
    margin = f32(model.margin)
    raise_found = f32(model.raise_found)
    income = f32(model.income_monthly)
    layoff = f32(model.layoff_monthly)
    growth = model.growth_monthly
    stop_at = f32(model.stop_at) if np.isfinite(model.stop_at) else None

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
    # Each strategy's starting-job salary month by month: needed only to tell whether a move
    # beats staying when that is not already certain, so built on first use.
    stay: Float32Array | None = None
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
    # Each strategy's yearly raise of its starting job (only paths still in it are raised).
    first_job_raise = np.array([s.raise_factor for s in specs], dtype=f32)[:, None]
    any_first_job = bool(employed0.any())
    unemployment_possible = layoff > 0 or bool(ends) or not bool(employed0.all())

    # State, one entry per strategy and path. `raise_month` also says which job a path holds:
    # 0 the starting job (raised by strategy at months 13, 25, ...), _NEVER none, otherwise a
    # job found by searching and the month its next raise takes effect.
    shape = (count, n)
    start_index = (np.arange(count) * levels + min(prior, levels - 1))[:, None]
    unemployed = np.repeat(~employed0[:, None], n, axis=1)
    base = np.repeat(base0.astype(f32)[:, None], n, axis=1)
    # 1 where this month counts as experience (the type of `rows`, which it is added to).
    accrues = np.repeat((employed0 & builds)[:, None], n, axis=1).astype(np.intp)
    chance = np.where(unemployed, arrival_unemp[start_index], arrival_emp[start_index]).astype(f32)
    emp_chance, unemp_chance = _chance_lookups(model, specs, draws, arrival_emp, arrival_unemp)
    if model.spread is not None:  # each path its own rates
        everyone = np.arange(count * n)
        where = start_index.repeat(n, axis=1).reshape(-1)
        chance = np.where(
            unemployed,
            unemp_chance(where, everyone, n).reshape(shape),
            emp_chance(where, everyone, n).reshape(shape),
        ).astype(f32)
    level = np.repeat(level_tab[start_index], n, axis=1).astype(f32)
    reserve = np.repeat(reserve_tab[start_index], n, axis=1).astype(f32)
    # Monthly net pay: float32 figures, held as float64 so that adding them to the float64
    # running total each month needs no conversion (the sums are the same to the bit).
    net = np.where(unemployed, income, net0[:, :1]).astype(f32).astype(np.float64)
    raise_month = np.where(unemployed, _NEVER, 0).astype(np.int32)
    # Each path's row in the experience tables: strategy × levels + months of experience.
    rows = np.repeat(start_index + (min(prior, levels) - min(prior, levels - 1)), n, axis=1)
    waiting = np.ones(shape, dtype=bool)  # no better offer taken yet
    first = np.full(shape, months + 1, dtype=np.int16)
    cumulative = np.repeat(np.array([s.sign_on_net for s in specs])[:, None], n, axis=1)
    recorded = (
        np.empty((count, 2, months, 0), dtype=np.float32)
        if record_paths == 0
        else workspace().get("recorded", (count, 2, months, record_paths), np.float32)
    )
    # Month by month (a row a month: each month's sums land side by side, which numpy writes
    # about twice as fast as into a column).
    sum_cumulative = np.empty((months, count), dtype=np.float64)
    earnings_3y: FloatArray | None = None

    def scratch() -> tuple[Float32Array, Float32Array, BoolArray, BoolArray]:
        return (
            np.empty(shape, dtype=f32),
            np.empty(shape, dtype=f32),
            np.empty(shape, dtype=bool),
            np.empty(shape, dtype=bool),
        )

    def flat(arrays: Sequence[npt.NDArray[Any]]) -> list[npt.NDArray[Any]]:
        """1-D views of (strategy, path) arrays, for the per-path updates at events."""
        return [a.reshape(-1) for a in arrays]

    def offsets() -> npt.NDArray[np.intp]:
        """Each flat (strategy, path) position's first row in the experience tables."""
        return np.repeat(np.arange(count, dtype=np.intp) * levels, n)

    def table_index(idx: npt.NDArray[np.intp], month: int) -> npt.NDArray[np.intp]:
        """Flat table index (strategy × levels + experience) of the paths at `idx` in `month`."""
        result: npt.NDArray[np.intp] = flat_rows[idx] + month if rows_fixed else flat_rows[idx]
        if clamp:  # experience past the tables' end reads their last row
            result = np.minimum(result, strategy_row[idx] + (levels - 1))
        return result

    def distances(idx: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        """Months of experience past the threshold of the paths at `idx` (read only when jobs
        can be lost, so `rows` is counted up)."""
        result: npt.NDArray[np.intp] = flat_rows[idx] - strategy_row[idx] - threshold
        return result

    def bars(pay: Float32Array) -> Float32Array:
        """The offer that takes a path away from a job paying `pay`: one above pay × the
        margin, none once the job pays the target (kept per path, so the monthly search
        compares offers with it directly; it changes only when the pay does)."""
        bar: Float32Array = pay * margin
        if stop_at is not None:
            np.putmask(bar, pay >= stop_at, np.inf)
        return bar

    def schedule_ramp(idx: npt.NDArray[np.intp], month: int, low: int, high: int) -> None:
        """File paths that gain experience from `month` on, with distances past the threshold
        `low`..`high` now, under each later month in which one of them may be on the ramp."""
        for later in range(month + max(1, -high), min(month + ramp - low, last_month) + 1):
            ramp_due.setdefault(later, []).append(idx)

    offer_now, threshold_pay, accept, flag = scratch()
    bar = bars(base)
    state: list[npt.NDArray[Any]] = [unemployed, base, accrues, chance, level, reserve, net]
    state += [raise_month, rows, waiting, first, cumulative, bar]
    waiting_left = count * n  # paths still waiting for a better offer
    # Flat indices of paths whose found job has an anniversary raise due, by the month checked.
    raises_due: dict[int, list[npt.NDArray[np.intp]]] = {}
    # Flat indices of paths that may be climbing the experience ramp, by month: filed when they
    # start gaining experience, so no month scans every path for them. Without unemployment a
    # path never stops gaining once started, so every path filed for a month is on the ramp.
    ramp_due: dict[int, list[npt.NDArray[np.intp]]] = {}
    everyone_accrues = bool((employed0 & builds).all())
    # Every path gains experience every month when all start in the field and none can lose its
    # job: then a path's row is its first row plus the month, and `rows` is not counted up.
    rows_fixed = everyone_accrues and not unemployment_possible
    # Every path's distance past the threshold starts here; one that starts gaining experience
    # without having gained any before (always so without unemployment) is still here.
    first_distance = min(prior, levels) - threshold
    clamp = min(prior, levels) + last_month > levels - 1
    starters = np.flatnonzero(np.repeat(employed0 & builds, n))
    if starters.size:
        schedule_ramp(starters, 0, first_distance, first_distance)
    # Without unemployment, a path still waiting has never moved: it is in its starting job,
    # which pays what staying pays, so with a margin of at least 1 any move it makes is better.
    moves_are_better = margin >= 1 and not unemployment_possible
    # Then a path's first better offer is its first move: the moves are logged and the first
    # of each path found once the loop is done, not checked against `waiting` every month.
    log_moves = moves_are_better and 0 < record_paths == n
    move_log: list[npt.NDArray[np.intp]] = []
    move_months: list[int] = []
    strategy_row = offsets()
    (flat_unemployed, flat_base, flat_accrues, flat_chance, flat_level, flat_reserve) = flat(
        state[:6]
    )
    (flat_net, flat_raise, flat_rows, flat_waiting, flat_first) = flat(state[6:11])
    flat_bar = bar.reshape(-1)
    flat_offer, flat_accept, flat_flag = flat((offer_now, accept, flag))

    # Views read every month (made once, and again when the paths are cut): the recorded paths'
    # salaries and earnings, the paths summed, and each month's place for them.
    def recorded_views() -> tuple[Float32Array, FloatArray, FloatArray]:
        return base[:, :record_paths], cumulative[:, :record_paths], cumulative[:, :summed]

    base_recorded, cumulative_recorded, cumulative_summed = recorded_views()
    recorded_base, recorded_cumulative = (recorded[:, kind].transpose(1, 0, 2) for kind in (0, 1))
    arrivals, scales, layoffs = (
        _tiled("arrival", draws.arrival, count, n, last_month),
        _tiled("scale", offer_scale, count, n, last_month),
        draws.layoff[:, :n],
    )

    for month in range(1, last_month + 1):
        if check is not None:
            check()
        row = month - 1
        if month == shrink_after + 1 and n > record_paths and not mean_only:
            raises_due, ramp_due = (
                {
                    due_month: [
                        kept for kept in (_keep_paths(i, n, record_paths) for i in due) if kept.size
                    ]
                    for due_month, due in pending.items()
                }
                for pending in (raises_due, ramp_due)
            )
            n = record_paths
            shape = (count, n)
            state = [np.ascontiguousarray(a[:, :n]) for a in state]
            (unemployed, base, accrues, chance, level, reserve, net, raise_month) = state[:8]
            (rows, waiting, first, cumulative, bar) = state[8:]
            offer_now, threshold_pay, accept, flag = scratch()
            strategy_row = offsets()
            (flat_unemployed, flat_base, flat_accrues, flat_chance, flat_level) = flat(state[:5])
            (flat_reserve, flat_net, flat_raise, flat_rows, flat_waiting) = flat(state[5:10])
            flat_first, flat_bar = flat((first, bar))
            flat_offer, flat_accept, flat_flag = flat((offer_now, accept, flag))
            arrivals, scales, layoffs = arrivals[..., :n], scales[..., :n], draws.layoff[:, :n]
            base_recorded, cumulative_recorded, cumulative_summed = recorded_views()
        np.add(cumulative, net, out=cumulative)
        if record_paths:
            np.copyto(recorded_base[row], base_recorded)
            np.copyto(recorded_cumulative[row], cumulative_recorded)
        if not mean_only:
            np.add.reduce(cumulative_summed, axis=1, out=sum_cumulative[row])
        if month == EARNINGS_MONTHS:
            earnings_3y = np.add.reduce(cumulative, axis=1) / n
            if earnings_paths is not None:
                earnings_paths.extend(cumulative[index].copy() for index in range(count))

        # Search: an offer arrives (inverse CDF of the arrival chance) and is taken if it pays
        # more than the base salary times the margin (`bar`), or at least the reservation
        # salary; a job paying the target ends the search.
        limit = bar
        if unemployment_possible:
            np.copyto(threshold_pay, bar)
            np.multiply(reserve, f32(growth**month), out=threshold_pay, where=unemployed)
            limit = threshold_pay
        np.less(arrivals[row], chance, out=accept)
        np.multiply(scales[row], level, out=offer_now)
        np.greater(offer_now, limit, out=flag)
        accept &= flag
        moved = flat_accept.nonzero()[0]
        taken = flat_offer[moved]
        if log_moves:
            if moved.size:
                move_log.append(moved)
                move_months.append(month)
        elif moved.size and waiting_left and not mean_only:
            # The first better offer: one paying more than the starting job pays this month.
            still = flat_waiting[moved]
            better = moved[still]
            if better.size and not moves_are_better:
                if stay is None:
                    stay = np.stack([s.stay_salary(months) for s in specs]).astype(f32)
                stays = stay[:, month][better // n]
                better = better[taken[still] > stays]
            if better.size:
                flat_first[better] = month
                flat_waiting[better] = False
                waiting_left -= better.size
        laid_off = _NO_PATHS
        if layoff > 0:
            np.less(layoffs[row], layoff, out=flag)
            flag &= ~unemployed
            flag &= ~accept
            laid_off = flat_flag.nonzero()[0]

        # This month counted as experience for those in target-field work; those climbing the
        # ramp get their new callback chance and offer level (below, with the paths that start
        # gaining experience this month).
        if not rows_fixed:
            rows += accrues
        look: list[npt.NDArray[np.intp]] = []
        climbing = ramp_due.pop(month, None)
        if climbing:
            idx = climbing[0] if len(climbing) == 1 else np.concatenate(climbing)
            if unemployment_possible:  # some may have lost their job since they were filed
                steps = distances(idx)
                idx = idx[(steps >= 0) & (steps <= ramp) & (flat_accrues[idx] != 0)]
            look.append(idx)

        # New pay (a move or a raise), net of tax in one lookup at the end of the month.
        paid: list[npt.NDArray[np.intp]] = []
        pays: list[Float32Array] = []
        if moved.size:
            idx = moved
            flat_raise[idx] = month + 13
            paid.append(idx)
            pays.append(taken)
            # Paths coming from no job or a job outside the field start gaining experience.
            # Without unemployment each of them leaves a starting job outside the field with no
            # experience gained: its row in the tables, and the chance and offer level it read
            # there at the start, stay as they were, so they are not looked up again.
            changed = _NO_PATHS if everyone_accrues else idx[flat_accrues[idx] == 0]
            if changed.size:
                flat_accrues[changed] = 1
                if unemployment_possible:  # (nobody is out of work otherwise)
                    look.append(changed)
                    flat_unemployed[changed] = False
                    known = distances(changed)
                    schedule_ramp(changed, month, int(known.min()), int(known.max()))
                else:
                    schedule_ramp(changed, month, first_distance, first_distance)
        if look:
            idx = look[0] if len(look) == 1 else np.concatenate(look)
            where = table_index(idx, month)
            flat_level[idx] = level_tab[where]
            flat_chance[idx] = emp_chance(where, idx, n)

        lost_jobs = [laid_off] if laid_off.size else []
        for index in ends.get(month, ()):
            still_first = (raise_month[index] == 0).nonzero()[0]
            if still_first.size:
                lost_jobs.append(still_first + index * n)
        for idx in lost_jobs:
            everyone_accrues = False
            where = table_index(idx, month)
            flat_base[idx] = 0.0
            flat_net[idx] = income
            flat_unemployed[idx] = True
            flat_raise[idx] = _NEVER
            flat_accrues[idx] = 0
            flat_chance[idx] = unemp_chance(where, idx, n)
            flat_level[idx] = level_tab[where]
            flat_reserve[idx] = reserve_tab[where]

        # Raises on anniversaries, in force from next month: the starting job's at months 13,
        # 25, ... (by strategy), a found job's twelve months after it started.
        if month % 12 == 0 and any_first_job:
            year = min(month // 12, years - 1)
            in_first = raise_month == 0
            np.multiply(base, first_job_raise, out=base, where=in_first)
            np.copyto(net, net0[:, year : year + 1], where=in_first)
            np.copyto(bar, bars(base), where=in_first)
        # Only paths that moved (or were raised) twelve months ago can be due; a later move or
        # a lost job since then changed their raise month, so check it.
        due = raises_due.pop(month, None)
        if due:
            candidates = due[0] if len(due) == 1 else np.concatenate(due)
            idx = candidates[flat_raise[candidates] == month + 1]
            if idx.size:
                flat_raise[idx] = month + 13
                paid.append(idx)
                pay = flat_base[idx] * raise_found
                pays.append(pay)
        # The moves and the raises never share a path (a move sets the raise month a year on),
        # nor does either share one with a lost job or the starting job's raise.
        if paid:
            idx = paid[0] if len(paid) == 1 else np.concatenate(paid)
            pay = pays[0] if len(pays) == 1 else np.concatenate(pays)
            flat_base[idx] = pay
            flat_bar[idx] = bars(pay)
            flat_net[idx] = net_found(pay)
            raises_due.setdefault(month + 12, []).append(idx)

    if mean_only:
        assert earnings_3y is not None
        return [_mean_only_outcome(float(value), months) for value in earnings_3y]
    mean_cumulative = sum_cumulative.T / summed
    if full_means:
        return [
            dataclasses.replace(
                _mean_only_outcome(float("nan") if earnings_3y is None else float(mean), months),
                band=_mean_band(mean_cumulative[index]),
                paths=n,
            )
            for index, mean in enumerate(
                earnings_3y if earnings_3y is not None else [float("nan")] * count
            )
        ]
    if move_log:  # each path's first move (months logged in order; the earliest kept)
        np.minimum.at(
            flat_first,
            np.concatenate(move_log),
            np.repeat(np.array(move_months, dtype=first.dtype), [i.size for i in move_log]),
        )
    looped = time.perf_counter()
    # Per-path figures first: the percentiles below sort the recorded rows in place.
    kept = frozen(recorded[0, 1].copy()) if keep_paths else None
    if isinstance(reference, PathsReference):
        if kept is not None:
            reference.set(kept)
        reference = reference.get()
    ahead = (
        None
        if reference is None
        else [
            None if kept is not None and i == 0 else _share_ahead(recorded[i, 1], reference)
            for i in range(count)
        ]
    )
    outcomes = _summarise(
        recorded,
        mean_cumulative=mean_cumulative,
        first=first,
        earnings_3y=earnings_3y,
        record_paths=record_paths,
    )
    if kept is not None or ahead is not None:
        outcomes = [
            dataclasses.replace(
                outcome,
                cumulative_paths=kept if i == 0 else None,
                p_ahead=None if ahead is None else _frozen_or_none(ahead[i]),
            )
            for i, outcome in enumerate(outcomes)
        ]
    if timings is not None:
        timings["loop"] = timings.get("loop", 0.0) + looped - started
        timings["percentiles"] = timings.get("percentiles", 0.0) + time.perf_counter() - looped
    return outcomes


_TILE_CELLS: Final = 200_000
"""Largest (months × strategies × paths) whose draws are repeated for every strategy: a slider
step's run of two or three strategies on the Trajectory tab. Measured: about 4% off such a run;
nothing gained with 12 strategies (the comparisons are then long enough either way)."""


class _Tiles(threading.local):
    """The last draws repeated for every strategy, per thread, by name: (what they were made
    from, the array)."""

    def __init__(self) -> None:
        self.made: dict[str, tuple[tuple[Float32Array, int, int, int], Float32Array]] = {}


_TILES = _Tiles()


def _tiled(name: str, values: Float32Array, count: int, paths: int, months: int) -> Float32Array:
    """`values` (month, path) for the first `paths` paths and `months` months, repeated for each
    of `count` strategies: (month, strategy, path), so that the monthly comparisons with the
    state arrays (strategy, path) are between arrays of one shape, which numpy does faster than
    broadcasting a row of paths over the strategies. Kept for the next run on the same draws
    (every step of a slider drag); larger runs broadcast (`_TILE_CELLS`)."""
    if count == 1 or count * paths * months > _TILE_CELLS:
        return values[:, None, :paths]
    made = _TILES.made.get(name)
    if made is not None and made[0][0] is values and made[0][1:] == (count, paths, months):
        return made[1]
    tiled = np.empty((months, count, paths), dtype=np.float32)
    tiled[:] = values[:months, None, :paths]
    _TILES.made[name] = ((values, count, paths, months), tiled)
    return tiled


def _share_ahead(cumulative: Float32Array, reference: Float32Array) -> FloatArray:
    """By month (row), the share of paths on which `cumulative` exceeds `reference`.

    Counted row by row (a count of a boolean row is a fast pass; a mean along the rows converts
    every element to float64 first), then divided as that mean divides: the same numbers.
    """
    above = cumulative > reference
    paths = above.shape[1]
    counts = np.array([np.count_nonzero(row) for row in above], dtype=np.float64)
    result: FloatArray = counts / paths
    return result


def _frozen_or_none(values: FloatArray | None) -> FloatArray | None:
    return None if values is None else frozen(values)


def _mean_band(mean_cumulative: FloatArray) -> Band:
    """A band with only the mean cumulative earnings (percentiles NaN: no paths recorded)."""
    months = mean_cumulative.size
    empty = np.full(months, np.nan)
    return Band(
        months=np.arange(1, months + 1, dtype=np.int64),
        p10=empty.copy(),
        p50=empty.copy(),
        p90=empty.copy(),
        cumulative_p10=empty.copy(),
        cumulative_p50=empty.copy(),
        cumulative_p90=empty.copy(),
        cumulative_mean=mean_cumulative.copy(),
    )


@functools.lru_cache(maxsize=4)
def _no_band(months: int) -> Band:
    """A band of NaNs (no paths recorded), one shared by every run for means alone: a decision
    drag runs one for each offer on every step. Its arrays are read-only, like every band's."""
    return _mean_band(np.full(months, np.nan))


def _keep_paths(flat: npt.NDArray[np.intp], paths: int, kept: int) -> npt.NDArray[np.intp]:
    """Flat (strategy, path) indices renumbered for the first `kept` of `paths` paths."""
    strategy, path = np.divmod(flat, paths)
    inside = path < kept
    return strategy[inside] * kept + path[inside]


def _mean_only_outcome(earnings_3y: float, months: int) -> StrategyOutcome:
    """The result of a run for the 3-year mean only: no band, no waiting times."""
    return StrategyOutcome(
        band=_no_band(months),
        expected_months_to_better=float("nan"),
        p_better_within_6=float("nan"),
        p_better_within_12=float("nan"),
        earnings_3y=earnings_3y,
        paths=0,
    )


def _summarise(
    recorded: Float32Array,
    *,
    mean_cumulative: FloatArray,
    first: npt.NDArray[np.int16],
    earnings_3y: FloatArray | None,
    record_paths: int,
) -> list[StrategyOutcome]:
    """Bands and waiting-time figures of each strategy from the recorded paths."""
    count, _, months, _ = recorded.shape
    month_numbers = np.arange(1, months + 1, dtype=np.int64)
    rows = count * 2 * months
    levels_out = row_quantiles(recorded.reshape(rows, record_paths), overwrite=True).reshape(
        len(QUANTILE_LEVELS), count, 2, months
    )
    # The waiting-time figures of every strategy at once (row by row, as each row alone gives).
    waits = first[:, :record_paths]
    expected = waits.astype(np.float64).mean(axis=1).tolist()
    within_6, within_12, within_horizon = (
        (waits <= limit).mean(axis=1).tolist() for limit in (6, 12, months)
    )
    outcomes: list[StrategyOutcome] = []
    for index in range(count):
        salary = levels_out[:, index, 0]
        earned = levels_out[:, index, 1]
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
                expected_months_to_better=expected[index],
                p_better_within_6=within_6[index],
                p_better_within_12=within_12[index],
                earnings_3y=None if earnings_3y is None else float(earnings_3y[index]),
                paths=record_paths,
                p_better_within_horizon=within_horizon[index],
            )
        )
    return outcomes


ChanceLookup = Callable[[npt.NDArray[np.intp], npt.NDArray[np.intp], int], npt.NDArray[Any]]


def _chance_lookups(
    model: SearchModel,
    specs: Sequence[StrategySpec],
    draws: Draws,
    arrival_emp: Float32Array,
    arrival_unemp: Float32Array,
) -> tuple[ChanceLookup, ChanceLookup]:
    """(In work, out of work): the monthly chance of an offer for flat paths `idx` (strategy ×
    paths + path, `n` paths a strategy) at table rows `where` (strategy × levels + experience).

    With rates as set, the tables; when the user's counts set the rates, each path's own rates
    (`path_rates`), worked out for the paths asked only (this happens at events, not monthly).
    """
    if model.spread is None:
        return (lambda where, idx, n: arrival_emp[where]), (
            lambda where, idx, n: arrival_unemp[where]
        )
    rates = path_rates(draws.seed, draws.paths, model.spread)
    levels = model.levels
    credit = model.credit
    search = model.search
    in_work = np.array(
        [search.applications_per_month if s.searches_while_employed else 0.0 for s in specs]
    )
    out_of_work = search.applications_per_month_unemployed

    def per_application(
        where: npt.NDArray[np.intp], idx: npt.NDArray[np.intp], n: int
    ) -> FloatArray:
        path = idx % n
        novice = rates.novice[path]
        callback = novice + (rates.experienced[path] - novice) * credit[where % levels]
        result: FloatArray = callback * rates.offers[path]
        return result

    def employed(where: npt.NDArray[np.intp], idx: npt.NDArray[np.intp], n: int) -> FloatArray:
        return offer_chance(per_application(where, idx, n), in_work[where // levels])

    def unemployed(where: npt.NDArray[np.intp], idx: npt.NDArray[np.intp], n: int) -> FloatArray:
        return offer_chance(per_application(where, idx, n), out_of_work)

    return employed, unemployed
