"""Round 19 classes (triage round8): the hard edges as people talk at night. Sentences written
for these tests, none a row of any benchmark.

- a pain that catches or stabs with each breath (pleuritic: "every breath stabs", "숨 쉴 때마다
  옆구리가 아파요"): breathing that hurts, an emergency, also beside a swollen calf;
- breathing likened to a straw ("빨대로 숨 쉬는 것 같아요"): breathlessness, an emergency;
- a cramp said to go on since midnight or bedtime, still going ("it's been at it since midnight
  and won't let up"): a long cramp, the same day; one that is over, or cramps counted, is not;
- cramps (plural, or "they") said to have got worse, or to come more times ("횟수가 늘어요"):
  more frequent, soon; one cramp getting worse right now is the cramp;
- dozing at work or school ("회사에서 졸아요"): daytime tiredness, soon;
- the source named as the telly or the radio ("that was the telly, …", "the hospital
  programme"): what was shown, nothing; the speaker's own sign beside it stays;
- the eyes or face swollen (from crying, a sty): no leg sign, nothing; a leg named keeps it;
- a dream ("in my dream I couldn't breathe", "꿈에서 숨이 막혔는데"): nothing, told so in its
  own clause; waking from it into the sign is the sign;
- sympathy for anyone who gets cramps ("my heart goes out to anyone who gets these every
  night"): others in general, nothing; "one of those people who" is the speaker;
- a cramp walked off ("걸어서 풀었대요", "걸으니까 풀렸어요"): no walking pain.
"""

from __future__ import annotations

import pytest

from tests.rounds import benchmark_rows_among, screen_tier, spoken, symptom_rows

EN_CLASSES: dict[str, list[tuple[str, str]]] = {
    "a pain that stabs with each breath": [
        ("each breath i take stabs under my ribs", "emergency"),
        ("it stabs in my side every time i breathe in and my calf is puffy", "emergency"),
        ("breathing in is stabbing me right here", "emergency"),
    ],
    "a stab that is the cramp, breathed through": [
        ("i'm breathing through it but the cramp keeps stabbing", "none"),
    ],
    "a cramp still going since midnight": [
        ("my calf has been knotted since midnight and it still won't let go", "same_day"),
        ("the cramp started before midnight and it hasn't stopped", "same_day"),
        ("it's been cramping since about midnight and it won't ease", "same_day"),
    ],
    "since midnight, but over or counted": [
        ("i had a short cramp just after midnight but it's gone now", "none"),
    ],
    "cramps that have got worse": [
        ("the cramps have got a lot worse this month", "soon"),
        ("my leg cramps are getting worse and worse", "soon"),
        ("they've been getting worse since the summer", "soon"),
    ],
    "one cramp getting worse now is the cramp": [
        ("ow the cramp is getting worse", "none"),
    ],
    "the source named as the telly or radio": [
        ("sorry that was the telly a man in the film was saying he can't breathe", "none"),
        ("it's the radio there's a doctor talking about chest pain", "none"),
        ("that's just the tv someone in the hospital programme collapsed", "none"),
    ],
    "the telly named, the speaker's sign beside it": [
        ("the telly is on and i can't breathe", "emergency"),
        ("the radio alarm went off and he won't wake up", "emergency"),
        ("turned the tv off and now my chest is really tight", "emergency"),
    ],
    "the eyes or face swollen": [
        ("my eyes are puffy from crying", "none"),
        ("my eyelids are all swollen this morning", "none"),
        ("my face is a bit puffy after all that salt", "none"),
        ("my glands are swollen with this cold", "none"),
    ],
    "a leg named with it keeps the swelling": [
        ("my eyes are puffy and my left calf is swollen and sore", "same_day"),
    ],
    "a dream": [
        ("in my dream i couldn't breathe but i'm fine now", "none"),
        ("i had a nightmare where my chest was crushed", "none"),
        ("i dreamt i collapsed in the street", "none"),
    ],
    "waking from a dream into the sign": [
        ("i woke up from a dream and now i can't breathe", "emergency"),
        ("had a bad dream and then my chest started hurting", "emergency"),
    ],
    "sympathy for anyone who gets them": [
        ("i feel for anybody who has these every night", "none"),
        ("pity the people who get cramps most nights", "none"),
    ],
    "one of those people is the speaker": [
        ("i've become one of those people who gets them every night", "soon"),
    ],
}

