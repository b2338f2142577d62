"""Hypothesis strategies for valid domain values, shared by the property tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from offer_eval.core.frozen import FrozenMap
from offer_eval.core.models import (
    Application,
    Benchmark,
    Criterion,
    Equity,
    Household,
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
uncertainty = st.floats(min_value=0, max_value=3, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2026, 12, 31))


@st.composite
def applications(draw: st.DrawFn, application_id: str) -> Application:
    """A valid log row: stage dates (when given) in order and only for stages reached."""
    applied = draw(days)
    stage = draw(st.sampled_from(["applied", "screen", "interview", "offer"]))
    reached = ("applied", "screen", "interview", "offer").index(stage)
    dates: dict[str, str | None] = {}
    day = applied
    for rank, name in ((1, "screen_date"), (2, "interview_date"), (3, "offer_date")):
        if rank <= reached and draw(st.booleans()):
            day = day + dt.timedelta(days=draw(st.integers(0, 30)))
            dates[name] = day.isoformat()
    outcomes = ["open", "rejected", "withdrawn"] + (
        ["accepted", "declined"] if reached == 3 else []
    )
    return Application(
        id=application_id,
        date=applied.isoformat(),
        employer=draw(text),
        role=draw(text),
        target_field=draw(st.booleans()),
        channel=draw(st.sampled_from(["job_board", "referral", "recruiter", "direct", "other"])),
        stage=stage,  # type: ignore[arg-type]
        outcome=draw(st.sampled_from(outcomes)),
        offered_salary=draw(st.none() | salary) if reached == 3 else None,
        notes=draw(text),
        **dates,
    )


@st.composite
def application_logs(draw: st.DrawFn, max_size: int = 8) -> tuple[Application, ...]:
    ids = draw(st.lists(identifier, max_size=max_size, unique=True))
    return tuple(draw(applications(application_id)) for application_id in ids)


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
    sure = FrozenMap(
        {c.id: draw(uncertainty) for c in criteria if c.kind == "rating" and draw(st.booleans())}
    )
    floor = draw(st.floats(0, 10))
    tax_free = draw(st.booleans())
    return Position(
        id=position_id,
        base_salary=draw(salary),
        name=draw(st.none() | text),
        pay_type="salary" if tax_free else draw(st.sampled_from(["salary", "day_rate"])),
        day_rate=draw(st.floats(0, 2_000)),
        days_per_year=draw(st.floats(100, 260)),
        utilisation_pct=draw(pct),
        engagement=draw(
            st.sampled_from(["inside_ir35_umbrella", "outside_ir35_ltd", "employed_contract"])
        ),
        umbrella_margin=draw(st.floats(0, 2_000)),
        accountancy_cost=draw(st.floats(0, 3_000)),
        pension_match_ratio=draw(st.none() | st.floats(0, 3)),
        pension_match_floor_pct=floor,
        pension_match_cap_pct=draw(st.floats(floor, 20)),
        sacrifice_ni_passed_on_pct=draw(pct),
        bik_private_medical=draw(st.floats(0, 3_000)),
        bik_car_list_price=draw(st.floats(0, 80_000)),
        bik_car_co2_g_km=draw(st.integers(0, 250)),
        bik_car_electric_miles=draw(st.integers(0, 150)),
        bik_other=draw(st.floats(0, 5_000)),
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
        hours_per_week=draw(st.floats(10, 60)),
        holiday_days=draw(st.floats(0, 40)),
        annual_raise_pct=draw(st.floats(-5, 15)),
        commute_days_per_week=draw(st.floats(0, 5)),
        commute_cost_per_day=draw(st.floats(0, 60)),
        commute_minutes_per_day=draw(st.floats(0, 240)),
        living_cost_difference_per_month=draw(st.floats(-1_000, 1_000)),
        relocation_cost=draw(st.floats(0, 10_000)),
        tax_free=tax_free,
        ends_after_months=draw(st.none() | st.integers(1, 60)),
        ratings=ratings,
        rating_uncertainty=sure,
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
                    rating_uncertainty=draw(uncertainty),
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
            stop_at_target=draw(st.booleans()),
            target_field_since=draw(st.none() | days.map(dt.date.isoformat)),
        ),
        simulation=Simulation(
            seed=draw(st.integers(0, 2**31)),
            measure=draw(st.sampled_from(["take_home", "take_home_plus_pension"])),
            real_terms=draw(st.booleans()),
            inflation_pct=draw(st.floats(0, 10)),
            years_after_horizon=draw(st.integers(0, 10)),
        ),
        household=Household(
            children=draw(st.integers(0, 4)), claims_child_benefit=draw(st.booleans())
        ),
        applications=draw(application_logs()),
        notes=draw(text),
    )
