"""Text → intent with slots. Pure: no I/O, no audio, no plugins imported.

Plugins declare what they understand as data (see ``crampcoach_intents`` in
:mod:`crampcoach.voice.hookspecs`)::

    {"lists": {"side": {"left": ["left", "left leg"], ...},
               "severity": {"range": [0, 10]}},
     "intents": {"cramp.report": {"priority": 30, "slots": ["side", "muscle"],
                                  "sentences": ["[a] cramp", "{muscle}"]}}}

An intent is chosen when one of its sentences occurs anywhere in the utterance; among
several, the highest ``priority`` wins, then the longest match. Slots are then read from the
whole utterance (leftmost mention, skipping negated ones), so "cramp in the left calf" and
"left calf cramp" fill the same slots without a template for each word order.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from crampcoach.voice.language import Language
from crampcoach.voice.messages import Intent
from crampcoach.voice.templates import SlotList, compile_template, expand, words_of

log = logging.getLogger(__name__)


class DeclarationError(ValueError):
    """A plugin's phrase declaration is malformed; the message names the plugin."""


@dataclass(frozen=True)
class _Rule:
    intent: str
    plugin: str
    priority: int
    pattern: re.Pattern[str]
    template: str


@dataclass(frozen=True)
class IntentDecl:
    """One intent as declared: who owns it, its slots and its sentence templates."""

    name: str
    plugin: str
    priority: int
    slots: tuple[str, ...]
    sentences: tuple[str, ...]
    pick: str = "leftmost"
    """Which mention fills a slot: ``leftmost``, or ``listed`` (the value listed first, for
    lists ordered by urgency)."""
    heard: frozenset[str] = frozenset()
    """When the intent can be heard by voice besides after the wake phrase (see
    :data:`LISTENING`); an empty set means only when the coach is awake."""


LISTENING = {
    "asleep": "every sentence acts alone, without the wake phrase",
    "coaching": "heard while a routine runs (its timers are counting)",
    "question": "heard while any question is open, whatever answers it expects",
    "answer": "heard only as the answer to a question that expects it",
    "barge_in": "heard while the coach is talking, and cuts it short",
}
"""The listening states an intent may declare in its ``heard`` list."""


