"""Budget: the workbook for 50 offers, given their evaluation, in at most 1 s.

Builds a 50-offer scenario from the demo (every rating criterion rated), evaluates it once with
its job-search trajectories (not timed: the app already holds its evaluation when the user
exports), then times the export: building the .xlsx and writing it the way the app does
(a temporary file, flushed and fsynced, moved into place). Prints one JSON object; exits 1 when
the median of the timed runs misses the budget.

    python tests/perf/bench_workbook.py [--offers 50] [--runs 5] [--budget 1.0]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from offer_eval.core.evaluate import evaluate  # noqa: E402
from offer_eval.core.frozen import FrozenMap  # noqa: E402
from offer_eval.core.models import Scenario  # noqa: E402
from offer_eval.persistence.examples import demo_scenario  # noqa: E402
from offer_eval.persistence.excel import workbook_bytes, write_workbook  # noqa: E402


def scenario_with_offers(count: int) -> Scenario:
    """The demo with `count` offers: varied pay and ratings, every rating criterion rated."""
    base = demo_scenario()
    rating_ids = [c.id for c in base.criteria if c.kind == "rating"]
    offers = tuple(
        dataclasses.replace(
            base.offers[index % len(base.offers)],
            id=f"offer-{index:03d}",
            name=f"Offer {index}",
            base_salary=30_000.0 + 1_250.0 * index,
            ratings=FrozenMap(
                (cid, float((index * 7 + k * 3) % 11)) for k, cid in enumerate(rating_ids)
            ),
        )
        for index in range(count)
    )
    return base.replace(offers=offers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=1.0, help="seconds")
    args = parser.parse_args(argv)

    scenario = scenario_with_offers(args.offers)
    started = time.perf_counter()
    evaluation = evaluate(scenario)  # what the app holds: trajectory included
    evaluate_seconds = time.perf_counter() - started
    workbook_bytes(evaluation)  # warm-up: imports and first-use caches are not the export
    runs = []
    size = 0
    with tempfile.TemporaryDirectory(prefix="offer-eval-bench-") as folder:
        target = Path(folder) / "comparison.xlsx"
        for _ in range(args.runs):
            started = time.perf_counter()
            # What the user waits for: the bytes built and written (atomically, fsynced).
            write_workbook(evaluation, target)
            runs.append(time.perf_counter() - started)
            size = target.stat().st_size
    median = statistics.median(runs)
    result = {
        "benchmark": "workbook",
        "offers": args.offers,
        "seconds": round(median, 4),
        "budget_seconds": args.budget,
        "ok": median <= args.budget,
        "runs": [round(r, 4) for r in runs],
        "bytes": size,
        "has_trajectory": evaluation.trajectory is not None,
        "has_decision": evaluation.decision is not None,
        "evaluate_seconds_not_timed": round(evaluate_seconds, 3),
        "python": platform.python_version(),
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
