"""The vocabularies name every value the domain knows, and duplicate names become unique."""

from __future__ import annotations

import dataclasses
from typing import get_args

from offer_eval.core.models import MONEY_METRICS, Criterion, Position, Scenario
from offer_eval.core.tax import PENSION_METHODS, LoanPlan, TaxRegion
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present.labels import (
    JOB_MARKETS,
    LOAN_PLANS,
    METRICS,
    PENSION_METHODS_WORDS,
    TAX_REGIONS,
    criterion_labels,
    display_names,
    job_market_words,
    metric_label,
    pairs,
    tax_region_words,
    unique_names,
)


def test_every_domain_value_has_words() -> None:
    assert tuple(m.key for m in METRICS) == MONEY_METRICS
    assert tuple(c.value for c in PENSION_METHODS_WORDS) == PENSION_METHODS
    assert tuple(c.value for c in LOAN_PLANS) == get_args(LoanPlan)
    assert tuple(c.value for c in TAX_REGIONS) == get_args(TaxRegion)


def test_words_within_a_vocabulary_are_distinct() -> None:
    for vocabulary in (TAX_REGIONS, JOB_MARKETS, PENSION_METHODS_WORDS, LOAN_PLANS):
        labels = [c.label for c in vocabulary]
        assert len(set(labels)) == len(labels)
    assert len({m.label for m in METRICS}) == len(METRICS)


def test_region_words() -> None:
    assert tax_region_words("scotland") == "Scotland"
    assert tax_region_words("rUK") == "England, Wales and Northern Ireland"
    assert tax_region_words("rUK", short=True) == "England, Wales, NI"
    assert tax_region_words("") == "Same as the comparison"
    assert job_market_words("london") == "London"
    assert job_market_words("Cambridge") == "Cambridge"  # typed by the user: shown as typed


def test_metric_label_of_an_unknown_metric_is_its_key() -> None:
    assert metric_label("total_comp_year1") == "Total compensation, year 1"
    assert metric_label("from_a_newer_file") == "from_a_newer_file"


def test_pairs_give_short_words_where_asked() -> None:
    assert pairs(TAX_REGIONS) == (
        ("rUK", "England, Wales and Northern Ireland"),
        ("scotland", "Scotland"),
    )
    assert pairs(TAX_REGIONS, short=True)[0] == ("rUK", "England, Wales, NI")


def test_unique_names_number_the_second_and_later() -> None:
    names = unique_names([("a", "Offer"), ("b", "Offer"), ("c", "Other"), ("d", "Offer")])
    assert names == {"a": "Offer", "b": "Offer #2", "c": "Other", "d": "Offer #3"}


def test_unique_names_never_borrow_a_name_already_taken() -> None:
    names = unique_names([("a", "Offer"), ("b", "Offer"), ("c", "Offer #2")])
    assert names == {"a": "Offer", "b": "Offer #3", "c": "Offer #2"}
    assert len(set(names.values())) == 3


def test_display_names_of_a_scenario_with_two_offers_named_alike() -> None:
    scenario = demo_scenario()
    first, second = scenario.offers[:2]
    twin = dataclasses.replace(second, name=first.display_name)
    scenario = scenario.replace(offers=(first, twin, *scenario.offers[2:]))
    names = display_names(scenario)
    assert names[scenario.current.id] == scenario.current.display_name
    assert names[first.id] == first.display_name
    assert names[twin.id] == f"{first.display_name} #2"


def test_display_names_follow_a_renamed_offer_and_hand_out_their_own_dict() -> None:
    """The last names are remembered for the same positions; a renamed offer (a new position)
    gets its new name, and a caller changing its dict changes nobody else's."""
    scenario = demo_scenario()
    first = display_names(scenario)
    first["ml-engineer"] = "changed by a caller"
    assert display_names(scenario)["ml-engineer"] != "changed by a caller"
    renamed = dataclasses.replace(scenario.offer("ml-engineer"), name="Renamed offer")
    assert display_names(scenario.with_position(renamed))["ml-engineer"] == "Renamed offer"
    assert display_names(scenario)["ml-engineer"] != "Renamed offer"


def test_criterion_labels_are_unique_too() -> None:
    criteria = (Criterion("x", "Team"), Criterion("y", "Team"), Criterion("z", "Pay"))
    labels = criterion_labels(Scenario("Mine", Position("now", 30_000.0), criteria=criteria))
    assert labels == {"x": "Team", "y": "Team #2", "z": "Pay"}
