"""False accepts: ordinary speech that says no command, played to ``listen``, must not act.

    .venv/bin/python benchmarks/false_accepts.py [--language ko] [--minutes 20] [--model DIR]
                                                 [--text FILE] [--gaps MIN-MAX] [--no-recognition]

The speech is Debian's FAQ in the language (``apt-get install debian-faq-ko``; English:
``debian-faq``), or any UTF-8 text given with ``--text``, read by espeak-ng and fed through
``crampcoach listen --input FILE.wav --no-speak`` with a fresh data folder, exactly as a user
would. ``--text benchmarks/data/tv_ko.txt --gaps 0.5-2.5`` is television: news, sport
with players' cramps, dramas, a health programme about night cramps, each line alone with a
pause after it (written apart from the grammar; sources in ``tv_ko.SOURCES.md``). The FAQ's
first chapter (``basic-defs``) was used while designing the rejection rules, so it is left
out: what is measured was never looked at while tuning.

Prints acts per hour (utterances the coach acted on: woken, or a command taken), red-flag
answers (sentences of the safety plugin's tiers), episodes logged, and the recognition rate
of ``benchmarks/recognition.py`` in the same run, so rejection is never bought with deafness.
"""

from __future__ import annotations

import argparse
import array
import html.parser
import json
import random
import re
import subprocess
import sys
import tempfile
import time
import tomllib
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAQ = Path("/usr/share/doc/debian/FAQ")
TUNED_ON = "basic-defs"
"""The chapter looked at while tuning; never part of what is measured."""
SCRIPT = {"ko": r"[\uac00-\ud7a3]", "en": r"[A-Za-z]"}
ESPEAK_RATE = 150
RED_FLAG_TIERS = ("emergency", "emergency_other", "same_day", "soon")


class _Paragraphs(html.parser.HTMLParser):
    """The running text of an HTML page, one paragraph per item; code blocks left out."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "dt", "dd", "div", "title", "br"}
    CODE = {"pre", "code", "tt", "script", "style"}

    def __init__(self) -> None:
        super().__init__()
        self.out: list[str] = []
        self._buf: list[str] = []
        self._code = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._code += tag in self.CODE
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        self._code -= tag in self.CODE
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._code:
            self._buf.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        self._buf = []
        if text:
            self.out.append(text)


def faq_paragraphs(code: str) -> list[str]:
    """The FAQ's paragraphs in the language, chapter by chapter, repeats and the tuning
    chapter left out, keeping those mostly in the language's own script."""
    pages = sorted(p for p in FAQ.rglob(f"*.{code}.html") if not p.name.startswith(TUNED_ON))
    if not pages:
        raise SystemExit(f"false_accepts: no Debian FAQ in {code!r} under {FAQ}: install it "
                         f"(apt-get install debian-faq{'-' + code if code != 'en' else ''}) "
                         "or give --text FILE")
    seen: set[str] = set()
    out = []
    for page in pages:
        parser = _Paragraphs()
        parser.feed(page.read_text("utf-8", errors="replace"))
        for para in parser.out:
            letters = len(re.findall(SCRIPT.get(code, r"\w"), para))
            if para not in seen and letters >= 0.5 * len(para.replace(" ", "")):
                seen.add(para)
                out.append(para)
    return out


def render(paragraphs: list[str], code: str, minutes: float, work: Path) -> tuple[Path, float]:
    """espeak-ng reads paragraphs, twenty more at a time, until ``minutes`` of speech (it
    renders far faster than real time); the WAV and its length in seconds."""
    wav, text = work / "speech.wav", work / "speech.txt"
    take, seconds = 0, 0.0
    while seconds < minutes * 60 and take < len(paragraphs):
        take += 20
        text.write_text("\n\n".join(paragraphs[:take]), "utf-8")
        subprocess.run(["espeak-ng", "-v", code, "-s", str(ESPEAK_RATE), "-w", str(wav),
                        "-f", str(text)], check=True, capture_output=True)
        with wave.open(str(wav)) as w:
            seconds = w.getnframes() / w.getframerate()
    return wav, seconds


