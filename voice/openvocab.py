"""The open-vocabulary reading: what was said in any words, beside the grammar's reading.

A grammar recogniser can only return its own phrases, so a description in a person's own
words ("my chest hurts and I can't breathe") cannot be heard by it at all. This module runs
a second Vosk recogniser on the same model *without* a grammar, fed the same audio, so the
dialogue's screens (red flags) can read what was really said.

It costs what full decoding costs (``benchmarks/open_vocab.py``: several times the grammar
recogniser), so the listener runs it only while the coach is awake (a conversation under
way), and asleep only on the buffered audio of an utterance the grammar took for a wake
phrase, to check that the words were really there (``agrees``).

The text is cleaned like the grammar's (``[unk]`` left out); its confidence is the mean of
Vosk's per-word confidences (0..1, from ``SetWords``), 0 when no word was heard.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crampcoach.voice.recognizer import UNK, load_model


@dataclass(frozen=True)
class OpenReading:
    """What the open-vocabulary recogniser heard in one utterance."""

    text: str
    confidence: float
    """Mean word confidence, 0..1."""


def _words(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in result.get("result", []) if w.get("word") and w["word"] != UNK]


class OpenVocab:
    """An open recogniser per utterance.

    A new one for each (making one takes ~0.1 s of CPU, as the full language model's
    look-ahead is set up): one reused after a final result still carries the speaker
    adaptation of the utterances before, and the same words were read differently depending
    on what came before them (the same audio read four times in a row: four readings)."""

    def __init__(self, model_folder: Path, rate: int = 16_000):
        self.model_folder = model_folder
        self.rate = rate
        self._rec: Any = None
        self._words: list[dict[str, Any]] = []

    def warm(self) -> OpenVocab:
        """Make the first recogniser now (at start-up) rather than on the first utterance."""
        self._recogniser()
        return self

    def _recogniser(self) -> Any:
        if self._rec is None:
            import vosk

            self._rec = vosk.KaldiRecognizer(load_model(str(self.model_folder)), self.rate)
            self._rec.SetWords(True)
        return self._rec

    def feed(self, pcm: bytes) -> None:
        """Audio of the utterance under way. Vosk's own endpointer may cut a long description
        into pieces; each piece's words are kept until :meth:`end`."""
        rec = self._recogniser()
        if rec.AcceptWaveform(pcm):
            self._words += _words(json.loads(rec.Result()))

    def end(self) -> OpenReading:
        """The reading of everything fed since the last end."""
        rec = self._recogniser()
        words = self._words + _words(json.loads(rec.FinalResult()))
        self._words = []
        self._rec = None  # the next utterance gets a new one (made when it starts)
        text = " ".join(str(w["word"]) for w in words)
        conf = sum(float(w.get("conf", 0.0)) for w in words) / len(words) if words else 0.0
        return OpenReading(text, conf)

    def read(self, pcm: bytes) -> OpenReading:
        """The reading of one buffered utterance."""
        self.feed(pcm)
        return self.end()


def sounds(text: str) -> str:
    """``text`` as a string of letters to compare by sound: Hangul syllables split into their
    jamo, spaces dropped (where a recogniser puts spaces is not what was said)."""
    return "".join(unicodedata.normalize("NFD", text).split())
