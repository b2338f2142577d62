"""Where a salary sits against a benchmark, and the benchmark rows this version ships."""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

from offer_eval.core.models import Benchmark
from offer_eval.core.resources import read_json_resource, resource


@dataclass(frozen=True, slots=True)
class BenchmarkPosition:
    """A salary against a benchmark: percentile 0-100 (None outside the known points) and a note."""

    percentile: float | None
    note: str


def percentile_of(salary: float, benchmark: Benchmark) -> BenchmarkPosition:
    """Percentile of `salary`, linear in log salary between the benchmark's known points.

    Outside the outermost points, or when only one point is known, no percentile can be read off
    honestly, so it is None and the note says above or below which point.
    """
    points = benchmark.points()
    labels = {
        10.0: "10th percentile",
        25.0: "25th percentile",
        50.0: "median",
        75.0: "75th percentile",
        90.0: "90th percentile",
    }
    for level, value in points:
        if math.isclose(salary, value, rel_tol=0, abs_tol=0.005):
            return BenchmarkPosition(level, f"at the {labels[level]}")
    low_level, low_value = points[0]
    high_level, high_value = points[-1]
    if salary < low_value:
        return BenchmarkPosition(None, f"below the {labels[low_level]} (£{low_value:,.0f})")
    if salary > high_value:
        return BenchmarkPosition(None, f"above the {labels[high_level]} (£{high_value:,.0f})")
    for (level_a, value_a), (level_b, value_b) in itertools.pairwise(points):
        if value_a <= salary <= value_b:
            if value_b == value_a:
                return BenchmarkPosition(level_a, f"at the {labels[level_a]}")
            share = (math.log(salary) - math.log(value_a)) / (math.log(value_b) - math.log(value_a))
            level = level_a + share * (level_b - level_a)
            return BenchmarkPosition(
                level, f"between the {labels[level_a]} and the {labels[level_b]}"
            )
    raise AssertionError("unreachable: salary lies within the known points")


@functools.cache
def shipped_benchmarks() -> tuple[Benchmark, ...]:
    """Every sourced benchmark row in ``resources/benchmarks/``, for users to pick from."""
    rows: list[Benchmark] = []
    for entry in sorted(resource("benchmarks").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            for row in read_json_resource("benchmarks", entry.name)["benchmarks"]:
                rows.append(Benchmark(**row))
    return tuple(rows)


def median_estimate(benchmark: Benchmark) -> float | None:
    """The benchmark's median (GBP a year) as every figure compared with "the median" reads it.

    The rule: the stored median when there is one; otherwise interpolate linearly in log salary
    between the nearest known percentiles on either side of the 50th (for p25 and p75 alone,
    their geometric mean); otherwise (every known point on one side of the 50th) None, because
    reading a median off points that do not surround it would be a guess. The pay table's
    "vs median", the decision score's money anchors and the job-search simulation's market level
    all take the median from here, so they never disagree.
    """
    if benchmark.median is not None:
        return float(benchmark.median)
    points = benchmark.points()
    below = [(level, value) for level, value in points if level < 50.0]
    above = [(level, value) for level, value in points if level > 50.0]
    if not below or not above:
        return None
    (level_a, value_a), (level_b, value_b) = below[-1], above[0]
    share = (50.0 - level_a) / (level_b - level_a)
    return math.exp(math.log(value_a) + share * (math.log(value_b) - math.log(value_a)))
