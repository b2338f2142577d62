"""The decision score: criteria on a 0-10 scale, the weighted score, and how sure the winner is.

In short:

* A rating criterion is the user's 0-10 rating of an offer. A money criterion maps a money figure
  linearly to 0-10 between two anchors, clamped. Default anchors come from the benchmark for the
  role being moved into and the user's target, never from other offers, so adding or removing an
  offer never changes another offer's score.
* Score = sum(weight × value) / sum(weight), 0-10. Contributions = weight × value / sum(weight)
  (points; they add up to the score). Scores within `TIE_POINTS` tie; ranks are competition ranks
  (1, 1, 3); there is no winner on a tie for first place.
* Weight stability: with one criterion's weight share s and the others rescaled in proportion,
  every score is linear in s, so the interval of s over which the winner stays the winner comes
  from the exact crossings, with no scanning.
* How sure (SMAA-2): joint draws from the scenario seed of the weight shares (Dirichlet around
  the user's), every rating (uniform within ± its uncertainty) and the simulated money outcomes
  (one path per draw): the probability of being best, of each rank, and the central weights.
* Tie salary: the base salary at which an offer's score equals the best other offer's score.

`decide` is pure: the same inputs always give the same result, so `evaluate` can memoise it
(`decision_key` gives a hashable key of everything it reads).

The modules: `criteria` (the defaults), `money` (money figures and their anchors), `score`
(score, ranks, weight stability), `probability` (probability of being best), `scorer`,
`tie_salary`, `result`, `explanation` (the plain sentences kept in the result) and `decide`.
The text and JSON of a result are `offer_eval.present.decision_report`.
"""

from offer_eval.core.decision.criteria import default_criteria
from offer_eval.core.decision.decide import decide, decision_key
from offer_eval.core.decision.explanation import (
    carrying_criteria,
    explain,
    share_text,
    tightest_bound,
)
from offer_eval.core.decision.money import (
    ANCHOR_HIGH_OF_MEDIAN,
    ANCHOR_LOW_OF_MEDIAN,
    NEUTRAL,
    Anchors,
    MoneyValue,
    Reference,
    default_anchors,
    estimated_earnings_3y,
    map_to_scale,
    metric_value,
    money_anchors,
    money_value,
    reference_for,
)
from offer_eval.core.decision.probability import (
    DECISION_STREAM,
    DRAWS,
    Acceptability,
    Offer,
    acceptability,
    decision_rng,
    probability_best,
)
from offer_eval.core.decision.result import DecisionResult, EarningsSource
from offer_eval.core.decision.score import (
    TIE_POINTS,
    competition_ranks,
    leader_index,
    stability_intervals,
    weighted_score,
    winner_index,
)
from offer_eval.core.decision.tie_salary import (
    TIE_SALARY_POINTS,
    TIE_SALARY_TOLERANCE,
    TieKind,
    TieSalary,
)

__all__ = [
    "ANCHOR_HIGH_OF_MEDIAN",
    "ANCHOR_LOW_OF_MEDIAN",
    "DECISION_STREAM",
    "DRAWS",
    "NEUTRAL",
    "TIE_POINTS",
    "TIE_SALARY_POINTS",
    "TIE_SALARY_TOLERANCE",
    "Acceptability",
    "Anchors",
    "DecisionResult",
    "EarningsSource",
    "MoneyValue",
    "Offer",
    "Reference",
    "TieKind",
    "TieSalary",
    "acceptability",
    "carrying_criteria",
    "competition_ranks",
    "decide",
    "decision_key",
    "decision_rng",
    "default_anchors",
    "default_criteria",
    "estimated_earnings_3y",
    "explain",
    "leader_index",
    "map_to_scale",
    "metric_value",
    "money_anchors",
    "money_value",
    "probability_best",
    "reference_for",
    "share_text",
    "stability_intervals",
    "tightest_bound",
    "weighted_score",
    "winner_index",
]
