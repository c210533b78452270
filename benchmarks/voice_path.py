"""The voice path's costs: CPU while listening, reply latency, endpointing, model load.

    .venv/bin/python benchmarks/voice_path.py [--language ko] [--model DIR]

Prints tables; nothing is asserted. Goals (issue 3): <= 0.02 CPU s per audio s in a quiet
room; <= 300 ms from the end of a command to the first audio of the reply, beyond the
endpoint silence.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crampcoach.voice import audio, config, models  # noqa: E402
from crampcoach.voice.host import PluginHost  # noqa: E402
from crampcoach.voice.listen import grammars_for, wake_phrase_for  # noqa: E402
from crampcoach.voice.session import build_matcher  # noqa: E402
from crampcoach.voice.speech import renderer_for  # noqa: E402
from crampcoach.voice.vad import SpeechGate  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from recognition import spoken  # noqa: E402


def cpu_per_audio_second(grammars, samples: np.ndarray, silence_s: float,
                         state: str = "asleep") -> float:
    """Process CPU seconds spent per second of audio, through gate and recogniser."""
    gate = SpeechGate(hangover_s=silence_s + 0.5)
    rec = None
    start = time.process_time()
    for block in audio.blocks(samples):
        speech, ended = gate.feed(block)
        if speech:
            rec = rec or getattr(grammars, state)()
            if rec.accept(speech):
                rec = None
        if ended and rec is not None:
            rec.end()
            rec = None
    return (time.process_time() - start) / (len(samples) / audio.RATE)


def room_noise(seconds: float, level: float = 30.0, seed: int = 1) -> np.ndarray:
    """A quiet bedroom: faint broadband noise (a fan, breathing) far below speech."""
    rng = np.random.default_rng(seed)
    return (rng.normal(0, level, int(seconds * audio.RATE))).astype(np.int16)


def endpoint_table(folder: Path, matcher, wake: str, code: str, work: Path) -> None:
    """Latency (audio time from the last word to the utterance) and cut-off commands."""
    two_part = {"ko": [("왼쪽", "종아리"), ("다 됐어요", ""), ("얼마나", "됐어")],
                "en": [("my left", "calf"), ("it's", "gone"), ("how long", "has it been")]}[code]
    words = {t: spoken(t, code, 140, work) for pair in two_part for t in pair if t}
    print("\nEndpoint silence: latency from the last word to the utterance, and commands cut")
    print("in two by a 0.4 s pause inside them")
    print(f"{'silence s':>9}  {'median latency ms':>17}  {'cut off':>7}")
    for silence in (0.3, 0.5, 0.8, 1.0):
        view = models.with_endpoint_silence(folder, silence, work / "views")
        grammars = grammars_for(view, matcher, wake)
        latencies, cut = [], 0
        for first, second in two_part:
            parts = [audio.silence(0.5), words[first]]
            if second:
                parts += [audio.silence(0.4), words[second]]
            x = np.concatenate(parts + [audio.silence(2.0)])
            last_voice = (len(x) - 2.0 * audio.RATE) / audio.RATE
            rec, got, t = grammars.awake(), [], 0.0
            for block in audio.blocks(x):
                t += len(block) / 2 / audio.RATE
                u = rec.accept(block)
                if u:
                    got.append((t, u.text))
            u = rec.end()
            if u:
                got.append((t, u.text))
            if got:
                latencies.append(got[-1][0] - last_voice)
            cut += len(got) > 1
        print(f"{silence:>9.1f}  {1000 * float(np.median(latencies)):>17.0f}  "
              f"{cut:>4}/{len(two_part)}")


def reply_latency(cfg, code: str) -> None:
    """Wall time from an utterance to the first synthesised audio of the reply."""
    from crampcoach.voice import session

    renderer = renderer_for(cfg, code)
    times = []
    out: list = []
    s = session.build(cfg, out.append, language=code)
    s.dialogue.start()
    text = {"ko": "쥐 났어요", "en": "my left calf"}[code]
    for _ in range(5):
        t0 = time.perf_counter()
        out.clear()
        s.dialogue.hear(text)
        renderer.render(out[0].text)
        times.append(time.perf_counter() - t0)
        s.dialogue.hear({"ko": "멈춰", "en": "stop"}[code])
    s.dialogue.end()
    print("\nReply: utterance handled → first sentence rendered (beyond endpoint silence)")
    print(f"{'median ms':>9}  {'max ms':>6}")
    print(f"{1000 * float(np.median(times)):>9.0f}  {1000 * max(times):>6.0f}")


def model_load(folder: Path) -> None:
    code = (
        "import resource,time,vosk;vosk.SetLogLevel(-1);t=time.perf_counter();"
        f"m=vosk.Model({str(folder)!r});"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    seconds, rss_kb = out.stdout.split()
    print("\nModel load")
    print(f"{'model':<40} {'load s':>6}  {'peak MB':>7}")
    print(f"{folder.name if folder.name != 'model' else folder.parent.name:<40} "
          f"{float(seconds):>6.2f}  {int(rss_kb) / 1024:>7.0f}")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--language", default="ko")
    p.add_argument("--model", default="")
    args = p.parse_args()
    cfg = config.load(data_dir=tempfile.mkdtemp(prefix="crampcoach-bench-"))
    code = args.language
    folder = models.resolve(config.load().data_dir, code, args.model)
    matcher = build_matcher(PluginHost(autoload=False), code)
    wake = matcher.language.normalise(wake_phrase_for(cfg, code))
    grammars = grammars_for(folder, matcher, wake)
    work = Path(tempfile.mkdtemp(prefix="crampcoach-bench-"))

    talk = np.concatenate([np.concatenate([spoken(t, code, 140, work), audio.silence(0.3)])
                           for t in {"ko": ["쥐 났어요", "왼쪽 종아리", "다 됐어요", "여섯"],
                                     "en": ["cramp", "my left calf", "it's gone", "seven"]}[code]])
    talking = np.tile(talk, int(np.ceil(60 * audio.RATE / len(talk))))[: 60 * audio.RATE]
    print(f"Listening cost on this machine ({len(os.sched_getaffinity(0))} cores)")
    print(f"{'audio':<28} {'CPU s per audio s':>17}")
    for name, x, state in (("silence, 5 min", audio.silence(300), "asleep"),
                           ("quiet room noise, 5 min", room_noise(300), "asleep"),
                           ("talking, 1 min, asleep", talking, "asleep"),
                           ("talking, 1 min, awake", talking, "awake")):
        print(f"{name:<28} {cpu_per_audio_second(grammars, x, 0.5, state):>17.4f}")
    endpoint_table(folder, matcher, wake, code, work)
    reply_latency(cfg, code)
    model_load(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
