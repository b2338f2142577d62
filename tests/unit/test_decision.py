"""The decision score (DESIGN 5): anchors, score, ranks and ties, weight stability, probability of
being best, tie salaries, the plain explanation and the report helpers, on the demo and on small
hand-checked cases."""

from __future__ import annotations

import dataclasses
import json
import math
import time
from collections.abc import Mapping

import msgspec
import numpy as np
import pytest

from offer_eval.core.benchmarks import median_estimate
from offer_eval.core.compensation import PositionMoney, position_money
from offer_eval.core.decision import (
    ANCHOR_HIGH_OF_MEDIAN,
    ANCHOR_LOW_OF_MEDIAN,
    NEUTRAL,
    TIE_POINTS,
    DecisionResult,
    competition_ranks,
    decide,
    decision_key,
    default_criteria,
    estimated_earnings_3y,
    map_to_scale,
    probability_best,
    stability_intervals,
    weighted_score,
    winner_index,
)
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.evaluate import evaluate
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import Benchmark, Criterion, Position, Scenario
from offer_eval.core.tax import take_home
from offer_eval.persistence.document import DocumentError, dumps, loads
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present.decision_report import decision_json, decision_text, offer_decision_json

# --- helpers -------------------------------------------------------------------------------------


def money_of(scenario: Scenario) -> dict[str, PositionMoney]:
    """Money for every position, through the app's own entry point."""
    return {m.position_id: m for m in evaluate(scenario).positions}


def demo_earnings(scenario: Scenario) -> dict[str, float]:
    """3-year expected earnings for the demo's offers (GBP).

    A fixed stand-in until the job-search simulation lands: 3 × year-1 net take-home. To switch to
    the real figure, return the trajectory's mean accept-and-search cumulative net earnings at
    month 36 for each offer here; every demo test below goes through this one function.
    """
    money = money_of(scenario)
    return {offer.id: 3.0 * money[offer.id].net_take_home for offer in scenario.offers}


def decide_demo(scenario: Scenario, *, tie_salaries: bool = True) -> DecisionResult:
    return decide(scenario, money_of(scenario), demo_earnings(scenario), tie_salaries=tie_salaries)


def with_share(scenario: Scenario, criterion_id: str, share: float) -> Scenario:
    """The scenario with one criterion's weight share set to `share`, the others rescaled in
    proportion (the move the stability interval is about). Weights end up adding to 100."""
    criteria = scenario.criteria
    own = scenario.criterion(criterion_id).weight
    rest = sum(c.weight for c in criteria) - own
    changed = tuple(
        dataclasses.replace(
            c,
            weight=100.0 * share if c.id == criterion_id else 100.0 * (1 - share) * c.weight / rest,
        )
        for c in criteria
    )
    return scenario.replace(criteria=changed)


def with_base(scenario: Scenario, offer_id: str, base: float) -> Scenario:
    return scenario.with_position(dataclasses.replace(scenario.offer(offer_id), base_salary=base))


def rating_scenario(
    ratings: Mapping[str, Mapping[str, float]], weights: Mapping[str, float]
) -> Scenario:
    """Offers rated on rating criteria only (no money criteria), for exact hand-checks."""
    criteria = tuple(Criterion(cid, cid.title(), "rating", w) for cid, w in weights.items())
    offers = tuple(
        Position(oid, base_salary=40_000.0, ratings=FrozenMap(r)) for oid, r in ratings.items()
    )
    return Scenario(
        name="hand-checked",
        current=Position("current", base_salary=30_000.0),
        offers=offers,
        criteria=criteria,
    )


def ratings_only(scenario: Scenario) -> DecisionResult:
    return decide(scenario, money_of(scenario))


@pytest.fixture(scope="module")
def demo_s() -> Scenario:
    return demo_scenario()


@pytest.fixture(scope="module")
def demo_result(demo_s: Scenario) -> DecisionResult:
    return decide_demo(demo_s)


# --- criteria ------------------------------------------------------------------------------------


