"""Korean, round 12 by class: a part of a muscle said before it or inside it (뒤쪽 허벅지,
허벅지 안쪽), 쪽 said 짝 and the completive 버리다 of the regions, ordinals and words of how
often kept whole, stop and go on said with "enough", slower said with what to do slowly,
a health fact before a noun, a side of a thing where something is, a prohibition said to
someone else, and more words for help, tips, veins and never mind.

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv).
"""

from __future__ import annotations

import pytest

from tests import test_korean_text

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said


class TestPartOfTheMuscle:
    """The back of the thigh said before the thigh is the hamstring; the front or the
    inside of it is the thigh, and 안쪽 (inside) is no 안 (not)."""

    @pytest.mark.parametrize("text, slots", [
        ("뒤쪽 허벅지가 땡기면서 쥐가 나요", {"muscle": "hamstring"}),
        ("오른쪽 뒤 허벅지에 쥐", {"side": "right", "muscle": "hamstring"}),
        ("왼쪽 뒷 허벅지 쥐났어", {"side": "left", "muscle": "hamstring"}),
        ("허벅지 뒤쪽에 쥐났어요", {"muscle": "hamstring"}),
        ("허벅지 안쪽이 쥐가 나서 아파요", {"muscle": "thigh"}),
        ("안쪽 허벅지에 쥐", {"muscle": "thigh"}),
        ("왼쪽 허벅지 바깥쪽에 쥐났어", {"side": "left", "muscle": "thigh"}),
        ("앞쪽 허벅지에 쥐났어요", {"muscle": "thigh"}),
    ])
    def test_read(self, ko, text, slots):
        assert said(ko, text) == ("cramp.report", slots)

    def test_inside_is_no_denial(self, ko):
        assert "안" not in ko.language.normalise("허벅지 안쪽에 쥐났어").split()


class TestRegions:
    """쪽 said 짝 (오른짝, 왼짝, 양짝) and the completive 버리다 glued on (나버렸어, 전라
    나부렀어, 풀려부렀어)."""

    @pytest.mark.parametrize("text, slots", [
        ("오른짝 발에 쥐났어", {"side": "right", "muscle": "foot"}),
        ("왼짝 종아리가 쥐가 나버렸어요", {"side": "left", "muscle": "calf"}),
        ("양짝 다리에 쥐가 나부렀어", {"side": "both"}),
        ("아이고 왼짝 허벅지 쥐 나뿌렀다", {"side": "left", "muscle": "thigh"}),
    ])
    def test_report(self, ko, text, slots):
        assert said(ko, text) == ("cramp.report", slots)

    def test_let_go_completive(self, ko):
        assert said(ko, "쥐가 풀려부렀어")[0] == "cramp.over"

    def test_slower_said_shoi(self, ko):
        assert said(ko, "쪼까 천천히 말해 주쇼")[0] == "coach.slower"


class TestWordsKeptWhole:
    """Ordinals are no number said (nor both legs); words of how often are no 자 주."""

    @pytest.mark.parametrize("text, slots", [
        ("발가락 쥐났어 둘째 발가락", {"muscle": "toes"}),
        ("셋째 발가락에 쥐가 났어", {"muscle": "toes"}),
    ])
    def test_ordinal_is_no_number(self, ko, text, slots):
        assert said(ko, text) == ("cramp.report", slots)

    def test_how_often_is_no_sleep_and_week(self, ko):
        assert ko.language.normalise("종아리에 자주 쥐 나요").split()[1] == "자주"

    def test_sleep_well_glued_still(self, ko):
        assert said(ko, "잘자요")[0] == "chat.goodnight"


class TestStopAndGoOnWithEnough:
    """"됐어" (enough, okay) said with stop or go on belongs to it: no end of the cramp."""

    @pytest.mark.parametrize("text, intent", [
        ("이제 그만해 됐어", "coach.stop"),
        ("그만 됐어요", "coach.stop"),
        ("됐어 계속해 줘", "coach.resume"),
        ("됐어요 이제 계속하죠", "coach.resume"),
        ("그만하자 이제", "coach.stop"),
        ("계속하자", "coach.resume"),
        ("스탑", "coach.stop"),
        ("이제 그만 말해 주세요", "coach.stop"),
    ])
    def test_command(self, ko, text, intent):
        assert said(ko, text)[0] == intent

    def test_enough_alone_is_still_over(self, ko):
        assert said(ko, "이제 다 됐어요")[0] == "cramp.over"


