"""Behaviour of the take-home model beyond the published cases: rules, rounding, errors."""

from __future__ import annotations

import datetime as dt

import pytest

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.tax import (
    normalise_tax_year,
    resolve_tax_year,
    rules_for,
    shipped_tax_years,
    take_home,
    tax_free,
    tax_year_of,
)


def test_ships_three_tax_years_with_sources() -> None:
    assert shipped_tax_years() == ("2024/25", "2025/26", "2026/27")
    for year in shipped_tax_years():
        rules = rules_for(year)
        assert rules.tax_year == year
        assert all(source.strip() for source in rules.sources)
        assert set(rules.regions) == {"rUK", "scotland"}


def test_story_offer_take_home() -> None:
    """The issue's check: £45,000 in rUK leaves £35,919.60 (tax 6,486.00, NI 2,594.40)."""
    result = take_home(45_000, tax_year="2026/27")
    assert (result.income_tax, result.employee_ni, result.net) == (6_486.00, 2_594.40, 35_919.60)


def test_tax_year_boundaries() -> None:
    assert tax_year_of(dt.date(2026, 4, 5)) == "2025/26"
    assert tax_year_of(dt.date(2026, 4, 6)) == "2026/27"
    assert normalise_tax_year("2025-26") == "2025/26"
    assert normalise_tax_year("2025/2026") == "2025/26"
    with pytest.raises(InvalidValueError, match="not a tax year"):
        normalise_tax_year("2025/27")


def test_later_years_use_latest_rules_and_say_so() -> None:
    result = take_home(45_000, tax_year="2028/29")
    assert result.rules_year == "2026/27"
    assert result.note is not None
    assert "2026/27" in result.note
    assert result.net == take_home(45_000, tax_year="2026/27").net


def test_years_before_the_first_are_refused() -> None:
    with pytest.raises(InvalidValueError, match="no rules for 2019/20"):
        resolve_tax_year("2019/20")


def test_personal_allowance_taper_is_not_rounded() -> None:
    # ANI 100,001: allowance falls by 0.50, taxable income rises by 0.50 at 40%.
    above = take_home(100_001, tax_year="2026/27")
    assert above.personal_allowance == pytest.approx(12_569.5)
    assert take_home(125_140, tax_year="2026/27").personal_allowance == 0.0


def test_rounding_is_half_up_to_the_penny() -> None:
    # £0.0625 above the primary threshold at 8% is exactly half a penny: it rounds up.
    assert take_home(12_570.0625, tax_year="2026/27").employee_ni == 0.01


def test_two_undergraduate_plans_are_refused() -> None:
    with pytest.raises(InvalidValueError, match="at most one undergraduate plan"):
        take_home(40_000, student_loans=("plan1", "plan2"))


def test_postgraduate_adds_to_an_undergraduate_plan() -> None:
    both = take_home(40_000, tax_year="2026/27", student_loans=("plan2", "postgraduate"))
    only = take_home(40_000, tax_year="2026/27", student_loans=("plan2",))
    assert both.student_loan - only.student_loan == pytest.approx((40_000 - 21_000) * 0.06)


def test_plan5_has_no_repayments_before_2026() -> None:
    result = take_home(40_000, tax_year="2025/26", student_loans=("plan5",))
    assert result.student_loan == 0.0
    assert result.note is not None
    assert "plan5" in result.note


@pytest.mark.parametrize("method", ["net_pay", "relief_at_source", "salary_sacrifice"])
def test_pension_contribution_is_the_gross_amount(method: str) -> None:
    result = take_home(50_000, tax_year="2026/27", pension_pct=6, pension_method=method)
    assert result.pension_contribution == 3_000.0


def test_relief_at_source_costs_eighty_percent_and_extends_the_band() -> None:
    plain = take_home(60_000, tax_year="2026/27")
    ras = take_home(60_000, tax_year="2026/27", pension_pct=10, pension_method="relief_at_source")
    assert ras.employee_pension_cost == 4_800.0
    # £6,000 gross moves from the 40% band into the basic band: 20% higher-rate relief.
    assert plain.income_tax - ras.income_tax == pytest.approx(1_200.0)
    # Net pay and relief at source end the year equal once higher-rate relief is in (reference A6).
    net_pay = take_home(60_000, tax_year="2026/27", pension_pct=10, pension_method="net_pay")
    assert ras.net == pytest.approx(net_pay.net, abs=0.02)


