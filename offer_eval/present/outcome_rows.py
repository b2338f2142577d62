"""What the job-search figures and the decision's figures are called, and where each comes from.

The trajectory tab's summary, the workbook's Summary and the report read these rows, so a figure
such as "Better offer within 12 months" has one name wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from offer_eval.core.decision import DecisionResult
from offer_eval.core.trajectory import OfferTrajectory, TrajectoryResult
from offer_eval.present.labels import METRIC_BY_KEY, Label


def _label(key: str, label: str, unit: str, help: str, short: str = "") -> Label:
    return Label(key, label, short or label, unit, help)


@dataclass(frozen=True, slots=True)
class SearchRow:
    """A job-search figure for accepting an offer, with the same figure for declining every offer
    where one exists (None: the figure only means something for an offer)."""

    name: Label
    get: Callable[[OfferTrajectory], float | None]
    decline: Callable[[TrajectoryResult], float | None] | None = None

    @property
    def key(self) -> str:
        return self.name.key

    @property
    def label(self) -> str:
        return self.name.label


# --- the job search ---------------------------------------------------------------------------

SEARCH_ROWS: Final = (
    SearchRow(
        _label(
            "expected_months_to_better_offer",
            "Expected months to a better offer",
            "months",
            "Expected months until you accept an offer paying more than this job would then.",
            short="Months to a better offer",
        ),
        lambda t: t.expected_months_to_better_offer,
        lambda r: r.decline_expected_months_to_offer,
    ),
    SearchRow(
        _label(
            "p_better_within_6",
            "Better offer within 6 months",
            "%",
            "Chance of accepting a better-paid offer within 6 months, searching on.",
        ),
        lambda t: t.p_better_within_6,
        lambda r: r.decline_p_offer_within_6,
    ),
    SearchRow(
        _label(
            "p_better_within_12",
            "Better offer within 12 months",
            "%",
            "Chance of accepting a better-paid offer within 12 months, searching on.",
        ),
        lambda t: t.p_better_within_12,
        lambda r: r.decline_p_offer_within_12,
    ),
    SearchRow(
        _label(
            "break_even_month",
            "Break-even month against declining",
            "month",
            "From this month on, accepting and searching has earned more on average than "
            "declining.",
            short="Pays off from month",
        ),
        lambda t: None if t.break_even_month is None else float(t.break_even_month),
    ),
    SearchRow(
        _label(
            "present_value",
            "Present value, accept and keep searching",
            "£",
            "Net earnings of accepting and searching over the horizon, discounted to today.",
            short="Present value",
        ),
        lambda t: t.present_value,
        lambda r: r.present_value_decline,
    ),
    SearchRow(
        _label(
            "present_value_stay",
            "Present value, accept and stay",
            "£",
            "Net earnings of accepting and staying over the horizon, discounted to today.",
        ),
        lambda t: t.present_value_stay,
    ),
    SearchRow(
        _label(
            "expected_earnings_3y",
            "Expected net earnings over 3 years, accept and keep searching",
            "£",
            "Average net earnings over the first 36 months when you accept and keep searching.",
            short=METRIC_BY_KEY["expected_earnings_3y"].short,
        ),
        lambda t: t.expected_earnings_3y,
    ),
    SearchRow(
        _label(
            "expected_earnings_3y_stay",
            "Expected net earnings over 3 years, accept and stay",
            "£",
            "Average net earnings over the first 36 months when you accept and stay.",
        ),
        lambda t: t.expected_earnings_3y_stay,
    ),
)
SEARCH: Final[Mapping[str, SearchRow]] = {row.key: row for row in SEARCH_ROWS}

P_AHEAD: Final = _label(
    "p_ahead",
    "Chance accepting is ahead",
    "%",
    "By each month: the share of simulated futures in which accepting this offer and searching "
    "on has earned more in total than declining every offer and searching on (the same future "
    "for both).",
    short="Chance ahead",
)
"""The Trajectory tab's third chart and the report's sentence about it."""

RESERVATION_SALARY: Final = _label(
    "reservation_salary",
    "Lowest offer worth taking without a job",
    "£ a year",
    "If you were searching without a job, an offer below this is worth turning down (the "
    "reservation salary).",
    short="Lowest offer without a job",
)
RESERVATION_SALARY_EXPERIENCED: Final = _label(
    "reservation_salary_experienced",
    "Lowest offer worth taking once experienced",
    "£ a year",
    "The same once employers count you as experienced in the new field.",
)

MARKET_MEDIAN: Final = _label(
    "market_median",
    "Market median new offers are drawn around",
    "£ a year",
    "The typical salary of the offers the job search draws, today.",
)
MARKET_SOURCE: Final = _label(
    "market_source", "Where that median comes from", "", "The benchmark or setting behind it."
)
# --- the decision -----------------------------------------------------------------------------

SCORE: Final = _label("score", "Score (0-10)", "points", "The weighted score on a 0-10 scale.")
RANK: Final = _label("rank", "Rank", "", "1 is the best score; ties share a rank.")
PROBABILITY_BEST: Final = _label(
    "probability_best",
    "Best when the weights vary a little",
    "%",
    "How often this offer comes first in draws that vary your weights around yours, each rating "
    "within how sure you are of it and the 3-year earnings over the simulated futures.",
)
MAX_RANK_ROWS: Final = 6
"""Ranks listed one row each after rank 1 (the probability of being best), at most."""


def rank_label(rank: int) -> Label:
    """The row for how often an offer comes `rank`th (2 and beyond) in the same draws."""
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return _label(
        f"rank_{rank}",
        f"Comes {rank}{suffix} in the draws",
        "%",
        f"How often this offer comes {rank}{suffix} in the draws behind the row above.",
    )


def central_weight_label(criterion_label: str) -> Label:
    """The row for a criterion's central weight: its mean share in the draws an offer wins."""
    return _label(
        "central_weight",
        f"Weight when best: {criterion_label}",
        "%",
        "The average weight share of this criterion in the draws where this offer comes first "
        "(blank: it never does); the weightings under which it is the one to choose.",
    )


TIE_SALARY: Final = _label(
    "tie_base_salary",
    "Base salary that would tie the best other offer",
    "£ a year",
    "The base salary at which this offer's score would equal the best other offer's.",
)


TIE_DAY_RATE: Final = _label(
    "tie_day_rate",
    "Day rate that would tie the best other offer",
    "£ a day",
    "For a contract: the day rate at which this offer's score would equal the best other "
    "offer's (the base salary row above shows what that rate bills in a year).",
)


def has_tie_day_rate(decision: DecisionResult) -> bool:
    """True when some offer's tie was searched as a contract's day rate (its own row)."""
    ties = decision.tie_salaries
    return ties is not None and any(tie.is_day_rate for tie in ties.values())


def decision_values(decision: DecisionResult, offer_id: str) -> dict[str, float | None]:
    """The decision rows' values for one offer, keyed as the rows above."""
    tie = decision.tie_salaries.get(offer_id) if decision.tie_salaries is not None else None
    return {
        SCORE.key: decision.scores.get(offer_id),
        RANK.key: float(decision.ranks[offer_id]) if offer_id in decision.ranks else None,
        PROBABILITY_BEST.key: decision.probability_best.get(offer_id),
        TIE_SALARY.key: tie.base_salary if tie is not None else None,
        TIE_DAY_RATE.key: tie.day_rate if tie is not None else None,
    }
