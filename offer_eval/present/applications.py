"""The application log in words and figures: column names, stage words, and what the charts draw.

The window's Applications tab, its charts and the workbook read these, so a stage is "Past the
CV" everywhere and every figure a chart draws is worked out here (no arithmetic in widgets). The
figures depend only on the log and a few search settings (when target-field work began, the
experience threshold, the prior), so `log_figures` remembers its last answer: a slider that
moves a search rate leaves them alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from offer_eval.core.application import CHANNELS, STAGES, Application
from offer_eval.core.application_rates import (
    LogSummary,
    MonthlyRate,
    NoviceCounts,
    RateEstimate,
    applications_per_month_range,
    estimate,
    novice_counts,
    summarise,
    whole_months,
)
from offer_eval.core.assumptions import SearchAssumptions, SearchHistory
from offer_eval.core.checks import field_help
from offer_eval.core.money_text import format_money
from offer_eval.present.labels import Choice, Label, pairs, words


def _field(key: str, label: str, unit: str = "", *, short: str = "", help: str = "") -> Label:
    return Label(key, label, short or label, unit, help or field_help(Application, key))


APPLICATION_FIELDS: Final[tuple[Label, ...]] = (
    _field("date", "Date applied", short="Applied"),
    _field("employer", "Employer", help="Who you applied to."),
    _field("role", "Role", help="The job's title."),
    _field("target_field", "In the new field", short="New field"),
    _field("channel", "Channel"),
    _field("stage", "Stage reached", short="Stage"),
    _field("outcome", "Outcome"),
    _field("screen_date", "Past the CV on", short="Screen date"),
    _field("interview_date", "Interviewed on", short="Interview date"),
    _field("offer_date", "Offered on", short="Offer date"),
    _field("offered_salary", "Salary offered", "£ a year", short="Salary"),
    _field("notes", "Notes", help="Anything worth remembering about this application."),
)
APPLICATION_FIELD: Final[Mapping[str, Label]] = {f.key: f for f in APPLICATION_FIELDS}

STAGE_WORDS: Final = (
    Choice("applied", "Applied"),
    Choice("screen", "Past the CV"),
    Choice("interview", "Interview"),
    Choice("offer", "Offer"),
)
CHANNEL_WORDS: Final = (
    Choice("job_board", "Job board"),
    Choice("referral", "Referral"),
    Choice("recruiter", "Recruiter"),
    Choice("direct", "Direct"),
    Choice("other", "Other"),
)
OUTCOME_WORDS: Final = (
    Choice("open", "Open"),
    Choice("rejected", "Rejected"),
    Choice("withdrawn", "Withdrawn"),
    Choice("accepted", "Accepted"),
    Choice("declined", "Declined"),
)
STAGE_CHOICES: Final = pairs(STAGE_WORDS)
CHANNEL_CHOICES: Final = pairs(CHANNEL_WORDS)
OUTCOME_CHOICES: Final = pairs(OUTCOME_WORDS)

# Rate rows of the tab's summary: (key of `LogSummary`, label, tooltip).
RATE_ROWS: Final[tuple[tuple[str, str, str], ...]] = (
    (
        "callback_rate_novice",
        "Callback rate before experience",
        "Share of applications in the new field, made before you counted as experienced, that "
        "got past the CV stage.",
    ),
    (
        "callback_rate_experienced",
        "Callback rate once experienced",
        "Share of applications in the new field, made once you counted as experienced, that got "
        "past the CV stage.",
    ),
    (
        "offers_per_callback",
        "Offers per callback",
        "Share of applications in the new field that got past the CV stage and ended in an offer.",
    ),
)
APPLICATIONS_PER_MONTH_LABEL: Final = "Applications a month"
SET_RATES_LABEL: Final = "Set rates from my applications"
SET_RATES_HELP: Final = (
    "Put your counts from before you counted as experienced into the search history and use "
    "them for the forecast's callback rate and offers per callback (one undo step)."
)


def stage_words(stage: str) -> str:
    return words(STAGE_WORDS, stage)


def channel_words(channel: str) -> str:
    return words(CHANNEL_WORDS, channel)


def outcome_words(outcome: str) -> str:
    return words(OUTCOME_WORDS, outcome)


# --- problems worth a word beside a cell -------------------------------------------------------


def row_warnings(application: Application, today: dt.date) -> dict[str, str]:
    """Things to point out beside a stored row, by field: dates in the future (the row was typed
    on another day, or the clock moved back) and an offer without a salary (kept, but the offer's
    worth is unknown)."""
    found: dict[str, str] = {}
    for key in ("date", "screen_date", "interview_date", "offer_date"):
        value = getattr(application, key)
        if value is not None and dt.date.fromisoformat(value) > today:
            found[key] = f"{APPLICATION_FIELD[key].label} {value} is in the future"
    if application.stage == "offer" and application.offered_salary is None:
        found["offered_salary"] = "an offer without a salary: add what they offered"
    return found


# --- chart figures ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FunnelStep:
    """One stage of the funnel: how many reached at least it and the share of the step before."""

    stage: str
    label: str
    count: int
    from_previous: float | None  # None for the first step or after an empty one
    from_applied: float | None


@dataclass(frozen=True, slots=True)
class MonthFigures:
    """One calendar month of the log."""

    month: str  # "2025-03"
    label: str  # "Mar 2025"
    applications: int
    target_field: int  # applications in the new field: the callback rate's tries
    callbacks: int
    rate: RateEstimate  # the callback rate's posterior for that month alone


@dataclass(frozen=True, slots=True)
class ChannelFigures:
    """Applications, callbacks and offers through one channel."""

    channel: str
    label: str
    applications: int
    callbacks: int
    offers: int

    @property
    def callback_share(self) -> float | None:
        return self.callbacks / self.applications if self.applications else None


@dataclass(frozen=True, slots=True)
class LogFigures:
    """Everything the Applications tab draws."""

    summary: LogSummary
    funnel: tuple[FunnelStep, ...]
    months: tuple[MonthFigures, ...]
    experienced_month: int | None  # index in `months` of the month experience began, if shown
    experienced_from: str | None  # the day the user counted as experienced (ISO), if known
    channels: tuple[ChannelFigures, ...]
    per_month: MonthlyRate | None  # applications a month lately, with its likely range


def _month_label(month: str) -> str:
    return dt.date.fromisoformat(f"{month}-01").strftime("%b %Y")


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def experienced_from(search: SearchAssumptions) -> dt.date | None:
    """The first day the user counted as experienced, or None without a start date."""
    if search.target_field_since is None:
        return None
    since = dt.date.fromisoformat(search.target_field_since)
    months = search.experience_threshold_months
    # `whole_months` defines "experienced" and never decreases day by day; at month ends it has
    # no closed-form inverse (31 January plus one month), so walk to the first day it reaches
    # the threshold from a day at or just before it (28 days a month never overshoots by much).
    day = since + dt.timedelta(days=28 * months)
    while day > since and whole_months(since, day - dt.timedelta(days=1)) >= months:
        day -= dt.timedelta(days=1)
    while whole_months(since, day) < months:
        day += dt.timedelta(days=1)
    return day


def _funnel(summary: LogSummary) -> tuple[FunnelStep, ...]:
    steps: list[FunnelStep] = []
    applied = summary.funnel_count("applied")
    previous: int | None = None
    for stage, count in summary.funnel:
        steps.append(
            FunnelStep(
                stage=stage,
                label=stage_words(stage),
                count=count,
                from_previous=count / previous if previous else None,
                from_applied=count / applied if applied and previous is not None else None,
            )
        )
        previous = count
    return tuple(steps)


def compute_figures(
    applications: tuple[Application, ...], search: SearchAssumptions
) -> LogFigures | None:
    """The tab's figures for this log; None when the log is empty."""
    summary = summarise(applications, search)
    if summary is None:
        return None
    prior = search.history if search.history is not None else SearchHistory()
    by_month: dict[str, list[Application]] = {}
    for row in applications:
        by_month.setdefault(row.date[:7], []).append(row)
    first, last = min(by_month), max(by_month)
    months: list[MonthFigures] = []
    month = first
    while month <= last:  # every month between, an empty one too: gaps are part of the story
        rows = by_month.get(month, [])
        target = [a for a in rows if a.target_field]
        callbacks = sum(1 for a in target if a.rank >= 1)
        months.append(
            MonthFigures(
                month=month,
                label=_month_label(month),
                applications=len(rows),
                target_field=len(target),
                callbacks=callbacks,
                rate=estimate(
                    callbacks, len(target), prior.prior_callback_rate, prior.prior_applications
                ),
            )
        )
        month = _next_month(month)
    start = experienced_from(search)
    experienced_month = None
    if start is not None:
        key = start.isoformat()[:7]
        found = [i for i, m in enumerate(months) if m.month == key]
        experienced_month = found[0] if found else None
    channels = tuple(
        ChannelFigures(
            channel=channel,
            label=channel_words(channel),
            applications=sum(1 for a in applications if a.channel == channel),
            callbacks=sum(1 for a in applications if a.channel == channel and a.rank >= 1),
            offers=sum(1 for a in applications if a.channel == channel and a.rank >= 3),
        )
        for channel in CHANNELS
    )
    return LogFigures(
        summary=summary,
        funnel=_funnel(summary),
        months=tuple(months),
        experienced_month=experienced_month,
        experienced_from=start.isoformat() if start is not None else None,
        channels=tuple(c for c in channels if c.applications),
        per_month=applications_per_month_range([a.applied_on for a in applications]),
    )


