"""How much one scenario may hold: beyond these the app would slow to a crawl, so it refuses.

Every reader (scenario file, workbook, the window's own edits) checks against the same numbers
and says which limit was passed, instead of freezing on a file it could never show usefully.
"""

from __future__ import annotations

from typing import Final

MAX_OFFERS: Final = 100
MAX_BENCHMARKS: Final = 1_000
MAX_APPLICATIONS: Final = 10_000
MAX_DOCUMENT_BYTES: Final = 20 * 1024 * 1024

# JSON key of each counted list -> (limit, the words for one item).
COUNTED: Final = {
    "offers": (MAX_OFFERS, "offers"),
    "benchmarks": (MAX_BENCHMARKS, "benchmarks"),
    "applications": (MAX_APPLICATIONS, "applications"),
}


def over_limit(key: str, count: int) -> str | None:
    """The rule broken when a scenario's `key` list holds `count` items, or None if within it."""
    limit, words = COUNTED[key]
    if count <= limit:
        return None
    return f"at most {limit:,} {words} (this has {count:,})"
