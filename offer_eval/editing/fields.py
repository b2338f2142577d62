"""What each editable field is called, how it is typed in and shown, and where its help comes from.

Pure Python (no Qt), so the parsing rules are testable on their own. Bounds are not repeated here:
the domain dataclasses check them and their rule is shown beside the field.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from typing import Final, Literal

from offer_eval.core.checks import MAX_LABEL, MAX_TEXT
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import (
    Criterion,
    Position,
    Scenario,
    field_help,
)
from offer_eval.core.money_text import format_money, format_pct, parse_money
from offer_eval.present.fields import POSITION_FIELD, SETTING_FIELD
from offer_eval.present.labels import (
    JOB_MARKETS,
    PENSION_METHODS_WORDS,
    SAME_TAX_REGION,
    TAX_REGIONS,
    pairs,
)

FieldKind = Literal[
    "money", "money_optional", "pct", "number", "int", "int_optional", "bool", "choice", "text"
]
Better = Literal["higher", "lower"] | None

PENSION_METHOD_LABELS: Final = pairs(PENSION_METHODS_WORDS)
TAX_REGION_LABELS: Final = (
    (SAME_TAX_REGION.value, SAME_TAX_REGION.label),
    *pairs(TAX_REGIONS, short=True),
)
SCENARIO_TAX_REGION_LABELS: Final = pairs(TAX_REGIONS)
KNOWN_REGIONS: Final = pairs(JOB_MARKETS)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One editable field: `key` is its path inside the object (``equity.cliff_months``)."""

    key: str
    label: str
    kind: FieldKind
    help: str
    group: str = ""
    decimals: int = 0
    better: Better = None
    choices: tuple[tuple[str, str], ...] = ()
    pence: bool = False
    empty_text: str = ""  # shown when an optional value is blank
    thousands: bool = True  # False for years and other numbers that are labels, not amounts

    def choice_label(self, value: object) -> str:
        """The words shown for a choice value."""
        wanted = "" if value is None else str(value)
        for item, label in self.choices:
            if item == wanted:
                return label
        return wanted


# --- text in and out -----------------------------------------------------------------------------

_NUMBER: Final = re.compile(r"^[-−+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


def parse_number(text: str) -> float:
    """A plain number as people type it ("37.5", "1,200", "-3"); raises InvalidValueError."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned or not _NUMBER.match(cleaned) or cleaned in "+-−":
        raise InvalidValueError("", f"'{text.strip()}' is not a number")
    value = float(cleaned.replace(",", "").replace("−", "-"))
    if not math.isfinite(value):
        raise InvalidValueError("", "must be a finite number")
    return value


# Free text a scenario keeps long (sources, notes, what a rating means); every other text field
# (names, titles, employers, labels) is a label. The same limits the domain objects check.
LONG_TEXT_KEYS: Final = frozenset(
    {"notes", "note", "source", "reliability", "meaning_0", "meaning_5", "meaning_10"}
)


def text_limit(spec: FieldSpec) -> int:
    """The most characters a text field may hold, so an editor can stop typing and pasting there."""
    return MAX_TEXT if spec.key.rsplit(".", 1)[-1] in LONG_TEXT_KEYS else MAX_LABEL


def parse_field_text(spec: FieldSpec, text: str) -> object:
    """Turn what the user typed into the field's value; the error's rule says why not."""
    stripped = text.strip()
    if spec.kind == "text":
        return text
    if spec.kind in ("money_optional", "int_optional") and not stripped:
        return None
    if spec.kind in ("money", "money_optional"):
        try:
            return parse_money(stripped, field=spec.label)
        except InvalidValueError as error:
            raise InvalidValueError("", error.rule) from None
    if spec.kind == "pct":
        return parse_number(stripped.removesuffix("%").strip())
    if spec.kind == "number":
        return parse_number(stripped)
    if spec.kind in ("int", "int_optional"):
        value = parse_number(stripped)
        if not value.is_integer():
            raise InvalidValueError("", "must be a whole number")
        return int(value)
    if spec.kind == "bool":
        lowered = stripped.lower()
        if lowered in ("yes", "true", "1", "y"):
            return True
        if lowered in ("no", "false", "0", "n", ""):
            return False
        raise InvalidValueError("", "must be yes or no")
    if spec.kind == "choice":
        for choice, label in spec.choices:
            if stripped in (choice, label):
                return choice
        raise InvalidValueError("", f"must be one of: {', '.join(lab for _, lab in spec.choices)}")
    raise AssertionError(spec.kind)


def format_number(value: float, decimals: int) -> str:
    """A number with thousands separators and no needless trailing zeros."""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_field_value(spec: FieldSpec, value: object) -> str:
    """How a value is shown in a table cell or an input."""
    if value is None:
        return ""
    if spec.kind in ("money", "money_optional"):
        return format_money(float(value), pence=spec.pence)  # type: ignore[arg-type]
    if spec.kind == "pct":
        return f"{format_number(float(value), 2)}%"  # type: ignore[arg-type]
    if spec.kind == "number":
        return format_number(float(value), max(spec.decimals, 2))  # type: ignore[arg-type]
    if spec.kind in ("int", "int_optional"):
        return f"{int(value):,}" if spec.thousands else str(int(value))  # type: ignore[call-overload]
    if spec.kind == "bool":
        return "Yes" if value else "No"
    if spec.kind == "choice":
        return spec.choice_label(value)
    return str(value)


def edit_text(spec: FieldSpec, value: object) -> str:
    """The text an input starts with: plain enough to edit ("45000" rather than "£45,000")."""
    if value is None:
        return ""
    if spec.kind in ("money", "money_optional"):
        amount = float(value)  # type: ignore[arg-type]
        return f"{amount:.2f}".rstrip("0").rstrip(".") if spec.pence else f"{round(amount):d}"
    if spec.kind in ("pct", "number"):
        return format_number(float(value), 4).replace(",", "")  # type: ignore[arg-type]
    return format_field_value(spec, value)


def format_difference(spec: FieldSpec, value: object, reference: object) -> str:
    """An offer's value against the current job's ("+£3,000", "-2 days"); empty if not numeric."""
    if spec.kind in ("bool", "choice", "text") or value is None or reference is None:
        return ""
    delta = float(value) - float(reference)  # type: ignore[arg-type]
    if abs(delta) < 1e-9:
        return "same"
    if spec.kind in ("money", "money_optional"):
        return format_money(delta, sign=True, pence=spec.pence)
    if spec.kind == "pct":
        return f"{format_pct(delta, decimals=1).removesuffix('%')} pts"
    return ("+" if delta > 0 else "-") + format_number(abs(delta), max(spec.decimals, 1))


def difference_sign(spec: FieldSpec, value: object, reference: object) -> int:
    """+1 when the offer is better than the current job on this field, -1 worse, 0 neither."""
    if spec.better is None or value is None or reference is None:
        return 0
    try:
        delta = float(value) - float(reference)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
    if abs(delta) < 1e-9:
        return 0
    good = delta > 0 if spec.better == "higher" else delta < 0
    return 1 if good else -1


# --- the side-by-side editor's rows ---------------------------------------------------------------


def _pos(key: str, kind: FieldKind, group: str, **options: object) -> FieldSpec:
    named = POSITION_FIELD[key]
    return FieldSpec(key=key, label=named.label, kind=kind, help=named.help, group=group, **options)  # type: ignore[arg-type]


GROUP_JOB: Final = "Job"
GROUP_PAY: Final = "Pay"
GROUP_BONUS: Final = "Bonus and equity"
GROUP_PENSION: Final = "Pension and benefits"
GROUP_TIME: Final = "Time and commute"
GROUP_LIVING: Final = "Living costs"
GROUP_RATINGS: Final = "Ratings (0 to 10)"

POSITION_FIELDS: Final[tuple[FieldSpec, ...]] = (
    _pos("name", "text", GROUP_JOB),
    _pos("title", "text", GROUP_JOB),
    _pos("employer", "text", GROUP_JOB),
    _pos("region", "choice", GROUP_JOB, choices=KNOWN_REGIONS),
    _pos("benchmark_id", "choice", GROUP_JOB),
    _pos("target_field", "bool", GROUP_JOB),
    _pos("tax_free", "bool", GROUP_JOB),
    _pos("ends_after_months", "int_optional", GROUP_JOB, empty_text="continues"),
    _pos("tax_region", "choice", GROUP_JOB, choices=TAX_REGION_LABELS),
    _pos("base_salary", "money", GROUP_PAY, better="higher"),
    _pos("annual_raise_pct", "pct", GROUP_PAY, better="higher"),
    _pos("hours_per_week", "number", GROUP_PAY, decimals=1, better="lower"),
    _pos("holiday_days", "number", GROUP_PAY, decimals=1, better="higher"),
    _pos("bonus_target_pct", "pct", GROUP_BONUS, better="higher"),
    _pos("bonus_payout_pct", "pct", GROUP_BONUS, better="higher"),
    _pos("sign_on", "money", GROUP_BONUS, better="higher"),
    _pos("equity.grant_value", "money", GROUP_BONUS, better="higher"),
    _pos("equity.vesting_years", "int", GROUP_BONUS),
    _pos("equity.cliff_months", "int", GROUP_BONUS, better="lower"),
    _pos("equity.liquid", "bool", GROUP_BONUS),
    _pos("equity.illiquid_discount_pct", "pct", GROUP_BONUS),
    _pos("employer_pension_pct", "pct", GROUP_PENSION, better="higher"),
    _pos("employee_pension_pct", "pct", GROUP_PENSION),
    _pos("pension_method", "choice", GROUP_PENSION, choices=PENSION_METHOD_LABELS),
    _pos("benefits_value", "money", GROUP_PENSION, better="higher"),
    _pos("bik_other", "money", GROUP_PENSION, better="higher"),
    _pos("commute_days_per_week", "number", GROUP_TIME, decimals=1, better="lower"),
    _pos("commute_cost_per_day", "money", GROUP_TIME, better="lower", pence=True),
    _pos("commute_minutes_per_day", "number", GROUP_TIME, better="lower"),
    _pos("living_cost_difference_per_month", "money", GROUP_LIVING, better="lower"),
    _pos("relocation_cost", "money", GROUP_LIVING, better="lower"),
)
POSITION_FIELD_BY_KEY: Final = {spec.key: spec for spec in POSITION_FIELDS}


def rating_spec(criterion: Criterion) -> FieldSpec:
    """The editor row for one rating criterion, its 0/5/10 meanings as the help."""
    meanings = [
        f"{score}: {text}"
        for score, text in (
            ("0", criterion.meaning_0),
            ("5", criterion.meaning_5),
            ("10", criterion.meaning_10),
        )
        if text
    ]
    help_text = (
        "Your 0-10 rating. " + "; ".join(meanings) if meanings else field_help(Position, "ratings")
    )
    return FieldSpec(
        key=f"ratings.{criterion.id}",
        label=criterion.label,
        kind="number",
        help=help_text,
        group=GROUP_RATINGS,
        decimals=1,
        better="higher",
    )


def rating_uncertainty_spec(criterion: Criterion) -> FieldSpec:
    """The editor row for how sure one rating is (± points); blank uses the criterion's."""
    return FieldSpec(
        key=f"rating_uncertainty.{criterion.id}",
        label=f"{criterion.label}: how sure (±)",
        kind="number",
        help=(
            "How far this rating may be off, either way, in points: the decision's draws try "
            "every rating within it. Blank uses the criterion's own "
            f"(± {criterion.rating_uncertainty:g})."
        ),
        group=GROUP_RATINGS,
        decimals=1,
        empty_text=f"± {criterion.rating_uncertainty:g} (criterion)",
    )


def benchmark_choices(scenario: Scenario) -> tuple[tuple[str, str], ...]:
    """Every benchmark of the scenario as a choice, "none" first."""
    return (("", "None"), *((b.id, b.label) for b in scenario.benchmarks))


def region_choices(scenario: Scenario) -> tuple[tuple[str, str], ...]:
    """Known labour markets, plus any the scenario's positions or benchmarks use."""
    choices = list(KNOWN_REGIONS)
    known = {value for value, _ in choices}
    for region in [p.region for p in scenario.positions] + [b.region for b in scenario.benchmarks]:
        if region and region not in known:
            choices.append((region, region))
            known.add(region)
    return tuple(choices)


def position_specs(scenario: Scenario) -> tuple[FieldSpec, ...]:
    """Every editor row for this scenario, choices filled in from it, ratings last."""
    specs: list[FieldSpec] = []
    for spec in POSITION_FIELDS:
        if spec.key == "benchmark_id":
            specs.append(_with_choices(spec, benchmark_choices(scenario)))
        elif spec.key == "region":
            specs.append(_with_choices(spec, region_choices(scenario)))
        else:
            specs.append(spec)
    for criterion in scenario.criteria:
        if criterion.kind == "rating":
            specs.extend((rating_spec(criterion), rating_uncertainty_spec(criterion)))
    return tuple(specs)


def _with_choices(spec: FieldSpec, choices: tuple[tuple[str, str], ...]) -> FieldSpec:
    return dataclasses.replace(spec, choices=choices)


# --- the assumptions form ------------------------------------------------------------------------


def _spec(key: str, kind: FieldKind, **options: object) -> FieldSpec:
    named = SETTING_FIELD[key]
    return FieldSpec(key=key, label=named.label, kind=kind, help=named.help, **options)  # type: ignore[arg-type]


SCENARIO_FIELDS: Final[tuple[FieldSpec, ...]] = (
    _spec("name", "text"),
    _spec("target_salary", "money_optional"),
    _spec("target_benchmark_id", "choice"),
    _spec("tax.year", "choice"),
    _spec("tax.region", "choice", choices=SCENARIO_TAX_REGION_LABELS),
)

DECISION_FIELDS: Final[tuple[FieldSpec, ...]] = (_spec("weight_confidence", "number", decimals=1),)


def tax_year_choices() -> tuple[tuple[str, str], ...]:
    """The current tax year (blank) and every year whose rules ship with the app."""
    from offer_eval.core.tax import current_tax_year, shipped_tax_years

    return (("", f"Current ({current_tax_year()})"), *((y, y) for y in shipped_tax_years()))


SEARCH_FIELDS: Final[tuple[FieldSpec, ...]] = (
    _spec("search.applications_per_month", "number"),
    _spec("search.applications_per_month_unemployed", "number"),
    _spec("search.callback_rate_novice", "pct"),
    _spec("search.callback_rate_experienced", "pct"),
    _spec("search.experience_threshold_months", "int"),
    _spec("search.ramp_months", "int"),
    _spec("search.offers_per_callback", "pct"),
    _spec("search.benchmark_id", "choice"),
    _spec("search.market_growth_pct", "pct"),
    _spec("search.novice_discount", "pct"),
    _spec("search.offer_spread", "pct"),
    _spec("search.switching_margin_pct", "pct"),
    _spec("search.annual_raise_pct", "pct"),
    _spec("search.layoff_rate_pct", "pct"),
    _spec("search.income_while_searching", "money"),
    _spec("search.discount_rate_pct", "pct"),
    _spec("search.risk_aversion", "number", decimals=1),
)

HISTORY_FIELDS: Final[tuple[FieldSpec, ...]] = (
    _spec("search.history.applications", "int"),
    _spec("search.history.callbacks", "int"),
    _spec("search.history.offers", "int"),
    _spec("search.history.use_for_rates", "bool"),
    _spec("search.history.prior_callback_rate", "pct"),
    _spec("search.history.prior_applications", "number"),
    _spec("search.history.prior_offers_per_callback", "pct"),
    _spec("search.history.prior_callbacks", "number"),
)

SIMULATION_FIELDS: Final[tuple[FieldSpec, ...]] = (
    _spec("simulation.months", "int"),
    _spec("simulation.paths", "int"),
    _spec("simulation.seed", "int", thousands=False),
)

# Fractions stored in [0, 1] that the form shows as percentages (5 = 5%).
FRACTION_AS_PERCENT: Final = frozenset(
    {
        "search.callback_rate_novice",
        "search.callback_rate_experienced",
        "search.offers_per_callback",
        "search.novice_discount",
        "search.offer_spread",
        "search.history.prior_callback_rate",
        "search.history.prior_offers_per_callback",
    }
)
