"""The exported workbook: sheets, figures equal to the app's, live formulas, charts,
formats, and text that can never turn into a formula."""

from __future__ import annotations

import dataclasses
import io
import math
import re
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from offer_eval.core.compensation import PositionMoney
from offer_eval.core.decision import NEUTRAL
from offer_eval.core.evaluate import Evaluation, evaluate
from offer_eval.core.models import Benchmark, Scenario
from offer_eval.persistence.examples import demo_scenario, example
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel import workbook_bytes, write_workbook
from offer_eval.persistence.excel._text import decode_text, encode_text
from offer_eval.present import rows
from offer_eval.present.fields import SETTING_FIELD
from tests.unit._excel_support import (
    HOSTILE,
    hostile_scenario,
    load,
    per_offer_anchors,
    with_offers,
)


@pytest.fixture(scope="module")
def demo_eval() -> Evaluation:
    return evaluate(demo_scenario())


@pytest.fixture(scope="module")
def demo_book(demo_eval: Evaluation) -> Any:
    return load(workbook_bytes(demo_eval))


def _row_of(ws: Any, label: str, column: int = 1) -> int:
    for row in range(1, ws.max_row + 1):
        value = ws.cell(row=row, column=column).value
        if isinstance(value, str) and value.strip() == label:
            return row
    raise AssertionError(f"no row labelled {label!r}")


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


# --- sheets and figures ---------------------------------------------------------------------------


def test_the_sheets_of_design_6_5_in_order_with_the_scenario_hidden(demo_book: Any) -> None:
    assert demo_book.sheetnames == [
        "Summary",
        "Offers",
        "Benchmarks",
        "Scores",
        "Take-home",
        "Trajectory",
        "Applications",
        "_scenario",
    ]
    assert demo_book["_scenario"].sheet_state == "hidden"
    assert all(demo_book[n].sheet_state == "visible" for n in demo_book.sheetnames[:-1])
    assert demo_book.active.title == "Summary"


def test_summary_figures_are_the_evaluations_own(demo_eval: Evaluation, demo_book: Any) -> None:
    ws = demo_book["Summary"]
    items = demo_eval.positions
    assert [ws.cell(row=4, column=2 + i).value for i in range(len(items))] == [
        item.name for item in items
    ]
    checks: dict[str, Callable[[PositionMoney], float]] = {
        "Base salary": lambda i: i.base_salary,
        "Total compensation, year 1": lambda i: i.total_comp_year1,
        "Total compensation, years 1-4": lambda i: i.total_comp_years_1_4,
        "Income tax": lambda i: i.take_home.income_tax,
        "National Insurance": lambda i: i.take_home.employee_ni,
        "Student loan": lambda i: i.take_home.student_loan,
        rows.NET_TAKE_HOME.label: lambda i: i.net_take_home,
        "Left to live on, year 1": lambda i: i.left_to_live_on_year1,
        rows.HOURLY_NET.label: lambda i: i.hourly_net_including_commute,
    }
    for label, get in checks.items():
        row = _row_of(ws, label)
        for index, item in enumerate(items):
            assert _close(ws.cell(row=row, column=2 + index).value, get(item)), label
    # Percentages are fractions under a percent format: the app's 5 (%) is the cell's 0.05.
    row = _row_of(ws, "Net take-home change, %")
    assert ws.cell(row=row, column=2).value is None  # the current job has no change against itself
    for index, offer in enumerate(demo_eval.offers):
        cut = demo_eval.pay_cuts[offer.position_id]
        assert cut.net_pct is not None
        cell = ws.cell(row=row, column=3 + index)
        assert _close(cell.value * 100.0, cut.net_pct)
        assert cell.number_format == "0.0%"
    row = _row_of(ws, rows.VS_BENCHMARK.label)
    for index, item in enumerate(items):
        value = ws.cell(row=row, column=2 + index).value
        expected = item.vs_benchmark_pct
        assert _close(None if value is None else value * 100.0, expected)


