"""Red-flag triage: the tier the coach answers a symptom description with, in every context.

The corpus (``benchmarks/data/symptoms_<lang>.tsv``, and ``symptoms_<lang>_heldout.tsv``
which is never tuned on) was written and labelled before the safety plugin was read. Each
description is said through the real dialogue, with the built-in plugins, in each context:
alone, mid-routine, as the answer to each question the coach asks, after an answer word
("no and …"), and the moment the coach starts talking. The answer's tier is read from what
the coach said. Prints one confusion table per context and the floors::

    python benchmarks/triage.py [--language en|ko] [--heldout | --dev] [--text-only] [--set NAME]

``--text-only`` skips the dialogue and screens the text alone (what the tests assert).
``--set NAME`` measures a later block written apart from the first corpus
(``symptoms_<lang>_NAME.tsv`` and its held-back part ``symptoms_<lang>_NAME_heldout.tsv``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
TIERS = ("emergency", "same_day", "soon", "none")
RANK = {"emergency": 3, "same_day": 2, "soon": 1, "none": 0, "check": 0}

# What sets up each context, and the answer words said before a description.
SETUPS = {
    "en": {"cramp": "cramp", "calf": "my left calf", "over": "it's gone"},
    "ko": {"cramp": "쥐 났어요", "calf": "왼쪽 종아리", "over": "다 됐어요"},
}
PREFIXES = {
    "en": {"no and": "no and {}", "a bit but": "a bit but {}", "eight and": "eight and {}"},
    "ko": {"no and": "아니요 그리고 {}", "a bit but": "조금요 근데 {}",
           "eight and": "여덟 그리고 {}"},
}


@dataclass(frozen=True)
class Case:
    text: str
    tier: str
    note: str


def load(language: str, heldout: bool = False, block: str = "") -> list[Case]:
    name = f"symptoms_{language}{f'_{block}' if block else ''}{'_heldout' if heldout else ''}.tsv"
    cases = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, tier, *rest = line.split("\t")
        cases.append(Case(text.strip(), tier.strip(), rest[0] if rest else ""))
    return cases


# -- reading the tier from what the coach said ---------------------------------------------------
def unknown_reply(language: str) -> str:
    """The help plugin's line for the unheard, which must never answer a symptom."""
    from crampcoach.plugins import help as help_plugin
    from crampcoach.voice import phrasebook

    return phrasebook.load(Path(help_plugin.__file__).parent, language)["say"]["unknown"][-1]


def tier_reader(language: str) -> Callable[[list[str]], str]:
    from crampcoach.plugins import safety
    from crampcoach.voice import phrasebook

    say = phrasebook.load(Path(safety.__file__).parent, language)["say"]
    marks = {}
    for tier in ("emergency", "same_day", "soon"):
        for key in (tier, f"{tier}_other"):
            if key in say:
                marks[say[key][0]] = tier
    checks = {v for k, v in say.items() if k.startswith("check_") and k not in
              ("check_no", "check_timeout")}

    def read(said: list[str]) -> str:
        for s in said:
            if s in marks:
                return marks[s]
        return "check" if any(s in checks for s in said) else "none"

    return read


# -- contexts ---------------------------------------------------------------------------------
class Harness:
    """A fresh conversation per description, on a manual clock, replies collected."""

    def __init__(self, language: str, root: Path):
        from crampcoach.voice import config as configuration
        from crampcoach.voice.clock import ManualClock
        from crampcoach.voice.host import PluginHost

        self.language = language
        self.root = root
        self._last = None
        self._cfg = configuration
        self._clock = ManualClock
        self._host = PluginHost

    def new(self):
        from crampcoach.voice.session import build

        # Each description starts from an empty journal and profile: nothing said before
        # (a pregnancy, say) may change how it is answered.
        if self._last is not None:
            self._last.end()
        folder = self.root / "case"
        shutil.rmtree(folder, ignore_errors=True)
        os.environ["CRAMPCOACH_DATA_DIR"] = str(folder)
        cfg = self._cfg.load(overrides={})
        said: list[str] = []
        clock = self._clock()
        session = build(cfg, lambda s: said.append(s.text), language=self.language,
                        time_scale=1.0, clock=clock, host=self._host(autoload=False))
        session.dialogue.start()
        self._last = session.dialogue
        said.clear()
        return session.dialogue, clock, said


