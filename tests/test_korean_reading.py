"""Korean reading, round 3 by class: long negation, honorific -시-, reported speech, a denial
said after the phrase, helping verbs, typed endings, and words for every intent.

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv). Fast unit
tests of our own logic: the real plugins' Korean data, no audio.
"""

from __future__ import annotations

import pytest

from crampcoach.voice.language import load
from crampcoach.voice.morphology import Morphology, Reader
from tests import test_korean_text

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said



class TestLongNegation:
    """-지 않다 / -지 못하다 / -지 마: the verb is denied after it, read as 안/못 before it."""

    @pytest.mark.parametrize("text, want", [
        ("발끝에 손이 닿지 않네요", ("coach.alternative", {"limit": "reach"})),
        ("똑바로 서지 못하겠어", ("coach.alternative", {"limit": "stand"})),
        ("아직 풀리지 않았네", ("answer.no", {})),
        ("쥐가 나지 않게 하는 법", ("tips.request", {})),
        ("이번 건 기록하지 마", ("log.undo", {})),
    ])
    def test_a_verb_denied_after_it(self, ko, text, want):
        assert said(ko, text) == want

    @pytest.mark.parametrize("text", ["쥐가 풀리지 않아요", "다리가 낫지 않았어",
                                      "괜찮아지지 않네"])
    def test_not_eased_said_long_is_not_the_end_of_the_cramp(self, ko, text):
        assert said(ko, text)[0] != "cramp.over"

    def test_the_rule_reads_any_verb_it_knows(self):
        m = Morphology(after_consonant=("아", "어"), after_any=("요", "게", "겠"),
                       drop_finals="ㅆ", vowels={"ㅕ": "ㅣ"}, long_negation_ending="지",
                       long_negations={"않": "안", "못하": "못"})
        reader = Reader(m, {"풀려", "안", "못", "서", "나게", "났어"})
        assert reader.read(["풀리지", "않았어요"]) == ["안", "풀려"]
        assert reader.read(["서지", "못하겠어요"]) == ["못", "서"]
        # The ending of the denying verb stays with the verb when that form is known.
        assert reader.read(["나지", "않게"]) == ["안", "나게"]
        # A word ending in 지 with no denial after it is read as before.
        assert reader.read(["풀리지", "몰라"]) == ["풀리지", "몰라"]

    def test_a_declared_phrase_with_the_ending_stays_as_declared(self, ko):
        # "신경 쓰지 마" is declared as said: it is never mind, not "don't write".
        assert said(ko, "신경 쓰지 마세요")[0] == "chat.never_mind"


class TestHonorific:
    """-시- inside a verb (나셨어요, 주시겠어요, 괜찮으세요), honorific particles and words."""

    @pytest.mark.parametrize("text, want", [
        ("할머니 다리에 쥐가 나셨어요", ("cramp.report", {})),
        ("아버님 왼쪽 종아리에 쥐가 나셨네", ("cramp.report", {"side": "left", "muscle": "calf"})),
        ("이제 다 풀리셨어요", ("cramp.over", {})),
        ("천천히 말씀해 주시겠어요", ("coach.slower", {})),
        ("다시 말씀해 주실래요", ("coach.repeat", {})),
        ("푹 주무세요", ("chat.goodnight", {})),
        ("잘 주무세요", ("chat.goodnight", {})),
    ])
    def test_said_to_or_of_someone_older(self, ko, text, want):
        assert said(ko, text) == want

    def test_the_honorific_syllable_reads_off(self):
        m = load("ko").morphology
        assert m is not None
        assert m.stem("나셨어요") == m.stem("났어요") == "나"
        assert m.stem("앉으세요") == "앉"


class TestReportedSpeech:
    """-대/-래, -다고 하다: someone else's cramp, said by the person beside them."""

    @pytest.mark.parametrize("text, want", [
        ("아내가 발가락에 쥐가 났대", ("cramp.report", {"muscle": "toes"})),
        ("아들이 종아리에 쥐가 났다고 하네요", ("cramp.report", {"muscle": "calf"})),
        ("엄마가 오른쪽 허벅지에 쥐 났대요",
         ("cramp.report", {"side": "right", "muscle": "thigh"})),
    ])
    def test_someone_elses_cramp(self, ko, text, want):
        assert said(ko, text) == want


