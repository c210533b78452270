"""The voice path's costs: CPU while listening, end-of-command latency and cut commands,
reply rendering, model load and memory.

    .venv/bin/python benchmarks/voice_path.py [--language ko] [--model DIR] [--only cpu,...]

Prints tables; nothing is asserted. Methods (issue 16):
- every figure goes through the engine's own assembly (``crampcoach.voice.listen``), the
  way ``listen`` runs, with the model loaded before anything is timed;
- CPU is the whole process's (``time.process_time``), per second of audio, beside plain Vosk
  in grammar mode (every block to the recogniser, no gate) measured in the same run;
- latency counts the CPU of every thread but the open pass's own (issue 12: it decodes on a
  thread of its own, on the other core, and nothing the coach answers waits for it);
- synthetic speech is trimmed to its real start and end (espeak-ng pads about 0.4 s of
  silence after speech), and latency is counted from the real end of speech to the moment
  the reply's text is ready: the audio time until the block that made it, plus the CPU time
  spent on that block;
- one model at a time (each endpoint setting loads its own, the previous one is freed);
- memory is the peak of a fresh process (``VmHWM`` of its own address space).
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crampcoach.voice import audio, config, listen, models  # noqa: E402
from crampcoach.voice.clock import ManualClock  # noqa: E402
from crampcoach.voice.host import PluginHost  # noqa: E402
from crampcoach.voice.recognizer import Recognizer, load_model  # noqa: E402
from crampcoach.voice.session import build_matcher  # noqa: E402
from crampcoach.voice.speech import renderer_for  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from recognition import spoken, trimmed  # noqa: E402

MINUTES = 5
WORDS = {
    # Commands that get a reply: said to a sleeping coach (False) or in the follow-up window
    # after it spoke (True).
    "replied": {"ko": [("쥐 났어요", False), ("쥐 났어", False), ("좋은 아침", True),
                       ("어젯밤", True), ("예방", True), ("뭐 할 수 있어", True),
                       ("왼쪽 종아리", True), ("얼마나 됐어", True)],
                "en": [("cramp", False), ("good morning", True), ("last night", True),
                       ("how can i prevent this", True), ("what can i say", True),
                       ("my left calf", True)]},
    # Said in two parts with a natural pause inside, in the follow-up window.
    "two_part": {"ko": [("왼쪽", "종아리"), ("오른쪽", "발"), ("얼마나", "됐어"),
                        ("다시", "말해 주세요"), ("숨 쉬기", "힘들어"), ("뭐 할 수", "있어"),
                        ("좋은", "아침")],
                 "en": [("my left", "calf"), ("it's", "gone"), ("how long", "has it been"),
                        ("say that", "again"), ("good", "morning"), ("what can", "i say")]},
}


# -- audio ---------------------------------------------------------------------------------
def sox(seconds: float, *effects: str) -> np.ndarray:
    """Noise made by sox (``sox -n … synth``), as 16 kHz int16."""
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "noise.wav"
        subprocess.run(["sox", "-n", "-r", str(audio.RATE), "-c", "1", "-b", "16", str(out),
                        "synth", str(seconds), *effects], check=True, capture_output=True)
        return audio.read_wav(out)


def brown(seconds: float, rms_dbfs: float) -> np.ndarray:
    """sox's brown noise (a fan, an air purifier) scaled to an RMS level in dBFS."""
    x = sox(seconds, "brownnoise").astype(np.float64)
    x *= 32768 * 10 ** (rms_dbfs / 20) / np.sqrt(np.mean(x**2))
    return np.clip(x, -32768, 32767).astype(np.int16)


def with_clicks(x: np.ndarray, every_s: float = 3.0, level: float = 0.25,
                seed: int = 7) -> np.ndarray:
    """Clicks (a settling house, a finger on the duvet): 3 ms decaying bursts at about
    ``every_s`` apart, at random moments."""
    rng = np.random.default_rng(seed)
    out = x.astype(np.float32)
    n = int(0.003 * audio.RATE)
    burst = rng.normal(0, 1, n) * np.exp(-np.arange(n) / (n / 4)) * level * 32767
    t = 0.0
    while True:
        t += rng.uniform(0.5, 1.5) * every_s
        i = int(t * audio.RATE)
        if i + n >= len(out):
            break
        out[i : i + n] += burst
    return np.clip(out, -32768, 32767).astype(np.int16)


