"""Probability of being best: how often each offer wins when the weights vary around the user's."""

from __future__ import annotations

from typing import Final

import numpy as np

from offer_eval.core.decision.score import TIE_POINTS, TIE_SLACK, FloatArray
from offer_eval.core.errors import InvalidValueError

DRAWS: Final = 10_000
"""Dirichlet draws for the probability of being best."""
DECISION_STREAM: Final = 0x0DEC_1510
"""Spawn key that gives the decision its own random stream from the scenario seed.

The trajectory draws from the same seed; a distinct `SeedSequence` spawn key keeps the two streams
independent (plain `SeedSequence.spawn` uses small keys 0, 1, 2, ..., never this one).
"""


def decision_rng(seed: int) -> np.random.Generator:
    """The decision's own random stream from the scenario seed (see `DECISION_STREAM`)."""
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(DECISION_STREAM,)))
    )


def probability_best(
    values: FloatArray,
    weights: FloatArray,
    confidence: float,
    seed: int,
    draws: int = DRAWS,
) -> FloatArray:
    """Share of plausible weightings under which each offer is best (fractions adding up to 1).

    Weight shares are drawn from a Dirichlet distribution with α = confidence × the user's share,
    so they average the user's shares and vary less as `confidence` grows. Criteria weighted 0
    stay at 0. Offers within 0.005 points of the best in a draw share that draw equally.
    """
    if not confidence > 0:
        raise InvalidValueError("weight_confidence", "must be above 0")
    offers = values.shape[0]
    if offers == 0:
        return np.zeros(0)
    used = weights > 0
    shares = weights[used] / weights[used].sum()
    rng = decision_rng(seed)
    # One weighted criterion: every draw gives it the whole weight.
    single = shares.shape[0] == 1
    sample = np.ones((draws, 1)) if single else rng.dirichlet(confidence * shares, size=draws)
    scores = sample @ values[:, used].T  # draws × offers
    best = scores.max(axis=1, keepdims=True)
    tied = scores >= best - (TIE_POINTS + TIE_SLACK)
    split = tied / tied.sum(axis=1, keepdims=True)
    result: FloatArray = split.mean(axis=0)
    return result
