"""A real spreadsheet recalculates the workbook: LibreOffice, headless, with a private profile.

Every formula must get a value equal to the app's (1e-6 relative); changing one weight in the
workbook must change the winner exactly as the app predicts; and a workbook LibreOffice saved
imports back with its text unchanged. In CI (`CI` set) a missing `soffice` fails; elsewhere it
skips with the reason.
"""

from __future__ import annotations

import dataclasses
import math
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from offer_eval.core.application import STAGES
from offer_eval.core.application_rates import summarise
from offer_eval.core.evaluate import Evaluation, evaluate
from offer_eval.core.models import Household, Position, Scenario
from offer_eval.persistence.examples import demo_scenario
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel import read_workbook_bytes, workbook_bytes
from offer_eval.persistence.excel._text import decode_text
from offer_eval.present.contract_rows import CONTRACT_ROW, CONTRACT_ROWS
from offer_eval.present.rows import TAKE_HOME_DETAIL_ROWS
from tests.unit._excel_support import (
    hostile_scenario,
    load,
    per_offer_anchors,
    save,
    with_hostile_log,
    with_offers,
)

pytestmark = pytest.mark.slow

RELATIVE = 1e-6
TIMEOUT = 120
# Recalculate every formula on load, whatever values a file carries (0 = always).
_RECALC_ON_LOAD = (
    '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
    '<prop oor:name="{name}" oor:op="fuse"><value>0</value></prop></item>'
)
_PROFILE_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    + _RECALC_ON_LOAD.format(name="OOXMLRecalcMode")
    + _RECALC_ON_LOAD.format(name="ODFRecalcMode")
    + "\n</oor:items>\n"
)


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        install = "apt-get install -y --no-install-recommends libreoffice-calc-nogui"
        if os.environ.get("CI"):
            pytest.fail(f"LibreOffice (soffice) is required when CI is set: {install}")
        pytest.skip(f"LibreOffice (soffice) is not installed; to run this test: {install}")
    return found


class Calc:
    """Converts workbooks with LibreOffice, which recalculates them on the way."""

    def __init__(self, soffice: str, folder: Path) -> None:
        self.soffice = soffice
        self.folder = folder
        self.profile = folder / "profile"
        (self.profile / "user").mkdir(parents=True)
        (self.profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS)
        self.runs = 0

    def recalculate(self, books: dict[str, bytes]) -> dict[str, bytes]:
        self.runs += 1
        source = self.folder / f"in{self.runs}"
        out = self.folder / f"out{self.runs}"
        source.mkdir()
        paths = []
        for name, data in books.items():
            path = source / f"{name}.xlsx"
            path.write_bytes(data)
            paths.append(str(path))
        command = [
            self.soffice,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            *paths,
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        results = {}
        for name in books:
            converted = out / f"{name}.xlsx"
            assert converted.exists(), f"LibreOffice did not convert {name}: {done.stderr}"
            results[name] = converted.read_bytes()
        return results


@pytest.fixture(scope="module")
def calc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Calc]:
    yield Calc(_soffice(), tmp_path_factory.mktemp("libreoffice"))


# --- what every formula must come to ------------------------------------------------------------


