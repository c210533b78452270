"""Korean, round 13 by class: the usual order said as the way it was always done, the
coach hailed by name or as on a telephone, going to sleep in the plain present, 충청 -혀,
no need to go on (안 해도 돼), long negation with a particle (-질, -지를, -지도), another
exercise asked for, and the cramp word said after its verb.

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv).
"""

from __future__ import annotations

import pytest

from tests import test_korean_text
from tests.rounds import screen_tier

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said


class TestTheUsualWay:
    """The usual order said as the way it was done before: 하던/했던 대로, 순서, 식, 처럼."""

    @pytest.mark.parametrize("text", [
        "그냥 하던 대로 해 주세요",
        "매번 하던 순서로 가요",
        "평소 하던 식으로 해 줘",
        "저번처럼 해 주라",
        "항상 했던 순서대로 하자",
        "평상시대로 해 줘",
    ])
    def test_usual(self, ko, text):
        assert said(ko, text)[0] == "coach.usual"

    def test_what_was_being_done_goes_on(self, ko):
        assert said(ko, "하던 거 계속 해 줘")[0] == "coach.resume"


class TestPresence:
    """The coach hailed by its name or as on a telephone, asked whether it is there."""

    @pytest.mark.parametrize("text", [
        "코치 거기 있니", "코치님 있어요?", "여보세요?", "여보세요 코치"])
    def test_there(self, ko, text):
        assert said(ko, text)[0] == "chat.presence"

    def test_a_cramp_after_the_hail_is_the_cramp(self, ko):
        assert said(ko, "여보세요 오른쪽 발에 쥐났어")[0] == "cramp.report"


class TestGoingToSleep:
    """Going to sleep said in the plain present or as a resolve."""

    @pytest.mark.parametrize("text", ["난 이제 잔다", "그럼 이제 자야겠어", "이제 잘 거예요"])
    def test_goodnight(self, ko, text):
        assert said(ko, text)[0] == "chat.goodnight"


class TestRegionsHyeo:
    """충청 -혀 for -해 glued on."""

    def test_fine(self, ko):
        assert said(ko, "인자 다 멀쩡혀")[0] == "cramp.over"

    def test_stop(self, ko):
        assert said(ko, "고마 그만혀")[0] == "coach.stop"


class TestNoNeedToGoOn:
    """"안 해도 돼" (no need to do it) is a stop; its 돼 is the helping verb."""

    @pytest.mark.parametrize("text", [
        "더는 안 해도 돼요", "이제 안 하셔도 돼요", "안해도 괜찮아 이제"])
    def test_stop(self, ko, text):
        assert said(ko, text)[0] == "coach.stop"


class TestLongNegationWithAParticle:
    """-질/-지를/-지도 before 않다/못하다 is the long negation ("일어서질 못해")."""

    @pytest.mark.parametrize("text, slots", [
        ("다리가 아파서 서질 못하겠어요", {"limit": "stand"}),
        ("손이 발끝에 닿지를 않아요", {"limit": "reach"}),
        ("도저히 일어서지도 못하겠다", {"limit": "stand"}),
    ])
    def test_limit(self, ko, text, slots):
        assert said(ko, text) == ("coach.alternative", slots)

    def test_not_easing(self, ko):
        assert said(ko, "쥐가 영 풀리질 않네")[0] == "answer.no"


class TestAnotherExercise:
    """Another exercise asked for is the alternative, not the bedtime stretch."""

    @pytest.mark.parametrize("text", [
        "딴 스트레칭은 없어요?", "다른 동작으로 해 줘", "다른 자세 없을까"])
    def test_alternative(self, ko, text):
        assert said(ko, text)[0] == "coach.alternative"

    def test_bedtime_stretch_stays(self, ko):
        assert said(ko, "잠자기 전에 하는 스트레칭 알려 줄래")[0] == "tips.bedtime_stretch"


class TestCrampWordLast:
    """The cramp word said after its verb, as an afterthought."""

    @pytest.mark.parametrize("text", ["어어 또 올라와 쥐가", "으악 났어 쥐", "아 또 났어 또 쥐가"])
    def test_report(self, ko, text):
        assert said(ko, text)[0] == "cramp.report"


