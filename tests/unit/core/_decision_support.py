"""Helpers shared by the decision tests: money through the app's entry point, demo earnings, and
scenarios built for hand checks."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from offer_eval.core.compensation import PositionMoney
from offer_eval.core.decision import DecisionResult, decide
from offer_eval.core.evaluate import evaluate
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import Criterion, Position, Scenario


def money_of(scenario: Scenario) -> dict[str, PositionMoney]:
    """Money for every position, through the app's own entry point."""
    return {m.position_id: m for m in evaluate(scenario).positions}


def demo_earnings(scenario: Scenario) -> dict[str, float]:
    """3-year expected earnings for the demo's offers (GBP).

    A fixed stand-in until the job-search simulation lands: 3 × year-1 net take-home. To switch to
    the real figure, return the trajectory's mean accept-and-search cumulative net earnings at
    month 36 for each offer here; every demo test below goes through this one function.
    """
    money = money_of(scenario)
    return {offer.id: 3.0 * money[offer.id].net_take_home for offer in scenario.offers}


def decide_demo(scenario: Scenario, *, tie_salaries: bool = True) -> DecisionResult:
    return decide(scenario, money_of(scenario), demo_earnings(scenario), tie_salaries=tie_salaries)


def with_share(scenario: Scenario, criterion_id: str, share: float) -> Scenario:
    """The scenario with one criterion's weight share set to `share`, the others rescaled in
    proportion (the move the stability interval is about). Weights end up adding to 100."""
    criteria = scenario.criteria
    own = scenario.criterion(criterion_id).weight
    rest = sum(c.weight for c in criteria) - own
    changed = tuple(
        dataclasses.replace(
            c,
            weight=100.0 * share if c.id == criterion_id else 100.0 * (1 - share) * c.weight / rest,
        )
        for c in criteria
    )
    return scenario.replace(criteria=changed)


def with_base(scenario: Scenario, offer_id: str, base: float) -> Scenario:
    return scenario.with_position(dataclasses.replace(scenario.offer(offer_id), base_salary=base))


def rating_scenario(
    ratings: Mapping[str, Mapping[str, float]], weights: Mapping[str, float]
) -> Scenario:
    """Offers rated on rating criteria only (no money criteria), for exact hand-checks."""
    criteria = tuple(Criterion(cid, cid.title(), "rating", w) for cid, w in weights.items())
    offers = tuple(
        Position(oid, base_salary=40_000.0, ratings=FrozenMap(r)) for oid, r in ratings.items()
    )
    return Scenario(
        name="hand-checked",
        current=Position("current", base_salary=30_000.0),
        offers=offers,
        criteria=criteria,
    )


def ratings_only(scenario: Scenario) -> DecisionResult:
    return decide(scenario, money_of(scenario))


def money_led(demo: Scenario) -> Scenario:
    """The demo with money weighing more, so salaries can swing the decision."""
    weights = {"team": 1.0, "manager": 1.0, "variety": 1.0, "learning": 1.0, "impact": 0.5}
    weights |= {"career_capital": 1.0, "commute": 0.5, "security": 0.5, "net_pay": 6.0}
    weights |= {"earnings_3y": 2.0}
    return demo.replace(
        criteria=tuple(dataclasses.replace(c, weight=weights[c.id]) for c in demo.criteria)
    )
