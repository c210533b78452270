"""Korean, round 5 by class: partial answers to a yes/no check, words glued and said again,
the next step against the next news, another tip, another way, and the coach's own sentences.

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv). The reading
tests are fast unit tests of our own logic on the real plugins' Korean data; the check-in and
faintness tests run the real dialogue on a manual clock.
"""

from __future__ import annotations

import pytest

from crampcoach.voice.language import load
from crampcoach.voice.morphology import Morphology, Reader
from tests import test_korean_text

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said

EASING_PARTLY = "좋아요. 조금 풀리고 있어요. 계속해요."
OVER = "다행이에요. 쥐가 풀렸어요."
CHECK = "쥐가 풀렸나요?"
CHECK_FAINT = "가슴이 아프거나 숨쉬기 힘드세요?"
EMERGENCY = "지금 응급 번호로 전화하세요."


def _at_the_check(talk):
    t = talk(language="ko")
    t.start()
    t.say("오른쪽 종아리에 쥐났어요")
    assert t.run_until_quiet()[-1] == CHECK
    return t


class TestPartialAnswers:
    """"조금요", "약간", "거의요" to "쥐가 풀렸나요?": easing, not gone (as "a little")."""

    @pytest.mark.parametrize("answer", ["조금요", "약간이요", "살짝요", "거의요", "좀 그래요",
                                        "조금 나아졌어요", "약간 풀렸어요", "거의 다 풀렸어요",
                                        "네 조금요", "좀 덜해요", "조금씩 풀리는 거 같아요",
                                        "나아지고 있어요", "반쯤 풀렸어요", "어느 정도 풀렸어요",
                                        "점점 나아져요"])
    def test_a_part_of_a_yes_holds_the_stretch_once_more(self, talk, answer):
        t = _at_the_check(talk)
        out = t.say(answer)
        assert out[0] == EASING_PARTLY
        assert OVER not in out
        assert "무릎을 쭉 펴세요." in out  # the stretch under way, once more
        assert t.run_until_quiet()[-1] == CHECK
        assert t.say("네 다 풀렸어요")[0] == OVER

    def test_the_check_asked_again_offers_a_little(self, talk):
        t = _at_the_check(talk)
        assert t.say("그러니까 저기") == ["쥐가 풀렸나요? 네, 아니요, 조금이라고 말해 주세요."]
        assert t.say("조금이요")[0] == EASING_PARTLY

    @pytest.mark.parametrize("answer", ["네 다 풀렸어요", "이제 다 풀렸네", "풀렸어요"])
    def test_gone_is_still_gone(self, talk, answer):
        assert _at_the_check(talk).say(answer)[0] == OVER

    @pytest.mark.parametrize("answer", ["아직 조금 아파요", "조금도 안 풀렸어"])
    def test_still_hurting_a_little_is_a_no(self, ko, answer):
        prefer = ("answer.yes", "answer.no", "answer.unsure", "cramp.over")
        assert ko.match(answer, prefer=prefer).name == "answer.no"

    @pytest.mark.parametrize("answer", ["조금요", "약간", "살짝 그래요"])
    def test_a_part_of_a_yes_to_the_faintness_check_is_a_yes(self, talk, answer):
        # As "a bit" in English: a little chest pain or breathlessness is still the emergency.
        t = talk(language="ko")
        t.start()
        assert t.say("좀 어지러워요") == [CHECK_FAINT]
        assert t.say(answer)[-1] == EMERGENCY

    def test_no_to_the_faintness_check_is_still_no(self, talk):
        t = talk(language="ko")
        t.start()
        t.say("좀 어지러워요")
        assert t.say("아뇨 그건 아니에요") == ["알겠어요. 달라지면 바로 말해 주세요."]


