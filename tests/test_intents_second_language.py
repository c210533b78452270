"""English learned as a second language (round 17): a verb left plain after "is", "cannot"
before a gerund, the indirect-question order, "more slow", "one time more", "for stop".
The respellings live in voice/lang/en.toml [respell]; each class is tested on the engineer's
own sentences (none a benchmark row: a test below checks that), with talk that stays nobody's."""

from __future__ import annotations

import pytest

from crampcoach.voice.host import PluginHost
from crampcoach.voice.session import build_matcher
from tests.rounds import benchmark_rows_among, class_params, sentences_of

N = None


@pytest.fixture(scope="module")
def en():
    return build_matcher(PluginHost(autoload=False), "en")


CLASSES = {
    "a plain verb after is": [
        ("my cramp is finish", "cramp.over", {}),
        ("the pain in calf is go away now", "cramp.over", {}),
        ("how much time is pass", "status.elapsed", {}),
        ("the bus is go at seven", N, {}),
    ],
    "cannot before a gerund": [
        ("sorry i cannot doing that stretch", "coach.alternative", {}),
        ("i can not doing this exercise", "coach.alternative", {}),
    ],
    "more slow, one time more": [
        ("more slow please", "coach.slower", {}),
        ("say it one time more", "coach.repeat", {}),
        ("the river is more slow in summer", N, {}),
    ],
    "indirect-question order": [
        ("what i can do for stop this cramps", "tips.request", {}),
        ("what i must do now", "coach.next", {}),
        ("you know what i should do with that old sofa", N, {}),
    ],
    "advice for no more cramps": [
        ("please advice for no more cramps in night", "tips.request", {}),
    ],
    "the hour asked": [
        ("excuse me what is the hour", "chat.time", {}),
    ],
}


@pytest.mark.parametrize("text,intent,slots", class_params(CLASSES))
def test_second_language_class(en, text, intent, slots):
    got = en.match(text)
    assert (got.name, got.slots) == (intent, slots), f"{text!r} → {got.name} {got.slots}"


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES)) == []
