"""What the open-vocabulary pass costs: CPU per second of speech, grammar recogniser alone
against grammar recogniser + open pass, on the same Korean audio in the same run.

    nice -n 10 .venv/bin/python benchmarks/open_vocab.py [--language ko] [--seconds 90]
                                                         [--model DIR] [--repeat 2]

The audio is ordinary speech (Debian's FAQ in the language, read by espeak-ng, as in
``false_accepts.py``), cut into utterances by the same voice-activity gate as ``listen``.
Awake (coaching), the open pass reads every utterance as it comes; asleep, it reads only the
buffered audio of an utterance the grammar took for a wake phrase (``voice/listener.py``).
Each figure is process CPU seconds per second of audio, best of ``--repeat`` runs; the ratio
column is against the grammar recogniser alone in the same state. The model is loaded and
the open recogniser made before anything is timed. The open pass runs on a thread of its own
(``OpenWorker``, issue 12); the row "on its thread" splits its run into the listener's
thread (what a command waits for) and the whole process.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from crampcoach.voice import audio, config, models  # noqa: E402
from crampcoach.voice.host import PluginHost  # noqa: E402
from crampcoach.voice.listen import grammars_for, model_view, speech_gate, wake_phrase_for  # noqa: E402
from crampcoach.voice.listener import take_reading  # noqa: E402
from crampcoach.voice.openvocab import OpenVocab, OpenWorker  # noqa: E402
from crampcoach.voice.recognizer import Recognizer  # noqa: E402
from crampcoach.voice.session import build_matcher  # noqa: E402

WakeCheck = Callable[[tuple[str, ...], Recognizer], bool]


class Threaded:
    """The open pass on its own thread, as the listener runs it, with the same calls as
    :class:`OpenVocab` (the readings are collected at the end)."""

    def __init__(self, ear: OpenVocab):
        self.worker = OpenWorker(ear)

    def feed(self, pcm: bytes) -> None:
        self.worker.feed(pcm)

    def end(self) -> None:
        self.worker.end(None)

    def read(self, pcm: bytes) -> None:
        self.worker.read(pcm, None)


def run_pass(samples: np.ndarray, make: Callable[[], Recognizer],
             open_vocab: OpenVocab | Threaded | None, live: bool,
             wake_check: WakeCheck) -> tuple[float, int, float]:
    """CPU seconds to hear ``samples`` as the listener would, how many utterances the open
    pass read, and the CPU seconds of the open pass's own thread (when it has one)."""
    gate = speech_gate(0.5)
    rec: Recognizer | None = None
    kept = bytearray()
    reads = 0
    t = time.process_time()

    def done(utt: object, r: Recognizer) -> None:
        nonlocal reads
        if open_vocab is None:
            return
        if live:
            open_vocab.end()
            reads += 1
        elif utt is not None and wake_check(utt.alternatives, r):  # type: ignore[attr-defined]
            open_vocab.read(bytes(kept))
            reads += 1
        kept.clear()

    for block in audio.blocks(samples):
        speech, ended = gate.feed(block)
        if speech:
            rec = rec or make()
            if open_vocab is not None:
                if live:
                    open_vocab.feed(speech)
                else:
                    kept.extend(speech)
            utt = rec.accept(speech)
            if utt:
                done(utt, rec)
                rec = None
        if ended and rec is not None:
            done(rec.end(), rec)
            rec = None
    if rec is not None:
        done(rec.end(), rec)
    elsewhere = 0.0
    if isinstance(open_vocab, Threaded):
        before = open_vocab.worker.cpu_s
        open_vocab.worker.ready(wait=True)
        open_vocab.worker.close()
        elsewhere = open_vocab.worker.cpu_s - before
    return time.process_time() - t, reads, elsewhere


RED_FLAGS = {
    "ko": [  # (said, the tier the content brief gives it)
        ("가슴이 아파요", "emergency"),
        ("숨을 못 쉬겠어요", "emergency"),
        ("숨쉬기가 힘들어요", "emergency"),
        ("남편이 쓰러졌어요", "emergency"),
        ("아내가 발작을 해요", "emergency"),
        ("기침할 때 피가 나와요", "emergency"),
        ("심장마비 같아요", "emergency"),
        ("어지럽고 가슴이 아파요", "emergency"),
        ("종아리가 붓고 뜨거워요", "same_day"),
        ("한쪽 다리가 퉁퉁 부었어요", "same_day"),
        ("쥐가 오래 계속돼요", "same_day"),
        ("쥐가 한 시간째 안 풀려요", "same_day"),
        ("다리에 감각이 없어요", "soon"),
        ("다리에 힘이 없어요", "soon"),
    ],
}


