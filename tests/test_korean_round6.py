"""Korean, round 6 by class: never mind said any way, a pause with its reason, toes, a slip
owned up to, undo said any way, the foot out of reach, a morning greeting, "sometimes" as an
answer, should-I-go questions typed with words the model lacks.

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv). The reading
tests are fast unit tests of our own logic on the real plugins' Korean data; the undo, vein
and never-mind tests run the real dialogue on a manual clock.
"""

from __future__ import annotations

import pytest

from crampcoach.plugins.journal.store import Journal
from crampcoach.plugins.veins import store as veins
from crampcoach.voice.morphology import Morphology, Reader
from tests import test_korean_text

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said


def _left_calf_rated_seven(talk):
    """A Korean conversation with one cramp told, over, and rated seven."""
    t = talk("ko")
    t.start()
    t.say("왼쪽 종아리 쥐났어")
    t.say("다 풀렸어요")
    t.say("칠 점")
    return t


class TestNeverMind:
    """"됐어" (enough) waved away with 아니/그냥/괜찮아 is never mind; alone it is over."""

    @pytest.mark.parametrize("text", ["아니 됐어", "아냐 됐어요", "그냥 됐다", "괜찮아요 됐어요",
                                      "됐어요 그냥", "아니에요 됐다니까", "아 그냥 됐어요",
                                      "신경 꺼", "아니야 됐어 신경 쓰지 마"])
    def test_enough_waved_away_is_never_mind(self, ko, text):
        assert said(ko, text) == ("chat.never_mind", {})

    @pytest.mark.parametrize("text, want", [
        ("됐어", "cramp.over"), ("이제 됐어요", "cramp.over"), ("다 됐어", "cramp.over"),
        ("얼마나 됐어요", "status.elapsed"), ("쥐 난 지 얼마나 된 거야", "status.elapsed"),
        ("아니", "answer.no"), ("아직이요", "answer.no"),
    ])
    def test_enough_alone_and_how_long_stay_as_they_were(self, ko, text, want):
        assert said(ko, text)[0] == want

    def test_never_mind_at_which_muscle_starts_no_routine(self, talk, isolated):
        t = talk("ko")
        t.start()
        assert t.say("쥐 났어") == ["종아리예요, 발이에요, 허벅지예요?"]
        out = t.say("아니 그냥 됐어")
        assert "무릎을 쭉 펴세요." not in out and out
        assert t.run_until_quiet() == []


class TestPauseWithReason:
    """"잠깐만요" is the whole request to wait: a reason after it does not outweigh it."""

    @pytest.mark.parametrize("text", ["잠깐만요 화장실 좀 다녀올게요", "잠깐만 불 좀 켜고",
                                      "잠시만요 안경 좀 찾을게요", "잠깐만 전화 왔어"])
    def test_wait_then_why(self, ko, text):
        assert said(ko, text) == ("coach.pause", {})

    @pytest.mark.parametrize("text", ["잠깐 화장실 좀 다녀올게요", "물 좀 마시고 올게",
                                      "금방 올게요"])
    def test_gone_a_moment_and_back_is_a_pause(self, ko, text):
        assert said(ko, text) == ("coach.pause", {})

    def test_wait_then_a_request_is_the_request(self, ko):
        assert said(ko, "잠깐만 다시 한번 말해 줘")[0] == "coach.repeat"


class TestToes:
    @pytest.mark.parametrize("text, slots", [
        ("왼발 발가락들이 꼬여요", {"side": "left", "muscle": "toes"}),
        ("발가락들에 쥐", {"muscle": "toes"}),
        ("오른발 엄지가 꺾였어", {"side": "right", "muscle": "toes"}),
        ("발끝이 오그라들어요", {"muscle": "toes"}),
    ])
    def test_toes_said_any_way_are_toes_not_the_foot(self, ko, text, slots):
        assert said(ko, text) == ("cramp.report", slots)

    @pytest.mark.parametrize("text, slots", [
        ("엄마가 종아리에 쥐가 났대", {"muscle": "calf"}),
        ("엄마 쥐났대요", {}),
    ])
    def test_a_word_starting_like_a_known_one_is_not_it(self, ko, text, slots):
        # "엄" of 엄마 (mum) is no 엄지 (big toe): a lone syllable starting a word is read
        # only as itself.
        assert said(ko, text) == ("cramp.report", slots)

    def test_a_typed_ending_after_one_syllable_still_reads(self, ko):
        assert said(ko, "쥐 난다 쥐 난다")[0] == "cramp.report"


