"""Search rates from the user's own counts: Beta-Binomial posterior means over a stated prior."""

from __future__ import annotations

import dataclasses

import pytest

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import SearchAssumptions, SearchHistory
from offer_eval.core.search_history import (
    beta_binomial_mean,
    effective_search,
    history_text,
    posterior,
    rates_from_history,
)
from offer_eval.core.trajectory import TrajectoryEvaluator
from offer_eval.persistence.document import dumps, loads
from offer_eval.persistence.examples import demo_scenario


def test_no_applications_gives_the_defaults() -> None:
    result = posterior(SearchHistory())
    defaults = SearchAssumptions()
    assert result.callback_rate == defaults.callback_rate_novice
    assert result.offers_per_callback == defaults.offers_per_callback


def test_posterior_mean_is_prior_plus_counts_over_weight_plus_trials() -> None:
    # Beta(0.035 × 30, 0.965 × 30) prior; 4 callbacks in 117 applications:
    # (1.05 + 4) / (30 + 117) = 5.05 / 147.
    history = SearchHistory(applications=117, callbacks=4, offers=1)
    result = posterior(history)
    assert result.callback_rate == pytest.approx(5.05 / 147)
    # Beta(0.25 × 4, 0.75 × 4) prior; 1 offer from 4 callbacks: (1 + 1) / (4 + 4).
    assert result.offers_per_callback == pytest.approx(2 / 8)
    assert result.offer_rate == pytest.approx(5.05 / 147 * 0.25)


def test_many_applications_outweigh_the_prior() -> None:
    result = posterior(SearchHistory(applications=10_000, callbacks=1_000, offers=500))
    assert result.callback_rate == pytest.approx(0.1, abs=0.001)
    assert result.offers_per_callback == pytest.approx(0.5, abs=0.001)


def test_beta_binomial_mean_checks_its_inputs() -> None:
    with pytest.raises(ValueError):
        beta_binomial_mean(5, 4, 0.1, 10)
    with pytest.raises(ValueError):
        beta_binomial_mean(1, 4, 0.0, 10)
    assert beta_binomial_mean(0, 0, 0.2, 5) == 0.2


def test_history_sets_the_rates_only_when_marked_for_use() -> None:
    history = SearchHistory(applications=200, callbacks=2, offers=0)
    search = SearchAssumptions(history=history)
    assert effective_search(search) is search
    used = effective_search(
        dataclasses.replace(search, history=dataclasses.replace(history, use_for_rates=True))
    )
    assert used.callback_rate_novice == pytest.approx((1.05 + 2) / 230)
    assert used.offers_per_callback == pytest.approx(1 / 6)
    assert used.callback_rate_experienced == search.callback_rate_experienced
    applied = rates_from_history(search, history)
    assert applied.history is not None and applied.history.use_for_rates
    assert applied.callback_rate_novice == used.callback_rate_novice
    assert effective_search(applied) == applied


def test_a_poor_history_slows_the_simulated_search() -> None:
    scenario = demo_scenario()
    scenario = scenario.replace(simulation=dataclasses.replace(scenario.simulation, paths=2_000))
    history = SearchHistory(applications=300, callbacks=3, offers=0, use_for_rates=True)
    poor = scenario.replace(search=dataclasses.replace(scenario.search, history=history))
    evaluator = TrajectoryEvaluator()
    fast = evaluator.evaluate(scenario).offer("ml-engineer")
    slow = evaluator.evaluate(poor).offer("ml-engineer")
    assert slow.expected_months_to_better_offer > fast.expected_months_to_better_offer


def test_the_prior_is_stated_in_the_text_and_the_file() -> None:
    history = SearchHistory(applications=117, callbacks=4, offers=1)
    text = history_text(history)
    assert "(117 applications, 4 callbacks, 1 offer)" in text
    assert "3.5% callbacks, worth 30 applications" in text
    assert "25% of callbacks becoming offers, worth 4 callbacks" in text
    scenario = demo_scenario()
    document = dumps(scenario).decode()
    for key in ("prior_callback_rate", "prior_applications", "prior_offers_per_callback"):
        assert f'"{key}"' in document
    assert loads(dumps(scenario)) == scenario
    report_notes = (
        TrajectoryEvaluator()
        .evaluate(
            scenario.replace(simulation=dataclasses.replace(scenario.simulation, paths=1_000))
        )
        .assumptions
    )
    assert any("Starting belief before your counts" in note for note in report_notes)


def test_history_checks_its_counts_and_prior() -> None:
    with pytest.raises(InvalidValueError, match="prior_callback_rate"):
        SearchHistory(prior_callback_rate=0.0)
    with pytest.raises(InvalidValueError, match="prior_applications"):
        SearchHistory(prior_applications=0.0)
    with pytest.raises(InvalidValueError, match="use_for_rates"):
        SearchHistory(use_for_rates=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="cannot exceed"):
        SearchHistory(applications=3, callbacks=2, offers=3)