def talking(code: str, seconds: float, work: Path) -> np.ndarray:
    """Commands one after another, 0.3 s apart: the worst case for the gate (always open)."""
    said = [np.concatenate([trimmed(spoken(t, code, 140, work)), audio.silence(0.3)])
            for t, _ in WORDS["replied"][code]]
    one = np.concatenate(said)
    return np.tile(one, int(np.ceil(seconds * audio.RATE / len(one))))[: int(seconds * audio.RATE)]


# -- a source that keeps time --------------------------------------------------------------
class TimedSource:
    """A recording fed as fast as the CPU allows (time measured in audio, like
    :class:`listen.WavSource`), remembering when each block arrived and what its
    processing cost, so a reply can be placed in time."""

    echo = False

    def __init__(self, samples: np.ndarray, tail_s: float = 3.0):
        self.samples = np.concatenate([samples, audio.silence(tail_s)])
        self.clock = ManualClock()
        self.start = self.clock.monotonic()
        self.block_end = 0.0
        self.started = 0.0
        self.fed_at = 0.0
        self.cpu_s = 0.0
        self.open_pass: Any = None

    def problem(self) -> str | None:
        return None

    def run(self, path: listen.VoicePath, stop: threading.Event) -> None:
        self.open_pass = getattr(path.listener, "open_pass", None)
        t0 = time.process_time()
        self.started, self.fed_at = 0.0, self._cpu()
        for block in audio.blocks(self.samples):
            self.clock.advance(audio.BLOCK / audio.RATE)
            self.block_end = self.clock.monotonic() - self.start
            # Work on a block starts once it is recorded and the blocks before are done.
            self.started = max(self.block_end, self.now())
            self.fed_at = self._cpu()
            path.feed(block)
        path.finish()
        self.cpu_s = time.process_time() - t0

    def _cpu(self) -> float:
        """CPU time of the process but for the open pass's own thread."""
        return time.process_time() - getattr(self.open_pass, "cpu_s", 0.0)

    def now(self) -> float:
        """Audio time at which the path's latest output is ready: a microphone hands over
        a block when it has been recorded, then the CPU works on it, after the blocks before
        it (one that took longer than a block's length holds up those after it)."""
        return self.started + (self._cpu() - self.fed_at)


class InlineOpenPass:
    """The open pass as it ran before: decoding in the listener's own thread, its reading
    made before the grammar's was acted on (``--only barge`` compares the two)."""

    def __init__(self, ear: Any):
        self.ear = ear
        self.pending = 0
        self._done: list[tuple[Any, Any]] = []

    def feed(self, pcm: bytes) -> None:
        self.ear.feed(pcm)

    def end(self, tag: Any) -> None:
        self._done.append((tag, self.ear.end()))
        self.pending += 1

    def read(self, pcm: bytes, tag: Any) -> None:
        self._done.append((tag, self.ear.read(pcm)))
        self.pending += 1

    def ready(self, wait: bool = False) -> list[tuple[Any, Any]]:
        out, self._done, self.pending = self._done, [], 0
        return out

    def close(self) -> None: ...


class RoomSource(TimedSource):
    echo = True  # the coach's own voice comes back: what it hears while talking is barge-in


class Talking:
    """A loudspeaker always mid-sentence; notes when it was told to hush."""

    speaking = True

    def __init__(self, now: Callable[[], float]):
        self.now = now
        self.hushed: list[float] = []

    def say(self, text: str) -> None: ...
    def beep(self) -> None: ...

    def hush(self) -> None:
        self.hushed.append(self.now())

    def wait(self, timeout: float | None = None) -> bool:
        return True

    def close(self) -> None: ...


def run_path(cfg: config.Config, folder: Path, samples: np.ndarray, code: str,
             awake: bool = False) -> tuple[TimedSource, list[float], list[str]]:
    """Listen to ``samples``; when each reply was ready, and what was heard."""
    source = TimedSource(samples)
    replies: list[float] = []
    heard: list[str] = []
    path = listen.build(cfg, PluginHost(autoload=False), folder, source, language=code,
                        on_said=lambda said: replies.append(source.now()),
                        on_heard=lambda utt, acted: heard.append(utt.text))
    if awake:  # within the follow-up window: commands need no wake phrase
        path.listener.awake_until = float("inf")
    path.run()
    return source, replies, heard


