"""The marginal-rate picture of one position: of each extra £1,000 gross, how much is kept, and
what sacrificing pay into the pension to keep the personal allowance would give.

Every figure goes through `position_take_home`, the function the offers' take-home uses, so the
curve knows the position's contract, pension, benefits in kind and the household's Child Benefit
charge. The x axis is the position's cash pay before any pension arrangement (a contract's is its
billing); the employee pension is taken as a % of that pay.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from dataclasses import dataclass
from typing import Any, Final, Literal

from offer_eval.core.compensation import position_take_home, year_pay
from offer_eval.core.models import Position, TaxSettings
from offer_eval.core.pay import SacrificeWhatIf
from offer_eval.core.tax import resolve_tax_year, rules_for

CURVE_TOP: Final = 200_000.0
CURVE_STEP: Final = 1_000.0

ZoneKind = Literal["taper", "child_benefit_charge", "student_loan"]


@dataclass(frozen=True, slots=True)
class Zone:
    """Where a rule bites, in the position's gross pay: a band (`end` set) or a threshold line.

    `name` is the rule's own key (for a loan, its plan), for the words to name it.
    """

    kind: ZoneKind
    name: str
    start: float
    end: float | None


@dataclass(frozen=True, slots=True, eq=False)
class MarginalCurve:
    """Pounds kept of each `step` more gross, band by band from £0 to `top`.

    `kept[i]` is net(gross[i] + step) − net(gross[i]). `zones` place the personal-allowance taper,
    the Child Benefit charge and loan thresholds on the same axis (none for a contract, whose pay
    reaches those rules only after the engagement's costs, nor for untaxed income).
    """

    gross: tuple[float, ...]
    kept: tuple[float, ...]
    step: float
    zones: tuple[Zone, ...]


# Fields of a position that its take-home at a given pay never reads: its pay amounts (the curve
# runs over every pay), what the job is called and where, how it is rated and negotiated, and its
# costs, hours, raises and equity. Every other field keys the curve, so a rule that take-home
# comes to read is in the key without anyone listing it.
NOT_READ_BY_THE_CURVE: Final = frozenset(
    {
        "base_salary",
        "day_rate",
        "sign_on",
        "id",
        "name",
        "employer",
        "title",
        "region",
        "benchmark_id",
        "target_field",
        "ratings",
        "rating_uncertainty",
        "negotiation",
        "notes",
        "commute_days_per_week",
        "commute_cost_per_day",
        "commute_minutes_per_day",
        "living_cost_difference_per_month",
        "relocation_cost",
        "hours_per_week",
        "holiday_days",
        "annual_raise_pct",
        "bonus_target_pct",
        "bonus_payout_pct",
        "ends_after_months",
        "equity",
        "employer_pension_pct",
        "pension_match_ratio",
        "pension_match_floor_pct",
        "pension_match_cap_pct",
        "benefits_value",
    }
)
_RULE_FIELDS: Final = tuple(
    f.name for f in dataclasses.fields(Position) if f.name not in NOT_READ_BY_THE_CURVE
)


def position_marginal_curve(
    position: Position,
    tax: TaxSettings,
    *,
    children: int = 0,
    top: float = CURVE_TOP,
    step: float = CURVE_STEP,
) -> MarginalCurve:
    """The kept-of-each-£`step` curve of `position`'s rules, remembered on exactly the fields
    take-home reads: dragging a salary, renaming the job or rating it finds the curve made."""
    read = tuple(getattr(position, name) for name in _RULE_FIELDS)
    return _curve(read, tax, children, top, step)


@functools.lru_cache(maxsize=64)
def _curve(
    read: tuple[Any, ...], tax: TaxSettings, children: int, top: float, step: float
) -> MarginalCurve:
    fields: dict[str, Any] = dict(zip(_RULE_FIELDS, read, strict=True))
    position = Position(id="curve", base_salary=0.0, **fields)
    points = [i * step for i in range(round(top / step) + 1)]
    results = [
        position_take_home(position, tax, gross=g, pensionable=g, children=children) for g in points
    ]
    kept = tuple(round(b.net - a.net, 2) for a, b in itertools.pairwise(results))
    zones: list[Zone] = []
    if position.pay_type == "salary" and not position.tax_free:
        rules = rules_for(resolve_tax_year(tax.year)[1])
        income = [r.adjusted_net_income for r in results]
        sacrifice = position.pension_method == "salary_sacrifice"
        cash = [r.gross - (r.pension_contribution if sacrifice else 0.0) for r in results]

        def gross_at(values: list[float], level: float) -> float | None:
            """The gross at which `values` (rising with gross) first reaches `level`."""
            for i in range(1, len(points)):
                low, high = values[i - 1], values[i]
                if low <= level <= high and high > low:
                    return points[i - 1] + (level - low) / (high - low) * step
            return 0.0 if values and values[0] >= level else None

        taper = float(rules.taper_threshold)
        taper_end = taper + float(rules.personal_allowance / rules.taper_rate)
        zones += _band("taper", gross_at(income, taper), gross_at(income, taper_end), top)
        if children > 0:
            charge = float(rules.charge_threshold)
            charge_end = charge + 100 * float(rules.charge_step)
            start, end = gross_at(income, charge), gross_at(income, charge_end)
            zones += _band("child_benefit_charge", start, end, top)
        for plan in tax.student_loans:
            rule = rules.loans.get(plan)
            if rule is None:
                continue
            at = gross_at(cash, float(rule.threshold))
            if at is not None:
                zones.append(Zone("student_loan", plan, round(at, 2), None))
    return MarginalCurve(gross=tuple(points[:-1]), kept=kept, step=step, zones=tuple(zones))


def _band(kind: ZoneKind, start: float | None, end: float | None, top: float) -> list[Zone]:
    """The zone of a rule that starts at `start` (none if beyond the curve), cut at `top`."""
    if start is None:
        return []
    return [Zone(kind, kind, round(start, 2), round(end if end is not None else top, 2))]


def kept_at(
    position: Position,
    tax: TaxSettings,
    gross: float,
    *,
    children: int = 0,
    step: float = CURVE_STEP,
) -> float:
    """Pounds kept of `step` more gross from the position's own `gross` (the marker's figure)."""
    before = position_take_home(position, tax, gross=gross, pensionable=gross, children=children)
    after = position_take_home(
        position, tax, gross=gross + step, pensionable=gross + step, children=children
    )
    return round(after.net - before.net, 2)


def recurring_gross(position: Position) -> float:
    """The position's cash pay in a typical year 1 (base or billing plus expected bonus): where
    its marker sits on the curve."""
    base, bonus = year_pay(position, 1)
    return base + bonus


def taper_threshold(tax: TaxSettings) -> float:
    """Adjusted net income above which the year's personal allowance starts to go."""
    return float(rules_for(resolve_tax_year(tax.year)[1]).taper_threshold)


def sacrifice_what_if(
    position: Position, tax: TaxSettings, *, children: int = 0
) -> SacrificeWhatIf | None:
    """Salary sacrifice of the pay that takes adjusted net income over the taper threshold.

    The sacrificed pay leaves the cash gross (no tax, NI or loan on it) and goes into the pension;
    the existing pension stays a % of the salary before the sacrifice, as employers usually keep
    it. None for contracts and untaxed pay, and when income is not over the threshold.
    """
    if position.pay_type != "salary" or position.tax_free:
        return None
    base, bonus = year_pay(position, 1)
    gross = base + bonus
    before = position_take_home(position, tax, gross=gross, pensionable=base, children=children)
    over = before.adjusted_net_income - taper_threshold(tax)
    if over <= 0:
        return None
    sacrificed = round(min(over, gross), 2)
    after = position_take_home(
        position, tax, gross=gross - sacrificed, pensionable=base, children=children
    )
    return SacrificeWhatIf(
        sacrificed=sacrificed,
        net_before=before.net,
        net_after=after.net,
        pension_before=before.pension_contribution,
        pension_after=round(after.pension_contribution + sacrificed, 2),
    )