def test_scottish_relief_at_source_gives_marginal_relief() -> None:
    """Assumption stated in the data file: bands from the end of the basic band are extended."""
    plain = take_home(60_000, tax_year="2026/27", region="scotland")
    ras = take_home(
        60_000,
        tax_year="2026/27",
        region="scotland",
        pension_pct=10,
        pension_method="relief_at_source",
    )
    # At £60,000 the marginal Scottish rate is 42%: the extension gives 42% - 20% = 22% on £6,000.
    assert plain.income_tax - ras.income_tax == pytest.approx(0.22 * 6_000)


def test_salary_sacrifice_saves_ni_and_loan() -> None:
    net_pay = take_home(
        40_000,
        tax_year="2026/27",
        pension_pct=5,
        pension_method="net_pay",
        student_loans=("plan2",),
    )
    sacrifice = take_home(
        40_000,
        tax_year="2026/27",
        pension_pct=5,
        pension_method="salary_sacrifice",
        student_loans=("plan2",),
    )
    assert net_pay.employee_ni - sacrifice.employee_ni == pytest.approx(2_000 * 0.08)
    assert net_pay.student_loan - sacrifice.student_loan == pytest.approx(2_000 * 0.09)
    assert sacrifice.income_tax == net_pay.income_tax


def test_benefits_in_kind_are_taxed_but_not_cash() -> None:
    base = take_home(40_000, tax_year="2026/27")
    with_bik = take_home(40_000, tax_year="2026/27", benefits_in_kind=1_000)
    assert with_bik.income_tax - base.income_tax == pytest.approx(200.0)
    assert with_bik.employee_ni == base.employee_ni
    assert base.net - with_bik.net == pytest.approx(200.0)


def test_tax_free_income_has_no_deductions() -> None:
    stipend = tax_free(21_805, tax_year="2026/27")
    assert stipend.net == 21_805.0
    assert stipend.deductions == 0.0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"gross": -1}, "gross"),
        ({"gross": float("nan")}, "gross"),
        ({"gross": 1e15}, "gross"),
        ({"gross": 1, "region": "wales"}, "region"),
        ({"gross": 1, "pension_method": "magic"}, "pension_method"),
        ({"gross": 1, "pension_pct": 101}, "pension_pct"),
        ({"gross": 1, "student_loans": ("plan9",)}, "student_loans"),
    ],
)
def test_bad_arguments_name_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidValueError) as raised:
        take_home(**kwargs)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_child_benefit_is_a_year_of_weekly_rates_in_whole_pounds() -> None:
    # 2026/27: £27.05 a week for the eldest, £17.90 for each other child; 52 weeks.
    assert take_home(50_000, tax_year="2026/27", children=1).child_benefit == 1406  # 1,406.60
    assert take_home(50_000, tax_year="2026/27", children=2).child_benefit == 2337  # 2,337.40
    assert take_home(50_000, tax_year="2026/27").child_benefit == 0


def test_child_benefit_charge_steps_one_percent_per_200_pounds_over_60000() -> None:
    # Two children in 2026/27: benefit £2,337. ANI £60,000: no charge; £60,199: 0%; £60,200: 1%
    # (£23.37, rounded down to £23); £70,000: 50% (£1,168.50 -> £1,168); £80,000 and over: all.
    charges = {
        ani: take_home(ani, tax_year="2026/27", children=2).child_benefit_charge
        for ani in (60_000, 60_199, 60_200, 70_000, 80_000, 150_000)
    }
    assert charges == {
        60_000: 0,
        60_199: 0,
        60_200: 23,
        70_000: 1_168,
        80_000: 2_337,
        150_000: 2_337,
    }


def test_child_benefit_charge_uses_adjusted_net_income_and_comes_off_net_not_income_tax() -> None:
    plain = take_home(70_000, tax_year="2026/27")
    with_children = take_home(70_000, tax_year="2026/27", children=2)
    assert with_children.income_tax == plain.income_tax
    assert with_children.net == pytest.approx(plain.net - 1_168)
    # A £10,000 relief-at-source contribution brings ANI to £60,000: no charge.
    sheltered = take_home(
        70_000,
        tax_year="2026/27",
        children=2,
        pension_pct=10_000 / 700,
        pension_method="relief_at_source",
    )
    assert sheltered.adjusted_net_income == pytest.approx(60_000)
    assert sheltered.child_benefit_charge == 0
    # Benefits in kind count towards ANI: £10,000 of them on £70,000 pay is the full charge.
    assert (
        take_home(
            70_000, tax_year="2026/27", children=2, benefits_in_kind=10_000
        ).child_benefit_charge
        == 2_337
    )


@pytest.mark.parametrize("children", [-1, 31, 1.5, True])
def test_children_must_be_a_small_whole_number(children: object) -> None:
    with pytest.raises(InvalidValueError, match="children"):
        take_home(50_000, children=children)  # type: ignore[arg-type]
