"""Wyoming satellites: the real ``wyoming-satellite`` program on loopback, its microphone a
Korean recording (espeak-ng), its loudspeaker a Wyoming sound service that keeps what the
coach sends."""

from __future__ import annotations

import importlib.util
import json
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from crampcoach.voice import satellite

from .conftest import ROOT, run_cli

SND_RATE = 22050  # what the loudspeaker below keeps (espeak-ng's own rate)

# The satellite's microphone: real-time paced 16 kHz audio, silence between the lines. It
# speaks each line when the room calls for it, judged by what reached the loudspeaker:
# the report once the satellite streams (again, as a person would, when the coach did not
# take it), the answer a second and a half after the coach's question has ended, and "stop"
# a second and a half into the coaching (with "-" for the answer, only the report). It notes
# how much the loudspeaker had played when it began each line.
MIC = r'''
import json, os, sys, time
report, answer, stop, streaming, capture, pieces, marks, trace = sys.argv[1:9]
CHUNK, RATE = 1024, 16000
out = sys.stdout.buffer
start, sent = time.monotonic(), 0

def emit(data):
    global sent
    for i in range(0, len(data), CHUNK * 2):
        out.write(data[i:i + CHUNK * 2])
        out.flush()
        sent += len(data[i:i + CHUNK * 2]) // 2
        time.sleep(max(0.0, start + sent / RATE - time.monotonic()))  # a microphone's pace

def size():
    try:
        return os.path.getsize(capture)
    except OSError:
        return 0

def mark(line):
    with open(marks, "a") as f:
        f.write(f"{line} {size()}\n")

def silence_until(ready, limit=120):
    began = time.monotonic()
    while not ready() and time.monotonic() - began < limit:
        emit(bytes(CHUNK * 2))

def heard():
    """Whether the coach acted on each utterance it heard so far (its --trace)."""
    try:
        lines = open(trace, encoding="utf-8").read().splitlines()
    except OSError:
        return []
    return [json.loads(x)["acted"] for x in lines if '"event": "heard"' in x]

def played():
    try:
        return len(open(pieces).read().split())
    except OSError:
        return 0

silence_until(lambda: os.path.exists(streaming))
emit(bytes(RATE * 2 * 2))
for _ in range(3):
    mark("report")
    before = len(heard())
    emit(open(report, "rb").read())
    silence_until(lambda: len(heard()) > before, limit=60)
    if any(heard()[before:]):
        break
while answer == "-":  # only the report, then a quiet room
    emit(bytes(CHUNK * 2))
silence_until(lambda: played() > 0)  # the question has been played to its end
emit(bytes(int(RATE * 1.5) * 2))
mark("answer")
emit(open(answer, "rb").read())
base = size()
silence_until(lambda: size() > base + 22050 * 2 * 1.5)
mark("stop")
emit(open(stop, "rb").read())
while True:
    emit(bytes(CHUNK * 2))
'''


# The satellite's loudspeaker: a Wyoming sound service (``--snd-uri``), as a satellite's
# loudspeaker may be. The satellite hands it each stretch of speech the coach sends, from
# audio-start to audio-stop; it appends the audio to the capture file and notes each
# stretch's length in samples, so what was played of each sentence is known even when a
# loaded machine writes the file late.
LOUDSPEAKER = r'''
import asyncio, sys
from wyoming.audio import AudioChunk, AudioChunkConverter, AudioStart, AudioStop
from wyoming.server import AsyncEventHandler, AsyncServer

uri, capture, pieces = sys.argv[1:4]

class Played(AsyncEventHandler):
    samples = 0

    async def handle_event(self, event):
        if AudioStart.is_type(event.type):
            self.samples = 0
        elif AudioChunk.is_type(event.type):
            chunk = AudioChunk.from_event(event)
            audio = AudioChunkConverter(rate=22050, width=2, channels=1).convert(chunk).audio
            with open(capture, "ab") as f:
                f.write(audio)
            self.samples += len(audio) // 2
        elif AudioStop.is_type(event.type):
            with open(pieces, "a") as f:
                f.write(f"{self.samples}\n")
        return True

async def main():
    server = AsyncServer.from_uri(uri)
    print("ready", flush=True)
    await server.run(Played)

asyncio.run(main())
'''


