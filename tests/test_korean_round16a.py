"""Korean, round 16 (A) by class: the endings of the regions (전라/충청 copula -여/-이여,
-믄 for -면, 전라 -제); a second cramp said with 한 번 더; a command with a clause of the
speaker's own beside it (okay or this step done then next, cannot keep up, ready, a rest);
how a step goes asked again; be quiet asked; the coaching cancelled; standing itself named
as what cannot be done; the front of the shin.

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
    "a second cramp said with 한 번 더": [
        ("쥐가 한 번 더 났어 오른쪽 종아리", "cramp.report", {"side": "right", "muscle": "calf"}),
        ("한번 더 났네 이번엔 발바닥", "cramp.report", {"muscle": "foot"}),
    ],
    "over: gone, hedged; the leg named": [
        ("쥐 나간 것 같아 이제 괜찮아", "cramp.over", {}),
        ("이제 다리 괜찮아졌어", "cramp.over", {}),
    ],
    "okay, or this step done, then next": [
        ("됐어 됐어 다음 거", "coach.next", {}),
        ("됐다 이제 다음 단계", "coach.next", {}),
        ("이거 끝났으니까 다음 단계", "coach.next", {}),
    ],
    "how the step goes, asked again": [
        ("그 스트레칭 어떻게 하는 거라고 했지", "coach.repeat", {}),
        ("뭐 하는 거라고 했더라", "coach.repeat", {}),
        ("그 동작 다시 설명해 봐라", "coach.repeat", {}),
    ],
    "a moment, a rest and then on": [
        ("좀만 있어 봐", "coach.pause", {}),
        ("잠깐 쉬었다가 해요", "coach.pause", {}),
        ("좀 쉬었다 하자", "coach.pause", {}),
    ],
    "ready": [
        ("이제 준비됐어요", "coach.resume", {}),
        ("준비 다 됐어 계속해", "coach.resume", {}),
    ],
    "be quiet asked, the coaching cancelled": [
        ("여보 깨겠다 조용히 좀 해 줄래", "coach.stop", {}),
        ("조용히 해 주세요 자야 돼", "coach.stop", {}),
        ("코칭 취소해 줘", "coach.stop", {}),
        ("스트레칭 그냥 취소해", "coach.stop", {}),
    ],
    "cannot keep up, more time": [
        ("천천히 해 주세요 못 따라가겠어요", "coach.slower", {}),
        ("너무 빨라 따라가기 힘들어요", "coach.slower", {}),
        ("시간 넉넉히 줘", "coach.slower", {}),
        ("더 오래 잡고 있게 해 줘", "coach.slower", {}),
    ],
    "standing itself cannot be done; another tried": [
        ("일어서는 건 못 하겠어", "coach.alternative", {"limit": "stand"}),
        ("서는 거 못 해요", "coach.alternative", {"limit": "stand"}),
        ("다른 거 해 보자 이건 안 되겠어", "coach.alternative", {}),
    ],
    "the front of the shin": [
        ("앞쪽 정강이에 쥐 났어", "cramp.report", {"muscle": "shin"}),
        ("발 말고 앞쪽 정강이였어", "log.correct", {"muscle": "shin"}),
    ],
}

NOT_TAKEN = [
    "이뇨제 먹고 있어",      # a medicine's name ending in 제 is no -제
    "어제 축구했제",
    "하믄 되나",
    "여보 다시 말해 봐",     # said to someone else as often: only "다시 설명해 봐" is the step
]


def test_red_flags_read_as_before(ko):
    # 쉬 declared alone ("잠깐 쉬") would read "숨쉬기가 힘들어" as "못 숨 쉬": no red flag.
    assert said(ko, "숨쉬기가 힘들어요")[0] == "safety.symptom"
    assert said(ko, "한 번 더 말해 줘")[0] == "coach.repeat"
    assert said(ko, "취소해 줘")[0] == "log.undo"


@pytest.mark.parametrize("text, intent, slots", class_params(CLASSES))
def test_class(ko, text, intent, slots):
    assert said(ko, text) == (intent, slots)


@pytest.mark.parametrize("text", NOT_TAKEN)
def test_not_taken(ko, text):
    assert said(ko, text)[0] is None


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES) + NOT_TAKEN, "ko") == []
