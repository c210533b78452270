"""Words that carry their grammar on their ends (Korean): read back to the words the coach knows.

A Korean word (어절) is a stem with particles and endings glued on, and people space it as
they like: "쥐가 났어요", "쥐났어", "종아리에 쥐가 나요", "오른쪽이었어". Templates cannot
list every form, so an utterance's words are read back to words the plugins declared:

- a particle or ending is taken off the end (``after_consonant``/``after_vowel`` only after a
  syllable with/without a final consonant, as Korean picks them: "발이", "쥐가");
- a past or contracted last syllable is read as its plain one ("났" → "나", "렸" → "리",
  "했" → "하", "줘" → "주"), so tenses and speech levels meet ("났어", "나요", "났는데");
- a word that is two known words said without a space is split ("쥐났어" → "쥐 났어",
  "팔점" → "팔 점", "임신했어요" → "임신" and a light verb), and a known word typed before
  unknown ones is split off ("어젯밤어땠어");
- a verb denied after it is read denied before it ("풀리지 않았어" → "안 풀려", "일어서지
  못하겠어" → "못 일어서"), as the short negation the templates know;
- a phrase denied by a word after it is left out and the denial said before what is meant
  ("종아리 말고 발" → "아니 발"), as a correction is declared;
- a helping verb after an ending that needs one is grammar, not a word ("말하면 돼요", "해야
  돼": "돼" is no "됐어").

Only ever towards a word the plugins declared: a word that cannot be read as one stays as it
was, so no new word is made up and the grammars (built from the templates) do not change.
The endings, particles and contractions are the language's data (``[morphology]`` in
``voice/lang/<code>.toml``); this module knows no word of any language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
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
    typed_final: str = ""
    """A final consonant that is a whole ending, typed more than said ("쥐남", "풀림": ㅁ);
    tried last, and never when the known words are grouped ("힘" is no form of "히")."""
    typed_final_glued: str = ""
    """Those of ``typed_final`` that are an ending on one syllable glued to a known word
    ("쥐남": ㅁ); another there is the noun's own ("수건" is no "수 거")."""
    typed_final_head: str = ""
    """Those of ``typed_final`` that are an ending on a word's start with more said after it
    ("난다": ㄴ); ㅁ ends a word ("남았어" is no "났어" and more: 남다, to be left)."""
    typed_head_glued_then: frozenset[str] = frozenset()
    """What may follow a ``typed_final_head`` ending on a syllable glued to a known word
    ("쥐*난다*": 나 + ㄴ다, the plain present); "수건이" stays no "수 거 이"."""
    long_negation_ending: str = ""
    long_negation_particles: tuple[str, ...] = ()
    """The same ending with a particle on it ("일어서*질* 못하겠어", "닿*지도* 않아")."""
    long_negations: Mapping[str, str] = field(default_factory=dict)
    """The start of a denying verb → the short negation it means, said after a verb with
    ``long_negation_ending`` ("나지 않게": 지, 않 → 안)."""
    denied_before: frozenset[str] = frozenset()
    """Words that deny the phrase before them ("칠 점 *말고* 사 점")."""
    denied_then: frozenset[str] = frozenset()
    """Words that deny a value before them only when another value follows ("오른쪽
    *아니야* 왼쪽이야"; "아무것도 아니야" is no denial of a value)."""
    denial: str = ""
    """The word that denies what follows it, said in their place."""
    helping_after: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """An ending → stems that are only a helping verb after it ("면" → 되: "하면 돼")."""
    hard_to_endings: tuple[str, ...] = ()
    hard_to: Mapping[str, str] = field(default_factory=dict)
    """The start of a word saying a verb is hard → the short negation it means, said after a
    verb with one of ``hard_to_endings`` ("일어나기가 힘들어요": 기가, 힘들 → 못), read as the
    long negation is."""
    change_to: frozenset[str] = frozenset()
    """Words asking for a change to what is said right before them ("사 점으로 *바꿔* 줘"): a
    value said so is the ``denial`` before it, as a correction is declared."""
    change_into: frozenset[str] = frozenset()
    """Particles of what a thing is changed into ("사 점*으로* 바꿔", "바꿔 줘 *여섯으로*")."""
    change_object: frozenset[str] = frozenset()
    """Particles of the thing changed ("혈압약*을* 바꿔 줬어"): said right before the verb,
    no value is corrected."""
    quoted: tuple[str, ...] = ()
    quoted_then: frozenset[str] = frozenset()
    """A value said as quoted (``quoted``: "여덟이라고") and then said to have been said
    (``quoted_then``: "했는데") is what was said before, not what is meant: left out."""
    was_hedge: str = ""
    """A hedge said between a value and its past copula ("다섯*쯤*이었어")."""
    was_told: tuple[str, ...] = ()
    """Endings of a value said as told ("종아리였*다고*"): no clause joined, said on."""
    change_what: frozenset[str] = frozenset()
    """Words naming what is changed, said before the value ("*그거* 오른쪽으로 바꿔")."""
    after_numbers: frozenset[str] = frozenset()
    """Words a number is split off before besides its counter ("하나더" → "하나 더")."""
    was_endings: tuple[str, ...] = ()
    """The past copula's starts ("이었", "였"): a value said so is said as what it was ("왼쪽
    종아리였어": it was the left calf), a correction, as "it was my left calf" is."""
    was_places: frozenset[str] = frozenset()
    """Places said without a slot's value that a correction may name ("반대쪽이었어": it
    was the other side)."""
    realised: frozenset[str] = frozenset()
    """Words of a slip just noticed ("아", "미안"): before them, a place said in the
    present copula (``is_endings``: "아 오른쪽*이야*") is a correction, as one said in the
    past copula is."""
    is_endings: tuple[str, ...] = ()
    was_joined: tuple[str, ...] = ()
    """Connective endings ("는데", "고"): a place in the past copula joined so to more that is
    said is the background of it ("종아리였는데 이제 괜찮아"), no correction."""
    was_asked: frozenset[str] = frozenset()
    """Question words ("몇", "어느"): a value said right after one in the past copula is asked
    for ("제일 심했던 게 몇 점이었어": what score was it), no correction."""
    was_then: frozenset[str] = frozenset()
    """Words for a time gone by ("어젯밤", "아까"): with one, a rating said in the past copula
    is a correction too ("어젯밤 건 팔 점이었어": last night's was an eight)."""
    copula_endings: tuple[str, ...] = ()
    """Copula endings ("이요", "인데요"): a number said with one is a score ("칠이요 아직
    뻐근해요"), as a number said alone is."""
    score_hedges: frozenset[str] = frozenset()
    """Words after which a number ending what is said is a score ("아마 칠", "점수는 육")."""
    number_endings: tuple[str, ...] = ()
    """How what follows a number word in the same word may start: particles and the copula
    ("칠이요", "셋도"); a verb's ending is none ("열어": open, "팔았어": sold; not 10, 8)."""
    determiners: frozenset[str] = frozenset()
    """Number forms said before a counter ("두 다리", "세 번"): read only as a number word is
    ("뒀어", put, is no "두": both legs)."""
    number_places: frozenset[str] = frozenset()
    """Numbers that make a number glued before them a bigger one ("팔십": 80): no "seven or
    eight" split there."""
    copula_unscored: frozenset[str] = frozenset()
    """Numbers that are other words with a copula ending ("이야": this is; "일이에요": work)."""
    others: tuple[str, ...] = ()
    """People other than the speaker ("친구", "남편"): said with a subject or topic particle
    ("친구가", "남편은", "엄마도"), a cramp told of them not now is not for the coach."""
    others_after: frozenset[str] = frozenset()
    """Words after which one of ``others`` is what a sentence is about with no particle
    ("*우리* 엄마 작년에 수술했잖아")."""
    others_particles: tuple[str, ...] = ()
    """The particles that make one of ``others`` what a sentence is about ("가", "는", "도")."""
    strangers: tuple[str, ...] = ()
    """People the coach never coaches ("선수"): named at all, a cramp told of them is talk."""
    not_now: frozenset[str] = frozenset()
    """Words telling a habit or a time long gone ("맨날", "옛날"): with one of ``others``, a
    cramp told is theirs and not now ("우리 남편은 맨날 쥐 난대")."""
    not_now_inside: tuple[str, ...] = ()
    """Endings telling the same inside a word: a remembered one ("쥐났다*더라*") or the
    past of the past, a past ㅆ said again ("났*었*대": ``past_again`` after ``drop_finals``)."""
    past_again: str = ""
    long_ago: frozenset[str] = frozenset()
    """Words of a time long gone, as said ("작년에", "옛날에"): with a word of ``pain``, a
    verb in the past and nothing of ``now``, the speaker's own story ("작년 겨울에 쥐 나서
    고생했지"), no report (not "작년부터", since then, nor "예전처럼", as before)."""
    now: frozenset[str] = frozenset()
    """Words that make a cramp told of someone else the coach's business: it is now, or
    help is asked ("지금", "어떡해"); starts of words ("어떻게", "도와")."""
    not_pain: tuple[str, ...] = ()
    """Starts of words telling an everyday state or deed of a body part ("발 *시려*", "발가락
    *귀엽다*", "리모컨 왼쪽에 *있어*"): with one, and no word of ``pain``, a side or a muscle
    named is no cramp told (as "my feet are cold" is none)."""
    pain: tuple[str, ...] = ()
    """Starts of words telling a cramp or a pain ("쥐", "아파", "뭉쳐", "오그라")."""
    positions: tuple[str, ...] = ()
    """Nouns of position ("위", "밑"): a body part or side before one said with a particle of
    place is where something is ("발 *위에서* 자"), not a cramp (with no pain told)."""
    placed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """A particle of place → starts of the verb after it that say where a thing is ("에" →
    "있"): "리모컨 *왼쪽에 있어*" names a side as a place, and tells no cramp."""
    connectives: Mapping[str, str] = field(default_factory=dict)
    """Endings that join a clause on after a verb's vowel ("좋아*서*", "아파*서*") → the word
    said for them, a clause break: never a word of their own (서: stand)."""
    prohibitions: frozenset[str] = frozenset()
    """Words forbidding the verb before them said with ``long_negation_ending`` ("물지 *마*",
    "차지 *마라*"): said with a body part and no pain, it is said to someone else ("야옹아
    발 물지 마"), no cramp told."""
    stop_doing: frozenset[str] = frozenset()
    """Words telling someone to stop ("그만"): before a verb no plugin knows, said with a body
    part and no pain, it is said to someone else ("발 좀 그만 차": stop kicking), no cramp."""
    misspoke: tuple[str, ...] = ()
    """Phrases owning up to a slip ("잘못 말했어"): said with what is meant, they are the
    ``denial`` before it ("오른쪽이었는데 잘못 말했어" → "아니 오른쪽"), as a correction is
    declared; said alone they stay as they are."""

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> Morphology:
        def strings(key: str) -> tuple[str, ...]:
            return tuple(sorted((str(s) for s in data.get(key, ()) or ()),  # type: ignore[union-attr]
                                key=len, reverse=True))

        return cls(after_consonant=strings("after_consonant"), after_vowel=strings("after_vowel"),
                   after_any=strings("after_any"), drop_finals=str(data.get("drop_finals", "")),
                   vowels=dict(data.get("vowel_contractions", {}) or {}),  # type: ignore[arg-type]
                   syllables=dict(data.get("syllable_contractions", {}) or {}),  # type: ignore[arg-type]
                   light_verbs=frozenset(strings("light_verbs")),
                   typed_final=str(data.get("typed_final", "")),
                   typed_final_glued=str(data.get("typed_final_glued", "")),
                   typed_final_head=str(data.get("typed_final_head", "")),
                   typed_head_glued_then=frozenset(strings("typed_head_glued_then")),
                   long_negation_ending=str(data.get("long_negation_ending", "")),
                   long_negation_particles=strings("long_negation_particles"),
                   long_negations=dict(data.get("long_negations", {}) or {}),  # type: ignore[arg-type]
                   denied_before=frozenset(strings("denied_before")),
                   denied_then=frozenset(strings("denied_then")),
                   denial=str(data.get("denial", "")),
                   helping_after={str(k): frozenset(v) for k, v in  # type: ignore[union-attr]
                                  (data.get("helping_after", {}) or {}).items()},
                   hard_to_endings=strings("hard_to_endings"),
                   hard_to=dict(data.get("hard_to", {}) or {}),  # type: ignore[arg-type]
                   after_numbers=frozenset(strings("after_numbers")),
                   misspoke=strings("misspoke"), stop_doing=frozenset(strings("stop_doing")),
                   was_endings=strings("was_endings"),
                   was_then=frozenset(strings("was_then")),
                   was_asked=frozenset(strings("was_asked")),
                   was_joined=strings("was_joined"),
                   was_places=frozenset(strings("was_places")),
                   realised=frozenset(strings("realised")), is_endings=strings("is_endings"),
                   copula_endings=strings("copula_endings"),
                   copula_unscored=frozenset(strings("copula_unscored")),
                   number_endings=strings("number_endings"),
                   determiners=frozenset(strings("determiners")),
                   number_places=frozenset(strings("number_places")),
                   score_hedges=frozenset(strings("score_hedges")),
                   change_to=frozenset(strings("change_to")),
                   change_what=frozenset(strings("change_what")),
                   change_into=frozenset(strings("change_into")),
                   change_object=frozenset(strings("change_object")),
                   was_hedge=str(data.get("was_hedge", "")), was_told=strings("was_told"),
                   quoted=strings("quoted"), quoted_then=frozenset(strings("quoted_then")),
                   others=strings("others"), others_particles=strings("others_particles"),
                   others_after=frozenset(strings("others_after")),
                   not_now=frozenset(strings("not_now")), strangers=strings("strangers"),
                   not_now_inside=strings("not_now_inside"),
                   past_again=str(data.get("past_again", "")),
                   long_ago=frozenset(strings("long_ago")),
                   now=frozenset(strings("now")),
                   not_pain=strings("not_pain"), pain=strings("pain"),
                   positions=strings("positions"),
                   prohibitions=frozenset(strings("prohibitions")),
                   connectives=dict(data.get("connectives", {}) or {}),  # type: ignore[arg-type]
                   placed={str(k): tuple(v) for k, v in  # type: ignore[union-attr]
                           (data.get("placed", {}) or {}).items()})

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

    def without_typed_final(self, word: str, glued: bool = False,
                            head: bool = False) -> str | None:
        """``word`` with its last syllable's typed ending taken off ("남" → "나"), or None;
        ``glued``: ``word`` is one syllable said glued to a known word before it; ``head``:
        more is said after ``word`` in the same word."""
        code = _syllable(word[-1])
        finals = self.typed_final_glued if glued else self.typed_final
        if head:
            finals = "".join(f for f in finals if f in self.typed_final_head)
        if code is None or not finals:
            return None
        final = code % _FINALS
        if not final or _FINAL_JAMO[final - 1] not in finals:
            return None
        return word[:-1] + chr(_FIRST + code - final)

    def told_of_others(self, words: list[str]) -> bool:
        """Whether ``words`` tell of someone else's cramp, not now, and ask nothing: a
        friend's, a husband's habit ("친구가 축구하다가 쥐났었대", "우리 남편은 맨날 쥐 난대"),
        as "my husband gets cramp all the time" is no report. Someone else's cramp now ("남편이
        종아리에 쥐가 났대요": said for the one cramping) stays a report."""
        stranger = any(w.startswith(self.strangers) for w in words) if self.strangers else False
        ours = any(w in self.others_after and then.startswith(self.others)
                   for w, then in zip(words, words[1:], strict=False)) if self.others else False
        if not stranger and not ours and (
                not self.others or not any(self._is_other(w) for w in words)):
            return False
        if any(w.startswith(now) for w in words for now in self.now):
            return False
        return stranger or any(w in self.not_now or self._told_before(w) for w in words)

    def told_long_ago(self, words: list[str]) -> bool:
        """Whether ``words`` tell the speaker's own cramp of long ago, asking nothing: a
        story, as "I used to get them as a kid" is none."""
        if not self.long_ago or not any(w in self.long_ago for w in words):
            return False
        if any(w.startswith(now) for w in words for now in self.now):
            return False
        if not any(w.startswith(p) for w in words for p in self.pain):
            return False
        return any(self._past(w) for w in words)

    def _past(self, word: str) -> bool:
        """Whether ``word`` has a past ㅆ in it ("났어", "고생했지")."""
        for ch in word:
            code = _syllable(ch)
            final = code % _FINALS if code is not None else 0
            if final and _FINAL_JAMO[final - 1] in self.drop_finals:
                return True
        return False

    def told_of_body(self, words: list[str]) -> bool:
        """Whether ``words`` tell an everyday state or deed and no pain ("발 시려 양말 어디
        있지", "강아지가 발가락 핥아"): a body part or a side said so is no report."""
        def said(starts: tuple[str, ...]) -> bool:
            return any(w.startswith(s) for w in words for s in starts)

        if said(self.pain):
            return False
        forbidden = bool(self.long_negation_ending) and any(
            w.endswith(self.long_negation_ending) and len(w) > len(self.long_negation_ending)
            and then in self.prohibitions for w, then in zip(words, words[1:], strict=False))
        return forbidden or bool(self.not_pain) and said(self.not_pain)

    def _is_other(self, word: str) -> bool:
        return any(word.startswith(o) and word[len(o):] in self.others_particles
                   for o in self.others)

    def _told_before(self, word: str) -> bool:
        """Whether ``word`` says its verb remembered or as the past of the past."""
        if any(end in word[1:] for end in self.not_now_inside):
            return True
        if not self.past_again:
            return False
        for i, ch in enumerate(word[:-1]):
            code = _syllable(ch)
            final = code % _FINALS if code is not None else 0
            if (final and _FINAL_JAMO[final - 1] in self.drop_finals
                    and word[i + 1:].startswith(self.past_again)):
                return True
        return False

    def stem(self, word: str) -> str:
        """The plainest form of ``word`` (the last of its reductions)."""
        plain = word
        for plain in self.reductions(word):  # noqa: B007 - the last one is wanted
            pass
        return plain


