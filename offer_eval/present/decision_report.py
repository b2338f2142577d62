"""The decision's text and JSON output (the report's "Decision score" section)."""

from __future__ import annotations

from typing import Any

from offer_eval.core.decision import DecisionResult, TieSalary, share_text
from offer_eval.core.json_numbers import ratio
from offer_eval.core.models import MoneyMetric, Scenario
from offer_eval.core.money_text import format_money
from offer_eval.present.pay_terms import day_rate_text
from offer_eval.present.text_table import align_columns


def decision_json(result: DecisionResult) -> dict[str, Any]:
    """The `decision` object of `report --json`, plus extras.

    Contract keys: `winner` (offer id or null), `probability_best` (offer id → fraction),
    `weight_stability` (criterion id → [low, high] shares, null on a tie for first) and
    `tie_salary` (offer id → GBP a year or null when no salary can do it; the whole object is null
    when not computed), `rank_acceptability` (offer id → probability of rank 1, 2, ...; rank 1 is
    `probability_best`), `central_weights` (offer id → criterion id → mean weight share of the
    draws in which it is best, null when never best) and `notes`. Extras: `draws_vary` (what the
    draws varied), scores, ranks, values, contributions, weights, shares, money anchors,
    tie-salary detail and the explanation.
    """
    ties = result.tie_salaries
    return {
        "winner": result.winner,
        "probability_best": {oid: ratio(p, 4) for oid, p in result.probability_best.items()},
        "weight_stability": {
            cid: None if interval is None else [ratio(interval[0], 6), ratio(interval[1], 6)]
            for cid, interval in result.weight_stability.items()
        },
        "tie_salary": None
        if ties is None
        else {oid: ratio(item.base_salary, 2) for oid, item in ties.items()},
        "rank_acceptability": {
            oid: [ratio(p, 4) for p in row] for oid, row in result.rank_acceptability.items()
        },
        "central_weights": {
            oid: None if row is None else {cid: ratio(w, 4) for cid, w in row.items()}
            for oid, row in result.central_weights.items()
        },
        "draws_vary": _varied(result),
        "leader": result.leader,
        "scores": {oid: ratio(score, 4) for oid, score in result.scores.items()},
        "ranks": dict(result.ranks),
        "weights": dict(result.weights),
        "weight_shares": {cid: ratio(share, 6) for cid, share in result.shares.items()},
        "values": {
            oid: {cid: ratio(v, 4) for cid, v in row.items()} for oid, row in result.values.items()
        },
        "contributions": {
            oid: {cid: ratio(v, 4) for cid, v in row.items()}
            for oid, row in result.contributions.items()
        },
        "money": {
            cid: {
                oid: {
                    "metric": item.metric,
                    "value": ratio(item.value, 2),
                    "anchor_low": ratio(item.low, 2),
                    "anchor_high": ratio(item.high, 2),
                    "score": ratio(item.score, 4),
                    "anchors_from": item.basis,
                    "estimated": item.estimated,
                }
                for oid, item in items.items()
            }
            for cid, items in result.money.items()
        },
        "tie_salary_detail": None
        if ties is None
        else {
            oid: {
                "kind": item.kind,
                "against": item.against,
                "current_base_salary": ratio(item.current_base_salary, 2),
                "base_salary": ratio(item.base_salary, 2),
                "reason": item.reason,
                "forecast_resimulated": item.simulated,
                **_day_rate_json(item),
            }
            for oid, item in ties.items()
        },
        "weight_confidence": result.confidence,
        "draws": result.draws,
        "earnings_3y_source": result.earnings_source,
        "explanation": result.explanation,
        "notes": list(result.notes),
    }


def _day_rate_json(item: TieSalary) -> dict[str, Any]:
    """For a contract, the tie as a day rate (the search moved the day rate; `base_salary` is
    what that rate bills in a year); nothing for a salary."""
    if not item.is_day_rate:
        return {}
    return {
        "current_day_rate": ratio(item.current_day_rate, 2),
        "day_rate": ratio(item.day_rate, 2),
    }


def tie_now_text(tie: TieSalary) -> str:
    """What the offer pays now, in the unit the tie search moved: "£45,000" or "£450 a day"."""
    if tie.is_day_rate:
        return day_rate_text(tie.current_day_rate)
    return format_money(tie.current_base_salary)


def tie_text(tie: TieSalary) -> str:
    """The tie figure in the unit the search moved: "£52,300" or "£512 a day"."""
    if tie.is_day_rate:
        return day_rate_text(tie.day_rate)
    return format_money(tie.base_salary)


def behind_at_any_pay_text(runner: str | None, leader: str, tie: TieSalary | None) -> str:
    """Why no counter-offer from the runner-up changes the answer: it stays behind the leader
    however much it pays. A sentence without its full stop (the verdict may add to it).

    `tie.reason` says the same in the report's words; put after the verdict's "None would" it
    read twice ("No salary changes the answer: no salary is enough: ...").
    """
    if runner is None or tie is None:
        return "No counter-offer from the others changes the answer"
    pay = "day rate" if tie.is_day_rate else "salary"
    return f"{runner} stays behind {leader} at any {pay}: the non-money criteria decide"


def _varied(result: DecisionResult) -> list[str]:
    """What the draws of how sure varied: always the weights, the ratings when any rating has an
    uncertainty, and the 3-year earnings when they came path by path from the simulation."""
    varied = ["weights"]
    if result.rating_noise:
        varied.append("ratings")
    if result.path_outcomes:
        varied.append("earnings_paths")
    return varied


