"""The reality check: implied figures beside published UK ones, flagged when more than 2× apart,
and a source (or "illustrative") for every search setting the forecast reads."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from statistics import NormalDist

import pytest

from offer_eval.core.assumptions import SearchAssumptions, SearchHistory
from offer_eval.core.models import Scenario
from offer_eval.core.trajectory import TrajectoryEvaluator
from offer_eval.core.trajectory.reality import (
    RATE_KEYS,
    far_apart,
    market_percentile,
    rate_sources,
    reality_check,
)
from offer_eval.persistence.examples import demo_scenario
from tests.unit.core._trajectory_support import LONDON, ML, with_search, with_simulation

SHIPPED = Path(__file__).resolve().parents[3] / "resources" / "search" / "reality-check.json"


def _demo(paths: int = 2_000) -> Scenario:
    return with_simulation(demo_scenario(), paths=paths)


def _by_key(scenario: Scenario) -> dict[str, object]:
    result = TrajectoryEvaluator().evaluate(scenario)
    return {item.key: item for item in reality_check(scenario, result)}


def test_every_published_figure_is_shipped_with_a_web_source() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert set(data["published"]) == {
        "job_change_within_a_year",
        "callbacks_per_application",
        "applications_per_offer",
    }
    for row in data["published"].values():
        assert row["value"] > 0
        assert "https://" in row["source"] or "http://" in row["source"]
        assert row["what"]


@pytest.mark.parametrize(
    ("implied", "published", "flagged"),
    [
        (0.24, 0.12, False),  # exactly 2× is not more than 2×
        (0.2401, 0.12, True),
        (0.12, 0.2401, True),
        (0.13, 0.24, False),
        (0.0, 0.09, True),
        (0.0, 0.0, False),
        (None, 0.09, False),
    ],
)
def test_a_figure_is_flagged_when_more_than_twice_apart(
    implied: float | None, published: float, flagged: bool
) -> None:
    assert far_apart(implied, published) is flagged


def test_the_demo_figures_are_those_its_rates_imply() -> None:
    scenario = _demo()
    search = scenario.search
    items = _by_key(scenario)
    novice, experienced = search.callback_rate_novice, search.callback_rate_experienced
    per_year = 12 * search.applications_per_month  # the demo's user has a job
    expected = {
        "callbacks_per_application_now": (novice, 0.24),
        "callbacks_per_application_experienced": (experienced, 0.24),
        "applications_per_offer_now": (1 / (novice * search.offers_per_callback), 140.0),
        "applications_per_offer_experienced": (
            1 / (experienced * search.offers_per_callback),
            140.0,
        ),
        "offers_a_year_now": (per_year * novice * search.offers_per_callback, per_year / 140),
        "offers_a_year_experienced": (
            per_year * experienced * search.offers_per_callback,
            per_year / 140,
        ),
    }
    for key, (implied, published) in expected.items():
        item = items[key]
        assert item.implied == pytest.approx(implied), key  # type: ignore[attr-defined]
        assert item.published == pytest.approx(published), key  # type: ignore[attr-defined]
        assert item.flag is (abs(math.log(implied / published)) > math.log(2)), key  # type: ignore[attr-defined]
    # The point: 10 applications a month at 10% and 25% is three offers a year, about
    # 3.5 times what the published applications per offer would give the same effort.
    assert items["offers_a_year_experienced"].flag  # type: ignore[attr-defined]
    assert items["callbacks_per_application_experienced"].flag  # type: ignore[attr-defined]


def test_job_change_and_salary_rows_come_from_the_simulation() -> None:
    scenario = with_search(_demo(), stop_at_target=False)
    result = TrajectoryEvaluator().evaluate(scenario)
    items = {item.key: item for item in reality_check(scenario, result)}
    decline = items["job_change_within_a_year_decline"]
    assert decline.implied == result.decline_p_offer_within_12
    assert decline.published == 0.09
    accept = items[f"job_change_within_a_year:{ML}"]
    assert accept.implied == result.offers[ML].p_better_within_12
    assert accept.flag is far_apart(accept.implied, 0.09)
    search = scenario.search
    months = result.months
    market = result.market_median * (1 + search.market_growth_pct / 100) ** (months / 12)
    for key, band in (
        ("typical_salary_percentile_decline", result.decline_and_search),
        (f"typical_salary_percentile:{ML}", result.offers[ML].accept_and_search),
    ):
        salary = float(band.p50[months - 1])
        percentile = 100 * NormalDist(math.log(market), search.offer_spread).cdf(math.log(salary))
        item = items[key]
        assert item.implied == pytest.approx(percentile, abs=1e-9)
        assert item.flag is (percentile > 90)
    # Searching on with no stopping rule from the ML job: above 9 in 10 of the market's offers
    # after five years (the "near the 92nd percentile").
    assert items[f"typical_salary_percentile:{ML}"].flag


def test_an_offer_at_the_target_is_not_flagged_for_staying_put() -> None:
    scenario = _demo()
    assert scenario.search.stop_at_target
    assert scenario.offer(LONDON).base_salary >= (scenario.target_salary or math.inf)
    item = _by_key(scenario)[f"job_change_within_a_year:{LONDON}"]
    assert item.implied == 0.0  # type: ignore[attr-defined]
    assert not item.flag  # type: ignore[attr-defined]
    assert "target" in item.note  # type: ignore[attr-defined]


def test_declining_rows_do_not_depend_on_the_order_of_offers() -> None:
    scenario = _demo()
    swapped = scenario.replace(offers=tuple(reversed(scenario.offers)))
    first, second = _by_key(scenario), _by_key(swapped)
    assert first.keys() == second.keys()
    for key in first:
        assert first[key] == second[key], key


def test_market_percentile_is_the_lognormal_offer_distribution() -> None:
    assert market_percentile(50_000, 50_000, 0.15) == pytest.approx(50.0)
    expected = 100 * NormalDist(0, 0.2).cdf(math.log(60_000 / 50_000))
    assert market_percentile(60_000, 50_000, 0.2) == pytest.approx(expected)
    assert market_percentile(60_000, 50_000, 0.0) == 100.0
    assert market_percentile(40_000, 50_000, 0.0) == 0.0


def test_every_numeric_search_setting_has_a_source_or_is_marked_illustrative() -> None:
    numeric = {
        field.name
        for field in dataclasses.fields(SearchAssumptions)
        if field.type in ("float", "int")
    }
    # Months already worked in the new field are a fact about the user, not a rate to source.
    assert numeric - {"prior_experience_months"} == set(RATE_KEYS)
    scenario = demo_scenario().replace(search=SearchAssumptions())
    for row in rate_sources(scenario):
        assert row.illustrative or "https://" in row.source, row
    sources = {row.key: row.source for row in rate_sources(scenario)}
    assert "gov.uk" in sources["income_while_searching"]
    assert "gov.uk" in sources["new_job_pension_pct"]
    assert sources["callback_rate_experienced"] == "illustrative"


def test_a_users_own_figure_counts_or_source_replaces_the_default_source() -> None:
    scenario = demo_scenario()
    changed = with_search(scenario, callback_rate_experienced=0.2)
    sources = {row.key: row.source for row in rate_sources(changed)}
    assert sources["callback_rate_experienced"] == "your figure"
    cited = changed.replace(
        sources={**changed.sources, "search.callback_rate_experienced": "my last search"}
    )
    assert {row.key: row.source for row in rate_sources(cited)}[
        "callback_rate_experienced"
    ] == "my last search"
    counted = with_search(
        scenario, history=SearchHistory(applications=117, callbacks=4, offers=1, use_for_rates=True)
    )
    rows = {row.key: row for row in rate_sources(counted)}
    assert rows["callback_rate_novice"].source.startswith("your own counts (117 applications")
    assert rows["offers_per_callback"].source.startswith("your own counts")
    assert rows["callback_rate_novice"].value != scenario.search.callback_rate_novice
