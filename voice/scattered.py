"""Declared phrases said with their parts apart: a modifier inside ("a new *blood pressure*
tablet", "keep *these* cramps from"), or in another order ("before bed … to stretch", "blood
when I cough").

A phrase is cut into chunks: a light or bound word (``of``, ``before``, ``up``, a question
word; the language lists them) holds on to the word after it, so "back of my thigh" and "how
long" stay whole and "stretching before bed" is "stretching" + "before bed"; glue words at the
end ("seized *up*") stay after the chunk before them. The chunks may
then come in any order, with at most :data:`MAX_GAP` other words among them (and a few
light ones), all in one
clause (no ``and``/``but`` between). A word also matches another form of itself ("coughing"
for "cough", "tablet" for "tablets"). Only phrases of two chunks or more, with two words
that carry meaning, are looked for: one word alone is the exact matcher's business.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass

from crampcoach.voice.language import Language

MAX_GAP = 3
"""How many other words may come among a scattered phrase's chunks (light words apart)..."""
MAX_SPREAD = 4
"""...and how many, light words included ("which stretch *do I do* before I go to bed")."""
MIN_STEM = 3


@dataclass(frozen=True)
class Scattered:
    """One declared phrase, as chunks, and what it stands for."""

    intent: str
    chunks: tuple[tuple[str, ...], ...]
    slot: str = ""
    value: str = ""
    """For a phrase of a slot list: the list and the value it says."""
    exact: bool = False
    """Its words are heard as written, without stand-ins (red flags)."""


@dataclass(frozen=True)
class Hit:
    phrase: Scattered
    positions: tuple[int, ...]


class ScatterIndex:
    """Every phrase worth looking for scattered, indexed by the stems of its words."""

    def __init__(self, language: Language, alts: Mapping[str, frozenset[str]]):
        self.language = language
        self.alts = alts
        self._by_stem: dict[str, list[tuple[Scattered, frozenset[str]]]] = {}
        self._seen: set[Scattered] = set()
        self._plain = language.light_words | language.fused_s
        self._with_particle: set[tuple[str, str]] = set()
        """(stem, particle) pairs declared together: "coughing *up* blood"."""

    def stem(self, word: str) -> str:
        """The word without an inflection ending ("coughing", "coughs" → "cough")."""
        for suffix in self.language.suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                return word[: -len(suffix)]
        return word

    def add(self, intent: str, phrase: str, slot: str = "", value: str = "",
            exact: bool = False) -> None:
        if not self.language.bound_words:
            return  # a language without the data (Korean: words carry endings) is left out
        words = phrase.split()
        self._with_particle.update((self.stem(a), b) for a, b in itertools.pairwise(words)
                                   if b in self.language.particles)
        chunks = self._chunks(words)
        content = [w for w in words if w not in self.language.light_words]
        if len(chunks) < 2 or len(content) < 2:
            return
        item = Scattered(intent, chunks, slot, value, exact)
        if item in self._seen:
            return
        self._seen.add(item)
        stems = frozenset(self.stem(w) for w in content)
        key = min(stems)  # any one of them: every stem must be said anyway
        self._by_stem.setdefault(key, []).append((item, stems))

    def _chunks(self, words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        lang = self.language
        chunks: list[list[str]] = []
        glued = False
        for w in words:
            if glued:
                chunks[-1].append(w)
            else:
                chunks.append([w])
            glued = w in lang.light_words or w in lang.bound_words
        return tuple(tuple(c) for c in chunks)

    def hits(self, words: Sequence[str], free: Set[int] = frozenset()) -> Iterable[Hit]:
        """Every declared phrase found scattered in ``words`` (tightest placing of each);
        words at ``free`` positions do not count among the words between its parts."""
        stems = [self.stem(w) for w in words]
        said = set(stems)
        for key in said:
            for item, need in self._by_stem.get(key, ()):
                if need <= said:
                    placed = self._place(words, stems, item.chunks, item.exact, free)
                    if placed is not None:
                        yield Hit(item, placed)

    def _modifier(self, word: str) -> bool:
        """Whether ``word`` may qualify a chunk from inside it: a word that carries meaning,
        but no negation nor clause break ("I *don't* need help" is no "I need help")."""
        lang = self.language
        return not (word in lang.light_words or word in lang.bound_words
                    or word in lang.sentence_negations or word in lang.clause_breaks)

    def _same(self, word: str, stem: str, want: str, exact: bool) -> bool:
        if word == want or (not exact and word in self.alts.get(want, ())):
            return True
        # Another form of the same word, but a fused "that's" is no form of "that".
        return word not in self._plain and want not in self._plain and stem == self.stem(want)

    def _place(self, words: Sequence[str], stems: Sequence[str],
               chunks: Sequence[tuple[str, ...]], exact: bool, free: Set[int] = frozenset()
               ) -> tuple[int, ...] | None:
        lang = self.language
        where: list[list[tuple[int, ...]]] = []
        for chunk in chunks:
            n = len(chunk)
            # A chunk as said, or with a word after its first light one ("my *leg* veins",
            # "the *bad* cramp"): that word counts among the words between.
            shapes = [tuple(range(n))]
            if n >= 2 and chunk[0] in lang.light_words:
                shapes.append((0, *range(2, n + 1)))
            placed = [tuple(i + k for k in shape) for shape in shapes
                      for i in range(len(words) - shape[-1])
                      if all(self._same(words[i + k], stems[i + k], want, exact)
                             for k, want in zip(shape, chunk, strict=True))
                      and (len(shape) == 1 or shape[1] == 1
                           or self._modifier(words[i + 1]))]
            if not placed:
                return None
            where.append(placed)
        # A chunk of glue words only ("up" in "seized up", "down to") keeps its place after
        # the chunk before it, words between allowed ("get my hand down to").
        tails = [i for i, c in enumerate(chunks) if i and all(
            w in lang.light_words or w in lang.bound_words for w in c)]
        best: tuple[int, ...] | None = None
        for spots in itertools.product(*where):
            if any(spots[i][0] <= spots[i - 1][-1] for i in tails):
                continue
            taken = sorted(k for spot in spots for k in spot)
            if len(set(taken)) < len(taken):
                continue  # two chunks on the same words
            gap = [j for j in range(taken[0], taken[-1] + 1) if j not in taken
                   and j not in free]
            if any(j - 1 in taken and words[j] in lang.particles
                   and (stems[j - 1], words[j]) not in self._with_particle for j in gap):
                continue  # "come *on* … again" is no "come again"
            heavy = [j for j in gap if words[j] not in self.language.light_words]
            if len(heavy) > MAX_GAP or len(gap) > MAX_SPREAD or any(
                    words[j] in self.language.clause_breaks for j in gap):
                continue
            if best is None or taken[-1] - taken[0] < best[-1] - best[0]:
                best = tuple(taken)
        return best