class TestSlipOwnedUp:
    """"잘못 말했어" with what is meant is a correction, the slip before or after it."""

    @pytest.mark.parametrize("text, slots", [
        ("왼쪽이었는데 잘못 말했어요", {"side": "left"}),
        ("잘못 말했어 왼쪽 다리야", {"side": "left"}),
        ("오른쪽이라고 잘못 말했네 왼쪽이야", {"side": "left"}),
        ("말을 잘못했어요 발이에요", {"muscle": "foot"}),
        ("잘못 말했어 육 점이야", {"severity": 6}),
    ])
    def test_the_slip_and_what_is_meant_correct_the_record(self, ko, text, slots):
        assert said(ko, text) == ("log.correct", slots)

    @pytest.mark.parametrize("text", ["잘못 말했어요", "미안해요", "미안 늦었어", "미안해 여보",
                                      "말을 잘못했네 미안"])
    def test_the_slip_alone_or_sorry_to_someone_is_no_denial(self, ko, text):
        assert said(ko, text)[0] not in ("answer.no", "log.correct", "log.undo")


class TestUndo:
    @pytest.mark.parametrize("text", ["방금 거 빼 줘요", "그거 빼", "마지막 거 없애 줘",
                                      "방금 기록한 거 없애", "마지막 기록 삭제해 주세요"])
    def test_undo_said_any_way(self, ko, text):
        assert said(ko, text) == ("log.undo", {})

    def test_all_but_that_is_no_undo(self, ko):
        assert said(ko, "그거 빼고 다 가져와")[0] != "log.undo"

    def test_undo_takes_back_only_what_was_just_said_never_an_older_cramp(self, talk, isolated):
        _left_calf_rated_seven(talk)
        t = talk("ko")  # a later conversation: the older cramp is not its to take back
        t.start()
        assert t.say("방금 거 빼 줘") == [
            "이번 대화에서 취소할 기록이 없어요.",
            "전에 적은 쥐는 일지에 남아 있어요. 지우려면 log delete 명령을 쓰세요."]
        t.say("오른쪽 발에 쥐났어")
        t.say("다 풀렸어요")
        t.say("다섯 점")
        assert t.say("방금 거 빼 줘") == ["네. 점수를 취소했어요."]
        with Journal(isolated) as j:
            older, newer = sorted(j.episodes(), key=lambda e: e["id"])
        assert (older["side"], older["muscle"], older["severity"]) == ("left", "calf", 7)
        assert (newer["side"], newer["severity"]) == ("right", None)


class TestOutOfReach:
    @pytest.mark.parametrize("text", ["발을 못 잡겠어", "배 때문에 발끝을 못 잡아요",
                                      "발가락이 손에 안 잡혀요", "배가 불러서 발까지 못 잡겠어요"])
    def test_cannot_get_hold_of_the_foot_is_the_reach_alternative(self, ko, text):
        assert said(ko, text) == ("coach.alternative", {"limit": "reach"})

    def test_caught_is_no_reach(self, ko):
        assert said(ko, "고양이가 쥐를 잡았어")[0] is None


class TestMorning:
    @pytest.mark.parametrize("text", ["잘 잤니", "잘잤어요?", "푹 잤어", "안녕히 주무셨어요",
                                      "굿모닝 코치"])
    def test_slept_is_a_morning_greeting(self, ko, text):
        assert said(ko, text) == ("summary.request", {})

    @pytest.mark.parametrize("text", ["잘 자", "잘 자요", "안녕히 주무세요"])
    def test_sleep_well_is_still_good_night(self, ko, text):
        assert said(ko, text) == ("chat.goodnight", {})


class TestSometimes:
    @pytest.mark.parametrize("text", ["가끔요", "가끔씩 그래요", "종종요", "가끔 있어요"])
    def test_sometimes_is_a_yes(self, ko, text):
        assert said(ko, text) == ("answer.yes", {})

    def test_sometimes_answers_the_vein_question(self, talk, isolated):
        t = talk("ko")
        t.start()
        t.say("정맥 검사 해 줘")
        assert t.say("가끔요") == ["다리가 아프거나 불편한가요?"]
        for _ in range(4):
            t.say("아니요")
        with veins.open_veins(isolated) as j:
            [c] = veins.vein_checks(j)
        assert c["answers"]["swelling"] == "yes"


class TestShouldIGoTyped:
    """가야 is no word of the Korean model: typed, it is read as the declared 가 봐야."""

    @pytest.mark.parametrize("text", ["응급실 가야 돼요?", "병원 가야 하나", "큰 병원 가야 할까요"])
    def test_must_i_go_is_asked(self, ko, text):
        assert said(ko, text) == ("safety.should_call", {})


def test_a_number_glued_before_more_is_split(ko):
    assert said(ko, "팁하나더요")[0] == "tips.request"


