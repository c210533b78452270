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
from tests.rounds import benchmark_rows_among, class_params, screen_tier, sentences_of

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
    "a fact with a request to note it": [
        ("아내가 임신했어 적어 줘", "profile.update", {"item": "pregnant"}),
        ("딸이 임신 중이야 메모해 둬", "profile.update", {"item": "pregnant"}),
        ("저 당뇨병 있어요 기록해 주세요", "profile.update", {"item": "diabetes"}),
        ("당뇨 있다고 적어 놔", "profile.update", {"item": "diabetes"}),
    ],
    "drinking limited, said as what or how much": [
        ("물 마시는 거 의사가 제한했어", "profile.update", {"item": "fluid_limit"}),
        ("물 먹는 거 제한하래요", "profile.update", {"item": "fluid_limit"}),
        ("의사가 물 하루 이 리터 이상 마시지 말래", "profile.update", {"item": "fluid_limit"}),
    ],
    "a medicine started, with when between": [
        ("혈압약 요즘 새로 먹기 시작했어요", "profile.update", {"item": "new_medicine"}),
        ("이뇨제 최근에 먹기 시작했어", "profile.update", {"item": "new_medicine"}),
    ],
    # Red flags in everyday images, heard only (plugins/safety/lang/ko.toml [heard_only.symptom]).
    "chest pain in an image": [
        ("가슴이 찌르듯이 아파요", "safety.symptom", {"symptom": "chest_pain"}),
        ("심장이 쿡쿡 쑤셔", "safety.symptom", {"symptom": "chest_pain"}),
    ],
    "breathless, too much to talk": [
        ("숨이 막혀서 말이 안 나와", "safety.symptom", {"symptom": "breathless"}),
        ("숨이 가쁘고 답답해", "safety.symptom", {"symptom": "breathless"}),
    ],
    "blood coughed up": [
        ("기침했는데 피가 나와요", "safety.symptom", {"symptom": "coughing_blood"}),
        ("피 섞인 가래가 나와", "safety.symptom", {"symptom": "coughing_blood"}),
    ],
    "going dark, losing consciousness": [
        ("눈앞이 깜깜해지고 쓰러질 것 같아", "safety.symptom", {"symptom": "faint"}),
        ("정신이 혼미해", "safety.symptom", {"symptom": "faint"}),
        ("정신을 잃었어", "safety.symptom", {"symptom": "faint"}),
    ],
    "a fit": [
        ("아빠가 몸을 떨면서 경기를 일으켜요", "safety.symptom", {"symptom": "convulsions"}),
    ],
    "red": [
        ("허벅지가 벌겋게 됐어요", "safety.symptom", {"symptom": "redness"}),
        ("발이 뻘겋게 올라왔어", "safety.symptom", {"symptom": "redness"}),
    ],
    "no strength, no feeling": [
        ("다리에 힘이 전혀 없어", "safety.symptom", {"symptom": "weakness"}),
        ("다리 감각이 전혀 없어요", "safety.symptom", {"symptom": "numbness"}),
    ],
    "a long cramp, the time said first": [
        ("한 시간 넘게 쥐가 안 풀려요", "safety.symptom", {"symptom": "long_cramp"}),
        ("사십 분째 쥐가 그대로예요", "safety.symptom", {"symptom": "long_cramp"}),
        ("이십 분 지났는데 아직도 쥐가 안 풀려", "safety.symptom", {"symptom": "long_cramp"}),
    ],
    "every single day": [
        ("하루도 안 빠지고 쥐가 나", "safety.symptom", {"symptom": "frequent"}),
    ],
    "pain walking": [
        ("조금만 걸어도 다리가 아파서 쉬어야 돼", "safety.symptom", {"symptom": "walking_pain"}),
        ("걸을 때마다 발이 아파", "safety.symptom", {"symptom": "walking_pain"}),
    ],
    "bleeding that won't stop": [
        ("피가 안 멈춰요", "safety.symptom", {"symptom": "bleeding"}),
        ("핏줄 터져서 피가 나요", "safety.symptom", {"symptom": "bleeding"}),
    ],
    "twitching, no fit": [
        ("종아리가 파르르 떨려요", "safety.symptom", {"symptom": "twitching"}),
        ("발이 움찔움찔 떨려", "safety.symptom", {"symptom": "twitching"}),
    ],
}


@pytest.mark.parametrize("text, intent, slots", class_params(CLASSES))
def test_class(ko, text, intent, slots):
    assert said(ko, text) == (intent, slots)


@pytest.mark.parametrize("text", [
    "할 만한 거 없나",                # bored: no stretch without 자기 전
    "물 마시니까 좋네",               # told, not asked
    "너랑 상관없어",
    "물 마시는 거 까먹었어",          # forgot to drink: no limit
])
def test_not_taken(ko, text):
    assert said(ko, text)[0] is None


@pytest.mark.parametrize("text, tier", [
    ("하루도 안 빠지고 쥐가 나", "soon"),          # every single day (frequency)
    ("다리에 감각이 하나도 없어", "soon"),         # feeling lost, with 하나도 between
    ("아이가 경기를 해요", "emergency"),          # a fit
    ("축구 경기를 해", "none"),                  # a match
    ("야구 경기를 보는데 쥐가 났어", "none"),
])
def test_screen(text, tier):
    assert screen_tier(text, "ko") == tier


@pytest.mark.parametrize("text", [
    "정신이 없어",                    # busy, no faint
    "온몸이 떨려요",                  # still the convulsion said alone, not twitching
])
def test_no_twitching_or_faint_for_these(ko, text):
    assert said(ko, text)[1].get("symptom") not in ("faint", "twitching")


def test_the_usual_readings_hold(ko):
    assert said(ko, "휴 이제 살 것 같아")[0] == "cramp.over"
    assert said(ko, "다른 방법 없어요")[0] == "coach.alternative"
    assert said(ko, "어젯밤에 쥐가 났었어요")[0] != "summary.request"
    assert said(ko, "하지정맥류가 있어요") == ("profile.update",
                                          {"item": "vein_or_artery_problems"})


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES), "ko") == []
