"""Relief coaching: talks someone through a cramp, step by step, with timed holds.

Routines, check-ins and every sentence are data in ``lang/<code>.toml``; this module only
walks them. Timers come back through ``crampcoach_timer``; holds are paced by the engine's
monotonic clock, so speaking never makes a hold drift.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from crampcoach.plugins.common import db as shared_db
from crampcoach.plugins.common import facts
from crampcoach.voice import hookimpl, phrasebook
from crampcoach.voice.messages import Intent, Question, Reply, Timer

from . import learning

HERE = Path(__file__).parent
CHECK_ANSWERS = ("answer.yes", "answer.no", "answer.unsure", "cramp.over")
LONG_CRAMP_S = 600
"""About ten minutes without easing: the brief's reason to get medical advice the same day."""
MUSCLE_QUESTION_S = 6.0
CHECK_ANSWER_S = 20.0
"""How long to wait for an answer to "Is it easing?": someone in pain answers slowly."""
"""How long to wait for "calf or foot?" before starting the calf routine anyway."""
SLOWER = 1.5

RESUME_AFTER_STOP_S = 15 * 60.0
"""How long after "stop" a "keep going" still means the cramp that was stopped."""
SIDES = ("left", "right")

def plugin() -> Relief:
    return Relief()


def _book(convo: Any) -> phrasebook.Phrasebook | None:
    data = phrasebook.load(HERE, convo.language)
    return phrasebook.Phrasebook(data, convo.language) if data else None


def _plain(text: str) -> str:
    """``text`` as the word lists are written: lower case, words only, no apostrophes."""
    return " ".join(re.findall(r"\w+", text.lower().replace("'", "")))


def _mentions(book: phrasebook.Phrasebook, words: str, text: str) -> bool:
    """Whether ``text`` says one of the language's ``[words]`` list named ``words``."""
    said = _plain(text)
    return any(re.search(rf"(^| ){re.escape(w)}( |$)", said)
               for w in book.data.get("words", {}).get(words, []))


def _starts(book: phrasebook.Phrasebook, words: str, text: str) -> bool:
    """Whether a word of ``text`` starts with one of the ``[words]`` list ``words`` ("the
    other legs", "어젯밤에"): unlike :func:`_mentions`, endings may follow."""
    said = _plain(text)
    return any(re.search(rf"(^| ){re.escape(w)}", said)
               for w in book.data.get("words", {}).get(words, []))


def _easing(book: phrasebook.Phrasebook, name: str | None, text: str) -> bool:
    """Whether what was said means the cramp is letting go, not gone: "a little" to "Has
    the cramp let go?", "it's easing", "좀 나아졌어" (but "it's gone, a bit sore" is gone)."""
    if _mentions(book, "gone", text):
        return False
    if name in ("answer.yes", "answer.unsure"):
        return _mentions(book, "partly", text)
    return name == "cramp.over" and (_mentions(book, "easing", text) or
                                     _mentions(book, "partly", text))


def _told_as_past(book: phrasebook.Phrasebook, text: str) -> str | None:
    """How a cramp is told when it is not one happening now: ``"told_past"`` for one that
    has been ("I had a cramp last night", "어젯밤에 쥐 났었어"), ``"told_habit"`` for how
    they usually come ("요즘 매일 밤 쥐가 나요"); ``None`` for one here now, or here again
    ("last night's cramp is back")."""
    def starts(name: str) -> bool:
        return _starts(book, name, text)

    if starts("here_now"):
        return None
    if starts("told_past") or (starts("told_past_weak") and starts("past_verb")):
        return "told_past"
    # "It happens every night, and it's cramping now": how they come, and one here now.
    return "told_habit" if starts("told_habit") and not starts("habit_but_now") else None


