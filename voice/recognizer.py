"""Vosk: a grammar-restricted recogniser built from the phrases the plugins declare.

Vosk turns the grammar into a bigram model, so it can return word mixes that are no phrase;
the text still goes through the intent matcher before anything acts on it. Words the model
does not know are dropped by Vosk without a word, so they are found and reported here.
"""

from __future__ import annotations

import json
import logging
import math
from functools import cache
from pathlib import Path
from typing import Any

from crampcoach.voice.messages import Utterance

log = logging.getLogger(__name__)
UNK = "[unk]"
ALTERNATIVES = 10
"""n-best readings kept: a grammar recogniser's best reading is often a word mix that is no
phrase, while a later one is the phrase that was said."""


@cache
def load_model(folder: str) -> Any:
    """Load a Vosk model once per process (it takes seconds and hundreds of MB)."""
    import vosk

    vosk.SetLogLevel(-1)
    try:
        return vosk.Model(folder)
    except Exception as err:
        raise RuntimeError(f"Vosk could not load the model in {folder}: {err}") from None


def knows(model: Any, word: str) -> bool:
    return int(model.vosk_model_find_word(word)) >= 0


def missing_words(model: Any, vocabulary: dict[str, set[str]]) -> dict[str, list[str]]:
    """Per plugin, the grammar words the model's vocabulary lacks."""
    out = {}
    for plugin, words in vocabulary.items():
        missing = sorted(w for w in words if not knows(model, w))
        if missing:
            out[plugin] = missing
    return out


def grammar(model: Any, phrases: list[str]) -> list[str]:
    """The phrases the model can say in full, plus ``[unk]`` where the model has it."""
    cache_known: dict[str, bool] = {}

    def ok(word: str) -> bool:
        if word not in cache_known:
            cache_known[word] = knows(model, word)
        return cache_known[word]

    kept = sorted({p for p in phrases if all(ok(w) for w in p.split())})
    if ok(UNK):
        kept.append(UNK)
    return kept


PHRASE_WEIGHT = 100
"""How many times each phrase is listed beside the decoys. Vosk estimates a bigram model from
the grammar's lines, so a phrase listed once weighs no more than one decoy syllable and
commands came back as strings of syllables; a hundred copies keep a command a command while
speech that is no command still falls to the decoys."""


def weighted(phrases: list[str], decoys: list[str]) -> list[str]:
    """The grammar Vosk is given: the phrases, outweighing any decoys, then the decoys."""
    if not decoys:
        return phrases
    return phrases * PHRASE_WEIGHT + sorted(set(decoys) - set(phrases))


class Recognizer:
    """Streaming recognition of 16 kHz int16 audio into utterances."""

    def __init__(self, model_folder: Path, phrases: list[str] | None, rate: int = 16_000,
                 checked: bool = False, decoys: list[str] = (), state: str = ""):  # type: ignore[assignment]
        import vosk

        self.model = load_model(str(model_folder))
        self.state = state
        """The listening state this recogniser was made for (``asleep``, ``awake``…)."""
        if phrases is None:  # full vocabulary, where free text is wanted
            self.grammar: list[str] = []
            self.rec = vosk.KaldiRecognizer(self.model, rate)
        else:
            self.grammar = list(phrases) if checked else grammar(self.model, phrases)
            # Vosk's grammar parser does not decode JSON \u escapes: pass the words as they are.
            self.rec = vosk.KaldiRecognizer(
                self.model, rate,
                json.dumps(weighted(self.grammar, list(decoys)), ensure_ascii=False),
            )
        self.rec.SetMaxAlternatives(ALTERNATIVES)
        self.phrases = frozenset(self.grammar)
        """The whole phrases this recogniser listens for (decoys are none of them)."""

    def accept(self, pcm: bytes) -> Utterance | None:
        """Feed audio; an utterance when Vosk's endpointer says a command has ended."""
        if self.rec.AcceptWaveform(pcm):
            return self._utterance(self.rec.Result())
        return None

    def partial(self) -> str:
        return str(json.loads(self.rec.PartialResult()).get("partial", ""))

    def end(self) -> Utterance | None:
        """Flush: whatever was being said when the audio stopped."""
        return self._utterance(self.rec.FinalResult())

    @staticmethod
    def _utterance(raw: str) -> Utterance | None:
        result = json.loads(raw)
        readings = result.get("alternatives") or [{"text": result.get("text", "")}]
        texts: list[str] = []
        scores: list[list[float]] = []
        nothing: list[float] = []  # paths of [unk] alone: belief that no phrase was said
        for r in readings:
            text = " ".join(t for t in str(r.get("text", "")).split() if t != UNK)
            score = r.get("confidence")
            if text and text not in texts:
                texts.append(text)
                scores.append([])
            if score is not None:
                (scores[texts.index(text)] if text else nothing).append(float(score))
        if not texts:
            return None
        share = shares(scores + [nothing])[:-1]
        return Utterance(text=texts[0], confidence=share[0], source="voice",
                         alternatives=tuple(texts), shares=share)


def shares(scores: list[list[float]]) -> tuple[float, ...]:
    """Each reading's share of the recogniser's belief, 0..1: a softmax over the n-best.

    Vosk's n-best ``confidence`` is a path score (a log-likelihood: 60 to 600 depending on
    the length of the audio, not a probability), so on its own it says nothing; what says how
    sure the recogniser was is how far the readings stand apart. ``exp(score)`` normalised
    over the n-best list is the posterior of each path among those listed (several paths can
    give the same words: their shares add up). A reading far ahead gets ~1; two readings a
    point apart 0.73 and 0.27. Readings without a score (a recogniser without n-best) are
    certain as far as this can tell.
    """
    if not any(scores):
        return tuple(1.0 if i == 0 else 0.0 for i in range(len(scores)))
    top = max(s for group in scores for s in group)
    mass = [sum(math.exp(s - top) for s in group) for group in scores]
    total = sum(mass)
    return tuple(m / total for m in mass)
