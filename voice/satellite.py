"""Wyoming satellites as the coach's microphone and loudspeaker.

Cramp Coach connects to a satellite (``wyoming-satellite``, Home Assistant Voice, …) the
way Home Assistant would: ``describe`` → ``info``, then ``run-satellite``; the satellite
answers with ``run-pipeline`` and streams ``audio-chunk`` events, which go through the
coach's own gate, recogniser and dialogue. A satellite with a wake word of its own wakes
the coach with it, and is sent ``transcript`` once that conversation is over, so it goes
back to waiting for its wake word. Spoken replies go back as ``audio-start``,
``audio-chunk``…, ``audio-stop``, paced as they would play, so "stop" cuts them mid-word.

Audio goes to the one satellite it came from and nowhere else. A satellite that goes away
is reconnected to, every few seconds, for as long as the coach runs.

Whose satellite it is: a satellite serves one server and turns the others away by no longer
reading what they send, without closing the connection. So right after ``run-satellite``
the coach asks ``describe`` again: only the satellite's own server gets the answer (or its
audio). A connection that proved ours is kept however long it is silent (a satellite that
streams only on its wake word is idle for hours); it is asked ``describe`` now and then,
which tells a satellite that went away without closing the connection.

Threads: the source's ``run`` (the listening thread) reads events through a reader thread
and feeds the voice path; the speaker's thread writes reply audio. Writes share one lock.
"""

from __future__ import annotations

import logging
import queue
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import numpy as np
from wyoming.asr import Transcript
from wyoming.audio import AudioChunk, AudioChunkConverter, AudioStart, AudioStop
from wyoming.event import Event, read_event, write_event
from wyoming.info import Describe, Info
from wyoming.pipeline import PipelineStage, RunPipeline
from wyoming.satellite import RunSatellite

from crampcoach.voice import audio
from crampcoach.voice.clock import Clock, SystemClock

if TYPE_CHECKING:
    from crampcoach.voice.listen import VoicePath
    from crampcoach.voice.status import Watch

log = logging.getLogger(__name__)
RETRY_S = 5.0
CHUNK_S = 0.05
"""Reply audio is sent in 50 ms chunks: small enough that a cut is heard at once."""
LEAD_S = 0.2
"""How far ahead of real time reply audio is sent, so the satellite never runs dry."""
PROBE_S = 10.0
"""A connection that has carried nothing for this long is asked to describe itself: a
satellite that streams only on its wake word or on speech is idle for hours, and is kept;
one that does not answer within the link's timeout has gone (power cut, Wi-Fi)."""
TAIL_S = 1.5
"""Silence fed after a satellite ends a stream, so the last command ends as in a room."""


class SatelliteError(ValueError):
    """A satellite address that cannot be used; the message is fit for one line."""


@dataclass(frozen=True)
class Address:
    """Where a satellite listens for its server: ``tcp://HOST:PORT``."""

    host: str
    port: int

    @classmethod
    def parse(cls, text: str) -> Address:
        parts = urlsplit(text)
        try:
            port = parts.port
        except ValueError:
            port = None
        if parts.scheme != "tcp" or not parts.hostname or port is None or parts.path not in (
                "", "/"):
            raise SatelliteError(f"satellite {text!r}: give it as tcp://HOST:PORT "
                                 "(e.g. tcp://192.168.1.20:10700)")
        return cls(parts.hostname, port)

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"tcp://{host}:{self.port}"


