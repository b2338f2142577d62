"""Job-search trajectories: accept and stay, accept and keep searching, or decline and search on.

The model (the choices the product's definition leaves open are stated here):

Time runs in months 1..H. In month t you are paid the salary in force that month and you search:
an offer made in month t and accepted starts in month t + 1. Offers arrive per application: each
application gets a callback with the callback rate and each callback becomes an offer with
`offers_per_callback`, independently, so the chance of at least one offer in a month is
1 − (1 − callback × offers_per_callback)^applications. Only one offer a month is considered (at these
rates two in one month happen in a few per cent of months at most), which keeps the model the
one-offer-a-period McCall model the reservation salary comes from.

The callback rate is the novice rate until the months worked in target-field jobs reach
`experience_threshold_months`; from then on it climbs in equal monthly steps and reaches the
experienced rate after `ramp_months` more months (0: at once). Offers pay a lognormal salary
around the market median, which grows with `market_growth_pct`; before you count as experienced
they are scaled by `novice_discount`, fading with the same steps. Jobs found by searching are in
the target field, raise pay by the search section's `annual_raise_pct` on each anniversary and
are taxed with your tax settings, no bonus and `new_job_pension_pct` into a pension. The job you
start in keeps its own bonus, pension, raises (the current job's anniversaries are taken to fall
at months 13, 25, ... as its start date is unknown) and end date.

While in work you move when an offer pays more than your base salary times (1 + switching
margin); without work you take an offer at or above the reservation salary. Layoffs
(`layoff_rate_pct`, a yearly chance) end a job at the end of a month. Every strategy searches
in one market: the median of the search section's benchmark, else of the scenario's target
benchmark; without either there is no forecast (`NO_MARKET_REASON`), so that accepting and
declining are never compared in different markets and nothing depends on the order of offers.

Common random numbers: the draws (one uniform for the arrival, one standard normal for the offer
salary and one uniform for a layoff, per path and month) depend only on the seed and the path
number, and parameters act on them through inverse-CDF transforms, so a slider moves every path
a little instead of reshuffling them. The interactive resolution uses the first 1,000 paths.

Salary in a band is the annual base in force that month (0 without a job). Cumulative earnings
are net (after income tax, NI, student loan and your own pension contribution) from month 1 to
the end of that month, plus the income while searching in months without a job; commuting,
moving and living costs are not subtracted. Percentiles are taken month by month across paths.

The modules, in the order a result is made: `results` (the types returned), `draws`, `net_pay`,
`model` (monthly tables, the lowest offer worth taking, the market level), `strategies`,
`simulate`, `summary` (break-even, present value, the assumptions in words) and `evaluator`
(memoisation). The text and JSON of a result are `offer_eval.present.trajectory_report`.
"""

from offer_eval.core.trajectory.draws import Draws, make_draws, offer_scale
from offer_eval.core.trajectory.evaluator import TrajectoryEvaluator
from offer_eval.core.trajectory.lowest_salary import LowestSalary, with_salary
from offer_eval.core.trajectory.model import (
    NO_MARKET_REASON,
    NoMarketError,
    SearchModel,
    build_model,
    market_benchmark_id,
    market_level,
    no_credit_scenario,
    reservation_salaries,
)
from offer_eval.core.trajectory.net_pay import NetCurve, found_job_net_curve, starting_job_net
from offer_eval.core.trajectory.results import (
    EARNINGS_MONTHS,
    INTERACTIVE_PATHS,
    MAX_MONTHS,
    Band,
    OfferTrajectory,
    Resolution,
    TrajectoryResult,
)
from offer_eval.core.trajectory.simulate import simulate
from offer_eval.core.trajectory.strategies import (
    StrategyOutcome,
    StrategySpec,
    needs_simulation_to_stay,
    stay_band,
    strategy_spec,
)
from offer_eval.core.trajectory.summary import (
    assumption_notes,
    break_even_month,
    present_value,
    present_value_with_tail,
)

__all__ = [
    "EARNINGS_MONTHS",
    "INTERACTIVE_PATHS",
    "MAX_MONTHS",
    "NO_MARKET_REASON",
    "Band",
    "Draws",
    "LowestSalary",
    "NetCurve",
    "NoMarketError",
    "OfferTrajectory",
    "Resolution",
    "SearchModel",
    "StrategyOutcome",
    "StrategySpec",
    "TrajectoryEvaluator",
    "TrajectoryResult",
    "assumption_notes",
    "break_even_month",
    "build_model",
    "found_job_net_curve",
    "make_draws",
    "market_benchmark_id",
    "market_level",
    "needs_simulation_to_stay",
    "no_credit_scenario",
    "offer_scale",
    "present_value",
    "present_value_with_tail",
    "reservation_salaries",
    "simulate",
    "starting_job_net",
    "stay_band",
    "strategy_spec",
    "with_salary",
]
