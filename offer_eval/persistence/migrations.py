"""Migrations of scenario documents from one file-format version to the next.

`MIGRATIONS[n]` turns a version-n document (plain JSON values) into a version n+1 document. Each
keeps the file's meaning: an old file evaluates exactly as it did under the version that wrote it.
Where a newer version's default would change a result, the migration writes the old behaviour out
explicitly, so a later change of default can never reach old files. Migrations run before
validation, so they touch only parts of the expected shape and leave anything else for the
validator to report with its JSON path; a value only the migration reads is checked here
(`InvalidValueError` with its JSON path). Never edit a released migration; add the next one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from offer_eval.core.benefits import DEFAULT_INCOME_WHILE_SEARCHING
from offer_eval.core.errors import InvalidValueError

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _positions(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each position object with its JSON path, current first."""
    found: list[tuple[str, dict[str, Any]]] = []
    current = document.get("current")
    if isinstance(current, dict):
        found.append(("current", current))
    offers = document.get("offers")
    if isinstance(offers, list):
        found.extend(
            (f"offers[{index}]", offer)
            for index, offer in enumerate(offers)
            if isinstance(offer, dict)
        )
    return found


def _section(document: dict[str, Any], key: str) -> dict[str, Any] | None:
    """The object at `key`, created when absent (None when it is something else: left to fail)."""
    value = document.get(key)
    if value is None and key not in document:
        value = {}
        document[key] = value
    return value if isinstance(value, dict) else None


def _v1_to_v2(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2: taxable benefits move to their own field; old behaviours become explicit.

    - A position's `benefits_taxable` flag is gone: benefits are tax-free in `benefits_value`, and
      taxable ones are listed by kind. A flagged value moves whole to `bik_other`, which is taxed
      and counted in total compensation exactly as the flagged value was.
    - Version 1 knew only exact ratings, a forecast of take-home pay in pounds of the day, no
      value after the horizon and no stop at the target: those are written out (rating
      uncertainty 0, measure take_home, real_terms false with inflation 0, years_after_horizon 0,
      stop_at_target false).
    - An income while searching of 0 with risk aversion 1 or more becomes the sourced default
      (version 1 raised it to a hidden floor, which no longer exists).
    - Salary pay, pension matching, benefits by kind, the household and the application log start
      empty, which is what version 1 meant.
    """
    for path, position in _positions(document):
        taxable = position.pop("benefits_taxable", False)
        if not isinstance(taxable, bool):
            raise InvalidValueError(f"{path}.benefits_taxable", "must be true or false")
        if taxable:
            position["bik_other"] = position.get("benefits_value", 0.0)
            position["benefits_value"] = 0.0
    criteria = document.get("criteria")
    if isinstance(criteria, list):
        for criterion in criteria:
            if isinstance(criterion, dict):
                criterion.setdefault("rating_uncertainty", 0.0)
    search = _section(document, "search")
    if search is not None:
        search.setdefault("stop_at_target", False)
        _sourced_income_while_searching(search)
    simulation = _section(document, "simulation")
    if simulation is not None:
        simulation.setdefault("measure", "take_home")
        simulation.setdefault("real_terms", False)
        simulation.setdefault("inflation_pct", 0.0)
        simulation.setdefault("years_after_horizon", 0)
    return document


def _sourced_income_while_searching(search: dict[str, Any]) -> None:
    """Version 1 raised an income while searching of 0 to a hidden floor when risk aversion was 1
    or more; that floor set the answer, and 0 is now refused there. Such a file gets the sourced
    default (the Universal Credit standard allowance), which the report states."""
    income = search.get("income_while_searching", 0.0)
    risk = search.get("risk_aversion", 1.0)
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (income, risk))
    if numbers and risk >= 1 and income <= 0:
        search["income_while_searching"] = DEFAULT_INCOME_WHILE_SEARCHING


MIGRATIONS: Final[dict[int, Migration]] = {1: _v1_to_v2}
