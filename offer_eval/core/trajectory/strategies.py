"""Strategies: the job a plan starts in, whether it keeps searching, and what a run produced."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from offer_eval.core.compensation import annual_pay
from offer_eval.core.models import Position, TaxSettings
from offer_eval.core.trajectory.model import SearchModel
from offer_eval.core.trajectory.net_pay import starting_job_net
from offer_eval.core.trajectory.results import (
    EARNINGS_MONTHS,
    Band,
    Float32Array,
    FloatArray,
)


@dataclass(frozen=True, slots=True, eq=False)
class StrategySpec:
    """One strategy to simulate: the job it starts in and whether it keeps searching in work."""

    base: float
    raise_factor: float
    builds_experience: bool
    end_month: int | None
    net_by_year: tuple[float, ...]
    sign_on_net: float
    searches_while_employed: bool
    market_median: float
    reservation: FloatArray

    def stay_salary(self, months: int) -> FloatArray:
        """Base salary of the starting job in months 0..months if nothing happens (0 once ended).

        Computed in float32 by the same repeated multiplications as the simulation, so a path on
        which nothing happens matches this exactly.
        """
        salary = np.empty(months + 1, dtype=np.float32)
        pay = np.float32(self.base)
        for month in range(months + 1):
            if month > 1 and (month - 1) % 12 == 0:
                pay = np.float32(pay * np.float32(self.raise_factor))
            salary[month] = pay
        if self.end_month is not None:
            salary[self.end_month + 1 :] = 0.0
        return salary.astype(np.float64)

    def monthly_net(self, months: int) -> Float32Array:
        """Net pay of the starting job in each month 1..months (float32, as the simulation adds)."""
        last = len(self.net_by_year) - 1
        return np.array(
            [self.net_by_year[min((m - 1) // 12, last)] / 12.0 for m in range(1, months + 1)],
            dtype=np.float32,
        )


@dataclass(frozen=True, slots=True, eq=False)
class StrategyOutcome:
    """What one simulated (or deterministic) strategy produced; paths are not kept."""

    band: Band
    expected_months_to_better: float
    p_better_within_6: float
    p_better_within_12: float
    earnings_3y: float | None
    paths: int
    p_better_within_horizon: float = float("nan")
    p_ahead: FloatArray | None = None  # by month, against the reference strategy (declining)
    cumulative_paths: Float32Array | None = None  # (months, paths): kept for declining only


def strategy_spec(
    position: Position,
    tax: TaxSettings,
    model: SearchModel,
    *,
    market_median: float,
    reservation: FloatArray,
    searches_while_employed: bool,
    include_sign_on: bool,
    children: int = 0,
    months: int | None = None,
) -> StrategySpec:
    """The simulation's view of a strategy starting in `position`.

    `children` are those the household claims Child Benefit for; a contract's base is what it
    bills in a year, as everywhere else pay is compared. With `months`, the starting job's net
    pay is worked out for the years that many months span (at most the horizon's): a run to
    month 36 alone needs three years, and each year is a whole tax calculation.
    """
    span = model.months if months is None else min(months, model.months)
    years = -(-span // 12)
    nets, lump = starting_job_net(position, tax, years, children)
    return StrategySpec(
        base=annual_pay(position),
        raise_factor=1.0 + position.annual_raise_pct / 100.0,
        builds_experience=position.target_field,
        end_month=position.ends_after_months,
        net_by_year=nets,
        sign_on_net=lump if include_sign_on else 0.0,
        searches_while_employed=searches_while_employed,
        market_median=market_median,
        reservation=reservation,
    )


def stay_band(spec: StrategySpec, months: int) -> Band:
    """The deterministic band of staying in the starting job for good (no layoffs, no end).

    Uses the simulation's arithmetic (float32 pay, float64 running total stored as float32), so
    it equals what a simulated path with no event would show.
    """
    month = np.arange(1, months + 1, dtype=np.int64)
    salary = spec.stay_salary(months)[1:]
    running = np.cumsum(
        np.concatenate([[spec.sign_on_net], spec.monthly_net(months).astype(np.float64)])
    )[1:]
    stored = running.astype(np.float32).astype(np.float64)
    return Band(
        months=month,
        p10=salary.copy(),
        p50=salary.copy(),
        p90=salary.copy(),
        cumulative_p10=stored.copy(),
        cumulative_p50=stored.copy(),
        cumulative_p90=stored,
        cumulative_mean=running,
        deterministic=True,
    )


def needs_simulation_to_stay(position: Position, model: SearchModel) -> bool:
    """Staying is random only with layoffs or a job that ends within the horizon."""
    ends = position.ends_after_months is not None and position.ends_after_months < model.months
    return model.layoff_monthly > 0 or ends or annual_pay(position) <= 0


def deterministic_outcome(band: Band) -> StrategyOutcome:
    """Staying put without layoffs: the band itself, and no better offer ever taken."""
    months = band.months.size
    return StrategyOutcome(
        band=band,
        expected_months_to_better=float(months + 1),
        p_better_within_6=0.0,
        p_better_within_12=0.0,
        earnings_3y=float(band.cumulative_mean[min(EARNINGS_MONTHS, months) - 1]),
        paths=1,
        p_better_within_horizon=0.0,
    )