def _until_question(d, clock, name: str, limit: int = 400) -> bool:
    for _ in range(limit):
        if d.question and d.question.question.name == name:
            return True
        clock.advance(1)
        d.tick()
    return False


def contexts(language: str) -> dict[str, Callable]:
    """Each context: a function (harness, text) → what the coach said after the text."""
    setup, prefix = SETUPS[language], PREFIXES[language]

    def say_in(prepare: Callable, template: str = "{}") -> Callable:
        def run(h: Harness, text: str) -> list[str]:
            d, clock, said = h.new()
            if not prepare(d, clock):
                raise RuntimeError(f"{h.language}: the context for {text!r} was not reached")
            said.clear()
            d.hear(template.format(text))
            d.tick()
            return list(said)
        return run

    def idle(d, clock) -> bool:
        return True

    def talking(d, clock) -> bool:  # the coach has just begun its first step
        d.hear(setup["calf"])
        return d.busy()

    def routine(d, clock) -> bool:  # a hold under way, its count-down running
        d.hear(setup["calf"])
        for _ in range(12):
            clock.advance(1)
            d.tick()
        return d.busy()

    def easing(d, clock) -> bool:
        d.hear(setup["calf"])
        return _until_question(d, clock, "check")

    def muscle(d, clock) -> bool:
        d.hear(setup["cramp"])
        return bool(d.question and d.question.question.name == "muscle")

    def severity(d, clock) -> bool:
        d.hear(setup["calf"])
        d.hear(setup["over"])
        return bool(d.question and d.question.question.name == "severity")

    return {
        "alone": say_in(idle),
        "coach talking": say_in(talking),
        "mid-routine": say_in(routine),
        "answer: easing?": say_in(easing),
        "answer: calf or foot?": say_in(muscle),
        "answer: how bad?": say_in(severity),
        "prefix: no and": say_in(easing, prefix["no and"]),
        "prefix: a bit but": say_in(easing, prefix["a bit but"]),
        "prefix: eight and": say_in(severity, prefix["eight and"]),
    }


def text_only(language: str) -> dict[str, Callable]:
    """The screen alone on the text (and on the text after an answer word): fast, for tests."""
    from crampcoach.plugins import safety
    from crampcoach.plugins.safety import screening
    from crampcoach.voice import phrasebook

    data = phrasebook.load(Path(safety.__file__).parent, language)

    def run(template: str) -> Callable:
        def f(h: object, text: str) -> str:
            v = screening.screen(template.format(text), data, language)
            return v.tier or ("check" if v.check else "none")
        return f

    out = {"alone": run("{}")}
    out.update({f"prefix: {k}": run(v) for k, v in PREFIXES[language].items()})
    return out


# -- scoring --------------------------------------------------------------------------------
@dataclass
class Score:
    table: Counter
    emergency_recall: float
    emergency_below_same_day: int
    same_day_ok: float
    soon_ok: float
    over_emergency: int
    none_raised: int
    unknown_reply: int
    wrong: list[tuple[str, str, str]]


def score(results: Iterable[tuple[Case, str, bool]]) -> Score:
    table: Counter = Counter()
    per: dict[str, list[str]] = {t: [] for t in TIERS}
    wrong = []
    unknown = 0
    for case, got, said_unknown in results:
        table[(case.tier, got)] += 1
        per[case.tier].append(got)
        unknown += said_unknown and case.tier != "none"
        if not _ok(case.tier, got):
            wrong.append((case.text, case.tier, got))

    def share(tier: str, ok: Callable[[str], bool]) -> float:
        got = per[tier]
        return sum(map(ok, got)) / len(got) if got else 1.0

    return Score(
        table=table,
        emergency_recall=share("emergency", lambda g: g == "emergency"),
        emergency_below_same_day=sum(RANK[g] < 2 for g in per["emergency"]),
        same_day_ok=share("same_day", lambda g: g == "same_day"),
        soon_ok=share("soon", lambda g: g in ("soon", "same_day")),
        over_emergency=sum(g == "emergency" for t in ("same_day", "soon") for g in per[t]),
        none_raised=sum(g in ("emergency", "same_day", "soon") for g in per["none"]),
        unknown_reply=unknown,
        wrong=wrong,
    )


