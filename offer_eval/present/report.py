"""The evaluation as the `report --json` contract and as a readable text table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from offer_eval import __version__
from offer_eval.core.application_rates import applications_json, summarise
from offer_eval.core.compensation import PayCut, PositionMoney
from offer_eval.core.evaluate import Evaluation, evaluate, evaluate_searches
from offer_eval.core.json_numbers import money, ratio
from offer_eval.core.models import SCHEMA_VERSION
from offer_eval.core.trajectory import LowestSalary, TrajectoryResult, no_credit_scenario
from offer_eval.present.decision_report import decision_json, decision_text, offer_decision_json
from offer_eval.present.labels import display_names, tax_region_words
from offer_eval.present.reality_report import reality_json, reality_text
from offer_eval.present.side_by_side import side_by_side_rows
from offer_eval.present.text_table import align_columns
from offer_eval.present.trajectory_report import trajectory_json, trajectory_text


def _position_json(item: PositionMoney) -> dict[str, Any]:
    th = item.take_home
    return {
        "id": item.position_id,
        "name": item.name,
        "base_salary": money(item.base_salary),
        "total_comp_year1": money(item.total_comp_year1),
        "net_take_home": money(item.net_take_home),
        "vs_benchmark_pct": ratio(item.vs_benchmark_pct),
        "benchmark_percentile": ratio(item.benchmark_percentile, 2),
        "benchmark_id": item.benchmark_id,
        "benchmark_median": money(item.benchmark_median),
        "benchmark_note": item.benchmark_note,
        "expected_bonus": money(item.year1.bonus),
        "sign_on": money(item.year1.sign_on),
        "equity_year1": money(item.year1.equity),
        "illiquid_equity_year1_discounted": money(item.illiquid_equity_year1),
        "employer_pension": money(item.year1.employer_pension),
        "benefits_value": money(item.year1.benefits),
        "total_comp_years_1_4": money(item.total_comp_years_1_4),
        "total_comp_average_1_4": money(item.total_comp_average),
        "take_home": {
            "gross": money(th.gross),
            "income_tax": money(th.income_tax),
            "employee_ni": money(th.employee_ni),
            "student_loan": money(th.student_loan),
            "pension_contribution": money(th.pension_contribution),
            "net": money(th.net),
        },
        "net_take_home_monthly": money(item.net_take_home_monthly),
        "net_take_home_average_1_4": money(item.net_take_home_average),
        "hourly_base": money(item.hourly_base),
        "hourly_total_comp": money(item.hourly_total_comp),
        "hourly_net_including_commute": money(item.hourly_net_including_commute),
        "commute_cost": money(item.commute_cost),
        "living_cost_difference": money(item.living_cost_difference),
        "relocation_cost": money(item.relocation_cost),
        "left_to_live_on_year1": money(item.left_to_live_on_year1),
        "left_to_live_on_monthly": money(item.left_to_live_on_monthly),
        "vs_target_pct": ratio(item.vs_target_pct),
    }


def _offer_json(evaluation: Evaluation, item: PositionMoney, cut: PayCut) -> dict[str, Any]:
    body = _position_json(item)
    body.update(
        {
            "pay_cut_gross_pct": ratio(cut.gross_pct),
            "pay_cut_total_comp_pct": ratio(cut.total_comp_pct),
            "pay_cut_net_pct": ratio(cut.net_pct),
            "pay_cut_gross": money(cut.gross_abs),
            "pay_cut_total_comp": money(cut.total_comp_abs),
            "pay_cut_net": money(cut.net_abs),
            "left_to_live_on_change": money(cut.left_to_live_on_abs),
            "score": None,
            "rank": None,
        }
    )
    if evaluation.decision is not None:
        body.update(offer_decision_json(evaluation.decision, item.position_id))
    return body


def report_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The `report --json` object: the documented keys, which scripts rely on, then extras."""
    scenario = evaluation.scenario
    return {
        "scenario": scenario.name,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "currency": scenario.currency,
        "tax_year": evaluation.current.take_home.tax_year,
        "tax_rules_year": evaluation.current.take_home.rules_year,
        "target_salary": money(scenario.target_salary),
        "illustrative": scenario.is_illustrative,
        "notes": list(evaluation.notes),
        "current": _position_json(evaluation.current),
        "offers": [
            _offer_json(evaluation, item, evaluation.pay_cuts[item.position_id])
            for item in evaluation.offers
        ],
        "trajectory": (
            None
            if evaluation.trajectory is None
            else {
                **trajectory_json(
                    evaluation.trajectory,
                    _lowest_salaries(evaluation),
                    _no_credit_trajectory(evaluation),
                    scenario,
                ),
                **reality_json(scenario, evaluation.trajectory),
            }
        ),
        "trajectory_unavailable": evaluation.trajectory_missing,
        "decision": None if evaluation.decision is None else decision_json(evaluation.decision),
        "applications": applications_json(summarise(scenario.applications, scenario.search)),
    }