def test_default_criteria_cover_the_issue_list_with_meanings() -> None:
    criteria = default_criteria()
    ratings = [c for c in criteria if c.kind == "rating"]
    money = [c for c in criteria if c.kind == "money"]
    assert [c.id for c in ratings] == [
        "team",
        "manager",
        "variety",
        "learning",
        "impact",
        "career_capital",
        "commute",
        "security",
    ]
    assert all(c.meaning_0 and c.meaning_5 and c.meaning_10 for c in ratings)
    assert sorted(c.metric or "" for c in money) == sorted(
        ["net_take_home", "total_comp_year1", "expected_earnings_3y", "vs_benchmark"]
    )
    assert len({c.id for c in criteria}) == len(criteria)


def test_default_criteria_make_a_valid_scenario_that_scores(demo_s: Scenario) -> None:
    criteria = default_criteria()
    offers = tuple(
        dataclasses.replace(
            o, ratings=FrozenMap({c.id: 5.0 for c in criteria if c.kind == "rating"})
        )
        for o in demo_s.offers
    )
    scenario = demo_s.replace(criteria=criteria, offers=offers)
    result = decide(scenario, money_of(scenario))
    assert set(result.scores) == {"ml-engineer", "london-ds"}
    # Same ratings: the money criteria decide, and the London offer pays more.
    assert result.winner == "london-ds"


def test_users_can_rename_add_and_remove_criteria(demo_s: Scenario) -> None:
    renamed = demo_s.with_criterion(dataclasses.replace(demo_s.criterion("team"), label="My team"))
    assert decide_demo(renamed).scores == decide_demo(demo_s).scores
    removed = demo_s.replace(
        criteria=tuple(c for c in demo_s.criteria if c.id != "security"),
        offers=tuple(
            dataclasses.replace(o, ratings=o.ratings.without("security")) for o in demo_s.offers
        ),
        current=dataclasses.replace(
            demo_s.current, ratings=demo_s.current.ratings.without("security")
        ),
    )
    assert "security" not in decide_demo(removed).criterion_ids
    added = demo_s.replace(
        criteria=(
            *demo_s.criteria,
            Criterion("pension", "Pension", "money", 1.0, metric="total_comp_year1"),
        ),
    )
    assert "pension" in decide_demo(added).money


# --- money criteria: the 0-10 mapping and its anchors ---------------------------------------------


def test_map_to_scale_is_linear_between_anchors_and_clamped() -> None:
    assert map_to_scale(100.0, 100.0, 200.0) == 0.0
    assert map_to_scale(200.0, 100.0, 200.0) == 10.0
    assert map_to_scale(150.0, 100.0, 200.0) == pytest.approx(5.0)
    assert map_to_scale(125.0, 100.0, 200.0) == pytest.approx(2.5)
    assert map_to_scale(50.0, 100.0, 200.0) == 0.0
    assert map_to_scale(1e9, 100.0, 200.0) == 10.0
    with pytest.raises(InvalidValueError):
        map_to_scale(1.0, 2.0, 2.0)


def test_demo_anchors_come_from_the_target_benchmark_and_target(
    demo_result: DecisionResult, demo_s: Scenario
) -> None:
    median = 55_000.0
    low_gross, high_gross = 0.7 * median, max(60_000.0, 1.3 * median)
    assert (low_gross, high_gross) == (38_500.0, 71_500.0)

    def net(gross: float) -> float:
        return take_home(gross, tax_year="2026/27", region="rUK", student_loans=("plan2",)).net

    for oid in demo_s_offer_ids(demo_s):
        net_pay = demo_result.money["net_pay"][oid]
        assert (net_pay.low, net_pay.high) == (net(38_500), net(71_500))
        value = money_of(demo_s)[oid].net_take_home
        assert net_pay.value == value
        assert net_pay.score == pytest.approx(
            (value - net(38_500)) / (net(71_500) - net(38_500)) * 10
        )
        assert "Machine Learning Engineer, UK excluding London" in net_pay.basis
        earnings = demo_result.money["earnings_3y"][oid]
        assert (earnings.low, earnings.high) == pytest.approx((3 * net(38_500), 3 * net(71_500)))
        assert earnings.value == demo_earnings(demo_s)[oid]
        assert not earnings.estimated


def demo_s_offer_ids(scenario: Scenario) -> list[str]:
    return [o.id for o in scenario.offers]


