"""Fonts, fills and number formats of the workbook, created once and shared by every cell; and
the look every chart shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from openpyxl.styles import Alignment, Font, PatternFill

TITLE_FONT: Final = Font(bold=True, size=14)
BOLD: Final = Font(bold=True)
NOTE_FONT: Final = Font(italic=True, color="595959")
HEADER_FILL: Final = PatternFill("solid", fgColor="DCE6F1")
INPUT_FILL: Final = PatternFill("solid", fgColor="FFF2CC")
RESULT_FILL: Final = PatternFill("solid", fgColor="E2EFDA")
WRAP: Final = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN: Final = Alignment(wrap_text=True, vertical="bottom")
TOP: Final = Alignment(vertical="top")  # a number beside text that wraps

PERCENT: Final = "0.0%"
SHARE: Final = "0.0%"
RATING: Final = "0.0"
SCORE: Final = "0.00"
WHOLE: Final = "0"
DECIMAL: Final = "0.0#"
GENERAL: Final = "General"


@dataclass(frozen=True, slots=True)
class MoneyFormats:
    """Number formats for money in the scenario's currency label (a label only: no conversion)."""

    whole: str
    pence: str

    @classmethod
    def for_currency(cls, currency: str) -> MoneyFormats:
        """Pounds for GBP; any other label is shown after the number (letters only, for safety)."""
        code = re.sub(r"[^A-Za-z]", "", currency)[:10]
        if code.upper() in ("", "GBP"):
            return cls('"£"#,##0;-"£"#,##0', '"£"#,##0.00;-"£"#,##0.00')
        return cls(f'#,##0" {code}"', f'#,##0.00" {code}"')


def show_axes(chart: Any) -> None:
    """openpyxl 3.1 hides chart axes unless told otherwise; show them (Excel's default look)."""
    chart.x_axis.delete = False
    chart.y_axis.delete = False
