"""Classes of round 19: the classes of the round19 misses and of a black-box review (the
ordinary ways people say things), each tested on sentences of the engineer's own wording (none
a benchmark row: a test below checks that), with ordinary talk beside them that must stay
nobody's."""

from __future__ import annotations

import pytest

from crampcoach.voice.host import PluginHost
from crampcoach.voice.session import build_matcher
from tests.rounds import benchmark_rows_among, class_params, sentences_of

N = None
SEVERITY, CORRECT, DOCTOR, REPORT = "log.severity", "log.correct", "summary.doctor", "cramp.report"
NEXT, RESUME, SLOWER = "coach.next", "coach.resume", "coach.slower"
SYMPTOM = "safety.symptom"


@pytest.fixture(scope="module")
def en():
    return build_matcher(PluginHost(autoload=False), "en")


CLASSES = {
    # The score said with its scale, before or after it, and when: the scale's "ten" is no score.
    "the score with its scale": [
        ("out of ten i would say a six", SEVERITY, {"severity": 6}),
        ("out of ten id probably put it at a three", SEVERITY, {"severity": 3}),
        ("it was a four out of ten last night", SEVERITY, {"severity": 4}),
        ("that was about a five out of ten i reckon", SEVERITY, {"severity": 5}),
        ("honestly ten out of ten", SEVERITY, {"severity": 10}),
        ("she scored nine out of ten", N, {}),
        ("a ten out of ten film", N, {}),
        ("eight out of ten dentists say so", N, {}),
    ],
    # The entry called wrong, then the right value.
    "the entry called wrong, then the value": [
        ("no that's wrong it was a five", CORRECT, {"severity": 5}),
        ("that's wrong, it was a two", CORRECT, {"severity": 2}),
        ("you've got that wrong it was my left calf", CORRECT, {"side": "left", "muscle": "calf"}),
        ("that's wrong", N, {}),
    ],
    # What to tell or take to a clinician, asked as it goes on or inside another question; the
    # journal needed for them; a report made for her or him.
    "what to tell or take to the doctor": [
        ("what should i be telling the doctor about my cramps", DOCTOR, {}),
        ("what ought i to take along to the nurse", DOCTOR, {}),
        ("read me what i should take to the gp", DOCTOR, {}),
        ("tell me what i need to tell the doctor", DOCTOR, {}),
        ("i need my cramp diary for the doctor tomorrow", DOCTOR, {}),
        ("the physio wants to see how often i get them can you do him a report", DOCTOR, {}),
        ("i need my glasses for the doctor", N, {}),
        ("what should i take for the pain", N, {}),
    ],
    # A part said to be in a state, with a word of degree between ("feels a little numb"), a
    # colour ("went white") or sore the morning after: no cramp.
    "a part in a state, not cramping": [
        ("my foot feels a little cold", N, {}),
        ("my toes went white", N, {}),
        ("my toes have gone all blue with the cold", N, {}),
        ("my calf is sore", N, {}),
        ("my calf is a bit tight", REPORT, {"muscle": "calf"}),
        ("my left calf is really hard", REPORT, {"side": "left", "muscle": "calf"}),
    ],
    # "when it started" behind a clause of its own says when something else happened.
    "a time clause is when, not what": [
        ("my heart sank when it started", N, {}),
        ("my heart sank when it came back", N, {}),
        ("the dog barked when it started", N, {}),
        ("it came back when i turned over", REPORT, {}),
        ("my calf hurt when it started", REPORT, {"muscle": "calf"}),
    ],
    # Going on, said with the next step named; "continue on" with its particle; longer on
    # each step, the step called a hold.
    "the coaching driven in other words": [
        ("go ahead with the next one", NEXT, {}),
        ("carry on to the next stretch", NEXT, {}),
        ("okay continue on from where you were", RESUME, {}),
        ("continue on", RESUME, {}),
        ("could i have longer on each hold", SLOWER, {}),
    ],
    # Red flags in lay words (the matcher's phrases; the screen decides in the dialogue).
    "red flags in lay words": [
        ("she can't get her breath back", SYMPTOM, {"symptom": "breathless"}),
        ("i coughed and there was some blood", SYMPTOM, {"symptom": "coughing_blood"}),
        ("he's fallen on the floor and he won't get up", SYMPTOM, {"symptom": "collapse"}),
        ("my shin has gone all bright red", SYMPTOM, {"symptom": "redness"}),
        ("there's no strength left in this leg", SYMPTOM, {"symptom": "weakness"}),
        ("a vein on my ankle is bleeding", SYMPTOM, {"symptom": "bleeding"}),
        ("my calf aches when i'm walking", SYMPTOM, {"symptom": "walking_pain"}),
        ("there's a hard bit along one of my veins", SYMPTOM, {"symptom": "hard_veins"}),
        ("it keeps happening three times a night", SYMPTOM, {"symptom": "frequent"}),
        ("the bus keeps coming three times an hour", N, {}),
    ],
}


@pytest.mark.parametrize("text,intent,slots", class_params(CLASSES))
def test_round19_class(en, text, intent, slots):
    got = en.match(text)
    assert (got.name, got.slots) == (intent, slots), f"{text!r} → {got.name} {got.slots}"


def test_a_leg_gone_to_sleep_starts_no_cramp(en):
    """Numb is the screen's to weigh; the matcher, without the red flags, hears no cramp."""
    got = en.match("my foot feels a little numb, i must have slept on it", exclude={SYMPTOM})
    assert got.name is None


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES)) == []
