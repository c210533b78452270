"""Korean, round 17 by class: red flags said as a hedge or an image (a tight chest, a cramp
still on after so long, not one night missed, nearly fainting); requests in the formal and
humble speech levels (합쇼체 -십시오/-습니까, 부탁드립니다, 제 for 내); one step refused then
another asked; stop, pause, resume and next said as a wish, a promise or what was being
done; how long said as "이러고 있어" and asked with -나/-니; the end said with an idiom of
vanishing; the muscle knotted again; the undo with the entry named; the veins as the cause
asked with -ㄴ지; the record asked about (mostly where, the worst, compared, set out);
whether a thing taken helps; the bedtime stretch just before sleep or as a routine; the
commands asked for; family words kept whole; a mark received; the step's instruction asked
back (어디/어떻게 V-라고); 저리 (over there) said to a pet is no tingling.

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv).
"""

from __future__ import annotations

import pytest

from tests import test_korean_text
from tests.rounds import benchmark_rows_among, class_params, screen_tier, sentences_of

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said

CLASSES = {
    "red flags said as a hedge or an image": [
        ("가슴이 답답한 거 같아요", "safety.symptom", {"symptom": "chest_pain"}),
        ("가슴이 짓눌리는 느낌이에요", "safety.symptom", {"symptom": "chest_pain"}),
        ("심장이 꽉 조여 와", "safety.symptom", {"symptom": "chest_pain"}),
        ("삼십 분째 계속 쥐가 나 있어요", "safety.symptom", {"symptom": "long_cramp"}),
        ("쥐가 두 시간 넘게 나 있어", "safety.symptom", {"symptom": "long_cramp"}),
        ("하루도 안 거르고 쥐가 나요", "safety.symptom", {"symptom": "frequent"}),
    ],
    "nearly fainting is a faint, no collapse": [
        ("쓰러질 뻔했어요", "safety.symptom", {"symptom": "faint"}),
        ("어지러워서 기절할 것 같아", "safety.symptom", {"symptom": "faint"}),
        ("갑자기 기절했어요", "safety.symptom", {"symptom": "collapse"}),
    ],
    "formal and humble requests (합쇼체, 부탁드립니다, 제)": [
        ("기록 지워 주시겠습니까", "log.undo", {}),
        ("천천히 하십시오", "coach.slower", {}),
        ("그만하십시오", "coach.stop", {}),
        ("잠깐 기다려 주시겠습니까", "coach.pause", {}),
        ("한 번만 다시 설명해 주시겠습니까", "coach.repeat", {}),
        ("팁 하나 부탁드려요", "tips.request", {}),
        ("제 말 들리나요", "chat.presence", {}),
        ("지워 주십시오 쥐가 아니었어요", "log.undo", {}),
    ],
    "one step refused, another asked": [
        ("이 자세는 안 돼요 딴 걸로 해 주세요", "coach.alternative", {}),
        ("허리가 아파서 이거 못 해 다른 거", "coach.alternative", {}),
        ("그 스트레칭 안 돼 딴 거 해 줘", "coach.alternative", {}),
    ],
    "stop, pause, resume, next as a wish, a promise, what was being done": [
        ("코칭 이제 그만할게요", "coach.stop", {}),
        ("이제 안 할래", "coach.stop", {}),
        ("잠깐 기다려 봐 불 좀 켜고", "coach.pause", {}),
        ("삼 분만 쉬었다가 할래", "coach.pause", {}),
        ("하던 거 마저 하자", "coach.resume", {}),
        ("이 동작 끝났어 그다음은", "coach.next", {}),
        ("어떻게 하는 거였지 다시 알려 줄래", "coach.repeat", {}),
    ],
    "how long, asked with -나/-니 or as 이러고 있어": [
        ("쥐 난 지 얼마나 됐나요", "status.elapsed", {}),
        ("스트레칭 시작한 지 몇 분 됐니", "status.elapsed", {}),
        ("얼마나 이러고 있었지", "status.elapsed", {}),
    ],
    "the record asked about": [
        ("주로 어느 다리에 났어", "summary.request", {}),
        ("가장 아팠던 게 몇 점이었지", "summary.request", {}),
        ("저번 달이랑 비교하면 어때", "summary.request", {}),
        ("이번 주 기록 정리해서 읽어 줘", "summary.request", {}),
        ("병원 갈 때 쓸 요약본 만들어 줘", "summary.doctor", {}),
    ],
    "whether a thing taken helps; another tip": [
        ("바나나 먹으면 좀 나아져", "tips.request", {}),
        ("족욕 하면 괜찮아지나", "tips.request", {}),
        ("물 많이 마시면 쥐 예방이 될까", "tips.request", {}),
        ("팁 다른 거 하나 더", "tips.request", {}),
    ],
    "a thing asked to be good for cramps (쥐에 좋아: no end of one)": [
        ("이거 쥐에 좋아", "tips.request", {}),
        ("마그네슘이 쥐에 좋은 거야", "tips.request", {}),
    ],
    "the bedtime stretch just before sleep, as a routine": [
        ("잠들기 직전에 할 스트레칭", "tips.bedtime_stretch", {}),
        ("자기 전 루틴 동작 알려 줘", "tips.bedtime_stretch", {}),
    ],
    "the commands asked for": [
        ("할 수 있는 말 뭐 있어", "help", {}),
        ("무슨 명령어 알아들어", "help", {}),
    ],
    "gone without a trace, said with an idiom of vanishing": [
        ("씻은 듯이 나았어", "cramp.over", {}),
        ("감쪽같이 풀렸어요", "cramp.over", {}),
        ("언제 그랬냐는 듯 괜찮아졌어", "cramp.over", {}),
    ],
    "the muscle knotted again": [
        ("종아리 또 뭉쳤어", "cramp.report", {"muscle": "calf"}),
        ("다시 뭉쳤어", "cramp.report", {}),
    ],
    "the undo with the entry named": [
        ("그 기록 삭제해", "log.undo", {}),
        ("그 기록 지워 줘", "log.undo", {}),
    ],
    "the veins as the cause, asked with -ㄴ지": [
        ("정맥류 때문에 쥐 나는 건지 봐 줘", "check.veins", {}),
    ],
    "the step's instruction asked back (어디/어떻게 V-라고)": [
        ("어느 쪽으로 숙이라고", "coach.repeat", {}),
        ("허리를 어디까지 굽히라고요", "coach.repeat", {}),
        ("발가락을 어떻게 잡으라고 했지", "coach.repeat", {}),
    ],
    "family words kept whole; fillers": [
        ("아들이 종아리에 쥐 났대요", "cramp.report", {"muscle": "calf"}),
        ("할아버지가 쥐가 났대요", "cramp.report", {}),
        ("어우 허벅지", "cramp.report", {"muscle": "thigh"}),
        ("으으 발바닥에 쥐", "cramp.report", {"muscle": "foot"}),
    ],
}

