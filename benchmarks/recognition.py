"""Recognition rate: commands spoken by pyttsx3/espeak-ng, heard by Vosk in the listening
state where they would be said, read back through the listener, matched to intents.

    .venv/bin/python benchmarks/recognition.py [--language ko] [--model DIR] [--rate 140]

Prints one row per command and the rate over the whole set.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crampcoach.voice import audio, config, models  # noqa: E402
from crampcoach.voice.grammars import Grammars  # noqa: E402
from crampcoach.voice.host import PluginHost  # noqa: E402
from crampcoach.voice.intents import IntentMatcher  # noqa: E402
from crampcoach.voice.listen import (  # noqa: E402
    grammars_for,
    model_view,
    speech_gate,
    wake_phrase_for,
)
from crampcoach.voice.listener import take_reading, wakes  # noqa: E402
from crampcoach.voice.recognizer import Recognizer  # noqa: E402
from crampcoach.voice.session import build_matcher  # noqa: E402


def commands(code: str) -> list[dict[str, Any]]:
    path = ROOT / "benchmarks" / "data" / f"{code}_commands.toml"
    return list(tomllib.loads(path.read_text("utf-8"))["commands"])


def recogniser_for(grammars: Grammars, state: str) -> Recognizer:
    if state.startswith("question:"):
        return grammars.question(state.split(":", 1)[1].split(","))
    if state == "speaking":
        return grammars.speaking()
    return getattr(grammars, state)()


def hear(rec: Recognizer, samples: np.ndarray, silence_s: float = 0.5) -> list[tuple[str, ...]]:
    """The readings of each utterance, through the same voice-activity gate as ``listen``."""
    heard: list[tuple[str, ...]] = []
    gate = speech_gate(silence_s)
    padded = np.concatenate([audio.silence(1.0), samples, audio.silence(2.0)])
    for block in audio.blocks(padded):
        speech, ended = gate.feed(block)
        u = rec.accept(speech) if speech else None
        if u:
            heard.append(u.alternatives)
        if ended:
            u = rec.end()
            if u:
                heard.append(u.alternatives)
    return heard


def understood(matcher: IntentMatcher, wake: str, heard: list[tuple[str, ...]],
               expects: tuple[str, ...], rec: Recognizer) -> tuple[str, Any, str]:
    """As the listener reads it (voice.listener.take_reading): the first utterance that
    passes the rejection rules."""
    for readings in heard:
        text = take_reading(matcher, readings, wake, rec.phrases, rec.state == "asleep",
                            expects)
        if text is None:
            continue
        if wakes(text, wake, frozenset()):
            return "wake", {}, text
        m = matcher.match(text)
        return m.name or "none", m.slots, text
    return "ignored", {}, " / ".join(r[0] for r in heard if r)


def spoken(text: str, code: str, rate: int, work: Path) -> np.ndarray:
    """``crampcoach say --to`` in a process of its own: espeak-ng carries state from one
    utterance to the next within a process, which made results depend on the order."""
    conf = work / "speech.toml"
    conf.write_text(f"[speech]\nrate = {rate}\nvolume = 1.0\n")
    out = work / "said.wav"
    cmd = [sys.executable, "-m", "crampcoach.voice.cli", "--config", str(conf), "say", text,
           "--language", code, "--to", str(out)]
    for _ in range(3):  # on a busy machine the speech engine now and then fails to start
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if done.returncode == 0:
            return audio.read_wav(out)
    raise SystemExit(f"cannot speak {text!r}: {done.stderr.strip()}")


def trimmed(samples: np.ndarray, floor: float = 0.01) -> np.ndarray:
    """Speech cut to its real start and end: espeak-ng pads its output with digital silence
    (about 0.4 s after the last word), which is not speech and must not count as a pause."""
    level = np.abs(samples.astype(np.int32))
    loud = np.flatnonzero(level > max(64, floor * int(level.max(initial=0))))
    return samples[loud[0] : loud[-1] + 1] if len(loud) else samples[:0]


def run(code: str, model: str = "", rate: int = 140) -> tuple[int, int, list[tuple]]:
    cfg = config.load()
    folder = models.resolve(cfg.data_dir, code, model)
    matcher = build_matcher(PluginHost(autoload=False), code)
    wake = matcher.language.normalise(wake_phrase_for(cfg, code))
    grammars = grammars_for(model_view(cfg, folder), matcher, wake)
    work = Path(tempfile.mkdtemp(prefix="crampcoach-bench-"))
    rows = []
    for c in commands(code):
        samples = spoken(c["say"], code, rate, work)
        state = c["state"]
        expects = tuple(state.split(":", 1)[1].split(",")) if state.startswith("question:") else ()
        rec = recogniser_for(grammars, state)
        name, slots, heard = understood(matcher, wake, hear(rec, samples), expects, rec)
        ok = name == c["intent"] and all(slots.get(k) == v for k, v in c.get("slots", {}).items())
        rows.append((c["say"], c["state"], heard, name, ok))
    return sum(r[4] for r in rows), len(rows), rows


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--language", default="ko")
    p.add_argument("--model", default="")
    p.add_argument("--rate", type=int, default=140)
    args = p.parse_args()
    t = time.perf_counter()
    good, total, rows = run(args.language, args.model, args.rate)
    print(f"{'said':<12} {'state':<40} {'heard':<16} {'intent':<16} ok")
    for said, state, heard, name, ok in rows:
        print(f"{said:<12} {state:<40} {heard:<16} {name:<16} {'yes' if ok else 'NO'}")
    print(f"\nrecognised {good}/{total} = {good / total:.0%} "
          f"(speech rate {args.rate}, {time.perf_counter() - t:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
