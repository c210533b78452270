"""The voice path assembled: model, grammars, gate, listener and clock, run on an audio source.

The command line, the benchmarks and anything else that listens (a service, a satellite)
build the path here and only choose where the audio comes from and where replies go::

    folder = listen.preflight(cfg, "ko", model="", source=source)  # NotReady: what is missing
    path = listen.build(cfg, host, folder, source, language="ko", speaker=None,
                        on_said=print_line)
    path.run(listen.stop_on_signals())

A *source* (:class:`Source`) owns the pace of time: a recording read as fast as the CPU
allows runs on a :class:`~crampcoach.voice.clock.ManualClock` advanced by the audio itself,
so every hold and follow-up window behaves as it would have in the room; a microphone or a
recording played in real time runs on the system clock. A source pushes 16 kHz mono int16
blocks into :meth:`VoicePath.feed` and calls :meth:`VoicePath.idle` when it has none.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from crampcoach.voice.clock import Clock, ManualClock, SystemClock
from crampcoach.voice.errors import RuntimeFailure
from crampcoach.voice.messages import Said, Utterance

if TYPE_CHECKING:
    import numpy as np

    from crampcoach.voice.grammars import Grammars
    from crampcoach.voice.intents import IntentMatcher
    from crampcoach.voice.listener import Listener
    from crampcoach.voice.session import Session
    from crampcoach.voice.status import Watch
    from crampcoach.voice.vad import SpeechGate

MIC_RETRY_S = 5.0
TAIL_S = 1.5
"""Silence fed after a recording ends, so its last command ends as it would in a room."""


def notify(message: str) -> None:
    """One status line for the person at the terminal (never on stdout, which is the
    conversation)."""
    print(f"crampcoach: {message}", file=sys.stderr, flush=True)


# -- the pieces ----------------------------------------------------------------------------
def wake_phrase_for(cfg: Any, code: str) -> str:
    """The configured wake phrase, or the language's own when the config leaves the default."""
    from crampcoach.voice import language

    if cfg.sources["wake_phrase"] != "default":
        return str(cfg["wake_phrase"])
    return language.load(code).wake_phrase or str(cfg["wake_phrase"])


def grammars_for(folder: Path, matcher: IntentMatcher, wake_phrase: str) -> Grammars:
    from crampcoach.voice.grammars import Grammars

    return Grammars.for_matcher(folder, matcher, wake_phrase)


def report_missing_words(model: Any, matcher: IntentMatcher, wake_phrase: str,
                         warn: Callable[[str], None] = notify) -> dict[str, list[str]]:
    """Per plugin, the phrase words the model does not know; each plugin's told in one line."""
    from crampcoach.voice.recognizer import missing_words

    vocab = matcher.vocabulary()
    vocab["wake phrase"] = set(matcher.language.normalise(wake_phrase).split())
    missing = missing_words(model, vocab)
    for plugin, words in missing.items():
        warn(f"note: the model does not know these words of {plugin}, "
             f"so they cannot be heard: {', '.join(words)}")
    return missing


GATE_START_FRAMES = 5
"""Voiced 30 ms frames in a row that open the gate. Three let a fan's broadband noise or a
click open it every few seconds, each opening paying for a recogniser and a final result;
five keep it shut through them (benchmarks/voice_path.py --start-frames 3 against the
default: 0.0088 → 0.0005 CPU s per audio s on fan noise) with the same recognition, and the
pre-roll still keeps the first syllable."""
VOSK_BACKSTOP_S = 0.5
"""How much longer than the gate Vosk's own endpointer waits. The gate ends a command
after ``endpoint_silence_s`` of silence and the recogniser is flushed at once; Vosk's rule
fired on short pauses inside a command ("left … calf") and, when it did not, the gate's
longer hang-over added half a second to every reply."""


