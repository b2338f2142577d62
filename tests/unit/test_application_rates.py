"""Rates from the application log, checked against figures worked out by hand.

The log below has 40 rows: 4 outside the new field, 24 in it before the user counted as
experienced (target-field work since 2025-01-15, threshold 6 months: experienced from
2025-07-15) and 12 after. Counting the rows by hand:

- funnel: 40 applied; 10 reached the screen (novice 4, experienced 5, other field 1); 5 an
  interview (novice 2, experienced 3); 2 an offer (one each);
- novice callbacks 4 of 24, experienced 5 of 12; offers 2 of the 9 target-field callbacks;
- applications per month: the latest is 2025-10-31; from 2025-08-01 to 2025-10-31 there are 9
  experienced rows and 2 from the other field, 11 / 3 months.

With the default prior (3.5% callbacks worth 30 applications: a = 1.05, b = 28.95; 25% of
callbacks worth 4: a = 1, b = 3) the posteriors are Beta(5.05, 48.95), Beta(6.05, 35.95) and
Beta(3, 10), whose means are 5.05/54, 6.05/42 and 3/13. Their 10th and 90th percentiles were
computed by LibreOffice Calc's BETAINV, never by offer_eval.
"""

from __future__ import annotations

import dataclasses

import pytest

from offer_eval.core.application import Application
from offer_eval.core.application_rates import (
    applications_per_month,
    applications_per_month_range,
    beta_quantile,
    experienced_on,
    gamma_quantile,
    novice_counts,
    summarise,
    whole_months,
)
from offer_eval.core.assumptions import SearchAssumptions, SearchHistory

# (id, date, in the new field, stage reached, extra fields)
ROWS: list[tuple[str, str, bool, str, dict[str, object]]] = [
    ("n1", "2024-12-10", False, "applied", {"outcome": "rejected"}),
    ("n2", "2025-02-03", False, "screen", {"outcome": "rejected"}),
    ("n3", "2025-08-12", False, "applied", {}),
    ("n4", "2025-09-22", False, "applied", {}),
    ("1", "2024-12-12", True, "applied", {}),
    ("2", "2024-12-19", True, "applied", {}),
    ("3", "2025-01-08", True, "applied", {}),
    ("4", "2025-01-20", True, "screen", {"screen_date": "2025-01-29", "outcome": "rejected"}),
    ("5", "2025-02-05", True, "applied", {}),
    ("6", "2025-02-14", True, "applied", {}),
    ("7", "2025-02-27", True, "applied", {}),
    ("8", "2025-03-10", True, "applied", {}),
    (
        "9",
        "2025-03-14",
        True,
        "interview",
        {"screen_date": "2025-03-21", "interview_date": "2025-04-02", "outcome": "rejected"},
    ),
    ("10", "2025-03-28", True, "applied", {}),
    ("11", "2025-04-07", True, "applied", {}),
    ("12", "2025-04-15", True, "applied", {}),
    ("13", "2025-04-30", True, "applied", {}),
    ("14", "2025-05-06", True, "screen", {"outcome": "rejected"}),
    ("15", "2025-05-19", True, "applied", {}),
    ("16", "2025-05-30", True, "applied", {}),
    (
        "17",
        "2025-06-09",
        True,
        "offer",
        {"offer_date": "2025-07-01", "offered_salary": 40_000.0, "outcome": "accepted"},
    ),
    ("18", "2025-06-16", True, "applied", {}),
    ("19", "2025-06-23", True, "applied", {"outcome": "withdrawn"}),
    ("20", "2025-06-30", True, "applied", {}),
    ("21", "2025-07-03", True, "applied", {}),
    ("22", "2025-07-08", True, "applied", {}),
    ("23", "2025-07-11", True, "applied", {}),
    ("24", "2025-07-14", True, "applied", {}),  # 5 whole months after 2025-01-15: still novice
    ("25", "2025-07-15", True, "screen", {}),  # exactly 6 months: experienced
    ("26", "2025-07-22", True, "applied", {}),
    ("27", "2025-07-31", True, "applied", {}),  # the day the 3-month window starts after
    ("28", "2025-08-05", True, "interview", {}),
    ("29", "2025-08-18", True, "applied", {}),
    ("30", "2025-08-29", True, "applied", {}),
    ("31", "2025-09-03", True, "screen", {}),
    ("32", "2025-09-15", True, "applied", {}),
    ("33", "2025-09-30", True, "interview", {}),
    ("34", "2025-10-08", True, "offer", {"offered_salary": 52_000.0}),
    ("35", "2025-10-20", True, "applied", {}),
    ("36", "2025-10-31", True, "applied", {}),
]
LOG = tuple(
    Application(id=i, date=d, target_field=t, stage=s, **extra)  # type: ignore[arg-type]
    for i, d, t, s, extra in ROWS
)
SEARCH = SearchAssumptions(target_field_since="2025-01-15", experience_threshold_months=6)


