"""The reality check on the Trajectory sheet, under its charts: implied figures beside published UK
ones (each with its source, flagged when far apart) and the source of every search setting the
forecast reads. Values, not formulas: they come from the simulation.
"""

from __future__ import annotations

from typing import Final

from offer_eval.core.trajectory import TrajectoryResult
from offer_eval.core.trajectory.reality import rate_sources, reality_check
from offer_eval.persistence.excel._context import ExportContext
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._styles import (
    BOLD,
    DECIMAL,
    HEADER_ALIGN,
    HEADER_FILL,
    NOTE_FONT,
    PERCENT,
    WHOLE,
)
from offer_eval.present.reality_report import (
    RATES_TITLE,
    REALITY_TITLE,
    flag_text,
    rate_label,
    rate_value_text,
)

NAME: Final = 2  # the figure's name, merged across NAME..NAME_END
NAME_END: Final = 4
YOURS, PUBLISHED, UNIT, CHECK, SOURCE = 5, 6, 7, 8, 9
FORMATS: Final = {"share": PERCENT, "count": DECIMAL, "percentile": WHOLE}
UNITS: Final = {"share": "share", "count": "number", "percentile": "percentile (0-100)"}


def write(sheet: SheetWriter, export: ExportContext, trajectory: TrajectoryResult, top: int) -> int:
    """Both blocks from row `top`; returns the last row written."""
    scenario = export.scenario
    sheet.text(top, NAME, REALITY_TITLE, font=BOLD)
    sheet.text(
        top + 1,
        NAME,
        "A figure more than twice (or less than half) the published one is marked; so is a "
        "typical future salary above 9 in 10 of the market's offers.",
        font=NOTE_FONT,
    )
    header = top + 2
    for column, title in (
        (NAME, "Figure"),
        (YOURS, "Yours"),
        (PUBLISHED, "Published"),
        (UNIT, "Unit"),
        (CHECK, "Check"),
        (SOURCE, "Source of the published figure"),
    ):
        sheet.text(header, column, title, font=BOLD, fill=HEADER_FILL, align=HEADER_ALIGN)
    row = header
    for item in reality_check(scenario, trajectory):
        row += 1
        sheet.paragraph(row, NAME, NAME_END, item.name)
        number_format = FORMATS[item.unit]
        sheet.number(row, YOURS, item.implied, number_format)
        sheet.number(row, PUBLISHED, item.published, number_format)
        sheet.text(row, UNIT, UNITS[item.unit])
        sheet.text(row, CHECK, flag_text(item))
        sheet.text(row, SOURCE, f"{item.what}: {item.source}")
    row += 2
    sheet.text(row, NAME, RATES_TITLE, font=BOLD)
    row += 1
    for column, title in ((NAME, "Setting"), (YOURS, "Value"), (PUBLISHED, "Source")):
        sheet.text(row, column, title, font=BOLD, fill=HEADER_FILL, align=HEADER_ALIGN)
    for rate in rate_sources(scenario):
        row += 1
        sheet.paragraph(row, NAME, NAME_END, rate_label(rate.key))
        sheet.text(row, YOURS, rate_value_text(rate))
        sheet.text(row, PUBLISHED, rate.source)
    return row
