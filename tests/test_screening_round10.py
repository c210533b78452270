"""Round 10 classes: ordinary cramp talk that must raise nothing, and the real signs beside it
that must keep their answer. Sentences from triage10's probe (``symptoms_*_probe10.tsv``, marked
``probe``) and new ones written for these tests. A cause of the cramp told ("I walked a lot
yesterday", "어제 많이 걸어서 그런지") is not walking pain unless walking is said to bring the
pain on; "the cramp started" is no new medicine (a pillow is not a pill); a swelling said to
have gone down is a recovery, while one that will not go down ("붓기가 안 빠져요") is still a
swelling. English and Korean: the words are each language's data, the rules are shared
(content brief, section 4).
"""

from __future__ import annotations

import pytest

from tests.rounds import screen_tier

# Walking told as the cause of tonight's cramp: nothing.
CAUSES = [
    ("my calf is cramping, I walked a lot yesterday", "en"),  # probe
    ("I did a long hike today and now my calf has cramped up", "en"),  # probe
    ("I walked so much today my calves are cramping", "en"),
    ("took the dog on a long walk this afternoon and now my foot's cramped", "en"),
    ("all that walking round the shops must have done it, my calf's cramped", "en"),
    ("어제 많이 걸어서 그런지 종아리에 쥐가 났어요", "ko"),  # probe
    ("오늘 등산을 오래 해서 다리에 쥐가 났나 봐요", "ko"),  # probe
    ("산책을 오래 했더니 종아리에 쥐가 났어요", "ko"),
    ("낮에 한참 걸어 다녀서 그런지 발에 쥐가 나요", "ko"),
]


@pytest.mark.parametrize(("text", "language"), CAUSES)
def test_walking_told_as_the_cause_is_not_walking_pain(text, language):
    assert screen_tier(text, language) == "none"


# Walking that brings the pain on stays walking pain, a cause told with it or not.
WALKING_PAIN = [
    ("my calf hurts when I walk and I have to stop and rest after a block", "en"),  # probe
    ("I walked a lot yesterday and now my calf hurts every time I walk", "en"),
    ("went for a long walk and had to stop because my calf was killing me", "en"),
    ("걸으면 종아리가 아파서 쉬었다 가야 해요", "ko"),  # probe
    ("많이 걸어서 그런지 요즘은 조금만 걸어도 종아리가 아파요", "ko"),
]


@pytest.mark.parametrize(("text", "language"), WALKING_PAIN)
def test_pain_that_walking_brings_on_is_still_soon(text, language):
    assert screen_tier(text, language) == "soon"


# "Started" is when the cramp began; a pillow is not a pill.
STARTED = [
    ("my head hit the pillow and the cramp started", "en"),  # probe
    ("I put a pillow under my knee and the cramp started", "en"),
    ("I started stretching before bed and it has helped a lot", "en"),  # probe
    ("베개에 머리 대자마자 쥐가 나기 시작했어요", "ko"),  # probe
]


@pytest.mark.parametrize(("text", "language"), STARTED)
def test_a_cramp_that_started_is_no_new_medicine(text, language):
    assert screen_tier(text, language) == "none"


@pytest.mark.parametrize(("text", "language"), [
    ("I started atorvastatin a month ago and since then my legs cramp at night", "en"),  # probe
    ("I've been put on new pills and these cramps began", "en"),
    ("고지혈증 약을 먹기 시작한 뒤로 밤마다 쥐가 나요", "ko"),  # probe
])
def test_a_new_medicine_with_the_cramps_is_still_soon(text, language):
    assert screen_tier(text, language) == "soon"


# A swelling said to have gone down is a recovery.
RECOVERED = [
    ("the swelling went down after I put my feet up", "en"),  # probe
    ("the swelling went down", "en"),
    ("the swelling has gone down now", "en"),
    ("the puffiness has settled", "en"),
    ("다리 붓기가 가라앉았어요", "ko"),  # probe
    ("부기가 다 빠졌어요", "ko"),  # probe
    ("종아리 붓기가 많이 가라앉았어요", "ko"),
]


@pytest.mark.parametrize(("text", "language"), RECOVERED)
def test_a_swelling_gone_down_is_a_recovery(text, language):
    assert screen_tier(text, language) == "none"


