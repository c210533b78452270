"""Classes of round 15 (issue 13), second tuner: the classes of the round15 misses (read
after its one run was reported), each tested on sentences of the engineer's own wording
(none a benchmark row: a test below checks that). Red flags are tested on the matcher (the
grammar's phrases) and on the screen, with ordinary talk beside them that must raise none."""

from __future__ import annotations

import pytest

from crampcoach.voice.host import PluginHost
from crampcoach.voice.session import build_matcher
from tests.rounds import benchmark_rows_among, class_params, screen_tier, sentences_of

N = None
REPORT, RESUME, STOP, SLOWER = "cramp.report", "coach.resume", "coach.stop", "coach.slower"
ALT, SEVERITY, SYMPTOM = "coach.alternative", "log.severity", "safety.symptom"


@pytest.fixture(scope="module")
def en():
    return build_matcher(PluginHost(autoload=False), "en")


CLASSES = {
    # A cramp of one's own said with more words than the cramp: one coming on, "I've got one",
    # "I'm cramping", the same place as last time.
    "a report said with extra words": [
        ("i think there's a cramp coming on fast", REPORT, {}),
        ("ive got another cramp hurry up", REPORT, {}),
        ("i'm cramping up over here", REPORT, {}),
        ("it's back same calf as last night", REPORT, {"muscle": "calf"}),
        ("it's the same as before", "answer.no", {}),
    ],
    # A side said with "on" whatever follows it; "right in" alone stays no side.
    "a side said with on": [
        ("the cramp's on my left in the thigh", REPORT, {"side": "left", "muscle": "thigh"}),
        ("that's right in my calf", REPORT, {"muscle": "calf"}),
    ],
    # Going on from where it stopped, said any way.
    "resume where it left off": [
        ("okay i'm comfy carry on with the stretch", RESUME, {}),
        ("right continue where we left off", RESUME, {}),
    ],
    # What the command would spare is its reason: "you'll wake…".
    "a reason clause after a command": [
        ("quiet now you'll wake him up", STOP, {}),
        ("you'll be fine", N, {}),
        ("please stop now you'll wake the children", STOP, {}),
        ("stop it kids", N, {}),
    ],
    # Slower said as a pace, as longer on each step, or as losing one's place.
    "slower said another way": [
        ("can you keep it a little longer", SLOWER, {}),
        ("i need more time on each stretch", SLOWER, {}),
        ("take it slower i've lost track", SLOWER, {}),
    ],
    # Limits said another way: on one's feet (stand), a hand nowhere near the toes (reach).
    "limits said another way": [
        ("too shaky to stay on my feet", ALT, {"limit": "stand"}),
        ("i can't get my fingers near my feet", ALT, {"limit": "reach"}),
        ("i can't reach the kettle", N, {}),
    ],
    # A rating passed on by whoever is with them.
    "a rating passed on": [
        ("she reckons it was about an eight", SEVERITY, {"severity": 8}),
        ("he says it was a seven", SEVERITY, {"severity": 7}),
        ("my husband had cramps all week", N, {}),
    ],
    # Red flags the grammar now hears (the screen decides in the dialogue).
    "red flags heard by the grammar": [
        ("my chest feels very tight", SYMPTOM, {"symptom": "chest_pain"}),
        ("i couldn't get a breath", SYMPTOM, {"symptom": "breathless"}),
        ("he's having some sort of seizure", SYMPTOM, {"symptom": "convulsions"}),
        ("my right leg is way bigger than the other", SYMPTOM, {"symptom": "swelling"}),
        ("my ankle has puffed up", SYMPTOM, {"symptom": "swelling"}),
        ("one of my veins has been bleeding", SYMPTOM, {"symptom": "bleeding"}),
        ("cramping three or four times a night lately", SYMPTOM, {"symptom": "frequent"}),
        ("i get up three times a night to pee", N, {}),
        ("my tummy is much bigger than the other mums", N, {}),
    ],
    # Morning: the journal made ready or printed; a span of days; the clock; awake with a call.
    "morning asked another way": [
        ("have my cramp diary ready for the physio", "summary.doctor", {}),
        ("could you print off my cramp log", "summary.doctor", {}),
        ("can you print out the tickets", N, {}),
        ("how were the cramps in the last few days", "summary.request", {}),
        ("what's the clock showing", "chat.time", {}),
        ("you awake i need your help", "chat.presence", {}),
        ("darling are you awake", N, {}),
    ],
    # Talk that is nobody's request: a race watched, a number or a score of a thing on TV, a
    # thing going off, a pet told off.
    "null traps": [
        ("oh he's got cramp on the last lap", N, {}),
        ("he's got a cramp in his calf", REPORT, {"muscle": "calf"}),
        ("the lottery number was four", N, {}),
        ("honestly a two out of ten dinner", N, {}),
        ("i'd say six out of ten honestly", SEVERITY, {"severity": 6}),
        ("the car alarm is going off", N, {}),
        ("my calf cramp is going off now", "cramp.over", {}),
        ("rex off the sofa go on", N, {}),
        ("alright off you go then", RESUME, {}),
    ],
}


@pytest.mark.parametrize("text,intent,slots", class_params(CLASSES))
def test_round15b_class(en, text, intent, slots):
    got = en.match(text)
    assert (got.name, got.slots) == (intent, slots), f"{text!r} → {got.name} {got.slots}"



SCREEN = [
    # The screen hears the same signs (it decides in the dialogue)…
    ("my chest feels very tight", "emergency"),
    ("i couldn't get a breath", "emergency"),
    ("my right leg is way bigger than the other", "same_day"),
    # …and nothing ordinary said with these words.
    ("the car alarm is going off", "none"),
    ("i'd say six out of ten honestly", "none"),
]


@pytest.mark.parametrize("text,tier", SCREEN)
def test_round15b_screen(text, tier):
    assert screen_tier(text) == tier


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES) + [t for t, _ in SCREEN]) == []