def test_the_log_has_forty_rows() -> None:
    assert len(LOG) == 40


def test_funnel_counts_applications_reaching_at_least_each_stage() -> None:
    summary = summarise(LOG, SEARCH)
    assert summary is not None
    assert summary.count == 40
    assert summary.funnel == (("applied", 40), ("screen", 10), ("interview", 5), ("offer", 2))
    assert summary.target_field_count == 36


def test_callback_rates_split_by_experience_on_the_day_applied() -> None:
    summary = summarise(LOG, SEARCH)
    assert summary is not None
    novice, experienced = summary.callback_rate_novice, summary.callback_rate_experienced
    assert (novice.n, novice.successes) == (24, 4)
    assert novice.mean == pytest.approx(5.05 / 54, abs=1e-12)
    assert novice.p10 == pytest.approx(0.0472860285661725, abs=1e-9)
    assert novice.p90 == pytest.approx(0.146345467019378, abs=1e-9)
    assert (experienced.n, experienced.successes) == (12, 5)
    assert experienced.mean == pytest.approx(6.05 / 42, abs=1e-12)
    assert experienced.p10 == pytest.approx(0.0796431355860969, abs=1e-9)
    assert experienced.p90 == pytest.approx(0.215941766988154, abs=1e-9)


def test_offers_per_callback_pools_the_target_field_callbacks() -> None:
    summary = summarise(LOG, SEARCH)
    assert summary is not None
    rate = summary.offers_per_callback
    assert (rate.n, rate.successes) == (9, 2)
    assert rate.mean == pytest.approx(3 / 13, abs=1e-12)
    assert rate.p10 == pytest.approx(0.095652905568604, abs=1e-9)
    assert rate.p90 == pytest.approx(0.385521691467882, abs=1e-9)


def test_applications_per_month_over_the_last_three_months() -> None:
    summary = summarise(LOG, SEARCH)
    assert summary is not None
    assert summary.applications_per_month == pytest.approx(11 / 3, abs=1e-12)


def test_without_a_start_date_every_application_is_novice() -> None:
    summary = summarise(LOG, dataclasses.replace(SEARCH, target_field_since=None))
    assert summary is not None
    novice = summary.callback_rate_novice
    assert (novice.n, novice.successes) == (36, 9)
    assert novice.mean == pytest.approx(10.05 / 66, abs=1e-12)
    assert novice.p10 == pytest.approx(0.0985191105405284, abs=1e-9)
    assert novice.p90 == pytest.approx(0.210631442971308, abs=1e-9)
    empty = summary.callback_rate_experienced  # no applications: the prior itself
    assert (empty.n, empty.successes) == (0, 0)
    assert empty.mean == pytest.approx(0.035, abs=1e-12)
    assert empty.p10 == pytest.approx(0.00416014944385656, abs=1e-9)
    assert empty.p90 == pytest.approx(0.0791370684791755, abs=1e-9)


def test_the_prior_comes_from_the_search_history() -> None:
    history = SearchHistory(prior_offers_per_callback=0.25, prior_callbacks=8.0)
    summary = summarise(LOG, dataclasses.replace(SEARCH, history=history))
    assert summary is not None
    # Beta(2 + 2, 6 + 7): the prior worth 8 callbacks, a = 2, b = 6.
    assert summary.offers_per_callback.mean == pytest.approx(4 / 17, abs=1e-12)