def expected_formula_values(evaluation: Evaluation) -> dict[tuple[str, str], object]:
    """(sheet, cell) -> the app's value, for every formula the workbook holds."""
    scenario = evaluation.scenario
    decision = evaluation.decision
    assert decision is not None
    grid = lay.ScoresGrid(len(scenario.criteria), len(scenario.offers))
    names = {o.id: o.display_name for o in scenario.offers}
    out: dict[tuple[str, str], object] = {
        ("Scores", lay.cell_name(grid.WINNER_ROW, 2)): names.get(decision.winner or "", ""),
        ("Scores", lay.cell_name(grid.WINNER_ROW, 3)): decision.winner or "",
        ("Scores", lay.cell_name(grid.WINNER_ROW, 4)): "" if decision.winner else "tie",
    }
    meanings_first = grid.meanings_title_row + 2
    for k, criterion in enumerate(scenario.criteria):
        out["Scores", lay.cell_name(grid.SHARE_ROW, grid.raw_column(k))] = decision.shares[
            criterion.id
        ]
        out["Scores", lay.cell_name(meanings_first + k, 1)] = criterion.label
        for index, offer in enumerate(scenario.offers):
            cell = lay.cell_name(grid.offer_row(index), grid.value_column(k))
            out["Scores", cell] = decision.values[offer.id][criterion.id]
    summary = load(workbook_bytes(evaluation))["Summary"]
    labels = {summary.cell(row=r, column=1).value: r for r in range(1, summary.max_row + 1)}
    for index, offer in enumerate(scenario.offers):
        row = grid.offer_row(index)
        out["Scores", lay.cell_name(row, grid.score_column)] = decision.scores[offer.id]
        out["Scores", lay.cell_name(row, grid.rank_column)] = decision.ranks[offer.id]
        out["Summary", lay.cell_name(labels["  Score (0-10)"], 3 + index)] = decision.scores[
            offer.id
        ]
        out["Summary", lay.cell_name(labels["  Rank"], 3 + index)] = decision.ranks[offer.id]
    # The funnel beside the log: the app's own counts of applications reaching each stage.
    log = summarise(scenario.applications, scenario.search)
    for offset, stage in enumerate(STAGES):
        cell = lay.cell_name(lay.FUNNEL_FIRST_ROW + offset, lay.FUNNEL_COLUMN + 1)
        out["Applications", cell] = log.funnel_count(stage) if log is not None else 0
    cell = lay.cell_name(lay.FUNNEL_FIRST_ROW + len(STAGES), lay.FUNNEL_COLUMN + 1)
    out["Applications", cell] = log.target_field_count if log is not None else 0
    for offset, item in enumerate(evaluation.positions):
        row = 2 + offset
        th = item.take_home
        out["Take-home", lay.cell_name(row, 15)] = th.net / 12.0
        out["Take-home", lay.cell_name(row, 20)] = th.child_benefit_charge
        position = scenario.position(item.position_id)
        if position.pay_type == "salary" and not position.tax_free:
            out["Take-home", lay.cell_name(row, 7)] = th.personal_allowance
        if position.pay_type == "day_rate" and position.engagement == "outside_ir35_ltd":
            # After the 5 identity and the detail columns come the contract's own lines.
            dividends = (
                5 + len(TAKE_HOME_DETAIL_ROWS) + CONTRACT_ROWS.index(CONTRACT_ROW["dividends"])
            )
            out["Take-home", lay.cell_name(row, dividends + 1)] = dict(th.engagement_lines)[
                "dividends"
            ]
    return out


def formula_cells(data: bytes) -> set[tuple[str, str]]:
    book = load(data)
    return {
        (ws.title, cell.coordinate)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    }


def _lines(text: str) -> str:
    return decode_text(text).replace("\r\n", "\n").replace("\r", "\n")


def assert_recalculated(evaluation: Evaluation, original: bytes, recalculated: bytes) -> None:
    expected = expected_formula_values(evaluation)
    assert formula_cells(original) == set(expected), "a formula the test does not check"
    book = load(recalculated, data_only=True)
    for (sheet, cell), want in expected.items():
        got: Any = book[sheet][cell].value
        where = f"{sheet}!{cell}"
        assert got is not None or want == "", f"{where} has no value"
        if want == "tie":
            assert isinstance(got, str) and "tied" in got, where
        elif isinstance(want, str):
            # A formula's saved text is plain XML, where a carriage return reads back as a line
            # feed (LibreOffice does not escape it there), so compare line breaks as line feeds.
            assert _lines(got or "") == _lines(want), (where, got, want)
        else:
            assert isinstance(got, int | float) and not isinstance(got, bool), (where, got)
            assert isinstance(want, int | float), where
            assert math.isclose(got, float(want), rel_tol=RELATIVE, abs_tol=1e-12), (
                where,
                got,
                want,
            )


# --- scenarios -----------------------------------------------------------------------------------


def near_tie() -> Scenario:
    """Two offers 0.0045 points apart (a tie: ranks 1, 1, 3 and no winner) and a third."""
    base = demo_scenario()
    leader = base.offer("ml-engineer")
    twin = dataclasses.replace(
        leader, id="twin", name="Twin offer", ratings=leader.ratings.set("team", 9.03)
    )
    return base.replace(offers=(*base.offers, twin))


def uk_pay() -> Scenario:
    """The demo with what UK offers contain: a contract through an umbrella and one through a
    limited company, benefits in kind with a salary sacrifice, and two children in the charge."""
    base = demo_scenario()
    first = base.offers[0]
    perk = dataclasses.replace(
        first,
        id="perks",
        name="Offer with a car",
        base_salary=70_123.0,
        employee_pension_pct=4.0,
        pension_method="salary_sacrifice",
        bik_private_medical=1_150.0,
        bik_car_list_price=38_500.0,
        bik_car_co2_g_km=0,
    )
    umbrella = Position(
        id="umbrella",
        name="Contract inside IR35",
        base_salary=0.0,
        pay_type="day_rate",
        day_rate=475.0,
        utilisation_pct=90.0,
        engagement="inside_ir35_umbrella",
        umbrella_margin=1_300.0,
        ratings=first.ratings,
    )
    company = dataclasses.replace(
        umbrella,
        id="company",
        name="Contract outside IR35",
        day_rate=390.0,
        engagement="outside_ir35_ltd",
        umbrella_margin=0.0,
        accountancy_cost=1_600.0,
    )
    return base.replace(
        offers=(*base.offers, perk, umbrella, company), household=Household(children=2)
    )


