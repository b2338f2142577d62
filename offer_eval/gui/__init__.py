"""The desktop interface: main window, panels, charts, item models and undo commands (PySide6).

Importing it first tames PySide6's import hook (see `module_sources`): every module the window
imports after this keeps its answer from the hook but not its source lines in memory.
"""

import PySide6.QtCore  # noqa: F401  (loads PySide6's import hook, so it can be tamed here)

from offer_eval.gui.module_sources import forget_module_sources

forget_module_sources()
