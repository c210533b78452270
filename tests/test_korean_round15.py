"""Korean, round 15 by class: what to tell a doctor about the cramps, how long it will last
(asked as how long it has been), wait with what is done meanwhile, cannot stand said with
서다 itself; one's own cramp of long ago told as a story; red flags the matcher reads
(``heard_only`` phrases: never in a grammar, never read towards); how often said of the past,
of someone else, to everyone or asked, and an ordinal, get no advice from the screen.

Own sentences, none of them the benchmark's (a test below checks that).
"""

from __future__ import annotations

import pytest

from crampcoach.plugins import safety
from crampcoach.plugins.safety import screening
from crampcoach.voice import phrasebook
from tests import test_korean_text
from tests.rounds import benchmark_rows_among, class_params, sentences_of

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said


CLASSES: dict[str, list[tuple[str, str | None, dict]]] = {
    # What to say to a doctor, with what it is about named before the question.
    "doctor: what to tell": [
        ("정형외과 선생님께 쥐 나는 거 어떻게 말씀드려야 돼", "summary.doctor", {}),
        ("의사한테 쥐 얘기 뭐라고 해야 돼", "summary.doctor", {}),
        ("내과 가서 쥐 난 거 어떻게 설명하지", "summary.doctor", {}),
        ("주치의한테 이거 뭐라고 얘기하지", "summary.doctor", {}),
    ],
    "doctor: not asked": [
        ("쥐 난 걸 어떻게 멈춰", None, {}),
        ("종아리에 쥐 난다", "cramp.report", {"muscle": "calf"}),
    ],
    # How long it will last, asked: the time so far is the answer.
    "how long it lasts": [
        ("이 쥐 얼마나 더 오래 갈까", "status.elapsed", {}),
        ("얼마나 오래가요 보통", "status.elapsed", {}),
        ("이거 얼마나 걸려", "status.elapsed", {}),
    ],
    # Wait, with what is done meanwhile ("좀 있어 봐" is a moment's wait).
    "wait a moment": [
        ("좀 있어 봐 약 먹고 올게", "coach.pause", {}),
        ("조금만 있어 봐요 화장실 갔다 올게", "coach.pause", {}),
        ("가만히 좀 있어 봐", None, {}),
    ],
    # Cannot stand, said with 서다 itself.
    "cannot stand": [
        ("설 수가 없네 다른 거 해 줘", "coach.alternative", {"limit": "stand"}),
        ("지금은 설 수 없어요", "coach.alternative", {"limit": "stand"}),
        ("설탕 어디 있어", None, {}),
    ],
    # One's own cramp of long ago, told: a story, no report (now or asked, it is the coach's).
    "own story of long ago": [
        ("옛날에 군대에서 쥐 많이 났었어", None, {}),
        ("어릴 때 다리에 쥐가 자주 났었어", None, {}),
        ("재작년에 종아리에 쥐 나서 한참 고생했어", None, {}),
        ("작년에 쥐 났었는데 지금 또 났어", "cramp.report", {}),
        ("예전처럼 해 줘", "coach.usual", {}),
        ("작년에 당뇨 진단 받았어요", "profile.update", {"item": "diabetes"}),
    ],
    # Red flags said the ordinary way, read by the matcher (the screen decides them first in
    # the dialogue); everyday remarks that share a word stay what they were.
    "red flags": [
        ("가슴이 꽉 조여", "safety.symptom", {"symptom": "chest_pain"}),
        ("숨이 너무 가빠요", "safety.symptom", {"symptom": "breathless"}),
        ("숨이 좀 막혀", "safety.symptom", {"symptom": "breathless"}),
        ("종아리가 너무 빨개요", "safety.symptom", {"symptom": "redness"}),
        ("쥐가 이십 분 동안 안 풀려요", "safety.symptom", {"symptom": "long_cramp"}),
        ("혈관이 단단하게 만져져", "safety.symptom", {"symptom": "hard_veins"}),
        ("기침하면 피가 섞여 나와", "safety.symptom", {"symptom": "coughing_blood"}),
        ("아버지가 갑자기 쓰러지셨어요", "safety.symptom", {"symptom": "collapse"}),
        ("머리가 너무 어지러워요", "safety.symptom", {"symptom": "faint"}),
        ("온몸이 계속 떨려요", "safety.symptom", {"symptom": "convulsions"}),
        ("하룻밤에 쥐가 다섯 번 났어", "safety.symptom", {"symptom": "frequent"}),
        ("다리에 힘이 잘 안 들어가요", "safety.symptom", {"symptom": "numbness"}),
    ],
    "no red flag": [
        ("피곤해서 쓰러져 잤어", None, {}),
        ("방이 너무 어지럽네", None, {}),
        ("밤새 몇 번 났어", "summary.request", {}),
    ],
}


