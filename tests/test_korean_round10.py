"""Korean, round 10 by class: someone else's cramp told (no report), a body part in
everyday talk, the record or help asked in other words, a score after the scale, the
regions' endings and words, the other side and a slip just noticed, the plain present.

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv). Fast unit
tests of our own reading on the real plugins' Korean data, and the real dialogue on a
manual clock where what the person meets matters.
"""

from __future__ import annotations

import pytest

from crampcoach.plugins.journal.store import Journal
from tests import test_korean_text

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said


class TestSomeoneElsesCrampTold:
    """A cramp of someone else, told as a habit, remembered or as the past of the past, with
    nothing asked, is talk; someone else's cramp now is still a report."""

    @pytest.mark.parametrize("text", [
        "동생이 수영하다가 발에 쥐났었대",
        "우리 언니는 자주 종아리에 쥐가 난대요",
        "할머니도 예전에 다리에 쥐 났었어",
        "형이 등산하다 허벅지에 쥐났다더라",
        "아저씨들은 항상 쥐 나더라",
    ])
    def test_told_of_others_is_nothing(self, ko, text):
        assert said(ko, text) == (None, {})

    @pytest.mark.parametrize("text, slots", [
        ("딸이 종아리에 쥐가 났대요", {"muscle": "calf"}),
        ("남편이 지금 발에 쥐났대", {"muscle": "foot"}),
        ("아들이 맨날 쥐 나는데 지금 또 났어요", {}),
        ("엄마가 예전에도 쥐났었는데 어떡해", {}),
    ])
    def test_someone_elses_cramp_now_is_a_report(self, ko, text, slots):
        assert said(ko, text) == ("cramp.report", slots)

    def test_my_own_past_cramp_still_reaches_the_relief_plugin(self, ko):
        assert said(ko, "지난밤에 왼쪽 발에 쥐 났었어")[0] == "cramp.report"


class TestBodyInEverydayTalk:
    """A side or a muscle named with an everyday state or deed, no pain, is no cramp."""

    @pytest.mark.parametrize("text", [
        "발이 너무 시려요", "아기 발가락 너무 예쁘다", "발 좀 씻고 올게",
        "안경 왼쪽에 있잖아", "휴대폰 오른쪽에 뒀어", "종아리에 로션 발라",
    ])
    def test_no_cramp(self, ko, text):
        assert said(ko, text)[0] != "cramp.report"

    @pytest.mark.parametrize("text, slots", [
        ("발이 시리고 쥐가 나요", {"muscle": "foot"}),
        ("왼쪽에 쥐 있어", {"side": "left"}),
        ("발가락이 차갑고 오그라들어", {"muscle": "toes"}),
    ])
    def test_with_pain_it_is_a_cramp(self, ko, text, slots):
        assert said(ko, text) == ("cramp.report", slots)

    def test_a_pause_with_a_foot_named_is_still_a_pause(self, ko):
        assert said(ko, "잠깐 기다려 발 좀 씻고 올게")[0] == "coach.pause"


class TestAskedInOtherWords:
    @pytest.mark.parametrize("text", ["어젯밤 기록 좀 보여 줘", "기록 좀 알려 줄래",
                                      "이번 주 정리해 줘"])
    def test_the_record(self, ko, text):
        assert said(ko, text)[0] == "summary.request"

    @pytest.mark.parametrize("text", ["무슨 말을 알아들어요", "뭘 알아들어?"])
    def test_help(self, ko, text):
        assert said(ko, text)[0] == "help"

    def test_not_understood_is_still_a_repeat(self, ko):
        assert said(ko, "잘 못 알아들었어")[0] == "coach.repeat"

    @pytest.mark.parametrize("text", ["바나나 먹으면 도움 돼?", "물 많이 마시면 좋아요?"])
    def test_does_it_help(self, ko, text):
        assert said(ko, text)[0] == "tips.request"

    def test_bedtime_said_otherwise(self, ko):
        assert said(ko, "취침 전에 하는 스트레칭 알려 줘")[0] == "tips.bedtime_stretch"

    def test_the_weather_is_no_summary(self, ko):
        assert said(ko, "오늘 날씨 어때")[0] is None


