"""Lowest salary worth taking in work: for each offer, the base salary at which accepting and
searching on is worth as much (present value with tail) as declining and searching on.

Someone who already has a job does not face the McCall question (take an offer or stay out of
work); they face this one. It is answered on the simulation itself, at full resolution and on
common random numbers: only the offer's salary changes between the runs, so the difference in
present value moves smoothly and monotonically with it (every path earns at least as much in a
better-paid job, and moves on from it no sooner) and a bisection finds where it crosses 0. Only
stopping at the target breaks that: a job paying the target ends the search, so below it the
answer is checked at a few salaries up to the target (see `bisection`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Generator, Sequence
from typing import Final, Literal

from offer_eval.core.models import Position

LowestSalary = float | Literal["any"] | None
"""An annual base salary (GBP), "any" when accepting wins even at 0, None when it never does
below `SEARCH_TOP`."""

SEARCH_TOP: Final = 10_000_000.0
RESOLUTION: Final = 100.0
"""The bisection stops once the bracket is this narrow (GBP a year)."""

SCAN_POINTS: Final = 2
"""Salaries valued together, evenly up to the target (which is the last), to check that
accepting stays ahead: the search stops at the target, so that is where accepting can fall
behind again; one more point halfway guards the stretch below it for little time (each point
costs a simulation of every path)."""

Asked = float | tuple[float, ...]
Search = Generator[Asked, Asked, LowestSalary]
"""One offer's search: yields a salary (or several, valued together) to value, is sent
(accept − decline) there (one difference for each), returns the answer."""


def with_salary(offer: Position, salary: float) -> Position:
    """The offer with its base salary set to `salary`, everything else unchanged; a contract gets
    the day rate whose billing is that salary."""
    if offer.pay_type == "day_rate":
        billed_days = offer.days_per_year * offer.utilisation_pct / 100.0
        rate = salary / billed_days if billed_days > 0 else 0.0
        return dataclasses.replace(offer, base_salary=salary, day_rate=rate)
    return dataclasses.replace(offer, base_salary=salary)


def bisection(start: float, scan_top: float | None = None) -> Search:
    """Bracket outward from `start` (the offer's own salary), then bisect to `RESOLUTION`.

    Returns the upper end of the final bracket: the lowest salary found at which accepting is at
    least as good, within £100 above the crossing. With `scan_top` (the target salary, when a
    path stops searching once it earns it) the difference need not be monotone below it: a job
    just under the target keeps searching, one at the target stops, and may then be worth less
    than declining. So the answer is checked at `SCAN_POINTS` salaries up to `scan_top`, valued
    together; where accepting falls behind at one, the search starts again above it, so the
    answer is the lowest salary above which accepting is never behind (at the salaries tried).
    """
    found = yield from _bracket_and_bisect(start)
    if scan_top is None or found is None:
        return found
    while found is not None:
        low = 0.0 if found == "any" else float(found)
        if low >= scan_top:
            return found
        points = tuple(low + (scan_top - low) * k / SCAN_POINTS for k in range(1, SCAN_POINTS + 1))
        values = yield points
        assert isinstance(values, tuple)
        behind = [k for k, value in enumerate(values) if value < 0]
        if not behind:
            return found
        last = behind[-1]
        if last + 1 < len(points):
            # Ahead again at the next point: the crossing lies between them.
            found = yield from _bisect(points[last], points[last + 1])
        else:
            # Still behind at the target: above it nothing stops the search any more, so the
            # difference rises with the salary again; bracket upward from there.
            found = yield from _bracket_and_bisect(scan_top, known_behind=True)
            return found
    return None


def _bracket_and_bisect(start: float, *, known_behind: bool = False) -> Search:
    """Bracket outward from `start`, then bisect (the monotone search)."""
    start = max(start, 1_000.0)
    if not known_behind and _first((yield start)) >= 0:
        high = start
        low = start / 2.0
        while _first((yield low)) >= 0:
            high = low
            low /= 2.0
            if low < RESOLUTION:
                if _first((yield 0.0)) >= 0:
                    return "any"
                low = 0.0
                break
    else:
        low = start
        high = start * 2.0
        while _first((yield min(high, SEARCH_TOP))) < 0:
            if high >= SEARCH_TOP:
                return None
            low = high
            high *= 2.0
        high = min(high, SEARCH_TOP)
    return (yield from _bisect(low, high))


def _bisect(low: float, high: float) -> Search:
    """Accepting is behind at `low` and ahead at `high`: narrow to `RESOLUTION`, return high."""
    while high - low > RESOLUTION:
        middle = (low + high) / 2.0
        if _first((yield middle)) >= 0:
            high = middle
        else:
            low = middle
    return high


def _first(value: Asked) -> float:
    """The difference sent for one salary asked."""
    return value[0] if isinstance(value, tuple) else value


def scan_top(stop_at: float) -> float | None:
    """Where a search checks its answer up to: the target salary at which paths stop searching
    (stopping there breaks monotonicity below it), or None when nothing stops them."""
    return stop_at if math.isfinite(stop_at) else None


def run_searches(
    starts: Sequence[float],
    difference: Callable[[Sequence[tuple[int, float]]], list[float]],
    stop_at: float = math.inf,
) -> list[LowestSalary]:
    """Run one bisection per start together: each round values the pending salaries of every
    search still running in one call, `difference([(search index, salary), ...])`.
    `stop_at`: the salary at which paths stop searching (the target), up to which each search
    checks its answer (see `bisection`); infinity when nothing stops them."""
    top = scan_top(stop_at)
    searches = [bisection(start, top) for start in starts]
    answers: list[LowestSalary] = [None] * len(searches)
    pending: dict[int, Asked] = {i: next(search) for i, search in enumerate(searches)}
    while pending:
        asked = [
            (index, salary)
            for index, wanted in sorted(pending.items())
            for salary in (wanted if isinstance(wanted, tuple) else (wanted,))
        ]
        values = iter(difference(asked))
        sent: dict[int, Asked] = {}
        for index, wanted in sorted(pending.items()):
            if isinstance(wanted, tuple):
                sent[index] = tuple(next(values) for _ in wanted)
            else:
                sent[index] = next(values)
        pending = {}
        for index, value in sent.items():
            try:
                pending[index] = searches[index].send(value)
            except StopIteration as stop:
                answers[index] = stop.value
    return answers