def test_total_comp_and_vs_benchmark_anchors(demo_s: Scenario) -> None:
    scenario = demo_s.replace(
        criteria=(
            *demo_s.criteria,
            Criterion("tc", "Total comp", "money", 1.0, metric="total_comp_year1"),
            Criterion("vb", "Against benchmark", "money", 1.0, metric="vs_benchmark"),
        )
    )
    result = decide_demo(scenario)
    money = money_of(scenario)
    for oid in ("ml-engineer", "london-ds"):
        tc = result.money["tc"][oid]
        assert (tc.low, tc.high) == (38_500.0, 71_500.0)
        assert tc.value == money[oid].total_comp_year1
        vb = result.money["vb"][oid]
        assert (vb.low, vb.high) == pytest.approx((-30.0, 30.0))
        # The figure is against the offer's own market benchmark (London for the London offer).
        assert vb.value == money[oid].vs_benchmark_pct
    assert result.money["vb"]["london-ds"].score == 0.0  # 62k is 31% below the London median
    # A target above 1.3 × median sets the top anchor.
    higher = decide_demo(scenario.replace(target_salary=80_000.0))
    assert higher.money["tc"]["ml-engineer"].high == 80_000.0
    assert higher.money["vb"]["ml-engineer"].high == pytest.approx((80_000 / 55_000 - 1) * 100)


def test_explicit_anchors_override_the_default(demo_s: Scenario) -> None:
    net_pay = demo_s.criterion("net_pay")
    both = demo_s.with_criterion(
        dataclasses.replace(net_pay, anchor_low=20_000.0, anchor_high=60_000.0)
    )
    item = decide_demo(both).money["net_pay"]["ml-engineer"]
    assert (item.low, item.high, item.basis, item.explicit_anchors) == (
        20_000.0,
        60_000.0,
        "set by you",
        True,
    )
    assert item.score == pytest.approx((32_714.25 - 20_000) / 40_000 * 10)
    one = demo_s.with_criterion(dataclasses.replace(net_pay, anchor_low=25_000.0))
    item = decide_demo(one).money["net_pay"]["ml-engineer"]
    assert item.low == 25_000.0
    assert item.high == take_home(71_500, tax_year="2026/27", student_loans=("plan2",)).net
    assert not item.explicit_anchors


def test_anchors_fall_back_to_own_benchmark_then_target_then_neutral(demo_s: Scenario) -> None:
    own = decide_demo(demo_s.replace(target_benchmark_id=None))
    # The London offer is now measured against its own (London) benchmark: median 90,000.
    assert own.money["net_pay"]["london-ds"].low == pytest.approx(
        take_home(63_000, tax_year="2026/27", student_loans=("plan2",)).net, abs=0.01
    )
    assert (
        own.money["net_pay"]["ml-engineer"].low
        == take_home(38_500, tax_year="2026/27", student_loans=("plan2",)).net
    )

    offers = tuple(dataclasses.replace(o, benchmark_id=None) for o in demo_s.offers)
    bare = demo_s.replace(target_benchmark_id=None, offers=offers)
    target_only = decide_demo(bare)
    item = target_only.money["net_pay"]["ml-engineer"]
    assert item.low == pytest.approx(
        take_home(42_000, tax_year="2026/27", student_loans=("plan2",)).net, abs=0.01
    )
    assert item.high == pytest.approx(
        take_home(78_000, tax_year="2026/27", student_loans=("plan2",)).net, abs=0.01
    )
    assert "your target" in item.basis

    nothing = decide_demo(bare.replace(target_salary=None))
    item = nothing.money["net_pay"]["ml-engineer"]
    assert (item.low, item.high, item.score) == (None, None, NEUTRAL)
    assert any("Net take-home pay" in note and "scores 5" in note for note in nothing.notes)


def test_benchmark_median_is_read_between_quartiles_when_missing() -> None:
    bench = Benchmark("b", "B", p25=40_000.0, p75=90_000.0)
    assert median_estimate(bench) == pytest.approx(math.sqrt(40_000 * 90_000))
    assert median_estimate(Benchmark("b", "B", p75=90_000.0)) is None
    assert median_estimate(Benchmark("b", "B", median=50_000.0)) == 50_000.0
    assert ANCHOR_LOW_OF_MEDIAN == 0.7 and ANCHOR_HIGH_OF_MEDIAN == 1.3


