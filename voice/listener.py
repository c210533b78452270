"""The voice loop: audio blocks → gate → recogniser → wake/follow-up rules → dialogue.

Listening rules: an utterance acts when it starts with the wake phrase, when it is one of the
plugins' ``wake_alone`` phrases ("cramp"), or while the conversation is live (coaching, a
question open, or within the follow-up window after the coach spoke). While the coach is
speaking only stop-words count, so its own voice coming back through the microphone is
never taken as a command.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from crampcoach.voice.dialogue import Dialogue
from crampcoach.voice.grammars import Grammars
from crampcoach.voice.intents import IntentMatcher
from crampcoach.voice.messages import Said, Utterance
from crampcoach.voice.recognizer import Recognizer
from crampcoach.voice.vad import SpeechGate

log = logging.getLogger(__name__)
WORDS_PER_SECOND = 2.3
"""Rough pace of slow night speech, to know when the coach will have finished a sentence."""


def choose_reading(matcher: IntentMatcher, readings: tuple[str, ...], wake: str,
                   expects: tuple[str, ...] = (), phrases: frozenset[str] = frozenset()) -> str:
    """Match the recogniser's readings back to the phrases.

    Vosk's grammar is a bigram model, so its best reading is often a mix of words that is
    no phrase while a later reading is exactly what was said. In order: a reading that is a
    whole phrase and answers the open question; any reading that answers it; a whole phrase
    that means something; any reading that does (a known intent, the wake phrase, a phrase
    that acts alone); else the best reading.
    """
    norm = [matcher.language.normalise(r) for r in readings]

    def means(text: str) -> bool:
        return (matcher.match(text).name is not None or text in matcher.wake_alone
                or bool(wake and f" {wake} " in f" {text} "))

    tiers = []
    if expects:
        tiers.append(lambda t: t in phrases and matcher.match(t).name in expects)
        tiers.append(lambda t: matcher.match(t).name in expects)
    tiers.append(lambda t: t in phrases and means(t))
    tiers.append(means)
    for accept in tiers:
        for text in norm:
            if accept(text):
                return text
    return norm[0] if norm else ""


class Listener:
    """Decides which recognised utterances reach the dialogue."""

    def __init__(
        self,
        dialogue: Dialogue,
        matcher: IntentMatcher,
        grammars: Grammars,
        gate: SpeechGate,
        wake_phrase: str,
        follow_up_s: float,
        is_speaking: Callable[[], bool] = lambda: False,
        hush: Callable[[], None] = lambda: None,
        beep: Callable[[], None] = lambda: None,
        on_heard: Callable[[Utterance, bool], None] | None = None,
    ):
        self.dialogue = dialogue
        self.matcher = matcher
        self.grammars = grammars
        self.gate = gate
        self.recognizer: Recognizer | None = None
        """The recogniser of the utterance under way, chosen when it began."""
        self.wake = matcher.language.normalise(wake_phrase)
        self.follow_up_s = follow_up_s
        self.is_speaking = is_speaking
        self.hush = hush
        self.beep = beep
        self.on_heard = on_heard
        self.awake_until = float("-inf")

    def feed(self, block: bytes) -> None:
        """One block of 16 kHz mono int16 audio."""
        speech, ended = self.gate.feed(block)
        if speech:
            if self.recognizer is None:
                self.recognizer = self.choose()
            rec = self.recognizer
            utt = rec.accept(speech)
            if utt:
                self.recognizer = None  # the next words may be heard in a new state
                self.heard(utt, rec.phrases)
        if ended:
            self._flush()
        self.dialogue.tick()

    def finish(self) -> None:
        """End of audio: act on whatever was still being said."""
        self._flush()
        self.dialogue.tick()

    def _flush(self) -> None:
        if self.recognizer is not None:
            rec, self.recognizer = self.recognizer, None
            utt = rec.end()
            if utt:
                self.heard(utt, rec.phrases)

    def live(self) -> bool:
        """True while commands count without the wake phrase."""
        return (self.dialogue.clock() < self.awake_until or self.dialogue.busy()
                or self.dialogue.question is not None)

    def choose(self) -> Recognizer:
        """The grammar for what can sensibly be said now."""
        if self.is_speaking():
            return self.grammars.speaking()
        q = self.dialogue.question
        if q is not None:
            return self.grammars.question(q.question.expects)
        if self.dialogue.busy():
            return self.grammars.coaching()
        if self.dialogue.clock() < self.awake_until:
            return self.grammars.awake()
        return self.grammars.asleep()

    def spoke(self, said: Said) -> None:
        """Called for each sentence the coach says: the follow-up window starts after it."""
        duration = len(said.text.split()) / WORDS_PER_SECOND
        self.awake_until = self.dialogue.clock() + duration + self.follow_up_s

    def reading(self, utt: Utterance, phrases: frozenset[str] = frozenset()) -> str:
        q = self.dialogue.question
        return choose_reading(self.matcher, utt.alternatives or (utt.text,), self.wake,
                              q.question.expects if q else (), phrases)

    def heard(self, utt: Utterance, phrases: frozenset[str] = frozenset()) -> None:
        text = self.reading(utt, phrases)
        utt = Utterance(text, utt.confidence, utt.source, utt.alternatives)
        if self.is_speaking():
            intent = self.matcher.match(text)
            acted = intent.name in self.matcher.heard_in("barge_in")
            self._report(utt, acted)
            if acted:
                self.hush()
                self.dialogue.handle(intent)
            return
        woke = False
        if self.wake and f" {self.wake} " in f" {text} ":
            # Whatever came before the wake phrase was not meant for the coach.
            text = f" {text} ".split(f" {self.wake} ", 1)[1].strip()
            woke = True
        if not (woke or self.live() or text in self.matcher.wake_alone):
            self._report(utt, False)
            return
        self._report(utt, True)
        if woke and self.matcher.match(text).name is None:
            text = ""  # "hey coach" and a mumble: wake up and listen for the command
        if not text:
            self.beep()
            self.awake_until = self.dialogue.clock() + self.follow_up_s
            return
        self.dialogue.hear(text)

    def _report(self, utt: Utterance, acted: bool) -> None:
        log.info("heard %r (conf %.2f)%s", utt.text, utt.confidence, "" if acted else " ignored")
        if self.on_heard:
            self.on_heard(utt, acted)