# --- text --------------------------------------------------------------------------------------


HEADER_WIDTH = 24
"""A position's name longer than this takes two header lines, so one long name ("Research
Engineer at a large lab in Cambridge") does not widen its column past the figures under it."""


def _two_lines(name: str, width: int = HEADER_WIDTH) -> list[str]:
    """A name as one line, or as two split at the space that balances them best."""
    if len(name) <= width or " " not in name:
        return [name]
    spaces = [i for i, char in enumerate(name) if char == " "]
    best = min(spaces, key=lambda i: max(i, len(name) - i - 1))
    return [name[:best], name[best + 1 :]]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Aligned columns under a rule; a row with only a label is a section heading."""
    names = [_two_lines(cell) for cell in header]
    if any(len(lines) == 2 for lines in names):
        headers = [
            [lines[0] if len(lines) == 2 else "" for lines in names],
            [lines[-1] for lines in names],
        ]
    else:
        headers = [header]
    lines = align_columns([*headers, *rows])
    top = lines[: len(headers)]
    return [*top, "-" * max(len(line) for line in lines), *lines[len(headers) :]]


def render_text(evaluation: Evaluation) -> str:
    """A side-by-side table of every position, for the terminal."""
    scenario = evaluation.scenario
    items = evaluation.positions
    names = display_names(scenario)
    header = ["", *(names[item.position_id] for item in items)]
    rows = [
        [line.label, *([""] * len(items))] if line.is_heading else [f"  {line.label}", *line.values]
        for line in side_by_side_rows(evaluation)
    ]
    lines = [
        f"{scenario.name}",
        f"Tax year {evaluation.current.take_home.tax_year}, {tax_region_words(scenario.tax.region)}",
    ]
    if scenario.is_illustrative:
        lines.append(
            "Illustrative example: figures marked illustrative were not published anywhere."
        )
    lines.append("")
    lines.extend(_table(header, rows))
    lines.append("")
    for item in items:
        if item.benchmark_id is not None:
            lines.append(
                f"{names[item.position_id]}: base salary {item.benchmark_note} of "
                f"'{_benchmark_label(evaluation, item)}'."
            )
    if evaluation.trajectory is not None:
        lines.append("")
        lines.extend(
            trajectory_text(
                evaluation.trajectory,
                scenario,
                _no_credit_trajectory(evaluation),
                _lowest_salaries(evaluation),
            )
        )
        lines.append("")
        lines.extend(reality_text(scenario, evaluation.trajectory))
    elif evaluation.trajectory_missing is not None:
        lines.append("")
        lines.append(evaluation.trajectory_missing)
    if evaluation.decision is not None:
        lines.append("")
        lines.extend(decision_text(evaluation.decision, scenario))
    for note in evaluation.notes:
        lines.append(f"Note: {note}.")
    return "\n".join(lines) + "\n"


def _lowest_salaries(evaluation: Evaluation) -> Mapping[str, LowestSalary] | None:
    """Each offer's lowest salary worth taking in work: the report shows the searches `evaluate`
    leaves out, at full resolution only (a quick preview skips them)."""
    if evaluation.resolution != "full" or evaluation.trajectory is None:
        return None
    return evaluate_searches(evaluation.scenario).lowest_salary


def _no_credit_trajectory(evaluation: Evaluation) -> TrajectoryResult | None:
    """The trajectory if employers gave no credit for the new job (shown beside the main one)."""
    variant = no_credit_scenario(evaluation.scenario)
    if variant is None:
        return None
    return evaluate(variant, resolution=evaluation.resolution).trajectory


def _benchmark_label(evaluation: Evaluation, item: PositionMoney) -> str:
    benchmark = evaluation.scenario.benchmark(item.benchmark_id)
    return benchmark.label if benchmark else str(item.benchmark_id)
