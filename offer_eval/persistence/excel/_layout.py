"""Where everything sits in the workbook: sheet names, the input columns and the Scores grid.

Export and import share these definitions, so a column cannot be written in one place and read
from another.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Final, Literal

from openpyxl.utils import get_column_letter

from offer_eval.core.limits import MAX_APPLICATIONS
from offer_eval.present.applications import APPLICATION_FIELD
from offer_eval.present.fields import BENCHMARK_FIELD, CRITERION_FIELD, POSITION_FIELD
from offer_eval.present.labels import Label

SUMMARY: Final = "Summary"
OFFERS: Final = "Offers"
BENCHMARKS: Final = "Benchmarks"
SCORES: Final = "Scores"
TAKE_HOME: Final = "Take-home"
TRAJECTORY: Final = "Trajectory"
APPLICATIONS: Final = "Applications"
DATA: Final = "_scenario"
SHEETS: Final = (SUMMARY, OFFERS, BENCHMARKS, SCORES, TAKE_HOME, TRAJECTORY, APPLICATIONS, DATA)

WORKBOOK_FORMAT: Final = "offer-eval-workbook"
WORKBOOK_VERSION: Final = 1

ColumnKind = Literal[
    "id",  # required text without surrounding spaces
    "text",  # text; a blank cell is ""
    "optional_text",  # text; a blank cell is None
    "money",  # GBP, a number
    "optional_money",  # GBP, a number; a blank cell is None
    "pct",  # a *_pct field (5 = 5%) shown as a percentage cell (0.05)
    "number",  # a plain number
    "int",  # a whole number
    "optional_int",  # a whole number; a blank cell is None
    "bool",  # TRUE or FALSE
    "schedule",  # equity schedule: yearly shares in %, as text "5/15/40/40"
    "role",  # "current" or "offer"
]


@dataclass(frozen=True, slots=True)
class Column:
    """One input column: the model field it holds (``equity.x`` for equity), its header and kind.

    The header is the field's label from present/. `former` lists headers earlier versions wrote,
    so a workbook exported before a label was unified still imports.
    """

    field: str
    header: str
    kind: ColumnKind
    width: float = 14.0
    former: tuple[str, ...] = ()

    def accepts(self, text: str) -> bool:
        """Whether `text` (as found in a header cell) names this column, now or formerly."""
        wanted = text.strip().lower()
        return wanted in (name.lower() for name in (self.header, *self.former))

    @property
    def is_equity(self) -> bool:
        """Equity is a nested value: its columns are blank when a position has none."""
        return self.field.startswith("equity.")

    @property
    def attribute(self) -> str:
        """The attribute name on the object that holds it (the position or its equity)."""
        return self.field.removeprefix("equity.")


# The Offers sheet: one row per position, the current job first. Negotiation history is kept in
# `_scenario`; ratings live on the Scores sheet.
def _named(
    table: Mapping[str, Label], field: str, kind: ColumnKind, width: float, *former: str
) -> Column:
    return Column(field, table[field].label, kind, width, former)


POSITION_COLUMNS: Final = (
    _named(POSITION_FIELD, "role", "role", 9),
    _named(POSITION_FIELD, "id", "id", 16),
    _named(POSITION_FIELD, "name", "optional_text", 28),
    _named(POSITION_FIELD, "employer", "text", 24),
    _named(POSITION_FIELD, "title", "text", 24, "Title"),
    _named(POSITION_FIELD, "region", "text", 16, "Region"),
    _named(POSITION_FIELD, "tax_region", "optional_text", 11),
    _named(POSITION_FIELD, "benchmark_id", "optional_text", 22, "Benchmark id"),
    _named(POSITION_FIELD, "target_field", "bool", 10, "In the target field"),
    _named(POSITION_FIELD, "base_salary", "money", 13),
    _named(POSITION_FIELD, "bonus_target_pct", "pct", 10),
    _named(POSITION_FIELD, "bonus_payout_pct", "pct", 10, "Bonus payout"),
    _named(POSITION_FIELD, "sign_on", "money", 11, "Sign-on"),
    _named(POSITION_FIELD, "equity.grant_value", "money", 12, "Equity grant"),
    _named(POSITION_FIELD, "equity.vesting_years", "int", 9),
    _named(POSITION_FIELD, "equity.cliff_months", "int", 9, "Cliff months"),
    _named(POSITION_FIELD, "equity.schedule_pct", "schedule", 14),
    _named(POSITION_FIELD, "equity.liquid", "bool", 9, "Equity liquid"),
    _named(POSITION_FIELD, "equity.illiquid_discount_pct", "pct", 10),
    _named(POSITION_FIELD, "employer_pension_pct", "pct", 10),
    _named(POSITION_FIELD, "employee_pension_pct", "pct", 10),
    _named(POSITION_FIELD, "pension_method", "text", 16),
    _named(POSITION_FIELD, "benefits_value", "money", 11, "Benefits"),
    _named(POSITION_FIELD, "bik_other", "money", 11),
    _named(POSITION_FIELD, "hours_per_week", "number", 9),
    _named(POSITION_FIELD, "holiday_days", "number", 9),
    _named(POSITION_FIELD, "annual_raise_pct", "pct", 9),
    _named(POSITION_FIELD, "commute_days_per_week", "number", 10, "Commute days a week"),
    _named(POSITION_FIELD, "commute_cost_per_day", "money", 10),
    _named(POSITION_FIELD, "commute_minutes_per_day", "number", 10),
    _named(POSITION_FIELD, "living_cost_difference_per_month", "money", 12),
    _named(POSITION_FIELD, "relocation_cost", "money", 11),
    _named(POSITION_FIELD, "tax_free", "bool", 8, "Tax free"),
    _named(POSITION_FIELD, "ends_after_months", "optional_int", 10, "Ends after months"),
    _named(POSITION_FIELD, "notes", "text", 40),
)

BENCHMARK_COLUMNS: Final = (
    _named(BENCHMARK_FIELD, "id", "id", 24),
    _named(BENCHMARK_FIELD, "label", "text", 36, "Label"),
    _named(BENCHMARK_FIELD, "region", "text", 14, "Region"),
    _named(BENCHMARK_FIELD, "role", "text", 22, "Role"),
    _named(BENCHMARK_FIELD, "year", "optional_int", 7),
    _named(BENCHMARK_FIELD, "period", "text", 24),
    _named(BENCHMARK_FIELD, "p10", "money", 12),
    _named(BENCHMARK_FIELD, "p25", "money", 12),
    _named(BENCHMARK_FIELD, "median", "money", 12),
    _named(BENCHMARK_FIELD, "p75", "money", 12),
    _named(BENCHMARK_FIELD, "p90", "money", 12),
    _named(BENCHMARK_FIELD, "source", "text", 40),
    _named(BENCHMARK_FIELD, "reliability", "text", 30),
    _named(BENCHMARK_FIELD, "notes", "text", 40),
)

HEADER_ROW: Final = 1  # Offers and Benchmarks: headers in row 1, one record per row below
FIRST_RECORD_ROW: Final = 2

# The Applications sheet: the log in the same shape (ids in column A), codes for stage, channel
# and outcome, dates as ISO text; the live funnel sits two columns to the right of the log.
APPLICATION_COLUMNS: Final = (
    Column("id", "Id", "id", 10),
    _named(APPLICATION_FIELD, "date", "text", 12),
    _named(APPLICATION_FIELD, "employer", "text", 24),
    _named(APPLICATION_FIELD, "role", "text", 24),
    _named(APPLICATION_FIELD, "target_field", "bool", 10),
    _named(APPLICATION_FIELD, "channel", "text", 11),
    _named(APPLICATION_FIELD, "stage", "text", 11),
    _named(APPLICATION_FIELD, "outcome", "text", 11),
    _named(APPLICATION_FIELD, "screen_date", "optional_text", 12),
    _named(APPLICATION_FIELD, "interview_date", "optional_text", 12),
    _named(APPLICATION_FIELD, "offer_date", "optional_text", 12),
    _named(APPLICATION_FIELD, "offered_salary", "optional_money", 12),
    _named(APPLICATION_FIELD, "notes", "text", 40),
)
LAST_APPLICATION_ROW: Final = FIRST_RECORD_ROW + MAX_APPLICATIONS - 1  # what the funnel counts
FUNNEL_COLUMN: Final = len(APPLICATION_COLUMNS) + 2
FUNNEL_FIRST_ROW: Final = 2


def column_index(columns: tuple[Column, ...], field: str) -> int:
    """1-based column of `field`."""
    for index, column in enumerate(columns, start=1):
        if column.field == field:
            return index
    raise KeyError(field)


def cell_name(row: int, column: int) -> str:
    """A1-style name of a cell."""
    return f"{get_column_letter(column)}{row}"


def quote_sheet(sheet: str) -> str:
    """A sheet name as a reference needs it: ``Offers``, ``'Take-home'``."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def where(sheet: str, row: int, column: int) -> str:
    """Sheet and cell as a spreadsheet writes them: ``Offers!J3``, ``'Take-home'!B2``."""
    return f"{quote_sheet(sheet)}!{cell_name(row, column)}"


