"""The hands-free journal: every cramp the coach hears about becomes an episode.

An episode opens the moment a cramp is reported (before the coach says a word) and each
change is committed at once, so a crash loses nothing: what was open is closed as
``interrupted`` at the next start.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from crampcoach.voice import hookimpl, phrasebook
from crampcoach.voice.messages import Intent, Question, Reply, Timer

from .store import Journal, parse_time

HERE = Path(__file__).parent
LATE_OVER_S = 15 * 60
"""An "it's gone" this soon after "stop" still closes that episode as over."""


def plugin() -> JournalPlugin:
    return JournalPlugin()


class JournalPlugin:
    def __init__(self) -> None:
        self.journal: Journal | None = None
        self.open_id: int | None = None

    # -- lifecycle -----------------------------------------------------------------------
    @hookimpl
    def crampcoach_intents(self, language: str) -> dict[str, Any] | None:
        return phrasebook.declaration(phrasebook.load(HERE, language))

    @hookimpl
    def crampcoach_commands(self, subparsers: Any) -> None:
        from .cli import add_commands

        add_commands(subparsers)

    @hookimpl
    def crampcoach_session_start(self, convo: Any) -> None:
        self.journal = Journal(convo.data_dir)
        now = convo.now()
        for ep in self.journal.open_episodes():
            # Left open by a crash: its last update is the best guess of when it ended.
            self.journal.close_episode(ep["id"], parse_time(ep["updated_at"]), "interrupted", now)

    @hookimpl
    def crampcoach_session_end(self, convo: Any) -> None:
        if self.journal is None:
            return
        if self.open_id is not None:
            self.journal.close_episode(self.open_id, convo.now(), "interrupted", convo.now())
            self.open_id = None
        self.journal.close()
        self.journal = None

    # -- conversation --------------------------------------------------------------------
    @hookimpl
    def crampcoach_handle_intent(self, intent: Intent, convo: Any) -> Reply | None:
        data = phrasebook.load(HERE, convo.language)
        if self.journal is None or data is None:
            return None
        book = phrasebook.Phrasebook(data, convo.language)
        name, slots, now = intent.name, intent.slots, convo.now()
        j = self.journal
        said = convo.shared.pop("cramp.slots", None)
        if said and self.open_id is not None:
            # Side or muscle given in answer to the relief plugin's question.
            ep = j.get(self.open_id)
            j.update(self.open_id, now, **{k: v for k, v in said.items() if ep[k] is None})

        if convo.asked == "side":
            side = slots.get("side")
            target = j.last()
            if side and target:
                j.update(target["id"], now, side=side)
                return Reply(say=[book.say("side_set", side=book.name(side))])
            return None
        if name == "cramp.report":
            return self._report(convo, slots)
        if name == "cramp.over":
            return self._over(book, convo)
        if name == "safety.symptom":
            for report in convo.shared.pop("safety.reported", []):
                j.add_symptom(now, report["symptom"], report["tier"], self.open_id)
        if name in ("coach.stop", "safety.symptom") and self.open_id is not None:
            j.close_episode(self.open_id, now, "stopped", now, relief=self._steps(convo))
            self.open_id = None
            return None
        if name == "log.severity":
            target = j.last()
            if target is None or not (convo.asked == "severity" or _recent(target, now)):
                return None  # a stray number must not rewrite last week's cramp
            j.update(target["id"], now, severity=slots["severity"])
            reply = Reply(say=[book.say("severity_set", severity=slots["severity"])])
            if convo.asked == "severity" and target["side"] is None:
                reply.say.append(book.say("ask_side"))
                reply.ask = Question(("cramp.report", "log.correct"), name="side")
            return reply
        if name == "log.undo":
            target = j.last()
            if target is None:
                return Reply(say=[book.say("nothing_to_undo")])
            j.delete(target["id"])
            if target["id"] == self.open_id:
                self.open_id = None
            return Reply(say=[book.say("undone")], cancel_timers=True)
        if name == "log.correct":
            return self._correct(book, convo, slots)
        if name == "status.elapsed":
            return self._elapsed(book, convo)
        return None

    @hookimpl
    def crampcoach_summary_lines(
        self, night_start: datetime, night_end: datetime, convo: Any
    ) -> list[str] | None:
        data = phrasebook.load(HERE, convo.language)
        if data is None:
            return None
        with Journal(convo.data_dir) as j:
            return summary_lines(j, night_start, night_end, data, convo.language) + rule_lines(
                j, convo.now(), convo.config["summary.night_end"], data)

    @hookimpl
    def crampcoach_timer(self, name: str, data: dict[str, Any], convo: Any) -> Reply | None:
        if name == "open.timeout" and self.journal and self.open_id == data.get("id"):
            ep = self.journal.get(self.open_id)
            # Nobody said "it's gone": take the last word heard as the best guess of the end.
            ended = max(parse_time(ep["updated_at"]), parse_time(ep["started_at"]))
            self.journal.close_episode(
                self.open_id, ended, "timed out", convo.now(), relief=self._steps(convo)
            )
            self.open_id = None
        return None

    # -- helpers -------------------------------------------------------------------------
    def _report(self, convo: Any, slots: dict[str, Any]) -> Reply | None:
        assert self.journal is not None
        now = convo.now()
        fields = {k: slots[k] for k in ("side", "muscle") if slots.get(k)}
        if self.open_id is None:
            convo.shared["relief.steps"] = []
            self.open_id = self.journal.add(now, now, source=convo.source, **fields)
        else:
            ep = self.journal.get(self.open_id)
            missing = {k: v for k, v in fields.items() if ep[k] is None}
            self.journal.update(self.open_id, now, **missing)
        timeout_s = float(convo.config["journal.open_timeout_min"]) * 60
        return Reply(
            cancel_timers=True,
            timers=[Timer(timeout_s, "open.timeout", {"id": self.open_id}, scaled=False)],
        )

    def _over(self, book: phrasebook.Phrasebook, convo: Any) -> Reply | None:
        assert self.journal is not None
        now = convo.now()
        if self.open_id is not None:
            self.journal.close_episode(
                self.open_id, now, "over", now, relief=self._steps(convo)
            )
            self.open_id = None
        else:
            last = self.journal.last()
            recent = last and last["ended_by"] == "stopped" and last["ended_at"] and (
                now - parse_time(last["ended_at"]) <= timedelta(seconds=LATE_OVER_S)
            )
            if not recent:
                return None
            self.journal.close_episode(last["id"], now, "over", now)
        return Reply(
            say=[book.say("ask_severity")],
            ask=Question(("log.severity",), name="severity"),
            cancel_timers=True,
        )

    def _correct(self, book: phrasebook.Phrasebook, convo: Any, slots: dict[str, Any]) -> Reply:
        assert self.journal is not None
        target = self.journal.last()
        fields = {k: slots[k] for k in ("side", "muscle") if slots.get(k)}
        if target is None:
            return Reply(say=[book.say("nothing_to_correct")])
        if "severity" in slots and not fields:
            # "No, it was a five": the rating of the last cramp, corrected.
            self.journal.update(target["id"], convo.now(), severity=slots["severity"])
            return Reply(say=[book.say("severity_set", severity=slots["severity"])])
        if not fields:
            return Reply(say=[book.say("ask_side")], ask=Question(("cramp.report",), name="side"))
        self.journal.update(target["id"], convo.now(), **fields)
        if "side" in fields and "muscle" in fields:
            what = f"{book.name(fields['side'])} {book.name(fields['muscle'])}"
        else:
            what = book.name(next(iter(fields.values())))
            if "side" in fields:
                what = f"{what} side"
        return Reply(say=[book.say("corrected", what=what)])

    def _elapsed(self, book: phrasebook.Phrasebook, convo: Any) -> Reply:
        assert self.journal is not None
        lang = book.lang
        now = convo.now()
        if self.open_id is not None:
            started = parse_time(self.journal.get(self.open_id)["started_at"])
            dur = lang.duration((now - started).total_seconds())
            return Reply(say=[book.say("elapsed_open", duration=dur)])
        last = self.journal.last()
        if last and last["ended_at"] and now - parse_time(last["ended_at"]) < timedelta(hours=1):
            return Reply(
                say=[book.say("elapsed_last", duration=lang.duration(last["duration_s"] or 0))]
            )
        return Reply(say=[book.say("elapsed_none")])

    @staticmethod
    def _steps(convo: Any) -> list[str]:
        return list(dict.fromkeys(convo.shared.get("relief.steps", [])))


def _recent(episode: dict[str, Any], now: datetime) -> bool:
    """Open, or ended within the last hour."""
    ended = episode["ended_at"]
    return ended is None or now - parse_time(ended) <= timedelta(hours=1)


def summary_lines(
    journal: Journal, start: datetime, end: datetime, data: dict[str, Any], code: str
) -> list[str]:
    """What the journal says about the night ``[start, end)``, compared with the week before."""
    from crampcoach.voice import language

    lang = language.load(code)
    words = data["summary"]
    names = data["names"]
    eps = journal.episodes(since=start, until=end)
    if not eps:
        return [words["none"]]
    cap = phrasebook.capitalise
    count_words = words.get("counts")  # languages that count with other words than they spell
    count = (count_words[len(eps)] if count_words and len(eps) < len(count_words)
             else lang.spell(len(eps)))
    lines = [words["count_one"] if len(eps) == 1 else words["count_many"].format(count=count)]
    for ep in eps[:3]:
        where = " ".join(names[k] for k in (ep["side"], ep["muscle"]) if k) or words["cramp_word"]
        if ep["side"] and not ep["muscle"]:
            where = words["side_leg"].format(side=names[ep["side"]])
        when = lang.clock_time(parse_time(ep["started_at"]).astimezone(start.tzinfo))
        if ep["duration_s"] is not None:
            lines.append(cap(words["episode"].format(
                time=when, where=where, duration=lang.duration(ep["duration_s"]))))
        else:
            lines.append(cap(words["episode_short"].format(time=when, where=where)))
    durations = [e["duration_s"] for e in eps if e["duration_s"] is not None]
    if len(eps) > 1 and durations:
        lines.append(words["longest"].format(duration=lang.duration(max(durations))))
    severities = [e["severity"] for e in eps if e["severity"] is not None]
    if severities:
        key = "severity_one" if len(eps) == 1 else "severity_worst"
        lines.append(cap(words[key].format(severity=lang.spell(max(severities)))))
    # The week before: nights in a row, and this night against the average night.
    week = journal.episodes(since=start - timedelta(days=7), until=end - timedelta(days=1))
    counts = []
    for back in range(1, 8):
        s, e = start - timedelta(days=back), end - timedelta(days=back)
        counts.append(sum(1 for ep in week if s <= parse_time(ep["started_at"]) < e))
    streak = 1
    for c in counts:
        if not c:
            break
        streak += 1
    if streak >= 2 and streak < len(words["ordinals"]):
        lines.append(words["streak"].format(nth=words["ordinals"][streak]))
    average = sum(counts) / len(counts)
    if any(counts):
        if len(eps) < average - 0.25:
            lines.append(words["fewer"])
        elif len(eps) > average + 0.25:
            lines.append(words["more"])
        else:
            lines.append(words["same"])
    return lines


def rule_lines(journal: Journal, now: datetime, night_end: str, data: dict[str, Any]) -> list[str]:
    """The calm see-a-doctor sentences whose rules hold (never a diagnosis)."""
    from .insights import doctor_rules, parse_hhmm

    return [data["rules"][r] for r in doctor_rules(journal, now, parse_hhmm(night_end))]
