"""Imports point inward (core <- present <- persistence <- editing <- gui <- app <- cli), no module
imports another that imports it back, the layers below the GUI load no Qt (checked in a fresh
interpreter), and no module is too long to read in one sitting (700 lines).

Every import counts: at the top of a module, inside a function, under `if TYPE_CHECKING:`, and
relative ones, because each is a dependency a reader has to follow.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "offer_eval"
QT_PACKAGES = ("PySide6", "pyqtgraph", "shiboken6")

# The rank of each top-level part of `offer_eval`: a module may import only parts of lower or
# equal rank. present/ holds the words and sits just above core, so the workbook and CSV writers
# in persistence/ can render from it; editing/ builds on both. `arguments` and `crash_log` serve
# both entry points, so they sit below both and load no Qt; `offer_eval` itself (the package's
# __init__) only holds the version.
RANKS: Mapping[str, int] = {
    "": 0,
    "core": 0,
    "present": 1,
    "persistence": 2,
    "editing": 3,
    "arguments": 3,
    "crash_log": 3,
    "gui": 4,
    "app": 5,
    "cli": 6,
    "__main__": 7,
}
GUI_RANK = RANKS["gui"]
QT_FREE = tuple(part for part, rank in RANKS.items() if part and rank < GUI_RANK)


# --- reading the imports -------------------------------------------------------------------------


def module_names(package: Path) -> dict[str, Path]:
    """Every module under `package` by dotted name (a package by its own name, not `__init__`)."""
    modules: dict[str, Path] = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def imported_names(module: str, path: Path) -> Iterator[tuple[str, list[str], int]]:
    """(absolute module, names imported from it, line) for every import statement anywhere."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                # `from . import x` in a package's __init__ means the package itself.
                anchor = module.split(".")
                if not _is_package(path):
                    anchor = anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, node.module] if node.module else anchor)
            yield base, [alias.name for alias in node.names], node.lineno


def import_graph(package: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Module -> the modules of the package it imports, and module -> every top-level name it imports.

    `from a.b import c` depends on the module `a.b.c` when there is one, else on `a.b`.
    """
    modules = module_names(package)
    edges: dict[str, set[str]] = {name: set() for name in modules}
    external: dict[str, set[str]] = {name: set() for name in modules}
    for module, path in modules.items():
        for base, names, _line in imported_names(module, path):
            external[module].add(base.split(".")[0])
            targets = [f"{base}.{name}" for name in names if f"{base}.{name}" in modules]
            if len(targets) < len(names) or not names:
                targets.append(base)
            for target in targets:
                if target in modules and target != module:
                    edges[module].add(target)
    return edges, external


def find_cycles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import each other round in a circle, as one circle through it.

    Tarjan's strongly connected components; a component of more than one module holds a circle,
    reported as a path that starts and ends at the same module.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [_circle_in(component, edges) for component in components]


def _circle_in(component: set[str], edges: Mapping[str, set[str]]) -> list[str]:
    """A shortest circle through the component's first module (breadth-first, inside it)."""
    start = min(component)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(edges[node] & component):
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    raise AssertionError(f"no circle in {sorted(component)}")


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


# --- the checks ----------------------------------------------------------------------------------


def test_imports_point_inward_only() -> None:
    edges, external = import_graph(PACKAGE)
    assert set(RANKS) >= {_part(module) for module in edges}, "a new part needs a rank here"
    violations = []
    for module, targets in sorted(edges.items()):
        rank = RANKS[_part(module)]
        for target in sorted(targets):
            if RANKS[_part(target)] > rank:
                violations.append(f"{module} ({_part(module) or 'offer_eval'}) imports {target}")
        if rank < GUI_RANK:
            violations.extend(
                f"{module} imports Qt ({name})"
                for name in sorted(external[module] & {*QT_PACKAGES})
            )
    assert sum(len(targets) for targets in edges.values()) > 200
    assert violations == []


def test_app_never_imports_the_command_line() -> None:
    edges, _external = import_graph(PACKAGE)
    assert "offer_eval.crash_log" in edges["offer_eval.app"]
    assert "offer_eval.cli" not in edges["offer_eval.app"]


def test_no_module_imports_one_that_imports_it_back() -> None:
    edges, _external = import_graph(PACKAGE)
    cycles = find_cycles(edges)
    assert cycles == [], "import circles: " + "; ".join(" -> ".join(c) for c in cycles)


MAX_MODULE_LINES = 700


def test_no_module_is_too_long_to_read_in_one_sitting() -> None:
    """A module past 700 lines holds several subjects: make it a package of modules by role."""
    lengths = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, path in module_names(PACKAGE).items()
    }
    assert len(lengths) > 50
    too_long = {name: lines for name, lines in lengths.items() if lines > MAX_MODULE_LINES}
    assert too_long == {}


def test_the_layers_below_the_gui_load_no_qt_in_a_fresh_interpreter() -> None:
    modules = sorted(
        name for name in module_names(PACKAGE) if _part(name) in QT_FREE or name == "offer_eval"
    )
    assert any(name.startswith("offer_eval.editing.") for name in modules)
    assert len(modules) >= 30, modules
    loaded = _loaded_in_fresh_interpreter(modules, QT_PACKAGES)
    assert loaded == []


def test_core_does_not_load_pandas_or_openpyxl() -> None:
    """The domain is numpy only; spreadsheet libraries are costly to import and belong to persistence."""
    core = sorted(name for name in module_names(PACKAGE) if _part(name) == "core")
    assert _loaded_in_fresh_interpreter(core, ("pandas", "openpyxl")) == []


def _loaded_in_fresh_interpreter(modules: list[str], unwanted: tuple[str, ...]) -> list[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{list(unwanted)!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


# --- the import walker finds what it must --------------------------------------------------------


def _write(root: Path, files: Mapping[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_the_walker_sees_imports_in_functions_type_checking_and_relative(tmp_path: Path) -> None:
    package = _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "def f():\n    from pkg import b\n",
            "pkg/b.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.sub.c import X\n"
            ),
            "pkg/sub/__init__.py": "from . import c\n",
            "pkg/sub/c.py": "from ..a import f\nfrom .. import b\nimport pkg.sub\n",
        },
    )
    edges, _external = import_graph(package)
    assert edges == {
        "pkg": set(),
        "pkg.a": {"pkg.b"},
        "pkg.b": {"pkg.sub.c"},
        "pkg.sub": {"pkg.sub.c"},
        "pkg.sub.c": {"pkg.a", "pkg.b", "pkg.sub"},
    }
    assert find_cycles(edges) == [["pkg.a", "pkg.b", "pkg.sub.c", "pkg.a"]]


def test_a_circle_is_reported_with_its_path() -> None:
    edges = {
        "a": {"b"},
        "b": {"c"},
        "c": {"a", "d"},
        "d": set(),
        "e": {"e"},
        "f": {"g"},
        "g": {"f"},
    }
    assert find_cycles(edges) == [["a", "b", "c", "a"], ["f", "g", "f"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []
