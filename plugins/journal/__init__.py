"""The hands-free journal: every cramp the coach hears about becomes an episode.

An episode opens the moment a cramp is reported (before the coach says a word) and each
change is committed at once: where it is, each relief step done, the last moment the person
was heard. A crash therefore loses nothing; the next start closes what a dead conversation
left open as ``interrupted``, with its length unknown rather than guessed.

Answers are written to the episode the question was about, by id. A voice correction
reaches only what this conversation recorded, one step at a time; removing a whole episode
by voice takes a spoken yes. If the journal cannot be written, coaching goes on, the person
is told once, and the episode is kept aside (:mod:`.fallback`) until the next start.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crampcoach.plugins.common import db as shared_db
from crampcoach.plugins.common import facts
from crampcoach.voice import hookimpl, phrasebook
from crampcoach.voice.messages import Intent, Question, Reply, Timer
from crampcoach.voice.status import process_alive

from . import fallback
from .store import Journal, JournalError, parse_time

if TYPE_CHECKING:  # annotations only: importing the engine's dialogue costs start-up
    from crampcoach.voice.dialogue import Conversation

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
LATE_OVER_S = 15 * 60
"""An "it's gone" this soon after "stop" still closes that episode as over."""
EARLIER_FIX_H = 12
"""A correction said in a later conversation reaches the last cramp of the past half day."""
STALE_OPEN = timedelta(hours=12)
"""An episode open this long belongs to no living conversation, whatever its process id."""
YES_NO = ("answer.yes", "answer.no")
LONG_LATELY = "long_cramp_lately"
"""The doctor rule for a cramp of last night past ten minutes: same-day advice."""
TOLD_LOOKBACK_H = 18
"""A cramp told of as last night's is already logged if any entry began this recently
(told at seven in the morning: since one the afternoon before)."""
TOLD_NOTE = "Told afterwards; the time it began was not said."


def plugin() -> JournalPlugin:
    return JournalPlugin()


class JournalPlugin:
    def __init__(self) -> None:
        self.journal: Journal | None = None
        self.session = uuid.uuid4().hex
        self.open_id: int | None = None
        self.asked_id: int | None = None
        """The episode the open question (severity, side, delete) is about."""
        self.current: int | None = None
        """This conversation's latest episode: the one voice corrections may reach."""
        self.steps: list[tuple[int, str]] = []
        """What this conversation recorded about ``current``, newest last: (history id, what).
        The bottom step, ``episode``, is the episode itself."""
        self.fixes: list[tuple[int, str, int]] = []
        """Corrections of an earlier conversation's cramp made in this one after a yes, newest
        last: (history id, what, episode id). "Scratch that" takes back the newest of these
        and ``steps``: the person means what they just changed, whichever cramp it was."""
        self.earlier_own: list[tuple[int, list[tuple[int, str]]]] = []
        """This conversation's cramps before ``current`` (episode id, its steps), newest last:
        when the person removes the newest one, the one before is theirs to change again."""
        self.removed: tuple[int, int, list[tuple[int, str]]] | None = None
        """The cramp this conversation removed after a yes (history id of the removal,
        episode id, its steps): "scratch that" at once after it puts the cramp back."""
        self.told_unsaved = False
        self.pending_severity: int | None = None
        """A rating heard in passing that would replace one already given: kept until the
        person says yes."""
        self.pending_fix: dict[str, Any] | None = None
        """A correction of an earlier conversation's cramp ("it was my right leg actually",
        said in the morning): kept until the person says yes."""
        self.pending_told: dict[str, Any] | None = None
        """Where last night's cramp was, told the next morning and offered to the journal."""

    # -- lifecycle -----------------------------------------------------------------------
    @hookimpl
    def crampcoach_intents(self, language: str) -> dict[str, Any] | None:
        return phrasebook.declaration(phrasebook.load(HERE, language))

    @hookimpl
    def crampcoach_commands(self, subparsers: Any) -> None:
        from .cli import add_commands

        add_commands(subparsers)

    @hookimpl
    def crampcoach_session_start(self, convo: Conversation) -> Reply | None:
        by = convo.source
        try:
            # A lock held by another program is waited on briefly, then treated like a
            # folder that cannot be written (see shared_db.LIVE_BUSY_TIMEOUT_S).
            self.journal = Journal(convo.data_dir, by=by, session=self.session,
                                   busy_timeout_s=shared_db.LIVE_BUSY_TIMEOUT_S)
            now = convo.now()
            fallback.merge(self.journal, Path(convo.data_dir), now)
            self._close_abandoned(now)
            _daily_backup(self.journal)
        except (shared_db.DatabaseError, sqlite3.DatabaseError, OSError) as err:
            self._fall_back(convo, err)
        told = shared_db.take_notice(convo.data_dir)
        data = phrasebook.load(HERE, convo.language)
        if told and data:
            return Reply(say=list(data["say"]["set_aside"]))
        return None

    def _close_abandoned(self, now: datetime) -> None:
        """Close what a dead conversation left open: interrupted, its length unknown."""
        assert self.journal is not None
        for ep in self.journal.open_episodes():
            started = parse_time(ep["started_at"])
            if process_alive(ep["session_pid"]) and now - started < STALE_OPEN:
                continue  # another conversation (a second chat, listen) is still on it
            last = ep["last_heard_at"] or ep["updated_at"]
            self.journal.close_episode(ep["id"], parse_time(last), "interrupted", now,
                                       measured=False)

    def _fall_back(self, convo: Conversation, err: Exception) -> None:
        """Nothing can be written: keep this conversation's episodes in memory instead."""
        log.info("journal: cannot write, keeping episodes in memory: %s", err)
        line = f"the journal cannot be written ({_one_line(err)})"
        if line not in convo.problems:
            convo.problems.append(line)
        previous = self.journal
        memory = Journal(convo.data_dir, by=convo.source, session=self.session, memory=True)
        if previous is not None and not previous.in_memory:
            try:  # carry over this conversation's episode, with the same id
                row = previous.raw(self.current) if self.current is not None else None
                if row is not None:
                    memory.insert_raw(row)
            except sqlite3.DatabaseError:
                pass
            try:
                previous.close()
            except sqlite3.Error:
                pass
        self.journal = memory

    @hookimpl
    def crampcoach_session_end(self, convo: Conversation) -> None:
        if self.journal is None:
            return
        if self.open_id is not None:
            self._write(convo, lambda j: j.close_episode(
                self.open_id, self._last_heard(j), "interrupted", convo.now(), measured=False))
            self.open_id = None
        if self.journal.in_memory:
            kept = fallback.keep(Path(convo.data_dir), self.journal.episodes(),
                                 self.journal.symptoms())
            if kept is not None:
                convo.problems.append(f"this conversation's episodes were kept in {kept}; "
                                      "they join the journal at the next start")
            elif self.journal.episodes():
                convo.problems.append("this conversation's episodes could not be kept anywhere")
        self.journal.close()
        self.journal = None

    def _last_heard(self, j: Journal) -> datetime:
        assert self.open_id is not None
        ep = j.get(self.open_id)
        return parse_time(ep["last_heard_at"] or ep["started_at"])

    def _write(self, convo: Conversation, op: Any) -> Any:
        """Run ``op(journal)``; if the disk refuses, carry on in memory and say so once."""
        assert self.journal is not None
        try:
            return op(self.journal)
        except JournalError:
            raise
        except (sqlite3.DatabaseError, OSError) as err:
            if self.journal.in_memory:
                raise
            self._fall_back(convo, err)
            return op(self.journal)

    def _unsaved_notice(self, book: phrasebook.Phrasebook) -> list[str]:
        """The one time the person hears that this cramp cannot be saved."""
        if self.journal is None or not self.journal.in_memory or self.told_unsaved:
            return []
        self.told_unsaved = True
        return [book.say("cannot_save")]

    # -- conversation --------------------------------------------------------------------
    @hookimpl
    def crampcoach_handle_intent(self, intent: Intent, convo: Conversation) -> Reply | None:
        data = phrasebook.load(HERE, convo.language)
        if self.journal is None or data is None:
            return None
        book = phrasebook.Phrasebook(data, convo.language)
        name, slots, now = intent.name, intent.slots, convo.now()
        if self.open_id is not None:
            self._write(convo, lambda j: j.heard(self.open_id, now))

        if convo.asked == "delete":
            return self._confirm_delete(book, convo, name)
        if convo.asked == "change_severity":
            return self._confirm_severity(book, convo, name)
        if convo.asked == "change_earlier":
            return self._confirm_fix(book, convo, name)
        if convo.asked == "add_told":
            return self._confirm_told(book, convo, name)
        if convo.asked == "side":
            side = slots.get("side")
            # "The foot one was on my left" names another cramp: a correction, not the answer.
            if side and self.asked_id is not None and not intent.which:
                self._remember(convo, self.asked_id, now, "side", side=side)
                return Reply(say=[book.say("side_set", side=book.name(side))])
            if name == "cramp.report" and _says(book, "new_cramp", intent.text):
                # "이번엔 반대쪽 다리야", "now the other leg": not which leg the last one was,
                # a new cramp; passed on to be coached and logged.
                self.asked_id = None
                return Reply(follow=[Intent("cramp.report", slots, "journal", intent.text)])
            if name == "cramp.report":
                return None
            # Not an answer ("no, it was a five"): what it says is done as ever.
        if name == "cramp.report":
            told = convo.facts.get(facts.ToldAsPast)
            if told and told.past:
                # A cramp that has been, told in the morning: no new entry, but one of
                # last night that nothing recorded is offered to the journal.
                return self._offer_told(book, convo, slots) if told.last_night else None
            if convo.kept:
                return self._kept_report(convo, slots)
            return self._report(book, convo, slots)
        if name == facts.LOCATED and self.open_id is not None:
            self._fill_in(convo, self.open_id, now, slots)
            return None
        if name == facts.LOCATED and getattr(convo, "kept", False) and self.current is not None:
            # Where it was, said with a red flag that has just closed the entry: still kept.
            self._fill_in(convo, self.current, now, slots)
            return None
        if name == facts.STEP_DONE and self.open_id is not None:
            ep = self.journal.get(self.open_id)
            if slots["step"] not in ep["relief"]:
                self._write(convo, lambda j: j.update(
                    self.open_id, now, relief=[*ep["relief"], slots["step"]]))
            return None
        if name == facts.RED_FLAG:
            self._write(convo, lambda j: j.add_symptom(
                now, str(slots.get("symptom")), str(slots.get("tier")), self.open_id))
            return None
        if name == "cramp.over":
            only = convo.facts.get(facts.OnlyEasing)
            if only and only.easing:
                return None  # "it's easing": the cramp is not over yet
            return self._over(book, convo)
        stops = name == "coach.stop" or (name == "safety.symptom" and not intent.advisory)
        if stops and self.open_id is not None:
            self._write(convo, lambda j: j.close_episode(self.open_id, now, "stopped", now,
                                                         measured=False))
            self.open_id = None
            return None
        if name == "log.severity":
            # No number left to take (negated: "not seven"): nothing to record.
            severity = slots.get("severity")
            return None if severity is None else self._severity(book, convo, severity,
                                                                intent.text)
        if name == "log.undo":
            return self._undo(book, convo, intent.text)
        if name == "log.correct":
            return self._correct(book, convo, slots, intent.text, intent.which)
        if name == "status.elapsed":
            return self._elapsed(book, convo)
        return None

    @hookimpl
    def crampcoach_settings(self) -> dict[str, dict[str, Any]]:
        return {"open_timeout_min": {
            "default": 15.0, "type": "float", "min": 1, "max": 720,
            "help": "minutes without a word after which an open episode is closed"}}

    @hookimpl
    def crampcoach_summary_lines(
        self, night_start: datetime, night_end: datetime, convo: Conversation
    ) -> list[str] | None:
        data = phrasebook.load(HERE, convo.language)
        if data is None:
            return None
        from .insights import URGENT_RULES, doctor_rules, parse_hhmm

        with Journal(convo.data_dir, create=False) as j:
            held = doctor_rules(j, convo.now(), parse_hhmm(convo.config["summary.night_end"]))
            night = summary_lines(j, night_start, night_end, data, convo.language)
        # A red flag of last night is said first, with no "good news" before it; so is a
        # cramp of last night past ten minutes ("worth getting checked today"): no tip after.
        first = held[0] if held and held[0] in URGENT_RULES else \
            LONG_LATELY if LONG_LATELY in held else None
        if first is None:
            return night + [data["rules"][r] for r in held]
        held = [first] + [r for r in held if r != first]
        rules = [data["rules"][r] for r in held]
        convo.facts.put(facts.UrgentLately(
            "same_day" if first == LONG_LATELY else first.removeprefix("symptom_")))
        night = [data["summary"]["none_plain"] if line == data["summary"]["none"] else line
                 for line in night]
        return rules[:1] + night + rules[1:]

    @hookimpl
    def crampcoach_timer(self, name: str, data: dict[str, Any],
                         convo: Conversation) -> Reply | None:
        if name == "open.timeout" and self.journal and self.open_id == data.get("id"):
            # Nobody said "it's gone": it ended some time after the last word heard.
            self._write(convo, lambda j: j.close_episode(
                self.open_id, self._last_heard(j), "timed out", convo.now(), measured=False))
            self.open_id = None
        if name == "question.timeout" and data.get("question") in ("delete", "change_severity"):
            self.pending_severity = None
            book = _book(convo)
            return Reply(say=[book.say("kept")]) if book else None
        return None

    # -- helpers -------------------------------------------------------------------------
    def _remember(self, convo: Conversation, episode_id: int, now: datetime, what: str,
                  **fields: Any) -> None:
        """Write what the person told about an episode, as one step voice undo can take back."""
        hid = self._write(convo, lambda j: j.update(episode_id, now, **fields))
        if hid is not None and episode_id == self.current:
            self.steps.append((hid, what))

    def _fill_in(self, convo: Conversation, episode_id: int, now: datetime,
                 slots: dict[str, Any]) -> None:
        """Side and muscle the person said, where the episode has none yet."""
        assert self.journal is not None
        ep = self.journal.get(episode_id)
        fields = {k: slots[k] for k in ("side", "muscle") if slots.get(k) and ep[k] is None}
        if slots.get("side") == "both" and ep["side"] in ("left", "right"):
            fields["side"] = "both"  # "now the other leg too": one cramp in both legs
        if slots.get("muscle") == "hamstring" and ep["muscle"] == "thigh":
            fields["muscle"] = "hamstring"  # "my thigh", then "the back" when asked which part
        if fields:
            self._remember(convo, episode_id, now, _what(fields), **fields)

    def _report(self, book: phrasebook.Phrasebook, convo: Conversation,
                slots: dict[str, Any]) -> Reply | None:
        assert self.journal is not None
        now = convo.now()
        reply = Reply(cancel_timers=True)
        stopped = self._stopped_lately(now, slots) if self.open_id is None else None
        if stopped is not None:
            # "Stop", then "keep going" or "cramp" again: the same cramp, not a second one
            # (it was counted twice in the doctor's report).
            self.open_id = stopped
            self._write(convo, lambda j: j.update(stopped, now, ended_at=None, ended_by=None,
                                                   duration_s=None, last_heard_at=now.isoformat()))
            self._fill_in(convo, stopped, now, slots)
        elif self.open_id is None:
            fields = {k: slots[k] for k in ("side", "muscle") if slots.get(k)}
            self.open_id = self._write(convo, lambda j: j.add(
                now, now, source=convo.source, last_heard_at=now.isoformat(),
                room=getattr(convo, "room", "") or None, **fields))
            self._make_current(self.open_id, [(0, "episode")])
            reply.say = self._unsaved_notice(book)
        else:
            self._fill_in(convo, self.open_id, now, slots)
        timeout_s = float(convo.config["journal.open_timeout_min"]) * 60
        reply.timers = [Timer(timeout_s, "open.timeout", {"id": self.open_id}, scaled=False)]
        return reply

    def _kept_report(self, convo: Conversation, slots: dict[str, Any]) -> None:
        """A cramp said in the same breath as a red flag that took the turn: logged, and
        closed at once as stopped (no stretches follow); not when it is the cramp the flag
        has just stopped."""
        assert self.journal is not None
        now = convo.now()
        said = convo.facts.get(facts.CrampBesideFlag)
        if not (said and said.here) or self.open_id is not None \
                or self._stopped_lately(now, slots) is not None:
            return None  # only a place named with the sign, or the cramp already kept
        fields = {k: slots[k] for k in ("side", "muscle") if slots.get(k)}
        ep = self._write(convo, lambda j: j.add(
            now, now, source=convo.source, last_heard_at=now.isoformat(),
            room=getattr(convo, "room", "") or None, **fields))
        if ep is not None:
            self._write(convo, lambda j: j.close_episode(ep, now, "stopped", now, measured=False))
            self._make_current(ep, [(0, "episode")])
        return None

    def _stopped_lately(self, now: datetime, slots: dict[str, Any]) -> int | None:
        """This conversation's cramp, if the person stopped its stretches within the last
        minutes and what they say now names no other place."""
        assert self.journal is not None
        ep = self.journal.find(self.current) if self.current is not None else None
        if not ep or ep["ended_by"] != "stopped" or not ep["ended_at"] or (
                now - parse_time(ep["ended_at"]) > timedelta(seconds=LATE_OVER_S)):
            return None
        if any(slots.get(k) and ep[k] and slots[k] != ep[k] for k in ("side", "muscle")):
            return None  # "now my right foot": another cramp
        return int(ep["id"])

    def _over(self, book: phrasebook.Phrasebook, convo: Conversation) -> Reply | None:
        assert self.journal is not None
        now = convo.now()
        if self.open_id is not None:
            target = self.open_id
            self._write(convo, lambda j: j.close_episode(target, now, "over", now))
            self.open_id = None
        else:
            stopped = self._stopped_lately(now, {})  # "stop", then "it's gone" soon after
            if stopped is None:
                return None
            target = stopped
            self._write(convo, lambda j: j.close_episode(target, now, "over", now))
        if target == self.current:
            # Once the cramp is over, "delete that" means the cramp, not the last detail
            # said before it ended: asked about, never done on a guess.
            self.steps.append((0, "closed"))
        self.asked_id = target
        ep = self.journal.find(target)
        advice = convo.facts.get(facts.UrgentAdvice)
        if advice is not None and advice.tier == "emergency":
            # Just told to call emergency services: no "how bad was it?" on top of that.
            return Reply(say=self._unsaved_notice(book), cancel_timers=True)
        if ep is not None and ep["severity"] is not None and ep["side"] is not None:
            # Rated and placed while it lasted: asking "how bad was it?" again only keeps
            # someone awake who wants to sleep ("I already said seven").
            return Reply(say=self._unsaved_notice(book), cancel_timers=True)
        return Reply(
            say=[*self._unsaved_notice(book), book.say("ask_severity")],
            ask=Question(("log.severity",), name="severity", reask=book.say("reask_severity")),
            cancel_timers=True,
        )

    def _severity(self, book: phrasebook.Phrasebook, convo: Conversation,
                  severity: int, text: str = "") -> Reply | None:
        assert self.journal is not None
        now = convo.now()
        named = self._named_earlier(book, text, now) if convo.asked != "severity" else None
        if named is not None:
            # "The first one was actually a nine": that cramp, asked about first.
            return self._correct_earlier(book, convo, {}, severity, named)
        if convo.asked == "severity":
            target = self.asked_id
        else:
            # A stray number scores only this conversation's cramp, and only a recent one.
            ep = self.journal.find(self.current) if self.current is not None else None
            target = ep["id"] if ep and _recent(ep, now) else None
        ep = self.journal.find(target) if target is not None else None
        if ep is None and self.current is None:
            # "Last night it was about a seven", said the next morning: asked, not done.
            earlier = self._correct_earlier(book, convo, {}, severity)
            return earlier if self.pending_fix else None
        if ep is None:
            return None
        if convo.asked != "severity" and ep["severity"] not in (None, severity):
            # A number in passing ("it lasted maybe five minutes", "one more tip") must not
            # rewrite a rating the person already gave: ask first.
            self.asked_id, self.pending_severity = ep["id"], severity
            return Reply(say=[book.say("confirm_severity", old=ep["severity"], new=severity)],
                         ask=Question(YES_NO, name="change_severity"))
        self._remember(convo, ep["id"], now, "severity", severity=severity)
        reply = Reply(say=[book.say("severity_set", severity=severity)])
        if convo.asked == "severity" and ep["side"] is None:
            self.asked_id = ep["id"]
            reply.say.append(book.say("ask_side"))
            reply.ask = Question(("cramp.report", "log.correct"), name="side")
        return reply

    def _undo(self, book: phrasebook.Phrasebook, convo: Conversation, text: str = "") -> Reply:
        """Take back the last thing this conversation recorded; the episode itself only
        after a spoken yes, and at once asked about when the words name the whole cramp
        ("delete that whole cramp"). Nothing older is ever removed by voice; a correction
        of an earlier cramp, made in this conversation, is taken back like its own steps."""
        assert self.journal is not None
        own = self.current is not None and self.steps and self.journal.find(self.current)
        newest_own = self.steps[-1][0] if own else 0
        newest_fix = self.fixes[-1][0] if self.fixes else 0
        if self.removed and self.removed[0] > max(newest_own, newest_fix):
            return self._undo_removal(book, convo)
        if self.fixes and (not own or newest_fix > newest_own):
            return self._undo_fix(book, convo)
        if not own:
            earlier = self.journal.episodes(since=convo.now() - timedelta(hours=EARLIER_FIX_H))
            # An older entry is never removed by voice; say how it can be.
            return Reply(say=[book.say("nothing_to_undo"),
                              *([book.say("undo_earlier_how")] if earlier else [])])
        hid, what = self.steps[-1]
        if what in ("episode", "closed") or _says(book, "whole_entry", text):
            self.asked_id = self.current
            return Reply(say=[book.say("confirm_delete")],
                         ask=Question(YES_NO, name="delete"))
        self.steps.pop()
        self._write(convo, lambda j: j.restore(hid, convo.now()))
        ep = self.journal.find(self.current)
        if what == "severity" and ep is not None and ep["severity"] is not None:
            # "Actually an eight", then "scratch that": the six is back, so say six, not
            # "taken back", which sounds like no rating at all.
            return Reply(say=[book.say("undone_severity_to", severity=ep["severity"])])
        return Reply(say=[book.say(f"undone_{what}")])

    def _undo_fix(self, book: phrasebook.Phrasebook, convo: Conversation) -> Reply:
        """Take back the newest correction of an earlier cramp ("last night it was a seven",
        yes, "scratch that"): the cramp keeps what it had before."""
        assert self.journal is not None
        hid, what, episode_id = self.fixes.pop()
        try:
            self._write(convo, lambda j: j.restore(hid, convo.now()))
        except JournalError:  # taken back already, with `log undo`
            return Reply(say=[book.say("nothing_to_undo")])
        # "both": a place and a rating changed in one yes; both come back.
        said = [] if what == "severity" else [
            book.say("undone_place" if what == "both" else f"undone_{what}")]
        if what in ("severity", "both"):
            ep = self.journal.find(episode_id)
            said.append(book.say("undone_severity") if ep is None or ep["severity"] is None
                        else book.say("undone_severity_to", severity=ep["severity"]))
        return Reply(say=said)

    def _confirm_severity(self, book: phrasebook.Phrasebook, convo: Conversation,
                          name: str | None) -> Reply:
        target, severity = self.asked_id, self.pending_severity
        self.asked_id = self.pending_severity = None
        if name != "answer.yes" or target is None or severity is None:
            return Reply(say=[book.say("kept")])
        self._remember(convo, target, convo.now(), "severity", severity=severity)
        return Reply(say=[book.say("severity_set", severity=severity)])

    def _confirm_delete(self, book: phrasebook.Phrasebook, convo: Conversation,
                        name: str | None) -> Reply:
        target, self.asked_id = self.asked_id, None
        if name != "answer.yes" or target is None or target != self.current:
            return Reply(say=[book.say("kept")])
        hid = self._write(convo, lambda j: j.delete(target, convo.now()))
        if target == self.open_id:
            self.open_id = None
        self.removed = (hid, target, self.steps) if hid is not None else None
        self.current, self.steps = self.earlier_own.pop() if self.earlier_own else (None, [])
        return Reply(say=[book.say("undone")], cancel_timers=True)

    def _make_current(self, episode_id: int | None, steps: list[tuple[int, str]]) -> None:
        """A new cramp of this conversation: the one before it is kept, to be current again
        if the person removes this one."""
        if self.current is not None and self.current != episode_id:
            self.earlier_own.append((self.current, self.steps))
        self.current, self.steps = episode_id, steps

    def _undo_removal(self, book: phrasebook.Phrasebook, convo: Conversation) -> Reply:
        """ "Remove it" – yes – "no, scratch that": the cramp comes back as it was, and is
        this conversation's to change again."""
        assert self.removed is not None
        hid, episode_id, steps = self.removed
        self.removed = None
        try:
            self._write(convo, lambda j: j.restore(hid, convo.now()))
        except JournalError:  # brought back already, with `log undo`
            return Reply(say=[book.say("nothing_to_undo")])
        self._make_current(episode_id, steps)
        return Reply(say=[book.say("undone_removal")])

    def _correct(self, book: phrasebook.Phrasebook, convo: Conversation,
                 slots: dict[str, Any], text: str = "",
                 which: dict[str, Any] | None = None) -> Reply:
        assert self.journal is not None
        ep = self.journal.find(self.current) if self.current is not None else None
        fields = {k: slots[k] for k in ("side", "muscle") if slots.get(k)}
        severity = slots.get("severity")
        named = self._named_earlier(book, text, convo.now())
        if named is None and which:
            # "The calf one was a three": the cramp of the past half day in that place.
            named = self._named_by_place(which, convo.now())
            if named is None:
                return Reply(say=[book.say("no_named", what=_place(book, which))])
            if named["id"] == self.current:
                named = None  # this conversation's own cramp: changed at once, as usual
        if ep is None or named is not None:
            return self._correct_earlier(book, convo, fields, severity, named)
        if not fields and severity is None:
            self.asked_id = ep["id"]
            return Reply(say=[book.say("ask_side")], ask=Question(("cramp.report",), name="side"))
        said = []
        if fields:
            self._remember(convo, ep["id"], convo.now(), _what(fields), **fields)
            said.append(book.say("corrected", what=_place(book, fields)))
        if severity is not None:
            # "No, it was a five": the rating of the last cramp, corrected; said with the
            # place ("six, and it was the right leg") both are kept.
            self._remember(convo, ep["id"], convo.now(), "severity", severity=severity)
            said.append(book.say("severity_set", severity=severity))
        return Reply(say=said)

    def _named_earlier(self, book: phrasebook.Phrasebook, text: str,
                       now: datetime) -> dict[str, Any] | None:
        """The cramp of the past half day that ``text`` names by its order ("the first one",
        "두 번째 거"), when there were more than one and it is not this conversation's own."""
        assert self.journal is not None
        order = book.data.get("ordinals", {})
        which = next((i for i, key in enumerate(("first", "second", "third"))
                      if _says(book, key, text, order)), None)
        if which is None:
            return None
        recent = self.journal.episodes(since=now - timedelta(hours=EARLIER_FIX_H))
        if len(recent) < 2 or which >= len(recent) or recent[which]["id"] == self.current:
            return None
        return recent[which]

    def _named_by_place(self, which: dict[str, Any], now: datetime) -> dict[str, Any] | None:
        """The latest cramp of the past half day at the place ``which`` names ("the *calf*
        one"); else the only one whose place was never said, which the confirming question
        names by its time."""
        assert self.journal is not None
        recent = self.journal.episodes(since=now - timedelta(hours=EARLIER_FIX_H))
        there = [ep for ep in recent if all(ep.get(k) == v for k, v in which.items())]
        unsaid = [ep for ep in recent if all(ep.get(k) in (None, v) for k, v in which.items())]
        if there:
            return max(there, key=lambda ep: parse_time(ep["started_at"]))
        return unsaid[0] if len(unsaid) == 1 else None

    def _correct_earlier(self, book: phrasebook.Phrasebook, convo: Conversation,
                         fields: dict[str, Any], severity: int | None,
                         ep: dict[str, Any] | None = None) -> Reply:
        """A correction with no cramp in this conversation ("it was my right leg actually",
        in the morning), or of the cramp named by its order: about ``ep``, else the last
        cramp logged in the past half day, if there is one, and changed only after a yes."""
        assert self.journal is not None
        ep = ep or self.journal.last()
        now = convo.now()
        if ep is None or not (fields or severity is not None) or (
                now - parse_time(ep["started_at"]) > timedelta(hours=EARLIER_FIX_H)):
            return Reply(say=[book.say("nothing_to_correct")])
        at = book.lang.clock_time(parse_time(ep["started_at"]).astimezone())
        if fields and severity is not None:
            change: dict[str, Any] = {**fields, "severity": severity}
            said = book.say("confirm_earlier_both", at=at, what=_place(book, fields),
                            severity=severity)
        elif fields:
            change = dict(fields)
            said = book.say("confirm_earlier_place", at=at, what=_place(book, fields))
        else:
            change = {"severity": severity}
            said = book.say("confirm_earlier_rating", at=at, severity=severity)
        self.asked_id, self.pending_fix = ep["id"], change
        return Reply(say=[said], ask=Question(YES_NO, name="change_earlier"))

    def _confirm_fix(self, book: phrasebook.Phrasebook, convo: Conversation,
                     name: str | None) -> Reply:
        target, change = self.asked_id, self.pending_fix
        self.asked_id = self.pending_fix = None
        if name != "answer.yes" or target is None or not change:
            return Reply(say=[book.say("kept")])
        hid = self._write(convo, lambda j: j.update(target, convo.now(), **change))
        place = {k: v for k, v in change.items() if k != "severity"}
        if hid is not None:
            what = "severity" if not place else "both" if "severity" in change else _what(place)
            self.fixes.append((hid, what, target))
        said = [book.say("corrected", what=_place(book, place))] if place else []
        if "severity" in change:
            said.append(book.say("severity_set", severity=change["severity"]))
        return Reply(say=said)

    def _offer_told(self, book: phrasebook.Phrasebook, convo: Conversation,
                    slots: dict[str, Any]) -> Reply | None:
        """ "I had a cramp last night", and nothing logged since yesterday afternoon: asked
        whether to note it, so the morning summary and the doctor's report count it."""
        assert self.journal is not None
        now = convo.now()
        if self.journal.episodes(since=now - timedelta(hours=TOLD_LOOKBACK_H)):
            return None  # logged when it happened (the summary tells it)
        self.pending_told = {k: slots[k] for k in ("side", "muscle") if slots.get(k)}
        return Reply(say=[book.say("offer_told")], ask=Question(YES_NO, name="add_told"))

    def _confirm_told(self, book: phrasebook.Phrasebook, convo: Conversation,
                      name: str | None) -> Reply:
        fields, self.pending_told = self.pending_told or {}, None
        if name != "answer.yes":
            return Reply(say=[book.say("not_added")])
        now = convo.now()
        # When it began was not heard: the entry carries the time it was told, says so,
        # and claims no length. Told after the night is over ("I had one last night", in
        # the afternoon), it is kept in that night, at its last minute: stamped with the
        # afternoon, no morning summary would count it.
        from .insights import parse_hhmm

        end = parse_hhmm(convo.config["summary.night_end"])
        night_end = now.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
        when = night_end - timedelta(minutes=1) if now >= night_end else now
        new_id = self._write(convo, lambda j: j.add(
            when, now, source=convo.source, ended_at=when.isoformat(), ended_by="told",
            notes=TOLD_NOTE, **fields))
        self._make_current(new_id, [(0, "closed")])
        self.asked_id = new_id
        return Reply(say=[*self._unsaved_notice(book), book.say("added_told"),
                          book.say("ask_severity")],
                     ask=Question(("log.severity",), name="severity",
                                  reask=book.say("reask_severity")))

    def _elapsed(self, book: phrasebook.Phrasebook, convo: Conversation) -> Reply:
        assert self.journal is not None
        lang = book.lang
        now = convo.now()
        if self.open_id is not None:
            started = parse_time(self.journal.get(self.open_id)["started_at"])
            dur = lang.duration((now - started).total_seconds())
            return Reply(say=[book.say("elapsed_open", duration=dur)])
        last = self.journal.find(self.current) if self.current is not None else None
        if (last and last["ended_at"] and last["duration_s"] is not None
                and now - parse_time(last["ended_at"]) < timedelta(hours=1)):
            return Reply(say=[book.say("elapsed_last", duration=lang.duration(last["duration_s"]))])
        # "How long since my last cramp?": none now, and when the newest one in the journal was
        # (by when it began, so a cramp logged by hand afterwards still counts at its time).
        episodes = self.journal.episodes()
        if not episodes:
            return Reply(say=[book.say("elapsed_none")])
        began = parse_time(episodes[-1]["started_at"]).astimezone(now.tzinfo)
        days = (now.date() - began.date()).days
        if days <= 0:
            since = book.say("last_began_today", time=lang.clock_time(began))
        elif days == 1:
            since = book.say("last_began_yesterday", time=lang.clock_time(began))
        else:
            since = book.say("last_began_days", days=lang.spell(days))
        return Reply(say=[book.say("elapsed_none"), since])


