"""Red flags a black-box review found missed or raised wrongly (sentences of the review's
kind, written for these tests): a breath that "isn't right" is asked about, blue lips are an
emergency, and "number" is no numbness."""

from __future__ import annotations

from pathlib import Path

import pytest

from crampcoach.plugins import safety
from crampcoach.plugins.safety import screening
from crampcoach.voice import phrasebook


def _got_in(text: str, language: str) -> str:
    data = phrasebook.load(Path(safety.__file__).parent, language)
    v = screening.screen(text, data, language)
    return v.tier or ("check" if v.check else "none")


def _got(text: str) -> str:
    return _got_in(text, "en")


@pytest.mark.parametrize("text", [
    "i don't think i'm breathing right",
    "my breathing isn't right",
    "something's not right with my breathing",
    "my breathing feels a bit off",
    "i don't think i'm getting enough air",
])
def test_doubt_about_breathing_is_asked_about(text):
    assert _got(text) in ("check", "emergency")


@pytest.mark.parametrize("text", ["my lips have gone blue and i feel awful",
                                  "his lips are turning purple"])
def test_blue_lips_are_an_emergency(text):
    assert _got(text) == "emergency"


@pytest.mark.parametrize("text", ["what's the number for the nurse line",
                                  "my calf hurts a number of times a week"])
def test_number_is_no_numbness(text):
    assert _got(text) != "soon"


def test_numb_is_still_numbness():
    assert _got("my foot has gone numb") in ("soon", "same_day")


@pytest.mark.parametrize("text", ["i don't think i can breathe",
                                  "honestly i dont think i can get my breath"])
def test_doubt_that_one_can_breathe_is_an_emergency(text):
    assert _got(text) == "emergency"


def test_twitching_while_sitting_is_twitching_not_the_cramps_jolt():
    assert _got("my calf keeps twitching when i'm sitting") in ("soon", "same_day")
    assert _got("it twitched when the cramp started") == "none"


@pytest.mark.parametrize("text,language", [
    ("my husband isn't waking up", "en"),
    ("she won't come to", "en"),
    ("he's not coming round", "en"),
    ("I can't get him to wake up", "en"),
    ("my wife isn't coming to", "en"),
    ("he hasn't come round", "en"),
    ("she's foaming at the mouth", "en"),
    ("he's turning blue", "en"),
    ("my dad went blue and fell over", "en"),
    ("남편이 안 깨어나요", "ko"),
    ("엄마가 눈을 안 떠요", "ko"),
    ("할머니가 못 깨어나세요", "ko"),
    ("입술이 파래졌어요", "ko"),
    ("아이 입술이 파랗게 변했어요", "ko"),
])
def test_someone_not_coming_round_or_turning_blue_is_an_emergency(text, language):
    assert _got_in(text, language) == "emergency"


@pytest.mark.parametrize("text,language", [
    ("I'm not waking up as much as last week", "en"),  # whoever says it is awake
    ("he doesn't wake up when I get up with a cramp", "en"),
    ("my toes went white and then blue in the cold", "en"),
    ("the cramp woke me up", "en"),
    ("아침에 잘 못 깨어나요", "ko"),
    ("발가락이 추워서 파래졌어요", "ko"),
])
def test_waking_and_blue_in_passing_raise_nothing(text, language):
    assert _got_in(text, language) == "none"


def test_not_waking_said_mid_routine_is_answered_not_taken_for_i_cant(talk):
    """ "I can't get him to wake up" is no "I can't" (the towel instead of the hand)."""
    t = talk()
    t.start()
    t.say("cramp in my left calf")
    said = t.say("I can't get him to wake up")
    assert any("emergency" in s for s in said), said
    assert not any("towel" in s for s in said), said


@pytest.mark.parametrize("text,language", [
    ("it was a fit of cramps", "en"),
    ("I had a fit of the giggles and then my calf went", "en"),
    ("I'm out of breath from laughing", "en"),
    ("I just collapsed onto the sofa", "en"),
    ("she collapsed into a chair, worn out", "en"),
    ("the chest of drawers hurt my toe", "en"),
    ("너무 웃어서 숨이 차요", "ko"),
])
def test_everyday_uses_of_red_flag_words_raise_no_emergency(text, language):
    assert _got_in(text, language) != "emergency"


@pytest.mark.parametrize("text", [
    "I get out of breath climbing the stairs and my calf is swollen",  # exertion is kept
    "he collapsed onto the floor",
    "my chest hurts when I breathe in",
    "she's having a fit",
])
def test_the_real_ones_beside_them_still_are(text):
    assert _got_in(text, "en") == "emergency"


@pytest.mark.parametrize("text", ["it's just a cramp, go back to sleep",
                                  "go back to sleep honey, it's only a cramp",
                                  "the cramp went back down my leg"])
def test_the_way_back_is_no_cramp_in_the_back(text):
    # Review finding: a partner's "go back to sleep" raised see-a-doctor-soon (other muscles).
    assert _got(text) == "none"


@pytest.mark.parametrize("text", ["I get cramps in my back too", "my back is cramping"])
def test_a_cramp_in_the_back_is_still_one(text):
    assert _got(text) == "soon"
