"""Speech out: pyttsx3 (espeak-ng) renders each sentence to audio; sounddevice plays it.

pyttsx3's own Linux playback shells out to ``aplay`` and cannot be interrupted, so every
sentence is rendered to a WAV file and played through one open output stream, which "stop"
can cut mid-word. pyttsx3 is not thread-safe: one thread owns the engine and takes work
from a queue. One ``save_to_file`` per ``runAndWait``: with several queued, only the last
file is written.
"""

from __future__ import annotations

import logging
import queue
import re
import tempfile
import threading
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from crampcoach.voice import audio
from crampcoach.voice import language as languages

log = logging.getLogger(__name__)


class SpeechError(Exception):
    """The speech engine cannot start (espeak-ng missing, unknown voice)."""


MAX_CHUNK = 95
"""Characters per pyttsx3 call: espeak-ng through pyttsx3 fails at random on longer text
(no audio written), and segfaults on tens of kilobytes."""
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:、，])\s+")


def _pack(parts: list[str], limit: int, sep: str = " ") -> list[str]:
    """Join neighbouring parts while they fit in ``limit`` characters."""
    out: list[str] = []
    for part in parts:
        if out and len(out[-1]) + len(sep) + len(part) <= limit:
            out[-1] += sep + part
        else:
            out.append(part)
    return out


def chunks(text: str, limit: int = MAX_CHUNK) -> list[str]:
    """``text`` in pieces the speech engine renders reliably.

    Cut at sentence ends first, then at commas, then between words; a word longer than
    ``limit`` is cut where it must. Pieces without a letter or digit (``"..."``) are dropped:
    there is nothing in them to say.
    """
    # Lone surrogates (undecodable bytes from a command line) cannot reach espeak as UTF-8.
    text = re.sub("[\ud800-\udfff]", "\ufffd", text)
    out: list[str] = []
    for sentence in _SENTENCE_END.split(" ".join(text.split())):
        if len(sentence) <= limit:
            out.append(sentence)
            continue
        for clause in _pack(_CLAUSE_END.split(sentence), limit):
            if len(clause) <= limit:
                out.append(clause)
                continue
            words: list[str] = []
            for word in clause.split(" "):
                words += [word[i : i + limit] for i in range(0, len(word), limit)]
            out += _pack(words, limit)
    return [c for c in out if re.search(r"\w", c)]


class Renderer:
    """Text → int16 samples with pyttsx3. Use from one thread only."""

    def __init__(self, rate: int = 140, volume: float = 0.6, voice: str = ""):
        try:
            import pyttsx3
            import pyttsx3.drivers._espeak as espeak_lib
            import pyttsx3.drivers.espeak as espeak_driver

            # The espeak driver prints "Audio saved to ..." for every file; keep stdout ours.
            espeak_driver.print = lambda *a, **k: None  # type: ignore[attr-defined]
            self.engine = pyttsx3.init()
        except Exception as err:
            raise SpeechError(f"no speech engine ({err}); install espeak-ng") from None
        self._espeak = espeak_lib
        self.volume = float(volume)
        if voice:
            known = {v.id for v in self.engine.getProperty("voices")}
            if voice not in known:
                raise SpeechError(f"unknown voice {voice!r}")
        # espeak-ng runs its commands on a thread of its own (pyttsx3 starts it asynchronous):
        # a setting is only queued there. pyttsx3's runAndWait cancels that queue when it is
        # still busy, so under load the rate set just before the first sentence was dropped
        # and the sentence came out at pyttsx3's 200 words a minute. Set here on the driver,
        # in order, and waited for; the engine's own queue is left empty.
        if voice:
            espeak_driver.EspeakDriver.setProperty("voice", voice)
        espeak_driver.EspeakDriver.setProperty("rate", int(rate))
        self._settle()
        self._dir = tempfile.TemporaryDirectory(prefix="crampcoach-tts-")
        self._n = 0

    def pieces(self, text: str) -> Iterator[tuple[np.ndarray, int]]:
        """Render ``text`` piece by piece (see :func:`chunks`), so playback can start at once
        and a very long text never sits in memory whole."""
        for piece in chunks(text):
            yield self._render_piece(piece)

    def render(self, text: str) -> tuple[np.ndarray, int]:
        """All of ``text`` as one array; empty (at 22050 Hz) when there is nothing to say."""
        parts = list(self.pieces(text))
        if not parts:
            return np.zeros(0, dtype=np.int16), 22050
        return np.concatenate([p for p, _ in parts]), parts[0][1]

    def _render_piece(self, text: str) -> tuple[np.ndarray, int]:
        try:
            return self._render_once(text)
        except SpeechError:
            log.debug("speech engine failed once on %r; trying again", text)
            return self._render_once(text)

    def _render_once(self, text: str) -> tuple[np.ndarray, int]:
        self._n += 1
        path = Path(self._dir.name) / f"u{self._n}.wav"
        try:
            self._settle()
            self.engine.save_to_file(text, str(path))
            self.engine.runAndWait()
            # runAndWait returns about 10 ms after espeak-ng was handed the text, finished or
            # not: the file is written once espeak-ng's queue has run dry.
            self._settle()
            with wave.open(str(path), "rb") as w:
                rate = w.getframerate()
                samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        except (OSError, EOFError, wave.Error, RuntimeError, AssertionError) as err:
            raise SpeechError(f"speech engine wrote no audio for {text[:40]!r}: {err}") from None
        finally:
            path.unlink(missing_ok=True)
        # espeak's volume property is coarse on Linux; scale the samples instead.
        scaled = np.clip(samples.astype(np.float32) * self.volume, -32768, 32767)
        return scaled.astype(np.int16), rate

    def _settle(self) -> None:
        """Wait until espeak-ng has carried out everything queued to it."""
        self._espeak.Synchronize()

    def close(self) -> None:
        self._dir.cleanup()