class TestDenialAfter:
    """"X 말고 Y", "X 아니고 Y": the phrase before is not meant."""

    @pytest.mark.parametrize("text, slots", [
        ("아니 여섯 점 말고 세 점", {"severity": 3}),
        ("왼쪽 아니고 오른쪽", {"side": "right"}),
        ("발 말고 발가락이었어요", {"muscle": "toes"}),
        ("아니 칠 점이라니까", {"severity": 7}),
    ])
    def test_a_correction_names_what_is_meant(self, ko, text, slots):
        assert said(ko, text) == ("log.correct", slots)

    def test_one_word_or_a_number_and_its_counter_is_left_out(self):
        m = Morphology(denied_before=frozenset({"말고"}), denial="아니")
        reader = Reader(m, {"아니", "칠", "점", "사", "오늘", "발", "종아리"}, {"칠", "사"}, "점")
        assert reader.read(["오늘", "칠", "점", "말고", "사", "점"]) == ["오늘", "아니", "사", "점"]
        assert reader.read(["아니", "칠", "말고", "사"]) == ["아니", "아니", "사"]
        # Said as an afterthought: what was meant before it stays.
        assert reader.read(["아니", "발", "종아리", "말고"]) == ["아니", "발", "아니"]


class TestHelpingVerbs:
    """"-면 돼", "-야 돼": the helper completes the ending; it is no "됐어" (it's over)."""

    @pytest.mark.parametrize("text", ["어떻게 해야 돼요", "이거 하면 돼요", "그냥 누워 있으면 돼"])
    def test_a_helper_is_not_the_end_of_the_cramp(self, ko, text):
        assert said(ko, text)[0] != "cramp.over"

    def test_a_copula_before_is_no_ending_that_needs_a_helper(self, ko):
        assert ko.language.reader.read(["아니야", "됐어"]) == ["아니야", "됐어"]
        assert said(ko, "아니야 됐어")[0] == "chat.never_mind"  # (never mind, round 6)

    @pytest.mark.parametrize("text", ["뭐라고 하면 돼", "뭐라고 말해야 돼요"])
    def test_what_to_say_is_help(self, ko, text):
        assert said(ko, text)[0] == "help"

    def test_what_did_you_say_stays_a_repeat(self, ko):
        assert said(ko, "뭐라고 말했어")[0] == "coach.repeat"


class TestTypedAtNight:
    """-ㅁ/-음 endings, no spaces."""

    @pytest.mark.parametrize("text, want", [
        ("오른발 쥐남", ("cramp.report", {"side": "right", "muscle": "foot"})),
        ("발가락쥐났음", ("cramp.report", {"muscle": "toes"})),
        ("다 풀림", ("cramp.over", {})),
    ])
    def test_short_written_endings(self, ko, text, want):
        assert said(ko, text) == want

    def test_a_word_ending_in_the_consonant_keeps_its_own_meaning(self, ko):
        # "힘" (strength) is no form of any verb ending in 히; "점" stays the counter.
        assert ko.language.normalise("힘") == "힘"
        assert ko.language.normalise("점") == "점"

    def test_forms_that_share_a_stem_only_by_chance_stay_apart(self, ko):
        # "나게" (declared for "안 나게") shares 나 with "났어" but is no form of it, and
        # "났다" is still read as "났어".
        assert ko.language.normalise("쥐났다") == "쥐 났어"
        assert "나게" not in ko.language.reader.forms.get("났어", ())


class TestWordsForEveryIntent:
    @pytest.mark.parametrize("text, want", [
        ("전혀 안 나아졌어", ("answer.no", {})),
        ("하나도 안 풀렸어요", ("answer.no", {})),
        ("응 덜 아파", ("answer.yes", {})),
        ("잠시만요", ("coach.pause", {})),
        ("잠깐 멈춰 봐", ("coach.pause", {})),
        ("간밤에 쥐 몇 번 났어", ("summary.request", {})),
        ("시간 얼마나 지났지", ("status.elapsed", {})),
        ("뭘 할 수 있어요", ("help", {})),
        ("양발에 쥐가 났어요", ("cramp.report", {"side": "both", "muscle": "foot"})),  # both feet
        ("쥐 안 나게 하는 방법", ("tips.request", {})),
        ("방금 거 삭제해 줘", ("log.undo", {})),
    ])
    def test_said_the_everyday_way(self, ko, text, want):
        assert said(ko, text) == want

    def test_not_at_all_is_no_count(self, ko):
        assert said(ko, "하나도 안 아파")[0] != "log.severity"


