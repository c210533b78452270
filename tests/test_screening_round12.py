"""Round 12 classes: how people describe a sign, and the ordinary talk beside it that must raise
nothing. Sentences from triage12's probe (``symptoms_*_probe12.tsv``, marked ``probe``) and new
ones written for these tests. Walking pain told as the distance it lets one go ("after a couple of
blocks"); urine gone dark or cola-coloured with aching or weak muscles, or on a statin (muscle
breaking down: a check today), while dark urine alone or with too little to drink said is nothing;
a leg gone to sleep under one ("from sitting on it", "다리 꼬고 앉았더니 저렸어요") is no
numbness unless it lasts; a Korean sign told as past with -는데/-지만 and then said to be over
("저렸는데 이제 괜찮아요") is over, one that has not gone down ("부었는데 아직 안 빠졌어요") is not;
a part of the foot not felt; a leg said to have ballooned. No emergency is made unheard by any
of these.
"""

from __future__ import annotations

import pytest

from tests.rounds import screen_tier


# Walking pain told as a distance walked, and rest that eases it.
@pytest.mark.parametrize(("text", "language"), [
    ("my calves cramp up after a couple of blocks and ease off when I stop", "en"),  # probe
    ("I get about two hundred metres and then my calf locks up", "en"),
    ("I can make it to the end of the street before my calf starts aching", "en"),
    ("my calf hurts by the time I get to the bus stop", "en"),
    ("a hundred yards and my left calf is throbbing so I stand still till it passes", "en"),
    ("조금만 걸어도 종아리가 아파서 쉬어야 돼요", "ko"),  # probe
    ("백 미터쯤 걸으면 종아리가 당겨서 멈춰야 해요", "ko"),
])
def test_walking_pain_told_as_a_distance_is_soon(text, language):
    assert screen_tier(text, language) == "soon"


@pytest.mark.parametrize(("text", "language"), [
    ("I ran a few miles this morning and my calves are sore", "en"),
    ("my legs ache after my run", "en"),
    ("I walked the dog round the block and now my calf has cramped", "en"),
])
def test_exercise_and_a_walk_told_as_the_cause_stay_nothing(text, language):
    assert screen_tier(text, language) == "none"


# Urine gone dark, cola or brown, with aching or weak muscles or on a statin: a check today.
@pytest.mark.parametrize(("text", "language"), [
    ("I'm on a statin and my legs ache and my pee's gone dark like cola", "en"),  # probe
    ("my urine looks like coke and my thighs feel weak", "en"),
    ("I'm on simvastatin and my wee has gone brown", "en"),
    ("my pee is really dark and every muscle is sore", "en"),
    ("cola coloured urine and my calves are killing me", "en"),
    ("스타틴 먹는데 온몸이 쑤시고 소변이 콜라색이에요", "ko"),  # probe
    ("고지혈증 약 먹는 중인데 오줌이 갈색이에요", "ko"),
    ("소변이 진하고 허벅지에 힘이 빠져요", "ko"),
    ("근육통이 심한데 소변 색이 간장 같아요", "ko"),
])
def test_dark_urine_with_aching_muscles_or_a_statin_is_same_day(text, language):
    assert screen_tier(text, language) == "same_day"


@pytest.mark.parametrize(("text", "language"), [
    ("my pee is dark, I haven't drunk much today", "en"),
    ("my wee is a bit dark first thing in the morning", "en"),
    ("my urine is dark and I had a cramp, I've not been drinking enough water", "en"),
    ("물을 적게 마셔서 소변이 진해요", "ko"),
    ("아침 첫 소변이 좀 진해요", "ko"),
])
def test_dark_urine_explained_or_alone_is_nothing(text, language):
    assert screen_tier(text, language) == "none"


def test_dark_urine_is_never_taken_for_dark_skin():
    assert screen_tier("my pee has gone dark", "en") == "none"
    assert screen_tier("소변 색이 좀 검어요", "ko") == "none"
    # the skin itself still is
    assert screen_tier("my calf has gone dark and it hurts", "en") == "same_day"


# A leg gone to sleep under one: nothing, unless it lasts.
@pytest.mark.parametrize(("text", "language"), [
    ("my foot went numb from sitting on it", "en"),
    ("I had pins and needles from kneeling too long", "en"),
    ("my leg's tingling because I sat cross-legged", "en"),
    ("pins and needles from sitting on the loo too long, it's going now", "en"),
    ("다리 꼬고 앉아 있었더니 저렸는데 이제 괜찮아요", "ko"),  # probe
    ("쪼그려 앉았더니 다리가 저렸어요", "ko"),
    ("무릎 꿇고 앉았더니 발이 저려요", "ko"),
])
def test_a_leg_gone_to_sleep_under_one_is_no_numbness(text, language):
    assert screen_tier(text, language) == "none"