def _ok(expected: str, got: str) -> bool:
    if expected == "emergency":
        return got == "emergency"
    if expected == "same_day":
        return got == "same_day"
    if expected == "soon":
        return got in ("soon", "same_day")
    return got in ("none", "check")


def floors_met(s: Score) -> bool:
    return (s.emergency_recall >= 0.97 and s.emergency_below_same_day == 0
            and s.same_day_ok >= 0.90 and s.soon_ok >= 0.90 and s.over_emergency == 0
            and s.none_raised == 0 and s.unknown_reply == 0)


def evaluate(language: str, heldout: bool, text: bool, block: str = "") -> dict[str, Score]:
    cases = load(language, heldout, block)
    out: dict[str, Score] = {}
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as tmp:
        h = Harness(language, Path(tmp)) if not text else None
        read = tier_reader(language) if not text else None
        unknown = unknown_reply(language)
        ctxs = text_only(language) if text else contexts(language)
        for name, run in ctxs.items():
            results = []
            for case in cases:
                if text:
                    results.append((case, run(None, case.text), False))
                else:
                    said = run(h, case.text)
                    results.append((case, read(said), unknown in said))
            out[name] = score(results)
    return out


def report(language: str, heldout: bool, text: bool, verbose: bool, block: str = "") -> bool:
    scores = evaluate(language, heldout, text, block)
    n = len(load(language, heldout, block))
    part = ("held-back" if heldout else "development") + (f" {block}" if block else "")
    print(f"\n## {language}, {part} set ({n} descriptions){' — text only' if text else ''}\n")
    print("| context | emergency recall | emergency < same day | same day exact | soon ≥ soon |"
          " same day/soon → emergency | none → red flag | 'say cramp' to a symptom | floors |")
    print("|---|---|---|---|---|---|---|---|---|")
    ok_all = True
    for name, s in scores.items():
        ok = floors_met(s)
        ok_all &= ok
        print(f"| {name} | {s.emergency_recall:.1%} | {s.emergency_below_same_day} | "
              f"{s.same_day_ok:.1%} | {s.soon_ok:.1%} | {s.over_emergency} | {s.none_raised} | "
              f"{s.unknown_reply} | {'met' if ok else 'MISSED'} |")
    first = next(iter(scores.values()))
    print("\nConfusion, said alone (rows: labelled tier; columns: answered):\n")
    cols = ("emergency", "same_day", "soon", "check", "none")
    print("| labelled \\ answered | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for t in TIERS:
        print(f"| {t} | " + " | ".join(str(first.table[(t, c)]) for c in cols) + " |")
    if verbose:
        for name, s in scores.items():
            for text_, want, got in s.wrong:
                print(f"  [{name}] {want:>9} → {got:<9} {text_}")
    return ok_all


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--language", choices=("en", "ko"), action="append")
    part = ap.add_mutually_exclusive_group()
    part.add_argument("--heldout", action="store_true", help="the held-back set only")
    part.add_argument("--dev", action="store_true",
                      help="the development set only (while tuning, the held-back part unseen)")
    ap.add_argument("--text-only", action="store_true")
    ap.add_argument("--set", dest="block", default="", metavar="NAME",
                    help="a later block: symptoms_<lang>_NAME[_heldout].tsv (default: the first)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args(argv)
    os.environ.setdefault("CRAMPCOACH_DISABLE_PLUGIN_AUTOLOAD", "1")
    for lang in args.language or ["en", "ko"]:
        name = f"symptoms_{lang}{f'_{args.block}' if args.block else ''}.tsv"
        if not (DATA / name).is_file():
            ap.error(f"no symptom set {name} in {DATA}")
    ok = True
    for lang in args.language or ["en", "ko"]:
        held_name = f"symptoms_{lang}{f'_{args.block}' if args.block else ''}_heldout.tsv"
        if args.heldout and not (DATA / held_name).is_file():
            print(f"no held-back part {held_name} in {DATA}", file=sys.stderr)
            return 2
        # A probe block has no held-back part: its development part is the whole of it.
        both = [False, True] if (DATA / held_name).is_file() else [False]
        for held in ([True] if args.heldout else [False] if args.dev else both):
            ok &= report(lang, held, args.text_only, args.verbose, args.block)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
