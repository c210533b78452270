"""Classes of round 16 (issue 13): the classes of the round16 misses, each tested on sentences
of the engineer's own wording (none a benchmark row: a test below checks that), with ordinary
talk beside them that must stay nobody's."""

from __future__ import annotations

import pytest

from crampcoach.voice.host import PluginHost
from crampcoach.voice.session import build_matcher
from tests.rounds import benchmark_rows_among, class_params, screen_tier, sentences_of

N = None
SUMMARY, DOCTOR, TIPS = "summary.request", "summary.doctor", "tips.request"
SEVERITY, SYMPTOM = "log.severity", "safety.symptom"


@pytest.fixture(scope="module")
def en():
    return build_matcher(PluginHost(autoload=False), "en")


CLASSES = {
    # Longer on the step under way: more time on the hold, a bit longer on this one.
    "slower as longer on this step": [
        ("more time on the stretch please", "coach.slower", {}),
        ("can i have a little longer on this step", "coach.slower", {}),
        ("i need more time on the bus", N, {}),
    ],
    # Going on again: picked back up, from where it was, "you can continue".
    "resume said another way": [
        ("let's pick it up again", "coach.resume", {}),
        ("carry on from where we got to", "coach.resume", {}),
    ],
    # How late it is.
    "the time asked as how late": [
        ("how late is it", "chat.time", {}),
        ("how late is the chemist open", N, {}),
    ],
    # A figure of the journal: an average, a total, the last one, which leg most, a roundup.
    "a figure of the journal asked": [
        ("what's my average per week", SUMMARY, {}),
        ("when did i last get a cramp", SUMMARY, {}),
        ("when was my last cramp", SUMMARY, {}),
        ("which side gets them most", SUMMARY, {}),
        ("what's my total for this month", SUMMARY, {}),
        ("read me the weekly roundup", SUMMARY, {}),
        ("show me the past week", SUMMARY, {}),
        ("when was the last time you cleaned the car", N, {}),
        ("the weekly roundup is on the radio", N, {}),
        ("show me the way out", N, {}),
    ],
    # A print-out for a clinician.
    "a print-out for the clinician": [
        ("print something out for the nurse", DOCTOR, {}),
        ("i'd like a printout to take to the gp", DOCTOR, {}),
        ("print out the boarding passes for the airport", N, {}),
    ],
    # What might bring them on or keep them off: a drink, shoes, a remedy someone swears by.
    "prevention asked of a thing": [
        ("does caffeine make cramps worse", TIPS, {}),
        ("is tonic water worth trying", TIPS, {}),
        ("do my slippers make any difference to my cramps", TIPS, {}),
        ("would taking potassium supplements help", TIPS, {}),
        ("my mum swears by pickle juice should i try it", TIPS, {}),
        ("is the new film worth trying", N, {}),
        ("the tv makes a difference to my mood", N, {}),
    ],
    # A pause asked politely, for the speaker or for a while, with its reason after it.
    "pause asked with manners and a reason": [
        ("could you pause a moment please the phone's ringing", "coach.pause", {}),
        ("pause it for me please while i get comfy", "coach.pause", {}),
        ("i'll pause the film for a moment", N, {}),
        ("can you pause the telly", N, {}),
    ],
    # The stretch called off by name.
    "stop said of the stretch": [
        ("cancel the stretching i've had enough for one night", "coach.stop", {}),
        ("quit the exercise thing coach", "coach.stop", {}),
    ],
    # The usual asked as what the coach normally does, or as none of the new.
    "the usual said another way": [
        ("just do what you normally do coach", "coach.usual", {}),
        ("none of these new stretches please", "coach.usual", {}),
        ("the new stuff is in the cupboard", N, {}),
    ],
    # A rating said of the cramp with a word of degree and a comment after it.
    "a rating with a comment": [
        ("that was a five honestly i nearly cried", SEVERITY, {"severity": 5}),
        ("that one was just a three a tiny twinge", SEVERITY, {"severity": 3}),
        ("that was a one barely noticed it", SEVERITY, {"severity": 1}),
        ("i'd rate the last cramp a six", SEVERITY, {"severity": 6}),
        ("it was about a four i think", SEVERITY, {"severity": 4}),
        ("it was a six o'clock start", N, {}),
        ("that was a ten minute walk", N, {}),
        ("it was a five star hotel", N, {}),
        ("that was a two hour drive honestly", N, {}),
    ],
    # Red flags in lay words (the matcher's phrases; the screen decides in the dialogue).
    "red flags in lay words": [
        ("my left calf looks much bigger than my right", SYMPTOM, {"symptom": "swelling"}),
        ("my calf has gone all red and sore", SYMPTOM, {"symptom": "redness"}),
        ("my shin is hot and red", SYMPTOM, {"symptom": "redness"}),
        ("my foot's cramping and i can't quite catch my breath", SYMPTOM,
         {"symptom": "breathless"}),
        ("my leg keeps giving way", SYMPTOM, {"symptom": "weakness"}),
        ("my knee gave out on the stairs", SYMPTOM, {"symptom": "weakness"}),
        ("i can only walk a short way before my leg hurts", SYMPTOM,
         {"symptom": "walking_pain"}),
        ("my calf aches when i walk to the shops", SYMPTOM, {"symptom": "walking_pain"}),
        ("i coughed some blood up just now", SYMPTOM, {"symptom": "coughing_blood"}),
        ("the shelf gave way", N, {}),
        ("the traffic lights went red", N, {}),
        ("i can only walk the dog in the morning", N, {}),
        ("he looks angry", N, {}),
    ],
    # The veins asked about as the cause: named by how they look, or as "what's behind it".
    "the veins asked as the cause": [
        ("could my varicose veins be whats behind all of this", "check.veins", {}),
        ("i've got lumpy veins on my shin could they be the cause", "check.veins", {}),
        ("are they to blame for this", N, {}),
        ("the kids are to blame for this mess", N, {}),
    ],
    # The commands asked for as what can be said to it.
    "help asked as the commands": [
        ("which commands can i use with you", "help", {}),
        ("what are the words i can say to you", "help", {}),
    ],
    # An answer with more words: how it is going off, an offer taken gladly, still as bad.
    "answers with extra words": [
        ("yeah it's wearing off now", "answer.yes", {}),
        ("yes please that sounds lovely", "answer.yes", {}),
        ("that would be lovely thanks", "chat.thanks", {}),
        ("nope it's still really tight", "answer.no", {}),
        ("not yet it's still rock hard", "answer.no", {}),
        ("the bread is still hard", N, {}),
    ],
    # The bedtime stretch named with its routine, or asked before going up.
    "bedtime stretch asked with context": [
        ("an evening stretching routine please", "tips.bedtime_stretch", {}),
        ("i'm going up soon is there a stretch i should do before i go to bed",
         "tips.bedtime_stretch", {}),
        ("is there a stretch i can do first", "tips.bedtime_stretch", {}),
    ],
    # A rating changed, named with "that".
    "a rating changed": [
        ("change that rating to a five it was worse", "log.correct", {"severity": 5}),
        ("can you change that score to an eight", "log.correct", {"severity": 8}),
        ("change that number to seven on the remote", N, {}),
    ],
    # An undo with who made the entry said after it; a phone call's goodbye.
    "a clause after the undo, a call": [
        ("delete that one it was the grandkids messing about", "log.undo", {}),
        ("get rid of that entry it was my grandson playing about", "log.undo", {}),
        ("it was the kids playing in the garden", N, {}),
        ("i'll call you back later i'm going to bed", N, {}),
    ],
}


@pytest.mark.parametrize("text,intent,slots", class_params(CLASSES))
def test_round16_class(en, text, intent, slots):
    got = en.match(text)
    assert (got.name, got.slots) == (intent, slots), f"{text!r} → {got.name} {got.slots}"


SCREEN = [
    # The screen hears these signs too (it decides in the dialogue)…
    ("my foot's cramping and i can't quite catch my breath", "emergency"),
    ("i coughed some blood up just now", "emergency"),
    ("my left calf looks much bigger than my right", "same_day"),
    ("my shin is hot and red", "same_day"),
    # …and nothing in ordinary talk with these words.
    ("is the new film worth trying", "none"),
    ("it was a five star hotel", "none"),
    ("the traffic lights went red", "none"),
]


@pytest.mark.parametrize("text,tier", SCREEN)
def test_round16_screen(text, tier):
    assert screen_tier(text) == tier


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES) + [t for t, _ in SCREEN]) == []
