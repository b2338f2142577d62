"""The workbook prints: every visible sheet has a print set-up, and the Summary of up to six
offers, printed by LibreOffice, takes at most two pages with each row's label beside its figures.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from offer_eval.core.evaluate import Evaluation, evaluate
from offer_eval.core.models import Scenario
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel import workbook_bytes
from offer_eval.persistence.excel._print import header_text
from tests.unit._excel_support import hostile_scenario, load, with_offers
from tests.unit.persistence.test_excel_libreoffice import TIMEOUT, _soffice

VISIBLE = (lay.SUMMARY, lay.OFFERS, lay.BENCHMARKS, lay.SCORES, lay.TAKE_HOME, lay.TRAJECTORY)


@pytest.fixture(scope="module")
def demo_eval() -> Evaluation:
    from offer_eval.persistence.examples import demo_scenario

    return evaluate(demo_scenario())


def test_every_visible_sheet_prints_on_a4_with_titles_header_and_page_numbers(
    demo_eval: Evaluation,
) -> None:
    book = load(workbook_bytes(demo_eval))
    for name in VISIBLE:
        ws = book[name]
        setup = ws.page_setup
        assert setup.paperSize == 9, name  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert setup.fitToWidth >= 1, name
        assert ws.print_title_cols is not None and ws.print_title_cols.startswith("$A:"), name
        assert demo_eval.scenario.name in ws.oddHeader.center.text, name
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text, name
        if name != lay.SUMMARY:  # the Summary's table always fits its first page
            assert ws.print_title_rows is not None, name
    summary = book[lay.SUMMARY].page_setup
    assert (summary.orientation, summary.fitToWidth, summary.fitToHeight) == ("portrait", 1, 2)
    assert book[lay.OFFERS].page_setup.orientation == "landscape"  # 35 input columns
    assert book[lay.DATA].sheet_state == "hidden"


def test_the_header_carries_any_scenario_name_safely(demo_eval: Evaluation) -> None:
    assert header_text("R&D offers") == "R&&D offers"  # a lone "&" would start a header code
    assert header_text("a\r\nb\x07c") == "a b c"
    assert header_text("") == "Offer comparison"
    assert len(header_text("x" * 500)) == 80
    scenario = hostile_scenario(demo_eval.scenario).replace(name="Tab\there &P\x1b&&")
    book = load(workbook_bytes(evaluate(scenario)))  # saved and parsed: the XML is valid
    assert book[lay.SUMMARY].oddHeader.center.text == "Tab here &&P &&&&"


# --- printed by LibreOffice ---------------------------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        install = "apt-get install -y --no-install-recommends poppler-utils"
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required when CI is set: {install}")
        pytest.skip(f"{name} is not installed; to run this test: {install}")
    return found


def _only_sheet(data: bytes, sheet: str) -> bytes:
    """The workbook with every other sheet hidden, so that printing it prints only `sheet`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()

    def hide(match: re.Match[str]) -> str:
        tag = re.sub(r' state="\w+"', "", match.group(0))
        if f'name="{sheet}"' in tag:
            return tag
        return tag.replace("<sheet ", '<sheet state="hidden" ', 1)

    with source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/workbook.xml":
                content = re.sub(r"<sheet [^>]*/>", hide, content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return buffer.getvalue()


def _print_summary(data: bytes, folder: Path) -> list[str]:
    """The Summary printed to PDF by LibreOffice: each page's text, laid out as printed."""
    soffice, pdftotext = _soffice(), _tool("pdftotext")
    (folder / "summary.xlsx").write_bytes(_only_sheet(data, lay.SUMMARY))
    command = [
        soffice,
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(folder / "summary.xlsx"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    pdf = folder / "summary.pdf"
    assert pdf.exists(), f"LibreOffice did not print the Summary: {done.stderr}"
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def _money(value: float, number_format: str) -> str | None:
    """A figure as the sheet's pound formats show it (None for any other format)."""
    if number_format == '"£"#,##0;-"£"#,##0':
        text = f"£{abs(value):,.0f}"
    elif number_format == '"£"#,##0.00;-"£"#,##0.00':
        text = f"£{abs(value):,.2f}"
    else:
        return None
    return f"-{text}" if value < 0 and text.strip("£0,.") else text


def _assert_prints_on_two_pages_with_labels(scenario: Scenario, folder: Path) -> None:
    data = workbook_bytes(evaluate(scenario))
    pages = _print_summary(data, folder)
    assert 1 <= len(pages) <= 2, f"the Summary printed on {len(pages)} pages"
    ws: Any = load(data)[lay.SUMMARY]
    for page in pages:
        assert scenario.name in page.splitlines()[0]  # the header names the scenario
    checked = 0
    for row in range(5, ws.max_row + 1):
        label, value = ws.cell(row, 1).value, ws.cell(row, 2).value
        if not isinstance(label, str) or not isinstance(value, float | int) or len(label) > 40:
            continue
        shown = _money(float(value), ws.cell(row, 2).number_format)
        if shown is None:
            continue
        # The row's label and the current job's figure are on one printed line of one page.
        lines = [line for page in pages for line in page.splitlines() if label.strip() in line]
        assert any(shown in line for line in lines), f"{label.strip()!r}: {shown} not beside it"
        checked += 1
    assert checked >= 20
    for page in pages:  # every page has labelled rows, not figures cut off from their labels
        assert any(re.match(r"\s*[A-Z][a-z]", line) for line in page.splitlines()[1:])
    first = pages[0]
    for position in (scenario.current, *scenario.offers):
        if position.display_name.isprintable() and not position.display_name.startswith(" "):
            assert position.display_name.split()[0] in first


@pytest.mark.slow
def test_the_demo_summary_prints_on_two_pages_at_most(
    demo_eval: Evaluation, tmp_path: Path
) -> None:
    _assert_prints_on_two_pages_with_labels(demo_eval.scenario, tmp_path)


@pytest.mark.slow
def test_a_six_offer_summary_prints_on_two_pages_at_most(
    demo_eval: Evaluation, tmp_path: Path
) -> None:
    _assert_prints_on_two_pages_with_labels(with_offers(demo_eval.scenario, 6), tmp_path)
