"""The weighted score, competition ranks and the winner, and how far one weight may move before
the winner changes (weight stability)."""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

from offer_eval.core.errors import InvalidValueError

FloatArray = npt.NDArray[np.float64]

TIE_POINTS: Final = 0.005
"""Scores (0-10 points) this close or closer tie."""
TIE_SLACK: Final = 1e-9
"""Floating-point slack added to `TIE_POINTS`, so that a difference of exactly 0.005 ties."""
_FEW: Final = 8
"""Up to this many offers, ranks are counted in plain Python (numpy's set-up costs more)."""


def _scaled_weights(weights: Sequence[float]) -> tuple[Sequence[float], float]:
    """The weights to score with and their exactly rounded sum. Tiny weights (a file may hold
    5e-324) would make w·v subnormal and lose its digits: only the weights' ratios matter, so
    the largest is brought to 1 first."""
    total = math.fsum(weights)
    if not total > 0:
        raise InvalidValueError("criteria", "the weights must add up to more than 0")
    largest = max(weights)
    if largest < 1.0:
        weights = [w / largest for w in weights]
        total = math.fsum(weights)
    return weights, total


def weighted_score(values: Sequence[float], weights: Sequence[float]) -> float:
    """Σ w·v / Σ w on the 0-10 scale; exactly rounded sums, so one offer's score never depends
    on which other offers are scored with it."""
    weights, total = _scaled_weights(weights)
    score = math.fsum(w * v for w, v in zip(weights, values, strict=True)) / total
    return min(10.0, max(0.0, score))


def weighted_scores(rows: Sequence[Sequence[float]], weights: Sequence[float]) -> list[float]:
    """`weighted_score` of every row with the same weights (each row as long as `weights`):
    the weights' sum and scale are worked out once, every score the same to the last bit."""
    weights, total = _scaled_weights(weights)
    return [
        min(10.0, max(0.0, math.fsum(map(operator.mul, weights, values)) / total))
        for values in rows
    ]


def competition_ranks(scores: Sequence[float]) -> tuple[int, ...]:
    """Competition ranks (1, 1, 3): one plus the number of offers scoring more than 0.005 higher."""
    margin = TIE_POINTS + TIE_SLACK
    if len(scores) <= _FEW:
        return tuple(
            [1 + [other - score > margin for other in scores].count(True) for score in scores]
        )
    # Every (offer, other) difference at once: other - score, as one at a time would subtract.
    values = np.asarray(scores, dtype=np.float64)
    if np.isfinite(values).all():
        higher = values[None, :] - values[:, None] > margin
    else:
        with np.errstate(invalid="ignore"):  # inf - inf: NaN, never higher, as one at a time
            higher = values[None, :] - values[:, None] > margin
    return tuple((higher.sum(axis=1) + 1).tolist())


def winner_index(scores: Sequence[float]) -> int | None:
    """The offer ahead of every other by more than 0.005 points, or None on a tie for first."""
    if not scores:
        return None
    if len(scores) <= _FEW or any(map(math.isnan, scores)):
        return ranked_winner(competition_ranks(scores))
    # Without NaN, an offer is ranked 1 unless the top score is more than the margin above it:
    # other - score rounds no higher for a lower other, so no other can be when the top is not.
    top = max(scores)
    margin = TIE_POINTS + TIE_SLACK
    firsts = [index for index, score in enumerate(scores) if not top - score > margin]
    return firsts[0] if len(firsts) == 1 else None


def ranked_winner(ranks: Sequence[int]) -> int | None:
    """`winner_index` from the `competition_ranks` already worked out: the one offer ranked 1."""
    if ranks.count(1) != 1:
        return None
    return ranks.index(1)


def leader_index(scores: Sequence[float]) -> int | None:
    """The highest score (the first of equal ones), winner or not."""
    if not scores:
        return None
    return max(range(len(scores)), key=lambda index: (scores[index], -index))


def stability_intervals(
    values: FloatArray, weights: FloatArray, winner: int
) -> tuple[tuple[float, float], ...]:
    """For each criterion, the closed interval of its weight share keeping `winner` the winner.

    `values` is offers × criteria (0-10), `weights` the user's weights. Setting criterion k's share
    to s and rescaling the others in proportion gives every offer the score
    ``s·v[i,k] + (1 - s)·R[i,k]``, where R is the score from the other criteria alone. The
    winner's lead over offer i is therefore linear in s and the share at which it falls to the
    tie margin (0.005 points) is found exactly. The interval runs from the nearest such crossing
    below the user's share to the nearest above (0 and 1 when there is none). Inside it the winner
    stays the winner; at an interior end the two offers tie, and beyond it the winner changes.

    If every other criterion has zero weight, "in proportion" is taken as equal shares (the
    limit of equal tiny weights). With a single criterion no share can move: (0, 1).
    """
    count = weights.shape[0]
    if count == 1:
        return ((0.0, 1.0),)
    shares = weights / float(weights.sum())
    # Row k: the other criteria's weights in proportion (criterion k's own at 0), or equal
    # shares when every other weight is 0. Every criterion at once, as a loop over k would.
    own, equal = _own_and_equal(count)
    others = np.where(own, 0.0, weights)
    sums = others.sum(axis=1)[:, None]
    rest = equal.copy()
    np.divide(others, sums, out=rest, where=sums > 0)
    without = values @ rest.T  # offers × criteria: each offer's score from the others alone
    behind = np.arange(values.shape[0]) != winner
    at_one = values[winner] - values[behind]  # lead when s = 1, every other offer × criterion
    at_zero = without[winner] - without[behind]  # lead when s = 0
    slope = at_one - at_zero
    # Only a rising or a falling lead crosses (a flat one's quotient is never read).
    crossing = np.divide(TIE_POINTS - at_zero, slope, out=np.zeros(slope.shape), where=slope != 0)
    # (The ufuncs' own reductions: what `.min` and `.max` call, without their Python layer.)
    falling = np.where(slope < 0, crossing, np.inf)
    rising = np.where(slope > 0, crossing, -np.inf)
    high = np.minimum(1.0, np.minimum.reduce(falling, axis=0, initial=np.inf))
    low = np.maximum(0.0, np.maximum.reduce(rising, axis=0, initial=-np.inf))
    low = np.minimum(low, shares)
    high = np.maximum(np.minimum(high, 1.0), shares)
    return tuple(zip(low.tolist(), high.tolist(), strict=True))


@functools.lru_cache(maxsize=8)
def _own_and_equal(count: int) -> tuple[npt.NDArray[np.bool_], FloatArray]:
    """For `count` criteria: which entry of a criteria × criteria array is a criterion's own,
    and the equal shares of the others row by row (own at 0); both read-only."""
    own = np.eye(count, dtype=bool)
    equal = np.where(own, 0.0, 1.0 / (count - 1))
    own.flags.writeable = False
    equal.flags.writeable = False
    return own, equal