class TestRoundTwoClasses:
    """Classes of the ko-round2 misses and of the engineer's own second probe, each with
    its own sentences."""

    @pytest.mark.parametrize("text, want", [
        # An exclamation, and the cramp word said twice in alarm (alone it stays no phrase).
        ("아이고 쥐 쥐", ("cramp.report", {})),
        ("헉 쥐쥐", ("cramp.report", {})),
        # The cramp said as what the muscle does; a toe by its name.
        ("종아리 근육이 뭉쳐서 아파", ("cramp.report", {"muscle": "calf"})),
        ("엄지발가락이 쥐났어요", ("cramp.report", {"muscle": "toes"})),
        # The pain gone, said another way; "멈췄어" of the cramp is no stop of the coaching.
        ("통증이 다 사라졌어", ("cramp.over", {})),
        ("쥐가 멈췄어요", ("cramp.over", {})),
        ("다 풀린 것 같아요", ("cramp.over", {})),
        # The next step asked for; once more; too fast; can't hear.
        ("다음엔 뭐 해", ("coach.next", {})),
        ("이제 뭐 해요", ("coach.next", {})),
        ("한번 더 말씀해 주세요", ("coach.repeat", {})),
        ("잘 안 들려요", ("coach.repeat", {})),
        ("너무 빨라 천천히", ("coach.slower", {})),
        ("이거 못 하겠어", ("coach.alternative", {})),
        # A correction with the denied phrase said last.
        ("아니 왼쪽이야 오른쪽 말고", ("log.correct", {"side": "left"})),
        # The thing just logged, deleted.
        ("아까 적은 거 지워 줘", ("log.undo", {})),
        # A doctor's limit on drinking, said as an order.
        ("물 마시지 말라고 했어요", ("profile.update", {"item": "fluid_limit"})),
        ("의사 선생님이 물을 많이 마시지 말래", ("profile.update", {"item": "fluid_limit"})),
        # Just one tip; how to use the coach; thanks and no in their everyday words.
        ("팁 하나만 줘", ("tips.request", {})),
        ("쥐 예방하는 법 좀", ("tips.request", {})),
        ("이거 어떻게 쓰는 거예요", ("help", {})),
        ("땡큐 코치", ("chat.thanks", {})),
        ("아뇨 아직이요", ("answer.no", {})),
    ])
    def test_said_the_everyday_way(self, ko, text, want):
        assert said(ko, text) == want

    def test_a_lone_cramp_word_is_still_no_phrase(self, ko):
        assert said(ko, "쥐")[0] is None
        assert "쥐" not in ko.wake_alone

    def test_just_one_is_a_count(self, ko):
        assert said(ko, "하나만")[0] != "log.severity"


class TestThirdProbeClasses:
    """Classes of the engineer's third probe (own sentences)."""

    @pytest.mark.parametrize("text, want", [
        ("아이고 다리야", ("cramp.report", {})),  # a cry of pain at the leg
        ("왼쪽 허벅지 뒤가 당겨", ("cramp.report", {"side": "left", "muscle": "hamstring"})),
        ("일어날 수가 없네", ("coach.alternative", {"limit": "stand"})),
        ("이어서 해 주세요", ("coach.resume", {})),
        ("별로예요", ("answer.no", {})),
        ("무슨 말 할 수 있어요", ("help", {})),
        ("자기 전에 할 스트레칭 알려 줘", ("tips.bedtime_stretch", {})),
    ])
    def test_said_the_everyday_way(self, ko, text, want):
        assert said(ko, text) == want

    @pytest.mark.parametrize("text", ["네 땡겨요", "당겨요"])
    def test_the_pull_of_a_stretch_is_no_new_cramp(self, ko, text):
        # What a stretch feels like ("당겨", "땡겨") must not start another episode.
        assert said(ko, text)[0] != "cramp.report"

    def test_a_leg_in_passing_is_no_cramp(self, ko):
        assert said(ko, "다리 꼬고 앉았어")[0] is None


class TestFourthProbeClasses:
    """Classes of the engineer's fourth probe (own sentences)."""

    @pytest.mark.parametrize("text, want", [
        ("8점쯤", ("log.severity", {"severity": 8})),  # about
        ("얼마나 오래 됐어요", ("status.elapsed", {})),  # 오래 is no 오 (five)
        ("응 나아지는 것 같아", ("answer.yes", {})),  # getting better: easing
        ("좋은 밤 되세요", ("chat.goodnight", {})),
        ("이제 자러 갈게요", ("chat.goodnight", {})),
        ("됐어 아무것도 아니에요", ("chat.never_mind", {})),
        ("잠들기 전에 스트레칭 해 줘", ("tips.bedtime_stretch", {})),
        # A known word typed before words the coach does not know.
        ("임신중이라서요", ("profile.update", {"item": "pregnant"})),
        ("어젯밤어땠어요", ("summary.request", {})),
    ])
    def test_said_the_everyday_way(self, ko, text, want):
        assert said(ko, text) == want

    def test_a_slip_of_the_tongue_deletes_nothing(self, ko):
        assert said(ko, "아 잘못 말했어")[0] != "log.undo"

    @pytest.mark.parametrize("word", ["발목", "사이좋게", "팔다리가"])
    def test_a_short_start_is_not_split_off(self, ko, word):
        assert ko.language.normalise(word).split()[0] not in {"발", "사", "팔"}
