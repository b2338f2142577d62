"""The marginal-rate picture of a position in words and numbers, for the window's chart.

The chart only draws what `marginal_picture` gives it: the kept-of-each-£1,000 curve, where the
position sits on it, the zones where rules bite, each with its name, and two sentences (what the
position keeps of a rise, and what a salary sacrifice to keep the personal allowance would give).
"""

from __future__ import annotations

from dataclasses import dataclass

from offer_eval.core.compensation import household_children
from offer_eval.core.marginal import (
    CURVE_STEP,
    MarginalCurve,
    Zone,
    kept_at,
    position_marginal_curve,
    recurring_gross,
    sacrifice_what_if,
    taper_threshold,
)
from offer_eval.core.models import Scenario
from offer_eval.core.money_text import format_money
from offer_eval.present.labels import LOAN_PLANS, words

ZONE_WORDS = {
    "taper": "Personal allowance taper",
    "child_benefit_charge": "Child Benefit charge",
}


@dataclass(frozen=True, slots=True)
class MarkedZone:
    """A zone of the chart with its words: a band (`end` set) or a threshold line."""

    label: str
    start: float
    end: float | None
    kind: str


@dataclass(frozen=True, slots=True, eq=False)
class MarginalPicture:
    """Everything the marginal-rate chart shows for one position."""

    position_id: str
    curve: MarginalCurve
    gross: float  # where the position sits: its year-1 cash pay before bonus-free rises
    kept: float  # of the next £1,000 from there
    zones: tuple[MarkedZone, ...]
    pay_axis: str  # what the x axis counts: a salary's gross pay, or a contract's billing
    summary: str
    what_if: str


def zone_label(zone: Zone) -> str:
    """The zone's name as the chart writes it beside its band or line."""
    if zone.kind == "student_loan":
        return f"{words(LOAN_PLANS, zone.name)} loan"
    return ZONE_WORDS[zone.kind]


def marginal_picture(scenario: Scenario, position_id: str) -> MarginalPicture:
    """The marginal-rate picture of the current job or an offer of `scenario`, by id."""
    position = scenario.position(position_id)
    tax = scenario.tax
    children = household_children(scenario)
    curve = position_marginal_curve(position, tax, children=children)
    gross = recurring_gross(position)
    kept = kept_at(position, tax, gross, children=children)
    step = format_money(CURVE_STEP)
    summary = (
        f"At {format_money(gross)} a year, of the next {step} you would keep "
        f"{format_money(kept)} ({kept / CURVE_STEP:.0%})."
    )
    if position.pay_type == "day_rate":
        summary += (
            " A contract reaches the tax thresholds only after its engagement's costs, so its "
            "dips come at higher billing than a salary's."
        )
    elif position.tax_free:
        summary += " This income is not taxed."
    return MarginalPicture(
        position_id=position_id,
        curve=curve,
        gross=gross,
        kept=kept,
        zones=tuple(MarkedZone(zone_label(z), z.start, z.end, z.kind) for z in curve.zones),
        pay_axis="Billing a year" if position.pay_type == "day_rate" else "Gross pay a year",
        summary=summary,
        what_if=_what_if_words(scenario, position_id),
    )


def _what_if_words(scenario: Scenario, position_id: str) -> str:
    position = scenario.position(position_id)
    if position.pay_type != "salary" or position.tax_free:
        return ""
    what_if = sacrifice_what_if(position, scenario.tax, children=household_children(scenario))
    threshold = format_money(taper_threshold(scenario.tax))
    if what_if is None:
        return (
            f"Adjusted net income is not over {threshold}: the personal allowance is kept in full."
        )
    return (
        f"Salary sacrifice of {format_money(what_if.sacrificed)} into the pension would bring "
        f"adjusted net income down to {threshold} and keep the personal allowance: take-home "
        f"{format_money(what_if.net_after)} a year ({format_money(-what_if.net_given_up, sign=True)}), "
        f"pension {format_money(what_if.pension_after)} a year "
        f"({format_money(what_if.pension_after - what_if.pension_before, sign=True)})."
    )