class Link:
    """One connection to a satellite: events in through a reader thread, events out."""

    def __init__(self, address: Address, timeout_s: float = 5.0):
        self.address = address
        self.timeout_s = timeout_s
        self.name = str(address)
        """The satellite's own name once it has told it (``info``), else its address."""
        self.events: queue.Queue[Event | None] = queue.Queue()
        """What the satellite sent, in order; None when the connection ended."""
        self._sock: socket.socket | None = None
        self._writer: Any = None
        self._lock = threading.Lock()
        self.asked: float | None = None
        """When ``describe`` was last sent and not yet answered by anything."""

    @property
    def connected(self) -> bool:
        return self._sock is not None

    def connect(self) -> None:
        """Connect and start the satellite as Home Assistant does; OSError if it cannot."""
        sock = socket.create_connection((self.address.host, self.address.port),
                                        timeout=self.timeout_s)
        sock.settimeout(None)  # reads block in the reader thread until data or close
        reader = sock.makefile("rb")
        with self._lock:
            self._sock, self._writer = sock, sock.makefile("wb")
        self.events = queue.Queue()
        self.send(Describe().event())
        threading.Thread(target=self._read, args=(reader, self.events), daemon=True,
                         name=f"satellite {self.address}").start()
        first = self.events.get(timeout=self.timeout_s)
        if first is None:
            raise ConnectionError("it closed the connection")
        if Info.is_type(first.type):
            sat = Info.from_event(first).satellite
            if sat is not None and (sat.area or sat.name):
                self.name = sat.area or sat.name
        else:
            self.events.put(first)  # not an answer to describe: keep it for the source
        self.send(RunSatellite().event())
        self.ask()  # answered only if the satellite took us as its server

    def ask(self) -> None:
        """Send ``describe``; the answer proves the satellite still reads what we send."""
        self.asked = time.monotonic()
        self.send(Describe().event())

    def _read(self, reader: Any, events: queue.Queue[Event | None]) -> None:
        try:
            while (event := read_event(reader)) is not None:
                events.put(event)
        except (OSError, ValueError):
            pass
        events.put(None)

    def send(self, event: Event) -> None:
        """Write one event; ConnectionError if the satellite is not connected."""
        with self._lock:
            if self._writer is None:
                raise ConnectionError(f"satellite {self.name} is not connected")
            try:
                write_event(event, self._writer)
                self._writer.flush()
            except (OSError, ValueError) as err:
                self._drop()
                raise ConnectionError(f"satellite {self.name} went away ({err})") from None

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._sock.close()
        self._sock = self._writer = None


class SatelliteSource:
    """The satellite's microphone, as a source for :mod:`crampcoach.voice.listen`."""

    echo = True  # its loudspeaker is in the same room as its microphone
    waits = True  # a satellite that is not up yet is waited for

    def __init__(self, link: Link, announce: Callable[[str], None],
                 watch: Watch | None = None, retry_s: float = RETRY_S):
        from crampcoach.voice.status import Watch

        self.link = link
        self.announce = announce
        self.watch = watch or Watch()
        self.retry_s = retry_s
        self.clock: Clock = SystemClock()
        self._pending = b""
        self._converter: Any = None
        self._ours = False
        """Whether the satellite sent anything after ``run-satellite``: it serves us."""
        self._last = 0.0
        """When the satellite last sent anything."""
        self.probe_s = PROBE_S
        self._woke = False
        """The satellite heard its own wake word and streams until told what was heard."""

    def problem(self) -> str | None:
        return None  # an unreachable satellite is waited for, like a late microphone

    def run(self, path: VoicePath, stop: threading.Event) -> None:
        self._converter = AudioChunkConverter(rate=audio.RATE, width=2, channels=1)
        self.watch.ready("waiting for a satellite")
        try:
            self._loop(path, stop)
        finally:
            self.link.close()
            self.watch.stopped()

    def _loop(self, path: VoicePath, stop: threading.Event) -> None:
        warned = False  # one line per outage, not one per try
        ever = False
        while not stop.is_set():
            self.watch.alive()
            if not self.link.connected:
                try:
                    self.link.connect()
                    self._ours, self._last, self._woke = False, time.monotonic(), False
                except (OSError, queue.Empty) as err:
                    self.link.close()
                    if not warned:
                        why = str(err) or "no answer"
                        self._problem(f"satellite {self.link.address} cannot be reached "
                                      f"({why})")
                        warned = True
                    path.idle()
                    stop.wait(self.retry_s)  # waiting for the satellite to come (back)
                    continue
            try:
                event = self.link.events.get(timeout=0.2)
            except queue.Empty:
                path.idle()
                self._end_pipeline(path)
                if self._still_there():
                    continue
                event = None
            if event is None:
                self.link.close()
                self._tail(path)
                if not warned:
                    why = ("went away" if self._ours else "does not answer: it may be in use "
                           "by another server, such as Home Assistant")
                    self._problem(f"satellite {self.link.name} {why}")
                    warned = True
                stop.wait(self.retry_s)
                continue
            self._last, self.link.asked = time.monotonic(), None
            if not self._ours:
                self._ours, warned = True, False
                self.watch.state("listening")
                if ever:
                    self.announce(f"satellite {self.link.name} is back.")
                else:
                    self.announce(f"listening through satellite {self.link.name}. "
                                  f"Say \"{path.wake_phrase}\" to wake me.")
                ever = True
                path.session.convo.room = self.link.name  # the journal says which room
            self.handle(event, path)
            self._end_pipeline(path)

    def _still_there(self) -> bool:
        """False when the satellite left ``describe`` unanswered (it went away, or another
        server holds it); asks again after :attr:`probe_s` of silence."""
        now = time.monotonic()
        if self.link.asked is not None:
            return now - self.link.asked < self.link.timeout_s
        if now - self._last >= self.probe_s:
            log.debug("satellite %s: silent for %.0f s; asking whether it is there",
                      self.link.name, now - self._last)
            try:
                self.link.ask()
            except ConnectionError:
                return False
        return True

    def _problem(self, text: str) -> None:
        self.watch.problem(text)
        self.watch.state("waiting for a satellite")
        self.announce(f"{text}; trying again every {self.retry_s:.0f} seconds")

    def handle(self, event: Event, path: VoicePath) -> None:
        if AudioChunk.is_type(event.type):
            chunk = self._converter.convert(AudioChunk.from_event(event))
            self._pending += chunk.audio
            size = audio.BLOCK * 2
            while len(self._pending) >= size:
                block, self._pending = self._pending[:size], self._pending[size:]
                path.feed(block)
        elif AudioStop.is_type(event.type):
            self._tail(path)  # a satellite that streams only while it hears speech
        elif RunPipeline.is_type(event.type) and \
                RunPipeline.from_event(event).start_stage == PipelineStage.ASR:
            # It heard its own wake word: that wakes the coach too.
            self._woke = True
            path.woken()
        else:
            log.debug("satellite %s: %s", self.link.name, event.type)
            path.idle()

    def _end_pipeline(self, path: VoicePath) -> None:
        """Once the conversation a satellite's wake word began is over, tell it what was
        heard, as Home Assistant does: it then stops streaming and waits for its wake word
        again. Untold, it would stream the room to the coach all night."""
        if not self._woke or path.live():
            return
        self._woke = False
        try:
            self.link.send(Transcript(text=path.listener.last_acted).event())
        except ConnectionError:
            pass  # it went away: the loop finds out and waits for it

    def _tail(self, path: VoicePath) -> None:
        self._pending = b""
        for block in audio.blocks(audio.silence(TAIL_S)):
            path.feed(block)


