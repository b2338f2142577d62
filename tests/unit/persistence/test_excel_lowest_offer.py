"""The workbook's Summary has each offer's lowest offer worth taking, under the name the verdict
strip and the report give it, beside the other job-search figures."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from offer_eval.core.evaluate import evaluate, evaluate_searches, with_tie_salaries
from offer_eval.core.models import Scenario
from offer_eval.gui.verdict import verdict_parts
from offer_eval.persistence.excel import workbook_bytes
from offer_eval.present.labels import LOWEST_OFFER
from offer_eval.present.outcome_rows import SEARCH_ROWS
from offer_eval.present.report import render_text
from offer_eval.present.rows import SECTION_DECISION
from tests.unit.core.test_contract_tie_day_rate import contract_demo


def _labels(sheet: Any) -> list[str]:
    return [str(r[0]).strip() for r in sheet.iter_rows(values_only=True) if r[0]]


def _row(sheet: Any, label: str) -> list[object]:
    for row in sheet.iter_rows(values_only=True):
        if isinstance(row[0], str) and row[0].strip() == label:
            return list(row[1:])
    raise AssertionError(f"no row {label!r}")


def test_the_summary_shows_each_offers_lowest_offer_worth_taking(demo: Scenario) -> None:
    evaluation = with_tie_salaries(evaluate(demo))
    searches = evaluate_searches(demo)
    data = workbook_bytes(evaluation, searches=searches)
    sheet = load_workbook(io.BytesIO(data))["Summary"]
    labels = _labels(sheet)
    # Among the job-search figures: after the last of them, before the decision's section.
    at = labels.index(LOWEST_OFFER.label)
    assert labels[at - 1] == SEARCH_ROWS[-1].label
    assert labels[at + 1] == SECTION_DECISION
    row = _row(sheet, LOWEST_OFFER.label)
    assert row[0] is None  # the current job: nothing to take
    for column, offer in enumerate(demo.offers, start=1):
        value = searches.lowest_salary[offer.id]
        assert isinstance(value, float)
        assert row[column] == pytest.approx(value, abs=0.005)
    # One name for the figure: the verdict strip's caption and the report's line.
    parts = {p.key: p for p in verdict_parts(evaluation, searches)}
    assert parts["reservation"].caption == LOWEST_OFFER.label
    assert f"{LOWEST_OFFER.label} while you have a job: " in render_text(evaluation)


def test_without_the_searches_the_row_is_left_out(demo: Scenario) -> None:
    sheet = load_workbook(io.BytesIO(workbook_bytes(with_tie_salaries(evaluate(demo)))))["Summary"]
    assert LOWEST_OFFER.label not in _labels(sheet)


def test_searches_for_another_scenario_are_not_shown(demo: Scenario) -> None:
    other = contract_demo(300.0)
    data = workbook_bytes(with_tie_salaries(evaluate(demo)), searches=evaluate_searches(other))
    assert LOWEST_OFFER.label not in _labels(load_workbook(io.BytesIO(data))["Summary"])


def test_a_contracts_figure_is_what_its_day_rate_bills_a_year() -> None:
    scenario = contract_demo(300.0)
    searches = evaluate_searches(scenario)
    data = workbook_bytes(with_tie_salaries(evaluate(scenario)), searches=searches)
    row = _row(load_workbook(io.BytesIO(data))["Summary"], LOWEST_OFFER.label)
    column = 1 + [o.id for o in scenario.offers].index("london-ds")
    assert row[column] == pytest.approx(searches.lowest_salary["london-ds"], abs=0.005)
