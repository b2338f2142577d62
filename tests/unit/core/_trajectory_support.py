"""Helpers shared by the trajectory tests: the demo's offer ids and one-field scenario edits."""

from __future__ import annotations

import dataclasses
from typing import Any

from offer_eval.core.models import Scenario

ML = "ml-engineer"
LONDON = "london-ds"


def with_search(scenario: Scenario, **changes: Any) -> Scenario:
    return scenario.replace(search=dataclasses.replace(scenario.search, **changes))


def with_simulation(scenario: Scenario, **changes: Any) -> Scenario:
    return scenario.replace(simulation=dataclasses.replace(scenario.simulation, **changes))


def one_offer(scenario: Scenario, offer_id: str = ML) -> Scenario:
    return scenario.replace(offers=(scenario.offer(offer_id),))