def _ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def how_sure_lines(result: DecisionResult, scenario: Scenario) -> list[str]:
    """Plain lines on the draws: what varied, each offer's chance of each rank, and the weights
    under which each offer comes out best."""
    if len(result.offer_ids) < 2 or not result.rank_acceptability:
        return []
    varied = {
        "weights": "your weights",
        "ratings": "your ratings (within how sure you are of each)",
        "earnings_paths": "the simulated 3-year earnings",
    }
    parts = [varied[item] for item in _varied(result)]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    lines = [f"How sure ({result.draws:,} draws varying {joined}):"]
    for oid in result.offer_ids:
        ranks = result.rank_acceptability[oid]
        chances = ", ".join(
            f"{_ordinal(r + 1)} in {share_text(p)}" for r, p in enumerate(ranks) if p > 0
        )
        lines.append(f"  {scenario.offer(oid).display_name}: {chances}")
        central = result.central_weights.get(oid)
        if central is not None:
            top = sorted(central.items(), key=lambda item: -item[1])[:3]
            weights = ", ".join(
                f"{scenario.criterion(cid).label} {share_text(w)}" for cid, w in top if w > 0
            )
            lines.append(f"    best under weights like: {weights}")
    lines.append("")
    return lines


def offer_decision_json(result: DecisionResult, offer_id: str) -> dict[str, Any]:
    """The `score` (0-10, 4 decimals) and `rank` of one offer for its `offers[]` entry."""
    score = result.scores.get(offer_id)
    return {
        "score": ratio(score, 4),
        "rank": result.ranks.get(offer_id),
    }


def _metric_amount(metric: MoneyMetric, value: float | None) -> str:
    if value is None:
        return "–"
    if metric == "vs_benchmark":
        return f"{value:+.1f}%"
    return format_money(value)


def decision_text(result: DecisionResult, scenario: Scenario) -> list[str]:
    """Lines for the text report: the score table, money anchors, what it would take, stability
    and the plain explanation."""
    lines = ["Decision score (0-10, your weights)"]
    if not result.scores:
        lines.append(result.explanation)
        return lines
    names = [scenario.offer(oid).display_name for oid in result.offer_ids]
    rows: list[list[str]] = [["", "Weight", *names]]
    rows.append(["-" * 4, "-" * 6, *("-" * len(n) for n in names)])
    for cid in result.criterion_ids:
        rows.append(
            [
                f"  {scenario.criterion(cid).label}",
                share_text(result.shares[cid]),
                *(f"{result.values[oid][cid]:.1f}" for oid in result.offer_ids),
            ]
        )
    rows.append(["Score", "", *(f"{result.scores[oid]:.2f}" for oid in result.offer_ids)])
    rows.append(["Rank", "", *(str(result.ranks[oid]) for oid in result.offer_ids)])
    rows.append(
        [
            "Best in draws",
            "",
            *(share_text(result.probability_best[oid]) for oid in result.offer_ids),
        ]
    )
    lines.extend(align_columns(rows))
    if result.winner is None:
        lines.append("Winner: none (tied on the score)")
    else:
        lines.append(f"Winner: {scenario.offer(result.winner).display_name}")
    lines.append("")
    if result.money:
        lines.append("Money criteria, scored 0 to 10 between two anchors:")
        for cid, items in result.money.items():
            criterion = scenario.criterion(cid)
            for oid, item in items.items():
                lines.append(
                    f"  {criterion.label}, {scenario.offer(oid).display_name}: "
                    f"{_metric_amount(item.metric, item.value)}"
                    f"{' (estimate)' if item.estimated else ''} scores {item.score:.1f}; "
                    f"0 at {_metric_amount(item.metric, item.low)}, "
                    f"10 at {_metric_amount(item.metric, item.high)} ({item.basis})"
                )
        lines.append("")
    lines.extend(how_sure_lines(result, scenario))
    if result.tie_salaries is not None and len(result.offer_ids) > 1:
        simulated = any(tie.simulated for tie in result.tie_salaries.values())
        days = any(tie.is_day_rate for tie in result.tie_salaries.values())
        pay = "base salary or day rate" if days else "base salary"
        lines.append(
            f"What it would take ({pay}; the forecast re-simulated at each salary tried):"
            if simulated
            else f"What it would take ({pay}, other figures as they are):"
        )
        for oid, tie in result.tie_salaries.items():
            name = scenario.offer(oid).display_name
            other = scenario.offer(tie.against).display_name
            now = tie_now_text(tie)
            if tie.base_salary is None:
                lines.append(f"  {name} (now {now}): {tie.reason}.")
            elif tie.kind == "lose_lead":
                lines.append(
                    f"  {name} (now {now}) would fall behind {other} below {tie_text(tie)}."
                )
            else:
                lines.append(f"  {name} (now {now}) would tie {other} at {tie_text(tie)}.")
        lines.append("")
    if result.winner is not None and len(result.offer_ids) > 1:
        lines.append(
            "Weight that keeps "
            f"{scenario.offer(result.winner).display_name} the winner "
            "(share of the total weight: yours, then the range):"
        )
        for cid, interval in result.weight_stability.items():
            if interval is None:
                continue
            low, high = interval
            lines.append(
                f"  {scenario.criterion(cid).label}: {share_text(result.shares[cid])} "
                f"({share_text(low)} to {share_text(high)})"
            )
        lines.append("")
    lines.append(result.explanation)
    lines.extend(f"Note: {note}." for note in result.notes)
    return lines
