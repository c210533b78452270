"""From the end of a spoken command to the first sound of the reply, through the real
input and output path: a private PulseAudio with a null sink "room" (as the tests use),
``crampcoach listen`` recording from its monitor and speaking into it, the command played
into it with ``paplay``, everything captured from the monitor with ``pacat``.

    .venv/bin/python benchmarks/first_reply_audio.py [--language ko] [--runs 5]

The command is espeak-ng speech trimmed to its real start and end, so the capture's first
sound is the start of speech and its end is known to the sample; the reply's first sound is
the first sample above the floor after it. One capture holds both, so no two clocks are
compared. The figure includes the endpoint silence (0.5 s by default), the input and output
latency (``audio.LATENCY`` each way), rendering, and the leading silence espeak-ng puts
before the reply's first word.
"""

from __future__ import annotations

import argparse
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from recognition import spoken, trimmed  # noqa: E402

from crampcoach.voice import audio  # noqa: E402
from tests.conftest import start_pulse, stop_pulse  # noqa: E402

COMMAND = {"ko": "쥐 났어요", "en": "cramp"}
FLOOR = 300
"""A sample louder than this (int16) is sound; the room is digital silence otherwise."""


def lines_of(stream, out: queue.Queue) -> None:
    for line in stream:
        out.put((time.monotonic(), line.rstrip("\n")))


def wait_for(lines: queue.Queue, prefix: str, seconds: float) -> float | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            t, line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        if line.startswith(prefix):
            return t
    return None


def one_run(env: dict[str, str], wav: Path, speech_s: float, code: str, data: Path,
            work: Path) -> float | None:
    listen = subprocess.Popen(
        [sys.executable, "-m", "crampcoach.voice.cli", "--data-dir", str(data), "listen",
         "--language", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env, cwd=ROOT)
    out: queue.Queue = queue.Queue()
    err: queue.Queue = queue.Queue()
    threading.Thread(target=lines_of, args=(listen.stdout, out), daemon=True).start()
    threading.Thread(target=lines_of, args=(listen.stderr, err), daemon=True).start()
    raw = work / "capture.raw"
    try:
        if wait_for(err, "crampcoach: listening", 90) is None:
            raise SystemExit("listen did not start: " + " | ".join(x[1] for x in err.queue))
        with open(raw, "wb") as sink:
            cap = subprocess.Popen(["pacat", "--record", "-d", "room.monitor", "--raw",
                                    "--format=s16le", f"--rate={audio.RATE}", "--channels=1",
                                    "--latency-msec=10"], stdout=sink, env=env)
            subprocess.run(["paplay", "--device=room", str(wav)], env=env, check=True,
                           timeout=60)
            replied = wait_for(out, "coach:", 20)
            time.sleep(3.0)  # recording the reply's first seconds (not ordering: measuring)
            cap.terminate()
            cap.wait(timeout=10)
    finally:
        listen.send_signal(signal.SIGTERM)
        listen.wait(timeout=30)
    x = np.abs(np.fromfile(raw, dtype="<i2").astype(np.int32))
    loud = np.flatnonzero(x > FLOOR)
    if replied is None or len(loud) == 0:
        return None
    speech_end = loud[0] + int(speech_s * audio.RATE)
    after = loud[loud > speech_end + int(0.05 * audio.RATE)]
    if len(after) == 0:
        return None
    return float(after[0] - speech_end) / audio.RATE


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--language", default="ko")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    code = args.language
    work = Path(tempfile.mkdtemp(prefix="crampcoach-reply-"))
    env = start_pulse(work / "pulse")
    if isinstance(env, str):
        print(f"cannot run: {env}")
        return 1
    try:
        said = trimmed(spoken(COMMAND[code], code, 140, work))
        wav = work / "command.wav"
        audio.write_wav(wav, np.concatenate([audio.silence(1.0), said, audio.silence(0.5)]),
                        audio.RATE)
        results = []
        for i in range(args.runs):
            data = work / f"data{i}"
            data.mkdir()
            (data / "self-care-note-given").touch()
            r = one_run(env, wav, len(said) / audio.RATE, code, data, work)
            if r is not None:
                results.append(r)
    finally:
        stop_pulse(env)
    print(f"First reply through PulseAudio (null sink), {os.cpu_count()} cores, "
          f"output latency {audio.LATENCY * 1000:.0f} ms, {len(results)}/{args.runs} runs")
    if not results:
        return 1
    sound = 1000 * np.array(results)
    print(f"{'from the real end of speech to':<34} {'median ms':>9} {'min':>6} {'max':>6}")
    print(f"{'the first sound of the reply':<34} {np.median(sound):>9.0f} {sound.min():>6.0f} "
          f"{sound.max():>6.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