def figures_key(
    applications: tuple[Application, ...], search: SearchAssumptions
) -> tuple[object, ...]:
    """What the figures depend on: the log and the search settings that split and weigh it."""
    prior = search.history if search.history is not None else SearchHistory()
    return (
        applications,
        search.target_field_since,
        search.experience_threshold_months,
        prior.prior_callback_rate,
        prior.prior_applications,
        prior.prior_offers_per_callback,
        prior.prior_callbacks,
    )


@dataclass(frozen=True, slots=True)
class LogReport:
    """What the tab shows about the whole log: the figures, the counts "Set rates" would write,
    and every cell worth a second look (row index, field key, reason)."""

    figures: LogFigures | None
    novice: NoviceCounts
    warnings: tuple[tuple[int, str, str], ...]


def log_report(
    applications: tuple[Application, ...], search: SearchAssumptions, today: dt.date
) -> LogReport:
    """The whole log worked out (a 10,000-row log takes a good part of a second: the window
    asks for it in the background then)."""
    warnings = tuple(
        (row, key, reason)
        for row, application in enumerate(applications)
        for key, reason in row_warnings(application, today).items()
    )
    return LogReport(
        figures=log_figures(applications, search),
        novice=novice_counts(applications, search),
        warnings=warnings,
    )


def rates_in_use(search: SearchAssumptions, novice: NoviceCounts) -> bool:
    """Does the forecast run on these counts (the history holds them and is marked for use)?"""
    history = search.history
    return (
        history is not None
        and history.use_for_rates
        and (history.applications, history.callbacks, history.offers)
        == (novice.applications, novice.callbacks, novice.offers)
    )


