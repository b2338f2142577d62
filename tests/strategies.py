"""Hypothesis strategies for valid domain values, shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import (
    Benchmark,
    Criterion,
    Equity,
    NegotiationStep,
    Position,
    Scenario,
    SearchAssumptions,
    Simulation,
    TaxSettings,
)

money = st.floats(min_value=0, max_value=500_000, allow_nan=False, allow_infinity=False)
salary = st.floats(min_value=1_000, max_value=300_000, allow_nan=False, allow_infinity=False)
pct = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)
rating = st.floats(min_value=0, max_value=10, allow_nan=False, allow_infinity=False)
# Printable text including characters a spreadsheet or a JSON encoder might trip on.
text = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)
identifier = st.from_regex(r"[a-z][a-z0-9_-]{0,11}", fullmatch=True)


@st.composite
def equities(draw: st.DrawFn) -> Equity:
    years = draw(st.integers(1, 5))
    even = draw(st.booleans())
    schedule: tuple[float, ...] = ()
    if not even:
        parts = draw(st.lists(st.integers(1, 20), min_size=years, max_size=years))
        total = sum(parts)
        shares = [100.0 * p / total for p in parts]
        shares[-1] = 100.0 - sum(shares[:-1])
        schedule = tuple(shares)
    return Equity(
        grant_value=draw(money),
        vesting_years=years,
        cliff_months=draw(st.integers(0, 24)),
        schedule_pct=schedule,
        liquid=draw(st.booleans()),
        illiquid_discount_pct=draw(pct),
    )


@st.composite
def positions(draw: st.DrawFn, position_id: str, criteria: tuple[Criterion, ...]) -> Position:
    ratings = FrozenMap({c.id: draw(rating) for c in criteria if c.kind == "rating"})
    return Position(
        id=position_id,
        base_salary=draw(salary),
        name=draw(st.none() | text),
        employer=draw(text),
        title=draw(text),
        tax_region=draw(st.sampled_from([None, "rUK", "scotland"])),
        bonus_target_pct=draw(st.floats(0, 50)),
        bonus_payout_pct=draw(st.floats(0, 150)),
        sign_on=draw(st.floats(0, 20_000)),
        equity=draw(st.none() | equities()),
        employer_pension_pct=draw(st.floats(0, 15)),
        employee_pension_pct=draw(st.floats(0, 15)),
        pension_method=draw(
            st.sampled_from(["none", "net_pay", "relief_at_source", "salary_sacrifice"])
        ),
        benefits_value=draw(st.floats(0, 5_000)),
        benefits_taxable=draw(st.booleans()),
        hours_per_week=draw(st.floats(10, 60)),
        holiday_days=draw(st.floats(0, 40)),
        annual_raise_pct=draw(st.floats(-5, 15)),
        commute_days_per_week=draw(st.floats(0, 5)),
        commute_cost_per_day=draw(st.floats(0, 60)),
        commute_minutes_per_day=draw(st.floats(0, 240)),
        living_cost_difference_per_month=draw(st.floats(-1_000, 1_000)),
        relocation_cost=draw(st.floats(0, 10_000)),
        tax_free=draw(st.booleans()),
        ends_after_months=draw(st.none() | st.integers(1, 60)),
        ratings=ratings,
        negotiation=tuple(
            draw(
                st.lists(
                    st.builds(
                        NegotiationStep,
                        st.sampled_from(["offered", "countered", "final"]),
                        salary,
                        st.just(""),
                        text,
                    ),
                    max_size=3,
                )
            )
        ),
        notes=draw(text),
    )


@st.composite
def criteria_sets(draw: st.DrawFn) -> tuple[Criterion, ...]:
    ids = draw(st.lists(identifier, min_size=1, max_size=5, unique=True))
    criteria = []
    for index, criterion_id in enumerate(ids):
        if index == 0 or draw(st.booleans()):
            criteria.append(
                Criterion(
                    criterion_id,
                    draw(text.filter(str.strip)) or "x",
                    weight=draw(st.floats(0.1, 10)),
                )
            )
        else:
            criteria.append(
                Criterion(
                    criterion_id,
                    "Money " + criterion_id,
                    kind="money",
                    weight=draw(st.floats(0, 10)),
                    metric=draw(
                        st.sampled_from(["net_take_home", "total_comp_year1", "vs_benchmark"])
                    ),
                )
            )
    return tuple(criteria)


@st.composite
def scenarios(draw: st.DrawFn, max_offers: int = 3) -> Scenario:
    criteria = draw(criteria_sets())
    benchmark = Benchmark(
        id="bench",
        label=draw(text),
        p25=30_000.0,
        median=draw(st.floats(30_000, 80_000)),
        p75=None,
        source=draw(text),
    )
    offer_ids = draw(
        st.lists(identifier.filter(lambda i: i != "current"), max_size=max_offers, unique=True)
    )
    current = draw(positions("current", criteria))
    offers = tuple(draw(positions(offer_id, criteria)) for offer_id in offer_ids)
    return Scenario(
        name=draw(text),
        current=current,
        tax=TaxSettings(
            year=draw(st.sampled_from([None, "2024/25", "2025/26", "2026/27"])),
            region=draw(st.sampled_from(["rUK", "scotland"])),
            student_loans=draw(
                st.sampled_from([(), ("plan2",), ("plan1", "postgraduate"), ("plan5",)])
            ),
        ),
        target_salary=draw(st.none() | salary),
        target_benchmark_id=draw(st.sampled_from([None, "bench"])),
        benchmarks=(benchmark,),
        offers=offers,
        criteria=criteria,
        search=SearchAssumptions(
            applications_per_month=draw(st.floats(0, 50)),
            callback_rate_novice=draw(st.floats(0, 0.2)),
            callback_rate_experienced=draw(st.floats(0, 0.5)),
        ),
        simulation=Simulation(seed=draw(st.integers(0, 2**31))),
        notes=draw(text),
    )
