"""`TrajectoryEvaluator`: trajectory results for a scenario, each strategy remembered on its inputs.

One `evaluate` call goes through four steps, each a method below:
1. `_setting`: what every strategy of the scenario shares (search, tax, model, paths).
2. `_Batch.want`: for each strategy (decline; for every offer, search and perhaps stay) take the
   remembered outcome, or queue it to simulate.
3. `_simulate_jobs`: simulate the queued strategies in as few batches as possible and remember them.
4. `_offer_trajectory` and `_result`: turn the outcomes into the figures a result reports.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from offer_eval.core.compensation import annual_pay, household_children
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.lanes import run_in_lanes, split
from offer_eval.core.memo import Memo
from offer_eval.core.models import Position, Scenario
from offer_eval.core.search_history import effective_search
from offer_eval.core.trajectory import lean
from offer_eval.core.trajectory.draws import Draws, make_draws, offer_scale
from offer_eval.core.trajectory.lean import (
    LastFigures,
    offer_jobs,
    run_means,
    three_year_figures,
)
from offer_eval.core.trajectory.lowest_salary import LowestSalary, run_searches, with_salary
from offer_eval.core.trajectory.model import (
    NO_MARKET_REASON,
    NoMarketError,
    SearchModel,
    build_model,
    market_benchmark_id,
    market_level,
    reservation_salaries,
)
from offer_eval.core.trajectory.rates import model_search
from offer_eval.core.trajectory.reference import PathsReference
from offer_eval.core.trajectory.results import (
    INTERACTIVE_PATHS,
    Float32Array,
    FloatArray,
    OfferTrajectory,
    Resolution,
    TrajectoryResult,
)
from offer_eval.core.trajectory.setting import Job, LastAnswer, Setting, keep_search_paths
from offer_eval.core.trajectory.simulate import simulate
from offer_eval.core.trajectory.strategies import (
    StrategyOutcome,
    StrategySpec,
    deterministic_outcome,
    needs_simulation_to_stay,
    stay_band,
    strategy_spec,
)
from offer_eval.core.trajectory.summary import (
    assumption_notes,
    offer_trajectory,
    present_value,
    present_value_with_tail,
)

_SEARCH_BATCH: Final = 16
"""Salaries valued together in one simulation during the lowest-salary searches."""
_SHARED_DRAWS: Final[Memo[tuple[int, int], Draws]] = Memo(2)  # one for all: 9.6 MB once
_SHARED_SCALES: Final[Memo[tuple[int, int, float, float, int], Float32Array]] = Memo(2)


@dataclass(frozen=True, slots=True, eq=False)
class _OfferPlan:
    """One offer's strategies in a batch: its market median and the keys of its outcomes."""

    offer: Position
    median: float
    search_key: Hashable
    stay_key: Hashable | None  # None: staying is deterministic, computed without simulating


class _Batch:
    """The strategies one `evaluate` call needs, each either remembered or queued to simulate.

    `outcomes` holds what is known, by key; `to_simulate` lists the strategies to run.
    """

    def __init__(self, evaluator: TrajectoryEvaluator, setting: Setting) -> None:
        self.evaluator = evaluator
        self.setting = setting
        self.outcomes: dict[Hashable, StrategyOutcome] = {}
        self.to_simulate: list[Job] = []
        self.decline: tuple[Hashable, Position, float] | None = None
        # P(ahead) pairs each search with declining at full resolution only: during a drag a
        # current-job slider would otherwise re-run every offer's search on each step.
        self.pairs = setting.record == setting.full

    def want(
        self,
        kind: str,
        position: Position,
        median: float,
        *,
        searches: bool,
        paired: Hashable | None = None,
    ) -> Hashable:
        """Ask for a strategy's outcome; returns the key it will be found under in `outcomes`.

        `paired` is the key of declining, when the outcome carries its chance of being ahead of
        it path by path (which then depends on declining's inputs too)."""
        setting, evaluator = self.setting, self.evaluator
        key = setting.key(kind, position, median, setting.record)
        if paired is not None:
            key = (key, paired)
        elif kind == "decline" and self.pairs:
            self.decline = (key, position, median)
        found = evaluator.strategies.peek(key)
        if found is not None:
            self.outcomes[key] = found
        else:
            spec = evaluator.spec(
                setting, position, median, searches=searches, include_sign_on=kind != "decline"
            )
            self.to_simulate.append(Job(key, spec))
        return key


