"""The desktop interface: main window, panels, charts, item models and undo commands (PySide6)."""