def renderer_for(cfg: Any, language: str) -> Renderer:
    voice = cfg["speech.voice"] or languages.load(language).tts_voice
    return Renderer(cfg["speech.rate"], cfg["speech.volume"], voice)


WATCHDOG_S = 20.0
"""A piece that takes longer than this to render or play means the speech engine is stuck:
"speaking" is cleared so the coach listens for commands again."""


class Speaker:
    """Speaks sentences in order on its own thread; :meth:`hush` cuts the current one.

    It never dies: a sentence that cannot be spoken is reported once (the caller has already
    printed it) and the next one is tried; the "speaking" state is cleared when the queue is
    empty, when the thread has ended, and by a watchdog when one piece hangs.
    """

    def __init__(self, make_renderer: Callable[[], Renderer], device: str = "",
                 on_error: Callable[[str], None] | None = None,
                 monotonic: Callable[[], float] = time.monotonic,
                 watchdog_s: float = WATCHDOG_S,
                 make_player: Callable[[int], Any] | None = None):
        self._make_renderer = make_renderer
        self._device = device
        # Where the audio goes: this machine's output, or e.g. a satellite's loudspeaker.
        self._make_player = make_player or (lambda rate: audio.Player(rate, device))
        self._queue: queue.Queue[tuple[int, str, Any] | None] = queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._on_error = on_error or (lambda msg: log.error("%s", msg))
        self._reported: set[str] = set()
        self._monotonic = monotonic
        self._watchdog_s = watchdog_s
        self._beat = monotonic()
        self._generation = 0
        self._pending = 0
        self._lock = threading.Lock()
        self.player: Any = None
        """An ``audio.Player`` or anything with its interface (rate, open, play, cut, close)."""
        self._thread = threading.Thread(target=self._run, name="speaker", daemon=True)
        self._thread.start()

    @classmethod
    def from_config(cls, cfg: Any, language: str) -> Speaker:
        return cls(lambda: renderer_for(cfg, language), device=cfg["audio.output_device"])

    @property
    def speaking(self) -> bool:
        if self._idle.is_set():
            return False
        if not self._thread.is_alive():
            self._idle.set()
            return False
        if self._monotonic() - self._beat > self._watchdog_s:
            self._report("stuck", "speech is stuck; listening again (replies are still printed)")
            self._idle.set()
            return False
        return True

    def say(self, text: str) -> None:
        text = str(text)
        if not chunks(text):
            return  # nothing to say; never let an empty sentence reach the engine
        self._enqueue("say", text)

    def beep(self) -> None:
        self._enqueue("beep", None)

    def _enqueue(self, kind: str, payload: Any) -> None:
        with self._lock:
            self._beat = self._monotonic()
            self._pending += 1
            self._idle.clear()
            self._queue.put((self._generation, kind, payload))

    def _done(self) -> None:
        with self._lock:
            self._pending -= 1
            if self._pending <= 0:
                self._pending = 0
                self._idle.set()

    def hush(self) -> None:
        """Drop what is queued and cut what is playing."""
        self._generation += 1
        try:
            while True:
                if self._queue.get_nowait() is None:
                    self._queue.put(None)  # keep a pending close
                    break
                self._done()
        except queue.Empty:
            pass
        if self.player:
            self.player.cut()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until everything queued was spoken, or the watchdog gave up on it."""
        deadline = None if timeout is None else self._monotonic() + timeout
        while not self._idle.wait(0.05):
            if not self.speaking:
                return True
            if deadline is not None and self._monotonic() > deadline:
                return False
        return True

    def close(self) -> None:
        """Finish what is queued (up to 10 s), then stop the thread."""
        self._queue.put(None)
        self._thread.join(timeout=10)

    def _report(self, kind: str, message: str) -> None:
        """Tell the person once per kind of failure; later ones go to the debug log."""
        if kind in self._reported:
            log.debug("%s", message)
            return
        self._reported.add(kind)
        try:
            self._on_error(message)
        except Exception:  # a broken error callback must not take the speaker down
            log.exception("speech error callback failed")

    def _run(self) -> None:
        renderer: Renderer | None = None
        while True:
            item = self._queue.get()
            if item is None:
                break
            generation, kind, text = item
            try:
                if generation != self._generation:
                    continue  # hushed while queued
                if kind == "beep":
                    rate = self.player.rate if self.player else 22050
                    self._play(audio.tone(rate), rate)
                    continue
                if renderer is None:
                    renderer = self._make_renderer()
                for samples, rate in renderer.pieces(text):
                    if generation != self._generation:
                        break
                    self._play(samples, rate)
            except audio.AudioError as err:
                # The device went away: print only, and try it afresh with the next sentence.
                self._report("audio", f"{err}; replies are printed only")
                if self.player:
                    self.player.close()
                self.player = None
            except Exception as err:
                self._report(f"speech {type(err).__name__}",
                             f"could not speak a sentence ({err}); it is printed, and I go on")
            finally:
                self._done()
        if renderer:
            renderer.close()
        if self.player:
            self.player.close()
        self._idle.set()

    def _play(self, samples: np.ndarray, rate: int) -> None:
        self._beat = self._monotonic()
        if self.player is None or self.player.rate != rate:
            if self.player:
                self.player.close()
            self.player = self._make_player(rate)
            self.player.open()
        self.player.play(samples)
        self._beat = self._monotonic()
