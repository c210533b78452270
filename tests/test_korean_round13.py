"""Korean, round 13 by class: the usual order said as the way it was always done, the
coach hailed by name or as on a telephone, going to sleep in the plain present, 충청 -혀,
no need to go on (안 해도 돼), long negation with a particle (-질, -지를, -지도), another
exercise asked for, and the cramp word said after its verb.

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv).
"""

from __future__ import annotations

import pytest

from tests import test_korean_text

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