class TestGluedAndSaidAgain:
    """Words glued to a known one, and a part said again more exactly."""

    @pytest.mark.parametrize("text, want", [
        ("오른발 엄지발가락에 쥐났어", {"side": "right", "muscle": "toes"}),
        ("왼발 발가락이 쥐가 나요", {"side": "left", "muscle": "toes"}),
        ("왼발에 쥐났어", {"side": "left", "muscle": "foot"}),
        ("우측 허벅지 뒤쪽에 쥐", {"side": "right", "muscle": "hamstring"}),
        ("좌측 발바닥이 쥐났어요", {"side": "left", "muscle": "foot"}),
    ])
    def test_the_more_exact_part_is_what_cramped(self, ko, text, want):
        assert said(ko, text) == ("cramp.report", want)

    def test_a_noun_ending_in_n_is_no_typed_ending(self):
        reader = Reader(load("ko").morphology, {"수", "거", "쥐", "나"})
        assert reader.read(["수건"]) == ["수건"]  # a towel, not 수 + 거
        assert reader.read(["쥐남"]) == ["쥐", "나"]  # the typed ㅁ still reads

    def test_the_rule_drops_only_a_glued_part_said_again(self):
        m = Morphology(after_any=("에", "이"))
        reader = Reader(m, {"왼", "발", "발가락", "쥐"})
        assert reader.read(["왼발", "발가락에"]) == ["왼", "발가락"]
        assert reader.read(["왼발에", "쥐"]) == ["왼", "발", "쥐"]
        assert reader.read(["발", "발가락"]) == ["발", "발가락"]  # said apart: both kept

    @pytest.mark.parametrize("text, want", [
        ("두 다리 다 쥐났어요", {"side": "both"}),
        ("두 발에 쥐가 났어", {"side": "both", "muscle": "foot"}),
        ("두 시쯤 쥐가 났어", {}),  # a time, not both legs
        ("두 달 전부터 쥐가 나요", {}),
    ])
    def test_two_legs_are_both_but_two_hours_are_a_time(self, ko, text, want):
        assert said(ko, text) == ("cramp.report", want)

    @pytest.mark.parametrize("text", ["아 쥐났다 진짜 아파", "종아리 쥐났다"])
    def test_the_cramp_said_plain_is_still_read(self, ko, text):
        # No stand-in may make "나" a known word: "났다" would be read as it, not as "났어".
        assert said(ko, text)[0] == "cramp.report"

    def test_a_pause_with_its_reason(self, ko):
        assert said(ko, "잠깐만요 수건 좀 찾아볼게요") == ("coach.pause", {})


class TestWordsForEveryIntent:
    @pytest.mark.parametrize("text, want", [
        ("이제 멀쩡해요", ("cramp.over", {})),
        ("이제 하나도 안 당겨요", ("cramp.over", {})),
        ("쥐 풀렸어요 감사해요", ("cramp.over", {})),
        ("한 번 더요", ("coach.repeat", {})),
        ("다시 시작하자", ("coach.resume", {})),
        ("다른 방법은 없어요?", ("coach.alternative", {})),
        ("딴 거 해 줘", ("coach.alternative", {})),
        ("지난주 요약해 주세요", ("summary.request", {})),
        ("요번주 어땠어요", ("summary.request", {})),
        ("팁 하나만 더 주세요", ("tips.request", {})),
        ("다른 팁은 없어?", ("tips.request", {})),
        ("쥐 안 나게 하는 스트레칭 알려 주세요", ("tips.bedtime_stretch", {})),
        ("당뇨약을 새로 먹기 시작했어", ("profile.update", {"item": "new_medicine"})),
        ("새로운 약 먹고 있어요", ("profile.update", {"item": "new_medicine"})),
        ("의사 선생님이 물을 적게 마시래", ("profile.update", {"item": "fluid_limit"})),
        ("아휴 이제 살 것 같아요", ("cramp.over", {})),
        ("지금 몇 분째예요", ("status.elapsed", {})),
        ("어제 밤에 쥐 몇 번 났어", ("summary.request", {})),
        ("다리 혈관 좀 봐 주세요", ("check.veins", {})),
        ("뒷허벅지에 쥐났어", ("cramp.report", {"muscle": "hamstring"})),
        ("저 이제 잘래요", ("chat.goodnight", {})),
    ])
    def test_said_another_way(self, ko, text, want):
        assert said(ko, text) == want


class TestNextIsNoNews:
    """"다음" before a word the coach does not know is about that word."""

    @pytest.mark.parametrize("text", ["다음 소식입니다", "다음 뉴스 전해 드립니다",
                                      "다음 주 날씨예요"])
    def test_the_next_news_is_no_next_step(self, ko, text):
        assert said(ko, text)[0] is None

    @pytest.mark.parametrize("text", ["다음", "다음 거요", "다음 꺼 해 줘", "다음 동작으로 가요",
                                      "다음 단계로"])
    def test_the_next_step_is_still_the_next_step(self, ko, text):
        assert said(ko, text)[0] == "coach.next"


class TestTheCoachSays:
    """The coach's own Korean sentences: grammatical with every value put in them."""

    @pytest.mark.parametrize("seconds", [20, 60, 90, 300, 4000])
    def test_a_duration_fits_every_sentence_it_is_put_in(self, seconds):
        said = load("ko").duration(seconds)
        assert "안 되게" not in said and "넘게" not in said
        assert said.endswith(("분", "반", "미만", "이상"))  # a noun: "…이었어요", "… 동안"


