"""Helpers shared by the chart tests."""

from __future__ import annotations

from offer_eval.core.models import Scenario
from offer_eval.editing.edits import duplicate_offer


def with_offers(scenario: Scenario, count: int) -> Scenario:
    """The scenario with its first offer copied until it has `count` offers."""
    while len(scenario.offers) < count:
        scenario, _ = duplicate_offer(scenario, scenario.offers[0].id)
    return scenario
