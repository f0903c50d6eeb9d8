"""Disjoint sets, for the stages that join things pair by pair into groups (entity names, quotes)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    """Each key starts in a set of its own; `union` joins two keys' sets, `find` names a key's set."""

    def __init__(self, keys: Iterable[K]):
        self.parent: dict[K, K] = {key: key for key in keys}

    def find(self, key: K) -> K:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]  # (halving the path makes later finds quicker)
            key = self.parent[key]
        return key

    def add(self, key: K) -> None:
        """A key not held yet, in a set of its own (for sets joined as their keys are met)."""
        self.parent.setdefault(key, key)

    def same(self, first: K, second: K) -> bool:
        """Whether two keys are in one set (a key never added is in none)."""
        return first in self.parent and second in self.parent and self.find(first) == self.find(second)

    def union(self, into: K, other: K) -> None:
        """Join `other`'s set to `into`'s; `into`'s name stays the set's name."""
        self.parent[self.find(other)] = self.find(into)