class Reader:
    """Reads words back to the ``known`` ones with a :class:`Morphology`."""

    def __init__(self, morphology: Morphology, known: Iterable[str],
                 numbers: Iterable[str] = (), counter: str = "", values: Iterable[str] = (),
                 scores: Iterable[str] = (), counts: Iterable[str] = (),
                 places: Iterable[str] | None = None):
        self.morph = morphology
        self.values = frozenset(values) | morphology.was_places
        """Words of the slot lists (a side, a muscle): what a correction is about."""
        self.scores = frozenset(scores) - morphology.copula_unscored
        """Numbers that are a score said with a copula ending and no counter ("칠이요")."""
        self.counts = frozenset(counts)
        """Words that make a number said before them a count or a time ("칠 팔 번")."""
        self.known = frozenset(known) | {w for p in morphology.misspoke for w in p.split()}
        self.numbers = frozenset(numbers)
        """Number words: glued to a word they are split off only before ``counter`` ("팔점"),
        as a syllable like "사" in "사이" or "팔" in "팔다리" is no number."""
        self.places = frozenset(v for v in (self.values if places is None else places)
                                if v not in self.numbers and not v.isdigit())
        """The values that name a place (a side, a muscle), not a number nor a health fact
        ("당뇨병 환자예요" keeps its 당뇨병: no side before a thing)."""
        self.counter = counter
        by_stem: dict[str, set[str]] = {}
        for word in self.known:
            by_stem.setdefault(morphology.stem(word), set()).add(word)
        self._by_stem: dict[str, str] = {}
        self.forms: dict[str, tuple[str, ...]] = {}
        """Known word → the other known words that are forms of it ("났어" ↔ "났어요")."""
        for stem, words in by_stem.items():
            # Known words are forms of one word only when it is a reduction of each other
            # ("났어" of "났어요"): "그만", "그래", "그대로" share a stem by chance, and so do
            # "났어" and "나게" (declared for "안 나게"), which stay apart. A stem that is
            # itself a known word ("주": week) joins nothing.
            words = words - {stem}
            if stem in self.known or not words:
                continue
            chains = {w: {x for x in words if x == w or w in morphology.reductions(x)}
                      for w in words}
            first = min(words, key=lambda w: (-len(chains[w]), len(w), w))
            if len(words) > 1 and len(chains[first]) == 1:
                continue
            words = chains[first]
            self._by_stem[stem] = first
            for word in words:
                if len(words) > 1:
                    self.forms[word] = tuple(sorted(words - {word}))

    def word(self, word: str, glued: bool = False, head: bool = False) -> str | None:
        """The known word ``word`` is a form of, or None (``glued``, ``head``: see
        :meth:`Morphology.without_typed_final`)."""
        if word in self.known:
            return word
        for form in self.morph.reductions(word):
            if form in self.known:
                return form if self._ends_as_number(word, form) else None
        found = self._by_stem.get(self.morph.stem(word))
        plain = None if found else self.morph.without_typed_final(
            word, glued and len(word) == 1, head)
        return self.word(plain) if plain else found

    def _ends_as_number(self, word: str, form: str) -> bool:
        """Whether ``word`` read as ``form`` is so as a number is (see
        :attr:`Morphology.number_endings`); any word that is no number is."""
        if form not in self.numbers and form not in self.morph.determiners \
                or not self.morph.number_endings:
            return True
        return word.startswith(form) and word[len(form):].startswith(self.morph.number_endings)

    def words(self, word: str, glued: bool = False) -> list[str] | None:
        """``word`` as known words, split where it is several said without a space."""
        one = self.word(word, glued)
        if one is not None:
            return [one]
        for cut in range(len(word) - 1, 0, -1):  # the longest known start first
            head, rest = self.word(word[:cut], glued, head=True), word[cut:]
            if head is None and glued and rest in self.morph.typed_head_glued_then:
                head = self.word(word[:cut], head=True)  # "쥐난다": 나 + ㄴ다, glued
                if head is not None:
                    return [head]  # the ending read off
            if (head is not None and cut > 1 and rest in self.morph.connectives
                    and not has_final(word[cut - 1])):
                # "안 좋아서": the connective -아서 ends a clause, no 서 (stand) said
                return [head, self.morph.connectives[rest]]
            if head is None or cut == 1 and head == self._by_stem.get(word[:1]) != word[:1]:
                # A lone syllable starting a word is no longer word that merely starts with
                # it: the "엄" of "엄마" is no "엄지" (its typed ending still reads: "난다").
                continue
            tail = self.words(rest, glued=True)
            if tail is None and self.morph.stem(rest) in self.morph.light_verbs:
                tail = [self.morph.stem(rest)]
            if tail is not None and (head not in self.numbers or tail[0] == self.counter
                                     or tail[0] in self.morph.after_numbers
                                     or head in self.scores and tail == [tail[0]]
                                     and tail[0] in self.scores
                                     and tail[0] not in self.morph.number_places):  # "칠팔"
                return [head, *tail]
        return None

    def read(self, words: Iterable[str]) -> list[str]:
        """Every word as known words where it can be read as such, else as it was.

        A word of one syllable stays as it was: it has no ending to read off, and a
        recogniser's decoy syllables ("쥐 나") must not become a phrase ("쥐 났어")."""
        out: list[str] = []
        was: list[int] = []  # where a value said in the past copula ends ("종아리*였어*")
        into: list[int] = []  # where a value said with 로 is ("사 점*으로*" 바꿔)
        objects: list[int] = []  # where a thing said with 을/를 is ("약*을*" 바꿔)
        said = list(words)
        if self.morph.told_of_others(said) or self.morph.told_long_ago(said):
            return []  # someone else's cramp, or one's own long ago, told: nothing for the coach
        for i, word in enumerate(said):
            before = said[i - 1] if i else ""
            if self._helping(before, word):
                continue  # "하면 *돼요*": the ending's helper, not a verb of its own
            if (word in self.morph.denied_then and self.morph.denial and out
                    and i + 1 < len(said) and self._a_value(said[i + 1])):
                # "오른쪽 아니야 왼쪽이야": the value before denied, the one after meant
                n = self._last_value_length(out)
                if n == 2 or out[-1] in self.values or out[-1] in self.numbers:
                    del out[-n:]
                    out.append(self.morph.denial)
                    continue
            if word in self.morph.denied_before and self.morph.denial:
                # "종아리 말고 발": what is denied is not what is meant (one word, or a
                # number and its counter: "칠 점 말고").
                n = self._last_value_length(out)
                if out and out[-1] in self.morph.change_what and not self._a_value(
                        said[i + 1] if i + 1 < len(said) else ""):
                    del out[-1]  # "이거 말고 딴 거": another one, nothing corrected
                    continue
                if out and not out[-1].startswith(self.morph.denial):
                    del out[-n:]
                out.append(self.morph.denial)
                continue
            denied = self._long_negation(word, said[i + 1] if i + 1 < len(said) else "")
            if denied:
                out.extend(denied)
                continue
            if self._long_negation(before, word):
                continue  # read with the verb before it
            read = self.words(word) or self._known_start(word) or [word]
            if i + 1 < len(said) and said[i + 1] in self.morph.quoted_then and any(
                    word.endswith(q) for q in self.morph.quoted):
                continue  # "아까 여덟이라고 했는데": what was said before, not what is meant
            if i and said[i - 1] != word and word in self.morph.quoted_then and any(
                    said[i - 1].endswith(q) for q in self.morph.quoted):
                continue
            if len(word) > 1:
                read = self._said_again(read, said[i + 1] if i + 1 < len(said) else "")
                tail = self._tail(word, read)
                if tail is not None and len(read) == 1 and read[0] in self.scores and any(
                        tail.startswith(e) for e in self.morph.copula_endings):
                    read = [*read, self.counter]  # "칠이요": a score, as "칠" alone is
                noticed = tail is not None and tail in self.morph.is_endings and bool(
                    self.morph.realised.intersection(said[:i]))  # "아 오른쪽이야"
                if tail is not None:
                    at = len(out) + len(read) - 1
                    if tail in self.morph.change_into:
                        into.append(at)  # "오른쪽으로", "여섯으로" (바꿔)
                    elif tail in self.morph.change_object:
                        objects.append(at)  # "혈압약을" (바꿔): the thing changed
                    tail = tail.removeprefix(self.morph.was_hedge) if self.morph.was_hedge \
                        else tail  # "다섯쯤이었어"
                if tail is not None and (noticed or any(
                        tail.startswith(e) for e in self.morph.was_endings)) \
                        and not (i + 1 < len(said) and any(
                            c in tail for c in self.morph.was_joined)
                            and not tail.endswith(self.morph.was_told)):
                    was.append(len(out) + len(read) - 1)
            out.extend(read if len(word) > 1 else [word])
        if self.places and (self.morph.told_of_body(said) or self._placed(said)
                            or self._stop_told(said)):
            out = [w for w in out if w not in self.places]  # "발 시려": no foot in a cramp
        return self._changed_to(self._owned_up(self._was(self._scored(out), was)), into,
                                objects)

    def _a_value(self, word: str) -> bool:
        """Whether ``word`` reads as a slot's value or a number."""
        read = self.words(word) or []
        return any(w in self.values or w in self.numbers for w in read)

    def _placed(self, said: list[str]) -> bool:
        """Whether a side or a muscle is said as where a thing is ("리모컨 왼쪽에 있어"), and
        no pain is told (see :attr:`Morphology.placed`)."""
        if any(w.startswith(self.morph.pain) for w in said):
            return False
        places = tuple(self.morph.placed)
        said = [w for w in said  # "왼쪽으로 *좀* 돌아누워"
                if not (len(w) == 1 and w in self.known and w not in self.places)]
        for i, (word, then) in enumerate(zip(said, said[1:], strict=False)):
            for particle, verbs in self.morph.placed.items():
                if (word.endswith(particle) and word[: -len(particle)] in self.places
                        and then.startswith(verbs)):
                    return True
                if (word in self.places and then.endswith(particle) and len(then) > len(particle)
                        and any(w.startswith(verbs) for w in said[i + 2:])):
                    return True  # "냉장고 왼쪽 칸에 우유 있어": a side of where a thing is
            if word in self.places and (  # "발 위에서", "오른쪽 서랍에", "왼쪽 창문 닫아"
                    then.startswith(self.morph.positions) and then.endswith(places)
                    or self._a_thing(then)):
                return True
        return False

    def _stop_told(self, said: list[str]) -> bool:
        """Whether someone is told to stop doing a thing the coach does not know ("발 좀 그만
        차", "다리 그만 흔들어"), and no pain is told (see :attr:`Morphology.stop_doing`)."""
        if not self.morph.stop_doing or any(w.startswith(self.morph.pain) for w in said):
            return False
        return any(word in self.morph.stop_doing and not self.words(then)
                   and not self._known_start(then)
                   for word, then in zip(said, said[1:], strict=False))

    def _a_thing(self, word: str) -> bool:
        """Whether ``word`` said right after a side is a thing the coach does not know ("오른쪽
        *서랍에*", "왼쪽 *창문*"): a noun of its own, maybe with a particle, and no ending of a
        verb (its plain form is no known word, nor its stem's)."""
        if not self.morph.positions or self.word(word) is not None or self.words(word):
            return False
        plain = self.morph._strip(word) or word
        return len(plain) > 1 and self.word(plain) is None and plain == self.morph.stem(plain)

    def _scored(self, words: list[str]) -> list[str]:
        """``words`` with a score said without its counter read with it: the first of two
        numbers said together ("칠 팔 정도", "칠이나 팔": seven or eight, as "seven or eight"
        is seven), or a number ending what is said after a hedge ("아마 칠", "점수는 육")."""
        if not self.counter:
            return words
        if len(words) > 1 and words[-1] in self.scores and words[-2] in self.morph.score_hedges:
            return [*words, self.counter]  # "아마 칠", "십 점 만점에 팔" (said after the scale)
        for i, word in enumerate(words[:-2]):  # "칠 아니 여섯": a score taken back at once
            if (word in self.scores and words[i + 1] == self.morph.denial
                    and words[i + 2] in self.numbers):
                words = [*words[: i + 1], self.counter, *words[i + 1 :]]
                break
        for i, word in enumerate(words[1:], 1):  # "칠 말고 사로 해 줘": "아니 사"
            if (word in self.scores and words[i - 1] == self.morph.denial
                    and words[i + 1 : i + 2] != [self.counter]):
                return [*words[: i + 1], self.counter, *words[i + 1 :]]
        if self.counter in words:
            return words
        for i, word in enumerate(words[:-1]):
            if word in self.scores and words[i + 1] in self.scores and (
                    i == 0 or words[i - 1] not in self.numbers) and not (
                    i + 2 < len(words) and words[i + 2] in self.counts):  # "삼 사 분"
                return [*words[: i + 1], self.counter, *words[i + 1 :]]
        return words

    def _tail(self, word: str, read: list[str]) -> str | None:
        """What ``word`` says after the known words it was read as (its particles and
        endings), or None when they are not said whole at its start."""
        said = "".join(read)
        return word[len(said):] if word.startswith(said) and all(
            w in self.known for w in read) else None

    def _was(self, words: list[str], was: list[int]) -> list[str]:
        """``words`` with the last place said in the past copula read as a correction: the
        ``denial`` before it and the places said right before it ("아까 거 왼쪽 종아리였어"
        → "아까 거 아니 왼쪽 종아리"), as "it was my left calf" is one. Not a number alone
        ("세 점 정도였어요" answers how bad it was), not when a denial is said already, nor
        when another place follows ("종아리였는데 이제 발이야")."""
        if not was or not self.morph.denial or any(
                w.startswith(self.morph.denial) for w in words[: was[-1]]):
            return words  # denied already ("아니요 발이었어요")
        end = was[-1]

        then = bool(self.morph.was_then.intersection(words))

        def value(w: str) -> bool:  # a place; a rating only with a time gone by (see was_then)
            if w in self.numbers or w.isdigit() or w == self.counter:
                return then
            return w in self.values

        if any(value(w) for w in words[end + 1 :]):
            return words
        start = end
        while start > 0 and value(words[start - 1]):
            start -= 1
        if not any(value(w) for w in words[start : end + 1]):
            return words
        if start > 0 and words[start - 1] in self.morph.was_asked:
            return words  # "몇 점이었어": asked, not told
        return [*words[:start], self.morph.denial, *words[start:]]

    def _changed_to(self, words: list[str], into: Sequence[int] = (),
                    objects: Sequence[int] = ()) -> list[str]:
        """``words`` with a value asked to be changed to read as a correction ("칠이라고
        했는데 사 점으로 바꿔 줘" → "아니 사 점 줘"). The value is a number and its counter,
        or one known word of two syllables or more said after no other such word ("다른 걸로
        바꿔" is another exercise; "채널 좀 바꿔" the television)."""
        for i, word in enumerate(words):
            if word not in self.morph.change_to:
                continue
            value = self._changed_into(words, into)
            if value is not None:  # "점수 바꿔 줘 여섯으로": the value said with 로
                return [self.morph.denial, *value, *(w for w in words[i + 1 :] if w not in value)]
            if i - 1 in objects:  # "의사가 혈압약을 바꿔 줬어": the thing changed, no value;
                # read as "the changed medicine" (바꾼 약), the verb before what it changed
                return [*words[: i - 1], word, words[i - 1], *words[i + 1 :]]
            if i == 0:
                return words
            before = words[:i]
            if len(before) > 1 and before[-2] in self.numbers and before[-1] == self.counter:
                value = before[-2:]
            elif before[-1] in self.known and len(before[-1]) > 1 and not (
                    len(before) > 1 and before[-2] in self.known and len(before[-2]) > 1
                    and before[-2] not in self.morph.change_what):
                value = before[-1:]
            else:
                return words
            return [self.morph.denial, *value, *words[i + 1 :]]
        return words

    def _changed_into(self, words: list[str], into: Sequence[int]) -> list[str] | None:
        """The value said with 로 to change to (see :attr:`Morphology.change_into`): a side,
        a muscle or a number (a Sino-Korean one read with its counter), or None."""
        for at in reversed(into):
            value = words[at]
            if value == self.counter and at and (words[at - 1] in self.numbers
                                                 or words[at - 1] in self.morph.determiners):
                return [words[at - 1], value]  # "칠 점으로", "세 점으로"
            if value in self.scores:
                return [value, self.counter]
            if at and words[at - 1] in self.values and value in self.known:
                return [words[at - 1], value]  # "허벅지 뒤쪽으로": a slot phrase of two words
            if value in self.values or value in self.numbers:
                return [value]
        return None

    def _owned_up(self, words: list[str]) -> list[str]:
        """``words`` with a slip owned up to read as the denial before what is meant: what
        follows the slip ("왼쪽이라고 잘못 말했어 오른쪽이야": the left was the slip) or, when
        nothing does, what comes before it ("오른쪽이었는데 잘못 말했어")."""
        for phrase in self.morph.misspoke:  # the longest first
            n = len(phrase.split())
            for i in range(len(words) - n + 1):
                if " ".join(words[i : i + n]) != phrase:
                    continue
                if len(words) == n:
                    return words  # "미안해요", "잘못 말했어" alone: nothing to put right
                meant = words[i + n :] or words[:i]
                if not self.known.intersection(meant):
                    return words  # "잘못 말했네 미안": nothing the coach knows is meant
                if meant[0] == self.morph.denial:
                    return meant  # "오른쪽이었는데 잘못 말했어": denied already (see _was)
                return [self.morph.denial, *meant]
        return words

    def _said_again(self, read: list[str], then: str) -> list[str]:
        """``read`` without its last word when the next word says it again more exactly:
        "왼발 발가락" is the toes of the left foot ("왼 발가락"), not the foot."""
        if len(read) < 2 or not then:
            return read
        again = self.word(then)
        if again is not None and again != read[-1] and read[-1] in again:
            return read[:-1]
        return read

    def _known_start(self, word: str) -> list[str] | None:
        """A known word of two syllables or more typed before words the coach does not know
        ("임신중이에요" → 임신, 중이에요; "어젯밤어땠어" → 어젯밤, 어땠어), or None. Both
        parts have two syllables at least: "발목" (ankle) is no foot."""
        for cut in range(len(word) - 2, 1, -1):
            head = self.word(word[:cut])
            if head is not None and head not in self.numbers:
                return [head, *(self.words(word[cut:]) or [word[cut:]])]
        return None

    def _last_value_length(self, out: list[str]) -> int:
        """How many of the last words read say one value: a number and its counter are two
        ("칠 점"), anything else one."""
        return 2 if out[-2:-1] and out[-2] in self.numbers and out[-1] == self.counter else 1

    def _helping(self, before: str, word: str) -> bool:
        """Whether ``word`` is only the helping verb an ending of ``before`` asks for."""
        for ending, stems in self.morph.helping_after.items():
            if len(before) > 1 and before.endswith(ending) and (
                    self.morph.stem(word) in stems):
                return True
        return False

    def _long_negation(self, verb: str, then: str) -> list[str] | None:
        """``verb`` denied by ``then`` after it, as short negation and the verb ("풀리지
        않았어" → "안", "풀려"; "나지 않게" → "안", "나게" where "나게" is known)."""
        if not then or verb in self.known:
            return None  # "신경 쓰지 마" declared as it is said stays so
        forms = {then, *self.morph.reductions(then)}
        morph = self.morph
        for end, denials in ((morph.long_negation_ending, morph.long_negations),
                             *((e, morph.long_negations) for e in morph.long_negation_particles),
                             *((e, morph.hard_to) for e in morph.hard_to_endings)):
            if not end or len(verb) <= len(end) or not verb.endswith(end):
                continue
            for start, short in denials.items():
                if start not in forms:
                    continue
                stem = verb[: -len(end)]
                rest = then[len(start):] if then.startswith(start) else ""
                joined = self.word(stem + rest) if rest else None
                read = [joined] if joined else self.words(stem)
                return [short, *read] if read else None
        return None
