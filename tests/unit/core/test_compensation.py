"""Total compensation, vesting, hourly pay, living costs, pay cut and benchmark percentiles."""

from __future__ import annotations

import dataclasses
import math

import pytest

from offer_eval.core.benchmarks import percentile_of, shipped_benchmarks
from offer_eval.core.compensation import (
    equity_vesting_by_year,
    pay_cut,
    position_money,
    year_take_home,
)
from offer_eval.core.evaluate import Evaluator, evaluate
from offer_eval.core.models import Benchmark, Equity, Position, Scenario, TaxSettings

TAX = TaxSettings(year="2026/27")


def test_uneven_schedule_with_a_one_year_cliff() -> None:
    grant = Equity(
        grant_value=100_000, vesting_years=4, cliff_months=12, schedule_pct=(5, 15, 40, 40)
    )
    assert equity_vesting_by_year(grant) == pytest.approx((5_000, 15_000, 40_000, 40_000))


def test_a_cliff_beyond_year_one_moves_the_accrual_to_the_cliff() -> None:
    grant = Equity(grant_value=48_000, vesting_years=4, cliff_months=18)
    # 18 months of 1,000 a month vest at month 18 (year 2); months 19-24 add 6,000.
    assert equity_vesting_by_year(grant) == pytest.approx((0, 24_000, 12_000, 12_000))


def test_no_cliff_vests_monthly() -> None:
    assert equity_vesting_by_year(
        Equity(grant_value=40_000, vesting_years=2, cliff_months=0)
    ) == pytest.approx((20_000, 20_000, 0, 0))


def test_year_one_total_comp_and_four_year_total() -> None:
    position = Position(
        id="p",
        base_salary=50_000,
        bonus_target_pct=10,
        bonus_payout_pct=80,
        sign_on=5_000,
        employer_pension_pct=6,
        benefits_value=1_000,
        annual_raise_pct=0,
        equity=Equity(grant_value=40_000, vesting_years=4, cliff_months=12),
    )
    money = position_money(position, TAX, None, None)
    # 50,000 + 4,000 bonus + 5,000 sign-on + 10,000 equity + 3,000 pension + 1,000 benefits
    assert money.total_comp_year1 == pytest.approx(73_000)
    assert money.total_comp_years_1_4 == pytest.approx(73_000 + 3 * 68_000)
    assert money.total_comp_average == pytest.approx((73_000 + 3 * 68_000) / 4)


def test_raises_compound_each_year() -> None:
    money = position_money(
        Position(id="p", base_salary=40_000, annual_raise_pct=10), TAX, None, None
    )
    assert [round(y.base_salary) for y in money.years] == [40_000, 44_000, 48_400, 53_240]


def test_illiquid_equity_is_kept_apart_and_discounted() -> None:
    private = Equity(grant_value=40_000, vesting_years=4, liquid=False, illiquid_discount_pct=75)
    money = position_money(Position(id="p", base_salary=40_000, equity=private), TAX, None, None)
    assert money.year1.equity == 0
    assert money.illiquid_equity_year1 == pytest.approx(2_500)
    assert money.total_comp_year1 == pytest.approx(40_000)


def test_take_home_includes_bonus_and_sign_on_in_year_one_only() -> None:
    position = Position(
        id="p", base_salary=40_000, bonus_target_pct=10, sign_on=2_000, pension_method="none"
    )
    money = position_money(position, TAX, None, None)
    assert money.take_home.gross == 46_000
    assert money.take_home_recurring.gross == 44_000