def assert_take_home_values(evaluation: Evaluation, recalculated: bytes) -> None:
    """Every figure of the Take-home sheet as LibreOffice read it is the app's, row by row."""
    ws = load(recalculated, data_only=True)["Take-home"]
    for offset, item in enumerate(evaluation.positions):
        row = 2 + offset
        assert ws.cell(row=row, column=1).value == item.position_id
        for column, line in enumerate(TAKE_HOME_DETAIL_ROWS, start=6):
            got, want = ws.cell(row=row, column=column).value, line.get(item)
            assert isinstance(got, int | float), (item.position_id, line.label, got)
            assert want is not None
            assert math.isclose(got, want, rel_tol=RELATIVE, abs_tol=1e-9), (
                item.position_id,
                line.label,
                got,
                want,
            )


def assert_contract_values(evaluation: Evaluation, recalculated: bytes) -> None:
    """A contract's own columns of the Take-home sheet, as LibreOffice read them (a company's
    dividends recalculated from its formula), are the app's; a salary leaves them blank."""
    ws = load(recalculated, data_only=True)["Take-home"]
    headers = [c.value for c in ws[1]]
    if CONTRACT_ROWS[0].label not in headers:
        assert not any(p.pay_type == "day_rate" for p in evaluation.scenario.positions)
        return
    for offset, item in enumerate(evaluation.positions):
        row = 2 + offset
        for line in CONTRACT_ROWS:
            got = ws.cell(row=row, column=headers.index(line.label) + 1).value
            want = line.get(item)
            if want is None:
                assert got is None, (item.position_id, line.label, got)
                continue
            assert isinstance(got, int | float), (item.position_id, line.label, got)
            assert math.isclose(got, want, rel_tol=RELATIVE, abs_tol=1e-6), (
                item.position_id,
                line.label,
                got,
                want,
            )


# --- the tests -----------------------------------------------------------------------------------


def test_every_formula_recalculates_to_the_apps_value(calc: Calc) -> None:
    scenarios = {
        "demo": demo_scenario(),
        "tie": near_tie(),
        "anchors": per_offer_anchors(demo_scenario()),
        "many": with_offers(demo_scenario(), 12),
        "hostile": hostile_scenario(demo_scenario()),
        "log": with_hostile_log(demo_scenario()),
        "no log": demo_scenario().replace(applications=()),
        "uk_pay": uk_pay(),
    }
    evaluations = {name: evaluate(s) for name, s in scenarios.items()}
    tie = evaluations["tie"].decision
    assert tie is not None and tie.winner is None and sorted(tie.ranks.values()) == [1, 1, 3]
    books = {name: workbook_bytes(e) for name, e in evaluations.items()}
    results = calc.recalculate(books)
    for name, evaluation in evaluations.items():
        assert_recalculated(evaluation, books[name], results[name])
        assert_trajectory_values(evaluation, results[name])
        assert_take_home_values(evaluation, results[name])
        assert_contract_values(evaluation, results[name])
    # The UK-pay scenario reaches every new line: a charge part-way up its taper (the sheet's
    # rounding is tested, not a 0 or the whole benefit), benefits in kind and both contracts.
    pay = evaluations["uk_pay"]
    perks = pay.money("perks").take_home
    assert 0 < perks.child_benefit_charge < perks.child_benefit
    assert perks.benefits_in_kind > 1_150.0
    for contract in ("umbrella", "company"):
        assert pay.money(contract).take_home.child_benefit > 0
    # Both engagements' own lines reach the sheet, and the company's dividends are a formula.
    company = dict(pay.money("company").take_home.engagement_lines)
    assert company["dividends"] > 0 and company["corporation_tax"] > 0
    assert dict(pay.money("umbrella").take_home.engagement_lines)["apprenticeship_levy"] > 0
    sheet = load(books["uk_pay"])["Take-home"]
    column = [c.value for c in sheet[1]].index(CONTRACT_ROW["dividends"].label) + 1
    row = 2 + [p.position_id for p in pay.positions].index("company")
    assert str(sheet.cell(row=row, column=column).value).startswith("=MAX(0,")


