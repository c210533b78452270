"""Classes of round 13 (issue 13): the classes of the round12-heldback and round13-heldback
misses (read after each block's one run was reported), each tested on sentences of the
engineer's own wording (none a benchmark row: a test below checks that). Screening classes
(ordinary talk that must raise no red flag) are tested on the screen's text, with the signs
beside them that must still be answered."""

from __future__ import annotations

import pytest

from crampcoach.voice.host import PluginHost
from crampcoach.voice.session import build_matcher
from tests.rounds import benchmark_rows_among, class_params, screen_tier, sentences_of

N = None
YES, NO = "answer.yes", "answer.no"


@pytest.fixture(scope="module")
def en():
    return build_matcher(PluginHost(autoload=False), "en")


CLASSES = {
    # Back to the usual order, whatever the steps are called; "go back" alone is a step back.
    "the usual, named any way": [
        ("can we switch back to the normal exercises", "coach.usual", {}),
        ("return to my regular stretches please", "coach.usual", {}),
        ("let's get back to the usual routine", "coach.usual", {}),
        ("go back a step", "coach.repeat", {}),
    ],
    # Checking the coach is on without "are": by name, or "still with me".
    "presence asked short": [
        ("you still around", "chat.presence", {}),
        ("still with me coach", "chat.presence", {}),
        ("cramp coach you awake", "chat.presence", {}),
        ("are you still up coach", "chat.presence", {}),
        # "awake" without the coach's name is said to a partner as often.
        ("darling are you awake", N, {}),
    ],
    # The journal made ready for any clinician, asked any way.
    "any clinician, anything ready for them": [
        ("could you get something together for my foot doctor", "summary.doctor", {}),
        ("i'm seeing the physio on friday what should i say to him", "summary.doctor", {}),
        ("what do i mention to the pharmacist", "summary.doctor", {}),
        ("the consultant is on tuesday can you make a summary for her", "summary.doctor", {}),
        ("what should i tell her", N, {}),
    ],
    # Agreement said alone; with a remark after it, it is nobody's (or the remark's).
    "agreement said alone": [
        ("that's true", YES, {}),
        ("exactly right", YES, {}),
        ("that's it", YES, {}),
        ("quite right", YES, {}),
        ("yeah that's it", YES, {}),
        ("that's right, the red towel", N, {}),
        ("that's right, she phoned on sunday", N, {}),
        ("that's it, the pain has gone", "cramp.over", {}),
        ("it's exactly the same", NO, {}),
    ],
}


@pytest.mark.parametrize("text,intent,slots", class_params(CLASSES))
def test_round13_class(en, text, intent, slots):
    got = en.match(text)
    assert (got.name, got.slots) == (intent, slots), f"{text!r} → {got.name} {got.slots}"



SCREEN = [
    # A count of something else is no cramp counted: a measure, what the coach did, a time.
    ("it's meant to get down to two degrees tonight", "none"),
    ("I drank four cups of tea this week", "none"),
    ("that's the fifth time you've talked over me tonight", "none"),
    ("I woke at four tonight and had a drink", "none"),
    # ...but cramps counted stay a sign.
    ("this is the fourth cramp tonight", "soon"),
    ("it's woken me up three times this week", "soon"),
    ("the fifth night in a row my calf has locked", "soon"),
    # A time before a thing is that thing's length, not a cramp's.
    ("I'm on a ten hour shift in the morning", "none"),
    ("we've a six hour drive to my sister's on saturday", "none"),
    # ...but a cramp said in the same breath keeps its time.
    ("my calf cramp has lasted two hours", "same_day"),
    ("after a nine hour flight my calf has been cramped for an hour", "same_day"),
]


@pytest.mark.parametrize("text,tier", SCREEN)
def test_round13_screen(text, tier):
    assert screen_tier(text) == tier


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES) + [t for t, _ in SCREEN]) == []
