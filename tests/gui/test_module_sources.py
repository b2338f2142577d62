"""PySide6's import hook still tells modules that use it from those that do not, and the sources
it reads to tell them apart do not stay in memory (`offer_eval.gui.module_sources`)."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest

import offer_eval.gui  # noqa: F401  (tames the hook, as the window's first import does)
from offer_eval.gui.module_sources import forget_module_sources


def _feature_of(name: str) -> int:
    """PySide6's answer for module `name`: 0 = may switch features, -1 = ignored."""
    answers: dict[str, int] = sys.modules["shibokensupport.feature"].pyside_feature_dict
    return answers[name]


def test_imported_modules_keep_the_hooks_answer_but_not_their_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "offer_eval_probe_qt.py").write_text('USES = "PySide6.QtCore"\n', encoding="utf-8")
    (tmp_path / "offer_eval_probe_plain.py").write_text("USES = None\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    feature = sys.modules["shibokensupport.feature"]
    wrapped = feature._mod_uses_pyside
    forget_module_sources()  # a second call leaves it wrapped once
    assert feature._mod_uses_pyside is wrapped
    try:
        # `import` goes through the hook (builtins.__import__); importlib.import_module would not.
        __import__("offer_eval_probe_qt")
        __import__("offer_eval_probe_plain")
        assert _feature_of("offer_eval_probe_qt") == 0
        assert _feature_of("offer_eval_probe_plain") == -1
        kept = [name for name in linecache.cache if name.startswith(str(tmp_path))]
        assert kept == []
        # A traceback still finds the lines: linecache reads them again from the file.
        assert linecache.getline(str(tmp_path / "offer_eval_probe_qt.py"), 1).startswith("USES")
    finally:
        for name in ("offer_eval_probe_qt", "offer_eval_probe_plain"):
            sys.modules.pop(name, None)
