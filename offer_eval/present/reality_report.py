"""The reality check in words and JSON: implied figures beside published ones, and the sources of
the search settings the forecast reads (the report, the Assumptions tab and the workbook)."""

from __future__ import annotations

from typing import Any, Final

from offer_eval.core.json_numbers import ratio
from offer_eval.core.models import Scenario
from offer_eval.core.money_text import format_money
from offer_eval.core.trajectory import TrajectoryResult
from offer_eval.core.trajectory.reality import RateSource, RealityItem, rate_sources, reality_check
from offer_eval.present.fields import SETTING_FIELD
from offer_eval.present.text_table import align_columns

FLAG_WORDS: Final = "check: more than 2× apart"
"""What a flagged row says (the salary rows: above the 90th percentile of offers)."""
HIGH_WORDS: Final = "check: above 9 in 10 market offers"
REALITY_TITLE: Final = "Reality check: what your assumptions imply, beside published UK figures"
RATES_TITLE: Final = "What the forecast rests on"


def figure_text(value: float | None, unit: str) -> str:
    """An implied or published figure in words: 24.0%, 114, 79th percentile."""
    if value is None:
        return "none (no offers)"
    if unit == "share":
        return f"{value:.1%}"
    if unit == "percentile":
        return f"{_ordinal(round(value))} percentile"
    return f"{value:,.0f}" if value >= 10 else f"{value:.2f}"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def flag_text(item: RealityItem) -> str:
    """The flag of a row in words ("" when not flagged)."""
    if not item.flag:
        return ""
    return HIGH_WORDS if item.unit == "percentile" else FLAG_WORDS


def rate_label(key: str) -> str:
    """A search setting's name as the form shows it."""
    label = SETTING_FIELD.get(f"search.{key}")
    return label.label if label is not None else key


def rate_value_text(row: RateSource) -> str:
    """A search setting's value with its unit, as the form would show it."""
    label = SETTING_FIELD.get(f"search.{row.key}")
    unit = label.unit if label is not None else ""
    if row.key.endswith("_pct"):
        return f"{row.value:g}%"
    if unit == "%":
        return f"{row.value:.1%}".replace(".0%", "%")
    if unit.startswith("£"):
        return f"{format_money(row.value)} a year"
    if unit == "months":
        return f"{row.value:g} months"
    return f"{row.value:g}"


def _number(value: float | None, unit: str) -> float | None:
    if unit == "share":
        return ratio(value)
    return ratio(value, 1 if unit == "percentile" else 2)


def reality_json(scenario: Scenario, result: TrajectoryResult) -> dict[str, Any]:
    """`reality_check` (the documented `name`, `implied`, `published`, `source`, `flag`, then
    extras) and `rate_sources` (each search setting the forecast reads, with its source)."""
    return {
        "reality_check": [
            {
                "name": item.name,
                "implied": _number(item.implied, item.unit),
                "published": _number(item.published, item.unit),
                "source": item.source,
                "flag": item.flag,
                "key": item.key,
                "unit": item.unit,
                "published_is": item.what,
                "implied_from": item.note,
            }
            for item in reality_check(scenario, result)
        ],
        "rate_sources": [
            {
                "key": f"search.{row.key}",
                "value": ratio(row.value),
                "source": row.source,
                "illustrative": row.illustrative,
            }
            for row in rate_sources(scenario)
        ],
    }


def reality_text(scenario: Scenario, result: TrajectoryResult) -> list[str]:
    """The report's reality check and the sources of the search settings, in plain words."""
    items = reality_check(scenario, result)
    sources: list[str] = []
    rows = [["", "Yours", "Published", "Source", ""]]
    for item in items:
        if item.source not in sources:
            sources.append(item.source)
        rows.append(
            [
                f"  {item.name}",
                figure_text(item.implied, item.unit),
                figure_text(item.published, item.unit),
                f"[{sources.index(item.source) + 1}]",
                flag_text(item),
            ]
        )
    lines = [REALITY_TITLE, "-" * len(REALITY_TITLE)]
    lines.extend(line.rstrip() for line in align_columns(rows))
    lines.append("  What each published figure is:")
    seen: set[str] = set()
    for item in items:
        if item.what not in seen:
            seen.add(item.what)
            lines.append(f"    {item.name.split(', ')[0]}: {item.what}.")
    lines.append("  Sources:")
    lines.extend(f"    [{number}] {source}" for number, source in enumerate(sources, 1))
    lines.append("")
    lines.append(RATES_TITLE + " (every search setting the forecast reads, and its source):")
    lines.extend(
        f"  {rate_label(row.key)}: {rate_value_text(row)} ({row.source})"
        for row in rate_sources(scenario)
    )
    general = scenario.sources.get("search")
    if general:
        lines.append(f"  The scenario says of its search settings: {general}.")
    return lines
