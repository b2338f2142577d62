"""The PDF summary as a reader gets it: at most two A4 pages, real text, every chart drawn.

Checked with poppler's own tools (pdfinfo, pdftotext, pdftoppm), as a reader's viewer would see
the file, not through Qt.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from offer_eval.core.evaluate import Evaluation, evaluate, evaluate_searches, with_tie_salaries
from offer_eval.core.models import Scenario
from offer_eval.core.money_text import format_money
from offer_eval.gui.summary_pdf import ChartArea, write_summary_pdf
from offer_eval.persistence.examples import demo_scenario, example
from offer_eval.present.labels import display_names

POPPLER = ("pdfinfo", "pdftotext", "pdftoppm", "pdfimages")
RASTER_DPI = 50


@pytest.fixture(autouse=True, scope="module")
def _poppler() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    assert not missing, f"install poppler-utils: {missing} not found"


def _six_offers(scenario: Scenario) -> Scenario:
    offers = []
    for number in range(6):
        offer = scenario.offers[number % len(scenario.offers)]
        offers.append(
            dataclasses.replace(
                offer,
                id=f"offer-{number + 1}",
                name=f"{offer.display_name} {number + 1}",
                base_salary=40_000 + 3_000 * number,
            )
        )
    return dataclasses.replace(scenario, offers=tuple(offers), name="Six offers")


def _write(scenario: Scenario, folder: Path) -> tuple[Evaluation, Path, list[ChartArea]]:
    # As every caller does: the searches the window runs in the background, done first.
    evaluation = with_tie_salaries(evaluate(scenario))
    path = folder / "summary.pdf"
    areas = write_summary_pdf(evaluation, path, searches=evaluate_searches(scenario))
    return evaluation, path, areas


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert match, info.stdout
    return int(match.group(1))


def _text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(out.split())


def _ink_share(png: Path, area: ChartArea) -> float:
    image = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB32)
    scale = RASTER_DPI / 72.0
    left, top = int(area.rect.left() * scale), int(area.rect.top() * scale)
    right = int(area.rect.right() * scale)
    bottom = int(area.rect.bottom() * scale)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine()
    )[:, : image.width() * 4]
    rgb = pixels.reshape(image.height(), image.width(), 4)[top:bottom, left:right, :3]
    assert rgb.size, f"{area.title}: outside the page"
    return float((rgb.astype(np.int16).sum(axis=2) < 3 * 235).mean())


@pytest.mark.parametrize("which", ["demo", "phd-stipend", "six"])
def test_summary_fits_two_pages_with_names_take_home_and_drawn_charts(
    which: str, tmp_path: Path, qapp: object
) -> None:
    scenario: Scenario
    if which == "demo":
        scenario = demo_scenario()
    elif which == "six":
        scenario = _six_offers(demo_scenario())
    else:
        scenario = example(f"{which}.offers.json")
    evaluation, path, areas = _write(scenario, tmp_path)
    assert _pages(path) <= 2
    text = _text(path)
    names = display_names(scenario)
    for offer in evaluation.offers:
        assert names[offer.position_id] in text
        assert format_money(offer.net_take_home) in text
    assert scenario.name in text
    assert ("Illustrative example" in text) == scenario.is_illustrative
    # Paper is read later: the searches' answers are there, never the strip's "…".
    assert "Working it out" not in text
    assert "Lowest offer worth taking: …" not in text
    if which == "demo":
        # The counter-offer in one sentence, not "None would. No salary changes the answer: no
        # salary is enough: ..." (the same thing said twice).
        assert (
            "Counter-offer that changes the answer: None would. Data Scientist (London) stays "
            "behind ML Engineer (regional) at any salary: the non-money criteria decide."
        ) in text
        assert "No salary changes the answer" not in text
    assert [area.title for area in areas] == [
        "Compensation",
        "Pay cut",
        "Trajectory",
        "Decision score",
    ]
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(RASTER_DPI), str(path), str(tmp_path / "page")], check=True
    )
    for area in areas:
        png = tmp_path / f"page-{area.page}.png"
        # A chart with its axes, bars and legend inks several percent of its box; a blank
        # box (or one with only its title) under one percent.
        assert _ink_share(png, area) > 0.03, area.title


def test_names_are_text_not_markup(tmp_path: Path, qapp: object) -> None:
    scenario = demo_scenario()
    odd = "<b>Big</b> & <i>Co</i>"
    offer = dataclasses.replace(scenario.offers[0], name=odd)
    scenario = dataclasses.replace(scenario, offers=(offer, *scenario.offers[1:]))
    _evaluation, path, _areas = _write(scenario, tmp_path)
    assert odd in _text(path)


def test_charts_are_vectors_and_six_offers_keep_two_charts_on_page_one(
    tmp_path: Path, qapp: object
) -> None:
    # A cached chart item (the axes) is drawn as a picture of itself: the PDF then holds
    # images (blurred tick labels). Every chart must be lines and text.
    _evaluation, path, areas = _write(_six_offers(demo_scenario()), tmp_path)
    images = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert images == []
    assert [(area.title, area.page) for area in areas] == [
        ("Compensation", 1),
        ("Pay cut", 1),
        ("Trajectory", 2),
        ("Decision score", 2),
    ]
    text = _text(path)
    assert "£120k" in text or "£100k" in text  # tick labels are text
    assert "Choose a measure above" not in text  # the window's advice, not the page's
    assert "£52,000†" in text  # the demo's current salary is marked illustrative in its sources
    assert "† Illustrative salary, not published anywhere." in text
