"""The conversation: routes intents to plugins, keeps their timers and open questions.

It knows nothing of audio or of cramps. Text (typed or recognised) comes in through
:meth:`Dialogue.hear`; what the coach says leaves through the ``speak`` callback, one
:class:`~crampcoach.voice.messages.Said` per sentence. Time comes from an injected clock:
plugin timers are scaled by ``time_scale`` (0 runs holds instantly), while the windows that wait
for a person's answer are not, since a person answers at their own speed.
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from crampcoach.voice.clock import Clock
from crampcoach.voice.facts import Facts
from crampcoach.voice.host import PluginFailure, PluginHost
from crampcoach.voice.intents import IntentMatcher
from crampcoach.voice.language import Language
from crampcoach.voice.messages import Intent, Question, Reply, Said, Timer

log = logging.getLogger(__name__)
MAX_FOLLOW_DEPTH = 8
"""How deep replies may follow with further intents before the chain is cut."""


@dataclass
class Conversation:
    """What a plugin may know about the conversation it is answering in."""

    clock: Clock
    language: str
    data_dir: Path
    config: Any
    facts: Facts = field(default_factory=Facts)
    """Typed facts the plugins of this conversation share (:mod:`crampcoach.voice.facts`)."""
    problems: list[str] = field(default_factory=list)
    """What a plugin could not do and the person was told of (e.g. "could not save"): the
    command that ran the conversation exits non-zero when any is listed."""
    asked: str | None = None
    """The name of the question the current intent answers, if it answers one."""
    waiting_for: str | None = None
    """The name of a question still open that the current intent does not answer."""
    kept: bool = False
    """True while what was said together with a red flag is handed on only to be kept
    ("eight, and my calf is swollen"; "my calf is cramping, and it's swollen"): record what it
    says; start nothing. What the reply asks or schedules is dropped, and what it says too
    when it answers an open question."""
    source: str = "text"
    """How the person talks to the coach: ``text`` (chat) or ``voice`` (listen)."""
    room: str = ""
    """Where the conversation happens when the coach listens in several places at once
    (a satellite's name or address); empty for this machine's own microphone."""
    last_said: list[str] = field(default_factory=list)
    """What the coach said in its last turn, for "say that again"."""
    last_plugin: str = ""
    """The plugin whose words were said last: what "another one" or "next" follows on from
    when nothing is under way (another tip after a tip)."""
    call: Callable[..., list[tuple[str, Any]]] = field(default=lambda *a, **k: [])
    """Call a hook on every plugin, failures contained: ``convo.call("crampcoach_tips",
    language="en")`` → ``[(plugin, result)]``."""

    def now(self) -> datetime:
        return self.clock.now()

    def settings(self, plugin: str) -> dict[str, Any]:
        """``plugin``'s own settings (declared with ``crampcoach_settings``), by short name."""
        return dict(self.config.settings(plugin))

    def exit_status(self) -> int:
        """0, or 1 with the problems told on stderr in one line, when the conversation ends."""
        if not self.problems:
            return 0
        print(f"crampcoach: error: {'; '.join(dict.fromkeys(self.problems))}", file=sys.stderr)
        return 1

    def elapsed(self) -> float:
        return self.clock.monotonic()


def _seconds(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and \
        0 <= value < 86_400


def malformed(reply: Any) -> str | None:
    """What is wrong with a plugin's reply, or None: a bare string in ``say`` would be spoken
    letter by letter, a NaN delay would never fire and break the timer order."""
    if not isinstance(reply, Reply):
        return f"returned {type(reply).__name__}, not a Reply"
    if not isinstance(reply.say, list | tuple) or not all(isinstance(t, str) for t in reply.say):
        return "say is not a list of sentences"
    if not all(isinstance(t, Timer) and _seconds(t.delay_s) for t in reply.timers):
        return "a timer is not a Timer with a delay from 0 to a day"
    if not all(isinstance(i, Intent) for i in reply.follow):
        return "follow is not a list of Intents"
    q = reply.ask
    if q is not None and not (isinstance(q, Question) and isinstance(q.expects, tuple | list)
                              and (q.timeout_s is None or _seconds(q.timeout_s))):
        return "ask is not a Question with a timeout from 0 to a day"
    return None


@dataclass
class _OpenQuestion:
    plugin: str
    question: Question
    deadline: float
    wait: float
    """How long the person has to answer once the question has been said."""
    reasked: bool = False
    """Its ``reask`` has been said (once per question)."""


class Dialogue:
    """Holds one conversation: idle, coaching (plugin timers running), or asking."""

    def __init__(
        self,
        host: PluginHost,
        matcher: IntentMatcher,
        language: Language,
        convo: Conversation,
        speak: Callable[[Said], None],
        time_scale: float = 1.0,
        follow_up_s: float = 8.0,
    ):
        self.host = host
        self.matcher = matcher
        self.language = language
        self.convo = convo
        self.speak = speak
        self.time_scale = time_scale
        self.follow_up_s = follow_up_s
        self.question: _OpenQuestion | None = None
        self._timers: list[tuple[float, int, str, Timer]] = []
        self._paused: dict[str, float] = {}
        self._seq = itertools.count()
        self.speaking: Callable[[], bool] = lambda: False
        """True while the coach's voice is still being played to the person (``listen`` sets
        it): the wait for an answer starts once the question has been heard to its end."""
        self.on_intent: Callable[[Intent, str], None] | None = None
        """Told every intent acted on, with a short reason (see :mod:`crampcoach.voice.trace`)."""
        self._depth = 0
        self._quiet = False
        """While True, replies are dropped: only what a plugin records itself is kept."""
        self._say_only = False
        """While True, replies are said, but ask nothing and set no timer (kept beside a red
        flag)."""
        self._turn_failed = self._turn_spoke = False
        """Whether a plugin failed, and whether anything was said, since the last utterance."""

    # -- input ---------------------------------------------------------------------------
    def unsure(self) -> None:
        """Something was said, but not clearly enough to act on: ask for it again."""
        self._say([Said(self.language.sentences["unsure"], "engine")])

    def hear(self, text: str, confidence: float = 1.0, open_text: str | None = None,
             open_confidence: float = 1.0) -> Intent:
        """Understand ``text`` and act on it; returns the intent it was taken as.

        Screening comes first, in every state: what a screen finds (a red flag) outranks
        the open question's answers, the controls and the routine. Pass every utterance
        here, including one said over the coach's voice (then cut the speech if
        :meth:`screen` finds something), with the recogniser's ``confidence`` (0..1).

        ``open_text`` is the open-vocabulary reading of the same audio (what was said in any
        words, :mod:`crampcoach.voice.openvocab`), with its own confidence. It is screened
        first, then ``text``: the grammar's reading can only be one of its phrases, so a
        description in the person's own words reaches the screens only through it. Nothing
        else is done with it: an empty ``text`` (no phrase was heard) acts only when a screen
        finds something in ``open_text``.
        """
        self._turn_failed = self._turn_spoke = False
        try:
            return self._hear(text, confidence, open_text, open_confidence)
        finally:
            if self._turn_failed and not self._turn_spoke:
                # A plugin failed and nobody answered: the person must not be left with
                # silence. When another plugin answered, the failure is only logged.
                self._say([Said(self.language.sentences["plugin_failed"], "engine")])

    def _hear(self, text: str, confidence: float, open_text: str | None = None,
              open_confidence: float = 1.0) -> Intent:
        screened = None
        readings = [("the open reading", open_text, open_confidence), ("", text, confidence)]
        for which, said, conf in readings:
            screened = self.screen(said, conf) if said else None
            if screened is None:
                continue
            asked = self._open_question()
            if not screened.advisory:
                self.question = None
            self._note(screened, f"a screen found it (plugin {screened.plugin})"
                       + (f" in {which} {said!r}" if which else ""))
            self.handle(screened)
            if not screened.advisory:
                if asked is not None and text:
                    self._keep_answer(text, asked)
                elif text:
                    self._keep_beside(text)
                return screened
            break
        if not text and open_text is not None:
            return screened or Intent(None, {}, None, "")
        q = self._open_question()
        prefer = q.question.expects if q else ()
        intent = self.matcher.match(text, prefer=prefer, exclude=self.matcher.screened)
        if screened is not None and intent.name is None:
            return screened  # the advice was the answer: no "didn't catch that" after it
        if self.on_intent is not None:
            self._note(intent, self._why(text, intent, prefer, q))
        self.handle(intent)
        return intent

    def _keep_answer(self, text: str, q: _OpenQuestion) -> None:
        """Keep a value said in the same breath as a red flag ("eight, and my calf is
        swollen"): the advice outranked the question, but what was said is not lost. The
        asking plugin records it without a word (``convo.kept``): nothing said after the
        advice may bury it, and nothing starts from it (no new question, no stretch for a
        leg that may be swollen)."""
        answer = self.matcher.answer_in(text, q.question.expects)
        if answer.name not in q.question.expects or not answer.slots:
            return  # a bare "no" or "a bit" carries nothing to keep
        self._note(answer, f"the answer to question {q.question.name or 'open'}, said with "
                   "what a screen found: kept without a word")
        self.question, self._quiet, self.convo.kept = q, True, True
        try:
            self.handle(answer)
        finally:
            self.question, self._quiet, self.convo.kept = None, False, False

    def _keep_beside(self, text: str) -> None:
        """Keep what was said in the same breath as a red flag, no question open, when its
        intent is declared ``kept_beside_screen`` ("my calf is cramping, I think it's a bit
        swollen": the cramp is logged). It is handed on with ``convo.kept``: the plugins
        record it and may say one line of what they did, but no question or timer follows
        and nothing starts from it."""
        intent = self.matcher.match(text, exclude=self.matcher.screened)
        if intent.name not in self.matcher.kept_beside_screen:
            return
        self._note(intent, "said with what a screen found: kept, nothing started from it")
        self._say_only, self.convo.kept = True, True
        try:
            self.handle(intent)
        finally:
            self._say_only, self.convo.kept = False, False

    def _why(self, text: str, intent: Intent, prefer: tuple[str, ...],
             q: _OpenQuestion | None) -> str:
        """A short reason for the trace: how well it matched, what came next, the context."""
        ranked = self.matcher.candidates(text, prefer=prefer, exclude=self.matcher.screened)
        total = self.matcher.weight_of(text)
        if intent.name is None:
            why = "nothing explains enough of it" if ranked else "no phrase matched"
        else:
            why = f"explains {intent.score:g} of {total:g}"
        others = [f"{name} {score:g}" for name, score in ranked if name != intent.name][:2]
        why += "; next best: " + (", ".join(others) or "none")
        if q is not None:
            why += f"; question {q.question.name or 'open'} expects {', '.join(prefer)}"
        return why

    def _note(self, intent: Intent, why: str) -> None:
        if self.on_intent is not None:
            self.on_intent(intent, why)

    def screen(self, text: str, confidence: float = 1.0) -> Intent | None:
        """What the plugins' screens find in ``text`` (nothing is done with it here)."""
        for plugin, result in self.host.call("crampcoach_screen", text=text, convo=self.convo,
                                             confidence=confidence):
            if isinstance(result, Intent):
                return result
            if not isinstance(result, PluginFailure):
                log.error("plugin %s screened %r, not an Intent; ignored", plugin, type(result))
        return None

    def _open_question(self) -> _OpenQuestion | None:
        q = self.question
        return q if q and self.clock() <= q.deadline else None

    def handle(self, intent: Intent) -> None:
        if self._depth >= MAX_FOLLOW_DEPTH:
            # A reply that follows with its own intent (or two plugins bouncing one back and
            # forth) would recurse until Python gives up; stop the chain here instead.
            log.error("intent %s dropped: replies followed each other %d deep (plugin %s)",
                      intent.name, self._depth, intent.plugin)
            return
        self._depth += 1
        try:
            self._handle(intent)
        finally:
            self._depth -= 1

    def _handle(self, intent: Intent) -> None:
        q = self._open_question()
        free = q is not None and q.question.free_text and intent.name is None and intent.text
        if q and intent.name is None and not free and q.question.reask and not q.reasked:
            # Not understood while a question is open: ask it again, saying how to answer,
            # rather than a generic "I didn't catch that". The wait starts over.
            q.reasked = True
            q.deadline = self.clock() + q.wait
            self._say([Said(q.question.reask, q.plugin)])
            return
        if q and (intent.name in q.question.expects or free):
            # An answer goes to the plugin that asked, alone; it may pass it on with `follow`.
            self.question = None
            self.convo.asked = q.question.name
            try:
                results = self.host.call(
                    "crampcoach_handle_intent", only=q.plugin, intent=intent, convo=self.convo
                )
            finally:
                self.convo.asked = None
        else:
            self.convo.waiting_for = q.question.name if q else None
            try:
                results = self.host.call(
                    "crampcoach_handle_intent", first=intent.plugin, intent=intent,
                    convo=self.convo
                )
            finally:
                self.convo.waiting_for = None
            spoke = self._turn_spoke
            self._run(results)
            if q is not None and self.question is q and not self._turn_spoke and not spoke \
                    and not self._quiet and q.question.reask and not q.reasked:
                # Understood, but nobody had anything to say to it while the question waits
                # ("it's gone" again at "How bad was it?"): the question, not silence.
                q.reasked = True
                q.deadline = self.clock() + q.wait
                self._say([Said(q.question.reask, q.plugin)])
            return
        self._run(results)

    def start(self) -> None:
        self._run(self.host.call("crampcoach_session_start", convo=self.convo))

    def end(self) -> None:
        self.host.call("crampcoach_session_end", convo=self.convo)
        self.host.close()

    # -- time ----------------------------------------------------------------------------
    def clock(self) -> float:
        return self.convo.clock.monotonic()

    def next_due(self) -> float | None:
        """Monotonic time of the next timer or question deadline, if any."""
        times = [due for due, _, plugin, _ in self._timers if plugin not in self._paused]
        if self.question:
            times.append(self.question.deadline)
        return min(times) if times else None

    def tick(self) -> bool:
        """Fire whatever is due now; True if anything fired."""
        fired = False
        while True:
            now = self.clock()
            due = self._pop_due(now)
            if due is not None:
                plugin, timer = due
                results = self.host.call(
                    "crampcoach_timer", only=plugin, name=timer.name, data=timer.data,
                    convo=self.convo,
                )
                self._run(results)
                fired = True
                continue
            q = self.question
            if q and self.speaking():
                # A question takes seconds to say (Korean through a satellite: 4 s of a 6 s
                # wait); a person answers after hearing it, so its wait starts afterwards.
                q.deadline = max(q.deadline, now + q.wait)
            if q and q.deadline <= now:
                self.question = None
                results = self.host.call(
                    "crampcoach_timer", only=q.plugin, name="question.timeout",
                    data={"question": q.question.name}, convo=self.convo,
                )
                self._run(results)
                fired = True
                continue
            return fired

    def busy(self) -> bool:
        """True while coaching timers (holds, pauses) run; waits on a person don't count."""
        return any(
            plugin not in self._paused and timer.scaled for _, _, plugin, timer in self._timers
        )

    def _pop_due(self, now: float) -> tuple[str, Timer] | None:
        due = [t for t in self._timers if t[2] not in self._paused and t[0] <= now]
        if not due:
            return None
        first = min(due)
        self._timers.remove(first)
        return first[2], first[3]

    # -- output --------------------------------------------------------------------------
    def _run(self, results: list[tuple[str, Any]]) -> None:
        for follow in self._apply(results):
            self._note(follow, f"passed on by plugin {follow.plugin}'s reply")
            self.handle(follow)

    def _apply(self, results: list[tuple[str, Any]]) -> list[Intent]:
        """Carry out the replies; returns the intents they ask to dispatch next."""
        # A reply marked urgent (a red flag's advice said again) comes before the others.
        results = sorted(results, key=lambda r: not getattr(r[1], "urgent", False))
        said: list[Said] = []
        follows: list[Intent] = []
        failed = False
        for plugin, reply in results:
            if isinstance(reply, PluginFailure):
                failed = True
                continue
            why = malformed(reply)
            if why:
                self.host.report_failure(plugin, "a reply", why)
                failed = True
                continue
            if self._quiet:
                # Kept, not acted on: no speech, question or timer; what it passes on to be
                # recorded (where the cramp is) is passed on, as quietly.
                follows.extend(reply.follow)
                continue
            if self._say_only:
                said.extend(Said(text, plugin, reply.repeatable) for text in reply.say)
                follows.extend(reply.follow)
                continue
            now = self.clock()
            if reply.cancel_timers:
                self._timers = [t for t in self._timers if t[2] != plugin]
                self._paused.pop(plugin, None)
                if self.question and self.question.plugin == plugin:
                    self.question = None
            if reply.pause_timers is True and plugin not in self._paused:
                self._paused[plugin] = now
            elif reply.pause_timers is False and plugin in self._paused:
                shift = now - self._paused.pop(plugin)
                self._timers = [
                    (due + shift, seq, p, t) if p == plugin else (due, seq, p, t)
                    for due, seq, p, t in self._timers
                ]
            for timer in reply.timers:
                due = now + timer.delay_s * (self.time_scale if timer.scaled else 1.0)
                self._timers.append((due, next(self._seq), plugin, timer))
            if reply.ask is not None:
                ask = reply.ask
                if not ask.reask and reply.say:
                    # Not understood, a question is best asked again as it was put.
                    ask = replace(ask, reask=reply.say[-1])
                wait = ask.timeout_s if ask.timeout_s is not None else self.follow_up_s
                self.question = _OpenQuestion(plugin, ask, now + wait, wait)
            said.extend(Said(text, plugin, reply.repeatable) for text in reply.say)
            follows.extend(reply.follow)
        self._turn_failed |= failed
        self._say(said)
        return follows

    def _say(self, said: list[Said]) -> None:
        if said:
            self._turn_spoke = True
            worth = [s.text for s in said if s.plugin != "engine" and s.repeatable]
            if worth:  # "say that again" after "sorry, I didn't catch that": what came before
                self.convo.last_said = worth
                self.convo.last_plugin = next(s.plugin for s in reversed(said)
                                              if s.plugin != "engine" and s.repeatable)
        for s in said:
            self.speak(s)
