"""`decide`: score, rank and compare the scenario's offers; `decision_key` for memoising it."""

from __future__ import annotations

import dataclasses
import math
import operator
import threading
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from offer_eval.core.compensation import PositionMoney
from offer_eval.core.decision.explanation import explain
from offer_eval.core.decision.money import MoneyValue
from offer_eval.core.decision.notes import (
    clamp_notes_weighted,
    end_notes,
    missing_notes,
    overlap_notes,
    unclamped_rows,
)
from offer_eval.core.decision.probability import (
    DRAWS,
    Offer,
    drawn_from,
    drawn_values,
    one_lane,
    weighted_acceptability,
)
from offer_eval.core.decision.result import DecisionResult, EarningsSource
from offer_eval.core.decision.score import (
    FloatArray,
    competition_ranks,
    leader_index,
    ranked_winner,
    stability_intervals,
    weighted_scores,
)
from offer_eval.core.decision.scorer import Scorer
from offer_eval.core.decision.tie_salary import TieSalary, tie_salary
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import Criterion, Position, Scenario


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


@dataclass(frozen=True, slots=True)
class _Prepared:
    """What `decide` works out before it reads a weight: every offer's 0-10 values, its money
    figures and every draw's values. A weight drag asks for the same at each step."""

    offer_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    rows: tuple[tuple[float, ...], ...]
    matrix: FloatArray
    money: FrozenMap[str, FrozenMap[str, MoneyValue]]
    values: FrozenMap[str, FrozenMap[str, float]]
    drawn: FloatArray
    earnings_source: EarningsSource | None
    missing: tuple[str, ...]
    ends: tuple[tuple[str, str], ...]
    raw: tuple[tuple[float, ...], ...] | None
    rating_noise: bool
    path_outcomes: bool


@dataclass(frozen=True, slots=True, eq=False)
class _OfferPart:
    """One offer's share of `_Prepared` and the inputs of its own it was worked out from (the
    offer, its money figures, its 3-year earnings and their paths): its 0-10 values, its money
    values by criterion id, the offer as the draws see it and, for a slider step's draws, its
    values draw by draw (criteria × draws)."""

    inputs: tuple[Position, PositionMoney, float | None, FloatArray | None]
    row: tuple[float, ...]
    money_values: dict[str, MoneyValue]
    draw: Offer
    drawn: FloatArray | None

    def made_from(
        self, inputs: tuple[Position, PositionMoney, float | None, FloatArray | None]
    ) -> bool:
        """Whether `inputs` are the ones this part was made from: the offer, its money and its
        paths the very objects, its earnings the same number."""
        offer, money, earnings, paths = self.inputs
        return (
            inputs[0] is offer
            and inputs[1] is money
            and inputs[3] is paths
            and inputs[2] == earnings
        )


_CRITERION_FIELDS: Final = operator.attrgetter(
    *(f.name for f in dataclasses.fields(Criterion) if f.name != "weight")
)
_SCENARIO_FIELDS: Final = operator.attrgetter(
    *(f.name for f in dataclasses.fields(Scenario) if f.name != "criteria")
)
"""Every field but the weights (of the criteria) and the criteria (of a scenario), as a tuple."""
_prepared_lock = threading.Lock()
_last_prepared: dict[int, tuple[tuple[object, ...], _Prepared]] = {}
"""The last preparation for each number of draws (interactive and full resolution), with the
inputs it was made from."""
_last_parts: dict[int, tuple[tuple[object, ...], dict[str, _OfferPart]]] = {}
"""Each offer's part of the last preparation for each number of draws, with what every offer
shares (`_shared_inputs`) when it was made."""


def forget_prepared() -> None:
    """Forget the remembered preparations (a test's fresh call)."""
    with _prepared_lock:
        _last_prepared.clear()
        _last_parts.clear()


def _prepared_key(
    scenario: Scenario,
    money: Mapping[str, PositionMoney],
    expected_earnings_3y: Mapping[str, float] | None,
    draws: int,
    earnings_paths: Mapping[str, FloatArray] | None,
) -> tuple[object, ...]:
    """Everything `_prepare` reads. Unchanged parts of an edited scenario are the same objects,
    so comparing two keys is mostly identity; the simulated paths are compared by identity only
    (the key holds them, so an id is never reused while it is remembered)."""
    return (
        draws,
        _SCENARIO_FIELDS(scenario),
        tuple(map(_CRITERION_FIELDS, scenario.criteria)),
        tuple(money[o.id] for o in scenario.offers),
        None if expected_earnings_3y is None else dict(expected_earnings_3y.items()),
        None if earnings_paths is None else tuple((k, id(v), v) for k, v in earnings_paths.items()),
    )