# -- tables --------------------------------------------------------------------------------
def cost_table(cfg: config.Config, folder: Path, code: str, work: Path) -> None:
    """CPU per second of audio through the whole listening path, against plain Vosk."""
    view = listen.model_view(cfg, folder)
    matcher = build_matcher(PluginHost(autoload=False), code)
    wake = listen.wake_phrase_for(cfg, code)
    grammars = listen.grammars_for(view, matcher, wake)
    grammars.asleep()  # the model loaded and the grammar checked before any timing
    seconds = MINUTES * 60
    rng = np.random.default_rng(1)
    sounds = {
        f"digital silence, {MINUTES} min": audio.silence(seconds),
        "quiet room (white noise ~-60 dBFS)": rng.normal(0, 30, seconds * audio.RATE
                                                         ).astype(np.int16),
        "fan: sox brown noise, RMS -31 dBFS": brown(seconds, -31),
        "brown noise RMS -40 dBFS + clicks": with_clicks(brown(seconds, -40)),
        "talking (commands, 0.3 s apart)": talking(code, seconds, work),
    }
    print(f"Listening cost, asleep, on this machine ({len(os.sched_getaffinity(0))} cores): "
          "CPU s per audio s")
    print(f"{'audio':<36} {'listen':>8} {'plain Vosk':>10} {'ratio':>6} {'utterances':>10}")
    for name, x in sounds.items():
        source, _, heard = run_path(cfg, folder, x, code)
        ours = source.cpu_s / seconds
        rec = Recognizer(view, grammars._checked[("asleep",)], checked=True)
        t0 = time.process_time()
        for block in audio.blocks(x):
            rec.accept(block)
        rec.end()
        plain = (time.process_time() - t0) / seconds
        print(f"{name:<36} {ours:>8.4f} {plain:>10.4f} {ours / plain:>5.2f}x {len(heard):>10}")


def endpoint_table(cfg_for, folder: Path, code: str, rates: tuple[int, ...],
                   work: Path, silences: tuple[float, ...] = (0.3, 0.5, 0.8)) -> None:
    """End of speech → reply text ready, and commands cut in two by a pause inside them."""
    replied = [(t, trimmed(spoken(t, code, r, work)), awake)
               for t, awake in WORDS["replied"][code] for r in rates]
    pairs = [(trimmed(spoken(a, code, r, work)), trimmed(spoken(b, code, r, work)))
             for a, b in WORDS["two_part"][code] for r in rates]
    pauses = (0.3, 0.4, 0.5)
    print("\nEnd of speech → reply text ready (audio time to the block that made it + its CPU),")
    print(f"over {len(replied)} commands (missed: no reply); commands cut in two by a")
    print(f"natural pause inside them, over {len(pairs)} two-part commands per pause")
    print(f"{'silence s':>9}  {'median ms':>9}  {'min':>5}  {'max':>5}  {'missed':>6}  "
          + "  ".join(f"{f'cut @{p:.1f}s':>9}" for p in pauses))
    for silence in silences:
        cfg = cfg_for(silence)
        latencies, missed = [], 0
        for _, said, awake in replied:
            lead = audio.silence(1.0)
            _, replies, _ = run_path(cfg, folder, np.concatenate([lead, said]), code, awake)
            end = (len(lead) + len(said)) / audio.RATE
            after = [t - end for t in replies if t > end]
            if after:
                latencies.append(after[0])
            else:
                missed += 1
        cuts = []
        for pause in pauses:
            cut = 0
            for a, b in pairs:
                x = np.concatenate([audio.silence(1.0), a, audio.silence(pause), b])
                _, _, heard = run_path(cfg, folder, x, code, awake=True)
                cut += len(heard) > 1
            cuts.append(f"{cut:>4}/{len(pairs):<4}")
        ms = 1000 * np.array(latencies or [np.nan])
        print(f"{silence:>9.1f}  {np.median(ms):>9.0f}  {ms.min():>5.0f}  {ms.max():>5.0f}  "
              f"{missed:>6}  " + "  ".join(f"{c:>9}" for c in cuts))
        load_model.cache_clear()  # one model in memory at a time
        gc.collect()


BARGE_IN = {"ko": ["멈춰", "그만", "잠깐", "기다려"], "en": ["stop", "wait"]}
COACH_SAYS = {"ko": "무릎을 쭉 펴세요. 발과 발가락을 얼굴 쪽으로 당기세요. 천천히 숨 쉬세요.",
              "en": "Straighten your knee. Pull your foot and toes towards your face. "
                    "Breathe slowly."}
