"""What the journal shows, for the morning summary and the doctor's report.

The rules that suggest seeing a doctor come from the content brief (section 4). No
frequency threshold is validated; these are design choices, stated as such in the report:
cramps on most nights (8 or more of the last 14), three or more in one night, a cramp over
ten minutes, or a worrying symptom reported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from .store import Journal, parse_time

LONG_CRAMP_S = 600
MOST_NIGHTS = (8, 14)
SEVERAL_A_NIGHT = 3


def night_of(when: datetime, night_end: time) -> date:
    """The night an episode belongs to, named by the date it began (03:10 → yesterday)."""
    local = when.astimezone()
    return (local - timedelta(days=1)).date() if local.time() < night_end else local.date()


def parse_hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class Stats:
    """The measures trials report: cramps per week, nights with cramps, severity, duration."""

    days: int
    cramps: int
    nights_with_cramps: int
    per_week: float
    mean_severity: float | None
    mean_duration_s: float | None
    per_night: dict[date, int]
    by_side: Counter[str]
    by_muscle: Counter[str]


def stats(episodes: list[dict[str, Any]], first: date, last: date, night_end: time) -> Stats:
    per_night = {first + timedelta(days=i): 0 for i in range((last - first).days + 1)}
    for e in episodes:
        n = night_of(parse_time(e["started_at"]), night_end)
        if n in per_night:
            per_night[n] += 1
    days = len(per_night)
    sev = [e["severity"] for e in episodes if e["severity"] is not None]
    dur = [e["duration_s"] for e in episodes if e["duration_s"] is not None]
    return Stats(
        days=days,
        cramps=len(episodes),
        nights_with_cramps=sum(1 for c in per_night.values() if c),
        per_week=round(len(episodes) * 7 / days, 1) if days else 0.0,
        mean_severity=round(sum(sev) / len(sev), 1) if sev else None,
        mean_duration_s=round(sum(dur) / len(dur)) if dur else None,
        per_night=per_night,
        by_side=Counter(e["side"] or "not said" for e in episodes),
        by_muscle=Counter(e["muscle"] or "not said" for e in episodes),
    )


def doctor_rules(journal: Journal, now: datetime, night_end: time) -> list[str]:
    """Which of the see-a-doctor rules hold now (ids; the words are language data)."""
    since = now - timedelta(days=MOST_NIGHTS[1])
    eps = journal.episodes(since=since)
    held = []
    nights = Counter(night_of(parse_time(e["started_at"]), night_end) for e in eps)
    if len(nights) >= MOST_NIGHTS[0]:
        held.append("most_nights")
    if any(c >= SEVERAL_A_NIGHT for c in nights.values()):
        held.append("several_a_night")
    long = [e for e in eps if (e["duration_s"] or 0) > LONG_CRAMP_S]
    # Same-day advice is for last night's long cramp; an older one is a routine mention.
    if any(parse_time(e["started_at"]) >= now - URGENT_LATELY for e in long):
        held.append("long_cramp_lately")
    elif long:
        held.append("long_cramp")
    reported = journal.symptoms(since=since)
    # A red flag of last night is said at its own tier, first; never softened to "mention it".
    urgent = _urgent_among(reported, now)
    medicine = [r for r in reported if _only_medicine(str(r["symptom"]))]
    if urgent:
        held.insert(0, f"symptom_{urgent}")
    elif len(medicine) < len(reported):
        held.append("symptom")
    if medicine and not urgent:
        held.append("medicine")  # cramps since a new medicine: for the prescriber, no symptom
    return held


def urgent_lately(journal: Journal, now: datetime) -> str | None:
    """The tier of a red flag reported within :data:`URGENT_LATELY` that needs a doctor today
    or sooner (``"emergency"``, ``"same_day"``), else ``None``."""
    return _urgent_among(journal.symptoms(since=now - URGENT_LATELY), now)


def _urgent_among(reported: list[dict], now: datetime) -> str | None:
    lately = {r["tier"] for r in reported if parse_time(r["reported_at"]) >= now - URGENT_LATELY}
    return next((t for t in ("emergency", "same_day") if t in lately), None)


def _only_medicine(reported: str) -> bool:
    """A report whose only finding is a new medicine ("cramps since my new pills [new_medicine]",
    as the safety plugin keeps it): never to be called a worrying symptom."""
    words, _, found = reported.rstrip("]").rpartition(" [")
    return bool(words) and {c.strip() for c in found.split(",")} <= MEDICINE_FINDINGS


URGENT_LATELY = timedelta(hours=36)
"""How far back an emergency or same-day red flag counts as last night's, for the summary."""
URGENT_RULES = ("symptom_emergency", "symptom_same_day")
MEDICINE_FINDINGS = frozenset({"new_medicine"})
"""Screen findings that are about a medicine, not a symptom."""
