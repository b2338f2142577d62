"""A small least-recently-used cache for the memoised parts of `evaluate()`."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Hashed(Generic[K]):
    """A key with its hash worked out once. A hit looks the key up and moves it to the end, a
    miss looks it up and stores it: each would hash it again, and a key holding a dozen offers
    (frozen dataclasses, hashed field by field every time) takes microseconds to hash."""

    __slots__ = ("_hash", "key")

    def __init__(self, key: K) -> None:
        self.key = key
        self._hash = hash(key)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Hashed) and self.key == other.key


class Memo(Generic[K, V]):
    """A least-recently-used cache with hit and miss counts (tests read them); thread-safe.

    The GUI evaluates at full resolution in a worker while the interactive path runs on the GUI
    thread, so two threads may share one cache.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[_Hashed[K], V] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def peek(self, key: K) -> V | None:
        """The cached value, or None (counts a hit or a miss)."""
        return self._peek(_Hashed(key))

    def _peek(self, key: _Hashed[K]) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
                return None
            self.hits += 1
            self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        """Store a value, dropping the least recently used beyond the size."""
        self._put(_Hashed(key), value)

    def _put(self, key: _Hashed[K], value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The cached value for `key`, computing and storing it on a miss."""
        hashed = _Hashed(key)
        value = self._peek(hashed)
        if value is None:
            value = compute()
            self._put(hashed, value)
        return value

    def __len__(self) -> int:
        """How many values are remembered."""
        with self._lock:
            return len(self._items)

    def clear(self) -> None:
        """Forget everything (counts included)."""
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0