def speech_gate(endpoint_silence_s: float) -> SpeechGate:
    """The voice-activity gate ``listen`` uses: it decides where a command ends (the
    benchmarks build theirs here too, so they measure what runs)."""
    from crampcoach.voice.vad import SpeechGate

    return SpeechGate(hangover_s=endpoint_silence_s, start_frames=GATE_START_FRAMES)


def model_view(cfg: Any, folder: Path) -> Path:
    """The model folder as ``listen`` loads it: Vosk's endpointer set behind the gate's."""
    from crampcoach.voice import models

    silence = float(cfg["recognizer.endpoint_silence_s"]) + VOSK_BACKSTOP_S
    return models.with_endpoint_silence(folder, silence, models.models_dir(cfg.data_dir) / ".views")


def check_model_hears(model: Any, matcher: IntentMatcher, wake_phrase: str, folder: Path,
                      host: Any) -> None:
    """Refuse a model that knows none of the language's phrase words, before listening.

    Its grammar would be empty, and Vosk crashes the process (a segfault) on the first
    sound; the usual cause is a model for another language. The one line says which
    language the model seems to be for and how to get one for this language.
    """
    from crampcoach.voice import language as languages
    from crampcoach.voice import models, session
    from crampcoach.voice.recognizer import knows

    code = matcher.language.code
    words = set(matcher.language.normalise(wake_phrase).split())
    for plugin_words in matcher.vocabulary().values():
        words |= plugin_words
    if any(knows(model, w) for w in words):
        return
    guess = models.language_of(folder.name)
    if guess is None:
        best = 0.0
        for other in languages.available():
            if other == code:
                continue
            vocab = set().union(*session.build_matcher(host, other).vocabulary().values())
            share = sum(knows(model, w) for w in vocab) / max(1, len(vocab))
            if share > max(best, 0.3):
                best, guess = share, other
    seems = f"it seems to be for {guess!r} (try --language {guess})" if guess else \
        "it seems to be for another language"
    raise RuntimeFailure(f"the speech model in {folder} knows none of the {code!r} phrases; "
                         f"{seems}; for {code!r}, {models.how_to_get_language(code)}")


# -- sources -------------------------------------------------------------------------------
class Source(Protocol):
    """Where audio comes from: a microphone, a recording, a satellite."""

    clock: Clock
    """The time the dialogue runs on while this source feeds it."""
    echo: bool
    """True when the coach's own voice can come back through this source (a live room)."""
    waits: bool
    """True when a device that is missing is waited for rather than fatal."""

    def problem(self) -> str | None:
        """Why this source cannot be used at all, in one sentence; None when it can."""
        ...

    def run(self, path: VoicePath, stop: threading.Event) -> None:
        """Feed audio to ``path`` until the audio ends or ``stop`` is set."""
        ...


class WavSource:
    """A recording, as fast as the CPU allows (time measured in audio) or, with
    ``realtime``, at the pace a microphone would deliver it."""

    echo = False  # a recording holds no echo of the coach's voice
    waits = False

    def __init__(self, samples: np.ndarray, realtime: bool = False,
                 announce: Callable[[str], None] = notify):
        self.samples = samples
        self.realtime = realtime
        self.announce = announce
        self.clock: Clock = SystemClock() if realtime else ManualClock(SystemClock().now())

    def problem(self) -> str | None:
        return None

    def run(self, path: VoicePath, stop: threading.Event) -> None:
        import numpy as np

        from crampcoach.voice import audio

        block_s = audio.BLOCK / audio.RATE
        feed = np.concatenate([self.samples, audio.silence(TAIL_S)])
        if self.realtime:
            self.announce("listening")
        start = self.clock.monotonic()
        for i, block in enumerate(audio.blocks(feed)):
            if stop.is_set():
                break
            if isinstance(self.clock, ManualClock):
                self.clock.advance(block_s)
            else:  # a microphone hands over a block once it has been recorded
                stop.wait(max(0.0, start + (i + 1) * block_s - self.clock.monotonic()))
            path.feed(block)
        path.finish()


