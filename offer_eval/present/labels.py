"""The words for choices and names: regions, money measures, pension methods, loan plans, offers.

Each vocabulary is written once here and read by the window, the text report and the workbook, so
"Scotland" or "Net take-home, year 1" reads the same wherever it appears. Stored values (the keys
of the scenario file and of `report --json`) never change; only the words shown for them live here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, get_args

from offer_eval.core.models import MONEY_METRICS, Position, Scenario
from offer_eval.core.tax import PENSION_METHODS, LoanPlan


@dataclass(frozen=True, slots=True)
class Label:
    """How one figure or input is named.

    `label` is the one name, used wherever there is room; `short` is the same name cut down for a
    narrow column or a chart legend (the full `label` goes in its tooltip); `unit` says what the
    number counts ("£ a year", "%", ...; empty for text); `help` is one plain sentence for a
    tooltip.
    """

    key: str
    label: str
    short: str
    unit: str
    help: str

    def with_unit(self) -> str:
        """The label followed by its unit in brackets, where a cell cannot show the unit itself."""
        return f"{self.label} ({self.unit})" if self.unit else self.label


@dataclass(frozen=True, slots=True)
class Choice:
    """One value of a vocabulary and the words for it (`short` where a cell is narrow)."""

    value: str
    label: str
    short: str = ""

    @property
    def brief(self) -> str:
        """The short words, or the full ones when there is no shorter form."""
        return self.short or self.label


def words(choices: Iterable[Choice], value: str) -> str:
    """The words for `value`, or the value itself when the vocabulary does not know it."""
    for choice in choices:
        if choice.value == value:
            return choice.label
    return value


def pairs(choices: Iterable[Choice], *, short: bool = False) -> tuple[tuple[str, str], ...]:
    """(value, words) pairs, the shape a combo box or a parser takes."""
    return tuple((c.value, c.brief if short else c.label) for c in choices)


# --- vocabularies ----------------------------------------------------------------------------------

TAX_REGIONS: Final = (
    Choice("rUK", "England, Wales and Northern Ireland", "England, Wales, NI"),
    Choice("scotland", "Scotland"),
)
"""Income tax regions: Scotland sets its own income tax bands; the rest of the UK shares one set."""

SAME_TAX_REGION: Final = Choice("", "Same as the comparison")
"""A job's tax region left blank: it follows the comparison's tax region."""

JOB_MARKETS: Final = (
    Choice("uk_excl_london", "UK outside London"),
    Choice("london", "London"),
    Choice("uk", "Whole UK"),
)
"""The labour markets benchmarks are published for; users may type their own."""

PENSION_METHODS_WORDS: Final = (
    Choice("none", "None"),
    Choice("net_pay", "Net pay"),
    Choice("relief_at_source", "Relief at source"),
    Choice("salary_sacrifice", "Salary sacrifice"),
)
"""How your pension contribution is taken: it changes which tax and National Insurance you pay."""

LOAN_PLANS: Final = (
    Choice("plan1", "Plan 1"),
    Choice("plan2", "Plan 2"),
    Choice("plan4", "Plan 4 (Scotland)"),
    Choice("plan5", "Plan 5"),
    Choice("postgraduate", "Postgraduate"),
)
"""Student loan plans, in the names the Student Loans Company uses."""

CRITERION_KINDS: Final = (Choice("rating", "Rating"), Choice("money", "Money"))
"""A criterion is either rated 0-10 by you or worked out from a money figure."""

METRICS: Final = (
    Label(
        "net_take_home",
        "Net take-home, year 1",
        "Take-home",
        "£ a year",
        "Cash in year 1 after income tax, National Insurance, student loan and your pension.",
    ),
    Label(
        "total_comp_year1",
        "Total compensation, year 1",
        "Total compensation",
        "£ a year",
        "Base, expected bonus, sign-on, equity that can be sold, employer pension and benefits.",
    ),
    Label(
        "expected_earnings_3y",
        "Expected net earnings over 3 years",
        "Net earnings over 3 years",
        "£",
        "Average take-home over the first 36 months if you accept and keep searching.",
    ),
    Label(
        "vs_benchmark",
        "Base salary vs benchmark median",
        "Vs benchmark",
        "%",
        "How far the base salary is above (+) or below (-) the benchmark's median.",
    ),
)
"""The money figures a money criterion can score, named as their result rows are."""

METRIC_BY_KEY: Final[Mapping[str, Label]] = {m.key: m for m in METRICS}

ROLES: Final = (Choice("current", "Current job"), Choice("offer", "Offer"))

# The three plans the job-search simulation compares, by the key of their results.
STRATEGIES: Final[Mapping[str, str]] = {
    "accept_and_search": "Accept and keep searching",
    "accept_and_stay": "Accept and stay",
    "decline_and_search": "Decline and keep searching",
}
"""Whether a position is the job you hold now or one you are offered."""

LOWEST_OFFER: Final = Label(
    "lowest_salary_worth_taking",
    "Lowest offer worth taking",
    "Lowest offer worth taking",
    "£ a year",
    "While you have a job: the lowest base salary (for a contract, what its day rate bills in a "
    "year) at which accepting this offer and searching on is worth as much today as turning every "
    "offer down and searching on from your current job; below it, declining is worth more.",
)
"""One name for the figure in the verdict strip, the report and the workbook. (Searching without
a job, the verdict shows the reservation salary under the same caption; elsewhere that figure is
"Lowest offer worth taking without a job".)"""


def tax_region_words(region: str, *, short: bool = False) -> str:
    """The income tax region in words ("Scotland"); blank means the comparison's own."""
    for choice in (*TAX_REGIONS, SAME_TAX_REGION):
        if choice.value == region:
            return choice.brief if short else choice.label
    return region


