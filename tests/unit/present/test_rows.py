"""Each result row reads the figure its key names in `report --json`, and names it once."""

from __future__ import annotations

from typing import Any

import pytest

from offer_eval.core.evaluate import Evaluation, evaluate
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present import outcome_rows, rows
from offer_eval.present.labels import METRIC_BY_KEY
from offer_eval.present.report import report_dict


@pytest.fixture(scope="module")
def demo() -> tuple[Evaluation, dict[str, Any]]:
    evaluation = evaluate(demo_scenario(), resolution="interactive")
    return evaluation, report_dict(evaluation)


def _json_value(body: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        body = body[part]
    return body


def _close(ours: float | None, reported: float | None, places: int = 2) -> bool:
    if ours is None or reported is None:
        return ours is None and reported is None
    return abs(round(ours, places) - reported) <= 10.0**-places


def test_labels_are_unique_within_each_table() -> None:
    for table in (rows.MONEY_ROWS, rows.PAY_CUT_ROWS, outcome_rows.SEARCH_ROWS):
        labels = [row.label for row in table]
        assert len(set(labels)) == len(labels), labels
        keys = [row.key for row in table]
        assert len(set(keys)) == len(keys), keys


def test_money_rows_read_the_figure_of_their_json_key(
    demo: tuple[Evaluation, dict[str, Any]],
) -> None:
    evaluation, report = demo
    bodies = [report["current"], *report["offers"]]
    for row in rows.MONEY_ROWS:
        for item, body in zip(evaluation.positions, bodies, strict=True):
            reported = _json_value(body, row.key)
            assert _close(row.get(item), reported), (row.key, item.position_id)


def test_pay_cut_rows_read_the_figure_of_their_json_key(
    demo: tuple[Evaluation, dict[str, Any]],
) -> None:
    evaluation, report = demo
    for offer, body in zip(evaluation.offers, report["offers"], strict=True):
        cut = evaluation.pay_cuts[offer.position_id]
        for row in rows.PAY_CUT_ROWS:
            assert _close(row.get(cut), body[row.key]), row.key


def test_a_change_is_the_offer_less_the_current_job(
    demo: tuple[Evaluation, dict[str, Any]],
) -> None:
    evaluation, _ = demo
    current = evaluation.current
    for offer in evaluation.offers:
        cut = evaluation.pay_cuts[offer.position_id]
        for row in rows.MONEY_ROWS:
            if row.change is None:
                continue
            ours, theirs = row.get(offer), row.get(current)
            assert ours is not None and theirs is not None
            assert row.change(offer, current, cut) == pytest.approx(ours - theirs, abs=1e-6)


def test_search_rows_read_the_figure_of_their_json_key(
    demo: tuple[Evaluation, dict[str, Any]],
) -> None:
    evaluation, report = demo
    trajectory = evaluation.trajectory
    assert trajectory is not None
    for offer_id, item in trajectory.offers.items():
        body = report["trajectory"]["offers"][offer_id]
        for row in outcome_rows.SEARCH_ROWS:
            assert _close(row.get(item), body[row.key]), row.key
    decline = {row.key: row.decline(trajectory) for row in outcome_rows.SEARCH_ROWS if row.decline}
    assert _close(decline["present_value"], report["trajectory"]["present_value_decline"])
    assert _close(decline["p_better_within_12"], report["trajectory"]["decline_p_offer_within_12"])


def test_decision_values_match_the_report(demo: tuple[Evaluation, dict[str, Any]]) -> None:
    evaluation, report = demo
    decision = evaluation.decision
    assert decision is not None
    for body in report["offers"]:
        values = outcome_rows.decision_values(decision, body["id"])
        assert _close(values["score"], body["score"], 4)
        assert values["rank"] == body["rank"]


def test_a_money_measure_and_its_row_share_one_name() -> None:
    assert rows.NET_TAKE_HOME.label == METRIC_BY_KEY["net_take_home"].label
    assert rows.TOTAL_COMP_YEAR1.label == METRIC_BY_KEY["total_comp_year1"].label
    assert rows.VS_BENCHMARK.label == METRIC_BY_KEY["vs_benchmark"].label
    assert outcome_rows.SEARCH["expected_earnings_3y"].label.startswith(
        METRIC_BY_KEY["expected_earnings_3y"].label
    )