class TrajectoryEvaluator:
    """Computes `TrajectoryResult`s, remembering each strategy by exactly the inputs it reads.

    A strategy's key is its kind, its starting position, the tax settings, the effective search
    section, the market median it searches in, the simulation settings and the resolution; so
    after a one-field edit only the strategies that read that field run again, all in one batch.
    Draws are made once per (seed, paths) and reused. The caches are thread-safe (`Memo` locks),
    and every call keeps its own working state, so several threads may evaluate at once.
    """

    def __init__(self, cache_size: int = 128) -> None:
        self.draws: Memo[tuple[int, int], Draws] = _SHARED_DRAWS
        self.scales: Memo[tuple[int, int, float, float, int], Float32Array] = _SHARED_SCALES
        self.models: Memo[Hashable, SearchModel] = Memo(cache_size)
        self.reservations: Memo[Hashable, FloatArray] = Memo(cache_size)
        self.strategies: Memo[Hashable, StrategyOutcome] = Memo(cache_size)
        # Declining's paths for P(ahead), 2.4 MB each: the scenario's and the one undo gives.
        self.decline_paths: Memo[Hashable, Float32Array] = Memo(2)
        # 3-year means alone (a run to month 36), by the key of their strategy's outcome.
        self.means: Memo[Hashable, float] = Memo(cache_size)
        # Lowest salaries worth taking in work, by offer and everything its search reads.
        # (Held in a 1-tuple: None, "never worth taking", is an answer too.)
        self.lowest: Memo[Hashable, tuple[LowestSalary]] = Memo(cache_size)
        # The same figures path by path (accept and keep searching), for the decision's draws.
        self.path_earnings: Memo[Hashable, FloatArray] = Memo(cache_size)
        self.simulated_strategies = 0  # tests read how many strategies were simulated
        self._last_reservation: LastAnswer[FloatArray] = LastAnswer()
        self._last_setting: LastAnswer[Setting] = LastAnswer()  # asked for by several passes
        # Each offer's last 3-year figures (`lean.three_year_figures`), replaced whole.
        self.last_three_years: dict[str, LastFigures] = {}
        self._count_lock = threading.Lock()

    def clear(self) -> None:
        """Forget every remembered result."""
        for cache in vars(self).values():
            if isinstance(cache, Memo | LastAnswer):
                cache.clear()
        self.last_three_years = {}
        with self._count_lock:
            self.simulated_strategies = 0

    # --- the two entry points ---------------------------------------------------------------

    def evaluate(
        self,
        scenario: Scenario,
        *,
        resolution: Resolution = "full",
        only: str | None = None,
        check: Callable[[], None] | None = None,
    ) -> TrajectoryResult:
        """Every trajectory output for `scenario`; `interactive` uses the first 1,000 paths (for
        `expected_earnings_3y` too). Raises `NoMarketError` when the scenario names no market for
        new offers (`market_level`).

        With `only` an offer id, `offers` holds that offer alone: a chart of one offer's
        strategies, redrawn on every slider step, need not simulate the others'. Its figures are
        those of the whole result, and its strategies are remembered for it. `check` is called
        before each batch but the first (a cancel point; what was simulated stays remembered).
        """
        market = market_level(scenario)
        if market is None:
            raise NoMarketError(NO_MARKET_REASON)
        median = market[0]
        setting = self._setting(scenario, resolution)
        batch = _Batch(self, setting)
        decline_key = batch.want("decline", scenario.current, median, searches=True)
        paired = decline_key if batch.pairs else None
        offers = [o for o in scenario.offers if only is None or o.id == only]
        plans = [self._plan_offer(batch, offer, median, paired) for offer in offers]
        self._simulate_jobs(batch, check)
        decline = batch.outcomes[decline_key]
        trajectories = {
            plan.offer.id: self._offer_trajectory(setting, plan, batch.outcomes, decline)
            for plan in plans
        }
        return self._result(
            scenario,
            setting,
            resolution=resolution,
            decline=decline,
            trajectories=trajectories,
            market=market,
        )

    def earnings_3y(
        self, scenario: Scenario, *, resolution: Resolution = "full"
    ) -> FrozenMap[str, float]:
        """Each offer's `expected_earnings_3y` (accept and keep searching) alone.

        The decision score needs these and nothing else of the trajectory, so a slider dragged
        on the Decision tab runs only a lean pass to month 36 without bands. Equal to the values
        in `evaluate(scenario, resolution=resolution)` to the last bit: the same paths, the same
        sums. Empty when the scenario names no market for new offers.
        """
        return three_year_figures(self, scenario, resolution, paths=False)[0]

    def earnings_3y_with_paths(
        self, scenario: Scenario, *, resolution: Resolution = "full"
    ) -> tuple[FrozenMap[str, float], FrozenMap[str, FloatArray]]:
        """`earnings_3y` and `earnings_3y_paths` in one pass over the offers (what a decision
        step reads)."""
        means, paths = three_year_figures(self, scenario, resolution, paths=True)
        assert paths is not None
        return means, paths

    def lowest_salaries(
        self, scenario: Scenario, check: Callable[[], None] | None = None
    ) -> FrozenMap[str, LowestSalary]:
        """Each offer's lowest salary worth taking in work (`lowest_salary`), by offer id.

        At full resolution on common random numbers: every salary tried is simulated on the same
        paths as declining, over the whole horizon, and compared by present value with tail.
        The searches of all offers advance together, one batch of simulations per round.
        Raises `NoMarketError` without a market for new offers.

        `check` is called before each batch of simulations: a caller that no longer wants the
        answer (its scenario was edited) raises from it and the search stops there, within one
        batch instead of a second or more; nothing half-found is remembered.
        """
        ready = self._market_setting(scenario, "full")
        if ready is None:
            raise NoMarketError(NO_MARKET_REASON)
        setting, median = ready
        years = scenario.simulation.years_after_horizon

        def key(offer: Position) -> Hashable:
            return (setting.key("lowest", offer, median, setting.full), scenario.current, years)

        known = {offer.id: self.lowest.peek(key(offer)) for offer in scenario.offers}
        found = {oid: held[0] for oid, held in known.items() if held is not None}
        missing = [offer for offer in scenario.offers if offer.id not in found]
        if missing:
            decline = self._values_with_tail(
                setting, median, [scenario.current], years, decline=True, check=check
            )[0]

            def difference(asked: Sequence[tuple[int, float]]) -> list[float]:
                positions = [with_salary(missing[index], salary) for index, salary in asked]
                values = self._values_with_tail(
                    setting, median, positions, years, decline=False, check=check
                )
                return [value - decline for value in values]

            starts = [annual_pay(offer) if annual_pay(offer) > 0 else median for offer in missing]
            answers = run_searches(starts, difference, setting.model.stop_at)
            for offer, answer in zip(missing, answers, strict=True):
                self.lowest.put(key(offer), (answer,))
                found[offer.id] = answer
        return FrozenMap((offer.id, found[offer.id]) for offer in scenario.offers)

    def _values_with_tail(
        self,
        setting: Setting,
        median: float,
        positions: Sequence[Position],
        years_after_horizon: int,
        *,
        decline: bool,
        check: Callable[[], None] | None = None,
    ) -> list[float]:
        """Present value with tail of searching on from each position, over every path
        (`check` is called before each batch and in every month of it)."""
        draws = self._draws(setting.seed, setting.full)
        scale = self._scale(setting.seed, setting.full, setting.model)
        values: list[float] = []
        size = _SEARCH_BATCH
        for start in range(0, len(positions), size):
            if check is not None:
                check()
            specs = [
                self.spec(setting, p, median, searches=True, include_sign_on=not decline)
                for p in positions[start : start + size]
            ]
            outcomes = simulate(
                specs,
                setting.model,
                draws,
                scale,
                record_paths=0,
                mean_paths=setting.full,
                full_means=True,
                check=check,
            )
            self._count(len(specs))
            values.extend(
                present_value_with_tail(
                    o.band.cumulative_mean, setting.search.discount_rate_pct, years_after_horizon
                )
                for o in outcomes
            )
        return values

    def earnings_3y_paths(
        self, scenario: Scenario, *, resolution: Resolution = "full"
    ) -> FrozenMap[str, FloatArray]:
        """Each offer's accept-and-search cumulative earnings at month 36, path by path (the
        resolution's paths; read-only arrays): the money outcomes the decision score draws.

        Remembered by the runs that compute the 3-year means, so after `evaluate` or
        `earnings_3y` at the same resolution this costs nothing; otherwise one lean run.
        """
        return self.earnings_3y_with_paths(scenario, resolution=resolution)[1]

    def earnings_3y_of(self, scenario: Scenario, offers: Sequence[Position]) -> list[float]:
        """The 3-year mean (accept and keep searching, every path) of each of `offers`: variants
        of the scenario's offers (another salary, say), in one lean run on the same paths.

        Not remembered: a search tries many salaries that are never asked for again. Raises
        `NoMarketError` without a market for new offers.
        """
        ready = self._market_setting(scenario, "full")
        if ready is None:
            raise NoMarketError(NO_MARKET_REASON)
        setting, median = ready
        return run_means(self, offer_jobs(self, setting, median, offers, None)[2], setting)

    # --- what the strategies share and read ------------------------------------------------------

    def _setting(self, scenario: Scenario, resolution: Resolution) -> Setting:
        # Kept while what it reads stays: a salary or weight step makes a new scenario but
        # leaves these the very objects they were (compared by identity first, then value).
        reads = (
            resolution,
            scenario.search,
            scenario.tax,
            scenario.simulation,
            scenario.household,
            scenario.target_salary,
        )
        return self._last_setting.get(self, reads, lambda: self._new_setting(scenario, resolution))

    def _new_setting(self, scenario: Scenario, resolution: Resolution) -> Setting:
        search = model_search(effective_search(scenario.search))
        tax = scenario.tax
        sim = scenario.simulation
        months = sim.months
        children = household_children(scenario)
        target = scenario.target_salary
        stop_at = float(target) if search.stop_at_target and target else math.inf
        model = self.models.get(
            (search, tax, months, children, stop_at),
            lambda: build_model(search, tax, months, children, stop_at),
        )
        return Setting(
            search=search,
            tax=tax,
            children=children,
            model=model,
            seed=sim.seed,
            months=months,
            full=sim.paths,
            record=sim.paths if resolution == "full" else min(INTERACTIVE_PATHS, sim.paths),
            years_after_horizon=sim.years_after_horizon,
        )

    def _market_setting(
        self, scenario: Scenario, resolution: Resolution
    ) -> tuple[Setting, float] | None:
        """What every strategy shares, and the market median; None without a market."""
        market = market_level(scenario)
        if market is None:
            return None
        return self._setting(scenario, resolution), market[0]

    def _reservation(self, setting: Setting, median: float) -> FloatArray:
        return self._last_reservation.get(  # every strategy of one call asks with one setting
            setting,
            median,
            lambda: self.reservations.get(
                (setting.search, setting.months, median),
                lambda: reservation_salaries(setting.model, median),
            ),
        )

    def spec(
        self,
        setting: Setting,
        position: Position,
        median: float,
        *,
        searches: bool,
        include_sign_on: bool,
        months: int | None = None,
    ) -> StrategySpec:
        """The simulation's view of a strategy starting in `position` (its reservation salaries
        remembered per market median), its net pay for the first `months` (default: all)."""
        return strategy_spec(
            position,
            setting.tax,
            setting.model,
            market_median=median,
            reservation=self._reservation(setting, median),
            searches_while_employed=searches,
            include_sign_on=include_sign_on,
            children=setting.children,
            months=months,
        )

    def _draws(self, seed: int, paths: int) -> Draws:
        return self.draws.get((seed, paths), lambda: make_draws(seed, paths))

    def _scale(self, seed: int, paths: int, model: SearchModel) -> Float32Array:
        key = (seed, paths, model.search.offer_spread, model.growth_monthly, model.months)
        return self.scales.get(
            key,
            lambda: offer_scale(
                self._draws(seed, paths),
                model.search.offer_spread,
                model.growth_monthly,
                model.months,
            ),
        )

    def _plan_offer(
        self, batch: _Batch, offer: Position, median: float, decline_key: Hashable | None
    ) -> _OfferPlan:
        """Ask the batch for an offer's strategies: search on (with its chance of being ahead of
        declining), and stay when staying is random."""
        search_key = batch.want("search", offer, median, searches=True, paired=decline_key)
        stay_key = (
            batch.want("stay", offer, median, searches=False)
            if needs_simulation_to_stay(offer, batch.setting.model)
            else None
        )
        return _OfferPlan(offer, median, search_key, stay_key)

    # --- simulating what was not remembered --------------------------------------------------

    def _count(self, strategies: int) -> None:
        with self._count_lock:
            self.simulated_strategies += strategies

    def _remember(
        self, key: Hashable, outcome: StrategyOutcome, outcomes: dict[Hashable, StrategyOutcome]
    ) -> None:
        self.strategies.put(key, outcome)
        outcomes[key] = outcome

    def _simulate_jobs(self, batch: _Batch, check: Callable[[], None] | None = None) -> None:
        """Simulate the strategies that were not remembered, in as few batches as possible, the
        batches shared between this thread and a helper (`_LANES`).

        Declining runs first, alone (in a batch of three, the other thread's first batch sat
        idle waiting for its paths), keeping its cumulative earnings path by path (remembered
        apart: 2.4 MB at 10,000 paths); every other strategy then counts, month by month, the
        paths on which it is ahead of it (`PathsReference`). Each strategy's figures are the
        same whichever batch or thread simulates it.
        """
        jobs = batch.to_simulate
        if not jobs:
            return
        setting = batch.setting
        draws = self._draws(setting.seed, setting.full)
        scale = self._scale(setting.seed, setting.full, setting.model)
        reference: Float32Array | PathsReference | None = None
        lead: Job | None = None  # declining, when its paths are to be simulated
        if batch.decline is not None:
            decline_key, current, median = batch.decline
            reference = self.decline_paths.peek(decline_key)
            if reference is None:
                lead = next((job for job in jobs if job.key == decline_key), None)
                if lead is None:  # remembered, but its paths were let go: run it again
                    spec = self.spec(setting, current, median, searches=True, include_sign_on=False)
                    lead = Job(decline_key, spec)
                jobs = [lead, *(job for job in jobs if job.key != decline_key)]
                reference = PathsReference()
        size = max(1, lean.BATCH_CELLS // (2 * setting.months * setting.record))

        def run(group: Sequence[Job]) -> None:
            keeps = lead is not None and group[0] is lead
            group_paths: list[FloatArray] = []
            try:
                results = simulate(
                    [job.spec for job in group],
                    setting.model,
                    draws,
                    scale,
                    record_paths=setting.record,
                    mean_paths=setting.record,
                    keep_paths=keeps,
                    reference=reference,
                    earnings_paths=group_paths,
                )
            except BaseException:
                if keeps and isinstance(reference, PathsReference):
                    reference.fail()  # the other thread's runs must not wait for it
                raise
            if keeps:
                paths = results[0].cumulative_paths
                assert paths is not None
                self.decline_paths.put(group[0].key, paths)
                results[0] = dataclasses.replace(results[0], cumulative_paths=None)
            if group_paths:
                keep_search_paths(self.path_earnings, group, group_paths, setting.record)
            self._count(len(group))
            for job, result in zip(group, results, strict=True):
                self._remember(job.key, result, batch.outcomes)

        batches = split(jobs, size)
        if lead is not None:  # the others in as many batches as all took: none is larger
            batches = [jobs[:1], *split(jobs[1:], -(-(len(jobs) - 1) // len(batches)))]
        run_in_lanes(batches, run, check)

    # --- from outcomes to the result ----------------------------------------------------------

    def _offer_trajectory(
        self,
        setting: Setting,
        plan: _OfferPlan,
        outcomes: dict[Hashable, StrategyOutcome],
        decline: StrategyOutcome,
    ) -> OfferTrajectory:
        searched = outcomes[plan.search_key]
        if plan.stay_key is not None:
            stayed = outcomes[plan.stay_key]
        else:

            def deterministic() -> StrategyOutcome:
                spec = strategy_spec(
                    plan.offer,
                    setting.tax,
                    setting.model,
                    market_median=plan.median,
                    reservation=np.zeros(setting.model.levels),
                    searches_while_employed=False,
                    include_sign_on=True,
                    children=setting.children,
                )
                return deterministic_outcome(stay_band(spec, setting.months))

            # Remembered like a simulated strategy, so an edit that leaves it alone gives back
            # the same band (a chart then sees it unchanged and does not redraw it).
            key = setting.stay_key(plan.offer)
            stayed = self.strategies.get(key, deterministic)
        mean_3y = searched.earnings_3y
        return offer_trajectory(
            plan.offer,
            stayed,
            searched,
            decline,
            earnings_3y=float("nan") if mean_3y is None else mean_3y,
            discount_rate_pct=setting.search.discount_rate_pct,
            market_median=plan.median,
            years_after_horizon=setting.years_after_horizon,
            p_ahead=searched.p_ahead,
        )

    def _result(
        self,
        scenario: Scenario,
        setting: Setting,
        *,
        resolution: Resolution,
        decline: StrategyOutcome,
        trajectories: dict[str, OfferTrajectory],
        market: tuple[float, str],
    ) -> TrajectoryResult:
        search, model = setting.search, setting.model
        median, source = market
        reserve = self._reservation(setting, median)
        prior = min(search.prior_experience_months, model.levels - 1)
        experienced = min(
            search.experience_threshold_months + search.ramp_months + prior, model.levels - 1
        )
        return TrajectoryResult(
            reservation_salary=float(reserve[prior]),
            decline_and_search=decline.band,
            offers=FrozenMap(trajectories),
            resolution=resolution,
            paths=setting.record,
            months=setting.months,
            seed=setting.seed,
            assumptions=assumption_notes(
                scenario,
                model,
                market_median=median,
                market_source=source,
                reservation=float(reserve[prior]),
                paths=setting.record,
            ),
            market_median=median,
            market_source=source,
            decline_expected_months_to_offer=decline.expected_months_to_better,
            decline_p_offer_within_6=decline.p_better_within_6,
            decline_p_offer_within_12=decline.p_better_within_12,
            present_value_decline=present_value(
                decline.band.cumulative_mean, search.discount_rate_pct
            ),
            reservation_salary_experienced=float(reserve[experienced]),
            decline_p_offer_within_horizon=decline.p_better_within_horizon,
            present_value_decline_with_tail=present_value_with_tail(
                decline.band.cumulative_mean,
                search.discount_rate_pct,
                setting.years_after_horizon,
            ),
            years_after_horizon=setting.years_after_horizon,
            market_benchmark_id=market_benchmark_id(scenario),
        )
