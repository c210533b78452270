"""Classes of round 17: the classes of the round17 misses (half-asleep, regional, carers,
questions), each tested on sentences of the engineer's own wording (none a benchmark row: a
test below checks that), with ordinary talk beside them that must stay nobody's."""

from __future__ import annotations

import pytest

from crampcoach.voice.host import PluginHost
from crampcoach.voice.session import build_matcher
from tests.rounds import benchmark_rows_among, class_params, screen_tier, sentences_of

N = None
SUMMARY, TIPS, SYMPTOM, CORRECT = "summary.request", "tips.request", "safety.symptom", "log.correct"


@pytest.fixture(scope="module")
def en():
    return build_matcher(PluginHost(autoload=False), "en")


CLASSES = {
    # An oath or a noise anywhere is no part of what is meant.
    "oaths and noises round a request": [
        ("for crying out loud my right calf again", "cramp.report",
         {"side": "right", "muscle": "calf"}),
        ("jesus that's it gone at last", "cramp.over", {}),
        ("urgh flipping hell next one", "coach.next", {}),
        ("good grief slow down", "coach.slower", {}),
    ],
    # A lament at one more cramp is a cramp; one more of anything else is not.
    "a lament at one more": [
        ("oh no not another one", "cramp.report", {}),
        ("not another cramp again tonight", "cramp.report", {}),
        ("not another word from you", N, {}),
    ],
    # The Irish perfect: "is after V-ing" is "has V-ed".
    "the Irish perfect of after": [
        ("it's after easing off now", "cramp.over", {}),
        ("the cramp is after going", "cramp.over", {}),
        ("i'm after getting another cramp in my foot", "cramp.report", {"muscle": "foot"}),
    ],
    # Slang for gone, said of the cramp.
    "gone said in slang": [
        ("the pain's cleared off", "cramp.over", {}),
        ("that cramp has packed off", "cramp.over", {}),
    ],
    # "Us" for "me" after a verb of giving or telling (British).
    "us for me": [
        ("give us another tip then", TIPS, {}),
        ("tell us that again", "coach.repeat", {}),
        ("give us a sec", "coach.pause", {}),
    ],
    # Leave asked for what is wanted: "is it okay if we…", "do you mind if we…", "should we…".
    "leave asked for a command": [
        ("is it all right if we finish there", "coach.stop", {}),
        ("do you mind if we move on", "coach.next", {}),
        ("should we slow down", "coach.slower", {}),
        ("would it be okay if we carry on", "coach.resume", {}),
    ],
    # Going on said as a word of direction, an idiom, or leave to start.
    "going on said another way": [
        ("right onwards and upwards", "coach.next", {}),
        ("on we go then", "coach.next", {}),
        ("fire away coach", "coach.resume", {}),
        ("you can begin again now i'm comfy", "coach.resume", {}),
        ("you can start the dishwasher", N, {}),
    ],
    # A longer gap between steps; the same steps as ever.
    "pace and order asked of the steps": [
        ("leave a longer pause between each stretch", "coach.slower", {}),
        ("more of a gap between the steps please", "coach.slower", {}),
        ("same stretches as usual please", "coach.usual", {}),
        ("the same routine as last time", "coach.usual", {}),
    ],
    # A step named by what it is done with, asked again.
    "a step named by its prop, asked again": [
        ("how did the towel one go again", "coach.repeat", {}),
        ("how do i do the chair stretch again", "coach.repeat", {}),
    ],
    # The coach's record quoted back to deny it: the value quoted is the wrong one, and it
    # is said to the coach (a carer correcting for a partner is no story about him).
    "the record quoted back": [
        ("it was the thigh you've put foot", CORRECT, {"muscle": "thigh"}),
        ("you've logged it as a four it was a six", CORRECT, {"severity": 6}),
        ("you've got it down as his right but it was the left", CORRECT, {"side": "left"}),
    ],
    # The journal asked by name or by what is in it, for oneself or for a partner.
    "the journal asked by name": [
        ("read me my cramp diary", SUMMARY, {}),
        ("what did she log overnight", SUMMARY, {}),
        ("what did i rate the last one", SUMMARY, {}),
        ("what happened to my legs in the night", SUMMARY, {}),
        ("read me the paper", N, {}),
    ],
    # A thing of every day asked as the cause or the cure.
    "an everyday thing as cause or cure": [
        ("could it be the wine that's causing them", TIPS, {}),
        ("should i get more supportive trainers for my cramps", TIPS, {}),
        ("is it the neighbours that's doing it", N, {}),
    ],
    # A remedy someone else swears by, told with no question, is talk.
    "a remedy told of someone else": [
        ("my brother swears by pickle juice", N, {}),
        ("my brother swears by pickle juice should i try some", TIPS, {}),
    ],
    # A bedtime routine named without the stretch; a medicine one is on now.
    "routine and medicine said plainly": [
        ("a quick routine for bedtime", "tips.bedtime_stretch", {}),
        ("i'm on a water tablet since monday", "profile.update", {"item": "new_medicine"}),
    ],
    # Easing said as the muscle looser; a never-mind with the subject dropped.
    "answers said short": [
        ("yep feels a little looser", "answer.yes", {}),
        ("was not talking to you", "chat.never_mind", {}),
        ("the knot in my shoelace is looser", N, {}),
    ],
    # Numbers that are no rating: an age (the tens before it), a distance in k.
    "numbers that are no rating": [
        ("slow down please i'm seventy six", "coach.slower", {}),
        ("she's ninety two next month", N, {}),
        ("we did a five k this morning", N, {}),
    ],
    # Red flags in lay and regional words (the matcher's phrases; the screen decides in the
    # dialogue).
    "red flags in lay and regional words": [
        ("i can't get me breath at all", SYMPTOM, {"symptom": "breathless"}),
        ("my chest has gone tight", SYMPTOM, {"symptom": "chest_pain"}),
        ("there's a pressure across my chest", SYMPTOM, {"symptom": "chest_pain"}),
        ("he went all woozy", SYMPTOM, {"symptom": "faint"}),
        ("she can't lift her foot up", SYMPTOM, {"symptom": "weakness"}),
        ("it's been going on nearly half an hour", SYMPTOM, {"symptom": "long_cramp"}),
        ("i'm having three or four of them a night", SYMPTOM, {"symptom": "frequent"}),
    ],
    # Another device's commands, a treat offered: for someone else.
    "for another device or a pet": [
        ("next track", N, {}),
        ("next song please", N, {}),
        ("want a treat", N, {}),
    ],
}


@pytest.mark.parametrize("text,intent,slots", class_params(CLASSES))
def test_round17_class(en, text, intent, slots):
    got = en.match(text)
    assert (got.name, got.slots) == (intent, slots), f"{text!r} → {got.name} {got.slots}"


SCREEN = [
    # The screen hears these signs too (it decides in the dialogue)…
    ("i can't get me breath at all", "emergency"),
    # …and nothing in ordinary talk with these words.
    ("we did a five k this morning", "none"),
    ("my brother swears by pickle juice", "none"),
]


@pytest.mark.parametrize("text,tier", SCREEN)
def test_round17_screen(text, tier):
    assert screen_tier(text) == tier


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES) + [t for t, _ in SCREEN]) == []
