"""Every input the domain has is named once, and every name points at a real field."""

from __future__ import annotations

import dataclasses

from offer_eval.core.models import (
    Benchmark,
    Criterion,
    Equity,
    Position,
    SearchAssumptions,
    SearchHistory,
    Simulation,
    TaxSettings,
)
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present.fields import (
    BENCHMARK_FIELDS,
    CRITERION_FIELDS,
    HISTORY_FIELDS,
    POSITION_FIELDS,
    SCENARIO_FIELDS,
    SEARCH_FIELDS,
    SIMULATION_FIELDS,
)

_WORKED_OUT = {"role", "used_by", "share"}  # shown beside the inputs, not stored in the record


def _names(cls: type) -> set[str]:
    return {item.name for item in dataclasses.fields(cls)}


def test_labels_are_unique_within_each_table() -> None:
    for table in (
        POSITION_FIELDS,
        BENCHMARK_FIELDS,
        CRITERION_FIELDS,
        (*SCENARIO_FIELDS, *SEARCH_FIELDS, *HISTORY_FIELDS, *SIMULATION_FIELDS),
    ):
        labels = [f.label for f in table]
        assert len(set(labels)) == len(labels), labels
        keys = [f.key for f in table]
        assert len(set(keys)) == len(keys), keys


def test_every_position_input_is_named() -> None:
    named = {f.key for f in POSITION_FIELDS}
    # equity by its parts; the others elsewhere
    nested = {"equity", "ratings", "rating_uncertainty", "negotiation"}
    assert _names(Position) - nested <= named
    assert {f"equity.{name}" for name in _names(Equity)} <= named


def test_every_name_points_at_a_field() -> None:
    position = {*_names(Position), *(f"equity.{n}" for n in _names(Equity))}
    assert {f.key for f in POSITION_FIELDS} - _WORKED_OUT <= position
    assert {f.key for f in BENCHMARK_FIELDS} - _WORKED_OUT <= _names(Benchmark)
    assert {f.key for f in CRITERION_FIELDS} - _WORKED_OUT <= _names(Criterion)
    scenario = demo_scenario()
    for table in (SCENARIO_FIELDS, SEARCH_FIELDS, HISTORY_FIELDS, SIMULATION_FIELDS):
        for spec in table:
            owner: object = scenario
            *path, last = spec.key.split(".")
            for part in path:
                owner = getattr(owner, part)
            if owner is None:  # the demo may have no search history
                continue
            assert last in _names(type(owner)), spec.key


def test_every_search_and_simulation_setting_is_named() -> None:
    named = {f.key for f in (*SEARCH_FIELDS, *HISTORY_FIELDS, *SIMULATION_FIELDS)}
    assert {f"search.{n}" for n in _names(SearchAssumptions) - {"history"}} <= named
    assert {f"search.history.{n}" for n in _names(SearchHistory)} <= named
    assert {f"simulation.{n}" for n in _names(Simulation)} <= named
    tax = {f.key for f in SCENARIO_FIELDS if f.key.startswith("tax.")}
    assert tax == {f"tax.{n}" for n in _names(TaxSettings)}


def test_help_comes_from_the_domain_where_it_has_one() -> None:
    by_key = {f.key: f for f in POSITION_FIELDS}
    assert (
        by_key["base_salary"].help == Position.__dataclass_fields__["base_salary"].metadata["help"]
    )
    assert by_key["equity.cliff_months"].help
    assert all(f.help for f in (*POSITION_FIELDS, *SEARCH_FIELDS, *SIMULATION_FIELDS))


def test_short_header_defaults_to_the_label() -> None:
    by_key = {f.key: f for f in BENCHMARK_FIELDS}
    assert by_key["p10"].short == "10th" and by_key["p10"].label == "10th percentile"
    assert by_key["median"].short == by_key["median"].label == "Median"
