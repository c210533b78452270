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


class TestRatingOfATimeGoneBy:
    """A rating in the past copula with a time gone by named corrects that cramp's."""

    @pytest.mark.parametrize("text, n", [("어젯밤엔 육 점 정도였어", 6),
                                         ("아까 그건 구 점이었어요", 9), ("어제 건 사였어", 4)])
    def test_is_a_correction(self, ko, text, n):
        assert said(ko, text) == ("log.correct", {"severity": n})

    def test_asked_how_bad_it_is_the_answer(self, ko):
        got = ko.match("아까 건 육 점이었어요", prefer=["log.severity"])
        assert (got.name, got.slots) == ("log.severity", {"severity": 6})


class TestPastAndHabitTold:
    """A cramp told as past or as a habit reaches the relief plugin, which starts nothing:
    not the morning summary, not a new cramp."""

    @pytest.mark.parametrize("text", ["어제 새벽에 쥐가 났었어요", "엊그제 종아리에 쥐 났었거든요"])
    def test_a_past_cramp_is_told_no_summary(self, ko, text):
        assert said(ko, text)[0] == "cramp.report"

    @pytest.mark.parametrize("text", ["어젯밤에 몇 번 났었어", "어젯밤 어땠어"])
    def test_the_summary_asked_stays(self, ko, text):
        assert said(ko, text)[0] == "summary.request"

    def test_every_night_is_kept_whole(self, ko):
        assert ko.language.normalise("날마다 발에 쥐가 나요").split()[0] == "날마다"

    @pytest.mark.parametrize("text", ["어제 새벽에 쥐가 났었어요", "날마다 발에 쥐가 나요"])
    def test_no_stretches_no_entry(self, talk, isolated, text):
        t = talk("ko")
        t.start()
        replies = t.say(text)
        assert not any("앉으세요" in r for r in replies)  # no routine started
        with Journal(isolated) as j:
            assert j.episodes() == []


class TestSaidToSomeoneElse:
    """A vocative with 괜찮아 alone asks someone else how they are: the cramp is not over."""

    @pytest.mark.parametrize("text", ["당신 괜찮아?", "아빠 괜찮아요", "괜찮아 여보야?"])
    def test_asking_someone_else(self, ko, text):
        assert said(ko, text) == (None, {})

    @pytest.mark.parametrize("text", ["여보 나 이제 괜찮아", "괜찮아요 이제 풀렸어요"])
    def test_telling_stays_over(self, ko, text):
        assert said(ko, text)[0] == "cramp.over"


class TestMoreWaysOfSaying:
    @pytest.mark.parametrize("text, want", [
        ("발가락까지 손이 안 가", ("coach.alternative", {"limit": "reach"})),
        ("아기를 가졌거든요", ("profile.update", {"item": "pregnant"})),
        ("무슨 말을 할 수 있는지 알려 주세요", ("help", {})),
        ("실수로 불렀어요 죄송해요", ("chat.never_mind", {})),
    ])
    def test_understood(self, ko, text, want):
        assert said(ko, text) == want

    @pytest.mark.parametrize("text", ["애기가 깼어", "지금 밖에 안 가"])
    def test_not_taken_for_them(self, ko, text):
        assert said(ko, text)[0] not in ("profile.update", "coach.alternative")


class TestReadingEdges:
    """Endings met this round: none may turn a word into a command it is not."""

    @pytest.mark.parametrize("text", ["몇 분 남았어요", "얼마나 남았어"])
    def test_left_is_no_cramp_and_no_no(self, ko, text):
        # 남다 (to be left): its ㅁ is no typed ending with more said after it ("남았어").
        assert said(ko, text)[0] not in ("answer.no", "cramp.report")

    @pytest.mark.parametrize("text, want", [
        ("일어서기 힘든데요", None),
        ("일어나기 어려운데", ("coach.alternative", {"limit": "stand"})),
        ("종아리에 쥐가 난 것 같아요", ("cramp.report", {"muscle": "calf"})),
        ("쥐 날 거 같아", ("cramp.report", {})),
        ("팔인가", ("log.severity", {"severity": 8})),
        ("여보 왜 그래", (None, {})),
        ("굿나잇", ("chat.goodnight", {})), ("이제 자러 갈게요", ("chat.goodnight", {})),
    ])
    def test_read(self, ko, text, want):
        if want is None:
            assert ko.language.normalise(text).startswith("못")
        else:
            assert said(ko, text) == want


@pytest.mark.parametrize("text", ["쥐가 베란다로 나왔어", "쥐가 밖으로 나갔어요"])
def test_a_mouse_coming_out_is_no_cramp(ko, text):
    # 나와, 나가 (나오다, 나가다) are no 나 and a particle: no "쥐 났어".
    assert said(ko, text)[0] is None


@pytest.mark.parametrize("text", ["문 좀 열어 줘", "차를 팔았어요", "이거 사요"])
def test_a_verb_is_no_number(ko, text):
    # 열어 (open), 팔았어 (sold), 사요 (buy): a verb's ending after a number word's syllable.
    assert said(ko, text)[0] != "log.severity"


@pytest.mark.parametrize("text, n", [("열이요", 10), ("여덟이요", 8), ("셋이요", 3)])
def test_a_native_number_with_the_copula_is_a_score(ko, text, n):
    assert said(ko, text) == ("log.severity", {"severity": n})


class TestScoreWithoutCounter:
    """A score said without 점 in a sentence: two numbers together (the first, as "seven or
    eight" is seven), or a number ending what is said after a hedge."""

    @pytest.mark.parametrize("text, n", [
        ("육칠 정도요", 6), ("팔이나 구", 8), ("오에서 육 사이요", 5), ("아마 구", 9),
        ("글쎄요 한 사", 4), ("점수는 삼", 3)])
    def test_is_a_score(self, ko, text, n):
        assert said(ko, text) == ("log.severity", {"severity": n})

    @pytest.mark.parametrize("text", ["오 육 분 걸렸어", "사오 번 났어", "우리 사이 좋아",
                                      "사이드"])
    def test_counts_and_words_stay(self, ko, text):
        assert said(ko, text)[0] != "log.severity"


@pytest.mark.parametrize("text, want", [("발이었는데 이제 괜찮아요", "cramp.over"),
                                        ("종아리였고 이제 다 풀렸어", "cramp.over"),
                                        ("아까 그거 허벅지였는데", "log.correct")])
def test_a_place_that_was_joined_to_more_is_background(ko, text, want):
    assert said(ko, text)[0] == want