def test_addresses_are_tcp_host_port():
    assert satellite.Address.parse("tcp://127.0.0.1:10700") == satellite.Address("127.0.0.1",
                                                                                  10700)
    assert str(satellite.Address.parse("tcp://[::1]:10700")) == "tcp://[::1]:10700"
    for bad in ("127.0.0.1:10700", "tcp://host", "http://h:1", "tcp://h:port", "tcp://h:1/x"):
        with pytest.raises(satellite.SatelliteError, match="tcp://HOST:PORT"):
            satellite.Address.parse(bad)
    out = run_cli("listen", "--satellite", "bedroom")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "tcp://HOST:PORT" in out.stderr


class _Wire:
    """A satellite link that keeps what it is sent, on a clock that only waiting moves."""

    connected = True
    name = "bedroom"

    def __init__(self):
        self.now = 0.0
        self.sent: list[tuple[float, str]] = []
        self.cut_at = float("inf")
        self.player: satellite.SatellitePlayer | None = None

    def send(self, event) -> None:
        self.sent.append((self.now, event.type))

    def clock(self) -> float:
        return self.now

    def wait(self, seconds: float) -> bool:
        self.now += seconds
        if self.now >= self.cut_at:
            self.player.cut()  # "stop" heard meanwhile
        return False


def test_a_reply_is_sent_at_its_pace_and_spoken_until_the_satellite_has_played_it():
    wire = _Wire()
    player = satellite.SatellitePlayer(wire, 1000, clock=wire.clock, wait=wire.wait)
    assert player.play(np.zeros(2000, dtype=np.int16)) is True  # 2 s at 1000 Hz
    kinds = [kind for _, kind in wire.sent]
    assert kinds == ["audio-start"] + ["audio-chunk"] * 40 + ["audio-stop"]  # 50 ms chunks
    chunks = [t for t, kind in wire.sent if kind == "audio-chunk"]
    assert chunks[-1] == pytest.approx(1.95 - satellite.LEAD_S)  # never far ahead of playing
    # It has played there only at 2 s: until then the coach is speaking (its voice may come
    # back through the satellite's microphone, and a question is not yet heard).
    assert wire.now == pytest.approx(2.0) and wire.sent[-1][0] == pytest.approx(2.0)


def test_stop_cuts_a_satellite_reply_at_once():
    wire = _Wire()
    wire.player = player = satellite.SatellitePlayer(wire, 1000, clock=wire.clock,
                                                     wait=wire.wait)
    wire.cut_at = 0.5
    assert player.play(np.zeros(2000, dtype=np.int16)) is False
    assert wire.sent[-1][1] == "audio-stop" and wire.sent[-1][0] <= 0.5 + 0.06  # next chunk
    sent = [t for t, kind in wire.sent if kind == "audio-chunk"]
    assert len(sent) * 0.05 <= 0.5 + satellite.LEAD_S + 0.05  # nothing queued past the cut


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _microphone(tmp_path: Path, script: str) -> tuple[Path, int]:
    """The satellite's microphone program and a free port for it (skips without the
    satellite program)."""
    if importlib.util.find_spec("wyoming_satellite") is None:
        pytest.skip("wyoming-satellite is not installed (pip install -e '.[test]')")
    mic = tmp_path / "mic.py"
    mic.write_text(script)
    return mic, _free_port()


def _raw(samples: np.ndarray, path: Path) -> Path:
    path.write_bytes(samples.astype("<i2").tobytes())
    return path


def _lines(stream) -> queue.Queue[str]:
    got: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [got.put(x.rstrip("\n")) for x in stream],
                     daemon=True).start()
    return got