def render_lines(paragraphs: list[str], code: str, minutes: float, gaps: tuple[float, float],
                 work: Path) -> tuple[Path, float]:
    """Television dialogue: each paragraph read on its own and followed by a pause drawn
    (seeded, so runs compare) between ``gaps`` seconds. espeak-ng's ~0.4 s of silence after
    each line is cut first, so the pause is what ``gaps`` says. Short lines with real pauses
    are harder than running prose: a lone "다리에 쥐 났어" in a drama is said into quiet."""
    rng = random.Random(13)
    out, rate, seconds = [], 16000, 0.0
    one = work / "line.wav"
    for para in paragraphs:
        if seconds >= minutes * 60:
            break
        subprocess.run(["espeak-ng", "-v", code, "-s", str(ESPEAK_RATE), "-w", str(one), para],
                       check=True, capture_output=True)
        with wave.open(str(one)) as w:
            rate = w.getframerate()
            samples = array.array("h", w.readframes(w.getnframes()))
        end = len(samples)
        while end > 0 and abs(samples[end - 1]) < 64:  # espeak-ng's padding
            end -= 1
        pause = array.array("h", bytes(2 * int(rng.uniform(*gaps) * rate)))
        out.append(samples[:end] + pause)
        seconds += (end + len(pause)) / rate
    wav = work / "speech.wav"
    with wave.open(str(wav), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        for chunk in out:
            w.writeframes(chunk.tobytes())
    return wav, seconds


def red_flag_sentences(code: str) -> set[str]:
    data = tomllib.loads((ROOT / "plugins" / "safety" / "lang" / f"{code}.toml").read_text("utf-8"))
    out: set[str] = set()
    for tier in RED_FLAG_TIERS:
        said = data.get("say", {}).get(tier, [])
        out.update([said] if isinstance(said, str) else said)
    return out


def listen(wav: Path, code: str, model: str, work: Path) -> dict[str, object]:
    """``crampcoach listen --input`` on a fresh data folder, as a user would run it."""
    data = work / "data"
    data.mkdir()
    cmd = [sys.executable, "-m", "crampcoach.voice.cli", "--data-dir", str(data), "listen",
           "--input", str(wav), "--language", code, "--no-speak"]
    if model:
        cmd += ["--model", model]
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    took = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"false_accepts: listen failed: {done.stderr.strip()[-300:]}")
    lines = done.stdout.splitlines()
    acts = [x[5:] for x in lines if x.startswith("you: ")]
    flags = red_flag_sentences(code)
    red = [x[7:] for x in lines if x.startswith("coach: ") and x[7:] in flags]
    export = subprocess.run([sys.executable, "-m", "crampcoach.voice.cli", "--data-dir",
                             str(data), "log", "export", "--format", "json"],
                            capture_output=True, text=True, cwd=ROOT)
    episodes = json.loads(export.stdout or "[]") if export.returncode == 0 else []
    return {"acts": acts, "red_flags": red, "episodes": len(episodes), "seconds": took}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--language", default="ko")
    p.add_argument("--minutes", type=float, default=20.0)
    p.add_argument("--model", default="", help="a Vosk model folder (default: the installed)")
    p.add_argument("--text", help="read this UTF-8 text instead of the Debian FAQ")
    p.add_argument("--gaps", metavar="MIN-MAX",
                   help="read each paragraph alone with a pause of MIN-MAX seconds after it "
                        "(television dialogue), e.g. 0.5-2.5")
    p.add_argument("--no-recognition", action="store_true",
                   help="skip the recognition benchmark")
    args = p.parse_args()
    paragraphs = ([x for x in Path(args.text).read_text("utf-8").split("\n\n") if x.strip()]
                  if args.text else faq_paragraphs(args.language))
    work = Path(tempfile.mkdtemp(prefix="crampcoach-fa-"))
    if args.gaps:
        try:
            low, high = (float(x) for x in args.gaps.split("-"))
        except ValueError:
            p.error(f"--gaps must be like 0.5-2.5, not {args.gaps!r}")
        wav, seconds = render_lines(paragraphs, args.language, args.minutes, (low, high), work)
    else:
        wav, seconds = render(paragraphs, args.language, args.minutes, work)
    got = listen(wav, args.language, args.model, work)
    hours = seconds / 3600
    acts = got["acts"]
    assert isinstance(acts, list)
    print(f"{'language':<10} {'speech':>8} {'acts':>5} {'acts/hour':>10} {'red flags':>10} "
          f"{'episodes':>9} {'listen took':>12}")
    print(f"{args.language:<10} {seconds / 60:>6.1f} m {len(acts):>5} {len(acts) / hours:>10.2f} "
          f"{len(got['red_flags']):>10} {got['episodes']:>9} "  # type: ignore[arg-type]
          f"{got['seconds']:>10.0f} s")
    for a in acts:
        print(f"  acted on: {a}")
    if not args.no_recognition:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import recognition

        good, total, _ = recognition.run(args.language, args.model)
        print(f"recognised {good}/{total} = {good / total:.0%} "
              "(benchmarks/recognition.py, same run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
