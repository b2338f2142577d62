"""`evaluate(scenario) -> Evaluation`: the one entry point the GUI, the CLI and the workbook use.

Each part is memoised on exactly the inputs it reads, so after a one-field edit only the parts that
read that field run again: money per position (the position, the tax settings, its benchmark and
the target), each trajectory strategy (its starting position, the tax settings, the effective
search section, the market median it searches in, the simulation settings and the resolution,
in `TrajectoryEvaluator`) and the decision (offers, criteria, weights, money and the
trajectory's 3-year expected earnings, at the same resolution as the rest).
"""

from __future__ import annotations

import dataclasses
import operator
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from offer_eval.core.compensation import (
    PayCut,
    PositionMoney,
    household_children,
    pay_cut,
    position_money,
)
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.memo import Memo
from offer_eval.core.models import Benchmark, Position, Scenario, TaxSettings

# The simulation and the score (`core.trajectory`, `core.decision`, a fifth of the app's own
# import time) are imported where they are first used: the window's first paint shows money only.
if TYPE_CHECKING:
    from offer_eval.core.decision import DecisionResult
    from offer_eval.core.decision.score import FloatArray
    from offer_eval.core.decision.tie_salary import TieSalary
    from offer_eval.core.trajectory import LowestSalary, TrajectoryEvaluator, TrajectoryResult

Resolution = Literal["full", "interactive"]
_SIMULATED_FIELDS = operator.attrgetter(
    *(
        f.name
        for f in dataclasses.fields(Scenario)
        if f.name not in ("criteria", "weight_confidence")
    )
)
"""Every field of a scenario the decision's 3-year figures may depend on, as a tuple."""
Parts = Literal["all", "money"]


class _LazyParts:
    """The trajectory and the decision of one evaluation, computed when first asked for.

    A slider drag on a tab that shows only money needs neither the simulation nor the score, so
    at interactive resolution they wait until something reads them (the next paint of a chart that
    shows them, or the verdict once the drag pauses). Full-resolution evaluations compute both at
    once, in the thread that asked for them. Without a trajectory function (a money-only preview)
    both are None.
    """

    __slots__ = (
        "_decision",
        "_decision_thunk",
        "_done",
        "_lock",
        "_one_offer",
        "_one_offer_thunk",
        "_trajectory",
        "_trajectory_done",
        "_trajectory_thunk",
        "complete",
    )

    def __init__(
        self,
        trajectory: Callable[[], TrajectoryResult | None] | None,
        decision: Callable[[], DecisionResult | None],
        one_offer: Callable[[str], TrajectoryResult | None] | None = None,
    ) -> None:
        self._trajectory_thunk = trajectory
        self._decision_thunk = decision
        self._one_offer_thunk = one_offer
        self._one_offer: dict[str, TrajectoryResult | None] = {}
        self._trajectory: TrajectoryResult | None = None
        self._decision: DecisionResult | None = None
        self._done = False
        self._trajectory_done = False
        self._lock = threading.RLock()  # the decision may read the trajectory under it
        self.complete = trajectory is not None

    @property
    def has_trajectory(self) -> bool:
        """True once the trajectory has been computed (the decision may then read its means)."""
        return self._trajectory_done

    def trajectory(self) -> TrajectoryResult | None:
        with self._lock:
            if not self._trajectory_done and self._trajectory_thunk is not None:
                self._trajectory = self._trajectory_thunk()
                self._trajectory_done = True
            return self._trajectory

    def trajectory_of(self, offer_id: str) -> TrajectoryResult | None:
        """The whole trajectory once computed; until then one offer's part alone, if it can be
        had that way."""
        with self._lock:
            if self._trajectory_done or self._one_offer_thunk is None:
                return self.trajectory()
            if offer_id not in self._one_offer:
                self._one_offer[offer_id] = self._one_offer_thunk(offer_id)
            return self._one_offer[offer_id]

    def decision(self) -> DecisionResult | None:
        with self._lock:
            if not self._done and self.complete:
                self._decision = self._decision_thunk()
                self._done = True
            return self._decision

    def __getstate__(self) -> tuple[TrajectoryResult | None, DecisionResult | None, bool]:
        """The computed parts, for sending an evaluation to a worker process (an export).

        The functions that compute them close over the evaluator's caches and cannot travel,
        so what is still lazy is worked out first; the copy holds only results.
        """
        return self.trajectory(), self.decision(), self.complete

    def __setstate__(
        self, state: tuple[TrajectoryResult | None, DecisionResult | None, bool]
    ) -> None:
        self._trajectory, self._decision, self.complete = state
        self._trajectory_thunk = None
        self._decision_thunk = lambda: None
        self._one_offer_thunk = None
        self._one_offer = {}
        self._done = self._trajectory_done = True
        self._lock = threading.RLock()