def _wait_for(got: queue.Queue[str], text: str, seconds: float, seen: list[str]) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            seen.append(got.get(timeout=0.5))
        except queue.Empty:
            continue
        if text in seen[-1]:
            return True
    return False


def _wait_until_quiet(path: Path, quiet_s: float, limit_s: float, at_least: int = 0) -> None:
    """Until ``path`` holds ``at_least`` bytes and has not grown for ``quiet_s`` (the
    satellite has stopped playing; under load the pause between two rendered sentences can
    be long, hence ``at_least``)."""
    size, since, deadline = -1, time.monotonic(), time.monotonic() + limit_s
    while time.monotonic() < deadline:
        now = path.stat().st_size if path.exists() else 0
        if now != size:
            size, since = now, time.monotonic()
        elif now >= at_least and time.monotonic() - since >= quiet_s:
            return
        time.sleep(0.1)  # polling a file another process writes


def _rendered_seconds(lines: list[str]) -> float:
    from crampcoach.voice import config
    from crampcoach.voice.speech import renderer_for

    renderer = renderer_for(config.load(), "ko")
    try:
        return sum(len(s) / r for line in lines for s, r in renderer.pieces(line))
    finally:
        renderer.close()


def test_a_satellite_hears_a_korean_cramp_and_stop_cuts_the_reply(ko_model, tmp_path):
    mic, port = _microphone(tmp_path, MIC)
    from crampcoach.voice.speech import chunks

    from .test_voice_path import fresh_data_dir, speech

    report = _raw(speech("쥐 났어요", "ko", tmp_path), tmp_path / "report.raw")
    answer = _raw(speech("종아리", "ko", tmp_path), tmp_path / "answer.raw")
    stop = _raw(speech("그만", "ko", tmp_path), tmp_path / "stop.raw")
    streaming, capture = tmp_path / "streaming", tmp_path / "loudspeaker.raw"
    marks, trace = tmp_path / "marks", tmp_path / "trace.jsonl"
    speaker, pieces, snd_port = tmp_path / "loudspeaker.py", tmp_path / "pieces", _free_port()
    speaker.write_text(LOUDSPEAKER)
    snd = subprocess.Popen([sys.executable, str(speaker), f"tcp://127.0.0.1:{snd_port}",
                            str(capture), str(pieces)], stdout=subprocess.PIPE, text=True)
    assert _wait_for(_lines(snd.stdout), "ready", 60, [])
    sat = subprocess.Popen(
        [sys.executable, "-m", "wyoming_satellite", "--name", "bedroom",
         "--uri", f"tcp://127.0.0.1:{port}", "--no-zeroconf",
         "--mic-command", f"{sys.executable} {mic} {report} {answer} {stop} {streaming} "
                          f"{capture} {pieces} {marks} {trace}",
         "--snd-uri", f"tcp://127.0.0.1:{snd_port}",
         "--streaming-start-command", f"touch {streaming}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    sat_log = _lines(sat.stderr)
    data = fresh_data_dir(tmp_path)
    coach = None
    seen: list[str] = []
    try:
        assert _wait_for(sat_log, "Ready", 60, seen), seen
        coach = subprocess.Popen(
            [sys.executable, "-m", "crampcoach.voice.cli", "--data-dir", str(data), "listen",
             "--language", "ko", "--satellite", f"tcp://127.0.0.1:{port}",
             "--trace", str(trace)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        said, notes = _lines(coach.stdout), _lines(coach.stderr)
        assert _wait_for(notes, "listening through satellite bedroom", 60, seen), seen
        assert _wait_for(said, "you: 쥐 났어요", 90, seen), seen
        assert _wait_for(said, "coach: 종아리예요", 10, seen), seen  # which muscle?
        # The answer "종아리" starts the coaching; "stop" comes a second and a half into it.
        # (The listener may match "그만" to another of the stop phrases, e.g. "조용히".)
        assert _wait_for(said, "you: 종아리", 60, seen), "\n".join(seen)
        assert _wait_for(said, "you: ", 90, seen), "\n".join(seen)
        assert _wait_for(said, "coach: ", 10, seen), seen  # the answer to "stop"
        # The answer to "stop" has been played (to the end: the coach is stopped next).
        stopped = [json.loads(line) for line in trace.read_text().splitlines()]
        barged = next(i for i, e in enumerate(stopped) if e.get("why") == "barge-in")
        after_s = _rendered_seconds([e["text"] for e in stopped[barged:] if e["event"] == "said"])
        stop_at = int(marks.read_text().split()[-1])
        _wait_until_quiet(capture, 2.0, 90, stop_at + int(after_s * SND_RATE) * 2)
    finally:
        if coach:
            coach.send_signal(signal.SIGTERM)
            coach.wait(timeout=30)
        sat.send_signal(signal.SIGTERM)
        sat.wait(timeout=30)
        snd.kill()
        snd.wait(timeout=30)
    assert coach.returncode == 0

    events = [json.loads(line) for line in trace.read_text().splitlines()]
    heard = [e for e in events if e["event"] == "heard" and e["acted"]]
    # The answer came while the question was open (not after it had timed out), and "stop"
    # was heard while the coach spoke: as a barge-in, not as the next command.
    assert [h["why"] for h in heard] == ["acts alone", "live", "barge-in"], heard
    answer_taken = [e for e in events if e["event"] == "intent" and e["slots"]][0]
    assert answer_taken["slots"] == {"muscle": "calf"} and "question muscle" in \
        answer_taken["why"], answer_taken

    loudspeaker = np.frombuffer(capture.read_bytes(), dtype="<i2")
    assert len(loudspeaker) > 2 * SND_RATE and \
        np.sqrt(np.mean(loudspeaker.astype(np.float64) ** 2)) > 200, \
        "the coach's voice did not come back out of the satellite"
    at = {line.split()[0]: int(line.split()[1]) / 2 / SND_RATE
          for line in marks.read_text().splitlines()}
    answered = next(i for i, e in enumerate(events) if e.get("why") == "live")
    reply = [e for e in events[answered:barged] if e["event"] == "said"]
    reply_s = _rendered_seconds([e["text"] for e in reply])
    # Each sentence is sent in pieces (speech.chunks), one stretch of audio each: the
    # question's, then what was played of the coaching, then the answer to "stop".
    played = [int(n) for n in pieces.read_text().split()]
    before, after = (sum(len(chunks(e["text"])) for e in part if e["event"] == "said")
                     for part in (events[:answered], events[barged:]))
    # The coaching, spoken to the end, would have taken reply_s.
    played_s = sum(played[before:len(played) - after]) / SND_RATE
    talking_s = events[barged]["t"] - reply[0]["t"]  # from the coaching to the barge-in
    print(f"reports said: {list(marks.read_text().split()).count('report')}; "
          f"stop said {at['stop'] - at['answer']:.1f} s into the coaching, acted on at "
          f"{talking_s:.1f} s; coaching played {played_s:.1f} s of {reply_s:.1f} s")
    assert 1.0 < played_s < reply_s - 3, (played_s, reply_s, reply)
    # Cut at once: no more of the coaching than was sent ahead before the barge-in.
    assert played_s < talking_s + satellite.LEAD_S + 0.3, (played_s, talking_s)

    [ep] = json.loads(run_cli("--data-dir", str(data), "log", "export").stdout)
    assert ep["source"] == "voice"
    assert ep["room"] == "bedroom"  # the satellite's own name: the room it was told in


SILENT_MIC = r'''
import sys, time
start, sent = time.monotonic(), 0
while True:
    sys.stdout.buffer.write(bytes(2048))
    sys.stdout.buffer.flush()
    sent += 1024
    time.sleep(max(0.0, start + sent / 16000 - time.monotonic()))  # a microphone's pace
'''


def test_a_satellite_that_is_late_or_goes_away_is_waited_for(ko_model, tmp_path):
    mic, port = _microphone(tmp_path, SILENT_MIC)

    def start_satellite() -> subprocess.Popen:
        sat = subprocess.Popen(
            [sys.executable, "-m", "wyoming_satellite", "--name", "guest room", "--no-zeroconf",
             "--uri", f"tcp://127.0.0.1:{port}", "--mic-command", f"{sys.executable} {mic}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert _wait_for(_lines(sat.stderr), "Ready", 60, [])
        return sat

    data = tmp_path / "data"
    coach = subprocess.Popen(
        [sys.executable, "-m", "crampcoach.voice.cli", "--data-dir", str(data), "listen",
         "--language", "ko", "--no-speak", "--satellite", f"tcp://127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    notes = _lines(coach.stderr)
    seen: list[str] = []
    sat = None
    try:
        assert _wait_for(notes, "cannot be reached", 60, seen), seen
        assert coach.poll() is None
        sat = start_satellite()
        assert _wait_for(notes, "listening through satellite guest room", 30, seen), seen
        # A second server is turned away by the satellite, as Home Assistant would be.
        other = subprocess.Popen(
            [sys.executable, "-m", "crampcoach.voice.cli", "--data-dir", str(tmp_path / "d2"),
             "listen", "--language", "ko", "--no-speak",
             "--satellite", f"tcp://127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        try:
            assert _wait_for(_lines(other.stderr), "in use by another server", 90, seen), seen
        finally:
            other.send_signal(signal.SIGTERM)
            other.wait(timeout=30)
        shown = run_cli("--data-dir", str(data), "service", "status")
        assert f"microphone: satellite tcp://127.0.0.1:{port}" in shown.stdout, shown.stdout
        assert "coach: listening since" in shown.stdout, shown.stdout
        sat.send_signal(signal.SIGTERM)
        sat.wait(timeout=30)
        assert _wait_for(notes, "went away", 30, seen), seen
        assert coach.poll() is None, "the coach gave up on the satellite"
        sat = start_satellite()
        assert _wait_for(notes, "satellite guest room is back", 30, seen), seen
    finally:
        coach.send_signal(signal.SIGTERM)
        coach.wait(timeout=30)
        if sat:
            sat.send_signal(signal.SIGTERM)
            sat.wait(timeout=30)
    assert coach.returncode == 0


def test_an_idle_satellite_is_kept_not_reconnected(ko_model, tmp_path):
    # A satellite with its own wake word streams nothing until it hears it: for hours, at
    # night. Its connection is kept (asked now and then whether it is there), so it is
    # ready the moment someone speaks, and Home Assistant cannot take it over meanwhile.
    mic, port = _microphone(tmp_path, SILENT_MIC)
    sat = subprocess.Popen(
        [sys.executable, "-m", "wyoming_satellite", "--name", "nursery", "--no-zeroconf",
         "--debug", "--uri", f"tcp://127.0.0.1:{port}", "--mic-command", f"{sys.executable} {mic}",
         "--wake-command", "sh -c 'cat > /dev/null'"],  # a wake word never said
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sat_log = _lines(sat.stderr)
    seen: list[str] = []
    coach = None
    try:
        assert _wait_for(sat_log, "Ready", 60, seen), seen
        coach = subprocess.Popen(
            [sys.executable, "-m", "crampcoach.voice.cli", "-v", "--data-dir",
             str(tmp_path / "data"), "listen", "--language", "ko", "--no-speak",
             "--satellite", f"tcp://127.0.0.1:{port}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        notes = _lines(coach.stderr)
        assert _wait_for(notes, "listening through satellite nursery", 60, seen), seen
        assert _wait_for(notes, "asking whether it is there", 30, seen), seen
        assert _wait_for(notes, "asking whether it is there", 30, seen), seen  # and again
        assert not [n for n in seen if "does not answer" in n or "went away" in n], seen
        assert not _wait_for(sat_log, "Server disconnected", 1, seen), seen
        # It hangs without closing the connection (its Wi-Fi drops, it freezes): describe
        # goes unanswered, and it is waited for until it answers again.
        sat.send_signal(signal.SIGSTOP)
        assert _wait_for(notes, "satellite nursery went away", 30, seen), seen
        sat.send_signal(signal.SIGCONT)
        assert _wait_for(notes, "satellite nursery is back", 30, seen), seen
        assert coach.poll() is None
    finally:
        if coach:
            coach.send_signal(signal.SIGTERM)
            coach.wait(timeout=30)
        if sat.poll() is None:
            sat.send_signal(signal.SIGTERM)
            sat.wait(timeout=30)
    assert coach.returncode == 0


def test_each_satellite_is_a_room_of_its_own(ko_model, tmp_path):
    # Two bedrooms: the cramp is reported in one; only that room's loudspeaker answers, and
    # the journal says where it happened.
    mic, port = _microphone(tmp_path, MIC)
    quiet = tmp_path / "quiet.py"
    quiet.write_text(SILENT_MIC)
    from .test_voice_path import fresh_data_dir, speech

    report = _raw(speech("쥐 났어요", "ko", tmp_path), tmp_path / "report.raw")
    trace, data = tmp_path / "trace.jsonl", fresh_data_dir(tmp_path)
    rooms = {"guest room": (port, f"{mic} {report} - - {tmp_path}/streaming-{port} - - "
                                  f"{tmp_path / 'marks'} {trace}"),
             "bedroom": (_free_port(), str(quiet))}
    sats = []
    for name, (at, program) in rooms.items():
        sats.append(subprocess.Popen(
            [sys.executable, "-m", "wyoming_satellite", "--name", name, "--no-zeroconf",
             "--uri", f"tcp://127.0.0.1:{at}", "--mic-command", f"{sys.executable} {program}",
             "--snd-command", f"sh -c 'cat >> \"{tmp_path / name}.raw\"'",
             "--streaming-start-command", f"touch {tmp_path}/streaming-{at}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path))
    seen: list[str] = []
    coach = None
    try:
        for sat in sats:
            assert _wait_for(_lines(sat.stderr), "Ready", 60, seen), seen
        coach = subprocess.Popen(
            [sys.executable, "-m", "crampcoach.voice.cli", "--data-dir", str(data), "listen",
             "--language", "ko", "--trace", str(trace),
             *[x for at, _ in rooms.values() for x in ("--satellite", f"tcp://127.0.0.1:{at}")]],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        said, notes = _lines(coach.stdout), _lines(coach.stderr)
        for name in rooms:
            assert any(f"listening through satellite {name}" in n for n in seen) or \
                _wait_for(notes, f"listening through satellite {name}", 60, seen), seen
        assert _wait_for(said, "you: 쥐 났어요", 120, seen), seen
        assert _wait_for(said, "coach: 종아리예요", 10, seen), seen  # which muscle?
        _wait_until_quiet(tmp_path / "guest room.raw", 2.0, 60, at_least=1)
    finally:
        if coach:
            coach.send_signal(signal.SIGTERM)
            coach.wait(timeout=30)
        for sat in sats:
            sat.send_signal(signal.SIGTERM)
            sat.wait(timeout=30)
    assert coach.returncode == 0
    guest = np.frombuffer((tmp_path / "guest room.raw").read_bytes(), dtype="<i2")
    assert len(guest) > SND_RATE and np.sqrt(np.mean(guest.astype(np.float64) ** 2)) > 200
    assert not (tmp_path / "bedroom.raw").exists(), "the other room heard the coach"
    [ep] = json.loads(run_cli("--data-dir", str(data), "log", "export").stdout)
    assert ep["room"] == "guest room"


WAKE_WORD = r'''
import pathlib, sys
# A wake-word program as wyoming-satellite runs one: audio on stdin, one line per wake word
# heard. This one "hears" it once, a second after the test says go, and leaves a mark for
# the microphone.
woken, go = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
heard = 0
while chunk := sys.stdin.buffer.read(2048):
    heard = heard + len(chunk) if go.exists() else 0
    if heard >= 32000 and not woken.exists():
        print("ok_nabu", flush=True)
        woken.touch()
'''

SPEAKS_ONCE_MIC = r'''
import os, sys, time
speech, woken = open(sys.argv[1], "rb").read(), sys.argv[2]
start, sent = time.monotonic(), 0
def emit(data):
    global sent
    for i in range(0, len(data), 2048):
        sys.stdout.buffer.write(data[i:i + 2048])
        sys.stdout.buffer.flush()
        sent += len(data[i:i + 2048]) // 2
        time.sleep(max(0.0, start + sent / 16000 - time.monotonic()))  # a microphone's pace
while not os.path.exists(woken):  # until the wake word is heard
    emit(bytes(2048))
emit(bytes(16000 * 2))
emit(speech)
while True:
    emit(bytes(2048))
'''


def test_a_satellites_own_wake_word_wakes_the_coach_and_is_ended_with_a_transcript(
        ko_model, tmp_path):
    """A satellite with a wake word of its own (as Home Assistant's are) streams only after
    it; what is said then counts as said after the coach's wake phrase. When that
    conversation is over the coach sends ``transcript``, as Home Assistant does, and the
    satellite goes back to waiting for its wake word instead of streaming the room all
    night."""
    from .test_voice_path import fresh_data_dir, speech

    help_raw = _raw(speech("좋은 아침", "ko", tmp_path), tmp_path / "morning.raw")
    mic, port = _microphone(tmp_path, SPEAKS_ONCE_MIC)
    wake = tmp_path / "wake.py"
    wake.write_text(WAKE_WORD)
    cfg = tmp_path / "quick.toml"
    cfg.write_text("follow_up_s = 3.0\n")
    trace, woken, go = tmp_path / "trace.jsonl", tmp_path / "woken", tmp_path / "go"
    sat = subprocess.Popen(
        [sys.executable, "-m", "wyoming_satellite", "--name", "bedroom", "--no-zeroconf",
         "--debug", "--uri", f"tcp://127.0.0.1:{port}",
         "--mic-command", f"{sys.executable} {mic} {help_raw} {woken}",
         "--wake-command", f"{sys.executable} {wake} {woken} {go}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sat_log = _lines(sat.stderr)
    seen: list[str] = []
    coach = None
    try:
        assert _wait_for(sat_log, "Ready", 60, seen), seen
        coach = subprocess.Popen(
            [sys.executable, "-m", "crampcoach.voice.cli", "--config", str(cfg), "--data-dir",
             str(fresh_data_dir(tmp_path)), "listen", "--language", "ko", "--no-speak",
             "--satellite", f"tcp://127.0.0.1:{port}", "--trace", str(trace)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        said, notes = _lines(coach.stdout), _lines(coach.stderr)
        assert _wait_for(notes, "listening through satellite bedroom", 60, seen), seen
        go.touch()
        assert _wait_for(sat_log, "Streaming audio", 60, seen), seen  # its wake word
        assert _wait_for(said, "you: 좋은 아침", 60, seen), "\n".join(seen)
        # The follow-up window closes: the satellite is told what was heard and stops.
        assert _wait_for(sat_log, "transcript", 30, seen), seen
        assert "좋은 아침" in seen[-1], seen[-1]
        assert _wait_for(sat_log, "Waiting for wake word", 10, seen), seen
    finally:
        if coach:
            coach.send_signal(signal.SIGTERM)
            coach.wait(timeout=30)
        sat.send_signal(signal.SIGTERM)
        sat.wait(timeout=30)
    assert coach.returncode == 0
    heard = [json.loads(line) for line in trace.read_text().splitlines()]
    acted = [e for e in heard if e["event"] == "heard" and e["acted"]]
    # Not a command that acts alone: heard only because the satellite's wake word woke the coach.
    assert [e["why"] for e in acted] == ["live"], acted