def test_novice_counts_are_what_set_rates_writes() -> None:
    counts = novice_counts(LOG, SEARCH)
    assert (counts.applications, counts.callbacks, counts.offers) == (24, 4, 1)


def test_an_empty_log_has_no_summary() -> None:
    assert summarise((), SEARCH) is None


@pytest.mark.parametrize(
    ("start", "day", "months"),
    [
        ("2025-01-15", "2025-07-14", 5),
        ("2025-01-15", "2025-07-15", 6),
        ("2025-01-31", "2025-02-28", 0),
        ("2025-01-31", "2025-03-31", 2),
        ("2025-03-01", "2025-02-01", 0),
        ("2024-11-30", "2025-11-30", 12),
    ],
)
def test_whole_months(start: str, day: str, months: int) -> None:
    import datetime as dt

    assert whole_months(dt.date.fromisoformat(start), dt.date.fromisoformat(day)) == months


def test_experience_starts_on_the_threshold_day() -> None:
    import datetime as dt

    assert not experienced_on(dt.date(2025, 7, 14), SEARCH)
    assert experienced_on(dt.date(2025, 7, 15), SEARCH)
    assert not experienced_on(dt.date(2024, 7, 15), SEARCH)


def test_a_short_log_is_measured_over_its_own_span() -> None:
    import datetime as dt

    # 20 applications from 1 March to 15 April 2025: 46 days inclusive, 46 / 30.4375 months.
    days = [dt.date(2025, 3, 1) + dt.timedelta(days=d) for d in range(0, 40, 2)]
    days[-1] = dt.date(2025, 4, 15)
    assert len(days) == 20
    assert applications_per_month(days) == pytest.approx(20 / (46 / 30.4375), abs=1e-9)
    # Under a month of log counts as a month: 10 applications in 15 days are 10, not 20.
    assert applications_per_month(days[:8] + [dt.date(2025, 3, 15)] * 2) == pytest.approx(10.0)


def test_window_ends_of_short_months() -> None:
    import datetime as dt

    # Latest 2025-05-31: the window starts after 2025-02-28 (February has no 31st).
    days = [dt.date(2024, 1, 1), dt.date(2025, 2, 28), dt.date(2025, 3, 1), dt.date(2025, 5, 31)]
    assert applications_per_month(days) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("p", "a", "b", "expected"),
    [
        (0.1, 5.05, 141.95, 0.0169962013790895),
        (0.9, 5.05, 141.95, 0.0544387937843133),
        (0.1, 2, 6, 0.0788234461601413),
        (0.9, 2, 6, 0.4525649433578),
    ],
)
def test_beta_quantiles_match_libreoffice(p: float, a: float, b: float, expected: float) -> None:
    assert beta_quantile(p, a, b) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("count", "months", "p10", "p90"),
    [
        # LibreOffice Calc: GAMMAINV(0.1; count + 0.5; 1 / months) and GAMMAINV(0.9; ...).
        (11, 3.0, 2.47465929987795, 5.33448328028405),
        (27, 3.0, 7.00993721443932, 11.4660357066182),
        (20, 46 / 30.4375, 9.89453362646855, 17.5176123271066),
        (0, 3.0, 0.00263179568223854, 0.450923909015902),
        (1, 1.0, 0.292187187077592, 3.12569431558516),
    ],
)
def test_the_gamma_quantiles_agree_with_a_spreadsheet(
    count: int, months: float, p10: float, p90: float
) -> None:
    assert gamma_quantile(0.1, count + 0.5) / months == pytest.approx(p10, abs=1e-9)
    assert gamma_quantile(0.9, count + 0.5) / months == pytest.approx(p90, abs=1e-9)


def test_applications_a_month_have_a_likely_range() -> None:
    # The 40-row log: 11 applications in the 3 months to 2025-10-31 (worked out above).
    rate = applications_per_month_range([a.applied_on for a in LOG])
    assert rate is not None
    assert (rate.count, rate.months) == (11, 3.0)
    assert rate.per_month == pytest.approx(11 / 3, abs=1e-12)
    assert rate.p10 == pytest.approx(2.47465929987795, abs=1e-9)
    assert rate.p90 == pytest.approx(5.33448328028405, abs=1e-9)
    assert applications_per_month_range([]) is None
