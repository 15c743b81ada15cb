"""State changes and deletions the store could not take yet, kept in the container until it can.

A change is a `Patch` over the user's stored document (top-level keys set or removed), so it can be
replayed over whatever the store holds once it answers again, even when the store could not be read
at the time of the change. Kept in memory only, under the hashed key, for a bounded number of users
(least recently used first out): a container that is recycled loses them, as it loses everything.

A deletion (the resident disabled the skill) that failed is kept too (`PendingDeletions`): that
resident will never send another request (a re-enabled skill gets a new user id), so it is retried
by the next requests of anyone, once they have shown that the store answers again.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

CAPACITY = 1000
"""Users whose unsaved changes a container keeps at most."""


@dataclass(frozen=True)
class Patch:
    """Top-level keys to set (with their new values) and keys to remove."""

    set: dict[str, Any] = field(default_factory=dict)
    unset: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.set or self.unset)

    def apply(self, document: dict[str, Any]) -> dict[str, Any]:
        """A new document: `document` with this patch applied (neither is modified)."""
        result = {key: value for key, value in document.items() if key not in self.unset}
        result.update(copy.deepcopy(self.set))
        return result


def diff(before: dict[str, Any], after: dict[str, Any]) -> Patch:
    """The patch that turns `before` into `after`."""
    changed = {key: copy.deepcopy(value) for key, value in after.items() if key not in before or before[key] != value}
    return Patch(changed, frozenset(key for key in before if key not in after))


def unseen_diff(earlier: Patch | None, after: dict[str, Any]) -> Patch:
    """The patch to keep when the stored document could not be read: all of `after`, over anything.

    `after` started as `earlier` applied to an empty document; keys `earlier` removed, or that were
    removed since, stay removed.
    """
    previous = earlier or Patch()
    removed = (previous.unset | previous.set.keys()) - after.keys()
    return Patch(copy.deepcopy(after), frozenset(removed))


class PendingStates:
    """A bounded, thread-safe map from a user's storage key to the patch not yet written."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._patches: OrderedDict[str, Patch] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._patches)

    def get(self, key: str) -> Patch | None:
        with self._lock:
            return self._patches.get(key)

    def put(self, key: str, patch: Patch) -> None:
        with self._lock:
            self._patches[key] = patch
            self._patches.move_to_end(key)
            while len(self._patches) > self._capacity:
                self._patches.popitem(last=False)

    def discard(self, key: str) -> None:
        with self._lock:
            self._patches.pop(key, None)


class PendingDeletions:
    """A bounded, thread-safe set of storage keys whose deletion failed, oldest first."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str) -> None:
        with self._lock:
            self._keys[key] = None
            self._keys.move_to_end(key)
            while len(self._keys) > self._capacity:
                self._keys.popitem(last=False)

    def take(self) -> str | None:
        """The oldest key (removed: put it back with `add` when its deletion fails again), or None."""
        with self._lock:
            return self._keys.popitem(last=False)[0] if self._keys else None