class TestForTheDoctor:
    """What is taken or shown to the doctor, and what to tell the doctor, is the doctor's
    report; what to say to the coach stays help, the night's summary stays the summary."""

    @pytest.mark.parametrize("text", [
        "다음 주 진료 갈 때 들고 갈 자료 좀 만들어 줄래",
        "주치의 선생님께 뭘 말씀드려야 할까",
        "병원 가서 뭐라고 하면 돼요",
        "선생님한테 보여 드릴 내용 좀 정리해 줘",
        "진료 받을 때 가져갈 메모 만들어 줘",
    ])
    def test_doctor(self, ko, text):
        assert said(ko, text)[0] == "summary.doctor"

    @pytest.mark.parametrize("text, intent", [
        ("엄마한테 보여 줄 거 있어", None),
        ("뭐라고 말하면 돼요", "help"),
        ("지난밤 거 정리해 줘", "summary.request"),
    ])
    def test_not_the_doctor(self, ko, text, intent):
        assert said(ko, text)[0] == intent


class TestVeinsAskedAsTheCause:
    """Whether the veins are the cause, asked, is the vein check; the fact told stays the
    profile's."""

    @pytest.mark.parametrize("text", [
        "이게 다 정맥류 탓인가요", "혹시 핏줄 문제일까", "혈관 문제인지 확인해 줄래"])
    def test_check(self, ko, text):
        assert said(ko, text)[0] == "check.veins"

    def test_fact_stays(self, ko):
        assert said(ko, "저 정맥류 있어요") == (
            "profile.update", {"item": "vein_or_artery_problems"})


class TestProfileSaidOtherwise:
    """How much may be drunk a day, and a medicine prescribed."""

    @pytest.mark.parametrize("text", [
        "선생님이 물 하루에 천 밀리만 마시래",
        "의사가 물은 하루 두 컵까지만 마시라고 했어",
        "물은 하루 이 리터까지만 마셔야 된대요",
    ])
    def test_fluid_limit(self, ko, text):
        assert said(ko, text) == ("profile.update", {"item": "fluid_limit"})

    def test_a_glass_of_water_is_no_limit(self, ko):
        assert said(ko, "물 한 잔 마셔야지")[0] != "profile.update"

    @pytest.mark.parametrize("text", ["수면제 처방받았다", "병원에서 이뇨제 처방해 주셨어요"])
    def test_prescribed(self, ko, text):
        assert said(ko, text) == ("profile.update", {"item": "new_medicine"})

    def test_asking_for_a_prescription_is_none(self, ko):
        assert said(ko, "처방 받을 수 있어")[0] is None

    def test_expecting_still(self, ko):
        assert said(ko, "저 지금 아기 가졌어요") == ("profile.update", {"item": "pregnant"})


class TestTakenBackInOneBreath:
    """A value said, taken back and said again at once is the value meant: a side said as a
    prefix (왼발 아니 오른발), a score said bare (팔 아니 일곱), no correction of a record."""

    @pytest.mark.parametrize("text, slots", [
        ("아 오른발 아니 왼발이야 쥐났어", {"side": "left", "muscle": "foot"}),
        ("쥐났다 왼다리 아니 오른다리", {"side": "right"}),
    ])
    def test_side(self, ko, text, slots):
        assert said(ko, text) == ("cramp.report", slots)

    @pytest.mark.parametrize("text, score", [("팔 아니 일곱", 7), ("구 아니 팔", 8)])
    def test_score(self, ko, text, score):
        assert said(ko, text) == ("log.severity", {"severity": score})

    def test_a_correction_alone_stays(self, ko):
        assert said(ko, "아니 다섯") == ("log.correct", {"severity": 5})