class TestScoreAfterTheScale:
    @pytest.mark.parametrize("text, n", [("십 점 만점에 육", 6), ("십 점 중에 구", 9),
                                         ("열 점 만점에 칠 점", 7)])
    def test_score(self, ko, text, n):
        assert said(ko, text) == ("log.severity", {"severity": n})


class TestRegions:
    """경상, 전라, 충청 endings and words read as the standard ones."""

    @pytest.mark.parametrize("text, want", [
        ("고마해라", "coach.stop"),
        ("천천히 좀 해라", "coach.slower"),
        ("잘 자래이", "chat.goodnight"),
        ("잘 주무시소", "chat.goodnight"),
        ("아이다 아직이다", "answer.no"),
        ("고맙데이", "chat.thanks"),
        ("고마워유", "chat.thanks"),
        ("머라카노", "coach.repeat"),
        ("그려", "answer.yes"),
        ("몰러", "answer.unsure"),
        ("됐다 마", "chat.never_mind"),
        ("종아리에 쥐났당께", "cramp.report"),
        ("발에 쥐났어예", "cramp.report"),
    ])
    def test_region(self, ko, text, want):
        assert said(ko, text)[0] == want

    @pytest.mark.parametrize("text", ["사라", "다리라"])
    def test_a_plain_imperative_makes_no_word(self, ko, text):
        assert said(ko, text) == (None, {})


class TestOtherSideAndSlipNoticed:
    @pytest.mark.parametrize("text", ["반대쪽이었어요", "아 반대편 다리였어"])
    def test_the_other_side_is_a_correction(self, ko, text):
        assert said(ko, text) == ("log.correct", {})

    @pytest.mark.parametrize("text, slots", [
        ("아 왼쪽이야", {"side": "left"}),
        ("미안해요 오른쪽 발이에요", {"side": "right", "muscle": "foot"}),
        ("아차 허벅지예요", {"muscle": "thigh"}),
    ])
    def test_a_slip_noticed(self, ko, text, slots):
        assert said(ko, text) == ("log.correct", slots)

    def test_asked_it_is_the_answer(self, ko):
        got = ko.match("아 왼쪽이야", prefer=["cramp.report"])
        assert (got.name, got.slots) == ("cramp.report", {"side": "left"})

    @pytest.mark.parametrize("text", ["아 종아리야", "아이고 허벅지야"])
    def test_a_cry_of_pain_is_a_report(self, ko, text):
        assert said(ko, text)[0] == "cramp.report"

    def test_the_other_side_corrected_in_the_dialogue_asks_which(self, talk, isolated):
        t = talk("ko")
        t.start()
        t.say("왼쪽 종아리에 쥐났어")
        assert t.say("반대쪽이었어요")[0] == "어느 쪽 다리였어요? 왼쪽, 오른쪽, 양쪽?"
        t.say("오른쪽")
        with Journal(isolated) as j:
            [ep] = j.episodes()
        assert ep["side"] == "right"


class TestPlainPresent:
    @pytest.mark.parametrize("text, slots", [("쥐난다", {}), ("발에 쥐난다 쥐", {"muscle": "foot"}),
                                             ("허벅지 쥐난대", {"muscle": "thigh"})])
    def test_glued_present(self, ko, text, slots):
        assert said(ko, text) == ("cramp.report", slots)

    def test_a_noun_keeps_its_final(self, ko):
        assert ko.language.normalise("수건이 없어요").split()[0] == "수건"