# A real sign with the cramp keeps its answer; a swelling that stays is still a swelling.
SIGNS = [
    ("my calf is swollen and hot", "en", "same_day"),
    ("my left calf is swollen and hot and it hurts", "en", "same_day"),  # probe
    ("my left calf is swollen and the swelling won't go down", "en", "same_day"),
    ("the swelling won't go down", "en", "soon"),
    ("왼쪽 종아리가 붓고 뜨겁고 아파요", "ko", "same_day"),  # probe
    ("왼쪽 종아리 부기가 안 빠져요", "ko", "same_day"),
    ("붓기가 안 빠져요", "ko", "soon"),
    ("한쪽 종아리만 빨갛게 부었어요", "ko", "same_day"),  # probe
]


@pytest.mark.parametrize(("text", "language", "tier"), SIGNS)
def test_a_real_sign_with_the_cramp_keeps_its_answer(text, language, tier):
    assert screen_tier(text, language) == tier


# A leg sign told as past and then said to be over, across "but": nothing.
PAST_AND_OVER = [
    ("my calf was hot but it's cooled down now", "en"),
    ("I had a swollen ankle last week but it's fine now", "en"),
    ("my calf was a bit swollen yesterday but it's back to normal", "en"),
    ("my foot was numb for a bit but it's gone now", "en"),
    ("어제는 종아리가 부었었는데 지금은 다 빠졌어요", "ko"),
    ("아까는 종아리가 뜨거웠는데 이제는 괜찮아요", "ko"),
]


@pytest.mark.parametrize(("text", "language"), PAST_AND_OVER)
def test_a_leg_sign_past_and_over_raises_nothing(text, language):
    assert screen_tier(text, language) == "none"


# …but not when the cramp is what is over, the sign is still there, or it is an emergency sign.
STILL_THERE = [
    ("my left calf was swollen and red this morning but the cramp is fine now", "en", "same_day"),
    ("my calf was swollen yesterday but it's fine now and tonight it's swollen and hot again",
     "en", "same_day"),
    ("my calf is swollen but it's fine now", "en", "same_day"),
    ("I passed out but I'm fine now", "en", "emergency"),
    ("왼쪽 종아리가 부었었는데 쥐는 지금은 괜찮아요", "ko", "same_day"),
    ("왼쪽 종아리가 부었고 빨갛고 지금은 안 아파요", "ko", "same_day"),
    ("아까 기절했었는데 지금은 괜찮아요", "ko", "emergency"),
]


@pytest.mark.parametrize(("text", "language", "tier"), STILL_THERE)
def test_a_sign_not_said_to_be_over_keeps_its_answer(text, language, tier):
    assert screen_tier(text, language) == tier


# Said to be over right after it: nothing.
@pytest.mark.parametrize(("text", "language"), [
    ("the tingling stopped once I stood up", "en"),
    ("the redness has faded", "en"),
    ("저린 건 금방 사라졌어요", "ko"),
])
def test_a_sign_said_to_be_over_right_after_it_raises_nothing(text, language):
    assert screen_tier(text, language) == "none"


# What explains or brings on a sign is never a question: "더우면" is the heat, "걸으면" walking.
@pytest.mark.parametrize(("text", "language", "tier"), [
    ("더우면 발목이 붓는데 오늘은 안 부었어요", "ko", "none"),
    ("더우면 왼쪽 발목만 부어요", "ko", "same_day"),
    ("어제 많이 걸어서 그런지 요즘은 걸으면 종아리가 아파요", "ko", "soon"),
    ("I walked a lot yesterday and now it hurts if I walk to the shops", "en", "soon"),
])
def test_a_condition_that_explains_or_brings_on_a_sign_is_no_question(text, language, tier):
    assert screen_tier(text, language) == tier


# A time said of a journey is not the cramp's.
@pytest.mark.parametrize(("text", "language", "tier"), [
    ("지난주에 비행기를 오래 탔는데 다리는 괜찮아요", "ko", "none"),
    ("비행기를 오래 탔는데 왼쪽 종아리가 붓고 아파요", "ko", "same_day"),
    ("버스에서 쥐가 났는데 삼십 분째 안 풀려요", "ko", "same_day"),
])
def test_the_time_of_a_journey_is_not_the_cramps(text, language, tier):
    assert screen_tier(text, language) == tier