class Relief:
    """One conversation's coaching state."""

    def __init__(self) -> None:
        self.routine: list[dict[str, Any]] | None = None
        self.routine_name: str | None = None
        self.began_at = ""
        """Wall time coaching began: the key of this cramp's outcome."""
        self.step_log: list[tuple[str, float]] = []
        """(step id, monotonic start) of every step begun, for how long each took."""
        self.elapsed: Any = None
        self.muscle: str | None = None
        self.index = 0
        self.rep = 0
        self.return_to: int | None = None
        self.started = 0.0
        self.virtual_s = 0.0
        self.pace = 1.0
        self.awaiting_muscle = False
        self.muscle_reasked = False
        """ "Calf, foot or thigh?" was asked once more (no answer, or only a side)."""
        self.thigh: dict[str, Any] | None = None
        """Asked "front or back of your thigh?": the side said, and whether asked again."""
        self.stopped_for_flag = False
        """The stretches were stopped for a red flag; said how to start them again."""
        self.flag_tier: str | None = None
        """The tier of the last red flag that took the turn (after an emergency, nothing more
        is said of the stretches)."""
        self.last_side: str | None = None
        """The side of this conversation's last cramp: "now the other leg" is the other one."""
        self.last_muscle: str | None = None
        """The muscle of this conversation's last cramp: "it came back, same place"."""
        self.asked_side: str | None = None
        """The side worked out while "calf, foot or thigh?" is asked ("the other leg")."""
        self.stopped: tuple[float, str | None] | None = None
        """When the person said "stop" mid-routine, and the muscle: "keep going" within
        :data:`RESUME_AFTER_STOP_S` starts that cramp's stretches again."""
        self.checking = False
        self.held_on = False
        """The stretch was held once more because it was easing a little: once a cramp."""
        self.reasked = False
        self.paused = False
        self.held = False
        """Coaching waits while the safety plugin's question is open."""
        self.limits: set[str] = set()
        """What the person said they cannot do during this cramp ("stand", "reach")."""

    # -- hooks ---------------------------------------------------------------------------
    @hookimpl
    def crampcoach_intents(self, language: str) -> dict[str, Any] | None:
        return phrasebook.declaration(phrasebook.load(HERE, language))

    @hookimpl
    def crampcoach_handle_intent(self, intent: Intent, convo: Any) -> Reply | None:
        convo.facts.put(facts.Coaching(self.routine is not None))  # for the help plugin
        convo.facts.put(facts.OnlyEasing(False))  # for the journal; set in _control
        try:
            return self._handle(intent, convo)
        finally:
            # Kept true between turns too: the help plugin may hear the next one first.
            convo.facts.put(facts.Coaching(self.routine is not None))

    def _handle(self, intent: Intent, convo: Any) -> Reply | None:
        book = _book(convo)
        if book is None:
            return None
        name, slots = intent.name, intent.slots

        if name == "log.correct" and slots.get("side") in SIDES:
            self.last_side = slots["side"]
        if convo.asked in ("muscle", "thigh") and getattr(convo, "kept", False):
            # Said with a red flag ("my foot, and it's gone purple"): where it is, kept for
            # the journal; no stretches start on a leg that may need a doctor.
            side = slots.get("side") or self.asked_side or (self.thigh or {}).get("side")
            self._reset()
            return Reply(follow=[facts.located("relief", side, slots.get("muscle"))])
        if convo.asked == "muscle":
            side = slots.get("side") or self._other_side(book, intent.text) or self.asked_side
            if not slots.get("muscle") and not self.muscle_reasked and side in SIDES:
                # "Left" to "calf, foot or thigh?": the side kept, the muscle asked once more
                # (never "your left calf" on a guess).
                self.muscle_reasked, self.asked_side = True, side
                return Reply(say=[book.say("ask_muscle_side", side=book.name(side))],
                             ask=self._muscle_question(),
                             follow=[facts.located("relief", side)])
            self.awaiting_muscle = False
            reply = self._start_or_ask(book, convo, slots.get("muscle") or "calf", side,
                                       intent.text)
            # Only the asker hears an answer: tell the others where the cramp is (only what
            # the person said, never the calf routine's default).
            reply.follow.append(facts.located("relief", side, slots.get("muscle")))
            return reply
        if convo.asked == "thigh":
            return self._thigh_answer(book, convo, intent)
        if name == "cramp.report" and getattr(convo, "kept", False):
            return self._kept_report(book, convo, intent.text)
        if name == "cramp.report":
            self.stopped = None
            told = None if self.routine is not None or self.awaiting_muscle else \
                _told_as_past(book, intent.text)
            # The journal logs no cramp now; one of last night it offers to note.
            convo.facts.put(facts.ToldAsPast(
                told is not None,
                told == "told_past" and _starts(book, "told_last_night", intent.text)))
            if told:
                # "My calf is still sore from last night's cramp", "they come every night":
                # no stretches, no new entry.
                return Reply(say=[book.say(told)])
            place = self._place_again(book, slots, intent.text)
            if not place:
                return self._report(book, convo, slots, intent.text)
            # "Now the other leg", "it came back, same place": worked out, and the journal
            # told it (only an idle coach: mid-routine the cramp under way goes on).
            reply = self._report(book, convo, {**slots, **place}, intent.text)
            reply.follow.append(facts.located("relief", place.get("side"), place.get("muscle")))
            return reply
        if name == "chat.never_mind" and (self.routine is not None or self.awaiting_muscle
                                          or self.thigh is not None):
            # "Cramp… never mind", "forget it" mid-routine or to "Has the cramp let go?": no
            # more stretches or asking; the journal hears it was stopped, and a routine
            # under way is stopped as with "stop" ("keep going" soon after takes it up again).
            if self.routine is not None:
                self._remember(convo, let_go=None)
                self.stopped = (convo.elapsed(), self.muscle)
            self._reset()
            return Reply(cancel_timers=True,
                         follow=[Intent("coach.stop", {}, "relief", intent.text)])
        if name == "safety.symptom":
            if intent.advisory:
                return None  # advice: the coaching goes on
            self.flag_tier = slots.get("tier")
            if self.routine is not None or self.awaiting_muscle or self.thigh is not None:
                self._reset()
                if slots.get("tier") == "emergency":
                    return Reply(cancel_timers=True)  # nothing to distract from the call
                # Never a silent stop: the person may still be cramping.
                self.stopped_for_flag = True
                return Reply(say=[book.say("stopped_for_flag")], cancel_timers=True)
            return None
        if name == "safety.check" and self.routine is not None and not self.held:
            # One safety question comes first: the holds wait for its answer.
            self.held = True
            return Reply(pause_timers=True)
        if name == "safety.clear" and self.held:
            self.held = False
            reply = Reply(pause_timers=False)
            if self.checking:  # the check-in it was asking was dropped for the question
                reply.say.append(book.say("check"))
                reply.ask = self._check_question(book)
            return reply
        if name == "coach.usual":
            return self._usual(book, convo)
        if self.routine is None:
            return self._idle(book, convo, name, intent.text)
        return self._control(book, convo, intent)

    @hookimpl
    def crampcoach_summary_lines(self, night_start: Any, night_end: Any,
                                 convo: Any) -> list[str] | None:
        """After a night with a coached cramp that let go: what has helped most, if clear."""
        book = _book(convo)
        if book is None:
            return None
        try:
            if learning.usual_order(convo.data_dir):
                return None
            history = learning.outcomes(convo.data_dir)
        except shared_db.DatabaseError:
            return None
        last_night = [o for o in history if o.let_go and
                      night_start <= datetime.fromisoformat(o.started_at) < night_end]
        if not last_night:
            return None
        routine = last_night[-1].routine
        steps = book.data["routines"].get(routine, [])
        mine = [o for o in history if o.routine == routine]
        best = learning.favourite(mine, steps)
        if best is None:
            return None
        counts = learning.tally(mine, steps)
        return [book.data["learned"]["summary"].format(
            step=_step_name(book, best), count=counts[best], total=sum(counts.values()))]

    @hookimpl
    def crampcoach_report_sections(self, data_dir: Any) -> list[str] | None:
        try:
            history = learning.outcomes(data_dir)
            usual = learning.usual_order(data_dir)
        except shared_db.DatabaseError:
            return None
        data = phrasebook.load(HERE, "en")
        if not history or data is None:
            return None
        return [learning.report_section(history, data["routines"], data["learned"]["steps"],
                                        usual)]

    @hookimpl
    def crampcoach_timer(self, name: str, data: dict[str, Any], convo: Any) -> Reply | None:
        try:
            return self._timer_due(name, data, convo)
        finally:
            convo.facts.put(facts.Coaching(self.routine is not None))  # as after each intent

    def _timer_due(self, name: str, data: dict[str, Any], convo: Any) -> Reply | None:
        book = _book(convo)
        if book is None:
            return None
        if name == "question.timeout":
            if data.get("question") == "muscle" and self.awaiting_muscle:
                if not self.muscle_reasked:
                    self.muscle_reasked = True  # asked once more, saying what comes next
                    return Reply(say=[book.say("ask_muscle_again")], ask=self._muscle_question())
                self.awaiting_muscle = False
                # Still no answer: the commonest place, said to be a guess.
                reply = self._start(book, convo, "calf", self.asked_side)
                reply.say[0] = book.say("start_guess")
                return reply
            if data.get("question") == "thigh" and self.thigh is not None:
                return self._thigh_unanswered(book, convo)
            if data.get("question") == "check" and self.checking:
                if not self.reasked:
                    # Asked once more, gently, before moving on.
                    self.reasked = True
                    return Reply(say=[book.say("check_again")], ask=self._check_question(book))
                # Still no answer: the person may be busy stretching; carry on gently.
                self.checking = False
                return self._advance(book, convo, Reply())
            return None
        if self.routine is None:
            return None
        step = self.routine[self.index]
        if name == "mark":
            return Reply(say=[book.say("remaining", seconds=data["remaining"])])
        if name == "hold.end":
            reply = Reply(say=[book.say("release")])
            if self.rep + 1 < int(step.get("reps", 1)):
                self.rep += 1
                reply.say.append(book.say("rest"))
                reply.timers.append(self._timer(float(step.get("rest", 10)), "rest.end"))
                return reply
            return self._after_step(book, convo, step, reply)
        if name == "rest.end":
            reply = Reply(say=[book.say("again")])
            self._hold(book, step, reply)
            return reply
        if name == "wait.end":
            return self._after_step(book, convo, step, Reply())
        return None

    # -- conversation --------------------------------------------------------------------
    def _kept_report(self, book: phrasebook.Phrasebook, convo: Any, text: str) -> Reply | None:
        """A cramp said in the same breath as a red flag that took the turn ("my calf is
        cramping, I think it's a bit swollen"): no stretches on a leg that may need a doctor,
        and one line saying so; the journal logs the cramp. After an emergency, nothing is
        said that could distract from the call."""
        told = _told_as_past(book, text) is not None or (
            # "Last week I had a cramp, and now my calf is swollen": the "now" is the sign's.
            (_starts(book, "told_past", text)
             or (_starts(book, "told_past_weak", text) and _starts(book, "past_verb", text)))
            and not _starts(book, "cramp_now", text))
        here = not told and _starts(book, "cramp_word", text)
        convo.facts.put(facts.ToldAsPast(told, False))
        convo.facts.put(facts.CrampBesideFlag(here))
        if not here or self.routine is not None or self.awaiting_muscle or self.stopped_for_flag:
            return None  # a story, or already told the stretches were stopped
        self.stopped_for_flag = True
        if self.flag_tier == "emergency":
            return None
        return Reply(say=[book.say("held_for_flag")])

    def _report(self, book: phrasebook.Phrasebook, convo: Any, slots: dict[str, Any],
                text: str = "") -> Reply:
        muscle = slots.get("muscle")
        if self.routine is None:
            if muscle is None:
                self.awaiting_muscle, self.muscle_reasked = True, False
                self.asked_side = slots.get("side")
                return Reply(say=[book.say("ask_muscle")], ask=self._muscle_question())
            return self._start_or_ask(book, convo, muscle, slots.get("side"), text)
        same_routine = not muscle or \
            book.data["routine_for"].get(muscle) == self._routine_name(book)
        side = self._other_side(book, text)
        if side is None and slots.get("side") in SIDES and _starts(book, "also", text):
            side = slots["side"]  # "my right one too"; "my right calf" alone may be a slip
        both = slots.get("side") == "both" or (
            side is not None and self.last_side in SIDES and side != self.last_side)
        if same_routine and both:
            # "Now the other leg too" while one is being stretched: both legs, the same
            # stretches; the hold under way goes on.
            return Reply(say=list(book.data["say"]["both_legs"]),
                         follow=[facts.located("relief", "both")])
        if not same_routine:
            return self._start_or_ask(book, convo, muscle, slots.get("side"), text)
        reply = Reply(say=[book.say("still_here")], cancel_timers=True)
        return self._begin_step(book, reply)

    def _idle(self, book: phrasebook.Phrasebook, convo: Any, name: str | None,
              text: str = "") -> Reply | None:
        if name == "coach.repeat" and convo.last_said:
            return Reply(say=list(convo.last_said))
        if self.stopped_for_flag and name in ("coach.next", "coach.resume", "answer.no"):
            # "next", "it still hurts" after the stretches were stopped for a red flag.
            return Reply(say=[book.say("stopped_for_flag")])
        advice = convo.facts.get(facts.UrgentAdvice)
        if name == "cramp.over" and (self.stopped_for_flag or advice and advice.tier):
            return None  # no "Good" after a red flag: the safety plugin says its advice again
        stopped = self.stopped
        if stopped and convo.elapsed() - stopped[0] <= RESUME_AFTER_STOP_S:
            if name == "coach.resume":
                # "Stop… keep going": the same cramp again (the journal reopens its entry).
                self.stopped = None
                slots = {"muscle": stopped[1]} if stopped[1] else {}
                return Reply(follow=[Intent("cramp.report", slots, "relief", "")])
            if name == "answer.no":  # "it's still cramping", "it still hurts"
                return Reply(say=[book.say("stopped_offer")])
        if name == "coach.next" and self.last_muscle is not None and \
                convo.last_plugin in ("relief", "journal") and not convo.waiting_for and \
                _starts(book, "another", text):
            # "Here comes another one" after a cramp this conversation coached: a new cramp.
            return Reply(follow=[Intent("cramp.report", {}, "relief", "")])
        if name == "coach.resume":
            return Reply(say=[book.say("nothing_to_resume")])
        if name == "cramp.over" and not stopped and convo.waiting_for is None \
                and not convo.asked:
            # "It's gone" with no cramp being coached: good news, not silence.
            return Reply(say=[book.say("over_idle")])
        return None

    def _control(self, book: phrasebook.Phrasebook, convo: Any, intent: Intent) -> Reply | None:
        name = intent.name
        if name == "coach.next":
            return self._advance(book, convo, Reply(cancel_timers=True))
        if name == "coach.repeat":
            self.checking = False
            return self._begin_step(book, Reply(cancel_timers=True))
        if name == "coach.pause":
            self.paused = True
            return Reply(say=[book.say("pause")], pause_timers=True)
        if name == "coach.resume":
            if not self.paused:
                return None
            self.paused = False
            return Reply(say=[book.say("resume")], pause_timers=False)
        if name == "coach.slower":
            self.pace = SLOWER
            return Reply(say=[book.say("slower")])
        if name == "coach.stop":
            self._remember(convo, let_go=None)
            self.stopped = (convo.elapsed(), self.muscle)
            self._reset()
            return Reply(say=[book.say("stop")], cancel_timers=True)
        easing = _easing(book, name, intent.text)
        if easing and convo.asked != "check":
            convo.facts.put(facts.OnlyEasing(True))
            # "It's easing" mid-stretch: good news, not the end; the stretch goes on.
            return Reply(say=[book.say("easing_partly")])
        if name == "cramp.over" and convo.asked != "check":
            # The step under way (or just done, if "it's gone" answered its check-in).
            self._remember(convo, let_go=self.routine[self.index]["id"])
            self._reset()
            return Reply(say=[book.say("over"), book.say("aftercare")], cancel_timers=True)
        if name == "coach.alternative":
            return self._alternative(book, convo, intent.slots.get("limit"))
        if name == "log.correct":
            return self._corrected(book, convo, intent)
        if self.checking and convo.asked == "check":
            self.checking = False
            if easing:
                # "a little": easing, not gone. Saying "the cramp has let go" would be
                # untrue. The stretch that is helping is held once more; after that the
                # routine goes on to its next step.
                reply = Reply(say=[book.say("easing_partly")], cancel_timers=True)
                if self.held_on:
                    return self._advance(book, convo, reply)
                self.held_on = True
                return self._begin_step(book, reply)
            if name in ("answer.yes", "cramp.over"):
                return Reply(follow=[Intent("cramp.over", {}, "relief", intent.text)])
            # "no", "not sure", "still hurts": try the next technique.
            return self._advance(book, convo, Reply(say=[book.say("next_technique")]))
        return None

    def _place_again(self, book: phrasebook.Phrasebook, slots: dict[str, Any],
                     text: str) -> dict[str, str]:
        """Where a cramp told by reference is: the other side of the last cramp, or the same
        place again ("it came back", "same spot"). Empty when nothing refers back, when
        the place was said, or mid-routine."""
        if self.routine is not None or slots.get("side"):
            return {}
        other = self._other_side(book, text)
        if other is not None:
            return {"side": other}
        if slots.get("muscle") or self.last_muscle is None or \
                not _starts(book, "same_place", text):
            return {}
        place = {"muscle": self.last_muscle}
        if self.last_side is not None:
            place["side"] = self.last_side
        return place

    def _other_side(self, book: phrasebook.Phrasebook, text: str) -> str | None:
        """The side opposite this conversation's last cramp, when ``text`` says "the other"."""
        if self.last_side is None or not _starts(book, "other_side", text):
            return None
        return "right" if self.last_side == "left" else "left"

    def _corrected(self, book: phrasebook.Phrasebook, convo: Any, intent: Intent) -> Reply | None:
        """ "Actually it was my calf" mid-routine: the journal changes the record and says
        so; the stretches change with it, from the first step of the right routine. A foot
        stretch does nothing for a calf, and the thigh's two parts need opposite stretches."""
        muscle = intent.slots.get("muscle")
        if not muscle or book.data["routine_for"].get(muscle) == self.routine_name:
            return None  # only the side changed: the same stretches suit it
        reply = self._start_or_ask(book, convo, muscle, intent.slots.get("side"), intent.text)
        if self.routine is not None:
            reply.say = reply.say[1:]  # "Okay. Your left calf.": the journal has just said it
        return reply

    def _alternative(self, book: phrasebook.Phrasebook, convo: Any, limit: str | None) -> Reply:
        assert self.routine is not None
        if limit:
            # "I can't stand" holds for the rest of this cramp: no later step asks it again.
            self.limits.add(limit)
        step = self.routine[self.index]
        alts = step.get("alt", {})
        target = alts.get(limit) if limit else next(iter(alts.values()), None)
        if target is None and not limit:
            # "Something different" where this step has no stand-in: the next technique.
            return self._advance(book, convo, Reply(say=[book.say("next_technique")],
                                                    cancel_timers=True))
        if target is None:
            return Reply(say=[book.say("no_alternative")])
        self.return_to = self.index + 1
        self.index = self._index_of(target)
        return self._begin_step(book, Reply(cancel_timers=True))

    # -- which part of the thigh ----------------------------------------------------------
    def _start_or_ask(self, book: phrasebook.Phrasebook, convo: Any, muscle: str,
                      side: str | None, text: str) -> Reply:
        """Start the routine for ``muscle``; but "my thigh" alone is asked about first: the
        front and the back are stretched in opposite ways, and the wrong one tightens the
        cramp further."""
        if muscle != "thigh" or _mentions(book, "front_of_thigh", text):
            return self._start(book, convo, muscle, side)
        self._reset()
        self.thigh = {"side": side, "asked_again": False}
        return Reply(say=[book.say("ask_thigh")], ask=self._thigh_question(),
                     cancel_timers=True)

    @staticmethod
    def _muscle_question() -> Question:
        return Question(("cramp.report",), MUSCLE_QUESTION_S, name="muscle")

    @staticmethod
    def _thigh_question() -> Question:
        return Question(("relief.thigh_part", "cramp.report"), MUSCLE_QUESTION_S, name="thigh")

    def _thigh_answer(self, book: phrasebook.Phrasebook, convo: Any, intent: Intent) -> Reply:
        assert self.thigh is not None
        part, muscle = intent.slots.get("thigh_part"), intent.slots.get("muscle")
        side = intent.slots.get("side") or self.thigh["side"]
        if part is None and muscle == "thigh" and _mentions(book, "front_of_thigh", intent.text):
            part = "front"
        if part is None and muscle in (None, "thigh"):
            return self._thigh_unanswered(book, convo)
        self.thigh = None
        muscle = {"front": "thigh", "back": "hamstring"}.get(part or "", muscle)
        reply = self._start(book, convo, muscle, side)
        reply.follow.append(facts.located("relief", side, muscle))
        return reply

    def _thigh_unanswered(self, book: phrasebook.Phrasebook, convo: Any) -> Reply:
        """Asked once more; then, still not knowing, only what helps either part: kneading."""
        assert self.thigh is not None
        if not self.thigh["asked_again"]:
            self.thigh["asked_again"] = True
            return Reply(say=[book.say("ask_thigh_again")], ask=self._thigh_question())
        side, self.thigh = self.thigh["side"], None
        return self._start(book, convo, "thigh_unplaced", side)

    # -- routine walking -----------------------------------------------------------------
    def _start(
        self, book: phrasebook.Phrasebook, convo: Any, muscle: str, side: str | None
    ) -> Reply:
        routine_name = book.data["routine_for"].get(muscle, "calf")
        self._reset()
        self.stopped_for_flag = False
        steps = book.data["routines"][routine_name]
        lead = self._lead(convo, routine_name, steps)
        self.routine = learning.ordered(steps, lead)
        self.routine_name = routine_name
        self.muscle = self.last_muscle = muscle
        self.started = convo.elapsed()
        self.elapsed = convo.elapsed
        self.began_at = convo.now().isoformat(timespec="seconds")
        if side in SIDES:
            self.last_side = side
            first = book.say("start_side", side=book.name(side), muscle=book.name(muscle))
        else:
            first = book.say("start", muscle=book.name(muscle))
        said = [first]
        if lead:
            said.append(book.data["learned"]["lead"].format(step=_step_name(book, lead)))
        return self._begin_step(book, Reply(say=said, cancel_timers=True))

    # -- what works for you --------------------------------------------------------------
    @staticmethod
    def _lead(convo: Any, routine_name: str, steps: list[dict[str, Any]]) -> str | None:
        """The step this person's own record says to lead with, if any."""
        try:
            if learning.usual_order(convo.data_dir):
                return None
            return learning.favourite(learning.outcomes(convo.data_dir, routine_name), steps)
        except shared_db.DatabaseError:
            return None  # no record to learn from: the usual order, coaching goes on

    def _remember(self, convo: Any, let_go: str | None) -> None:
        """Keep this cramp's outcome: the steps, how long each took, the one that worked."""
        if self.routine_name is None or self.elapsed is None:
            return
        now = self.elapsed()
        steps = [(sid, max(0.0, end - start)) for (sid, start), end in zip(
            self.step_log, [t for _, t in self.step_log[1:]] + [now], strict=True)]
        outcome = learning.Outcome(self.began_at, self.routine_name, let_go, steps,
                                   max(0.0, now - self.started))
        try:
            learning.record(convo.data_dir, outcome)
        except (shared_db.DatabaseError, sqlite3.Error):  # sqlite3's own: a locked file
            pass  # the journal tells the person once when nothing can be saved

    def _usual(self, book: phrasebook.Phrasebook, convo: Any) -> Reply:
        """ "Do it the usual way": the default order from now on, this cramp included."""
        try:
            learning.set_usual_order(convo.data_dir, True)
        except (shared_db.DatabaseError, sqlite3.Error):
            pass
        reply = Reply(say=[book.data["learned"]["usual"]])
        if self.routine is None or self.routine_name is None:
            return reply
        current = self.routine[self.index]["id"]
        self.routine = book.data["routines"][self.routine_name]
        self.index = self._index_of(current)
        return reply

    def _routine_name(self, book: phrasebook.Phrasebook) -> str | None:
        return self.routine_name

    def _begin_step(self, book: phrasebook.Phrasebook, reply: Reply) -> Reply:
        assert self.routine is not None
        step = self.routine[self.index]
        self.rep = 0
        self.checking = False
        if self.elapsed is not None:
            self.step_log.append((step["id"], self.elapsed()))
        reply.say.extend(step["say"])
        if step.get("hold"):
            self._hold(book, step, reply)
        else:
            reply.timers.append(self._timer(float(step.get("wait", 3)), "wait.end"))
        return reply

    def _hold(self, book: phrasebook.Phrasebook, step: dict[str, Any], reply: Reply) -> None:
        seconds = int(step["hold"])
        reply.say.append(book.say("hold", seconds=seconds))
        for remaining in (20, 10):
            if seconds >= remaining + 10:
                reply.timers.append(
                    self._timer(seconds - remaining, "mark", {"remaining": remaining})
                )
        reply.timers.append(self._timer(seconds, "hold.end"))

    def _timer(self, seconds: float, name: str, data: dict[str, Any] | None = None) -> Timer:
        return Timer(seconds * self.pace, name, data or {})

    def _after_step(
        self, book: phrasebook.Phrasebook, convo: Any, step: dict[str, Any], reply: Reply
    ) -> Reply:
        self.virtual_s += float(step.get("hold", step.get("wait", 0))) * max(
            1, int(step.get("reps", 1))
        )
        reply.follow.append(facts.step_done("relief", step["id"]))
        if step.get("check"):
            self.checking = True
            reply.say.append(book.say("check"))
            reply.ask = self._check_question(book)
            self.reasked = False
            return reply
        return self._advance(book, convo, reply)

    @staticmethod
    def _check_question(book: phrasebook.Phrasebook) -> Question:
        return Question(CHECK_ANSWERS, CHECK_ANSWER_S, name="check",
                        reask=book.say("reask_check"))

    def _advance(self, book: phrasebook.Phrasebook, convo: Any, reply: Reply) -> Reply:
        assert self.routine is not None
        self.checking = False
        nxt = self.return_to if self.return_to is not None else self.index + 1
        self.return_to = None
        nxt = self._next_allowed(nxt)
        if nxt >= len(self.routine):
            elapsed = max(convo.elapsed() - self.started, self.virtual_s)
            if elapsed >= LONG_CRAMP_S:
                reply.say.append(book.say("see_doctor_today"))
            reply.say.append(book.say("round_again"))
            self.pace = SLOWER
            nxt = self._next_allowed(self._first_active_step())
        self.index = nxt
        reply.cancel_timers = True
        return self._begin_step(book, reply)

    def _next_allowed(self, nxt: int) -> int:
        """The first step from ``nxt`` on that is neither optional nor one the person said
        they cannot do; such a step gives way to its stand-in (then the routine goes on
        after it), unless that stand-in is the step just done."""
        assert self.routine is not None
        while nxt < len(self.routine):
            step = self.routine[nxt]
            alts = step.get("alt", {})
            target = next((alts[limit] for limit in sorted(self.limits) if limit in alts), None)
            stand_in = None if target is None else self._index_of(target)
            if step.get("optional") or stand_in == self.index:
                nxt += 1
                continue
            if stand_in is None:
                return nxt
            self.return_to = nxt + 1
            return stand_in
        return nxt

    def _first_active_step(self) -> int:
        # Going round again skips "sit up": the person is already in place.
        assert self.routine is not None
        for i, step in enumerate(self.routine):
            if step.get("hold") and not step.get("optional"):
                return i
        return 0

    def _index_of(self, step_id: str) -> int:
        assert self.routine is not None
        for i, step in enumerate(self.routine):
            if step["id"] == step_id:
                return i
        raise KeyError(step_id)

    def _reset(self) -> None:
        self.routine = None
        self.routine_name = None
        self.step_log = []
        self.elapsed = None
        self.index = self.rep = 0
        self.return_to = None
        self.checking = self.paused = self.awaiting_muscle = self.held = self.held_on = False
        self.thigh = None
        self.limits = set()
        self.pace = 1.0
        self.virtual_s = 0.0


def _step_name(book: phrasebook.Phrasebook, step: str) -> str:
    return str(book.data["learned"]["steps"].get(step, step))
