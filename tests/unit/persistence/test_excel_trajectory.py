"""The Trajectory sheet and the job-search rows of the Summary: every band month by month as the
app computed it, and straight-line charts of the medians for declining and the top five offers."""

from __future__ import annotations

import io
import math
import re
import zipfile
from typing import Any

import pytest

from offer_eval.core.evaluate import Evaluation, evaluate
from offer_eval.core.trajectory import Band, TrajectoryResult
from offer_eval.persistence.examples import demo_scenario
from offer_eval.persistence.excel import read_workbook_bytes, workbook_bytes
from offer_eval.present.outcome_rows import RESERVATION_SALARY
from tests.unit._excel_support import load, with_offers

MEASURES = ("p10", "p50", "p90", "cumulative_p10", "cumulative_p50", "cumulative_p90")
FIRST_MONTH_ROW = 7


@pytest.fixture(scope="module")
def seven() -> Evaluation:
    """Seven offers: more than the charts show."""
    return evaluate(with_offers(demo_scenario(), 7))


@pytest.fixture(scope="module")
def seven_data(seven: Evaluation) -> bytes:
    return workbook_bytes(seven)


def _trajectory(evaluation: Evaluation) -> TrajectoryResult:
    assert evaluation.trajectory is not None
    return evaluation.trajectory


def _bands(evaluation: Evaluation) -> list[tuple[str, str, Band]]:
    trajectory = _trajectory(evaluation)
    names = {o.id: o.display_name for o in evaluation.scenario.offers}
    out = [("Current job", "Decline and keep searching", trajectory.decline_and_search)]
    for offer_id, item in trajectory.offers.items():
        out.append((names[offer_id], "Accept and keep searching", item.accept_and_search))
        out.append((names[offer_id], "Accept and stay", item.accept_and_stay))
    return out


def test_every_band_value_month_by_month_is_the_apps(seven: Evaluation, seven_data: bytes) -> None:
    ws = load(seven_data)["Trajectory"]
    months = _trajectory(seven).decline_and_search.months.tolist()
    assert [ws.cell(row=FIRST_MONTH_ROW + i, column=1).value for i in range(len(months))] == months
    column = 2
    for owner, strategy, band in _bands(seven):
        assert ws.cell(row=4, column=column).value == owner
        assert ws.cell(row=5, column=column).value == strategy
        for attribute in MEASURES:
            expected = getattr(band, attribute).tolist()
            got = [
                ws.cell(row=FIRST_MONTH_ROW + i, column=column).value for i in range(len(months))
            ]
            assert all(
                isinstance(g, int | float) and math.isclose(g, e, rel_tol=1e-15)
                for g, e in zip(got, expected, strict=True)
            ), (owner, strategy, attribute)
            assert ws.cell(row=FIRST_MONTH_ROW + 30, column=column).number_format.startswith('"£"')
            column += 1
    assert ws.max_column == column - 1
    assert ws.freeze_panes == "B7"


def test_the_sheet_xml_has_each_row_once_in_order(seven_data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(seven_data)) as archive:
        xml = archive.read("xl/worksheets/sheet6.xml").decode()
    rows = [int(r) for r in re.findall(r'<row r="(\d+)"', xml)]
    assert rows == sorted(set(rows))
    months = [row for row in rows if row <= FIRST_MONTH_ROW + 59]
    assert months[-60:] == list(range(FIRST_MONTH_ROW, FIRST_MONTH_ROW + 60))
    # Below the month table and its two charts (24 rows each): the reality check.
    later = [row for row in rows if row > FIRST_MONTH_ROW + 59]
    assert later and later[0] > FIRST_MONTH_ROW + 59 + 2 * 24
    assert re.search(rf'<dimension ref="A1:[A-Z]+{rows[-1]}"', xml)


def test_charts_show_straight_medians_of_declining_and_the_top_five(
    seven: Evaluation, seven_data: bytes
) -> None:
    decision = seven.decision
    assert decision is not None
    top = sorted(decision.scores, key=lambda oid: -decision.scores[oid])[:5]
    names = {o.id: o.display_name for o in seven.scenario.offers}
    with zipfile.ZipFile(io.BytesIO(seven_data)) as archive:
        charts = [
            archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/charts/")
        ]
    lines = [c for c in charts if "<lineChart>" in c]
    assert len(lines) == 2
    ws = load(seven_data)["Trajectory"]
    for chart in lines:
        # Legends read header cells: the strategy for declining, else the offer's name.
        titles = [
            ws[cell.replace("$", "")].value
            for cell in re.findall(r"<tx><strRef><f>'?Trajectory'?!(\$[A-Z]+\$\d+)</f>", chart)
        ]
        assert titles == ["Decline and keep searching", *(names[oid] for oid in top)]
        assert chart.count('<smooth val="0"') == 6 and '<smooth val="1"' not in chart
        assert "'Trajectory'!$A$7:$A$66" in chart  # months on the horizontal axis


def test_summary_job_search_rows_and_the_reservation_salary(
    seven: Evaluation, seven_data: bytes
) -> None:
    ws = load(seven_data)["Summary"]
    labels = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
    trajectory = _trajectory(seven)
    row = labels["  Expected months to a better offer"]
    assert ws.cell(row=row, column=2).value == pytest.approx(
        trajectory.decline_expected_months_to_offer
    )
    for index, offer in enumerate(seven.scenario.offers):
        item = trajectory.offers[offer.id]
        column = 3 + index
        assert ws.cell(row=row, column=column).value == pytest.approx(
            item.expected_months_to_better_offer
        )
        pv = labels["  Present value, accept and keep searching"]
        assert ws.cell(row=pv, column=column).value == pytest.approx(item.present_value)
        even = labels["  Break-even month against declining"]
        value: Any = ws.cell(row=even, column=column).value
        assert value == item.break_even_month
        earnings = labels["  Expected net earnings over 3 years, accept and keep searching"]
        assert ws.cell(row=earnings, column=column).value == pytest.approx(
            item.expected_earnings_3y
        )
    reservation = labels[RESERVATION_SALARY.label]
    assert ws.cell(row=reservation, column=2).value == pytest.approx(trajectory.reservation_salary)


def test_money_criterion_of_3_year_earnings_uses_the_simulation(
    seven: Evaluation, seven_data: bytes
) -> None:
    decision = seven.decision
    assert decision is not None
    trajectory = _trajectory(seven)
    for offer_id, item in decision.money["earnings_3y"].items():
        assert not item.estimated
        assert item.value == pytest.approx(trajectory.offers[offer_id].expected_earnings_3y)


def test_a_workbook_with_trajectories_imports_as_the_same_scenario(
    seven: Evaluation, seven_data: bytes
) -> None:
    assert read_workbook_bytes(seven_data) == seven.scenario
