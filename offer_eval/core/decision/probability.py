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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from offer_eval.core.decision.score import TIE_POINTS, TIE_SLACK, FloatArray
from offer_eval.core.errors import InvalidValueError

DRAWS: Final = 10_000
"""Joint draws of weights, ratings and money outcomes."""
DECISION_STREAM: Final = 0x0DEC_1510
"""Spawn key that gives the decision its own random streams from the scenario seed.

The trajectory draws from the same seed; a distinct `SeedSequence` spawn key keeps the streams
independent (plain `SeedSequence.spawn` uses small keys 0, 1, 2, ..., never this one).
"""
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


@functools.lru_cache(maxsize=32)
def _noise_block(
    seed: int, offer_id: str, criterion_ids: tuple[str, ...], draws: int
) -> FloatArray:
    """`rating_noise` of several of one offer's ratings side by side: draws × criteria."""
    block = np.stack([rating_noise(seed, offer_id, cid, draws) for cid in criterion_ids], axis=1)
    block.flags.writeable = False
    return block


@functools.lru_cache(maxsize=128)
def _rating_deltas(
    seed: int,
    offer_id: str,
    criterion_ids: tuple[str, ...],
    *,
    central: tuple[float, ...],
    half_widths: tuple[float, ...],
    draws: int,
) -> FloatArray:
    """How far each draw moves one offer's ratings from their central values (draws × ratings),
    after clipping to 0-10; read-only.

    They do not depend on the weights, nor on any money figure: a slider step (a weight, a
    salary, a search rate) finds them here and pays only for weighting them.
    """
    block = _noise_block(seed, offer_id, criterion_ids, max(draws, DRAWS))[:draws]
    centre = np.array(central, dtype=np.float64)
    drawn = block * np.array(half_widths, dtype=np.float64)
    drawn += centre
    np.clip(drawn, 0.0, 10.0, out=drawn)
    drawn -= centre
    drawn.flags.writeable = False
    return drawn


def _scores(
    offer: Offer,
    criterion_ids: tuple[str, ...],
    weights: FloatArray,
    used: npt.NDArray[np.bool_],
    seed: int,
    *,
    columns_of: dict[tuple[int, ...], FloatArray] | None = None,
) -> FloatArray:
    """Each draw's score of one offer: Σ w·v with the ratings and path values of that draw.

    `columns_of` shares the weight columns of the noisy ratings between the offers of one call
    (they are mostly the same columns).
    """
    draws = weights.shape[0]
    columns = np.flatnonzero(used)
    scores: FloatArray = weights @ offer.values[used]
    widths = offer.half_widths[columns].tolist()
    noisy = tuple(
        position
        for position, (k, width) in enumerate(zip(columns.tolist(), widths, strict=True))
        if width > 0 and k not in offer.paths
    )
    if noisy:
        ks = columns[list(noisy)]
        drawn = _rating_deltas(
            seed,
            offer.offer_id,
            tuple(criterion_ids[k] for k in ks),
            central=tuple(offer.values[ks].tolist()),
            half_widths=tuple(offer.half_widths[ks].tolist()),
            draws=draws,
        )
        cache = {} if columns_of is None else columns_of
        weighted = cache.get(noisy)
        if weighted is None:
            weighted = cache[noisy] = weights[:, list(noisy)]
        scores += np.einsum("ij,ij->i", drawn, weighted)
    for position, k in enumerate(columns.tolist()):
        path_values = offer.paths.get(k) if offer.paths else None
        if path_values is None or path_values.shape[0] == 0:
            continue
        count = path_values.shape[0]
        drawn = path_values[np.arange(draws) % count] if count < draws else path_values[:draws]
        scores += weights[:, position] * (drawn - float(offer.values[k]))
    return scores


def _rank_shares(scores: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(offers × ranks acceptability, draws × offers share of first place) from draws × offers
    scores. Offers within 0.005 points of the top of their group share its ranks equally."""
    draws, count = scores.shape
    order = np.argsort(-scores, axis=1, kind="stable")
    ordered = np.take_along_axis(scores, order, axis=1)
    margin = TIE_POINTS + TIE_SLACK
    if count == 1 or bool((ordered[:, :-1] - ordered[:, 1:] > margin).all()):
        # No draw has two offers within the margin: each rank belongs to one offer.
        plain = np.empty((count, count))
        for p in range(count):
            plain[:, p] = np.bincount(order[:, p], minlength=count) / draws
        winners = np.zeros((draws, count))
        winners[np.arange(draws), order[:, 0]] = 1.0
        return plain, winners
    # Groups: each starts at the highest remaining score and takes every score within the margin.
    start = np.zeros((draws, count), dtype=np.intp)
    top = ordered[:, 0].copy()
    for p in range(1, count):
        new = ordered[:, p] < top - margin
        top = np.where(new, ordered[:, p], top)
        start[:, p] = np.where(new, p, start[:, p - 1])
    end = np.full((draws, count), count - 1, dtype=np.intp)
    for p in range(count - 2, -1, -1):
        end[:, p] = np.where(start[:, p + 1] != start[:, p], p, end[:, p + 1])
    size = end - start + 1
    share = 1.0 / size
    # The offer placed p-th in a draw takes 1/size of every rank its group spans: one entry per
    # (draw, place, rank spanned), in draw and place order, so each (offer, rank) total adds the
    # same shares in the same order as a sum over the draws rank by rank would.
    spans = size.ravel()
    entry = np.repeat(np.arange(spans.shape[0]), spans)
    offset = np.arange(entry.shape[0]) - np.repeat(np.cumsum(spans) - spans, spans)
    rank = start.ravel()[entry] + offset
    ranks = (
        np.bincount(
            order.ravel()[entry] * count + rank,
            weights=share.ravel()[entry],
            minlength=count * count,
        ).reshape(count, count)
        / draws
    )
    first = np.zeros((draws, count))
    in_first = start == 0
    np.put_along_axis(first, order, np.where(in_first, share, 0.0), axis=1)
    return ranks, first


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
    count = len(offers)
    criteria = weights.shape[0]
    if count == 0:
        return Acceptability(np.zeros(0), np.zeros((0, 0)), np.zeros((0, criteria)), draws)
    used = weights > 0
    shares = weights[used] / weights[used].sum()
    if shares.shape[0] == 1:  # one weighted criterion: every draw gives it the whole weight
        sample: FloatArray = np.ones((draws, 1))
    else:
        alpha = tuple(float(a) for a in confidence * shares)
        sample = _weight_draws(seed, alpha, draws)
    columns_of: dict[tuple[int, ...], FloatArray] = {}
    scores = np.stack(
        [_scores(o, criterion_ids, sample, used, seed, columns_of=columns_of) for o in offers],
        axis=1,
    )
    ranks, first = _rank_shares(scores)
    best_weight = first.sum(axis=0)
    central = np.full((count, criteria), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        central[:, used] = (first.T @ sample) / best_weight[:, None]
    central[:, ~used] = np.where(best_weight[:, None] > 0, 0.0, np.nan)
    return Acceptability(first.mean(axis=0), ranks, central, draws)


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
