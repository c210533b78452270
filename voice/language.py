"""Per-language data of the engine: fillers, number words, its own few sentences.

A new language is a new ``voice/lang/<code>.toml`` plus the plugins' own language files.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from crampcoach.voice.morphology import Morphology, Reader

LANG_DIR = Path(__file__).parent / "lang"


class UnknownLanguage(ValueError):
    """No data for the language asked for."""


@dataclass(frozen=True)
class Language:
    """The engine's data for one language."""

    code: str
    fillers: frozenset[str]
    negations: frozenset[str]
    light_words: frozenset[str]
    pronoun_numbers: frozenset[str]
    """Number words that are pronouns after ``not_numbers_after`` words ("the left one"), or
    after an article and any word ("a *nasty* one")."""
    not_numbers_after: frozenset[str]
    """Words that carry little meaning ("my", "the"): they count less when scoring intents."""
    numbers: dict[str, int]
    sentences: dict[str, str]
    spoken: dict[str, object]
    durations: dict[str, str]
    clock: dict[str, Any]
    tts_voice: str = ""
    counts_of_things: frozenset[str] = frozenset()
    """Number words that, said between a noun and a verb no plugin knows, count the thing
    ("쥐포 *하나* 구워 줄까": one, no score)."""
    wake_phrase: str = ""
    decoys: tuple[str, ...] = ()
    """Words ordinary speech is full of that mean nothing to the coach: the asleep grammar
    holds them so that speech not meant for the coach has somewhere to go."""
    sentence_negations: frozenset[str] = frozenset()
    """Words that undo a declared sentence said right after them ("don't stop")."""
    skippable: tuple[str, ...] = ()
    """Words that may come between the words of a template ("it's *really* gone")."""
    stands_for: dict[str, tuple[str, ...]] | None = None
    """A word of a template → words heard in its place ("back of *the*/*his* thigh")."""
    respell: dict[str, str] | None = None
    """Spoken forms read as their written words before matching: "gonna" → "going to"."""
    foreign_ratio: float = 0.0
    """An intent that fills no slot is not taken when the words no plugin knows outweigh
    what it explains this many times (0: never). Off where words carry endings (Korean)."""
    s_means: str = ""
    """What "'s" after a word means when it is not fused with it ("calf's" → "calf is")."""
    fused_s: frozenset[str] = frozenset()
    """Words whose "'s" stays fused, as templates write them: "it's" → "its"."""
    bound_words: frozenset[str] = frozenset()
    """Words that hold on to the word after them when a phrase is said scattered ("back
    *of* my thigh", "*how* long"): see :mod:`crampcoach.voice.scattered`."""
    clause_breaks: frozenset[str] = frozenset()
    """Words between clauses: a scattered phrase never spans one ("coughing *and* my blood
    pressure")."""
    no_rating_after: frozenset[str] = frozenset()
    no_rating_before: frozenset[str] = frozenset()
    """A number word after/before these is a time, a channel, a count: not a score."""
    rating_frames: tuple[str, ...] = ()
    """...but after these phrases it is a score all the same: "I'd put *it at* seven"."""
    gerund_takers: frozenset[str] = frozenset()
    gerund_endings: tuple[str, ...] = ()
    past_endings: tuple[str, ...] = ()
    plural_endings: tuple[str, ...] = ()
    """Endings that tell a verb in "-ing", a verb in the past, a plural noun ("licking",
    "kicked", "sugars"); empty where words do not end so (Korean)."""
    not_gerunds: frozenset[str] = frozenset()
    """Words in a gerund's ending that are none ("everything", "morning")."""
    """A declared sentence ending in one of these ("stop") is not taken right before a verb
    in "-ing" its intent does not know: "stop *licking* my toes" is said to someone else."""
    other_addressees: frozenset[str] = frozenset()
    """Names said to someone other than the coach ("Alexa", "sweetheart"): with one of
    them, a sentence that fills no slot is not for the coach."""
    lament_after: frozenset[str] = frozenset()
    """After a denied slot, these make it a lament: "not my foot *again*" is the foot."""
    self_corrections: tuple[str, ...] = ()
    """Words that take back what was just said, to say it again ("my left, *no*, my right")."""
    possessives: frozenset[str] = frozenset()
    time_clause_starts: frozenset[str] = frozenset()
    """Words that make the clause after them say when something else happened ("my heart
    sank *when* it started"): a sentence filling no slot, said right after one of them
    behind a clause of its own, is not what the utterance says."""
    state_degrees: frozenset[str] = frozenset()
    """Words of degree that may come between a predicate and the state it says ("my foot
    feels *a little* numb", "my toes went *all* white"): the state is said all the same."""
    predicates: frozenset[str] = frozenset()
    """A sentence starting with one of ``predicates`` right after one of ``possessives`` and
    a noun is about that noun: "*my* neck *feels* stiff" describes the neck."""
    stated_negations: frozenset[str] = frozenset()
    """Words that deny a stated thing said right after them ("*no* new medicines")."""
    turns: frozenset[str] = frozenset()
    """Words that turn from a story to what is asked ("…, *but* could you tell me what to do
    next"): what the last clause asks is meant, when it is most of that clause."""
    request_frames: tuple[str, ...] = ()
    """Words that ask for something to be done ("can you"): the verb after them says what
    ("can you *turn* it down a bit" asks for turning, and answers nothing)."""
    open_ends: frozenset[str] = frozenset()
    """Words a declared sentence may end in that need a verb after them ("I can't"): said
    before a verb no plugin knows, the sentence is about that ("I can't *find* the remote")."""
    reason_starts: frozenset[str] = frozenset()
    denied_reason_starts: frozenset[str] = frozenset()
    reason_negations: frozenset[str] = frozenset()
    body_reason_starts: frozenset[str] = frozenset()
    """A clause from one of these ("my") and a part of the speaker a plugin's list names,
    with a predicate right after it ("hang on, *my foot's tangled in the duvet*"), is the
    speaker's own reason too."""
    """A clause of the speaker's own (from one of ``reason_starts``: "I", "I'm"), or one
    from ``denied_reason_starts`` ("that's", "it") denied soon after (``sentence_negations``
    or these: "can't"), is the reason for a command said with it ("stop, *I don't need it
    now*", "hold on, *I need to sit up*", "*that's not helping*, next"): it does not count
    against the command."""
    articles: frozenset[str] = frozenset()
    """"a", "an": "one" after one of these and another word is a pronoun ("a nasty one")."""
    courtesies: tuple[str, ...] = ()
    """Thanks said with another request ("next please, *thanks*", "stop now *thank you*"):
    they are not what the request is, and an intent that explains nothing else loses to one
    that does."""
    aside_starts: frozenset[str] = frozenset()
    """Words that start a clause or phrase of their own ("*that* tickles", "*it's* raining",
    "*to* the park"): what follows them, unknown to the coach, is not part of a command."""
    particles: frozenset[str] = frozenset()
    """Words that make a verb another verb ("come *on*", "give *up*"): a scattered phrase's
    verb followed by one it was not declared with is not that verb."""
    suffixes: tuple[str, ...] = ()
    """Inflection endings a scattered phrase's words may differ by, longest first."""
    morphology: Morphology | None = None
    """Particles and endings glued to words (Korean), read off towards known words: see
    :mod:`crampcoach.voice.morphology`. Used once :meth:`knowing` has been told the words."""
    bare_number_counter: str = ""
    counted_numbers: frozenset[str] = frozenset()
    """Number words said alone that are read with ``bare_number_counter`` ("칠" → "칠 점"):
    a typed "칠" is a score, though a grammar never holds the lone syllable."""
    other_people: frozenset[str] = frozenset()
    speaker_words: frozenset[str] = frozenset()
    habit_or_past: tuple[str, ...] = ()
    told_now: tuple[str, ...] = ()
    addressee_not_after: frozenset[str] = frozenset()
    """Words after which a name of someone else is what is done to them, not who is spoken
    to: "you'll wake *the* kids"."""
    scenes: tuple[str, ...] = ()
    """Words of a game, a race or a show: someone else's cramp told with them is a scene
    watched ("he's pulled up with cramp on the final lap"), like a story of the past."""
    asks_for: tuple[str, ...] = ()
    """A story about someone else (``other_people``, no ``speaker_words``) told as a habit or
    in the past (``habit_or_past``), nothing now (``told_now``), asking nothing (``asks_for``,
    ``request_frames``): "my husband keeps getting cramps in his calf" is talk, no request."""
    past_times: tuple[str, ...] = ()
    """A past time said before a clause of now ("it cramped an hour *ago*, it's okay now"):
    the clause before it is background to what follows."""
    clock_before: tuple[str, ...] = ()
    clock_words: frozenset[str] = frozenset()
    """A sentence ending in one of ``clock_before`` said before a number or one of
    ``clock_words`` is a time of day: "it's *gone* eleven", "it's gone *midnight*"."""
    rating_times: tuple[str, ...] = ()
    rating_scales: tuple[str, ...] = ()
    """A score's scale ("out of ten"): a score and its scale before a thing no plugin knows
    rate that thing ("a ten out of ten film"), not a cramp."""
    adverb_endings: tuple[str, ...] = ()
    """Endings of a word that says how, not what: "eight out of ten *easily*" rates no thing."""
    """After "a"/"an" a number is a score noun, and these after it say when: "a three
    *tonight*" is no count of three."""
    time_phrases: tuple[str, ...] = ()
    """A time said with its noun ("last night", "tomorrow night", "every night"): the words
    after the first take part in no sentence that does not take the first ("a good film last
    night" is no "good night")."""
    more_than: frozenset[str] = frozenset()
    """Said before "a"/"an" or a number and a unit ("over an hour", "under a minute"), one of
    these measures the unit: it takes part in no sentence that does not take the unit ("for
    over an hour" is no "over", the end of a cramp)."""
    answer_denials: frozenset[str] = frozenset()
    """Words that make an answer a no ("no", "nope"): a clause said after it in the coach's
    words says it again only with a denial of its own ("no, I can't feel it")."""
    consequences: tuple[str, ...] = ()
    """A command followed by one of these is a threat or a dare to someone else: "do that
    again *and you're* grounded"."""
    reader: Reader | None = None

    def knowing(self, words: Iterable[str], alone: Iterable[str] = (),
                values: Iterable[str] = (), places: Iterable[str] | None = None) -> Language:
        """This language reading utterances towards ``words`` (the plugins' declared words),
        where it has a morphology; itself otherwise. ``alone``: words declared as a phrase
        on their own ("영" as a score), which keep their own meaning said alone; ``values``:
        the words of the plugins' slot lists (a side, a muscle); ``places``: those of them
        that name a place on the body (all of ``values`` when None)."""
        if self.morphology is None:
            return self
        own = (self.light_words | self.no_rating_before | self.no_rating_after
               | self.sentence_negations | set(self.skippable))
        counted = self.counted_numbers - set(alone)
        reader = Reader(self.morphology, {*words, *own}, self.numbers, self.bare_number_counter,
                        values=values, scores=counted, counts=self.no_rating_before,
                        places=places)
        stands = dict(self.stands_for or {})
        for word, forms in reader.forms.items():  # "얼마나 됐어" also hears "얼마나 됐어요"
            stands[word] = (*stands.get(word, ()), *forms)
        return dataclasses.replace(self, reader=reader, stands_for=stands, counted_numbers=counted)

    def spell(self, n: int) -> str:
        """``n`` as this language says it aloud, e.g. 30 → "thirty" (digits past 99)."""
        ones, tens = self.spoken.get("ones", []), self.spoken.get("tens", [])
        if 0 <= n < len(ones):
            return str(ones[n])
        if 0 <= n < 100 and tens and tens[n // 10]:
            if n % 10 == 0:
                return str(tens[n // 10])
            fmt = str(self.spoken.get("compound", "{tens} {ones}"))
            return fmt.format(tens=tens[n // 10], ones=ones[n % 10])
        return str(n)

    def normalise(self, text: str) -> str:
        """Lower-case words without punctuation or fillers, as a recogniser would give them."""
        text = text.lower().replace("’", "'")
        if self.s_means:  # "my calf's cramping" is "my calf is cramping", "it's" stays "its"
            text = re.sub(r"(\w+)'s\b", self._unfuse_s, text)
        words = re.findall(r"\w+", text.replace("'", ""))
        if self.respell:
            words = self._respelled(words)
        words = [w for w in words if w not in self.fillers]
        if self.reader is not None:
            words = self.reader.read(words)
            if len(words) == 1 and words[0] in self.counted_numbers:
                words.append(self.bare_number_counter)
            if self.respell:  # spoken forms of words read back: "점 만점" is "만점"
                words = self._respelled(words)
        return " ".join(words)

    def _respelled(self, words: list[str]) -> list[str]:
        """``words`` with spoken forms replaced, longest first ("uh huh" before "uh"). A key
        written with a leading ``^`` is replaced only where the sentence begins: "what i can do"
        opens a question in learners' order, but ends "i know what i can do" as it is."""
        out: list[str] = []
        i = 0
        longest = _longest_key(self.respell)  # type: ignore[arg-type]
        while i < len(words):
            for n in range(longest, 0, -1):
                said = " ".join(words[i : i + n])
                if i == 0 and "^" + said in self.respell:  # type: ignore[operator]
                    said = "^" + said
                if len(words) - i >= n and said in self.respell:  # type: ignore[operator]
                    out.extend(self.respell[said].split())  # type: ignore[index]
                    i += n
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def _unfuse_s(self, m: re.Match[str]) -> str:
        word = m.group(1)
        return word + "s" if word + "s" in self.fused_s else f"{word} {self.s_means}"

    def duration(self, seconds: float) -> str:
        """A length of time as people say it: "about a minute and a half"."""
        d = self.durations
        if seconds < 45:
            return d["under_minute"]
        if seconds < 75:
            return d["one_minute"]
        if seconds < 105:
            return d["minute_half"]
        if seconds < 3600:
            return d["minutes"].format(n=self.spell(round(seconds / 60)))
        return d["hour"]

    def clock_time(self, when: datetime) -> str:
        """A time of day as people say it: "ten past three", "half past two"."""
        c = self.clock
        total = round((when.hour * 60 + when.minute) / 5) * 5
        h, m = divmod(total, 60)
        hours = c["hours"]
        if "past" not in c:  # languages that just say hour and minute
            if m == 0:
                return str(c["oclock"]).format(h=hours[h % 12])
            return str(c["plain"]).format(h=hours[h % 12], m=self.spell(m))
        if m == 0:
            return str(c["oclock"]).format(h=hours[h % 12])
        words = {15: c["quarter"], 30: c["half"], 45: c["quarter"]}
        if m <= 30:
            return str(c["past"]).format(m=words.get(m) or self.spell(m), h=hours[h % 12])
        return str(c["to"]).format(m=words.get(m) or self.spell(60 - m), h=hours[(h + 1) % 12])

    def number_words(self, value: int) -> list[str]:
        """Every way this language says ``value`` (digits included)."""
        return [w for w, n in self.numbers.items() if n == value] + [str(value)]


def available() -> list[str]:
    """Language codes the engine has data for."""
    return sorted(p.stem for p in LANG_DIR.glob("*.toml"))


def add_option(parser: Any) -> None:
    """The ``--language CODE`` option of every command that understands or speaks."""
    parser.add_argument("--language", metavar="CODE",
                        help=f"language ({', '.join(available())}); default from config")


@cache
def load(code: str) -> Language:
    path = LANG_DIR / f"{code}.toml"
    if code not in available():  # a code, never a path: "../../x" must not load x.toml
        raise UnknownLanguage(
            f"no language data for {code!r} (available: {', '.join(available())})"
        )
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Language(
        code=code,
        fillers=frozenset(data.get("fillers", [])),
        negations=frozenset(data.get("negations", [])),
        light_words=frozenset(data.get("light_words", [])),
        pronoun_numbers=frozenset(data.get("pronoun_numbers", [])),
        not_numbers_after=frozenset(data.get("not_numbers_after", [])),
        counts_of_things=frozenset(data.get("counts_of_things", [])),
        numbers={str(k): int(v) for k, v in data.get("numbers", {}).items()},
        sentences=dict(data.get("say", {})),
        spoken=dict(data.get("spoken", {})),
        durations=dict(data.get("durations", {})),
        clock=dict(data.get("clock", {})),
        tts_voice=str(data.get("tts_voice", "")),
        decoys=tuple(str(data.get("decoys", "")).split()),
        wake_phrase=str(data.get("wake_phrase", "")),
        sentence_negations=frozenset(data.get("sentence_negations", [])),
        skippable=tuple(data.get("skippable", [])),
        stands_for={str(k): tuple(v) for k, v in data.get("stands_for", {}).items()},
        respell={str(k): str(v) for k, v in data.get("respell", {}).items()},
        s_means=str(data.get("s_means", "")),
        foreign_ratio=float(data.get("foreign_ratio", 0)),
        fused_s=frozenset(data.get("fused_s", [])),
        bound_words=frozenset(data.get("bound_words", [])),
        clause_breaks=frozenset(data.get("clause_breaks", [])),
        suffixes=tuple(data.get("suffixes", [])),
        particles=frozenset(data.get("particles", [])),
        aside_starts=frozenset(data.get("aside_starts", [])),
        courtesies=tuple(data.get("courtesies", [])),
        articles=frozenset(data.get("articles", [])),
        reason_starts=frozenset(data.get("reason_starts", [])),
        denied_reason_starts=frozenset(data.get("denied_reason_starts", [])),
        body_reason_starts=frozenset(data.get("body_reason_starts", [])),
        open_ends=frozenset(data.get("open_ends", [])),
        request_frames=tuple(data.get("request_frames", [])),
        turns=frozenset(data.get("turns", [])),
        stated_negations=frozenset(data.get("stated_negations", [])),
        possessives=frozenset(data.get("possessives", [])),
        predicates=frozenset(data.get("predicates", [])),
        state_degrees=frozenset(data.get("state_degrees", [])),
        time_clause_starts=frozenset(data.get("time_clause_starts", [])),
        self_corrections=tuple(data.get("self_corrections", [])),
        reason_negations=frozenset(data.get("reason_negations", [])),
        lament_after=frozenset(data.get("lament_after", [])),
        no_rating_after=frozenset(data.get("no_rating_after", [])),
        no_rating_before=frozenset(data.get("no_rating_before", [])),
        rating_frames=tuple(data.get("rating_frames", [])),
        gerund_takers=frozenset(data.get("gerund_takers", [])),
        gerund_endings=tuple(data.get("gerund_endings", [])),
        past_endings=tuple(data.get("past_endings", [])),
        plural_endings=tuple(data.get("plural_endings", [])),
        not_gerunds=frozenset(data.get("not_gerunds", [])),
        other_addressees=frozenset(data.get("other_addressees", [])),
        morphology=Morphology.from_data(data["morphology"]) if "morphology" in data else None,
        bare_number_counter=str(data.get("bare_number_counter", "")),
        counted_numbers=frozenset(data.get("counted_numbers", [])),
        other_people=frozenset(data.get("other_people", [])),
        speaker_words=frozenset(data.get("speaker_words", [])),
        habit_or_past=tuple(data.get("habit_or_past", [])),
        told_now=tuple(data.get("told_now", [])),
        addressee_not_after=frozenset(data.get("addressee_not_after", [])),
        scenes=tuple(data.get("scenes", [])),
        asks_for=tuple(data.get("asks_for", [])),
        past_times=tuple(data.get("past_times", [])),
        clock_before=tuple(data.get("clock_before", [])),
        clock_words=frozenset(data.get("clock_words", [])),
        rating_times=tuple(data.get("rating_times", [])),
        rating_scales=tuple(data.get("rating_scales", [])),
        adverb_endings=tuple(data.get("adverb_endings", [])),
        time_phrases=tuple(data.get("time_phrases", [])),
        more_than=frozenset(data.get("more_than", [])),
        consequences=tuple(data.get("consequences", [])),
        answer_denials=frozenset(data.get("answer_denials", [])),
    )


_LONGEST: dict[int, tuple[dict[str, str], int]] = {}


def _longest_key(respell: dict[str, str]) -> int:
    """The most words a respelled phrase has: worked out once per table (every stand-in and
    template is normalised while a matcher is built)."""
    cached = _LONGEST.get(id(respell))
    if cached is None or cached[0] is not respell:
        cached = _LONGEST[id(respell)] = (respell, max(len(k.split()) for k in respell))
    return cached[1]
