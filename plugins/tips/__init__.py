"""Prevention tips, one at a time, never repeated until all were heard, best evidence first
and fitted to what the journal shows; and the bedtime stretch, led step by step."""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

from crampcoach.plugins.common.facts import HealthProfile, UrgentAdvice
from crampcoach.voice import hookimpl, phrasebook
from crampcoach.voice.messages import Intent, Reply, Timer

HERE = Path(__file__).parent
STATE_FILE = "tips-heard.json"
EVIDENCE_RANK = {"trial": 0, "guideline": 1, "opinion": 2}
RECENT_DAYS = 14


def plugin() -> Tips:
    return Tips()


def _from_journal(data_dir: Path, read: Any, default: Any) -> Any:
    """``read(journal)``, the journal opened read only; ``default`` when it cannot be read."""
    from crampcoach.plugins.journal.store import Journal, JournalError

    try:
        with Journal(data_dir, create=False) as j:
            return read(j)
    except JournalError:
        return default


def urgent_lately(data_dir: Path, now: Any) -> str | None:
    """A red flag the journal holds from the last day and a half that needs a doctor today or
    sooner (read only): until it is checked, no stretching is suggested or led."""
    from crampcoach.plugins.journal.insights import urgent_lately as held

    return _from_journal(data_dir, lambda j: held(j, now), None)


def recent_muscles(data_dir: Path, now: Any) -> Counter[str]:
    """Which muscles cramped in the last two weeks, from the journal (read only)."""
    eps = _from_journal(data_dir, lambda j: j.episodes(since=now - timedelta(days=RECENT_DAYS)),
                        [])
    return Counter(e["muscle"] for e in eps if e["muscle"])


def choose(
    tips: list[dict[str, Any]], heard: list[str], muscles: Counter[str], exclude: set[str]
) -> dict[str, Any] | None:
    """The next tip: unheard, fitting the commonest cramp, strongest evidence first."""
    pool = [t for t in tips if t["id"] not in exclude]
    fresh = [t for t in pool if t["id"] not in heard]
    if not fresh:
        return None
    topic = muscles.most_common(1)[0][0] if muscles else "general"
    if topic == "toes":
        topic = "foot"

    def rank(t: dict[str, Any]) -> tuple[int, int, int]:
        fits = 0 if topic in t["topics"] else 1
        return (fits, EVIDENCE_RANK.get(t["evidence"], 3), pool.index(t))

    return min(fresh, key=rank)


