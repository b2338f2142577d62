"""`decide`: score, rank and compare the scenario's offers; `decision_key` for memoising it."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Hashable, Mapping

import numpy as np

from offer_eval.core.compensation import PositionMoney
from offer_eval.core.decision.explanation import explain
from offer_eval.core.decision.money import MoneyValue
from offer_eval.core.decision.notes import clamp_notes, missing_notes, overlap_notes
from offer_eval.core.decision.probability import DRAWS, Offer, acceptability
from offer_eval.core.decision.result import DecisionResult, EarningsSource
from offer_eval.core.decision.score import (
    FloatArray,
    competition_ranks,
    leader_index,
    stability_intervals,
    weighted_score,
    winner_index,
)
from offer_eval.core.decision.scorer import Scorer
from offer_eval.core.decision.tie_salary import TieSalary, tie_salary
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import Scenario


def _empty(scenario: Scenario, note: str) -> DecisionResult:
    return DecisionResult(
        offer_ids=tuple(o.id for o in scenario.offers),
        criterion_ids=tuple(c.id for c in scenario.criteria),
        weights=FrozenMap((c.id, c.weight) for c in scenario.criteria),
        shares=FrozenMap(),
        values=FrozenMap(),
        contributions=FrozenMap(),
        scores=FrozenMap(),
        ranks=FrozenMap(),
        winner=None,
        leader=None,
        money=FrozenMap(),
        weight_stability=FrozenMap((c.id, None) for c in scenario.criteria),
        probability_best=FrozenMap(),
        confidence=scenario.weight_confidence,
        draws=0,
        seed=scenario.simulation.seed,
        tie_salaries=None,
        earnings_source=None,
        explanation=note,
        notes=(note,),
    )


def decide(
    scenario: Scenario,
    money: Mapping[str, PositionMoney],
    expected_earnings_3y: Mapping[str, float] | None = None,
    *,
    tie_salaries: bool = True,
    draws: int = DRAWS,
    earnings_paths: Mapping[str, FloatArray] | None = None,
) -> DecisionResult:
    """Score, rank and compare the scenario's offers.

    `money` holds `position_money` for at least every offer, by position id. `expected_earnings_3y`
    holds, by offer id, the job-search simulation's mean accept-and-search cumulative net earnings
    at month 36 (GBP, full resolution). When it is None (or lacks an offer) the stand-in
    `estimated_earnings_3y` is used instead, the money values say `estimated`, and a note says so.
    `earnings_paths` holds, by offer id, the same figure path by path, for the draws of how sure
    the result is (without it the draws hold the 3-year earnings at their mean).
    `tie_salaries=False` skips the tie-salary search (interactive resolution: it is computed at
    full resolution only). Raises `InvalidValueError` for a missing rating or weights adding up
    to 0, which a validated `Scenario` never has.
    """
    if draws < 1:
        raise InvalidValueError("draws", "must be at least 1")
    offers = scenario.offers
    criteria = scenario.criteria
    if not offers:
        return _empty(scenario, "No offers to score yet.")
    if not criteria:
        return _empty(scenario, "No criteria to score the offers on yet.")
    weights = [c.weight for c in criteria]
    total = math.fsum(weights)
    if not total > 0:
        raise InvalidValueError("criteria", "the weights must add up to more than 0")
    scorer = Scorer(scenario, expected_earnings_3y)

    rows: list[list[float]] = []
    money_rows: dict[str, dict[str, MoneyValue]] = {c.id: {} for c in criteria if c.kind == "money"}
    for index, offer in enumerate(offers):
        values, money_values = scorer.row(index, offer, money[offer.id])
        rows.append(values)
        for cid, item in money_values.items():
            money_rows[cid][offer.id] = item
    scores = [weighted_score(values, weights) for values in rows]
    ranks = competition_ranks(scores)
    win = winner_index(scores)
    lead = leader_index(scores)
    assert lead is not None

    matrix = np.array(rows, dtype=np.float64)
    weight_array = np.array(weights, dtype=np.float64)
    if win is None:
        stability: tuple[tuple[float, float] | None, ...] = (None,) * len(criteria)
    else:
        stability = stability_intervals(matrix, weight_array, win)
    paths = earnings_paths or {}
    draw_offers = [
        Offer(
            offer.id,
            matrix[index],
            scorer.half_widths(offer),
            scorer.path_values(offer, paths.get(offer.id)),
        )
        for index, offer in enumerate(offers)
    ]
    criterion_ids = tuple(c.id for c in criteria)
    sure = acceptability(
        draw_offers,
        criterion_ids,
        weight_array,
        confidence=scenario.weight_confidence,
        seed=scenario.simulation.seed,
        draws=draws,
    )

    ties: FrozenMap[str, TieSalary] | None = None
    if tie_salaries:
        ties = FrozenMap(
            (offer.id, tie_salary(scorer, index, offer, scores, lead))
            for index, offer in enumerate(offers)
        )

    estimated = any(item.estimated for items in money_rows.values() for item in items.values())
    uses_earnings = any(c.metric == "expected_earnings_3y" for c in criteria)
    earnings_source: EarningsSource | None = None
    if uses_earnings:
        earnings_source = "estimate" if estimated else "trajectory"

    offer_ids = tuple(o.id for o in offers)
    result = DecisionResult(
        offer_ids=offer_ids,
        criterion_ids=criterion_ids,
        weights=FrozenMap(zip(criterion_ids, weights, strict=True)),
        shares=FrozenMap((cid, w / total) for cid, w in zip(criterion_ids, weights, strict=True)),
        values=FrozenMap(
            (oid, FrozenMap(zip(criterion_ids, row, strict=True)))
            for oid, row in zip(offer_ids, rows, strict=True)
        ),
        contributions=FrozenMap(
            (
                oid,
                FrozenMap(
                    (cid, w * v / total)
                    for cid, w, v in zip(criterion_ids, weights, row, strict=True)
                ),
            )
            for oid, row in zip(offer_ids, rows, strict=True)
        ),
        scores=FrozenMap(zip(offer_ids, scores, strict=True)),
        ranks=FrozenMap(zip(offer_ids, ranks, strict=True)),
        winner=None if win is None else offer_ids[win],
        leader=offer_ids[lead],
        money=FrozenMap((cid, FrozenMap(items)) for cid, items in money_rows.items()),
        weight_stability=FrozenMap(zip(criterion_ids, stability, strict=True)),
        probability_best=FrozenMap(
            (oid, float(p)) for oid, p in zip(offer_ids, sure.probability_best, strict=True)
        ),
        confidence=scenario.weight_confidence,
        draws=draws,
        seed=scenario.simulation.seed,
        tie_salaries=ties,
        earnings_source=earnings_source,
        explanation="",
        notes=_notes(scenario, money_rows, earnings_source, rows),
        rank_acceptability=FrozenMap(
            (oid, tuple(float(p) for p in row))
            for oid, row in zip(offer_ids, sure.ranks, strict=True)
        ),
        central_weights=FrozenMap(
            (
                oid,
                None
                if not np.isfinite(row).all()
                else FrozenMap(zip(criterion_ids, (float(w) for w in row), strict=True)),
            )
            for oid, row in zip(offer_ids, sure.central_weights, strict=True)
        ),
        rating_noise=any(bool((o.half_widths > 0).any()) for o in draw_offers),
        path_outcomes=any(bool(o.paths) for o in draw_offers),
    )
    return dataclasses.replace(result, explanation=explain(result, scenario))


def _notes(
    scenario: Scenario,
    money_rows: Mapping[str, Mapping[str, MoneyValue]],
    earnings_source: EarningsSource | None,
    rows: list[list[float]],
) -> tuple[str, ...]:
    notes: list[str] = []
    if earnings_source == "estimate":
        notes.append(
            "3-year expected earnings are estimated as year-1 net take-home plus two more years "
            "at the same pay, until the job-search simulation is available"
        )
    notes.extend(missing_notes(scenario, money_rows))
    notes.extend(clamp_notes(scenario, money_rows, rows))
    notes.extend(overlap_notes(scenario))
    return tuple(notes)


def decision_key(
    scenario: Scenario,
    expected_earnings_3y: Mapping[str, float] | None,
    earnings_paths: bool = False,
) -> Hashable:
    """A hashable key of everything `decide` reads, for memoising it.

    The money figures are themselves a function of the offers, the tax settings, the benchmarks
    and the target, so they need no place in the key; nor do the 3-year earnings path by path
    (`earnings_paths` says only whether there are any), which come from the same run as their
    means and are the same whenever the means are.
    """
    earnings = (
        None
        if expected_earnings_3y is None
        else tuple(sorted((k, float(v)) for k, v in expected_earnings_3y.items()))
    )
    return (
        scenario.offers,
        scenario.criteria,
        scenario.tax,
        scenario.target_salary,
        scenario.target_benchmark_id,
        scenario.benchmarks,
        scenario.weight_confidence,
        scenario.simulation.seed,
        earnings,
        earnings_paths,
    )
