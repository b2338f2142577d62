"""Domain values refuse what the models cannot use, naming the field and the rule."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import (
    Benchmark,
    Criterion,
    Equity,
    Position,
    Scenario,
    SearchHistory,
    TaxSettings,
    field_help,
)


def _scenario(**changes: Any) -> Scenario:
    base = Scenario(
        name="t",
        current=Position(id="current", base_salary=40_000),
        offers=(Position(id="a", base_salary=45_000, ratings=FrozenMap({"team": 8.0})),),
        criteria=(Criterion("team", "Team"),),
    )
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"base_salary": -1}, "base_salary", "between 0 and 10,000,000"),
        ({"base_salary": float("nan")}, "base_salary", "finite"),
        ({"base_salary": 1e15}, "base_salary", "between"),
        ({"base_salary": True}, "base_salary", "must be a number"),
        ({"hours_per_week": 0}, "hours_per_week", "between 1 and 100"),
        ({"id": " padded"}, "id", "non-empty id"),
        ({"id": ""}, "id", "non-empty id"),
        ({"tax_region": "wales"}, "tax_region", "rUK or scotland"),
        ({"ends_after_months": 0}, "ends_after_months", "between 1 and 600"),
        ({"ratings": FrozenMap({"team": 11.0})}, "ratings.team", "between 0 and 10"),
        ({"notes": "x" * 10_001}, "notes", "at most 10,000 characters"),
    ],
)
def test_position_rules(changes: dict[str, Any], field: str, rule: str) -> None:
    with pytest.raises(InvalidValueError) as raised:
        dataclasses.replace(Position(id="p", base_salary=1), **changes)
    assert raised.value.field == field
    assert rule in raised.value.rule


def test_equity_schedule_must_match_years_and_add_up() -> None:
    assert Equity(grant_value=1, vesting_years=4, schedule_pct=(5, 15, 40, 40)).year_shares() == (
        0.05,
        0.15,
        0.4,
        0.4,
    )
    with pytest.raises(InvalidValueError, match="one share per vesting year"):
        Equity(grant_value=1, vesting_years=3, schedule_pct=(50, 50))
    with pytest.raises(InvalidValueError, match="add up to 100"):
        Equity(grant_value=1, vesting_years=2, schedule_pct=(50, 40))


def test_benchmark_needs_ordered_points() -> None:
    with pytest.raises(InvalidValueError, match="at least one"):
        Benchmark(id="b", label="b")
    with pytest.raises(InvalidValueError) as raised:
        Benchmark(id="b", label="b", p25=50_000, median=40_000)
    assert raised.value.field == "median"


def test_money_criterion_needs_a_metric_and_ordered_anchors() -> None:
    with pytest.raises(InvalidValueError, match="needs a metric"):
        Criterion("m", "Money", kind="money")
    with pytest.raises(InvalidValueError, match="above anchor_low"):
        Criterion("m", "Money", kind="money", metric="net_take_home", anchor_low=10, anchor_high=5)
    with pytest.raises(InvalidValueError, match="only money criteria"):
        Criterion("r", "Rating", anchor_low=1)


def test_tax_settings() -> None:
    with pytest.raises(InvalidValueError) as raised:
        TaxSettings(student_loans=("plan1", "plan4"))
    assert raised.value.field == "student_loans"
    with pytest.raises(InvalidValueError) as raised:
        TaxSettings(year="1999/00")
    assert raised.value.field == "year"
    assert TaxSettings(year="2030/31").year == "2030/31"  # later years reuse the latest rules


def test_search_history_counts_are_nested() -> None:
    with pytest.raises(InvalidValueError, match="cannot exceed applications"):
        SearchHistory(applications=3, callbacks=4)
    with pytest.raises(InvalidValueError, match="cannot exceed callbacks"):
        SearchHistory(applications=10, callbacks=1, offers=2)


def test_scenario_references() -> None:
    scenario = _scenario()
    with pytest.raises(InvalidValueError) as raised:
        scenario.replace(offers=(*scenario.offers, scenario.offers[0]))
    assert raised.value.field == "offers[1].id"
    with pytest.raises(InvalidValueError) as raised:
        scenario.replace(
            offers=(Position(id="current", base_salary=1, ratings=FrozenMap({"team": 1.0})),)
        )
    assert raised.value.field == "offers[0].id"
    with pytest.raises(InvalidValueError) as raised:
        scenario.replace(offers=(Position(id="a", base_salary=1),))
    assert (raised.value.field, raised.value.rule) == (
        "offers[0].ratings.team",
        "missing rating (0 to 10)",
    )
    with pytest.raises(InvalidValueError) as raised:
        scenario.replace(current=Position(id="current", base_salary=1, benchmark_id="nope"))
    assert raised.value.field == "current.benchmark_id"
    with pytest.raises(InvalidValueError, match="more than 0"):
        scenario.replace(criteria=(Criterion("team", "Team", weight=0),))
    with pytest.raises(InvalidValueError) as raised:
        scenario.replace(criteria=(Criterion("team", "Team"), Criterion("team", "Again")))
    assert raised.value.field == "criteria[1].id"


def test_scenario_replace_checks_what_a_change_could_break() -> None:
    """`Scenario.replace` skips the rules between the parts when a change keeps every id,
    benchmark and rated criterion; its copies equal fully checked ones, and what a change
    does break is still refused."""
    scenario = _scenario()
    offer = scenario.offers[0]
    for changes in (
        {"offers": (dataclasses.replace(offer, base_salary=50_000),)},
        {"criteria": (Criterion("team", "Team", weight=3.5),)},
        {"search": dataclasses.replace(scenario.search, callback_rate_novice=0.2)},
        {"name": "renamed", "target_salary": 60_000.0},
        {"current": dataclasses.replace(scenario.current, base_salary=41_000)},
    ):
        quick = scenario.replace(**changes)
        assert quick == dataclasses.replace(scenario, **changes)
        assert hash(quick) == hash(dataclasses.replace(scenario, **changes))
    assert isinstance(scenario.replace(sources={"target_salary": "mine"}).sources, FrozenMap)
    with pytest.raises(InvalidValueError) as raised:
        scenario.replace(name="x" * 201)
    assert raised.value.field == "name"
    with pytest.raises(InvalidValueError) as raised:
        scenario.replace(search=dataclasses.replace(scenario.search, benchmark_id="nope"))
    assert raised.value.field == "search.benchmark_id"
    with pytest.raises(InvalidValueError) as raised:
        scenario.replace(offers=(dataclasses.replace(offer, ratings=FrozenMap({"x": 1.0})),))
    assert raised.value.field == "offers[0].ratings.x"
    with pytest.raises(InvalidValueError) as raised:
        scenario.replace(offers=(dataclasses.replace(offer, benchmark_id="nope"),))
    assert raised.value.field == "offers[0].benchmark_id"
    with pytest.raises(InvalidValueError) as raised:
        scenario.replace(criteria=(Criterion("other", "Other"),))
    assert raised.value.field == "offers[0].ratings.team"
    with pytest.raises(TypeError):
        scenario.replace(no_such_field=1)


def test_scenario_edits_make_new_values() -> None:
    scenario = _scenario()
    raised = scenario.with_position(dataclasses.replace(scenario.offers[0], base_salary=50_000))
    assert raised.offers[0].base_salary == 50_000
    assert scenario.offers[0].base_salary == 45_000
    with pytest.raises(dataclasses.FrozenInstanceError):
        scenario.name = "changed"  # type: ignore[misc]


def test_values_are_hashable_and_equal_by_content() -> None:
    assert hash(_scenario()) == hash(_scenario())
    assert _scenario() == _scenario()


def test_display_name_falls_back() -> None:
    assert (
        Position(id="x", base_salary=1, title="Engineer", employer="Acme").display_name
        == "Engineer, Acme"
    )
    assert Position(id="x", base_salary=1).display_name == "x"


def test_every_search_and_position_number_has_plain_help() -> None:
    from offer_eval.core.models import SearchAssumptions

    for name in ("applications_per_month", "callback_rate_novice", "switching_margin_pct"):
        assert field_help(SearchAssumptions, name)
    assert "base salary" in field_help(Position, "base_salary").lower()
