"""Every sentence the coach can speak, in every language, against the content brief's rules.

The corpus is read from the language data itself, so a new sentence cannot dodge the check.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = sorted([*ROOT.glob("plugins/*/lang/*.toml"), *ROOT.glob("voice/lang/*.toml")])
NOT_SPOKEN = {"lists", "intents", "routine_for", "tiers", "id", "evidence", "topics", "alt",
              "names", "fillers", "negations", "numbers", "spoken", "clock", "ordinals",
              "optional", "fluids", "tts_voice", "wake_phrase", "wake_alone", "counts",
              "screen", "concepts", "durations", "date_format", "decoys",
              "weekday_date_format", "day_of_month",  # strftime formats, patterns read
              "not_slot", "named_with", "name_suffixes", "heard_only",  # words heard, never said
              "rating_scales",
              "stands_for", "respell"}
MAX_WORDS = 15

# The brief's "never say" list, as patterns over lower-cased text (section 7 and section 3).
NEVER_SAY = {
    "pins or needles": r"\b(pin|pins|needle|needles|prick)\b",
    "lemon juice": r"\blemon",
    "pickle juice": r"\bpickle",
    "tonic water or quinine": r"\b(tonic|quinine)\b",
    "painkillers for the cramp": r"\b(aspirin|painkiller|pain killer|ibuprofen|paracetamol|"
                                 r"acetaminophen|naproxen)\b",
    "coffee with milk": r"coffee with milk",
    "cold floor": r"\bcold\b",
    "varicose veins cause cramps": r"veins? (cause|causes|caused)",
    "a diagnosis": r"\b(diagnos\w*|you have (a|an) \w+ (disease|condition|clot))\b",
    "a cure": r"\b(cure|cures|cured|guarantee\w*)\b",
    "changing prescribed medicine": r"\b(stop taking|start taking|change your (dose|medicine))\b",
    "drink more": r"\bdrink more\b",
    "a dose": r"\b(\d+ ?mg|milligram\w*|dose|dosage)\b",
}

# The same rules in Korean: 바늘/핀 (needles), 레몬, 피클, 토닉/퀴닌, 진통제와 약 이름,
# 차가운 바닥, 진단, 완치, 약을 끊거나 바꾸라는 말, 물을 더 마시라는 말, 용량.
NEVER_SAY_KO = {
    "needles": r"(바늘|핀으로|찌르)",
    "lemon or pickle": r"(레몬|피클)",
    "tonic or quinine": r"(토닉|퀴닌)",
    "painkillers": r"(아스피린|진통제|이부프로펜|타이레놀|나프록센)",
    "cold floor": r"차가운",
    "a diagnosis or cure": r"(진단|완치|낫게 해)",
    "changing medicine": r"(약을 (끊으|바꾸|더 드)|복용을 (중단|시작))",
    "drink more": r"물을 더",
    "a dose": r"(밀리그램|용량|\d+ ?mg)",
}


def _strings(node, key=""):
    if key in NOT_SPOKEN:
        return
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)


def corpus() -> list[tuple[str, str]]:
    out = []
    for path in DATA_FILES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        rel = str(path.relative_to(ROOT))
        for text in _strings(data):
            out.append((rel, re.sub(r"\{\w+\}", "ten", text)))
    return out


SENTENCES = corpus()


def test_the_corpus_is_not_empty():
    assert len(SENTENCES) > 100


@pytest.mark.parametrize("where,text", SENTENCES, ids=[t for _, t in SENTENCES])
def test_sentence_is_short_plain_and_speakable(where, text):
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        words = sentence.split()
        assert len(words) <= MAX_WORDS, f"{where}: too long: {sentence!r}"
    assert not re.search(r"[()\[\]/&%]", text), f"{where}: symbols a voice reads badly: {text!r}"
    assert not re.search(r"\d", text), f"{where}: say numbers as words: {text!r}"
    assert not re.search(r"\b(e\.g|i\.e|etc|approx|min|mins|sec|secs|dr|hrs?)\b\.?", text,
                         re.IGNORECASE), f"{where}: abbreviation: {text!r}"


@pytest.mark.parametrize("where,text", SENTENCES, ids=[t for _, t in SENTENCES])
def test_sentence_says_nothing_from_the_never_say_list(where, text):
    lowered = text.lower()
    rules = NEVER_SAY_KO if where.endswith("ko.toml") else NEVER_SAY
    for rule, pattern in rules.items():
        assert not re.search(pattern, lowered), f"{where}: never say {rule}: {text!r}"


def test_the_checks_catch_a_bad_sentence():
    # Guard against a check that can never fail.
    bad = "Prick the calf with a pin, then drink tonic water (about 200 mg)."
    assert re.search(NEVER_SAY["pins or needles"], bad.lower())
    assert re.search(NEVER_SAY["tonic water or quinine"], bad.lower())
    assert re.search(r"[()]", bad)
