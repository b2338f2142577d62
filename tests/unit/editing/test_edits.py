"""Pure edits of a scenario: a new, validated scenario, or the broken rule; never half an edit."""

from __future__ import annotations

import pytest

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.editing.edits import (
    duplicate_offer,
    position_value,
    remove_criterion,
    set_criterion_value,
    set_position_value,
    set_scenario_value,
)
from offer_eval.editing.fields import position_specs
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present.labels import display_names


def test_a_position_field_is_set_by_its_path() -> None:
    demo = demo_scenario()
    offer = demo.offers[0].id
    changed = set_position_value(demo, offer, "equity.cliff_months", 6)
    assert position_value(changed.position(offer), "equity.cliff_months") == 6
    assert changed.position(offer).base_salary == demo.position(offer).base_salary
    assert demo.position(offer).equity != changed.position(offer).equity  # the original is kept


def test_a_broken_rule_is_raised_and_nothing_changes() -> None:
    demo = demo_scenario()
    with pytest.raises(InvalidValueError):
        set_position_value(demo, demo.offers[0].id, "base_salary", -1.0)
    with pytest.raises(InvalidValueError):
        set_scenario_value(demo, "simulation.months", 1)


def test_duplicate_names_are_made_unique_for_display() -> None:
    demo = demo_scenario()
    copied, new_id = duplicate_offer(demo, demo.offers[0].id)
    names = display_names(copied)
    assert len(set(names.values())) == len(names)
    assert new_id in names


def test_how_sure_of_one_rating_is_set_cleared_and_goes_with_its_criterion() -> None:
    demo = demo_scenario()
    offer = demo.offers[0].id
    changed = set_position_value(demo, offer, "rating_uncertainty.team", 2.5)
    assert position_value(changed.position(offer), "rating_uncertainty.team") == 2.5
    assert dict(changed.position(offer).rating_uncertainty) == {"team": 2.5}
    cleared = set_position_value(changed, offer, "rating_uncertainty.team", None)
    assert position_value(cleared.position(offer), "rating_uncertainty.team") is None
    with pytest.raises(InvalidValueError):
        set_position_value(demo, offer, "rating_uncertainty.team", 11.0)
    # Removing the criterion, or making it a money criterion, takes the setting with it (a
    # leftover would name a criterion that is no longer rated, which a scenario refuses).
    assert remove_criterion(changed, "team").position(offer).rating_uncertainty == FrozenMap()
    money = set_criterion_value(changed, "team", "kind", "money")
    assert money.position(offer).rating_uncertainty == FrozenMap()


def test_the_ratings_group_asks_how_sure_after_each_rating() -> None:
    demo = demo_scenario()
    keys = [spec.key for spec in position_specs(demo) if spec.key.startswith("rating")]
    assert keys[:4] == [
        "ratings.team",
        "rating_uncertainty.team",
        "ratings.manager",
        "rating_uncertainty.manager",
    ]