@pytest.mark.parametrize(("text", "language"), [
    ("I sat on my foot and it's been numb for days", "en"),
    ("깔고 앉았더니 다리가 저린 게 며칠째 안 없어져요", "ko"),
])
def test_numbness_that_lasts_is_soon_whatever_its_cause(text, language):
    assert screen_tier(text, language) == "soon"


# Korean: a sign told as past with -는데/-지만, then said over.
@pytest.mark.parametrize("text", [
    "아까 좀 부었는데 지금은 다 빠졌어요",
    "아까 종아리가 좀 뜨거웠는데 지금은 괜찮아요",
    "발이 저렸는데 이제 괜찮아요",
    "종아리가 빨갰지만 이젠 멀쩡해요",
])
def test_korean_sign_told_as_past_then_over_is_nothing(text):
    assert screen_tier(text, "ko") == "none"


@pytest.mark.parametrize(("text", "tier"), [
    ("종아리가 부었는데 아직 안 빠졌어요", "same_day"),
    ("종아리가 부었는데 쥐는 이제 괜찮아요", "same_day"),
    ("왼쪽 종아리만 벌겋게 붓고 뜨거워요", "same_day"),  # probe
])
def test_korean_sign_not_over_keeps_its_answer(text, tier):
    assert screen_tier(text, "ko") == tier


# A part of the foot or leg not felt.
@pytest.mark.parametrize("text", [
    "I can't feel the bottom of my foot",
    "I can't feel the floor under my left foot",
    "I can hardly feel the side of my calf",
])
def test_a_part_not_felt_is_soon(text):
    assert screen_tier(text, "en") == "soon"


def test_a_cramp_not_felt_any_more_is_nothing():
    assert screen_tier("I can't feel the cramp anymore", "en") == "none"


# The leg said to have grown.
@pytest.mark.parametrize(("text", "tier"), [
    ("my calf has ballooned", "same_day"),
    ("my right ankle's gone huge and it aches", "same_day"),
    ("I had a massive cramp", "none"),
    ("huge cramp in my calf", "none"),
])
def test_a_leg_said_to_have_grown_is_swelling(text, tier):
    assert screen_tier(text, "en") == tier


# None of these makes an emergency unheard.
@pytest.mark.parametrize(("text", "language"), [
    ("my pee is dark and I can't breathe", "en"),
    ("I sat on my foot and it went numb and now my chest is tight", "en"),
    ("my calf swelled up on the walk to the bus stop and now I'm short of breath", "en"),
    ("소변이 콜라색이고 숨이 차요", "ko"),
    ("다리 꼬고 앉았더니 저렸는데 가슴이 조여요", "ko"),
    ("숨이 찼는데 지금은 괜찮아요", "ko"),
])
def test_no_emergency_is_made_unheard(text, language):
    assert screen_tier(text, language) == "emergency"


# Said the way people say them: breath that will not come back, a limit on walking, nights
# ruined, a muscle jumping on its own, feeling not coming, skin gone shiny over a swelling.
@pytest.mark.parametrize(("text", "language", "tier"), [
    ("숨이 안 돌아와요", "ko", "emergency"),
    ("I can't walk far without my calf cramping", "en", "soon"),
    ("멀리 못 걸어요 종아리에 쥐가 나서", "ko", "soon"),
    ("these cramps are ruining my sleep", "en", "soon"),
    ("일주일에 서너 번은 쥐 때문에 깨요", "ko", "soon"),
    ("쥐 때문에 잠을 다 설쳐요", "ko", "soon"),
    ("종아리 근육이 벌렁벌렁 뛰어요", "ko", "soon"),
    ("발바닥에 감각이 잘 안 느껴져요", "ko", "soon"),
    ("my calf is tight and shiny", "en", "same_day"),
    ("종아리가 터질 것 같고 번들번들해요", "ko", "same_day"),
])
def test_signs_said_in_everyday_words(text, language, tier):
    assert screen_tier(text, language) == tier


@pytest.mark.parametrize(("text", "language"), [
    ("놀라서 심장이 벌렁벌렁해요", "ko"),
    ("종아리가 아파서 못 뛰어요", "ko"),
    ("이제 쥐 나는 느낌이 없어요", "ko"),
    ("I slept badly last night", "en"),
])
def test_ordinary_words_beside_them_raise_nothing(text, language):
    assert screen_tier(text, language) == "none"
