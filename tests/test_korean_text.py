"""Korean said the ordinary way, by class: particles, spacing, verb endings, numbers, negation.

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv). Fast unit
tests of our own logic: the real plugins' Korean data, no audio.
"""

from __future__ import annotations

import pytest

from crampcoach.voice import language as language_module
from crampcoach.voice.host import PluginHost
from crampcoach.voice.language import load
from crampcoach.voice.morphology import Morphology, Reader
from crampcoach.voice.session import build_matcher


@pytest.fixture(scope="module")
def ko():
    return build_matcher(PluginHost(autoload=False), "ko")


def said(matcher, text):
    got = matcher.match(text)
    return got.name, got.slots


class TestParticles:
    """이/가, 을/를, 은/는, 에/에서, 도 … glued to a noun."""

    @pytest.mark.parametrize("text, slots", [
        ("발가락이 쥐가 났어", {"muscle": "toes"}),
        ("허벅지에서 쥐가 났어", {"muscle": "thigh"}),
        ("정강이도 쥐 났어", {"muscle": "shin"}),
        ("왼쪽은 종아리가 쥐가 났네", {"side": "left", "muscle": "calf"}),
        ("오른쪽 다리를 쥐가 잡았어", {"side": "right"}),
    ])
    def test_a_noun_with_a_particle_is_the_noun(self, ko, text, slots):
        assert said(ko, text) == ("cramp.report", slots)

    def test_a_particle_is_taken_off_only_after_the_syllable_korean_picks_it_for(self):
        m = Morphology(after_consonant=("이",), after_vowel=("가",))
        reader = Reader(m, {"발", "헤", "쥐"})
        assert reader.read(["발이", "쥐가"]) == ["발", "쥐"]
        # 이 follows a final consonant; after a vowel ("헤이") it is part of the word.
        assert reader.read(["헤이"]) == ["헤이"]

    def test_the_wake_phrase_and_unknown_words_stay_as_they_are(self, ko):
        assert ko.language.normalise("헤이 코치") == "헤이 코치"
        assert ko.language.normalise("텔레비전을 꺼") == "텔레비전을 꺼"


class TestSpacing:
    """Two words said (typed) without a space, or one word with a space."""

    @pytest.mark.parametrize("text, want", [
        ("다리에쥐났어요", ("cramp.report", {})),
        ("오른종아리 쥐났다", ("cramp.report", {"side": "right", "muscle": "calf"})),
        ("왼발가락에 쥐났어", ("cramp.report", {"side": "left", "muscle": "toes"})),
        ("육점", ("log.severity", {"severity": 6})),
        ("4점이요", ("log.severity", {"severity": 4})),
        ("저 당뇨병있어요", ("profile.update", {"item": "diabetes"})),
        ("그만해요", ("coach.stop", {})),
    ])
    def test_fused_words_are_read_apart(self, ko, text, want):
        assert said(ko, text) == want

    def test_a_word_is_only_split_into_known_words(self, ko):
        # "발목" (ankle) starts with "발" (foot) but "목" is no word the coach knows.
        assert ko.language.normalise("발목") == "발목"


class TestVerbEndings:
    """Tense and speech level: -어, -어요, -았어요, -나요, -네, -는데, -다, -습니다."""

    @pytest.mark.parametrize("text", ["쥐났습니다", "종아리 쥐 났는데", "쥐가 나네", "쥐 났다고"])
    def test_a_cramp_in_any_ending(self, ko, text):
        assert said(ko, text)[0] == "cramp.report"

    @pytest.mark.parametrize("text", ["풀렸습니다", "이제 풀렸네요", "다 풀렸는데", "쥐가 풀렸다",
                                      "다 나았어요", "안 아파요 이제", "괜찮아졌네"])
    def test_the_cramp_letting_go_in_any_ending(self, ko, text):
        assert said(ko, text)[0] == "cramp.over"

    def test_reductions_read_past_and_contracted_syllables_plain(self):
        m = load("ko").morphology
        assert m is not None
        assert m.stem("났어요") == m.stem("나요") == m.stem("나서") == "나"
        assert m.stem("풀렸어") == m.stem("풀려") == "풀리"
        assert m.stem("줘") == "주"
        assert m.stem("있어") == "있"  # a stem of its own, not a past tense

    def test_other_forms_of_a_template_word_are_heard_in_its_place(self, ko):
        # "얼마나 됐어" is declared; "됐어요" is another form the plugins also declare.
        assert said(ko, "얼마나 됐어요")[0] == "status.elapsed"
        assert said(ko, "다시 한번 말해 줘")[0] == "coach.repeat"