def test_anchors_never_come_from_other_offers(demo_s: Scenario) -> None:
    rich = dataclasses.replace(demo_s.offer("london-ds"), id="rich", base_salary=400_000.0)
    more = demo_s.replace(offers=(*demo_s.offers, rich))
    earnings = {**demo_earnings(demo_s), "rich": 1_000_000.0}
    before = decide_demo(demo_s)
    after = decide(more, money_of(more), earnings)
    for oid in ("ml-engineer", "london-ds"):
        assert after.scores[oid] == before.scores[oid]
        assert after.money["net_pay"][oid] == before.money["net_pay"][oid]


# --- 3-year expected earnings ----------------------------------------------------------------------


def test_trajectory_earnings_are_used_and_labelled(demo_s: Scenario) -> None:
    earnings = {"ml-engineer": 150_000.0, "london-ds": 100_000.0}
    result = decide(demo_s, money_of(demo_s), earnings)
    assert result.earnings_source == "trajectory"
    assert result.money["earnings_3y"]["ml-engineer"].value == 150_000.0
    assert result.money["earnings_3y"]["ml-engineer"].score == 10.0
    assert not any("estimated" in note for note in result.notes)


def test_without_trajectory_earnings_are_estimated_and_say_so(demo_s: Scenario) -> None:
    money = money_of(demo_s)
    result = decide(demo_s, money, None)
    assert result.earnings_source == "estimate"
    item = result.money["earnings_3y"]["london-ds"]
    assert item.estimated
    assert item.value == estimated_earnings_3y(money["london-ds"])
    assert item.value == pytest.approx(3 * money["london-ds"].net_take_home)  # no sign-on
    assert any("estimated" in note for note in result.notes)
    partial = decide(demo_s, money, {"ml-engineer": 120_000.0})
    assert not partial.money["earnings_3y"]["ml-engineer"].estimated
    assert partial.money["earnings_3y"]["london-ds"].estimated
    assert partial.earnings_source == "estimate"


def test_sign_on_counts_once_in_the_earnings_estimate(demo_s: Scenario) -> None:
    offer = dataclasses.replace(demo_s.offer("ml-engineer"), sign_on=5_000.0)
    money = position_money(offer, demo_s.tax, demo_s.benchmark(offer.benchmark_id), 60_000.0)
    assert estimated_earnings_3y(money) == pytest.approx(
        money.take_home.net + 2 * money.take_home_recurring.net
    )
    assert estimated_earnings_3y(money) < 3 * money.net_take_home


# --- score, contributions, ranks and ties ---------------------------------------------------------


def test_demo_score_by_hand(demo_result: DecisionResult, demo_s: Scenario) -> None:
    weights = {c.id: c.weight for c in demo_s.criteria}
    total = sum(weights.values())
    for offer in demo_s.offers:
        values = dict(offer.ratings)
        values["net_pay"] = demo_result.money["net_pay"][offer.id].score
        values["earnings_3y"] = demo_result.money["earnings_3y"][offer.id].score
        expected = sum(weights[c] * values[c] for c in weights) / total
        assert demo_result.scores[offer.id] == pytest.approx(expected, abs=1e-12)
        contributions = demo_result.contributions[offer.id]
        assert math.fsum(contributions.values()) == pytest.approx(expected, abs=1e-12)
        assert contributions["team"] == pytest.approx(3 * offer.ratings["team"] / total)
    assert demo_result.shares["team"] == pytest.approx(3 / 20)
    assert demo_result.ranks == {"ml-engineer": 1, "london-ds": 2}


def test_demo_story_team_and_manager_weigh_heavily_and_the_ml_offer_wins(
    demo_s: Scenario, demo_result: DecisionResult
) -> None:
    ratings = [c for c in demo_s.criteria if c.kind == "rating"]
    heaviest = max(c.weight for c in ratings)
    assert demo_s.criterion("team").weight == heaviest
    assert demo_s.criterion("manager").weight == heaviest
    assert demo_result.winner == "ml-engineer"
    assert demo_result.scores["ml-engineer"] > demo_result.scores["london-ds"]
    # ...even though the London offer scores better on every money criterion.
    for cid in demo_result.money:
        assert demo_result.values["london-ds"][cid] > demo_result.values["ml-engineer"][cid]


