"""The plain explanation of a decision: which criteria carry the winner, and how robust it is."""

from __future__ import annotations

from collections.abc import Sequence

from offer_eval.core.decision.result import DecisionResult
from offer_eval.core.models import Scenario


def share_text(share: float) -> str:
    """A fraction as a percentage that never rounds a near-certainty up to 100% (or down to 0%)."""
    value = share * 100.0
    if value in (0.0, 100.0) or 1.0 <= value <= 99.0:
        return f"{value:.0f}%"
    text = f"{value:.1f}%"
    if text == "0.0%":
        return "under 0.1%"
    if text == "100.0%":
        return "over 99.9%"
    return text


def _join_words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def carrying_criteria(result: DecisionResult, limit: int = 3) -> tuple[str, ...]:
    """Criterion ids that carry the winner: its largest contribution gains over the runner-up,
    enough of them to make up most (60%) of its total gain, at most `limit`."""
    lead, runner = result.winner, result.runner_up
    if lead is None or runner is None:
        return ()
    ahead, behind = result.contributions[lead], result.contributions[runner]
    # Largest gain first; equal gains in the criteria's order (their place breaks the tie).
    gains = sorted(
        ((ahead[cid] - behind[cid], place, cid) for place, cid in enumerate(result.criterion_ids)),
        key=lambda item: (-item[0], item[1]),
    )
    positive = [(gain, cid) for gain, _place, cid in gains if gain > 0]
    total = sum(gain for gain, _ in positive)
    chosen: list[str] = []
    running = 0.0
    for gain, cid in positive[:limit]:
        chosen.append(cid)
        running += gain
        if running >= 0.6 * total:
            break
    return tuple(chosen)


def tightest_bound(result: DecisionResult) -> tuple[str, float, float] | None:
    """(criterion id, user's share, bound) for the interior stability bound nearest the user's
    share: the smallest change of one weight that would change the winner."""
    best: tuple[float, str, float, float] | None = None
    for cid, _side, bound in result.interior_bounds():
        share = result.shares[cid]
        distance = abs(bound - share)
        if best is None or distance < best[0]:
            best = (distance, cid, share, bound)
    return None if best is None else (best[1], best[2], best[3])


def explain(result: DecisionResult, scenario: Scenario) -> str:
    """One or two plain sentences: which criteria carry the winner, and how robust it is."""
    if not result.scores:
        return result.explanation or "Nothing to score yet."

    def name(offer_id: str) -> str:
        return scenario.offer(offer_id).display_name

    def label(criterion_id: str) -> str:
        text = scenario.criterion(criterion_id).label
        # "Team" reads as "team" mid-sentence; leave "ML team" or "GPS work" alone.
        if len(text) > 1 and text[0].isupper() and text[1].islower():
            return text[0].lower() + text[1:]
        return text

    if len(result.offer_ids) == 1:
        only = result.offer_ids[0]
        return (
            f"Only one offer to compare: {name(only)} scores {result.scores[only]:.1f} out of 10."
        )
    if result.winner is None:
        tied = [oid for oid in result.offer_ids if result.ranks[oid] == 1]
        chances = ", ".join(
            f"{name(oid)} in {share_text(result.probability_best[oid])}" for oid in tied
        )
        return (
            f"{_join_words([name(oid) for oid in tied])} are tied on the score, so the answer "
            f"rests on your weights and ratings. Varying them a little, each comes out best: "
            f"{chances}."
        )
    lead = result.winner
    runner = result.runner_up
    assert runner is not None
    gap = result.scores[lead] - result.scores[runner]
    carriers = [label(cid) for cid in carrying_criteria(result)]
    first = (
        f"{name(lead)} comes out ahead of {name(runner)} by {gap:.1f} points out of 10, "
        f"carried mostly by {_join_words(carriers)}."
    )
    probability = result.probability_best[lead]
    if probability >= 0.9:
        verdict = "The answer is robust"
    elif probability >= 0.7:
        verdict = "The answer is fairly robust"
    else:
        verdict = "It is a close call"
    varied = ["your weights"]
    if result.rating_noise:
        varied.append("ratings")
    if result.path_outcomes:
        varied.append("earnings forecasts")
    around = varied[0] if len(varied) == 1 else ", ".join(varied[:-1]) + " and " + varied[-1]
    second = f"{verdict}: it is best in {share_text(probability)} of draws close to {around}"
    bound = tightest_bound(result)
    if bound is None:
        second += ", and no change to a single weight would overturn it."
    else:
        cid, share, limit = bound
        direction = "rose" if limit > share else "fell"
        second += (
            f", and it would stay ahead unless the weight on {label(cid)} {direction} from "
            f"{share_text(share)} to {share_text(limit)} of the total."
        )
    return f"{first} {second}"