def job_market_words(region: str) -> str:
    """A labour market in words; a region the user typed is shown as typed."""
    return words(JOB_MARKETS, region)


def metric_label(metric: str | None) -> str:
    """A money measure's name; an unknown one (a newer file) is shown by its key."""
    found = METRIC_BY_KEY.get(metric or "")
    return found.label if found is not None else str(metric)


# --- unique display names ----------------------------------------------------------------------


def unique_names(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(id, name) pairs to id -> name, each name made unique ("Offer", "Offer #2", "Offer #3").

    Two offers may carry the same name; a chart legend, a table column or an accessible name that
    repeats would be ambiguous, so the second and later get a number. A number is never one a
    name already has: "Offer", "Offer", "Offer #2" becomes "Offer", "Offer #3", "Offer #2".
    """
    listed = list(items)
    taken = {name for _, name in listed}
    seen: set[str] = set()
    names: dict[str, str] = {}
    for ident, name in listed:
        unique = name
        count = 1
        while unique in seen or (unique != name and unique in taken):
            count += 1
            unique = f"{name} #{count}"
        seen.add(unique)
        names[ident] = unique
    return names


_last_names: list[tuple[Position, tuple[Position, ...], dict[str, str]]] = []
"""The last `display_names` answer (one entry), with the positions it was for."""


def display_names(scenario: Scenario) -> dict[str, str]:
    """Each position's name (its own, else "title, employer", else its id), unique by id.

    The last answer is remembered for the same positions (the same objects): a slider step on
    a weight or a search rate keeps them, and every chart on screen asks for the names.
    """
    last = _last_names[0] if _last_names else None
    if last is not None and last[0] is scenario.current and last[1] is scenario.offers:
        return dict(last[2])
    names = unique_names((p.id, p.display_name) for p in scenario.positions)
    _last_names[:] = [(scenario.current, scenario.offers, names)]
    return dict(names)


def criterion_labels(scenario: Scenario) -> dict[str, str]:
    """Each criterion's label, made unique the same way."""
    return unique_names((c.id, c.label) for c in scenario.criteria)


def _check() -> None:
    """The vocabularies name every value the domain knows (run at import: a new value fails fast)."""
    if tuple(m.key for m in METRICS) != MONEY_METRICS:
        raise AssertionError("METRICS must name every money metric, in the domain's order")
    if tuple(c.value for c in PENSION_METHODS_WORDS) != PENSION_METHODS:
        raise AssertionError("PENSION_METHODS_WORDS must name every pension method")
    if tuple(c.value for c in LOAN_PLANS) != get_args(LoanPlan):
        raise AssertionError("LOAN_PLANS must name every student loan plan")


_check()
