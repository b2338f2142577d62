"""The reality check in the report (text and JSON) and in the workbook: each implied figure beside
its published one, with its source and flag, and the source of every search setting."""

from __future__ import annotations

import pytest

from offer_eval.core.evaluate import Evaluation, evaluate
from offer_eval.core.trajectory.reality import RATE_KEYS, rate_sources, reality_check
from offer_eval.persistence.examples import demo_scenario
from offer_eval.persistence.excel import workbook_bytes
from offer_eval.present.reality_report import FLAG_WORDS, RATES_TITLE, REALITY_TITLE
from offer_eval.present.report import render_text, report_dict
from tests.unit._excel_support import load


@pytest.fixture(scope="module")
def demo_evaluation() -> Evaluation:
    return evaluate(demo_scenario())


def test_report_json_lists_every_check_with_the_documented_keys(
    demo_evaluation: Evaluation,
) -> None:
    trajectory = report_dict(demo_evaluation)["trajectory"]
    assert demo_evaluation.trajectory is not None
    items = reality_check(demo_evaluation.scenario, demo_evaluation.trajectory)
    rows = trajectory["reality_check"]
    assert [row["name"] for row in rows] == [item.name for item in items]
    for row, item in zip(rows, items, strict=True):
        assert list(row)[:5] == ["name", "implied", "published", "source", "flag"]
        assert row["flag"] is item.flag
        assert row["source"] == item.source
        assert row["implied"] == pytest.approx(item.implied, abs=0.05)
        assert row["published"] == pytest.approx(item.published, abs=0.05)
    assert any(row["flag"] for row in rows)  # the demo's experienced rates are far from published
    sources = trajectory["rate_sources"]
    assert [row["key"] for row in sources] == [f"search.{key}" for key in RATE_KEYS]
    assert all(row["source"] for row in sources)


def test_report_text_shows_the_check_its_sources_and_the_rates_sources(
    demo_evaluation: Evaluation,
) -> None:
    text = render_text(demo_evaluation)
    assert REALITY_TITLE in text
    assert RATES_TITLE in text
    assert demo_evaluation.trajectory is not None
    for item in reality_check(demo_evaluation.scenario, demo_evaluation.trajectory):
        assert item.name in text
        assert item.source in text
    assert FLAG_WORDS in text
    for row in rate_sources(demo_evaluation.scenario):
        assert row.source in text


def test_the_workbook_carries_the_check_under_the_trajectory_charts(
    demo_evaluation: Evaluation,
) -> None:
    sheet = load(workbook_bytes(demo_evaluation))["Trajectory"]
    cells = {
        (cell.row, cell.column): cell.value
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    title = next(pos for pos, value in cells.items() if value == REALITY_TITLE)
    assert demo_evaluation.trajectory is not None
    items = reality_check(demo_evaluation.scenario, demo_evaluation.trajectory)
    rates = next(pos for pos, value in cells.items() if value == RATES_TITLE)
    # A figure's name may also be a setting's ("Callbacks per application, once experienced"):
    # look between the two titles only.
    by_name = {
        value: pos
        for pos, value in cells.items()
        if isinstance(value, str) and title[0] < pos[0] < rates[0]
    }
    for item in items:
        row, _column = by_name[item.name]
        assert cells[row, 5] == pytest.approx(item.implied)
        assert cells[row, 6] == pytest.approx(item.published)
        assert item.source in cells[row, 9]
        assert bool(cells.get((row, 8))) is item.flag
    setting_rows = [pos[0] for pos, value in cells.items() if pos[0] > rates[0] and pos[1] == 2]
    assert len(setting_rows) == len(RATE_KEYS) + 1  # a header, then one row a setting
