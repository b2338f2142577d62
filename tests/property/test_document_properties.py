"""Documents survive a save and load unchanged, and hostile bytes only ever give DocumentError."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from offer_eval.core.models import Scenario
from offer_eval.persistence.document import DocumentError, dumps, loads
from offer_eval.persistence.examples import demo_scenario
from tests.strategies import scenarios

MORE_EXAMPLES = max(1_000, settings().max_examples)


@given(scenarios())
def test_load_of_save_is_identity(scenario: Scenario) -> None:
    assert loads(dumps(scenario)) == scenario


@settings(max_examples=MORE_EXAMPLES)
@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_only_raise_document_error(data: bytes) -> None:
    with contextlib.suppress(DocumentError):
        loads(data)


_DEMO = json.loads(dumps(demo_scenario()))
# The demo as version 1 wrote it: the migration runs on damaged old files too.
_DEMO_V1 = json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "v1" / "demo.offers.json").read_bytes()
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def damaged_demos(draw: st.DrawFn) -> bytes:
    """The demo (as now or as version 1) with one value somewhere replaced by any JSON value."""
    body = json.loads(json.dumps(draw(st.sampled_from([_DEMO, _DEMO_V1]))))
    node = body
    while True:
        keys = list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict | list) and child and draw(st.booleans()):
            node = child
            continue
        node[key] = draw(json_values)
        break
    return json.dumps(body, allow_nan=True).encode()


@settings(max_examples=MORE_EXAMPLES)
@given(damaged_demos())
def test_damaged_documents_only_raise_document_error(data: bytes) -> None:
    try:
        loads(data)
    except DocumentError as error:
        assert error.path
        assert error.rule
