"""The small typed messages passed between the steps of the pipeline.

audio → :class:`Utterance` → :class:`Intent` → plugin → :class:`Reply` → speech.
Each is plain data so a test can assert the sequence a conversation produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Utterance:
    """What the recogniser (or the keyboard) heard."""

    text: str
    """Lower-case words as a recogniser gives them."""
    confidence: float = 1.0
    """0..1; typed text is certain."""
    source: str = "text"
    """Where it came from: ``text`` (typed) or ``voice``."""
    alternatives: tuple[str, ...] = ()
    """The recogniser's other readings, best first (``text`` is the first)."""
    shares: tuple[float, ...] = ()
    """For each of ``alternatives``, its share (0..1) of the recogniser's belief (see
    :func:`crampcoach.voice.recognizer.shares`); empty for typed text."""
    open_text: str | None = None
    """What the open-vocabulary recogniser heard in the same audio (any words, not only the
    grammar's phrases); ``None`` when it did not run (:mod:`crampcoach.voice.openvocab`)."""
    open_confidence: float = 0.0
    """The open reading's mean word confidence, 0..1."""


@dataclass(frozen=True)
class Intent:
    """An utterance understood: a name from the contract plus its slots."""

    name: str | None
    """e.g. ``cramp.report``; ``None`` when nothing matched."""
    slots: dict[str, Any] = field(default_factory=dict)
    """e.g. ``{"side": "left", "muscle": "calf"}``."""
    plugin: str | None = None
    """The plugin that declared the phrase that matched."""
    text: str = ""
    """The normalised text that was matched."""
    score: float = 0.0
    """How much of the text the intent explains (see :mod:`crampcoach.voice.intents`)."""
    advisory: bool = False
    """Set by a screen whose finding advises without taking over the turn: once it is
    answered, the utterance is still understood and acted on as usual (and an open question
    stays open). "Cramp again, third one tonight" gets a word of advice, then coaching."""
    which: dict[str, Any] = field(default_factory=dict)
    """Slot values said to name *which* record is meant, not a new value: in "the calf one
    was a three", ``{"muscle": "calf"}`` (and ``slots`` is ``{"severity": 3}``). Only for
    intents that declare ``which_after`` or ``which_before``."""

    def to_json(self) -> dict[str, Any]:
        out = {"intent": self.name, "slots": dict(self.slots), "plugin": self.plugin}
        if self.which:
            out["which"] = dict(self.which)
        return out


@dataclass(frozen=True)
class Timer:
    """Ask the engine to call the plugin back later (a hold, a count-down mark)."""

    delay_s: float
    """Seconds from now, on the monotonic clock, before ``--time-scale`` is applied."""
    name: str
    """Passed back to the plugin's ``crampcoach_timer`` hook."""
    data: dict[str, Any] = field(default_factory=dict)
    """Anything the plugin wants back."""
    scaled: bool = True
    """False for waits on a person (e.g. close an episode after 15 quiet minutes), which
    ``--time-scale`` must not shorten."""


@dataclass(frozen=True)
class Question:
    """A question the plugin asked: short answers of these intents go back to it alone."""

    expects: tuple[str, ...]
    """Intent names that count as an answer, e.g. ``("log.severity",)``."""
    timeout_s: float | None = None
    """Seconds to wait; ``None`` uses the configured follow-up window."""
    name: str = ""
    """Passed back with the answer or the ``question.timeout`` timer."""
    free_text: bool = False
    """An utterance no intent explains is an answer too (a name, e.g. of a medicine)."""
    reask: str = ""
    """Said once, instead of "I didn't catch that", when an utterance nobody understood
    comes while this question is open ("pretty bad" to "How bad was it, zero to ten?"):
    the question again, saying how to answer. The question stays open."""


@dataclass
class Reply:
    """What a plugin wants done in answer to an intent or a timer."""

    say: list[str] = field(default_factory=list)
    """Sentences to speak, in order."""
    ask: Question | None = None
    """A question now open; its answer is routed back to this plugin."""
    timers: list[Timer] = field(default_factory=list)
    """Callbacks to schedule."""
    cancel_timers: bool = False
    """Drop this plugin's pending timers before scheduling ``timers``."""
    pause_timers: bool | None = None
    """True freezes this plugin's timers, False lets them run again."""
    follow: list[Intent] = field(default_factory=list)
    """Intents to dispatch to every plugin after this reply, e.g. a "yes" at "Is it easing?"
    that means ``cramp.over``."""
    repeatable: bool = True
    """Worth saying again when asked ("say that again"). False for "Sorry, I didn't catch
    that": asked to repeat after it, the coach repeats what it said before it."""
    urgent: bool = False
    """Said before every other plugin's reply to the same intent: advice about a red flag
    outranks whatever else answers it."""


@dataclass(frozen=True)
class Said:
    """One sentence the coach spoke, with the plugin it came from."""

    text: str
    plugin: str
    repeatable: bool = True
    """Said again on "say that again" (see :attr:`Reply.repeatable`)."""