def test_take_home_sheet_matches_every_position(demo_eval: Evaluation, demo_book: Any) -> None:
    # Figures a rule works out from the row are formulas (LibreOffice checks their values);
    # the rest are the app's values.
    ws = demo_book["Take-home"]
    for offset, item in enumerate(demo_eval.positions):
        row = 2 + offset
        th = item.take_home
        assert ws.cell(row=row, column=1).value == item.position_id
        assert ws.cell(row=row, column=3).value == th.tax_year
        values = [ws.cell(row=row, column=c).value for c in range(6, 21)]
        expected: list[float | str] = [
            th.gross,
            f"=MAX(0,12570-MAX(0,R{row}-100000)*0.5)",
            th.taxable_income,
            th.income_tax,
            th.employee_ni,
            th.student_loan,
            th.pension_contribution,
            th.employee_pension_cost,
            th.net,
            f"=N{row}/12",
            item.take_home_recurring.net,
            th.benefits_in_kind,
            th.adjusted_net_income,
            th.child_benefit,
            f"=IF(S{row}<=0,0,ROUNDDOWN(S{row}*MIN(100,MAX(0,ROUNDDOWN((R{row}-60000)/200,0)))/100,0))",
        ]
        for got, want in zip(values, expected, strict=True):
            if isinstance(want, str):
                assert got == want, (row, got, want)
            else:
                assert _close(got, want), (row, got, want)
        assert ws.cell(row=row, column=14).number_format == '"£"#,##0.00;-"£"#,##0.00'
        assert ws.cell(row=row, column=15).number_format == '"£"#,##0.00;-"£"#,##0.00'


def test_offers_and_benchmarks_sheets_hold_every_input(demo_book: Any) -> None:
    scenario = demo_scenario()
    ws = demo_book["Offers"]
    headers = [ws.cell(row=1, column=c).value for c in range(1, len(lay.POSITION_COLUMNS) + 1)]
    assert headers == [c.header for c in lay.POSITION_COLUMNS]
    for offset, position in enumerate(scenario.positions):
        row = 2 + offset
        assert ws.cell(row=row, column=1).value == ("current" if offset == 0 else "offer")
        assert ws.cell(row=row, column=2).value == position.id
        column = lay.column_index(lay.POSITION_COLUMNS, "base_salary")
        assert ws.cell(row=row, column=column).value == position.base_salary
        column = lay.column_index(lay.POSITION_COLUMNS, "employer_pension_pct")
        assert _close(ws.cell(row=row, column=column).value, position.employer_pension_pct / 100)
        assert ws.cell(row=row, column=column).number_format == "0.0%"
    ws = demo_book["Benchmarks"]
    for offset, benchmark in enumerate(scenario.benchmarks):
        row = 2 + offset
        assert ws.cell(row=row, column=1).value == benchmark.id
        median = lay.column_index(lay.BENCHMARK_COLUMNS, "median")
        assert ws.cell(row=row, column=median).value == benchmark.median


def test_assumptions_block_names_tax_year_region_search_seed_and_version(
    demo_book: Any,
) -> None:
    ws = demo_book["Summary"]
    scenario = demo_scenario()
    top = _row_of(ws, "Assumptions")
    block = {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value
        for r in range(top + 1, ws.max_row + 1)
    }
    assert block["Tax year"] == "2026/27"
    assert block["Tax region"].startswith("England")
    assert block["Random seed"] == str(scenario.simulation.seed)
    assert block["Offer Eval version"]
    search = {key.removeprefix("search."): f.label for key, f in SETTING_FIELD.items()}
    assert block[search["applications_per_month"]] == scenario.search.applications_per_month
    assert _close(
        block[search["callback_rate_novice"]],
        scenario.search.callback_rate_novice,
    )
    assert _close(
        block[search["switching_margin_pct"]], scenario.search.switching_margin_pct / 100.0
    )


# --- Scores: live formulas --------------------------------------------------------------------------


