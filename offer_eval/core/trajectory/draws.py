"""The random numbers behind every simulated path, drawn once per (seed, paths) and reused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from offer_eval.core.trajectory.results import MAX_MONTHS, Float32Array, frozen

DRAW_BLOCK: Final = 1_000
"""Paths are drawn in blocks of this many, each from its own stream of the seed, so a path's
numbers do not depend on how many paths there are."""


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
        frozen(array)
    return Draws(seed=seed, paths=paths, arrival=arrival, offer=offer, layoff=layoff)


def offer_scale(draws: Draws, spread: float, growth_monthly: float, months: int) -> Float32Array:
    """exp(spread × z) × growth^t for every path and month t = 1..months (float32)."""
    growth = (growth_monthly ** np.arange(1, months + 1)).astype(np.float32)[:, None]
    scaled = np.exp(np.float32(spread) * draws.offer[:months])
    scaled *= growth
    return frozen(scaled)
