"""`DecisionResult`: everything the decision score says about a scenario's offers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from offer_eval.core.decision.money import MoneyValue
from offer_eval.core.decision.tie_salary import TieSalary
from offer_eval.core.frozen import FrozenMap

EarningsSource = Literal["trajectory", "estimate"]


@dataclass(frozen=True, slots=True)
class DecisionResult:
    """Everything the decision score says about a scenario's offers.

    Scores, values and contributions are on the 0-10 scale (contributions are points of the
    score); shares and probabilities are fractions in [0, 1]; money is GBP. Maps are keyed by
    offer id, then criterion id, in the scenario's order. On a tie for first `winner` is None
    and so is every stability interval; `leader` is the highest score regardless.
    """

    offer_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    weights: FrozenMap[str, float]
    shares: FrozenMap[str, float]
    values: FrozenMap[str, FrozenMap[str, float]]
    contributions: FrozenMap[str, FrozenMap[str, float]]
    scores: FrozenMap[str, float]
    ranks: FrozenMap[str, int]
    winner: str | None
    leader: str | None
    money: FrozenMap[str, FrozenMap[str, MoneyValue]]
    weight_stability: FrozenMap[str, tuple[float, float] | None]
    probability_best: FrozenMap[str, float]
    confidence: float
    draws: int
    seed: int
    tie_salaries: FrozenMap[str, TieSalary] | None
    earnings_source: EarningsSource | None
    explanation: str
    notes: tuple[str, ...] = ()
    rank_acceptability: FrozenMap[str, tuple[float, ...]] = field(default_factory=FrozenMap)
    """By offer id: the probability of rank 1, 2, ... (rank 1 is `probability_best`)."""
    central_weights: FrozenMap[str, FrozenMap[str, float] | None] = field(default_factory=FrozenMap)
    """By offer id: the mean weight shares of the draws in which it is best (None: never)."""
    rating_noise: bool = False
    """True when the draws varied the ratings too (some rating has an uncertainty above 0)."""
    path_outcomes: bool = False
    """True when the draws took money outcomes from simulated paths."""

    @property
    def runner_up(self) -> str | None:
        """The best offer other than the leader."""
        # The highest score, the first of equal ones (each offer's place breaks the tie).
        others = [
            (self.scores[oid], -place, oid)
            for place, oid in enumerate(self.offer_ids)
            if oid != self.leader
        ]
        if not others:
            return None
        return max(others)[2]

    def interior_bounds(self) -> tuple[tuple[str, str, float], ...]:
        """(criterion id, "low" or "high", share) for every stability bound strictly inside (0, 1)."""
        out: list[tuple[str, str, float]] = []
        for cid, interval in self.weight_stability.items():
            if interval is None:
                continue
            low, high = interval
            if 0.0 < low < 1.0:
                out.append((cid, "low", low))
            if 0.0 < high < 1.0:
                out.append((cid, "high", high))
        return tuple(out)