class Tips:
    def __init__(self) -> None:
        self.stretch_step = 0
        self.stretch_rep = 0

    @hookimpl
    def crampcoach_intents(self, language: str) -> dict[str, Any] | None:
        return phrasebook.declaration(phrasebook.load(HERE, language))

    @hookimpl
    def crampcoach_tips(self, language: str) -> list[dict[str, Any]] | None:
        data = phrasebook.load(HERE, language)
        return list(data["tips"]) if data else None

    @hookimpl
    def crampcoach_handle_intent(self, intent: Intent, convo: Any) -> Reply | None:
        data = phrasebook.load(HERE, convo.language)
        if data is None:
            return None
        asked_tip = intent.name == "tips.request" or (
            intent.name == "coach.next" and convo.last_plugin == "tips"
            and not convo.asked and not convo.waiting_for)  # "another one", "next" after a tip
        advice = convo.facts.get(UrgentAdvice)
        if (asked_tip or intent.name == "tips.bedtime_stretch") and advice and advice.tier:
            return None  # within the hour of urgent advice, safety says that again instead
        if asked_tip:
            return self.next_tip(convo, data)
        if intent.name == "tips.bedtime_stretch":
            if urgent_lately(convo.data_dir, convo.now()):
                # A leg that may hold a clot, chest pain in the night: no stretching is led
                # until a doctor has seen it, and the person hears why.
                return Reply(say=list(data["say"]["no_stretch_after_flag"]), cancel_timers=True)
            self.stretch_step = 0
            return self._stretch_step(data, convo, Reply(cancel_timers=True))
        alarm = intent.name == "safety.symptom" and intent.slots.get("tier") != "soon"
        if intent.name in ("coach.stop", "cramp.report") or alarm:
            return Reply(cancel_timers=True)
        return None

    def next_tip(self, convo: Any, data: dict[str, Any]) -> Reply:
        tips = [t for r in convo.call("crampcoach_tips", language=convo.language) for t in r[1]]
        state = Path(convo.data_dir) / STATE_FILE
        heard = _read_heard(state)
        exclude = {t["id"] for t in tips if t.get("fluids")} if _fluid_limit(convo) else set()
        profile = convo.facts.get(HealthProfile)
        if profile and profile.pregnant:
            exclude |= {t["id"] for t in tips if t.get("not_in_pregnancy")}
        if urgent_lately(convo.data_dir, convo.now()):
            exclude |= {t["id"] for t in tips if t.get("stretch")}  # see the bedtime stretch
        muscles = recent_muscles(convo.data_dir, convo.now())
        say = [phrasebook.capitalise(data["say"]["intro"])]
        tip = choose(tips, heard, muscles, exclude)
        if tip is None:
            heard = []
            say.append(data["say"]["all_heard"])
            tip = choose(tips, heard, muscles, exclude)
        if tip is None:
            return Reply()
        heard.append(tip["id"])
        _write_heard(state, heard)
        return Reply(say=say + list(tip["say"]))

    # -- bedtime stretch -----------------------------------------------------------------
    @hookimpl
    def crampcoach_timer(self, name: str, data: dict[str, Any], convo: Any) -> Reply | None:
        lang = phrasebook.load(HERE, convo.language)
        if lang is None:
            return None
        words = lang["stretch_say"]
        steps = lang["stretch"]
        step = steps[self.stretch_step]
        book = phrasebook.Phrasebook({"say": words}, convo.language)
        if name == "stretch.hold.end":
            reply = Reply(say=[book.say("release")])
            if self.stretch_rep + 1 < int(step.get("reps", 1)):
                self.stretch_rep += 1
                rest = int(step.get("rest", 10))
                reply.say.append(book.say("rest", seconds=rest))
                reply.timers.append(Timer(rest, "stretch.rest.end"))
                return reply
            self.stretch_step += 1
            return self._stretch_step(lang, convo, reply)
        if name == "stretch.rest.end":
            reply = Reply(say=[book.say("again"), book.say("hold", seconds=int(step["hold"]))])
            reply.timers.append(Timer(int(step["hold"]), "stretch.hold.end"))
            return reply
        if name == "stretch.wait.end":
            self.stretch_step += 1
            return self._stretch_step(lang, convo, Reply())
        return None

    def _stretch_step(self, lang: dict[str, Any], convo: Any, reply: Reply) -> Reply:
        book = phrasebook.Phrasebook({"say": lang["stretch_say"]}, convo.language)
        steps = lang["stretch"]
        if self.stretch_step >= len(steps):
            reply.say.append(book.say("done" if _bedtime(convo) else "done_day"))
            return reply
        step = steps[self.stretch_step]
        self.stretch_rep = 0
        reply.say.extend(step["say"])
        if step.get("hold"):
            reply.say.append(book.say("hold", seconds=int(step["hold"])))
            reply.timers.append(Timer(int(step["hold"]), "stretch.hold.end"))
        else:
            reply.timers.append(Timer(float(step.get("wait", 3)), "stretch.wait.end"))
        return reply


def _fluid_limit(convo: Any) -> bool:
    profile = convo.facts.get(HealthProfile)
    return bool(profile and profile.fluid_limit)


def _read_heard(path: Path) -> list[str]:
    try:
        return list(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return []


def _write_heard(path: Path, heard: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(heard), encoding="utf-8")
    os.replace(tmp, path)


BEDTIME_UNTIL_H = 5
"""Until this hour of the morning a stretch is still done at bedtime."""


def _bedtime(convo: Any) -> bool:
    """Whether it is an hour to end with "sleep well": from the night's start (the summary's
    ``night_start``) to the small hours; a bedtime stretch tried at noon just ends."""
    from crampcoach.plugins.journal.insights import parse_hhmm

    now = convo.now().astimezone()
    try:
        start = parse_hhmm(convo.config["summary.night_start"])
    except (KeyError, ValueError):
        start = parse_hhmm("18:00")
    return now.time() >= start or now.hour < BEDTIME_UNTIL_H
