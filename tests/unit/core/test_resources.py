"""Where the shipped data is found, and that finding it costs every start-up next to nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from offer_eval.core.resources import resource, resource_root

ROOT = Path(__file__).resolve().parents[3]


def test_the_source_tree_resources_are_found() -> None:
    assert resource_root() == ROOT / "resources"
    assert resource("examples", "demo.offers.json").is_file()


def test_finding_the_resources_loads_no_import_machinery() -> None:
    """A package installed as files is looked at directly: `importlib.resources`' readers (three
    modules, milliseconds of a start-up) are for packages inside an archive."""
    code = (
        "import json, sys; from offer_eval.core.resources import resource_root; "
        "before = set(sys.modules); resource_root(); "
        "print(json.dumps(sorted(set(sys.modules) - before)))"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.splitlines()[-1]) == []