KO_CLASSES: dict[str, list[tuple[str, str]]] = {
    "숨 쉴 때마다 아픔 (a pain with each breath)": [
        ("숨 쉴 때마다 갈비뼈 밑이 콕콕 아파요", "emergency"),
        ("숨을 들이쉴 때마다 옆구리가 찔러요", "emergency"),
        ("숨 쉴 때 등이 찌르듯이 아프고 종아리가 부었어", "emergency"),
    ],
    "숨 쉬면서 풀었음 (breathing through the cramp)": [
        ("숨 쉬면서 스트레칭했더니 쥐가 풀렸어요", "none"),
    ],
    "빨대로 숨 쉬는 것 같음 (a straw)": [
        ("빨대로 숨을 쉬는 느낌이에요", "emergency"),
        ("꼭 빨대로 숨 쉬는 거 같아 다리도 아프고", "emergency"),
    ],
    "횟수가 늚 (more times)": [
        ("쥐 나는 횟수가 늘었어요", "soon"),
        ("요새 쥐가 나는 횟수가 많아졌어", "soon"),
    ],
    "자정부터 계속 (going since midnight)": [
        ("자정부터 쥐가 계속 안 풀려요", "same_day"),
        ("자정부터 쥐가 났는데 지금은 풀렸어요", "none"),
    ],
    "회사에서 졺 (dozing at work)": [
        ("쥐 때문에 잠을 설쳐서 회사에서 꾸벅꾸벅 졸아", "soon"),
        ("학교에서 수업 시간에 자꾸 졸려요 밤에 다리에 쥐가 나서", "soon"),
    ],
    "눈이 부음 (the eyes swollen)": [
        ("밤새 울어서 눈이 퉁퉁 부었어", "none"),
        ("라면 먹고 자서 얼굴이 부었어요", "none"),
    ],
    "다리를 함께 말함 (a leg said with it)": [
        ("눈도 붓고 왼쪽 종아리도 부어서 아파요", "same_day"),
    ],
    "꿈 (a dream)": [
        ("꿈에서 가슴이 너무 아팠는데 깨 보니 멀쩡해요", "none"),
        ("꿈속에서 누가 쓰러졌어요", "none"),
    ],
    "꿈에서 깨니 증상 (woke into the sign)": [
        ("꿈꾸다가 깼는데 숨이 안 쉬어져요", "emergency"),
    ],
    "걸어서 풀었음 (walked it off)": [
        ("쥐 났는데 좀 걸으니까 풀렸어요", "none"),
        ("딸이 달리다가 쥐가 났는데 걸어서 풀었대", "none"),
    ],
    "걸으면 아픔 stays walking pain": [
        ("조금만 걸어도 종아리가 아파서 쉬어야 해요", "soon"),
    ],
}


@pytest.mark.parametrize(("text", "tier"), [
    pytest.param(t, tier, id=f"{cls}: {t}")
    for cls, rows in EN_CLASSES.items() for t, tier in rows])
def test_round19_classes_in_english(text, tier):
    assert screen_tier(text, "en") == tier


@pytest.mark.parametrize(("text", "tier"), [
    pytest.param(t, tier, id=f"{cls}: {t}")
    for cls, rows in KO_CLASSES.items() for t, tier in rows])
def test_round19_classes_in_korean(text, tier):
    assert screen_tier(text, "ko") == tier


def test_no_test_sentence_is_a_benchmark_row():
    rows = symptom_rows()
    en = [t for rows_ in EN_CLASSES.values() for t, _ in rows_]
    ko = [t for rows_ in KO_CLASSES.values() for t, _ in rows_]
    assert [t for t in en + ko if spoken(t) in rows] == []
    assert benchmark_rows_among(en, "en") == [] and benchmark_rows_among(ko, "ko") == []