class TestChangedInto:
    """The value to change to is the one said with 로, before or after the verb; a thing
    said with 을/를 before it is what was changed (a new medicine), no value."""

    @pytest.mark.parametrize("text, slots", [
        ("바꿔 줘 세 점으로", {"severity": 3}),
        ("왼쪽으로 고쳐 줘", {"side": "left"}),
        ("점수 좀 고쳐 줄래 아홉으로", {"severity": 9}),
        ("육 말고 삼으로 해 줘", {"severity": 3}),
    ])
    def test_value_with_ro(self, ko, text, slots):
        assert said(ko, text) == ("log.correct", slots)

    def test_a_value_quoted_before_is_taken_back(self, ko):
        assert said(ko, "아까 구라고 했는데 사실 여섯쯤이었어") == ("log.correct", {"severity": 6})

    def test_a_place_insisted_on(self, ko):
        assert said(ko, "허벅지였다고 발 아니고") == ("log.correct", {"muscle": "thigh"})

    @pytest.mark.parametrize("text", ["병원에서 당뇨약을 바꿔 줬어요", "수면제를 바꿨어"])
    def test_a_medicine_changed_is_a_new_one(self, ko, text):
        assert said(ko, text) == ("profile.update", {"item": "new_medicine"})

    def test_the_channel_is_nothing(self, ko):
        assert said(ko, "채널을 바꿔 줘") == (None, {})


class TestSaidOtherwise:
    @pytest.mark.parametrize("text, want", [
        ("아니 아무것도", "chat.never_mind"),
        ("코치한테 한 말 아니야", "chat.never_mind"),
        ("오늘은 이쯤에서 그만둘게", "coach.stop"),
        ("코칭 그만할래", "coach.stop"),
        ("됐어 그만", "coach.stop"),
        ("좀 헷갈려요", "answer.unsure"),
        ("덕분에 살았어요 고마워요", "chat.thanks"),
        ("방금 거 없던 걸로 해 주세요", "log.undo"),
        ("잠깐 있어 봐요", "coach.pause"),
        ("자 계속 가요", "coach.resume"),
    ])
    def test_said(self, ko, text, want):
        assert said(ko, text)[0] == want

    @pytest.mark.parametrize("text", ["학원 그만두고 싶어", "가만히 좀 있어 봐"])
    def test_said_to_someone_else(self, ko, text):
        assert said(ko, text)[0] not in ("coach.stop", "coach.pause")


class TestRound7Classes:
    """Classes of ko-round7's misses (own sentences)."""

    @pytest.mark.parametrize("text", [
        "왼쪽 서랍에 충전기 있어",          # a side of a thing, a place
        "여보 오른쪽 커튼 좀 쳐 줘",        # a side of a thing
        "왼쪽으로 좀 돌아누워 봐",          # a way to turn
        "고양이가 내 다리 사이에서 자",      # a body part as where something is
        "야구 선수가 종아리에 쥐가 났나 봐",  # a stranger's cramp
        "삼촌이 쥐 때문에 밤새 고생했대",     # someone else's, a story
        "시험 구십 점 받았어",              # tens: marks, no rating
        "삼 대 일로 이겼대",                # a match's score
    ])
    def test_no_command(self, ko, text):
        assert said(ko, text)[0] not in ("cramp.report", "log.severity")

    @pytest.mark.parametrize("text, want", [
        ("오른쪽 종아리에 쥐났어", ("cramp.report", {"side": "right", "muscle": "calf"})),
        ("다리 사이에 쥐가 났어", ("cramp.report", {})),
        ("선수도 아니고 지금 내 발에 쥐났어", ("cramp.report", {"muscle": "foot"})),
        ("임신 삼십 주예요", ("profile.update", {"item": "pregnant"})),
        ("아니 그거 칠 점이야", ("log.correct", {"severity": 7})),
        ("허벅지 뒤쪽으로 바꿔 줘", ("log.correct", {"muscle": "hamstring"})),
        ("쥐가 또 왔어", ("cramp.report", {})),
        ("이제 다 풀렸다 인자", ("cramp.over", {})),
        ("이번 주 쥐 얼마나 났는지 알려 줘", ("summary.request", {})),
        ("쥐 어떻게 막아요", ("tips.request", {})),
        ("의사가 물 많이 마시면 안 된대", ("profile.update", {"item": "fluid_limit"})),
        ("핏줄 좀 봐 줘", ("check.veins", {})),
        ("이제 다시 자 볼게", ("chat.goodnight", {})),
        ("아냐 이제 됐어", ("chat.never_mind", {})),
    ])
    def test_said(self, ko, text, want):
        assert said(ko, text) == want