@pytest.mark.parametrize("text,intent,slots", class_params(CLASSES))
def test_round15_class(ko, text, intent, slots):
    assert said(ko, text) == (intent, slots)


def _screen(text: str) -> screening.Verdict:
    return screening.screen(text, phrasebook.load(safety.HERE, "ko") or {}, "ko")


class TestHowLongAskedIsNoLongCramp:
    """"얼마나 오래 가" asks how long; a loose word of time asked is no length said."""

    @pytest.mark.parametrize("text", ["이 쥐 얼마나 더 오래 갈까", "이런 건 보통 얼마나 오래 가요"])
    def test_asked(self, text):
        assert _screen(text).tier is None

    @pytest.mark.parametrize("text", [
        "쥐가 한참 오래 갔어", "얼마나 오래 가는지 몰라 벌써 한 시간째야"])
    def test_told(self, text):
        assert _screen(text).tier == screening.SAME_DAY


SCREEN_NONE = [
    # An ordinal of a thing, no count of cramps.
    "그거 다섯 번째 서랍에 넣어 줘", "네 번째 줄에 있어",
    # How often, told of a time that is over or as someone else's habit.
    "지난달에 쥐가 다섯 번 났었어", "우리 아빠는 밤마다 다리에 쥐 난대", "이모도 맨날 쥐 났었대",
    "어젯밤에 쥐 나서 잠을 설쳤어",
    # Said to everyone listening: a broadcast's advice, an advert.
    "발에 쥐가 자주 나는 분들은 자기 전에 스트레칭을 하시면 좋아요", "정맥류 레이저 시술 무료 상담",
    # What is always done, how often asked.
    "맨날 하던 스트레칭 해 줘", "요즘 얼마나 자주 쥐 났는지 알려 줘",
]
SCREEN_SOON = ["벌써 네 번째 쥐가 났어", "요즘 밤마다 쥐가 나요", "며칠째 잠을 설쳤어",
               "하룻밤에 쥐가 다섯 번이나 나요"]


class TestOrdinaryMentionsGetNoAdvice:
    """How often said of the past, of someone else, to everyone, or asked; an ordinal."""

    @pytest.mark.parametrize("text", SCREEN_NONE)
    def test_none(self, text):
        assert _screen(text).tier is None

    @pytest.mark.parametrize("text", SCREEN_SOON)
    def test_soon(self, text):
        assert _screen(text).tier == screening.SOON


def test_no_test_sentence_is_a_benchmark_row():
    written = sentences_of(CLASSES) + SCREEN_NONE + SCREEN_SOON + [
        "조금 쉬었다 하자", "숨 쉬기 힘들어요", "이 쥐 얼마나 더 오래 갈까",
        "이런 건 보통 얼마나 오래 가요", "쥐가 한참 오래 갔어",
        "얼마나 오래 가는지 몰라 벌써 한 시간째야"]
    assert benchmark_rows_among(written, "ko") == []


class TestHeardOnly:
    """``heard_only`` phrases are matched, never said: no grammar, vocabulary or reading holds
    them."""

    DECL = {"lists": {"fruit": {"apple": ["apple"]}},
            "heard_only": {"fruit": {"apple": ["granny smith"], "pear": ["(pear|conference)"]}},
            "intents": {"toy.eat": {"slots": ["fruit"], "sentences": ["eat [the] {fruit}"]}}}

    def _matcher(self, decl):
        from crampcoach.voice.intents import IntentMatcher
        from crampcoach.voice.language import load

        return IntentMatcher(load("en"), [("toy", decl)])

    @pytest.mark.parametrize("text,value", [
        ("eat the apple", "apple"), ("eat the granny smith", "apple"),
        ("eat the conference", "pear")])
    def test_heard(self, text, value):
        got = self._matcher(self.DECL).match(text)
        assert (got.name, got.slots) == ("toy.eat", {"fruit": value})

    def test_never_said(self):
        plain = self._matcher({k: v for k, v in self.DECL.items() if k != "heard_only"})
        heard = self._matcher(self.DECL)
        assert heard.sentences_by_intent() == plain.sentences_by_intent()
        assert heard.lists == plain.lists
        assert heard.vocabulary() == plain.vocabulary()

    def test_korean_reading_is_not_moved_by_them(self, ko):
        # "쉬어져" is a word of a heard red flag ("숨이 안 쉬어져"): "쉬었다" stays as said.
        assert ko.language.normalise("조금 쉬었다 하자") == "조금 쉬었다 하 자"
        assert said(ko, "숨 쉬기 힘들어요") == ("safety.symptom", {"symptom": "breathless"})
