"""Red-flag screening by meaning: concepts found in what was said, combined by the brief's rules.

The words of each concept live in the language's data (``lang/<code>.toml``, ``[screen]``
and ``[concepts.*]``); the rules that turn concepts into a tier are here, shared by every
language (content brief, section 4). Nothing here speaks: :func:`screen` returns a
:class:`Verdict` the plugin turns into sentences.

How a concept is found, in one utterance:

- ``any``: a term alone is enough ("breathless", "seizure").
- ``all``: one term from each group, close together in one sentence ("chest" + "tight");
  with ``same_clause``, in one clause ("breathing fast", not "a breath and it eased fast").
- a term pattern is space-separated tokens; ``word*`` matches any token starting with
  ``word`` and ``word$`` only ``word`` itself (languages that glue particles onto words
  match every token by its start, unless ``$`` says otherwise).
- a concept's words take endings without being listed: English ``word_endings`` ("catch" →
  "catching", "ache" → "aching"); Korean open stems closed by an ending's consonant
  (``ending_finals``: "아프" → "아픈", "어려" → "어렵다", "힘드" → "힘든", "힘들어").
- ``softeners`` ("really", "a bit", "너무") may come between the words of a concept's phrase.
- words run together ("숨이차요") are split after ``glued_after`` endings and ``glued_words``
  ("안아파요") where a word the screen knows follows.
- a concept's parts may be joined across a pause (",") when close ("it's my chest, it's crushing").
- ``eased``: a cramp said to have let go was long only if clearly past the mark.
- ``except_next``: a term followed by one of these tokens is something else ("warm bath",
  "faint ache", "glass of water").
- a mention is dropped when negated: a negation cue a few tokens before it, inside it, or
  (for "my breathing is fine", "가슴은 안 아파요") just after it, within the same clause.
- ``near``: "going to pass out" is feeling faint, not having fainted.
- a list joined by "or" ("붓거나 빨갛진 않아요": ``list_joiner_suffixes``) is denied as a whole by
  the negation after its last item; adverbs in ``negation_skip`` ("통증은 전혀 없어요") do not
  use up the negation's reach.
- "not only" ("다리만 아니고 배에도", ``not_only``) denies nothing: it adds.
- ``dark_room``: a blackout said with the room's dark as its cause ("눈앞이 캄캄했는데 불 꺼
  놔서 그런 거였어") is no blackout.
- ``explained``: warmth or redness said with its cause ("hot after the heat pack") is no clot sign.
- ``exertion``: walking told as the cramp's cause ("I walked a lot yesterday") is not walking
  pain, unless walking is said to bring the pain on (``walk_trigger``: "when I walk").
- ``frames``: a mention told as the past ("years ago I passed out"), or as past and then over
  ("my calf was hot but it's cooled down now"; ``later``), as a question about
  cramps in general ("what if I can't breathe?"), as what was on the television, or as a
  figure of speech ("숨넘어가는 줄 알았어") is not a red flag now; a present cue ("now", "than")
  between the two undoes the past. A red flag only asked about gets one yes/no question.
- times of day ("started at ten past three, it's gone half past"; ``[durations.clock]``,
  read by :mod:`.clock`) give a cramp's minutes when it is said to have started or to go on.
- ``aftermath``: tingling or numbness said right after the cramp let go is the cramp's
  aftermath ("쥐 다 풀렸는데 좀 얼얼해요"), unless said to last (``lasting``: "for weeks").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from crampcoach.voice import language as engine_language

from .clock import Clock

EMERGENCY, SAME_DAY, SOON = "emergency", "same_day", "soon"
TIERS = (EMERGENCY, SAME_DAY, SOON)

LONG_CRAMP_MIN = 10.0
"""A cramp lasting about ten minutes or more without easing: advice the same day."""

NEG_BEFORE = 4
NEG_AFTER = 3
SKIP = 2
"""Softening words ("really", "너무") allowed between two words of a concept's phrase."""
PAUSE_REACH = 4
"""Tokens within which two parts of a concept may be joined across a pause (",")."""
JOINED_REACH = 3
"""Words more a denial reaches back over after "or" ("숨차거나 가슴 아픈 건 없어요")."""
ALL_WINDOW = 8
"""Tokens within which the parts of an ``all`` concept must fall."""
FRAME_REACH = 6
"""Tokens within which a frame's cue ("used to", "적 있") tells how a sign is meant."""
SETTING_REACH = 4
"""Tokens before a scene's cue within which "watching" makes it a setting ("watching the
match on TV")."""

# Concept groups the rules below combine (names match the ``[concepts.*]`` tables).
EMERGENCY_ALONE = ("breathing", "breath_fast", "chest", "coughing_blood", "collapse",
                   "convulsion")
CLOT_SIGNS = ("redness", "warmth", "dark_skin")
ASK_BACK = {"breathing": "breath_unclear", "breath_fast": "breath_unclear",
            "chest": "chest_unclear", "coughing_blood": "coughing_blood", "collapse": "faint",
            "convulsion": "collapse_unclear", "passed_out": "faint",
            "blackout": "faint"}
"""The one question asked back when an emergency sign is only asked about."""
SOON_ALONE = ("numbness", "feeling_lost", "part_unfelt", "weakness", "wasting", "twitching",
              "walking_pain", "urge_to_move", "frequency", "frequency_count", "daytime_tired",
              "veins", "heavy_legs", "other_muscles", "sleep_breathing")
# ``frequency_count``: cramps counted ("세 번"), a count that may be of something done instead.
HEAD_SIGNS = ("vomiting", "confused", "heavy_bleeding")
"""With a knock on the head, an emergency."""
CHECK_YES_TIER = {"fall": SAME_DAY}
"""The tier a "yes" to a check question gets, where it is not the emergency answer."""


@dataclass(frozen=True)
class Verdict:
    """What screening found in one utterance."""

    tier: str | None
    """``emergency``, ``same_day``, ``soon``, or ``None`` for nothing worrying."""
    concepts: tuple[str, ...] = ()
    """The concepts behind the tier, e.g. ``("swelling", "pain", "one_side")``."""
    about_other: bool = False
    """Said about someone else ("my wife is having a fit")."""
    check: str | None = None
    """When unsure: the key of one yes/no question to ask instead of a tier."""
    detail: tuple[str, ...] = field(default=())
    """Keys of extra sentences for this case (e.g. ``pregnancy_swelling``)."""


