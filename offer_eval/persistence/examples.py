"""The scenarios shipped with the app: the built-in demo and the worked examples."""

from __future__ import annotations

from offer_eval.core.models import Scenario
from offer_eval.core.resources import resource
from offer_eval.persistence.document import loads

DEMO_FILE = "demo.offers.json"
EXAMPLE_FILES = ("demo.offers.json", "phd-stipend.offers.json")


def example(name: str) -> Scenario:
    """A shipped example scenario by file name."""
    entry = resource("examples", name)
    return loads(entry.read_bytes(), source=f"<built-in {name}>")


def demo_scenario() -> Scenario:
    """The built-in demo: a geophysicist weighing two offers in machine learning."""
    return example(DEMO_FILE)
