"""Korean, round 7 by class: a place said in the past copula is a correction ("it was my
left calf"), a number said with a copula ending is a score, particles 밖에 and the copula
-인데.

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv). The reading
tests are fast unit tests of our own logic on the real plugins' Korean data; the dialogue
tests run the real dialogue on a manual clock.
"""

from __future__ import annotations

import pytest

from crampcoach.plugins.journal.store import Journal
from tests import test_korean_text

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said


class TestPlaceInThePast:
    """"종아리였어" (it was the calf) corrects the place; asked where, it is the answer."""

    @pytest.mark.parametrize("text, slots", [
        ("아 오른쪽 발이었어", {"side": "right", "muscle": "foot"}),
        ("아까 그거 허벅지였어요", {"muscle": "thigh"}),
        ("참 왼쪽 정강이였는데", {"side": "left", "muscle": "shin"}),
        ("어제 거 양쪽 종아리였어요", {"side": "both", "muscle": "calf"}),
        ("그거 왼쪽이었거든요", {"side": "left"}),
        ("발가락이었다니까", {"muscle": "toes"}),
    ])
    def test_a_place_that_was_is_a_correction(self, ko, text, slots):
        assert said(ko, text) == ("log.correct", slots)

    @pytest.mark.parametrize("text, prefer, want", [
        ("오른쪽이었어요", "cramp.report", ("cramp.report", {"side": "right"})),
        ("발이었어", "cramp.report", ("cramp.report", {"muscle": "foot"})),
        ("육 점이었어요", "log.severity", ("log.severity", {"severity": 6})),
    ])
    def test_asked_it_is_the_answer(self, ko, text, prefer, want):
        got = ko.match(text, prefer=[prefer])
        assert (got.name, got.slots) == want

    @pytest.mark.parametrize("text, want", [
        # A rating said in the past answers how bad it was; no correction.
        ("다섯 점 정도였어요", ("log.severity", {"severity": 5})),
        ("사 점이었어", ("log.severity", {"severity": 4})),
        # A place said now is a report, and what follows a past one is meant.
        ("왼쪽 종아리야", ("cramp.report", {"side": "left", "muscle": "calf"})),
        ("종아리였는데 이제 발에 쥐 났어", ("cramp.report", {"muscle": "calf"})),
        # Denied already: one correction, not two.
        ("왼쪽이었는데 잘못 말했어요", ("log.correct", {"side": "left"})),
    ])
    def test_what_stays_as_it_was(self, ko, text, want):
        got = said(ko, text)
        if text.startswith("종아리였는데"):
            assert got[0] == want[0]  # a report (which muscle: the leftmost, as before)
        else:
            assert got == want

    def test_read_with_the_denial_before_the_place(self, ko):
        assert ko.language.normalise("아까 거 왼쪽 종아리였어") == "아까 거 아니 왼쪽 종아리"

    def test_the_next_morning_a_place_that_was_changes_last_nights_cramp(self, talk, isolated):
        t = talk("ko")
        t.start()
        t.say("오른쪽 종아리 쥐났어")
        t.say("다 풀렸어요")
        t.say("다섯")
        asked = t.say("아 왼쪽 종아리였어요")
        assert any("왼쪽" in line for line in asked)
        with Journal(isolated) as j:
            assert j.episodes()[-1]["side"] == "left"


class TestScoreWithCopula:
    """A Sino-Korean number with a copula ending is a score, also inside a sentence."""

    @pytest.mark.parametrize("text, n", [
        ("팔이요 엄청 아팠어요", 8), ("육인데요", 6), ("구예요", 9), ("삼이요 별로 안 아팠어", 3),
        ("칠인데 지금은 좀 괜찮아요", 7), ("오 점밖에 안 돼", 5), ("십이에요", 10),
    ])
    def test_number_with_copula_is_a_score(self, ko, text, n):
        assert said(ko, text) == ("log.severity", {"severity": n})

    @pytest.mark.parametrize("text", ["이야 진짜 아프다", "일이에요 내일 출근해야 돼"])
    def test_one_and_two_with_a_copula_are_no_score(self, ko, text):
        assert said(ko, text)[0] != "log.severity"
