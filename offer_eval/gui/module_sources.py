"""PySide6 reads the source of every module imported after it, and `linecache` keeps it all.

From 6.4 on (PYSIDE-2029), PySide6 decides for each newly imported module whether its
`__feature__` switches apply there by searching the module's source for "PySide6". It reads the
source with `inspect.getsource`, which goes through `linecache`, and linecache keeps every line
of every file it reads until the process ends. The window imports some 630 modules (its own,
numpy's, pyqtgraph's, openpyxl's, the standard library's): 236,000 lines held for nothing, and
the window's peak memory with them was 20 MB higher (287 against 267 MB, tests/perf/bench_gui.py;
the budget is 300 MB, DESIGN 7).

`forget_module_sources` keeps PySide6's check and its answers as they are and drops only the lines
the check leaves behind. A traceback that needs them reads them again from the file.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

_WRAPPED = "_offer_eval_forgets_sources"  # marks the check once it is wrapped (wrap it once)


def _forget_after(check: Callable[[ModuleType], Any]) -> Callable[[ModuleType], Any]:
    """`check`, dropping the files it read into linecache once it has its answer."""

    def uses_pyside(module: ModuleType) -> Any:
        known = len(linecache.cache)  # entries are added at the end (dicts keep their order)
        try:
            return check(module)
        finally:
            if len(linecache.cache) > known:
                for name in list(linecache.cache)[known:]:
                    linecache.cache.pop(name, None)

    setattr(uses_pyside, _WRAPPED, True)
    return uses_pyside


def forget_module_sources() -> None:
    """Stop PySide6's import check from keeping module sources, and drop those it kept already.

    Does nothing where PySide6 has no such check (an older or newer PySide6 without it): the
    check's name is PySide6's own, so this follows it where it is and leaves it alone otherwise.
    """
    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(check):
        return
    if not getattr(check, _WRAPPED, False):
        feature._mod_uses_pyside = _forget_after(check)  # type: ignore[attr-defined]
    # The modules imported between PySide6 and this call: their sources are in linecache now.
    for module in list(sys.modules.values()):
        name = getattr(module, "__file__", None)
        if isinstance(name, str):
            linecache.cache.pop(name, None)