def _same_key(new: tuple[object, ...], old: tuple[object, ...]) -> bool:
    """Two `_prepared_key`s alike: arrays (the paths) by identity, everything else by value."""
    *new_head, new_paths = new
    *old_head, old_paths = old
    if new_head != old_head:
        return False
    if new_paths is None or old_paths is None:
        return new_paths is old_paths
    assert isinstance(new_paths, tuple) and isinstance(old_paths, tuple)
    return len(new_paths) == len(old_paths) and all(
        a[0] == b[0] and a[1] == b[1] for a, b in zip(new_paths, old_paths, strict=True)
    )


def _shared_inputs(scenario: Scenario, draws: int) -> tuple[object, ...]:
    """What every offer's part of the preparation reads besides the offer's own inputs: the
    criteria (weights aside), what the money anchors are derived from (the tax settings, the
    target, the benchmarks named for the target role and the search), the seed and the draws."""
    return (
        draws,
        scenario.simulation.seed,
        tuple(map(_CRITERION_FIELDS, scenario.criteria)),
        scenario.tax,
        scenario.target_salary,
        scenario.target_benchmark_id,
        scenario.search.benchmark_id,
        scenario.benchmarks,
    )


def _offer_parts(
    scenario: Scenario,
    money: Mapping[str, PositionMoney],
    expected_earnings_3y: Mapping[str, float] | None,
    draws: int,
    earnings_paths: Mapping[str, FloatArray] | None,
) -> list[_OfferPart]:
    """Every offer's part of the preparation, in order; an offer whose own inputs (the offer,
    its money, its 3-year earnings and their paths) and the shared ones are those of the last
    preparation at this number of draws keeps its part."""
    shared = _shared_inputs(scenario, draws)
    with _prepared_lock:
        last = _last_parts.get(draws)
    known = last[1] if last is not None and last[0] == shared else {}
    scorer = Scorer(scenario, expected_earnings_3y)
    paths = earnings_paths or {}
    parts: list[_OfferPart] = []
    for index, offer in enumerate(scenario.offers):
        inputs = (
            offer,
            money[offer.id],
            None if expected_earnings_3y is None else expected_earnings_3y.get(offer.id),
            paths.get(offer.id),
        )
        part = known.get(offer.id)
        if part is None or not part.made_from(inputs):
            if part is not None and part.inputs[0] is offer and part.inputs[1] is inputs[1]:
                # Only its 3-year earnings moved (a search step): the criteria that read them
                # are scored again, every other value and the rating widths are as they were.
                values, money_values = list(part.row), dict(part.money_values)
                for k, item in scorer.earnings_items(offer, inputs[1]).items():
                    values[k] = item.score
                    money_values[item.criterion_id] = item
                half_widths = part.draw.half_widths
            else:
                values, money_values = scorer.row(index, offer, inputs[1])
                half_widths = scorer.half_widths(offer)
            draw = Offer(
                offer.id,
                np.array(values, dtype=np.float64),
                half_widths,
                scorer.path_values(offer, inputs[3]),
            )
            part = _OfferPart(inputs, tuple(values), money_values, draw, None)
        parts.append(part)
    return parts


def _remember_parts(
    scenario: Scenario, draws: int, parts: list[_OfferPart], drawn: FloatArray | None
) -> None:
    """Keep the offers' parts for the next preparation at this number of draws, each with its
    rows of `drawn` (views: only the newest array stays alive) when it was laid out whole."""
    if drawn is not None:
        parts = [dataclasses.replace(part, drawn=drawn[index]) for index, part in enumerate(parts)]
    with _prepared_lock:
        _last_parts[draws] = (
            _shared_inputs(scenario, draws),
            {o.id: p for o, p in zip(scenario.offers, parts, strict=True)},
        )