class _MoneyInputs(NamedTuple):
    """What one position's money was worked out from, and the result (see `Evaluator._money`)."""

    position: Position
    tax: TaxSettings
    benchmark: Benchmark | None
    target_salary: float | None
    children: int
    money: PositionMoney


@dataclass(frozen=True, slots=True, eq=False)
class Evaluation:
    """Every result for one scenario. Money is GBP a year unless a name says otherwise."""

    scenario: Scenario
    current: PositionMoney
    offers: tuple[PositionMoney, ...]
    pay_cuts: FrozenMap[str, PayCut]
    resolution: Resolution
    notes: tuple[str, ...]
    _parts: _LazyParts = field(repr=False)
    _searched: DecisionResult | None = field(default=None, repr=False)

    @property
    def complete(self) -> bool:
        """False for a money-only preview (see `Evaluator.evaluate`)."""
        return self._parts.complete

    @property
    def trajectory(self) -> TrajectoryResult | None:
        """Job-search trajectories of every strategy (accept and stay, accept and keep searching,
        decline and keep searching); None in a money-only preview."""
        return self._parts.trajectory()

    def trajectory_of(self, offer_id: str | None) -> TrajectoryResult | None:
        """`trajectory`, or at interactive resolution perhaps one with only this offer (its
        figures the same) until the whole one is read: a chart of one offer's strategies redrawn
        on every slider step then simulates that offer's alone."""
        if offer_id is None or all(o.id != offer_id for o in self.scenario.offers):
            return self.trajectory
        return self._parts.trajectory_of(offer_id)

    @property
    def trajectory_missing(self) -> str | None:
        """Why there is no trajectory in a complete evaluation (no market for new offers), or
        None; the money part and the decision are computed all the same."""
        from offer_eval.core.trajectory import NO_MARKET_REASON, market_level

        if market_level(self.scenario) is None:
            return NO_MARKET_REASON
        return None

    @property
    def decision(self) -> DecisionResult | None:
        """The decision score; None without offers or criteria, or in a money-only preview.

        Its `tie_salaries` are None until `Evaluator.with_tie_salaries` has run (they
        re-simulate the forecast at many salaries, so they are kept out of `evaluate`).
        """
        if self._searched is not None:
            return self._searched
        return self._parts.decision()

    @property
    def searched(self) -> bool:
        """True once the searches (tie salaries) are in the decision."""
        return self._searched is not None

    def money(self, position_id: str) -> PositionMoney:
        """Money figures of the current job or an offer, by id."""
        if position_id == self.current.position_id:
            return self.current
        for money in self.offers:
            if money.position_id == position_id:
                return money
        raise KeyError(position_id)

    @property
    def positions(self) -> tuple[PositionMoney, ...]:
        """Money figures of the current job, then every offer."""
        return (self.current, *self.offers)


@dataclass(frozen=True, slots=True, eq=False)
class Searches:
    """The root-finding searches `evaluate` leaves out (they take a second or so, in the
    background): each offer's lowest salary worth taking in work, by offer id (annual GBP,
    "any", or None when no salary below £10,000,000 is). Empty without a market for new offers.
    """

    scenario: Scenario
    lowest_salary: FrozenMap[str, LowestSalary]


