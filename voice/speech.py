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
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from crampcoach.voice import audio
from crampcoach.voice import language as languages

log = logging.getLogger(__name__)


class SpeechError(Exception):
    """The speech engine cannot start (espeak-ng missing, unknown voice)."""


class Renderer:
    """Text → int16 samples with pyttsx3. Use from one thread only."""

    def __init__(self, rate: int = 140, volume: float = 0.6, voice: str = ""):
        try:
            import pyttsx3
            import pyttsx3.drivers.espeak as espeak_driver

            # The espeak driver prints "Audio saved to ..." for every file; keep stdout ours.
            espeak_driver.print = lambda *a, **k: None  # type: ignore[attr-defined]
            self.engine = pyttsx3.init()
        except Exception as err:
            raise SpeechError(f"no speech engine ({err}); install espeak-ng") from None
        self.engine.setProperty("rate", int(rate))
        self.volume = float(volume)
        if voice:
            known = {v.id for v in self.engine.getProperty("voices")}
            if voice not in known:
                raise SpeechError(f"unknown voice {voice!r}")
            self.engine.setProperty("voice", voice)
        self._dir = tempfile.TemporaryDirectory(prefix="crampcoach-tts-")
        self._n = 0

    def render(self, text: str) -> tuple[np.ndarray, int]:
        self._n += 1
        path = Path(self._dir.name) / f"u{self._n}.wav"
        self.engine.save_to_file(text, str(path))
        self.engine.runAndWait()
        try:
            import wave

            with wave.open(str(path), "rb") as w:
                rate = w.getframerate()
                samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        except (OSError, EOFError) as err:
            raise SpeechError(f"speech engine wrote no audio for {text!r}: {err}") from None
        finally:
            path.unlink(missing_ok=True)
        # espeak's volume property is coarse on Linux; scale the samples instead.
        scaled = np.clip(samples.astype(np.float32) * self.volume, -32768, 32767)
        return scaled.astype(np.int16), rate

    def close(self) -> None:
        self._dir.cleanup()


def renderer_for(cfg: Any, language: str) -> Renderer:
    voice = cfg["speech.voice"] or languages.load(language).tts_voice
    return Renderer(cfg["speech.rate"], cfg["speech.volume"], voice)


class Speaker:
    """Speaks sentences in order on its own thread; :meth:`hush` cuts the current one."""

    def __init__(self, make_renderer: Callable[[], Renderer], device: str = "",
                 on_error: Callable[[str], None] | None = None):
        self._make_renderer = make_renderer
        self._device = device
        self._queue: queue.Queue[tuple[str, Any] | None] = queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._on_error = on_error or (lambda msg: log.error("%s", msg))
        self.player: audio.Player | None = None
        self._thread = threading.Thread(target=self._run, name="speaker", daemon=True)
        self._thread.start()

    @classmethod
    def from_config(cls, cfg: Any, language: str) -> Speaker:
        return cls(lambda: renderer_for(cfg, language), device=cfg["audio.output_device"])

    @property
    def speaking(self) -> bool:
        return not self._idle.is_set()

    def say(self, text: str) -> None:
        self._idle.clear()
        self._queue.put(("say", text))

    def beep(self) -> None:
        self._idle.clear()
        self._queue.put(("beep", None))

    def hush(self) -> None:
        """Drop what is queued and cut what is playing."""
        try:
            while True:
                self._queue.get_nowait()
        except queue.Empty:
            pass
        if self.player:
            self.player.cut()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until everything queued was spoken (for ``say`` and shutdown)."""
        return self._idle.wait(timeout)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)

    def _run(self) -> None:
        try:
            renderer = self._make_renderer()
        except SpeechError as err:
            self._on_error(str(err))
            renderer = None
        broken = False
        while True:
            if self._queue.empty():
                self._idle.set()
            item = self._queue.get()
            if item is None:
                break
            kind, text = item
            if renderer is None or broken:
                continue
            try:
                if kind == "beep":
                    rate = self.player.rate if self.player else 22050
                    samples = audio.tone(rate)
                else:
                    samples, rate = renderer.render(text)
                if self.player is None:
                    self.player = audio.Player(rate, self._device)
                    self.player.open()
                self.player.play(samples)
            except (audio.AudioError, SpeechError) as err:
                # No output device: keep going in silence, the text is still printed.
                self._on_error(f"{err}; replies will be printed only")
                broken = True
        if renderer:
            renderer.close()
        if self.player:
            self.player.close()
        self._idle.set()
