"""Contracts, pension matching and the marginal-rate picture against published worked examples.

Every expected figure is copied from the page named beside it (its address in the test), never
computed by the code under test. Umbrella payslips work per week with HMRC's weekly thresholds
(£96 employer secondary threshold, £242 primary threshold), where a year uses the annual ones
(£5,000, £12,570); 52 weeks of a weekly payslip therefore differ from the annual figure by a
little over £1 (the £8 gap in the employer threshold moves gross pay by 8 x 15% / 1.155 = £1.04),
so those comparisons allow £1.50 and say so.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from offer_eval.core.contracts import (
    contract_take_home,
    corporation_tax,
    days_billed,
    dividend_tax,
    umbrella_pay,
)
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.pay import (
    MatchingRule,
    company_car_benefit,
    company_car_percentage,
    employer_ni_saved,
    marginal_kept,
    passed_on_ni,
    sacrifice_to_threshold,
)
from offer_eval.core.tax import take_home

WEEKLY_TO_ANNUAL = 1.5

# --- Umbrella (inside IR35) ------------------------------------------------------------------

GIANT = "https://calculators.giantgroup.com/umbrella/index.php"


def test_umbrella_matches_giant_weekly_illustration() -> None:
    # Weekly column: assignment income £1,500.00, margin £22.00, employer NI at 15% £179.42,
    # apprenticeship levy at 0.5% £6.46, gross pay including holiday pay £1,292.12, PAYE £275.16,
    # employee NI £64.50, net pay £952.46 (15% and the £96 weekly threshold: 2025/26).
    # Five days at £300 is the week's £1,500; 260 days is 52 weeks.
    result = contract_take_home(
        300,
        engagement="inside_ir35_umbrella",
        days_per_year=260,
        tax_year="2025/26",
        umbrella_margin=52 * 22,
    )
    published = {
        "assignment_income": 52 * 1_500.00,
        "umbrella_margin": 52 * 22.00,
        "employer_ni": 52 * 179.42,
        "apprenticeship_levy": 52 * 6.46,
        "gross": 52 * 1_292.12,
        "income_tax": 52 * 275.16,
        "employee_ni": 52 * 64.50,
        "net": 52 * 952.46,
    }
    for name, value in published.items():
        assert getattr(result, name) == pytest.approx(value, abs=WEEKLY_TO_ANNUAL), (name, GIANT)


def test_umbrella_matches_we_contract_payslip_guide() -> None:
    # https://we-contract.co.uk/payslip-guide (2025/26: NMW £12.21): assignment income £660.00,
    # margin £20; taxable pay £505.56 (40 h at £12.21 = £488.40 plus £17.16) and holiday pay
    # £61.02 accrued. Pay including the holiday is 505.56 + 61.02; the holiday is 12.07% rolled
    # up. (Its employer NI £61.43 and levy £2.53 are on the paid part only, the holiday's share
    # being charged when it is paid, so they are not compared with a year's total.)
    result = contract_take_home(
        132,
        engagement="inside_ir35_umbrella",
        days_per_year=260,
        tax_year="2025/26",
        umbrella_margin=52 * 20,
    )
    assert result.gross == pytest.approx(52 * (505.56 + 61.02), abs=WEEKLY_TO_ANNUAL)
    assert result.holiday_pay == pytest.approx(52 * 61.02, abs=WEEKLY_TO_ANNUAL)


def test_umbrella_pay_solver_matches_quad_management_2020() -> None:
    # https://www.quadmanagement.co.uk/under-ir35-how-much-does-350-per-day-return (July 2020:
    # employer NI 13.8% over £169 a week, levy 0.5%): £1,750 billed, £15 service charge, gross
    # pay £1,538.34 (employer NI £188.97, levy £7.69). Rates of that year are passed in, since
    # the data files start in 2024/25.
    pay = umbrella_pay(
        Decimal(1_750 - 15),
        employer_ni_rate=Decimal("0.138"),
        threshold=Decimal(169),
        levy_rate=Decimal("0.005"),
    )
    assert pay == Decimal("1538.34")
    assert float((pay - 169) * Decimal("0.138")) == pytest.approx(188.97, abs=0.005)
    assert float(pay * Decimal("0.005")) == pytest.approx(7.69, abs=0.005)


def test_umbrella_without_levy_and_margin_is_pay_plus_employer_ni() -> None:
    result = contract_take_home(
        100,
        engagement="inside_ir35_umbrella",
        days_per_year=200,
        tax_year="2026/27",
        apprenticeship_levy_due=False,
    )
    assert result.apprenticeship_levy == 0
    assert result.gross + result.employer_ni == pytest.approx(20_000, abs=0.01)


# --- Limited company (outside IR35) ----------------------------------------------------------

_CT_TABLE = (
    "https://rrl.mytaxapp.co.uk/apps/shared/HTML/Tax_Tables/table_corporation_tax_rates.html"
)


@pytest.mark.parametrize(
    ("profit", "tax_year", "expected", "source"),
    [
        # "L. Messi Ltd ... taxable profits of £150,000 ... Final tax bill: £36,000".
        (
            150_000,
            "2024/25",
            36_000,
            "https://bonhamandbrook.co.uk/corporation-tax-made-simple-marginal-relief-and-how-it-works",
        ),
        # The rate table for the year to 31.3.26: small profits rate 19% on 0 - 50,000 and main
        # rate 25% over 250,000 (the whole profit at one rate in either case).
        (40_000, "2025/26", 0.19 * 40_000, _CT_TABLE),
        (300_000, "2026/27", 0.25 * 300_000, _CT_TABLE),
    ],
)
def test_corporation_tax_with_marginal_relief(
    profit: float, tax_year: str, expected: float, source: str
) -> None:
    assert corporation_tax(profit, tax_year=tax_year) == pytest.approx(expected, abs=0.005), source


def test_corporation_tax_marginal_rate_is_26_5_percent_between_the_limits() -> None:
    # The same table: "Marginal rate 50,001 - 250,000: 26.5%" (25% plus the 3/200 fraction).
    for profit in (60_000, 120_000, 240_000):
        extra = corporation_tax(profit + 1_000, tax_year="2025/26") - corporation_tax(
            profit, tax_year="2025/26"
        )
        assert extra == pytest.approx(265, abs=0.01), _CT_TABLE


def test_corporation_tax_marginal_relief_matches_the_xyz_ltd_example() -> None:
    # Quoted at https://forums.contractoruk.com/general/147140-18-rate-rise-post2950315.html:
    # "XYZ Ltd ... total profits (taxable and augmented profits) of £190,000 for the year to 31
    # March 2024 ... entitled to £900 of marginal relief ... the company pays 24.53% of £190,000
    # (£46,600)". That financial year has the rates, limits and 3/200 fraction of 2024/25.
    assert corporation_tax(190_000, tax_year="2024/25") == pytest.approx(46_600, abs=0.005)


def test_dividend_tax_matches_gov_uk_example() -> None:
    # https://gov.uk/tax-on-dividends/overview: £3,000 of dividends and £29,570 of wages in
    # 2024/25; taxable income £20,000: 20% on £17,000 of wages, nothing on £500 of dividends
    # (the allowance), 8.75% on £2,500 of dividends (£218.75).
    assert dividend_tax(3_000, other_taxable_income=17_000, tax_year="2024/25") == 218.75


def test_dividend_tax_matches_abishel_2026_27_director_example() -> None:
    # https://abishel.co.uk/dividend-tax-increase-2026: "£12,570 salary + £37,700 dividends":
    # £37,200 over the £500 allowance at 10.75% is £3,999 in 2026/27; "2025-26 rules: £3,255".
    assert dividend_tax(37_700, other_taxable_income=0, tax_year="2026/27") == pytest.approx(
        3_999, abs=0.005
    )
    assert dividend_tax(37_700, other_taxable_income=0, tax_year="2025/26") == pytest.approx(
        3_255, abs=0.005
    )


def test_limited_company_year_hangs_together() -> None:
    # £500 a day, 220 days, £1,500 accountancy, 2026/27: revenue £110,000. The parts must add
    # up: revenue = salary + employer NI + accountancy + corporation tax + dividends.
    result = contract_take_home(
        500, engagement="outside_ir35_ltd", tax_year="2026/27", accountancy_cost=1_500
    )
    assert result.assignment_income == 110_000
    parts = (
        result.gross
        + result.employer_ni
        + result.accountancy
        + result.corporation_tax
        + result.dividends
    )
    assert parts == pytest.approx(110_000, abs=0.02)
    # A salary at the personal allowance: no income tax or employee NI on it; 15% employer NI
    # over the £5,000 secondary threshold.
    assert result.gross == 12_570
    assert result.employee_ni == 0
    assert result.employer_ni == pytest.approx(0.15 * (12_570 - 5_000), abs=0.005)
    assert result.income_tax == result.dividend_tax
    assert result.net == pytest.approx(result.gross + result.dividends - result.dividend_tax)
    assert set(result.lines()) == {
        "employer_ni",
        "accountancy",
        "corporation_tax",
        "dividends",
        "dividend_tax",
    }


def test_limited_company_dividends_taper_the_allowance() -> None:
    low = contract_take_home(400, engagement="outside_ir35_ltd", tax_year="2026/27")
    high = contract_take_home(900, engagement="outside_ir35_ltd", tax_year="2026/27")
    assert low.net < high.net
    # Over £125,140 of income the whole allowance is gone, so the salary itself is taxed.
    assert high.gross + high.dividends > 125_140
    assert high.income_tax > high.dividend_tax


def test_employed_contract_is_paye_on_the_billed_days() -> None:
    result = contract_take_home(
        300, engagement="employed_contract", days_per_year=220, utilisation_pct=90
    )
    assert result.days_billed == pytest.approx(198)
    assert result.net == take_home(300 * 198).net


# An employed contract is PAYE on what the days bill, so the published PAYE worked examples are
# its worked examples too: each below is billed as 200 days at the day rate that makes the gross,
# and must give the published figures (the page's address is the case's `source`).
_EMPLOYED_EXAMPLES = (
    "2026-27-rUK-none-28000-aftertax",
    "2026-27-rUK-none-40000-aftertax",
    "2026-27-rUK-none-55000-higher-aftertax",
    "2025-26-rUK-none-110000-PA-taper",
    "2025-26-scotland-none-45000-higher-CIOT",
)


@pytest.mark.parametrize("case_id", _EMPLOYED_EXAMPLES)
def test_employed_contract_matches_published_paye_examples(case_id: str) -> None:
    from tests.unit.test_tax_published import CASES

    case = next(c for c in CASES if c.id == case_id)
    assert case.source.startswith("https://"), case.id
    result = contract_take_home(
        case.gross / 200,
        engagement="employed_contract",
        days_per_year=200,
        tax_year=case.tax_year,
        region=case.region,
        student_loans=case.student_loans,
    )
    assert result.assignment_income == case.gross
    checked = 0
    for name in ("income_tax", "employee_ni", "student_loan", "net"):
        published = getattr(case, name)
        if published is not None:
            assert getattr(result, name) == pytest.approx(published, abs=case.tolerance), (
                name,
                case.source,
            )
            checked += 1
    assert checked, case.id


def test_days_billed_and_bad_input() -> None:
    assert days_billed(220, 80) == pytest.approx(176)
    with pytest.raises(InvalidValueError, match="engagement"):
        contract_take_home(300, engagement="freelance")
    with pytest.raises(InvalidValueError, match="utilisation_pct"):
        contract_take_home(300, engagement="employed_contract", utilisation_pct=120)


# --- Pension matching and the salary-sacrifice NI share --------------------------------------


def test_matching_rule_floor_ratio_and_cap() -> None:
    rule = MatchingRule(ratio=1, cap_pct=6, floor_pct=3)
    assert [rule.employer_pct(pct) for pct in (0, 2, 4, 6, 10)] == [3, 3, 4, 6, 6]
    assert MatchingRule(ratio=2, cap_pct=10).employer_pct(4) == 8
    with pytest.raises(InvalidValueError):
        MatchingRule(floor_pct=8, cap_pct=6)


def test_salary_sacrifice_employer_ni_saving_and_share() -> None:
    # 15% employer NI over £5,000 (2026/27): a £3,000 sacrifice from £60,000 saves £450.
    assert employer_ni_saved(60_000, 3_000, tax_year="2026/27") == 450
    assert passed_on_ni(60_000, 3_000, 50, tax_year="2026/27") == 225
    # Below the secondary threshold nothing is saved.
    assert employer_ni_saved(4_000, 1_000, tax_year="2026/27") == 0


# --- The marginal-rate picture ---------------------------------------------------------------


def test_marginal_rate_in_the_allowance_taper_keeps_380_of_1000() -> None:
    # 2026/27 rUK between £100,000 and £125,140: 40% tax plus the lost allowance (another 20%)
    # and 2% NI: 62% goes, £380 of each £1,000 is kept.
    points = dict(marginal_kept(tax_year="2026/27"))
    assert points[110_000] == 380
    assert points[30_000] == 720  # 20% tax + 8% NI
    assert points[60_000] == 580  # 40% tax + 2% NI
    assert points[130_000] == 530  # 45% tax + 2% NI
    assert len(points) == 200


def test_marginal_rate_shows_the_child_benefit_charge_zone() -> None:
    plain = dict(marginal_kept(tax_year="2026/27"))
    with_children = dict(marginal_kept(tax_year="2026/27", children=2))
    assert with_children[65_000] < plain[65_000]
    assert with_children[85_000] == plain[85_000]


# --- Company car benefit ---------------------------------------------------------------------


def test_company_car_benefit_matches_published_examples() -> None:
    # https://ukcalculator.com/electric-car-tax-benefit.html (2025/26): "Tesla Model 3 Long
    # Range (P11D: £40,000, 0g CO2) - BiK rate: 3% - Taxable benefit: £40,000 × 3% = £1,200".
    assert company_car_benefit(40_000, 0, tax_year="2025/26") == 1_200
    # https://uktaxdrag.co.uk/how-do-company-car-tax-rates-work.html (2026/27): "a £50,000 EV at
    # 4% gives a £2,000 taxable benefit".
    assert company_car_benefit(50_000, 0, tax_year="2026/27") == 2_000


@pytest.mark.parametrize(
    ("co2", "miles", "expected"),
    [
        (0, 0, 2),
        (40, 135, 2),
        (40, 75, 5),
        (40, 45, 8),
        (40, 35, 12),
        (40, 10, 14),
        (52, 0, 15),
        (112, 0, 27),
        (157, 0, 36),
        (180, 0, 37),
    ],
)
def test_company_car_percentages_2024_25(co2: int, miles: int, expected: int) -> None:
    # https://brooksonfaq.co.uk/knowledge-base/how-is-my-p11d-benefit-in-kind-calculated-for-my-car
    # "Petrol powered and hybrid powered cars for the tax year 2024 to 2025" (WLTP column).
    assert company_car_percentage(co2, miles, tax_year="2024/25") == expected


def test_sacrificing_the_pay_over_100000_keeps_the_allowance() -> None:
    # £110,000 in 2026/27 rUK: sacrificing £10,000 gives up 38% of it in take-home (the 62% of
    # tax and NI in the taper band comes back), so £3,800 less cash for £10,000 more pension.
    what_if = sacrifice_to_threshold(110_000, tax_year="2026/27")
    assert what_if.sacrificed == 10_000
    assert what_if.pension_after - what_if.pension_before == pytest.approx(10_000, abs=0.01)
    assert what_if.net_given_up == pytest.approx(3_800, abs=0.02)
    assert sacrifice_to_threshold(90_000, tax_year="2026/27").sacrificed == 0
