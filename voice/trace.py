"""A trace that explains: one JSON object per line for everything heard, understood and said.

``crampcoach chat --trace FILE.jsonl`` (and ``listen --trace``) write it, so a person woken
at 3 a.m. can see why the coach spoke, and tests and benchmarks can assert on events instead
of on sentences. Three kinds of event, each with ``t`` (seconds on the session's monotonic
clock since the trace opened)::

    {"event": "heard", "text": "my left calf", "readings": ["my left calf"],
     "confidence": 1.0, "acted": true, "why": "typed"}
    {"event": "heard", "text": "", "readings": ["stop next"], "confidence": 0.41,
     "acted": true, "why": "a red flag in the open reading",
     "open": {"text": "my chest hurts", "confidence": 0.83}}
    {"event": "intent", "name": "cramp.report", "slots": {"side": "left", "muscle": "calf"},
     "plugin": "relief", "why": "explains 3.5 of 3.5; next best: none"}
    {"event": "said", "text": "Okay. Your left calf. I'm here.", "plugin": "relief"}

How a front end uses it (``chat`` does exactly this; ``listen`` does the same)::

    trace = Trace.open(path, clock, data_dir)  # one line, exit 2 (refused) or 1 (unwritable)
    speak = trace.speaker(speak)           # every Said is written before it is spoken
    session = build(cfg, speak, ...)
    trace.attach(session.dialogue)         # every intent acted on is written, with why
    ...
    trace.heard(text, readings=..., confidence=..., acted=True, why="after the wake phrase")
    trace.heard(text, readings=..., confidence=0.31, acted=False, why="confidence under 0.5")
    ...
    trace.close()

``heard`` is the listener's to call, once per utterance, whether it acted or not; ``why`` is
a short plain reason ("typed", "no wake phrase", "the coach was talking"). ``confidence`` is
0..1: by voice, the taken reading's share of the recogniser's belief among its readings
(:func:`crampcoach.voice.recognizer.shares`); ``open`` is the open-vocabulary reading of the
same audio, with its mean word confidence, present when that pass ran (the coach awake, or
checking a wake phrase). The intent events
come from the dialogue itself, so they are the same for typed and spoken input. The file is
the person's health data: it is created readable by its owner only.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from crampcoach.voice import outputs
from crampcoach.voice.errors import RuntimeFailure
from crampcoach.voice.messages import Intent, Said

Clock = Callable[[], float]


class Trace:
    """Writes trace events to a JSON-lines stream, one flushed line each (thread-safe)."""

    def __init__(self, stream: IO[str], clock: Clock):
        self._stream = stream
        self._clock = clock
        self._start = clock()
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: str | Path, clock: Clock, data_dir: str | Path | None = None) -> Trace:
        """A trace writing to ``path`` (replaced if it exists), owner-only. With ``data_dir``
        the path is first checked like any other output: a trace pointed by mistake at the
        journal or into the data folder must not truncate a health history."""
        if data_dir is not None:
            outputs.check(path, data_dir, "the trace")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            stream = os.fdopen(fd, "w", encoding="utf-8")
        except OSError as err:
            raise RuntimeFailure(f"cannot write the trace {path}: {err.strerror}") from None
        return cls(stream, clock)

    # -- events --------------------------------------------------------------------------
    def heard(self, text: str, readings: Iterable[str] = (), confidence: float = 1.0,
              acted: bool = True, why: str = "", open_text: str | None = None,
              open_confidence: float = 0.0) -> None:
        """An utterance reached the coach; ``acted`` says whether it was acted on.
        ``open_text``: the open-vocabulary reading, when one was made (written as ``open``)."""
        event = {"event": "heard", "text": text, "readings": list(readings) or [text],
                 "confidence": round(float(confidence), 3), "acted": bool(acted), "why": why}
        if open_text is not None:
            event["open"] = {"text": open_text, "confidence": round(float(open_confidence), 3)}
        self._write(event)

    def intent(self, intent: Intent, why: str = "") -> None:
        """The dialogue acts on ``intent`` (``name`` is null when nothing was understood)."""
        event = {"event": "intent", "name": intent.name, "slots": dict(intent.slots),
                 "plugin": intent.plugin, "why": why}
        if intent.which:  # "the calf one was a three": which record the slots are for
            event["which"] = dict(intent.which)
        self._write(event)

    def said(self, said: Said) -> None:
        self._write({"event": "said", "text": said.text, "plugin": said.plugin})

    # -- wiring --------------------------------------------------------------------------
    def attach(self, dialogue: Any) -> None:
        """Record every intent ``dialogue`` acts on (it calls ``on_intent(intent, why)``)."""
        dialogue.on_intent = self.intent

    def speaker(self, speak: Callable[[Said], None]) -> Callable[[Said], None]:
        """``speak``, recording each sentence first."""

        def traced(said: Said) -> None:
            self.said(said)
            speak(said)

        return traced

    def close(self) -> None:
        with self._lock:
            if not self._stream.closed:
                self._stream.close()

    def _write(self, event: dict[str, Any]) -> None:
        event["t"] = round(self._clock() - self._start, 3)
        line = json.dumps(event, ensure_ascii=False)
        with self._lock:
            if self._stream.closed:
                return
            self._stream.write(line + "\n")
            self._stream.flush()