def test_scores_inputs_are_values_and_everything_else_a_formula(
    demo_eval: Evaluation, demo_book: Any
) -> None:
    ws = demo_book["Scores"]
    scenario = demo_eval.scenario
    decision = demo_eval.decision
    assert decision is not None
    grid = lay.ScoresGrid(len(scenario.criteria), len(scenario.offers))
    for k, criterion in enumerate(scenario.criteria):
        column = grid.raw_column(k)
        assert ws.cell(row=grid.ID_ROW, column=column).value == criterion.id
        assert ws.cell(row=grid.WEIGHT_ROW, column=column).value == criterion.weight
        share = ws.cell(row=grid.SHARE_ROW, column=column)
        assert share.data_type == "f" and "/SUM(" in share.value
        if criterion.kind == "money":
            items = decision.money[criterion.id]
            low, high = next(iter({(i.low, i.high) for i in items.values()}))
            # openpyxl writes 16 significant digits: equal to 1e-15, not bit for bit
            assert _close(ws.cell(row=grid.LOW_ROW, column=column).value, low)
            assert _close(ws.cell(row=grid.HIGH_ROW, column=column).value, high)
        for index, offer in enumerate(scenario.offers):
            row = grid.offer_row(index)
            raw = ws.cell(row=row, column=column)
            value = ws.cell(row=row, column=grid.value_column(k))
            assert value.data_type == "f"
            if criterion.kind == "rating":
                assert raw.value == offer.ratings[criterion.id]
                assert value.value == f"=MIN(10,MAX(0,{raw.coordinate}))"
            else:
                assert _close(raw.value, decision.money[criterion.id][offer.id].value)
                letter = raw.column_letter
                assert f"({raw.coordinate}-{letter}${grid.LOW_ROW})" in value.value
                assert f"/({letter}${grid.HIGH_ROW}-{letter}${grid.LOW_ROW})*10" in value.value
                assert "MIN(10,MAX(0," in value.value and f",{NEUTRAL:g}," in value.value
    for index in range(len(scenario.offers)):
        row = grid.offer_row(index)
        score = ws.cell(row=row, column=grid.score_column).value
        assert score.startswith("=MIN(10,MAX(0,SUMPRODUCT($C$4:$L$4,")
        rank = ws.cell(row=row, column=grid.rank_column).value
        assert rank.startswith("=_xlfn.RANK.EQ(")  # Excel needs the _xlfn prefix
        assert "SUMPRODUCT(" in rank and "0.005" in rank
    winner = ws.cell(row=grid.WINNER_ROW, column=2).value
    assert "INDEX(" in winner and "MATCH(1," in winner and "COUNTIF(" in winner


def test_summary_score_and_rank_follow_the_scores_sheet(
    demo_eval: Evaluation, demo_book: Any
) -> None:
    ws = demo_book["Summary"]
    grid = lay.ScoresGrid(len(demo_eval.scenario.criteria), len(demo_eval.scenario.offers))
    score, rank = _row_of(ws, "Score (0-10)"), _row_of(ws, "Rank")
    for index in range(len(demo_eval.offers)):
        letter = lay.cell_name(grid.offer_row(index), grid.score_column)
        assert ws.cell(row=score, column=3 + index).value == f"=Scores!${letter[0]}${letter[1:]}"
        assert ws.cell(row=rank, column=3 + index).value.startswith("=Scores!$")


def test_offers_with_their_own_benchmarks_still_share_one_pair_of_anchors() -> None:
    """Without a target-role or search benchmark, anchors come from the target for every offer:
    an offer's own benchmark never sets its scale, so the anchor cells hold numbers."""
    scenario = per_offer_anchors(demo_scenario())
    evaluation = evaluate(scenario)
    assert evaluation.decision is not None
    ws = load(workbook_bytes(evaluation))["Scores"]
    grid = lay.ScoresGrid(len(scenario.criteria), len(scenario.offers))
    k = next(i for i, c in enumerate(scenario.criteria) if c.id == "net_pay")
    items = evaluation.decision.money["net_pay"]
    pairs = {(items[o.id].low, items[o.id].high) for o in scenario.offers}
    assert len(pairs) == 1
    low, high = pairs.pop()
    assert ws.cell(row=grid.LOW_ROW, column=grid.raw_column(k)).value == low
    assert ws.cell(row=grid.HIGH_ROW, column=grid.raw_column(k)).value == high


def test_nothing_to_score_still_writes_a_workbook() -> None:
    scenario = demo_scenario().replace(offers=())
    book = load(workbook_bytes(evaluate(scenario)))
    assert "Nothing to score" in book["Scores"]["A1"].value


# --- charts and formats ---------------------------------------------------------------------------


def _chart_xml(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/charts/chart")
        }


