"""Edits that take the application log into the rest of the scenario.

"Set rates from my applications" is one edit (one undo step in the window): the log's counts
before the user counted as experienced go into `search.history`, marked for use, so the forecast
runs on the posterior rates those counts give (the same path as typing the counts in by hand).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any, Final

from offer_eval.core.application import Application
from offer_eval.core.application_rates import novice_counts
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import Scenario, SearchHistory
from offer_eval.core.search_history import rates_from_history


def set_rates_from_applications(scenario: Scenario) -> Scenario:
    """The scenario with its history counts set from the log and used for the rates.

    The counts are the applications for jobs in the new field made before the user counted as
    experienced, how many got past the CV stage and how many ended in an offer; the prior the
    history states is kept. The novice callback rate and offers per callback become the
    posterior means, as when the user ticks "use for the rates" on typed-in counts.
    Raises ValueError for an empty log (there is nothing to set the rates from).
    """
    if not scenario.applications:
        raise ValueError("the application log is empty")
    counts = novice_counts(scenario.applications, scenario.search)
    history = scenario.search.history or SearchHistory()
    history = dataclasses.replace(
        history,
        applications=counts.applications,
        callbacks=counts.callbacks,
        offers=counts.offers,
        use_for_rates=True,
    )
    return scenario.replace(search=rates_from_history(scenario.search, history))


def add_applications(scenario: Scenario, rows: tuple[Application, ...]) -> Scenario:
    """The scenario with `rows` appended to its log (validated: unique ids, the size limit)."""
    return scenario.replace(applications=(*scenario.applications, *rows))


DATE_KEYS: Final = frozenset({"date", "screen_date", "interview_date", "offer_date"})


def _new_id(taken: Iterable[str]) -> str:
    used = set(taken)
    number = len(used) + 1
    while f"app-{number}" in used:
        number += 1
    return f"app-{number}"


def set_application_value(
    scenario: Scenario, application_id: str, key: str, value: object, *, today: dt.date
) -> Scenario:
    """The scenario with one field of one application changed.

    A date after `today` is refused: nobody has applied tomorrow, and a typo such as 2052 would
    otherwise sit in the log as the latest application and skew the recent monthly rate.
    """
    if key == "id":
        raise InvalidValueError("id", "an application's id cannot be changed")
    if key in DATE_KEYS and isinstance(value, str) and value:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidValueError(key, f"'{value}' is not a date (write 2025-03-14)") from None
        if day > today:
            raise InvalidValueError(key, f"{day.isoformat()} is in the future")
        value = day.isoformat()
    changed = False
    rows: list[Application] = []
    for row in scenario.applications:
        if row.id != application_id:
            rows.append(row)
            continue
        try:
            changes: dict[str, Any] = {key: value}
            rows.append(dataclasses.replace(row, **changes))
        except InvalidValueError:
            raise
        except (TypeError, ValueError) as error:
            raise InvalidValueError(key, str(error)) from None
        changed = True
    if not changed:
        raise InvalidValueError("id", f"no application '{application_id}'")
    return scenario.replace(applications=tuple(rows))


def new_application(scenario: Scenario, today: dt.date) -> Application:
    """A row to fill in: applied today, in the new field."""
    return Application(id=_new_id(a.id for a in scenario.applications), date=today.isoformat())


def add_application_after(
    scenario: Scenario, row: Application, after: str | None = None
) -> Scenario:
    """The scenario with `row` placed after the application `after` (at the end without one)."""
    rows = list(scenario.applications)
    position = len(rows)
    for number, existing in enumerate(rows):
        if existing.id == after:
            position = number + 1
    rows.insert(position, row)
    return scenario.replace(applications=tuple(rows))


def duplicate_application(scenario: Scenario, application_id: str) -> tuple[Scenario, str]:
    """A copy of an application, with its own id, right after it (for a second role at the same
    employer, say)."""
    original = next((a for a in scenario.applications if a.id == application_id), None)
    if original is None:
        raise InvalidValueError("id", f"no application '{application_id}'")
    copy = dataclasses.replace(original, id=_new_id(a.id for a in scenario.applications))
    return add_application_after(scenario, copy, application_id), copy.id


def remove_applications(scenario: Scenario, ids: Iterable[str]) -> Scenario:
    """The scenario without these applications."""
    gone = set(ids)
    return scenario.replace(
        applications=tuple(a for a in scenario.applications if a.id not in gone)
    )
