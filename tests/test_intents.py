"""The intent contract, from one data file per intent (tests/intents/<lang>/<intent>.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from crampcoach.voice.host import PluginHost
from crampcoach.voice.session import build_matcher

CASES_DIR = Path(__file__).parent / "intents"


def _cases():
    for path in sorted(CASES_DIR.glob("*/*.toml")):
        lang, intent = path.parent.name, path.stem
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["tests"]:
            expected = None if intent == "none" else intent
            yield pytest.param(lang, case["text"], expected, case.get("slots"),
                               id=f"{lang}:{intent}:{case['text']}")


@pytest.fixture(scope="module")
def matchers():
    host = PluginHost(autoload=False)
    return {lang: build_matcher(host, lang) for lang in {p.name for p in CASES_DIR.iterdir()}}


@pytest.mark.parametrize("lang,text,intent,slots", list(_cases()))
def test_sentence_gives_intent_and_slots(matchers, lang, text, intent, slots):
    got = matchers[lang].match(text)
    assert got.name == intent, f"{text!r} → {got.name} {got.slots}"
    if slots is not None:
        assert got.slots == slots


def test_every_contract_intent_has_a_test_file():
    contract = {
        "cramp.report", "cramp.over", "coach.next", "coach.repeat", "coach.pause",
        "coach.resume", "coach.stop", "log.severity", "log.undo", "log.correct",
        "summary.request", "tips.request", "help", "status.elapsed", "safety.symptom",
    }
    for lang_dir in CASES_DIR.iterdir():
        have = {p.stem for p in lang_dir.glob("*.toml")}
        assert contract <= have, f"{lang_dir.name}: missing {contract - have}"


def test_parse_reports_the_declaring_plugin(matchers):
    m = matchers["en"].match("my left calf")
    assert m.to_json() == {"intent": "cramp.report", "slots": {"side": "left", "muscle": "calf"},
                           "plugin": "relief"}


def test_template_words_are_in_normalised_form(matchers):
    # A template word with an apostrophe or capital could never match normalised text.
    for lang, m in matchers.items():
        for plugin, words in m.vocabulary().items():
            for w in words:
                # A Sino-Korean number said alone is read with its counter ("칠" → "칠 점").
                alone = f"{w} {m.language.bare_number_counter}"
                assert m.language.normalise(w) in (w, alone), f"{lang}/{plugin}: {w!r}"