_last: list[tuple[tuple[object, ...], LogFigures | None]] = []
MISSING: Final = object()  # `peek_figures` for figures not worked out yet


def remember_figures(
    applications: tuple[Application, ...], search: SearchAssumptions, figures: LogFigures | None
) -> None:
    """Keep figures worked out elsewhere (in a worker process) as those of this log."""
    _last[:] = [(figures_key(applications, search), figures)]


def peek_figures(
    applications: tuple[Application, ...], search: SearchAssumptions
) -> LogFigures | object | None:
    """The remembered figures for this log and these settings, or `MISSING`."""
    if _last:
        old_key, figures = _last[0]
        key = figures_key(applications, search)
        if all(a is b or a == b for a, b in zip(key, old_key, strict=True)):
            return figures
    return MISSING


def log_figures(
    applications: tuple[Application, ...], search: SearchAssumptions
) -> LogFigures | None:
    """`compute_figures`, remembered for the last log and settings asked about (the tab's three
    charts and its rates all ask for the same)."""
    key = figures_key(applications, search)
    if _last:
        old_key, figures = _last[0]
        if all(a is b or a == b for a, b in zip(key, old_key, strict=True)):
            return figures
    figures = compute_figures(applications, search)
    _last[:] = [(key, figures)]
    return figures


