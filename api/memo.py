"""A small per-process LRU of immutable bytes, bounded by total size (used for stored report JSON).

Why it is safe for reports: a report's Redis key is its text hash plus the scorer version, and the
scorer is deterministic for a version, so the bytes under one key never change meaning. Keeping hot
ones in the worker saves a Redis round trip, which on a busy machine costs more than the rest of
the request (bench/api.py measures both with and without this cache).
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class BytesLRU:
    """Least-recently-used mapping of str -> bytes holding at most ``max_bytes`` of values."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        """The value, marked as recently used; None if absent."""
        if self.max_bytes <= 0:
            return None
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: bytes) -> None:
        """Store ``value``; values larger than a quarter of the budget are not kept."""
        if len(value) > self.max_bytes // 4:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._items[key] = value
            self._size += len(value)
            while self._size > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._size -= len(evicted)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size(self) -> int:
        """Total bytes held."""
        return self._size
