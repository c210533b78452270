"""Typed facts the plugins of one conversation share, keyed by their class.

The engine only keeps them; it knows nothing of what they mean. A plugin that publishes a
fact defines a frozen dataclass for it and documents it; a plugin that reads it imports that
class and asks for it: ``convo.facts.get(HealthProfile)`` is a ``HealthProfile`` or ``None``,
never a guess at a dictionary key. One value per class: publishing again replaces it.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


class Facts:
    """The facts of one conversation."""

    def __init__(self) -> None:
        self._by_kind: dict[type, object] = {}

    def put(self, fact: object) -> None:
        """Publish ``fact`` (replacing any earlier fact of the same class)."""
        self._by_kind[type(fact)] = fact

    def get(self, kind: type[T]) -> T | None:
        """The fact of class ``kind``, or ``None`` if no plugin published one."""
        fact = self._by_kind.get(kind)
        return fact if isinstance(fact, kind) else None

    def __repr__(self) -> str:
        return f"Facts({list(self._by_kind.values())!r})"
