"""Text → intent with slots. Pure: no I/O, no audio, no plugins imported.

Plugins declare what they understand as data (see ``crampcoach_intents`` in
:mod:`crampcoach.voice.hookspecs`)::

    {"lists": {"side": {"left": ["left", "left leg"], ...},
               "severity": {"range": [0, 10]}},
     "intents": {"cramp.report": {"priority": 30, "slots": ["side", "muscle"],
                                  "sentences": ["[a] cramp", "{muscle}"]}}}

Templates are found anywhere in the utterance, and every intent is scored by how much of
the utterance it explains: the words its templates cover plus the words of its own slots
("my right calf again" is mostly a report, and "again" alone a request to repeat). Words
weigh by what they carry: a slot word (a body part, a number) more, a light word ("my",
"the") less. The best score wins; ``priority`` only breaks ties, except that intents of
priority :data:`OVERRIDE_PRIORITY` or more (red flags) win whenever they match. An open
question adds :data:`CONTEXT_BONUS` to the answers it expects: enough to read "maybe a
four" as a score, not enough to swallow "no it was a five" (a correction).

Slots are read from the whole utterance (leftmost mention, skipping negated ones), so
"cramp in the left calf" and "left calf cramp" fill the same slots without a template for
each word order. When nothing matches, words the templates do not know are compared with
the templates' words (rapidfuzz) and the utterance is tried once more with near spellings
corrected ("charlie horse", a typed "cramo"); see docs/intents.md for the choice.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass
from typing import Any

from crampcoach.voice.language import Language
from crampcoach.voice.messages import Intent
from crampcoach.voice.scattered import ScatterIndex
from crampcoach.voice.templates import (
    EXACT,
    Looseness,
    SlotList,
    compile_template,
    expand,
    words_of,
)

log = logging.getLogger(__name__)

OVERRIDE_PRIORITY = 90
"""Intents at or above this priority win whenever they match (red flags)."""
CONTEXT_BONUS = 1.0
"""Score added to the intents an open question expects."""
SLOT_WEIGHT = 1.5
LIGHT_WEIGHT = 0.5
MIN_SHARE = 0.25
"""An intent explaining less than this share of what was said is not taken ("the dog is
barking again" is not a request to repeat); red flags are exempt..."""
FUZZY_CUTOFF = 84
"""rapidfuzz ratio a word must reach to be read as a template word it resembles."""
FUZZY_MIN_LEN = 5
"""Near spellings are looked for only in words this long that start like a template word."""
ENOUGH = 3.0
"""...unless it explains this much all the same, in a long story: "sorry to bother you but I
think I've got another one of those cramps in my thigh" (score, slot words counted more)."""
LONG_MIN_SHARE = 0.15
"""Below this share even a well explained part is a story about something else."""
SCATTER_EXPANSIONS = 300
"""Sentences of one template looked for said scattered (see :mod:`.scattered`)."""
REASON_MIN_SHARE = 0.6
"""A reason does not count against a command that explains this share of the rest."""
NEGATION_REACH = 3
"""How many words back a negation undoes a declared sentence ("I don't really need help")."""
STATED_REACH = 2
"""How many words other than light ones a denial may come before a stated slot ("I haven't
*started any* new tablets")."""
"""How many words back a negation undoes a declared sentence ("I don't really need help")."""
_TEMPLATE_MARK = re.compile(r"[\[\](|]")
"""A list phrase written as a template, to be expanded into the phrases it allows."""


class DeclarationError(ValueError):
    """A plugin's phrase declaration is malformed; the message names the plugin."""


@dataclass(frozen=True)
class _Rule:
    intent: str
    plugin: str
    priority: int
    pattern: re.Pattern[str]
    template: str
    ranges: bool = False
    """Whether a number list is one of the template's slots."""
    bare_slot: str = ""
    """The list of a template that is one slot, e.g. ``{item}``: negation is the slot's
    business ("I'm not pregnant" is still about the profile, with nothing to note), but a
    word that is no mention of the list at all ("that *one's* over") matches nothing."""
    alone: bool = False
    """Declared in ``alone_sentences``: the phrase counts only said on its own, with light
    words at most ("that's right" agrees; "that's right, the blue mug" is said to someone
    else, and "right" there names nothing the coach could take up)."""


@dataclass(frozen=True)
class IntentDecl:
    """One intent as declared: who owns it, its slots and its sentence templates."""

    name: str
    plugin: str
    priority: int
    slots: tuple[str, ...]
    sentences: tuple[str, ...]
    pick: str = "leftmost"
    """Which mention fills a slot: ``leftmost``, ``rightmost`` (a correction: "I said seven,
    but it was a four"), or ``listed`` (the value listed first, for lists ordered by
    urgency)."""
    heard: frozenset[str] = frozenset()
    """When the intent can be heard by voice besides after the wake phrase (see
    :data:`LISTENING`); an empty set means only when the coach is awake."""
    advice: frozenset[str] = frozenset()
    """Slot values of a red flag that ask for advice, not help now ("every night"): said with
    them alone the red flag wins on what it explains, like any intent, not whenever it
    matches ("how do I stop these coming back every night" asks for tips)."""
    which_after: frozenset[str] = frozenset()
    """Words that, said just after slot values, make those values name which record is
    meant rather than a value to set: "the *calf* one was a three" (see
    :meth:`IntentMatcher._which`)."""
    which_before: tuple[str, ...] = ()
    """Phrases that, said just before a slot value, make it name the record: "the one in my
    *calf* was a three"."""


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
        decls = list(declarations)
        # Words read towards the declared ones ("쥐가 났어요" → "쥐 났어"); no-op in English.
        if language.morphology is not None:
            language = language.knowing(*_declared_words(language, decls))
        self.language = language
        self.lists: dict[str, SlotList] = {}
        self._ranges: set[str] = set()
        self.intents: dict[str, IntentDecl] = {}
        self.wake_alone: set[str] = set()
        """Phrases that act without the wake phrase when said on their own."""
        self.screened: set[str] = set()
        """Intents declared ``screened``: a plugin's screen decides them, not a phrase."""
        self.only_asked: set[str] = set()
        """Intents that are understood only while a question expecting them is open."""
        self.kept_beside_screen: set[str] = set()
        """Intents declared ``kept_beside_screen``: said in the same breath as a screen's
        finding that takes the turn, they are still handed on, to be kept (``convo.kept``)."""
        self.hedges: set[str] = set()
        """Intents declared ``hedge``: doubt said alone is an answer, but said with a value
        of another intent ("I don't know, maybe a six") it is a hedge of that value."""
        stands: dict[str, tuple[str, ...]] = dict(language.stands_for or {})
        for _plugin, decl in decls:  # a plugin's own stand-ins: "knot" for "cramp"
            for word, alts in (decl.get("stands_for") or {}).items():
                word = language.normalise(word)
                # A stand-in may be a template itself ("(의사|병원) 보여 줄 (거|기록)"): the
                # phrases it allows, written once (as a list phrase may be).
                said = [s for a in alts
                        for s in (expand(a, {}) if _TEMPLATE_MARK.search(a) else [a])]
                stands[word] = (*stands.get(word, ()), *(language.normalise(a) for a in said))
        self._alts = {w: frozenset((w, *alts)) for w, alts in stands.items()}
        self._loose = Looseness(language.skippable, {w: (w, *alts) for w, alts in stands.items()})
        self._skip_words = {w for w in language.skippable if " " not in w}
        self._not_slot: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._before_unknown: dict[str, frozenset[str]] = {}
        self._verb_before: dict[str, frozenset[str]] = {}
        self._verbs: set[str] = set()
        self._kept_after: dict[str, tuple[list[str], ...]] = {}
        """List → words after which its phrases are kept before a part a list names ("on the
        *right* in my calf": a side, though "right in" alone is no side)."""
        self._single: dict[str, frozenset[str]] = {}
        """List → ``before`` words that tell only its one-word phrases ("*right* now", but
        "both legs now")."""
        self._object_unknown: dict[str, frozenset[str]] = {}
        """Lists whose phrases are verbs of an object: no mention when the object, after a
        determiner, is a thing no plugin knows ("I can't *reach* the remote"), with the
        things that still count ("the floor")."""
        self._runs: dict[str, int] = {}
        """List → how many of its one-word phrases said in a row are a chant or a count, no
        mention ("left right left right, quick march")."""
        self._compounds: dict[str, frozenset[str]] = {}
        """List → nouns its phrases make a compound adjective with before a thing no plugin
        knows: "the *right hand* lamp" names no side."""
        """List → words before which its phrases that are also verbs (``verbs``) are that
        verb, said first or after a light word, not after a possessive, an article or a
        preposition ("*left* the heating on", "just *left* my phone"; but "my left, my
        right", "leg left, the calf")."""
        """Lists whose phrases are no mention before a word no plugin knows ("my *left*
        shoe", "the *right* answer"), with the words that still count as known ("ankle")."""
        """List → (words after which, words before which) its phrases are no mention of it."""
        self._heard_lists: dict[str, SlotList] = {}
        """Slot phrases heard, never said (``heard_only``): not in any grammar."""
        for plugin, decl in decls:
            for name, values in (decl.get("lists") or {}).items():
                self._add_list(plugin, name, values)
            for name, values in (decl.get("heard_only") or {}).items():
                self._add_list(plugin, name, values, self._heard_lists)
            for name, ctx in (decl.get("not_slot") or {}).items():
                after, before = self._not_slot.get(name, (frozenset(), frozenset()))
                norm = language.normalise
                if ctx.get("before_unknown"):
                    self._before_unknown[name] = self._before_unknown.get(name, frozenset()) | {
                        norm(w) for w in ctx.get("known", ())}
                # (a word normalising drops, a filler, would match the end of every sentence)
                self._not_slot[name] = (after | {norm(w) for w in ctx.get("after", ())} - {""},
                                        before | {norm(w) for w in ctx.get("before", ())} - {""})
                self._verb_before[name] = self._verb_before.get(name, frozenset()) | {
                    norm(w) for w in ctx.get("verb_before", ())} - {""}
                self._verbs |= {norm(w) for w in ctx.get("verbs", ())} - {""}
                self._single[name] = self._single.get(name, frozenset()) | {
                    norm(w) for w in ctx.get("single", ())}
                self._kept_after[name] = (*self._kept_after.get(name, ()), *(
                    norm(w).split() for w in ctx.get("kept_after", ()) if norm(w)))
                if ctx.get("object_unknown"):
                    self._object_unknown[name] = self._object_unknown.get(
                        name, frozenset()) | {norm(w) for w in ctx.get("object_known", ())}
                self._compounds[name] = self._compounds.get(name, frozenset()) | {
                    norm(w) for w in ctx.get("compounds", ())}
                if ctx.get("runs"):
                    self._runs[name] = int(ctx["runs"])
            self.wake_alone.update(language.normalise(p) for p in decl.get("wake_alone") or ())
        self._match_lists: dict[str, SlotList] = {
            name: {value: [*values.get(value, ()), *self._heard_lists.get(name, {}).get(value, ())]
                   for value in [*values, *(v for v in self._heard_lists.get(name, {})
                                            if v not in values)]}
            for name, values in self.lists.items()}
        """The lists as matched: the phrases said, then those only heard (a value heard only
        comes after those said, for ``pick = "listed"``)."""
        self._modifiers = {p for name in self._before_unknown
                           for ps in self.lists.get(name, {}).values() for p in ps if " " not in p}
        """One-word phrases of lists said before a noun ("*left* foot"): masked with it."""
        self._not_verb_before = (language.possessives | language.articles
                                 | language.bound_words)
        self._verb_after = language.light_words | self._skip_words
        spoken = language.spoken or {}
        self._numerals = {str(w) for key in ("ones", "tens") for w in spoken.get(key, ()) if w}
        """Every number word the language says (not only scores): "it's gone *eleven*"."""
        self._rules: list[_Rule] = []
        self._known: list[str] | None = None
        self._vocab: set[str] = {w for ps in self._match_lists.values() for p in ps.values()
                                 for phrase in p for w in phrase.split()}
        """Every word of every list and template: what the coach knows."""
        for plugin, decl in decls:
            for name, spec in (decl.get("intents") or {}).items():
                self._add_intent(plugin, name, spec)
        for plugin_words in self.vocabulary().values():
            self._vocab.update(plugin_words)
        self._own_words: dict[str, set[str]] = {}
        """Intent → every word its templates and slot lists can say."""
        for rule in self._rules:  # with their stand-ins: "the knot" is "the cramp"
            said = words_of(rule.template, self.lists)
            own = self._own_words.setdefault(rule.intent, set())
            own.update(said, (x for w in said for a in self._alts.get(w, ()) for x in a.split()))
        self._vocab.update(w for alts in self._alts.values() for a in alts for w in a.split())
        lang = self.language
        self._denials = lang.sentence_negations | lang.reason_negations
        """Words that deny a clause of the speaker's ("I *don't* need it", "I *can't*")."""
        self._run_words = {name: frozenset(p for ps in self.lists.get(name, {}).values()
                                           for p in ps if " " not in p) for name in self._runs}
        """List → its one-word phrases, a run of which is a chant (see ``_runs``)."""
        self._coaching_words = {
            w for name, own in self._own_words.items() if "coaching" in self.intents[name].heard
            for w in own if w not in lang.light_words and w not in self._skip_words
            and w not in self._denials}
        """What the coach's words while it coaches say (the stretch, the pull, the pain): an
        answer said again is said in them."""
        self._scatter = ScatterIndex(language, self._alts)
        self._one_word_slots = {p for name, values in self.lists.items() if name not in self._ranges
                                for ps in values.values() for p in ps if " " not in p}
        self._number_values = {p: int(v) for name in self._ranges
                               for v, ps in self.lists[name].items() for p in ps if " " not in p}
        """One-word numbers of the number lists and what they are worth."""
        self._number_words = set(self._number_values)
        self._count_words = [p.split() for p in language.no_rating_before]
        self._rating_frames = [language.normalise(p).split() for p in language.rating_frames]
        self._courtesy_words = {w for p in language.courtesies for w in p.split()}
        self._determiners = language.possessives | language.articles
        self._time_phrases = [said for said in self._count_words if len(said) > 1]
        """Words that make a number a time or a count when said after it, several words
        long ("in the morning"): no other sentence may take them."""
        self._bare: dict[str, set[str]] = {}
        """List → the intents with a template that is that list alone."""
        self._stated = {rule.bare_slot for rule in self._rules if rule.bare_slot and all(
            r.bare_slot == rule.bare_slot for r in self._rules if r.intent == rule.intent)
            and rule.priority < OVERRIDE_PRIORITY}
        """Lists that are the whole of what their intents say ("I have *diabetes*"); not red
        flags, whose denials the screen weighs."""
        self._stated_words = {w for name in self._stated for ps in self.lists[name].values()
                              for p in ps for w in p.split()}
        """Their words: "I haven't *been put on* any new pills" denies the new pills too."""
        for rule in self._rules:  # the same phrases, said with their parts apart
            if rule.bare_slot:
                self._bare.setdefault(rule.bare_slot, set()).add(rule.intent)
                continue
            if rule.alone:  # said on its own only, so never looked for scattered
                continue
            for sentence in expand(rule.template, self.lists, SCATTER_EXPANSIONS):
                self._scatter.add(rule.intent, sentence,
                                  exact=rule.priority >= OVERRIDE_PRIORITY)
        red_flag_lists = {slot for d in self.intents.values() if d.priority >= OVERRIDE_PRIORITY
                          for slot in d.slots}
        for name, values in self.lists.items():
            if name in self._ranges:
                continue
            for value, phrases in values.items():
                for phrase in phrases:
                    self._scatter.add("", phrase, name, value, exact=name in red_flag_lists)
        for rule in self._rules:  # intents heard asleep: each of their sentences acts alone
            if "asleep" in self.intents[rule.intent].heard:
                self.wake_alone.update(expand(rule.template, self.lists))

    def _add_list(self, plugin: str, name: str, values: Mapping[str, Any],
                  into: dict[str, SlotList] | None = None) -> None:
        lists = self.lists if into is None else into
        if into is not None and "range" in values:
            raise DeclarationError(f"plugin {plugin}: heard_only {name} cannot be a range")
        if "range" in values:
            lo, hi = values["range"]
            self.lists[name] = {str(n): self.language.number_words(n) for n in range(lo, hi + 1)}
            self._ranges.add(name)
            return
        if into is None and values and all(str(k).isdigit() for k in values):
            self._ranges.add(name)  # a number list spelled out by hand, e.g. "칠 점" for 7
        merged = {k: list(v) for k, v in lists.get(name, {}).items()}
        for value, phrases in values.items():
            if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
                raise DeclarationError(f"plugin {plugin}: list {name}.{value} must be strings")
            # A phrase may be a template itself ("(changed|upped) [my] (pills|dose)"): a
            # concept said with any of its words, written once.
            said = [s for p in phrases
                    for s in (expand(p, {}) if _TEMPLATE_MARK.search(p) else [p])]
            merged.setdefault(value, []).extend(self.language.normalise(p) for p in said)
        lists[name] = merged

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
        alone = tuple(spec.get("alone_sentences", ()))
        sentences = tuple(spec.get("sentences", ())) + alone
        priority = int(spec.get("priority", 50))
        pick = str(spec.get("pick", "leftmost"))
        heard = frozenset(spec.get("heard", ()))
        if heard - LISTENING.keys():
            raise DeclarationError(
                f"plugin {plugin}: intent {name}: unknown listening state "
                f"{', '.join(sorted(heard - LISTENING.keys()))} (known: {', '.join(LISTENING)})")
        advice = frozenset(str(v) for v in spec.get("advice", ()))
        which_after = frozenset(self.language.normalise(w) for w in spec.get("which_after", ()))
        which_before = tuple(self.language.normalise(w) for w in spec.get("which_before", ()))
        self.intents[name] = IntentDecl(name, plugin, priority, slots, sentences, pick, heard,
                                        advice, which_after, which_before)
        self.wake_alone.update(self.language.normalise(p) for p in spec.get("wake_alone", ()))
        if spec.get("screened"):
            self.screened.add(name)
        if spec.get("only_asked"):
            self.only_asked.add(name)
        if spec.get("kept_beside_screen"):
            self.kept_beside_screen.add(name)
        if spec.get("hedge"):
            self.hedges.add(name)
        # Red flags are heard as declared: "cramp in my back" must not hear "cramp in the back
        # of my thigh" (screening decides them anyway).
        loose = self._loose if priority < OVERRIDE_PRIORITY else EXACT
        for template in sentences:
            try:
                pattern = compile_template(template, self._match_lists, loose)
            except ValueError as err:
                raise DeclarationError(f"plugin {plugin}: intent {name}: {err}") from None
            bare = re.fullmatch(r"\s*\{(\w+)\}\s*", template)
            ranges = any(f"{{{r}}}" in template for r in self._ranges)
            self._rules.append(_Rule(name, plugin, priority, pattern, template, ranges,
                                     bare.group(1) if bare else "", template in alone))

    def match(self, text: str, prefer: Iterable[str] = (), exclude: Iterable[str] = ()
              ) -> Intent:
        """The best intent for ``text``, or ``Intent(None)`` when nothing matches.

        ``prefer`` names the intents an open question expects; they score a little more
        (see the module docstring), so context informs without deciding.
        ``exclude`` names intents not to consider (those a screen has already decided).
        """
        norm = self.language.normalise(text)
        preferred, excluded = set(prefer), set(exclude)
        found = self._best(norm, preferred, excluded)
        said_once = _without_repeats(norm)
        if said_once != norm:  # "back of my my thigh": a stumble, unless it explains less
            again = self._best(said_once, preferred, excluded)
            if again is not None and (found is None or again[2] / self.weight_of(said_once)
                                      > found[2] / self.weight_of(norm)):
                found, norm = again, said_once
        if found is None:
            fixed = self._near_spellings(norm)
            if fixed != norm:
                found = self._best(fixed, preferred, excluded)
                if found is not None:
                    norm = fixed
        if found is None:
            return Intent(None, {}, None, norm)
        decl, slots, score = found
        slots, which = self._which(norm.split(), decl, slots)
        return Intent(decl.name, slots, decl.plugin, norm, score=score, which=which)

    def _which(self, words: list[str], decl: IntentDecl, slots: dict[str, Any]
               ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The slots said as a value, and those said to name which record is meant.

        A run of slot phrases followed by one of ``decl.which_after`` names a record ("the
        *left calf* one was a three", "the *foot* cramp was on my left"), and so does one
        said just after a phrase of ``decl.which_before`` ("the one in my *calf* was a
        three"); the values are then read again from the rest of the sentence, so the name
        is no value to set (and its "one" no rating).
        """
        if not (decl.which_after or decl.which_before) or not slots:
            return slots, {}
        said = sorted(
            (at, n, slot, value)
            for slot in decl.slots
            for value, phrases in self._match_lists[slot].items()
            for phrase in phrases
            for at, n in _find_spans(words, phrase.split(), self._alts))
        naming: dict[int, tuple[int, str, str]] = {}
        """Start → (length, slot, value) of the phrases that name the record."""
        before = [p.split() for p in decl.which_before]

        def free(at: int, n: int) -> bool:
            return not any(at <= a < at + n or a <= at < a + m for a, (m, _, _) in naming.items())

        for at, n, slot, value in reversed(said):  # right to left: "left" names if "calf" does
            after = at + n
            if ((after < len(words) and words[after] in decl.which_after) or after in naming) \
                    and free(at, n):
                naming[at] = (n, slot, value)
        ends = set()
        """Where a name said after a ``which_before`` phrase ends, so far."""
        for at, n, slot, value in said:  # left to right: "the one in my left *calf*"
            if (at in ends or any(words[max(0, at - len(b)):at] == b for b in before)) \
                    and free(at, n):
                naming[at] = (n, slot, value)
                ends.add(at + n)
        if not naming:
            return slots, {}
        which = {slot: int(value) if slot in self._ranges else value
                 for _, slot, value in naming.values()}
        hidden = {i for at, (n, _, _) in naming.items() for i in range(at, at + n + 1)}
        rest = [w if i not in hidden else "·" for i, w in enumerate(words)]
        values, _ = self._read_slots(rest, decl.slots, decl.pick, self._masked(rest))
        if not values:  # "no, it was the cramp in my calf": nothing else to set, so no name
            return slots, {}
        return values, which

    def answer_in(self, text: str, expects: Iterable[str]) -> Intent:
        """The best of the ``expects`` intents with slots found anywhere in ``text``, however
        little of it it explains: an answer said along with something else ("seven, and my
        chest is tight"), looked for only once that something else has been dealt with."""
        norm = self.language.normalise(text)
        wanted = set(expects)
        scored = [s for s in self._score_all(norm, wanted, set(self.intents) - wanted,
                                             keep_weak=True) if s[3]]
        if not scored:
            return Intent(None, {}, None, norm)
        _, score, decl, slots = max(scored, key=lambda x: x[0])
        return Intent(decl.name, slots, decl.plugin, norm, score=round(score, 2))

    def candidates(
        self, text: str, prefer: Iterable[str] = (), exclude: Iterable[str] = ()
    ) -> list[tuple[str, float]]:
        """Every intent with a phrase in ``text`` and its score, best first (for traces),
        including those explaining too little of it to be taken."""
        norm = self.language.normalise(text)
        scored = self._score_all(norm, set(prefer), set(exclude), keep_weak=True)
        return [(d.name, round(sc, 2)) for _, sc, d, _ in sorted(scored, key=lambda x: x[0],
                                                                     reverse=True)]

    def _best(
        self, norm: str, preferred: set[str], excluded: set[str]
    ) -> tuple[IntentDecl, dict[str, Any], float] | None:
        scored = self._score_all(norm, preferred, excluded)
        if not scored:
            return None
        key, score, decl, slots = max(scored, key=lambda x: x[0])
        if slots and decl.name not in preferred and not key[0]:
            # The answer asked for, said as a correction ("Calf, foot or thigh?" — "no, my
            # foot", "it's actually my thigh"): the same slots, so the answer it is.
            same = [s for s in scored if s[2].name in preferred and s[3] == slots]
            if same:
                _, score, decl, slots = max(same, key=lambda x: x[0])
        return decl, slots, round(score, 2)

    def _score_all(
        self, norm: str, preferred: set[str], excluded: set[str], keep_weak: bool = False
    ) -> list[tuple[tuple[bool, float, int, int], float, IntentDecl, dict[str, Any]]]:
        excluded = excluded | (self.only_asked - preferred)  # answers only when asked
        padded = f" {norm} "
        words = norm.split()
        word_at = _word_index(padded)
        masked = self._masked(words)
        covered: dict[str, set[int]] = {}
        longest: dict[str, int] = {}
        said_whole: list[set[int]] = []
        reasons = self._reasons(words)
        # A denial inside "that's not working" says no more: "…, next" is not denied.
        closed = {max(clause) for clause in reasons
                  if words[min(clause)] in self.language.denied_reason_starts}
        named: list[set[int]] = []  # where a slot phrase was said ("the back of my leg")
        for rule in self._rules:
            if rule.intent in excluded:
                continue
            for m in rule.pattern.finditer(padded):
                if not m.group(0).strip():
                    continue
                span = {word_at[i] for i in range(m.start(), m.end()) if i in word_at}
                if rule.alone and any(w not in self.language.light_words
                                      for i, w in enumerate(words) if i not in span):
                    continue  # "that's right, the bins go out tuesday": not on its own
                # A denial said again is no denial of the denial: "no it isn't, *not a bit*".
                denial = words[min(span)] in self.language.sentence_negations
                if any(masked.get(i, i) not in span for i in span) or (
                        not rule.bare_slot and not denial
                        and self._negated(words, min(span), closed)):
                    # "I left my phone", "don't stop": not what the sentence says (unless the
                    # sentence says "all right" itself).
                    continue
                if self._open_end(words, max(span), rule.intent, masked):
                    continue  # "I can't find the remote": not "I can't"
                if self._verb_particle(words, span, rule.intent):
                    continue  # "just rolling over": no end of anything
                if self._time_clause(words, min(span), rule):
                    continue  # "my heart sank when it started": when, not what
                if rule.bare_slot in self._ranges and self._not_a_number(
                        words, min(span), m.group(0).strip()):
                    continue  # "that one's over", "channel four": no rating
                if rule.ranges and self._no_number_in(words, span):
                    continue  # "I'll call at seven": the number is a time, the sentence no score
                covered.setdefault(rule.intent, set()).update(span)
                longest[rule.intent] = max(longest.get(rule.intent, 0), len(span))
                if not rule.bare_slot:  # "the cramp *in my calf* has gone" may hold a slot
                    said_whole.append(span)
                else:
                    named.append(span)
        scattered, scattered_slots = self._scattered(words, masked, excluded, said_whole,
                                                     named, closed)
        for slot, (_, at) in scattered_slots.items():
            for name in self._bare.get(slot, ()):  # "{item}" said as "a new heart tablet"
                if name not in excluded:
                    scattered.setdefault(name, set()).update(at)
        for name, span in scattered.items():
            covered.setdefault(name, set()).update(span)
            longest[name] = max(longest.get(name, 0), len(span))
        total = sum(self._weight(w) for w in words)
        polite = self._courtesies(words)
        beyond_manners = {name for name, span in covered.items() if span - polite}
        light, foreign_ratio = self.language.light_words, self.language.foreign_ratio
        foreign = sum(1 for w in words if w not in self._vocab and w not in light)
        # ...called by name, not named as a thing done to: "kids, bed", but "you'll wake
        # *the* kids" (after ``addressee_not_after``).
        named_other = any(not at or words[at - 1] not in self.language.addressee_not_after
                          for name in self.language.other_addressees
                          for at in _find_phrase(words, name.split()))
        turn = self._last_turn(words)
        past_turn = self._past_turn(words)
        others_story = self._others_story(words)
        after_past: set[str] = set()
        """Intents that explain most of what is said after a past time: what is meant."""
        read: dict[str, tuple[dict[str, Any], set[int]]] = {}
        because: dict[str, set[int]] = {}
        """Intent → the reason said with it, when it is a request of its own (not thanks)."""
        for name in covered:
            decl = self.intents[name]
            slots, slot_words = self._read_slots(words, decl.slots, decl.pick, masked,
                                                 decl.priority < OVERRIDE_PRIORITY)
            for slot in decl.slots:
                if slot not in slots and slot in scattered_slots:  # "blood when I cough"
                    slots[slot], at = scattered_slots[slot]
                    slot_words |= at
            read[name] = slots, slot_words
        # Doubt said with a value ("I don't know, maybe a six", "hard to say, an eight") hedges
        # the value: the value's intent is meant, and the doubt is no part of what is left over.
        valued = {name for name, (slots, _) in read.items() if slots and name not in self.hedges}
        hedged = {i for name in self.hedges & covered.keys() if valued and not read[name][0]
                  for i in covered[name]}
        out = []
        for name, span in covered.items():
            decl = self.intents[name]
            if name in self.hedges and hedged & span and not read[name][0]:
                continue
            slots, slot_words = read[name]
            explained = sum(self._weight(words[i]) for i in span | slot_words)
            # Slot words (a body part, a number) are what an intent is about: they count more,
            # a slot as much as one word however long it is said ("the back of my leg").
            score = explained + (SLOT_WEIGHT - 1) * min(
                sum(self._weight(words[i]) for i in slot_words), len(slots))
            # "stop, I don't need it now": the speaker's reason is no part of what is left over.
            # ...but a remark after an answer is no reason: "yeah, I locked the back door",
            # "no, I didn't take the bins out" answer someone else.
            # ...unless it says the answer again in the coach's own words: "yes, I can feel
            # the stretch", "no, I can't feel anything pulling" (but "no, I'm off to bed").
            said = span | slot_words
            answer = "answer" in decl.heard
            reason = set() if answer else {
                i for clause in reasons if not clause & said for i in clause}
            echo = {i for clause in reasons if answer and not clause & said
                    and self._echo(words, span, clause) for i in clause}
            # A clause of the speaker's own in the coach's words, said before a command in
            # the same breath, is what the command follows: "okay, I'm holding it, next".
            # It says nothing any other intent would take ("I've got a cramp, help me"), and
            # denies nothing ("I don't need you to stop" is no stop).
            reason |= {i for clause in reasons if clause & said and min(clause) < min(said)
                       and not answer
                       and self._known_clause(words, {i for i in clause if i < min(said)})
                       and not any(i < min(said) and words[i] in self._denials for i in clause)
                       and not any(i < min(said) and i in other_span
                                   for other, other_span in covered.items() if other != name
                                   for i in clause)
                       for i in clause if i < min(said)}
            if reason and explained < REASON_MIN_SHARE * sum(
                    self._weight(w) for i, w in enumerate(words) if i not in reason):
                reason = set()  # "next week, I'm away": the rest is not the command
            said_why = set(reason)  # the speaker's own reason, before any story or manners
            reason |= echo  # (what an answer says again is no reason: "yes, I feel better")
            if name in valued:
                reason |= hedged - span - slot_words
            if turn and min(span | slot_words) >= turn and explained >= REASON_MIN_SHARE * sum(
                    self._weight(w) for w in words[turn:]):
                # "sorry, I know it's late and you must be sick of me, but could you tell me
                # what to do next": the story before the turn leads up to what is asked.
                reason |= set(range(turn))
            if past_turn and min(span | slot_words) >= past_turn and (
                    explained >= REASON_MIN_SHARE * sum(
                        self._weight(w) for w in words[past_turn:])):
                # "my calf cramped an hour ago, it's okay now": the past is background.
                reason |= set(range(past_turn))
                after_past.add(name)
            if polite and not (span | slot_words) - polite and beyond_manners - {name}:
                # "stop now, thank you": the thanks are manners, the stop is meant; but
                # "thank you so much, that worked" is thanks above all. Each word of the
                # thanks weighs as a light word.
                score -= sum(self._weight(words[i]) - LIGHT_WEIGHT for i in span)
            manners = polite - span if (span | slot_words) - polite else set()
            reason |= manners
            own_total = total - sum(self._weight(words[i]) for i in reason)
            own_foreign = foreign - sum(1 for i in reason if words[i] not in self._vocab
                                        and words[i] not in light)
            override = decl.priority >= OVERRIDE_PRIORITY and not (
                slots and decl.advice.issuperset(map(str, slots.values())))
            # The value a question asked for, said with a comment ("maybe a three, it wasn't
            # too bad this time"), is the answer unless the comment is most of a long story.
            enough = 0.0 if name in preferred and slots else ENOUGH
            weak = score <= MIN_SHARE * own_total and (score < enough
                                                       or score <= LONG_MIN_SHARE * own_total)
            if not override and weak and not keep_weak:
                continue
            if not override and not keep_weak and others_story:
                continue  # "my husband keeps getting cramps in his calf": talk, no request
            if (not override and not slot_words and not keep_weak and (
                    named_other or self._about_other(words, min(span), name)
                    or "answer" in decl.heard and self._asked_other(words, span, name)
                    or self._told_of_other(words, span, name)
                    or self._consequence(words, span)
                    or foreign_ratio and (
                        own_foreign >= foreign_ratio * explained
                        or self._aside(words, span | reason, explained)))):
                # "stop hogging the blanket", "stop it, that tickles", "Alexa, stop": all
                # for someone else.
                continue
            if said_why and (span - slot_words) - polite and not override:
                # A value alone gives no reason: in "right, I think it's eased off", the
                # "right" is a word to start on, and the clause after it is what is meant.
                because[name] = said_why
            asked = CONTEXT_BONUS if name in preferred else 0.0
            # On a tie the intent that needed no bonus wins: "no, stop" at "Has it let go?"
            # stops (all of it said) rather than answering no (half of it and the question).
            key = (override, score + asked, score, decl.priority, longest[name])
            out.append((key, explained, decl, slots, max(span | slot_words)))
        if after_past and not keep_weak:  # what was told of the past is not what is meant
            out = [o for o in out if o[0][0] or o[2].name in after_past or o[4] >= past_turn]
        if because and not keep_weak:
            # "please stop talking, *I'm trying to sleep*": what the reason says is why the
            # request is made, not a second request (unless it names a value: "stop, I
            # can't stand").
            taken = {o[2].name for o in out}
            out = [o for o in out if o[0][0] or o[3] or not any(
                covered[o[2].name] <= clause for other, clause in because.items()
                if other != o[2].name and other in taken)]
        return [o[:4] for o in out]

    def _scattered(
        self, words: list[str], masked: Mapping[int, int], excluded: set[str],
        said_whole: list[set[int]], named: Iterable[set[int]] = (),
        closed: Set[int] = frozenset(),
    ) -> tuple[dict[str, set[int]], dict[str, tuple[str, set[int]]]]:
        """Intent → the words its sentences explain said scattered; list → the value and
        words of its leftmost phrase said scattered.

        A phrase found whole keeps its words: a scattered one may take all of them, but
        neither part of them nor words around them ("okay it let go" is no "okay … go",
        "any other work *released* this way" no "any other way"). A slot phrase among its
        parts counts as one word however long, and a phrase inside it is no other phrase:
        "the pain *in the back of my leg* has stopped"."""
        intents: dict[str, set[int]] = {}
        slots: dict[str, tuple[str, set[int]]] = {}
        in_slot = {i for span in named for i in span}
        free = {i for span in named for i in sorted(span)[1:]}
        for hit in sorted(self._scatter.hits(words, free), key=lambda h: h.positions):
            item, at = hit.phrase, set(hit.positions)
            start = min(at)
            reach = set(range(start, max(at) + 1))
            if item.intent in excluded or _masked_out(masked, at) or any(
                    reach & whole and not whole <= at and not whole <= in_slot
                    for whole in said_whole):
                continue
            if item.slot:
                if not self._slot_denied(words, start, max(at) + 1,
                                         item.slot in self._stated):
                    slots.setdefault(item.slot, (item.value, at))  # not "not a new tablet"
            elif self._time_clause(words, start, None):
                continue  # "my heart sank when it came back"
            elif item.intent in self._ranged_intents and self._no_number_in(words, at):
                continue  # "a ten out of ten film": numbers, but no score, so no rating said
            elif not self._negated(words, start, closed):
                intents.setdefault(item.intent, set()).update(at)
        return intents, slots

    @property
    def _ranged_intents(self) -> set[str]:
        """The intents with a number list among their templates' slots."""
        cached = getattr(self, "_ranged_cache", None)
        if cached is None or cached[0] != len(self._rules):
            cached = (len(self._rules), {rule.intent for rule in self._rules if rule.ranges})
            self._ranged_cache = cached
        return cached[1]

    def _about_other(self, words: list[str], start: int, intent: str) -> bool:
        """Whether a sentence of ``intent`` starting at ``start`` with a predicate follows
        "my" and a thing the intent does not know, so describes that thing ("my *neck*
        feels stiff", "my *chest* feels tight")."""
        lang = self.language
        if 0 < start and words[start] not in lang.predicates and (
                words[start - 1] in lang.predicates):
            start -= 1  # the predicate just before what is matched: "the alarm *is* going off"
        if start < 2 or words[start] not in lang.predicates:
            return False
        own = self._own_words.get(intent, ())
        # The thing may be named in two words: "the neighbours' *alarm* is going off again".
        for size in (1, 2):
            if start - size - 1 < 0 or words[start - size - 1] not in lang.possessives:
                continue
            things = words[start - size : start]
            if all(t not in own and t not in lang.light_words and t not in lang.possessives
                   for t in things):
                return True
        return False

    def _asked_other(self, words: list[str], span: set[int], intent: str) -> bool:
        """Whether a request ("can you …") asks for a verb that ``intent`` does not know and
        that its sentence does not hold: "can you *turn* it down a bit" asks for turning, and
        is no answer ("a bit"). Checked for answers only: a command may take any verb ("can
        you *go* a bit slower")."""
        lang = self.language
        own = self._own_words.get(intent, ())
        for frame in lang.request_frames:
            said = frame.split()
            for at in _find_phrase(words, said):
                verb = at + len(said)
                while verb < len(words) and (words[verb] in self._skip_words
                                             or words[verb] in self._courtesy_words):
                    verb += 1  # "can you just …", "could you please …"
                if (verb < len(words) and verb not in span and words[verb] not in own
                        and words[verb] not in lang.light_words):
                    return True
        return False

    def _consequence(self, words: list[str], span: set[int]) -> bool:
        """Whether a consequence follows the sentence at ``span``: "do that again *and
        you're* grounded" is a threat to someone else, no request."""
        return any(at > max(span) for phrase in self.language.consequences
                   for at in _find_phrase(words, phrase.split()))

    def _told_of_other(self, words: list[str], span: set[int], intent: str) -> bool:
        """Whether a one-word sentence of ``intent`` ends what is said, right after a
        statement about a thing the intent does not know ("*the telly is on* again", "*the
        baby kicked* again"): an adverb of that statement, not a command."""
        lang = self.language
        at = min(span)
        if len(span) != 1 or at != len(words) - 1:
            return False
        own = self._own_words.get(intent, ())
        for verb in range(max(2, at - 2), at):  # at most one word between
            said = words[verb]
            thing = words[verb - 1]
            if ((said in lang.predicates or _ends(said, lang.past_endings))
                    and words[verb - 2] in lang.possessives
                    and thing not in own and thing not in lang.light_words):
                return True
        return False

    def _time_clause(self, words: list[str], start: int, rule: _Rule | None) -> bool:
        """Whether a sentence filling no slot starts right after a word that makes it a time
        clause, behind a clause of the speaker's with a word the coach does not know: "my
        heart sank *when it started*" says when the heart sank (but "it started again when I
        rolled over" and "tell me when it started" stay)."""
        lang = self.language
        if (rule is not None and "{" in rule.template) or start < 2 or (
                words[start - 1] not in lang.time_clause_starts):
            return False
        return any(self._unknown_word(w) for w in words[: start - 1])

    def _open_end(self, words: list[str], last: int, intent: str,
                  masked: Mapping[int, int] | None = None) -> bool:
        """Whether a sentence of ``intent`` ending at ``last`` in a word that wants a verb
        ("I can't") is followed by a verb the intent does not know, which it is about ("I
        can't *sleep*", "stop *licking* my toes"), or by one of its own said in another sense
        ("I can't *reach* the remote")."""
        lang = self.language
        nxt = words[last + 1] if last + 1 < len(words) else ""
        if nxt and masked and last + 1 in masked and words[last] in lang.open_ends:
            return True
        if not nxt or nxt in self._own_words.get(intent, ()):
            return False
        if (words[last] in lang.gerund_takers and nxt not in lang.not_gerunds
                and _ends(nxt, lang.gerund_endings)):
            return True
        return (words[last] in lang.open_ends and nxt not in lang.light_words
                and nxt not in self._skip_words and nxt not in self._courtesy_words)

    def _reasons(self, words: list[str]) -> list[set[int]]:
        """The clauses that may give the reason for a command: the speaker's own ("*I need
        to sit up*", "*I'm not ready*"), from its first word to the next clause break or the
        end; or a denial of what is going on ("*that's not working*"), through the word
        after the denial."""
        lang = self.language
        denials = self._denials
        out = []
        for j, word in enumerate(words):
            denied = [k for k in range(j + 1, min(j + 3, len(words))) if words[k] in denials]
            if word in lang.reason_starts or (word in lang.body_reason_starts
                                              and self._body_clause(words, j + 1)):
                end = next((k for k in range(j + 1, len(words))
                            if words[k] in lang.clause_breaks), len(words))
                out.append(set(range(j, end)))
            elif word in lang.denied_reason_starts and denied:
                out.append(set(range(j, min(denied[0] + 2, len(words)))))
        return out

    def _known_clause(self, words: list[str], clause: Set[int]) -> bool:
        """Whether every word of ``clause`` is one the coach knows (a plugin's, or a light or
        skippable word): "I can feel the stretch" is about the coaching, "I locked the back
        door" is not."""
        lang = self.language
        return bool(clause) and all(
            words[i] in self._vocab or words[i] in lang.light_words
            or words[i] in self._skip_words for i in clause)

    def _echo(self, words: list[str], span: Set[int], clause: Set[int]) -> bool:
        """Whether ``clause`` says an answer at ``span`` again, in the coach's words and with
        the same sense: a denial after a no ("no, I can't feel it"), none after a yes."""
        lang = self.language
        denials = self._denials | lang.answer_denials
        coaching = self._coaching_words
        return self._known_clause(words, clause) and any(
            words[i] in coaching for i in clause) and (
            any(words[i] in denials for i in span) == any(words[i] in denials for i in clause))

    def _body_clause(self, words: list[str], at: int) -> bool:
        """Whether a part a plugin's list names starts at ``at`` (after one-word list phrases
        before it: "my *left* foot"), with a predicate right after it: "my foot's tangled"."""
        while at < len(words) and words[at] in self._one_word_slots:
            nxt = at + 1
            if nxt < len(words) and words[nxt] in self.language.predicates:
                return True
            at = nxt
        for values in self.lists.values():
            for phrases in values.values():
                for phrase in phrases:
                    said = phrase.split()
                    end = at + len(said)
                    if (len(said) > 1 and words[at:end] == said and end < len(words)
                            and words[end] in self.language.predicates):
                        return True
        return False

    def _past_turn(self, words: list[str]) -> int:
        """Where what is said after the last past time starts ("it cramped an hour *ago*,
        it's okay now"), when something is said after it; 0 when there is none."""
        ends = [at + len(p.split()) for p in self.language.past_times
                for at in _find_phrase(words, p.split())]
        end = max(ends, default=0)
        return end if 0 < end < len(words) else 0

    def _others_story(self, words: list[str]) -> bool:
        """Whether ``words`` tell of someone else's habit or past, and ask nothing: "my
        husband keeps getting cramps in his calf", "he's been up with cramp all week"."""
        lang = self.language

        def said(phrases: Iterable[str]) -> bool:
            return any(next(iter(_find_phrase(words, p.split())), None) is not None
                       for p in phrases)

        return (bool(lang.other_people & set(words)) and not lang.speaker_words & set(words)
                and (said(lang.habit_or_past) or said(lang.scenes)) and not said(lang.told_now)
                and not said(lang.asks_for) and not said(lang.request_frames))

    def _clock_times(self, words: list[str]) -> dict[int, int]:
        """The words of a time of day before its hour ("it's *gone* eleven", "*gone half
        past* three", "*gone* midnight"), each with the position of the hour: no sentence
        may take them ("gone" is no end of a cramp, "half" no yes)."""
        lang, out = self.language, {}
        leads = {p.split()[-1] for p in lang.clock_before}
        for k, word in enumerate(words):
            if word not in self._numerals and word not in self._number_words and (
                    word not in lang.clock_words or word in ("half", "quarter")):
                continue
            j = k
            while j and (words[j - 1] in leads or words[j - 1] in lang.clock_words):
                j -= 1
            if any(w in leads for w in words[j:k]):
                out.update(dict.fromkeys(range(j, k), k))
        return out

    def _verb_particle(self, words: list[str], span: set[int], intent: str) -> bool:
        """Whether a sentence starts with a particle of the verb before it, which its intent
        does not know ("just rolling *over*", "I'm turning *over now*"): part of that verb."""
        lang = self.language
        at = min(span)
        if not at or words[at] not in lang.particles:
            return False
        verb = words[at - 1]
        return verb not in self._own_words.get(intent, ()) and verb not in lang.not_gerunds and (
            _ends(verb, lang.gerund_endings) or _ends(verb, lang.past_endings))

    def _last_turn(self, words: list[str]) -> int:
        """Where the last clause after a turn ("but", "so", "anyway") starts, when a story
        comes before it; 0 when there is none."""
        turns = [j for j, w in enumerate(words) if w in self.language.turns and j >= 2]
        return turns[-1] + 1 if turns and turns[-1] + 1 < len(words) else 0

    def _courtesies(self, words: list[str]) -> set[int]:
        """Where thanks are said ("next please, *thanks*")."""
        return {i for phrase in self.language.courtesies
                for at in _find_phrase(words, phrase.split())
                for i in range(at, at + len(phrase.split()))}

    def _aside(self, words: list[str], explained_at: set[int], explained: float) -> bool:
        """Whether the words left over say a clause of their own that the coach knows nothing
        of ("stop it, *that tickles*", "wait, *it's raining*"), weighing at least what the
        intent explains: a remark to someone else, not a command."""
        lang, vocab = self.language, self._vocab
        for j, word in enumerate(words):
            if j in explained_at or word not in lang.aside_starts:
                continue
            told = [k for k in range(j + 1, self._clause_end(words, j)) if k not in explained_at
                    and words[k] not in vocab and words[k] not in lang.light_words]
            if told and len(told) >= explained:
                return True
        return False

    def _clause_end(self, words: list[str], start: int) -> int:
        """Where the clause starting at ``start`` ends: at the next clause break, or the end."""
        breaks = self.language.clause_breaks
        return next((k for k in range(start + 1, len(words)) if words[k] in breaks), len(words))

    def _slot_denied(self, words: list[str], start: int, end: int, stated: bool = False
                     ) -> bool:
        """Whether a slot phrase at ``start:end`` is denied ("not my left"); a lament is no
        denial ("oh no, not my foot *again*", "not again, my left"), nor is a value said
        right after a denied one ("not left, *right*": the denial is the first value's).

        A ``stated`` slot is the whole of what its sentence says ("I have *diabetes*", "I
        started *new tablets*"), so any denial earlier in its clause denies it: "I haven't
        started any new tablets", "I don't have diabetes", "no new medicines"."""
        lang = self.language
        before = words[start - 1] if start else ""
        if stated and self._statement_denied(words, start):
            return True
        # "oh no, not again, both legs": the lament comes first, and denies nothing after it.
        denials = [k for k in range(max(0, start - 2), start) if words[k] in lang.negations
                   and not (k + 1 < start and words[k + 1] in lang.lament_after)]
        return bool(denials) and not (
            end < len(words) and words[end] in lang.lament_after) and not (
            before in self._one_word_slots or before in self._number_words)

    def _statement_denied(self, words: list[str], start: int) -> bool:
        """Whether a sentence negation comes before ``start`` in its clause, over light and
        skippable words, the statement's own words and at most :data:`STATED_REACH` others
        ("I *haven't* been put on any new pills"), or "no" right before it ("*no* new
        medicines"). The speaker starting a clause again ends it: "I don't sleep well since
        *I* started new tablets"."""
        lang, others = self.language, 0
        if start and words[start - 1] in lang.stated_negations and (
                words[start] not in lang.light_words):
            return True
        for j in range(start - 1, -1, -1):
            word = words[j]
            if word in lang.sentence_negations:
                return True
            if word in lang.clause_breaks or word in lang.reason_starts:
                return False
            if (word not in lang.light_words and word not in lang.skippable
                    and word not in self._stated_words):
                others += 1
                if others > STATED_REACH:
                    return False
        return False

    def _negated(self, words: list[str], start: int, closed: Set[int] = frozenset()) -> bool:
        """Whether a negation comes just before ``start``: over light and skippable words
        and at most one other ("I don't *need* help", "it never went away"), but not out of
        a denial that is complete (``closed`` holds where each ends: "that's not helping")."""
        lang, others = self.language, 0
        for j in range(start - 1, max(-1, start - 1 - NEGATION_REACH), -1):
            if words[j] in lang.sentence_negations:
                return True  # a denial said twice: "no it isn't, *not* a bit"
            if j in closed or words[j] in lang.clause_breaks:
                return False  # "콩팥이 안 좋아서 물 제한해요": the 안 is the first clause's
            if words[j] not in lang.light_words and words[j] not in lang.skippable:
                others += 1
                if others > 1:
                    return False
        return False

    def _taken_back(self, words: list[str]) -> dict[int, int]:
        """A slot said, taken back and said again in one breath ("my *left*, *no*, my right
        calf", "a five, sorry, a six"): the words of the first mention, each with the
        position of the word that takes it back, and that word with the first mention's.
        The second mention is what was meant; the "no" answers nothing and corrects no
        entry."""
        lang, out = self.language, {}
        markers = [(at, at + len(m.split())) for m in lang.self_corrections
                   for at in _find_phrase(words, m.split())]
        if not markers:
            return out
        # A phrase is also said as its stand-ins ("왼발 아니 오른발": 왼, 오른 for the sides),
        # and the second mention may come after a word of another slot ("아니 *오른* 발").
        slot_words = {a for p in self._one_word_slots for a in self._alts.get(p, (p,))}
        for values in self.lists.values():
            said = sorted((at, at + len(p.split())) for ps in values.values() for p in ps
                          for at in _find_phrase(words, p.split(), self._alts))
            for start, end in markers:
                # ...or after what was said of it ("장딴지 쥐났어 아니다 발바닥이네"): two
                # words no slot's, between the first mention and the marker.
                first = [m for m in said if m[1] <= start and (start - m[1] <= 1 or (
                    start - m[1] <= 2 and not slot_words.intersection(words[m[1]:start])))]
                again = [m for m in said if m[0] >= end and m[0] - end <= 2
                         and all(w in lang.light_words or w in slot_words
                                 for w in words[end:m[0]])]
                if first and again:
                    at, until = max(first, key=lambda m: m[1] - m[0])
                    out.update(dict.fromkeys(range(at, until), start))
                    out.update(dict.fromkeys(range(start, end), at))
        return out

    def _masked(self, words: list[str]) -> dict[int, int]:
        """Positions of list phrases said in a sense that is not the list's ("I *left* my
        phone", "*right* now"), as plugins declare with ``not_slot``, or taken back (see
        :meth:`_taken_back`), each with the position of the word that tells."""
        out: dict[int, int] = self._taken_back(words)
        out.update(self._clock_times(words))
        lang = self.language
        for phrase in lang.time_phrases:  # "last *night*": no "night" of its own
            said = phrase.split()
            for at in _find_phrase(words, said):
                out.update(dict.fromkeys(range(at + 1, at + len(said)), at))
        for name, n in self._runs.items():  # "left right left right": a march
            ones = self._run_words[name]
            start = 0
            for end in range(len(words) + 1):
                if end < len(words) and words[end] in ones:
                    continue
                if end - start >= n:
                    out.update(dict.fromkeys(range(start, end), -1))
                start = end + 1
        for at, word in enumerate(words[:-2]):  # "*over* an hour": the hour's
            if word in lang.more_than and (
                    words[at + 1] in lang.articles or words[at + 1] in self._numerals
                    or words[at + 1] in self._number_words) and (
                    words[at + 2] in lang.no_rating_before):
                out[at] = at + 2
        for at, word in enumerate(words):  # "four *in the morning*": the number's, no greeting
            if word in self._number_words:
                for said in self._time_phrases:
                    if words[at + 1 : at + 1 + len(said)] == said:
                        out.update(dict.fromkeys(range(at + 1, at + 1 + len(said)), at))
        for name, (after, before) in self._not_slot.items():
            for phrase in {p for ps in self.lists.get(name, {}).values() for p in ps}:
                n = len(phrase.split())
                for at in _find_phrase(words, phrase.split(), self._alts):  # stand-ins too
                    told = self._said_after(words, at, after)
                    nxt = words[at + n] if at + n < len(words) else ""
                    # "my feet *are* cold", "my foot feels *a little* numb"
                    said_at = at + n + 1
                    while (said_at < min(len(words), at + n + 4)
                           and words[said_at] in self.language.state_degrees):
                        said_at += 1
                    state = (nxt in self.language.predicates and said_at < len(words)
                             and words[said_at] in before)
                    if state:
                        nxt = words[said_at]
                    unknown = (name in self._before_unknown and nxt and nxt not in self._vocab
                               and nxt not in self.language.light_words
                               and nxt not in self._before_unknown[name])
                    if name in self._before_unknown and nxt == "of" and not state:
                        unknown = self._of_unknown(words, at + n + 1, name)  # "side of the bed"
                    if not state and nxt in self._compounds.get(name, ()):
                        unknown = unknown or self._unknown_thing(  # "the right hand lamp"
                            words, at + n + 1, self._before_unknown.get(name, frozenset()))
                    if name in self._object_unknown and not state and (
                            nxt in self._determiners or phrase.split()[-1] in self._determiners):
                        unknown = unknown or self._unknown_thing(  # "can't reach the remote"
                            words, at + n, self._object_unknown[name])
                    verb = (phrase in self._verbs and nxt in self._verb_before.get(name, ())
                            and (not at or (words[at - 1] in self._verb_after
                                            and words[at - 1] not in self._not_verb_before)))
                    said_before = nxt in before and (n == 1 or nxt not in self._single.get(
                        name, ()))
                    if said_before and self._kept_after_part(words, at, n, name):
                        said_before = False  # "on the *right* in my calf"
                    if told is not None or said_before or unknown or verb:
                        teller = told if told is not None else (said_at if state else at + n)
                        out.update(dict.fromkeys(range(at, at + n), teller))
                        if (state or told is not None) and at > 0 and (
                                words[at - 1] in self._one_word_slots - {phrase}):
                            out[at - 1] = teller  # "my *left* foot is freezing": no side
                        elif at > 0 and words[at - 1] in self._modifiers:
                            out[at - 1] = teller  # "my *left* foot fell asleep": no side
        return out

    def _kept_after_part(self, words: list[str], at: int, n: int, name: str) -> bool:
        """Whether the list phrase at ``words[at:at+n]`` follows one of its ``kept_after``
        words and comes before a part a list names, one word and any possessives away: "on
        the *right* in my calf" is a side, "on the *left* by the lamp" is none."""
        if not any(at >= len(k) and words[at - len(k) : at] == k
                   for k in self._kept_after.get(name, ())):
            return False
        k = at + n + 1
        lang = self.language
        while k < len(words) and (words[k] in lang.possessives or words[k] in lang.articles):
            k += 1
        return k < len(words) and words[k] in self._one_word_slots

    def _unknown_thing(self, words: list[str], at: int, known: Set[str]) -> bool:
        """Whether the word at ``at``, after any determiners, names a thing no plugin knows
        (nor ``known``): "reach *the remote*", "the right hand *lamp*"."""
        lang = self.language
        while at < len(words) and words[at] in self._determiners:
            at += 1
        return at < len(words) and words[at] not in self._vocab and (
            words[at] not in lang.light_words and words[at] not in known
            and words[at] not in self._skip_words and words[at] not in self._courtesy_words)

    def _of_unknown(self, words: list[str], at: int, name: str) -> bool:
        """Whether the thing named from ``at`` on, after "of" and its articles, is one no
        plugin knows: "the right side *of the bed*" names no side of a leg."""
        lang = self.language
        while at < len(words) and (words[at] in lang.possessives or words[at] in lang.articles):
            at += 1
        return at < len(words) and words[at] not in self._vocab and (
            words[at] not in lang.light_words and words[at] not in self._before_unknown[name])

    def _said_after(self, words: list[str], at: int, after: Set[str]) -> int | None:
        """The position of the word of ``after`` (a word or phrase) just before ``at``, or
        before a possessive there ("the cat's sitting on *my* feet", "I stubbed *my* toe")."""
        ends = [at]
        if at > 0 and words[at - 1] in self.language.possessives:
            ends.append(at - 1)
        for end in ends:
            for said in after:
                n = len(said.split())
                if end >= n and " ".join(words[end - n : end]) == said:
                    return end - 1
        return None

    def _no_number_in(self, words: list[str], span: set[int]) -> bool:
        """Whether the numbers said in ``span`` are all no score (a time, a count); a pronoun
        is no number at all ("change *the last one* to my foot")."""
        lang = self.language
        said = [i for i in span if words[i] in self._number_words and not (
            words[i] in lang.pronoun_numbers and i and words[i - 1] in lang.not_numbers_after)]
        return bool(said) and all(self._not_a_number(words, i, words[i]) for i in said)

    def _not_a_number(self, words: list[str], start: int, phrase: str) -> bool:
        """Whether a number word is said in another sense: a pronoun ("the left *one*"), a
        time, a channel or a count ("an alarm for *seven*", "channel *four*", "*four*
        months", "*four* in the morning")."""
        lang = self.language
        before = words[start - 1] if start > 0 else ""
        end = start + len(phrase.split())
        article = words[start - 2] if start > 1 else ""
        framed = any(words[max(0, start - len(f)) : start] == f for f in self._rating_frames)
        after = words[end] if end < len(words) else ""
        # "a three tonight": after an article a number is a score noun, said when.
        when = [t.split() for t in lang.rating_times] if before in lang.articles else []
        # "out of *ten*": the number that ends a rating scale is the scale, never the score.
        scale = any(len(s.split()) > 1 and words[max(0, end - len(s.split())) : end] == s.split()
                    for s in lang.rating_scales)
        return (scale or (phrase in lang.pronoun_numbers and (before in lang.not_numbers_after
                                                     or article in lang.articles))
                or (phrase in lang.counts_of_things and self._unknown_word(before)
                    and self._unknown_word(after))  # "쥐포 하나 구워": one of a thing
                or (before in lang.no_rating_after and not framed)
                or (before in lang.predicates and article in lang.no_rating_after
                    and article not in lang.light_words)  # "the number is seven"
                or self._rates_a_thing(words, start, end)
                or (after not in lang.light_words and after not in self._courtesy_words
                    and _ends(after, lang.plural_endings))
                or any(words[end : end + len(said)] == said for said in self._count_words
                       if not any(words[end : end + len(t)] == t for t in when))
                or self._counting(words, start, end))

    def _rates_a_thing(self, words: list[str], start: int, end: int) -> bool:
        """Whether the score at ``words[start:end]`` is said with its scale, after an article
        and before a thing no plugin knows, so rates that thing: "a *ten* out of *ten* film"
        (but "five out of ten, middling", "an eight out of ten easily")."""
        lang = self.language
        for scale in lang.rating_scales:
            said = scale.split()
            for mark_end in (end + len(said), end):
                if mark_end == end and words[max(0, end - len(said)) : end] != said:
                    continue
                if mark_end != end and words[end:mark_end] != said:
                    continue
                score = start if mark_end != end else end - len(said) - 1
                after = words[mark_end] if mark_end < len(words) else ""
                # "nine out of ten cats": a share of things counted, with or without an article.
                share = (mark_end != end and self._unknown_word(after)
                         and _ends(after, lang.plural_endings))
                if not share and (score < 1 or words[score - 1] not in lang.articles):
                    continue
                if self._unknown_word(after) and not _ends(after, lang.adverb_endings):
                    return True
        return False

    def _counting(self, words: list[str], start: int, end: int) -> bool:
        """Whether the number at ``words[start:end]`` is one of a run said in a row: a count
        ("eight nine ten, ready or not") or a result ("it finished two one"). A hedge between
        two scores goes up ("six seven"), so only a run of three or a pair going down is no
        score."""
        values = self._number_values
        if end - start != 1 or words[start] not in values:
            return False
        lo, hi = start, start
        while lo > 0 and words[lo - 1] in values:
            lo -= 1
        while hi + 1 < len(words) and words[hi + 1] in values:
            hi += 1
        run = [values[w] for w in words[lo : hi + 1]]
        return len(run) >= 3 or (len(run) == 2 and run[1] < run[0])

    def _unknown_word(self, word: str) -> bool:
        """Whether ``word`` is said and is no word any plugin or the language knows."""
        lang = self.language
        return bool(word) and not word.isdigit() and word not in self._vocab and (
            word not in lang.light_words and word not in lang.skippable
            and word not in lang.no_rating_before and word not in lang.no_rating_after)

    def weight_of(self, text: str) -> float:
        """What all of ``text`` weighs, the most an intent can explain (for traces)."""
        return sum(self._weight(w) for w in self.language.normalise(text).split())

    def _weight(self, word: str) -> float:
        return LIGHT_WEIGHT if word in self.language.light_words else 1.0

    def _near_spellings(self, norm: str) -> str:
        """``norm`` with words the templates don't know replaced by close template words."""
        from rapidfuzz import fuzz, process  # only for unmatched text: not every command's start

        known = self._known_words()
        out = []
        for word in norm.split():
            if word in known or len(word) < FUZZY_MIN_LEN or word.isdigit():
                out.append(word)
                continue
            # Same first two letters: "charlie" is "charley", but "camping" is no "cramping".
            near = [k for k in known if k[:2] == word[:2]]
            best = process.extractOne(word, near, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            # A known word with an ending is another form, not a slip: "nine *points*" is no
            # "point", "he *scored*" no "score".
            out.append(best[0] if best and not word.startswith(best[0]) else word)
        return " ".join(out)

    def _known_words(self) -> list[str]:
        if self._known is None:
            words: set[str] = set()
            for plugin_words in self.vocabulary().values():
                words.update(plugin_words)
            self._known = sorted(words)
        return self._known

    def read_slots(
        self, norm: str, names: Iterable[str], pick: str = "leftmost"
    ) -> dict[str, Any]:
        """The leftmost (or first listed), non-negated mention of each slot list."""
        words = norm.split()
        return self._read_slots(words, names, pick, self._masked(words))[0]

    def _read_slots(
        self, words: list[str], names: Iterable[str], pick: str = "leftmost",
        masked: Mapping[int, int] | None = None,
        loose: bool = True,
    ) -> tuple[dict[str, Any], set[int]]:
        """Slot values, and the positions of the words that said them.

        A phrase may have the intent's other slot words inside it: "back of my left thigh"
        says "back of my thigh" and "left".
        """
        names = list(names)
        found: dict[str, Any] = {}
        positions: set[int] = set()
        for name in names:
            others = {w for o in names if o != name for ps in self._match_lists[o].values()
                      for p in ps for w in p.split()}
            views = [(words, list(range(len(words))))]
            # Also without the other slots' words ("back of my *left* thigh") and without
            # skippable words ("back of my leg *just* above the knee").
            for drop in (others, others | self._skip_words):
                kept = [i for i, w in enumerate(words) if w not in drop]
                if len(kept) < len(views[-1][1]):
                    views.append(([words[i] for i in kept], kept))
            best: tuple[int, int, int, str, tuple[int, ...]] | None = None
            for rank, (value, phrases) in enumerate(self._match_lists[name].items()):
                # A phrase also said as one of its stand-ins of several words ("뒤쪽 허벅지"
                # for "햄스트링"): one word stands for one word in _find_phrase.
                said = [p.split() for p in phrases]
                if loose:
                    said += [a.split() for p in phrases for a in self._alts.get(p, ())
                             if " " in a and a != p]
                for words_said in said:
                    for view, index in views:
                        for at, n in _find_spans(view, words_said,
                                                 self._alts if loose else None):
                            start = index[at]
                            here = set(index[at : at + n])
                            if _masked_out(masked, here):
                                continue  # "I left my phone": no side (but "*over* an hour")
                            if self._slot_denied(words, start, start + n,
                                                 name in self._stated):
                                continue  # "not my left": the slot is what it is not
                            if name in self._ranges and self._not_a_number(
                                    words, start, " ".join(words_said)):
                                continue  # "the left one" is no score of 1
                            span = tuple(index[at : at + n])
                            # The value said last ends last; of two ending together the
                            # longer is meant: "no, the *back of my thigh*" is no "thigh".
                            first = (rank if pick == "listed" else -span[-1]
                                     if pick == "rightmost" else start)
                            key = (first, start, -n, value, span)
                            if best is None or key < best:
                                best = key
            if best is not None:
                value = best[3]
                found[name] = int(value) if name in self._ranges else value
                positions.update(best[4])
        return found, positions

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


def _declared_words(language: Language, decls: list[tuple[str, Mapping[str, Any]]]
                    ) -> tuple[set[str], set[str], set[str], set[str] | None]:
    """Every word the plugins and the language declare (templates, list phrases, stand-ins),
    the words declared as a whole phrase on their own, the one-word phrases of the slot
    lists (red flags' aside), and those of the lists the plugins declare ``places`` (a side, a
    muscle: not a health fact like "당뇨병"), or None when none does."""
    texts = list(language.stands_for or {})
    texts += [a for alts in (language.stands_for or {}).values() for a in alts]
    listed: list[str] = []
    place_lists = {name for _plugin, decl in decls for name in decl.get("places") or ()}
    placed: list[str] = []
    for _plugin, decl in decls:
        red_flags = {slot for spec in (decl.get("intents") or {}).values()
                     if int(spec.get("priority", 50)) >= OVERRIDE_PRIORITY
                     for slot in spec.get("slots", ())}
        for name, values in (decl.get("lists") or {}).items():
            phrases = [p for ps in values.values() if isinstance(ps, list) for p in ps]
            texts += phrases
            if name not in red_flags:  # what a correction may be about: a side, a muscle
                listed += [p for p in phrases if isinstance(p, str) and " " not in p.strip()]
            if name in place_lists:
                placed += [p for p in phrases if isinstance(p, str) and " " not in p.strip()]
        for word, alts in (decl.get("stands_for") or {}).items():
            texts += [word, *alts]
        for spec in (decl.get("intents") or {}).values():
            texts += [re.sub(r"\{\w+\}|[\[\]()|]", " ", s) for s in spec.get("sentences", ())]
    said = [language.normalise(t).split() for t in texts if isinstance(t, str)]
    values = {w for t in listed if isinstance(t, str) for w in language.normalise(t).split()}
    places = {w for t in placed for w in language.normalise(t).split()} if place_lists else None
    return ({w for words in said for w in words}, {ws[0] for ws in said if len(ws) == 1},
            values, places)


def _masked_out(masked: Mapping[int, int], positions: Set[int]) -> bool:
    """Whether a word at ``positions`` is masked by a word outside them ("I *left* my phone":
    no side); a mask told by a word inside is the match's own ("*over* an hour")."""
    return any(masked[i] not in positions for i in masked.keys() & positions)


def _find_phrase(words: list[str], phrase: list[str],
                 alts: Mapping[str, frozenset[str]] | None = None) -> Iterable[int]:
    """Where ``phrase`` is in ``words``; a phrase word also matches its ``alts``."""
    n = len(phrase)
    alts = alts or {}
    for i in range(len(words) - n + 1):
        here = zip(words[i : i + n], phrase, strict=True)
        if all(w == p or w in alts.get(p, ()) for w, p in here):
            yield i


def _find_spans(words: list[str], phrase: list[str],
                alts: Mapping[str, frozenset[str]] | None = None) -> Iterable[tuple[int, int]]:
    """Where ``phrase`` is in ``words`` and how many words it takes there: a phrase word also
    matches its ``alts``, one of several words too ("물 *하루에 조금만*" for "물 제한")."""
    alts = alts or {}

    def ends(i: int, k: int) -> Iterable[int]:
        if k == len(phrase):
            yield i
            return
        if i >= len(words):
            return
        word = phrase[k]
        for alt in alts.get(word, ()) or (word,):
            said = alt.split()
            if words[i : i + len(said)] == said:
                yield from ends(i + len(said), k + 1)
        if words[i] == word and word not in alts.get(word, ()):
            yield from ends(i + 1, k + 1)

    for i in range(len(words)):
        for end in sorted(set(ends(i, 0)), reverse=True)[:1]:  # the longest said there
            yield i, end - i


def _ends(word: str, endings: Iterable[str]) -> bool:
    """Whether ``word`` ends in one of ``endings`` after a stem of three letters or more
    ("licking", "kicked", "sugars"; not "red", "yes")."""
    return any(word.endswith(e) and len(word) - len(e) >= 3 for e in endings)


def _without_repeats(norm: str) -> str:
    """``norm`` with a word said twice or more in a row said once ("my my calf")."""
    words = norm.split()
    return " ".join(w for i, w in enumerate(words) if i == 0 or words[i - 1] != w)


def _word_index(padded: str) -> dict[int, int]:
    """Character offset → index of the word there, for text matched as " w1 w2 ... "."""
    out: dict[int, int] = {}
    n = -1
    for i, ch in enumerate(padded):
        if ch != " " and (i == 0 or padded[i - 1] == " "):
            n += 1
        if ch != " ":
            out[i] = n
    return out
