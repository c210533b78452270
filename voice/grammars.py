"""Which phrases the recogniser listens for, in which state of the conversation.

A grammar-restricted recogniser is more accurate the fewer phrases it weighs, so the grammar
follows the dialogue, as a person listens for an answer to the question they just asked.
Each intent declares when it can be heard (its ``heard`` list, see
:data:`crampcoach.voice.intents.LISTENING`); the states are built from those declarations
and this module names no intent:

- asleep: the wake phrase and the phrases that act alone;
- the coach is talking: the intents heard as a barge-in;
- a question is open: its answers, plus the intents heard during any question;
- coaching: the intents heard while coaching;
- awake (after the wake phrase or within the follow-up window): every intent except those
  heard only as an answer.

Every utterance gets a fresh Vosk recogniser (under a millisecond to make; the model is
shared): a recogniser carries adaptation from one utterance to the next, which made the
same command heard differently depending on what came before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from crampcoach.voice.intents import IntentMatcher
from crampcoach.voice.recognizer import Recognizer, grammar, knows, load_model


class Grammars:
    """Recognisers per listening state, built from the plugins' sentences."""

    def __init__(self, model_folder: Path, by_intent: dict[str, list[str]], wake: str,
                 wake_alone: Iterable[str], heard: Mapping[str, Iterable[str]],
                 decoys: Iterable[str] = ()):
        self.model_folder = model_folder
        self.by_intent = by_intent
        self.heard = {name: frozenset(states) for name, states in heard.items()}
        """Intent → the listening states it declared."""
        self.wake = wake
        self.wake_alone = sorted(set(wake_alone))
        self.decoys = tuple(decoys)
        """Words of ordinary speech that mean nothing to the coach (the language's data)."""
        self._checked: dict[tuple[str, ...], list[str]] = {}
        self._decoys: dict[tuple[str, ...], list[str]] = {}

    def phrases(self, intents: Iterable[str] | None) -> list[str]:
        names = sorted(self.by_intent) if intents is None else sorted(set(intents))
        out = {s for n in names for s in self.by_intent.get(n, [])}
        if self.wake:
            out.add(self.wake)
        return sorted(out)

    def _get(self, key: tuple[str, ...], phrases: list[str], decoys: Iterable[str] = (),
             ) -> Recognizer:
        if key not in self._checked:
            model = load_model(str(self.model_folder))
            # Vocabulary look-ups, once per state; decoys the model lacks are left out.
            self._checked[key] = grammar(model, phrases)
            self._decoys[key] = [d for d in decoys if knows(model, d)]
        return Recognizer(self.model_folder, self._checked[key], checked=True,
                          decoys=self._decoys[key], state=key[0])

    def asleep(self) -> Recognizer:
        """The wake phrase and what acts alone, among the language's decoys: asleep, the
        coach hears mostly speech that is not for it, and a grammar without decoys would
        take any of it for one of its few phrases."""
        phrases = [self.wake, *self.wake_alone] if self.wake else list(self.wake_alone)
        return self._get(("asleep",), sorted(set(phrases)), self.decoys)

    @classmethod
    def for_matcher(cls, model_folder: Path, matcher: IntentMatcher, wake: str) -> Grammars:
        """The listening states of everything ``matcher`` understands."""
        return cls(model_folder, matcher.sentences_by_intent(), matcher.language.normalise(wake),
                   matcher.wake_alone, {n: d.heard for n, d in matcher.intents.items()},
                   matcher.language.decoys)

    def declared(self, state: str) -> tuple[str, ...]:
        """The intents heard in ``state``, as they declared it."""
        return tuple(sorted(n for n, states in self.heard.items() if state in states))

    def speaking(self) -> Recognizer:
        return self._get(("speaking",), self.phrases(self.declared("barge_in")))

    def question(self, expects: Iterable[str]) -> Recognizer:
        intents = tuple(sorted(set(expects) | set(self.declared("question"))))
        return self._get(("question", *intents), self.phrases(intents))

    def coaching(self) -> Recognizer:
        return self._get(("coaching",), self.phrases(self.declared("coaching")))

    def awake(self) -> Recognizer:
        only_answers = set(self.declared("answer"))
        return self._get(("awake",), self.phrases(n for n in self.by_intent
                                                   if n not in only_answers))

    def all_phrases(self) -> list[str]:
        return self.phrases(None)
