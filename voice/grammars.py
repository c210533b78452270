"""Which phrases the recogniser listens for, in which state of the conversation.

A grammar-restricted recogniser is more accurate the fewer phrases it weighs, so the grammar
follows the dialogue, as a person listens for an answer to the question they just asked:

- asleep: only the wake phrase and the phrases that act alone ("cramp");
- the coach is talking: only the words that stop it;
- a question is open: its answers, plus stop and repeat;
- coaching: the coaching controls, "it's gone", answers and symptoms;
- awake (after the wake phrase or within the follow-up window): everything.

Every utterance gets a fresh Vosk recogniser (under a millisecond to make; the model is
shared): a recogniser carries adaptation from one utterance to the next, which made the
same command heard differently depending on what came before.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from crampcoach.voice.recognizer import Recognizer, grammar, load_model

ALWAYS = ("coach.stop", "coach.repeat")
"""Heard while any question is open. Symptoms are heard while coaching and when awake, not
in the few seconds a short question is open: their many words drown a one-word answer."""
BARGE_IN = ("coach.stop", "coach.pause")
COACHING = ("coach.next", "coach.repeat", "coach.pause", "coach.resume", "coach.stop",
            "coach.slower", "coach.alternative", "cramp.over", "answer.no", "status.elapsed",
            "safety.symptom")


ANSWERS = ("answer.yes", "answer.no", "answer.unsure", "log.severity")
"""Only heard as answers to a question: said out of the blue they mean nothing, and as
grammar words they soak up stray sounds."""


class Grammars:
    """Recognisers per listening state, built from the plugins' sentences."""

    def __init__(self, model_folder: Path, by_intent: dict[str, list[str]], wake: str,
                 wake_alone: Iterable[str]):
        self.model_folder = model_folder
        self.by_intent = by_intent
        self.wake = wake
        self.wake_alone = sorted(set(wake_alone))
        self._checked: dict[tuple[str, ...], list[str]] = {}

    def phrases(self, intents: Iterable[str] | None) -> list[str]:
        names = sorted(self.by_intent) if intents is None else sorted(set(intents))
        out = {s for n in names for s in self.by_intent.get(n, [])}
        if self.wake:
            out.add(self.wake)
        return sorted(out)

    def _get(self, key: tuple[str, ...], phrases: list[str]) -> Recognizer:
        if key not in self._checked:
            model = load_model(str(self.model_folder))
            self._checked[key] = grammar(model, phrases)  # vocabulary look-ups, once per state
        return Recognizer(self.model_folder, self._checked[key], checked=True)

    def asleep(self) -> Recognizer:
        phrases = [self.wake, *self.wake_alone] if self.wake else list(self.wake_alone)
        return self._get(("asleep",), sorted(set(phrases)))

    def speaking(self) -> Recognizer:
        return self._get(("speaking",), self.phrases(BARGE_IN))

    def question(self, expects: Iterable[str]) -> Recognizer:
        intents = tuple(sorted(set(expects) | set(ALWAYS)))
        return self._get(("question", *intents), self.phrases(intents))

    def coaching(self) -> Recognizer:
        return self._get(("coaching",), self.phrases(COACHING))

    def awake(self) -> Recognizer:
        return self._get(("awake",), self.phrases(n for n in self.by_intent if n not in ANSWERS))

    def all_phrases(self) -> list[str]:
        return self.phrases(None)
