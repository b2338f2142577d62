"""Properties of the trajectory model that hold for any assumptions."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import numpy.typing as npt
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from offer_eval.core.models import Scenario
from offer_eval.core.quantiles import row_quantiles
from offer_eval.core.trajectory import (
    TrajectoryEvaluator,
    TrajectoryResult,
    build_model,
    reservation_salaries,
)
from offer_eval.persistence.examples import demo_scenario

DEMO = demo_scenario()
ML = "ml-engineer"
# Shared between examples: draws, models and strategies are remembered, so examples stay cheap.
EVALUATOR = TrajectoryEvaluator(cache_size=16)

searches = st.fixed_dictionaries(
    {
        "applications_per_month": st.floats(0.0, 60.0),
        "applications_per_month_unemployed": st.floats(0.0, 80.0),
        "callback_rate_novice": st.floats(0.0, 0.3),
        "callback_rate_experienced": st.floats(0.0, 0.5),
        "experience_threshold_months": st.integers(0, 24),
        "ramp_months": st.integers(0, 12),
        "offers_per_callback": st.floats(0.0, 1.0),
        "market_growth_pct": st.floats(-5.0, 10.0),
        "novice_discount": st.floats(0.5, 1.2),
        "offer_spread": st.floats(0.0, 0.6),
        "switching_margin_pct": st.floats(0.0, 40.0),
        "annual_raise_pct": st.floats(-5.0, 10.0),
        "layoff_rate_pct": st.sampled_from([0.0, 0.0, 2.0, 15.0]),
        # Positive: with risk aversion 1 or more an income of 0 is refused (no hidden floor).
        "income_while_searching": st.sampled_from([1.0, 6_000.0]),
        "discount_rate_pct": st.floats(0.0, 20.0),
        "risk_aversion": st.sampled_from([0.0, 1.0, 2.5]),
        "prior_experience_months": st.integers(0, 30),
    }
)
offer_changes = st.fixed_dictionaries(
    {
        "base_salary": st.sampled_from([0.0, 18_000.0, 45_000.0, 90_000.0]),
        "annual_raise_pct": st.floats(-5.0, 10.0),
        "target_field": st.booleans(),
        "ends_after_months": st.none() | st.integers(1, 48),
        "sign_on": st.sampled_from([0.0, 5_000.0]),
        "tax_free": st.booleans(),
    }
)
current_changes = st.fixed_dictionaries(
    {
        "base_salary": st.sampled_from([0.0, 21_805.0, 52_000.0]),
        "ends_after_months": st.none() | st.integers(1, 48),
        "target_field": st.booleans(),
    }
)


def build(
    search: dict[str, Any],
    offer: dict[str, Any] | None = None,
    current: dict[str, Any] | None = None,
    *,
    paths: int = 2_500,
    months: int = 36,
) -> Scenario:
    scenario = DEMO.replace(
        offers=(dataclasses.replace(DEMO.offer(ML), **(offer or {})),),
        search=dataclasses.replace(DEMO.search, **search),
        simulation=dataclasses.replace(DEMO.simulation, paths=paths, months=months),
    )
    if current:
        scenario = scenario.replace(current=dataclasses.replace(DEMO.current, **current))
    return scenario


def all_bands(result: TrajectoryResult) -> list[Any]:
    bands = [result.decline_and_search]
    for item in result.offers.values():
        bands += [item.accept_and_stay, item.accept_and_search]
    return bands


@given(search=searches, offer=offer_changes, current=current_changes)
def test_bands_are_ordered_and_cumulative_earnings_never_fall(
    search: dict[str, Any], offer: dict[str, Any], current: dict[str, Any]
) -> None:
    result = EVALUATOR.evaluate(build(search, offer, current))
    for band in all_bands(result):
        assert (band.p10 <= band.p50).all() and (band.p50 <= band.p90).all()
        assert (band.cumulative_p10 <= band.cumulative_p50).all()
        assert (band.cumulative_p50 <= band.cumulative_p90).all()
        assert (band.p10 >= 0).all()
        for curve in (
            band.cumulative_p10,
            band.cumulative_p50,
            band.cumulative_p90,
            band.cumulative_mean,
        ):
            assert (np.diff(curve) >= -1e-6).all()
    item = result.offer(ML)
    assert 1 <= item.expected_months_to_better_offer <= result.months + 1
    assert 0 <= item.p_better_within_6 <= item.p_better_within_12 <= 1
    assert np.isfinite(item.expected_earnings_3y)


@given(search=searches, offer=offer_changes)
def test_searching_on_never_leaves_the_median_below_staying(
    search: dict[str, Any], offer: dict[str, Any]
) -> None:
    """With a switching margin at least the job's raise, and found jobs raising pay at least as
    fast, every move beats the salary the job would have paid by the time the next raise comes,
    so no path, and no percentile, falls below staying (without layoffs or an end date)."""
    search = {**search, "layoff_rate_pct": 0.0}
    offer = {**offer, "ends_after_months": None, "base_salary": max(offer["base_salary"], 18_000.0)}
    raise_pct = offer["annual_raise_pct"]
    assume(search["switching_margin_pct"] >= raise_pct)
    assume(search["annual_raise_pct"] >= raise_pct)
    item = EVALUATOR.evaluate(build(search, offer)).offer(ML)
    assert item.accept_and_stay.deterministic
    assert (item.accept_and_search.p50 >= item.accept_and_stay.p50).all()
    assert (item.accept_and_search.p10 >= item.accept_and_stay.p10).all()


@given(search=searches, offer=offer_changes)
def test_more_applications_never_lengthen_the_wait(
    search: dict[str, Any], offer: dict[str, Any]
) -> None:
    search = {
        **search,
        "layoff_rate_pct": 0.0,
        "applications_per_month": min(search["applications_per_month"], 400.0),
    }
    offer = {**offer, "ends_after_months": None, "base_salary": max(offer["base_salary"], 18_000.0)}
    doubled = {
        **search,
        "applications_per_month": 2 * search["applications_per_month"],
        "applications_per_month_unemployed": 2 * search["applications_per_month_unemployed"],
    }
    for resolution in ("full", "interactive"):
        once = EVALUATOR.evaluate(build(search, offer), resolution=resolution).offer(ML)
        twice = EVALUATOR.evaluate(build(doubled, offer), resolution=resolution).offer(ML)
        assert twice.expected_months_to_better_offer <= once.expected_months_to_better_offer
        assert twice.p_better_within_12 >= once.p_better_within_12


@given(search=searches, income=st.floats(1.0, 60_000.0), rate=st.floats(0.0, 30.0))
def test_reservation_salary_rises_with_income_and_with_patience(
    search: dict[str, Any], income: float, rate: float
) -> None:
    def reservation(**changes: float) -> float:
        assumptions = dataclasses.replace(DEMO.search, **{**search, **changes})
        model = build_model(assumptions, DEMO.tax, 36)
        return float(reservation_salaries(model, 55_000.0)[assumptions.prior_experience_months])

    low = reservation(income_while_searching=income, discount_rate_pct=rate)
    assert reservation(income_while_searching=income + 5_000.0, discount_rate_pct=rate) >= low * (
        1 - 1e-9
    )
    assert reservation(income_while_searching=income, discount_rate_pct=rate + 5.0) <= low * (
        1 + 1e-9
    )


def _matrix(draw: st.DrawFn) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.bool_]]:
    rows = draw(st.integers(1, 6))
    columns = draw(st.sampled_from([1, 2, 7, 2_049, 3_000]))
    values = draw(
        hnp.arrays(
            np.float32,
            (rows, columns),
            elements=st.sampled_from([0.0, 1.0, 2.5, 45_000.0, 45_000.0078125, 1e-3, 7e6]),
        )
        if columns < 100
        else st.builds(
            lambda seed, zeros, spread: _random_rows(seed, rows, columns, zeros, spread),
            st.integers(0, 2**32 - 1),
            st.floats(0.0, 0.5),
            st.floats(0.0, 3.0),
        )
    )
    tie_share = draw(st.floats(0.0, 1.0))
    tie_value = draw(st.sampled_from([0.0, 45_000.0, 1e9]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    tied = rng.random((rows, columns)) < tie_share
    values = values.copy()
    for row in range(rows):
        values[row, tied[row]] = np.float32(tie_value * (row + 1))
    return values, tied


def _random_rows(
    seed: int, rows: int, columns: int, zeros: float, spread: float
) -> npt.NDArray[np.float32]:
    rng = np.random.default_rng(seed)
    values = rng.lognormal(10.0, spread + 1e-9, (rows, columns)).astype(np.float32)
    values[rng.random((rows, columns)) < zeros] = 0.0
    # Clusters of equal values that are not marked as tied.
    values[:, : columns // 10] = np.float32(50_000.0)
    return values


@given(data=st.data(), levels=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=4))
def test_row_quantiles_equal_numpy_quantiles(data: st.DataObject, levels: list[float]) -> None:
    values, _ = data.draw(st.composite(_matrix)())
    expected = np.quantile(values.astype(np.float64), levels, axis=1)
    assert np.array_equal(row_quantiles(values, levels), expected)
