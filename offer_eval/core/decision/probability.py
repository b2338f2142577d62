"""How sure (SMAA-2): how often each offer comes out best, and at each rank, when the weights,
the ratings and the money outcomes all vary at once.

Every draw takes (a) weight shares from a Dirichlet distribution with α = confidence × the
user's share, so they average the user's shares and vary less as confidence grows (criteria
weighted 0 stay at 0); (b) every rating uniformly within ± its uncertainty, clipped to 0-10; and
(c) for money criteria that come from the job-search simulation, the value of one simulated path
(draw j reads path j). Offers within 0.005 points of each other share the ranks they span
equally, so each offer's rank probabilities add up to 1 and so does each rank's column.

The draws are common random numbers: a rating's uniforms depend only on the seed, the offer's id
and the criterion's id, so reordering offers, or adding one, leaves every other offer's draws
as they were, and the interactive resolution uses the first 1,000 of the same draws.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from offer_eval.core import lanes
from offer_eval.core.decision.score import TIE_POINTS, TIE_SLACK, FloatArray
from offer_eval.core.errors import InvalidValueError

IntArray = npt.NDArray[np.intp]

DRAWS: Final = 10_000
"""Joint draws of weights, ratings and money outcomes."""
DECISION_STREAM: Final = 0x0DEC_1510
"""Spawn key that gives the decision its own random streams from the scenario seed.

The trajectory draws from the same seed; a distinct `SeedSequence` spawn key keeps the streams
independent (plain `SeedSequence.spawn` uses small keys 0, 1, 2, ..., never this one).
"""
_SHARED_CELLS: Final = 50_000
"""Draws × offers from which the draws are worked on in two halves, one a lane (`_parts`)."""
_RATING_STREAM: Final = 0x5A7E
"""Second spawn key under `DECISION_STREAM` for the rating draws (the weights use none)."""


def decision_rng(seed: int) -> np.random.Generator:
    """The decision's weight stream from the scenario seed (see `DECISION_STREAM`)."""
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(DECISION_STREAM,)))
    )