def test_remembered_year_take_home_keeps_the_sign_on_and_the_year_apart() -> None:
    """Answers remembered for one position object never stand in for another year, another
    sign-on choice or an equal position's edit (a new object: a slider step's)."""
    with_bonus = Position(
        id="p", base_salary=40_000, sign_on=2_000, annual_raise_pct=0, pension_method="none"
    )
    first = year_take_home(with_bonus, TAX, 1, with_sign_on=True)
    assert first.gross == 42_000
    assert year_take_home(with_bonus, TAX, 1).gross == 40_000
    assert year_take_home(with_bonus, TAX, 1, with_sign_on=True) is first
    assert year_take_home(with_bonus, TAX, 2, with_sign_on=True).gross == 40_000
    raised = dataclasses.replace(with_bonus, base_salary=41_000)
    assert year_take_home(raised, TAX, 1, with_sign_on=True).gross == 43_000
    plain = Position(id="q", base_salary=40_000, pension_method="none")
    assert year_take_home(plain, TAX, 1, with_sign_on=True) == year_take_home(plain, TAX, 1)


def test_pension_is_a_share_of_base_only() -> None:
    position = Position(
        id="p",
        base_salary=40_000,
        bonus_target_pct=25,
        employee_pension_pct=5,
        pension_method="net_pay",
    )
    assert position_money(position, TAX, None, None).take_home.pension_contribution == 2_000


def test_hourly_equivalents() -> None:
    position = Position(id="p", base_salary=39_000, hours_per_week=37.5, holiday_days=25)
    money = position_money(position, TAX, None, None)
    # (52 - 25/5) x 37.5 = 1,762.5 hours
    assert money.hourly_base == pytest.approx(39_000 / 1_762.5)


def test_left_to_live_on_subtracts_commute_living_costs_and_the_move() -> None:
    position = Position(
        id="p",
        base_salary=40_000,
        pension_method="none",
        holiday_days=25,
        commute_days_per_week=2,
        commute_cost_per_day=10,
        living_cost_difference_per_month=100,
        relocation_cost=3_000,
    )
    money = position_money(position, TAX, None, None)
    commute = 2 * 47 * 10
    assert money.commute_cost == pytest.approx(commute)
    assert money.left_to_live_on_year1 == pytest.approx(
        money.net_take_home - commute - 1_200 - 3_000
    )


def test_tax_free_stipend_keeps_everything() -> None:
    stipend = Position(id="phd", base_salary=21_805, tax_free=True)
    assert position_money(stipend, TAX, None, None).net_take_home == 21_805


def test_pay_cut_on_three_bases() -> None:
    current = position_money(
        Position(id="c", base_salary=50_000, pension_method="none"), TAX, None, None
    )
    offer = position_money(
        Position(id="o", base_salary=45_000, pension_method="none"), TAX, None, None
    )
    cut = pay_cut(offer, current)
    assert cut.gross_pct == pytest.approx(-10.0)
    assert cut.total_comp_pct == pytest.approx(-10.0)
    assert cut.net_abs == pytest.approx(offer.net_take_home - current.net_take_home)
    assert cut.net_pct is not None and cut.net_pct > -10.0  # progressive tax softens the cut


def test_pay_cut_against_nothing_is_null() -> None:
    current = position_money(Position(id="c", base_salary=0), TAX, None, None)
    offer = position_money(Position(id="o", base_salary=45_000), TAX, None, None)
    assert pay_cut(offer, current).gross_pct is None


def test_target_comparison() -> None:
    money = position_money(Position(id="o", base_salary=45_000), TAX, None, 60_000)
    assert money.vs_target_pct == pytest.approx(-25.0)


FULL = Benchmark(id="b", label="b", p10=50_000, p25=60_000, median=80_000, p75=100_000, p90=120_000)


def test_percentile_is_linear_in_log_salary() -> None:
    placed = percentile_of(70_000, FULL)
    expected = 25 + 25 * (math.log(70_000) - math.log(60_000)) / (
        math.log(80_000) - math.log(60_000)
    )
    assert placed.percentile == pytest.approx(expected)
    assert percentile_of(80_000, FULL).percentile == 50


@pytest.mark.parametrize(
    ("salary", "word"), [(40_000, "below the 10th"), (130_000, "above the 90th")]
)
def test_outside_the_known_points_there_is_no_percentile(salary: float, word: str) -> None:
    placed = percentile_of(salary, FULL)
    assert placed.percentile is None
    assert word in placed.note