def _place(book: phrasebook.Phrasebook, fields: dict[str, Any]) -> str:
    """Where a cramp was, as the coach says it: "left calf", "calf", "left side"."""
    if "side" in fields and "muscle" in fields:
        return f"{book.name(fields['side'])} {book.name(fields['muscle'])}"
    if "side" in fields:
        return str(book.data["say"]["side_alone"]).format(side=book.name(fields["side"]))
    return book.name(fields["muscle"])


def _says(book: phrasebook.Phrasebook, key: str, text: str,
          table: dict[str, Any] | None = None) -> bool:
    """Whether ``text`` says one of the phrases listed under ``key`` (in ``[words]``, or in
    ``table``), as whole words."""
    phrases = (table if table is not None else book.data.get("words", {})).get(key, [])
    said = " " + " ".join(text.lower().replace("'", "").split()) + " "
    return any(f" {p} " in said for p in phrases)


def _book(convo: Conversation) -> phrasebook.Phrasebook | None:
    data = phrasebook.load(HERE, convo.language)
    return phrasebook.Phrasebook(data, convo.language) if data else None


def _what(fields: dict[str, Any]) -> str:
    return "place" if len(fields) > 1 else next(iter(fields))


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def _daily_backup(journal: Journal) -> None:
    from .backup import rolling

    try:
        rolling(journal)
    except (OSError, sqlite3.Error) as err:  # a missed backup must not stop the coach
        log.warning("journal: daily backup skipped: %s", err)


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
        where = " ".join(names[k] for k in (ep["side"], ep["muscle"]) if k)
        if ep["side"] and not ep["muscle"]:
            where = words["side_leg"].format(side=names[ep["side"]])
        when = lang.clock_time(parse_time(ep["started_at"]).astimezone(start.tzinfo))
        key = "episode" if where else "episode_plain"  # nowhere said: never "your cramp"
        if ep["ended_by"] == "told":
            lines.append(cap(words[f"{key}_told"].format(where=where)))
        elif ep["duration_s"] is not None:
            lines.append(cap(words[key].format(
                time=when, where=where, duration=lang.duration(ep["duration_s"]))))
        else:
            lines.append(cap(words[f"{key}_short"].format(time=when, where=where)))
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