@dataclass(frozen=True)
class _Term:
    tokens: tuple[str, ...]
    concept: bool = False
    """A concept's words: they also match inflected ("catch" → "catching") and with a
    softening word between them ("can't *really* feel my foot")."""


# Hangul syllables: (initial * 21 + vowel) * 28 + final, from U+AC00; final 0 is none.
_HANGUL0, _HANGUL_N = 0xAC00, 11172
_FINALS = "\0ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


def _syllable(ch: str) -> tuple[int, int] | None:
    """(initial and vowel, final) of a Hangul syllable; ``None`` for any other character."""
    code = ord(ch) - _HANGUL0
    return divmod(code, 28) if 0 <= code < _HANGUL_N else None


class Screener:
    """One language's concepts, compiled once."""

    def __init__(self, data: dict[str, Any], code: str):
        screen = data["screen"]
        self.prefix_default = screen.get("match", "word") == "prefix"
        # How a language's words take endings (the words in its data, the rule here):
        # English "catch" → "catching", "ache" → "aching", "stop" → "stopped"; Korean verb
        # stems written open ("아프", "힘드", "어려") take a final consonant from an ending
        # ("아픈", "힘든", "어렵다", "아팠어요").
        self.endings = tuple(screen.get("word_endings", []))
        self.finals = {_FINALS.index(f) for f in screen.get("ending_finals", [])}
        self.neg_before = self._terms(screen.get("negations_before", []))
        self.neg_after = self._terms(screen.get("negations_after", []))
        self.neg_after_reach = int(screen.get("negation_after_reach", NEG_AFTER))
        self.weak_breaks = set(screen.get("clause_breaks", []))
        self.strong_breaks = set(screen.get("sentence_breaks", []))
        self.break_suffixes = tuple(screen.get("clause_break_suffixes", []))
        self.break_suffix_except = tuple(screen.get("clause_break_suffix_except", []))
        self.joiners = tuple(screen.get("list_joiner_suffixes", []))
        self.neg_skip = set(screen.get("negation_skip", []))
        self.skip = set(screen.get("softeners", []))
        self.undo = self._terms(screen.get("negation_undone_after", []))
        self.undo_not = self._terms(screen.get("negation_undone_except_prev", []))
        # "숨도 못 쉬는 줄": a sign ending in a word that goes before a verb goes on into it.
        self.verb_before = set(screen.get("before_verb", []))
        self.unsure = self._terms(screen.get("not_negations", []))
        # "쥐가 다리만 아니고 배에도 나": "not only" (a word ending in 만/뿐 before the copula's
        # denial) adds, it denies nothing.
        self.not_only = self._terms(screen.get("not_only", []))
        self.not_only_after = tuple(screen.get("not_only_after_suffixes", []))
        self.others = self._terms(screen.get("someone_else", []))
        self.told_of_me = self._terms(screen.get("told_of_me", []))
        # "could not" said in full is "couldn't" (the concepts' words are written contracted).
        self.contractions: dict[tuple[str, str], str] = {
            tuple(full.split()): short for full, short in screen.get("contractions", [])}
        self.near = self._terms(screen.get("near", []))
        # "가슴이 안 아픈 건 아니에요": a denial denied; "I can't say it doesn't hurt".
        self.neg_double_after = self._terms(screen.get("negation_denied_after", []))
        self.neg_double_before = self._terms(screen.get("negation_denied_before", []))
        # A modifier ending ("쉬는 건", "같은 건") carries a negation's reach over to 건/것.
        self.bridge_finals = {_FINALS.index(f) for f in screen.get("negation_bridge_finals", [])}
        self.present = self._terms(screen.get("present", []))
        self.frames = {
            kind: {"before": self._terms([*spec.get("before", []), *spec.get("inside", [])]),
                   "inside": self._terms(spec.get("inside", [])),
                   "after": self._terms(spec.get("after", [])),
                   "suffixes": tuple(spec.get("suffixes", [])),
                   "reach": int(spec.get("reach", FRAME_REACH)),
                   # How far before the sign its cue may be ("in tonight's episode the doctor
                   # rushes to save a man who's collapsed").
                   "before_reach": int(spec.get("before_reach", FRAME_REACH)),
                   "except_prev": self._terms(spec.get("except_prev", [])),
                   # A frame for some concepts only ("passed out watching telly" is asleep;
                   # "can't breathe watching telly" is not), and one whose mention is asked
                   # back with a check question rather than dropped.
                   "concepts": set(spec.get("concepts", [])),
                   "ask": spec.get("ask"),
                   # A frame told as a scene ("on the TV they're saying he collapsed and
                   # stopped breathing") holds to the end of the sentence, not the clause …
                   "carries": bool(spec.get("carries", False)),
                   # … unless the speaker comes in ("… and my chest started hurting"),
                   "undone_by": self._terms(spec.get("undone_by", [])),
                   # but not inside what is reported ("the guy on the show said my chest
                   # hurts"), up to the next clause;
                   "quotes": self._terms(spec.get("quotes", [])),
                   # and a cue watched or listened to ("watching the match on TV and he
                   # collapsed", "티비 보다가") is where it happened, not what was shown.
                   "setting": self._terms(spec.get("setting", [])),
                   # When it was aired, right after the cue ("in the soap tonight"): not now.
                   "aired": self._terms(spec.get("aired", [])),
                   # A sign told as past, then said to be over later on, across "but" ("my
                   # calf was hot but it's cooled down now"): where the sign is over …
                   "later": self._terms(spec.get("later", [])),
                   # … not the cramp ("was swollen, but the cramp is fine now") …
                   "later_not_after": self._terms(spec.get("later_not_after", [])),
                   # … and told as past: a word in its clause ("was", "had"), or a past
                   # ending inside the sign's own words ("부었었는데": -었었-).
                   "tense": self._terms(spec.get("tense", [])),
                   "tense_infixes": tuple(spec.get("tense_infixes", []))}
            for kind, spec in screen.get("frames", {}).items()}
        self.concepts: dict[str, dict[str, Any]] = {}
        for name, spec in data.get("concepts", {}).items():
            self.concepts[name] = {
                "any": self._terms(spec.get("any", []), True),
                "all": [[self._terms(group, True) for group in combo]
                        for combo in _combos_of(spec.get("all", []))],
                "except_next": self._terms(spec.get("except_next", [])),
                "except_prev": self._terms(spec.get("except_prev", [])),
                # "세 번째 칸": a word ending so, before another word, is something else (an
                # ordinal of a thing, not a count), unless that word is one of ``ordinal_of``
                # ("세 번째 쥐"); said last or with a copula ("세 번째예요") it counts.
                "except_inside": tuple(spec.get("except_inside", [])),
                "ordinal_of": self._terms(spec.get("ordinal_of", [])),
                "other_any": self._terms(spec.get("other_any", []), True),
                "window": int(spec.get("window", ALL_WINDOW)),
                # Parts that must share one clause ("breathing fast", not "breath and it
                # went fast"): no "and", "so", "-니까" between them.
                "clause": bool(spec.get("same_clause", False)),
                # What explains or brings on a sign ("더우면", "걸으면", "when I walk") is
                # never told in a frame: a condition here is no question asked.
                "unframed": bool(spec.get("unframed", False)),
            }
        # Words run together ("숨이차요", "가슴이아파요"): split after one of these endings when
        # what follows begins a word the screen knows.
        self.glue = tuple(screen.get("glued_after", []))
        self.glue_words = tuple(screen.get("glued_words", []))  # "안아파요", "너무차요"
        self.starts = [t for spec in self.concepts.values()
                       for t in [*spec["any"], *spec["other_any"],
                                 *(g for combo in spec["all"] for group in combo for g in group)]]
        self.starts += self.neg_after + self.neg_before
        self.start_tokens = sorted({p for t in self.starts for p in t.tokens})
        dur = data.get("durations", {})
        self.dur_phrases = [(self._terms([p], True)[0], float(v)) for p, v in
                            dur.get("phrases", {}).items()]
        self.dur_vague = {normalise(p) for p in dur.get("vague", [])}
        # "how long will it last": a loose word of time asked about, no length said.
        self.dur_vague_asked = self._terms(dur.get("vague_asked", []))
        self.dur_units = [(self._terms([u])[0], v) for u, v in dur.get("units", {}).items()]
        self.dur_needs = self._terms(dur.get("needs", []))
        self.dur_excludes = self._terms(dur.get("excludes", []))
        self.dur_ago = self._terms(dur.get("ago", []))
        # "It's been going since midnight and won't let up": a time of the night the cramp is
        # said to go on from, counted only while it goes on.
        self.dur_since = [(self._terms([p], True)[0], float(v)) for p, v in
                          dur.get("since_ongoing", {}).items()]
        self.dur_ongoing = self._terms(dur.get("ongoing", []))
        self.dur_fillers = self._terms(dur.get("fillers", []))
        # "I stretched for fifteen minutes", "20분 동안 스트레칭했어요": the time of something done.
        self.dur_activities = self._terms(dur.get("activities", []))
        self.dur_activity_before = dur.get("activity_side", "any") == "before"
        # "I rubbed it for twenty minutes": done to the cramp, so the cramp's time.
        self.dur_activity_objects = self._terms(dur.get("activity_objects", []))
        # "a twelve hour shift", "a two hour drive": the time names the length of a thing said
        # right after it, not how long a cramp lasts.
        self.dur_noun_after = self._terms(dur.get("noun_after", []))
        self.cramp_terms = self._terms(data.get("concepts", {}).get("cramp_word", {})
                                       .get("any", []))
        self.number_suffixes = tuple(dur.get("number_suffixes", []))
        self.numbers = _numbers(code, dur.get("numbers", {}))
        # Times of day ("started at ten past three, it's gone half past"): the minutes
        # between them are the cramp's when it is said to have started or to go on, and
        # not when they are two cramps ("at two and again at four").
        self.clock = Clock(self.numbers, dur.get("clock", {}))
        self.clock_needs = self._terms(dur.get("clock_needs", []))
        self.clock_not = self._terms(dur.get("clock_not", []))
        self.clock_needs_suffixes = tuple(dur.get("clock_needs_suffixes", []))  # "3시부터"
        # "It's been going since I woke up, half an hour, still cramping": said to go on,
        # the time is the cramp's even beside words that usually put it elsewhere.
        self.dur_still = self._terms(dur.get("still_cramping", []))

    @staticmethod
    def _terms(items: Iterable[str], inflect: bool = False) -> list[_Term]:
        # Patterns keep their "*" and "$"; otherwise they are normalised as utterances are.
        # Only a concept's own words take endings: cues ("not", "my wife") are matched as said.
        out = []
        for t in items:
            tokens = tuple(re.findall(r"[\w*$,]+", t.lower().replace("'", "")))
            if tokens:
                out.append(_Term(tokens, inflect))
        return out

    # -- token matching -------------------------------------------------------------------
    def _tok(self, pat: str, tok: str, inflect: bool = False) -> bool:
        if pat.endswith("$"):
            return tok == pat[:-1]
        if pat.endswith("*") or self.prefix_default:
            stem = pat.rstrip("*")
            return tok.startswith(stem) or (inflect and self._open_stem(stem, tok))
        return tok == pat or (inflect and self._inflected(pat, tok))

    def _inflected(self, pat: str, tok: str) -> bool:
        """``tok`` is ``pat`` with an ending: as is, its last letter dropped ("aching",
        "cries") or doubled ("stopped")."""
        if not self.endings or len(pat) < 3 or not tok.startswith(pat[:-1]):
            return False
        if tok[len(pat):] in self.endings and tok.startswith(pat):
            return True
        cut = tok[len(pat) - 1:]  # the ending after the stem without its last letter
        if pat[-1] == "e" or (pat[-1] == "y" and cut[:2] == "ie"):  # "aching", "cries"
            return cut in self.endings
        doubled = tok[len(pat) + 1:]  # "stopped", "stopping"
        return tok[len(pat):len(pat) + 1] == pat[-1] and doubled[:1] in "aeiou" and \
            doubled in self.endings and tok.startswith(pat)

    def _open_stem(self, stem: str, tok: str) -> bool:
        """A stem whose last syllable is open ("아프") in a word that closed it with an
        ending's consonant ("아픈", "아팠": "아파" + ㅆ). A stem in ㄹ is written without it
        ("힘드": "힘들어", "힘든", "힘드네요")."""
        n = len(stem)
        if not self.finals or len(tok) < n or tok[:n - 1] != stem[:-1]:
            return False
        want, got = _syllable(stem[-1]), _syllable(tok[n - 1])
        if want is None or got is None or want[0] != got[0]:
            return False
        return want[1] == 0 and got[1] in self.finals

    def _end(self, words: Sequence[str], i: int, term: _Term) -> int | None:
        """Where ``term`` said from ``words[i]`` ends, or ``None``. Between a concept's words
        up to ``SKIP`` softening words may come ("can't *really* feel", "숨이 *너무* 막혀")."""
        j = i
        for k, p in enumerate(term.tokens):
            if k and term.concept:
                skipped = 0
                while skipped < SKIP and j < len(words) and words[j] in self.skip \
                        and not self._tok(p, words[j], True):
                    j, skipped = j + 1, skipped + 1
            if j >= len(words) or not self._tok(p, words[j], term.concept):
                return None
            j += 1
        return j

    def _at(self, words: Sequence[str], i: int, term: _Term) -> bool:
        return self._end(words, i, term) is not None

    def _find(self, words: Sequence[str], terms: Iterable[_Term]) -> list[tuple[int, int]]:
        spans = []
        for term in terms:
            for i in range(len(words)):
                end = self._end(words, i, term)
                if end is not None:
                    spans.append((i, end))
        return spans

    def _any_at(self, words: Sequence[str], i: int, terms: Iterable[_Term]) -> bool:
        return any(self._at(words, i, t) for t in terms)

    def unglue(self, words: list[str]) -> list[str]:
        """Words said without the spaces between them, apart again: "다리가부었어요" →
        "다리가 부었어요". Only where the rest begins a known word (two syllables at least,
        or a word matched exactly), so "기도가막혀요" splits after "가", not inside "기도"."""
        if not (self.glue or self.glue_words):
            return words
        out: list[str] = []
        todo = list(reversed(words))
        while todo:
            word = todo.pop()
            cut = next((len(w) - 1 for w in self.glue_words if len(word) > len(w)
                        and word.startswith(w) and self._known_start(word[len(w):])), None)
            if cut is None:
                cut = next((k for k in range(1, len(word) - 1) if word[k] in self.glue
                            and self._known_start(word[k + 1:])), None)
            if cut is None:
                out.append(word)
            else:
                out.append(word[:cut + 1])
                todo.append(word[cut + 1:])
        return out

    def contract(self, words: list[str]) -> list[str]:
        """Two words said in full, as their contraction: "could not" → "couldnt"."""
        out: list[str] = []
        for w in words:
            joined = self.contractions.get((out[-1], w)) if out else None
            if joined:
                out[-1] = joined
            else:
                out.append(w)
        return out

    def _known_start(self, rest: str) -> bool:
        if any(rest.startswith(w) and self._known_start(rest[len(w):]) for w in self.glue_words):
            return True  # "숨이너무차요": "너무", then a known word
        for pat in self.start_tokens:
            if pat.endswith("$"):
                if rest == pat[:-1]:
                    return True
            elif len(rest) >= 2 and self._tok(pat, rest, True):
                return True
        return False

    # -- clauses and negation -------------------------------------------------------------
    def _clauses(self, words: Sequence[str], strong_only: bool, pauses: bool = True
                 ) -> list[int]:
        """Clause number of each token: breaks end the scope of a negation. Without
        ``pauses``, a pause (",") does not end a sentence."""
        out, n = [], 0
        for w in words:
            if w == "," and not pauses:
                out.append(n)
                continue
            if w in self.strong_breaks or (not strong_only and w in self.weak_breaks):
                n += 1
                out.append(-1)  # the break word itself belongs to no clause
                continue
            out.append(n)
            if not strong_only and self.break_suffixes and w.endswith(self.break_suffixes) \
                    and not (self.break_suffix_except and w.endswith(self.break_suffix_except)):
                n += 1
        return out

    def _negated(self, words: Sequence[str], clause: list[int], parts: list[tuple[int, int]]
                 ) -> bool:
        start, end = min(s for s, _ in parts), max(e for _, e in parts)
        inside = {i for s, e in parts for i in range(s, e)}
        c = clause[start]

        def cue(i: int, terms: list[_Term]) -> bool:
            return 0 <= i < len(words) and clause[i] == c and i not in inside and \
                self._any_at(words, i, terms) and not self._any_at(words, i, self.unsure) \
                and not self._not_only(words, i)

        # "A-거나 B진 않아요": each item joined by "or", and each adverb ("전혀"), moves the
        # denying verb one word on.
        last = end
        # "숨 못 쉬는 건 아니에요": the rest of the verb, as a modifier, then 건 and the denial.
        if last + 1 < len(words) and words[last + 1] in self.neg_skip and \
                (syl := _syllable(words[last][-1])) is not None and syl[1] in self.bridge_finals:
            last += 1
        while last < len(words) and (words[last] in self.neg_skip or (
                self.joiners and words[last - 1].endswith(self.joiners))):
            last += 1
        both = self.neg_before + self.neg_after
        # "I've never had chest pain like this": the comparison makes it a yes.
        if any(clause[i] == c and self._any_at(words, i, self.undo)
               and not self._ends_before(words, i, self.undo_not)  # "or anything like that"
               for i in range(end, len(words))):
            return False
        # "숨차거나 가슴 아픈 건 없어요": the next item of a list joined by "or" may be more than
        # one word long; the denial after it still reaches back.
        joined = self.joiners and words[end - 1].endswith(self.joiners)
        after = range(end, last + self.neg_after_reach + (JOINED_REACH if joined else 0))
        denied = (any(cue(i, self.neg_before) for i in range(start - NEG_BEFORE, start))
                  or any(cue(i, both) for i in range(start, end)))
        # A denial denied: "가슴이 안 아픈 건 아니에요", "I can't say it doesn't hurt".
        if denied and any(cue(i, self.neg_double_after) for i in after):
            return False
        denied = denied or any(cue(i, self.neg_after) for i in after)
        if denied and any(clause[i] == c and self._any_at(words, i, self.neg_double_before)
                          for i in range(start)):
            return False
        return denied

    def _not_only(self, words: Sequence[str], i: int) -> bool:
        """The denial at ``i`` says "not only" ("다리만 아니고", "다리뿐 아니라"): it adds."""
        return bool(self.not_only_after) and i > 0 and \
            words[i - 1].endswith(self.not_only_after) and self._any_at(words, i, self.not_only)

    def _told_in_scene(self, words: Sequence[str], spec: dict[str, Any], cue: tuple[int, int],
                       start: int) -> bool:
        """A scene's cue (``words[cue[0]:cue[1]]``) still frames a sign starting at ``start``:
        not a setting (watched, listened to), and no speaker nor present cue between them
        outside what is reported."""
        # "watching a film where a man collapsed": the show named, then what was in it.
        first_break = next((k for k in range(cue[0], start) if words[k] in self.weak_breaks),
                           start)
        content = any(self._any_at(words, k, spec["quotes"]) for k in range(cue[0], first_break))
        # Someone in the show ("the striker") is in it however it is watched.
        content = content or self._any_at(words, cue[0], spec["inside"])
        if not content and any(self._ends_before(words, k, spec["setting"])
                               for k in range(max(0, cue[0] - SETTING_REACH), cue[0] + 1)):
            return False
        quoted = False
        aired = next((e for t in spec["aired"] if (e := self._end(words, cue[1], t))), cue[1])
        for k in range(aired, start):
            if words[k] in self.weak_breaks:
                quoted = False  # "… said a man collapsed and now I can't breathe"
            if self._any_at(words, k, spec["quotes"]):
                quoted = True
            elif not quoted and (self._any_at(words, k, spec["undone_by"])
                                 or self._any_at(words, k, spec["setting"])
                                 or self._any_at(words, k, self.present)):
                return False
        return True

    def _framed(self, words: Sequence[str], clause: list[int], parts: list[tuple[int, int]],
                concept: str = "") -> str | None:
        """The frame a mention is told in ("past", "asked", "media", "figure"; see the
        language's ``[screen.frames]``), or ``None`` when it is told as happening now. A
        frame's cue is in the mention's clause: before it, after it, or ending its words
        ("발작하듯이", "숨이 차면"); a present cue between the two ("now", "than") undoes it."""
        start, end = min(s for s, _ in parts), max(e for _, e in parts)
        c = clause[start]
        if words[end - 1] in self.verb_before and end < len(words):
            end += 1

        def present_between(a: int, b: int) -> bool:
            return any(clause[k] == c and self._any_at(words, k, self.present)
                       for k in range(a, b))

        sentence: list[int] = []

        def same_sentence(a: int, b: int) -> bool:
            if not sentence:
                sentence.extend(self._clauses(words, strong_only=True, pauses=False))
            return sentence[a] == sentence[b] >= 0

        def told(spec: dict[str, Any]) -> bool:
            if spec["later"] and self._over_later(words, clause, start, end, spec):
                return True
            if spec["suffixes"] and words[end - 1].endswith(spec["suffixes"]):
                return True
            scene = spec["carries"] or spec["undone_by"] or spec["setting"]
            for i in range(start):
                cue = max((e for t in spec["before"] if (e := self._end(words, i, t))),
                          default=None)
                if cue is None or start - cue > spec["before_reach"] \
                        or self._ends_before(words, i, spec["except_prev"]):
                    continue
                # The cue's clause is where it ends: "laughed so hard I couldn't breathe".
                # Carried on only from a scene said with what was in it ("on the telly and
                # he collapsed" may be the room).
                held = clause[cue - 1] == c or (
                    spec["carries"] and cue < len(words) and clause[cue] == clause[cue - 1]
                    and same_sentence(cue - 1, start))
                if held and (self._told_in_scene(words, spec, (i, cue), start) if scene
                             else not present_between(i + 1, start)):
                    return True
            return any(clause[i] == c and self._any_at(words, i, spec["after"])
                       and not present_between(end, i)
                       and not any(self._any_at(words, k, spec["setting"]) for k in range(end, i))
                       for i in range(end, min(end + 1 + spec["reach"], len(words))))

        # A question inside a scene ("on the radio: if your chest hurts, it's serious") is the
        # scene's, not asked back.
        asked = None
        for kind, spec in self.frames.items():
            if (spec["concepts"] and concept not in spec["concepts"]) or not told(spec):
                continue
            if kind != "asked":
                return kind
            asked = kind
        return asked

    def _over_later(self, words: Sequence[str], clause: list[int], start: int, end: int,
                    spec: dict[str, Any]) -> bool:
        """A sign told as past ("my calf was hot", "부었었는데") and said later in the utterance
        to be over ("but it's cooled down now", "지금은 괜찮아요"), the cramp not its subject."""
        c = clause[start]
        mine = [i for i in range(len(words)) if clause[i] == c]
        past = any(self._any_at(words, i, spec["tense"]) for i in mine) or any(
            x in words[i] for i in range(start, min(end + 1, len(words))) if clause[i] == c
            for x in spec["tense_infixes"])
        if not past:
            return False
        return any(self._any_at(words, i, spec["later"])
                   and not any(self._ends_before(words, k, spec["later_not_after"])
                               for k in range(max(end, i - 3), i + 1))
                   for i in range(end, len(words)))

    # -- concepts -------------------------------------------------------------------------
    def concepts_in(self, words: Sequence[str], about_other: bool = False) -> set[str]:
        return self.mentions(words, about_other)[0]

    def mentions(self, words: Sequence[str], about_other: bool = False
                 ) -> tuple[set[str], dict[str, str]]:
        """The concepts said as happening now, and those only told in a frame (the past, a
        question, the television, a figure of speech), each with its frame."""
        weak = self._clauses(words, strong_only=False)
        strong = self._clauses(words, strong_only=True)
        spoken = self._clauses(words, strong_only=True, pauses=False)
        found: set[str] = set()
        framed: dict[str, str] = {}
        for name, spec in self.concepts.items():
            mentions = [[s] for s in self._find(words, spec["any"])]
            if about_other:
                mentions += [[s] for s in self._find(words, spec["other_any"])]
            clauses = (weak, weak) if spec["clause"] else (strong, spoken)
            for combo in spec["all"]:
                mentions += self._combos(words, clauses, combo, spec["window"])
            for parts in mentions:
                s0, e0 = parts[0]
                if any(self._any_at(words, e, spec["except_next"]) for _, e in parts):
                    continue
                if any(self._ends_before(words, s, spec["except_prev"]) for s, _ in parts):
                    continue
                if spec["except_inside"] and any(
                        words[e - 1].endswith(spec["except_inside"]) and e < len(words)
                        and not self._any_at(words, e, spec["ordinal_of"]) for _, e in parts):
                    continue
                if weak[s0] < 0 or self._negated(words, weak, parts):
                    continue
                kind = None if spec["unframed"] else self._framed(words, weak, parts, name)
                if kind is not None:
                    framed.setdefault(name, kind)
                    continue
                found.add(name)
                break
        return found, {k: v for k, v in framed.items() if k not in found}

    def _ends_before(self, words: Sequence[str], i: int, terms: list[_Term]) -> bool:
        return any(
            i - len(t.tokens) >= 0 and self._at(words, i - len(t.tokens), t) for t in terms)

    def _combos(self, words: Sequence[str], clauses: tuple[list[int], list[int]],
                groups: list[list[_Term]], window: int) -> list[list[tuple[int, int]]]:
        """Spans, one per group, close together in one sentence. A pause may come between
        two parts said right after each other ("it's my chest, it's crushing")."""
        strong, spoken = clauses

        def together(a: int, b: int) -> bool:
            return strong[a] == strong[b] or (
                spoken[a] == spoken[b] and abs(a - b) <= PAUSE_REACH)

        spans = [self._find(words, g) for g in groups]
        if not all(spans):
            return []
        out: list[list[tuple[int, int]]] = []
        first, rest = spans[0], spans[1:]
        for a in first:
            nears = [sorted((b for b in options if together(a[0], b[0]) and b != a
                             and abs(b[0] - a[0]) <= window), key=lambda b: abs(b[0] - a[0]))
                     for options in rest]
            # Every pairing, nearest first: a negated one ("without it hurting") must not
            # hide another ("can't take a deep breath").
            out += [[a, *chosen] for chosen in itertools.islice(itertools.product(*nears), 16)]
        return out

    def about_other(self, words: Sequence[str]) -> bool:
        """Said of someone else ("my wife can't breathe"), unless they tell of the speaker
        ("my wife says I was gasping in my sleep")."""
        return bool(self._find(words, self.others)) and not self._find(words, self.told_of_me)

    def is_near(self, words: Sequence[str], concept: str) -> bool:
        """"going to pass out": the concept is only threatened, not happening."""
        spans = self._find(words, self.concepts[concept]["any"])
        return bool(spans) and all(
            any(self._ends_before(words, s - k, self.near) for k in range(0, 3)) for s, _ in spans)

    # -- durations ------------------------------------------------------------------------
    def longest_minutes(self, words: Sequence[str]) -> float | None:
        """The longest cramp duration said, in minutes; ``None`` when none is said, or when
        the time is about something else ("cramps for years", "awake for an hour")."""
        if self._find(words, self.dur_excludes) and not self._find(words, self.dur_still):
            return None
        if self.dur_needs and not self._find(words, self.dur_needs):
            return None
        ongoing = self.still_going(words)
        weak = self._clauses(words, strong_only=False)
        times = self.clock.times(words)
        clock_words = {k for t in times for k in range(t.start, t.end)}
        said_to_last = self._find(words, self.clock_needs) or any(
            w.endswith(self.clock_needs_suffixes) for w in words if self.clock_needs_suffixes)
        span = self.clock.minutes_between(words) if said_to_last \
            and not self._find(words, self.clock_not) else None

        def past(end: int) -> bool:  # "an hour ago" is when it began, not how long it lasts
            return not ongoing and self._any_at(words, end, self.dur_ago)

        def other(start: int, end: int) -> bool:
            """Said of something else: asked about ("can a cramp last half an hour?"), or
            the time of something done ("I stretched for fifteen minutes")."""
            # With the verb after it: "쥐가 오래 가면", "if it lasts half an hour".
            return self._framed(words, weak, [(start, min(end + 1, len(words)))]) is not None or (
                not ongoing and (self._activity(words, weak, start)
                                 or self._length_of_thing(words, weak, start, end)))

        said = [(" ".join(term.tokens) in self.dur_vague, minutes)
                for term, minutes in self.dur_phrases
                for start, end in self._find(words, [term])
                if not past(end) and not other(start, end)
                and not (" ".join(term.tokens) in self.dur_vague
                         and self._ends_before(words, start, self.dur_vague_asked))]
        found = [minutes for vague, minutes in said if not vague]
        found += [span] if span else []
        for i, word in enumerate(words):
            for term, per in self.dur_units:
                if past(i + len(term.tokens)) or other(i, i + 1) or i in clock_words:
                    continue
                glued = self._glued_number(word, term.tokens[0])  # "20분째", "삼십분", "15mins"
                if glued is not None:
                    found.append(glued * float(per))
                n = self._number_before(words, i) if self._at(words, i, term) else None
                if n is not None:
                    found.append(n * float(per))
        # "Going since midnight and it hasn't let up": long while it goes on (not two cramps).
        if ongoing and not self._find(words, self.clock_not):
            found += [minutes for term, minutes in self.dur_since if self._find(words, [term])]
        # "It took ages, like two minutes": a loose word counts only when nothing exact is said.
        found = found or [minutes for _, minutes in said]
        return max(found) if found else None

    def _activity(self, words: Sequence[str], clause: list[int], at: int) -> bool:
        """Something done (stretching, a walk) in the clause of the time said at ``at``
        (before it, where the language says so), not to the cramp, and no cramp in the clause."""
        c = clause[at]
        mine = [i for i in range(len(words)) if clause[i] == c]
        if any(self._any_at(words, i, self.cramp_terms) for i in mine):
            return False  # "cramped for twenty minutes while I walked": the cramp's time
        for i in mine:
            if self.dur_activity_before and i > at:
                continue
            ends = [e for t in self.dur_activities if (e := self._end(words, i, t)) is not None]
            if ends and not any(self._any_at(words, k, self.dur_activity_objects)
                                for k in range(max(ends), max(ends) + 2)):
                return True
        return False

    def _length_of_thing(self, words: Sequence[str], clause: list[int], start: int,
                         end: int) -> bool:
        """The time is the length of a thing named right after it ("a twelve hour shift",
        "an eight hour flight"), with no cramp in its clause to be the one that lasted."""
        if not self._any_at(words, end, self.dur_noun_after):
            return False
        c = clause[start]
        return not any(self._any_at(words, i, self.cramp_terms)
                       for i in range(len(words)) if clause[i] == c)

    def still_going(self, words: Sequence[str]) -> bool:
        """The cramp is said to be still going ("still", "won't let go", "계속")."""
        return bool(self._find(words, self.dur_ongoing))

    def _glued_number(self, word: str, unit: str) -> float | None:
        for k in range(1, len(word)):
            if word[:k] in self.numbers and self._tok(unit, word[k:]):
                return self.numbers[word[:k]]
        return None

    def _number_before(self, words: Sequence[str], i: int) -> float | None:
        for filler in self.dur_fillers:  # "twenty odd minutes"
            n = len(filler.tokens)
            if i - n >= 0 and self._at(words, i - n, filler):
                i -= n
                break
        for k in (2, 1):  # "twenty five minutes", "fifteen minutes", "10 minutes"
            if i - k >= 0:
                phrase = " ".join(words[i - k:i])
                for said in (phrase, *(phrase[:-len(x)] for x in self.number_suffixes
                                       if phrase.endswith(x))):  # "이십여 분": twenty-odd
                    if said in self.numbers:
                        return self.numbers[said]
        return None


