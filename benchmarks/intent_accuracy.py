"""Intent-and-slot accuracy on phrasings written for measurement, not for the tests.

    .venv/bin/python benchmarks/intent_accuracy.py [--language en] [--show-misses]
        [--engine ours|hassil|hassil-wildcards]

The set is ``benchmarks/data/<lang>_phrasings.tsv``: text, intent (``null`` for none), slots.
A phrasing counts as right only when the intent and every slot match exactly.

Two readings are scored. ``matcher`` is the phrase matcher alone, on every intent. ``dialogue``
is what a person meets: as ``Dialogue.hear`` does, the safety screen reads the sentence first
(a red flag is answered whatever the matcher makes of it; "see a doctor soon" is advice, and
the sentence is then understood as usual), and the matcher never takes ``safety.symptom``
itself (it is declared ``screened``). There a ``safety.symptom`` row is right when the screen
answers it, with a tier or its one yes/no question; which tier is ``benchmarks/triage.py``'s
measure, so the row's symptom slot is not compared, and advice counts. A row of another
intent that the screen answers with more than advice is a miss there, and so is a row of no
intent that it answers at all (advice said to a remark).

``--engine hassil`` runs the same templates and slot lists through Home Assistant's ``hassil``
(``pip install -e ".[bench]"``): ``hassil`` matches whole sentences only, and
``hassil-wildcards`` lets any words come before and after each sentence. The comparison and
the decision are in docs/intents.md.

A comment line ``# ---- block: NAME ...`` starts a block; figures are printed per block. Blocks
whose name ends in ``-heldback`` are never tuned on: their misses are not shown unless
``--show-heldback`` is given (use it only to report, after tuning is over).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crampcoach.voice.host import PluginHost  # noqa: E402
from crampcoach.voice.session import build_matcher  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--language", default="en")
    p.add_argument("--show-misses", action="store_true")
    p.add_argument("--show-heldback", action="store_true")
    p.add_argument("--engine", choices=["ours", "hassil", "hassil-wildcards"], default="ours")
    p.add_argument("--skip", action="append", default=[], metavar="BLOCK",
                   help="leave a block out (a tuner keeps a new set unseen until it is measured)")
    args = p.parse_args()
    matcher = build_matcher(PluginHost(autoload=False), args.language)
    screen = Screen(args.language)
    if args.engine != "ours":
        matcher = HassilMatcher(matcher, wildcards=args.engine == "hassil-wildcards")
    path = ROOT / "benchmarks" / "data" / f"{args.language}_phrasings.tsv"
    if not path.is_file():
        print(f"intent_accuracy: no phrasings for {args.language!r} ({path} is missing)",
              file=sys.stderr)
        return 1
    rows = [row for row in read_rows(path) if row[0] not in args.skip]
    per_intent: Counter[str] = Counter()
    right: Counter[str] = Counter()
    per_block: Counter[str] = Counter()
    block_right: Counter[str] = Counter()
    block_heard: Counter[str] = Counter()
    misses = []
    spent = 0.0
    for block, text, intent, slots in rows:
        want = None if intent == "null" else intent
        t = time.perf_counter()
        got = matcher.match(text)
        spent += time.perf_counter() - t
        per_intent[intent] += 1
        per_block[block] += 1
        shown = args.show_heldback or not block.endswith("-heldback")
        if got.name == want and got.slots == json.loads(slots):
            right[intent] += 1
            block_right[block] += 1
        elif shown:
            misses.append((block, text, intent, slots, got.name, got.slots))
        heard = screen.heard(text, matcher, got, want)
        if heard.name == want and (want == SYMPTOM or heard.slots == json.loads(slots)):
            block_heard[block] += 1
        elif shown and args.show_misses:
            misses.append((block, "dialogue", text, intent, slots, heard.name, heard.slots))
    ms = spent * 1000 / len(rows)
    print(f"{'intent':<22} {'right':>5} {'of':>4}")
    for intent in sorted(per_intent):
        print(f"{intent:<22} {right[intent]:>5} {per_intent[intent]:>4}")
    print(f"\n{'block':<22} {'right':>5} {'of':>4} {'matcher':>8} {'dialogue':>9}")
    for block in per_block:
        print(f"{block:<22} {block_right[block]:>5} {per_block[block]:>4}"
              f"  {block_right[block] / per_block[block]:>6.1%}"
              f"  {block_heard[block] / per_block[block]:>7.1%}")
    total, good = sum(per_intent.values()), sum(right.values())
    print(f"\n{good}/{total} = {good / total:.1%} intent and slots right "
          f"({ms:.2f} ms per sentence); as the dialogue hears them: "
          f"{sum(block_heard.values())}/{total} = {sum(block_heard.values()) / total:.1%}")
    if args.show_misses:
        for m in misses:
            print("miss:", m)
    return 0


SYMPTOM = "safety.symptom"


class Screen:
    """The safety plugin's screen, as ``Dialogue.hear`` runs it before the matcher."""

    def __init__(self, language: str):
        from crampcoach.plugins import safety
        from crampcoach.voice import phrasebook

        self.language = language
        self.data = phrasebook.load(safety.HERE, language)
        self.safety = safety

    def heard(self, text: str, matcher, matched, want: str | None):
        """What the dialogue takes ``text`` as: the screen's answer, or the matcher's (with
        advice from the screen first, which is the answer when advice is ``want``ed, or
        when nothing at all is)."""
        from crampcoach.voice.messages import Intent

        screening = self.safety.screening
        verdict = screening.screen(text, self.data or {}, self.language)
        answered = verdict.tier is not None or verdict.check is not None
        advice = verdict.tier in (screening.SOON, screening.SAME_DAY) and not (
            set(verdict.concepts) & self.safety.LEG_SIGNS)
        if answered and (not advice or want in (SYMPTOM, None)):
            return Intent(SYMPTOM, {}, "safety", text)
        screened = getattr(matcher, "screened", set()) or getattr(
            getattr(matcher, "ours", None), "screened", set())
        got = matched if matched.name not in screened else Intent(None, {}, None, text)
        if got.name is None and matched.name in screened:
            got = matcher.match(text, exclude=screened) if hasattr(matcher, "screened") else got
        if got.name is None and answered:
            return Intent(SYMPTOM, {}, "safety", text)  # the advice was the answer
        return got


