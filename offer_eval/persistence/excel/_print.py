"""How a sheet prints: A4, one page wide, titles repeated, the scenario named on every page.

A workbook is often printed, or saved as PDF, to show someone else. Without a print set-up a
spreadsheet splits a wide table into pages of columns cut off from their row labels; here each
visible sheet is scaled to one page wide (so every page carries the labels of its rows), turned
landscape when its columns are wider than a portrait page, and repeats its header rows (and, for
sheets that spill across pages, its label columns). The header names the scenario and the sheet,
the footer numbers the pages.
"""

from __future__ import annotations

import math
import re
from typing import Final

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from offer_eval.persistence.excel._sheet import SheetWriter

# Column widths (in characters) that fit across a portrait A4 page at full size, with margins.
PORTRAIT_CHARACTERS: Final = 100.0
# The most characters of column width shrunk onto one page: about 60% of full size, the smallest
# that still reads comfortably on paper. A wider sheet runs on over more pages across, each
# repeating its label columns.
MOST_CHARACTERS_A_PAGE: Final = 250.0
MAX_HEADER_NAME: Final = 80  # characters of the scenario name in the page header
# Characters a header cannot carry: XML cannot hold control characters or lone surrogates, and a
# line break would push the header into the sheet.
_UNPRINTABLE: Final = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def header_text(name: str) -> str:
    """The scenario name as header text: one line, shortened, "&" escaped (it starts a code)."""
    clean = " ".join(_UNPRINTABLE.sub(" ", name).split()) or "Offer comparison"
    if len(clean) > MAX_HEADER_NAME:
        clean = clean[: MAX_HEADER_NAME - 1].rstrip() + "…"
    return clean.replace("&", "&&")


def set_up_printing(
    sheet: SheetWriter,
    scenario_name: str,
    *,
    columns: int,
    title_rows: tuple[int, int] | None = None,
    title_columns: int = 0,
    pages_tall: int = 0,
    landscape: bool | None = None,
) -> None:
    """Print the sheet on A4: landscape when its `columns` are wider than a portrait page (or as
    `landscape` says: a long sheet fits more on two portrait pages).

    `title_rows` (first, last) repeat at the top of every page and the first `title_columns`
    columns at the left of every page. The sheet is scaled to one page wide (more when that
    would shrink it below legibility), and `pages_tall` (0: as many as it takes) caps the
    number of pages down.
    """
    ws = sheet.ws
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    width = sheet.column_width(1, columns)
    wide = width > PORTRAIT_CHARACTERS if landscape is None else landscape
    setup.orientation = ws.ORIENTATION_LANDSCAPE if wide else ws.ORIENTATION_PORTRAIT
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    setup.fitToWidth = max(1, math.ceil(width / MOST_CHARACTERS_A_PAGE))
    setup.fitToHeight = pages_tall
    ws.page_margins = PageMargins(
        left=0.5, right=0.5, top=0.75, bottom=0.75, header=0.3, footer=0.3
    )
    if title_rows is not None:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
    if title_columns:
        ws.print_title_cols = f"A:{get_column_letter(title_columns)}"
    name = header_text(scenario_name)
    ws.oddHeader.center.text = name
    ws.oddHeader.right.text = "&A"  # the sheet's name
    ws.oddFooter.center.text = "Page &P of &N"
