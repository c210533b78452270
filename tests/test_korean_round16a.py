"""Korean, round 16 (A) by class: the endings of the regions (전라/충청 copula -여/-이여,
-믄 for -면, 전라 -제); a second cramp said with 한 번 더; a command with a clause of the
speaker's own beside it (okay or this step done then next, cannot keep up, ready, a rest);
how a step goes asked again; be quiet asked; the coaching cancelled; standing itself named
as what cannot be done; the front of the shin; "X 아니야 Y야" (a correction), a value asked
whether it was said then put right; the undo with the entry pointed at; how long with 경상
-노; answers, help and good night said with more words; a drama's character.

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
    "it is not X, it is Y (a correction)": [
        ("왼쪽 아니야 오른쪽이야", "log.correct", {"side": "right"}),
        ("종아리 아니에요 허벅지예요", "log.correct", {"muscle": "thigh"}),
        ("칠 점 아니야 오 점이야", "log.correct", {"severity": 5}),
        ("발 아니여 종아리여", "log.correct", {"muscle": "calf"}),
    ],
    "asked whether it was said, then put right": [
        ("허벅지라 했나 아니 종아리였어", "log.correct", {"muscle": "calf"}),
        ("발이라 했던가 아니 발가락이었어", "log.correct", {"muscle": "toes"}),
    ],
    "undo with the entry pointed at, a mistake owned": [
        ("그거 지워 줘 실수야", "log.undo", {}),
        ("기록한 거 그거 지워 줘", "log.undo", {}),
        ("쥐 아니었어 빼 줘", "log.undo", {}),
    ],
    "how long, 경상 -노": [
        ("쥐 난 지 벌써 얼마나 됐노", "status.elapsed", {}),
        ("얼마나 됐노 한참 된 것 같은데", "status.elapsed", {}),
    ],
    "answers with more words": [
        ("그라제 맞아", "answer.yes", {}),
        ("그렇제", "answer.yes", {}),
        ("아직 멀었어요", "answer.no", {}),
        ("아니 아직 안 됐어", "answer.no", {}),
        ("몰라요", "answer.unsure", {}),
        ("몰라 나도", "answer.unsure", {}),
    ],
    "help asked as what it knows how to do": [
        ("너 뭐 할 줄 알아", "help", {}),
        ("뭘 할 줄 아니", "help", {}),
    ],
    "enough, off to sleep": [
        ("이제 그만 잘게", "chat.goodnight", {}),
        ("인자 고마 자야겠다 니도 자라", "chat.goodnight", {}),
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
    "드라마에서 주인공이 쥐가 났대",    # a character's cramp
    "영화에서 주인공이 종아리에 쥐 났어",
]


def test_red_flags_read_as_before(ko):
    # 쉬 declared alone ("잠깐 쉬") would read "숨쉬기가 힘들어" as "못 숨 쉬": no red flag.
    assert said(ko, "숨쉬기가 힘들어요")[0] == "safety.symptom"
    assert said(ko, "한 번 더 말해 줘")[0] == "coach.repeat"
    assert said(ko, "취소해 줘")[0] == "log.undo"
    # Declared for these classes, words must not change the older readings: "나도" kept whole,
    # no 아, 난, 나고 or 됐 declared ("아니다", "쥐 난다", "됐다" read as before).
    assert said(ko, "나도 쥐 났어")[0] == "cramp.report"
    assert said(ko, "드라마 보다가 종아리에 쥐 났어") == ("cramp.report", {"muscle": "calf"})
    assert said(ko, "쥐 난다 쥐 난다")[0] == "cramp.report"
    assert said(ko, "아니다 됐어")[0] == "chat.never_mind"
    assert said(ko, "아무것도 아니야")[0] == "chat.never_mind"
    assert said(ko, "괜찮아 아무것도 아니야")[0] == "chat.never_mind"
    assert said(ko, "그거 쥐 아니야 지워")[0] == "log.undo"
    # The bare 아니 is a slip taken back in one breath, a report as before.
    assert said(ko, "왼쪽 아니 오른쪽 종아리") == ("cramp.report",
                                              {"side": "right", "muscle": "calf"})


@pytest.mark.parametrize("text, intent, slots", class_params(CLASSES))
def test_class(ko, text, intent, slots):
    assert said(ko, text) == (intent, slots)


@pytest.mark.parametrize("text", NOT_TAKEN)
def test_not_taken(ko, text):
    assert said(ko, text)[0] is None


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES) + NOT_TAKEN, "ko") == []
