"""What a trajectory evaluation returns: fan-chart bands, one offer's figures, the whole result.

Also the array aliases and the sizes every part of the trajectory package shares.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt

from offer_eval.core.frozen import FrozenMap

Resolution = Literal["full", "interactive"]
FloatArray = npt.NDArray[np.float64]
Float32Array = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

INTERACTIVE_PATHS: Final = 1_000
"""Paths behind the interactive resolution: the first 1,000 of the same paths."""
EARNINGS_MONTHS: Final = 36
"""`expected_earnings_3y` is the mean cumulative net earnings at this month."""
MAX_MONTHS: Final = 60


def frozen(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """`array`, made read-only: results are shared between callers and caches."""
    array.setflags(write=False)
    return array


@dataclass(frozen=True, slots=True, eq=False)
class Band:
    """A strategy's fan chart: month-by-month percentiles across simulated paths (GBP).

    `months` are 1..H. `p10`, `p50`, `p90`: annual base salary in force that month (GBP a year, 0
    without a job). `cumulative_p10/p50/p90`: net earnings from month 1 to the end of the month
    (GBP), each percentile taken across paths month by month, so a percentile curve need not be
    one path; `cumulative_mean` is the mean over paths. A deterministic band (accept and stay
    without layoffs) has all three percentiles equal. Arrays are numpy float64, read-only.
    """

    months: IntArray
    p10: FloatArray
    p50: FloatArray
    p90: FloatArray
    cumulative_p10: FloatArray
    cumulative_p50: FloatArray
    cumulative_p90: FloatArray
    cumulative_mean: FloatArray
    deterministic: bool = False

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            if isinstance(value, np.ndarray):
                frozen(value)

    def month(self, month: int) -> int:
        """Array index of a 1-based month."""
        if not 1 <= month <= len(self.months):
            raise IndexError(f"month {month} is outside 1..{len(self.months)}")
        return month - 1


@dataclass(frozen=True, slots=True, eq=False)
class OfferTrajectory:
    """What accepting one offer leads to, staying put or searching on (GBP; months 1-based).

    `expected_months_to_better_offer` is E[min(T, H+1)], T the first month in which you accept an
    offer paying more than this job would be paying then. `break_even_month` is the first month m
    with the mean paired difference in cumulative net earnings (accept and search − decline) above
    0 in every month from m to H; None if there is none. `present_value`: expected net earnings of
    accepting and searching over the horizon, each month discounted at `discount_rate_pct` a year.
    `expected_earnings_3y`: mean over paths of cumulative net earnings at month 36 when accepting
    and searching, at the resolution of the result (the first 1,000 paths at the interactive one).
    """

    offer_id: str
    accept_and_stay: Band
    accept_and_search: Band
    expected_months_to_better_offer: float
    p_better_within_6: float
    p_better_within_12: float
    break_even_month: int | None
    present_value: float
    expected_earnings_3y: float
    mean_difference_vs_decline: FloatArray
    present_value_stay: float
    expected_earnings_3y_stay: float
    market_median: float
    p_better_within_horizon: float = float("nan")
    present_value_with_tail: float = float("nan")
    p_ahead: FloatArray | None = None
    """By month: the share of simulated futures in which accepting and searching on has earned
    more in total than declining and searching on (the same future for both)."""

    def __post_init__(self) -> None:
        frozen(self.mean_difference_vs_decline)


@dataclass(frozen=True, slots=True, eq=False)
class TrajectoryResult:
    """Every trajectory output for one scenario (GBP; salaries a year; months 1-based).

    `reservation_salary`: the lowest offer worth taking when searching without a job (annual, at
    today's market and your current experience). `decline_and_search`: the band for declining every
    offer and searching on from the current job. `offers` maps offer id to its `OfferTrajectory`.
    `paths` is the number of paths behind the bands (1,000 at the interactive resolution).
    `assumptions` explains the model in plain words, one sentence each.
    """

    reservation_salary: float
    decline_and_search: Band
    offers: FrozenMap[str, OfferTrajectory]
    resolution: Resolution
    paths: int
    months: int
    seed: int
    assumptions: tuple[str, ...]
    market_median: float
    market_source: str
    decline_expected_months_to_offer: float
    decline_p_offer_within_6: float
    decline_p_offer_within_12: float
    present_value_decline: float
    reservation_salary_experienced: float
    decline_p_offer_within_horizon: float = float("nan")
    present_value_decline_with_tail: float = float("nan")
    years_after_horizon: int = 0
    market_benchmark_id: str | None = None

    def offer(self, offer_id: str) -> OfferTrajectory:
        """The trajectory of one offer."""
        return self.offers[offer_id]
