"""Large blocks of plain numbers, written straight into a saved sheet's XML.

openpyxl spends about 15 µs on each cell it serialises; the Trajectory sheet of a 50-offer
comparison has 36,000 numbers, which alone would take most of the one-second budget of an export.
So openpyxl writes a block's first and last rows (fixing the sheet's dimension and every style
the block uses), and the rows in between are generated here as `<row>` elements with the same
styles and spliced in after saving. Only finite numbers go this way: no text, no formulas.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter


@dataclass(frozen=True, slots=True)
class NumberBlock:
    """Rows `first_row + 1 .. first_row + len(rows)` of a sheet: numbers with per-column styles.

    `columns[i]` is the 1-based column of `rows[r][i]` and `styles[i]` its cell style id.
    """

    sheet_path: str  # e.g. "xl/worksheets/sheet6.xml", known once the workbook is saved
    first_row: int  # the row openpyxl wrote just before the block
    columns: Sequence[int]
    styles: Sequence[int]
    rows: Sequence[Sequence[float | int]]

    def xml(self) -> str:
        """The block's `<row>` elements."""
        letters = [get_column_letter(column) for column in self.columns]
        parts: list[str] = []
        for offset, values in enumerate(self.rows, start=1):
            row = self.first_row + offset
            parts.append(f'<row r="{row}">')
            for letter, style, value in zip(letters, self.styles, values, strict=True):
                if math.isfinite(value):
                    parts.append(f'<c r="{letter}{row}" s="{style}" t="n"><v>{value!r}</v></c>')
            parts.append("</row>")
        return "".join(parts)


def splice(data: bytes, blocks: Sequence[NumberBlock]) -> bytes:
    """The saved workbook `data` with each block's rows inserted into its sheet."""
    if not blocks:
        return data
    by_path: dict[str, list[NumberBlock]] = {}
    for block in blocks:
        by_path.setdefault(block.sheet_path, []).append(block)
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            for block in by_path.get(info.filename, ()):
                content = _insert(content, block)
            target.writestr(info, content)
    return buffer.getvalue()


def _insert(sheet: bytes, block: NumberBlock) -> bytes:
    text = sheet.decode("utf-8")
    match = re.search(rf'<row r="{block.first_row}"[^>]*>.*?</row>', text, flags=re.DOTALL)
    if match is None:
        raise ValueError(f"row {block.first_row} not found in {block.sheet_path}")
    following = f'<row r="{block.first_row + len(block.rows) + 1}"'
    if not text.startswith(following, match.end()):
        raise ValueError(f"the block after row {block.first_row} is not empty in the sheet")
    return (text[: match.end()] + block.xml() + text[match.end() :]).encode("utf-8")