def test_competition_ranks_and_ties() -> None:
    assert competition_ranks([5.0, 5.0, 4.0]) == (1, 1, 3)
    assert competition_ranks([4.0, 5.0, 5.004]) == (3, 1, 1)
    assert competition_ranks([5.0, 5.005, 1.0]) == (1, 1, 3)  # exactly 0.005 apart: a tie
    assert competition_ranks([5.0, 5.0051, 1.0]) == (2, 1, 3)
    assert winner_index([5.0, 5.0, 4.0]) is None
    assert winner_index([5.0, 5.0051, 1.0]) == 1
    assert winner_index([7.0]) == 0
    assert winner_index([]) is None


def test_a_tie_for_first_has_no_winner_but_ranks_and_probabilities() -> None:
    scenario = rating_scenario(
        {"a": {"x": 8, "y": 2}, "b": {"x": 2, "y": 8}, "c": {"x": 1, "y": 1}},
        {"x": 1.0, "y": 1.0},
    )
    result = ratings_only(scenario)
    assert result.scores == {"a": 5.0, "b": 5.0, "c": 1.0}
    assert result.ranks == {"a": 1, "b": 1, "c": 3}
    assert result.winner is None
    assert result.leader == "a"
    assert all(interval is None for interval in result.weight_stability.values())
    assert result.probability_best["a"] + result.probability_best["b"] == pytest.approx(1.0)
    assert result.probability_best["c"] == 0.0
    assert "tied" in result.explanation
    assert decision_json(result)["winner"] is None


def test_scores_within_tie_margin_tie_through_decide() -> None:
    # Scores 5.004 and 5.0: within 0.005, so no winner; 5.006 would win.
    for top, winner in ((5.004, None), (5.006, "a")):
        scenario = rating_scenario({"a": {"x": top}, "b": {"x": 5.0}}, {"x": 1.0})
        assert ratings_only(scenario).winner == winner


def test_total_weight_of_zero_is_refused(demo_s: Scenario) -> None:
    zero = tuple(dataclasses.replace(c, weight=0.0) for c in demo_s.criteria)
    with pytest.raises(InvalidValueError, match="weights must add up to more than 0"):
        demo_s.replace(criteria=zero)
    document = msgspec.json.decode(dumps(demo_s))
    for criterion in document["criteria"]:
        criterion["weight"] = 0.0
    with pytest.raises(DocumentError) as caught:
        loads(msgspec.json.encode(document), source="zero.offers.json")
    assert caught.value.path == "criteria"
    with pytest.raises(InvalidValueError):
        weighted_score([5.0, 6.0], [0.0, 0.0])


def test_a_missing_rating_in_a_file_names_its_json_path(demo_s: Scenario) -> None:
    document = msgspec.json.decode(dumps(demo_s))
    del document["offers"][1]["ratings"]["manager"]
    with pytest.raises(DocumentError) as caught:
        loads(msgspec.json.encode(document), source="plan.offers.json")
    assert caught.value.path == "offers[1].ratings.manager"
    assert "missing rating" in caught.value.rule
    assert str(caught.value).startswith("plan.offers.json: offers[1].ratings.manager: ")


def test_zero_weight_criterion_counts_for_nothing(demo_s: Scenario) -> None:
    silenced = demo_s.with_criterion(dataclasses.replace(demo_s.criterion("security"), weight=0.0))
    result = decide_demo(silenced)
    assert result.shares["security"] == 0.0
    assert all(result.contributions[oid]["security"] == 0.0 for oid in result.offer_ids)
    interval = result.weight_stability["security"]
    assert interval is not None
    assert interval[0] == 0.0


def test_no_offers_or_no_criteria_give_an_empty_result(demo_s: Scenario) -> None:
    empty = decide(demo_s.replace(offers=()), money_of(demo_s))
    assert empty.winner is None and not empty.scores
    assert decision_json(empty)["winner"] is None
    bare = demo_s.replace(
        criteria=(),
        offers=tuple(dataclasses.replace(o, ratings=FrozenMap()) for o in demo_s.offers),
        current=dataclasses.replace(demo_s.current, ratings=FrozenMap()),
    )
    result = decide(bare, money_of(bare))
    assert not result.scores
    assert "No criteria" in result.explanation
    assert offer_decision_json(result, "ml-engineer") == {"score": None, "rank": None}


# --- weight stability ------------------------------------------------------------------------------