class TestSaidToSomeoneElse:
    """Stop said before a deed no plugin knows, with a body part and no pain, is said to
    someone else; a count of a thing is no score."""

    @pytest.mark.parametrize("text", ["다리 좀 그만 떨어", "여보 발 그만 비벼", "발로 그만 밀어"])
    def test_stop_doing(self, ko, text):
        assert said(ko, text)[0] is None

    def test_pain_with_it_is_a_cramp(self, ko):
        assert said(ko, "종아리 쥐 났어 그만")[0] == "cramp.report"

    @pytest.mark.parametrize("text", ["오징어 하나 구워 먹을까", "베개 둘 가져와"])
    def test_count_of_a_thing(self, ko, text):
        assert said(ko, text)[0] is None

    @pytest.mark.parametrize("text, score", [("하나", 1), ("아마 다섯", 5), ("지금은 여섯", 6)])
    def test_scores_stay(self, ko, text, score):
        assert said(ko, text) == ("log.severity", {"severity": score})



class TestCountedCramps:
    """"N 번씩" is a count (씩: each time), never a score; many cramps counted are as
    serious as a few ("세 번"), a count of what was said is none."""

    def test_no_score(self, ko):
        assert said(ko, "밤에 열 번씩 깨")[0] != "log.severity"

    @pytest.mark.parametrize("text", [
        "밤새 쥐가 여덟 번이나 났어요", "하룻밤에 열 번씩 쥐가 올라와"])
    def test_many_is_soon(self, text):
        assert screen_tier(text, "ko") in {"soon", "same_day"}

    @pytest.mark.parametrize("text", ["내가 열 번 말했잖아", "종아리 여섯 번 주물렀어"])
    def test_counts_of_other_things(self, text):
        assert screen_tier(text, "ko") == "none"


class TestRound11Classes:
    """Classes ko-round11 showed (own sentences): the cramp come back, a muscle taken back
    after its verb, settled, the thing deleted named, go on from where it stopped, the
    coach's talk stopped by name, loosening the legs, how often asked, doctors named by
    their clinic, a medicine newly taken, cannot drink much, whether the veins are why,
    presence asked plainly, another assistant called, someone else's old story."""

    @pytest.mark.parametrize("text, intent", [
        ("아이고 쥐가 또다시 났어", "cramp.report"),
        ("쥐 다시 올라오네", "cramp.report"),
        ("이제 쥐 다 가라앉았어요", "cramp.over"),
        ("아 그거 삭제해 주세요", "log.undo"),
        ("멈춘 데부터 이어서 가요", "coach.resume"),
        ("설명은 이제 그만해도 돼", "coach.stop"),
        ("늘 하던 그대로 해 줘", "coach.usual"),
        ("자기 전에 종아리 푸는 거 알려 줘", "tips.bedtime_stretch"),
        ("이번 달에 몇 번이나 났는지 알려 줘", "summary.request"),
        ("정형외과 가서 뭘 말하면 돼", "summary.doctor"),
        ("내과 선생님한테 낼 자료 만들어 줘", "summary.doctor"),
        ("혹시 정맥류인지 확인해 줄 수 있어", "check.veins"),
        ("코치 거기 있나", "chat.presence"),
    ])
    def test_intent(self, ko, text, intent):
        assert said(ko, text)[0] == intent

    def test_muscle_taken_back_after_its_verb(self, ko):
        assert said(ko, "종아리 쥐났어 아니 허벅지네") == ("cramp.report", {"muscle": "thigh"})

    @pytest.mark.parametrize("text, item", [
        ("혈압약 새로 먹고 있어요", "new_medicine"),
        ("신장 때문에 물을 많이 못 마셔", "fluid_limit"),
    ])
    def test_profile(self, ko, text, item):
        assert said(ko, text) == ("profile.update", {"item": item})

    @pytest.mark.parametrize("text", [
        "시리야 다시 말해 줘", "알렉사 그만", "우리 아빠 재작년에 정맥류 수술 받았어"])
    def test_not_for_the_coach(self, ko, text):
        assert said(ko, text)[0] is None

    def test_own_cramp_now_after_ours(self, ko):
        assert said(ko, "우리 엄마 발에 지금 쥐났어")[0] == "cramp.report"
