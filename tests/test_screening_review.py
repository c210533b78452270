"""Red flags a black-box review found missed or raised wrongly (sentences of the review's
kind, written for these tests): a breath that "isn't right" is asked about, blue lips are an
emergency, and "number" is no numbness."""

from __future__ import annotations

from pathlib import Path

import pytest

from crampcoach.plugins import safety
from crampcoach.plugins.safety import screening
from crampcoach.voice import phrasebook


def _got(text: str) -> str:
    data = phrasebook.load(Path(safety.__file__).parent, "en")
    v = screening.screen(text, data, "en")
    return v.tier or ("check" if v.check else "none")


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
