"""Intent-and-slot accuracy on phrasings written for measurement, not for the tests.

    .venv/bin/python benchmarks/intent_accuracy.py [--language en] [--show-misses]

The set is ``benchmarks/data/<lang>_phrasings.tsv``: text, intent (``null`` for none), slots.
A phrasing counts as right only when the intent and every slot match exactly.
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
    args = p.parse_args()
    matcher = build_matcher(PluginHost(autoload=False), args.language)
    path = ROOT / "benchmarks" / "data" / f"{args.language}_phrasings.tsv"
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines()
            if line and not line.startswith("#")]
    per_intent: Counter[str] = Counter()
    right: Counter[str] = Counter()
    misses = []
    t = time.perf_counter()
    for text, intent, slots in rows:
        want = None if intent == "null" else intent
        got = matcher.match(text)
        per_intent[intent] += 1
        if got.name == want and got.slots == json.loads(slots):
            right[intent] += 1
        else:
            misses.append((text, intent, slots, got.name, got.slots))
    ms = (time.perf_counter() - t) * 1000 / len(rows)
    print(f"{'intent':<22} {'right':>5} {'of':>4}")
    for intent in sorted(per_intent):
        print(f"{intent:<22} {right[intent]:>5} {per_intent[intent]:>4}")
    total, good = sum(per_intent.values()), sum(right.values())
    print(f"\n{good}/{total} = {good / total:.1%} intent and slots right "
          f"({ms:.2f} ms per sentence)")
    if args.show_misses:
        for m in misses:
            print("miss:", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