def test_stability_by_hand_on_two_offers_two_criteria() -> None:
    values = np.array([[10.0, 0.0], [0.0, 10.0]])
    weights = np.array([2.0, 1.0])
    # Lead with share s on criterion 0: 10s - 10(1 - s) = 20s - 10; it is 0.005 at s = 0.50025.
    (low0, high0), (low1, high1) = stability_intervals(values, weights, 0)
    assert low0 == pytest.approx(0.50025, abs=1e-12)
    assert high0 == 1.0
    assert low1 == 0.0
    assert high1 == pytest.approx(0.49975, abs=1e-12)


def test_stability_is_zero_to_one_without_crossings() -> None:
    values = np.array([[9.0, 8.0, 7.0], [1.0, 2.0, 3.0]])
    assert stability_intervals(values, np.array([1.0, 1.0, 1.0]), 0) == ((0.0, 1.0),) * 3


def test_stability_with_only_one_weighted_criterion_uses_equal_shares_for_the_rest() -> None:
    values = np.array([[10.0, 0.0, 0.0], [0.0, 10.0, 4.0]])
    (low, high), *_ = stability_intervals(values, np.array([1.0, 0.0, 0.0]), 0)
    # Others at equal shares: offer 1 gets 7 from them, offer 0 gets 0: lead 10s - 7(1 - s).
    assert low == pytest.approx((TIE_POINTS + 7) / 17)
    assert high == 1.0
    assert stability_intervals(np.array([[3.0], [1.0]]), np.array([1.0]), 0) == ((0.0, 1.0),)


def test_demo_stability_intervals(demo_result: DecisionResult) -> None:
    stability = demo_result.weight_stability
    for cid in ("team", "manager", "variety", "learning", "impact", "career_capital", "commute"):
        assert stability[cid] == (0.0, 1.0)
    interior = {cid for cid, _side, _bound in demo_result.interior_bounds()}
    assert {"net_pay", "earnings_3y", "security"} <= interior
    for cid in interior:
        low, high = stability[cid]  # type: ignore[misc]
        assert low <= demo_result.shares[cid] <= high


def test_demo_bounds_just_inside_keep_the_winner_and_just_outside_change_it(
    demo_s: Scenario, demo_result: DecisionResult
) -> None:
    winner = demo_result.winner
    assert winner is not None
    step = 1e-4
    exercised = 0
    for cid, side, bound in demo_result.interior_bounds():
        inside = bound + step if side == "low" else bound - step
        outside = bound - step if side == "low" else bound + step
        assert decide_demo(with_share(demo_s, cid, inside), tie_salaries=False).winner == winner, (
            cid
        )
        assert decide_demo(with_share(demo_s, cid, outside), tie_salaries=False).winner != winner, (
            cid
        )
        # Well past the bound the other offer wins outright, not just ties.
        beyond = min(max(outside + (outside - bound) * 100, 0.0), 1.0)
        assert decide_demo(with_share(demo_s, cid, beyond), tie_salaries=False).winner not in (
            winner,
            None,
        )
        exercised += 1
    assert exercised >= 2


# --- probability of being best ---------------------------------------------------------------------


def test_probability_best_is_deterministic_on_the_seed_and_adds_to_one(demo_s: Scenario) -> None:
    result = decide_demo(demo_s)
    again = decide_demo(demo_s)
    assert result.probability_best == again.probability_best
    assert math.fsum(result.probability_best.values()) == pytest.approx(1.0)
    other_seed = decide_demo(
        demo_s.replace(simulation=dataclasses.replace(demo_s.simulation, seed=7))
    )
    assert other_seed.probability_best != result.probability_best
    assert other_seed.probability_best["ml-engineer"] == pytest.approx(
        result.probability_best["ml-engineer"], abs=0.02
    )
    assert result.draws == 10_000


def test_probability_best_on_the_demo_is_high_but_not_certain(demo_result: DecisionResult) -> None:
    assert 0.85 < demo_result.probability_best["ml-engineer"] < 1.0


def test_more_confidence_in_the_weights_makes_the_winner_surer(demo_s: Scenario) -> None:
    chances = [
        decide_demo(demo_s.replace(weight_confidence=c), tie_salaries=False).probability_best[
            "ml-engineer"
        ]
        for c in (2.0, 50.0, 100_000.0)
    ]
    assert chances[0] < chances[1] < chances[2]
    assert chances[2] == 1.0


def test_identical_offers_split_every_draw() -> None:
    values = np.array([[5.0, 7.0], [5.0, 7.0], [1.0, 1.0]])
    chances = probability_best(values, np.array([1.0, 2.0]), 10.0, seed=3)
    assert chances.tolist() == [0.5, 0.5, 0.0]


