"""Properties of the McCall reservation wage that hold for any offer distribution and parameters.

Model and notation as in QuantEcon's "Job Search I: The McCall Search Model"
(https://python.quantecon.org/mccall_model.html) and "Job Search II: Search and Separation"
(https://python.quantecon.org/mccall_model_with_separation.html). With x = u(w*) the reservation
wage solves x = u(c) + k Σ q max{u(w) − x, 0}, k = βp/(1 − β(1 − α)); the right side falls in x
and rises in u(c) and k, and k rises in β and p and falls in α. Hence the monotonicity below, and
u(c) <= x <= max(u(c), max u(w)), i.e. c <= w* <= max(c, max wage), c the income while searching
(above 0 when γ >= 1). CRRA utility is homothetic, so scaling every amount scales w*.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.search import reservation_wage

FloatArray = npt.NDArray[np.float64]

# Ties in floating point: two mathematically ordered answers may differ by rounding only.
REL = 1e-9


@dataclass(frozen=True)
class Case:
    wages: FloatArray
    probabilities: FloatArray
    income: float
    discount: float
    offer_probability: float
    separation_rate: float
    risk_aversion: float

    def solve(self) -> float:
        return reservation_wage(
            self.wages,
            self.probabilities,
            income_while_searching=self.income,
            discount=self.discount,
            offer_probability=self.offer_probability,
            separation_rate=self.separation_rate,
            risk_aversion=self.risk_aversion,
        )

    @property
    def effective_income(self) -> float:
        return self.income


amounts = st.floats(min_value=0.0, max_value=1e5, allow_subnormal=False)
# With risk aversion >= 1 an income of 0 is refused (u(0) is minus infinity), so incomes drawn
# for any risk aversion are positive; `test_zero_income_*` covers 0.
incomes = st.floats(min_value=1e-3, max_value=1e5, allow_subnormal=False)
unit = st.floats(min_value=0.0, max_value=1.0)


@st.composite
def distributions(draw: st.DrawFn) -> tuple[FloatArray, FloatArray]:
    size = draw(st.integers(min_value=1, max_value=60))
    wages = np.array(draw(st.lists(amounts, min_size=size, max_size=size)))
    weights = np.array(
        draw(st.lists(st.floats(min_value=0.01, max_value=1.0), min_size=size, max_size=size))
    )
    return wages, weights / weights.sum()


@st.composite
def cases(draw: st.DrawFn) -> Case:
    wages, probabilities = draw(distributions())
    return Case(
        wages=wages,
        probabilities=probabilities,
        income=draw(incomes),
        discount=draw(st.floats(min_value=0.5, max_value=0.999)),
        offer_probability=draw(unit),
        separation_rate=draw(unit),
        risk_aversion=draw(
            st.one_of(st.sampled_from([0.0, 1.0, 2.0]), st.floats(min_value=0.0, max_value=10.0))
        ),
    )


def at_most(a: float, b: float) -> bool:
    return a <= b + REL * max(abs(a), abs(b))


@given(cases())
def test_result_is_finite_and_between_income_and_the_best_offer(case: Case) -> None:
    w_star = case.solve()
    c = case.effective_income
    assert math.isfinite(w_star)
    assert at_most(c, w_star)
    assert at_most(w_star, max(c, float(case.wages.max())))


@given(cases(), unit)
def test_within_the_wage_range_when_income_is(case: Case, fraction: float) -> None:
    low, high = float(case.wages.min()), float(case.wages.max())
    income = min(max(low + (high - low) * fraction, low), high)
    if case.risk_aversion >= 1 and income <= 0:
        income = high if high > 0 else 1.0  # 0 is refused there; stay inside the range
        low = min(low, income)
        high = max(high, income)
    w_star = replace(case, income=income).solve()
    assert low <= w_star <= high


@given(cases(), incomes)
def test_rises_with_income_while_searching(case: Case, other: float) -> None:
    low, high = sorted((case.income, other))
    assert at_most(replace(case, income=low).solve(), replace(case, income=high).solve())


@given(cases(), st.floats(min_value=0.5, max_value=0.999))
def test_rises_with_the_discount_factor(case: Case, other: float) -> None:
    low, high = sorted((case.discount, other))
    assert at_most(replace(case, discount=low).solve(), replace(case, discount=high).solve())


@given(cases(), unit)
def test_rises_with_the_offer_probability(case: Case, other: float) -> None:
    low, high = sorted((case.offer_probability, other))
    assert at_most(
        replace(case, offer_probability=low).solve(), replace(case, offer_probability=high).solve()
    )


@given(cases(), unit)
def test_falls_with_the_separation_rate(case: Case, other: float) -> None:
    low, high = sorted((case.separation_rate, other))
    assert at_most(
        replace(case, separation_rate=high).solve(), replace(case, separation_rate=low).solve()
    )


@given(cases(), st.floats(min_value=1e-3, max_value=1e3))
def test_scaling_all_amounts_scales_the_answer_when_risk_neutral(case: Case, k: float) -> None:
    case = replace(case, risk_aversion=0.0)
    scaled = replace(case, wages=case.wages * k, income=case.income * k)
    assert math.isclose(scaled.solve(), k * case.solve(), rel_tol=REL, abs_tol=1e-300)


@given(cases(), st.floats(min_value=1e-3, max_value=1e3))
def test_scaling_all_amounts_scales_the_answer_for_any_crra(case: Case, k: float) -> None:
    scaled = replace(case, wages=case.wages * k, income=case.income * k)
    assert math.isclose(scaled.solve(), k * case.solve(), rel_tol=1e-7, abs_tol=1e-300)


@given(cases())
def test_answer_solves_the_reservation_equation(case: Case) -> None:
    # An independent check of V(w*) = U in the risk-neutral case, where u(x) = x exactly.
    case = replace(case, risk_aversion=0.0)
    w_star = case.solve()
    beta, p, alpha = case.discount, case.offer_probability, case.separation_rate
    k = beta * p / (1 - beta * (1 - alpha))
    gain = float(np.maximum(case.wages - w_star, 0.0) @ case.probabilities)
    residual = w_star - case.income - k * gain
    scale = max(case.income, float(case.wages.max())) * (1 + k)
    assert abs(residual) <= 1e-12 * scale


@given(cases())
def test_zero_income_is_refused_only_from_log_utility_up(case: Case) -> None:
    zero = replace(case, income=0.0)
    if case.risk_aversion >= 1:
        with pytest.raises(InvalidValueError):
            zero.solve()
    else:
        assert zero.solve() >= 0.0