def _combos_of(spec: list) -> list[list[list[str]]]:
    """``all`` is one combination of groups ([[a, b], [c]]) or several ([[[a], [c]], …])."""
    if spec and spec[0] and isinstance(spec[0][0], list):
        return spec
    return [spec] if spec else []


def _numbers(code: str, extra: dict[str, Any]) -> dict[str, float]:
    lang = engine_language.load(code)
    out = {lang.spell(n): float(n) for n in range(0, 121)}
    out.update({str(n): float(n) for n in range(0, 1000)})
    out.update({k: float(v) for k, v in lang.numbers.items()})
    out.update({normalise(k): float(v) for k, v in extra.items()})
    return out


def normalise(text: str) -> str:
    """Lower-case words, apostrophes dropped ("can't" → "cant"), punctuation as breaks."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"'s\b", "", text).replace("'", "")  # "leg's gone", "she's": the word itself
    text = re.sub(r"[.,;:!?]+", " , ", text)
    return " ".join(re.findall(r"[\w,]+", text))


_SCREENERS: dict[tuple[str, int], Screener] = {}


def screener(data: dict[str, Any], code: str) -> Screener:
    """The compiled screener for a language's data (loaded once per process)."""
    key = (code, id(data))
    if key not in _SCREENERS:
        _SCREENERS[key] = Screener(data, code)
    return _SCREENERS[key]