def hearing(code: str, open_vocab: OpenVocab) -> list[tuple[str, str, str, str | None]]:
    """Red-flag sentences spoken by espeak-ng: the open reading, and the tier the safety
    plugin's screen gives that reading."""
    import recognition

    from crampcoach.plugins.safety import HERE, screening
    from crampcoach.voice import phrasebook

    data = phrasebook.load(HERE, code)
    work = Path(tempfile.mkdtemp(prefix="crampcoach-ov-"))
    rows = []
    for said, tier in RED_FLAGS.get(code, []):
        got = open_vocab.read(recognition.spoken(said, code, 140, work).tobytes())
        rows.append((said, tier, got.text, screening.screen(got.text, data, code).tier))
    return rows


def main() -> int:
    import false_accepts

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--language", default="ko")
    p.add_argument("--seconds", type=float, default=90.0)
    p.add_argument("--model", default="")
    p.add_argument("--repeat", type=int, default=2)
    args = p.parse_args()
    code = args.language
    cfg = config.load()
    folder = models.resolve(cfg.data_dir, code, args.model)
    work = Path(tempfile.mkdtemp(prefix="crampcoach-ov-"))
    wav, _ = false_accepts.render(false_accepts.faq_paragraphs(code)[:40], code,
                                  args.seconds / 60, work)
    samples = audio.read_wav(wav)[: int(args.seconds * audio.RATE)]
    seconds = len(samples) / audio.RATE
    matcher = build_matcher(PluginHost(autoload=False), code)
    wake = matcher.language.normalise(wake_phrase_for(cfg, code))
    view = model_view(cfg, folder)
    grammars = grammars_for(view, matcher, wake)
    open_vocab = OpenVocab(view)
    open_vocab.read(audio.silence(0.5).tobytes())  # made and warmed before timing

    def wake_check(readings: tuple[str, ...], rec: Recognizer) -> bool:
        return take_reading(matcher, readings, wake, rec.phrases, True) is not None

    rows = []
    for state, make, live in (("coaching", grammars.coaching, True),
                              ("asleep", grammars.asleep, False)):
        alone = min(run_pass(samples, make, None, live, wake_check)[0]
                    for _ in range(args.repeat))
        runs = [run_pass(samples, make, open_vocab, live, wake_check)
                for _ in range(args.repeat)]
        both, reads = min(r[0] for r in runs), runs[0][1]
        rows.append((state, alone / seconds, both / seconds, both / alone, reads))
        if live:  # the same, the open pass on its own thread: the listener's share
            runs = [run_pass(samples, make, Threaded(open_vocab), live, wake_check)
                    for _ in range(args.repeat)]
            total = min(r[0] for r in runs)
            own = min(r[0] - r[2] for r in runs)
            rows.append((f"{state}, on its thread: listener", alone / seconds, own / seconds,
                         own / alone, runs[0][1]))
            rows.append((f"{state}, on its thread: process", alone / seconds, total / seconds,
                         total / alone, runs[0][1]))
    print(f"{seconds:.0f} s of {code} speech (Debian FAQ, espeak-ng), CPU s per audio s")
    print(f"{'state':<36} {'grammar alone':>14} {'grammar + open':>15} {'ratio':>7} "
          f"{'open reads':>11}")
    for state, alone, both, ratio, reads in rows:
        print(f"{state:<36} {alone:>14.3f} {both:>15.3f} {ratio:>6.2f}x {reads:>11}")
    heard = hearing(code, open_vocab)
    if heard:
        print("\nred flags spoken by espeak-ng, read by the open pass, screened")
        print(f"{'said':<24} {'tier':<10} {'screened':<10} open reading")
        for said, tier, text, got in heard:
            print(f"{said:<24} {tier:<10} {got or '-':<10} {text}")
        right = sum(got == tier for _, tier, _, got in heard)
        some = sum(got is not None for *_, got in heard)
        print(f"at the right tier {right}/{len(heard)}; any tier {some}/{len(heard)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