class Evaluator:
    """Evaluates scenarios, remembering each part's result by the inputs it read."""

    # 128 results of each kind: a long drag makes one new money result and one decision a step,
    # which are looked up again only when the slider comes back to a value; at 512 the window's
    # interactive evaluator held 5.4 MB of them after the GUI bench's 24 demo drags.
    def __init__(self, cache_size: int = 128) -> None:
        self.money_memo: Memo[Hashable, PositionMoney] = Memo(cache_size)
        self._trajectories: TrajectoryEvaluator | None = None
        self._trajectories_lock = threading.Lock()
        self.decision_memo: Memo[Hashable, DecisionResult] = Memo(cache_size)
        self.searches_memo: Memo[Scenario, FrozenMap[str, TieSalary]] = Memo(16)
        # The money and pay cut of each position of the last scenario evaluated, with the very
        # objects they were worked out from. A slider step replaces one position (or none) and
        # keeps every other object as it was, so an identity check finds the rest here without
        # hashing each position's sixty fields twice (the memo's look-up and its reordering).
        # Replaced whole by each evaluation: it holds one scenario's positions, no more.
        self._last_money: dict[str, _MoneyInputs] = {}
        self._last_cuts: dict[str, tuple[PositionMoney, PositionMoney, PayCut]] = {}
        # The decision's last lean 3-year figures, with the scenario fields they were simulated
        # from (`_lean_earnings`); replaced whole, so a thread reads an old entry or a new one.
        self._last_lean: (
            tuple[
                Resolution,
                tuple[object, ...],
                FrozenMap[str, float] | None,
                FrozenMap[str, FloatArray] | None,
            ]
            | None
        ) = None

    @property
    def trajectories(self) -> TrajectoryEvaluator:
        """The trajectory part's evaluator, with what it remembers; made on first use (a
        money-only preview never needs it), once even when two threads ask at the same time."""
        made = self._trajectories
        if made is None:
            with self._trajectories_lock:
                if self._trajectories is None:
                    from offer_eval.core.trajectory import TrajectoryEvaluator

                    self._trajectories = TrajectoryEvaluator()
                made = self._trajectories
        return made

    def _money(
        self, scenario: Scenario, position: Position, seen: dict[str, _MoneyInputs]
    ) -> PositionMoney:
        benchmark = scenario.benchmark(position.benchmark_id)
        children = household_children(scenario)
        tax, target = scenario.tax, scenario.target_salary
        last = self._last_money.get(position.id)
        if (
            last is not None
            and last.position is position
            and last.tax is tax
            and last.benchmark is benchmark
            and last.target_salary == target
            and last.children == children
        ):
            money = last.money  # the memo's value for these very inputs
        else:
            money = self.money_memo.get(
                (position, tax, benchmark, target, children),
                lambda: position_money(position, tax, benchmark, target, children=children),
            )
        seen[position.id] = _MoneyInputs(position, tax, benchmark, target, children, money)
        return money

    def _pay_cuts(
        self, offers: tuple[PositionMoney, ...], current: PositionMoney
    ) -> FrozenMap[str, PayCut]:
        """Each offer's pay cut against the current job; one worked out from the same two money
        objects before is taken as it was (a slider step changes one offer's money at most)."""
        last, cuts = self._last_cuts, {}
        kept: dict[str, tuple[PositionMoney, PositionMoney, PayCut]] = {}
        for money in offers:
            before = last.get(money.position_id)
            if before is not None and before[0] is money and before[1] is current:
                cut = before[2]
            else:
                cut = pay_cut(money, current)
            kept[money.position_id] = (money, current, cut)
            cuts[money.position_id] = cut
        self._last_cuts = kept
        return FrozenMap(cuts)

    def evaluate(
        self,
        scenario: Scenario,
        *,
        resolution: Resolution = "full",
        parts: Parts = "all",
        check: Callable[[], None] | None = None,
    ) -> Evaluation:
        """All results for `scenario`; `interactive` uses the first 1,000 simulated paths.

        `parts="money"` is a preview with no trajectory and no decision: the window's first paint
        needs only money, and the full evaluation follows in a worker.

        At full resolution, where everything is worked out within this call, `check` is called
        before the simulations, between their batches and before the decision: a worker whose
        scenario was edited raises from it and stops there (what was simulated stays remembered).
        """
        check = check if resolution == "full" else None
        seen: dict[str, _MoneyInputs] = {}
        current = self._money(scenario, scenario.current, seen)
        offers = tuple(self._money(scenario, offer, seen) for offer in scenario.offers)
        self._last_money = seen
        notes = tuple(
            dict.fromkeys(m.take_home.note for m in (current, *offers) if m.take_home.note)
        )

        def trajectory() -> TrajectoryResult | None:
            from offer_eval.core.trajectory import NoMarketError

            if check is not None:
                check()
            try:
                return self.trajectories.evaluate(scenario, resolution=resolution, check=check)
            except NoMarketError:
                return None

        def decision() -> DecisionResult | None:
            # Only the 3-year means of the trajectory: when the bands are not wanted (a drag on
            # the Decision tab at interactive resolution), their lean run alone, which gives the
            # same numbers as the trajectory's to the last bit.
            earnings_3y: FrozenMap[str, float] | None
            if resolution == "full" or lazy.has_trajectory:
                result = lazy.trajectory()
                earnings_3y = (
                    None
                    if result is None
                    else FrozenMap(
                        (offer_id, item.expected_earnings_3y)
                        for offer_id, item in result.offers.items()
                    )
                )
                if check is not None:
                    check()
                # Path by path, remembered by the run that made the means: the decision's draws.
                paths = (
                    None
                    if earnings_3y is None
                    else self.trajectories.earnings_3y_paths(scenario, resolution=resolution)
                )
            else:
                earnings_3y, paths = self._lean_earnings(scenario, resolution)
            return self._decision(scenario, (current, *offers), earnings_3y, paths, resolution)

        def one_offer(offer_id: str) -> TrajectoryResult | None:
            from offer_eval.core.trajectory import NoMarketError

            try:
                return self.trajectories.evaluate(scenario, resolution=resolution, only=offer_id)
            except NoMarketError:
                return None

        lazy = _LazyParts(
            trajectory if parts == "all" else None,
            decision,
            one_offer if parts == "all" and resolution == "interactive" else None,
        )
        if resolution == "full":
            lazy.decision()  # reports, workbooks and the GUI worker want everything, here
        return Evaluation(
            scenario=scenario,
            current=current,
            offers=offers,
            pay_cuts=self._pay_cuts(offers, current),
            resolution=resolution,
            notes=notes,
            _parts=lazy,
        )

    def _lean_earnings(
        self, scenario: Scenario, resolution: Resolution
    ) -> tuple[FrozenMap[str, float] | None, FrozenMap[str, FloatArray] | None]:
        """The 3-year means and paths for the decision from the trajectory's lean run (None
        without a market).

        The simulation reads nothing of the criteria or of the weight confidence, so while a
        weight is dragged every other field of the scenario is the very object it was, and the
        last step's figures are taken as they were (the same floats and the same arrays the
        trajectory's caches would give, without looking up each offer in them again).
        """
        inputs = _SIMULATED_FIELDS(scenario)
        last = self._last_lean
        if (
            last is not None
            and last[0] == resolution
            and all(new is old for new, old in zip(inputs, last[1], strict=True))
        ):
            return last[2], last[3]
        # With them path by path, from the same run: the decision's draws.
        found, found_paths = self.trajectories.earnings_3y_with_paths(
            scenario, resolution=resolution
        )
        earnings_3y = found if found else None
        paths = None if earnings_3y is None else found_paths
        self._last_lean = (resolution, inputs, earnings_3y, paths)
        return earnings_3y, paths

    def _decision(
        self,
        scenario: Scenario,
        money: tuple[PositionMoney, ...],
        earnings_3y: FrozenMap[str, float] | None,
        earnings_paths: FrozenMap[str, FloatArray] | None,
        resolution: Resolution,
    ) -> DecisionResult | None:
        """The decision score; tie salaries (a root-finding search) only at full resolution.

        At interactive resolution the probability of being best uses the first 1,000 of the same
        joint draws (weights, ratings, simulated paths), as the trajectory uses the first 1,000
        of the same paths: a slider step has one frame, and the figure moves smoothly because
        the draws do not change.
        """
        from offer_eval.core.decision import DRAWS, decide, decision_key
        from offer_eval.core.trajectory import INTERACTIVE_PATHS

        if not scenario.offers or not scenario.criteria:
            return None
        full = resolution == "full"
        by_id = {item.position_id: item for item in money}
        draws = DRAWS if full else INTERACTIVE_PATHS
        return self.decision_memo.get(
            (decision_key(scenario, earnings_3y, earnings_paths is not None), full),
            lambda: decide(
                scenario,
                by_id,
                earnings_3y,
                tie_salaries=False,
                draws=draws,
                earnings_paths=earnings_paths,
            ),
        )

    def evaluate_searches(
        self, scenario: Scenario, check: Callable[[], None] | None = None
    ) -> Searches:
        """The lowest salary worth taking in work for every offer (full resolution, memoised on
        what each offer's search reads).

        `check` is called before each batch of simulations; whatever it raises stops the
        search (a background job's cancel point, so an edit need not wait for a stale search).
        """
        from offer_eval.core.trajectory import NoMarketError

        try:
            lowest = self.trajectories.lowest_salaries(scenario, check)
        except NoMarketError:
            lowest = FrozenMap()
        return Searches(scenario=scenario, lowest_salary=lowest)

    def with_tie_salaries(
        self, evaluation: Evaluation, check: Callable[[], None] | None = None
    ) -> Evaluation:
        """`evaluation` with its searches done: every offer's tie salary, found by root finding
        with the 3-year earnings re-simulated at each salary tried (every path, the same paths).

        A full-resolution evaluation is needed (an interactive one is returned as it is).
        `check` is called before each offer's search and before each re-simulation in it: a
        background job's cancel point, reached every few milliseconds.
        """
        decision = evaluation.decision
        if decision is None or evaluation.resolution != "full" or evaluation.searched:
            return evaluation
        scenario = evaluation.scenario
        ties = self.searches_memo.get(
            scenario, lambda: self._tie_salaries(scenario, evaluation, decision, check)
        )
        return dataclasses.replace(
            evaluation, _searched=dataclasses.replace(decision, tie_salaries=ties)
        )

    def _tie_salaries(
        self,
        scenario: Scenario,
        evaluation: Evaluation,
        decision: DecisionResult,
        check: Callable[[], None] | None,
    ) -> FrozenMap[str, TieSalary]:
        from offer_eval.core.decision.scorer import Scorer
        from offer_eval.core.decision.tie_salary import tie_salary

        trajectory = evaluation.trajectory
        earnings = None
        if trajectory is not None and decision.earnings_source == "trajectory":
            earnings = FrozenMap(
                (oid, item.expected_earnings_3y) for oid, item in trajectory.offers.items()
            )
        scorer = Scorer(scenario, earnings)
        scores = [decision.scores[offer.id] for offer in scenario.offers]
        lead = scenario.offers.index(scenario.offer(decision.leader)) if decision.leader else 0

        def earnings_at(changed: Position) -> float:
            if check is not None:
                check()
            return self.trajectories.earnings_3y_of(scenario, (changed,))[0]

        found: dict[str, TieSalary] = {}
        for index, offer in enumerate(scenario.offers):
            if check is not None:
                check()
            found[offer.id] = tie_salary(
                scorer, index, offer, scores, lead, earnings_at=earnings_at
            )
        return FrozenMap(found)

    def clear(self) -> None:
        """Forget every remembered result."""
        self.money_memo.clear()
        self._last_money = {}
        self._last_cuts = {}
        self._last_lean = None
        if self._trajectories is not None:
            self._trajectories.clear()
        self.decision_memo.clear()
        self.searches_memo.clear()


_default_evaluator = Evaluator()


def evaluate(scenario: Scenario, *, resolution: Resolution = "full") -> Evaluation:
    """All results for `scenario`, memoised across calls in this process (no searches)."""
    return _default_evaluator.evaluate(scenario, resolution=resolution)


def evaluate_searches(scenario: Scenario) -> Searches:
    """The root-finding searches for `scenario` (`Evaluator.evaluate_searches`), memoised across
    calls in this process."""
    return _default_evaluator.evaluate_searches(scenario)


def with_tie_salaries(evaluation: Evaluation) -> Evaluation:
    """`evaluation` with its tie salaries found; see `Evaluator.with_tie_salaries`."""
    return _default_evaluator.with_tie_salaries(evaluation)
