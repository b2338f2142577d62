"""Edits that take the application log into the rest of the scenario.

"Set rates from my applications" is one edit (one undo step in the window): the log's counts
before the user counted as experienced go into `search.history`, marked for use, so the forecast
runs on the posterior rates those counts give (the same path as typing the counts in by hand).
"""

from __future__ import annotations

import dataclasses

from offer_eval.core.application import Application
from offer_eval.core.application_rates import novice_counts
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
