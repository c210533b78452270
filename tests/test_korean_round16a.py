"""Korean, round 16 (A) by class: the endings of the regions (전라/충청 copula -여/-이여,
-믄 for -면, 전라 -제), ...

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv).
"""

from __future__ import annotations

import pytest

from tests import test_korean_text
from tests.rounds import benchmark_rows_among, class_params, sentences_of

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said

CLASSES = {
    "copula -여/-이여": [
        ("쥐 났어 오른짝 종아리여", "cramp.report", {"side": "right", "muscle": "calf"}),
        ("양짝 다리여", "cramp.report", {"side": "both"}),
        ("칠 점이여", "log.severity", {"severity": 7}),
    ],
    "-믄 for -면": [
        ("뭐라고 말하믄 돼요", "help", {}),
        ("그라믄 이제 다음 거", "coach.next", {}),
    ],
    "-제": [
        ("맞제", "answer.yes", {}),
    ],
}

NOT_TAKEN = [
    "이뇨제 먹고 있어",      # a medicine's name ending in 제 is no -제
    "어제 축구했제",
    "하믄 되나",
]


@pytest.mark.parametrize("text, intent, slots", class_params(CLASSES))
def test_class(ko, text, intent, slots):
    assert said(ko, text) == (intent, slots)


@pytest.mark.parametrize("text", NOT_TAKEN)
def test_not_taken(ko, text):
    assert said(ko, text)[0] is None


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES) + NOT_TAKEN, "ko") == []