def test_native_charts_stacked_compensation_and_scores(demo_eval: Evaluation) -> None:
    data = workbook_bytes(demo_eval)
    book = load(data)
    summary = book["Summary"]._charts
    scores = book["Scores"]._charts
    assert len(summary) == 1 and len(scores) == 1
    charts = _chart_xml(data)
    stacked = [x for x in charts.values() if '<grouping val="stacked"' in x]
    assert len(stacked) == 1
    assert stacked[0].count("<ser>") == 6  # base, bonus, sign-on, equity, pension, benefits
    assert '<overlap val="100"' in stacked[0]
    assert "'Summary'!$B$4:$D$4" in stacked[0]  # categories: the positions' names
    ws = book["Summary"]
    for label in ("Base salary", "Benefits"):  # each series reads its own Summary row
        row = _row_of(ws, label)
        assert f"<tx><v>{label}</v></tx>" in stacked[0]
        assert f"'Summary'!$B${row}:$D${row}" in stacked[0]
    score_chart = next(x for x in charts.values() if "Decision score" in x)
    grid = lay.ScoresGrid(len(demo_eval.scenario.criteria), len(demo_eval.scenario.offers))
    letter = lay.cell_name(1, grid.score_column)[:-1]
    assert f"'Scores'!${letter}$9:${letter}$10" in score_chart  # the live score column
    for xml in charts.values():
        assert '<delete val="1"' not in xml  # axes shown


def test_frozen_headers_and_widths(demo_book: Any) -> None:
    assert demo_book["Summary"].freeze_panes == "B5"
    assert demo_book["Offers"].freeze_panes == "C2"
    assert demo_book["Benchmarks"].freeze_panes == "B2"
    assert demo_book["Scores"].freeze_panes == "C9"
    assert demo_book["Take-home"].freeze_panes == "C2"
    assert demo_book["Summary"].column_dimensions["A"].width >= 40
    assert demo_book["Offers"].column_dimensions["C"].width >= 20


def test_money_in_another_currency_label_has_no_pound_sign() -> None:
    scenario = demo_scenario().replace(currency='EU"R=')
    ws = load(workbook_bytes(evaluate(scenario)))["Summary"]
    cell = ws.cell(row=_row_of(ws, "Base salary"), column=2)
    assert cell.number_format == '#,##0" EUR"'


# --- text stays text --------------------------------------------------------------------------------


def _sheet_xml(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            archive.read(n).decode()
            for n in archive.namelist()
            if n.startswith("xl/worksheets/sheet")
        ]


def test_formula_like_text_is_stored_as_typed_text_in_every_field() -> None:
    scenario = hostile_scenario(demo_scenario())
    data = workbook_bytes(evaluate(scenario))
    xml = "".join(_sheet_xml(data))
    formulas = re.findall(r"<f>(.*?)</f>", xml)
    assert formulas  # the Scores sheet's own
    for text in HOSTILE:
        escaped = encode_text(text).replace("&", "&amp;").replace("<", "&lt;")
        assert not any(escaped.strip() in f for f in formulas if escaped.strip()), text
    # Every cell that holds text is an inline string, never a formula or an error value.
    for cell in re.findall(r"<c [^>]*>(?:(?!</c>).)*</c>", xml, flags=re.DOTALL):
        if "<is>" in cell:
            assert 't="inlineStr"' in cell and "<f>" not in cell
    book = load(data)
    seen: set[str] = set()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.data_type == "s":
                    seen.add(decode_text(cell.value))
    missing = {t for t in HOSTILE if t not in seen}
    assert not missing, missing


def test_every_xml_part_is_well_formed_whatever_the_text() -> None:
    """User text goes only into cells; charts and every other part stay valid XML."""
    scenario = hostile_scenario(with_offers(demo_scenario(), 6))
    data = workbook_bytes(evaluate(scenario))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))  # raises on a broken part


def test_negative_numbers_stay_numbers() -> None:
    base = demo_scenario()
    offer = dataclasses.replace(base.offers[0], living_cost_difference_per_month=-250.0)
    data = workbook_bytes(evaluate(base.with_position(offer)))
    ws = load(data)["Offers"]
    column = lay.column_index(lay.POSITION_COLUMNS, "living_cost_difference_per_month")
    cell = ws.cell(row=3, column=column)
    assert cell.value == -250.0 and cell.data_type == "n"


def test_carriage_returns_and_control_characters_survive_the_xml() -> None:
    for text in ("\rReturn", "a\r\nb", "bell\x07", "lit_x0041_eral", "_x005F_", "\ud800x"):
        assert decode_text(encode_text(text)) == text
    assert "\r" not in encode_text("\rReturn")


# --- writing ------------------------------------------------------------------------------------------


