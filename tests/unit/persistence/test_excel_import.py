"""Importing a workbook: edits in the visible sheets come back, the rest
from `_scenario`; every problem names the sheet and the cell; hostile files are refused safely."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from offer_eval.cli import main
from offer_eval.core.evaluate import evaluate
from offer_eval.core.models import Scenario
from offer_eval.persistence.document import DocumentError
from offer_eval.persistence.document import load as load_document
from offer_eval.persistence.examples import demo_scenario, example
from offer_eval.persistence.excel import (
    WorkbookError,
    read_workbook,
    read_workbook_bytes,
    workbook_bytes,
)
from offer_eval.persistence.excel import _layout as lay
from offer_eval.present.report import report_dict
from tests.unit._excel_support import hostile_scenario, load, save, with_offers


def export(scenario: Scenario) -> bytes:
    return workbook_bytes(evaluate(scenario))


def edited(scenario: Scenario, edit: Any) -> Scenario:
    """Export, change the workbook with `edit(book)`, save it and import it back."""
    book = load(export(scenario))
    edit(book)
    return read_workbook_bytes(save(book), source="edited.xlsx")


def problem(data: bytes) -> WorkbookError:
    with pytest.raises(WorkbookError) as caught:
        read_workbook_bytes(data, source="in.xlsx")
    return caught.value


def scores_grid(scenario: Scenario) -> lay.ScoresGrid:
    return lay.ScoresGrid(len(scenario.criteria), len(scenario.offers))


def criterion_column(scenario: Scenario, criterion_id: str) -> int:
    grid = scores_grid(scenario)
    return grid.raw_column([c.id for c in scenario.criteria].index(criterion_id))


def offers_column(field: str) -> int:
    return lay.column_index(lay.POSITION_COLUMNS, field)


# --- round trips --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["demo.offers.json", "phd-stipend.offers.json"])
def test_an_unedited_workbook_imports_as_the_same_scenario(name: str) -> None:
    scenario = example(name)
    assert read_workbook_bytes(export(scenario)) == scenario


def test_formula_like_text_in_every_field_comes_back_unchanged() -> None:
    scenario = hostile_scenario(demo_scenario())
    assert read_workbook_bytes(export(scenario)) == scenario


def test_hostile_text_saved_again_by_openpyxl_comes_back_unchanged() -> None:
    scenario = hostile_scenario(demo_scenario())
    assert edited(scenario, lambda book: None) == scenario


def test_export_import_export_gives_the_same_results() -> None:
    scenario = with_offers(demo_scenario(), 6)
    first = evaluate(scenario)
    again = read_workbook_bytes(workbook_bytes(first))
    second = evaluate(again)
    assert report_dict(second) == report_dict(first)
    assert second.decision == first.decision
    a, b = load(workbook_bytes(first)), load(workbook_bytes(second))
    for name in a.sheetnames:
        cells_a = [[c.value for c in row] for row in a[name].iter_rows()]
        cells_b = [[c.value for c in row] for row in b[name].iter_rows()]
        assert cells_a == cells_b, name


# --- edits come back ----------------------------------------------------------------------------


def test_an_edited_weight_comes_back_and_changes_the_winner_as_predicted() -> None:
    scenario = demo_scenario()
    before = evaluate(scenario).decision
    assert before is not None and before.winner == "ml-engineer"
    grid = scores_grid(scenario)
    column = criterion_column(scenario, "net_pay")

    def edit(book: Any) -> None:
        book["Scores"].cell(row=grid.WEIGHT_ROW, column=column).value = 30

    imported = edited(scenario, edit)
    assert imported.criterion("net_pay").weight == 30
    assert imported.criterion("team") == scenario.criterion("team")
    after = evaluate(imported).decision
    assert after is not None and after.winner == "london-ds"


def test_an_edited_rating_comes_back() -> None:
    scenario = demo_scenario()
    grid = scores_grid(scenario)

    def edit(book: Any) -> None:
        book["Scores"].cell(
            row=grid.offer_row(1), column=criterion_column(scenario, "team")
        ).value = 8.5

    imported = edited(scenario, edit)
    assert imported.offer("london-ds").ratings["team"] == 8.5
    assert imported.offer("ml-engineer") == scenario.offer("ml-engineer")


def test_a_blank_row_inserted_between_offers_on_scores_is_skipped() -> None:
    scenario = demo_scenario()
    grid = scores_grid(scenario)

    def edit(book: Any) -> None:
        scores = book["Scores"]
        scores.insert_rows(grid.offer_row(1))
        scores.cell(row=grid.offer_row(2), column=criterion_column(scenario, "team")).value = 1

    assert edited(scenario, edit).offer("london-ds").ratings["team"] == 1


def test_an_edited_anchor_becomes_the_criterions_own_and_an_untouched_one_stays_derived() -> None:
    scenario = demo_scenario()
    grid = scores_grid(scenario)

    def edit(book: Any) -> None:
        book["Scores"].cell(
            row=grid.LOW_ROW, column=criterion_column(scenario, "net_pay")
        ).value = 25_000

    imported = edited(scenario, edit)
    assert imported.criterion("net_pay").anchor_low == 25_000
    assert imported.criterion("net_pay").anchor_high is None
    assert imported.criterion("earnings_3y") == scenario.criterion("earnings_3y")


def test_edited_offer_fields_benchmarks_labels_and_meanings_come_back() -> None:
    scenario = demo_scenario()
    grid = scores_grid(scenario)

    def edit(book: Any) -> None:
        offers = book["Offers"]
        offers.cell(row=3, column=offers_column("base_salary")).value = 47_500
        offers.cell(row=3, column=offers_column("bonus_target_pct")).value = 0.1  # 10%
        name = offers.cell(row=3, column=offers_column("name"))
        name.value = "=Renamed"
        name.data_type = "s"  # typed as '=Renamed: text, as a spreadsheet stores it
        offers.cell(row=3, column=offers_column("target_field")).value = False
        offers.cell(row=4, column=offers_column("notes")).value = None
        benchmarks = book["Benchmarks"]
        benchmarks.cell(
            row=2, column=lay.column_index(lay.BENCHMARK_COLUMNS, "median")
        ).value = 57_000
        scores = book["Scores"]
        scores.cell(
            row=grid.HEADER_ROW, column=criterion_column(scenario, "team")
        ).value = "Team mates"
        title = grid.meanings_title_row
        scores.cell(
            row=title + 2, column=lay.column_index(lay.MEANING_COLUMNS, "meaning_10")
        ).value = "-best"

    imported = edited(scenario, edit)
    offer = imported.offer("ml-engineer")
    assert offer.base_salary == 47_500
    assert offer.bonus_target_pct == 10.0
    assert offer.name == "=Renamed"
    assert offer.target_field is False
    assert offer.negotiation == scenario.offer("ml-engineer").negotiation  # kept from _scenario
    assert imported.offer("london-ds").notes == ""
    assert imported.benchmarks[0].median == 57_000
    assert imported.criterion("team").label == "Team mates"
    assert imported.criterion("team").meaning_10 == "-best"
    assert imported.search == scenario.search and imported.sources == scenario.sources


def test_an_offer_added_in_the_workbook_and_one_deleted() -> None:
    scenario = demo_scenario()
    grid = scores_grid(scenario)

    def edit(book: Any) -> None:
        offers = book["Offers"]
        offers.delete_rows(4)  # london-ds
        offers.cell(row=4, column=1).value = "offer"
        offers.cell(row=4, column=2).value = "startup"
        offers.cell(row=4, column=offers_column("base_salary")).value = 50_000
        offers.cell(row=4, column=offers_column("equity.grant_value")).value = 20_000
        scores = book["Scores"]
        scores.cell(row=grid.offer_row(1), column=1).value = "startup"
        for criterion in scenario.criteria:
            if criterion.kind == "rating":
                scores.cell(
                    row=grid.offer_row(1), column=criterion_column(scenario, criterion.id)
                ).value = 6

    imported = edited(scenario, edit)
    assert [o.id for o in imported.offers] == ["ml-engineer", "startup"]
    startup = imported.offer("startup")
    assert startup.base_salary == 50_000 and startup.ratings["team"] == 6
    assert startup.equity is not None and startup.equity.grant_value == 20_000
    assert startup.equity.vesting_years == 4  # defaults for what the row leaves blank


def test_a_formula_typed_into_an_input_counts_by_its_saved_result() -> None:
    scenario = demo_scenario()
    data = export(scenario)
    book = load(data)
    book["Offers"].cell(row=3, column=offers_column("base_salary")).value = "=45000*1.1"
    # openpyxl saves no result for it, as a spreadsheet would: the import cannot use it.
    error = problem(save(book))
    assert error.path == f"Offers!{lay.cell_name(3, offers_column('base_salary'))}"
    assert "formula without a saved result" in error.rule


# --- problems name the sheet and the cell -------------------------------------------------------


def _set(scenario: Scenario, sheet: str, row: int, column: int, value: object) -> bytes:
    book = load(export(scenario))
    book[sheet].cell(row=row, column=column).value = value
    return save(book)


def test_bad_cells_are_named_with_their_rule() -> None:
    scenario = demo_scenario()
    grid = scores_grid(scenario)
    team = criterion_column(scenario, "team")
    cases = [
        ("Scores", grid.offer_row(0), team, "nine", "must be a number, not 'nine'"),
        ("Scores", grid.offer_row(0), team, 11, "a rating must be between 0 and 10"),
        ("Scores", grid.WEIGHT_ROW, team, -1, "must be between 0 and 1,000"),
        ("Offers", 3, offers_column("base_salary"), -5, "must be between 0 and 10,000,000"),
        ("Offers", 3, offers_column("hours_per_week"), "lots", "must be a number, not 'lots'"),
        ("Offers", 3, offers_column("target_field"), "maybe", "must be TRUE or FALSE"),
        ("Offers", 3, offers_column("benchmark_id"), "nope", "no benchmark with id 'nope'"),
        ("Offers", 3, offers_column("pension_method"), "cash", "must be none, net_pay"),
        ("Offers", 1, offers_column("name"), "Nom", "expected the column 'Name' here"),
        ("Offers", 4, 1, "current", "only one row can be the current job"),
        (
            "Benchmarks",
            2,
            lay.column_index(lay.BENCHMARK_COLUMNS, "p90"),
            1_000,
            "must not be below",
        ),
    ]
    for sheet, row, column, value, rule in cases:
        error = problem(_set(scenario, sheet, row, column, value))
        assert error.path == f"{sheet}!{lay.cell_name(row, column)}", (value, error)
        assert rule in error.rule, (value, error.rule)
        assert str(error).startswith(f"in.xlsx: {sheet}!"), error


def test_a_rating_row_for_an_unknown_offer_and_a_missing_rating() -> None:
    scenario = demo_scenario()
    grid = scores_grid(scenario)
    error = problem(_set(scenario, "Scores", grid.offer_row(1), 1, "ghost"))
    assert error.path == f"Scores!A{grid.offer_row(1)}" and "ghost" in error.rule
    team = criterion_column(scenario, "team")
    error = problem(_set(scenario, "Scores", grid.offer_row(1), team, None))
    assert error.path == f"Scores!{lay.cell_name(grid.offer_row(1), team)}"
    assert "missing rating" in error.rule


def test_deleting_a_benchmark_still_in_use_is_refused_where_it_is_used() -> None:
    scenario = demo_scenario()  # the story benchmark: ml-engineer's and the target role's
    book = load(export(scenario))
    book["Benchmarks"].delete_rows(2)
    error = problem(save(book))
    assert error.path == f"Offers!{lay.cell_name(3, offers_column('benchmark_id'))}"
    assert "no benchmark with id 'ml-uk-excl-london-story'" in error.rule
    book["Offers"].cell(row=3, column=offers_column("benchmark_id")).value = None
    error = problem(save(book))
    assert error.path == "Benchmarks!A1"
    assert error.rule.startswith("target_benchmark_id: no benchmark with id")


def test_weights_adding_up_to_nothing_point_at_the_weights() -> None:
    scenario = demo_scenario()
    grid = scores_grid(scenario)
    book = load(export(scenario))
    for k in range(len(scenario.criteria)):
        book["Scores"].cell(row=grid.WEIGHT_ROW, column=grid.raw_column(k)).value = 0
    error = problem(save(book))
    assert error.path.startswith("Scores!") and "add up to more than 0" in error.rule


def test_a_missing_or_damaged_scenario_sheet_is_refused_with_its_cell() -> None:
    scenario = demo_scenario()
    book = load(export(scenario))
    del book["_scenario"]
    error = problem(save(book))
    assert error.path == "_scenario!A1" and "missing" in error.rule

    error = problem(_set(scenario, "_scenario", 2, 2, "something-else"))
    assert error.path == "_scenario!B2" and "not a workbook exported by Offer Eval" in error.rule

    book = load(export(scenario))
    chunk = book["_scenario"].cell(row=10, column=1)
    chunk.value = chunk.value.replace("45000", "95000")
    chunk.data_type = "s"
    error = problem(save(book))
    assert error.path == "_scenario!A10" and "checksum" in error.rule

    error = problem(_set(scenario, "_scenario", 3, 2, 99))
    assert error.path == "_scenario!B3" and "newer" in error.rule

    error = problem(_set(scenario, "_scenario", 10, 1, None))
    assert error.path == "_scenario!A10" and "damaged" in error.rule


def test_a_missing_visible_sheet_is_named() -> None:
    book = load(export(demo_scenario()))
    del book["Scores"]
    error = problem(save(book))
    assert error.path == "Scores" and "missing" in error.rule


# --- hostile files ------------------------------------------------------------------------------


def _zip(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_files_that_are_not_workbooks_are_refused() -> None:
    for data, rule in (
        (b"", "not an Excel workbook"),
        (b'{"schema_version": 1}', "not an Excel workbook"),
        (b"PK\x03\x04 truncated", "not a readable .xlsx"),
        (_zip({"hello.txt": b"hi"}), "no [Content_Types].xml inside"),
        (export(demo_scenario())[:5_000], "not a readable .xlsx"),
    ):
        error = problem(data)
        assert error.path == "$" and rule in error.rule, error


def test_a_zip_bomb_is_refused_before_parsing() -> None:
    bomb = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b" " * (210 * 1024 * 1024),
        }
    )
    assert len(bomb) < 1_000_000
    error = problem(bomb)
    assert "zip bomb" in error.rule or "too large" in error.rule


def test_xml_entities_are_refused() -> None:
    data = export(demo_scenario())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><sst>&lol2;</sst>'
    )
    parts["xl/sharedStrings.xml"] = laughs
    error = problem(_zip(parts))
    assert "DOCTYPE" in error.rule


def test_read_workbook_on_paths(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="no such file"):
        read_workbook(tmp_path / "missing.xlsx")
    with pytest.raises(WorkbookError, match="is a folder"):
        read_workbook(tmp_path)
    huge = tmp_path / "huge.xlsx"
    with huge.open("wb") as handle:
        handle.truncate(30 * 1024 * 1024)  # sparse: no disk used
    with pytest.raises(WorkbookError, match="larger than 20 MB"):
        read_workbook(huge)
    good = tmp_path / "good.xlsx"
    good.write_bytes(export(demo_scenario()))
    assert read_workbook(good) == demo_scenario()
    assert isinstance(WorkbookError("x", None, "y"), DocumentError)


def test_import_progress_runs_from_zero_to_one() -> None:
    seen: list[float] = []
    read_workbook_bytes(export(demo_scenario()), progress=lambda f, _what: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


# --- the command line ---------------------------------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_report_xlsx_then_import_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = tmp_path / "comparison.xlsx"
    assert main(["report", "--xlsx", str(workbook)]) == 0
    assert workbook.read_bytes().startswith(b"PK")
    before = _digest(workbook)
    out = tmp_path / "back.offers.json"
    assert main(["import", str(workbook), str(out)]) == 0
    assert _digest(workbook) == before  # the input is never modified
    assert load_document(out) == demo_scenario()
    capsys.readouterr()


def test_import_errors_are_one_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = demo_scenario()
    grid = scores_grid(scenario)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        _set(scenario, "Scores", grid.offer_row(0), criterion_column(scenario, "team"), "x")
    )
    out = tmp_path / "out.offers.json"
    assert main(["import", str(bad), str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"{bad}: Scores!C{grid.offer_row(0)}: must be a number")
    assert not out.exists()

    good = tmp_path / "good.xlsx"
    good.write_bytes(export(scenario))
    before = _digest(good)
    assert main(["import", str(good), str(good)]) == 2
    assert "is the input file" in capsys.readouterr().err
    assert _digest(good) == before
    assert main(["import", str(good), str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "nope.xlsx"), str(out)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_report_xlsx_into_a_folder_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--xlsx", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_dataclass_fields_all_on_the_offers_sheet_or_kept_elsewhere() -> None:
    """A new Position field must get a column, or be listed here as kept in `_scenario`."""
    from offer_eval.core.models import Position

    on_sheet = {c.field.split(".")[0] for c in lay.POSITION_COLUMNS if c.kind != "role"}
    elsewhere = {"ratings", "negotiation", "rating_uncertainty"}
    # Contract, pension matching and benefits-in-kind fields (file format 2) travel in `_scenario`
    # until the Offers sheet gets their columns.
    elsewhere |= {
        "pay_type",
        "day_rate",
        "days_per_year",
        "utilisation_pct",
        "engagement",
        "umbrella_margin",
        "accountancy_cost",
        "pension_match_ratio",
        "pension_match_floor_pct",
        "pension_match_cap_pct",
        "sacrifice_ni_passed_on_pct",
        "bik_private_medical",
        "bik_car_list_price",
        "bik_car_co2_g_km",
        "bik_car_electric_miles",
    }
    assert {f.name for f in dataclasses.fields(Position)} == on_sheet | elsewhere