def test_probability_best_ignores_zero_weights_and_is_fast() -> None:
    values = np.array([[10.0, 0.0], [0.0, 10.0]])
    assert probability_best(values, np.array([1.0, 0.0]), 0.5, seed=1).tolist() == [1.0, 0.0]
    rng = np.random.default_rng(0)
    values = rng.uniform(0, 10, size=(5, 12))
    weights = rng.uniform(0, 3, size=12)
    probability_best(values, weights, 50.0, seed=1)
    start = time.perf_counter()
    for _ in range(5):
        probability_best(values, weights, 50.0, seed=1)
    assert (time.perf_counter() - start) / 5 < 0.05


def test_probability_stream_is_not_the_plain_seed_stream() -> None:
    values = np.array([[10.0, 0.0], [0.0, 10.0]])
    weights = np.array([1.0, 1.0])
    ours = probability_best(values, weights, 5.0, seed=11, draws=1_000)
    plain = np.random.default_rng(11).dirichlet([2.5, 2.5], size=1_000)
    plain_first = float((plain[:, 0] > plain[:, 1]).mean())
    # Same distribution, different draws: equal only by coincidence.
    assert ours[0] != plain_first


# --- tie salary ------------------------------------------------------------------------------------


def money_led(demo: Scenario) -> Scenario:
    """The demo with money weighing more, so salaries can swing the decision."""
    weights = {"team": 1.0, "manager": 1.0, "variety": 1.0, "learning": 1.0, "impact": 0.5}
    weights |= {"career_capital": 1.0, "commute": 0.5, "security": 0.5, "net_pay": 6.0}
    weights |= {"earnings_3y": 2.0}
    return demo.replace(
        criteria=tuple(dataclasses.replace(c, weight=weights[c.id]) for c in demo.criteria)
    )


def assert_round_trip(
    scenario: Scenario, result: DecisionResult, earnings: Mapping[str, float] | None
) -> int:
    checked = 0
    assert result.tie_salaries is not None
    for oid, tie in result.tie_salaries.items():
        if tie.base_salary is None:
            continue
        moved = with_base(scenario, oid, round(tie.base_salary, 2))
        again = decide(moved, money_of(moved), earnings, tie_salaries=False)
        assert abs(again.scores[oid] - again.scores[tie.against]) <= 0.01, (oid, tie)
        checked += 1
    return checked


def test_demo_says_no_salary_is_enough_and_the_winner_leads_at_any_salary(
    demo_result: DecisionResult,
) -> None:
    ties = demo_result.tie_salaries
    assert ties is not None
    assert ties["london-ds"].base_salary is None
    assert ties["london-ds"].reason == "no salary is enough: the non-money criteria decide"
    assert ties["ml-engineer"].base_salary is None
    assert ties["ml-engineer"].kind == "lose_lead"
    assert decision_json(demo_result)["tie_salary"] == {"ml-engineer": None, "london-ds": None}


def test_tie_salary_round_trips_with_trajectory_earnings_held(demo_s: Scenario) -> None:
    scenario = money_led(demo_s)
    earnings = demo_earnings(scenario)
    result = decide(scenario, money_of(scenario), earnings)
    ties = result.tie_salaries
    assert ties is not None
    leader = result.leader
    assert leader is not None
    assert all(t.base_salary is not None for t in ties.values()), ties
    assert assert_round_trip(scenario, result, earnings) == 2
    # The trailing offer needs more; the leader could go lower before losing the lead.
    for oid, tie in ties.items():
        assert tie.base_salary is not None
        if oid == leader:
            assert tie.kind == "lose_lead" and tie.base_salary < tie.current_base_salary
        else:
            assert tie.kind == "tie_leader" and tie.base_salary > tie.current_base_salary
            assert tie.against == leader


def test_tie_salary_round_trips_with_the_estimate(demo_s: Scenario) -> None:
    scenario = money_led(demo_s)
    result = decide(scenario, money_of(scenario), None)
    assert assert_round_trip(scenario, result, None) == 2


