"""Properties of the workbook: any valid scenario survives export and import unchanged, and any
text survives the cell escaping."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from offer_eval.core.evaluate import evaluate
from offer_eval.core.models import Scenario, Simulation
from offer_eval.persistence.excel import read_workbook_bytes, workbook_bytes
from offer_eval.persistence.excel._text import MAX_CELL_TEXT, decode_text, encode_text
from tests.strategies import scenarios


def _few_paths(scenario: Scenario, paths: int, months: int) -> Scenario:
    """`scenario` simulating a few hundred paths: the workbook has every sheet and every column
    either way, and the simulation (10,000 paths by default) would otherwise dominate the time
    of each example."""
    return scenario.replace(
        simulation=Simulation(paths=paths, months=months, seed=scenario.simulation.seed)
    )


cheap_scenarios = st.builds(_few_paths, scenarios(), st.integers(100, 400), st.integers(36, 60))


@given(cheap_scenarios)
def test_export_then_import_is_the_identity(scenario: Scenario) -> None:
    assert read_workbook_bytes(workbook_bytes(evaluate(scenario))) == scenario


@given(st.text(alphabet=st.characters(), max_size=200))
def test_cell_text_escaping_round_trips_any_text(text: str) -> None:
    encoded = encode_text(text)
    assert decode_text(encoded) == text
    assert "\r" not in encoded and not any(ord(c) < 0x20 and c not in "\t\n" for c in encoded)
    assert len(encoded) <= MAX_CELL_TEXT


@given(st.text(alphabet="_x0123456789aAfF", max_size=60))
def test_literal_escape_sequences_in_text_are_kept_literally(text: str) -> None:
    assert decode_text(encode_text(text)) == text
