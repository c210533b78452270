"""Classes of round 18: the classes of the round18 misses (the ordinary ways people say
things), each tested on sentences of the engineer's own wording (none a benchmark row: a test
below checks that), with ordinary talk beside them that must stay nobody's."""

from __future__ import annotations

import pytest

from crampcoach.voice.host import PluginHost
from crampcoach.voice.session import build_matcher
from tests.rounds import benchmark_rows_among, class_params, screen_tier, sentences_of

N = None
SUMMARY, ELAPSED, SYMPTOM = "summary.request", "status.elapsed", "safety.symptom"
USUAL = "coach.usual"


@pytest.fixture(scope="module")
def en():
    return build_matcher(PluginHost(autoload=False), "en")


CLASSES = {
    # How the nights have gone, asked with what for and how far, or whether there were many.
    "the nights asked how they went": [
        ("how's my month been lately", SUMMARY, {}),
        ("tell me how my legs have been this week", SUMMARY, {}),
        ("did i have any last night", SUMMARY, {}),
        ("how's my tea", N, {}),
    ],
    # The time asked of the cramp's start, or of a partner's cramp.
    "the time asked of the start or of a partner": [
        ("when did it come on", ELAPSED, {}),
        ("when did the cramp begin", ELAPSED, {}),
        ("how long has he had this cramp", ELAPSED, {}),
        ("when did the film start", N, {}),
    ],
    # The usual preferred rather than asked for.
    "the usual preferred": [
        ("i'd prefer the usual stretches", USUAL, {}),
        ("i'd rather do the normal routine", USUAL, {}),
        ("i'd rather have tea", N, {}),
    ],
    # Red flags in lay words (the matcher's phrases; the screen decides in the dialogue).
    "red flags in lay words": [
        ("she's fallen over and she's not answering me", SYMPTOM, {"symptom": "collapse"}),
        ("he collapsed and he won't wake up", SYMPTOM, {"symptom": "collapse"}),
        ("there's a red patch down my shin", SYMPTOM, {"symptom": "redness"}),
        ("one of my veins has gone all hard", SYMPTOM, {"symptom": "hard_veins"}),
        ("it's hard like a rope and tender", SYMPTOM, {"symptom": "hard_veins"}),
        ("i've been cramping for about half an hour", SYMPTOM, {"symptom": "long_cramp"}),
        ("my varicose vein has just burst", SYMPTOM, {"symptom": "bleeding"}),
        ("there's blood pouring out of my calf", SYMPTOM, {"symptom": "bleeding"}),
        ("i've got no strength in my leg at all", SYMPTOM, {"symptom": "weakness"}),
        ("my foot keeps dragging", SYMPTOM, {"symptom": "weakness"}),
        ("he's not answering his phone", N, {}),
        ("the kids have lost power in the house", N, {}),
    ],
}


@pytest.mark.parametrize("text,intent,slots", class_params(CLASSES))
def test_round18_class(en, text, intent, slots):
    got = en.match(text)
    assert (got.name, got.slots) == (intent, slots), f"{text!r} → {got.name} {got.slots}"


SCREEN = [
    # The screen hears these signs too (it decides in the dialogue)…
    ("she's fallen over and she's not answering me", "emergency"),
    # …and nothing in ordinary talk with these words.
    ("the kids have lost power in the house", "none"),
]


@pytest.mark.parametrize("text,tier", SCREEN)
def test_round18_screen(text, tier):
    assert screen_tier(text) == tier


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES) + [t for t, _ in SCREEN]) == []