ECHO = 0.3
"""The coach's own voice as it comes back through the microphone (about -10 dB)."""
GAP_S = 0.6
"""The pause after the coach's instructions in which "stop" is said. Said over the coach's
voice, the grammar hears one long string of its phrases and acts on none (a limit of
barge-in that this table does not measure)."""


def barge_in_table(cfg: config.Config, folder: Path, code: str, rates: tuple[int, ...],
                   work: Path) -> None:
    """"Stop" said over the coach: real end of speech → the coach hushed, with the open pass
    off, in the listener's thread (before), on its own thread (now)."""
    said = [trimmed(spoken(w, code, r, work)) for w in BARGE_IN[code] for r in rates]
    echo = (trimmed(spoken(COACH_SAYS[code], code, 140, work)) * ECHO).astype(np.int16)

    def inline(listener: Any) -> None:
        listener.open_pass.close()
        listener.open_pass = InlineOpenPass(listener.open_pass.ear)

    def off(listener: Any) -> None:
        listener.open_pass.close()
        listener.open_pass = None

    modes: dict[str, Callable[[Any], None]] = {
        "no open pass (reference)": off,
        "open pass in the listener's thread (before)": inline,
        "open pass on its own thread (now)": lambda listener: None,
    }
    print(f"\n\"Stop\" said while the coach talks → hushed (audio time + CPU but the open "
          f"pass's thread), {len(said)} commands said after 1 s of quiet / {GAP_S} s after "
          f"the coach's {len(echo) / audio.RATE:.1f} s of instructions (its voice back at "
          f"-10 dB)")
    print(f"{'open pass':<46} {'said':<9} {'median ms':>9}  {'min':>5}  {'max':>5}  "
          f"{'missed':>6}  {'ratio':>6}")
    for over in (False, True):
        reference = 0.0
        for name, how in modes.items():
            median = _barge_in(cfg, folder, code, said, echo if over else None, how, name,
                               reference)
            reference = reference or median


def _barge_in(cfg: config.Config, folder: Path, code: str, said: list[np.ndarray],
              echo: np.ndarray | None, how: Callable[[Any], None], name: str,
              reference: float) -> float:
    """One row of :func:`barge_in_table`; returns its median (ms)."""
    latencies, missed = [], 0
    for x in said:
        lead = audio.silence(1.0)
        if echo is not None:  # said as the coach's instructions end, before its next ones
            lead = np.concatenate([lead, echo, audio.silence(GAP_S)])
        source = RoomSource(np.concatenate([lead, x]))
        voice = Talking(source.now)
        path = listen.build(cfg, PluginHost(autoload=False), folder, source, language=code,
                            speaker=voice)
        how(path.listener)
        path.run()
        end = (len(lead) + len(x)) / audio.RATE
        after = [t - end for t in voice.hushed if t > end - 0.3]  # not the echo
        if after:
            latencies.append(after[0])
        else:
            missed += 1
    ms = 1000 * np.array(latencies or [np.nan])
    median = float(np.median(ms))
    said_how = "over" if echo is not None else "alone"
    print(f"{name:<46} {said_how:<9} {median:>9.0f}  {ms.min():>5.0f}  {ms.max():>5.0f}  "
          f"{missed:>6}  {median / (reference or median):>5.2f}x")
    return median


def reply_render(cfg: config.Config, code: str) -> None:
    """Wall time from an utterance to the first sentence of the reply rendered to audio."""
    from crampcoach.voice import session

    renderer = renderer_for(cfg, code)
    renderer.render("warm up")
    out: list = []
    s = session.build(cfg, out.append, language=code, host=PluginHost(autoload=False))
    s.dialogue.start()
    text = {"ko": "쥐 났어요", "en": "my left calf"}[code]
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        out.clear()
        s.dialogue.hear(text)
        renderer.render(out[0].text)
        times.append(time.perf_counter() - t0)
        s.dialogue.hear({"ko": "멈춰", "en": "stop"}[code])
    s.dialogue.end()
    print("\nReply: utterance handled → first sentence rendered (wall time)")
    print(f"{'median ms':>9}  {'max ms':>6}")
    print(f"{1000 * float(np.median(times)):>9.0f}  {1000 * max(times):>6.0f}")