class TestSlowerSaidWithTheDoing:
    """Slower asked with what to do slowly; 천천히 before another's doing is not for the
    coach."""

    @pytest.mark.parametrize("text", [
        "조금 천천히 말해 주세요 너무 빨라서",
        "좀 천천히 해 줄래",
        "천천히 읽어 줘",
    ])
    def test_slower(self, ko, text):
        assert said(ko, text)[0] == "coach.slower"

    @pytest.mark.parametrize("text", ["천천히 씹어 먹어", "애기야 천천히 걸어"])
    def test_said_to_someone_else(self, ko, text):
        assert said(ko, text)[0] is None


class TestHealthFactBeforeANoun:
    """A health fact said before a noun stays (only a side or a muscle before a thing the
    coach does not know is where the thing is)."""

    @pytest.mark.parametrize("text, item", [
        ("제가 당뇨병 환자라서요", "diabetes"),
        ("저 임신 중기예요", "pregnant"),
    ])
    def test_profile(self, ko, text, item):
        assert said(ko, text) == ("profile.update", {"item": item})


class TestSideOfWhereAThingIs:
    """A side of a thing said with where something is ("서랍 왼쪽 칸에 있어") is no cramp;
    with pain told it is."""

    @pytest.mark.parametrize("text", [
        "신발장 오른쪽 칸에 슬리퍼 있어",
        "책상 왼쪽 서랍에 약 없어",
    ])
    def test_nothing(self, ko, text):
        assert said(ko, text)[0] != "cramp.report"

    def test_pain_told_stays(self, ko):
        assert said(ko, "왼쪽 종아리에 쥐가 있어") == ("cramp.report",
                                                  {"side": "left", "muscle": "calf"})


class TestProhibitionToSomeoneElse:
    """A body part said with a prohibition (-지 마) and no pain is said to someone else."""

    @pytest.mark.parametrize("text", [
        "멍멍아 발가락 핥지 마", "여보 발로 밀지 마", "애들아 종아리 긁지 마라",
    ])
    def test_nothing(self, ko, text):
        assert said(ko, text)[0] != "cramp.report"

    def test_with_pain_it_is_a_cramp(self, ko):
        assert said(ko, "발 만지지 마 쥐났어")[0] == "cramp.report"


class TestMoreWords:
    @pytest.mark.parametrize("text, intent", [
        ("아까 그 말 무시하세요", "chat.never_mind"),
        ("혈관 괜찮은지 좀 봐 줄래", "check.veins"),
        ("어떻게 하면 쥐가 안 나죠", "tips.request"),
        ("요즘 쥐가 자주 나는데 어떻게 해요", "tips.request"),
    ])
    def test_intent(self, ko, text, intent):
        assert said(ko, text)[0] == intent


class TestFactToldLast:
    """A health fact told with its cause: Korean says the cause first and the fact last."""

    @pytest.mark.parametrize("text, item", [
        ("콩팥이 안 좋아서 물을 적게 마시래요", "fluid_limit"),
        ("갑상선 때문에 새 약 먹기 시작했어요", "new_medicine"),
    ])
    def test_the_last_fact(self, ko, text, item):
        assert said(ko, text) == ("profile.update", {"item": item})


class TestConnectiveEndsAClause:
    """-아서/-어서 after a verb's vowel joins a clause on: no 서 (stand) is said, and a denial
    before it ("안 좋아서") does not reach what comes after."""

    def test_no_stand(self, ko):
        assert "서" not in ko.language.normalise("허리가 안 좋아서 누워 있어").split()

    def test_denial_stays_in_its_clause(self, ko):
        assert said(ko, "신장이 안 좋아서 물 제한이 있어요") == ("profile.update",
                                                       {"item": "fluid_limit"})

    def test_cannot_stand_still_read(self, ko):
        assert said(ko, "못서") == ("coach.alternative", {"limit": "stand"})
