"""The criteria a new scenario starts with (the money metrics' names live in present/labels.py)."""

from __future__ import annotations

from offer_eval.core.models import Criterion, MoneyMetric

# --- the criteria a new scenario starts with ---------------------------------------------------


def default_criteria() -> tuple[Criterion, ...]:
    """The standard criteria, each weighted 1: eight ratings and four money criteria.

    Users add, rename and remove criteria freely; ids are what ratings are keyed by.
    """

    def rating(ident: str, label: str, zero: str, five: str, ten: str) -> Criterion:
        return Criterion(ident, label, "rating", 1.0, zero, five, ten)

    def money(ident: str, label: str, metric: MoneyMetric) -> Criterion:
        return Criterion(ident, label, "money", 1.0, metric=metric)

    return (
        rating(
            "team",
            "Team",
            "People I would not want to work with",
            "A fine, ordinary team",
            "People I would learn from every day",
        ),
        rating(
            "manager",
            "Manager",
            "A manager who blocks or blames",
            "Hands-off and fair",
            "Invests in my growth and backs me",
        ),
        rating(
            "variety",
            "Project variety",
            "One narrow task for years",
            "A few related projects",
            "Many different problems",
        ),
        rating(
            "learning",
            "Learning and filling skill gaps",
            "Nothing new to learn",
            "Some new skills on the job",
            "Closes exactly the gaps that held back my applications",
        ),
        rating(
            "impact",
            "Impact and mission",
            "Work I do not believe in",
            "Useful work",
            "Work I am proud to explain",
        ),
        rating(
            "career_capital",
            "Career capital",
            "Does nothing for my next application",
            "A recognisable line on my CV",
            "Makes my next application stand out",
        ),
        rating(
            "commute",
            "Commute and flexibility",
            "Long daily commute, no flexibility",
            "Some hybrid days",
            "Short commute or fully flexible",
        ),
        rating(
            "security",
            "Job security",
            "Could be gone in months",
            "Typical for the sector",
            "Very stable",
        ),
        money("net_pay", "Net take-home pay", "net_take_home"),
        money("total_comp", "Total compensation, year 1", "total_comp_year1"),
        money("earnings_3y", "3-year expected earnings", "expected_earnings_3y"),
        money("vs_benchmark", "Pay against the benchmark", "vs_benchmark"),
    )
