"""`evaluate(scenario) -> Evaluation`: the one entry point the GUI, the CLI and the workbook use.

Each part is memoised on exactly the inputs it reads, so after a one-field edit only the parts that
read that field run again: money per position (the position, the tax settings, its benchmark and
the target), each trajectory strategy (its starting position, the tax settings, the effective
search section, the market median it searches in, the simulation settings and the resolution,
in `TrajectoryEvaluator`) and the decision (offers, criteria, weights, money and the
trajectory's 3-year expected earnings, which are always at full resolution).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Literal

from offer_eval.core.compensation import PayCut, PositionMoney, pay_cut, position_money
from offer_eval.core.decision import DecisionResult, decide, decision_key
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.memo import Memo
from offer_eval.core.models import Position, Scenario
from offer_eval.core.trajectory import TrajectoryEvaluator, TrajectoryResult

Resolution = Literal["full", "interactive"]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Every result for one scenario. Money is GBP a year unless a name says otherwise."""

    scenario: Scenario
    current: PositionMoney
    offers: tuple[PositionMoney, ...]
    pay_cuts: FrozenMap[str, PayCut]
    decision: DecisionResult | None = None
    resolution: Resolution = "full"
    notes: tuple[str, ...] = field(default=())
    trajectory: TrajectoryResult | None = None

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


class Evaluator:
    """Evaluates scenarios, remembering each part's result by the inputs it read."""

    def __init__(self, cache_size: int = 512) -> None:
        self.money_memo: Memo[Hashable, PositionMoney] = Memo(cache_size)
        self.trajectories = TrajectoryEvaluator()
        self.decision_memo: Memo[Hashable, DecisionResult] = Memo(64)

    def _money(self, scenario: Scenario, position: Position) -> PositionMoney:
        benchmark = scenario.benchmark(position.benchmark_id)
        key = (position, scenario.tax, benchmark, scenario.target_salary)
        return self.money_memo.get(
            key, lambda: position_money(position, scenario.tax, benchmark, scenario.target_salary)
        )

    def evaluate(self, scenario: Scenario, *, resolution: Resolution = "full") -> Evaluation:
        """All results for `scenario`; `interactive` uses the first 1,000 simulated paths."""
        current = self._money(scenario, scenario.current)
        offers = tuple(self._money(scenario, offer) for offer in scenario.offers)
        notes = tuple(
            dict.fromkeys(m.take_home.note for m in (current, *offers) if m.take_home.note)
        )
        trajectory = self.trajectories.evaluate(scenario, resolution=resolution)
        earnings_3y = FrozenMap(
            (offer_id, item.expected_earnings_3y) for offer_id, item in trajectory.offers.items()
        )
        decision = self._decision(scenario, (current, *offers), earnings_3y, resolution)
        return Evaluation(
            scenario=scenario,
            current=current,
            offers=offers,
            pay_cuts=FrozenMap((money.position_id, pay_cut(money, current)) for money in offers),
            decision=decision,
            resolution=resolution,
            notes=notes,
            trajectory=trajectory,
        )

    def _decision(
        self,
        scenario: Scenario,
        money: tuple[PositionMoney, ...],
        earnings_3y: FrozenMap[str, float] | None,
        resolution: Resolution,
    ) -> DecisionResult | None:
        """The decision score; tie salaries only at full resolution (DESIGN 5)."""
        if not scenario.offers or not scenario.criteria:
            return None
        full = resolution == "full"
        by_id = {item.position_id: item for item in money}
        return self.decision_memo.get(
            (decision_key(scenario, earnings_3y), full),
            lambda: decide(scenario, by_id, earnings_3y, tie_salaries=full),
        )

    def clear(self) -> None:
        """Forget every remembered result."""
        self.money_memo.clear()
        self.trajectories.clear()
        self.decision_memo.clear()


_default_evaluator = Evaluator()


def evaluate(scenario: Scenario, *, resolution: Resolution = "full") -> Evaluation:
    """All results for `scenario`, memoised across calls in this process."""
    return _default_evaluator.evaluate(scenario, resolution=resolution)
