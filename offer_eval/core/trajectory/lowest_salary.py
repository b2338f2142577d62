"""Lowest salary worth taking in work: for each offer, the base salary at which accepting and
searching on is worth as much (present value with tail) as declining and searching on.

Someone who already has a job does not face the McCall question (take an offer or stay out of
work); they face this one. It is answered on the simulation itself, at full resolution and on
common random numbers: only the offer's salary changes between the runs, so the difference in
present value moves smoothly and monotonically with it (every path earns at least as much in a
better-paid job, and moves on from it no sooner) and a bisection finds where it crosses 0.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Generator, Sequence
from typing import Final, Literal

from offer_eval.core.models import Position

LowestSalary = float | Literal["any"] | None
"""An annual base salary (GBP), "any" when accepting wins even at 0, None when it never does
below `SEARCH_TOP`."""

SEARCH_TOP: Final = 10_000_000.0
RESOLUTION: Final = 100.0
"""The bisection stops once the bracket is this narrow (GBP a year)."""

Search = Generator[float, float, LowestSalary]
"""One offer's search: yields a salary to value, is sent (accept − decline) there, returns the
answer."""


def with_salary(offer: Position, salary: float) -> Position:
    """The offer with its base salary set to `salary`, everything else unchanged; a contract gets
    the day rate whose billing is that salary."""
    if offer.pay_type == "day_rate":
        billed_days = offer.days_per_year * offer.utilisation_pct / 100.0
        rate = salary / billed_days if billed_days > 0 else 0.0
        return dataclasses.replace(offer, base_salary=salary, day_rate=rate)
    return dataclasses.replace(offer, base_salary=salary)


def bisection(start: float) -> Search:
    """Bracket outward from `start` (the offer's own salary), then bisect to `RESOLUTION`.

    Returns the upper end of the final bracket: the lowest salary found at which accepting is at
    least as good, within £100 above the crossing.
    """
    start = max(start, 1_000.0)
    if (yield start) >= 0:
        high = start
        low = start / 2.0
        while (yield low) >= 0:
            high = low
            low /= 2.0
            if low < RESOLUTION:
                if (yield 0.0) >= 0:
                    return "any"
                low = 0.0
                break
    else:
        low = start
        high = start * 2.0
        while (yield min(high, SEARCH_TOP)) < 0:
            if high >= SEARCH_TOP:
                return None
            low = high
            high *= 2.0
        high = min(high, SEARCH_TOP)
    while high - low > RESOLUTION:
        middle = (low + high) / 2.0
        if (yield middle) >= 0:
            high = middle
        else:
            low = middle
    return high


def run_searches(
    starts: Sequence[float], difference: Callable[[Sequence[tuple[int, float]]], list[float]]
) -> list[LowestSalary]:
    """Run one bisection per start together: each round values the pending salary of every
    search still running in one call, `difference([(search index, salary), ...])`."""
    searches = [bisection(start) for start in starts]
    answers: list[LowestSalary] = [None] * len(searches)
    pending: dict[int, float] = {i: next(search) for i, search in enumerate(searches)}
    while pending:
        asked = sorted(pending.items())
        values = difference(asked)
        pending = {}
        for (index, _salary), value in zip(asked, values, strict=True):
            try:
                pending[index] = searches[index].send(value)
            except StopIteration as stop:
                answers[index] = stop.value
    return answers