def test_median_only_gives_a_note_not_a_percentile() -> None:
    only = Benchmark(id="m", label="m", median=55_000)
    assert percentile_of(45_000, only).percentile is None
    assert "below the median" in percentile_of(45_000, only).note
    assert percentile_of(55_000, only).percentile == 50


def test_shipped_benchmarks_are_sourced() -> None:
    rows = shipped_benchmarks()
    assert {"ashe-uk-ft-2025", "itjobswatch-ml-london-2025", "itjobswatch-ml-england-2025"} <= {
        b.id for b in rows
    }
    for row in rows:
        assert row.source.startswith("https://"), row.id
        assert row.reliability and row.period, row.id
    london = next(b for b in rows if b.id == "itjobswatch-ml-london-2025")
    assert (london.p10, london.p25, london.median, london.p75, london.p90) == (
        51_250,
        68_375,
        90_000,
        120_000,
        150_000,
    )


def test_evaluate_memoises_money_per_position(demo: Scenario) -> None:
    evaluator = Evaluator()
    evaluator.evaluate(demo)
    first_misses = evaluator.money_memo.misses
    assert first_misses == 1 + len(demo.offers)
    edited = demo.with_position(dataclasses.replace(demo.offers[0], base_salary=47_000))
    evaluator.evaluate(edited)
    assert evaluator.money_memo.misses == first_misses + 1  # only the edited offer ran again


def test_money_of_a_run_of_edits_is_that_of_each_scenario_alone(demo: Scenario) -> None:
    """One evaluator takes the money of a position it met before by identity; every input of it
    still counts: each scenario of a run of edits (a salary, the tax, the household, the target,
    a benchmark's median and back) gets what a new evaluator works out for it alone."""
    offer = demo.offers[0]
    benchmark = demo.benchmark(offer.benchmark_id)
    assert benchmark is not None and benchmark.median is not None
    moved_benchmark = dataclasses.replace(benchmark, median=benchmark.median + 5_000)
    runs = [
        demo,
        demo.with_position(dataclasses.replace(offer, base_salary=47_000)),
        demo.replace(tax=TaxSettings(region="scotland")),
        demo.replace(household=dataclasses.replace(demo.household, children=2)),
        demo.replace(target_salary=70_000.0),
        demo.replace(
            benchmarks=tuple(
                moved_benchmark if b.id == benchmark.id else b for b in demo.benchmarks
            )
        ),
        demo,
    ]
    shared = Evaluator()
    for scenario in runs:
        got = shared.evaluate(scenario, resolution="interactive", parts="money")
        alone = Evaluator().evaluate(scenario, resolution="interactive", parts="money")
        assert got.positions == alone.positions
        assert got.pay_cuts == alone.pay_cuts
    assert len({shared.evaluate(s, parts="money").offers[0] for s in runs[:-1]}) == len(runs) - 1


def test_demo_story_figures(demo: Scenario) -> None:
    evaluation = evaluate(demo)
    offer = evaluation.money("ml-engineer")
    assert offer.base_salary == 45_000
    assert evaluation.pay_cuts["ml-engineer"].gross_pct == pytest.approx(
        (45_000 - 52_000) / 52_000 * 100
    )
    assert offer.vs_benchmark_pct == pytest.approx((45_000 - 55_000) / 55_000 * 100)
    assert offer.vs_target_pct == pytest.approx(-25.0)
    assert demo.is_illustrative


def test_take_home_over_four_years_follows_the_raises() -> None:
    position = Position(
        id="p", base_salary=40_000, annual_raise_pct=10, pension_method="none", sign_on=3_000
    )
    money = position_money(position, TAX, None, None)
    assert [round(t.gross) for t in money.take_home_by_year] == [43_000, 44_000, 48_400, 53_240]
    assert money.take_home_by_year[0] == money.take_home
    assert money.net_take_home_average == pytest.approx(
        sum(t.net for t in money.take_home_by_year) / 4
    )
