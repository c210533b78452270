"""What every round's class tests share: the benchmark rows (so a test can show that none of its
own sentences is one), the parameters of a table of classes, and the screen's tier of a sentence.

Each round file holds only its sentences and what they mean; the machinery is here, once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pytest

from crampcoach.plugins import safety
from crampcoach.plugins.safety import screening
from crampcoach.voice import phrasebook

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data"


def benchmark_rows(language: str = "en") -> Iterator[tuple[str, str]]:
    """(block, text) of every benchmark row of ``language``, in file order."""
    block = "original"
    for line in (DATA / f"{language}_phrasings.tsv").read_text("utf-8").splitlines():
        if line.startswith("# ---- block:"):
            block = line.split("block:", 1)[1].split()[0]
        elif line and not line.startswith("#"):
            yield block, line.split("\t")[0]


def spoken(text: str) -> str:
    """A test sentence as a benchmark row writes it: lower case, no commas or question marks."""
    return " ".join(text.lower().replace(",", " ").replace("?", " ").split())


def benchmark_rows_among(sentences: Iterable[str], language: str = "en") -> list[str]:
    """Those of ``sentences`` that are benchmark rows of any block, held-back ones included.

    A test sentence copied from the benchmark would make its figure a test of itself. Only
    the sentences found are named, so a failure tells nothing of what a held-back block holds
    beyond the tester's own sentence."""
    rows = {spoken(text) for _, text in benchmark_rows(language)}
    return [s for s in sentences if spoken(s) in rows]


def sentences_of(classes: Mapping[str, Iterable[tuple]]) -> list[str]:
    """The sentences of a table of classes (each row's first field)."""
    return [row[0] for rows in classes.values() for row in rows]


def class_params(classes: Mapping[str, Iterable[tuple[str, str | None, dict]]]) -> list:
    """One pytest parameter (text, intent, slots) per row, named by its class and sentence."""
    return [pytest.param(t, i, s, id=f"{cls}: {t}") for cls, rows in classes.items()
            for t, i, s in rows]


def screen_tier(text: str, language: str = "en") -> str:
    """The screen's word on ``text``: its tier, ``check:<what>`` (advice to check) or ``none``."""
    verdict = screening.screen(text, phrasebook.load(safety.HERE, language) or {}, language)
    return verdict.tier or (f"check:{verdict.check}" if verdict.check else "none")


def symptom_rows() -> set[str]:
    """Every row of the triage sets (``symptoms_*.tsv``), in spoken form."""
    rows: set[str] = set()
    for path in sorted(Path(DATA).glob("symptoms_*.tsv")):
        for line in path.read_text("utf-8").splitlines():
            if line and not line.startswith("#"):
                rows.add(spoken(line.split("\t")[0]))
    return rows