def test_tie_salary_round_trips_with_three_offers(demo_s: Scenario) -> None:
    scenario = money_led(demo_s)
    third = dataclasses.replace(scenario.offer("ml-engineer"), id="third", base_salary=38_000.0)
    scenario = scenario.replace(offers=(*scenario.offers, third))
    earnings = {**demo_earnings(demo_s), "third": 90_000.0}
    result = decide(scenario, money_of(scenario), earnings)
    assert assert_round_trip(scenario, result, earnings) == 3


def test_tie_salary_is_skipped_at_interactive_resolution(demo_s: Scenario) -> None:
    result = decide_demo(demo_s, tie_salaries=False)
    assert result.tie_salaries is None
    assert decision_json(result)["tie_salary"] is None


def test_one_offer_has_no_one_to_tie(demo_s: Scenario) -> None:
    single = demo_s.replace(offers=demo_s.offers[:1])
    result = decide_demo(single)
    assert result.winner == "ml-engineer"
    assert result.probability_best == {"ml-engineer": 1.0}
    assert result.weight_stability["team"] == (0.0, 1.0)
    assert result.tie_salaries is not None
    assert result.tie_salaries["ml-engineer"].base_salary is None
    assert "Only one offer" in result.explanation
    text = "\n".join(decision_text(result, single))
    assert "keeps" not in text and "What it would take" not in text


# --- explanation and report helpers ----------------------------------------------------------------


def test_explanation_names_what_carries_the_winner_and_how_sure(
    demo_result: DecisionResult,
) -> None:
    text = demo_result.explanation
    assert text.startswith("ML Engineer (regional) comes out ahead of Data Scientist (London)")
    assert "manager, team and project variety" in text
    assert f"{demo_result.probability_best['ml-engineer'] * 100:.0f}%" in text
    # The tightest bound: net take-home pay, 15% now, 27% would overturn it.
    assert "net take-home pay rose from 15% to 27%" in text
    assert text.count(". ") + text.count(".") >= 2
    for jargon in ("Dirichlet", "alpha", "interval", "share"):
        assert jargon not in text


def test_decision_json_has_the_contract_keys(demo_result: DecisionResult) -> None:
    body = decision_json(demo_result)
    assert {"winner", "probability_best", "weight_stability", "tie_salary"} <= set(body)
    assert body["winner"] == "ml-engineer"
    assert set(body["probability_best"]) == {"ml-engineer", "london-ds"}
    assert set(body["weight_stability"]) == set(demo_result.criterion_ids)
    low, high = body["weight_stability"]["net_pay"]
    assert 0.0 == low < 0.15 < high < 1.0
    assert set(body["tie_salary"]) == {"ml-engineer", "london-ds"}
    assert body["explanation"] == demo_result.explanation
    assert body["money"]["net_pay"]["ml-engineer"]["anchor_low"] == 30_419.25
    json.dumps(body, allow_nan=False)
    assert offer_decision_json(demo_result, "ml-engineer") == {
        "score": round(demo_result.scores["ml-engineer"], 4),
        "rank": 1,
    }


def test_decision_text_shows_table_anchors_and_explanation(
    demo_result: DecisionResult, demo_s: Scenario
) -> None:
    lines = decision_text(demo_result, demo_s)
    text = "\n".join(lines)
    assert "Winner: ML Engineer (regional)" in text
    assert "Net take-home pay, ML Engineer (regional): £32,714" in text
    assert "0 at £30,419, 10 at £48,237" in text
    assert "no salary is enough" in text
    assert "Net take-home pay: 15% (0% to 27%)" in text
    assert demo_result.explanation in lines


def test_decision_key_tracks_what_the_decision_reads(demo_s: Scenario) -> None:
    earnings = demo_earnings(demo_s)
    key = decision_key(demo_s, earnings)
    assert hash(key) == hash(decision_key(demo_scenario(), dict(earnings)))
    assert key == decision_key(demo_s, earnings)
    assert key != decision_key(demo_s, None)
    assert key != decision_key(money_led(demo_s), earnings)
    assert key != decision_key(demo_s.replace(weight_confidence=10.0), earnings)
    # The search settings do not feed the decision (the trajectory does, through the earnings).
    other_search = demo_s.replace(
        search=dataclasses.replace(demo_s.search, offers_per_callback=0.5)
    )
    assert decision_key(other_search, earnings) == key


def test_result_is_hashable_for_memoising(demo_result: DecisionResult) -> None:
    assert hash(dataclasses.replace(demo_result, explanation="x")) is not None