class HassilMatcher:
    """The plugins' declarations run through hassil, answering like ``IntentMatcher.match``."""

    def __init__(self, ours, wildcards: bool):
        from hassil import Intents

        self.ours = ours
        lists = {}
        for name, values in ours.lists.items():
            lists[name] = {"values": [
                {"in": phrase, "out": int(value) if str(value).isdigit() else value}
                for value, phrases in values.items() for phrase in phrases]}
        intents = {}
        for name, decl in ours.intents.items():
            sentences = list(decl.sentences)
            if wildcards:
                sentences = [f"[{{before}}] {s} [{{after}}]" for s in sentences]
            intents[name] = {"data": [{"sentences": sentences}]}
        if wildcards:
            lists["before"] = {"wildcard": True}
            lists["after"] = {"wildcard": True}
        self.intents = Intents.from_dict(
            {"language": ours.language.code, "intents": intents, "lists": lists})

    def match(self, text: str):
        from hassil import recognize_best

        from crampcoach.voice.messages import Intent

        norm = self.ours.language.normalise(text)
        try:
            result = recognize_best(norm, self.intents)
        except Exception:  # noqa: BLE001 - a template hassil cannot take counts as a miss
            result = None
        if result is None:
            return Intent(None, {}, None, norm)
        name = result.intent.name
        slots = {k: e.value for k, e in result.entities.items()
                 if k in self.ours.intents[name].slots}
        return Intent(name, slots, self.ours.intents[name].plugin, norm)


def read_rows(path: Path) -> list[tuple[str, str, str, str]]:
    """(block, text, intent, slots) for every phrasing; the first block is "original"."""
    rows, block = [], "original"
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# ---- block:"):
            block = line.split("block:", 1)[1].split()[0]
        elif line and not line.startswith("#"):
            text, intent, slots = line.split("\t")
            rows.append((block, text, intent, slots))
    return rows


if __name__ == "__main__":
    sys.exit(main())