def assert_trajectory_values(evaluation: Evaluation, recalculated: bytes) -> None:
    """The Trajectory sheet as LibreOffice read it holds the app's bands, month by month."""
    trajectory = evaluation.trajectory
    if trajectory is None:
        # No market for new offers (the per-offer-anchors case has neither benchmark): no
        # forecast, said in words, and the workbook still recalculates everything else.
        assert evaluation.trajectory_missing is not None
        return
    ws = load(recalculated, data_only=True)["Trajectory"]
    bands = [trajectory.decline_and_search]
    for item in trajectory.offers.values():
        bands += [item.accept_and_search, item.accept_and_stay]
    column = 2
    for band in bands:
        for attribute in (
            "p10",
            "p50",
            "p90",
            "cumulative_p10",
            "cumulative_p50",
            "cumulative_p90",
        ):
            for offset, want in enumerate(getattr(band, attribute).tolist()):
                got = ws.cell(row=7 + offset, column=column).value
                assert isinstance(got, int | float), (column, offset, got)
                assert math.isclose(got, want, rel_tol=RELATIVE, abs_tol=1e-9), (column, offset)
            column += 1


def test_one_weight_changed_in_the_workbook_changes_the_winner_as_the_app_predicts(
    calc: Calc,
) -> None:
    scenario = demo_scenario()
    before = evaluate(scenario)
    assert before.decision is not None
    grid = lay.ScoresGrid(len(scenario.criteria), len(scenario.offers))
    k = [c.id for c in scenario.criteria].index("net_pay")
    changed = scenario.with_criterion(dataclasses.replace(scenario.criteria[k], weight=30.0))
    predicted = evaluate(changed)
    assert predicted.decision is not None
    assert predicted.decision.winner not in (None, before.decision.winner)

    book = load(workbook_bytes(before))
    book["Scores"].cell(row=grid.WEIGHT_ROW, column=grid.raw_column(k)).value = 30
    edited = save(book)
    recalculated = calc.recalculate({"edited": edited})["edited"]
    values = load(recalculated, data_only=True)["Scores"]
    assert values.cell(row=grid.WINNER_ROW, column=3).value == predicted.decision.winner
    for index, offer in enumerate(scenario.offers):
        got = values.cell(row=grid.offer_row(index), column=grid.score_column).value
        assert math.isclose(got, predicted.decision.scores[offer.id], rel_tol=RELATIVE)
    # The file LibreOffice saved imports with the new weight, and the app agrees on the winner.
    imported = read_workbook_bytes(recalculated, source="recalculated.xlsx")
    assert imported == changed
    decision = evaluate(imported).decision
    assert decision is not None and decision.winner == predicted.decision.winner


def test_a_stage_changed_in_the_workbook_moves_the_funnel_there(calc: Calc) -> None:
    scenario = demo_scenario()
    book = load(workbook_bytes(evaluate(scenario)))
    stage = lay.column_index(lay.APPLICATION_COLUMNS, "stage")
    rows = [
        lay.FIRST_RECORD_ROW + offset
        for offset, application in enumerate(scenario.applications)
        if application.stage == "applied"
    ][:3]
    for row in rows:
        book["Applications"].cell(row=row, column=stage).value = "interview"
    recalculated = calc.recalculate({"stages": save(book)})["stages"]
    values = load(recalculated, data_only=True)["Applications"]
    log = summarise(scenario.applications, scenario.search)
    assert log is not None
    column = lay.FUNNEL_COLUMN + 1
    first = lay.FUNNEL_FIRST_ROW
    assert values.cell(row=first, column=column).value == log.funnel_count("applied")
    assert values.cell(row=first + 1, column=column).value == log.funnel_count("screen") + 3
    assert values.cell(row=first + 2, column=column).value == log.funnel_count("interview") + 3
    assert values.cell(row=first + 3, column=column).value == log.funnel_count("offer")
    # What LibreOffice saved imports with the three stages changed and nothing else.
    imported = read_workbook_bytes(recalculated, source="stages.xlsx")
    changed = {
        a.id for a, b in zip(scenario.applications, imported.applications, strict=True) if a != b
    }
    assert len(changed) == 3
    assert all(a.stage == "interview" for a in imported.applications if a.id in changed)


def test_text_saved_by_libreoffice_imports_unchanged(calc: Calc) -> None:
    scenario = with_hostile_log(hostile_scenario(demo_scenario()))
    recalculated = calc.recalculate({"hostile": workbook_bytes(evaluate(scenario))})["hostile"]
    assert read_workbook_bytes(recalculated, source="hostile.xlsx") == scenario
