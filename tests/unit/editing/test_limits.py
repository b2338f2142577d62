"""Edits refuse to pass the limits of a scenario with a sentence that says what to do instead."""

from __future__ import annotations

import dataclasses

import pytest

from offer_eval.core.checks import MAX_LABEL, MAX_TEXT
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.limits import MAX_BENCHMARKS, MAX_OFFERS
from offer_eval.core.models import Scenario
from offer_eval.editing.edits import add_benchmarks, add_offer, duplicate_offer, new_benchmark
from offer_eval.editing.fields import position_specs, text_limit


def _with_offers(demo: Scenario, count: int) -> Scenario:
    template = demo.offers[0]
    offers = tuple(
        dataclasses.replace(template, id=f"offer-{i:03d}", name=f"Offer {i}") for i in range(count)
    )
    return demo.replace(offers=offers)


def test_the_hundredth_offer_is_added_and_the_next_refused(demo: Scenario) -> None:
    full, _new = add_offer(_with_offers(demo, MAX_OFFERS - 1))
    assert len(full.offers) == MAX_OFFERS
    with pytest.raises(InvalidValueError, match="at most 100 offers") as caught:
        add_offer(full)
    assert caught.value.field == "offers"
    with pytest.raises(InvalidValueError, match="at most 100 offers"):
        duplicate_offer(full, full.offers[0].id)


def test_a_scenario_itself_refuses_more_than_100_offers(demo: Scenario) -> None:
    with pytest.raises(InvalidValueError, match="at most 100 offers"):
        _with_offers(demo, MAX_OFFERS + 1)


def test_benchmarks_stop_at_their_limit(demo: Scenario) -> None:
    room = MAX_BENCHMARKS - len(demo.benchmarks)
    rows = []
    scenario = demo
    for _ in range(room):
        row = new_benchmark(scenario)
        rows.append(row)
        scenario = scenario.replace(benchmarks=(*scenario.benchmarks, row))
    assert len(scenario.benchmarks) == MAX_BENCHMARKS
    with pytest.raises(InvalidValueError, match="at most 1,000 benchmarks"):
        add_benchmarks(scenario, [new_benchmark(scenario)])
    with pytest.raises(InvalidValueError, match="at most 1,000 benchmarks"):
        add_benchmarks(demo, [*rows, new_benchmark(scenario)])


def test_text_fields_know_the_length_the_model_accepts(demo: Scenario) -> None:
    specs = {spec.key: spec for spec in position_specs(demo)}
    assert text_limit(specs["name"]) == MAX_LABEL
    assert text_limit(specs["employer"]) == MAX_LABEL
    long = "x" * (MAX_LABEL + 1)
    with pytest.raises(InvalidValueError, match=f"at most {MAX_LABEL}"):
        dataclasses.replace(demo.offers[0], employer=long)
    assert MAX_TEXT > MAX_LABEL
