"""Pay beyond the salary line: employer pension matching, the employer NI a salary sacrifice saves,
and the marginal-rate picture (of each extra £1,000 gross, how much is kept).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from offer_eval.core.contracts import contract_rules
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.resources import read_json_resource
from offer_eval.core.tax import resolve_tax_year, take_home


@dataclass(frozen=True, slots=True)
class MatchingRule:
    """An employer pension that depends on what the employee puts in.

    The employer pays `ratio` times the employee's % up to `cap_pct` (its own most), and never
    less than `floor_pct` (what it pays even if the employee pays nothing), e.g. "we match up to
    6%, with 3% regardless": ratio 1, cap 6, floor 3.
    """

    ratio: float = 1.0
    cap_pct: float = 100.0
    floor_pct: float = 0.0

    def __post_init__(self) -> None:
        for name in ("ratio", "cap_pct", "floor_pct"):
            value = getattr(self, name)
            if not 0 <= value <= (10 if name == "ratio" else 100):
                raise InvalidValueError(name, "must be between 0 and 100 (ratio: 0 to 10)")
        if self.floor_pct > self.cap_pct:
            raise InvalidValueError("floor_pct", "must not be above cap_pct")

    def employer_pct(self, employee_pct: float) -> float:
        """The employer's % of pay for the employee's own %."""
        if not 0 <= employee_pct <= 100:
            raise InvalidValueError("employee_pct", "must be between 0 and 100")
        return max(self.floor_pct, min(self.cap_pct, self.ratio * employee_pct))


def employer_ni_saved(pay: float, sacrificed: float, *, tax_year: str | None = None) -> float:
    """Employer NI an employer saves when `sacrificed` of `pay` becomes a pension contribution.

    Only the part of the sacrifice that was above the secondary threshold saves anything.
    """
    if not 0 <= sacrificed <= pay:
        raise InvalidValueError("sacrificed", "must be between 0 and the pay")
    rules = contract_rules(resolve_tax_year(tax_year)[1])
    threshold = float(rules.employer_ni_threshold)
    rate = float(rules.employer_ni_rate)
    before = max(pay - threshold, 0.0) * rate
    after = max(pay - sacrificed - threshold, 0.0) * rate
    return round(before - after, 2)


def passed_on_ni(
    pay: float, sacrificed: float, share_pct: float, *, tax_year: str | None = None
) -> float:
    """The share of the employer NI saved that the employer adds to the pension."""
    if not 0 <= share_pct <= 100:
        raise InvalidValueError("ni_share_pct", "must be between 0 and 100")
    return round(employer_ni_saved(pay, sacrificed, tax_year=tax_year) * share_pct / 100, 2)


def kept_of_next(net_of: Callable[[float], float], gross: float, step: float = 1_000.0) -> float:
    """Of `step` more gross from `gross`, how much more net is kept (in pounds)."""
    return round(net_of(gross + step) - net_of(gross), 2)


def marginal_kept(
    *,
    tax_year: str | None = None,
    region: str = "rUK",
    student_loans: Sequence[str] = (),
    children: int = 0,
    pension_pct: float = 0.0,
    pension_method: str = "none",
    benefits_in_kind: float = 0.0,
    top: float = 200_000.0,
    step: float = 1_000.0,
) -> list[tuple[float, float]]:
    """For each £`step` band from £0 to `top` gross: (band start, pounds kept of the step).

    Kept is the rise in net pay (after tax, NI, loans, the employee's own pension cost and the
    Child Benefit charge), so the £100,000 allowance taper, the charge zone and loan thresholds
    show up as dips.
    """

    def net_of(gross: float) -> float:
        return take_home(
            gross,
            tax_year=tax_year,
            region=region,
            student_loans=tuple(student_loans),
            children=children,
            pension_pct=pension_pct,
            pension_method=pension_method,
            benefits_in_kind=benefits_in_kind,
        ).net

    points = []
    gross = 0.0
    while gross < top:
        points.append((gross, kept_of_next(net_of, gross, step)))
        gross += step
    return points


def company_car_percentage(
    co2_g_km: int, electric_miles: int = 0, *, tax_year: str | None = None
) -> int:
    """The appropriate percentage of a company car's list price that is taxed (petrol or hybrid).

    Zero-emission cars have their own rate; 1-50 g/km cars go by their electric range; above
    that the rate climbs in 5 g/km steps to the maximum.
    """
    if isinstance(co2_g_km, bool) or not isinstance(co2_g_km, int) or not 0 <= co2_g_km <= 1_000:
        raise InvalidValueError("bik_car_co2_g_km", "must be a whole number from 0 to 1,000")
    if not 0 <= electric_miles <= 1_000:
        raise InvalidValueError("bik_car_electric_miles", "must be from 0 to 1,000")
    table = _company_car_table(resolve_tax_year(tax_year)[1])
    if co2_g_km == 0:
        return int(table["zero_emission_pct"])
    if co2_g_km <= 50:
        for miles, pct in table["one_to_fifty_g_km_by_electric_miles"]:
            if electric_miles >= miles:
                return int(pct)
    pct = 0
    for from_g_km, band_pct in table["from_g_km_pct"]:
        if co2_g_km >= from_g_km:
            pct = band_pct
    return int(min(pct, table["max_pct"]))


@functools.cache
def _company_car_table(tax_year: str) -> Any:
    """A shipped tax year's company-car percentages, read from its file once (callers only read
    it): a what-if step works out a car's benefit for each of the four years shown, and reading
    and parsing the file each time took half of that offer's money work."""
    return read_json_resource("tax", tax_year.replace("/", "-") + ".json")["company_car"]


