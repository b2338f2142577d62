"""Scoring one offer from its ratings and money figures; reused to re-score at other salaries."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping

import numpy as np

from offer_eval.core.compensation import PositionMoney, household_children, position_money
from offer_eval.core.decision.money import (
    Anchors,
    MoneyValue,
    estimated_earnings_3y,
    money_anchors,
    money_value,
)
from offer_eval.core.decision.score import FloatArray, weighted_score
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import Criterion, Position, Scenario


class Scorer:
    """Scores one offer from its money figures; reused to re-score at other base salaries."""

    def __init__(
        self,
        scenario: Scenario,
        earnings: Mapping[str, float] | None,
    ) -> None:
        self.scenario = scenario
        self.criteria = scenario.criteria
        self.weights = [c.weight for c in scenario.criteria]
        self.earnings = earnings
        # Anchors depend on neither the base salary nor the offer (every offer is measured on
        # one scale): worked out once per criterion, for every offer and the tie-salary search.
        self._anchors: dict[str, Anchors] = {}

    def earnings_for(self, offer_id: str) -> float | None:
        """The simulated 3-year earnings of an offer, or None when there are none (yet)."""
        if self.earnings is None:
            return None
        value = self.earnings.get(offer_id)
        return None if value is None or not math.isfinite(value) else float(value)

    def anchors(self, criterion: Criterion, offer: Position) -> Anchors:
        """A money criterion's anchors (remembered: the same for every offer and salary)."""
        anchors = self._anchors.get(criterion.id)
        if anchors is None:
            anchors = self._anchors[criterion.id] = money_anchors(criterion, self.scenario, offer)
        return anchors

    def half_widths(self, offer: Position) -> FloatArray:
        """How far (± points) each of the offer's ratings may be off: the offer's own setting,
        else the criterion's; 0 for money criteria."""
        return np.array(
            [
                offer.rating_uncertainty.get(c.id, c.rating_uncertainty)
                if c.kind == "rating"
                else 0.0
                for c in self.criteria
            ],
            dtype=np.float64,
        )

    def path_values(self, offer: Position, paths: FloatArray | None) -> dict[int, FloatArray]:
        """0-10 values path by path (by criterion index) of the money criteria whose figure is
        simulated, from each path's 3-year earnings; empty without simulated paths."""
        out: dict[int, FloatArray] = {}
        if paths is None or self.earnings_for(offer.id) is None:
            return out
        for k, criterion in enumerate(self.criteria):
            if criterion.kind != "money" or criterion.metric != "expected_earnings_3y":
                continue
            anchors = self.anchors(criterion, offer)
            if anchors.low is None or anchors.high is None:
                continue
            scaled = (paths - anchors.low) * (10.0 / (anchors.high - anchors.low))
            out[k] = np.clip(scaled, 0.0, 10.0)
        return out

    def row(
        self,
        index: int,
        offer: Position,
        money: PositionMoney,
        *,
        simulated_earnings: float | None = None,
    ) -> tuple[list[float], dict[str, MoneyValue]]:
        """The offer's 0-10 value for every criterion, and its money values by criterion id.

        `simulated_earnings` replaces the remembered 3-year earnings (an offer re-simulated at
        another salary).
        """
        values: list[float] = []
        money_values: dict[str, MoneyValue] = {}
        simulated = (
            self.earnings_for(offer.id) if simulated_earnings is None else simulated_earnings
        )
        earnings = simulated if simulated is not None else estimated_earnings_3y(money)
        for criterion in self.criteria:
            if criterion.kind == "rating":
                try:
                    values.append(float(offer.ratings[criterion.id]))
                except KeyError:
                    raise InvalidValueError(
                        f"offers[{index}].ratings.{criterion.id}", "missing rating (0 to 10)"
                    ) from None
            else:
                item = self._money_item(criterion, offer, money, earnings, simulated is None)
                money_values[criterion.id] = item
                values.append(item.score)
        return values, money_values

    def earnings_items(self, offer: Position, money: PositionMoney) -> dict[int, MoneyValue]:
        """The offer's money values of the criteria that read its 3-year earnings, by criterion
        index: what `row` gives for them (the others' values read no earnings)."""
        simulated = self.earnings_for(offer.id)
        earnings = simulated if simulated is not None else estimated_earnings_3y(money)
        return {
            k: self._money_item(criterion, offer, money, earnings, simulated is None)
            for k, criterion in enumerate(self.criteria)
            if criterion.kind == "money" and criterion.metric == "expected_earnings_3y"
        }

    def _money_item(
        self,
        criterion: Criterion,
        offer: Position,
        money: PositionMoney,
        earnings: float,
        estimated: bool,
    ) -> MoneyValue:
        return money_value(
            criterion,
            offer,
            money,
            self.scenario,
            earnings,
            estimated=estimated,
            anchors=self.anchors(criterion, offer),
        )

    def score_at_pay(
        self,
        index: int,
        offer: Position,
        pay: float,
        earnings_at: Callable[[Position], float] | None = None,
    ) -> float:
        """The offer's score with its pay changed: the base salary (GBP a year), or for a
        contract the day rate (GBP a day), since a contract's pay never reads its base salary.

        `earnings_at` re-simulates the 3-year earnings of the changed offer; without it they are
        held at their current value (or, without a simulation, the stand-in is recomputed).
        """
        if offer.pay_type == "day_rate":
            changed = dataclasses.replace(offer, day_rate=pay)
        else:
            changed = dataclasses.replace(offer, base_salary=pay)
        money = position_money(
            changed,
            self.scenario.tax,
            self.scenario.benchmark(changed.benchmark_id),
            self.scenario.target_salary,
            children=household_children(self.scenario),
        )
        simulated = None
        if earnings_at is not None and self.earnings_for(offer.id) is not None:
            simulated = earnings_at(changed)
        values, _ = self.row(index, changed, money, simulated_earnings=simulated)
        return weighted_score(values, self.weights)