def _prepare(
    scenario: Scenario,
    money: Mapping[str, PositionMoney],
    expected_earnings_3y: Mapping[str, float] | None,
    draws: int,
    earnings_paths: Mapping[str, FloatArray] | None,
) -> _Prepared:
    """The weight-independent part of `decide`, remembered for the last inputs at each number
    of draws: a weight drag pays only for weighting what is here, and a salary step works out
    again only the offer it changed (`_offer_parts`)."""
    key = _prepared_key(scenario, money, expected_earnings_3y, draws, earnings_paths)
    with _prepared_lock:
        last = _last_prepared.get(draws)
    if last is not None and _same_key(key, last[0]):
        return last[1]
    offers = scenario.offers
    criteria = scenario.criteria
    parts = _offer_parts(scenario, money, expected_earnings_3y, draws, earnings_paths)
    rows = [part.row for part in parts]
    money_rows: dict[str, dict[str, MoneyValue]] = {c.id: {} for c in criteria if c.kind == "money"}
    for offer, part in zip(offers, parts, strict=True):
        for cid, item in part.money_values.items():
            money_rows[cid][offer.id] = item
    matrix = np.array(rows, dtype=np.float64).reshape(len(offers), len(criteria))
    draw_offers = [part.draw for part in parts]
    criterion_ids = tuple(c.id for c in criteria)
    estimated = any(item.estimated for items in money_rows.values() for item in items.values())
    uses_earnings = any(c.metric == "expected_earnings_3y" for c in criteria)
    earnings_source: EarningsSource | None = None
    if uses_earnings:
        earnings_source = "estimate" if estimated else "trajectory"
    seed = scenario.simulation.seed
    whole = one_lane(draws, len(offers))
    drawn = (
        drawn_from(draw_offers, [part.drawn for part in parts], criterion_ids, seed, draws)
        if whole
        else drawn_values(draw_offers, criterion_ids, seed, draws)
    )
    _remember_parts(scenario, draws, parts, drawn if whole else None)
    prepared = _Prepared(
        offer_ids=tuple(o.id for o in offers),
        criterion_ids=criterion_ids,
        rows=tuple(rows),
        matrix=matrix,
        money=FrozenMap((cid, FrozenMap(items)) for cid, items in money_rows.items()),
        values=FrozenMap(
            (offer.id, FrozenMap(zip(criterion_ids, row, strict=True)))
            for offer, row in zip(offers, rows, strict=True)
        ),
        drawn=drawn,
        earnings_source=earnings_source,
        missing=tuple(missing_notes(scenario, money_rows)),
        ends=end_notes(scenario, money_rows),
        raw=_unless_same(unclamped_rows(scenario, money_rows, rows), rows),
        rating_noise=any(bool((o.half_widths > 0).any()) for o in draw_offers),
        path_outcomes=any(bool(o.paths) for o in draw_offers),
    )
    with _prepared_lock:
        _last_prepared[draws] = (key, prepared)
    return prepared


def _unless_same(
    raw: tuple[tuple[float, ...], ...] | None, rows: list[tuple[float, ...]]
) -> tuple[tuple[float, ...], ...] | None:
    """The unclamped rows, or None when no money figure lies beyond its anchors (the rows as
    scored): the clamp then decides nothing, whatever the weights, and a step need not check."""
    return None if raw is None or list(raw) == rows else raw


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
    the result is (without it the draws hold the 3-year earnings at their mean); its arrays must
    not change once passed (they are remembered by identity).
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
    prepared = _prepare(scenario, money, expected_earnings_3y, draws, earnings_paths)
    rows = prepared.rows
    scores = weighted_scores(rows, weights)
    ranks = competition_ranks(scores)
    win = ranked_winner(ranks)
    lead = leader_index(scores)
    assert lead is not None

    weight_array = np.array(weights, dtype=np.float64)
    if win is None:
        stability: tuple[tuple[float, float] | None, ...] = (None,) * len(criteria)
    else:
        stability = stability_intervals(prepared.matrix, weight_array, win)
    criterion_ids = prepared.criterion_ids
    sure = weighted_acceptability(
        prepared.drawn,
        weight_array,
        confidence=scenario.weight_confidence,
        seed=scenario.simulation.seed,
    )

    ties: FrozenMap[str, TieSalary] | None = None
    if tie_salaries:
        scorer = Scorer(scenario, expected_earnings_3y)
        ties = FrozenMap(
            (offer.id, tie_salary(scorer, index, offer, scores, lead))
            for index, offer in enumerate(offers)
        )

    offer_ids = prepared.offer_ids
    finite_rows: list[bool] = np.all(np.isfinite(sure.central_weights), axis=1).tolist()
    result = DecisionResult(
        offer_ids=offer_ids,
        criterion_ids=criterion_ids,
        weights=FrozenMap(zip(criterion_ids, weights, strict=True)),
        shares=FrozenMap((cid, w / total) for cid, w in zip(criterion_ids, weights, strict=True)),
        values=prepared.values,
        # w·v / Σw for every offer and criterion at once: the same two roundings as one by one.
        contributions=FrozenMap(
            (oid, FrozenMap(zip(criterion_ids, row, strict=True)))
            for oid, row in zip(
                offer_ids, (prepared.matrix * weight_array / total).tolist(), strict=True
            )
        ),
        scores=FrozenMap(zip(offer_ids, scores, strict=True)),
        ranks=FrozenMap(zip(offer_ids, ranks, strict=True)),
        winner=None if win is None else offer_ids[win],
        leader=offer_ids[lead],
        money=prepared.money,
        weight_stability=FrozenMap(zip(criterion_ids, stability, strict=True)),
        probability_best=FrozenMap(zip(offer_ids, sure.probability_best.tolist(), strict=True)),
        confidence=scenario.weight_confidence,
        draws=draws,
        seed=scenario.simulation.seed,
        tie_salaries=ties,
        earnings_source=prepared.earnings_source,
        explanation="",
        notes=_notes(scenario, prepared, rows, weights),
        rank_acceptability=FrozenMap(
            (oid, tuple(row)) for oid, row in zip(offer_ids, sure.ranks.tolist(), strict=True)
        ),
        central_weights=FrozenMap(
            (oid, FrozenMap(zip(criterion_ids, row, strict=True)) if finite else None)
            for oid, row, finite in zip(
                offer_ids,
                sure.central_weights.tolist(),
                finite_rows,
                strict=True,
            )
        ),
        rating_noise=prepared.rating_noise,
        path_outcomes=prepared.path_outcomes,
    )
    return dataclasses.replace(result, explanation=explain(result, scenario))