def screen(text: str, data: dict[str, Any], code: str, pregnant: bool = False) -> Verdict:
    """Screen one utterance: the tier it calls for, or a question to ask, or nothing."""
    if "screen" not in data:
        return Verdict(None)
    s = screener(data, code)
    words = s.contract(s.unglue(normalise(text).split()))
    if not words:
        return Verdict(None)
    other = s.about_other(words)
    found, framed = s.mentions(words, other)
    # "눈앞이 캄캄해요" is a blackout, unless the room's dark is said as its cause ("불 꺼 놔서
    # 그런 거였어"); only threatened ("캄캄해질 뻔") it is feeling faint.
    if "blackout" in found:
        found.discard("blackout")
        if "dark_room" not in found:
            found.add("faint" if s.is_near(words, "blackout") else "collapse")
    if "collapse" in found and s.is_near(words, "collapse"):
        found.discard("collapse")
        found.add("faint")
    # "Passed out" is a collapse, or feeling faint when only threatened ("nearly passed
    # out"); said of sleep ("passed out on the sofa watching telly") it was framed above.
    # "Nearly fell", "almost tripped": no fall.
    if "fall" in found and s.is_near(words, "fall"):
        found.discard("fall")
    if "passed_out" in found:
        found.discard("passed_out")
        found.add("faint" if s.is_near(words, "passed_out") else "collapse")
    minutes = s.longest_minutes(words)
    # "It went on for ten minutes but it's gone now": a cramp that has let go was long only
    # if it clearly went past the mark; one still going is long at the mark.
    eased = "eased" in found and not s.still_going(words)
    if minutes is not None and (minutes > LONG_CRAMP_MIN if eased else minutes >= LONG_CRAMP_MIN):
        found.add("long_cramp")
    verdict = decide(found, other, pregnant)
    if verdict.tier is None and verdict.check is None:
        # "What if I can't breathe?": only asked about, so asked back, once.
        asked = [c for c in ASK_BACK if framed.get(c) == "asked"]
        if asked:
            return Verdict(None, (asked[0],), other, check=ASK_BACK[asked[0]])
        # A frame that leaves it unsure ("passed out on the couch": asleep, or fainted?).
        unsure = [(c, s.frames[k]["ask"]) for c, k in framed.items() if s.frames[k]["ask"]]
        if unsure:
            return Verdict(None, (unsure[0][0],), other, check=unsure[0][1])
    return verdict