class TestNumbers:
    """Sino-Korean numbers, N점, "N점 만점에 M점", and numbers that are no score."""

    @pytest.mark.parametrize("text, n", [("팔", 8), ("삼", 3), ("구점", 9), ("십점 만점에 육점", 6),
                                         ("열 점 만점에 네 점", 4), ("10점 만점에 7점이요", 7)])
    def test_scores(self, ko, text, n):
        assert said(ko, text) == ("log.severity", {"severity": n})

    def test_a_number_declared_alone_keeps_its_own_reading(self, ko):
        assert ko.language.normalise("영") == "영"  # "영" is declared alone as a score

    @pytest.mark.parametrize("text", ["또 하나 쥐 났어", "팁 하나만 더"])
    def test_counts_are_no_score(self, ko, text):
        assert said(ko, text)[0] != "log.severity"


class TestNegation:
    """안/못 before a verb deny it."""

    def test_not_eased_is_not_the_end_of_the_cramp(self, ko):
        assert said(ko, "아직 안 풀렸어")[0] != "cramp.over"

    def test_not_hurting_any_more_is_the_end_of_the_cramp(self, ko):
        assert said(ko, "더 이상 안 아파요")[0] == "cramp.over"


class TestCorrectionsAndRequests:
    @pytest.mark.parametrize("text, slots", [
        ("아니 왼쪽이었어요", {"side": "left"}),
        ("아니야 칠 점이었어", {"severity": 7}),
        ("아니요 허벅지였어", {"muscle": "thigh"}),
    ])
    def test_a_correction_with_a_copula(self, ko, text, slots):
        assert said(ko, text) == ("log.correct", slots)

    @pytest.mark.parametrize("text, intent", [
        ("정말 고맙습니다", "chat.thanks"),
        ("감사해요", "chat.thanks"),
        ("다리 혈관 점검해 줄래", "check.veins"),
        ("다음으로 넘어가요", "coach.next"),
        ("임신 중이에요", "profile.update"),
    ])
    def test_requests_said_politely_or_plainly(self, ko, text, intent):
        assert said(ko, text)[0] == intent

    def test_asking_for_a_vein_check_is_no_vein_problem(self, ko):
        assert said(ko, "혈관 체크 좀 해 줘")[0] == "check.veins"
        assert said(ko, "혈관에 문제가 있어요") == ("profile.update",
                                              {"item": "vein_or_artery_problems"})


class TestGrammarsUnchanged:
    """Reading is for matching only: the recogniser's phrases are the templates as written."""

    def test_sentences_lists_and_wake_alone_are_the_same_without_reading(self, ko, monkeypatch):
        monkeypatch.setattr(language_module.Language, "knowing", lambda self, *a: self)
        plain = build_matcher(PluginHost(autoload=False), "ko")
        assert plain.language.reader is None
        assert ko.sentences_by_intent() == plain.sentences_by_intent()
        assert ko.lists == plain.lists
        assert ko.wake_alone == plain.wake_alone
        assert ko.vocabulary() == plain.vocabulary()

    def test_english_reads_nothing(self):
        en = build_matcher(PluginHost(autoload=False), "en")
        assert en.language.reader is None
        assert en.language is load("en")


def test_one_syllable_words_are_never_read_as_another_word(ko):
    # The asleep grammar's decoys are single syllables: "쥐 나" must not become "쥐 났어",
    # nor "다 돼" "다 됐어".
    assert ko.language.normalise("쥐 나") == "쥐 나"
    assert ko.language.normalise("다 돼") == "다 돼"
    assert "쥐 나" not in ko.wake_alone


class TestOnlyRealForms:
    """Reading must not join words that merely look alike."""

    def test_words_sharing_a_start_by_chance_are_not_forms_of_each_other(self, ko):
        forms = ko.language.reader.forms
        assert "그만" not in forms.get("그래", ())  # stop / yes
        assert "좋아" not in forms.get("좋은", ())  # good (it's fine) / good (morning)
        assert ko.language.normalise("그는 누구야") == "그는 누구야"

    @pytest.mark.parametrize("text", ["팔다리가 저리다", "사이에 끼었어", "오이 먹을래"])
    def test_a_number_syllable_inside_a_word_is_no_number(self, ko, text):
        assert said(ko, text)[0] != "log.severity"

    @pytest.mark.parametrize("text, want", [
        ("발등에 쥐났어", ("cramp.report", {"muscle": "foot"})),
        ("왼쪽 장딴지가 쥐났어요", ("cramp.report", {"side": "left", "muscle": "calf"})),
        ("다리에 자꾸 쥐가 나요", ("cramp.report", {})),
        ("못 일어나겠어요", ("coach.alternative", {"limit": "stand"})),
        ("쥐 예방하려면 어떻게 해", ("tips.request", {})),
    ])
    def test_more_ways_of_saying(self, ko, text, want):
        assert said(ko, text) == want