class TestRoundThreeClasses:
    """Classes of the ko-round3 misses, each with own sentences (not the benchmark's)."""

    @pytest.mark.parametrize("text, want", [
        # A slot taken back in one breath is the one meant, no correction of a record.
        ("오른쪽 아니 왼쪽 발이요", ("cramp.report", {"side": "left", "muscle": "foot"})),
        ("발 아니 종아리에 쥐", ("cramp.report", {"muscle": "calf"})),
        # ...while a correction said on its own still corrects.
        ("아니 오른쪽이었다니까", ("log.correct", {"side": "right"})),
        # The leg named with the cramp word.
        ("아악 다리에 쥐가", ("cramp.report", {})),
        ("이제 좀 말랑해졌어요", ("cramp.over", {})),
        ("종아리가 이제 다 풀렸어요", ("cramp.over", {})),  # the muscle named, no new cramp
        ("왼발 이제 안 아파", ("cramp.over", {})),
        # 잘못 (wrongly) is one word: its 못 denies nothing after it.
        ("잘못 눌렀어 기록 취소해 줘", ("log.undo", {})),
        ("잘못 들었어요", ("coach.repeat", {})),
        ("하지정맥 자가 점검 할래요", ("check.veins", {})),
        ("하지정맥류가 있어요", ("profile.update", {"item": "vein_or_artery_problems"})),
    ])
    def test_said_so(self, ko, text, want):
        assert said(ko, text) == want

    @pytest.mark.parametrize("text", ["벌써 네 시네", "네 시간 잤어", "네 번째 알람이야"])
    def test_four_before_a_counter_is_no_yes(self, ko, text):
        prefer = ("answer.yes", "answer.no", "answer.unsure")
        assert ko.match(text, prefer=prefer).name != "answer.yes"

    def test_yes_is_still_yes(self, ko):
        assert said(ko, "네 맞아요")[0] == "answer.yes"


class TestThirdOwnProbe:
    @pytest.mark.parametrize("text, want", [
        ("팔 정도요", ("log.severity", {"severity": 8})),  # a number with 정도, as alone
        ("다음으로 가요", ("coach.next", {})),
        ("이제 계속해도 돼", ("coach.resume", {})),  # -아도 되다 is leave, not "됐어"
        ("그만해 코치", ("coach.stop", {})),
        ("왼쪽 아니다 오른쪽 발", ("cramp.report", {"side": "right", "muscle": "foot"})),
        ("종아리 근육이 경직됐어요", ("cramp.report", {"muscle": "calf"})),
        ("아 쥐가 올라와요", ("cramp.report", {})),
    ])
    def test_said_so(self, ko, text, want):
        assert said(ko, text) == want

    @pytest.mark.parametrize("text", ["이 정도면 참을 만해", "여보 그만 뒤척여",
                                      "애들아 그만 싸워", "여섯 시간 잤어", "애가 일곱 살이야"])
    def test_not_a_score_nor_a_stop(self, ko, text):
        assert said(ko, text)[0] not in ("log.severity", "coach.stop")


class TestFourthOwnProbe:
    @pytest.mark.parametrize("text, want", [
        ("얼마나 됐어요", ("status.elapsed", {})),  # 됐어 and 됐어요 still heard for each other
        ("저 임산부예요", ("profile.update", {"item": "pregnant"})),
        ("당뇨약 먹어요", ("profile.update", {"item": "diabetes"})),
        ("양발에 쥐가 나요", ("cramp.report", {"side": "both", "muscle": "foot"})),
        ("조금 느리게 해 주세요", ("coach.slower", {})),
        ("말이 너무 빠르네요", ("coach.slower", {})),
        ("수건이 없는데요", ("coach.alternative", {})),
        ("오래 서 있을 수가 없어", ("coach.alternative", {"limit": "stand"})),
        ("정맥류 검사 해 주세요", ("check.veins", {})),
        ("네 그렇네요", ("answer.yes", {})),
        ("둘 다요", ("cramp.report", {"side": "both"})),  # both, no score of 2
    ])
    def test_said_so(self, ko, text, want):
        assert said(ko, text) == want

    def test_a_glued_part_keeps_its_own_final_wherever_it_is_split(self):
        reader = Reader(load("ko").morphology, {"수", "거", "이", "없어"})
        assert reader.read(["수건이"]) == ["수건이"]  # no "수 거 이"