class MicrophoneSource:
    """A PortAudio input. One that is not there yet, or vanishes, is waited for and retried
    until it comes (a USB microphone plugged in after boot, a sound server started late)."""

    echo = True
    waits = True

    def __init__(self, device: str = "", announce: Callable[[str], None] = notify,
                 retry_s: float = MIC_RETRY_S, watch: Watch | None = None):
        from crampcoach.voice.status import Watch

        self.device = device
        self.announce = announce
        self.retry_s = retry_s
        self.watch = watch or Watch()
        self.clock: Clock = SystemClock()

    def problem(self) -> str | None:
        from crampcoach.voice import audio

        try:
            audio.check_input(self.device)
        except audio.AudioError as err:
            return str(err)
        return None

    def run(self, path: VoicePath, stop: threading.Event) -> None:
        from crampcoach.voice import audio

        mic = audio.Microphone(self.device)
        self.watch.ready("waiting for a microphone")
        try:
            self._loop(path, mic, stop)
        finally:
            mic.close()
            self.watch.stopped()

    def _loop(self, path: VoicePath, mic: Any, stop: threading.Event) -> None:
        from crampcoach.voice import audio

        warned = False
        first = True
        while not stop.is_set():
            self.watch.alive()  # pinged from this loop, so a hung loop gets restarted
            if not mic.alive:
                mic.close()
                try:
                    mic.open()
                    self.watch.state("listening")
                    if first:
                        self.announce(f"listening. Say \"{path.wake_phrase}\" to wake me.")
                        first = False
                    if warned:
                        self.announce("microphone is back.")
                    warned = False
                except audio.AudioError as err:
                    if not warned:
                        self.watch.problem(str(err))
                        self.watch.state("waiting for a microphone")
                        self.announce(f"{err}; waiting for one, trying every "
                                      f"{self.retry_s:.0f} seconds")
                        warned = True
                    path.idle()
                    stop.wait(self.retry_s)  # waiting for the hardware to come back
                    audio.rescan()  # a device that appeared meanwhile is seen only after this
                    continue
            block = mic.read(timeout=0.2)
            if block is None:
                path.idle()
                continue
            path.feed(block)


# -- the path ------------------------------------------------------------------------------
class Voice(Protocol):
    """Where replies are heard: :class:`crampcoach.voice.speech.Speaker`, or a satellite."""

    @property
    def speaking(self) -> bool: ...
    def say(self, text: str) -> None: ...
    def beep(self) -> None: ...
    def hush(self) -> None: ...
    def wait(self, timeout: float | None = None) -> bool: ...
    def close(self) -> None: ...