# --- text ---------------------------------------------------------------------------------------


def rate_text(rate: RateEstimate) -> str:
    """ "9.4% (likely 4.7–14.6%), 4 of 24": the posterior mean, its 10th–90th range and the counts."""
    return (
        f"{rate.mean:.1%} (likely {rate.p10:.1%}–{rate.p90:.1%}), {rate.successes:,} of {rate.n:,}"
    )


NO_EXPERIENCED_DATE: Final = "no date set (see Assumptions)"
NONE_EXPERIENCED: Final = "none: no experienced date is set"
NONE_SINCE_EXPERIENCED: Final = "none made once experienced yet"


def experienced_from_text(figures: LogFigures) -> str:
    """The day the user counted as experienced, or that no start date in the new field is set."""
    since = figures.experienced_from
    return dt.date.fromisoformat(since).strftime("%-d %b %Y") if since else NO_EXPERIENCED_DATE


def summary_rate_text(figures: LogFigures, key: str) -> str:
    """A rate row of the tab's summary. Without applications made once experienced the rate
    would only be the starting belief ("3.5% ... 0 of 0"), so the row says why there are none:
    no date is set from which the user counts as experienced, or none was made since."""
    rate: RateEstimate = getattr(figures.summary, key)
    if key == "callback_rate_experienced" and rate.n == 0:
        return NONE_SINCE_EXPERIENCED if figures.experienced_from else NONE_EXPERIENCED
    return rate_text(rate)


def callback_rate_subtitle(figures: LogFigures) -> str:
    """The callback-rate chart's subtitle: the rate before and once experienced, or why there
    is no second."""
    summary = figures.summary
    before = f"Before experience {summary.callback_rate_novice.mean:.1%}"
    if summary.callback_rate_experienced.n == 0:
        why = (
            "none made once experienced yet"
            if figures.experienced_from
            else "no experienced date is set"
        )
        return f"{before} (applications in the new field); {why}."
    return (
        f"{before}, once experienced {summary.callback_rate_experienced.mean:.1%} "
        "(applications in the new field)."
    )


def per_month_text(rate: MonthlyRate) -> str:
    """ "9.0 (likely 7.0–11.5), 27 in 3 months": the recent rate, its range and the count."""
    months = f"{rate.months:.0f}" if float(rate.months).is_integer() else f"{rate.months:.1f}"
    return (
        f"{rate.per_month:.1f} (likely {rate.p10:.1f}–{rate.p90:.1f}), "
        f"{rate.count:,} in {months} months"
    )


def funnel_text(step: FunnelStep) -> str:
    """A funnel bar's label: the count and, in brackets, the share of the stage before."""
    if step.from_previous is None:
        return f"{step.count:,}"
    return f"{step.count:,} ({step.from_previous:.0%})"


def salary_text(application: Application) -> str:
    return format_money(application.offered_salary) if application.offered_salary else ""


def funnel_description(figures: LogFigures) -> str:
    """The funnel in words, for screen readers."""
    return "; ".join(
        f"{step.label}: {step.count:,}"
        + ("" if step.from_previous is None else f", {step.from_previous:.0%} of the stage before")
        for step in figures.funnel
    )


STAGE_ORDER: Final = {stage: number for number, stage in enumerate(STAGES)}
