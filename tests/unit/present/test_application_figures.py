"""What the Applications tab draws, checked on the 40-row log counted by hand.

The month-by-month counts below were made by reading the rows of `test_application_rates.LOG`
(every row's month, whether it is in the new field, and whether it got past the CV stage); the
experienced month is 2025-07 (six whole months after 2025-01-15 is 2025-07-15).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from offer_eval.core.application import Application
from offer_eval.core.assumptions import SearchAssumptions
from offer_eval.present.applications import (
    callback_rate_subtitle,
    compute_figures,
    experienced_from,
    experienced_from_text,
    funnel_text,
    log_figures,
    per_month_text,
    rate_text,
    row_warnings,
    summary_rate_text,
)
from tests.unit.test_application_rates import LOG, SEARCH

# (month, applications, in the new field, of which past the CV)
MONTHS = [
    ("2024-12", 3, 2, 0),
    ("2025-01", 2, 2, 1),
    ("2025-02", 4, 3, 0),
    ("2025-03", 3, 3, 1),
    ("2025-04", 3, 3, 0),
    ("2025-05", 3, 3, 1),
    ("2025-06", 4, 4, 1),
    ("2025-07", 7, 7, 1),
    ("2025-08", 4, 3, 1),
    ("2025-09", 4, 3, 2),
    ("2025-10", 3, 3, 1),
]


def test_the_funnel_and_its_conversions() -> None:
    figures = compute_figures(LOG, SEARCH)
    assert figures is not None
    assert [(s.stage, s.count) for s in figures.funnel] == [
        ("applied", 40),
        ("screen", 10),
        ("interview", 5),
        ("offer", 2),
    ]
    assert [s.from_previous for s in figures.funnel] == [None, 0.25, 0.5, 0.4]
    assert [s.from_applied for s in figures.funnel] == [None, 0.25, 0.125, 0.05]
    assert [funnel_text(s) for s in figures.funnel] == ["40", "10 (25%)", "5 (50%)", "2 (40%)"]
    assert [s.label for s in figures.funnel] == ["Applied", "Past the CV", "Interview", "Offer"]


def test_every_month_between_the_first_and_the_last() -> None:
    figures = compute_figures(LOG, SEARCH)
    assert figures is not None
    assert [
        (m.month, m.applications, m.target_field, m.callbacks) for m in figures.months
    ] == MONTHS
    assert figures.months[0].label == "Dec 2024"
    assert figures.experienced_month == 7 and figures.months[7].month == "2025-07"
    assert figures.experienced_from == "2025-07-15"
    march = figures.months[3].rate
    # Beta(1.05 + 1, 28.95 + 2): the default prior, 3.5% worth 30 applications.
    assert march.mean == pytest.approx(2.05 / 33, abs=1e-12)
    assert (march.n, march.successes) == (3, 1)
    assert march.p10 < march.mean < march.p90


def test_channels_count_applications_callbacks_and_offers() -> None:
    log = (
        Application(id="a", date="2025-01-02", channel="referral", stage="offer"),
        Application(id="b", date="2025-01-03", channel="referral", stage="screen"),
        Application(id="c", date="2025-01-04", channel="job_board"),
        Application(id="d", date="2025-01-05", channel="job_board"),
        Application(id="e", date="2025-01-06", channel="job_board", stage="interview"),
    )
    figures = compute_figures(log, SearchAssumptions())
    assert figures is not None
    assert [(c.label, c.applications, c.callbacks, c.offers) for c in figures.channels] == [
        ("Job board", 3, 1, 0),
        ("Referral", 2, 2, 1),
    ]
    assert figures.channels[0].callback_share == pytest.approx(1 / 3)
    assert figures.experienced_month is None  # no start date in the new field


@pytest.mark.parametrize(
    ("since", "months", "first_day"),
    [
        ("2025-01-15", 6, "2025-07-15"),
        ("2025-01-31", 1, "2025-03-01"),  # February has no 31st: a whole month ends on 1 March
        ("2024-02-29", 12, "2025-03-01"),
        ("2025-03-01", 0, "2025-03-01"),
    ],
)
def test_the_first_experienced_day(since: str, months: int, first_day: str) -> None:
    search = SearchAssumptions(target_field_since=since, experience_threshold_months=months)
    assert experienced_from(search) == dt.date.fromisoformat(first_day)


def test_the_figures_are_remembered_while_the_log_and_its_settings_stay() -> None:
    first = log_figures(LOG, SEARCH)
    moved = dataclasses.replace(SEARCH, callback_rate_novice=0.2)  # a slider: not a log setting
    assert log_figures(LOG, moved) is first
    later = dataclasses.replace(SEARCH, experience_threshold_months=3)
    assert log_figures(LOG, later) is not first


def test_rates_read_as_mean_range_and_counts() -> None:
    figures = compute_figures(LOG, SEARCH)
    assert figures is not None
    assert rate_text(figures.summary.callback_rate_novice) == "9.4% (likely 4.7%–14.6%), 4 of 24"
    assert figures.per_month is not None
    assert per_month_text(figures.per_month) == "3.7 (likely 2.5–5.3), 11 in 3 months"


def test_the_experienced_rate_reads_as_its_figures_when_there_are_some() -> None:
    figures = compute_figures(LOG, SEARCH)
    assert figures is not None
    # 5 of 12 experienced applications past the CV: (5 + 1.05) / (12 + 30) = 14.4%, its range as
    # in test_application_rates; before experience 5.05 / 54 = 9.4%.
    assert summary_rate_text(figures, "callback_rate_experienced") == (
        "14.4% (likely 8.0%–21.6%), 5 of 12"
    )
    assert experienced_from_text(figures) == "15 Jul 2025"
    assert callback_rate_subtitle(figures) == (
        "Before experience 9.4%, once experienced 14.4% (applications in the new field)."
    )


def test_without_an_experienced_date_the_rates_say_so_instead_of_0_of_0() -> None:
    figures = compute_figures(LOG, dataclasses.replace(SEARCH, target_field_since=None))
    assert figures is not None
    # Every application counts as before experience: 9 of 36, (9 + 1.05) / (36 + 30) = 15.2%.
    assert summary_rate_text(figures, "callback_rate_experienced") == (
        "none: no experienced date is set"
    )
    assert summary_rate_text(figures, "callback_rate_novice").endswith(", 9 of 36")
    assert experienced_from_text(figures) == "no date set (see Assumptions)"
    assert callback_rate_subtitle(figures) == (
        "Before experience 15.2% (applications in the new field); no experienced date is set."
    )


def test_an_experienced_date_after_the_last_application_says_none_were_made_since() -> None:
    # In the new field from 1 June 2025, experienced six months on (1 December 2025): the log
    # ends in October 2025.
    search = dataclasses.replace(SEARCH, target_field_since="2025-06-01")
    figures = compute_figures(LOG, search)
    assert figures is not None
    assert summary_rate_text(figures, "callback_rate_experienced") == (
        "none made once experienced yet"
    )
    assert experienced_from_text(figures) == "1 Dec 2025"
    assert callback_rate_subtitle(figures) == (
        "Before experience 15.2% (applications in the new field); none made once experienced yet."
    )


def test_warnings_beside_a_stored_row() -> None:
    today = dt.date(2025, 6, 1)
    row = Application(id="x", date="2025-06-02", stage="offer", offer_date="2025-06-03")
    warnings = row_warnings(row, today)
    assert warnings == {
        "date": "Date applied 2025-06-02 is in the future",
        "offer_date": "Offered on 2025-06-03 is in the future",
        "offered_salary": "an offer without a salary: add what they offered",
    }
    assert (
        row_warnings(dataclasses.replace(row, offered_salary=40_000.0), dt.date(2025, 7, 1)) == {}
    )