class NotReady(Exception):
    """The path cannot be built; ``problems`` says why, one sentence each."""

    def __init__(self, problems: Iterable[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


def preflight(cfg: Any, code: str, model: str = "", source: Source | None = None) -> Path:
    """The model folder to use, or :class:`NotReady` naming everything that is missing
    (the model, the source)."""
    from crampcoach.voice import models

    problems = []
    folder: Path | None = None
    try:
        folder = models.resolve(cfg.data_dir, code, model or cfg["model"])
    except models.ModelError as err:
        problems.append(str(err))
    if source is not None and (why := source.problem()) is not None:
        problems.append(why)
    # A device that is waited for stops nothing by itself; with no model, nothing to wait for.
    if folder is None or (problems and not getattr(source, "waits", False)):
        raise NotReady(problems)
    return folder


@dataclass
class VoicePath:
    """audio → gate → recogniser → listener → dialogue → replies, built once."""

    session: Session
    listener: Listener
    source: Source
    wake_phrase: str
    speaker: Voice | None = None
    grammars: Grammars | None = field(default=None, repr=False)

    def feed(self, block: bytes) -> None:
        """One block of 16 kHz mono int16 audio."""
        self.listener.feed(block)

    def idle(self) -> None:
        """No audio just now: let timers fire, and open readings that are ready be heard."""
        self.listener.idle()

    def woken(self) -> None:
        """The source heard its own wake word (a satellite's): listen as after the wake
        phrase."""
        self.listener.woken()

    def live(self) -> bool:
        """Whether a conversation is under way: the coach is talking, or commands count
        without the wake phrase."""
        return self.listener.live() or self.listener.is_speaking()

    def finish(self) -> None:
        """The audio has ended: act on whatever was still being said."""
        self.listener.finish()

    def run(self, stop: threading.Event | None = None) -> None:
        """Start the conversation, listen until the source ends or ``stop``, then close."""
        stop = stop or threading.Event()
        self.session.dialogue.start()
        try:
            self.source.run(self, stop)
        except KeyboardInterrupt:
            pass
        finally:
            self.listener.close()
            self.session.dialogue.end()
            if self.speaker:
                self.speaker.wait(timeout=30)
                self.speaker.close()


def build(
    cfg: Any,
    host: Any,
    folder: Path,
    source: Source,
    *,
    language: str | None = None,
    speaker: Voice | None = None,
    on_said: Callable[[Said], None] | None = None,
    on_heard: Callable[[Utterance, bool], None] | None = None,
    room: str = "",
    trace: Any = None,
) -> VoicePath:
    """Assemble the path on the model in ``folder`` (see :func:`preflight`).

    ``on_said`` is called for each sentence the coach says, before it is spoken;
    ``on_heard`` for each utterance recognised, with whether it acted. ``trace`` (a
    :class:`crampcoach.voice.trace.Trace`) records what was heard, understood and said.
    """
    from crampcoach.voice import session
    from crampcoach.voice.listener import Listener
    from crampcoach.voice.openvocab import OpenVocab
    from crampcoach.voice.recognizer import load_model

    code = language or cfg["language"]
    silence = float(cfg["recognizer.endpoint_silence_s"])
    view = model_view(cfg, folder)
    holder: list[Listener] = []

    def speak(said: Said) -> None:
        if trace is not None:
            trace.said(said)
        if on_said:
            on_said(said)
        if speaker:
            speaker.say(said.text)
        if holder:
            holder[0].spoke(said)

    s = session.build(cfg, speak, language=code, clock=source.clock, source="voice", host=host,
                      room=room)
    wake = wake_phrase_for(cfg, code)
    model = load_model(str(view))
    check_model_hears(model, s.matcher, wake, folder, host)
    grammars = grammars_for(view, s.matcher, wake)
    report_missing_words(model, s.matcher, wake)
    # Only a live room sends the coach's own voice back: only there is it ignored.
    listening_to_itself = speaker is not None and source.echo
    listener = Listener(
        s.dialogue, s.matcher, grammars, speech_gate(silence),
        wake, float(cfg["follow_up_s"]),
        is_speaking=(lambda: speaker.speaking) if listening_to_itself else (lambda: False),
        hush=speaker.hush if speaker else (lambda: None),
        beep=speaker.beep if speaker else (lambda: None),
        on_heard=on_heard,
        open_vocab=OpenVocab(view).warm(),
        # A recording read faster than real time takes each open reading before going on,
        # so it is heard the same way every run; live audio never waits for it.
        wait_for_open=isinstance(source.clock, ManualClock),
    )
    s.dialogue.speaking = listener.is_speaking  # an answer is awaited once the question is heard
    if trace is not None:
        trace.attach(s.dialogue)
        listener.trace = trace
    holder.append(listener)
    return VoicePath(s, listener, source, wake, speaker, grammars)


def stop_on_signals() -> threading.Event:
    """Ctrl-C and SIGTERM end listening cleanly, even where the shell started us with
    SIGINT ignored (as it does for background jobs).

    The handler only sets a flag the loop checks: an exception raised from a signal handler
    lands wherever Python happens to be, and inside a finaliser (Vosk's ``__del__``) it is
    swallowed, which left the coach running after it was told to stop.
    """
    stop = threading.Event()

    def handler(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    return stop
