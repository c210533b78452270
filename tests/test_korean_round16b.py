"""Korean, round 16 (B) by class: tips asked as questions (whether a thing helps or makes them
fewer, another way of keeping them away), the bedtime stretch said as a thing to do before
sleep or to have someone do, the veins asked as a cause or checked at home, last night's count
asked in the past perfect, health facts told with a request to note them, and red flags said
in everyday images (heard only: never in a grammar).

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv).
"""

from __future__ import annotations

import pytest

from tests import test_korean_text
from tests.rounds import benchmark_rows_among, class_params, sentences_of

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said

CLASSES = {
    "tips asked as a question": [
        ("칼슘 먹으면 쥐 예방에 도움 될까요", "tips.request", {}),
        ("스트레칭 하면 효과 있어", "tips.request", {}),
        ("바나나 먹으면 쥐가 덜 나요?", "tips.request", {}),
        ("쥐 안 나게 하는 다른 방법 없을까 하나 더", "tips.request", {}),
    ],
    "bedtime stretch as a thing to do": [
        ("잠들기 전에 할 만한 운동 알려 줘", "tips.bedtime_stretch", {}),
        ("우리 엄마 자기 전에 시킬 스트레칭 있어", "tips.bedtime_stretch", {}),
        ("자기 전에 해 볼 만한 동작 있어요", "tips.bedtime_stretch", {}),
    ],
    "veins as a cause or checked at home": [
        ("혈관 불거진 거 쥐랑 상관있어", "check.veins", {}),
        ("정맥류가 쥐랑 관련 있나요", "check.veins", {}),
        ("정맥류 있는지 집에서 확인하고 싶어", "check.veins", {}),
    ],
    "last night's count": [
        ("어젯밤 쥐가 몇 번 났었어", "summary.request", {}),
        ("지난밤에 얼마나 많이 났었어", "summary.request", {}),
    ],
}


@pytest.mark.parametrize("text, intent, slots", class_params(CLASSES))
def test_class(ko, text, intent, slots):
    assert said(ko, text) == (intent, slots)


@pytest.mark.parametrize("text", [
    "할 만한 거 없나",                # bored: no stretch without 자기 전
    "물 마시니까 좋네",               # told, not asked
    "너랑 상관없어",
])
def test_not_taken(ko, text):
    assert said(ko, text)[0] is None


def test_the_usual_readings_hold(ko):
    assert said(ko, "휴 이제 살 것 같아")[0] == "cramp.over"
    assert said(ko, "다른 방법 없어요")[0] == "coach.alternative"
    assert said(ko, "어젯밤에 쥐가 났었어요")[0] != "summary.request"
    assert said(ko, "하지정맥류가 있어요") == ("profile.update",
                                          {"item": "vein_or_artery_problems"})


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES), "ko") == []