class IntentMatcher:
    """Matches normalised text against every plugin's declared sentences."""

    def __init__(self, language: Language, declarations: Iterable[tuple[str, Mapping[str, Any]]]):
        self.language = language
        self.lists: dict[str, SlotList] = {}
        self._ranges: set[str] = set()
        self.intents: dict[str, IntentDecl] = {}
        self.wake_alone: set[str] = set()
        """Phrases that act without the wake phrase when said on their own."""
        self.screened: set[str] = set()
        """Intents declared ``screened``: a plugin's screen decides them, not a phrase."""
        decls = list(declarations)
        for plugin, decl in decls:
            for name, values in (decl.get("lists") or {}).items():
                self._add_list(plugin, name, values)
            self.wake_alone.update(language.normalise(p) for p in decl.get("wake_alone") or ())
        self._rules: list[_Rule] = []
        for plugin, decl in decls:
            for name, spec in (decl.get("intents") or {}).items():
                self._add_intent(plugin, name, spec)
        for rule in self._rules:  # intents heard asleep: each of their sentences acts alone
            if "asleep" in self.intents[rule.intent].heard:
                self.wake_alone.update(expand(rule.template, self.lists))

    def _add_list(self, plugin: str, name: str, values: Mapping[str, Any]) -> None:
        if "range" in values:
            lo, hi = values["range"]
            self.lists[name] = {str(n): self.language.number_words(n) for n in range(lo, hi + 1)}
            self._ranges.add(name)
            return
        if values and all(str(k).isdigit() for k in values):
            self._ranges.add(name)  # a number list spelled out by hand, e.g. "칠 점" for 7
        merged = {k: list(v) for k, v in self.lists.get(name, {}).items()}
        for value, phrases in values.items():
            if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
                raise DeclarationError(f"plugin {plugin}: list {name}.{value} must be strings")
            merged.setdefault(value, []).extend(self.language.normalise(p) for p in phrases)
        self.lists[name] = merged

    def _add_intent(self, plugin: str, name: str, spec: Mapping[str, Any]) -> None:
        if name in self.intents and self.intents[name].plugin != plugin:
            # The first plugin keeps it: a third-party clash must not silence the coach.
            log.error("plugin %s: intent %s is already declared by %s; ignored",
                      plugin, name, self.intents[name].plugin)
            return
        slots = tuple(spec.get("slots", ()))
        for slot in slots:
            if slot not in self.lists:
                # Lists are shared: the plugin that declares this one may be disabled.
                log.warning("plugin %s: intent %s skipped, no list %s", plugin, name, slot)
                return
        sentences = tuple(spec.get("sentences", ()))
        priority = int(spec.get("priority", 50))
        pick = str(spec.get("pick", "leftmost"))
        heard = frozenset(spec.get("heard", ()))
        if heard - LISTENING.keys():
            raise DeclarationError(
                f"plugin {plugin}: intent {name}: unknown listening state "
                f"{', '.join(sorted(heard - LISTENING.keys()))} (known: {', '.join(LISTENING)})")
        self.intents[name] = IntentDecl(name, plugin, priority, slots, sentences, pick, heard)
        self.wake_alone.update(self.language.normalise(p) for p in spec.get("wake_alone", ()))
        if spec.get("screened"):
            self.screened.add(name)
        for template in sentences:
            try:
                pattern = compile_template(template, self.lists)
            except ValueError as err:
                raise DeclarationError(f"plugin {plugin}: intent {name}: {err}") from None
            self._rules.append(_Rule(name, plugin, priority, pattern, template))

    def match(self, text: str, prefer: Iterable[str] = (), exclude: Iterable[str] = ()
              ) -> Intent:
        """The best intent for ``text``, or ``Intent(None)`` when nothing matches.

        ``prefer`` names intents that win over any other when they match: the answers an
        open question expects ("maybe a four" is a score when a score was asked for).
        ``exclude`` names intents not to consider (those a screen has already decided).
        """
        norm = self.language.normalise(text)
        padded = f" {norm} "
        preferred, excluded = set(prefer), set(exclude)
        best: tuple[bool, int, int] | None = None
        winner: _Rule | None = None
        for rule in self._rules:
            if rule.intent in excluded:
                continue
            m = rule.pattern.search(padded)
            if not m:
                continue
            key = (rule.intent in preferred, rule.priority, len(m.group(0).split()))
            if best is None or key > best:
                best, winner = key, rule
        if winner is None:
            return Intent(None, {}, None, norm)
        decl = self.intents[winner.intent]
        slots = self.read_slots(norm, decl.slots, decl.pick)
        return Intent(winner.intent, slots, winner.plugin, norm)

    def read_slots(
        self, norm: str, names: Iterable[str], pick: str = "leftmost"
    ) -> dict[str, Any]:
        """The leftmost (or first listed), non-negated mention of each slot list."""
        words = norm.split()
        found: dict[str, Any] = {}
        for name in names:
            best: tuple[int, int, int, str] | None = None
            for rank, (value, phrases) in enumerate(self.lists[name].items()):
                for phrase in phrases:
                    for start in _find_phrase(words, phrase.split()):
                        if self.language.negations & set(words[max(0, start - 2) : start]):
                            continue  # "not my left": the slot is what it is not
                        first = rank if pick == "listed" else start
                        key = (first, start, -len(phrase), value)
                        if best is None or key < best:
                            best = key
            if best is not None:
                value = best[3]
                found[name] = int(value) if name in self._ranges else value
        return found

    def heard_in(self, state: str) -> set[str]:
        """The intents that declared they can be heard in listening ``state``."""
        return {name for name, decl in self.intents.items() if state in decl.heard}

    def sentences_by_intent(self, limit_per_template: int = 2000) -> dict[str, list[str]]:
        """Every sentence each intent's templates allow, keyed by intent (for grammars)."""
        out: dict[str, list[str]] = {}
        for rule in self._rules:
            out.setdefault(rule.intent, []).extend(
                expand(rule.template, self.lists, limit_per_template)
            )
        return out

    def vocabulary(self) -> dict[str, set[str]]:
        """Every word each plugin's templates can use, keyed by plugin.

        Digits are left out: they are there for typed input, a recogniser spells numbers.
        """
        out: dict[str, set[str]] = {}
        for rule in self._rules:
            words = {w for w in words_of(rule.template, self.lists) if not w.isdigit()}
            out.setdefault(rule.plugin, set()).update(words)
        return out


def _find_phrase(words: list[str], phrase: list[str]) -> Iterable[int]:
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if words[i : i + n] == phrase:
            yield i
