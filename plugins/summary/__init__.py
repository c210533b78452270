"""The morning summary: gathers every plugin's lines about last night, then one tip.

The night is a window of local time (default 18:00 to 11:00). The journal says what
happened; any plugin may add lines through ``crampcoach_summary_lines``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from crampcoach.plugins.common import facts
from crampcoach.plugins.journal.insights import night_of, parse_hhmm
from crampcoach.voice import hookimpl, phrasebook
from crampcoach.voice.messages import Intent, Question, Reply

HERE = Path(__file__).parent
OFFER_FILE = "summary-offered.txt"
BUSY_PREFIXES = {"cramp", "coach", "safety", "log", "status", "summary", "answer"}
"""Intents during which offering a summary would interrupt something."""
DOCTOR_DAYS = 30
"""The period of the report asked for by voice: the same month ``crampcoach report`` shows."""


def plugin() -> Summary:
    return Summary()


def last_night(now: datetime, start: str, end: str) -> tuple[datetime, datetime]:
    """The most recent night window that has begun by ``now``: ``(start, end)``, aware."""
    t_start, t_end = parse_hhmm(start), parse_hhmm(end)
    begin = now.replace(hour=t_start.hour, minute=t_start.minute, second=0, microsecond=0)
    if begin > now:
        begin -= timedelta(days=1)
    finish = begin.replace(hour=t_end.hour, minute=t_end.minute)
    if finish <= begin:
        finish += timedelta(days=1)
    if now < finish and now.date() == begin.date():
        # Asked in the evening, "last night" is the one that ended this morning.
        begin, finish = begin - timedelta(days=1), finish - timedelta(days=1)
    return begin, finish


def _padded(phrases: list[str]) -> list[str]:
    return [f" {p} " for p in phrases]


def _mark_heard(convo: Any, night_start: datetime) -> None:
    """This night's summary was given or offered: don't offer it again."""
    flag = Path(convo.data_dir) / OFFER_FILE
    flag.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    flag.write_text(night_start.date().isoformat())


def _spell(convo: Any, data: dict[str, Any], n: int) -> str:
    return phrasebook.Phrasebook(data, convo.language).lang.spell(n)


def _counted(convo: Any, data: dict[str, Any], eps: list[dict[str, Any]]) -> tuple[str, int]:
    """How many cramps ``eps`` are, as said before a counter ("세 번", "three"), and on how
    many nights they fell."""
    from crampcoach.plugins.journal.store import parse_time

    counts = data["say"].get("counts")
    count = counts[len(eps)] if counts and len(eps) < len(counts) else _spell(convo, data, len(eps))
    night_end = parse_hhmm(convo.config["summary.night_end"])
    return count, len({night_of(parse_time(e["started_at"]), night_end) for e in eps})


class Summary:
    @hookimpl
    def crampcoach_commands(self, subparsers: Any) -> None:
        from .report import add_commands

        add_commands(subparsers)

    @hookimpl
    def crampcoach_settings(self) -> dict[str, dict[str, Any]]:
        return {
            "night_start": {"default": "18:00", "type": "time",
                            "help": "from when cramps count toward the night's summary"},
            "night_end": {"default": "11:00", "type": "time",
                          "help": "until when cramps count toward the night's summary"},
        }

    @hookimpl
    def crampcoach_intents(self, language: str) -> dict[str, Any] | None:
        return phrasebook.declaration(phrasebook.load(HERE, language))

    @hookimpl
    def crampcoach_handle_intent(self, intent: Intent, convo: Any) -> Reply | None:
        start, end = last_night(
            convo.now(), convo.config["summary.night_start"], convo.config["summary.night_end"]
        )
        if convo.asked == "offer":
            if intent.name == "answer.yes":
                return self._summary(convo, start, end)
            return None
        if intent.name == "summary.doctor":
            return self._for_doctor(convo, phrasebook.load(HERE, convo.language) or {})
        if intent.name == "summary.request":
            data = phrasebook.load(HERE, convo.language) or {}
            if any(w in f" {intent.text} " for w in _padded(data.get("week_words", []))):
                return self._week(convo, data)
            return self._summary(convo, start, end)
        if self._should_offer(intent, convo, start, end):
            data = phrasebook.load(HERE, convo.language)
            if data:
                return Reply(say=[data["say"]["offer"]],
                             ask=Question(("answer.yes", "answer.no"), name="offer"))
        return None

    @staticmethod
    def _should_offer(intent: Intent, convo: Any, start: datetime, end: datetime) -> bool:
        """Once a morning, by voice, on a first word that is not about a cramp."""
        if convo.source != "voice" or convo.now() < end:
            return False
        if intent.name and intent.name.split(".")[0] in BUSY_PREFIXES:
            return False
        try:
            if (Path(convo.data_dir) / OFFER_FILE).read_text().strip() == start.date().isoformat():
                return False
        except OSError:
            pass
        _mark_heard(convo, start)
        return True

    @staticmethod
    def _week(convo: Any, data: dict[str, Any]) -> Reply:
        """ "How was my week": the last seven days in one sentence, then a tip."""
        from crampcoach.plugins.journal.store import Journal

        now = convo.now()
        week_ago = now - timedelta(days=7)
        with Journal(convo.data_dir) as j:
            eps = j.episodes(since=week_ago, until=now)
            before = j.episodes(since=week_ago - timedelta(days=7), until=week_ago)
            # Nothing logged before this week at all: the journal was not kept then, and
            # "fewer than the week before" would be untrue.
            kept_before = bool(before) or bool(j.episodes(until=week_ago))
        say = data["say"]
        if not eps:
            line = say["week_none"]
        elif len(eps) == 1:
            line = say["week_one"]
        else:
            count, nights = _counted(convo, data, eps)
            key = "week_many_one_night" if nights == 1 and "week_many_one_night" in say \
                else "week_many"
            line = say[key].format(count=count, nights=_spell(convo, data, nights))
        lines = [line]
        if kept_before and (eps or before):  # two weeks with none: nothing new to say
            trend = "week_up_from_none" if not before else "week_up" if len(eps) > len(
                before) else "week_down" if len(eps) < len(before) else "week_level"
            lines.append(say[trend].format(before=_counted(convo, data, before)[0]))
        return Reply(say=lines, follow=[Intent("tips.request", {}, "summary", "")])

    @staticmethod
    def _for_doctor(convo: Any, data: dict[str, Any]) -> Reply:
        """ "Make a report for my doctor", "what should I tell my doctor": the month in one
        sentence, and the doctor's report saved beside the journal. A report that cannot be
        written is said in one line; the month is still told."""
        from types import SimpleNamespace

        from crampcoach.plugins.journal.store import Journal, JournalError

        from .report import save_for_doctor

        say = data["say"]
        now = convo.now()
        since = now - timedelta(days=DOCTOR_DAYS)
        try:
            with Journal(convo.data_dir, create=False) as j:
                eps = j.episodes(since=since, until=now)
                flagged = bool(j.symptoms(since=since))
        except JournalError:  # a damaged or locked journal: never told as "no cramps"
            return Reply(say=[say["doctor_unreadable"]])
        if not eps and not flagged:
            return Reply(say=[say["doctor_none"], say["doctor_nothing"]])
        if not eps:
            # No cramp, but a warning sign told: that is what the doctor must read first.
            lines = [say["doctor_none"], say["doctor_symptoms"]]
        elif len(eps) == 1:
            lines = [say["doctor_one"]]
        else:
            count, nights = _counted(convo, data, eps)
            key = "doctor_many_one_night" if nights == 1 and "doctor_many_one_night" in say \
                else "doctor_many"
            lines = [say[key].format(count=count, nights=_spell(convo, data, nights))]
        if eps and flagged:
            # A warning sign is what the doctor must hear first, cramps or not.
            lines = [*say["doctor_symptoms_first"], *lines]
        try:
            save_for_doctor(Path(convo.data_dir), now, convo.config,
                            SimpleNamespace(call=convo.call), DOCTOR_DAYS)
        except (OSError, JournalError):
            return Reply(say=[*lines, say["doctor_failed"]])
        return Reply(say=[*lines, *say["doctor_saved"]])

    def _summary(self, convo: Any, start: datetime, end: datetime) -> Reply:
        _mark_heard(convo, start)
        say: list[str] = []
        convo.facts.put(facts.UrgentLately(""))  # a plugin says so while giving its lines
        for _plugin, lines in convo.call(
            "crampcoach_summary_lines", night_start=start, night_end=end, convo=convo
        ):
            say.extend(lines)
        urgent = convo.facts.get(facts.UrgentLately)
        if urgent and urgent.tier:
            return Reply(say=say)  # the morning after a red flag: that, and no stretching tip
        return Reply(say=say, follow=[Intent("tips.request", {}, "summary", "")])
