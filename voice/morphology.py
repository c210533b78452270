"""Words that carry their grammar on their ends (Korean): read back to the words the coach knows.

A Korean word (어절) is a stem with particles and endings glued on, and people space it as
they like: "쥐가 났어요", "쥐났어", "종아리에 쥐가 나요", "오른쪽이었어". Templates cannot
list every form, so an utterance's words are read back to words the plugins declared:

- a particle or ending is taken off the end (``after_consonant``/``after_vowel`` only after a
  syllable with/without a final consonant, as Korean picks them: "발이", "쥐가");
- a past or contracted last syllable is read as its plain one ("났" → "나", "렸" → "리",
  "했" → "하", "줘" → "주"), so tenses and speech levels meet ("났어", "나요", "났는데");
- a word that is two known words said without a space is split ("쥐났어" → "쥐 났어",
  "팔점" → "팔 점", "임신했어요" → "임신" and a light verb).

Only ever towards a word the plugins declared: a word that cannot be read as one stays as it
was, so no new word is made up and the grammars (built from the templates) do not change.
The endings, particles and contractions are the language's data (``[morphology]`` in
``voice/lang/<code>.toml``); this module knows no word of any language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

_FIRST, _LAST = 0xAC00, 0xD7A3  # Hangul syllables
_FINALS, _VOWELS = 28, 21
_VOWEL_JAMO = 0x314F  # compatibility jamo ㅏ: vowels follow in syllable order
_FINAL_JAMO = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"  # finals 1..27


def _syllable(ch: str) -> int | None:
    code = ord(ch) - _FIRST
    return code if 0 <= code <= _LAST - _FIRST else None


def has_final(ch: str) -> bool:
    """Whether a syllable ends in a consonant (받침); other characters count as such
    (digits, Latin), so a vowel-only particle is never taken off them."""
    code = _syllable(ch)
    return code is None or code % _FINALS != 0


@dataclass(frozen=True)
class Morphology:
    """One language's particles, endings and contractions (see the module docstring)."""

    after_consonant: tuple[str, ...] = ()
    after_vowel: tuple[str, ...] = ()
    after_any: tuple[str, ...] = ()
    drop_finals: str = ""
    """Final consonants read away from a last syllable (the past tense's ㅆ)."""
    vowels: Mapping[str, str] = field(default_factory=dict)
    """A last syllable's vowel read as another (contractions: ㅕ → ㅣ, 려 → 리)."""
    syllables: Mapping[str, str] = field(default_factory=dict)
    """A last syllable read as another (해 → 하)."""
    light_verbs: frozenset[str] = frozenset()
    """Stems that may follow a known word without a space ("임신했어요": 하)."""

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> Morphology:
        def strings(key: str) -> tuple[str, ...]:
            return tuple(sorted((str(s) for s in data.get(key, ()) or ()),  # type: ignore[union-attr]
                                key=len, reverse=True))

        return cls(after_consonant=strings("after_consonant"), after_vowel=strings("after_vowel"),
                   after_any=strings("after_any"), drop_finals=str(data.get("drop_finals", "")),
                   vowels=dict(data.get("vowel_contractions", {}) or {}),  # type: ignore[arg-type]
                   syllables=dict(data.get("syllable_contractions", {}) or {}),  # type: ignore[arg-type]
                   light_verbs=frozenset(strings("light_verbs")))

    def _strip(self, word: str) -> str | None:
        """``word`` without its last particle or ending (the longest that fits), or None."""
        best = ""
        for ends, wants_final in ((self.after_consonant, True), (self.after_vowel, False),
                                  (self.after_any, None)):
            for end in ends:
                if len(end) <= len(best) or len(word) <= len(end) or not word.endswith(end):
                    continue
                if wants_final is None or has_final(word[-len(end) - 1]) == wants_final:
                    best = end
        return word[: -len(best)] if best else None

    def _contract(self, word: str) -> str | None:
        """``word`` with its last syllable read plain ("났" → "나", "려" → "리"), or None."""
        last = word[-1]
        if last in self.syllables:
            return word[:-1] + self.syllables[last]
        code = _syllable(last)
        if code is None:
            return None
        final = code % _FINALS
        if final and _FINAL_JAMO[final - 1] in self.drop_finals:
            return word[:-1] + chr(_FIRST + code - final)
        vowel = chr(_VOWEL_JAMO + (code // _FINALS) % _VOWELS)
        if not final and vowel in self.vowels:
            plain = ord(self.vowels[vowel]) - _VOWEL_JAMO
            return word[:-1] + chr(_FIRST + (code // (_FINALS * _VOWELS) * _VOWELS + plain)
                                   * _FINALS)
        return None

    def reductions(self, word: str) -> Iterator[str]:
        """Ever shorter or plainer forms of ``word``: "났어요" → "났어", "났", "나"."""
        for _ in range(2 * len(word) + 2):  # every step shortens or plainens: it ends
            nxt = self._strip(word) or self._contract(word)
            if not nxt or nxt == word:
                return
            word = nxt
            yield word

    def stem(self, word: str) -> str:
        """The plainest form of ``word`` (the last of its reductions)."""
        plain = word
        for plain in self.reductions(word):  # noqa: B007 - the last one is wanted
            pass
        return plain


class Reader:
    """Reads words back to the ``known`` ones with a :class:`Morphology`."""

    def __init__(self, morphology: Morphology, known: Iterable[str],
                 numbers: Iterable[str] = (), counter: str = ""):
        self.morph = morphology
        self.known = frozenset(known)
        self.numbers = frozenset(numbers)
        """Number words: glued to a word they are split off only before ``counter`` ("팔점"),
        as a syllable like "사" in "사이" or "팔" in "팔다리" is no number."""
        self.counter = counter
        by_stem: dict[str, set[str]] = {}
        for word in self.known:
            by_stem.setdefault(morphology.stem(word), set()).add(word)
        self._by_stem: dict[str, str] = {}
        self.forms: dict[str, tuple[str, ...]] = {}
        """Known word → the other known words that are forms of it ("났어" ↔ "났어요")."""
        for stem, words in by_stem.items():
            # Known words are forms of one word only when the shortest is a reduction of
            # every other ("났어" of "났어요"): "그만", "그래", "그대로" share a stem by
            # chance. A stem that is itself a known word ("주": week) joins nothing.
            words = words - {stem}
            first = min(words, key=lambda w: (len(w), w), default="")
            if stem in self.known or not all(
                    w == first or first in morphology.reductions(w) for w in words):
                continue
            self._by_stem[stem] = first
            for word in words:
                if len(words) > 1:
                    self.forms[word] = tuple(sorted(words - {word}))

    def word(self, word: str) -> str | None:
        """The known word ``word`` is a form of, or None."""
        if word in self.known:
            return word
        for form in self.morph.reductions(word):
            if form in self.known:
                return form
        return self._by_stem.get(self.morph.stem(word))

    def words(self, word: str) -> list[str] | None:
        """``word`` as known words, split where it is several said without a space."""
        one = self.word(word)
        if one is not None:
            return [one]
        for cut in range(len(word) - 1, 0, -1):  # the longest known start first
            head, rest = self.word(word[:cut]), word[cut:]
            if head is None:
                continue
            tail = self.words(rest)
            if tail is None and self.morph.stem(rest) in self.morph.light_verbs:
                tail = [self.morph.stem(rest)]
            if tail is not None and (head not in self.numbers or tail[0] == self.counter):
                return [head, *tail]
        return None

    def read(self, words: Iterable[str]) -> list[str]:
        """Every word as known words where it can be read as such, else as it was.

        A word of one syllable stays as it was: it has no ending to read off, and a
        recogniser's decoy syllables ("쥐 나") must not become a phrase ("쥐 났어")."""
        out: list[str] = []
        for word in words:
            out.extend(self.words(word) or [word] if len(word) > 1 else [word])
        return out
