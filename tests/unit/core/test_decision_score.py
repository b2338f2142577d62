"""The decision score: weighted score, ranks and ties, weight stability, the memo key."""

from __future__ import annotations

import dataclasses
import math

import msgspec
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from offer_eval.core.decision import (
    TIE_POINTS,
    DecisionResult,
    competition_ranks,
    decide,
    decision_key,
    stability_intervals,
    weighted_score,
    winner_index,
)
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import Scenario
from offer_eval.persistence.document import DocumentError, dumps, loads
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present.decision_report import decision_json, offer_decision_json
from tests.unit.core._decision_support import (
    decide_demo,
    demo_earnings,
    money_led,
    money_of,
    rating_scenario,
    ratings_only,
    with_share,
)


@pytest.fixture(scope="module")
def demo_s() -> Scenario:
    return demo_scenario()


@pytest.fixture(scope="module")
def demo_result(demo_s: Scenario) -> DecisionResult:
    return decide_demo(demo_s)


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


def _stability_one_criterion_at_a_time(
    values: np.ndarray, weights: np.ndarray, winner: int
) -> list[tuple[float, float]]:
    """Weight stability worked out criterion by criterion and offer by offer in plain Python:
    with criterion k at share s and the others rescaled in proportion (equal shares when they
    all weigh 0), offer i's score is s·v[i,k] + (1 - s)·R[i,k]; the winner's lead over i
    reaches the tie margin where that line crosses it."""
    count = len(weights)
    if count == 1:
        return [(0.0, 1.0)]
    total = sum(weights)
    out = []
    for k in range(count):
        share = weights[k] / total
        rest = [w for j, w in enumerate(weights) if j != k]
        rest_total = sum(rest)
        fractions = [w / rest_total if rest_total > 0 else 1 / (count - 1) for w in rest]

        def without(i: int, k: int = k, fractions: list[float] = fractions) -> float:
            others = [v for j, v in enumerate(values[i]) if j != k]
            return float(sum(f * v for f, v in zip(fractions, others, strict=True)))

        low, high = 0.0, 1.0
        for i in range(values.shape[0]):
            if i == winner:
                continue
            at_one = values[winner][k] - values[i][k]
            at_zero = without(winner) - without(i)
            slope = at_one - at_zero
            if slope < 0:
                high = min(high, (TIE_POINTS - at_zero) / slope)
            elif slope > 0:
                low = max(low, (TIE_POINTS - at_zero) / slope)
        out.append((min(low, share), max(high, share)))
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=2, max_value=6),
    st.integers(min_value=1, max_value=8),
    st.integers(min_value=0, max_value=2**32 - 1),
    st.sampled_from([0.0, 0.3, 1.0]),
)
def test_stability_matches_a_criterion_by_criterion_count(
    offers: int, criteria: int, seed: int, zero_share: float
) -> None:
    rng = np.random.default_rng(seed)
    values = np.round(rng.random((offers, criteria)) * 10, 1)
    weights = np.round(rng.random(criteria) * 5, 1)
    weights[rng.random(criteria) < zero_share] = 0.0
    if not weights.sum() > 0:
        weights[0] = 1.0
    winner = int(np.argmax(values @ weights))
    found = stability_intervals(values, weights, winner)
    expected = _stability_one_criterion_at_a_time(values, weights, winner)
    assert [low for low, _ in found] == pytest.approx([low for low, _ in expected], abs=1e-9)
    assert [high for _, high in found] == pytest.approx([high for _, high in expected], abs=1e-9)


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


def test_tiny_weights_keep_their_ratios() -> None:
    # 5e-324 is the smallest float a file can hold; 1.5 × it is not representable, so the
    # score must not be computed from such products (it came out as 2.0 for a 1.5 rating).
    assert weighted_score([1.5], [5e-324]) == 1.5
    assert weighted_score([1.5, 2.0], [5e-324, 5e-324]) == 1.75
    assert math.isclose(weighted_score([3.0, 9.0], [1e-310, 2e-310]), 7.0, abs_tol=1e-9)


def test_a_remembered_decision_is_not_reused_for_another_household_or_search_market() -> None:
    """The decision's money (net pay after the child benefit charge) and its money scale (the
    search benchmark, without a target one) come from outside the scores; the memo must not hand
    back a decision worked out for other children or another market. Without any market there
    are no 3-year earnings to tell the two scenarios apart, so only the memo's key can."""
    from offer_eval.core.evaluate import Evaluator
    from offer_eval.core.models import Household
    from offer_eval.persistence.examples import demo_scenario

    demo = demo_scenario()
    offers = tuple(dataclasses.replace(o, base_salary=70_000.0) for o in demo.offers)
    no_market = demo.replace(
        offers=offers,
        target_benchmark_id=None,
        search=dataclasses.replace(demo.search, benchmark_id=None),
    )
    with_children = no_market.replace(household=Household(children=2))
    with_market = no_market.replace(
        search=dataclasses.replace(no_market.search, benchmark_id=demo.search.benchmark_id)
    )
    shared = Evaluator()
    for scenario in (no_market, with_children, with_market):
        remembered = shared.evaluate(scenario, resolution="interactive").decision
        fresh = Evaluator().evaluate(scenario, resolution="interactive").decision
        assert remembered is not None and fresh is not None
        assert dict(remembered.scores) == dict(fresh.scores)
    first = Evaluator().evaluate(no_market, resolution="interactive").decision
    second = Evaluator().evaluate(with_children, resolution="interactive").decision
    assert first is not None and second is not None
    assert dict(first.scores) != dict(second.scores)  # the charge lowers the net pay's points
