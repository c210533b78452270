"""Time, injected: the monotonic clock paces holds, the wall clock stamps the journal."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What the dialogue and the plugins ask of time."""

    def monotonic(self) -> float:
        """Seconds that only move forward; holds and timers use these."""
        ...

    def now(self) -> datetime:
        """The timezone-aware local wall-clock time; the journal uses this."""
        ...


def local_now() -> datetime:
    """The machine's wall-clock time, timezone-aware (what the journal stamps)."""
    return datetime.now().astimezone()


class SystemClock:
    """The machine's clocks."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return local_now()


class ManualClock:
    """A clock that moves only when told to: for tests and ``--time-scale 0``."""

    def __init__(self, start: datetime | None = None):
        self._mono = 1000.0
        self._wall = start or datetime(2026, 1, 1, 3, 0).astimezone()

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)
