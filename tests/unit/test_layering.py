"""DESIGN section 3: imports point inward (app/cli -> gui -> persistence -> core), and the
domain and file layers load no Qt, checked in a fresh interpreter."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "offer_eval"
# present/ holds the words and sits just above core, so the workbook and CSV writers in
# persistence/ can render from it; editing/ builds on both.
LAYER_ORDER = {"core": 0, "present": 1, "persistence": 2, "editing": 3, "gui": 4}
FORBIDDEN_BELOW_GUI = ("PySide6", "pyqtgraph", "shiboken6")


def _modules(layer: str) -> list[str]:
    return sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (PACKAGE / layer).rglob("*.py")
    )


def test_core_and_persistence_load_no_qt_in_a_fresh_interpreter() -> None:
    modules = _modules("core") + _modules("present") + _modules("persistence") + _modules("editing")
    assert len(modules) >= 10, modules
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{list(FORBIDDEN_BELOW_GUI)!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_core_does_not_load_pandas_or_openpyxl() -> None:
    """The domain is numpy only; spreadsheet libraries are costly to import and belong to persistence."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {_modules('core')!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'openpyxl'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def test_imports_point_inward_only() -> None:
    violations = []
    checked = 0
    for layer, rank in LAYER_ORDER.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for imported in _imports(path):
                checked += 1
                parts = imported.split(".")
                if parts[0] in FORBIDDEN_BELOW_GUI and rank < LAYER_ORDER["gui"]:
                    violations.append(f"{path.relative_to(ROOT)} imports {imported}")
                if parts[0] != "offer_eval" or len(parts) < 2:
                    continue
                target = parts[1]
                if target in ("cli", "app"):
                    violations.append(
                        f"{path.relative_to(ROOT)} imports the entry point {imported}"
                    )
                elif target in LAYER_ORDER and LAYER_ORDER[target] > rank:
                    violations.append(
                        f"{path.relative_to(ROOT)} ({layer}) imports outward: {imported}"
                    )
    assert checked > 50
    assert violations == []