NOT_TAKEN = [
    "수학 시험에서 구 점 받았대",   # a mark received, no rating
    "칠 점 받았어 영어 퀴즈",
    "다른 거 먹어",
    "거짓말하지 마",
]


def test_over_there_is_no_tingling():
    # 저리 (over there) said to a pet sent away is no numbness; 저리다 still is.
    assert screen_tier("나비야 저리 비켜", "ko") == "none"
    assert screen_tier("저리 좀 가", "ko") == "none"
    assert screen_tier("다리가 너무 저려요", "ko") == "soon"


def test_older_readings_kept(ko):
    # No lone 되 or 난 declared: "됐다"/"됐어요" are still forms of 됐어, "쥐 난다" of 났어.
    assert said(ko, "얼마나 됐어요")[0] == "status.elapsed"
    assert said(ko, "쥐 난다")[0] == "cramp.report"
    assert said(ko, "이제 됐다")[0] == "cramp.over"
    assert said(ko, "쥐 풀려서 좋아")[0] == "cramp.over"
    # A rating in the past copula with a time gone by is still a correction; only a question
    # word before it (몇) makes it asked.
    assert said(ko, "어젯밤 건 팔 점이었어") == ("log.correct", {"severity": 8})
    # 아들 is kept whole: no 아니 (a denial) read into "아들이".
    assert ko.language.normalise("아들이") == "아들"
    # 잡아 is not declared: "발을 못 잡아요" still reads 못 잡 (can't reach).
    assert said(ko, "배 때문에 발을 못 잡아요") == ("coach.alternative", {"limit": "reach"})


@pytest.mark.parametrize("text, intent, slots", class_params(CLASSES))
def test_class(ko, text, intent, slots):
    assert said(ko, text) == (intent, slots)


@pytest.mark.parametrize("text", NOT_TAKEN)
def test_not_taken(ko, text):
    assert said(ko, text)[0] is None


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES) + NOT_TAKEN, "ko") == []
