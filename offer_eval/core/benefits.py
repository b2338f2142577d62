"""The income a searcher without a job can count on by default: the Universal Credit standard
allowance (single, 25 or over), sourced per tax year in `resources/benefits/universal-credit.json`.

New Style Jobseeker's Allowance would be the other candidate, but it lasts at most 182 days and
needs National Insurance contributions, so it cannot stand for an income that lasts as long as a
search; the standard allowance is what anyone out of work and without savings can claim.
"""

from __future__ import annotations

import functools
from typing import Final

from offer_eval.core.resources import read_json_resource

UNIVERSAL_CREDIT_FILE: Final = ("benefits", "universal-credit.json")

UNIVERSAL_CREDIT_YEAR: Final = "2026/27"
"""The tax year of the default below (the latest the app ships)."""
DEFAULT_INCOME_WHILE_SEARCHING: Final = 5_098.80
"""12 × £424.90, the 2026/27 standard allowance a month (a test reads it back from the file)."""


@functools.cache
def _table() -> dict[str, tuple[float, str]]:
    data = read_json_resource(*UNIVERSAL_CREDIT_FILE)
    rows = data["standard_allowance_single_25_or_over_monthly"]
    return {year: (float(row["amount"]), str(row["source"])) for year, row in rows.items()}


def universal_credit_annual(tax_year: str) -> tuple[float, str]:
    """(Standard allowance for a year, GBP, its source) for `tax_year` ("2025/26"); a later year
    uses the latest shipped figure, an earlier one the earliest."""
    table = _table()
    years = sorted(table)
    year = min(max(tax_year, years[0]), years[-1])
    if year not in table:
        year = max(y for y in years if y <= year)
    monthly, source = table[year]
    return round(12.0 * monthly, 2), source
