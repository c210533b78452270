"""The open-vocabulary reading: what was said in any words, beside the grammar's reading.

A grammar recogniser can only return its own phrases, so a description in a person's own
words ("my chest hurts and I can't breathe") cannot be heard by it at all. This module runs
a second Vosk recogniser on the same model *without* a grammar, fed the same audio, so the
dialogue's screens (red flags) can read what was really said.

It costs what full decoding costs (``benchmarks/open_vocab.py``: several times the grammar
recogniser), so the listener runs it only while the coach is awake (a conversation under
way), and asleep only on the buffered audio of an utterance the grammar took for the wake
phrase and a command. It runs on a thread of its own (:class:`OpenWorker`): the grammar's
reading never waits for it, so "stop" said over the coach stops it as fast awake as asleep,
and the open reading is screened as soon as it is ready.

The text is cleaned like the grammar's (``[unk]`` left out); its confidence is the mean of
Vosk's per-word confidences (0..1, from ``SetWords``), 0 when no word was heard.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crampcoach.voice.recognizer import UNK, load_model

log = logging.getLogger(__name__)

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
        self.reset()
        text = " ".join(str(w["word"]) for w in words)
        conf = sum(float(w.get("conf", 0.0)) for w in words) / len(words) if words else 0.0
        return OpenReading(text, conf)

    def reset(self) -> None:
        """Forget the utterance under way: the next one gets a new recogniser (made when it
        starts)."""
        self._words = []
        self._rec = None

    def read(self, pcm: bytes) -> OpenReading:
        """The reading of one buffered utterance."""
        self.feed(pcm)
        return self.end()


class OpenWorker:
    """An :class:`OpenVocab` on a thread of its own, fed in order from the listener's thread.

    :meth:`feed`, :meth:`end` and :meth:`read` only queue work and return at once; each
    reading asked for (with a ``tag`` saying which utterance it is) comes back through
    :meth:`ready`, in the order asked. One thread, one recogniser: the audio of one utterance
    is decoded in the order it came, and utterances one after another."""

    def __init__(self, ear: OpenVocab):
        self.ear = ear
        self._jobs: queue.SimpleQueue[tuple[str, bytes, Any] | None] = queue.SimpleQueue()
        self._done: queue.SimpleQueue[tuple[Any, OpenReading]] = queue.SimpleQueue()
        self.pending = 0
        """Readings asked for and not yet taken by :meth:`ready` (the caller's thread only)."""
        self.cpu_s = 0.0
        """CPU seconds this thread has used (benchmarks tell it apart from the listener's)."""
        self._thread = threading.Thread(target=self._run, name="open-vocab", daemon=True)
        self._thread.start()

    def feed(self, pcm: bytes) -> None:
        """Audio of the utterance under way."""
        self._jobs.put(("feed", pcm, None))

    def end(self, tag: Any) -> None:
        """The utterance fed so far has ended: read it (the reading comes back with ``tag``)."""
        self.pending += 1
        self._jobs.put(("end", b"", tag))

    def read(self, pcm: bytes, tag: Any) -> None:
        """Read one buffered utterance (the reading comes back with ``tag``)."""
        self.pending += 1
        self._jobs.put(("read", pcm, tag))

    def ready(self, wait: bool = False) -> list[tuple[Any, OpenReading]]:
        """The readings finished since the last call; with ``wait``, every one asked for."""
        out = []
        while self.pending:
            try:
                out.append(self._done.get(block=wait, timeout=WORKER_WAIT_S))
            except queue.Empty:
                if wait:
                    log.error("the open-vocabulary pass gave no reading in %g s", WORKER_WAIT_S)
                break
            self.pending -= 1
        return out

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=WORKER_WAIT_S)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            kind, pcm, tag = job
            try:
                if kind == "feed":
                    self.ear.feed(pcm)
                    continue
                got = self.ear.end() if kind == "end" else self.ear.read(pcm)
            except Exception:  # a reading lost is told, and listening goes on
                log.exception("the open-vocabulary pass failed")
                if kind == "feed":
                    continue
                self.ear.reset()
                got = OpenReading("", 0.0)
            finally:
                self.cpu_s = time.thread_time()
            self._done.put((tag, got))


WORKER_WAIT_S = 30.0
"""Longest wait for a reading that is owed (a recording's, or at the end): decoding a few
seconds of speech takes well under that even on a busy machine."""


def sounds(text: str) -> str:
    """``text`` as a string of letters to compare by sound: Hangul syllables split into their
    jamo, spaces dropped (where a recogniser puts spaces is not what was said)."""
    return "".join(unicodedata.normalize("NFD", text).split())