def company_car_benefit(
    list_price: float, co2_g_km: int, electric_miles: int = 0, *, tax_year: str | None = None
) -> float:
    """The taxable value of a company car for a year: its list price times the percentage."""
    if not 0 <= list_price <= 10_000_000:
        raise InvalidValueError("bik_car_list_price", "must be between 0 and 10,000,000")
    if list_price == 0:
        return 0.0
    pct = company_car_percentage(co2_g_km, electric_miles, tax_year=tax_year)
    return round(list_price * pct / 100, 2)


@dataclass(frozen=True, slots=True)
class SacrificeWhatIf:
    """What sacrificing the pay above a threshold into the pension would do."""

    sacrificed: float
    net_before: float
    net_after: float
    pension_before: float
    pension_after: float

    @property
    def net_given_up(self) -> float:
        """Take-home lost for the extra pension (less than `sacrificed` when relief is high)."""
        return round(self.net_before - self.net_after, 2)


def sacrifice_to_threshold(
    gross: float,
    *,
    threshold: float = 100_000.0,
    tax_year: str | None = None,
    region: str = "rUK",
    student_loans: Sequence[str] = (),
    children: int = 0,
    pension_pct: float = 0.0,
) -> SacrificeWhatIf:
    """Salary sacrifice of everything above `threshold` (on top of `pension_pct` already
    sacrificed): the take-home and pension it gives, e.g. to keep the personal allowance."""
    common: dict[str, Any] = {
        "tax_year": tax_year,
        "region": region,
        "student_loans": tuple(student_loans),
        "children": children,
        "pension_method": "salary_sacrifice",
    }
    before = take_home(gross, pension_pct=pension_pct, **common)
    pay_after_pension = gross - before.pension_contribution
    extra = max(pay_after_pension - threshold, 0.0)
    after_pct = (before.pension_contribution + extra) / gross * 100 if gross else 0.0
    after = take_home(gross, pension_pct=min(after_pct, 100.0), **common)
    return SacrificeWhatIf(
        sacrificed=round(extra, 2),
        net_before=before.net,
        net_after=after.net,
        pension_before=before.pension_contribution,
        pension_after=after.pension_contribution,
    )