def absolute(row: int, column: int) -> str:
    """An absolute reference: ``$C$4``."""
    return f"${get_column_letter(column)}${row}"


# --- Scores ------------------------------------------------------------------------------------
# Criteria are columns and offers are rows. Above the table, one row each for the criterion id,
# its kind, its weight, its share and (money criteria) the two anchors; then the header row with
# the criterion labels, then one row per offer. Raw values (ratings, money figures) come first,
# then their 0-10 values, then score and rank.


@dataclass(frozen=True, slots=True)
class ScoresGrid:
    """Cell positions of the Scores sheet for `criteria` criteria and `offers` offers."""

    criteria: int
    offers: int

    WINNER_ROW: ClassVar[int] = 1
    ID_ROW: ClassVar[int] = 2
    KIND_ROW: ClassVar[int] = 3
    WEIGHT_ROW: ClassVar[int] = 4
    SHARE_ROW: ClassVar[int] = 5
    LOW_ROW: ClassVar[int] = 6
    HIGH_ROW: ClassVar[int] = 7
    HEADER_ROW: ClassVar[int] = 8
    FIRST_OFFER_ROW: ClassVar[int] = 9
    OFFER_ID_COLUMN: ClassVar[int] = 1
    OFFER_NAME_COLUMN: ClassVar[int] = 2
    FIRST_RAW_COLUMN: ClassVar[int] = 3

    def raw_column(self, index: int) -> int:
        """Column of criterion `index`'s raw value (rating, or the money figure)."""
        return self.FIRST_RAW_COLUMN + index

    def value_column(self, index: int) -> int:
        """Column of criterion `index`'s 0-10 value."""
        return self.FIRST_RAW_COLUMN + self.criteria + index

    @property
    def score_column(self) -> int:
        """Column of the weighted score."""
        return self.FIRST_RAW_COLUMN + 2 * self.criteria

    @property
    def rank_column(self) -> int:
        """Column of the rank (1 is best; ties share a rank)."""
        return self.score_column + 1

    def offer_row(self, index: int) -> int:
        """Row of offer `index`."""
        return self.FIRST_OFFER_ROW + index

    @property
    def last_offer_row(self) -> int:
        """Row of the last offer (the header row when there are none)."""
        return self.FIRST_OFFER_ROW + self.offers - 1

    @property
    def meanings_title_row(self) -> int:
        """Row of the title of the block saying what ratings of 0, 5 and 10 mean."""
        return self.last_offer_row + 3


MEANINGS_TITLE: Final = "What the ratings mean"
MEANING_COLUMNS: Final = (
    _named(CRITERION_FIELD, "label", "text", 24),
    _named(CRITERION_FIELD, "id", "id", 16),
    _named(CRITERION_FIELD, "meaning_0", "text", 36),
    _named(CRITERION_FIELD, "meaning_5", "text", 36),
    _named(CRITERION_FIELD, "meaning_10", "text", 36),
)
