"""Typed settings over QSettings: user preferences apart from window state (geometry, recent files).

Each option is declared once with its key, type and default (Picard's pattern), so a bad or
missing stored value falls back to the default instead of breaking the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION: Final = "offer-eval"
APPLICATION: Final = "offer-eval"
MAX_RECENT: Final = 8

T = TypeVar("T", bool, int, str)


def open_settings() -> QSettings:
    """The app's settings store (an INI file under the user's config folder on Linux)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


@dataclass(frozen=True, slots=True)
class Option(Generic[T]):
    """One stored preference: where it lives, its type and what to use when it is missing."""

    key: str
    default: T
    choices: tuple[T, ...] = ()

    def read(self, store: QSettings) -> T:
        raw = store.value(self.key, self.default)
        kind = type(self.default)
        value: Any
        try:
            if kind is bool:
                value = raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
            else:
                value = kind(str(raw))
        except (TypeError, ValueError):
            return self.default
        if self.choices and value not in self.choices:
            return self.default
        return value  # type: ignore[no-any-return]

    def write(self, store: QSettings, value: T) -> None:
        store.setValue(self.key, value)


class Preferences:
    """What the user chose about how things are shown and kept."""

    CHART_BASIS: Final = Option("preferences/chart_basis", "gross", ("gross", "net"))
    CHART_PERIOD: Final = Option("preferences/chart_period", "year1", ("year1", "average"))
    AUTOSAVE_SECONDS: Final = Option("preferences/autosave_seconds", 30)

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else open_settings()

    @property
    def chart_basis(self) -> str:
        """Compensation chart: "gross" pay or "net" take-home."""
        return self.CHART_BASIS.read(self._store)

    @chart_basis.setter
    def chart_basis(self, value: str) -> None:
        self.CHART_BASIS.write(self._store, value)

    @property
    def chart_period(self) -> str:
        """Compensation chart: "year1" or the 4-year "average"."""
        return self.CHART_PERIOD.read(self._store)

    @chart_period.setter
    def chart_period(self, value: str) -> None:
        self.CHART_PERIOD.write(self._store, value)

    @property
    def autosave_seconds(self) -> int:
        """How often unsaved work is autosaved (at least every 5 seconds, at most hourly)."""
        return max(5, min(3600, self.AUTOSAVE_SECONDS.read(self._store)))


class WindowState:
    """Where the window was and what it showed: geometry, docks, splitters, recent files."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else open_settings()

    def bytes_value(self, key: str) -> QByteArray | None:
        """A saved geometry or state blob, or None."""
        raw = self._store.value(f"window/{key}")
        return raw if isinstance(raw, QByteArray) and not raw.isEmpty() else None

    def set_bytes_value(self, key: str, value: QByteArray) -> None:
        self._store.setValue(f"window/{key}", value)

    @property
    def recent_files(self) -> list[Path]:
        """Recently opened or saved files, newest first."""
        raw: Any = self._store.value("window/recent_files", [])
        items = [raw] if isinstance(raw, str) else list(raw or [])
        return [Path(str(item)) for item in items if str(item)][:MAX_RECENT]

    def add_recent_file(self, path: Path) -> None:
        resolved = path.resolve()
        items = [resolved, *(p for p in self.recent_files if p != resolved)][:MAX_RECENT]
        self._store.setValue("window/recent_files", [str(p) for p in items])

    def remove_recent_file(self, path: Path) -> None:
        items = [p for p in self.recent_files if p != path]
        self._store.setValue("window/recent_files", [str(p) for p in items])

    def clear_recent_files(self) -> None:
        self._store.setValue("window/recent_files", [])

    @property
    def last_directory(self) -> str:
        """The folder the last file dialog was in."""
        return str(self._store.value("window/last_directory", "") or "")

    @last_directory.setter
    def last_directory(self, value: str) -> None:
        self._store.setValue("window/last_directory", value)

    def sync(self) -> None:
        self._store.sync()