def test_write_workbook_replaces_atomically_and_privately(
    tmp_path: Path, demo_eval: Evaluation
) -> None:
    target = tmp_path / "comparison.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_workbook(demo_eval, target)
    assert target.read_bytes().startswith(b"PK")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "new.xlsx"
    write_workbook(demo_eval, fresh)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_progress_runs_from_zero_to_one(demo_eval: Evaluation) -> None:
    seen: list[tuple[float, str]] = []
    workbook_bytes(demo_eval, progress=lambda f, what: seen.append((f, what)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert any("Scores" in what for _, what in seen)


def test_many_offers_every_offer_scored(demo_eval: Evaluation) -> None:
    scenario = with_offers(demo_scenario(), 12)
    evaluation = evaluate(scenario)
    ws = load(workbook_bytes(evaluation))["Scores"]
    grid = lay.ScoresGrid(len(scenario.criteria), 12)
    ids = [ws.cell(row=grid.offer_row(i), column=1).value for i in range(12)]
    assert ids == [o.id for o in scenario.offers]


def test_phd_example_exports(tmp_path: Path) -> None:
    scenario: Scenario = example("phd-stipend.offers.json")
    book = load(workbook_bytes(evaluate(scenario)))
    assert book["Summary"]["B5"].value == scenario.current.id


def test_benchmarks_with_missing_percentiles_leave_blanks() -> None:
    scenario = demo_scenario()
    data = workbook_bytes(evaluate(scenario))
    ws = load(data)["Benchmarks"]
    story: Benchmark = scenario.benchmarks[0]
    assert story.p10 is None
    assert ws.cell(row=2, column=lay.column_index(lay.BENCHMARK_COLUMNS, "p10")).value is None


def test_take_home_sheet_shows_benefits_in_kind_and_the_child_benefit_charge() -> None:
    from openpyxl import load_workbook

    from offer_eval.core.models import Household

    scenario = demo_scenario()
    offer = dataclasses.replace(scenario.offers[1], bik_private_medical=1_200.0)
    scenario = dataclasses.replace(
        scenario, offers=(scenario.offers[0], offer), household=Household(children=1)
    )
    evaluation = evaluate(scenario)
    ws = load_workbook(io.BytesIO(workbook_bytes(evaluation)))["Take-home"]
    assert ws.cell(row=1, column=17).value == "Benefits in kind (taxed, not cash)"
    assert ws.cell(row=1, column=18).value == "Adjusted net income"
    assert ws.cell(row=1, column=19).value == "Child Benefit"
    assert ws.cell(row=1, column=20).value == "Child Benefit charge"
    row = 2 + [p.position_id for p in evaluation.positions].index(offer.id)
    th = evaluation.money(offer.id).take_home
    assert ws.cell(row=row, column=17).value == pytest.approx(1_200)
    assert th.child_benefit_charge > 0 and th.child_benefit > 0
    assert ws.cell(row=row, column=18).value == pytest.approx(th.adjusted_net_income)
    assert ws.cell(row=row, column=19).value == pytest.approx(th.child_benefit)
    # the charge itself is a formula of these two: test_excel_libreoffice checks its value
    assert str(ws.cell(row=row, column=20).value).startswith(f"=IF(S{row}<=0,0,")


def test_summary_says_how_sure_rank_by_rank_and_the_weights_under_which_each_wins() -> None:
    from offer_eval.core.evaluate import with_tie_salaries

    evaluation = with_tie_salaries(evaluate(demo_scenario()))
    decision = evaluation.decision
    assert decision is not None and decision.tie_salaries is not None
    ws = load(workbook_bytes(evaluation))["Summary"]
    ids = [o.id for o in evaluation.scenario.offers]
    best = _row_of(ws, "Best when the weights vary a little")
    second = _row_of(ws, "Comes 2nd in the draws")
    team = _row_of(ws, "Weight when best: Team")
    tie = _row_of(ws, "Base salary that would tie the best other offer")
    for index, oid in enumerate(ids):
        column = 3 + index  # the current job's column comes first
        first, runner_up = decision.rank_acceptability[oid]
        assert ws.cell(row=best, column=column).value == pytest.approx(first)
        assert ws.cell(row=second, column=column).value == pytest.approx(runner_up)
        assert first + runner_up == pytest.approx(1.0)
        central = decision.central_weights[oid]
        assert central is not None
        assert ws.cell(row=team, column=column).value == pytest.approx(central["team"])
        assert ws.cell(row=team, column=column).number_format.endswith("%")
    assert tie > best
