"""Times of day said in one utterance, and the minutes between them.

"It started at ten past three and it's gone half past" says a cramp of twenty minutes;
"세 시 조금 넘어서 시작했는데 세 시 반인데도 그대로예요" one of thirty. The words are each
language's data (``[durations.clock]``); two ways of saying a time are read here: English
"ten past three", "quarter to", "half two", "3:20", "at three"; and an hour word after a
number ("세 시", "3시 반", "두 시 십 분").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

STEPS = {5, 10, 20, 25}
"""Minutes said before "past" or "to" ("ten past three"): "two to three minutes" is no time."""
LONGEST_MIN = 180
"""Two times further apart than this are two events, not one cramp."""


@dataclass(frozen=True)
class Time:
    hour: int | None
    """1-12, or ``None`` when left to the other time ("it's gone half past")."""
    minute: int
    start: int
    end: int
    """Where it was said: words[start:end]."""


class Clock:
    """One language's ways of saying a time of day, compiled once."""

    def __init__(self, numbers: dict[str, float], spec: dict[str, Any]):
        self.numbers = numbers
        self.past = set(spec.get("past", []))
        self.to = set(spec.get("to", []))
        self.half = spec.get("half", "")
        self.quarter = spec.get("quarter", "")
        self.marks = tuple(spec.get("hour_marks", []))
        self.lead = set(spec.get("before_time", []))
        self.follow = set(spec.get("after_time", []))
        self.units = set(spec.get("units_after", []))
        self.hour_units = tuple(spec.get("hour_units", []))
        self.not_hour = tuple(spec.get("not_hour_units", []))
        self.minute_units = tuple(spec.get("minute_units", []))

    def times(self, words: Sequence[str]) -> list[Time]:
        """Each time of day said, in the order said."""
        if self.hour_units:
            return self._after_number(words)
        if self.past or self.to or self.lead:
            return self._spoken(words)
        return []

    def minutes_between(self, words: Sequence[str]) -> float | None:
        """Minutes between the first and the last time said (either way round), or ``None``."""
        times = self.times(words)
        if len(times) < 2:
            return None
        a, b = times[0], times[-1]
        h1 = a.hour if a.hour is not None else b.hour if b.hour is not None else 0
        h2 = b.hour if b.hour is not None else h1
        d = abs((h2 * 60 + b.minute) - (h1 * 60 + a.minute)) % 720
        d = min(d, 720 - d)
        return float(d) if 0 < d <= LONGEST_MIN else None

    # -- numbers --------------------------------------------------------------------------
    def _number(self, words: Sequence[str], i: int) -> tuple[float, int] | None:
        """A number said at ``i`` in one or two words: (value, words used)."""
        for k in (2, 1):
            if i + k <= len(words) and (said := " ".join(words[i:i + k])) in self.numbers:
                return self.numbers[said], k
        if i < len(words) and words[i].isdigit() and len(words[i]) <= 2:  # "05"
            return float(int(words[i])), 1
        return None

    def _hour(self, words: Sequence[str], i: int) -> tuple[int, int] | None:
        """An hour (1-12) said at ``i``, "3am" included: (hour, words used)."""
        n = self._number(words, i)
        if n and n[0] == int(n[0]) and 1 <= n[0] <= 12:
            return int(n[0]), n[1]
        word = words[i] if i < len(words) else ""
        for mark in self.marks:
            if word.endswith(mark) and (v := self.numbers.get(word[:-len(mark)])) \
                    and v == int(v) and 1 <= v <= 12:
                return int(v), 1
        return None

    # -- "ten past three", "quarter to", "half two", "at three", "3:20" ---------------------
    def _spoken(self, words: Sequence[str]) -> list[Time]:
        out: list[Time] = []
        i = 0
        while i < len(words):
            got = self._relative(words, i) or self._after_lead(words, i)
            if got is None:
                i += 1
                continue
            out.append(got)
            i = max(got.end, i + 1)
        return out

    def _relative(self, words: Sequence[str], i: int) -> Time | None:
        """ "ten past three", "twenty minutes to four", "half past", "a quarter to"."""
        minute, k = None, 0
        if words[i] == self.half:
            minute, k = 30, 1
        elif words[i] == self.quarter:
            minute, k = 15, 1
        elif words[i] == "a" and i + 1 < len(words) and words[i + 1] == self.quarter:
            minute, k = 15, 2
        elif (n := self._number(words, i)) and n[0] in STEPS:
            minute, k = int(n[0]), n[1]
            if i + k < len(words) and words[i + k] in self.units:  # "ten minutes past"
                k += 1
        j = i + k
        if minute is None or j >= len(words) or words[j] not in self.past | self.to:
            return None
        hour = self._hour(words, j + 1)
        if hour and j + 1 + hour[1] < len(words) and words[j + 1 + hour[1]] in self.units:
            hour = None  # "five to ten minutes"
        end = j + 1 + (hour[1] if hour else 0)
        if words[j] in self.past:
            return Time(hour[0] if hour else None, minute, i, end)
        if minute == 30:
            return None
        if hour:
            return Time((hour[0] - 2) % 12 + 1, 60 - minute, i, end)
        # "quarter to", its hour left to the other time said
        return Time(None, 60 - minute, i, end) if words[i] in (self.quarter, "a") else None

    def _after_lead(self, words: Sequence[str], i: int) -> Time | None:
        """After "at", "since", "it's now": "three", "3am", "half two", "2 40", "3:20"."""
        if i == 0 or words[i - 1] not in self.lead:
            return None
        if words[i] == self.half and (hour := self._hour(words, i + 1)):  # "since half two"
            return Time(hour[0], 30, i, i + 1 + hour[1])
        hour = self._hour(words, i)
        if hour is None:
            return None
        j = i + hour[1]
        nxt = words[j] if j < len(words) else None
        if nxt == "," and j + 1 < len(words) and len(words[j + 1]) == 2 \
                and words[j + 1].isdigit() and int(words[j + 1]) < 60:
            return Time(hour[0], int(words[j + 1]), i, j + 2)  # "3:20"
        if nxt is not None and nxt in self.marks:
            return Time(hour[0], 0, i, j + 1)
        minute = self._number(words, j) if nxt is not None else None
        if minute and minute[0] == int(minute[0]) and 0 <= minute[0] <= 59 and (
                j + minute[1] >= len(words) or words[j + minute[1]] not in self.units):
            return Time(hour[0], int(minute[0]), i, j + minute[1])  # "two forty"
        if nxt is None or nxt in self.follow:
            return Time(hour[0], 0, i, j)
        return None

    # -- "세 시 반", "3시", "두 시 십 분" ---------------------------------------------------------
    def _after_number(self, words: Sequence[str]) -> list[Time]:
        out = []
        for i in range(len(words)):
            hour, rest = self._hour_word(words, i)
            if hour is None:
                continue
            end, minute = i + 1, 0
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if rest.startswith(self.half) or nxt.startswith(self.half):
                minute, end = 30, i + 1 + (not rest.startswith(self.half))
            elif (n := self._number(words, i + 1)) and i + 1 + n[1] < len(words) \
                    and words[i + 1 + n[1]].startswith(self.minute_units):
                minute, end = int(n[0]), i + 2 + n[1]  # "십 분"
            else:
                for k in range(1, len(nxt)):  # "십분", "40분"
                    if nxt[:k] in self.numbers and nxt[k:].startswith(self.minute_units):
                        minute, end = int(self.numbers[nxt[:k]]), i + 2
                        break
            out.append(Time(hour, minute, i, end))
        return out

    def _hour_word(self, words: Sequence[str], i: int) -> tuple[int | None, str]:
        """The hour told by ``words[i]`` ("시" after "세", or "3시…" glued), and the rest."""
        word = words[i]
        for unit in self.hour_units:
            if word.startswith(self.not_hour):
                return None, ""
            if word.startswith(unit):
                hour = self._hour(words, i - 1) if i > 0 else None
                return (hour[0], word[len(unit):]) if hour and hour[1] == 1 else (None, "")
            for k in range(1, len(word)):
                rest = word[k:]
                if word[:k] in self.numbers and rest.startswith(unit) \
                        and not rest.startswith(self.not_hour):
                    v = self.numbers[word[:k]]
                    if v == int(v) and 1 <= v <= 12:
                        return int(v), rest[len(unit):]
        return None, ""