def decide(found: set[str], other: bool = False, pregnant: bool = False) -> Verdict:
    """The content brief's section 4, as rules over the concepts found."""
    pregnant = pregnant or "pregnancy" in found
    # Tingling or numbness right after the cramp let go is its aftermath, unless it lasts; so
    # is a leg gone to sleep under one ("from sitting on it", "다리 꼬고 앉았더니 저렸어요").
    if {"eased", "aftermath", "numb_explained"} & found and "lasting" not in found:
        found = found - {"numbness"}
    # The eyes or face swollen ("puffy from crying", "울어서 눈이 부었어"), no leg named: no
    # leg sign.
    if "swelling_elsewhere" in found and "leg" not in found:
        found = found - {"swelling"}
    if "explained" in found:  # warmth or redness with its cause said: a heat pack, rubbing
        found = found - {"warmth", "redness"}
    # Walking told as the cramp's cause ("I walked a lot yesterday", "많이 걸어서 그런지"), with
    # nothing saying walking brings the pain on ("when I walk", "have to stop"): not walking pain.
    if "exertion" in found and "walk_trigger" not in found:
        found = found - {"walking_pain"}

    # Breathing trouble with nothing else urgent, told with what makes it ordinary: heard in
    # one's sleep with snoring (a sleep matter for a doctor soon); lost for a moment to the pain
    # and back now, or out of breath from the stairs just now (asked about once), unless it is
    # said to be new or to come at rest.
    breath = {"breathing", "breath_fast", "gasping", "breath_unclear"} & found
    if breath and not {"chest", "coughing_blood", "collapse", "convulsion", "faint"} & found:
        if "snoring" in found:
            found = (found - breath) | {"sleep_breathing"}
        elif ({"breath_moment", "breath_back"} <= found or "breath_exertion" in found) \
                and "breath_new" not in found:
            found = (found - breath) | {"breath_unclear"}

    def verdict(tier: str, concepts: Iterable[str], detail: tuple[str, ...] = ()) -> Verdict:
        return Verdict(tier, tuple(sorted(set(concepts) & found)), other, None, detail)

    # Emergency: breathing, chest pain, coughing blood, collapse, convulsions; feeling faint
    # only together with one of these.
    hit = [c for c in EMERGENCY_ALONE if c in found]
    if hit:
        return verdict(EMERGENCY, [*hit, "faint"])
    # A knock on the head with being sick, confusion or heavy bleeding; a fall and unable to
    # get up, or bleeding heavily (first-aid sense, beyond the brief's list).
    head_signs = [c for c in HEAD_SIGNS if c in found]
    if "head_knock" in found and head_signs:
        return verdict(EMERGENCY, ["head_knock", "fall", *head_signs])
    fall_signs = [c for c in ("cant_get_up", "heavy_bleeding") if c in found]
    if "fall" in found and fall_signs:
        return verdict(EMERGENCY, ["fall", *fall_signs])
    # Breathing or a chest that feels "funny" is asked about on its own; with a swollen or
    # discoloured leg it is the brief's leg-swelling-with-breathlessness picture: no question.
    unclear = [c for c in ("breath_unclear", "chest_unclear", "gasping") if c in found]
    if unclear and ({"swelling", "hard_vein"} | set(CLOT_SIGNS)) & found:
        return verdict(EMERGENCY, [*unclear, "swelling", "hard_vein", *CLOT_SIGNS])
    # Feeling faint with breathing or a chest that is not right ("gasping and my head's
    # spinning"): the brief's faintness together with breathlessness or chest pain.
    if unclear and "faint" in found:
        return verdict(EMERGENCY, [*unclear, "faint"])
    # Same day: a possible clot, a long cramp, a wound or poison, quinine with bleeding.
    leg_signs = [c for c in CLOT_SIGNS if c in found]
    # Swelling that comes with the heat, a day on one's feet, or has always been there, and is
    # not said to be new: everyday, unless one side or pain is named (a clot is neither).
    everyday = "swelling_explained" in found and "swelling_changed" not in found
    both = ("both_legs" in found or (everyday and "pain" not in found)) \
        and "one_side" not in found
    if "hard_vein" in found or ("swelling" in found and leg_signs) or len(leg_signs) >= 2:
        return verdict(SAME_DAY, ["hard_vein", "swelling", *leg_signs, "pain", "one_side"])
    if leg_signs and ("pain" in found or "leg" in found) and not both:
        return verdict(SAME_DAY, [*leg_signs, "pain", "leg"])
    if "swelling" in found and not both:
        if pregnant and "pain" not in found and "one_side" in found:
            return verdict(SOON, ["swelling", "one_side", "pregnancy"], ("pregnancy_swelling",))
        if "one_side" in found or "pain" in found or "leg" in found:
            return verdict(SAME_DAY, ["swelling", "pain", "one_side"])
    for c in ("long_cramp", "persistent", "wound", "toxin"):
        if c in found:
            return verdict(SAME_DAY, [c])
    # Urine gone dark (cola, brown, tea) with aching or weak muscles, or on a statin: muscle
    # breaking down is possible and worth a check today. Dark alone is nothing, and "dark"
    # with too little to drink said is explained; cola or brown never is.
    dark_urine = "cola_urine" in found or ("dark_urine" in found and "urine_explained" not in found)
    if dark_urine and {"pain", "weakness", "statin", "new_medicine"} & found:
        return verdict(SAME_DAY, ["cola_urine", "dark_urine", "pain", "weakness", "statin"])
    # A knock on the head, or a fall that hurt: worth getting checked today.
    if "head_knock" in found or {"fall", "fall_injury"} <= found:
        return verdict(SAME_DAY, ["head_knock", "fall", "fall_injury"])
    if "quinine" in found and "bleeding" in found:
        return verdict(SAME_DAY, ["quinine", "bleeding"])
    # See a doctor soon.
    if "swelling" in found and not everyday:
        # both legs: venous, not a clot sign (unless the heat or a day on one's feet explains it)
        return verdict(SOON, ["swelling", "both_legs"], ("veins",))
    # Cramps named, or pointed at ("these started after the doctor put me on a water tablet").
    if "new_medicine" in found and {"cramp_word", "cramp_ref"} & found:
        return verdict(SOON, ["new_medicine"], ("new_medicine",))
    hit = [c for c in SOON_ALONE if c in found]
    if hit:
        detail = ("veins",) if set(hit) <= {"veins", "heavy_legs"} else ()
        return verdict(SOON, hit, detail)
    # Unsure: feeling faint alone is not an emergency, but one question settles it.
    if "faint" in found:
        return Verdict(None, ("faint",), other, check="faint")
    for c in ("chest_unclear", "breath_unclear", "shaking_unclear"):
        if c in found:
            return Verdict(None, (c,), other, check=c)
    if "gasping" in found:
        return Verdict(None, ("gasping",), other, check="breath_unclear")
    # A fall with no injury said: asked once whether anyone is hurt.
    if "fall" in found:
        return Verdict(None, ("fall",), other, check="fall")
    return Verdict(None, (), other)
