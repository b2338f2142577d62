"""The terminal report's side-by-side table stays readable with long position names."""

from __future__ import annotations

import dataclasses

from offer_eval.core.evaluate import evaluate
from offer_eval.persistence.examples import demo_scenario
from offer_eval.present.report import HEADER_WIDTH, render_text

LONG = "Research Engineer at a large lab in Cambridge"


def _table_head(text: str) -> list[str]:
    lines = text.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("-----"))
    return lines[rule - 2 : rule + 1]


def test_a_long_name_takes_two_header_lines_and_keeps_every_word() -> None:
    scenario = demo_scenario()
    renamed = dataclasses.replace(scenario.offers[0], name=LONG)
    scenario = scenario.replace(offers=(renamed, *scenario.offers[1:]))
    text = render_text(evaluate(scenario, resolution="interactive"))
    top, bottom, rule = _table_head(text)
    assert "Research Engineer at a" in top and "large lab in Cambridge" in bottom
    assert "Geophysicist" in top and "(current job)" in bottom
    assert len(rule) < len(LONG) * 4  # a column as wide as its figures, not the whole name
    base = next(line for line in text.splitlines() if line.strip().startswith("Base salary"))
    assert len(base) <= len(rule)


def test_names_that_fit_stay_on_one_line() -> None:
    scenario = demo_scenario()
    short = [
        dataclasses.replace(position, name=f"Job {number}")
        for number, position in enumerate(scenario.positions)
    ]
    scenario = scenario.replace(current=short[0], offers=tuple(short[1:]))
    lines = render_text(evaluate(scenario, resolution="interactive")).splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("-----"))
    assert "Job 0" in lines[rule - 1] and "Job 0" not in lines[rule - 2]
    assert all(len(f"Job {n}") <= HEADER_WIDTH for n in range(3))
