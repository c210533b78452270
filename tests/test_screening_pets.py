"""A pet's breathing or collapse is no red flag about a person (found by a black-box review:
"the dog is breathing heavily" got "call emergency services now")."""

from __future__ import annotations

import pytest

from .test_screening_review import _got_in


@pytest.mark.parametrize(("text", "language"), [
    ("the dog is breathing heavily", "en"),
    ("my cat is wheezing on the rug", "en"),
    ("the puppy is panting hard", "en"),
    ("강아지가 숨을 헐떡거려", "ko"),
    ("고양이가 쓰러졌어", "ko"),
])
def test_a_pets_signs_raise_nothing(text, language):
    assert _got_in(text, language) == "none"


@pytest.mark.parametrize(("text", "language"), [
    ("I can't breathe", "en"),
    ("my wife collapsed", "en"),
    ("the dog woke me and now I can't breathe", "en"),
    ("숨을 못 쉬겠어요", "ko"),
])
def test_people_are_still_answered(text, language):
    assert _got_in(text, language) == "emergency"