def _stable_key(text: str) -> int:
    """A 64-bit number from an id that never changes between runs (unlike `hash`)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


@functools.lru_cache(maxsize=256)
def rating_noise(seed: int, offer_id: str, criterion_id: str, draws: int) -> FloatArray:
    """`draws` uniforms on [-1, 1) for one offer's rating on one criterion (read-only).

    They depend only on the seed and the two ids, so the first n of them are the same whatever
    `draws` is asked for beyond n.
    """
    sequence = np.random.SeedSequence(
        seed,
        spawn_key=(
            DECISION_STREAM,
            _RATING_STREAM,
            _stable_key(offer_id),
            _stable_key(criterion_id),
        ),
    )
    values = np.random.Generator(np.random.PCG64(sequence)).random(draws) * 2.0 - 1.0
    values.flags.writeable = False
    return values


@functools.lru_cache(maxsize=4)
def _weight_draws(seed: int, alpha: tuple[float, ...], draws: int) -> FloatArray:
    """Dirichlet weight shares; the first n rows are the same whatever `draws` is beyond n
    (numpy draws them row by row), which the interactive resolution relies on."""
    sample = decision_rng(seed).dirichlet(np.array(alpha), size=draws)
    sample.flags.writeable = False
    return sample


@dataclass(frozen=True, slots=True)
class Offer:
    """One offer as the draws see it: id, central 0-10 values (one per criterion), the ± half
    width of each rating (0 for money and for exact ratings), and per-path 0-10 values for the
    criteria whose figure comes from simulated paths (by criterion index)."""

    offer_id: str
    values: FloatArray
    half_widths: FloatArray
    paths: Mapping[int, FloatArray]


@dataclass(frozen=True, slots=True)
class Acceptability:
    """What the draws say, by offer in the order given.

    `probability_best[i]` is rank 1 of `ranks[i]`; `ranks` is offers × ranks, each row and each
    column adding up to 1; `central_weights` is offers × criteria, the mean weight shares of the
    draws in which the offer is best (a row of NaN when it never is).
    """

    probability_best: FloatArray
    ranks: FloatArray
    central_weights: FloatArray
    draws: int


@functools.lru_cache(maxsize=128)
def _rating_draws(
    seed: int,
    offer_id: str,
    criterion_id: str,
    *,
    central: float,
    half_width: float,
    draws: int,
) -> FloatArray:
    """One offer's rating on one criterion, draw by draw: uniform within ± its half width of its
    central value, clipped to 0-10 (read-only).

    They depend on neither the weights nor any money figure: a slider step (a weight, a salary,
    a search rate) finds them here.
    """
    noise = rating_noise(seed, offer_id, criterion_id, max(draws, DRAWS))[:draws]
    drawn = noise * half_width
    drawn += central
    np.clip(drawn, 0.0, 10.0, out=drawn)
    drawn.flags.writeable = False
    return drawn


@functools.lru_cache(maxsize=64)
def _rated_rows(
    seed: int, offer_id: str, rated: tuple[tuple[int, str, float, float], ...], draws: int
) -> tuple[tuple[int, FloatArray], ...]:
    """One offer's rows of draws for its ratings with an uncertainty ((criterion index, central
    value, half width) in `rated`): each `_rating_draws`' own array, not a copy.

    Keyed on the ratings alone: a slider step (a weight, a salary, a search rate) changes none
    of them and finds them here. A block of all the offer's rows was remembered before, keyed
    on its money values too, so every salary step stored another copy of rows it already had.
    """
    return tuple(
        (k, _rating_draws(seed, offer_id, criterion, central=value, half_width=width, draws=draws))
        for k, criterion, value, width in rated
    )


@dataclass(frozen=True, slots=True)
class _Rows:
    """What one offer's criteria × draws are made of: rows of rating draws (`rated`), rows of
    one value (`fixed`, index and value) and the simulated paths of its path columns."""

    rated: tuple[tuple[int, FloatArray], ...]
    fixed: tuple[tuple[int, float], ...]
    paths: dict[int, FloatArray]


def _blocks(offer: Offer, criterion_ids: tuple[str, ...], seed: int, draws: int) -> _Rows:
    """One offer's rows: its ratings varied within their uncertainty (remembered), every other
    value at its central value, and the simulated paths that fill its path columns."""
    paths = {k: values for k, values in (offer.paths or {}).items() if values.shape[0] > 0}
    rated: list[tuple[int, str, float, float]] = []
    fixed: list[tuple[int, float]] = []
    # Simulated paths replace rating noise (a path column with no paths keeps its value).
    for k, (value, width) in enumerate(
        zip(offer.values.tolist(), offer.half_widths.tolist(), strict=True)
    ):
        if k in paths:
            continue
        if width > 0 and not (offer.paths and k in offer.paths):
            rated.append((k, criterion_ids[k], value, width))
        else:
            fixed.append((k, value))
    return _Rows(_rated_rows(seed, offer.offer_id, tuple(rated), draws), tuple(fixed), paths)


def _lay_out(out: FloatArray, rows: _Rows, part: range, draws: int) -> None:
    """Draws `part` of one offer's values (criteria × draws) into `out`: its rating draws, its
    fixed values, then path j's value in draw j of each path column (paths repeat when there
    are fewer than draws)."""
    low, high = part.start, part.stop
    for k, drawn in rows.rated:
        out[k, low:high] = drawn[low:high]
    for k, value in rows.fixed:
        out[k, low:high] = value
    for k, path_values in rows.paths.items():
        count = path_values.shape[0]
        out[k, low:high] = (
            path_values[np.arange(low, high) % count] if count < draws else path_values[low:high]
        )


def drawn_from(
    offers: Sequence[Offer],
    known: Sequence[FloatArray | None],
    criterion_ids: tuple[str, ...],
    seed: int,
    draws: int,
) -> FloatArray:
    """`drawn_values` (the same numbers), each offer's values taken from `known` where given
    (its criteria × draws of an earlier call whose inputs were its own): a salary step lays
    out only the offer it changed. In one block, as `drawn_values` lays out a slider step's
    draws (`one_lane`)."""
    out = np.empty((len(offers), len(criterion_ids), draws))
    for index, (offer, values) in enumerate(zip(offers, known, strict=True)):
        if values is not None:
            out[index] = values
        else:
            _lay_out(out[index], _blocks(offer, criterion_ids, seed, draws), range(draws), draws)
    out.flags.writeable = False
    return out


def one_lane(draws: int, count: int) -> bool:
    """Whether `drawn_values` lays out these draws in one block (a slider step's 1,000 draws);
    otherwise in two halves, one a lane, and stacking the offers' own would be slower."""
    return len(_parts(draws, count)) == 1


def drawn_values(
    offers: Sequence[Offer], criterion_ids: tuple[str, ...], seed: int, draws: int
) -> FloatArray:
    """Every draw's 0-10 value of every offer on every criterion: offers × criteria × draws.

    A rating with an uncertainty varies uniformly within it (clipped to 0-10); a criterion with
    simulated paths takes path j's value in draw j (paths repeat when there are fewer than
    draws); every other value stays at its central value. None of it depends on the weights, so
    a weight drag computes it once and only weights it at each step.
    """
    # The weight-independent rows first (rating draws remembered), then laid out; the full
    # resolution's draws in two halves at once, one a lane (`_parts`): the same values either way.
    blocks = [_blocks(offer, criterion_ids, seed, draws) for offer in offers]
    out = np.empty((len(offers), len(criterion_ids), draws))

    def lay_out(part: range) -> None:
        for index, rows in enumerate(blocks):
            _lay_out(out[index], rows, part, draws)

    lanes.run_in_lanes(_parts(draws, len(offers)), lay_out)
    out.flags.writeable = False
    return out


def _parts(draws: int, count: int) -> list[range]:
    """The draws in one block, or in two halves, one a lane, for the full resolution's 10,000
    draws of five offers or more: each half's figures are worked out draw by draw as the whole's
    are (the same numbers), and the two lanes take half the time. A slider step's 1,000 draws
    stay whole: handing work to another thread would cost more than it saves."""
    if lanes.LANES < 2 or draws * count < _SHARED_CELLS:
        return [range(draws)]
    half = -(-draws // 2)
    return [range(half), range(half, draws)]


def _draw_scores(drawn: FloatArray, sample: FloatArray, used: npt.NDArray[np.bool_]) -> FloatArray:
    """Each draw's score of every offer (draws × offers): Σ w·v over the weighted criteria, with
    that draw's weight shares (`sample`, draws × weighted criteria) and values (`drawn`)."""
    values = drawn if bool(used.all()) else drawn[:, used, :]
    scores: FloatArray = np.einsum("okd,kd->do", values, np.ascontiguousarray(sample.T))
    return scores


def _rank_shares(scores: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(offers × ranks acceptability, draws × offers share of first place) from draws × offers
    scores. Offers within 0.005 points of the top of their group share its ranks equally."""
    return _ranked(scores.shape[0], scores.shape[1], lambda part: scores[part.start : part.stop])


def _ranked(
    draws: int, count: int, scores_of: Callable[[range], FloatArray]
) -> tuple[FloatArray, FloatArray]:
    """`_rank_shares` of the draws × offers scores that `scores_of` gives for a range of draws,
    the full resolution's two halves on two lanes (`_parts`). The figures are the same as from
    the whole: ranks are counted in whole numbers, and the draws holding a tie are shared out
    together, in draw order, after both halves."""
    first = np.zeros((draws, count))
    if count == 1:
        first[:, 0] = 1.0
        return np.ones((1, 1)), first
    parts = _parts(draws, count)
    placed: list[_Placed | None] = [None] * len(parts)

    def place(index: int) -> None:
        part = parts[index]
        placed[index] = _place(scores_of(part), part.start, first)

    lanes.run_in_lanes(range(len(parts)), place)
    done = [item for item in placed if item is not None]
    counts = done[0].counts
    for item in done[1:]:
        counts = counts + item.counts
    totals = counts.reshape(count, count).astype(np.float64)
    ties = [item for item in done if item.order.shape[0]]
    if ties:
        order = ties[0].order if len(ties) == 1 else np.concatenate([t.order for t in ties])
        ordered = ties[0].ordered if len(ties) == 1 else np.concatenate([t.ordered for t in ties])
        flat = ties[0].flat if len(ties) == 1 else np.concatenate([t.flat for t in ties])
        shared, shared_first = _tied_shares(order, ordered)
        totals += shared
        first.put(flat, shared_first)
    return totals / draws, first


@dataclass(frozen=True, slots=True)
class _Placed:
    """One block of draws ranked: the whole-number (offer, rank) counts of its draws without a
    tie, and of those with one, their offers best first, their scores so and their places'
    flat indices in the draws × offers array of first places."""

    counts: IntArray
    order: IntArray
    ordered: FloatArray
    flat: IntArray


def _place(scores: FloatArray, offset: int, first: FloatArray) -> _Placed:
    """Rank a block of draws whose first is draw `offset`, writing each draw's best offer into
    `first` (rows of drawn ties are written over later, from `_Placed`)."""
    draws, count = scores.shape
    # Equal scores fall in one group, whose offers share its ranks alike whichever is placed
    # first: no need for a stable sort.
    # (The array methods rather than numpy's functions, which only call them: a step calls
    # a few dozen.)
    order = (-scores).argsort(axis=1)
    # The scores best first, picked from the flat array (what `take_along_axis` gives, without
    # its index arrays of every axis).
    flat_order = order + _row_offsets(draws, count)
    ordered = scores.take(flat_order)
    # Most draws have no two offers within the margin: each of their ranks belongs to one offer,
    # counted at once; only the draws holding a tie take the general path.
    apart = (ordered[:, :-1] - ordered[:, 1:] > TIE_POINTS + TIE_SLACK).all(axis=1)
    plain = np.flatnonzero(apart)
    places = order.take(plain, axis=0)
    counts = np.bincount((places * count + np.arange(count)).ravel(), minlength=count * count)
    # Each draw's best offer takes first place whole; a draw holding a tie has its row
    # written over once every block is ranked.
    within = flat_order if offset == 0 else flat_order + offset * count
    first.put(within[:, 0], 1.0)
    if plain.shape[0] == draws:
        return _Placed(counts, _NO_ORDER, _NO_SCORES, _NO_ORDER)
    tied = np.flatnonzero(~apart)
    return _Placed(
        counts, order.take(tied, axis=0), ordered.take(tied, axis=0), within.take(tied, axis=0)
    )


_NO_ORDER: Final = np.zeros((0, 0), dtype=np.intp)
_NO_SCORES: Final = np.zeros((0, 0))


@functools.lru_cache(maxsize=4)
def _row_offsets(draws: int, count: int) -> IntArray:
    """Each row's first index in a flat draws × count array, as a column (read-only)."""
    offsets = (np.arange(draws, dtype=np.intp) * count)[:, None]
    offsets.flags.writeable = False
    return offsets


def _chain_starts(scores: list[float], margin: float) -> list[int]:
    """One draw's group start of each place, place by place (`scores` best first)."""
    starts = [0] * len(scores)
    top = scores[0]
    start = 0
    for place in range(1, len(scores)):
        if scores[place] < top - margin:
            top = scores[place]
            start = place
        starts[place] = start
    return starts


def _tied_shares(order: IntArray, ordered: FloatArray) -> tuple[FloatArray, FloatArray]:
    """For draws that hold ties: (offers × ranks sums of the shares, draws × places share of
    first place of the offer placed there). `order` is each draw's offers best first,
    `ordered` their scores."""
    draws, count = order.shape
    margin = TIE_POINTS + TIE_SLACK
    # Groups: each starts at the highest remaining score and takes every score within the
    # margin. A score more than the margin below the one before it is more than the margin
    # below its group's top too, so each such gap starts a group; between gaps the scores are
    # one group, unless they span more than the margin (a chain of close scores: a few draws
    # in a thousand), which are grouped place by place.
    places = np.arange(count, dtype=np.intp)
    starts_here = np.ones((draws, count), dtype=bool)
    np.less(ordered[:, 1:], ordered[:, :-1] - margin, out=starts_here[:, 1:])
    start = np.maximum.accumulate(np.where(starts_here, places, 0), axis=1)
    flat_start = start + np.arange(0, draws * count, count)[:, None]
    chained = (ordered < ordered.take(flat_start) - margin).any(axis=1)
    for row in np.flatnonzero(chained).tolist():
        start[row] = _chain_starts(ordered[row].tolist(), margin)
        flat_start[row] = start[row] + row * count
    # Each place's group size: how many places share its start.
    size = np.bincount(flat_start.ravel(), minlength=draws * count).take(flat_start)
    share = 1.0 / size
    # The offer placed p-th in a draw takes 1/size of every rank its group spans: one entry per
    # (draw, place, rank spanned), in draw and place order, so each (offer, rank) total adds the
    # same shares in the same order as a sum over the draws rank by rank would.
    spans = size.ravel()
    entry = np.arange(spans.shape[0]).repeat(spans)
    offset = np.arange(entry.shape[0]) - (spans.cumsum() - spans).repeat(spans)
    rank = start.ravel()[entry] + offset
    sums: FloatArray = np.asarray(
        np.bincount(
            order.ravel()[entry] * count + rank,
            weights=share.ravel()[entry],
            minlength=count * count,
        ),
        dtype=np.float64,
    ).reshape(count, count)
    return sums, np.where(start == 0, share, 0.0)


def acceptability(
    offers: Sequence[Offer],
    criterion_ids: tuple[str, ...],
    weights: FloatArray,
    *,
    confidence: float,
    seed: int,
    draws: int = DRAWS,
) -> Acceptability:
    """Probability best, rank acceptabilities and central weights from `draws` joint draws."""
    if not confidence > 0:
        raise InvalidValueError("weight_confidence", "must be above 0")
    if draws < 1:
        raise InvalidValueError("draws", "must be at least 1")
    drawn = drawn_values(offers, criterion_ids, seed, draws)
    return weighted_acceptability(drawn, weights, confidence=confidence, seed=seed)


def weighted_acceptability(
    drawn: FloatArray, weights: FloatArray, *, confidence: float, seed: int
) -> Acceptability:
    """`acceptability` from the draws' values (`drawn_values`) and the user's weights: the part
    of the work a weight changes (the weight draws, each draw's scores and their ranks)."""
    if not confidence > 0:
        raise InvalidValueError("weight_confidence", "must be above 0")
    count, criteria, draws = drawn.shape
    if draws < 1:
        raise InvalidValueError("draws", "must be at least 1")
    if count == 0:
        return Acceptability(np.zeros(0), np.zeros((0, 0)), np.zeros((0, criteria)), draws)
    used = weights > 0
    weighted = weights if bool(used.all()) else weights[used]
    shares = weighted / weighted.sum()
    if shares.shape[0] == 1:  # one weighted criterion: every draw gives it the whole weight
        sample: FloatArray = np.ones((draws, 1))
    else:
        alpha = tuple((confidence * shares).tolist())
        sample = _weight_draws(seed, alpha, draws)
    ranks, first = _ranked(
        draws,
        count,
        lambda part: _draw_scores(
            drawn[:, :, part.start : part.stop], sample[part.start : part.stop], used
        ),
    )
    best_weight = first.sum(axis=0)
    best = best_weight[:, None] > 0
    # The mean shares of the draws an offer is best in; NaN for an offer never best.
    central = np.full((count, criteria), np.nan)
    if sample.shape[1] == criteria:  # every criterion weighted
        np.divide(first.T @ sample, best_weight[:, None], out=central, where=best)
    else:
        central[:, used] = np.divide(
            first.T @ sample, best_weight[:, None], out=central[:, used], where=best
        )
        central[:, ~used] = np.where(best, 0.0, np.nan)
    return Acceptability(ranks[:, 0].copy(), ranks, central, draws)


def probability_best(
    values: FloatArray,
    weights: FloatArray,
    confidence: float,
    seed: int,
    draws: int = DRAWS,
) -> FloatArray:
    """Share of draws in which each offer is best, with exact ratings and no path values:
    only the weights vary (offers are named by their position)."""
    offers = [
        Offer(str(i), values[i], np.zeros(values.shape[1]), {}) for i in range(values.shape[0])
    ]
    ids = tuple(str(k) for k in range(values.shape[1]))
    return acceptability(
        offers, ids, weights, confidence=confidence, seed=seed, draws=draws
    ).probability_best
