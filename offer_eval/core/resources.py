"""The one place that finds the data shipped with the app (tax rules, benchmarks, examples)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any


@functools.cache
def resource_root() -> Traversable:
    """The `resources/` folder: inside the package when installed, beside it in a source tree.

    A package installed as files (the usual case) is looked at directly: the same folder that
    `importlib.resources` would give, without the readers it imports on first use (a few
    milliseconds of every start-up). A package inside an archive is read through them.
    """
    package = Path(__file__).parent.parent
    installed = package / "resources"
    if installed.is_dir():
        return installed
    source_tree = package.resolve().parent / "resources"
    if source_tree.is_dir():
        return source_tree
    packaged = resources.files("offer_eval") / "resources"
    if packaged.is_dir():
        return packaged
    raise FileNotFoundError(
        "offer_eval resources are missing: neither the installed package nor the source tree has them"
    )


def resource(*parts: str) -> Traversable:
    """A file or folder under `resources/`."""
    node = resource_root()
    for part in parts:
        node = node / part
    return node


def read_json_resource(*parts: str) -> Any:
    """Parse a JSON file we ship; these are trusted, so the standard library parser is enough."""
    return json.loads(resource(*parts).read_text(encoding="utf-8"))
