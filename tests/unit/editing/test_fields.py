"""Field declarations and the text in and out of a field, without Qt."""

from __future__ import annotations

import pytest

from offer_eval.core.errors import InvalidValueError
from offer_eval.editing.fields import (
    POSITION_FIELD_BY_KEY,
    SIMULATION_FIELDS,
    edit_text,
    format_field_value,
    parse_field_text,
)


@pytest.mark.parametrize("typed", ["45k", "£45,000", "45000", " 45,000 "])
def test_money_reads_the_ways_people_type_it(typed: str) -> None:
    assert parse_field_text(POSITION_FIELD_BY_KEY["base_salary"], typed) == 45_000


@pytest.mark.parametrize(
    ("key", "typed", "rule"),
    [
        ("base_salary", "lots", "lots"),
        ("equity.vesting_years", "2.5", "must be a whole number"),
        ("target_field", "maybe", "must be yes or no"),
        ("hours_per_week", "1,2,3", "is not a number"),
    ],
)
def test_a_refused_text_says_why(key: str, typed: str, rule: str) -> None:
    with pytest.raises(InvalidValueError) as raised:
        parse_field_text(POSITION_FIELD_BY_KEY[key], typed)
    assert rule in raised.value.rule


def test_percent_and_choices_read_their_words() -> None:
    assert parse_field_text(POSITION_FIELD_BY_KEY["annual_raise_pct"], "3.5%") == 3.5
    method = POSITION_FIELD_BY_KEY["pension_method"]
    assert parse_field_text(method, "Salary sacrifice") == "salary_sacrifice"
    assert parse_field_text(method, "net_pay") == "net_pay"
    assert parse_field_text(POSITION_FIELD_BY_KEY["ends_after_months"], "") is None


def test_identifiers_read_without_thousands_separators() -> None:
    """A seed or a year is a label, not an amount: '20261126', never '20,261,126'."""
    seed = next(spec for spec in SIMULATION_FIELDS if spec.key == "simulation.seed")
    paths = next(spec for spec in SIMULATION_FIELDS if spec.key == "simulation.paths")
    assert format_field_value(seed, 20_261_126) == "20261126"
    assert edit_text(seed, 20_261_126) == "20261126"
    assert format_field_value(paths, 10_000) == "10,000"  # a count keeps its separator
