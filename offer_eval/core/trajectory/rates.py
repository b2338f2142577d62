"""Your rates are uncertain: per-path callback and offer rates when your own counts set them.

A rate read off 1 callback in 20 applications is far less certain than one read off 100 in
2,000, though both say 5%. When the search history is used for the rates, every simulated path
draws its own novice callback rate and offers per callback from their Beta posteriors (the
stated prior plus the counts), and its own experienced callback rate from a Beta with the set
mean and the set strength (`callback_rate_experienced_weight`, in applications' worth). So the
bands, the chance of being ahead and the present values carry that uncertainty too.

The draws come from their own stream of the scenario's seed, in blocks of 1,000 paths like the
other draws, so a path's rates do not depend on how many paths there are: the first 1,000 paths
of a full run are the interactive run's paths, rates included.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Final

import numpy as np

from offer_eval.core.models import SearchAssumptions
from offer_eval.core.trajectory.draws import DRAW_BLOCK
from offer_eval.core.trajectory.results import FloatArray, frozen

RATES_STREAM: Final = 1
"""Second element of the seed's spawn key for the rate draws (the other draws use none)."""

BetaParameters = tuple[float, float, float, float, float, float]
"""(a, b) of the novice callback rate, of offers per callback, of the experienced rate."""


@dataclass(frozen=True, slots=True, eq=False)
class PathRates:
    """Each path's own rates (fractions), arrays of one value a path."""

    novice: FloatArray
    offers: FloatArray
    experienced: FloatArray


def rate_spread(search: SearchAssumptions) -> BetaParameters | None:
    """The Beta parameters of the three rates when the history sets them, else None (every path
    then has the same rates, as set)."""
    history = search.history
    if history is None or not history.use_for_rates:
        return None
    weight = history.prior_applications
    novice_a = history.prior_callback_rate * weight + history.callbacks
    novice_b = (1.0 - history.prior_callback_rate) * weight + (
        history.applications - history.callbacks
    )
    weight = history.prior_callbacks
    offers_a = history.prior_offers_per_callback * weight + history.offers
    offers_b = (1.0 - history.prior_offers_per_callback) * weight + (
        history.callbacks - history.offers
    )
    mean = search.callback_rate_experienced
    strength = search.callback_rate_experienced_weight
    return (
        novice_a,
        novice_b,
        offers_a,
        offers_b,
        mean * strength,
        (1.0 - mean) * strength,
    )


def model_search(search: SearchAssumptions) -> SearchAssumptions:
    """The search section a model is built (and remembered) from: its history only when each
    path draws rates from it (the counts matter then), else without, so that counts not used
    for the rates do not tell two identical models apart."""
    if rate_spread(search) is None:
        return dataclasses.replace(search, history=None)
    return search


def _beta(stream: np.random.Generator, a: float, b: float, size: int) -> FloatArray:
    """Beta(a, b) draws; a rate set to exactly 0 or 1 (a or b of 0) stays there."""
    if a <= 0 or b <= 0:
        return np.full(size, 1.0 if b <= 0 < a else 0.0)
    return stream.beta(a, b, size)


@functools.lru_cache(maxsize=8)
def path_rates(seed: int, paths: int, spread: BetaParameters) -> PathRates:
    """Every path's rates for `paths` paths of `seed` (remembered: sliders ask again)."""
    blocks = -(-paths // DRAW_BLOCK)
    novice = np.empty(blocks * DRAW_BLOCK)
    offers = np.empty(blocks * DRAW_BLOCK)
    experienced = np.empty(blocks * DRAW_BLOCK)
    for block in range(blocks):
        stream = np.random.Generator(
            np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block, RATES_STREAM)))
        )
        part = slice(block * DRAW_BLOCK, (block + 1) * DRAW_BLOCK)
        novice[part] = _beta(stream, spread[0], spread[1], DRAW_BLOCK)
        offers[part] = _beta(stream, spread[2], spread[3], DRAW_BLOCK)
        experienced[part] = _beta(stream, spread[4], spread[5], DRAW_BLOCK)
    return PathRates(
        novice=frozen(novice[:paths].copy()),
        offers=frozen(offers[:paths].copy()),
        experienced=frozen(experienced[:paths].copy()),
    )


def offer_chance(per_application: FloatArray, applications: FloatArray | float) -> FloatArray:
    """Chance of at least one offer in a month, 1 − (1 − q)^applications, element by element."""
    q = np.clip(per_application, 0.0, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        chance: FloatArray = -np.expm1(applications * np.log1p(-q))
    return np.where(q >= 1.0, np.where(np.asarray(applications) > 0, 1.0, 0.0), chance)