PEAK = """
import sys, time
t = time.perf_counter()
{body}
status = open("/proc/self/status").read().split("\\n")
hwm = next(int(x.split()[1]) for x in status if x.startswith("VmHWM"))
print("PEAK", hwm, time.perf_counter() - t)
"""
BARE = """
import json, vosk
vosk.SetLogLevel(-1)
m = vosk.Model({folder!r})
r = vosk.KaldiRecognizer(m, 16000, json.dumps({phrases!r}, ensure_ascii=False))
r.AcceptWaveform(bytes(32000)); r.FinalResult()
"""
LISTEN = """
from crampcoach.voice import cli
cli.main({argv!r})
"""


def memory(folder: Path, code: str, work: Path) -> None:
    """Peak memory of ``listen`` on a short recording, and of bare Vosk with one grammar
    recogniser, each in a fresh process; model load time alone."""
    wav = work / "mem.wav"
    said = trimmed(spoken(WORDS["replied"][code][0][0], code, 140, work))
    audio.write_wav(wav, np.concatenate([audio.silence(1.0), said, audio.silence(1.0)]),
                    audio.RATE)
    env = dict(os.environ, CRAMPCOACH_DATA_DIR=str(work / "memdata"),
               CRAMPCOACH_DISABLE_PLUGIN_AUTOLOAD="1")

    def peak(body: str) -> tuple[int, float]:
        out = subprocess.run([sys.executable, "-c", PEAK.format(body=body)], env=env,
                             capture_output=True, text=True, cwd=work)
        line = [x for x in out.stdout.splitlines() if x.startswith("PEAK")]
        if not line:
            raise SystemExit(f"memory probe failed: {out.stderr.strip()[-300:]}")
        _, kb, seconds = line[-1].split()
        return int(kb), float(seconds)

    bare_kb, load_s = peak(BARE.format(folder=str(folder), phrases=["쥐 났어요"]
                                       if code == "ko" else ["cramp"]))
    listen_kb, _ = peak(LISTEN.format(argv=["listen", "--input", str(wav), "--no-speak",
                                            "--language", code, "--model", str(folder)]))
    print("\nMemory, each in a fresh process (peak resident set, VmHWM)")
    print(f"{'process':<44} {'peak MB':>7}  {'vs bare':>7}")
    print(f"{'bare vosk.Model + one grammar recogniser':<44} {bare_kb / 1024:>7.0f}")
    print(f"{'crampcoach listen --input (1 command)':<44} {listen_kb / 1024:>7.0f}  "
          f"{listen_kb / bare_kb:>6.3f}x")
    print(f"model load + one recogniser: {load_s:.2f} s")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--language", default="ko")
    p.add_argument("--model", default="")
    p.add_argument("--only", default="cost,endpoint,barge,reply,memory",
                   help="comma-separated tables to print")
    p.add_argument("--rates", default="130,150", help="speech rates of the spoken commands")
    p.add_argument("--silences", default="0.3,0.5,0.8", help="endpoint silences to try")
    p.add_argument("--start-frames", type=int, default=listen.GATE_START_FRAMES,
                   help="voiced frames that open the gate (3 was the gate before issue 16)")
    p.add_argument("--before", action="store_true",
                   help="the gate and endpointing as they were before issue 16, for comparison: "
                        "3 frames open the gate, its hang-over is the endpoint silence + 0.5 s, "
                        "Vosk's endpointer at the endpoint silence")
    args = p.parse_args()
    code = args.language
    listen.GATE_START_FRAMES = args.start_frames
    if args.before:
        from crampcoach.voice.vad import SpeechGate

        listen.VOSK_BACKSTOP_S = 0.0
        listen.speech_gate = lambda silence: SpeechGate(hangover_s=silence + 0.5, start_frames=3)
    work = Path(tempfile.mkdtemp(prefix="crampcoach-bench-"))
    folder = models.resolve(config.load().data_dir, code, args.model)

    def cfg_for(silence: float = 0.5) -> config.Config:
        return config.load(data_dir=work / "data",
                           overrides={"recognizer.endpoint_silence_s": silence})

    only = args.only.split(",")
    if "cost" in only:
        cost_table(cfg_for(), folder, code, work)
    if "endpoint" in only:
        endpoint_table(cfg_for, folder, code, tuple(map(int, args.rates.split(","))), work,
                       tuple(map(float, args.silences.split(","))))
    if "barge" in only:
        barge_in_table(cfg_for(), folder, code, tuple(map(int, args.rates.split(","))), work)
    if "reply" in only:
        reply_render(cfg_for(), code)
    if "memory" in only:
        memory(folder, code, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
