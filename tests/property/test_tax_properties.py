"""Properties of UK take-home that must hold for every income, year, region and pension method."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from offer_eval.core.tax import take_home

years = st.sampled_from(["2024/25", "2025/26", "2026/27"])
regions = st.sampled_from(["rUK", "scotland"])
methods = st.sampled_from(["none", "net_pay", "relief_at_source", "salary_sacrifice"])
loans = st.sampled_from(
    [
        (),
        ("plan1",),
        ("plan2",),
        ("plan4",),
        ("plan5",),
        ("postgraduate",),
        ("plan2", "postgraduate"),
    ]
)
gross = st.floats(min_value=0, max_value=400_000, allow_nan=False)
pension = st.floats(min_value=0, max_value=40, allow_nan=False)


@given(gross, years, regions, methods, pension, loans)
def test_net_never_exceeds_gross(
    amount: float, year: str, region: str, method: str, pct: float, plans: tuple[str, ...]
) -> None:
    result = take_home(
        amount,
        tax_year=year,
        region=region,
        pension_method=method,
        pension_pct=pct,
        student_loans=plans,
    )
    assert result.net <= result.gross + 1e-9
    assert (
        min(result.income_tax, result.employee_ni, result.student_loan, result.pension_contribution)
        >= 0
    )


@given(gross, st.floats(min_value=0.01, max_value=50_000), years, regions, methods, pension, loans)
def test_net_never_falls_when_gross_rises(
    amount: float,
    rise: float,
    year: str,
    region: str,
    method: str,
    pct: float,
    plans: tuple[str, ...],
) -> None:
    kwargs = {
        "tax_year": year,
        "region": region,
        "pension_method": method,
        "pension_pct": pct,
        "student_loans": plans,
    }
    lower = take_home(amount, **kwargs)  # type: ignore[arg-type]
    higher = take_home(amount + rise, **kwargs)  # type: ignore[arg-type]
    # Pennies: each deduction is rounded on its own, so allow three half-pennies of rounding.
    assert higher.net >= lower.net - 0.015


@given(gross, years, regions, pension, loans)
def test_salary_sacrifice_never_leaves_less_than_net_pay(
    amount: float, year: str, region: str, pct: float, plans: tuple[str, ...]
) -> None:
    kwargs = {"tax_year": year, "region": region, "pension_pct": pct, "student_loans": plans}
    sacrifice = take_home(amount, pension_method="salary_sacrifice", **kwargs)  # type: ignore[arg-type]
    net_pay = take_home(amount, pension_method="net_pay", **kwargs)  # type: ignore[arg-type]
    assert (
        sacrifice.net + sacrifice.pension_contribution
        >= net_pay.net + net_pay.pension_contribution - 1e-9
    )