class SatellitePlayer:
    """Plays reply audio on the satellite's loudspeaker: the ``audio.Player`` interface.

    The satellite plays what it is sent as it comes, so audio is sent at the pace it plays
    (:data:`LEAD_S` ahead) and :meth:`play` returns only when the last of it has been heard
    there: the coach counts as speaking exactly while the room hears it, so its own voice
    coming back is never taken for a command and an answer is awaited only once the
    question has been heard.
    """

    def __init__(self, link: Link, rate: int, clock: Callable[[], float] = time.monotonic,
                 wait: Callable[[float], bool] | None = None):
        self.link = link
        self.rate = rate
        self._clock = clock
        self._cut = threading.Event()
        self._wait = wait or self._cut.wait
        """Wait up to so many seconds; True when cut meanwhile."""

    def open(self) -> None:
        if not self.link.connected:
            raise audio.AudioError(f"satellite {self.link.name} is not connected")

    def play(self, samples: np.ndarray) -> bool:
        """Send ``samples`` at the pace they play and return once they have played there:
        True if played to the end, False if cut."""
        self._cut.clear()
        fmt = {"rate": self.rate, "width": 2, "channels": 1}
        step = max(1, int(self.rate * CHUNK_S))
        try:
            self.link.send(AudioStart(**fmt).event())
            start = self._clock()
            for i in range(0, len(samples), step):
                if self._until(start + i / self.rate - LEAD_S):
                    return False
                piece = samples[i:i + step].astype("<i2").tobytes()
                self.link.send(AudioChunk(audio=piece, **fmt).event())
            return not self._until(start + len(samples) / self.rate)
        except ConnectionError as err:
            raise audio.AudioError(str(err)) from None
        finally:
            try:
                self.link.send(AudioStop().event())
            except ConnectionError:
                pass

    def _until(self, when: float) -> bool:
        """Wait until ``when`` on the clock; True if cut meanwhile."""
        return self._wait(max(0.0, when - self._clock())) or self._cut.is_set()

    def cut(self) -> None:
        self._cut.set()

    def close(self) -> None:
        pass  # the link belongs to the source
