"""Would a nearest-row fallback help? An experiment behind a decision (docs/decisions.md).

    .venv/bin/python benchmarks/nearest_row.py --language ko --block ko-round13

When the matcher hears nothing in a sentence, take the labelled benchmark row most like it
(rapidfuzz ``ratio``, whole strings) from every *other* block, held-back blocks left out, and
give its intent if the likeness reaches a cut-off. Leave-one-block-out, so the block measured
is never its own neighbour: the figures stand for a first run on a new set.

A row counts as *fixed* when the matcher missed it, its label has an intent and no slot, and
the neighbour's intent is that intent; *broken* when the matcher was right (always "nothing",
since the fallback only speaks when the matcher is silent) and the neighbour says otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crampcoach.voice.host import PluginHost  # noqa: E402
from crampcoach.voice.session import build_matcher  # noqa: E402

CUTOFFS = (60, 65, 70, 75, 80)


def rows(language: str) -> list[tuple[str, str, str | None, dict]]:
    """(block, text, intent or None, slots) of every benchmark row of ``language``."""
    out, block = [], "original"
    path = ROOT / "benchmarks" / "data" / f"{language}_phrasings.tsv"
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# ---- block:"):
            block = line.split("block:", 1)[1].split()[0]
        elif line and not line.startswith("#"):
            text, intent, slots = line.split("\t")
            out.append((block, text, None if intent == "null" else intent, json.loads(slots)))
    return out


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--language", default="en")
    p.add_argument("--block", action="append", required=True, help="a block to measure")
    args = p.parse_args()
    every = rows(args.language)
    matcher = build_matcher(PluginHost(autoload=False), args.language)
    print(f"{'block':22} {'cut-off':>7} {'matcher':>9} {'fixed':>6} {'broken':>7}")
    for block in args.block:
        known = [r for r in every if r[0] != block and not r[0].endswith("-heldback")]
        texts = [r[1] for r in known]
        measured = [r for r in every if r[0] == block]
        heard = {text: matcher.match(text) for _, text, _, _ in measured}
        for cutoff in CUTOFFS:
            right = fixed = broken = 0
            for _, text, intent, slots in measured:
                got = heard[text]
                ok = (got.name, got.slots) == (intent, slots)
                right += ok
                if got.name is not None:
                    continue
                near = process.extractOne(text, texts, scorer=fuzz.ratio, score_cutoff=cutoff)
                if near is None:
                    continue
                said = known[near[2]][2]
                fixed += not ok and intent is not None and not slots and said == intent
                broken += ok and said != intent
            print(f"{block:22} {cutoff:>7} {right:>4}/{len(measured):<4} {fixed:>6} {broken:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
