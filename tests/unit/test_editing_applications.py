"""'Set rates from my applications': one pure edit that the forecast then follows."""

from __future__ import annotations

import dataclasses

import pytest

from offer_eval.core.evaluate import evaluate
from offer_eval.core.models import Scenario
from offer_eval.editing.applications import add_applications, set_rates_from_applications
from offer_eval.persistence.examples import demo_scenario
from tests.unit.test_application_rates import LOG, SEARCH


def _with_log(scenario: Scenario) -> Scenario:
    search = dataclasses.replace(
        scenario.search,
        target_field_since=SEARCH.target_field_since,
        experience_threshold_months=SEARCH.experience_threshold_months,
    )
    return scenario.replace(search=search, applications=LOG)


def test_the_log_s_novice_counts_go_into_the_history_and_set_the_rates() -> None:
    before = _with_log(demo_scenario())
    after = set_rates_from_applications(before)
    history = after.search.history
    assert history is not None
    # Worked out by hand in test_application_rates: 24 novice applications in the new field,
    # 4 past the CV stage, 1 offer; the demo's prior is 3.5% worth 30 and 25% worth 4.
    assert (history.applications, history.callbacks, history.offers) == (24, 4, 1)
    assert history.use_for_rates is True
    assert after.search.callback_rate_novice == pytest.approx(5.05 / 54, abs=1e-12)
    assert after.search.offers_per_callback == pytest.approx(2 / 8, abs=1e-12)
    # Only the search section changed; the input is untouched (undo restores it exactly).
    assert after.replace(search=before.search) == before
    assert before.search.history is not None and before.search.history.use_for_rates is False


def test_the_forecast_follows_and_undo_restores_it() -> None:
    before = _with_log(demo_scenario())
    before = before.replace(simulation=dataclasses.replace(before.simulation, paths=2_000))
    after = set_rates_from_applications(before)
    old, new = evaluate(before).trajectory, evaluate(after).trajectory
    assert old is not None and new is not None
    offer = before.offers[0].id
    # 9.35% callbacks instead of 3.5% before experience: a better offer comes sooner while you
    # are a novice. (Within 12 months it need not: with the counts setting the rates, each
    # simulated future draws its own rates, and 1 offer in 4 callbacks leaves offers per
    # callback so uncertain that the experienced months bring fewer offers on average.)
    assert new.offers[offer].p_better_within_6 > 1.5 * old.offers[offer].p_better_within_6
    assert new.offers[offer].p_better_within_12 != old.offers[offer].p_better_within_12
    again = evaluate(before).trajectory
    assert again is not None
    assert again.offers[offer].p_better_within_12 == old.offers[offer].p_better_within_12


def test_an_empty_log_sets_nothing() -> None:
    with pytest.raises(ValueError, match="empty"):
        set_rates_from_applications(demo_scenario().replace(applications=()))


def test_adding_rows_keeps_ids_unique() -> None:
    scenario = demo_scenario().replace(applications=())
    grown = add_applications(scenario, LOG[:3])
    assert grown.applications == LOG[:3]
    with pytest.raises(ValueError, match="duplicate id"):
        add_applications(grown, LOG[:1])


def test_the_demo_log_gives_the_demo_s_history_counts() -> None:
    demo = demo_scenario()
    after = set_rates_from_applications(demo)
    before_history, history = demo.search.history, after.search.history
    assert before_history is not None and history is not None
    assert (history.applications, history.callbacks, history.offers) == (117, 4, 1)
    assert dataclasses.replace(history, use_for_rates=False) == before_history
