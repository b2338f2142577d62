"""The decision's 3-year figures from lean runs to month 36, without bands.

The decision score reads of the trajectory only each offer's mean cumulative earnings at month 36
(accept and keep searching) and the same figure path by path, for its draws. A slider dragged on
the Decision tab runs, for the offers whose figures are not remembered, one run to month 36 that
gives both; every figure equals the full trajectory's to the last bit (the same paths, the same
sums). These functions are `TrajectoryEvaluator`'s 3-year methods, kept apart from the bands.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Final, Protocol, TypeVar

from offer_eval.core.frozen import FrozenMap
from offer_eval.core.memo import Memo
from offer_eval.core.models import Position, Scenario
from offer_eval.core.trajectory.draws import Draws
from offer_eval.core.trajectory.model import SearchModel
from offer_eval.core.trajectory.results import (
    EARNINGS_MONTHS,
    Float32Array,
    FloatArray,
    Resolution,
)
from offer_eval.core.trajectory.setting import Job, Setting, keep_search_paths
from offer_eval.core.trajectory.simulate import simulate
from offer_eval.core.trajectory.strategies import StrategyOutcome, StrategySpec

_V = TypeVar("_V")


Figures = tuple[FrozenMap[str, float], FrozenMap[str, FloatArray] | None]
LastFigures = tuple[Setting, float, Position, float, FloatArray | None]
"""An offer's last 3-year figures with what they were worked out from: (setting, market
median, offer, mean, paths or None)."""


class TrajectoryEvaluator(Protocol):
    """What these functions read of `offer_eval.core.trajectory.TrajectoryEvaluator` (which
    imports them): its caches and how it sets up a strategy."""

    means: Memo[Hashable, float]
    strategies: Memo[Hashable, StrategyOutcome]
    path_earnings: Memo[Hashable, FloatArray]
    last_three_years: dict[str, LastFigures]

    def _market_setting(
        self, scenario: Scenario, resolution: Resolution
    ) -> tuple[Setting, float] | None: ...

    def spec(
        self,
        setting: Setting,
        position: Position,
        median: float,
        *,
        searches: bool,
        include_sign_on: bool,
        months: int | None = None,
    ) -> StrategySpec: ...

    def _draws(self, seed: int, paths: int) -> Draws: ...

    def _scale(self, seed: int, paths: int, model: SearchModel) -> Float32Array: ...


BATCH_CELLS: Final = 4_000_000
"""Strategies are simulated together while their recorded paths stay within this many cells
(about three strategies at 10,000 paths × 60 months), which bounds memory for many offers."""


def three_year_figures(
    evaluator: TrajectoryEvaluator,
    scenario: Scenario,
    resolution: Resolution,
    *,
    paths: bool,
) -> Figures:
    """Each offer's 3-year mean and, with `paths`, the same figure path by path (None
    without), by offer id; both empty without a market for new offers.

    One pass over the offers: a remembered mean (alone, in its outcome, or in a full
    evaluation's outcome paired with declining) is taken with its remembered paths; the offers
    missing either run to month 36 together, which gives both. An offer unchanged since the
    last call, in the same setting, keeps the figures it had.
    """
    ready = evaluator._market_setting(scenario, resolution)
    if ready is None:
        return FrozenMap(()), FrozenMap(()) if paths else None
    setting, median = ready
    means, strategies, path_earnings = (
        evaluator.means,
        evaluator.strategies,
        evaluator.path_earnings,
    )
    # An offer that is the very object of the last call, in the very setting (a salary step's
    # other offers), has the figures it had then, without its key built and looked up again.
    last = evaluator.last_three_years
    found: dict[str, tuple[float, FloatArray | None]] = {}
    rest: list[Position] = []
    for offer in scenario.offers:
        before = last.get(offer.id)
        if (
            before is not None
            and before[0] is setting
            and before[2] is offer
            and before[1] == median
            and (before[4] is not None or not paths)
        ):
            found[offer.id] = (before[3], before[4] if paths else None)
        else:
            rest.append(offer)
    decline_key: Hashable = None

    def known(key: Hashable) -> tuple[float, FloatArray | None] | None:
        nonlocal decline_key
        # Alone, in its outcome, or in a full evaluation's outcome paired with declining.
        mean = means.peek(key)
        if mean is None:
            outcome = strategies.peek(key)
            mean = None if outcome is None else outcome.earnings_3y
        if mean is None:
            if decline_key is None:
                decline_key = setting.key("decline", scenario.current, median, setting.record)
            outcome = strategies.peek((key, decline_key))
            mean = None if outcome is None else outcome.earnings_3y
        if mean is None:
            return None
        if not paths:
            return mean, None
        found_paths = path_earnings.peek(key)
        return None if found_paths is None else (mean, found_paths)

    remembered, owners, jobs = offer_jobs(evaluator, setting, median, rest, known)
    found.update(remembered)
    for job, owner, mean in zip(jobs, owners, run_means(evaluator, jobs, setting), strict=True):
        means.put(job.key, mean)
        run_paths = path_earnings.peek(job.key) if paths else None
        assert run_paths is not None or not paths
        found[owner] = (mean, run_paths)
    evaluator.last_three_years = {
        offer.id: (setting, median, offer, *found[offer.id]) for offer in scenario.offers
    }
    offers = [found[offer.id] for offer in scenario.offers]
    ids = [offer.id for offer in scenario.offers]
    return (
        FrozenMap(zip(ids, (mean for mean, _ in offers), strict=True)),
        FrozenMap(zip(ids, (item for _, item in offers if item is not None), strict=True))
        if paths
        else None,
    )


def offer_jobs(
    evaluator: TrajectoryEvaluator,
    setting: Setting,
    median: float,
    offers: Sequence[Position],
    known: Callable[[Hashable], _V | None] | None,
) -> tuple[dict[str, _V], list[str], list[Job]]:
    """Each offer's accept-and-keep-searching strategy, as the per-offer passes set it up:
    (what `known` remembers, by offer id; the ids still to run; their jobs, keyed as
    `evaluate` keys them so each pass finds what another ran, with 3 years of pay: they run
    to month 36). With `known` None the jobs have no key: variants tried once are forgotten."""
    found: dict[str, _V] = {}
    owners: list[str] = []
    jobs: list[Job] = []
    for offer in offers:
        key: Hashable = None
        if known is not None:
            key = setting.key("search", offer, median, setting.record)
            remembered = known(key)
            if remembered is not None:
                found[offer.id] = remembered
                continue
        spec = evaluator.spec(
            setting, offer, median, searches=True, include_sign_on=True, months=EARNINGS_MONTHS
        )
        jobs.append(Job(key, spec))
        owners.append(offer.id)
    return found, owners, jobs


def run_means(evaluator: TrajectoryEvaluator, jobs: Sequence[Job], setting: Setting) -> list[float]:
    """The 3-year mean earnings of each job's strategy over the resolution's paths (a run to
    month 36 alone); their paths are remembered under the jobs' keys."""
    if not jobs:
        return []
    paths = setting.record
    draws = evaluator._draws(setting.seed, setting.full)
    scale = evaluator._scale(setting.seed, setting.full, setting.model)
    size = max(1, BATCH_CELLS // (EARNINGS_MONTHS * paths))
    means: list[float] = []
    for start in range(0, len(jobs), size):
        group = jobs[start : start + size]
        group_paths: list[FloatArray] = []
        results = simulate(
            [job.spec for job in group],
            setting.model,
            draws,
            scale,
            record_paths=0,
            mean_paths=paths,
            earnings_paths=group_paths,
        )
        keep_search_paths(evaluator.path_earnings, group, group_paths, paths)
        for result in results:
            assert result.earnings_3y is not None
            means.append(result.earnings_3y)
    return means
