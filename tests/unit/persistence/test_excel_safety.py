"""Hostile workbooks are refused before the XML parser's quadratic cost sets in; cancel works."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from offer_eval.core.evaluate import evaluate
from offer_eval.persistence.examples import demo_scenario
from offer_eval.persistence.excel import (
    Cancelled,
    WorkbookError,
    read_workbook,
    read_workbook_bytes,
    workbook_bytes,
    write_workbook,
)
from offer_eval.persistence.excel._safety import (
    MAX_TEXT_CHARACTERS,
    ArchiveError,
    check_archive,
)


@pytest.fixture(scope="module")
def parts() -> dict[str, bytes]:
    data = workbook_bytes(evaluate(demo_scenario()))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _with_text(parts: dict[str, bytes], text: bytes) -> bytes:
    """The demo workbook with one more text cell at the end of every sheet the reader parses."""
    cell = b'<row r="9000"><c r="A9000" t="inlineStr"><is><t>' + text + b"</t></is></c></row>"
    changed = {
        name: data.replace(b"</sheetData>", cell + b"</sheetData>", 1)
        for name, data in parts.items()
        if name.startswith("xl/worksheets/sheet")
    }
    assert changed
    return _zip({**parts, **changed})


def test_one_huge_text_node_is_refused_in_under_2_seconds(parts: dict[str, bytes]) -> None:
    hostile = _with_text(parts, b"A" * (20 * 1024 * 1024))
    # Small on disk (about 20 kB of zip per sheet, eight sheets): it is the parse that would be slow.
    assert len(hostile) < 256_000
    started = time.monotonic()
    with pytest.raises(WorkbookError, match="text over 32,767 characters"):
        read_workbook_bytes(hostile)
    assert time.monotonic() - started < 2


def test_a_part_over_32_mb_is_refused(parts: dict[str, bytes]) -> None:
    many_cells = b"<c><v>1</v></c>" * (33 * 1024 * 1024 // 15)
    hostile = _zip({**parts, "xl/worksheets/sheet9.xml": b"<worksheet>" + many_cells})
    started = time.monotonic()
    with pytest.raises(WorkbookError, match="larger than 32 MB uncompressed"):
        read_workbook_bytes(hostile)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        # A full cell is fine however it is spelt in XML: multi-byte characters and entities
        # take more bytes than characters.
        ("é" * MAX_TEXT_CHARACTERS, True),
        ("&amp;" * MAX_TEXT_CHARACTERS, True),
        ("A" * MAX_TEXT_CHARACTERS, True),
        ("A" * (MAX_TEXT_CHARACTERS + 1), False),
        ("é" * (MAX_TEXT_CHARACTERS + 1), False),
    ],
)
def test_the_text_limit_counts_characters(
    parts: dict[str, bytes], text: str, accepted: bool
) -> None:
    hostile = _with_text(parts, text.encode())
    if accepted:
        check_archive(hostile)
    else:
        with pytest.raises(ArchiveError, match="text over"):
            check_archive(hostile)


def test_a_long_text_split_across_read_chunks_is_seen() -> None:
    """The check streams in 1 MB chunks: a run crossing a boundary is still measured whole."""
    filler = b"<r>" + b"<c/>" * (1024 * 1024 // 4 - 2)
    body = filler + b"<t>" + b"B" * (MAX_TEXT_CHARACTERS + 1) + b"</t>"
    archive = _zip(
        {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>", "xl/s.xml": body}
    )
    with pytest.raises(ArchiveError, match="text over"):
        check_archive(archive)


def test_cancel_leaves_the_files_unchanged(tmp_path: Path) -> None:
    evaluation = evaluate(demo_scenario())
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old")
    steps: list[str] = []

    def cancel_after_two_steps() -> bool:
        steps.append("asked")
        return len(steps) > 2

    with pytest.raises(Cancelled):
        write_workbook(evaluation, target, cancelled=cancel_after_two_steps)
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["plan.xlsx"]
    good = tmp_path / "good.xlsx"
    write_workbook(evaluation, good, cancelled=lambda: False)
    fractions: list[float] = []
    with pytest.raises(Cancelled):
        read_workbook(
            good,
            progress=lambda fraction, what: fractions.append(fraction),
            cancelled=lambda: len(fractions) >= 1,
        )
    assert fractions == [0.0]
    assert read_workbook(good, cancelled=lambda: False) == demo_scenario()