def _notes(
    scenario: Scenario,
    prepared: _Prepared,
    rows: Sequence[Sequence[float]],
    weights: Sequence[float],
) -> tuple[str, ...]:
    notes: list[str] = []
    if prepared.earnings_source == "estimate":
        notes.append(
            "3-year expected earnings are estimated as year-1 net take-home plus two more years "
            "at the same pay, until the job-search simulation is available"
        )
    notes.extend(prepared.missing)
    notes.extend(clamp_notes_weighted(scenario, prepared.ends, rows, prepared.raw, weights))
    notes.extend(overlap_notes(scenario))
    return tuple(notes)


class DecisionKey:
    """What `decision_key` gives: its parts, compared by value, with their hash worked out once.

    The parts an edit left alone are the very objects of the previous key (a weight drag makes
    new criteria and nothing else), so their hashes are taken from that key rather than
    worked out again: hashing a dozen offers field by field was a good part of a weight step.
    """

    __slots__ = ("_hash", "parts")

    def __init__(self, parts: tuple[Hashable, ...]) -> None:
        self.parts = parts
        last = _last_hashed[-1]
        if len(last[0]) == len(parts):
            hashes = tuple(
                known if part is before else hash(part)
                for part, before, known in zip(parts, last[0], last[1], strict=True)
            )
        else:
            hashes = tuple(map(hash, parts))
        self._hash = hash(hashes)
        _last_hashed[-1] = (parts, hashes)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DecisionKey):
            return NotImplemented
        return self is other or (self._hash == other._hash and self.parts == other.parts)

    def __repr__(self) -> str:
        return f"DecisionKey{self.parts!r}"


_last_hashed: list[tuple[tuple[Hashable, ...], tuple[int, ...]]] = [((), ())]
"""The parts of the last `DecisionKey` made and their hashes: one pair, replaced whole, so a
thread reads either the old pair or the new one, and either gives right hashes."""


def decision_key(
    scenario: Scenario,
    expected_earnings_3y: Mapping[str, float] | None,
    earnings_paths: bool = False,
) -> DecisionKey:
    """A hashable key of everything `decide` reads, for memoising it.

    The money figures are a function of the offers, the tax settings, the household (its
    children's child benefit charge), the benchmarks and the target; the money scale reads the
    search benchmark when there is no target one. Those are all in the key. The 3-year earnings
    path by path are not (`earnings_paths` says only whether there are any): they come from the
    same run as their means and are the same whenever the means are.
    """
    earnings = (
        None
        if expected_earnings_3y is None
        else tuple(sorted((k, float(v)) for k, v in expected_earnings_3y.items()))
    )
    return DecisionKey(
        (
            scenario.offers,
            scenario.criteria,
            scenario.tax,
            scenario.target_salary,
            scenario.target_benchmark_id,
            scenario.search.benchmark_id,
            scenario.household,
            scenario.benchmarks,
            scenario.weight_confidence,
            scenario.simulation.seed,
            earnings,
            earnings_paths,
        )
    )