class TestHardTo:
    """"V-기(가) 힘들어/어려워": hard to do, read as the short negation "못 V"."""

    @pytest.mark.parametrize("text", ["일어나기가 힘들어요", "일어서기 어려워",
                                      "일어나기도 힘드네요"])
    def test_hard_to_stand_is_the_stand_alternative(self, ko, text):
        assert said(ko, text) == ("coach.alternative", {"limit": "stand"})

    def test_hard_to_breathe_keeps_its_declared_words(self, ko):
        # "숨쉬기" is declared as it is said: no "못 쉬" made of it.
        assert ko.language.normalise("숨쉬기가 힘들어요") == "숨 쉬기 힘들어"

    def test_a_verb_no_plugin_knows_stays(self, ko):
        assert ko.language.normalise("걷기 힘들어") == "걷기 힘들어"


@pytest.mark.parametrize("text, want", [
    ("못 알아들었어요", ("coach.repeat", {})),
    ("잘 못 알아듣겠어", ("coach.repeat", {})),
    ("딴 걸로 해 줘요", ("coach.alternative", {})),
    ("쥐 얼마나 오래 갔어", ("status.elapsed", {})),
    ("자기 전에 무슨 스트레칭 하면 좋아", ("tips.bedtime_stretch", {})),
    ("바꾼 약 먹기 시작했어요", ("profile.update", {"item": "new_medicine"})),
    ("안녕히 계세요", ("chat.goodnight", {})),
    ("뭘 말하면 되는지 알려 줘", ("help", {})),
    ("뭘 말할 수 있어?", ("help", {})),
])
def test_second_own_probe_by_class(ko, text, want):
    assert said(ko, text) == want


def test_a_slip_is_the_denial_before_what_follows_it_else_before_what_came_before():
    reader = Reader(Morphology(misspoke=("잘못 말해",), denial="아니"), {"아니", "왼쪽", "오른쪽"})
    assert reader.read(["왼쪽", "잘못", "말해", "오른쪽"]) == ["아니", "오른쪽"]
    assert reader.read(["오른쪽", "잘못", "말해"]) == ["아니", "오른쪽"]
    assert reader.read(["잘못", "말해"]) == ["잘못", "말해"]


class TestChangeTo:
    """"사 점으로 바꿔 줘", "오른쪽으로 고쳐 주세요": the value asked for is a correction."""

    @pytest.mark.parametrize("text, slots", [
        ("오 점으로 고쳐 주세요", {"severity": 5}),
        ("팔이라고 했는데 육 점으로 바꿔 줘", {"severity": 6}),
        ("점수 삼 점으로 바꿔 주세요", {"severity": 3}),
        ("왼쪽으로 바꿔 줘", {"side": "left"}),
        ("허벅지로 고쳐 줘요", {"muscle": "thigh"}),
    ])
    def test_the_value_before_change_is_a_correction(self, ko, text, slots):
        assert said(ko, text) == ("log.correct", slots)

    @pytest.mark.parametrize("text", ["채널 좀 바꿔 줘", "다른 걸로 바꿔 줘", "바꿔 줘",
                                      "이불 좀 바꿔야겠다"])
    def test_a_change_of_something_else_is_no_correction(self, ko, text):
        assert said(ko, text)[0] not in ("log.correct", "answer.no")

    def test_the_rating_asked_to_change_is_changed(self, talk, isolated):
        t = _left_calf_rated_seven(talk)
        t.say("칠이라고 했는데 사 점으로 바꿔 줘")
        with Journal(isolated) as j:
            [ep] = j.episodes()
        assert ep["severity"] == 4


@pytest.mark.parametrize("text, want", [
    ("아까 거 잘못 들어갔어 지워 줘", "log.undo"),
    ("잘못 들었어요", "coach.repeat"),
    ("자기 전에 종아리 스트레칭 좀 알려 줘", "tips.bedtime_stretch"),
    ("물을 너무 마시지 말래", "profile.update"),
    ("그만 좀 해", "coach.stop"),
])
def test_round4_classes_said_otherwise(ko, text, want):
    assert said(ko, text)[0] == want


@pytest.mark.parametrize("text", ["그만 좀 코 골아", "그만 좀 떠들어"])
def test_stop_said_to_someone_else_with_a_softener(ko, text):
    assert said(ko, text)[0] is None


def test_ro_after_a_final_l_is_a_particle(ko):
    assert ko.language.normalise("발로") == "발"


@pytest.mark.parametrize("other", ["반대쪽에 또 쥐났어", "이번엔 반대 다리에도 쥐났어요"])
def test_the_other_leg_said_with_a_particle_is_still_the_other_leg(talk, isolated, other):
    # "반대쪽에" was read "반 쪽에" (반: half), so the relief plugin never saw 반대쪽.
    t = talk("ko")
    t.start()
    t.say("왼쪽 종아리에 쥐났어")
    t.say("풀렸어")
    t.say(other)
    with Journal(isolated) as j:
        assert [e["side"] for e in sorted(j.episodes(), key=lambda e: e["id"])] == ["left",
                                                                                  "right"]
