"""A month of cramps like the one in issue 18: 35 episodes, a statin started mid-month, a vein
check, a red flag, a few unknown durations and one long cramp. Deterministic."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from crampcoach.plugins.journal.store import Journal
from crampcoach.plugins.profile import store as profile
from crampcoach.plugins.relief import learning
from crampcoach.plugins.veins import store as veins

STATIN_DAY = 15
"""Nights from the start of the month to the statin's first day."""
STEPS = ["sit", "pull", "towel", "stand", "walk", "massage"]


def make_month(data: Path, now: datetime, episodes: int = 35) -> date:
    """Fill ``data`` with a month ending the night before ``now``; returns the statin's start."""
    rng = random.Random(18)
    first_evening = (now - timedelta(days=30)).date()
    statin = first_evening + timedelta(days=STATIN_DAY)
    nights = sorted(rng.sample(range(30), 22))
    # More cramps after the statin: the before/after table has something to show.
    after = [n for n in nights if n >= STATIN_DAY]
    plan = sorted(nights + [after[k % len(after)] for k in range(episodes - len(nights))])
    with Journal(data) as j:
        for k, night in enumerate(plan):
            evening = datetime.combine(first_evening + timedelta(days=night),
                                       datetime.min.time()).astimezone()
            minutes = rng.choice([22 * 60 + 40, 24 * 60 + 52, 26 * 60 + 10, 27 * 60 + 30,
                                  28 * 60 + 5, 29 * 60 + 45, 30 * 60 + 15])
            start = evening + timedelta(minutes=minutes + rng.randint(0, 40))
            side = rng.choice(["left", "left", "right", "both", None])
            muscle = rng.choice(["calf", "calf", "calf", "foot", "toes", "hamstring"])
            eid = j.add(start, start, side=side, muscle=muscle, source="voice",
                        severity=rng.randint(3, 9) if k % 9 else None,
                        notes="woke me twice; leg sore all morning" if k == 4 else "")
            tried = STEPS[:rng.randint(2, len(STEPS))]
            if k % 11 == 3:
                continue  # logged by hand later: nobody measured it, the duration is unknown
            seconds = 700 if k == 20 else rng.randint(25, 240)
            over = bool(k % 7)
            j.close_episode(eid, start + timedelta(seconds=seconds),
                            "over" if over else "stopped", start, relief=tried)
            learning.record(data, learning.Outcome(
                start.isoformat(timespec="seconds"), "calf", tried[-1] if over else None,
                [(s, seconds / len(tried)) for s in tried], seconds))
        j.add_symptom(now - timedelta(days=3, hours=4), "swelling", "same_day")
    with profile.open_profile(data) as p:  # each plugin's data through its own store
        profile.add_medicine(p, "atorvastatin", statin, now)
        profile.add_medicine(p, "amlodipine", first_evening - timedelta(days=200), now)
        profile.set_item(p, "diabetes", profile.YES, now)
        profile.set_detail(p, "name", "Ann Lee", now)
        profile.set_detail(p, "birth_date", "1951-04-02", now)
    with veins.open_veins(data) as v:
        veins.add_vein_check(v, now - timedelta(days=5), {
            "swelling": "yes", "aching": "no", "itch_burn_heavy": "not sure",
            "spider_veins": "yes", "bulging_veins": "no"}, True)
    return statin
