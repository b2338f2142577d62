"""Where everything sits in the workbook: sheet names, the input columns and the Scores grid.

Export and import share these definitions, so a column cannot be written in one place and read
from another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Final, Literal

from openpyxl.utils import get_column_letter

SUMMARY: Final = "Summary"
OFFERS: Final = "Offers"
BENCHMARKS: Final = "Benchmarks"
SCORES: Final = "Scores"
TAKE_HOME: Final = "Take-home"
TRAJECTORY: Final = "Trajectory"
DATA: Final = "_scenario"
SHEETS: Final = (SUMMARY, OFFERS, BENCHMARKS, SCORES, TAKE_HOME, TRAJECTORY, DATA)

WORKBOOK_FORMAT: Final = "offer-eval-workbook"
WORKBOOK_VERSION: Final = 1

ColumnKind = Literal[
    "id",  # required text without surrounding spaces
    "text",  # text; a blank cell is ""
    "optional_text",  # text; a blank cell is None
    "money",  # GBP, a number
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
    """One input column: the model field it holds (``equity.x`` for equity), its header and kind."""

    field: str
    header: str
    kind: ColumnKind
    width: float = 14.0

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
POSITION_COLUMNS: Final = (
    Column("role", "Role", "role", 9),
    Column("id", "Id", "id", 16),
    Column("name", "Name", "optional_text", 28),
    Column("employer", "Employer", "text", 24),
    Column("title", "Title", "text", 24),
    Column("region", "Region", "text", 16),
    Column("tax_region", "Tax region", "optional_text", 11),
    Column("benchmark_id", "Benchmark id", "optional_text", 22),
    Column("target_field", "In the target field", "bool", 10),
    Column("base_salary", "Base salary", "money", 13),
    Column("bonus_target_pct", "Bonus target", "pct", 10),
    Column("bonus_payout_pct", "Bonus payout", "pct", 10),
    Column("sign_on", "Sign-on", "money", 11),
    Column("equity.grant_value", "Equity grant", "money", 12),
    Column("equity.vesting_years", "Vesting years", "int", 9),
    Column("equity.cliff_months", "Cliff months", "int", 9),
    Column("equity.schedule_pct", "Vesting schedule (%)", "schedule", 14),
    Column("equity.liquid", "Equity liquid", "bool", 9),
    Column("equity.illiquid_discount_pct", "Illiquid discount", "pct", 10),
    Column("employer_pension_pct", "Employer pension", "pct", 10),
    Column("employee_pension_pct", "Your pension", "pct", 10),
    Column("pension_method", "Pension method", "text", 16),
    Column("benefits_value", "Benefits", "money", 11),
    Column("benefits_taxable", "Benefits taxable", "bool", 10),
    Column("hours_per_week", "Hours a week", "number", 9),
    Column("holiday_days", "Holiday days", "number", 9),
    Column("annual_raise_pct", "Yearly raise", "pct", 9),
    Column("commute_days_per_week", "Commute days a week", "number", 10),
    Column("commute_cost_per_day", "Commute cost a day", "money", 10),
    Column("commute_minutes_per_day", "Commute minutes a day", "number", 10),
    Column("living_cost_difference_per_month", "Extra living costs a month", "money", 12),
    Column("relocation_cost", "Relocation cost", "money", 11),
    Column("tax_free", "Tax free", "bool", 8),
    Column("ends_after_months", "Ends after months", "optional_int", 10),
    Column("notes", "Notes", "text", 40),
)

BENCHMARK_COLUMNS: Final = (
    Column("id", "Id", "id", 24),
    Column("label", "Label", "text", 36),
    Column("region", "Region", "text", 14),
    Column("role", "Role", "text", 22),
    Column("year", "Year", "optional_int", 7),
    Column("period", "Period", "text", 24),
    Column("p10", "10th percentile", "money", 12),
    Column("p25", "25th percentile", "money", 12),
    Column("median", "Median", "money", 12),
    Column("p75", "75th percentile", "money", 12),
    Column("p90", "90th percentile", "money", 12),
    Column("source", "Source", "text", 40),
    Column("reliability", "Reliability", "text", 30),
    Column("notes", "Notes", "text", 40),
)

HEADER_ROW: Final = 1  # Offers and Benchmarks: headers in row 1, one record per row below
FIRST_RECORD_ROW: Final = 2


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
    Column("label", "Criterion", "text", 24),
    Column("id", "Criterion id", "id", 16),
    Column("meaning_0", "0 means", "text", 36),
    Column("meaning_5", "5 means", "text", 36),
    Column("meaning_10", "10 means", "text", 36),
)
